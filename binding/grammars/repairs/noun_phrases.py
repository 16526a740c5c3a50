"""English noun phrases are head-final: the parser's prenominal words go back to their noun.

In "a red rose" or "a fire hydrant" the last noun is the head. When the parse disagrees (rose
tagged VERB with red as its subject, hydrant tagged ADV in apposition to fire), the chain of
prenominal words is found from the tags and word lists, and rebuilt around its last noun.
"""

from __future__ import annotations

import operator
from dataclasses import replace

from pydantic import BaseModel, ConfigDict

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    bare_color,
    comma_between,
    has_article,
    has_determiner,
    is_root,
    loop_above,
    lower_case_proper,
    place_after_preposition,
)
from binding.grammars.vocabulary import CLOSED_CLASSES, Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


class AttachAs(BaseModel):
    """The label a re-attached prenominal word gets, by its part of speech."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    NUM: str  # keyed by the universal part of speech
    ADJ: str  # colours, adjectives, participles
    ADV: str
    NOUN: str  # anything else


@registry.repairs("noun_phrases")
class NounPhrases(Repair):
    """Re-attach prenominal words the parser hung outside their noun phrase, re-tagging the
    phrase's last noun where the tagger got it wrong."""

    prenominal_relations: frozenset[str]  # labels a word inside a noun phrase may carry
    prenominal_verbs: frozenset[str]  # a verb hung on the noun by these is prenominal
    # parts of speech of a known noun that may follow any modifier ("a fire hydrant": ADV)
    retag_after_any: frozenset[str]
    # tags of a known noun after a singular noun that closes a compound ("a stop sign": VB)
    retag_verb_after_noun: frozenset[str] = frozenset()
    verb_only_children: frozenset[str] = frozenset()  # ... unless it has what only verbs have
    auxiliary_relations: frozenset[str] = frozenset()  # a noun tagged as an auxiliary helps none
    # the word closing a run of adjectives is its noun, whatever its part of speech, before these
    retag_final: frozenset[str]
    boundary_pos: frozenset[str]
    participle_tags: frozenset[str] = frozenset()  # ... but not a participle heading a clause
    clause_relations: frozenset[str] = frozenset()  # a verb hung so heads a clause
    clause_children: frozenset[str] = frozenset()  # ... and so does one with these children
    # a word with its own article is a noun whatever its tag ("a round pendant")
    articles: Words
    retag_with_article: frozenset[str]
    never_retag_tags: frozenset[str] = frozenset()
    never_retag_relations: frozenset[str] = frozenset()
    # ... and so is an argument with "the" that closes its phrase ("the croissant is flaky")
    argument_relations: frozenset[str] = frozenset()
    complement_relations: frozenset[str] = frozenset()  # "glow red": red ends its phrase
    # labels of a noun that measures an adjective ("a 30 year/npadvmod old woman"): the
    # numeral on it counts the measure, not the phrase's noun
    measure_relations: frozenset[str] = frozenset()
    definite_articles: Words = frozenset()
    animate: WordLists = ()  # an -ing noun after one of these is what it does ("a boy drawing")
    attach_as: AttachAs
    # a word the tagger nearly read as a common noun (Word.alternative_tags) counts as a known
    # noun: "a green square/JJ and red rectangle", "by the grill/JJ, string lights"
    nearly_nouns: bool = False
    # word lists of nouns that are adjectives too ("mass_light": light): one tagged an
    # adjective right after a describing word, closing its phrase before a comma or the end,
    # is the phrase's noun ("rays of colored light/JJ, wooden pews": not a modifier of pews)
    closing_nouns: WordLists = ()
    # labels of an adverb: a re-tagged noun hung so on a verb after it is that verb's subject
    # ("a golden retriever/RB running ahead": the retriever runs)
    adverb_relations: frozenset[str] = frozenset()

    needs = ("conj", "unknown", "singular_noun", "plural_noun", "present_participle",
             "subjects", "base_verb", "present_verb", "subject")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        return _Phrases(self, vocab, graph).repaired()


