"""Prepositional and predicative phrases hung in the wrong place or with the wrong label."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists
from binding.grammars.trees import bare_color, hangs_on, has_determiner
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph
from binding.registry import registry


@registry.repairs("stranded_prepositions")
class StrandedPrepositions(Repair):
    """A preposition needs its object: "a duck is flying over some water" parsed with water as
    the verb's object and "over" bare makes water the object of "over"."""

    needs = ("preposition", "prepositional_objects", "object")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for prep in graph:
            if prep.pos != "ADP" or prep.relation != labels.preposition or graph.children(prep):
                continue
            for noun in graph.words[prep.index + 1:]:
                if noun.pos in ("DET", "ADJ", "NUM") or vocab.is_color(noun):
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
        for prep in graph:
            if (prep.relation != labels.preposition or prep.index == 0
                    or not vocab.has(prep, self.prepositions)):
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
    object."""

    relabel: dict[str, str]  # object label -> predicative label ({dobj = "oprd"})
    object_verbs: WordLists = ()  # verbs whose colour object is a thing ("wearing black")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        words = list(graph.words)
        for word in graph:
            head = graph.head(word)
            if head is not None and vocab.has(head, self.object_verbs):
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
        return graph.with_words(words)


@registry.repairs("parentheticals")
class Parentheticals(Repair):
    """Words in brackets right after a noun describe it, like postnominal adjectives after a
    comma: "a lamp (brass, tall)", "a giant octopus (purple, spotted)". Only a bracket of
    describing words and the commas and conjunctions between them: no article, no verb of its
    own."""

    open: str  # "("
    close: str  # ")"
    describing_pos: frozenset[str]  # parts of speech a describing word may have
    most: int = 6  # at most this many words between the brackets

    needs = ("adjectival", "punct")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for opening in graph:
            if (opening.text != self.open or opening.index == 0
                    or not vocab.is_nominal(graph[opening.index - 1])):
                continue
            noun = graph[opening.index - 1]
            closing = next((w for w in graph.words[opening.index + 1:]
                            if w.text in (self.open, self.close)), None)
            if closing is None or closing.text != self.close:
                continue
            inside = graph.words[opening.index + 1:closing.index]
            content = [w for w in inside if not (vocab.is_comma(w) or w.pos == "CCONJ")]
            if (not content or len(inside) > self.most
                    or any(w.pos not in self.describing_pos and not vocab.is_color(w)
                           for w in content)):
                continue
            for w in (opening, closing, *inside):
                relation = labels.adjectival if w in content else labels.punct
                if (w.head, w.relation) != (noun.index, relation):
                    words[w.index] = replace(w, head=noun.index, relation=relation)
        return graph.with_words(words)


@registry.repairs("comma_heads")
class CommaHeads(Repair):
    """A word before a noun modifies it within its own phrase, never across a comma: in "grey
    stubble, navy peacoat" or "waterfall, ink wash" the parser hangs stubble and waterfall on
    the noun after the comma. A noun so hung that ends its own phrase heads it (an item of the
    list, in apposition); a word before the noun of its own phrase goes to that noun.
    Coordinated modifiers with no noun of their own ("a red, white and blue flag") stay."""

    relations: frozenset[str]  # the labels of prenominal modifiers

    needs = ("apposition",)

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        words = list(graph.words)
        phrase_of: list[int] = []
        phrase = 0
        for word in graph:
            phrase += vocab.is_comma(word)
            phrase_of.append(phrase)
        for word in graph:
            head = graph.head(word)
            if (head is None or word.relation not in self.relations or head.index < word.index
                    or phrase_of[head.index] == phrase_of[word.index]):
                continue
            nouns = [w for w in graph.words[word.index:]
                     if phrase_of[w.index] == phrase_of[word.index] and vocab.is_nominal(w)]
            if not nouns:
                continue
            if nouns[-1].index == word.index:
                words[word.index] = replace(word, relation=vocab.labels.apposition)
            elif not hangs_on(graph, nouns[-1], word):  # the noun may hang below the word
                words[word.index] = replace(word, head=nouns[-1].index)
        return graph.with_words(words)
