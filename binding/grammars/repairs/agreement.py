"""A verb agrees with its subject: a "plural noun" after a singular article and noun is the
singular noun's verb."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph
from binding.registry import registry


@registry.repairs("verbs_by_agreement")
class VerbsByAgreement(Repair):
    """A plural "noun" whose phrase opens with a singular article, right after a singular noun
    the parser made its compound, is that noun's verb in the 3rd person: "a yellow bus waits at
    the corner", "a raven perches on a skull", "an old fisherman mends a net" (bus, raven,
    fisherman compounds of waits/NNS, perches/NNS, mends/NNS). *A* cannot open a plural noun
    phrase, so the number the parse gives the phrase disagrees with its article; read as a
    clause, subject and verb agree. The article and the subject's modifiers move to the
    subject."""

    articles: Words  # singular articles ("a", "an")
    ending: str  # the ending the 3rd person singular shares with plurals ("s")
    singular_tags: frozenset[str]  # tags of the singular noun that is the subject
    # word lists of nouns plural in form that name one thing ("a fabric pants", "a pair of ...")
    plural_things: WordLists = ()

    needs = ("plural_nouns", "compound", "subject", "third_person_verb")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        plural = labels.set("plural_nouns")
        words = list(graph.words)
        for word in graph:
            if (word.index == 0 or word.tag not in plural or not vocab.is_nominal(word)
                    or not word.lower.endswith(self.ending)
                    or vocab.has(word, self.plural_things)):
                continue
            subject = graph[word.index - 1]
            children = graph.children(word)
            if (subject.head != word.index or subject.relation != labels.compound
                    or subject.tag not in self.singular_tags or not vocab.is_nominal(subject)
                    or not any(c.lower in self.articles and c.index < subject.index
                               for c in children)):
                continue
            words[word.index] = replace(word, pos="VERB", tag=labels.third_person_verb)
            words[subject.index] = replace(subject, relation=labels.subject)
            for child in children:
                if child.index < subject.index:
                    words[child.index] = replace(words[child.index], head=subject.index)
        return graph.with_words(words)
