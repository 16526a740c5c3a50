"""Names listed in the lexicon, of one word or several ("artgerm", "greg rutkowski", "slice of
life"): which words of a parse they cover. A name of several words covers its words only where
they stand together, in order, so "alan lee" is a name and "lee" alone is not."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from binding.grammars.lexicon import Lexicon
from binding.graph import DependencyGraph, Word

_WORDS = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")  # words as written, joiners split off


@dataclass(frozen=True)
class NameIndex:
    # each word of a listed name -> (the name's words, the word's place in it)
    places: dict[str, tuple[tuple[tuple[str, ...], int], ...]]

    def __contains__(self, word: str) -> bool:
        return word in self.places


def _index(entries: frozenset[str]) -> NameIndex:
    places: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for entry in entries:
        parts = tuple(entry.split())
        for place, part in enumerate(parts):
            places.setdefault(part, []).append((parts, place))
    return NameIndex({part: tuple(found) for part, found in places.items()})


# (lexicon, lists) -> index; the lexicon is kept, so its id is not reused while cached
_BY_LEXICON: dict[tuple[int, tuple[str, ...]], tuple[Lexicon, NameIndex]] = {}


def name_index(lexicon: Lexicon, lists: Iterable[str]) -> NameIndex:
    """The words of every name in the word lists ``lists`` (read once per lexicon: repairs
    ask on every prompt)."""
    key = (id(lexicon), tuple(lists))
    cached = _BY_LEXICON.get(key)
    if cached is not None and cached[0] is lexicon:
        return cached[1]
    entries: frozenset[str] = frozenset().union(*(lexicon.lists.get(n, ()) for n in key[1]))
    index = _index(entries)
    if len(_BY_LEXICON) < 64:
        _BY_LEXICON[key] = (lexicon, index)
    return index


def may_name(text: str, index: NameIndex) -> bool:
    """Whether a listed name's word may occur in ``text``: one search of the whole prompt
    before reading it word by word (most prompts name no artist)."""
    return not index.places.keys().isdisjoint(_WORDS.findall(text.lower()))


def name_span(graph: DependencyGraph, word: Word, index: NameIndex) -> tuple[int, int] | None:
    """(start, end) of the longest listed name, as written, that holds ``word``."""
    found = None
    words = graph.words
    for parts, place in index.places.get(word.lower, ()):
        start = word.index - place
        end = start + len(parts)
        if start >= 0 and end <= len(words) and all(
                words[start + k].lower == part for k, part in enumerate(parts)) and (
                found is None or end - start > found[1] - found[0]):
            found = (start, end)
    return found
