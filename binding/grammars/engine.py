"""The rule engine: a grammar file (TOML data) + a dependency graph -> entities and relations.

A grammar names its label scheme, its word lists and its rules; this module knows no parser
and no particular label set. Rules are paths through the dependency tree:

    [[modifier]]                       # "the car is red": car <-nsubj- is -acomp-> red
    name = "predicative"
    relation = "acomp"
    path = [{ up = ["nsubj"], lexicon = ["copulas"] }, { down = ["acomp"] }]

A step moves ``down`` to children or ``up`` to the head, over the listed relation labels, and
may require the word reached to have a part of speech (``pos``) OR to be in a word list
(``lexicon``), to have a fine-grained tag (``tag``), not to be in a word list (``not_lexicon``),
to lie ``before``/``after`` the previous word (``side``), to lack children with some labels
(``without``) or to have them (``having``), or not to be attached by some labels
(``not_relations``).
``optional`` steps may be skipped. Before binding, the engine applies the repairs the grammar
switches on: hyphenated words become one word, mis-tagged nouns of a known lexicon are
re-tagged, prenominal chains the parser attached outside their noun phrase are re-attached, and
nouns compounded across a conjunction become conjuncts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from binding.graph import DependencyGraph, Word
from binding.spec import Entity, GrammarInfo, Modifier, Relation

HYPHENS = frozenset({"-", "\u2010", "\u2011", "\u2013"})  # hyphen, non-breaking, en dash


@dataclass(frozen=True)
class Step:
    """One hop of a rule path."""

    direction: str  # "down" or "up"
    labels: frozenset[str]
    pos: frozenset[str] = frozenset()
    tag: frozenset[str] = frozenset()
    lexicon: tuple[str, ...] = ()
    not_lexicon: tuple[str, ...] = ()
    side: str | None = None
    without: frozenset[str] = frozenset()
    having: frozenset[str] = frozenset()
    optional: bool = False
    not_relations: frozenset[str] = frozenset()  # labels the word reached must not carry
    without_nouns: frozenset[str] = frozenset()  # labels no noun child of the word may carry


@dataclass(frozen=True)
class Rule:
    name: str
    path: tuple[Step, ...]
    relation: str | None = None  # recorded relation; default: the label of the last hop
    kind: str | None = None  # forced kind; default: decided from the word
    type: str | None = None  # relation rules: type when no connecting words
    reverse: bool = False  # relation rules: the reached entity is the source
    unless_determiner: frozenset[str] = frozenset()  # skip entities with one of these words
    # relation rules: children with these labels of the words reached join the connecting words
    # (UD marks prepositions on their noun: "with" is a case child of "eyes")
    markers: frozenset[str] = frozenset()
    after_word: frozenset[str] = frozenset()  # bind only words right after one of these
    entity_having: frozenset[str] = frozenset()  # only entities with children so labelled
    same_class: str | None = None  # first word reached agrees with the entity on this list


@dataclass(frozen=True)
class Binding:
    """What a grammar finds in one graph, before alignment."""

    entities: list[Entity]
    relations: list[Relation]
    graph: DependencyGraph  # the repaired graph the bindings were read from


@dataclass
class Grammar:
    """A declarative rule set for one label scheme (see the module docstring)."""

    name: str
    version: str
    scheme: str
    lexicons: dict[str, frozenset[str]]
    entity_pos: frozenset[str]
    entity_not_relations: frozenset[str]
    modifier_rules: list[Rule]
    relation_rules: list[Rule]
    closure_relations: frozenset[str]
    modifier_not_pos: frozenset[str]
    count_relations: frozenset[str]
    count_pos: frozenset[str]
    compound_relations: frozenset[str]
    conj_relations: frozenset[str]
    through_path: tuple[Step, ...] = ()
    closure_stops_at_entities: bool = True
    # closure does not pass to a word with children of these labels (UD: "the apple is red and
    # the banana is yellow", yellow is a conjunct of red with its own subject)
    closure_not_having: frozenset[str] = frozenset()
    repair: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    _membership: dict[tuple[str, str], frozenset[str]] = field(
        default_factory=dict, repr=False, compare=False)

    @property
    def info(self) -> GrammarInfo:
        return GrammarInfo(name=self.name, version=self.version)

    # --- word classes -------------------------------------------------------------------

    def in_lexicon(self, word: Word, names: Iterable[str]) -> bool:
        return not self._lexicons_of(word).isdisjoint(names)

    def _lexicons_of(self, word: Word) -> frozenset[str]:
        """Names of the word lists a word is in (memoised: the hot path of binding)."""
        key = (word.text, word.lemma)
        found = self._membership.get(key)
        if found is None:
            forms = _forms(word)
            found = frozenset(name for name, words in self.lexicons.items()
                              if not forms.isdisjoint(words))
            if len(self._membership) < 100_000:
                self._membership[key] = found
        return found

    def is_color(self, word: Word) -> bool:
        return self.in_lexicon(word, ("colors",))

    def _adjectival(self, word: Word) -> bool:
        """An adjective or participle by the word lists, whatever its tag."""
        return self.in_lexicon(word, ("adjectives", "participles"))

    def is_nominal(self, word: Word) -> bool:
        return word.pos in self.entity_pos

    # --- the whole pass -----------------------------------------------------------------

    def bind(self, graph: DependencyGraph) -> Binding:
        graph = self.repaired(graph)
        heads = [w for w in graph if self._is_entity(graph, w)]
        entity_ids = {w.index: f"e{n}" for n, w in enumerate(heads)}
        inherited = self._pro_form_modifiers(graph, heads, entity_ids)
        entities = []
        for w in heads:
            modifiers = self._modifiers(graph, w, entity_ids)
            spans = {m.span for m in modifiers}
            for m in inherited.get(w.index, []):
                if m.span not in spans:  # two pro-forms may reach one word: bind it once
                    modifiers.append(m)
                    spans.add(m.span)
            entities.append(Entity(id=entity_ids[w.index], text=w.text, span=(w.start, w.end),
                                   modifiers=sorted(modifiers, key=lambda m: m.span)))
        relations = self._relations(graph, heads, entity_ids)
        return Binding(entities=entities, relations=relations, graph=graph)

    def _pro_form_modifiers(self, graph: DependencyGraph, heads: list[Word],
                            entity_ids: dict[int, str]) -> dict[int, list[Modifier]]:
        """What describes a pro-form describes its antecedent: "one grey bird and an orange
        one" (orange -> bird), "two dogs and one that is black" (black -> dogs), and so does
        what describes a numeral standing for a noun phrase ("three cats, two are sleeping":
        sleeping -> cats). The antecedent is the nearest entity before the pro-form that is no
        object of a preposition."""
        names = tuple(self.repair.get("pro_forms", ()))
        if not names:
            return {}
        objects = set(self.repair.get("object_of_preposition", ()))
        found: dict[int, list[Modifier]] = {}
        plural = set(self.repair.get("plural_tags", ()))
        numerals = set(self.repair.get("pro_form_pos", ()))
        for word in graph:
            elliptical = (word.pos in numerals and word.relation not in self.count_relations
                          and not self.in_lexicon(word, ("abstract",)))
            if word.index in entity_ids or not (elliptical or self.in_lexicon(word, names)):
                continue
            head = graph.head(word)
            if word.relation in self.count_relations and (
                    word.lower != "one" or head is None or head.tag not in plural):
                continue  # "one bird" counts; "an orange one rests" (one on a plural) does not
            antecedents = [h for h in heads if h.index < word.index
                           and h.relation not in objects]
            if not antecedents:
                continue
            modifiers = [m for m in self._modifiers(graph, word, entity_ids)
                         if m.kind != "count"]
            found.setdefault(antecedents[-1].index, []).extend(modifiers)
        return found

    # --- repairs ------------------------------------------------------------------------

    def repaired(self, graph: DependencyGraph) -> DependencyGraph:
        """The graph after the repairs the grammar switches on, in order. A repair may leave
        a garbled parse with a word its own ancestor (a later repair often mends it), so every
        walk over heads here guards against running in a ring."""
        steps: list[tuple[Any, Any]] = [
            ("merge_hyphenated", merge_hyphenated),
            ("symbols", self._repair_symbols),
            ("stranded_prepositions", self._repair_stranded_prepositions),
            ("verbs_read_as_nouns", self._repair_verbs_read_as_nouns),
            ("nouns_read_as_verbs", self._repair_nouns_read_as_verbs),
            ("adverbs_read_as_nouns", self._repair_adverbs_read_as_nouns),
            ("gerund_participles", self._repair_gerund_participles),
            ("noun_phrases", self._repair_noun_phrases),
            ("coordination", self._repair_coordination),
            ("participle_heads", self._repair_participle_heads),
            ("adjacent_participles", self._repair_adjacent_participles),
            ("phrase_participles", self._repair_phrase_participles),
            ("predicative_objects", self._repair_predicative_objects),
            ("caption_participles", self._repair_caption_participles),
            ("relative_pronoun_tags", self._repair_relative_clauses),
            ("singular_verb_tags", self._repair_subject_agreement),
            ("plural_auxiliaries", self._repair_plural_clause_in_phrase),
            ("subjectless_clauses", self._repair_subjectless_clauses),
            ("colour_phrases", self._repair_colour_phrases),
        ]
        for key, repair in steps:
            if self.repair.get(key):
                graph = repair(graph)
        return graph

    def _repair_adjacent_participles(self, graph: DependencyGraph) -> DependencyGraph:
        """A participle right after a noun, hung beside it on the noun's own head, is the noun's
        participle: "a train arriving and pigeons pecking at crumbs" (pecking an advcl of
        arriving, like pigeons)."""
        labels = set(self.repair.get("adjacent_participles", ()))
        participle = self.repair.get("participle_label", "acl")
        subjects = set(self.repair.get("subject_relations", ()))
        words = list(graph.words)
        for word in graph:
            if (word.index == 0 or word.pos != "VERB" or word.tag != "VBG"
                    or word.relation not in labels):
                continue
            noun = graph[word.index - 1]
            if (self.is_nominal(noun) and noun.head == word.head
                    and not any(c.relation in subjects for c in graph.children(word))):
                words[word.index] = replace(word, head=noun.index, relation=participle)
        return graph.with_words(words)

    def _repair_verbs_read_as_nouns(self, graph: DependencyGraph) -> DependencyGraph:
        """A "noun" with a subject before it is a verb ("waves, huge and foamy, crash against
        the pier": crash/NN with waves its nsubj). So is a known intransitive verb the tagger
        read as the head of a compound, between a singular noun and a preposition or
        conjunction: "a brown dog crouches by a bag" (dog a compound of crouches/NNS). And an
        -ing object of a preposition with an object of its own and a colour before it is a
        participle of the phrase's owner: "dressed in black riding a surfboard"."""
        subjects = set(self.repair.get("subject_relations", ()))
        compound = self.repair.get("compound_label", "compound")
        followers = set(self.repair.get("verb_followers", ()))
        not_clause = set(self.repair.get("object_of_preposition", ())) | {"dobj"}
        words = list(graph.words)

        def verb_tag(w: Word) -> str:
            return "VBZ" if w.lower.endswith("s") else "VBP"

        def rightmost(w: Word, seen: frozenset[int] = frozenset()) -> int:
            return max([w.index, *(rightmost(c, seen | {w.index}) for c in graph.children(w)
                                   if c.index not in seen)])

        objects = self.repair.get("gerund_object_label", "dobj")
        participle = self.repair.get("participle_label", "acl")
        objects_of = set(self.repair.get("object_of_preposition", ()))
        gerund = self.repair.get("gerund_label", "pcomp")
        for word in graph:
            if (word.pos not in ("NOUN", "VERB") or word.index == 0
                    or not word.lower.endswith("ing")):
                continue
            prep = graph.head(word)
            if (word.relation not in objects_of | {gerund} or prep is None
                    or not any(c.relation == objects and c.index > word.index
                               for c in graph.children(word))):
                continue
            # "dressed in black riding a white surfboard" read as [in [black riding]] with
            # a surfboard as the "noun"'s object: riding is a participle, black the object of in
            before = [c for c in graph.children(word) if c.index < word.index
                      and (c.pos == "ADJ" or self.is_color(c))]
            owner = graph.head(prep)
            if owner is not None and owner.relation == participle and owner.pos == "VERB":
                owner = graph.head(owner)
            if not before or owner is None or not self.is_nominal(owner):
                continue
            words[before[-1].index] = replace(
                before[-1], head=prep.index,
                relation=self.repair.get("object_of_preposition", ("pobj",))[0])
            words[word.index] = replace(words[word.index], pos="VERB", tag="VBG",
                                        head=owner.index, relation=participle)
        graph = graph.with_words(words)

        for word in graph:
            if word.pos != "NOUN" or word.index == 0:
                continue
            children = graph.children(word)
            after = graph.next(word)
            if after is None or after.pos not in followers:
                continue
            if any(c.relation in subjects and c.index < word.index
                   and all(w.pos == "PUNCT" for w in graph.words[rightmost(c) + 1 : word.index])
                   for c in children):
                words[word.index] = replace(words[word.index], pos="VERB", tag=verb_tag(word))
                continue
            subject = graph[word.index - 1]
            if (not self.in_lexicon(word, ("intransitive_verbs",))
                    or subject.head != word.index or subject.relation != compound
                    or subject.tag != "NN" or not self.is_nominal(subject)
                    or word.relation in not_clause):
                continue
            words[word.index] = replace(words[word.index], pos="VERB", tag=verb_tag(word))
            words[subject.index] = replace(words[subject.index], relation="nsubj")
            for child in children:
                if child.index < subject.index:
                    words[child.index] = replace(words[child.index], head=subject.index)
        graph = graph.with_words(words)

        # "the dragon breathes fire" parsed with breathes (VBZ, its subject the dragon) a
        # compound of fire: a finite verb with a subject heads a clause, the noun its object
        conj = self.repair.get("conj_label", "conj")
        finite = set(self.repair.get("finite_verb_tags", ()))
        for word in graph:
            noun = graph.head(word)
            if (word.pos != "VERB" or word.tag not in finite or word.relation != compound
                    or noun is None or noun.index != word.index + 1
                    or not self.is_nominal(noun) or not any(
                        c.relation in subjects and c.index < word.index
                        for c in graph.children(word))):
                continue
            top = graph.head(noun)
            relation = conj if top is not None and top.pos in ("VERB", "AUX") else (
                noun.relation)
            words[word.index] = replace(words[word.index], head=noun.head, relation=relation)
            words[noun.index] = replace(words[noun.index], head=word.index, relation=objects)
        return graph.with_words(words)

    def _repair_stranded_prepositions(self, graph: DependencyGraph) -> DependencyGraph:
        """A preposition needs its object: "a duck is flying over some water" parsed with water
        as the verb's object and "over" bare makes water the object of "over"."""
        objects_of = self.repair.get("object_of_preposition", ("pobj",))
        prep_label = self.repair.get("preposition_label", "prep")
        objects = self.repair.get("gerund_object_label", "dobj")
        words = list(graph.words)
        for prep in graph:
            if prep.pos != "ADP" or prep.relation != prep_label or graph.children(prep):
                continue
            for noun in graph.words[prep.index + 1:]:
                if noun.pos in ("DET", "ADJ", "NUM") or self.is_color(noun):
                    continue
                if (self.is_nominal(noun) and noun.relation == objects
                        and noun.head == prep.head):
                    words[noun.index] = replace(noun, head=prep.index, relation=objects_of[0])
                break
        return graph.with_words(words)

    def _repair_colour_phrases(self, graph: DependencyGraph) -> DependencyGraph:
        """A colour phrase right after a prepositional object describes that object: "covered
        in neon signs in pink and blue" parsed with "in pink" on covered -> on signs. Like any
        postnominal phrase it belongs to the nearest noun; only the parser's verb attachment
        puts it further away."""
        prep_label = self.repair.get("preposition_label", "prep")
        objects = set(self.repair.get("object_of_preposition", ("pobj",)))
        colour_in = tuple(self.repair.get("colour_phrases", ()))
        words = list(graph.words)
        for prep in graph:
            if (prep.relation != prep_label or prep.index == 0
                    or not self.in_lexicon(prep, colour_in)):
                continue
            head = graph.head(prep)
            noun = graph[prep.index - 1]
            colour = [c for c in graph.children(prep) if c.relation in objects]
            if (head is None or head.pos != "VERB" or len(colour) != 1
                    or not (self._bare_color(graph, colour[0])
                            or self.in_lexicon(colour[0], ("shades",)))
                    or noun.relation not in objects or not self.is_nominal(noun)
                    or self.is_color(noun)):
                continue
            carrier = graph.head(noun)
            if carrier is not None and carrier.head == head.index:
                words[prep.index] = replace(prep, head=noun.index)
        return graph.with_words(words)

    def _repair_subject_agreement(self, graph: DependencyGraph) -> DependencyGraph:
        """A singular verb agrees with the last of its "coordinated" subjects only when the
        first belongs to the clause before: "you can not see their heads and one is tall"
        parsed as see [heads and one is tall] (or with "heads and one" the object of see and
        "is tall" without a subject) -> see heads, and one is tall."""
        singular = set(self.repair.get("singular_verb_tags", ()))
        plural = set(self.repair.get("plural_tags", ()))
        conj = self.repair.get("conj_label", "conj")
        objects = self.repair.get("gerund_object_label", "dobj")
        clauses = set(self.repair.get("clause_complements", ()))
        subject_relations = set(self.repair.get("subject_relations", ()))
        words = list(graph.words)
        for verb in graph:
            above = graph.head(verb)
            if (verb.tag not in singular or verb.relation not in clauses or above is None
                    or above.pos != "VERB" or above.index > verb.index):
                continue
            subjects = [c for c in graph.children(verb) if c.relation in subject_relations]
            objects_before = [c for c in graph.children(above) if c.relation == objects]
            if subjects and objects_before:
                continue
            if not subjects:  # "see their legs and one is brown" with one a conjunct of legs
                subjects = [c for c in objects_before if c.index < verb.index]
            if (len(subjects) != 1 or subjects[0].tag not in plural
                    or not self.is_nominal(subjects[0]) or subjects[0].index < above.index):
                continue
            first = subjects[0]
            rest = [c for c in graph.children(first) if c.relation == conj
                    and c.index < verb.index and c.tag not in plural]
            if len(rest) != 1:
                continue
            words[first.index] = replace(first, head=above.index, relation=objects)
            words[rest[0].index] = replace(rest[0], head=verb.index, relation="nsubj")
            words[verb.index] = replace(verb, relation=conj)
            for child in graph.children(first):
                if child.index > first.index and child.index != rest[0].index:
                    words[child.index] = replace(words[child.index], head=(
                        rest[0].index if child.index > rest[0].index else above.index))
        return graph.with_words(words)

    def _repair_subjectless_clauses(self, graph: DependencyGraph) -> DependencyGraph:
        """A finite clause needs its subject: "the knight wears silver armor and the dragon is
        green" parsed with dragon a conjunct of armor and "is green" subjectless -> the dragon
        is the subject of "is green"."""
        finite = set(self.repair.get("finite_verb_tags", ())) | {"VBD"}
        conj = self.repair.get("conj_label", "conj")
        objects = self.repair.get("gerund_object_label", "dobj")
        subjects = set(self.repair.get("subject_relations", ()))
        words = list(graph.words)
        for verb in graph:
            above = graph.head(verb)
            if (verb.tag not in finite or verb.relation != conj or above is None
                    or above.index > verb.index
                    or any(c.relation in subjects for c in graph.children(verb))):
                continue
            listed = [n for o in graph.children(above) if o.relation == objects
                      for n in graph.children(o) if n.relation == conj
                      and self.is_nominal(n) and n.index < verb.index]
            if len(listed) != 1 or any(self.is_nominal(w) and w.head != listed[0].index
                                       for w in graph.words[listed[0].index + 1:verb.index]):
                continue
            words[listed[0].index] = replace(listed[0], head=verb.index, relation="nsubj")
        return graph.with_words(words)

    def _repair_plural_clause_in_phrase(self, graph: DependencyGraph) -> DependencyGraph:
        """A plural auxiliary agrees with the plural noun of a *with* phrase, not with the
        singular noun the phrase belongs to: "a living room with two couches with pillows
        are standing by a table" -> the couches are standing (a clause on couches), the room
        heads the caption."""
        auxiliaries = set(self.repair.get("plural_auxiliaries", ()))
        plural = set(self.repair.get("plural_tags", ()))
        objects = set(self.repair.get("object_of_preposition", ("pobj",)))
        relative = self.repair.get("relative_clause_label", "relcl")
        owners = tuple(self.repair.get("part_prepositions", ()))
        words = list(graph.words)
        for verb in graph:
            children = graph.children(verb)
            if verb.pos != "VERB" or not any(c.lower in auxiliaries for c in children):
                continue
            subjects = [c for c in children if c.relation == "nsubj"]
            if len(subjects) != 1 or subjects[0].tag in plural or not self.is_nominal(
                    subjects[0]):
                continue
            subject = subjects[0]
            plurals = [o for p in graph.children(subject) if p.lower in owners
                       for o in graph.children(p) if o.relation in objects
                       and o.tag in plural and self.is_nominal(o) and o.index < verb.index]
            if len(plurals) != 1:
                continue
            words[subject.index] = replace(subject, head=verb.head, relation=verb.relation)
            words[verb.index] = replace(verb, head=plurals[0].index, relation=relative)
        return graph.with_words(words)

    def _repair_relative_clauses(self, graph: DependencyGraph) -> DependencyGraph:
        """A relative pronoun right after a noun opens that noun's clause: "roses that are red
        and tulips that are yellow" parsed with tulips a conjunct of red and the second clause
        on roses -> tulips a conjunct of roses, "that are yellow" the tulips' clause."""
        relative = self.repair.get("relative_clause_label", "relcl")
        pronouns = set(self.repair.get("relative_pronoun_tags", ()))
        conj = self.repair.get("conj_label", "conj")
        words = list(graph.words)
        for clause in graph:
            if clause.relation != relative:
                continue
            opener = [c for c in graph.children(clause) if c.tag in pronouns]
            if len(opener) != 1 or opener[0].index == 0:
                continue
            noun = graph[opener[0].index - 1]
            if (not self.is_nominal(noun) or noun.index == clause.head
                    or noun.index > clause.index):
                continue
            words[clause.index] = replace(clause, head=noun.index)
            # the noun itself hung as a conjunct inside an earlier clause: a conjunct of that
            # clause's noun ("red and tulips")
            inner = graph.head(noun)
            if noun.relation == conj and inner is not None and not self.is_nominal(inner):
                top = inner
                climbed = {top.index}
                while top.relation != relative and graph.head(top) is not None:
                    top = graph.head(top)  # type: ignore[assignment]
                    if top.index in climbed:
                        break  # a ring left by an earlier repair
                    climbed.add(top.index)
                antecedent = graph.head(top)
                if (top.relation == relative and antecedent is not None
                        and self.is_nominal(antecedent)):
                    words[noun.index] = replace(noun, head=antecedent.index)
        return graph.with_words(words)

    def _repair_adverbs_read_as_nouns(self, graph: DependencyGraph) -> DependencyGraph:
        """Adverbs of place and manner the tagger calls nouns ("a mop lying sideways",
        sideways/NNS the object of lying) are adverbs when they have no determiner."""
        relabel = self.repair.get("adverbs_read_as_nouns", {})  # {"dobj": "advmod"}
        words = list(graph.words)
        for word in graph:
            if (self.is_nominal(word) and self.in_lexicon(word, ("adverbs",))
                    and not self._has_determiner(graph, word)):
                words[word.index] = replace(word, pos="ADV", tag="RB",
                                            relation=relabel.get(word.relation, word.relation))
        return graph.with_words(words)

    def _repair_nouns_read_as_verbs(self, graph: DependencyGraph) -> DependencyGraph:
        """Coordination joins like with like: a bare "verb" coordinated with a noun, with no
        dependents of its own, is a noun ("sandwiches and lemonade", lemonade/VB); and a
        finite "verb" as the subject of the participle right after it is one too ("smoke
        rising from the chimney", smoke/VBP)."""
        conj = self.repair.get("conj_label", "conj")
        tags = set(self.repair.get("finite_verb_tags", ()))
        subjects = set(self.repair.get("subject_relations", ()))
        verb_only = set(self.repair.get("verb_only_children", ()))
        words = list(graph.words)
        for word in graph:
            head = graph.head(word)
            if word.pos != "VERB" or word.tag not in tags or head is None:
                continue
            coordinated = (word.relation == conj and self.is_nominal(head)
                           and head.index < word.index and not graph.children(word))
            # "smoke rising from the chimney" (smoke/VBP): a finite verb cannot be a subject;
            # one as the subject of the participle after it, with no verb's dependents, is a noun
            subject = (word.relation in subjects and head.pos == "VERB"
                       and head.tag in ("VBG", "VBN") and head.index == word.index + 1
                       and not any(c.relation in verb_only for c in graph.children(word)))
            if coordinated or subject:
                words[word.index] = replace(word, pos="NOUN", tag="NN")
        return graph.with_words(words)

    def _repair_gerund_participles(self, graph: DependencyGraph) -> DependencyGraph:
        """After "with" or "of", or coordinated with an adjective, an -ing word followed by its
        bare noun "object" is a prenominal participle: "a street with glowing windows" (glowing
        a pcomp, windows its dobj), "the vibrant, swirling colors of the garden"; so is one of
        a verb that takes no object, anywhere ("a castle at dusk, glowing windows")."""
        prepositions = set(self.repair.get("gerund_participles", ()))
        pcomp = self.repair.get("gerund_label", "pcomp")
        objects = self.repair.get("gerund_object_label", "dobj")
        objects_of = self.repair.get("object_of_preposition", ("pobj",))
        conj = self.repair.get("conj_label", "conj")
        objectless = tuple(self.repair.get("objectless_verbs", ()))
        clauses = {self.repair.get("participle_label", "acl"), "advcl"}
        words = list(graph.words)
        for word in graph:
            prep = graph.head(word)
            after = self._bare_object(graph, word, objects)
            if (word.tag != "VBG" or prep is None or after is None
                    or not self.is_nominal(after) or self._has_determiner(graph, after)):
                continue
            if word.relation == conj and prep.pos == "ADJ" and prep.index < word.index:
                # "the vibrant, swirling colors": swirling coordinated with vibrant, colors its
                # "object"; the noun heads the phrase, both words describe it
                adjective = prep
                words[after.index] = replace(after, head=adjective.head,
                                             relation=adjective.relation)
                words[adjective.index] = replace(words[adjective.index], head=after.index,
                                                 relation="amod")
                for child in graph.children(adjective):
                    if child.index != word.index and child.index < adjective.index:
                        words[child.index] = replace(words[child.index], head=after.index)
                continue
            if self.in_lexicon(word, objectless) and word.relation in clauses:
                # "a castle at dusk, glowing windows": glow takes no object; the noun is an
                # item of the list, the participle its modifier
                apposition = self.repair.get("apposition_label", "appos")
                words[after.index] = replace(after, head=prep.index, relation=apposition)
                words[word.index] = replace(word, head=after.index, relation="amod")
                continue
            if word.relation != pcomp or prep.lower not in prepositions:
                continue
            words[after.index] = replace(after, head=prep.index, relation=objects_of[0])
            words[word.index] = replace(word, head=after.index, relation="amod")
            for child in graph.children(word):
                if child.index != after.index:
                    words[child.index] = replace(words[child.index], head=after.index)
        return graph.with_words(words)

    @staticmethod
    def _bare_object(graph: DependencyGraph, word: Word, objects: str) -> Word | None:
        """The noun right after ``word`` that the parser made its object, past the noun's own
        prenominal words ("glowing neon signs": signs, neon its compound)."""
        for after in graph.words[word.index + 1:]:
            if after.head == word.index and after.relation == objects:
                return after
            if after.head is None or after.head <= after.index:
                return None  # not inside a noun phrase that is still to close
        return None

    @staticmethod
    def _phrase_starts_with(graph: DependencyGraph, word: Word, first: set[str]) -> bool:
        """Whether the noun phrase ending in ``word`` opens with one of ``first``, reading back
        over its prenominal words whatever the parse made of them: "The gleaming, silver
        horseshoes" (the parser hangs "The gleaming" apart)."""
        i = word.index - 1
        while i >= 0 and (graph[i].pos in ("ADJ", "NOUN", "PROPN", "ADV", "NUM", "CCONJ")
                          or graph[i].text == ","
                          or (graph[i].pos == "VERB" and graph[i].tag in ("VBG", "VBN"))):
            i -= 1
        return i >= 0 and graph[i].lower in first

    def _repair_symbols(self, graph: DependencyGraph) -> DependencyGraph:
        """Emoji and symbols are no words of a noun phrase: "a lily pad 🌿" parsed with the emoji
        as the head of "lily pad" gives the head back to the noun before it."""
        words = list(graph.words)
        symbol_pos = self.repair.get("symbol_pos", "SYM")
        attach = self.repair.get("symbol_label", "punct")

        def symbol(w: Word) -> bool:
            return not any(ch.isalnum() for ch in w.text) and w.pos not in ("PUNCT", "SPACE")

        for word in graph:
            if not symbol(word) or not self.is_nominal(word):
                continue
            current = words[word.index]
            before = [w for w in graph.children(word) if w.index < word.index
                      and self.is_nominal(w) and not symbol(w)]
            if not before:
                words[word.index] = replace(current, pos=symbol_pos)
                continue
            noun = before[-1]
            words[noun.index] = replace(words[noun.index], head=current.head,
                                        relation=current.relation)
            for child in graph.children(word):
                if child.index != noun.index:
                    words[child.index] = replace(words[child.index], head=noun.index)
            words[word.index] = replace(current, head=noun.index, relation=attach, pos=symbol_pos)
        return graph.with_words(words)

    def _repair_caption_participles(self, graph: DependencyGraph) -> DependencyGraph:
        """A caption is a noun phrase: "a red bus stopped at a bus stop", "a dog curled up by
        the fire". A regular -ed verb tagged past tense, without an auxiliary or an object,
        after a subject without "the", is its noun's past participle (a reduced relative)."""
        tags = self.repair.get("participle_tags", {})
        past = self.repair.get("past_tag", "VBD")
        verb_only = set(self.repair.get("verb_only_children", ()))
        definite = set(self.repair.get("definite_articles", ()))
        words = list(graph.words)
        for word in graph:
            if word.tag != past or not word.lower.endswith("ed") or "ed" not in tags:
                continue
            children = graph.children(word)
            subjects = [c for c in children if c.relation == "nsubj" and c.index < word.index
                        and self.is_nominal(c)]
            if (len(subjects) != 1 or any(c.relation in verb_only for c in children)
                    or self._phrase_starts_with(graph, subjects[0], definite)):
                continue
            words[word.index] = replace(word, tag=tags["ed"])
        return graph.with_words(words)

    def _repair_predicative_objects(self, graph: DependencyGraph) -> DependencyGraph:
        """An adjective or a bare colour is no direct object but a predicative complement:
        "a plane painted white" (white/dobj -> oprd), "the lights flash yellow"."""
        relabel = self.repair.get("predicative_objects", {})  # {"dobj": "oprd"}
        objects_kept = tuple(self.repair.get("object_verbs", ()))  # "wearing black": worn
        words = list(graph.words)
        for word in graph:
            head = graph.head(word)
            if head is not None and self.in_lexicon(head, objects_kept):
                continue
            if word.relation in relabel and (
                    word.pos == "ADJ" or (self.is_color(word)
                                          and not self._has_determiner(graph, word))):
                words[word.index] = replace(word, relation=relabel[word.relation])
                # "painted the fence green" parsed as one phrase [the fence green]: the noun
                # before the colour is the object
                nouns = [c for c in graph.children(word) if c.index < word.index
                         and self.is_nominal(c) and self._has_determiner(graph, c)]
                if nouns and head is not None:
                    words[nouns[-1].index] = replace(nouns[-1], head=head.index,
                                                     relation=word.relation)
        return graph.with_words(words)

    def _repair_phrase_participles(self, graph: DependencyGraph) -> DependencyGraph:
        """A participle after a phrase of the configured prepositions describes the noun the
        phrase belongs to: "a man in a red shirt standing next to a truck" -> the man stands;
        "a dog with a black collar sitting", "a vase filled with roses sitting on a table"
        likewise. Stacked phrases are climbed to their first noun ("an astronaut in a suit with
        a visor walking")."""
        prepositions = set(self.repair.get("phrase_participles", ()))
        participle = self.repair.get("participle_label", "acl")
        words = list(graph.words)
        for verb in graph:
            noun = graph.head(verb)
            if (verb.relation != participle or verb.pos != "VERB" or noun is None
                    or noun.index > verb.index):
                continue
            owner = self._phrase_owner(graph, noun, prepositions)
            if owner is not None:
                words[verb.index] = replace(verb, head=owner.index)
        return graph.with_words(words)

    def _phrase_owner(self, graph: DependencyGraph, noun: Word,
                      prepositions: set[str]) -> Word | None:
        """The noun a chain of postnominal phrases ("in a suit with a visor") belongs to.

        A phrase of the ``owner_prepositions`` ("with") is climbed only from an inanimate
        object to an animate owner (a wearer and what they wear or have: "a dog with a collar
        standing"), or where a participle introduces it ("a vase filled with roses sitting"):
        in "a kitchen with a cat sleeping" the cat sleeps. A part does not act either ("a car
        with black rims parked": the car is parked). Phrases of ``participle_phrases`` are
        climbed only after a participle ("a dragon made of crystal flying": the dragon flies;
        "a lamp shaped like a mushroom glowing"); the object of a verb of ``worn_objects`` is
        climbed to the wearer ("a woman wearing a red dress walking")."""
        conj = self.repair.get("conj_label", "conj")
        participle = self.repair.get("participle_label", "acl")
        guarded = set(self.repair.get("owner_prepositions", ()))
        after_participle = set(self.repair.get("participle_phrases", ()))
        worn = tuple(self.repair.get("worn_objects", ()))
        objects = self.repair.get("gerund_object_label", "dobj")
        animate = tuple(self.repair.get("animate_lexicon", ()))
        owner, needs_animate = None, False
        for _ in range(len(graph.words)):
            listed = noun
            climbed = {noun.index}
            while noun.relation == conj and graph.head(noun) is not None:
                noun = graph.head(noun)  # type: ignore[assignment]
                if noun.index in climbed:
                    return None  # a ring left by an earlier repair: no owner to find
                climbed.add(noun.index)
            verb = graph.head(noun)
            wearer = graph.head(verb) if verb is not None else None
            if (worn and noun.relation == objects and verb is not None and wearer is not None
                    and not self._comma_between(graph, verb.index, listed.index)
                    and verb.relation == participle and self.in_lexicon(verb, worn)
                    and self.is_nominal(wearer) and wearer.index < noun.index):
                owner = noun = wearer  # "a woman wearing a red dress walking": she walks
                continue
            phrase = self._prepositional(graph, noun)
            if phrase is None:
                break
            prep, head = phrase
            through_participle = (head is not None and head.relation == participle
                                  and head.pos == "VERB")
            if not (prep.lower in prepositions
                    or (through_participle and prep.lower in after_participle)):
                break
            if through_participle:
                head = graph.head(head)  # type: ignore[union-attr]
            if head is None or not self.is_nominal(head) or head.index > noun.index:
                break
            if prep.lower in guarded:
                if self.in_lexicon(noun, animate):
                    break
                # a part does not act: what follows "a car with black rims" is the car's
                needs_animate = needs_animate or not (through_participle
                                                      or self.in_lexicon(noun, ("parts",)))
            owner = noun = head
        if owner is not None and needs_animate and not self.in_lexicon(owner, animate):
            return None
        return owner

    def _repair_participle_heads(self, graph: DependencyGraph) -> DependencyGraph:
        """A participle the parser made the head of the noun before it is that noun's
        participle: "a zebra standing alone" (zebra a compound of standing/NOUN) -> zebra, with
        standing after it; "a skirt playing tennis" (one compound) -> skirt, playing, tennis
        its object."""
        tags = self.repair.get("participle_tags", {})  # ending -> tag: {"ing": "VBG", ...}
        endings = tuple(tags)
        participle = self.repair.get("participle_label", "acl")
        takes = set(self.repair.get("participle_head_relations", ()))
        objectless = tuple(self.repair.get("objectless_verbs", ()))
        plural = set(self.repair.get("plural_tags", ()))
        words = list(graph.words)
        for word in graph:
            if (word.index == 0 or word.pos not in ("NOUN", "VERB")
                    or not word.lower.endswith(endings)
                    or self.in_lexicon(word, ("nouns", "frames", "abstract", "aspects"))):
                continue
            after = graph.next(word)
            # "a shirt playing tennis" read as one compound [shirt playing tennis]: the
            # activity is the participle's object, the phrase ends at the noun before it
            activity = (after is not None and word.head == after.index
                        and self.is_nominal(after)
                        and self.in_lexicon(after, ("abstract",)))
            noun = words[word.index - 1]
            # "snow falling, ...", "broken lights flickering, ...": a phrase ending in the -ing
            # word of a verb that takes no object, or after a plural (no compound's first
            # word), ends in a participle
            ends = (after is None or after.text in (",", ".", ";")) and (
                self.in_lexicon(word, objectless) or noun.tag in plural)
            if (after is not None and not activity and not ends
                    and after.pos not in self.repair.get("participle_followers", ())):
                continue  # "its diamond tufting and ...": a noun phrase goes on
            heads = {word.index, after.index} if activity else {word.index}  # type: ignore[union-attr]
            if (noun.head not in heads or noun.relation not in takes
                    or not self.is_nominal(noun) or self.is_color(noun) or self._adjectival(noun)):
                continue
            top = after if activity else word
            root = top.head is None
            words[noun.index] = replace(noun, head=None if root else top.head,
                                        relation=top.relation)
            if activity:
                words[after.index] = replace(after, head=word.index,  # type: ignore[union-attr]
                                             relation=self.repair.get("gerund_object_label",
                                                                      "dobj"))
            tag = next(tags[end] for end in endings if word.lower.endswith(end))
            words[word.index] = replace(word, head=noun.index, relation=participle, pos="VERB",
                                        tag=tag)
            for child in graph.children(top) + (graph.children(word) if activity else []):
                if child.index < noun.index:
                    words[child.index] = replace(words[child.index], head=noun.index)
        return graph.with_words(words)

    def _lexicon_noun(self, graph: DependencyGraph, word: Word) -> bool:
        """A known noun the tagger got wrong, in a slot where only a noun fits."""
        if self.is_nominal(word) or not self.in_lexicon(word, ("nouns",)):
            return False
        if word.index == 0:
            return False
        before = graph[word.index - 1]
        if word.pos in self.repair.get("retag_after_any", ()):
            return self._chain_word(graph, before) or before.pos in ("DET", "NUM")
        if (word.pos == "AUX" and word.head is not None
                and word.relation not in self.repair.get("auxiliary_relations", ())
                and self._chain_word(graph, before)):
            return True  # "an opened beverage can" (can/MD as the object): no verb to help
        if (word.tag in self.repair.get("retag_verb_after_noun", ()) and before.tag == "NN"
                and self.is_nominal(before) and not self.is_color(before)
                and not any(c.relation in self.repair.get("verb_only_children", ())
                            for c in graph.children(word))):
            return True  # "a stop sign" (sign/VB, stop its subject), "teddy bears" (bears/VBZ)
        if (word.tag == "VBG" and before.tag == "NN" and self.is_nominal(before)
                and not self.is_color(before)
                and not self.in_lexicon(before, tuple(self.repair.get("animate_lexicon", ())))
                and not any(c.relation in self.repair.get("verb_only_children", ())
                            for c in graph.children(word))):
            # "a cabbage topping": a known -ing noun after a thing that cannot do it (after
            # "a boy", "drawing" is what the boy does)
            return True
        return before.pos in ("DET", "NUM", "ADJ") or self.is_color(before)

    def _with_article(self, graph: DependencyGraph, word: Word) -> bool:
        """A word with its own indefinite article is a noun, whatever its tag ("a round
        pendant", pendant/ADJ)."""
        articles = set(self.repair.get("articles", ()))
        after = graph.next(word)
        if (word.relation in self.repair.get("argument_relations", ())
                and not self.in_lexicon(word, ("idle_adverbs",))
                and (after is None or (after.pos in ("AUX", "VERB", "ADP", "PUNCT")
                     and after.text != ","))):
            # "the croissant is flaky" (croissant/ADJ as the subject): an argument with "the"
            # that closes its phrase (not "the vibrant, swirling colors")
            articles |= set(self.repair.get("definite_articles", ()))
        return (word.pos in self.repair.get("retag_with_article", ())
                and word.tag not in self.repair.get("never_retag_tags", ())
                and word.relation not in self.repair.get("never_retag_relations", ())
                and any(c.lower in articles and c.index < word.index
                        for c in graph.children(word)))

    def _noun_like(self, graph: DependencyGraph, word: Word) -> bool:
        return (self.is_nominal(word) or self._lexicon_noun(graph, word)
                or self._with_article(graph, word))

    def _chain_word(self, graph: DependencyGraph, word: Word) -> bool:
        """A word that may stand before a noun inside its noun phrase."""
        if word.pos in ("ADJ", "NUM") or self.is_color(word) or self.is_nominal(word):
            return True
        if word.pos == "VERB" and (
                word.relation in self.repair.get("prenominal_verbs", ())
                or (self.in_lexicon(word, ("participles",)) and not self._verbal(graph, word))):
            return True
        if self.in_lexicon(word, ("adjectives",)):
            return True
        return word.pos == "ADV" and not self.in_lexicon(word, ("idle_adverbs",))

    def _noun_by_position(self, graph: DependencyGraph, word: Word, run: list[int]) -> bool:
        """The word closing a run of adjectives is its noun, whatever its tag ("a pyramidal
        bookend", bookend/VERB; "the crescent headboard with", headboard/ADV)."""
        if not run or word.pos not in self.repair.get("retag_final", ()):
            return False
        after = graph.next(word)
        if (word.tag in self.repair.get("participle_tags", {}).values()
                and word.relation in self.repair.get("clause_relations", ())
                and not self.in_lexicon(word, ("nouns",))
                and any(c.index > word.index for c in graph.children(word))):
            # a participle with its own object or phrase: "a man dressed in white sitting on
            # a horse", "a woman wearing red holding a frisbee"
            return False
        if any(self._noun_like(graph, graph[i]) and not self._adjectival(graph[i]) for i in run):
            return False
        if not self._adjectival(graph[run[-1]]) and not self.is_color(graph[run[-1]]):
            return False
        return after is None or after.pos in self.repair.get("boundary_pos", ())

    @staticmethod
    def _has_determiner(graph: DependencyGraph, word: Word) -> bool:
        return any(c.pos == "DET" for c in graph.children(word))

    def _bare_color(self, graph: DependencyGraph, word: Word) -> bool:
        """A colour word without a determiner of its own: a modifier, even if tagged a noun."""
        return self.is_color(word) and not self._has_determiner(graph, word)

    def _verbal(self, graph: DependencyGraph, word: Word) -> bool:
        """A verb that heads a clause ("which is painted green"), not a participle in a noun
        phrase."""
        if word.relation in self.repair.get("clause_relations", ()):
            return True
        clause = set(self.repair.get("clause_children", ()))
        return any(c.relation in clause for c in graph.children(word))

    def _modifier_like(self, graph: DependencyGraph, word: Word) -> bool:
        """A chain word that is not a noun, or a colour whatever its tag ("grey and yellow")."""
        return self._chain_word(graph, word) and (
            self.is_color(word) or not self._noun_like(graph, word))

    def _chains(self, graph: DependencyGraph) -> list[tuple[list[int], int]]:
        """Prenominal chains: runs of modifier-like words closed by a noun, as (words, noun)."""
        chains: list[tuple[list[int], int]] = []
        run: list[int] = []

        def close() -> None:
            nouns = [i for i in run if (self._noun_like(graph, graph[i])
                                        and not self._bare_color(graph, graph[i]))
                     or self._noun_by_position(graph, graph[i], [k for k in run if k < i])]
            if nouns:
                noun = nouns[-1]
                chains.append(([i for i in run if i < noun], noun))
            run.clear()

        words = graph.words
        for i, word in enumerate(words):
            if word.pos == "SPACE":
                continue
            if (self._chain_word(graph, word) or self._lexicon_noun(graph, word)
                    or self._with_article(graph, word)):
                run.append(i)
                continue
            if run and self._noun_by_position(graph, word, run):
                run.append(i)
                close()
                continue
            joins = word.pos == "CCONJ" or word.text == ","
            # "red, purple, and yellow": a comma may stand before the conjunction
            following = i + 2 if (word.text == "," and i + 2 < len(words)
                                  and words[i + 1].pos == "CCONJ") else i + 1
            if (joins and run and self._modifier_like(graph, words[run[-1]])
                    and following < len(words)
                    and self._modifier_like(graph, words[following])):
                run.append(i)
                continue
            if (word.pos == "CCONJ" and run and words[run[-1]].text == ","
                    and i + 1 < len(words) and self._modifier_like(graph, words[i + 1])):
                run.append(i)
                continue
            close()
        close()
        return chains

    def _prenominal_relation(self, word: Word) -> str:
        labels = self.repair.get("attach_as", {})
        if word.pos == "NUM":
            return labels.get("NUM", "nummod")
        if self.is_color(word) or word.pos in ("ADJ", "VERB") or self._adjectival(word):
            return labels.get("ADJ", "amod")
        if word.pos == "ADV":
            return labels.get("ADV", "advmod")
        return labels.get("NOUN", "compound")

    def _repair_noun_phrases(self, graph: DependencyGraph) -> DependencyGraph:
        """Re-attach prenominal words the parser hung outside their noun phrase.

        English noun phrases are head-final: in "a red rose" or "a fire hydrant" the last noun
        is the head. When the parse disagrees (rose tagged VERB with red as its subject,
        hydrant tagged ADV in apposition to fire), the chain is rebuilt around its last noun.
        """
        allowed = set(self.repair.get("prenominal_relations", ()))
        words = list(graph.words)
        for chain, noun_index in self._chains(graph):
            members = set(chain) | {noun_index}
            noun = words[noun_index]
            retag = not self.is_nominal(noun)
            outside = [i for i in chain if words[i].head is None or words[i].head not in members
                       or words[i].head == i]
            noun_inside = noun.head is not None and noun.head in members and noun.head != noun.index
            # numerals count the noun, not a modifier ("1 white rose": 1 hung on white)
            conj = self.repair.get("conj_label", "conj")
            wrong_label = [i for i in chain if words[i].head in members
                           and (words[i].relation not in allowed
                                or (words[i].pos == "NUM" and words[i].head != noun_index)
                                # "white and white boxer dog": boxer hung as a conjunct of
                                # an adjective is the noun's compound
                                or (words[i].relation == conj and self.is_nominal(words[i])
                                    and not self.is_color(words[i])
                                    and not self.is_nominal(words[words[i].head])))]
            if (noun.relation in self.entity_not_relations and not noun_inside
                    and self._has_determiner(graph, noun)):
                # a determined noun phrase is no modifier ("a teal curved surfboard" hung as an
                # adverb): keep its head, drop the label that would hide the entity
                words[noun_index] = replace(words[noun_index],
                                            relation=self.repair.get("unknown_label", "dep"))
            if not (outside or noun_inside or wrong_label or retag):
                continue
            # Nouns inside the chain move only when the parse of the phrase is plainly wrong.
            may_move_nouns = retag or noun_inside
            movable = [i for i in outside if may_move_nouns or not self.is_nominal(words[i])
                       or self.is_color(words[i]) or self._adjectival(words[i])]
            top = None
            if noun_inside:
                top = next((i for i in outside if i in movable), None)
                if top is None:
                    continue
            else:
                # a moved word the noun hangs under ("fire hydrant next to ...": hydrant/ADV
                # under next under fire) gives the noun its place, or the tree would loop
                ancestor, seen = words[noun_index].head, set()
                while ancestor is not None and ancestor not in seen:
                    seen.add(ancestor)
                    if ancestor in movable and words[ancestor].relation not in allowed:
                        top = ancestor
                    ancestor = words[ancestor].head
            if top is not None:
                old = words[top]
                root = old.head is None or old.head == old.index
                words[noun_index] = replace(noun, head=noun_index if root else old.head,
                                            relation=old.relation)
                for k, other in enumerate(words):
                    if other.head == top and k not in members:
                        words[k] = replace(other, head=noun_index)
            if retag:
                words[noun_index] = replace(words[noun_index], pos="NOUN")
            for i in set(movable) | set(wrong_label):
                words[i] = replace(words[i], head=noun_index,
                                   relation=self._prenominal_relation(words[i]))
        return graph.with_words(words)

    def _repair_coordination(self, graph: DependencyGraph) -> DependencyGraph:
        """A noun hung as a modifier on a noun across a conjunction is its conjunct:
        "a red apple and yellow bananas" -> apple and bananas, two entities."""
        relabel = set(self.repair.get("coordination_relations", ()))
        conj = self.repair.get("conj_label", "conj")
        words = list(graph.words)
        materials = tuple(self.repair.get("coordinated_materials", ()))
        compound = self.repair.get("compound_label", "compound")
        loose = relabel | {self.repair.get("unknown_label", "dep")}
        for word in graph:
            head = graph.head(word)
            if (head is None or word.relation not in loose or head.index < word.index
                    or self.is_color(word)):
                continue
            paired = [c for c in graph.children(word) if c.relation == conj
                      and c.index < head.index and self.is_nominal(c)
                      and self.in_lexicon(c, materials)] if materials else []
            if paired and (self.in_lexicon(word, materials) or not self.is_nominal(word)):
                # "a glass and steel skyscraper", "a wooden and metal chair": the materials
                # of one thing, nouns before it
                for c in paired:
                    words[c.index] = replace(c, head=head.index, relation=compound)
                continue
            if not self.is_nominal(word):
                continue
            partner = graph.words[word.index + 2] if word.index + 2 < head.index else None
            if (materials and partner is not None and self.in_lexicon(word, materials)
                    and graph[word.index + 1].pos == "CCONJ"
                    and self._inside_phrase_of(graph, partner, head)
                    and self.in_lexicon(partner, materials)):
                # "a huge brass and mahogany airship" with mahogany on the airship already
                words[word.index] = replace(word, relation=compound)
                for child in graph.children(word):
                    if child.relation not in ("cc", "punct"):
                        words[child.index] = replace(words[child.index], head=head.index)
                continue
            if word.relation not in relabel:
                continue
            between = graph.words[word.index + 1 : head.index]
            if any(w.pos == "CCONJ" for w in between):
                words[word.index] = replace(word, relation=conj)
        # "a bottle and office supplies" parsed with office a conjunct of bottle: a bare noun
        # right before another noun is that noun's compound
        for word in graph:
            after = graph.next(word)
            first = words[word.head] if word.head is not None else None
            listed = after is not None and (
                (after.relation in (conj, self.repair.get("apposition_label", "appos"))
                and after.head not in (None, word.index))
                # "a bottle and office supplies": bottle is by now a conjunct of supplies
                or (first is not None and first.head == after.index and first.relation == conj))
            if (word.relation == conj and self.is_nominal(word) and not self.is_color(word)
                    and after is not None and self.is_nominal(after) and listed
                    and after.head != word.index and word.head != after.index
                    and all(c.index < word.index for c in graph.children(word))):
                words[word.index] = replace(words[word.index], head=after.index,
                                            relation=compound)
                for child in graph.children(word):  # "a large area rug": large -> rug
                    if child.relation not in ("cc", "punct"):
                        words[child.index] = replace(words[child.index], head=after.index)
        graph = graph.with_words(words)
        return self._repair_coordinated_modifiers(graph)

    @staticmethod
    def _comma_between(graph: DependencyGraph, start: int, end: int) -> bool:
        """Whether a comma stands among the words ``start`` to ``end`` (end excluded)."""
        return any(w.text == "," for w in graph.words[start:end])

    def _after_comma(self, graph: DependencyGraph, word: Word) -> bool:
        """A noun hung after its head across a comma heads a phrase of its own, whatever the
        label: "a tiger resting on a rock, vibrant green foliage" (foliage an npadvmod)."""
        return (word.head is not None and word.head < word.index
                and self._comma_between(graph, word.head + 1, word.index))

    @staticmethod
    def _inside_phrase_of(graph: DependencyGraph, word: Word, head: Word) -> bool:
        """Whether ``word`` hangs, through words before ``head``, on ``head``: "mahogany" in
        "mahogany steampunk airship"."""
        climbed = {word.index}
        while word.head is not None and word.index < head.index:
            if word.head == head.index:
                return True
            word = graph[word.head]
            if word.index in climbed:
                return False
            climbed.add(word.index)
        return False

    def _repair_coordinated_modifiers(self, graph: DependencyGraph) -> DependencyGraph:
        """Coordinated modifiers before one noun, parsed as the head of a coordination with the
        noun as their conjunct: "a book, used and unused napkins" (used a clause on book) ->
        used and unused both on napkins, napkins a conjunct of book; "a huge brass and
        mahogany airship" (brass the head) -> brass and mahogany both on the airship."""
        conj = self.repair.get("conj_label", "conj")
        compound = self.repair.get("compound_label", "compound")
        materials = tuple(self.repair.get("coordinated_materials", ()))
        prenominal = {"amod", "compound"}
        words = list(graph.words)
        for word in graph:
            material = bool(materials) and self.is_nominal(word) and self.in_lexicon(
                word, materials)
            adjectival = word.pos in ("ADJ", "VERB") and word.tag not in (
                "VBG", "VBZ", "VBP", "VB") and word.head is not None
            if not (material or adjectival):
                continue
            nouns = [c for c in graph.children(word) if c.relation == conj
                     and c.index > word.index + 2 and self.is_nominal(c)]
            if not nouns:
                continue
            noun = nouns[0]
            between = graph.words[word.index + 2 : noun.index]
            if (graph[word.index + 1].pos != "CCONJ" or not between
                    or any(w.head != noun.index or w.relation not in prenominal
                           for w in between)):
                continue
            if material and not self.in_lexicon(between[0], materials):
                continue
            if adjectival and between[0].pos != "ADJ":
                continue
            head = graph.head(word)
            relation = conj if head is not None and self.is_nominal(head) \
                and head.index < word.index else word.relation
            words[noun.index] = replace(noun, head=word.head, relation=relation)
            words[word.index] = replace(word, head=noun.index,
                                        relation=compound if material else "amod")
            for child in graph.children(word):
                if child.index > noun.index or child.relation in ("det", "amod", "nummod"):
                    words[child.index] = replace(words[child.index], head=noun.index)
        return graph.with_words(words)

    # --- prepositions: heads of their noun (ClearNLP) or case markers on it (UD) ------------

    def _case_markers(self, graph: DependencyGraph, word: Word) -> list[Word]:
        """A noun's preposition where the scheme marks it on the noun (``case_relations``)."""
        case = self.repair.get("case_relations", ())
        return [c for c in graph.children(word) if c.relation in case] if case else []

    def _prepositional(self, graph: DependencyGraph, noun: Word) -> tuple[Word, Word | None] | None:
        """(preposition, word the phrase belongs to) of the object of a preposition, or None."""
        if noun.relation not in self.repair.get("object_of_preposition", ()):
            return None
        if self.repair.get("case_relations"):
            markers = self._case_markers(graph, noun)
            return (markers[0], graph.head(noun)) if markers else None
        prep = graph.head(noun)
        return None if prep is None else (prep, graph.head(prep))

    # --- entities -----------------------------------------------------------------------

    def _has_of_phrase(self, graph: DependencyGraph, word: Word) -> bool:
        of_labels = set(self.repair.get("of_phrase_relations", ("prep",)))
        return any(c.relation in of_labels
                   and (c.lower == "of"
                        or any(m.lower == "of" for m in self._case_markers(graph, c)))
                   for c in graph.children(word))

    def _place_object(self, graph: DependencyGraph, word: Word) -> bool:
        """The object of a locative preposition ("in the background"), not of "with" (parts),
        nor a place noun that names a thing: one with an indefinite article or a describing
        word of its own ("a girl in a light blue top", "against a blue background")."""
        phrase = self._prepositional(graph, word)
        if phrase is None or phrase[0].lower in self.repair.get("part_prepositions", ()):
            return False
        articles = self.repair.get("articles", ())
        describing = set(self.repair.get("describing_relations", ()))
        return not any(
            c.lower in articles
            or (c.relation in describing and c.index < word.index
                and not self.in_lexicon(c, ("locations", "idle_adverbs", "quantifiers")))
            for c in graph.children(word))

    def _quoted(self, graph: DependencyGraph, word: Word) -> bool:
        """A word standing alone between quotation marks."""
        quotes = self.repair.get("quote_tags", ())
        if not quotes or word.index == 0:
            return False
        after = graph.next(word)
        return (graph[word.index - 1].tag in quotes and after is not None
                and after.tag in quotes)

    def _undescribed_part(self, graph: DependencyGraph, word: Word) -> bool:
        """A part named through its whole, with no description of its own ("his paws", "the
        grill of a car"), is drawn with its whole; "a cat with blue eyes" has described eyes."""
        children = graph.children(word)
        whole = self._has_of_phrase(graph, word) or any(
            c.relation == self.repair.get("possessive_label", "poss") and c.pos == "PRON"
            for c in children)
        described = set(self.repair.get("describing_relations", ()))
        subjects = set(self.repair.get("subject_relations", ()))
        return (whole and word.relation not in subjects
                and not any(c.relation in described or c.pos == "NUM" for c in children))

    def _is_entity(self, graph: DependencyGraph, word: Word) -> bool:
        compounds = self.compound_relations
        if not self.is_nominal(word):
            return False
        if word.relation in self.entity_not_relations and not (
                self.repair.get("comma_phrases", False) and self._after_comma(graph, word)):
            return False
        if self.in_lexicon(word, ("abstract",)):
            return False
        if self.in_lexicon(word, ("locations",)) and (
                self._has_of_phrase(graph, word) or self._place_object(graph, word)):
            return False
        if not any(ch.isalnum() for ch in word.text):  # emoji, symbols
            return False
        if self._quoted(graph, word):
            return False  # a sign that says "OPEN": the word is mentioned, not drawn
        authors = self.repair.get("author_prepositions", ())
        head = graph.head(word)
        owner = graph.head(head) if head is not None else None
        if (owner is not None and self.in_lexicon(head, ("of",))  # type: ignore[arg-type]
                and self.in_lexicon(owner, ("picturing",))):
            return False  # "depth of field", "in the style of Monet": how, not what
        if (word.pos == "PROPN" and head is not None and head.lower in authors
                and word.relation in self.repair.get("object_of_preposition", ())):
            return False  # "by Greg Rutkowski": who made the picture, not what it shows
        negative = self.repair.get("negative_determiners", ())
        if any(c.lower in negative for c in graph.children(word)):
            return False  # "a cake with no icing": nothing to draw
        if self.in_lexicon(word, ("parts",)) and self._undescribed_part(graph, word):
            return False
        if self.in_lexicon(word, ("frames",)) and (
                self._has_of_phrase(graph, word)
                or not self._has_determiner(graph, word)):
            return False
        if self.in_lexicon(word, ("quantities", "aspects")) and self._has_of_phrase(graph, word):
            return False
        if self.is_color(word):
            # "an orange" is a fruit; "a lake, calm and silver" describes the lake; in
            # "a red and a blue car" red describes the car like blue does; "in the red",
            # "painted a light blue" name a colour, not a thing.
            if any(c.relation in self.conj_relations and self.is_nominal(c)
                   and any(self.is_color(m) for m in graph.children(c))
                   for c in graph.children(word)):
                return False
            if not self.in_lexicon(word, ("color_things",)):
                return False
            # "whipped cream", "ice cream", "orange coral": a participle, a noun or another
            # colour before it makes the word a thing, as an article does
            made_thing = any(c.index < word.index and (
                # "bright orange coral": a colour describes a thing, not another colour
                (self.is_color(c) and c.relation in compounds | {"amod"})
                or (not self.is_color(c) and (
                    (c.relation in compounds and self.is_nominal(c))
                    or c.tag in ("VBN", "VBG"))))
                for c in graph.children(word))
            return made_thing or self._has_determiner(graph, word)
        return True

    # --- paths --------------------------------------------------------------------------

    def _matches(self, step: Step, previous: Word, word: Word) -> bool:
        if (step.pos or step.lexicon) and not (
                word.pos in step.pos or self.in_lexicon(word, step.lexicon)):
            return False
        if step.not_lexicon and self.in_lexicon(word, step.not_lexicon):
            return False
        if step.tag and word.tag not in step.tag:
            return False
        if word.relation in step.not_relations:
            return False
        if step.side == "before":
            return word.index < previous.index
        if step.side == "after":
            return word.index > previous.index
        return True

    def _walk(self, graph: DependencyGraph, start: Word,
              path: Sequence[Step]) -> list[list[tuple[Word, str]]]:
        """Every way ``path`` leads from ``start``: lists of (word reached, label crossed)."""
        if not path:
            return [[]]
        step, rest = path[0], path[1:]
        found: list[list[tuple[Word, str]]] = []
        if step.optional:
            found.extend(self._walk(graph, start, rest))
        if step.direction == "down":
            hops = [(c, c.relation) for c in graph.children(start) if c.relation in step.labels]
        else:
            head = graph.head(start)
            hops = [(head, start.relation)] if head and start.relation in step.labels else []
        for word, label in hops:
            if not self._matches(step, start, word):
                continue
            children = graph.children(word)
            labels = {c.relation for c in children}
            if step.without & labels or not step.having <= labels:
                continue
            if step.without_nouns and any(c.relation in step.without_nouns
                                          and self.is_nominal(c) for c in children):
                continue
            found.extend([(word, label), *tail] for tail in self._walk(graph, word, rest))
        return found

    # --- modifiers ----------------------------------------------------------------------

    def _can_modify(self, graph: DependencyGraph, word: Word, entities: dict[int, str]) -> bool:
        if word.pos in self.modifier_not_pos:
            return False
        if self.closure_stops_at_entities and word.index in entities:
            return False
        if self.in_lexicon(word, ("idle_adverbs", "style")):
            return False
        # "next" in "sitting next to a dog" links two things; it describes neither
        return not (self.in_lexicon(word, ("relational_adverbs",)) and (
            word.pos == "ADV" or any(c.pos == "ADP" for c in graph.children(word))))

    def _kind(self, word: Word, relation: str, inherited: str | None) -> str:
        if (relation in self.count_relations or word.pos in self.count_pos
                or self.in_lexicon(word, ("quantifiers",))):
            return "count"
        if self.is_color(word) or self._adjectival(word):
            return "attribute"
        if inherited is not None and relation in self.conj_relations:
            return inherited
        if relation in self.compound_relations and self.is_nominal(word):
            return "compound"
        return "attribute"

    def _modifiers(self, graph: DependencyGraph, entity: Word,
                   entities: dict[int, str]) -> list[Modifier]:
        bound: dict[int, tuple[str, str]] = {}  # word index -> (relation, kind)
        determiners = {c.lower for c in graph.children(entity) if c.pos == "DET"}
        for rule in self.modifier_rules:
            if rule.unless_determiner & determiners:
                continue
            if rule.entity_having and not rule.entity_having <= {
                    c.relation for c in graph.children(entity)}:
                continue
            for walk in self._walk(graph, entity, rule.path):
                word, label = walk[-1]
                if word.index in bound or not self._can_modify(graph, word, entities):
                    continue
                if rule.same_class and (self.in_lexicon(walk[0][0], (rule.same_class,))
                                        != self.in_lexicon(entity, (rule.same_class,))):
                    continue  # "a kettle and a cat sleeping": only the cat sleeps
                if rule.after_word and not self._after_word(graph, word, rule.after_word):
                    continue
                relation = rule.relation or label
                kind = rule.kind or self._kind(word, label, None)
                bound[word.index] = (relation, kind)
                self._close_over(graph, word, kind, bound, entities)
        return [
            Modifier(text=graph[i].text, span=(graph[i].start, graph[i].end),
                     relation=relation, kind=kind,  # type: ignore[arg-type]
                     confidence=graph[i].confidence)
            for i, (relation, kind) in sorted(bound.items())
            if i != entity.index
        ]

    @staticmethod
    def _after_word(graph: DependencyGraph, word: Word, before: frozenset[str]) -> bool:
        """The word, or the run of words of its part of speech it ends, follows one of
        ``before`` ("a two eleven sign": eleven ends "two eleven", which follows "a")."""
        i = word.index - 1
        while i >= 0 and graph[i].pos == word.pos:
            i -= 1
        return i >= 0 and graph[i].lower in before

    def _close_over(self, graph: DependencyGraph, word: Word, kind: str,
                    bound: dict[int, tuple[str, str]], entities: dict[int, str]) -> None:
        """Flatten nested modifiers ("bright red", "very tall", "red and blue") onto the entity."""
        for child in graph.children(word):
            if (child.relation not in self.closure_relations or child.index in bound
                    or not self._can_modify(graph, child, entities)):
                continue
            if any(c.relation in self.closure_not_having for c in graph.children(child)):
                continue
            if (self.repair.get("comma_phrases", False) and self.is_nominal(child)
                    and not self.is_color(child) and self._after_comma(graph, child)):
                continue  # "a tiger resting ..., vibrant green foliage": another phrase
            if self.closure_stops_at_entities and self.is_nominal(child) and \
                    not self.is_color(child) and child.relation in self.conj_relations and \
                    self._is_entity(graph, child):
                continue
            child_kind = self._kind(child, child.relation, kind)
            bound[child.index] = (child.relation, child_kind)
            self._close_over(graph, child, child_kind, bound, entities)

    # --- relations ----------------------------------------------------------------------

    def _relations(self, graph: DependencyGraph, heads: list[Word],
                   entities: dict[int, str]) -> list[Relation]:
        through = tuple(self.repair.get("through_lexicon", ()))
        through_path = self.through_path
        found: dict[tuple[str, str], Relation] = {}
        for head in heads:
            for rule in self.relation_rules:
                for walk in self._walk(graph, head, rule.path):
                    for full in self._extend_through(graph, walk, through, through_path):
                        target = full[-1][0]
                        if target.index not in entities or target.index == head.index:
                            continue
                        connectors = [w for w, _ in full[:-1]]
                        if rule.markers:
                            connectors += _markers(graph, [w for w, _ in full], rule.markers)
                        source_id, target_id = head.index, target.index
                        if rule.reverse:
                            source_id, target_id = target_id, source_id
                        key = (entities[source_id], entities[target_id])
                        if key in found:
                            continue
                        found[key] = self._relation(graph, key, connectors, rule)
        return list(found.values())

    def _extend_through(self, graph: DependencyGraph, walk: list[tuple[Word, str]],
                        through: tuple[str, ...],
                        path: tuple[Step, ...]) -> list[list[tuple[Word, str]]]:
        """Continue a walk that ends on a place noun ("in front of", "on top of")."""
        if not walk or not through or not path or not self.in_lexicon(walk[-1][0], through):
            return [walk]
        longer = [walk + tail for tail in self._walk(graph, walk[-1][0], path)]
        return longer or [walk]

    @staticmethod
    def _relation(graph: DependencyGraph, key: tuple[str, str], connectors: list[Word],
                  rule: Rule) -> Relation:
        if connectors:
            ordered = sorted(connectors, key=lambda w: w.index)
            first, last = ordered[0], ordered[-1]
            inside = {w.index for w in ordered}
            between = graph.words[first.index : last.index + 1]
            if all(w.index in inside or w.pos == "DET" for w in between):
                text = graph.text[first.start : last.end]  # "to the left of", as written
            else:
                text = " ".join(w.text for w in ordered)
            return Relation(source=key[0], target=key[1], type=text,
                            span=(first.start, last.end))
        return Relation(source=key[0], target=key[1], type=rule.type or rule.name)


def _markers(graph: DependencyGraph, words: list[Word], labels: frozenset[str]) -> list[Word]:
    """Children of ``words`` with ``labels``, and theirs (UD "next to": next -fixed-> to)."""
    found: list[Word] = []
    todo = [c for w in words for c in graph.children(w) if c.relation in labels]
    while todo:
        word = todo.pop()
        found.append(word)
        todo += [c for c in graph.children(word) if c.relation in labels]
    return found


def _forms(word: Word) -> set[str]:
    """The forms a word is looked up by in lexicons: lower text, lemma, crude singular."""
    lower = word.text.lower()
    forms = {lower, word.key}
    if lower.endswith("es") and len(lower) > 4:
        forms.add(lower[:-2])
    if lower.endswith("s") and len(lower) > 3:
        forms.add(lower[:-1])
    return forms


def merge_hyphenated(graph: DependencyGraph) -> DependencyGraph:
    """Join hyphen-linked tokens with no space between ("black-and-white", "long-haired",
    "t-shirt") into one word, headed like the token whose head lies outside the group."""
    words = graph.words
    groups: list[list[int]] = []
    i = 0
    while i < len(words):
        group = [i]
        j = i
        while (j + 2 < len(words) and words[j + 1].text in HYPHENS
               and words[j].end == words[j + 1].start and words[j + 1].end == words[j + 2].start
               and words[j + 2].text not in HYPHENS and words[j].text not in HYPHENS):
            group += [j + 1, j + 2]
            j += 2
        groups.append(group)
        i = j + 1
    if all(len(g) == 1 for g in groups):
        return graph
    new_index = {}
    for n, group in enumerate(groups):
        for old in group:
            new_index[old] = n
    merged: list[Word] = []
    for n, group in enumerate(groups):
        members = set(group)
        tops = [k for k in group if words[k].head is None or words[k].head not in members
                or words[k].head == k]
        top = words[tops[-1] if tops else group[-1]]
        start, end = words[group[0]].start, words[group[-1]].end
        text = graph.text[start:end]
        if top.head is None:
            head = None
        elif top.head in members:
            head = n
        else:
            head = new_index[top.head]
        merged.append(Word(index=n, text=text, start=start, end=end, pos=top.pos,
                           relation=top.relation, head=head,
                           lemma=top.lemma if len(group) == 1 else text.lower(), tag=top.tag,
                           confidence=top.confidence))
    return graph.with_words(merged)
