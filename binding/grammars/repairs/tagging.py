"""Words the tagger got wrong: verbs read as nouns, nouns read as verbs, adverbs read as nouns.

A small tagger reads "a brown dog crouches by a bag" with crouches a plural noun, "sandwiches
and lemonade" with lemonade a verb, and "lying sideways" with sideways a noun. These repairs
re-tag a word where the tree around it says what it is.
"""

from __future__ import annotations

import operator
import re
from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    comma_between,
    hangs_on,
    has_article,
    has_determiner,
    is_root,
    loop_above,
    lower_case_proper,
    move_coordinators,
    rightmost,
    stand_in,
    take_place,
)
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("participles_read_as_objects")
class ParticiplesReadAsObjects(Repair):
    """An -ing object of a preposition, with an object of its own and a colour before it, is a
    participle of the phrase's owner: "dressed in black riding a white surfboard" read as
    [in [black riding]] with the surfboard as the "noun"'s object: riding is a participle,
    black the object of in. So is an -ing "object" of a participle: after a colour worn
    ("a young female wearing black walking in snow", black an adjective of walking/NN), where
    the -ing word is a known verb's (``verbs``, by its stem) and no noun follows it ("wearing
    black riding boots" are boots); or after the verb's own object ("a dog wearing a bow tie
    laying on a sofa", laying a second object): a verb has one object."""

    ending: str  # the ending of the -ing form ("ing")
    clothing_verbs: WordLists = ()  # word lists of verbs of dress
    verbs: WordLists = ()  # word lists of verbs whose -ing form is read after a colour worn
    wear_prepositions: Words = frozenset()  # "in": "a woman in pink riding horses"
    animate: WordLists = ()  # word lists of who can wear a colour
    # parts of speech that end the -ing word's phrase (no object of it after them): one colour
    # worn is read before an -ing word only where one of these, or nothing, follows it
    closers: frozenset[str] = frozenset()

    needs = ("prepositional_objects", "prepositional_complement", "object", "participle",
             "present_participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        objects_of = labels.set("prepositional_objects") | {labels.prepositional_complement}
        words = list(graph.words)
        for word in graph.with_pos(("NOUN", "VERB")):
            if word.index == 0 or not word.lower.endswith(self.ending):
                continue
            listed = self._worn_colour_list(graph, vocab, word)
            if listed is not None:
                # "a woman wearing red and white holding a frisbee", "a person in red and black
                # reaching for ...": the colours are what is worn, the -ing word the owner's
                owner, anchor, colours = listed
                first, rest = colours[0], graph.words[colours[0].index + 1:word.index]
                relation = (labels.prepositional_objects[0] if anchor.pos == "ADP"  # type: ignore[index]
                            else labels.object)
                _write(words, first, head=anchor.index, relation=relation)
                for other in rest:
                    _write(words, other, head=first.index, relation=(
                        labels.conj if vocab.is_color(other) else
                        labels.coordinator if other.pos == "CCONJ" else labels.punct))
                _write(words, word, pos="VERB", tag=labels.present_participle,
                       head=owner.index, relation=labels.participle)
                for child in graph.dependents(word):  # (the colours the parser hung on it)
                    if child.index < first.index:
                        _write(words, child, head=owner.index)
                continue
            worn = self._worn_colour(graph, vocab, word)
            if worn is not None:
                # "a woman in pink riding horses" read as in [pink riding horses]: pink is
                # what she is in, riding her participle, horses its object
                owner, colour, noun = worn
                words[colour.index] = replace(colour, head=noun.head,
                                              relation=noun.relation)
                words[noun.index] = replace(noun, head=word.index, relation=labels.object)
                words[word.index] = replace(word, pos="VERB", tag=labels.present_participle,
                                            head=owner.index, relation=labels.participle)
                continue
            garment = self._garment_before(graph, vocab, word)
            if garment is not None:
                # "a girl in a tutu dancing on stage" read as in [a tutu dancing]: the tutu is
                # what she is in, dancing her participle, the phrases after it its own
                owner = graph.head(graph[word.head])  # type: ignore[index]
                stand_in(words, garment, word)
                for child in graph.children(word):
                    if child.index < garment.index:  # the phrase's article and colours
                        _write(words, child, head=garment.index)
                _write(words, word, pos="VERB", tag=labels.present_participle,
                       head=owner.index, relation=labels.participle)  # type: ignore[union-attr]
                continue
            moved = self._object_of_participle(graph, vocab, word)
            if moved is not None:
                owner, colour = moved
                if colour is not None:
                    words[colour.index] = replace(colour, head=word.head,
                                                  relation=labels.object)
                words[word.index] = replace(words[word.index], pos="VERB",
                                            tag=labels.present_participle, head=owner.index,
                                            relation=labels.participle)
                for child in graph.dependents(graph[word.head]):  # type: ignore[index]
                    if child.index > word.index:  # "walking in snow": the walk's phrases
                        words[child.index] = replace(words[child.index], head=word.index)
                continue
            prep = graph.head(word)
            stray = self._stray_object(graph, vocab, word)
            if (word.relation not in objects_of or prep is None
                    or not (stray is not None or any(
                        c.relation == labels.object and c.index > word.index
                        for c in graph.children(word)))):
                continue
            before = [c for c in graph.children(word) if c.index < word.index
                      and (c.pos == "ADJ" or vocab.is_color(c))]
            owner = graph.head(prep)
            if owner is not None and owner.relation == labels.participle and owner.pos == "VERB":
                owner = graph.head(owner)
            if not before or owner is None or not vocab.is_nominal(owner):
                continue
            if stray is not None:
                # "a man in black riding a bike" parsed with the bike the root and the man
                # its subject: the bike is riding's object, the man heads again
                if owner.head == stray.index:
                    take_place(words, owner, stray, labels.object)
                words[stray.index] = replace(words[stray.index], head=word.index,
                                             relation=labels.object)
            words[before[-1].index] = replace(before[-1], head=prep.index,
                                              relation=labels.prepositional_objects[0])
            words[word.index] = replace(words[word.index], pos="VERB",
                                        tag=labels.present_participle, head=owner.index,
                                        relation=labels.participle)
        return graph.with_words(words)

    def _garment_before(self, graph: DependencyGraph, vocab: Vocabulary,
                        word: Word) -> Word | None:
        """The noun right before an -ing "noun" that closes the phrase of what someone is in
        and that is a known verb's (``verbs``, by its stem) and no known noun: "in a tutu
        dancing", "in white shirt skiing" (the tutu, the shirt its compound); None otherwise."""
        if word.pos != "NOUN" or word.relation not in vocab.labels.set("prepositional_objects"):
            return None  # (the cheap tests first)
        garment = graph[word.index - 1]
        prep = graph.head(word)
        if (garment.head != word.index or garment.relation != vocab.labels.compound
                or not vocab.is_nominal(garment) or prep is None
                or prep.lower not in self.wear_prepositions
                or not vocab.has_stem(word.lower, self.ending, self.verbs)
                or vocab.has_form(word, ("nouns",))):
            return None
        owner = graph.head(prep)
        if owner is None or not vocab.has(owner, self.animate) or vocab.has(garment, self.animate):
            return None
        return garment

    @staticmethod
    def _stray_object(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> Word | None:
        """The noun of the determiner right after the -ing word where the parser hung it
        elsewhere ("in black riding a bike", the bike the root); None otherwise."""
        opener = graph.next(word)
        noun = graph.head(opener) if opener is not None and opener.pos == "DET" else None
        if (noun is None or noun.index <= opener.index or not vocab.is_nominal(noun)  # type: ignore[union-attr]
                or noun.head == word.index):
            return None
        return noun

    def _worn_colour_list(self, graph: DependencyGraph, vocab: Vocabulary,
                          word: Word) -> tuple[Word, Word, list[Word]] | None:
        """(owner, "in" or the verb of dress, the colours) where coordinated bare colours
        worn by someone come right before an -ing word that no noun follows: "wearing red and
        white holding a frisbee", "dressed in black and red standing by", read by word order
        whatever the parse (the -ing word a noun, or a conjunct of the colours). One colour
        does before the -ing form of a known verb (``verbs``, by its stem): "a man in white
        skiing in the snow". A known noun ("in black and white clothing") or an -ing word
        before a noun that is not its object ("wearing red and white riding boots") is no
        participle."""
        if vocab.has_form(word, ("nouns",)):  # (a noun or a verb by its part of speech)
            return None
        after = graph.next(word)
        if after is not None and (vocab.is_nominal(after) or after.pos == "ADJ") and not (
                after.head == word.index and after.relation == vocab.labels.object):
            return None  # (the parser's own object: "wearing black and white performing tricks")
        found = _worn_colours_before(graph, vocab, word, self.wear_prepositions,
                                     self.clothing_verbs)
        if found is None or (len(found[0]) < 2 and (
                not vocab.has_stem(word.lower, self.ending, self.verbs) or (
                    after is not None and after.pos not in self.closers))):
            return None  # (one colour only before a known verb's -ing that closes its phrase:
            # "a man in white skiing in the snow"; not "in black riding a bike", read below)
        colours, anchor = found
        owner = graph.head(anchor)
        if (owner is not None and owner.pos == "VERB"
                and owner.relation == vocab.labels.participle):
            owner = graph.head(owner)  # "a man dressed in black and red": the man
        if owner is None or not vocab.is_nominal(owner) or not vocab.has(owner, self.animate):
            return None
        return owner, anchor, colours

    def _worn_colour(self, graph: DependencyGraph, vocab: Vocabulary,
                     word: Word) -> tuple[Word, Word, Word] | None:
        """(owner, colour, noun) where "in" + a bare colour + an -ing word + a bare noun was
        read as one noun phrase after someone who can wear it; None otherwise."""
        labels = vocab.labels
        noun = graph.head(word)
        colour = graph[word.index - 1]
        prep = graph.head(noun) if noun is not None else None
        if (prep is None or noun.index != word.index + 1 or not vocab.is_nominal(noun)  # type: ignore[union-attr]
                or prep.lower not in self.wear_prepositions or colour.index != prep.index + 1
                or not vocab.is_color(colour) or colour.head not in (word.index, noun.index)  # type: ignore[union-attr]
                or noun.relation not in labels.set("prepositional_objects")):  # type: ignore[union-attr]
            return None
        owner = graph.head(prep)
        if owner is None or not vocab.has(owner, self.animate):
            return None
        return owner, colour, noun  # type: ignore[return-value]

    def _object_of_participle(self, graph: DependencyGraph, vocab: Vocabulary,
                              word: Word) -> tuple[Word, Word | None] | None:
        """(owner, colour worn or None) where the -ing "object" of a participle is the
        owner's next participle; None otherwise."""
        labels = vocab.labels
        verb = graph.head(word)
        if (word.relation != labels.object or verb is None or verb.pos != "VERB"
                or verb.relation != labels.participle or verb.index > word.index):
            return None
        owner = graph.head(verb)
        after = graph.next(word)
        if owner is None or not vocab.is_nominal(owner) or (
                after is not None and (vocab.is_nominal(after) or after.pos == "ADJ")):
            return None
        if word.pos == "VERB" and any(
                c.relation == labels.object and c.index < word.index and vocab.is_nominal(c)
                for c in graph.dependents(verb)):
            return owner, None  # "wearing a bow tie laying on a sofa"
        colours = [c for c in graph.dependents(word) if c.index < word.index]
        if (vocab.has(verb, self.clothing_verbs) and len(colours) == 1
                and vocab.is_color(colours[0]) and colours[0].index == word.index - 1
                and vocab.has_stem(word.lower, self.ending, self.verbs)):
            return owner, colours[0]  # "wearing black walking in snow"
        return None


@registry.repairs("worn_colour_verbs")
class WornColourVerbs(Repair):
    """A bare colour someone is in, and the clause's verb after it, read as one noun phrase:
    "a man in black walks/NNS along the beach", "the girl wearing white and black rides/NNS
    atop a pony", "a woman dressed in red walks/NNS a dog", "two men in black walk/NN along"
    (black an adjective of walks, the phrase what he is in). Where the "noun" is a known
    verb's (``verbs``: the -s form by its stem after one animate wearer, the bare form after
    a plural one), no known noun and no verb follows it, right after a colour worn, it is the
    verb: the wearer its subject, the colours what is worn, the phrases after it its own. A
    known noun ("a skier in red skis") stays a garment."""

    ending: str  # the ending of the present 3rd person ("s")
    clothing_verbs: WordLists = ()  # word lists of verbs of dress
    verbs: WordLists = ()  # word lists of verbs whose -s form is read after a colour worn
    wear_prepositions: Words = frozenset()  # "in": "a man in black walks"
    animate: WordLists = ()  # word lists of who can wear a colour
    followers: frozenset[str] = frozenset()  # parts of speech that may follow the verb

    needs = ("plural_noun", "singular_noun", "third_person_verb", "subject", "object",
             "prepositional_objects", "participle", "conj", "coordinator", "punct")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        nouns = (*graph.with_tag(labels.plural_noun), *graph.with_tag(labels.singular_noun))
        for word in nouns:
            found = self._worn_before(graph, vocab, word)
            if found is None:
                continue
            owner, anchor, colours, clause = found
            if clause is None:  # "a man in black walks ...": the man was the root
                stand_in(words, word, owner)
            else:  # "a woman dressed in red walks a dog", the dog the "verb" of woman
                stand_in(words, word, clause)
                _write(words, clause, head=word.index, relation=labels.object)
            _write(words, owner, head=word.index, relation=labels.subject)
            _write(words, word, pos="VERB", tag=labels.third_person_verb)
            first = colours[0]
            _write(words, first, head=anchor.index, relation=(
                labels.prepositional_objects[0] if anchor.pos == "ADP"  # type: ignore[index]
                else labels.object))
            for other in graph.words[first.index + 1:word.index]:
                _write(words, other, head=first.index, relation=(
                    labels.conj if vocab.is_color(other) else
                    labels.coordinator if other.pos == "CCONJ" else labels.punct))
            # the phrases after the verb the parser hung on the wearer, the verb of dress or
            # "in" are the verb's own ("... wearing black walks along the beach")
            for above in {owner.index, anchor.index, *(
                    [anchor.head] if anchor.head is not None else [])}:
                for child in graph.dependents(graph[above]):
                    if child.index > word.index and child.pos != "PUNCT" and (
                            clause is None or child.index != clause.index):
                        _write(words, child, head=word.index)
        return graph.with_words(words)

    def _worn_before(self, graph: DependencyGraph, vocab: Vocabulary, word: Word
                     ) -> tuple[Word, Word, list[Word], Word | None] | None:
        """(wearer, "in" or the verb of dress, the colours, the word the parser made the
        wearer's verb or None where the wearer was the root) where ``word`` is a verb read
        after a colour worn; None otherwise."""
        labels, lower = vocab.labels, word.lower
        third_person = word.tag == labels.plural_noun  # (an -s form: one wearer)
        if word.index < 3 or not vocab.is_color(graph[word.index - 1]):
            return None  # (the cheap test first)
        if (vocab.has_form(word, ("nouns",)) or not (
                (vocab.has_stem(lower, self.ending, self.verbs)
                 or vocab.has_stem(lower, "e" + self.ending, self.verbs)) if third_person
                else vocab.has_form(word, self.verbs))):
            return None
        after = graph.next(word)
        if after is not None and not (after.pos in self.followers or after.pos == "PUNCT"):
            return None
        found = _worn_colours_before(graph, vocab, word, self.wear_prepositions,
                                     self.clothing_verbs)
        if found is None:
            return None
        colours, anchor = found
        if word.head != anchor.index or any(
                c.head not in (word.index, *(k.index for k in colours)) for c in colours):
            return None
        owner = graph.head(anchor)
        if (owner is not None and owner.pos == "VERB"
                and owner.relation == labels.participle):
            owner = graph.head(owner)  # "a woman dressed in red": the woman
        if (owner is None or not vocab.has(owner, self.animate) or owner.tag != (
                labels.singular_noun if third_person else labels.plural_noun)):
            return None
        if is_root(owner):
            return owner, anchor, colours, None
        clause = graph.head(owner)
        if (owner.relation in labels.set("subjects") and clause is not None
                and clause.index > word.index and vocab.is_nominal(clause) and is_root(clause)):
            return owner, anchor, colours, clause
        return None


@registry.repairs("verbs_closing_plural_subjects")
class VerbsClosingPluralSubjects(Repair):
    """A plural subject's bare verb read as the head noun of the phrase that closes the
    subject, the phrase's noun its compound: "a man in a hat and a woman in a scarf walk/NN
    along the river" (scarf a compound of walk), "a dog with a red collar and a cat with a
    blue bell sleep/NN on the rug". Where the "noun" is a known verb's bare form (``verbs``)
    and no known noun, its compound a noun right before it, the phrase a preposition's on a
    plural noun or on the last of coordinated nouns that the parser left without a verb (the
    first of them the root), and a verb's word follows (a preposition, an adverb, an article)
    or nothing, it is the clause's verb: the coordinated nouns its subject, the compound the
    preposition's object."""

    verbs: WordLists = ()  # word lists of verbs read so by their bare form
    followers: frozenset[str] = frozenset()  # parts of speech that may follow the verb

    needs = ("singular_noun", "present_verb", "compound", "conj", "subject",
             "prepositional_objects", "plural_nouns")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for word in graph.with_tag(labels.singular_noun):
            found = self._subject(graph, vocab, word)
            if found is None:
                continue
            subject, compound = found
            stand_in(words, word, subject)
            _write(words, subject, head=word.index, relation=labels.subject)
            _write(words, word, pos="VERB", tag=labels.present_verb)
            _write(words, compound, head=word.head, relation=word.relation)
            for child in graph.dependents(word):  # the object's article and modifiers
                if child.index < compound.index:
                    _write(words, child, head=compound.index)
            for child in graph.dependents(subject):  # "... walk along the river"
                if child.index > word.index and child.pos != "PUNCT":
                    _write(words, child, head=word.index)
        return graph.with_words(words)

    def _subject(self, graph: DependencyGraph, vocab: Vocabulary,
                 word: Word) -> tuple[Word, Word] | None:
        """(the subject, the compound) where ``word`` is such a verb; None otherwise."""
        labels = vocab.labels
        if word.index < 2 or word.relation not in labels.set("prepositional_objects"):
            return None  # (the cheap tests first)
        compound = graph[word.index - 1]
        if compound.head != word.index or compound.relation != labels.compound:
            return None
        after = graph.next(word)
        if (not vocab.is_nominal(compound) or not vocab.has_form(word, self.verbs)
                or vocab.has_form(word, ("nouns",))
                or (after is not None and after.pos not in self.followers)):
            return None
        prep = graph.head(word)
        owner = graph.head(prep) if prep is not None and prep.pos == "ADP" else None
        if owner is None or not vocab.is_nominal(owner) or owner.index > word.index:
            return None
        subject = owner
        while (subject.relation == labels.conj and (first := graph.head(subject)) is not None
               and vocab.is_nominal(first) and first.index < subject.index):
            subject = first
        plural = subject is not owner or owner.tag in labels.set("plural_nouns")
        return (subject, compound) if plural and is_root(subject) else None


def _worn_colours_before(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                         wear_prepositions: Words, clothing_verbs: WordLists
                         ) -> tuple[list[Word], Word] | None:
    """(the colours, "in" or the verb of dress before them) where bare colours, coordinated
    by conjunctions or commas, stand right before ``word`` after "in" or a verb of dress
    ("wearing red and white holding", "in black walks"); None otherwise."""
    colours, i = [], word.index - 1
    while i > 0 and (vocab.is_color(graph[i]) or graph[i].pos == "CCONJ"
                     or vocab.is_comma(graph[i])):
        if vocab.is_color(graph[i]):
            if has_determiner(graph, graph[i]):
                return None
            colours.insert(0, graph[i])
        elif not colours or not vocab.is_color(graph[i - 1]):
            return None  # a conjunction or comma stands between two colours
        i -= 1
    anchor = graph[i]
    if (not colours or colours[0].index != i + 1
            or not (anchor.lower in wear_prepositions
                    or (anchor.pos == "VERB" and vocab.has(anchor, clothing_verbs)))):
        return None
    return colours, anchor


def _write(words: list[Word], word: Word, **changes: object) -> None:
    """Set fields of a word in ``words``, leaving it the very same word where none changes
    (so a repair applied twice gives the same graph)."""
    current = words[word.index]
    if any(getattr(current, name) != value for name, value in changes.items()):
        words[word.index] = replace(current, **changes)  # type: ignore[arg-type]


def _comma_tag(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
    """Whether the word opens a tag after a comma with nothing after it but its own
    prepositional phrases ("..., smoke from the chimney")."""
    return word.index > 0 and vocab.is_comma(graph[word.index - 1]) and all(
        c.relation == vocab.labels.preposition and c.index > word.index
        for c in graph.dependents(word))


def _finite_tag(vocab: Vocabulary, word: Word, third_person_ending: str,
                past_forms: WordLists = ()) -> str | None:
    labels = vocab.labels
    if past_forms and vocab.has_form(word, past_forms):
        return labels.past_tense
    return (labels.third_person_verb if word.lower.endswith(third_person_ending)
            else labels.present_verb)


def _nearly_transitive(graph: DependencyGraph, vocab: Vocabulary, verb: Word) -> bool:
    """Whether the "noun" is a verb the tagger nearly read as one (Word.alternative_tags)
    with the parser's own object right after it, opened by a determiner: "stacked lobster
    traps/VBZ line/NN the pier" (a noun takes no object)."""
    labels = vocab.labels
    after = graph.next(verb)
    return (labels.present_verb in verb.alternative_tags and after is not None
            and after.pos == "DET" and any(
                c.relation == labels.object and c.index > after.index
                for c in graph.children(verb)))



@registry.repairs("verbs_read_as_nouns")
class VerbsReadAsNouns(Repair):
    """A "noun" with a subject before it is a verb ("waves, huge and foamy, crash against the
    pier": crash/NN with waves its nsubj), unless list items stand between (a tag list). So is
    a known intransitive verb the tagger read as the head of a compound, between a singular
    noun and a preposition or conjunction: "a brown dog crouches by a bag" (dog a compound of
    crouches/NNS). A "noun" with a subject before it and an object after it is a verb
    whatever follows ("Traditional brown zebra nursing/NN a black foal"); with the -ing ending
    it is a participle, which ``subject_participles`` hangs on its noun. Hung on a first noun
    phrase as its conjunct, the verb takes the coordinated nouns for its subject ("a brown
    dog and a black dog play/NN"); with a subject of its own before, the compound noun joins
    the noun before its conjunction ("couples in wigs and silk gowns waltz/NN")."""

    followers: frozenset[str]  # parts of speech that may follow the verb
    third_person_ending: str  # the ending of the present 3rd person ("s"): its tag, else VBP
    participle_ending: str = ""  # the ending of present participles ("ing"): their tag
    complement: str = ""  # the label a colour after the verb takes ("oprd": ripples green)
    # word lists of irregular past tenses of such verbs: read as they are, with the past
    # tense's tag
    past_forms: WordLists = ()
    # a word the tagger nearly read as a present-tense verb (Word.alternative_tags), and no
    # known noun, counts as a known intransitive verb: "a black dog play/NN with a frisbee",
    # "couples in silk gowns waltz/NN across the floor"
    nearly_verbs: bool = False
    # word lists of verbs read so when the "noun" closes the second of two coordinated noun
    # phrases, hung on the first: "a horse and a white pony play/NN in the field"
    coordinated_verbs: WordLists = ()
    # tags of determiners ("DT"): a determiner right before a "noun" with a noun phrase after
    # it opens its phrase ("a white tiled floor some tables chairs and a brown clock": an
    # unpunctuated list, not tables the verb of floor)
    determiner_tags: frozenset[str] = frozenset()

    needs = ("subjects", "subject", "compound", "prepositional_objects", "object",
             "singular_noun", "third_person_verb", "present_verb", "apposition",
             "conj", "adjectival", "past_tense", "present_participle", "plural_noun",
             "finite_verbs", "possessive", "participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        not_clause = labels.set("prepositional_objects") | {labels.object}
        words = list(graph.words)
        for word in graph.with_pos(("NOUN", "PROPN")):
            if word.index == 0 or (word.pos == "PROPN" and not lower_case_proper(word)):
                continue  # ("lake, ducks swimming/NNP, reeds": a lower-case "name" is a guess)
            after = graph.next(word)
            # a "noun" that ends its clause is a verb only with its subject right before it
            # and no noun's reading ("The bird perched on the branch sang/NN."; not "pink
            # walls and white toilet and sink", Bathroom its "subject")
            closing = after is None or after.pos == "PUNCT"
            before = graph[word.index - 1]
            if closing and (
                    before.pos == "CCONJ"
                    # (the cheap tests first: no branch below reads a closing word without
                    # its -ing ending or a subject of its own before it)
                    or not ((self.participle_ending
                             and word.lower.endswith(self.participle_ending))
                            or any(c.relation in subjects and c.index < word.index
                                   for c in graph.dependents(word)))
                    or vocab.has_form(word, ("nouns",))):
                continue
            if not closing and after.pos not in self.followers and after.pos in (
                    "CCONJ", "AUX", "PART"):
                continue  # the cheap test first: no verb of these branches ends so
            children = graph.children(word)
            if (closing and self.participle_ending
                    and word.lower.endswith(self.participle_ending)
                    and before.head == word.index and before.relation == labels.compound
                    and vocab.is_nominal(before) and any(
                        c.relation == labels.possessive and c.index < before.index
                        for c in (*children, *graph.dependents(before)))):
                # "..., its tail wagging/NN, ...": an absolute phrase, the possessed noun
                # and its participle
                take_place(words, before, word, labels.participle)
                words[word.index] = replace(words[word.index], pos="VERB",
                                            tag=labels.present_participle)
                for child in children:
                    if child.index < before.index:
                        words[child.index] = replace(words[child.index], head=before.index)
                continue
            own_subjects = [c for c in children
                            if c.relation in subjects and c.index < word.index]
            if closing and not own_subjects:
                continue
            if not (word.head == before.index or before.head == word.index or own_subjects):
                continue  # neither branch below can read it
            # an object or a colour complement after it makes a verb too ("the aurora
            # ripples/NNS green above")
            if (not closing and after.pos not in self.followers and not vocab.is_color(after)
                    and (before.tag in self.determiner_tags
                         or not any(c.relation == labels.object and c.index > word.index
                                    for c in children))):
                continue
            if any(all(w.pos == "PUNCT"
                       for w in graph.words[rightmost(graph, c) + 1 : word.index])
                   and not self._listed(graph, vocab, c, word)
                   for c in own_subjects):
                words[word.index] = replace(words[word.index], pos="VERB",
                                            tag=self._tag(vocab, word))
                continue
            subject = before
            if closing or (word.head != subject.index and subject.head != word.index):
                continue
            first = self._first_conjunct(graph, vocab, word, subject)
            if first is not None and words[first.index].pos == "VERB":
                # "A bumblebee hovers/NNS near a bush, ..., and a blue tit perches/NNS on
                # ...": the first conjunct was read as a verb above; it is a clause of its own
                first = None
            if not (vocab.has(word, ("intransitive_verbs",))
                    or (self.past_forms and vocab.has_form(word, self.past_forms))
                    or (self.nearly_verbs and self._nearly_verb(vocab, word))
                    or (first is not None and vocab.has(word, self.coordinated_verbs))):
                continue
            tag = self._tag(vocab, word)
            if (word.head == subject.index and vocab.is_nominal(subject)
                    and vocab.has_form(subject, ("nouns", "animate"))
                    and not vocab.has_form(word, ("nouns",))):
                # "a small grey kitten swam/NN by the door", "maglev trains glide/NN on
                # elevated tracks", the verb hung on its subject: it takes the subject's place
                words[word.index] = replace(words[word.index], pos="VERB", tag=tag)
                take_place(words, words[word.index], words[subject.index], labels.subject)
                continue
            if subject.head != word.index:
                continue
            # a known noun the tagger read as a participle ("a cute duckling/VBG swims") is one
            known = (subject.relation in (labels.compound, labels.adjectival)
                     and vocab.has_form(subject, ("nouns",)))
            if (not (known or (subject.relation == labels.compound
                               # "The Nile/NNP glitters in the distance"
                               and (subject.tag == labels.singular_noun
                                    or subject.pos == "PROPN"
                                    # "couples in silk gowns waltz/NN (VBP nearly)": a plural
                                    # with the plural's verb
                                    or (subject.tag == labels.plural_noun
                                        and labels.present_verb in word.alternative_tags))
                               and vocab.is_nominal(subject)))
                    or (word.relation in not_clause
                        and not self._across_comma(graph, vocab, word)
                        and not _nearly_transitive(graph, vocab, word))):
                continue
            noun_tag = (labels.plural_noun if subject.tag == labels.plural_noun
                        else labels.singular_noun)
            own = next((c for c in children
                        if c.relation in subjects and c.index < subject.index
                        and not comma_between(vocab, graph, c.index, subject.index)), None)
            if own is not None:
                # "couples in powdered wigs and silk gowns waltz/NN": the verb has a subject of
                # its own; the noun read as a compound joins the noun before the conjunction
                joined = self._conjunct_before(graph, vocab, subject, own, children)
                if joined is not None:
                    words[word.index] = replace(words[word.index], pos="VERB", tag=tag)
                    words[subject.index] = replace(words[subject.index], head=joined.index,
                                                   relation=labels.conj, pos="NOUN",
                                                   tag=noun_tag)
                continue
            words[word.index] = replace(words[word.index], pos="VERB", tag=tag)
            words[subject.index] = replace(words[subject.index], relation=labels.subject,
                                           pos="NOUN", tag=noun_tag)
            self._opening_participle(graph, vocab, word, subject, words)
            for child in children:
                if child.index < subject.index:
                    words[child.index] = replace(words[child.index], head=subject.index)
            if first is not None:
                # "a brown dog and a black dog play/NN with a frisbee", play hung on the first
                # dog as its conjunct: the two dogs are its subject
                take_place(words, words[word.index], words[first.index], labels.subject)
                if not vocab.is_nominal(first):
                    words[first.index] = replace(words[first.index], pos="NOUN",
                                                 tag=labels.singular_noun)
                words[subject.index] = replace(words[subject.index], head=first.index,
                                               relation=labels.conj)
        self._conjoined_subjects(graph, vocab, words)
        if self.complement and any(map(operator.is_not, words, graph.words)):
            # "the aurora ripples/NNS green": green was its adjective
            for word in graph:
                verb = graph.head(word)
                if (verb is not None and verb.index < word.index and verb.pos == "NOUN"
                        and words[verb.index].pos == "VERB"
                        and word.relation in (labels.adjectival, labels.participle)
                        and vocab.is_color(word)):
                    words[word.index] = replace(words[word.index], relation=self.complement)
        return graph.with_words(words)

    @staticmethod
    def _opening_participle(graph: DependencyGraph, vocab: Vocabulary, verb: Word,
                            subject: Word, words: list[Word]) -> None:
        """Where the parser made the verb the object of a past form right before its
        subject's phrase ("stacked/VBD lobster traps line/NN the pier", line the object of
        stacked), that form is the subject's participle and the verb takes its place, with
        what else hung on the form (an earlier clause's verb across a comma, no subject)."""
        labels = vocab.labels
        subjects = labels.set("subjects")
        head = graph.head(verb)
        if (verb.relation != labels.object or head is None or head.pos != "VERB"
                or head.tag not in (labels.past_tense, labels.past_participle)
                or head.index >= subject.index
                or any(w.head != subject.index
                       for w in graph.words[head.index + 1 : subject.index])
                or any(c.relation in subjects and not comma_between(vocab, graph, c.index,
                                                                     head.index)
                       for c in graph.children(head))):
            return
        stand_in(words, words[verb.index], head)
        words[head.index] = replace(words[head.index], head=subject.index,
                                    relation=labels.adjectival, tag=labels.past_participle)
        for child in graph.children(head):
            if child.index != verb.index:
                words[child.index] = replace(
                    words[child.index], head=verb.index,
                    relation=labels.unknown if child.relation in subjects else child.relation)

    @staticmethod
    def _conjoined_subjects(graph: DependencyGraph, vocab: Vocabulary,
                            words: list[Word]) -> None:
        """A "noun" read here as a verb that the parser made the subject of a later verb
        heads a clause conjoined to that verb, and the noun the parser conjoined to it is the
        later verb's subject: "The Nile glitters/NNS in the distance ..., and a sphinx lies
        half buried in sand" (glitters the nsubj of lies, sphinx its conjunct). A verb is no
        subject."""
        labels = vocab.labels
        subjects = labels.set("subjects")
        for word in graph.with_pos("NOUN"):
            verb = graph.head(word)
            if (words[word.index].pos != "VERB" or word.relation not in subjects
                    or verb is None or verb.index < word.index
                    or words[verb.index].pos != "VERB"):
                continue
            subject = next((c for c in graph.children(word)
                            if c.relation == labels.conj and c.index > word.index
                            and vocab.is_nominal(words[c.index])
                            and words[c.index].relation == labels.conj
                            and words[c.index].head == word.index), None)
            if subject is None:
                continue
            words[subject.index] = replace(words[subject.index], head=verb.index,
                                           relation=labels.subject)
            words[word.index] = replace(words[word.index], relation=labels.conj)

    def _tag(self, vocab: Vocabulary, word: Word) -> str:
        """The verb's tag: the -ing form's by its ending, else a finite one."""
        if self.participle_ending and word.lower.endswith(self.participle_ending):
            return vocab.labels.present_participle  # type: ignore[return-value]
        return _finite_tag(vocab, word, self.third_person_ending, self.past_forms)  # type: ignore[return-value]

    @staticmethod
    def _nearly_verb(vocab: Vocabulary, word: Word) -> bool:
        """A word no known noun that the tagger nearly read as a finite verb."""
        finite = vocab.labels.set("finite_verbs")
        return (not vocab.has_form(word, ("nouns",))
                and any(tag in finite for tag in word.alternative_tags))

    @staticmethod
    def _first_conjunct(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                        subject: Word) -> Word | None:
        """The root noun the word hangs on as its conjunct, before the word's "subject": "a
        brown dog and a black dog play/NN" (play a conjunct of the first dog); None
        otherwise."""
        first = graph.head(word)
        if (word.relation != vocab.labels.conj or first is None or first.head is not None
                or first.index > subject.index):
            return None
        # a noun, or a known one the tagger missed ("three geese/JJ and a white duck swim")
        return first if (vocab.is_nominal(first)
                         or vocab.has_form(first, ("nouns", "animate"))) else None

    @staticmethod
    def _conjunct_before(graph: DependencyGraph, vocab: Vocabulary, noun: Word, subject: Word,
                         verb_children: list[Word]) -> Word | None:
        """The noun right before a conjunction that opens ``noun``'s phrase, after the verb's
        own ``subject`` ("wigs" in "couples in powdered wigs and silk gowns waltz"), or None."""
        start = min(c.index for c in (noun, *graph.children(noun), *verb_children)
                    if c.index > subject.index)
        if start < 2 or graph[start - 1].pos != "CCONJ":
            return None
        joined = graph[start - 2]
        return joined if vocab.is_nominal(joined) else None

    @staticmethod
    def _listed(graph: DependencyGraph, vocab: Vocabulary, subject: Word, word: Word) -> bool:
        """Whether nouns of a list stand between the "subject" and the word: "cyberpunk
        samurai, neon katana, ..., night city, reflections on wet asphalt" is a tag list, not a
        subject set off by its own describing words ("waves, huge and foamy, crash"). Nouns
        joined by a conjunction alone are one subject ("two boys and a small girl romp/NN in
        the garden")."""
        labels = vocab.labels
        return any(vocab.is_nominal(w) and w.relation in (labels.apposition, labels.conj)
                   for w in graph.words[subject.index + 1 : word.index]) and comma_between(
            vocab, graph, subject.index, word.index)

    @staticmethod
    def _across_comma(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """An object hung on a verb across a comma is another clause's subject ("waves crash
        against the rocks, a red rowboat bobs in the harbor": bobs read as crash's object)."""
        head = graph.head(word)
        return head is not None and head.index < word.index and comma_between(
            vocab, graph, head.index, word.index)


@registry.repairs("subjects_read_as_verbs")
class SubjectsReadAsVerbs(Repair):
    """A plural subject and its verb read the other way round: "reflections shimmer on the
    cobblestones", "dust motes drift in the light" tagged reflections/VBZ (no subject of its
    own) and shimmer/NN. Where the "noun" after such a "verb" is a known intransitive verb, in
    its base form (tagged a noun or an adjective: "neon signs/VBZ flicker/JJ outside"), and a
    preposition, adverb or the phrase's end follows, the two swap: the plural is the subject,
    the base form its verb (a plural subject takes the base form). So with a singular: "smoke
    curls from the chimney" tagged smoke/VB, curls/NNS. A "3rd-person verb" the parser itself
    made the subject of the base-form verb right after it is a plural noun: "sparks fly from
    the anvil", "leaves fall from the trees"."""

    ending: str  # the ending plurals share with the 3rd person singular ("s")
    followers: frozenset[str]  # parts of speech that may follow the verb
    verbs: WordLists  # word lists of verbs the rule may read in the "noun" ("intransitive_verbs")
    # word lists of nouns whose plural before a singular "noun" is its subject, whatever the
    # verb ("gulls/VBZ wheel/NN above the harbor": gulls is a plural of gull)
    subjects: WordLists = ()
    # word lists of nouns whose plural is their singular: one tagged a base-form verb before
    # a known verb's base form is its plural subject ("glowing jellyfish/VB drift/NN")
    zero_plurals: WordLists = ()
    # the ending of present participles ("ing"): a "noun" with it is no base form to swap in
    # ("castle, ravens/VBZ flying/NN, moon": flying is the ravens' participle)
    participle_ending: str = ""

    needs = ("subjects", "subject", "third_person_verb", "singular_noun", "plural_noun",
             "present_verb", "base_verb", "unknown", "adjective", "compound",
             "present_participle", "participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        words = list(graph.words)
        verb_tags = {labels.third_person_verb, labels.base_verb, labels.present_verb}
        for word in graph.with_tag(verb_tags):  # both readings start from a verb's tag
            verb = graph.next(word)
            if verb is None:
                continue
            if (word.tag == labels.third_person_verb and word.relation in subjects
                    and word.head == verb.index and verb.pos == "VERB"
                    and verb.tag in (labels.base_verb, labels.present_verb)
                    and word.lower.endswith(self.ending)
                    and self._followed(graph, verb)):
                # "sparks/VBZ fly from the anvil": the parser's own subject of the next verb
                # is a plural noun; an earlier clause's subject hung on it is its own
                self._as_plural(graph, vocab, word, words)
                continue
            if self.participle_ending and verb.lower.endswith(self.participle_ending):
                if self._plural_before_participle(graph, vocab, word, verb):
                    # "..., ravens/VBZ circling overhead": a plural opening its comma part,
                    # the -ing word its participle; what the parser hung on it after the
                    # participle is the participle's, a subject across the comma no subject
                    self._as_plural(graph, vocab, word, words, participle=verb)
                    words[verb.index] = replace(words[verb.index], head=word.index,
                                                relation=labels.participle)
                continue
            transitive = _nearly_transitive(graph, vocab, verb)
            if not (vocab.has(verb, self.verbs) or transitive or (
                    self.subjects and word.tag == labels.third_person_verb
                    and vocab.has_stem(word.lower, self.ending, self.subjects))):
                continue
            # reflections/VBZ shimmer/NN; the "noun" may be a lower-case "proper noun"
            # ("seagulls/VBZ circle/NNP overhead")
            plural = (((word.tag == labels.third_person_verb
                        and word.lower.endswith(self.ending))
                       or (word.tag in (labels.base_verb, labels.present_verb)
                           and self.zero_plurals and vocab.has(word, self.zero_plurals)))
                      and (verb.tag in (labels.singular_noun, labels.adjective)
                           or lower_case_proper(verb))
                      and not verb.lower.endswith(self.ending))
            singular = (word.tag in (labels.base_verb, labels.present_verb)
                        and verb.tag == labels.plural_noun
                        and verb.lower.endswith(self.ending))  # smoke/VB (or VBP) curls/NNS
            first = self._first_noun(graph, vocab, word) if plural or singular else None
            # the two hung one on the other, or side by side ("..., seagulls circle overhead"
            # with both conjuncts of the clause before)
            if (not (plural or singular)
                    or not (verb.head == word.index or word.head == verb.index
                            or (verb.head == word.head and verb.relation == word.relation))
                    or any(c.relation in subjects and not self._across_comma(graph, c, word)
                           and c is not first for c in graph.children(word))):
                continue
            if not (self._followed(graph, verb) or transitive):
                continue
            if verb.head == word.index:  # "reflections/VBZ shimmer/NN": the verb takes the top
                stand_in(words, verb, word)
                for child in graph.children(word):
                    if child.index > verb.index:
                        words[child.index] = replace(words[child.index], head=verb.index)
                    elif self._across_comma(graph, child, word):  # an earlier clause's verb
                        words[child.index] = replace(words[child.index], head=verb.index,
                                                     relation=labels.unknown)
            else:  # "motes/VBZ drift/NN", motes a compound of drift
                for child in graph.children(verb):
                    if child.index < word.index:
                        words[child.index] = replace(words[child.index], head=word.index)
            words[verb.index] = replace(
                words[verb.index], pos="VERB",
                tag=labels.present_verb if plural else labels.third_person_verb)
            words[word.index] = replace(
                words[word.index], pos="NOUN",
                tag=labels.plural_noun if plural else labels.singular_noun, head=verb.index,
                relation=labels.subject)
            if first is not None:  # "dew drops glisten", "chimney smoke curls": dew, chimney
                # were read as the subject
                words[first.index] = replace(words[first.index], head=word.index,
                                             relation=labels.compound)
        return graph.with_words(words)

    def _as_plural(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                   words: list[Word], participle: Word | None = None) -> None:
        """Re-tag the "3rd-person verb" ``word`` a plural noun, in ``words``: a subject the
        parser hung on it across a comma (an earlier clause's) is no subject of it; given its
        ``participle``, what the parser hung on it after that word is the participle's."""
        labels = vocab.labels
        subjects = labels.set("subjects")
        words[word.index] = replace(words[word.index], pos="NOUN", tag=labels.plural_noun)
        for child in graph.children(word):
            if participle is not None and child.index > participle.index:
                words[child.index] = replace(words[child.index], head=participle.index)
            elif child.relation in subjects and self._across_comma(graph, child, word):
                words[child.index] = replace(words[child.index], relation=labels.unknown)

    def _plural_before_participle(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                                  verb: Word) -> bool:
        """Whether a "3rd-person verb" is the plural of a known ``subjects`` noun opening its
        comma part, right before an -ing word, with no subject of its own in the part: a
        finite verb after a comma has its subject there ("..., she keeps singing"). Not one
        the parser hung under the -ing word ("seahorses/VBZ cling/VBG to strands", its
        subject: a base form the tagger read by its ending)."""
        labels = vocab.labels
        subjects = labels.set("subjects")
        return (bool(self.subjects) and word.tag == labels.third_person_verb
                and verb.tag == labels.present_participle and not hangs_on(graph, word, verb)
                and word.index > 0
                and vocab.is_comma(graph[word.index - 1])
                and vocab.has_stem(word.lower, self.ending, self.subjects)
                and not any(c.relation in subjects and not self._across_comma(graph, c, word)
                            for c in graph.children(word)))

    def _followed(self, graph: DependencyGraph, verb: Word) -> bool:
        """Whether the verb ends its phrase or a preposition, adverb or particle follows."""
        after = graph.next(verb)
        return after is None or after.pos in self.followers

    @staticmethod
    def _first_noun(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> Word | None:
        """A bare singular noun right before the plural, read as its subject: the compound's
        first noun ("dew drops/VBZ glisten/JJ", dew the subject of drops); "a man holds drift"
        has its subject (with an article of its own). A lower-case "proper noun" is a common
        one the tagger misread ("autumn/NNP leaves/VBZ swirl/NN across the pavement")."""
        before = graph[word.index - 1] if word.index else None
        if (before is None or before.head != word.index or not vocab.is_nominal(before)
                or not (before.tag == vocab.labels.singular_noun
                        or lower_case_proper(before))
                or has_determiner(graph, before)):
            return None
        return before

    @staticmethod
    def _across_comma(graph: DependencyGraph, child: Word, word: Word) -> bool:
        """Whether punctuation stands between ``child`` (before ``word``) and ``word``."""
        return child.index < word.index and any(
            w.pos == "PUNCT" for w in graph.words[child.index + 1 : word.index])


@registry.repairs("verbs_read_as_compounds")
class VerbsReadAsCompounds(Repair):
    """A finite verb with a subject heads a clause: "the dragon breathes fire" parsed with
    breathes (VBZ, its subject the dragon) a compound of fire -> breathes heads the clause,
    fire its object. So does a 3rd-person verb between two nouns of a phrase that opens with a
    singular article and ends in a plural: "a white apron flips noodles" parsed as one phrase
    (apron and flips compounds of noodles): *a* opens no plural phrase, so "a white apron" is
    the verb's subject. A finite verb hung as a modifier of the noun right before it is that
    noun's verb: "canvases lean against whitewashed walls" (lean/VBP an amod of canvases); and
    a noun hung as a compound on the finite verb right after it, which has no subject and
    agrees with it in number, is its subject: "..., flames leap from a steel pan" (flames a
    compound of leap/VBP)."""

    articles: Words = frozenset()  # singular articles ("a", "an")
    # labels of a noun's modifiers: a finite verb hung so on the noun right before it is its
    # verb ("canvases lean against whitewashed walls", lean/VBP an amod of canvases)
    modifier_relations: frozenset[str] = frozenset()

    needs = ("finite_verbs", "compound", "subjects", "subject", "conj", "object",
             "third_person_verb", "plural_nouns", "base_verb", "present_verb", "singular_noun")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        finite = labels.set("finite_verbs")
        words = list(graph.words)
        for word in graph.attached_by(self.modifier_relations | {labels.compound}):
            noun = graph.head(word)
            if (word.pos == "VERB" and word.tag in finite and noun is not None
                    and noun.index == word.index - 1 and vocab.is_nominal(noun)
                    and word.relation in self.modifier_relations):
                # "canvases lean against whitewashed walls" (lean/VBP an amod of canvases)
                take_place(words, word, noun, labels.subject)  # type: ignore[arg-type]
                continue
            if (noun is not None and noun.index == word.index + 1 and noun.pos == "VERB"
                    and word.relation == labels.compound and self._agrees(vocab, word, noun)
                    and not any(c.relation in subjects for c in graph.dependents(noun))):
                # "flames leap from a steel pan" (flames a compound of leap/VBP)
                words[word.index] = replace(words[word.index], relation=labels.subject)
                continue
            if (noun is None or noun.index != word.index + 1 or not vocab.is_nominal(noun)
                    or word.relation != labels.compound):
                continue
            plural = labels.set("plural_nouns")
            if word.pos == "NOUN" and word.tag in plural and noun.tag in plural:
                # "a cook with a robotic arm flips/NNS noodles": a plural noun cannot stand
                # inside a compound after "a robotic arm"; it is the 3rd-person verb
                word = replace(word, pos="VERB", tag=labels.third_person_verb)
                if self._articled_subject(graph, vocab, word, noun) is None:
                    continue
                words[word.index] = replace(words[word.index], pos="VERB", tag=word.tag)
            elif word.pos != "VERB" or word.tag not in finite:
                continue
            # (a subject read above in this pass counts: "a boombox blasts music", boombox a
            # compound of blasts, blasts of music)
            if not any(words[c.index].relation in subjects and c.index < word.index
                       for c in graph.children(word)):
                subject = self._articled_subject(graph, vocab, word, noun)
                if subject is None:
                    continue
                words[subject.index] = replace(words[subject.index], head=word.index,
                                               relation=labels.subject)
                for child in graph.children(noun):  # the subject's article and modifiers
                    if child.index < subject.index:
                        words[child.index] = replace(words[child.index], head=subject.index)
            top = graph.head(noun)
            relation = labels.conj if top is not None and top.pos in ("VERB", "AUX") else (
                noun.relation)
            words[word.index] = replace(words[word.index], head=noun.head, relation=relation)
            words[noun.index] = replace(words[noun.index], head=word.index,
                                        relation=labels.object)
        return graph.with_words(words)

    @staticmethod
    def _agrees(vocab: Vocabulary, noun: Word, verb: Word) -> bool:
        """Whether a noun and a present-tense verb agree: a plural with the plain present
        ("flames leap"), a singular with the 3rd person ("smoke curls")."""
        labels = vocab.labels
        if not vocab.is_nominal(noun):
            return False
        if noun.tag in labels.set("plural_nouns"):
            return verb.tag == labels.present_verb
        return noun.tag == labels.singular_noun and verb.tag == labels.third_person_verb

    def _articled_subject(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                          noun: Word) -> Word | None:
        """The noun before a 3rd-person "compound" in a plural phrase opened by a singular
        article ("a white apron flips noodles"), else None."""
        labels = vocab.labels
        before = graph[word.index - 1] if word.index else None
        # "slurps/VB": a base form does not end in one -s ("press", "kiss" end in two)
        third = word.tag == labels.third_person_verb or (
            word.tag == labels.base_verb and word.lower.endswith("s")
            and not word.lower.endswith("ss"))
        if (not third or noun.tag not in labels.set("plural_nouns")
                or before is None or not vocab.is_nominal(before)
                or before.tag in labels.set("plural_nouns")
                or before.head not in (noun.index, word.index)):
            return None
        if not (has_article(graph, noun, self.articles, before.index)
                or has_article(graph, before, self.articles)):
            return None  # "a white apron flips noodles"; "a robotic arm flips noodles"
        return before


@registry.repairs("nouns_read_as_verbs")
class NounsReadAsVerbs(Repair):
    """Coordination joins like with like: a bare "verb" coordinated with a noun, with no
    dependents of its own, is a noun ("sandwiches and lemonade", lemonade/VB); and a finite
    "verb" as the subject of the participle right after it is one too ("smoke rising from the
    chimney", smoke/VBP): a finite verb cannot be a subject. A present-tense verb without the
    3rd-person "-s" whose subject, right before it, has a singular article is a noun too,
    the head of that subject's phrase ("A busy ramen shop at midnight", shop/VBP with ramen/NNS
    its subject): *a* takes no plural verb."""

    verb_only_children: frozenset[str]  # labels of dependents only a verb has
    articles: Words = frozenset()  # singular articles ("a", "an")
    # a capitalised base-form "verb" opening the prompt, before one of these, with no object
    # or subject, is the caption's head noun ("Boardwalk with orange stripes")
    caption_prepositions: Words = frozenset()
    plural_tag: str = ""  # the plural noun tag a counted "verb" gets ("NNS"); "" reads none
    numeral_relation: str = "nummod"  # the label of a numeral on its noun
    singular_numerals: Words = frozenset()  # numerals that count one ("one", "1")
    # word lists of verbs that take an -ing verb ("keep smiling"): a base form opening its
    # tag before its own -ing word is a noun, unless one of these; none given, never
    catenative_verbs: WordLists = ()

    needs = ("conj", "finite_verbs", "subjects", "present_participle", "past_participle",
             "singular_noun", "present_verb", "compound", "preposition", "base_verb",
             "third_person_verb", "participle", "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        finite = labels.set("finite_verbs")
        subjects = labels.set("subjects")
        participles = labels.set("present_participle") | labels.set("past_participle")
        words = list(graph.words)
        for word in graph.with_tag(finite):
            head = graph.head(word)
            if word.pos != "VERB":
                continue
            counted = self._counted_subject(graph, vocab, word)
            if counted is not None:  # "Three cows two black and one brown": cows/VBZ
                words[word.index] = replace(word, pos="NOUN", tag=self.plural_tag)
                words[counted.index] = replace(counted, head=word.index, relation=(
                    labels.compound if vocab.is_nominal(counted) else self.numeral_relation))
                for child in graph.children(counted):
                    if child.index < counted.index:
                        words[child.index] = replace(words[child.index], head=word.index)
                continue
            first = self._articled_subject(graph, vocab, word)
            if first is not None:
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun)
                words[first.index] = replace(first, head=word.index, relation=labels.compound)
                for child in graph.children(first):  # "A busy": the whole phrase's
                    if child.index < first.index:
                        words[child.index] = replace(words[child.index], head=word.index)
                continue
            number = self._subjectless_noun(graph, vocab, word)
            if number is not None:
                # "..., seagulls/VBZ flying overhead, ...", "..., smoke/VB drifting from its
                # chimney": a finite verb needs a subject
                words[word.index] = replace(word, pos="NOUN", tag=number)
                following = graph[word.index + 1]
                words[following.index] = replace(following, relation=labels.participle)
                for child in graph.children(word):  # a "subject" across the comma: a phrase
                    if child.relation in subjects:  # of its own
                        words[child.index] = replace(child, relation=labels.unknown)
                continue
            if head is None:
                if self._caption_head(graph, vocab, word):
                    # "Boardwalk/VB with orange stripes in the middle": a caption's head noun
                    words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun)
                continue
            coordinated = (word.relation == labels.conj and vocab.is_nominal(head)
                           and head.index < word.index and (
                               # "warm light from the windows, smoke from the chimney"
                               not graph.children(word) or _comma_tag(graph, vocab, word)))
            subject = (word.relation in subjects and head.pos == "VERB"
                       and head.tag in participles and head.index == word.index + 1
                       and not any(c.relation in self.verb_only_children
                                   for c in graph.children(word)))
            if coordinated or subject:
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun)
                continue
            owner = graph.head(head)
            if (word.relation == labels.conj and head.pos == "VERB" and head.tag in participles
                    and owner is not None and vocab.is_nominal(owner)
                    and head.index < word.index and _comma_tag(graph, vocab, word)):
                # "a cozy cabin, snow falling, ..., smoke from the chimney" (smoke/VB a
                # conjunct of falling): a bare form joins no participle; a tag of the list
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                            head=owner.index)
        return graph.with_words(words)

    def _subjectless_noun(self, graph: DependencyGraph, vocab: Vocabulary,
                          word: Word) -> str | None:
        """The noun tag of a "verb" that opens its comma-separated part with no subject (one
        across the comma is a phrase of its own) and nothing only a verb has, its own present
        participle right after it: a noun and its participle. A 3rd-person form in "-s" is a
        plural ("grey sea behind him, seagulls flying overhead"), a base form a singular
        ("..., smoke drifting from its chimney"), save a verb that takes an -ing verb
        (``catenative_verbs``: "..., keep smiling"); None otherwise."""
        labels = vocab.labels
        if word.tag == labels.third_person_verb and word.lower.endswith("s"):
            tag = self.plural_tag
        elif (self.catenative_verbs and word.tag in (labels.base_verb, labels.present_verb)
              and not vocab.has(word, self.catenative_verbs)):
            tag = labels.singular_noun
        else:
            return None
        if (not tag or word.index + 1 >= len(graph)
                or (word.index and not vocab.is_comma(graph[word.index - 1]))):
            return None
        following = graph[word.index + 1]
        found = (following.head == word.index and following.pos == "VERB"
                and following.tag == labels.present_participle
                and not any(c.relation in self.verb_only_children
                            or (c.relation in labels.set("subjects")
                                and not comma_between(vocab, graph, c.index, word.index))
                            for c in graph.children(word)))
        return tag if found else None

    def _caption_head(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether the root "verb" opens the prompt, capitalised and in its base form, and a
        preposition of ``caption_prepositions`` follows it with nothing of a verb's own: an
        imperative ("Draw a cat with ...") has its object."""
        after = graph.next(word)
        return (word.index == 0 and word.text[:1].isupper() and word.tag == vocab.labels.base_verb
                and after is not None and after.lower in self.caption_prepositions
                and not any(c.relation in self.verb_only_children
                            or c.relation in vocab.labels.set("subjects")
                            for c in graph.children(word)))

    def _counted_subject(self, graph: DependencyGraph, vocab: Vocabulary,
                         word: Word) -> Word | None:
        """The subject right before a 3rd-person "verb" in "-s" that is a numeral of more than
        one, or a singular noun with one ("Three cows two black ...", "two empty beach chairs
        one blue ..."): a count takes no singular verb, so the "verb" is the counted plural;
        None otherwise."""
        if (not self.plural_tag or word.tag != vocab.labels.third_person_verb
                or not word.lower.endswith("s") or not word.index):
            return None
        first = graph[word.index - 1]
        if (first.head != word.index or first.relation not in vocab.labels.set("subjects")
                or first.tag in vocab.labels.set("plural_nouns")):
            return None  # "two birds sits": a plural subject, the caption's own slip
        numerals = [first] if first.pos == "NUM" else [
            c for c in graph.dependents(first) if c.pos == "NUM" and c.index < first.index]
        if len(numerals) != 1 or numerals[0].lower in self.singular_numerals:
            return None
        return first

    def _articled_subject(self, graph: DependencyGraph, vocab: Vocabulary,
                          word: Word) -> Word | None:
        """The subject right before a present-tense (not 3rd-person) verb that has a singular
        article of its own and no conjunct or *of* phrase ("a cat and a dog sit", "a couple of
        birds sit" agree); None otherwise."""
        labels = vocab.labels
        if word.tag != labels.present_verb or not word.index or any(
                c.relation in self.verb_only_children
                and not comma_between(vocab, graph, word.index, c.index)  # another clause
                for c in graph.children(word)):
            return None
        first = graph[word.index - 1]
        if (first.head != word.index or first.relation not in labels.set("subjects")
                or not vocab.is_nominal(first)
                or not has_article(graph, first, self.articles, first.index)
                or any(c.index > first.index for c in graph.dependents(first))):
            return None
        return first


def _retagged(word: Word, pos: str, tag: str | None, relabel: dict[str, str]) -> Word:
    """The word as another part of speech, an argument label turned into that part's own
    (``relabel``: {dobj = "advmod"} for an adverb)."""
    return replace(word, pos=pos, tag=tag, relation=relabel.get(word.relation, word.relation))


@registry.repairs("adverbs_read_as_nouns")
class AdverbsReadAsNouns(Repair):
    """Adverbs of place and manner the tagger calls nouns ("a mop lying sideways", sideways/NNS
    the object of lying) are adverbs when they have no determiner; as an argument they are
    adverbials, and adjectives the parser hung on them are their verb's complements ("felt
    cool and soothing underfoot")."""

    relabel: dict[str, str]  # argument label -> adverbial label ({dobj = "advmod"})
    complement: str = ""  # the label of a verb's adjective complement ("acomp")

    needs = ("adverb",)

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        words = list(graph.words)
        for word in graph.with_pos(vocab.nominal_pos):
            if (vocab.has(word, ("adverbs",))
                    and not has_determiner(graph, word)):
                words[word.index] = _retagged(word, "ADV", vocab.labels.adverb, self.relabel)
                head = graph.head(word)
                if head is None or head.pos != "VERB" or not self.complement:
                    continue
                for child in graph.children(word):
                    # "felt cool and soothing underfoot": an adverb has no adjectives; the
                    # ones hung on it are its verb's complements
                    if child.index < word.index and child.pos == "ADJ":
                        words[child.index] = replace(words[child.index], head=head.index,
                                                     relation=self.complement)
        return graph.with_words(words)


@registry.repairs("degree_adverbs")
class DegreeAdverbs(Repair):
    """A degree adverb ("half", "partly") right before a past participle or an adjective says
    how far that word holds, and with it describes the noun before: "a skull half hidden in the
    sand" (half a dep of hidden: no modifier), "a spacecraft half buried in the sand" (half an
    apposition of a noun further back, buried hung on it), "an old wreck half/NN sunk in the
    bay" (half the wreck's apposition, then its head). The adverb modifies the word after it;
    a word the parser hung on the adverb describes the noun right before the adverb."""

    degrees: WordLists  # word lists of degree adverbs
    modifier: str  # the label of an adverb's attachment ("advmod")

    needs = ("adverb", "participle", "adjectival", "past_participle", "adjective")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        lists = vocab.lexicon.lists
        degrees = frozenset().union(*(lists.get(name, ()) for name in self.degrees))
        states = (labels.past_participle, labels.adjective)
        words = list(graph.words)
        for word in graph.words[:-1]:  # (a set lookup per word: this runs on every prompt)
            if word.lower not in degrees or word.relation == self.modifier:
                continue
            after = graph[word.index + 1]
            if after.tag not in states:
                continue
            adverb = replace(word, pos="ADV", tag=labels.adverb, relation=self.modifier)
            if word.head == after.index:
                words[word.index] = adverb
                continue
            noun = graph[word.index - 1] if word.index else None
            if after.head != word.index or noun is None or not vocab.is_nominal(noun):
                continue
            before = list(words)
            words[after.index] = replace(
                words[after.index], head=noun.index,
                relation=labels.participle if after.pos == "VERB" else labels.adjectival)
            words[word.index] = replace(adverb, head=after.index)
            for child in graph.children(word):
                if child.index != after.index:
                    words[child.index] = replace(words[child.index], head=noun.index)
            if loop_above(words, noun.index) is not None:
                words[:] = before
        return graph.with_words(words)


@registry.repairs("nouns_read_as_adverbs")
class NounsReadAsAdverbs(Repair):
    """A word the tagger calls an adverb, hung on the noun right after it, is that noun's
    compound: "tattoo/RB artist", "holding tattoo/RB machine". An adverb says how, where or
    how much of a verb or an adjective, never of a noun, so the tag is the mistake; but not an
    adverb by its ending ("-ly") or a known adverb (``adverbs``: "only child", "even
    surface", "still life" keep theirs). Nor does an adverb take an adjective after a
    determiner: "the strong shoulders and the weak back/RB" is a noun, whatever the word is
    elsewhere, and an argument of the verb the parser hung it on; nor a compound ("Dense
    Amazon rainforest/RB after a downpour", Amazon its compound): a noun, and no argument of
    a verb after it. An argument before its verb is the verb's subject ("a golden retriever/RB
    running on the beach"), after it the verb's object."""

    ending: str  # the ending of adverbs made from adjectives ("ly")
    adverbs: WordLists  # word lists of adverbs that do stand before nouns

    needs = ("adverb", "compound", "singular_noun", "adjectival", "object", "conj", "subject",
             "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        adverbs = graph.with_tag(labels.adverb)
        if not adverbs:
            return graph
        words = list(graph.words)
        for word in adverbs:
            compounded = any(c.relation == labels.compound and c.index == word.index - 1
                             and vocab.is_nominal(c) for c in graph.dependents(word))
            if compounded or _determined_by_adjective(graph, vocab, word):
                head = graph.head(word)
                after = head is not None and head.index > word.index
                argument = (head is not None and head.pos == "VERB"
                            and word.relation != labels.conj
                            and word.relation not in labels.set("subjects"))
                relation = (labels.unknown if compounded and after
                            else (labels.subject if after else labels.object) if argument
                            else word.relation)
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                            relation=relation)
                continue
            noun = graph.next(word)
            if (noun is None or word.head != noun.index or not vocab.is_nominal(noun)
                    or not word.text.isalpha() or word.lower.endswith(self.ending)
                    or vocab.has(word, self.adverbs)):
                continue
            words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                        relation=labels.compound)
        return graph.with_words(words)


def _determined_by_adjective(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
    """Whether an "adverb" has an adjective of its own right before it, and a determiner
    before that (on either of them): "the weak back", "a black back"."""
    adjective = graph.words[word.index - 1] if word.index else None
    if (adjective is None or adjective.head != word.index
            or adjective.relation != vocab.labels.adjectival or not word.text.isalpha()):
        return False
    return any(c.pos == "DET" and c.index < adjective.index
               for c in (*graph.children(word), *graph.children(adjective)))


@registry.repairs("adjectives_read_as_nouns")
class AdjectivesReadAsNouns(Repair):
    """A word with an adjective's ending ("-less", "-ous") that the tagger calls a noun is an
    adjective when nothing makes it a noun (no determiner or other word before it): "a heron
    stands motionless in the reeds" (motionless/NN the object of stands) says how it stands.
    As an argument it is a complement or a modifier. So is a lower-case "proper noun" the
    parser hung as an adjective."""

    endings: tuple[str, ...]  # adjective endings ("less", "ous")
    longer_than: int  # the shortest such word less one ("less" and "bless" are no adjectives)
    relabel: dict[str, str]  # argument label -> adjective label ({dobj = "acomp"})
    # labels under which a lower-case "proper noun" with an adjective's ending is an adjective:
    # "the cozy, dimly lit cottage" (cozy/PROPN an amod), "snowy mountains"; not "a medieval
    # blacksmith hammers" (blacksmith/PROPN an amod of hammers)
    proper_noun_relations: frozenset[str] = frozenset()
    proper_noun_endings: tuple[str, ...] = ()
    # word lists of linking verbs: a bare unknown "noun" as their object says how the subject
    # is ("feeling awestruck", awestruck/NN a dobj); known things ("feeling sunshine") stay
    linking_verbs: WordLists = ()
    # ... and so does one with these endings right after their -ing form, closing its phrase,
    # however the parser hung it ("and feeling wonderstruck", wonderstruck/NN a conjunct of
    # the noun before, feeling its amod); the label of the complement ("acomp")
    linked_endings: tuple[str, ...] = ()
    complement: str = ""

    needs = ("adjective", "object", "present_participle", "conj")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        words = list(graph.words)
        for word in graph.with_pos(("NOUN", "PROPN")):  # (what every branch below reads)
            if (self.linked_endings and word.lower.endswith(self.linked_endings)
                    and self._linked_complement(graph, vocab, words, word)):
                continue
            if (self.linking_verbs and word.relation == vocab.labels.object
                    and word.pos == "NOUN" and not graph.children(word)):
                verb = graph.head(word)
                if (verb is not None and vocab.has(verb, self.linking_verbs)
                        and not vocab.lexicon.lists_of(word)):
                    words[word.index] = _retagged(word, "ADJ", vocab.labels.adjective,
                                                  self.relabel)
                    continue
            if (word.pos == "PROPN" and word.relation in self.proper_noun_relations
                    and word.text.isalpha() and word.text.islower()
                    and (word.text.endswith(self.proper_noun_endings) or vocab.is_color(word)
                         or vocab.adjectival(word))):
                words[word.index] = replace(word, pos="ADJ", tag=vocab.labels.adjective)
                continue
            if (word.pos != "NOUN" or len(word.lower) <= self.longer_than
                    or not word.lower.endswith(self.endings)
                    or any(c.index < word.index for c in graph.children(word))):
                continue
            words[word.index] = _retagged(word, "ADJ", vocab.labels.adjective, self.relabel)
        return graph.with_words(words)

    def _linked_complement(self, graph: DependencyGraph, vocab: Vocabulary, words: list[Word],
                           word: Word) -> bool:
        """Hang an unknown "noun" with an adjective's ending right after a linking verb's -ing
        form, the last word of its phrase, on that verb as its complement: "and feeling
        starstruck" (starstruck/NN the object of the verb before, the noun before its nmod: that
        noun takes its place), "and feeling wonderstruck" (a conjunct of the noun before, feeling
        its amod: the verb takes its place, a conjunct of the clause's verb)."""
        labels = vocab.labels  # (the caller has read the ending)
        if word.index == 0 or word.pos != "NOUN" or vocab.lexicon.lists_of(word):
            return False
        verb, after = graph[word.index - 1], graph.next(word)
        if (verb.tag != labels.present_participle or not vocab.has(verb, self.linking_verbs)
                or (after is not None and after.pos not in ("PUNCT", "CCONJ"))):
            return False
        others = [c for c in graph.children(word) if c.index != verb.index]
        if len(others) > 1 or any(c.index > word.index or c.pos == "DET" for c in others):
            return False
        before = list(words)
        if verb.head == word.index:
            stand_in(words, verb, word)
            head = graph.head(word)
            if word.relation == labels.conj and head is not None and vocab.is_nominal(head):
                clause = _verb_above(graph, word)
                if clause is None:
                    words[:] = before
                    return False
                words[verb.index] = replace(words[verb.index], head=clause.index)
        elif others:
            stand_in(words, others[0], word)
        words[word.index] = replace(word, pos="ADJ", tag=labels.adjective, head=verb.index,
                                    relation=self.complement)
        if loop_above(words, word.index) is not None or loop_above(words, verb.index) is not None:
            words[:] = before
            return False
        return True


@registry.repairs("modal_nouns")
class ModalNouns(Repair):
    """A modal that is a noun too ("can"), right after a noun and with no verb after it, is
    the noun's head, the noun its compound: "a cat naps beside a watering can/MD painted mint
    green", "a soda can/MD and a paper cup". The tagger reads the modal of "a dog can run"
    there; one before a base verb, or before adverbs and one, stays a modal."""

    nouns: Words  # modals that are nouns too ("can")
    tags: frozenset[str]  # the tags of modals ("MD")
    # parts of speech between a modal and its verb ("ADV", "PART": can always, can not)
    between: frozenset[str] = frozenset()

    needs = ("singular_noun", "base_verb", "compound", "participle", "past_participle",
             "past_tense", "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        found = [w for w in graph.with_lower(self.nouns) if w.tag in self.tags and w.index]
        if not found:
            return graph
        labels = vocab.labels
        words = list(graph.words)
        for modal in found:
            noun = graph[modal.index - 1]
            if not vocab.is_nominal(noun) or self._before_verb(graph, vocab, modal):
                continue
            words[modal.index] = replace(words[modal.index], pos="NOUN",
                                         tag=labels.singular_noun)
            if noun.head == modal.index:  # "a soda can and ...": the modal heads already
                words[noun.index] = replace(words[noun.index], relation=labels.compound)
            else:
                take_place(words, words[modal.index], noun, labels.compound)  # type: ignore[arg-type]
            for child in graph.children(noun):
                # the phrase's words ("a green watering can"), and what follows it ("a trash
                # can covered in graffiti", covered on trash)
                if child.index < noun.index or child.index > modal.index:
                    words[child.index] = replace(words[child.index], head=modal.index)
            self._participle(graph, vocab, words, noun, modal)
        if any(loop_above(words, k) is not None for k in range(len(words))):
            return graph
        return graph.with_words(words)

    @staticmethod
    def _participle(graph: DependencyGraph, vocab: Vocabulary, words: list[Word], noun: Word,
                    modal: Word) -> None:
        """"naps beside a watering can painted mint green", read as a passive (can painted,
        naps its subject): the participle after the modal describes the new noun, and the
        "subject" before the noun takes the participle's place in ``words``."""
        labels = vocab.labels
        verb = graph.head(modal)
        if (verb is None or verb.index != modal.index + 1
                or verb.tag not in (labels.past_participle, labels.past_tense)):
            return
        subjects = labels.set("subjects")
        subject = next((c for c in graph.children(verb)
                        if c.index < noun.index and c.relation in subjects), None)
        if subject is None:
            return
        stand_in(words, subject, verb)
        for child in graph.children(verb):
            if child.index < noun.index and child is not subject:
                words[child.index] = replace(words[child.index], head=subject.index)
        words[verb.index] = replace(words[verb.index], head=modal.index,
                                    relation=labels.participle, tag=labels.past_participle)

    def _before_verb(self, graph: DependencyGraph, vocab: Vocabulary, modal: Word) -> bool:
        """Whether a base verb follows the modal, adverbs between ("can always jump")."""
        after = graph.next(modal)
        while after is not None and after.pos in self.between:
            after = graph.next(after)
        return after is not None and after.tag == vocab.labels.base_verb


@registry.repairs("closed_class_nouns")
class ClosedClassNouns(Repair):
    """Pronouns are a closed class: a word the tagger calls a pronoun that is none of them is a
    noun ("1boy, elf, ranger", elf/PRP). So is a word it calls foreign (fedora/FW), and an -ing
    word it made a preposition's object, with no words of its own ("mechanics on scaffolding",
    scaffolding/VBG a pobj): a gerund with nothing after it is named as a thing. One after the
    preposition's own object is no object but a participle of the phrase's noun ("a black cat
    on a white couch sleeping"). No known thing is an adverb either: one right after a verb
    with no object is its object ("a boy ... riding skateboard", skateboard/RB). Auxiliaries
    are a closed class as well: a word tagged one that is none, helping a verb after it that
    has no subject, is that verb's subject ("..., seagulls/AUX circling above")."""

    pronouns: WordLists  # word lists of the language's pronouns
    pronoun_pos: frozenset[str]  # the parts of speech of pronouns ("PRON")
    foreign_tags: frozenset[str]  # tags of foreign words ("FW")
    nouns: WordLists = ()  # word lists of things: one read as an adverb of a verb is its object
    # articles, which the tagger may call pronouns at a prompt's start ("A/PRP yellow, purple,
    # and red umbrella"): no noun either
    articles: Words = frozenset()
    auxiliaries: WordLists = ()  # word lists of the language's auxiliaries
    auxiliary_relations: frozenset[str] = frozenset()  # labels of auxiliaries ("aux")
    plural_ending: str = "s"  # the ending of a plural ("seagulls"): the plural noun's tag

    needs = ("singular_noun", "present_participle", "prepositional_objects", "participle",
             "object", "subject", "subjects", "plural_noun")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        objects = labels.set("prepositional_objects")
        words = list(graph.words)
        for word in graph:
            if not word.text.isalpha():
                continue
            if self._adverbial_object(graph, vocab, word):
                # "riding skateboard" (skateboard/RB an advmod of riding): the verb's object
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                            relation=labels.object)
                continue
            if word.pos == "AUX" and self._helps_nothing(graph, vocab, word):
                words[word.index] = replace(
                    word, pos="NOUN", relation=labels.subject,
                    tag=labels.plural_noun if word.lower.endswith(self.plural_ending)
                    else labels.singular_noun)
                continue
            if word.pos in self.pronoun_pos:
                noun = not vocab.has(word, self.pronouns) and word.lower not in self.articles
            elif word.tag in self.foreign_tags:
                noun = True
            else:
                noun = (word.tag == labels.present_participle and word.relation in objects
                        and not graph.dependents(word))
                owner = self._phrase_owner(graph, vocab, word) if noun else None
                if owner is not None:
                    # "a black cat on a white couch sleeping": a second "object" after the
                    # preposition's own is a participle of the phrase's noun
                    words[word.index] = replace(word, head=owner.index,
                                                relation=labels.participle)
                    continue
            if noun:
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun)
        return graph.with_words(words)

    def _helps_nothing(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether a word tagged an auxiliary is none of the language's and helps a verb after
        it that has no subject: the verb's subject, a noun ("seagulls circling above")."""
        if (not self.auxiliaries or word.relation not in self.auxiliary_relations
                or vocab.has(word, self.auxiliaries)):
            return False
        verb = graph.head(word)
        subjects = vocab.labels.set("subjects")
        return verb is not None and verb.index > word.index and not any(
            c.relation in subjects for c in graph.dependents(verb))

    def _adverbial_object(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether a known noun (``nouns``) the tagger called an adverb stands right after the
        verb it modifies, with no words of its own, and the verb has no object yet."""
        if word.pos != "ADV" or not self.nouns:
            return False
        verb = graph.head(word)
        return (verb is not None and verb.pos == "VERB" and verb.index == word.index - 1
                and vocab.has_form(word, self.nouns) and not graph.children(word)
                and not any(c.relation == vocab.labels.object for c in graph.children(verb)))

    @staticmethod
    def _phrase_owner(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> Word | None:
        """The noun whose prepositional phrase ``word`` follows as a second object."""
        objects = vocab.labels.set("prepositional_objects")
        prep = graph.head(word)
        if prep is None or not any(c.relation in objects and c.index < word.index
                                   and vocab.is_nominal(c) for c in graph.dependents(prep)):
            return None
        owner = graph.head(prep)
        return owner if owner is not None and vocab.is_nominal(owner) else None


@registry.repairs("coordinated_gerunds")
class CoordinatedGerunds(Repair):
    """A bare -ing word of a known verb closing a progressive clause, or before its
    preposition, is the clause's second verb, not a noun coordinated with the object: "a child
    is running through a sprinkler and laughing", "a person is wearing a snorkel and diving
    into the ocean" (laughing/NN a conjunct of sprinkler) -> a conjunct of the verb. A bare
    -ing "noun" coordinated with an adjective, no known noun, is a participle: "a parrot, green
    and gleaming/NN, sits" (nouns and describing words are not coordinated). So is one of a
    known verb opening the phrase after a comma, with no word of a noun phrase on it, that
    the parser hung on the clause's verb or made a conjunct of the noun before the comma:
    "the cars zoomed along the highway, honking/NN and weaving in and out of lanes", "white
    birds flew over the lake, circling/NN and diving/NN for fish": it and its -ing conjuncts
    are the clause's participles, of its subject."""

    ending: str  # "ing"
    verbs: WordLists  # word lists of verbs the -ing word must be one of (by its stem)
    # the 3rd person ending ("s"): "a cat squints out a car window and smiles" (smiles/NNS a
    # conjunct of window) closes a clause whose verb is in the 3rd person too
    finite_ending: str = ""
    # singular articles: one before a plural object that the parser gave the noun before the
    # -ing word shows the -ing word a second verb with its own object ("is holding a pen and
    # writing notes", pen an nmod of notes, a the article of notes)
    articles: Words = frozenset()

    needs = ("conj", "present_participle", "third_person_verb", "object", "plural_nouns",
             "coordinator", "adverbial_clause")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for word in graph.attached_by((labels.conj, labels.adverbial_clause)):
            verb = self._comma_participle(graph, vocab, word)
            if verb is not None:
                _write(words, word, pos="VERB", tag=labels.present_participle,
                       head=verb.index, relation=labels.adverbial_clause)
                for other in graph.dependents(word):  # "honking and weaving", "circling
                    if (other.relation == labels.conj and vocab.is_nominal(other)  # and
                            and other.lower.endswith(self.ending)):  # diving/NN for fish"
                        _write(words, other, pos="VERB", tag=labels.present_participle)
        for word in graph.attached_by(labels.conj):  # (what every branch below reads)
            if words[word.index] is not word:
                continue  # (read above)
            if (self.articles and word.lower.endswith(self.ending)
                    and self._second_clause(graph, vocab, words, word)):
                continue
            if self._describing(graph, vocab, word):
                words[word.index] = replace(word, pos="VERB", tag=labels.present_participle)
                continue
            if (word.pos == "VERB" and word.tag == labels.present_participle
                    and word.index > 0
                    and graph[word.index - 1].pos == "CCONJ"):
                # "a child is playing with a toy telescope and gazing at the stars" (gazing/VBG
                # a conjunct of telescope): the -ing verb is the clause's second verb
                noun = graph.head(word)
                if noun is not None and vocab.is_nominal(noun):
                    clause = _verb_above(graph, word, labels.present_participle)
                    if clause is not None:
                        words[word.index] = replace(word, head=clause.index)
                continue
            before = graph[word.index - 1] if word.index else None
            if (before is not None and vocab.is_nominal(word) and word.relation == labels.conj
                    and before.pos == "VERB" and before.tag == labels.present_participle
                    and before.relation == labels.conj and before.head == word.head
                    and getattr(graph.head(word), "pos", None) == "VERB"
                    and not any(c.relation == labels.object for c in graph.children(before))):
                # "carefully measuring and recording data" (data a third conjunct of
                # measuring): the noun right after the second verb is its object
                words[word.index] = replace(word, head=before.index, relation=labels.object)
                continue
            after = graph.next(word)
            # its own preposition may hang on it ("holding a book and reading in a corner")
            if (word.pos != "NOUN" or word.relation != labels.conj
                    or any(c.pos != "ADP" for c in graph.children(word))
                    or (after is not None and after.pos not in ("PUNCT", "ADP"))):
                continue
            for ending, tag in ((self.ending, labels.present_participle),
                                (self.finite_ending, labels.third_person_verb)):
                if not ending or not word.lower.endswith(ending) or not (
                        vocab.has_stem(word.lower, ending, self.verbs)
                        or (tag == labels.present_participle
                            and self._after_object(graph, vocab, word, after))):
                    continue
                clause = _verb_above(graph, word, tag)
                if clause is not None:
                    words[word.index] = replace(word, pos="VERB", tag=tag, head=clause.index)
                    break
        return graph.with_words(words)

    def _second_clause(self, graph: DependencyGraph, vocab: Vocabulary, words: list[Word],
                       word: Word) -> bool:
        """Read "is holding a calculator and crunching numbers", parsed as one object (numbers,
        with the calculator its nmod and crunching/NN the calculator's conjunct), as two
        clauses: the calculator is the verb's object, the -ing word a second verb taking the
        plural noun after it; so for a preposition's object ("is sitting on a bench and
        feeding pigeons"). The singular article before the first noun, which the parser gave
        the plural, shows the parse wrong."""
        labels = vocab.labels  # (the caller has read the -ing ending)
        first, plural = graph.head(word), graph.next(word)
        if (first is None or plural is None or not word.text.isalpha() or graph.children(word)
                or first.head != plural.index or first.index > word.index
                or not vocab.is_nominal(first) or not vocab.is_nominal(plural)
                or plural.tag not in labels.set("plural_nouns")
                or plural.relation not in {labels.object, *labels.set("prepositional_objects")}):
            return False
        verb = graph.head(plural)
        while verb is not None and verb.pos == "ADP":  # (the preposition's verb)
            verb = graph.head(verb)
        articles = [c for c in (*graph.children(plural), *graph.children(first))
                    if c.index < first.index and c.lower in self.articles]
        if verb is None or verb.pos != "VERB" or not articles:
            return False
        stand_in(words, first, plural)
        for article in articles:
            words[article.index] = replace(article, head=first.index)
        move_coordinators(graph, words, first, word, verb.index, labels.coordinator)
        words[word.index] = replace(word, pos="VERB", tag=labels.present_participle,
                                    head=verb.index)
        words[plural.index] = replace(plural, head=word.index, relation=labels.object)
        return True

    def _comma_participle(self, graph: DependencyGraph, vocab: Vocabulary,
                          word: Word) -> Word | None:
        """The clause's verb where ``word`` is a bare -ing "noun" of a known verb opening the
        phrase after a comma, hung on that verb or made a conjunct of a noun of its clause
        (", honking/NN and weaving in and out of lanes"); None otherwise."""
        labels = vocab.labels
        # (the tagger's own participle, made a conjunct of the noun: "filled the square,
        # cheering/VBG and waving flags")
        participle = word.pos == "VERB" and word.tag == labels.present_participle
        if (not (participle or vocab.is_nominal(word)) or word.index == 0
                or not vocab.is_comma(graph[word.index - 1])
                or vocab.has_form(word, ("nouns", "frames", "abstract", "materials"))):
            return None
        if not participle:
            after = graph.next(word)
            if (not vocab.has_stem(word.lower, self.ending, self.verbs)
                    or (after is not None and after.pos not in ("PUNCT", "CCONJ", "ADP", "ADV"))):
                return None  # ("..., honking horns": a noun phrase)
            if any(c.pos not in ("PUNCT", "CCONJ", "ADP", "ADV") and c.relation != labels.conj
                   for c in graph.dependents(word)):
                return None  # a word of a noun phrase on it
        elif word.relation != labels.conj:
            return None
        head = graph.head(word)
        if head is None:
            return None
        if word.relation == labels.adverbial_clause:
            return head if head.pos == "VERB" and head.index < word.index else None
        if not vocab.is_nominal(head) or head.index > word.index:
            return None
        verb = _verb_above(graph, head)
        return verb if verb is not None and verb.tag in labels.set("tensed_verbs") else None

    def _describing(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether ``word`` is a bare -ing "noun", no known one, coordinated with an adjective
        before it and closing its phrase ("green and gleaming/NN,")."""
        if (not vocab.is_nominal(word) or not word.lower.endswith(self.ending)
                or any(c.pos not in ("PUNCT", "CCONJ") for c in graph.children(word))):
            return False
        head, after = graph.head(word), graph.next(word)
        return (head is not None and head.pos == "ADJ" and head.index < word.index
                and (after is None or after.pos == "PUNCT")
                and not vocab.has_form(word, ("nouns", "frames", "abstract", "materials")))

    @staticmethod
    def _after_object(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                      after: Word | None) -> bool:
        """An -ing word of no word list of things, before a preposition, coordinated with the
        object of a progressive: "is holding a compass and navigating through the woods" (a
        cake "with frosting and icing on top" is no object of a verb)."""
        noun = graph.head(word)
        verb = graph.head(noun) if noun is not None else None
        labels = vocab.labels
        return (after is not None and after.pos == "ADP" and noun is not None
                and verb is not None and noun.relation == labels.object
                and verb.pos == "VERB" and verb.tag == labels.present_participle
                and not vocab.has_form(word, ("nouns", "frames", "abstract", "materials")))



def _verb_above(graph: DependencyGraph, word: Word, tag: str | None = None) -> Word | None:
    """The nearest verb above the word (of this tag, if given); None where there is none."""
    clause = graph.head(word)
    seen = {word.index}
    while clause is not None and clause.index not in seen and not (
            clause.pos == "VERB" and (tag is None or clause.tag == tag)):
        seen.add(clause.index)
        clause = graph.head(clause)
    return clause if clause is not None and clause.index not in seen else None


@registry.repairs("false_plurals")
class FalsePlurals(Repair):
    """A singular noun whose ending the tagger took for a plural's is singular: "ramen",
    "specimen" and "stamen" read as plurals of "raman", "speciman" and "staman", as "men" is of
    "man". Re-tagged a singular with its own form as lemma, the words around it agree again:
    in "cozy ramen shop at night" (ramen/NNS the subject of shop/VBP) the plural made a clause
    of a noun phrase."""

    nouns: WordLists  # word lists of such singular nouns ("false_plurals")

    needs = ("plural_noun", "singular_noun")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        plurals = graph.with_tag(labels.plural_noun)
        if not plurals:
            return graph  # (the common prompt with no plural: nothing to look up)
        words = list(graph.words)
        for word in plurals:
            if vocab.has(word, self.nouns):
                words[word.index] = replace(word, tag=labels.singular_noun, lemma=word.lower)
        return graph.with_words(words)


@registry.repairs("materials_read_as_verbs")
class MaterialsReadAsVerbs(Repair):
    """A material the tagger read as a verb, right before the noun it describes or takes as
    its object, is that noun's material: "a felt/VBN hat", "a green felt/VBN mat", "round
    metal tables and wicker/VB chairs" (chairs the object of wicker). By the word's own form,
    not its lemma (*felt*, not *feel*), and only where the "verb" has nothing else a verb has
    ("the pebbles felt cool": a subject; "iron the shirt": a determiner between)."""

    materials: WordLists  # word lists of materials

    needs = ("compound", "singular_noun", "object", "adjectival")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for word in graph.with_pos("VERB"):
            noun = graph.next(word)
            if (noun is None or not vocab.is_nominal(noun)
                    or not vocab.has_form(word, self.materials)
                    or any(c.index != noun.index for c in graph.children(word))):
                continue
            if word.head == noun.index and word.relation == labels.adjectival:
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                            relation=labels.compound)
            elif noun.head == word.index and noun.relation == labels.object:
                take_place(words, noun, word, labels.compound)
                words[word.index] = replace(words[word.index], pos="NOUN",
                                            tag=labels.singular_noun)
        return graph.with_words(words)


@registry.repairs("decades")
class Decades(Repair):
    """A decade ("a 1950s diner", "vintage 1960s volkswagen camper van", "80s style") is a
    describing word, not a count: a numeral of ``pattern`` is tagged an adjective, and one the
    parser hung as a numeral modifier is the adjective of the same head. So is a year that
    counts a singular noun ("a turquoise 1957 Chevrolet", "1967 ford mustang fastback": a
    model year; "1000 paper lanterns" count), or a plural after a singular article: "a
    turquoise 1957 Chevrolet convertible cruises/NNS past" counts nothing, the plural being
    the verb ``verbs_read_as_nouns`` reads later.

    A decade that is a tag of its own, set off by commas after the words it follows ("a
    vintage car, 1960s, film grain", "a small diner, 1950s"), is the picture's period and
    binds nothing, as a mood tag does (docs/annotation.md: period)."""

    pattern: str  # a decade, written whole ("1950s", "80s", "'80s")
    counting: frozenset[str] = frozenset()  # labels of counts ("nummod"), read as adjectives
    years: str = ""  # a year, written whole ("1957")
    articles: Words = frozenset()  # singular articles ("a", "an"), which open no counted plural

    needs = ("adjectival", "adjective", "plural_nouns", "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not any(map(str.isdigit, graph.text)):
            return graph  # no numeral anywhere: the common prompt
        decade = re.compile(self.pattern)
        year = re.compile(self.years) if self.years else None
        if not any(decade.fullmatch(w.lower) or (year and year.fullmatch(w.lower))
                   for w in graph):
            return graph
        labels = vocab.labels
        words = list(graph.words)
        for word in graph:
            is_year = year is not None and year.fullmatch(word.lower) is not None
            if is_year:
                head = graph.head(word)
                if (word.relation not in self.counting or head is None
                        or not vocab.is_nominal(head)
                        or (head.tag in labels.set("plural_nouns")
                            and not has_article(graph, head, self.articles, word.index))):
                    continue
            elif not decade.fullmatch(word.lower) or (
                    word.pos == "ADJ" and word.relation not in self.counting):
                continue
            relation = labels.adjectival if word.relation in self.counting else word.relation
            if not is_year and _period_tag(graph, vocab, word):
                relation = labels.unknown
            words[word.index] = replace(word, pos="ADJ", tag=labels.adjective,
                                        relation=relation)
        return graph.with_words(words)


def _period_tag(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
    """Whether the word, not the root, stands alone between a comma before it and a comma or
    the end after it ("..., 1960s, ...")."""
    after = graph.next(word)
    return (word.index > 0 and not is_root(word) and vocab.is_comma(graph[word.index - 1])
            and (after is None or vocab.is_comma(after) or (
                after.pos == "PUNCT" and graph.next(after) is None)))


@registry.repairs("repeated_nouns")
class RepeatedNouns(Repair):
    """A word that closes its tag and that the tagger calls a noun elsewhere in the prompt is
    a noun here too: "(hijab:1.2), (teal hijab:1.1)", "bubbling liquid, green liquid" (the
    first hijab/JJ, liquid/JJ) are tags of one thing, said twice, not a describing word of the
    next. Hung on its twin, it becomes the twin's apposition, no modifier of it; a colour or
    a known adjective keeps its tag ("red, red roses")."""

    needs = ("apposition", "adjectival", "compound", "singular_noun", "plural_nouns")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        adjectives = graph.with_pos("ADJ")
        if not adjectives or not any(vocab.is_comma(w) for w in graph):
            return graph
        nouns = {w.lower: w for w in graph if vocab.is_nominal(w)}
        labels = vocab.labels
        words = list(graph.words)
        for word in adjectives:
            twin = nouns.get(word.lower)
            after = graph.next(word)
            if (twin is None or vocab.is_color(word) or vocab.adjectival(word)
                    or not (after is None or vocab.is_comma(after) or after.pos == "PUNCT")):
                continue
            tag = twin.tag if twin.tag in labels.set("plural_nouns") else labels.singular_noun
            words[word.index] = replace(word, pos="NOUN", tag=tag)  # type: ignore[arg-type]
            if word.head == twin.index and word.relation in (labels.adjectival,
                                                             labels.compound):
                words[word.index] = replace(words[word.index], relation=labels.apposition)
        return graph.with_words(words)
