"""What describes each entity: the modifier rules' walks, nested modifiers flattened onto the
entity ("bright red car": bright and red both describe the car), and what pro-forms pass to
their antecedent ("an orange one")."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from binding.grammars.paths import Rule, Step, Walk, first_labels, hops, walk
from binding.grammars.trees import after_comma, first_conjunct, phrase_opener
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.spec import Modifier

Bound = dict[int, tuple[str, str]]  # word index -> (relation, kind)
# a rule with what decides before any walk whether it can start (see ``Modifiers.__init__``)
Gate = tuple[Rule, frozenset[str], frozenset[str], frozenset[str] | None,
             frozenset[str] | None, Step | None, int]
_STARTABLE_LIMIT = 10_000  # distinct (relation, child labels) keys kept


class ModifierSettings(BaseModel):
    """The ``[modifiers]`` table of a grammar file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    not_pos: frozenset[str] = frozenset()  # parts of speech that never describe anything
    # nested modifiers are flattened onto the entity over these labels ("bright red")
    closure: frozenset[str] = frozenset()
    # ... but not into a word with children of these labels (a clause of its own)
    closure_not_having: frozenset[str] = frozenset()
    closure_stops_at_entities: bool = True
    # ... nor across a comma to a noun after its head ("..., vibrant green foliage")
    closure_stops_at_commas: bool = False
    count_relations: frozenset[str] = frozenset()
    count_pos: frozenset[str] = frozenset()
    # parts of speech that count nothing by their relation alone: "a half sandwich" (half/JJ a
    # nummod) describes the portion; quantifiers ("several") still count
    uncounting_pos: frozenset[str] = frozenset()
    compound_relations: frozenset[str] = frozenset()
    conj_relations: frozenset[str] = frozenset()
    # what describes these pro-forms (word lists) describes their antecedent ("an orange one")
    pro_forms: tuple[str, ...] = ()
    # ... and so does what describes a word of these parts of speech heading its phrase
    # ("three cats, two are sleeping")
    pro_form_pos: frozenset[str] = frozenset()
    # numerals that are pro-forms on a plural head ("an orange one rests"), not counts
    numeral_pro_forms: frozenset[str] = frozenset()
    # pro-forms that stand for a whole coordination: what describes them describes every
    # conjunct of the antecedent ("a red fox and a gray wolf, both staring": fox and wolf)
    group_pro_forms: frozenset[str] = frozenset()
    # position words heading an "of" phrase are part of a spatial relation, never modifiers
    # ("a mug left of a kettle"); before a noun they still describe it ("the left hand")
    positions: frozenset[str] = frozenset()
    # a verb takes the object (these labels) of the verb coordinated right after it, the
    # object both share ("chopping and frying vegetables": chopping has one too), and so does
    # not describe its subject as a verb without an object would; unless it is one of these
    # verbs (word lists) that take none ("sitting and reading a book": sitting describes)
    shared_objects: frozenset[str] = frozenset()
    unshared_verbs: tuple[str, ...] = ()
    # a conjunct of a subject (these labels) shares its predicate: "the cat and the dog are
    # black" (black -> dog too), "a man and a woman are walking"
    shared_subjects: frozenset[str] = frozenset()


