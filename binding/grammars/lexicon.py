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
        return self._forms(word.text.lower(), word.key)

    def _forms(self, lower: str, key: str) -> set[str]:
        found = {lower, key}
        for plural in self.plural_endings:
            if lower.endswith(plural.ending) and len(lower) > plural.longer_than:
                found.add(lower[:-len(plural.ending)])
        return found

    def lists_of(self, word: Word) -> frozenset[str]:
        """Names of the lists a word is in."""
        return self._lists((word.text, word.lemma), word.lower, word.key)

    def lists_of_form(self, word: Word) -> frozenset[str]:
        """Names of the lists a word is in by its own form, its lemma set aside (read as if
        the lemma were the lower-cased text, and memoised under that key)."""
        lower = word.text.lower()
        return self._lists((word.text, lower), lower, lower)

    def _lists(self, key: tuple[str, str], lower: str, lemma: str) -> frozenset[str]:
        found = self._memo.get(key)
        if found is None:
            forms = self._forms(lower, lemma)
            found = frozenset(name for name, words in self.lists.items()
                              if not forms.isdisjoint(words))
            if len(self._memo) < _MEMO_LIMIT:
                self._memo[key] = found
        return found

    def names_of(self, word: Word) -> frozenset[str]:
        """Names of the lists a word is in, memoised on the word (the memo ``has`` reads): for
        callers that ask one word of many lists."""
        memo = word.lists_memo
        if memo is not None and memo[0] is self:
            return memo[1]  # type: ignore[return-value]
        # a word a repair re-made (a new head, the same text): the form's memo, asked directly
        found = self._memo.get((word.text, word.lemma))
        if found is None:
            found = self.lists_of(word)
        object.__setattr__(word, "lists_memo", (self, found))
        return found

    def has(self, word: Word, names: Iterable[str]) -> bool:
        """Whether the word is in any of the lists ``names``."""
        memo = word.lists_memo  # this lexicon's answer for this very word: the hot path
        if memo is not None and memo[0] is self:
            return not memo[1].isdisjoint(names)
        return not self.names_of(word).isdisjoint(names)

    def __contains__(self, name: str) -> bool:
        return name in self.lists
