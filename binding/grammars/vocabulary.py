"""What a grammar knows of words, handed to every repair and pass: word lists, labels, which
parts of speech name things, and the punctuation that closes a phrase."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from binding.grammars.labels import Labels
from binding.grammars.lexicon import Lexicon
from binding.graph import Word


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

    def is_color(self, word: Word) -> bool:
        return self.lexicon.has(word, ("colors",))

    def adjectival(self, word: Word) -> bool:
        """An adjective or participle by the word lists, whatever its tag."""
        return self.lexicon.has(word, ("adjectives", "participles"))

    def is_nominal(self, word: Word) -> bool:
        return word.pos in self.nominal_pos

    def is_comma(self, word: Word) -> bool:
        return word.text in self.commas