class Modifiers:
    """The modifier pass of one grammar."""

    def __init__(self, vocab: Vocabulary, settings: ModifierSettings, rules: Sequence[Rule],
                 is_entity: Callable[[DependencyGraph, Word], bool]) -> None:
        self.vocab = vocab
        self.settings = settings
        self.rules = rules
        self.is_entity = is_entity
        self._objects = vocab.labels.set("prepositional_objects")
        self._plural = vocab.labels.set("plural_nouns")
        self._adjectival = vocab.labels.set("adjectival")
        # per rule, what decides before any walk whether it can start: (rule, determiners
        # that skip it, labels the entity must have, labels a first hop down may cross or
        # None, labels a first hop up may cross or None, the first step where it is not
        # optional, its number among the rules' distinct first steps); read once, as ``of``
        # runs every rule on every entity
        first_steps: dict[Step, int] = {}
        self._gates: list[Gate] = []
        for rule in rules:
            first = rule.path[0] if rule.path and not rule.path[0].optional else None
            number = -1 if first is None else first_steps.setdefault(first, len(first_steps))
            self._gates.append((rule, rule.unless_determiner, rule.entity_having,
                                *first_labels(rule.path), first, number))
        self._first_steps = len(first_steps)
        # the rules whose labels let them start, by the entity's relation and its children's
        # labels: most entities are alike, and of 56 rules a handful can start on each
        self._startable: dict[tuple[str, frozenset[str]], tuple[Gate, ...]] = {}

    def _startable_gates(self, relation: str, child_labels: frozenset[str]) -> tuple[Gate, ...]:
        """The rules, in order, whose required child labels, first hop down and first hop up
        an entity of this relation and these children's labels allows."""
        key = (relation, child_labels)
        gates = self._startable.get(key)
        if gates is None:
            gates = tuple(
                gate for gate in self._gates
                if not (gate[2] and not gate[2] <= child_labels)
                and not (gate[3] is not None and gate[3].isdisjoint(child_labels))
                and not (gate[4] is not None and relation not in gate[4]))
            if len(self._startable) < _STARTABLE_LIMIT:
                self._startable[key] = gates
        return gates

    def of(self, graph: DependencyGraph, entity: Word,
           entities: dict[int, str]) -> list[Modifier]:
        """The modifiers of one entity, in text order."""
        bound: Bound = {}
        children = graph.dependents(entity)
        determiners = {c.lower for c in children if c.pos == "DET"}
        opened = bool(determiners)  # the phrase's opening determiner, read when first needed
        # where each distinct first step leads: many rules open alike ("up pobj to of")
        first_hops: list[Walk | None] = [None] * self._first_steps
        child_labels = frozenset(c.relation for c in children)
        startable = self._startable_gates(entity.relation, child_labels)
        for rule, unless, _, _, _, first, number in startable:
            if unless and not opened:
                # "The soft pink rose petals contrasted", The hung on pink: the phrase's own
                opened = True
                determiners = self._opening_determiners(graph, entity, determiners)
            if unless and unless & determiners:
                continue
            if (rule.entity_without and not rule.entity_without.isdisjoint(child_labels)
                    and self._has_own(graph, entity, rule.entity_without)):
                continue
            if first is None:
                walks = walk(self.vocab, graph, entity, rule.path)
            else:
                reached = first_hops[number]
                if reached is None:
                    reached = first_hops[number] = hops(self.vocab, graph, entity, first)
                if not reached:
                    continue
                rest = rule.path[1:]
                walks = [[hop, *tail] for hop in reached
                         for tail in walk(self.vocab, graph, hop[0], rest)]
            for found in walks:
                self._bind(graph, entity, rule, found, bound, entities)
        origin = self._subject_origin(graph, entity)
        if origin is not None:  # "the cat and the dog are black": the dog's predicate too
            for rule, unless, _, _, up, _, _ in self._gates:
                if (up is None or origin.relation not in up
                        or not up & self.settings.shared_subjects):
                    continue
                if unless and not opened:
                    opened = True
                    determiners = self._opening_determiners(graph, entity, determiners)
                if unless & determiners:
                    continue
                for found in walk(self.vocab, graph, origin, rule.path):
                    self._bind(graph, entity, rule, found, bound, entities)
        return [
            Modifier(text=graph[i].text, span=(graph[i].start, graph[i].end),
                     relation=relation, kind=kind,  # type: ignore[arg-type]
                     confidence=graph[i].confidence)
            for i, (relation, kind) in sorted(bound.items())
            if i != entity.index
        ]

    def _has_own(self, graph: DependencyGraph, entity: Word, labels: frozenset[str]) -> bool:
        """Whether the entity has a child so labelled right after it, before any conjunct
        after it: "a wall covered in ivy and a gate made of iron" (covered the wall's, made the
        gate's); not "a man and a woman sitting at a table, drinking wine" (drinking after the
        woman: the pair's)."""
        children = graph.dependents(entity)
        stop = min((c.index for c in children if c.relation in self.settings.conj_relations
                    and c.index > entity.index), default=len(graph.words))
        return any(c.relation in labels and entity.index < c.index < stop for c in children)

    def _opening_determiners(self, graph: DependencyGraph, entity: Word,
                             determiners: set[str]) -> set[str]:
        """An entity with no determiner of its own takes its phrase's opening one, wherever
        the parser hung it."""
        opener = phrase_opener(self.vocab, graph, entity)
        return {opener.lower} if opener is not None and opener.pos == "DET" else determiners

    def _bind(self, graph: DependencyGraph, entity: Word, rule: Rule, found: Walk,
              bound: Bound, entities: dict[int, str]) -> None:
        """Bind the last word a rule's walk reached, and what hangs on it, to the entity."""
        word, label = found[-1]
        if word.index in bound or not self._can_modify(graph, word, entities):
            return
        if rule.same_class and (self.vocab.has(found[0][0], (rule.same_class,))
                                != self.vocab.has(entity, (rule.same_class,))):
            return  # "a kettle and a cat sleeping": only the cat sleeps
        if rule.after_word and not _after_word(graph, word, rule.after_word):
            return
        if rule.after_entity and word.index < entity.index:
            return  # "a person sitting in a chair and a dog": the dog does not sit
        if rule.path[-1].without & self.settings.shared_objects and \
                self._shares_an_object(graph, word):
            return
        relation = rule.relation or label
        kind = rule.kind or self._kind(word, label, None)
        bound[word.index] = (relation, kind)
        self._close_over(graph, word, kind, bound, entities)

    def _subject_origin(self, graph: DependencyGraph, entity: Word) -> Word | None:
        """The subject the entity is a conjunct of ("the dog" in "the cat and the dog are
        black"), or None."""
        if not self.settings.shared_subjects:
            return None
        word, seen = entity, {entity.index}
        while word.relation in self.settings.conj_relations:
            head = graph.head(word)
            if head is None or head.index in seen or not self.vocab.is_nominal(head):
                return None
            seen.add(head.index)
            if head.relation in self.settings.shared_subjects:
                # "the clock with its oval face and triangular hands was ...": a phrase of
                # the subject's between them may be what the conjunct belongs to
                if any(w.pos == "ADP" and w.head == head.index
                       for w in graph.words[head.index + 1:entity.index]):
                    return None
                return head
            word = head
        return None

    def _shares_an_object(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the verb has nothing of its own after it but a conjunction and a verb
        whose object they share ("chopping and frying vegetables")."""
        labels = self.vocab.labels
        if word.pos != "VERB" or self.vocab.has(word, self.settings.unshared_verbs):
            return False
        later = [c for c in graph.children(word) if c.index > word.index]
        if not any(c.relation == labels.coordinator for c in later) or any(
                c.relation not in (labels.coordinator, labels.conj, labels.punct)
                for c in later):
            return False
        conjuncts = [c for c in later if c.relation == labels.conj]
        if not conjuncts or conjuncts[0].pos != "VERB":
            return False
        return any(c.relation in self.settings.shared_objects and c.index > conjuncts[0].index
                   for c in graph.children(conjuncts[0]))

    def _can_modify(self, graph: DependencyGraph, word: Word, entities: dict[int, str]) -> bool:
        if word.pos in self.settings.not_pos:
            return False
        if self.settings.closure_stops_at_entities and word.index in entities:
            return False
        if self.vocab.has(word, ("idle_adverbs", "style")) and not (
                self.vocab.has(word, ("adjective_senses",)) and (
                    (word.pos == "ADJ" and word.relation in self._adjectival)
                    or (word.head is not None and word.index < word.head
                        and self.vocab.is_nominal(graph[word.head])))):
            return False  # "still glows"; but "the still water", "a still/RB lake" are calm
        if word.pos == "VERB" and self.vocab.has(word, ("linking_verbs",)):
            return False  # "feeling curious": the complement describes, the verb does not
        if word.pos == "ADV" and self.vocab.has(word, ("place_adverbs",)):
            return False  # "a dog laying outside": where it lies, not how it looks
        if word.pos == "ADV" and self.vocab.has(word, ("direction_adverbs",)) and (
                word.head is None or graph[word.head].pos in ("VERB", "AUX")):
            return False  # "looking back": where she looks; "a red back door" is a kind
        if word.lower in self.settings.positions and any(
                self.vocab.has(c, ("of",)) for c in graph.children(word)):
            return False  # "a mug left of a kettle": where it is, not how it looks
        # "next" in "sitting next to a dog" links two things; it describes neither
        return not (self.vocab.has(word, ("relational_adverbs",)) and (
            word.pos == "ADV" or any(c.pos == "ADP" for c in graph.children(word))))

    def _kind(self, word: Word, relation: str, inherited: str | None) -> str:
        settings, vocab = self.settings, self.vocab
        if ((relation in settings.count_relations and word.pos not in settings.uncounting_pos)
                or word.pos in settings.count_pos
                or vocab.has(word, ("quantifiers",))):
            return "count"
        if vocab.is_color(word) or vocab.adjectival(word):
            return "attribute"
        if inherited is not None and relation in settings.conj_relations:
            return inherited
        if relation in settings.compound_relations and vocab.is_nominal(word):
            return "compound"
        return "attribute"

    def _close_over(self, graph: DependencyGraph, word: Word, kind: str, bound: Bound,
                    entities: dict[int, str]) -> None:
        """Flatten nested modifiers ("bright red", "very tall", "red and blue") onto the
        entity."""
        settings, vocab = self.settings, self.vocab
        for child in graph.children(word):
            if (child.relation not in settings.closure or child.index in bound
                    or not self._can_modify(graph, child, entities)):
                continue
            if any(c.relation in settings.closure_not_having for c in graph.children(child)):
                continue
            if (settings.closure_stops_at_commas and vocab.is_nominal(child)
                    and not vocab.is_color(child) and after_comma(vocab, graph, child)):
                continue  # "a tiger resting ..., vibrant green foliage": another phrase
            if settings.closure_stops_at_entities and vocab.is_nominal(child) and \
                    not vocab.is_color(child) and child.relation in settings.conj_relations \
                    and (self.is_entity(graph, child) or self._determined(graph, child)):
                continue  # (a determined noun opens a phrase of its own, drawn or not:
                # "its tail curled and its ears down", ears a part not drawn bare)
            child_kind = self._kind(child, child.relation, kind)
            if (child_kind == "count" and kind != "count"
                    and child.relation in settings.count_relations):
                if child.lower in settings.numeral_pro_forms and (
                        word.pos == "ADJ" or vocab.is_color(word)):
                    # (what describes the pro-form still does: "the smaller one white")
                    self._close_over(graph, child, kind, bound, entities)
                    continue  # "two dogs, one brown and one spotted": a pro-form, not a word
                    # of the description (nothing counts an adjective; nor a colour the
                    # tagger called a noun: "the larger one brown/NN")
                child_kind = "attribute"  # a numeral inside a modifier: "a 30 year old woman"
            bound[child.index] = (child.relation, child_kind)
            self._close_over(graph, child, child_kind, bound, entities)

    def _determined(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the word has a determiner or a possessive of its own."""
        labels = self.vocab.labels
        return any(c.relation in (labels.determiner, labels.possessive)
                   for c in graph.children(word))

    def of_pro_forms(self, graph: DependencyGraph, heads: list[Word],
                     entity_ids: dict[int, str]) -> dict[int, list[Modifier]]:
        """What describes a pro-form describes its antecedent: "one grey bird and an orange
        one" (orange -> bird), "two dogs and one that is black" (black -> dogs), and so does
        what describes a numeral standing for a noun phrase ("three cats, two are sleeping":
        sleeping -> cats). The antecedent is the nearest entity before the pro-form that is no
        object of a preposition."""
        settings = self.settings
        if not settings.pro_forms:
            return {}
        found: dict[int, list[Modifier]] = {}
        for word in graph:
            if word.index in entity_ids:
                continue
            elliptical = (word.pos in settings.pro_form_pos
                          and word.relation not in settings.count_relations
                          and not self.vocab.has(word, ("abstract",)))
            if not (elliptical or self.vocab.has(word, settings.pro_forms)):
                continue
            head = graph.head(word)
            if word.relation in settings.count_relations and (
                    word.lower not in settings.numeral_pro_forms or head is None
                    or head.tag not in self._plural):
                continue  # "one bird" counts; "an orange one rests" (one on a plural) does not
            antecedents = [h for h in heads if h.index < word.index
                           and h.relation not in self._objects]
            if not antecedents:
                continue
            modifiers = [m for m in self.of(graph, word, entity_ids) if m.kind != "count"]
            targets = [antecedents[-1]]
            if word.lower in settings.group_pro_forms:
                conj = settings.conj_relations
                top = first_conjunct(graph, antecedents[-1], conj)
                targets = [h for h in antecedents
                           if first_conjunct(graph, h, conj).index == top.index]
            for target in targets:
                found.setdefault(target.index, []).extend(modifiers)
        return found


def _after_word(graph: DependencyGraph, word: Word, before: frozenset[str]) -> bool:
    """The word, or the run of words of its part of speech it ends, follows one of ``before``
    ("a two eleven sign": eleven ends "two eleven", which follows "a")."""
    i = word.index - 1
    while i >= 0 and graph[i].pos == word.pos:
        i -= 1
    return i >= 0 and graph[i].lower in before
