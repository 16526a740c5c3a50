"""Words the parser splits that are one word: hyphenated words ("black-and-white",
"long-haired", "t-shirt") and reciprocal adverbs ("side by side")."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from binding.grammars.repairs.base import Repair, Words
from binding.grammars.trees import touching
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("merge_hyphenated")
class MergeHyphenated(Repair):
    """Join tokens linked by a hyphen with no space between into one word, headed like the
    token whose head lies outside the group (UD and spaCy split "black-and-white" into five).
    Captions tokenized word by word write the hyphen of a numeral's compound with spaces ("Two
    - tiered white fondant cake", "a 3 - story house"): a numeral, a spaced hyphen and a word
    are one word too, so the numeral counts nothing."""

    hyphens: frozenset[str]  # the characters that link ("-", non-breaking hyphen, en dash)

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        hyphens = self.hyphens
        if not any(h in graph.text for h in hyphens):
            return graph
        words = graph.words
        groups: list[list[int]] = []
        i = 0
        while i < len(words):
            group = [i]
            j = i
            while (j + 2 < len(words) and words[j + 1].text in hyphens
                   and (touching(graph, j) or _spaced_numeral(graph, j))
                   and words[j + 2].text not in hyphens and words[j].text not in hyphens):
                group += [j + 1, j + 2]
                j += 2
            groups.append(group)
            i = j + 1
        if all(len(g) == 1 for g in groups):
            return graph
        return graph.with_words(_merged(graph, groups))


@registry.repairs("reciprocal_adverbs")
class ReciprocalAdverbs(Repair):
    """"Side by side", "hand in hand", "back to back", "face to face" say how two stand or
    move, and draw no side, hand or back: the parser reads them as nouns (an apposition, an
    object; "galloping side by side" with galloping a compound of side), which made entities
    of them and took the participle from its noun. A noun, one of ``prepositions`` and the
    same noun again are one word, an adverb; a verb right before it that the parser hung on
    it takes its place, the adverb hung on the verb by ``relation``. After "from" the nouns
    are things passed between ("flitted from tree to tree": trees are drawn)."""

    prepositions: Words  # the prepositions between the two nouns ("by", "in", "to")
    relation: str  # the label of the adverb on its verb ("advmod")
    # words before the first noun that make the nouns places ("from")
    not_after: Words = frozenset()

    needs = ("adverb",)

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not _repeated_noun(self.prepositions).search(graph.text):
            return graph  # the cheap test first: most prompts have none
        words = graph.words
        groups: list[list[int]] = []
        i = 0
        while i < len(words):
            if (i + 2 < len(words) and words[i].lower == words[i + 2].lower
                    and words[i].text.isalpha() and vocab.is_nominal(words[i])
                    and words[i + 1].lower in self.prepositions
                    and not (i and words[i - 1].lower in self.not_after)):
                groups.append([i, i + 1, i + 2])
                i += 3
            else:
                groups.append([i])
                i += 1
        if all(len(g) == 1 for g in groups):
            return graph
        merged = _merged(graph, groups)
        for n, group in enumerate(groups):
            if len(group) == 1:
                continue
            merged[n] = replace(merged[n], pos="ADV", tag=vocab.labels.adverb)
            verb = merged[n - 1] if n else None
            if verb is not None and verb.pos == "VERB" and verb.head == n:
                # "galloping side by side" (galloping a compound of side): the verb's place
                merged[verb.index] = replace(verb, head=merged[n].head,
                                             relation=merged[n].relation)
                merged[n] = replace(merged[n], head=verb.index)
            if merged[n].head is not None and merged[merged[n].head].pos == "VERB":
                merged[n] = replace(merged[n], relation=self.relation)
        return graph.with_words(merged)


@lru_cache(maxsize=8)
def _repeated_noun(prepositions: frozenset[str]) -> re.Pattern[str]:
    """A word, one of ``prepositions`` and the same word again, in a text (case aside)."""
    alternatives = "|".join(sorted(map(re.escape, prepositions)))
    return re.compile(rf"(?i)\b([a-z]+)\s+(?:{alternatives})\s+\1\b")


def _spaced_numeral(graph: DependencyGraph, j: int) -> bool:
    """Whether word j is a numeral and a hyphen between single spaces links it to the word
    after ("Two - tiered")."""
    words = graph.words
    return words[j].pos == "NUM" \
        and graph.text[words[j].end:words[j + 1].start] == " " \
        and graph.text[words[j + 1].end:words[j + 2].start] == " " \
        and words[j + 2].text.isalpha()


def _merged(graph: DependencyGraph, groups: list[list[int]]) -> list[Word]:
    words = graph.words
    new_index = {old: n for n, group in enumerate(groups) for old in group}
    merged: list[Word] = []
    for n, group in enumerate(groups):
        if len(group) == 1:
            # a word of its own keeps all it has (its tagger's alternatives too), renumbered;
            # the very word where nothing moved (no head of a tree without rings lies below it)
            word = words[group[0]]
            head = None if word.head is None else new_index[word.head]
            merged.append(word if word.index == n and head == word.head
                          else replace(word, index=n, head=head))
            continue
        members = set(group)
        tops = [k for k in group if words[k].head is None or words[k].head not in members
                or words[k].head == k]
        # the word's head: a head outside the group that does not itself hang below the group
        # ("16-35mm": 16 hangs on the verb, 35 on mm, and mm on 16), or the tree would loop
        above = [k for k in tops if not _below(words, words[k].head, members)]
        top = words[(above or tops or group)[-1]]
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
    return merged


def _below(words: list[Word], index: int | None, members: set[int]) -> bool:
    """Whether the word ``index`` hangs, through any number of heads, on one of ``members``."""
    seen: set[int] = set()
    while index is not None and index not in seen:
        if index in members:
            return True
        seen.add(index)
        head = words[index].head
        index = None if head == index else head
    return False
