"""Word lists by name: what a small tagger gets wrong and syntax alone cannot tell.

A word is looked up by its lower-cased text, its lemma, and the forms left when the lexicon's
plural endings are cut off ("tulips" -> "tulip"), so a list names each word once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from binding.graph import Word

_MEMO_LIMIT = 100_000


@dataclass(frozen=True)
class PluralEnding:
    """Cut ``ending`` off words longer than ``longer_than`` characters."""

    ending: str
    longer_than: int


@dataclass
class Lexicon:
    """Named word lists, with the membership of each word form memoised (the hot path)."""

    lists: Mapping[str, frozenset[str]]
    plural_endings: tuple[PluralEnding, ...] = ()
    _memo: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False,
                                                         compare=False)

    def forms(self, word: Word) -> set[str]:
        """The forms a word is looked up by: lower text, lemma, crude singulars."""
        lower = word.text.lower()
        found = {lower, word.key}
        for plural in self.plural_endings:
            if lower.endswith(plural.ending) and len(lower) > plural.longer_than:
                found.add(lower[:-len(plural.ending)])
        return found

    def lists_of(self, word: Word) -> frozenset[str]:
        """Names of the lists a word is in."""
        key = (word.text, word.lemma)
        found = self._memo.get(key)
        if found is None:
            forms = self.forms(word)
            found = frozenset(name for name, words in self.lists.items()
                              if not forms.isdisjoint(words))
            if len(self._memo) < _MEMO_LIMIT:
                self._memo[key] = found
        return found

    def has(self, word: Word, names: Iterable[str]) -> bool:
        """Whether the word is in any of the lists ``names``."""
        memo = word.lists_memo  # this lexicon's answer for this very word: the hot path
        if memo is not None and memo[0] is self:
            return not memo[1].isdisjoint(names)
        found = self.lists_of(word)
        object.__setattr__(word, "lists_memo", (self, found))
        return not found.isdisjoint(names)

    def __contains__(self, name: str) -> bool:
        return name in self.lists
