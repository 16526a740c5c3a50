"""What a grammar knows of words, handed to every repair and pass: word lists, labels, which
parts of speech name things, and the punctuation that closes a phrase."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from binding.grammars.labels import Labels
from binding.grammars.lexicon import Lexicon
from binding.graph import Word

# universal parts of speech of closed classes: no describing word is tagged so
CLOSED_CLASSES = frozenset({"DET", "ADP", "PUNCT", "CCONJ", "SCONJ", "PART", "PRON", "AUX"})


@dataclass(frozen=True)
class Vocabulary:
    lexicon: Lexicon
    labels: Labels
    nominal_pos: frozenset[str]  # parts of speech that name things (entities' heads)
    # relations by which a noun describes another noun (no entity of its own)
    noun_modifier_relations: frozenset[str] = frozenset()
    commas: frozenset[str] = frozenset()  # forms that separate phrases
    phrase_ends: frozenset[str] = frozenset()  # forms after which a phrase has ended

    def __post_init__(self) -> None:
        # the lexicon's own method, not a wrapper: the hottest call of binding
        object.__setattr__(self, "has", self.lexicon.has)

    def has(self, word: Word, names: Iterable[str]) -> bool:
        """Whether the word is in any of the word lists ``names``."""
        return self.lexicon.has(word, names)  # replaced per instance by __post_init__

    def has_form(self, word: Word, names: Iterable[str]) -> bool:
        """Whether the word, by its own form and not its lemma, is in any of the word lists
        ``names``: "painting" is a thing, but "watching" (lemma "watch") and "towering"
        ("tower") are not."""
        return not self.lexicon.lists_of_form(word).isdisjoint(names)

    def has_stem(self, form: str, ending: str, names: Iterable[str]) -> bool:
        """Whether an inflected form's stem is in the word lists ``names``: the form less
        ``ending``, with an e restored, a doubled consonant undone or y back to ie (laugh-ing,
        danc-ing -> dance, sitt-ing -> sit, ly-ing -> lie)."""
        if not form.endswith(ending):
            return False
        stem = form[: -len(ending)]
        stems = {stem, stem + "e"}
        if len(stem) > 2 and stem[-1] == stem[-2]:
            stems.add(stem[:-1])
        if stem.endswith("y"):
            stems.add(stem[:-1] + "ie")
        lists = self.lexicon.lists
        return any(not stems.isdisjoint(lists.get(name, ())) for name in names)

    def is_color(self, word: Word) -> bool:
        # no colour is tagged with a closed class's part of speech: skip the lookup there
        if word.pos in CLOSED_CLASSES:
            return False
        memo = word.lists_memo  # the lexicon's answer for this very word, as ``has`` reads it
        if memo is not None and memo[0] is self.lexicon:
            return "colors" in memo[1]
        return self.lexicon.has(word, ("colors",))

    def adjectival(self, word: Word) -> bool:
        """An adjective or participle by the word lists, whatever its tag."""
        return self.lexicon.has(word, ("adjectives", "participles"))

    def is_nominal(self, word: Word) -> bool:
        return word.pos in self.nominal_pos

    def is_comma(self, word: Word) -> bool:
        return word.text in self.commas
