"""The neutral dependency graph: what every front end produces and every grammar reads.

Only front ends know parsers; from here on a parse is words with character spans, a universal
part of speech, a head and a relation label from a named label scheme (``clearnlp``, ``ud``).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Word:
    """One word of the prompt as the parser saw it.

    ``head`` is the index of the governing word in the graph, or ``None`` for a root.
    ``start``/``end`` are Python character offsets into the prompt, end exclusive.
    ``confidence`` is how sure the front end is of ``head`` (0-1), where it can say: the clip
    front end's attention share; parsers leave it ``None``.
    ``alternative_tags`` are the tags the front end's tagger found nearly as likely as ``tag``,
    where it can say (spaCy's statistical tagger does; CoNLL-U and Stanza leave it empty): a
    "noun" the tagger nearly read as a verb is how a finite verb read as a compound's head
    shows itself on words no word list names ("a black dog play/NN with a frisbee").
    """

    index: int
    text: str
    start: int
    end: int
    pos: str
    relation: str
    head: int | None
    lemma: str = ""
    tag: str = ""
    confidence: float | None = None
    alternative_tags: tuple[str, ...] = ()
    # (lexicon, the names of its word lists this word is in): filled by the lexicon on its
    # first look-up, the hottest call of binding; never copied by ``replace`` (not an init
    # field), so a word with new text or lemma is looked up afresh
    lists_memo: tuple[object, frozenset[str]] | None = field(
        default=None, init=False, compare=False, repr=False)
    # the text in lower case, read by nearly every rule: made once, with the word
    lower: str = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", self.text.lower())

    @property
    def key(self) -> str:
        """The form lexicons are keyed by: the lower-cased lemma, or the word itself."""
        return (self.lemma or self.text).lower()


@dataclass(slots=True)
class DependencyGraph:
    """A parsed prompt. ``words`` are in text order and ``words[i].index == i``."""

    text: str
    words: list[Word]
    scheme: str
    _children: list[tuple[Word, ...]] | None = field(default=None, repr=False, compare=False)
    # the words by relation, part of speech and tag, grouped on the first question of each
    _groups: dict[str, dict[str, tuple[Word, ...]]] | None = field(
        default=None, repr=False, compare=False)
    # answers about the words that several repairs ask in turn (the comma-separated parts of
    # a prompt): asked once per graph, by ``memo``
    _memo: dict[object, Any] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        # (one test a word, the lengths read once: every repair that changes a graph makes one)
        size, count = len(self.text), len(self.words)
        for i, word in enumerate(self.words):
            head = word.head
            if (word.index != i or not 0 <= word.start <= word.end <= size
                    or (head is not None and not 0 <= head < count)):
                self._reject(i, word)

    def _reject(self, i: int, word: Word) -> None:
        """Raise the error that names what is wrong with the word at place ``i``."""
        if word.index != i:
            raise ValueError(f"word {word.text!r} has index {word.index}, expected {i}")
        if not (0 <= word.start <= word.end <= len(self.text)):
            raise ValueError(f"word {word.text!r} has span outside the text")
        raise ValueError(f"word {word.text!r} has head {word.head} outside the graph")

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self) -> Iterator[Word]:
        return iter(self.words)

    def __getitem__(self, index: int) -> Word:
        return self.words[index]

    def head(self, word: Word) -> Word | None:
        return None if word.head is None or word.head == word.index else self.words[word.head]

    def children(self, word: Word) -> list[Word]:
        return list(self.dependents(word))

    def dependents(self, word: Word) -> tuple[Word, ...]:
        """``children`` without the copy: the graph's own tuple, for hot loops that only read."""
        if self._children is None:
            kids: list[list[Word]] = [[] for _ in self.words]
            for w in self.words:
                if w.head is not None and w.head != w.index:
                    kids[w.head].append(w)
            self._children = [tuple(k) for k in kids]
        return self._children[word.index]

    def attached_by(self, labels: str | Iterable[str] | None) -> Sequence[Word]:
        """The words attached by a relation of ``labels`` (one label or several), in text
        order: a repair that mends one kind of attachment reads these, not every word."""
        return self._where("relation", labels)

    def with_pos(self, pos: str | Iterable[str]) -> Sequence[Word]:
        """The words of a universal part of speech of ``pos``, in text order."""
        return self._where("pos", pos)

    def with_tag(self, tags: str | Iterable[str] | None) -> Sequence[Word]:
        """The words of a fine-grained tag of ``tags``, in text order."""
        return self._where("tag", tags)

    def with_lower(self, forms: str | Iterable[str]) -> Sequence[Word]:
        """The words whose lower-cased text is one of ``forms``, in text order: a repair
        about a few closed-class words ("of", "with") reads these, not every word."""
        return self._where("lower", forms)

    def _where(self, attribute: str, values: str | Iterable[str] | None) -> Sequence[Word]:
        if self._groups is None:
            self._groups = {}
        groups = self._groups.get(attribute)
        if groups is None:
            groups = self._groups[attribute] = _grouped(self.words, attribute)
        if values is None:
            return ()
        # a question of several values is answered once per graph: repairs ask the same
        # label and tag sets (frozensets and tuples of a grammar's settings) in turn, and no
        # value of a word is a tuple or a set, so the answer shares the groups' dictionary;
        # one value is a group's own key (the hot path: one look-up, no type test first)
        try:
            answer = groups.get(values)  # type: ignore[arg-type]
        except TypeError:  # a list or a set: asked afresh
            answer, hashable = None, False
        else:
            if answer is not None:
                return answer
            if isinstance(values, str):
                return ()
            hashable = isinstance(values, (frozenset, tuple))
        unique = values if isinstance(values, (set, frozenset)) else set(values)
        parts = [group for value in unique if (group := groups.get(value))]
        if len(parts) < 2:  # most questions find one group or none: already in text order
            found: Sequence[Word] = parts[0] if parts else ()
        else:
            found = tuple(sorted((word for group in parts for word in group), key=_index))
        if hashable:
            groups[values] = found  # type: ignore[index]
        return found

    def memo(self, key: object, make: Callable[[], Any]) -> Any:
        """``make()``, made once for this graph under ``key``: a graph's words never change, so
        neither does what is read off them (repairs that change a graph make a new one)."""
        if self._memo is None:
            self._memo = {}
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = make()
            return value

    def has_loop(self, since: DependencyGraph | None = None) -> bool:
        """Whether the heads of some word run in a ring (a root is a word without a head, or
        its own). Given ``since``, a graph of the same words known to have no ring, only the
        words whose head changed are walked from: a new ring runs through one of them."""
        starts: Iterable[int] = range(len(self.words))
        if since is not None and len(since.words) == len(self.words):
            starts = [w.index for w, old in zip(self.words, since.words, strict=True)
                      if w.head != old.head]
        state = [0] * len(self.words)  # 0 unseen, 1 on the current path, 2 reaches a root
        for start in starts:
            path = []
            index: int | None = start
            while index is not None and state[index] == 0:
                state[index] = 1
                path.append(index)
                head = self.words[index].head
                index = None if head == index else head
            if index is not None and state[index] == 1:
                return True
            for k in path:
                state[k] = 2
        return False

    def next(self, word: Word) -> Word | None:
        """The word after ``word`` in the text, if any."""
        return self.words[word.index + 1] if word.index + 1 < len(self.words) else None

    def with_words(self, words: list[Word]) -> DependencyGraph:
        """A copy with replaced words (repairs build new graphs; graphs are never edited).
        Where a repair changed nothing the graph itself is returned, with its child index."""
        if words == self.words:  # (the same words, each compared by identity first)
            return self
        return DependencyGraph(text=self.text, words=words, scheme=self.scheme)


def _grouped(words: list[Word], attribute: str) -> dict[str, tuple[Word, ...]]:
    """The words by the value of one attribute, each group in text order."""
    groups: dict[str, list[Word]] = {}
    for word in words:
        groups.setdefault(getattr(word, attribute), []).append(word)
    return {value: tuple(group) for value, group in groups.items()}


_index = operator.attrgetter("index")
