"""Names listed in the lexicon, of one word or several ("artgerm", "greg rutkowski", "slice of
life"): which words of a parse they cover. A name of several words covers its words only where
they stand together, in order, so "alan lee" is a name and "lee" alone is not."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from binding.grammars.lexicon import Lexicon
from binding.graph import DependencyGraph, Word

# each word of a listed name -> (the name's words, the word's place in it)
NameIndex = dict[str, tuple[tuple[tuple[str, ...], int], ...]]


@lru_cache(maxsize=64)
def _index(entries: frozenset[str]) -> NameIndex:
    index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
    for entry in entries:
        parts = tuple(entry.split())
        for place, part in enumerate(parts):
            index.setdefault(part, []).append((parts, place))
    return {part: tuple(found) for part, found in index.items()}


def name_index(lexicon: Lexicon, lists: Iterable[str]) -> NameIndex:
    """The words of every name in the word lists ``lists``."""
    entries: frozenset[str] = frozenset().union(*(lexicon.lists.get(n, ()) for n in lists))
    return _index(entries)


def name_span(graph: DependencyGraph, word: Word, index: NameIndex) -> tuple[int, int] | None:
    """(start, end) of the longest listed name, as written, that holds ``word``."""
    found = None
    words = graph.words
    for parts, place in index.get(word.lower, ()):
        start = word.index - place
        end = start + len(parts)
        if start >= 0 and end <= len(words) and all(
                words[start + k].lower == part for k, part in enumerate(parts)) and (
                found is None or end - start > found[1] - found[0]):
            found = (start, end)
    return found