class _Phrases:
    """The noun-phrase repair on one graph."""

    def __init__(self, settings: NounPhrases, vocab: Vocabulary, graph: DependencyGraph) -> None:
        self.s = settings
        self.vocab = vocab
        self.graph = graph

    def repaired(self) -> DependencyGraph:
        """Rebuild every chain, then look again on the rebuilt graph until nothing changes: a
        noun re-tagged in one phrase may open a longer one ("triangular etching added depth":
        etching/VERB closes a phrase, then as a noun it stands inside one like "a baby
        spotted rabbit"), and a repair applied twice must give what it gave once."""
        graph = self.graph
        for _ in range(len(graph.words) + 1):
            words = list(self.graph.words)
            for chain, noun_index in self._chains():
                before = list(words)
                self._rebuild(words, chain, noun_index)
                if all(map(operator.is_, words, before)):
                    continue  # the phrase was parsed right: nothing to untangle
                if not _untangled(words, before, noun_index, set(chain)):
                    words[:] = before  # a rebuild that would loop the tree is not made
            rebuilt = self.graph.with_words(words)
            if rebuilt is self.graph:
                break
            self.graph = rebuilt
        return self.graph

    def _rebuild(self, words: list[Word], chain: list[int], noun_index: int) -> None:
        """Hang the chain's words on its noun, in ``words``."""
        s, vocab, graph = self.s, self.vocab, self.graph
        conj = vocab.labels.conj
        allowed = s.prenominal_relations
        members = set(chain) | {noun_index}
        noun = words[noun_index]
        retag = not vocab.is_nominal(noun)
        outside = [i for i in chain if words[i].head is None or words[i].head not in members
                   or words[i].head == i]
        noun_inside = noun.head is not None and noun.head in members and noun.head != noun.index
        # numerals count the noun, not a modifier ("1 white rose": 1 hung on white), save the
        # one right before a measure ("a 30 year old woman": 30 on year, a measure of old)
        wrong_label = [i for i in chain if words[i].head in members
                       and (words[i].relation not in allowed
                            or (words[i].pos == "NUM" and words[i].head != noun_index
                                and not (words[i].head == i + 1 and words[i + 1].relation
                                         in s.measure_relations))
                            # "white and white boxer dog": boxer hung as a conjunct of
                            # an adjective is the noun's compound
                            or (words[i].relation == conj and vocab.is_nominal(words[i])
                                and not vocab.is_color(words[i])
                                and not vocab.is_nominal(words[words[i].head])))]  # type: ignore[index]
        if (noun.relation in vocab.noun_modifier_relations and not noun_inside
                and has_determiner(graph, noun)):
            # a determined noun phrase is no modifier ("a teal curved surfboard" hung as an
            # adverb): keep its head, drop the label that would hide the entity; after a verb
            # it is the verb's object ("recording a podcast", podcast/npadvmod)
            above = graph.head(noun)
            relation = (vocab.labels.object if above is not None and above.pos == "VERB"
                        and above.index < noun_index and vocab.labels.object
                        else vocab.labels.unknown)
            words[noun_index] = replace(words[noun_index], relation=relation)
        if not (outside or noun_inside or wrong_label or retag):
            return
        # Nouns inside the chain move only when the parse of the phrase is plainly wrong.
        may_move_nouns = retag or noun_inside
        movable = [i for i in outside if may_move_nouns or not vocab.is_nominal(words[i])
                   or vocab.is_color(words[i]) or vocab.adjectival(words[i])
                   or self._twin_argument(words[i], noun)]
        top = None
        if noun_inside:
            top = next((i for i in outside if i in movable), None)
            if top is None:
                return
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
            root = is_root(old)
            words[noun_index] = replace(noun, head=noun_index if root else old.head,
                                        relation=old.relation)
            for k, other in enumerate(words):
                if other.head == top and k not in members:
                    words[k] = replace(other, head=noun_index)
        if retag:
            words[noun_index] = replace(words[noun_index], pos="NOUN")
            head = words[noun_index].head
            if (words[noun_index].relation in s.adverb_relations and head is not None
                    and head > noun_index and words[head].pos == "VERB"):
                words[noun_index] = replace(words[noun_index], relation=vocab.labels.subject)
            # "a pyramidal bookend" (a on pyramidal/NOUN, bookend/ADJ): the phrase's
            # determiner is its noun's
            for i in chain:
                if graph[i].pos != "NOUN":
                    continue  # "the green next to" keeps its noun, green
                for child in graph.children(graph[i]):
                    if child.pos == "DET" and child.index < chain[0]:
                        words[child.index] = replace(words[child.index], head=noun_index)
        for i in set(movable) | set(wrong_label):
            if words[i].pos in ("PUNCT", "CCONJ"):  # the commas and "and" of a list of
                words[i] = replace(words[i], head=noun_index)  # modifiers keep their labels
                continue
            words[i] = replace(words[i], head=noun_index,
                               relation=self._prenominal_relation(words[i]))
        # "A medieval/NN blacksmith's forge" (A on medieval, the "subject"): the article of a
        # word brought back from outside the phrase is the noun's (where the noun was re-tagged
        # the branch above decides: "the green next to" keeps its noun, green)
        for i in movable if not retag else ():
            for child in graph.children(graph[i]):
                if (child.pos == "DET" and child.index < chain[0]
                        and words[child.index].head == i):
                    words[child.index] = replace(words[child.index], head=noun_index)

    def _twin_argument(self, word: Word, noun: Word) -> bool:
        """Whether a noun of the chain is a second argument of the same kind of the noun's
        own head: "a koi fish swims" parsed with koi and fish both subjects of swims (a verb
        has one subject; the chain's first noun is the compound)."""
        return (word.head is not None and word.head == noun.head and word.head != word.index
                and word.relation == noun.relation
                and word.relation in self.s.argument_relations)

    def _chains(self) -> list[tuple[list[int], int]]:
        """Prenominal chains: runs of modifier-like words closed by a noun, as (words, noun)."""
        vocab, graph = self.vocab, self.graph
        chains: list[tuple[list[int], int]] = []
        run: list[int] = []

        retag_final = self.s.retag_final

        def close() -> None:
            # the last noun of the run closes the chain: asked from the end, it is found first
            for at in range(len(run) - 1, -1, -1):
                word = graph[run[at]]
                if ((self._noun_like(word)
                     and (not bare_color(vocab, graph, word) or self._plural_thing(word)))
                        or (word.pos in retag_final  # (run is in text order)
                            and self._noun_by_position(word, run[:at]))):
                    chains.append((run[:at], run[at]))
                    break
            run.clear()

        words = graph.words
        for i, word in enumerate(words):
            if word.pos == "SPACE":
                continue
            if word.pos != "PUNCT" and (self._chain_word(word) or self._lexicon_noun(word)
                                        or self._with_article(word)):
                run.append(i)  # (punctuation is never in a phrase: the cheap test first)
                continue
            if not run:
                continue  # no run to go on or to close
            if self._noun_by_position(word, run):
                run.append(i)
                close()
                continue
            joins = word.pos == "CCONJ" or vocab.is_comma(word)
            # "red, purple, and yellow": a comma may stand before the conjunction
            following = i + 2 if (vocab.is_comma(word) and i + 2 < len(words)
                                  and words[i + 1].pos == "CCONJ") else i + 1
            if (joins and run and self._modifier_like(words[run[-1]])
                    and following < len(words) and self._modifier_like(words[following])
                    and not (vocab.is_comma(word) and (
                        # (an argument's adverb may close the run: "flashes silver overhead,
                        # underwater photography"; an adverb before a comma describes nothing
                        # after it)
                        any(self._verb_argument(words[k]) for k in run)
                        or self._clause(run)
                        or words[run[-1]].pos == "ADV"
                        or self._closed(words[run[-1]]) or self._tag(run)))):
                run.append(i)
                continue
            if (word.pos == "CCONJ" and run and vocab.is_comma(words[run[-1]])
                    and i + 1 < len(words) and self._modifier_like(words[i + 1])):
                run.append(i)
                continue
            close()
        close()
        return chains

    def _clause(self, run: list[int]) -> bool:
        """Whether the run holds a verb and its subject, a clause ("swords drawn, blue
        flames": swords the subject of drawn): it joins no later tag."""
        subjects = self.vocab.labels.set("subjects")
        return any(self.graph[k].relation in subjects and self.graph[k].head in run
                   and self.graph[self.graph[k].head].pos == "VERB" for k in run)

    def _tag(self, run: list[int]) -> bool:
        """A single word after a comma that closed a noun's tag is a tag of its own: "1boy,
        male focus, solo, white hair" (solo no describing word of the hair); in "a pink,
        green, and blue kite" a describing word stands before the comma."""
        if len(run) != 1 or run[0] < 2 or not self.vocab.is_comma(self.graph[run[0] - 1]):
            return False
        return not self._modifier_like(self.graph[run[0] - 2])

    def _closed(self, word: Word) -> bool:
        """A numeral, or a word with a determiner of its own, closes its phrase at a comma: "50
        mm, shallow dof" (a lens), "in the 1940s, copper pots" (a time) join no later tag;
        so does a place noun right after its preposition ("butter melting on top, white
        plate": top no colour of the plate)."""
        return (word.pos == "NUM" or any(c.pos == "DET" for c in self.graph.children(word))
                or place_after_preposition(self.vocab, self.graph, word))

    def _verb_argument(self, word: Word) -> bool:
        """A word the parser made a verb's argument or complement ends its phrase at a comma:
        "a ball glows faint purple, dark fantasy" (purple the object of glows), "lanterns glow
        red, neon signs flicker" (red its complement) join no later tag."""
        head = self.graph.head(word)
        return (word.relation in self.s.argument_relations | self.s.complement_relations
                and head is not None and head.pos in ("VERB", "AUX")
                # a "subject" before its verb goes on: "The prickly, brown cacti dotted ..."
                and head.index < word.index)

    def _complement(self, word: Word) -> bool:
        """A word the parser made the complement of a verb before it ("painted blue")."""
        head = self.graph.head(word)
        return (word.relation in self.s.complement_relations and head is not None
                and head.pos == "VERB" and head.index < word.index)

    def _lexicon_noun(self, word: Word) -> bool:
        """A known noun (or a known animate: "a glass hummingbird/VBG hovering") the tagger
        got wrong, in a slot where only a noun fits."""
        s, vocab, graph = self.s, self.vocab, self.graph
        if vocab.is_nominal(word) or not (vocab.has(word, ("nouns", "animate"))
                                          or (self.s.nearly_nouns and self._nearly_noun(word))
                                          or self._closing_noun(word)):
            return False
        if word.index == 0:
            return False
        labels = vocab.labels
        if (word.tag in (labels.present_participle, labels.past_tense, labels.past_participle)
                and word.lemma != word.lower and not vocab.has_form(word, ("nouns",))):
            # known by its lemma only: "the towering, ominous clouds", "the glacier towered
            # over the tundra" (tower)
            return False
        before = graph[word.index - 1]
        if word.pos in s.retag_after_any:
            # (right after a preposition, only where the phrase ends: "looking at viewer/JJ,
            # blue dress", but "with orange flowers")
            return self._chain_word(before) or before.pos in ("DET", "NUM") or (
                before.pos == "ADP" and (word.index + 1 == len(graph)
                                         or vocab.is_comma(graph[word.index + 1])))
        if (word.pos == "AUX" and word.head is not None
                and word.relation not in s.auxiliary_relations and self._chain_word(before)):
            return True  # "an opened beverage can" (can/MD as the object): no verb to help
        singular = vocab.labels.singular_noun
        if (word.tag in s.retag_verb_after_noun
                and (before.tag == singular or lower_case_proper(before))
                and vocab.is_nominal(before) and not vocab.is_color(before)
                and (not self._verb_children(word) or self._disagrees_as_verb(word, before))
                and not self._agrees_as_verb(word, before)):
            return True  # "a stop sign" (sign/VB, stop its subject), "teddy bears" (bears/VBZ)
        if (word.tag == vocab.labels.present_participle and before.tag == singular
                and vocab.is_nominal(before) and not vocab.is_color(before)
                and not vocab.has(before, s.animate)
                and not any(c.relation in s.verb_only_children for c in graph.children(word))):
            # "a cabbage topping": a known -ing noun after a thing that cannot do it (after
            # "a boy", "drawing" is what the boy does)
            return True
        if (word.tag == vocab.labels.present_participle and before.pos == "ADP"
                and not any(c.relation in s.verb_only_children for c in graph.children(word))):
            return True  # "a cake with frosting and sugar flowers": no object, so no gerund
        return before.pos in ("DET", "NUM", "ADJ") or vocab.is_color(before)

    def _closing_noun(self, word: Word) -> bool:
        """A word of ``closing_nouns`` tagged an adjective, right after a describing word and
        before a comma or the end: "colored light/JJ, wooden pews"; "light blue" and "a light,
        airy room" stay adjectives."""
        if (not self.s.closing_nouns or word.pos != "ADJ" or word.index == 0
                or not self.vocab.has(word, self.s.closing_nouns)):
            return False
        after = self.graph.next(word)
        return (self.graph[word.index - 1].pos in ("ADJ", "VERB")
                and (after is None or self.vocab.is_comma(after) or after.pos == "PUNCT"))

    def _nearly_noun(self, word: Word) -> bool:
        """Not a verb (a finite verb nearly read as a noun is still a verb: "rosemary
        surround/VBP it"), but nearly a noun, after a describing word ("a green square/JJ
        and red rectangle") or closing its phrase ("by the grill/JJ, string lights"); not
        an adjective coordinated after an article ("a cozy/JJ and inviting floor") nor one
        after a noun ("skin pale/JJ as porcelain")."""
        labels = self.vocab.labels
        if word.pos not in self.s.retag_after_any or not any(
                tag in (labels.singular_noun, labels.plural_noun)
                for tag in word.alternative_tags):
            return False
        if word.index == 0 or self.vocab.is_nominal(before := self.graph[word.index - 1]):
            return False  # "skin pale/JJ as porcelain": a noun's predicate
        after = self.graph.next(word)
        return (after is None or (after.pos in self.s.boundary_pos and after.pos != "CCONJ")
                or self._chain_word(before))  # (a describing word: no noun, above)

    def _verb_children(self, word: Word) -> bool:
        """Whether the word has what only a verb has (an object, an auxiliary), in its own
        comma part: one past a comma stands in a later tag ("autumn leaves/VBZ falling, warm
        golden light/dobj")."""
        return any(c.relation in self.s.verb_only_children
                   and not comma_between(self.vocab, self.graph, word.index, c.index)
                   for c in self.graph.children(word))

    def _agrees_as_verb(self, word: Word, before: Word) -> bool:
        """A 3rd-person "-s" word after a singular noun that has its own singular article is
        that noun's verb, not a plural compound: "a raven watches from", "a red fishing boat
        ties up" (*a* opens no plural phrase), where "teddy bears" has none."""
        return word.tag == self.vocab.labels.third_person_verb and (
            has_article(self.graph, before, self.s.articles, before.index)
            or self._opened_by_article(before))

    def _disagrees_as_verb(self, word: Word, before: Word) -> bool:
        """A base or plural present form right after a noun with its own singular article is
        no verb of it, whatever the parser gave it for an object: "a bathroom with a corner
        shower/VB a white toilet" (a list without commas: the toilet is no object)."""
        labels = self.vocab.labels
        return word.tag in (labels.base_verb, labels.present_verb) and (
            has_article(self.graph, before, self.s.articles, before.index)
            or self._opened_by_article(before))

    def _opened_by_article(self, noun: Word) -> bool:
        """Whether a singular article opens the run of describing words before the noun,
        wherever the parser hung it: "A red, grey and white airplane passes overhead" (A on
        passes). A conjunction or comma after a noun ends the run ("a bowl and teddy bears")."""
        graph, vocab = self.graph, self.vocab
        for i in range(noun.index - 1, -1, -1):
            word = graph[i]
            if word.pos == "DET":
                return word.lower in self.s.articles
            if word.pos == "CCONJ" or vocab.is_comma(word):
                if not i or not self._modifier_like(graph[i - 1]):
                    return False
            elif not self._chain_word(word):
                return False
        return False

    def _with_article(self, word: Word) -> bool:
        """A word with its own indefinite article is a noun, whatever its tag ("a round
        pendant", pendant/ADJ)."""
        s, vocab, graph = self.s, self.vocab, self.graph
        if word.pos not in s.retag_with_article or word.relation in s.never_retag_relations:
            return False  # the cheap tests first: this runs on every word
        if word.tag in s.never_retag_tags and not any(
                c.relation == vocab.labels.adjectival and c.index < word.index
                for c in graph.dependents(word)):
            # a comparative takes no describing word: "a steep glacier/JJR" is a noun
            return False
        before = graph[word.index - 1] if word.index else None
        if (before is not None and before.tag == vocab.labels.singular_noun
                and vocab.is_nominal(before) and self._agrees_as_verb(word, before)):
            return False  # "A red, grey and white airplane passes" with A hung on passes
        articles = s.articles
        after = graph.next(word)
        if (word.relation in s.argument_relations and not vocab.has(word, ("idle_adverbs",))
                and (after is None or (after.pos in ("AUX", "VERB", "ADP", "PUNCT")
                     and not vocab.is_comma(after)))):
            # "the croissant is flaky" (croissant/ADJ as the subject): an argument with "the"
            # that closes its phrase (not "the vibrant, swirling colors")
            articles = articles | s.definite_articles
        return has_article(graph, word, articles, word.index)

    def _noun_like(self, word: Word) -> bool:
        if (word.pos == "VERB" and self._verb_with_object(word)
                # "some black cabinets a brown oven/VB a tea kettle": a known noun in a
                # finite verb's tag is no verb with an object (a participle may be one:
                # "riding a horse")
                and not (word.tag not in self.s.participle_tags
                         and self.vocab.has_form(word, ("nouns",)))):
            return False
        return (self.vocab.is_nominal(word) or self._lexicon_noun(word)
                or self._with_article(word))

    def _verb_with_object(self, word: Word) -> bool:
        """Whether a word tagged a verb has an object after it with its own determiner: then
        it closes no noun phrase, as no noun phrase follows a noun without a preposition ("in
        a vest and orange helmet riding a horse": riding/VBG with horse its object)."""
        return any(
            c.relation in self.s.verb_only_children and c.index > word.index
            and has_determiner(self.graph, c) for c in self.graph.dependents(word))

    def _chain_word(self, word: Word) -> bool:
        """A word that may stand before a noun inside its noun phrase."""
        vocab = self.vocab
        if word.pos in CLOSED_CLASSES:
            return False  # no colour, adjective or participle is tagged so
        if word.pos in ("ADJ", "NUM") or vocab.is_nominal(word) or vocab.is_color(word):
            return True
        if word.pos == "VERB" and (
                word.relation in self.s.prenominal_verbs
                or (vocab.has(word, ("participles",)) and not self._verbal(word))):
            return True
        if vocab.has(word, ("adjectives",)):
            return True
        if (vocab.has(word, ("color_things",)) and (after := self.graph.next(word)) is not None
                and vocab.is_color(after)):
            return True  # "rose/VBD gold case", "lime green": a thing's name as a shade
        return word.pos == "ADV" and not vocab.has(word, ("idle_adverbs",))

    def _noun_by_position(self, word: Word, run: list[int]) -> bool:
        """The word closing a run of adjectives is its noun, whatever its tag ("a pyramidal
        bookend", bookend/VERB; "the crescent headboard with", headboard/ADV)."""
        s, vocab, graph = self.s, self.vocab, self.graph
        if not run or word.pos not in s.retag_final or vocab.has(
                word, ("idle_adverbs", "relational_adverbs")):
            # ("a man in black and white also/RB holds up": no noun, ever; nor "next" of
            # "a vase that is tall and green next to a lamp")
            return False
        after = graph.next(word)
        if (word.tag in s.participle_tags and word.relation in s.clause_relations
                # (by its form: "swinging" is no noun, though a swing is)
                and not vocab.has_form(word, ("nouns",))
                and (any(c.index > word.index for c in graph.dependents(word))
                     or (word.head is not None and word.head < run[0]))):
            # a participle with its own object or phrase: "a man dressed in white sitting on
            # a horse", "a woman wearing red holding a frisbee"; or one of a noun before the
            # run: "a man dressed in black and red standing by ..." (standing the man's)
            return False
        if any(self._noun_like(graph[i]) and not vocab.adjectival(graph[i]) for i in run):
            return False
        subjects = vocab.labels.set("subjects")
        if any(c.relation in subjects and c.index < run[0] for c in graph.children(word)):
            return False  # "a girl dressed in black holds up a racket": the girl's verb
        if any(self._complement(graph[i]) for i in run):
            return False  # "which is painted blue stands": blue says how the bench is painted
        if not vocab.adjectival(graph[run[-1]]) and not vocab.is_color(graph[run[-1]]):
            return False
        return after is None or after.pos in s.boundary_pos

    def _verbal(self, word: Word) -> bool:
        """A verb that heads a clause ("which is painted green"), not a participle in a noun
        phrase."""
        if word.relation in self.s.clause_relations:
            return True
        return any(c.relation in self.s.clause_children for c in self.graph.children(word))

    def _modifier_like(self, word: Word) -> bool:
        """A chain word that is not a noun, or a colour whatever its tag ("grey and yellow")."""
        return self._chain_word(word) and not self._plural_thing(word) and (
            self.vocab.is_color(word) or not self._noun_like(word))

    def _plural_thing(self, word: Word) -> bool:
        """A colour word in the plural names things, as colours do not inflect: "four peaches
        and one hamburger", "five limes"."""
        return (word.tag in self.vocab.labels.set("plural_nouns")
                and self.vocab.has(word, ("color_things",)))

    def _prenominal_relation(self, word: Word) -> str:
        labels, vocab = self.s.attach_as, self.vocab
        if word.pos == "NUM":
            return labels.NUM
        if vocab.is_color(word) or word.pos in ("ADJ", "VERB") or vocab.adjectival(word):
            return labels.ADJ
        if word.pos == "ADV":
            return labels.ADV
        return labels.NOUN



def _untangled(words: list[Word], before: list[Word], noun: int, chain: set[int]) -> bool:
    """Mend a loop the rebuild of one phrase made: "a baby rabbit and a gray metal spotted
    backpack" parsed with spotted the root and rabbit its subject: spotted goes into the
    backpack's phrase, the backpack is a conjunct of the rabbit, and the rabbit takes the place
    spotted had. A word of the loop whose head moved into the phrase takes that head's old
    place. False where no such word mends it."""
    for _ in range(len(words)):
        changed = [i for i, (a, b) in enumerate(zip(words, before, strict=True)) if a is not b]
        loop = next((found for i in changed if (found := loop_above(words, i)) is not None), None)
        if loop is None:
            return True
        start = loop.index(noun) if noun in loop else 0
        ring = loop[start:] + loop[:start]
        mended = next((i for i in ring if i not in chain and i != noun
                       and words[i].head in chain), None)
        if mended is None:
            return False
        moved = words[mended].head
        words[mended] = replace(words[mended], head=before[moved].head)  # type: ignore[index]
    return False
