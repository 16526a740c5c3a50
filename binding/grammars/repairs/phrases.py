"""Prepositional and predicative phrases hung in the wrong place or with the wrong label."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    bare_color,
    colour_run,
    comma_part,
    describing_only,
    first_conjunct,
    hangs_on,
    has_determiner,
    is_root,
    loop_above,
    part_tops,
    place_after_preposition,
    stand_in,
    take_place,
)
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("stranded_prepositions")
class StrandedPrepositions(Repair):
    """A preposition needs its object: "a duck is flying over some water" parsed with water as
    the verb's object and "over" bare makes water the object of "over"; and "a woman in red
    holding an umbrella" parsed with red a modifier of "in", its only word, makes red its
    object. A verb of motion takes no particle: "a cat climbing up a chair" (up a particle,
    chair the object) is climbing up the chair, a preposition and its object; nor a number's
    degree: "a wave crashing over three small boats" (over a quantmod of three, boats the
    object) crashes over the boats."""

    particles: frozenset[str] = frozenset()  # labels of verb particles ("prt")
    # the spatial words that are prepositions after a verb of motion, and its word lists
    particle_prepositions: Words = frozenset()
    motion_verbs: WordLists = ()
    quantity_modifiers: frozenset[str] = frozenset()  # labels of "over" in "over three"

    needs = ("preposition", "prepositional_objects", "object", "adjectival")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for prep in graph.attached_by(self.quantity_modifiers):
            verb = graph[prep.index - 1] if prep.index else None
            number = graph.head(prep)
            noun = graph.head(number) if number is not None else None
            if (verb is None or noun is None or prep.lower not in self.particle_prepositions
                    or number.pos != "NUM"  # type: ignore[union-attr]
                    or noun.relation != labels.object or noun.head != verb.index
                    or not vocab.has(verb, self.motion_verbs)):
                continue
            words[prep.index] = replace(prep, head=verb.index, relation=labels.preposition,
                                        pos="ADP")
            words[noun.index] = replace(noun, head=prep.index,
                                        relation=labels.prepositional_objects[0])
        for prep in graph.attached_by(self.particles | {labels.preposition}):
            if (prep.relation in self.particles and prep.lower in self.particle_prepositions
                    and prep.head == prep.index - 1
                    and vocab.has(graph[prep.index - 1], self.motion_verbs)):
                prep = words[prep.index] = replace(prep, relation=labels.preposition, pos="ADP")
            elif prep.pos != "ADP" or prep.relation != labels.preposition:
                continue
            children = graph.children(prep)
            if (len(children) == 1 and children[0].index == prep.index + 1
                    and children[0].relation == labels.adjectival
                    and (vocab.is_color(children[0]) or vocab.is_nominal(children[0]))):
                words[children[0].index] = replace(children[0],
                                                   relation=labels.prepositional_objects[0])
                continue
            if children:
                continue
            for noun in graph.words[prep.index + 1:]:
                if (noun.pos in ("DET", "ADJ", "NUM") or vocab.is_color(noun)
                        or (noun.head is not None and noun.head > noun.index)):  # "tree trunk"
                    continue
                if (vocab.is_nominal(noun) and noun.relation == labels.object
                        and noun.head == prep.head):
                    words[noun.index] = replace(noun, head=prep.index,
                                                relation=labels.prepositional_objects[0])
                break
        return graph.with_words(words)


@registry.repairs("colour_phrases")
class ColourPhrases(Repair):
    """A colour phrase right after a prepositional object describes that object: "covered in
    neon signs in pink and blue" parsed with "in pink" on covered -> on signs. Like any
    postnominal phrase it belongs to the nearest noun; only the parser's verb attachment puts
    it further away."""

    prepositions: WordLists  # word lists of the prepositions of colour phrases ("in")

    needs = ("preposition", "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        objects = labels.set("prepositional_objects")
        words = list(graph.words)
        for prep in graph.attached_by(labels.preposition):
            if prep.index == 0 or not vocab.has(prep, self.prepositions):
                continue
            head = graph.head(prep)
            noun = graph[prep.index - 1]
            colour = [c for c in graph.children(prep) if c.relation in objects]
            if (head is None or head.pos != "VERB" or len(colour) != 1
                    or not (bare_color(vocab, graph, colour[0])
                            or vocab.has(colour[0], ("shades",)))
                    or noun.relation not in objects or not vocab.is_nominal(noun)
                    or vocab.is_color(noun)):
                continue
            carrier = graph.head(noun)
            if carrier is not None and carrier.head == head.index:
                words[prep.index] = replace(prep, head=noun.index)
        return graph.with_words(words)


@registry.repairs("predicative_objects")
class PredicativeObjects(Repair):
    """An adjective or a bare colour is no direct object but a predicative complement: "a
    plane painted white" (white/dobj -> oprd), "the lights flash yellow"; "painted the fence
    green" parsed as one phrase [the fence green] makes the noun before the colour the
    object. A preposition the parser hung on a bare colour complement is the verb's
    ("lanterns glow orange along the river", "a car painted red with white stripes"). A bare
    colour that closes a verb's object, hung elsewhere, is the object's predicative too (a
    resultative: "a girl painting a wall yellow", yellow read as the root)."""

    relabel: dict[str, str]  # object label -> predicative label ({dobj = "oprd"})
    complements: frozenset[str] = frozenset()  # predicative labels ("acomp", "oprd")
    object_verbs: WordLists = ()  # verbs whose colour object is a thing ("wearing black")
    # word lists of colours that also name a thing ("saffron"): tagged a noun, such an object
    # is that thing ("a merchant weighs saffron"), save after a verb of ``colour_verbs``
    things: WordLists = ()
    colour_verbs: WordLists = ()

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        words = list(graph.words)
        for word in graph:
            if not (word.relation in self.relabel or word.relation in self.complements
                    or vocab.is_color(word)):
                continue  # the cheap tests first: every branch below needs one of these
            head = graph.head(word)
            if head is not None and vocab.has(head, self.object_verbs):
                continue
            if (self.things and vocab.is_nominal(word) and vocab.has(word, self.things)
                    and head is not None and not vocab.has(head, self.colour_verbs)):
                continue
            if word.relation in self.relabel and (
                    word.pos == "ADJ" or (vocab.is_color(word)
                                          and not has_determiner(graph, word))):
                words[word.index] = replace(word, relation=self.relabel[word.relation])
                nouns = [c for c in graph.children(word) if c.index < word.index
                         and vocab.is_nominal(c) and has_determiner(graph, c)]
                if nouns and head is not None:
                    words[nouns[-1].index] = replace(nouns[-1], head=head.index,
                                                     relation=word.relation)
                elif head is not None and vocab.is_color(word):
                    self._phrases_to_verb(graph, words, word, head)
                continue
            if (word.relation in self.complements and head is not None and head.pos == "VERB"
                    and vocab.is_color(word) and not has_determiner(graph, word)):
                self._phrases_to_verb(graph, words, word, head)
            resulting = self._result_of(graph, vocab, word)
            if resulting is not None:
                self._hang_result(graph, words, word, resulting)
        return graph.with_words(words)

    @staticmethod
    def _phrases_to_verb(graph: DependencyGraph, words: list[Word], colour: Word,
                         verb: Word) -> None:
        """A bare colour takes no prepositional phrase; the verb does: "lanterns glow orange
        along the river", "a car painted red with white stripes"."""
        for c in graph.children(colour):
            if c.index > colour.index and c.pos == "ADP":
                words[c.index] = replace(words[c.index], head=verb.index)

    def _result_of(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> Word | None:
        """The verb whose object a bare colour closes, hung elsewhere by the parser: "a girl
        painting a wall yellow" (yellow the root, the girl its subject) -> painting."""
        if not vocab.is_color(word) or has_determiner(graph, word) or not word.index:
            return None
        after = graph.next(word)
        thing = graph[word.index - 1]
        verb = graph.head(thing)
        ends = after is None or after.pos in ("PUNCT", "ADP") or vocab.is_comma(after)
        if (not ends or thing.relation not in self.relabel or not vocab.is_nominal(thing)
                or verb is None or verb.pos != "VERB" or word.head == verb.index
                or vocab.has(verb, self.object_verbs)):
            return None
        return verb

    def _hang_result(self, graph: DependencyGraph, words: list[Word], word: Word,
                     verb: Word) -> None:
        """Hang the colour on the verb as its object's predicative; a noun the parser hung on
        the colour (its "subject") takes the colour's place, and the colour's other words go
        to it."""
        kids = [c for c in graph.dependents(word) if c.index < word.index]
        if kids:
            top = kids[0]
            stand_in(words, top, word)
            for child in graph.dependents(word):
                if child is not top:
                    words[child.index] = replace(words[child.index], head=top.index)
        words[word.index] = replace(words[word.index], head=verb.index, pos="ADJ",
                                    relation=next(iter(self.relabel.values())))
        if any(loop_above(words, k) is not None for k in range(len(words))):
            words[:] = list(graph.words)  # a loop: leave the parse as it was


@registry.repairs("parentheticals")
class Parentheticals(Repair):
    """Words in brackets right after a noun describe it, like postnominal adjectives after a
    comma: "a lamp (brass, tall)", "a giant octopus (purple, spotted)". Only a bracket of
    describing words and the commas and conjunctions between them: no article, no verb of its
    own. A bracket of one word of ``qualifiers`` is a booru tag's sense ("bow (weapon)", "bow
    (music)", "watercolor (medium)"): it says which thing, not what it looks like, and binds
    nothing. A numeral before a describing word in the bracket is a pro-form, no count ("five
    ducks (two white, three brown)": two of them are white), as after a comma."""

    open: str  # "("
    close: str  # ")"
    describing_pos: frozenset[str]  # parts of speech a describing word may have
    most: int = 6  # at most this many words between the brackets
    qualifiers: WordLists = ()  # word lists of the senses booru tags name in brackets

    needs = ("adjectival", "punct", "singular_noun", "determiner")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for opening in graph:
            if opening.text != self.open or opening.index == 0:
                continue
            noun = graph[opening.index - 1]
            closing = next((w for w in graph.words[opening.index + 1:]
                            if w.text in (self.open, self.close)), None)
            if closing is None or closing.text != self.close:
                continue
            inside = graph.words[opening.index + 1:closing.index]
            if (len(inside) == 1 and self.qualifiers and vocab.has(inside[0], self.qualifiers)
                    and noun.pos not in ("PUNCT", "X")):
                # the tag's sense: markup, on the word it tells apart, which is a noun
                # whatever its tag ("bow/VB (weapon)"), and takes its place where the parser
                # made the sense the head ("slime (creature)")
                top = _inside_above(graph, noun, opening.index, closing.index)
                if top is not None:
                    take_place(words, words[noun.index], words[top.index], labels.punct)
                for w in (opening, closing, *inside):
                    w = words[w.index]
                    if (w.head, w.relation, w.pos) != (noun.index, labels.punct, "X"):
                        words[w.index] = replace(w, head=noun.index, relation=labels.punct,
                                                 pos="X")
                if not vocab.is_nominal(noun):
                    words[noun.index] = replace(words[noun.index], pos="NOUN",
                                                tag=labels.singular_noun)
                continue
            if not vocab.is_nominal(noun):
                continue
            content = [w for w in inside if not (vocab.is_comma(w) or w.pos == "CCONJ")]
            if (not content or len(inside) > self.most
                    or any(w.pos not in self.describing_pos and not vocab.is_color(w)
                           for w in content)):
                continue
            top = _inside_above(graph, noun, opening.index, closing.index)
            if top is not None:
                # "a giant octopus (purple, spotted) wraps": the parser made the noun the
                # subject of "spotted"; the noun takes the bracket's place in the tree
                take_place(words, noun, top, labels.adjectival)
            for w in (opening, closing, *inside):
                head, relation = noun.index, labels.adjectival if w in content else labels.punct
                if w.pos == "NUM" and w in content and graph[w.index + 1] in content \
                        and graph[w.index + 1].pos != "NUM":
                    head, relation = w.index + 1, labels.determiner  # "(two white, ...)"
                if (w.head, w.relation) != (head, relation):
                    words[w.index] = replace(w, head=head, relation=relation)
        return graph.with_words(words)


def _inside_above(graph: DependencyGraph, word: Word, start: int, end: int) -> Word | None:
    """The topmost word between ``start`` and ``end`` that ``word`` hangs below, if any."""
    top = None
    seen = {word.index}
    head = graph.head(word)
    while head is not None and head.index not in seen:
        seen.add(head.index)
        if start < head.index < end:
            top = head
        head = graph.head(head)
    return top


@registry.repairs("comma_heads")
class CommaHeads(Repair):
    """A word before a noun modifies it within its own phrase, never across a comma: in "grey
    stubble, navy peacoat" or "waterfall, ink wash" the parser hangs stubble and waterfall on
    the noun after the comma. A noun so hung that ends its own phrase heads it (an item of the
    list, in apposition); a word before the noun of its own phrase goes to that noun.
    Coordinated modifiers with no noun of their own ("a red, white and blue flag") stay."""

    relations: frozenset[str]  # the labels of prenominal modifiers

    needs = ("apposition", "conj", "coordinator", "determiner", "prepositional_objects",
             "participle", "subjects", "past_participle", "past_tense")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        loose = graph.attached_by(self.relations)
        if not loose or not any(c in graph.text for c in vocab.commas):
            return graph  # every branch below reads a word hung across a comma
        words = list(graph.words)
        phrase_of: list[int] = []
        phrase = 0
        for word in graph:
            phrase += vocab.is_comma(word)
            phrase_of.append(phrase)
        for word in loose:
            head = graph.head(word)
            if (head is None or head.index < word.index
                    or phrase_of[head.index] == phrase_of[word.index]):
                continue
            if place_after_preposition(vocab, graph, word):
                # "butter melting on top, white plate": the place noun is its preposition's
                # object, no modifier of the next tag's noun
                words[word.index] = replace(word, head=word.index - 1, pos="NOUN",
                                            relation=vocab.labels.prepositional_objects[0])  # type: ignore[index]
                continue
            # a bare colour is a modifier, whatever its tag ("several ecru, red, and white
            # flowers")
            nouns = [w for w in graph.words[word.index:]
                     if phrase_of[w.index] == phrase_of[word.index] and vocab.is_nominal(w)
                     and not bare_color(vocab, graph, w)]
            if not nouns:
                subject = graph[word.index - 1] if word.index else None
                if subject is not None and self._participle_of(graph, vocab, word, subject,
                                                               phrase_of):
                    # "swords drawn, blue flames": a tag of a noun and its participle, the
                    # parser's "subject" and verb, hung on the next tag's noun: the noun
                    # heads the tag
                    take_place(words, subject, word, vocab.labels.participle)
                    words[subject.index] = replace(words[subject.index],
                                                   relation=vocab.labels.apposition)
                    continue
                if self._phrase_of_its_own(graph, vocab, word, phrase_of):
                    words[word.index] = replace(word, relation=vocab.labels.apposition)
                continue
            if nouns[-1].index == word.index:
                words[word.index] = replace(word, relation=vocab.labels.apposition)
            elif not hangs_on(graph, nouns[-1], word):  # the noun may hang below the word
                words[word.index] = replace(word, head=nouns[-1].index)
        return graph.with_words(words)

    @staticmethod
    def _participle_of(graph: DependencyGraph, vocab: Vocabulary, word: Word, noun: Word,
                       phrase_of: list[int]) -> bool:
        """Whether the word is a past participle ending its phrase right after the phrase's
        noun, which the parser made its subject."""
        last = word.index + 1 == len(graph) or phrase_of[word.index + 1] != phrase_of[word.index]
        return (last and word.pos == "VERB" and vocab.is_nominal(noun)
                and phrase_of[noun.index] == phrase_of[word.index] and noun.head == word.index
                and noun.relation in vocab.labels.set("subjects")
                and word.tag in (vocab.labels.past_participle, vocab.labels.past_tense))

    def _phrase_of_its_own(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                           phrase_of: list[int]) -> bool:
        """A phrase with no noun that still has the shape of one, a modifier and the word it
        modifies ending the phrase ("(low poly:1.2), bed with a blanket": the tagger took poly
        for an adjective), is a tag of its own, not one of a noun's coordinated modifiers."""
        last = word.index + 1 == len(graph) or phrase_of[word.index + 1] != phrase_of[word.index]
        children = graph.children(word)
        return last and not any(c.relation in (vocab.labels.conj, vocab.labels.coordinator)
                                for c in children) and any(
            c.index < word.index and c.relation in self.relations
            and c.relation != vocab.labels.determiner  # "The prickly, brown cacti"
            and phrase_of[c.index] == phrase_of[word.index] for c in children)


@registry.repairs("colour_lists")
class ColourLists(Repair):
    """A list of colours after a noun's ``in`` or ``of`` is that noun's colours: "necklaces in
    red, white and blue, large earrings hang", "a rose window in deep red and cobalt blue, a
    choir sings", "bolts of wool in navy, charcoal and camel line the shelves", which the parser
    splits between the noun and the next clause (red an amod of earrings, camel a compound of
    line). The list is rebuilt as the preposition's object and its conjuncts, an adjective
    before a colour its modifier ("deep red"). Only a whole list is: two colours or more, joined
    by a conjunction, ending the phrase (a comma, the end, or a verb with its object after it:
    "in red and blue stripes" is a noun phrase of its own), or before a colour noun that ends
    it ("in red, yellow, and blue color": the colour noun is the object, the list its
    modifiers)."""

    prepositions: Words  # "in", "of"
    separators: Words  # "and", "or", ","

    needs = ("preposition", "prepositional_objects", "conj", "coordinator", "punct",
             "adjectival", "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for prep in graph:
            noun = graph[prep.index - 1] if prep.index else None
            if (noun is None or prep.lower not in self.prepositions
                    or not vocab.is_nominal(noun) or vocab.is_color(noun)):
                continue
            run = self._run(graph, vocab, prep.index + 1)
            if run is None:
                continue
            shade = run[-1] if not vocab.is_color(run[-1]) else None
            colours = [w for w in run if vocab.is_color(w)]
            inside = {w.index for w in run} | {prep.index}
            objects_of = labels.set("prepositional_objects")
            rebuilt = {prep.index: replace(words[prep.index], head=noun.index,
                                           relation=labels.preposition)}
            first = colours[0]
            for w in run:
                if shade is not None and w.index == shade.index:
                    rebuilt[w.index] = replace(words[w.index], head=prep.index,
                                               relation=labels.prepositional_objects[0])  # type: ignore[index]
                elif w.index == first.index and shade is not None:
                    rebuilt[w.index] = replace(words[w.index], head=shade.index,
                                               relation=labels.adjectival)
                elif w.index == first.index:
                    rebuilt[w.index] = replace(words[w.index], head=prep.index,
                                               relation=labels.prepositional_objects[0])  # type: ignore[index]
                elif vocab.is_color(w):
                    rebuilt[w.index] = replace(words[w.index], head=first.index,
                                               relation=labels.conj)
                elif w.lower in self.separators and w.pos != "PUNCT":
                    rebuilt[w.index] = replace(words[w.index], head=first.index,
                                               relation=labels.coordinator)
                elif w.pos == "PUNCT":
                    rebuilt[w.index] = replace(words[w.index], head=first.index,
                                               relation=labels.punct)
                else:  # "deep" of "deep red", "midnight" of "midnight blue"
                    rebuilt[w.index] = replace(words[w.index], head=w.index + 1,
                                               relation=labels.adjectival)
            for w in graph:  # what hung on the list's words stays in the noun's clause
                if w.index not in inside and w.head in inside:
                    top = prep.head if prep.head not in (None, w.index) else noun.index
                    relation = labels.unknown if w.relation in objects_of else w.relation
                    rebuilt[w.index] = replace(words[w.index], head=top, relation=relation)
            changed = {i: w for i, w in rebuilt.items() if w != words[i]}
            if not changed:
                continue  # already a list
            trial = list(words)
            for index, word in changed.items():
                trial[index] = word
            if not any(loop_above(trial, i) for i in range(len(trial))):
                words = trial
        return graph.with_words(words)

    def _run(self, graph: DependencyGraph, vocab: Vocabulary, start: int) -> list | None:
        """The colour list from ``start``: colours, a word right before a colour ("deep red",
        "midnight blue") and separators; None unless it is a whole list."""
        run: list = []
        index = start
        while index < len(graph.words):
            word = graph[index]
            after = graph[index + 1] if index + 1 < len(graph.words) else None
            before_colour = (word.pos in ("ADJ", "NOUN", "PROPN") and after is not None
                             and vocab.is_color(after))  # "deep red", "midnight blue"
            if not (vocab.is_color(word) or word.lower in self.separators or before_colour):
                break
            run.append(word)
            index += 1
        while run and run[-1].lower in self.separators:
            run.pop()
        end = start + len(run)
        colours = sum(vocab.is_color(w) for w in run)
        joined = any(w.lower in self.separators and w.pos != "PUNCT" for w in run)
        if colours < 2 or not joined or not vocab.is_color(run[-1]):
            return None
        after = graph[end] if end < len(graph.words) else None
        following = graph[end + 1] if end + 1 < len(graph.words) else None
        if (after is not None and vocab.has(after, ("shades",)) and vocab.is_nominal(after)
                and (following is None or following.pos == "PUNCT")):
            return [*run, after]  # "in red, yellow, and blue color": the colour noun heads
        if not (after is None or after.pos == "PUNCT"
                or (following is not None and following.pos == "DET")):
            return None  # "in red and blue stripes": the colours describe the stripes
        return run



@registry.repairs("possessive_classifiers")
class PossessiveClassifiers(Repair):
    """A possessor with an indefinite article names a kind of its noun: "a chef's knife", "A
    cluttered wizard's study", "a small child's plastic table" (docs/annotation.md,
    *Possessive classifiers*). The article and the describing words before the possessor are
    the noun's: the possessor is its compound, and is not drawn. A possessor with *the* or
    *his* is someone drawn ("the driver's scarf"), and so is the whole of a part ("a chef's
    hands"); a possessed noun with a determiner of its own keeps its possessor. A plural of
    people for whom a thing is made (``kinds``) names a kind whatever its determiner: "the
    men's restroom", "children's drawings"."""

    articles: Words  # indefinite articles ("a", "an")
    moved: frozenset[str]  # labels of the possessor's words that go to the noun ("det", "amod")
    parts: WordLists = ()  # word lists of parts, whose possessor is their drawn whole
    # plurals of people that name whom a thing is made for ("men", "children"): such a plural
    # possessor names a kind with any determiner or none ("the men's restroom", "children's
    # drawings"), save of a part ("the children's hands")
    kinds: Words = frozenset()

    needs = ("possessive", "compound")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for owner in graph.attached_by(labels.possessive):
            noun = graph.head(owner)
            if (noun is None or noun.index < owner.index
                    or not vocab.is_nominal(owner) or has_determiner(graph, noun)
                    or vocab.has(noun, self.parts)):
                continue
            children = graph.children(owner)
            if not (owner.lower in self.kinds or any(
                    c.lower in self.articles and c.index < owner.index for c in children)):
                continue
            words[owner.index] = replace(owner, relation=labels.compound)
            for child in children:
                if child.index < owner.index and child.relation in self.moved:
                    words[child.index] = replace(child, head=noun.index)
        return graph.with_words(words)


@registry.repairs("absolute_phrases")
class AbsolutePhrases(Repair):
    """An absolute phrase: after "with", a describing word right after a determined noun
    phrase, with only adverbs between and nothing of a phrase after it, says how that noun is
    ("a golden eagle perches on his arm with its wings half open", "sleeps with her mouth
    open"), whatever the parser hung it on (the verb, as a clause or a conjunct; "with" itself,
    the noun its subject). It becomes the noun's modifier, the noun the object of "with"."""

    prepositions: Words  # "with"
    # parts of speech of the determiners that open the noun phrase ("DET", "PRON": its, her)
    openers: frozenset[str]
    # parts of speech that may end a phrase after the describing word ("PUNCT", "ADP", "CCONJ")
    closers: frozenset[str]

    # labels of a participle's own phrase after it ("prep": spread on a mat), which it keeps
    # where the parser made it the root
    own: frozenset[str] = frozenset()

    needs = ("adjectival", "prepositional_objects", "preposition", "past_participle",
             "past_tense", "finite_verbs", "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words: list[Word] | None = None
        for prep in graph.with_lower(self.prepositions):
            found = self._phrase(graph, vocab, prep)
            if found is None:
                continue
            noun, describing, top = found
            # (its conjuncts stay: "with its fur white and thick")
            coordinated = (labels.conj, labels.coordinator)
            mended = list(words or graph.words)
            old_head = describing.head
            if top is not None:
                # "bends over a watch with its gears spread/VBD on a mat", spread the root and
                # bends its "subject": the verb is the root again; the participle keeps its
                # own phrase after it
                mended[top.index] = replace(mended[top.index], head=None,
                                            relation=describing.relation)
                old_head = top.index
            if prep.head == describing.index:  # "with" marking the "clause" it opens
                mended[prep.index] = replace(prep, head=old_head, relation=(
                    labels.preposition if old_head is not None else prep.relation))
            mended[noun.index] = replace(mended[noun.index], head=prep.index,
                                         relation=labels.prepositional_objects[0])  # type: ignore[index]
            mended[describing.index] = replace(mended[describing.index], head=noun.index,
                                               relation=labels.adjectival)
            for child in graph.children(describing):
                if child is top or (top is not None and child.index > describing.index
                                    and child.relation in self.own):
                    continue
                if prep.index < child.index < noun.index:
                    # the noun phrase's own words ("with its/poss fur/compound white")
                    mended[child.index] = replace(mended[child.index], head=noun.index)
                elif ((child.index > describing.index and child.relation not in coordinated)
                      or child.index < prep.index):
                    mended[child.index] = replace(mended[child.index], head=(
                        old_head if old_head is not None else prep.index))
            if any(loop_above(mended, k) is not None for k in range(len(mended))):
                continue
            words = mended
        return graph if words is None else graph.with_words(words)

    @staticmethod
    def _conjunct_of_verb(graph: DependencyGraph, vocab: Vocabulary, describing: Word,
                          prep: Word) -> bool:
        """Whether the describing word is the conjunct of a finite verb before ``prep``, with
        no subject of its own (a clause: "a shop squeezed ..., a watchmaker ... spread")."""
        labels = vocab.labels
        head = graph.head(describing)
        return (describing.relation == labels.conj and head is not None
                and head.index < prep.index and head.pos in ("VERB", "AUX")
                and head.tag in labels.set("tensed_verbs")
                and not any(c.relation in labels.set("subjects")
                            for c in graph.children(describing)))

    @staticmethod
    def _verb_below(graph: DependencyGraph, vocab: Vocabulary, describing: Word,
                    prep: Word) -> Word | None:
        """The finite verb before ``prep`` that the parser hung on the describing word, the
        root, or None."""
        if not is_root(describing):
            return None
        labels = vocab.labels
        tensed = labels.set("tensed_verbs")
        return next((c for c in graph.children(describing) if c.index < prep.index
                     and c.pos in ("VERB", "AUX") and c.tag in tensed), None)

    def _phrase(self, graph: DependencyGraph, vocab: Vocabulary, prep: Word
                ) -> tuple[Word, Word, Word | None] | None:
        """The noun and the describing word of the absolute phrase ``prep`` opens, and the
        clause's verb the parser hung on the describing word as the root (or None); None
        where there is no such phrase."""
        labels = vocab.labels
        k = prep.index + 1
        if k >= len(graph.words) or graph[k].pos not in self.openers:
            return None
        noun = None
        for word in graph.words[k + 1:]:
            if vocab.is_nominal(word) and not (
                    noun is not None and noun.head == word.index and vocab.is_color(word)):
                noun = word  # (not a colour noun the noun hangs on: "armor silver")
            elif noun is not None or word.pos not in ("ADJ", "NUM"):
                break  # (an adjective after the noun is the describing word)
        if noun is None:
            return None
        k = noun.index + 1
        while k < len(graph.words) and graph[k].pos == "ADV":
            k += 1
        if k >= len(graph.words):
            return None
        describing = graph[k]
        after = graph.next(describing)
        # (a colour only where the parser hung the noun on it, its compound, a colour noun
        # too: "with its fur white and thick", "with his armor silver and gold"; else it may
        # open the next phrase)
        colour = vocab.is_color(describing)
        below = self._verb_below(graph, vocab, describing, prep)
        if (not (describing.pos == "ADJ" or describing.tag == labels.past_participle
                 or (colour and describing.pos == "NOUN")
                 # a past form the parser made the root over the clause's own verb ("bends
                 # over a watch with its gears spread/VBD on a mat"), or that verb's
                 # conjunct ("sits on a bench with her legs crossed/VBD")
                 or (describing.tag == labels.past_tense
                     and (below is not None
                          or self._conjunct_of_verb(graph, vocab, describing, prep))))
                or (colour and noun.head != describing.index)
                or (after is not None and after.pos not in self.closers)
                or (is_root(describing) and below is None)
                or describing.head == noun.index
                or any(c.relation == labels.object for c in graph.children(describing))):
            return None
        return noun, describing, below


@registry.repairs("partitions")
class Partitions(Repair):
    """A group split by its looks: "two empty beach chairs one blue and one pink", "Two horses,
    one black and one brown, graze", "Three traffic lights, one red, the other yellow, and
    one green". After a plural or counted noun (a comma may stand between, or the parts open
    the comma part after the group's: "two cats sleeping on a windowsill, one orange and one
    black"), two or more parts,
    each a numeral (or *the other*, *another*) before describing words, joined by *and* or
    commas: the describing words describe the group's noun; the parts' numerals count parts,
    not the group. An -ing word after the parts that the parser made the group's head is its
    participle ("Three cows two black and one brown grazing")."""

    others: Words  # words that open a part like a numeral ("other", "another")
    joints: Words  # words between parts ("and")
    singular_numerals: Words = frozenset()  # numerals that count one ("one")
    ending: str = "ing"  # the ending of a participle after the parts
    # a numeral's partitive phrase ("two of them red"): the preposition and the pronouns it
    # takes; a part so opened is a partition on its own ("three apples, two of them red")
    partitive: Words = frozenset()
    partitive_pronouns: Words = frozenset()

    needs = ("adjectival", "determiner", "participle", "present_participle", "plural_nouns")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        numerals = graph.with_pos("NUM")
        # (the cheap test first: two parts need two openers, one part a partitive phrase)
        if not numerals or (len(numerals) == 1
                            and not graph.with_lower(self.others | self.partitive)):
            return graph
        labels = vocab.labels
        words = list(graph.words)
        for noun in graph:
            if not self._group(graph, vocab, noun):
                continue
            parts, end = self._parts(graph, vocab, noun.index + 1)
            if not self._enough(graph, parts):
                # "two cats sleeping on a windowsill, one orange and one black": the parts
                # open the comma part after the group's own
                start, stop = comma_part(vocab, graph, noun)
                first = next(w for w in graph.words[start:stop]
                             if self._group(graph, vocab, w))
                if first is not noun or stop >= len(graph.words):
                    continue
                parts, end = self._parts(graph, vocab, stop)
                if not self._enough(graph, parts):
                    continue
            for openers, describing in parts:
                # "the other orange": the opener's words hang in a chain on the first
                # describing word, so that no determiner makes a colour a thing
                hangs = [(k, noun.index, labels.adjectival) for k in describing] + [
                    (k, above, labels.determiner)
                    for k, above in zip(openers, [*openers[1:], describing[0]], strict=True)]
                for k, head, relation in hangs:
                    if (words[k].head, words[k].relation) != (head, relation):
                        words[k] = replace(words[k], head=head, relation=relation)
                for k in describing:  # the tags after the parts the parser hung on them
                    for child in graph.dependents(graph[k]):
                        if child.index >= end:
                            words[child.index] = replace(words[child.index],
                                                         head=noun.index)
            moved = {k for openers, describing in parts for k in openers + describing}
            # "three apples two red and one green" parsed with red the root and the apples its
            # subject, or "a man holding two umbrellas, one red and one blue" with blue the
            # root and the man its subject: the word below the parts takes their top's place
            below, top, seen = noun, graph.head(noun), {noun.index}
            while top is not None and top.index not in moved and top.index not in seen:
                seen.add(top.index)
                below, top = top, graph.head(top)
            if top is not None and top.index in moved:
                while (above := graph.head(top)) is not None and above.index in moved:
                    top = above
                outside = graph.head(top)
                words[below.index] = replace(
                    words[below.index], head=None if outside is None else outside.index,
                    relation=top.relation)
            tail = graph[end] if end < len(graph.words) else None
            if (tail is not None and tail.lower.endswith(self.ending)
                    and noun.head == tail.index):
                take_place(words, noun, tail, labels.participle)  # type: ignore[arg-type]
                words[tail.index] = replace(words[tail.index], pos="VERB",
                                            tag=labels.present_participle)
                for child in graph.children(tail):
                    if child.index < noun.index:
                        words[child.index] = replace(words[child.index], head=noun.index)
        return graph.with_words(words)

    def _enough(self, graph: DependencyGraph, parts: list[tuple[list[int], list[int]]]) -> bool:
        """Two parts or more, or one opened by a partitive phrase ("two of them red")."""
        return len(parts) >= 2 or any(
            len(openers) > 1 and graph[openers[1]].lower in self.partitive
            for openers, _ in parts)

    def _group(self, graph: DependencyGraph, vocab: Vocabulary, noun: Word) -> bool:
        """A noun naming more than one: plural, or counted by a numeral of more than one."""
        if not vocab.is_nominal(noun):
            return False
        return noun.tag in vocab.labels.set("plural_nouns") or any(
            c.pos == "NUM" and c.lower not in self.singular_numerals and c.index < noun.index
            for c in graph.dependents(noun))

    def _parts(self, graph: DependencyGraph, vocab: Vocabulary, start: int
               ) -> tuple[list[tuple[list[int], list[int]]], int]:
        """The parts from ``start`` (a comma may open them): each (openers, describing
        words), and the index after the last part."""
        n = len(graph.words)
        i = start + 1 if start < n and vocab.is_comma(graph[start]) else start
        parts: list[tuple[list[int], list[int]]] = []
        end = start
        while i < n:
            openers = []
            if graph[i].pos == "NUM":
                openers = [i]
                if (i + 2 < n and graph[i + 1].lower in self.partitive
                        and graph[i + 2].lower in self.partitive_pronouns):
                    openers = [i, i + 1, i + 2]  # "two of them red"
            elif graph[i].pos == "DET" and i + 1 < n and graph[i + 1].lower in self.others:
                openers = [i, i + 1]
            elif graph[i].lower in self.others:
                openers = [i]
            if not openers:
                break
            k = openers[-1] + 1
            describing = []
            while k < n and (graph[k].pos == "ADJ" or vocab.is_color(graph[k])):
                describing.append(k)
                k += 1
            if not describing:
                break
            parts.append((openers, describing))
            end = k
            while k < n and (vocab.is_comma(graph[k]) or graph[k].lower in self.joints):
                k += 1
            i = k
        return parts, end


@registry.repairs("partitive_pro_forms")
class PartitiveProForms(Repair):
    """"one of its eyes still glows amber", "two of the cats are black": a numeral or pro-form
    with an *of* phrase picks some of the *of* phrase's noun, and what is said of it is said
    of them. The noun takes the pro-form's place (the subject of glows), the pro-form hangs on
    it uncounted, the preposition marks it."""

    pro_forms: WordLists  # word lists of pro-forms ("pro_forms": one, ones, both)
    of: Words  # the partitive preposition ("of")
    marker: str  # the label of the preposition on its noun ("case")
    picked: str  # the label of the pro-form on the noun ("det"): no count of the noun

    needs = ("prepositional_objects", "plural_nouns")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        objects = labels.set("prepositional_objects")
        plural = labels.set("plural_nouns")
        words = list(graph.words)
        for after in graph.with_lower(self.of):  # (the cheap test first: "of" is rare)
            if after.index == 0 or after.head != after.index - 1:
                continue
            word = graph[after.index - 1]
            if not (word.pos == "NUM" or vocab.has(word, self.pro_forms)):
                continue
            nouns = [c for c in graph.dependents(after) if c.relation in objects
                     and vocab.is_nominal(c) and c.tag in plural]
            if len(nouns) != 1:
                continue
            noun = nouns[0]
            words[noun.index] = replace(noun, head=None if is_root(word) else word.head,
                                        relation=word.relation)
            words[word.index] = replace(word, head=noun.index, relation=self.picked)
            words[after.index] = replace(after, head=noun.index, relation=self.marker)
            for child in graph.dependents(word):
                if child.index != after.index:
                    words[child.index] = replace(words[child.index], head=noun.index)
        return graph.with_words(words)


@registry.repairs("group_pro_forms")
class GroupProForms(Repair):
    """"a cat and a dog, both black", "the mug and the teapot, both chipped and old": a
    pro-form after a comma that closes a coordination stands for all its conjuncts, and its
    describing word describes each. The parser hangs the pro-form on the describing word (as
    an adverb, a preconjunct or a subject) and the describing word on the first noun or at
    the root, so one noun or none got it. The pro-form goes on the first conjunct
    (``beside``), the describing word on the pro-form (by ``describing``, the label for its
    part of speech); ``[modifiers] group_pro_forms`` passes it on to every conjunct."""

    words: Words  # "both"
    beside: str  # the pro-form's label on the first conjunct ("appos")
    describing: dict[str, str]  # part of speech -> label on the pro-form ("ADJ" -> "amod")

    needs = ("conj", "present_participle", "past_participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        participles = (labels.present_participle, labels.past_participle)
        words: list[Word] | None = None
        for word in graph.with_lower(self.words):
            at = word.index
            if at < 2 or at + 1 >= len(graph) or not vocab.is_comma(graph[at - 1]):
                continue
            noun, describing = graph[at - 2], graph[at + 1]
            relation = self.describing.get(describing.pos)
            if noun.pos not in ("NOUN", "PROPN") or relation is None or (
                    describing.pos == "VERB" and describing.tag not in participles):
                continue  # ("a cat and a dog, both sleep": a finite verb describes nothing)
            first = first_conjunct(graph, noun, labels.set("conj"))
            if first is noun or (word.head == first.index and describing.head == word.index):
                continue  # no coordination, or read so already
            trial = list(words or graph.words)
            if first.head == describing.index:  # mug <-nsubj- chipped: the noun goes above
                stand_in(trial, first, describing)
            trial[word.index] = replace(word, head=first.index, relation=self.beside)
            trial[describing.index] = replace(trial[describing.index], head=word.index,
                                              relation=relation)
            if not any(loop_above(trial, w.index) for w in (first, word, describing)):
                words = trial
        return graph if words is None else graph.with_words(words)


@registry.repairs("comparisons")
class Comparisons(Repair):
    """An adjective compared with a standard describes the noun before it: "roses red as
    blood", "skin pale as porcelain", "icicles as long as spears frame the scene", "a tree
    taller than the house stands in a field", "a tower more beautiful than the palace". The parser
    reads the adjective as the sentence's predicate (roses its subject), as the object of a
    preposition (skin its compound) or as the head of a clause whose subject is the standard
    (spears the subject of frame). The noun goes back to the adjective's place, the adjective
    hangs on it, ``as`` on the adjective and the standard on ``as``; a verb the standard was the
    subject of takes the noun as its subject."""

    words: Words = frozenset()  # "as"
    # the words after a comparative ("than"): the adjective before them is one of
    # ``comparative_tags`` ("taller/JJR") or follows one of ``degrees`` ("more beautiful")
    comparative_words: Words = frozenset()
    comparative_tags: frozenset[str] = frozenset()
    degrees: Words = frozenset()
    # adjectives of fixed phrases that compare nothing drawn ("such as", "as well as")
    not_compared: Words = frozenset()
    # word lists of adverbs that compare as adjectives after a noun ("a lake still as glass")
    adverbs: WordLists = ()
    # where the adjective headed a clause, the noun that takes its place hangs by this label
    clause_relations: frozenset[str] = frozenset()
    beside: str = "appos"

    needs = ("adjectival", "preposition", "prepositional_objects", "subjects", "subject",
             "adjective", "conj", "coordinator")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not any(w.lower in self.words or w.lower in self.comparative_words
                   for w in graph.words[2:]):
            return graph
        words = list(graph.words)
        for word in graph:
            parts = self._comparison(graph, vocab, word)
            if parts is None:
                continue
            noun, adjective, standard = parts
            trial = list(words)
            self._rebuild(graph, vocab, trial, noun, adjective, word, standard)
            if not any(loop_above(trial, w.index) for w in (noun, adjective, standard)):
                words = trial
        return graph.with_words(words)

    def _comparison(self, graph: DependencyGraph, vocab: Vocabulary,
                    word: Word) -> tuple[Word, Word, Word] | None:
        """The noun, adjective and standard around ``word`` ("as"), or None where ``word``
        compares nothing, or the parse already reads it so."""
        labels = vocab.labels
        if word.index < 2:
            return None
        adjective = graph[word.index - 1]
        at = word.index - 2
        if word.lower in self.comparative_words:
            paired = graph[at].lower in self.degrees  # "more beautiful than"
            if not (adjective.tag in self.comparative_tags
                    or (paired and adjective.pos == "ADJ")):
                return None
        elif word.lower not in self.words:
            return None
        else:  # "as long as": the noun is before the first as
            paired = graph[at].lower in self.words
        if adjective.lower in self.not_compared or not (
                adjective.pos == "ADJ" or vocab.is_color(adjective)
                or adjective.tag in self.comparative_tags  # "a sword longer/RBR than a man"
                or (adjective.pos == "ADV" and (paired or vocab.adjectival(adjective)
                                                or vocab.has(adjective, self.adverbs)))):
            return None
        if paired:
            at -= 1
        if at < 0 or graph[at].pos not in ("NOUN", "PROPN"):
            return None
        standard = self._standard(graph, vocab, word)
        if standard is None:
            return None
        noun = graph[at]
        if (adjective.head == noun.index and adjective.relation == labels.adjectival
                and word.head == adjective.index and standard.head == word.index):
            return None
        return noun, adjective, standard

    @staticmethod
    def _standard(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> Word | None:
        """The last noun of the noun phrase right after ``word``: "the sun", "fresh snow", "the
        surrounding cliffs"."""
        found = None
        for after in graph.words[word.index + 1:]:
            if after.pos in ("NOUN", "PROPN"):
                found = after
            elif found is not None or not (
                    after.pos in ("DET", "ADJ", "ADV", "NUM")
                    or (after.pos == "VERB" and after.relation == vocab.labels.adjectival)):
                break
        return found

    def _rebuild(self, graph: DependencyGraph, vocab: Vocabulary, words: list[Word],
                 noun: Word, adjective: Word, word: Word, standard: Word) -> None:
        labels = vocab.labels
        first = graph[adjective.index - 1]  # "as" of "as long as", which stays on long
        if noun.head == adjective.index:  # roses <-nsubj- red, skin <-compound- pale
            take_place(words, noun, adjective, labels.adjectival)
            if adjective.relation in self.clause_relations:
                words[noun.index] = replace(words[noun.index], relation=self.beside)
            for child in graph.children(adjective):
                # (a conjunct stays: "taller than the cliffs, painted red" describes the noun
                # as the comparison does)
                if child.index not in (noun.index, word.index, first.index) and \
                        child.relation not in (labels.conj, labels.coordinator):
                    words[child.index] = replace(words[child.index], head=noun.index)
        words[adjective.index] = replace(
            words[adjective.index], head=noun.index, relation=labels.adjectival,
            **({"pos": "ADJ", "tag": labels.adjective} if adjective.pos == "ADV" else {}))
        words[word.index] = replace(words[word.index], head=adjective.index, pos="ADP",
                                    relation=labels.preposition)
        verb = graph.head(standard)
        words[standard.index] = replace(words[standard.index], head=word.index,
                                        relation=labels.prepositional_objects[0])
        if (verb is not None and verb.pos == "VERB" and standard.relation in labels.subjects
                and verb.index not in (word.index, adjective.index)):
            take_place(words, verb, words[noun.index], labels.subject)


@registry.repairs("resultative_colours")
class ResultativeColours(Repair):
    """A verb of colouring with a noun phrase and bare colours after it paints the noun those
    colours: "a man painting a fence bright yellow", "a girl dyes her hair pink". The small
    model reads the colour as the head of the object ([a fence bright yellow], fence a
    modifier of yellow) or as an adverb of the verb, and the object's noun is lost; so this
    reads the words' order: the noun is the verb's object and the colours its complements
    (``complement``), which describe the object ("object predicative")."""

    verbs: Words  # the forms of verbs of colouring in action ("paint", "painting", "dyes")
    degrees: WordLists = ()  # words before a colour that say which shade ("bright", "light")
    complement: str  # the label of the colours on the verb ("oprd")
    # parts of speech of the words of the object's phrase before its noun (DET, ADJ, ...)
    phrase_pos: frozenset[str] = frozenset()

    needs = ("object", "adjective", "conj", "coordinator", "adjectival")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        words: list[Word] | None = None
        for verb in graph.with_lower(self.verbs):
            if verb.pos != "VERB" or verb.tag == vocab.labels.past_participle:
                continue  # ("a fence painted yellow": colour_complements reads participles)
            found = self._object_and_colours(graph, vocab, verb)
            if found is None:
                continue
            noun, colours = found
            words = words or list(graph.words)
            self._rebuild(graph, vocab, words, verb, noun, colours)
        return graph if words is None else graph.with_words(words)

    def _object_and_colours(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word
                            ) -> tuple[Word, list[Word]] | None:
        """The object's noun and the colours after it, where the words after the verb are a
        plain noun phrase closed by a run of colours (with their shades, conjunctions and
        commas) at the end of the clause; None elsewhere, or where the parse is right."""
        noun: Word | None = None
        index = verb.index + 1
        while index < len(graph):
            word = graph[index]
            colour = vocab.is_color(word)
            if noun is not None and (colour or vocab.has(word, self.degrees)):
                break  # the run of colours after the noun
            if not (colour or word.pos in self.phrase_pos or vocab.is_nominal(word)):
                return None
            if vocab.is_nominal(word) and not colour:
                noun = word  # ("a red fence": a colour before the noun is its own)
            index += 1
        if noun is None:
            return None
        run, index = colour_run(vocab, graph, index, self.degrees)
        colours = [graph[k] for k in run]
        after = graph[index] if index < len(graph) else None
        if not colours or (after is not None and after.pos not in ("PUNCT", "ADP", "CCONJ")):
            return None  # "painting a fence yellow flowers": a noun goes on
        labels = vocab.labels
        first = next(c for c in colours if vocab.is_color(c))
        if (noun.head == verb.index and noun.relation == labels.object
                and first.head == verb.index and first.relation == self.complement):
            return None  # parsed right
        return noun, colours

    def _rebuild(self, graph: DependencyGraph, vocab: Vocabulary, words: list[Word],
                 verb: Word, noun: Word, colours: list[Word]) -> None:
        """Hang the noun on the verb as its object, the words before it on it (save those on
        a word of the phrase), the first colour on the verb as its complement, the others on
        that colour, a shade word on the colour after it, and what else the colours held
        (a phrase after them) on the verb."""
        labels = vocab.labels
        first = next(c for c in colours if vocab.is_color(c))
        inside = range(verb.index + 1, noun.index)
        for word in graph.words[verb.index + 1 : noun.index]:
            if word.head not in inside:
                words[word.index] = replace(words[word.index], head=noun.index)
        words[noun.index] = replace(words[noun.index], head=verb.index,
                                    relation=labels.object)
        run = {c.index for c in colours}
        for word in colours:
            if word is first:
                words[word.index] = replace(words[word.index], head=verb.index,
                                            relation=self.complement, pos="ADJ",
                                            tag=labels.adjective)
            elif vocab.is_color(word):
                words[word.index] = replace(words[word.index], head=first.index,
                                            relation=labels.conj, pos="ADJ",
                                            tag=labels.adjective)
            elif word.pos == "CCONJ" or vocab.is_comma(word):
                words[word.index] = replace(words[word.index], head=first.index)
            else:  # a shade word: the next colour's
                shaded = next((c for c in colours
                               if c.index > word.index and vocab.is_color(c)), first)
                words[word.index] = replace(words[word.index], head=shaded.index,
                                            relation=labels.adjectival)
        for word in graph.words[colours[-1].index + 1:]:
            if word.head in run:  # "painting a fence yellow with a brush"
                words[word.index] = replace(words[word.index], head=verb.index)


@registry.repairs("describing_parts")
class DescribingParts(Repair):
    """A comma part of describing words alone describes the head noun of the part before it
    (docs/annotation.md, Community prompt style: a describing tag describes the head noun of
    the tag before it): "a castle built on a hill, dark and ominous" (dark a conjunct of hill:
    the castle is dark), "a tower made of stacked crates, tall and wobbly" (tall the root
    with tower its subject). The parser hangs such words on the nearest noun or makes them a
    predicate; the head noun is the one word of the part before that hangs outside it.
    Colours alone are left to the parse (a palette, or the last noun's colour), and so are
    moods and styles (``tag_adjectives`` and ``style_names`` unhooked them: "..., low poly,
    ..."), words already hung on a noun as its adjectives (a character's states:
    ``tag_adjectives`` hung them on the list's character) and a part after a clause. A part
    of a bare noun and a past participle is one describing word written apart ("mecha, giant
    robot, battle damaged", "old lighthouse, weather beaten"): the noun hangs on the
    participle as its compound, and the participle describes the head noun before. A plural
    noun is no such first word: "a table set for dinner, candles lit" says the candles are
    lit (compounds take a singular first noun)."""

    # words that end a tag naming a style ("..., ukiyo-e inspired"): no participle of a thing
    style_endings: Words = frozenset()

    needs = ("adjectival", "conj", "unknown", "compound", "past_participle", "past_tense",
             "plural_nouns")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words: list[Word] | None = None
        # (or a past tense: a bare noun and a past form make no sentence in a tag)
        for participle in graph.with_tag((labels.past_participle, labels.past_tense)):
            noun = graph[participle.index - 1] if participle.index > 2 else None
            if (noun is None or not vocab.is_nominal(noun) or noun.pos == "PROPN"
                    or noun.tag in labels.set("plural_nouns")
                    or participle.lower in self.style_endings
                    or not vocab.is_comma(graph[noun.index - 1])
                    or comma_part(vocab, graph, noun) != (noun.index, participle.index + 1)):
                continue  # a part of exactly a noun and a participle
            head = self._head_noun(graph, vocab, noun.index - 1)
            if head is None:
                continue
            mended = list(words or graph.words)
            if head.head in (noun.index, participle.index):  # "a knight, battle scarred/ROOT"
                stand_in(mended, mended[head.index], participle)
            mended[participle.index] = replace(mended[participle.index], head=head.index,
                                               relation=labels.adjectival,
                                               tag=labels.past_participle)
            mended[noun.index] = replace(mended[noun.index], head=participle.index,
                                         relation=labels.compound)
            for child in graph.dependents(noun) + graph.dependents(participle):
                if child.index != head.index and not (
                        noun.index <= child.index <= participle.index):  # later tags
                    mended[child.index] = replace(mended[child.index], head=head.index)
            if loop_above(mended, participle.index) is None:
                words = mended
        for first in graph.with_pos("ADJ"):
            if (first.index < 2 or not vocab.is_comma(graph[first.index - 1])
                    or first.relation in (labels.unknown, labels.adjectival)
                    or vocab.is_color(first)):
                continue  # (the cheap tests first: an adjective opening a comma part)
            start, end = comma_part(vocab, graph, first)
            if not describing_only(vocab, graph, start, end) or any(
                    w.pos == "NUM" or w.relation == labels.unknown  # (a style: "low poly")
                    for w in graph.words[start:end]):
                continue
            head = self._head_noun(graph, vocab, start - 1)
            if head is None or first.head == head.index:
                continue  # (hung on the head noun already: "a lake, calm" keeps its conj)
            mended = list(words or graph.words)
            if head.head == first.index:  # "a tower ..., tall": tower the subject of tall
                take_place(mended, head, first, labels.adjectival)
            else:
                mended[first.index] = replace(mended[first.index], head=head.index,
                                              relation=labels.adjectival)
            for word in graph.words[first.index + 1 : end]:
                if word.head is not None and not start <= word.head < end:
                    mended[word.index] = replace(mended[word.index], head=first.index)
            if loop_above(mended, first.index) is None:  # (the head noun hung below it)
                words = mended
        return graph if words is None else graph.with_words(words)

    @staticmethod
    def _head_noun(graph: DependencyGraph, vocab: Vocabulary, comma: int) -> Word | None:
        """The one word of the comma part before ``comma`` that hangs outside it, where it is
        a noun; None where there is none, more than one, or a verb's clause."""
        if comma < 1:
            return None
        tops = part_tops(graph, *comma_part(vocab, graph, graph[comma - 1]))
        if len(tops) != 1 or not vocab.is_nominal(tops[0]):
            return None
        return tops[0]
