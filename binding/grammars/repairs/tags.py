"""Prompts written as tag lists, the way people write for Stable Diffusion models:
``masterpiece, 1girl, solo, long_hair, sitting, looking at viewer, <lora:style:0.6>``.

A parser trained on sentences reads ``1girl`` as a number, ``long_hair`` as one unknown noun,
a LoRA tag as words, and hangs a bare ``sitting`` on whatever tag came before. These repairs
split the written-together tags into the words they are, take markup out of the phrase
structure, and hang a tag that only says what someone does on the character it describes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from pydantic import field_validator

from binding.grammars.names import may_name, name_index, name_span
from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    between_commas,
    comma_between,
    comma_part,
    comma_parts,
    hangs_on,
    has_determiner,
    is_root,
    loop_above,
    part_tops,
    stand_in,
    style_tag,
    take_place,
    touching,
)
from binding.grammars.vocabulary import CLOSED_CLASSES, Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@dataclass(frozen=True)
class _Piece:
    text: str
    start: int
    pos: str
    tag: str
    relation: str | None  # None: the piece that keeps the word's head, relation and children
    head: int | None = None  # the piece (its place among the word's pieces) it hangs on;
    # None: the piece that keeps the word's head


def _split(graph: DependencyGraph, plan: dict[int, list[_Piece]]) -> DependencyGraph:
    """The graph with each word of ``plan`` replaced by its pieces (character spans kept)."""
    if not plan:
        return graph
    index: dict[int, int] = {}  # old word -> new index of the word or its head piece
    first: dict[int, int] = {}  # old word -> new index of its first piece
    layout: list[tuple[Word, _Piece | None]] = []
    for word in graph:
        first[word.index] = len(layout)
        for piece in plan.get(word.index, [None]):  # type: ignore[list-item]
            if piece is None or piece.relation is None:
                index[word.index] = len(layout)
            layout.append((word, piece))
    words: list[Word] = []
    for n, (word, piece) in enumerate(layout):
        head = None if is_root(word) else index[word.head]  # type: ignore[index]
        if piece is None:
            words.append(replace(word, index=n, head=head))
        elif piece.relation is None:
            words.append(Word(n, piece.text, piece.start, piece.start + len(piece.text),
                              piece.pos, word.relation, head, piece.text.lower(), piece.tag,
                              word.confidence))
        else:
            on = index[word.index] if piece.head is None else first[word.index] + piece.head
            words.append(Word(n, piece.text, piece.start, piece.start + len(piece.text),
                              piece.pos, piece.relation, on, piece.text.lower(), piece.tag,
                              word.confidence))
    return DependencyGraph(text=graph.text, words=words, scheme=graph.scheme)


_COUNT_TAG = re.compile(r"(\d+)(\+?)([^\W\d_]+)")  # "1girl", "2boys", "6+girls"


@registry.repairs("count_tags")
class CountTags(Repair):
    """A booru count tag is a numeral and a noun written together: ``1girl``, ``2boys``,
    ``3others`` -> 1 counting girl; ``6+girls`` (six or more) -> 6 counting girls. Only where
    the letters name who is counted (the word lists ``characters``), so ``8k``, ``3d`` and
    ``35mm`` stay as they are."""

    characters: WordLists  # word lists of what a count tag counts (girl, boy, other, ...)
    plural_ending: str  # the ending of the plural ("s")

    needs = ("numeric", "numeral", "singular_noun", "plural_noun", "punct")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if _COUNT_TAG.search(graph.text) is None:
            return graph  # no numeral written against letters anywhere
        labels = vocab.labels
        plural = labels.plural_noun
        plan: dict[int, list[_Piece]] = {}
        for word in graph:
            found = _COUNT_TAG.fullmatch(word.text)
            if found is None:
                continue
            digits, plus, noun = found.groups()
            probe = replace(word, text=noun, lemma=noun.lower())
            if not vocab.has(probe, self.characters):
                continue
            tag = plural if noun.lower().endswith(self.plural_ending) and digits != "1" else (
                labels.singular_noun)
            pieces = [_Piece(digits, word.start, "NUM", labels.numeral, labels.numeric)]  # type: ignore[arg-type]
            if plus:  # "6+girls": six or more
                pieces.append(_Piece(plus, word.start + len(digits), "SYM", plus, labels.punct))  # type: ignore[arg-type]
            pieces.append(_Piece(noun, word.start + len(digits) + len(plus), "NOUN", tag, None))  # type: ignore[arg-type]
            plan[word.index] = pieces
        return _split(graph, plan)


@lru_cache(maxsize=8)
def _times_pattern(signs: frozenset[str]) -> re.Pattern[str]:
    """A times sign (either case) written against a digit: "x7"."""
    chars = "".join(sorted({s.lower() for s in signs} | {s.upper() for s in signs}))
    return re.compile(f"[{re.escape(chars)}]\\d")


@registry.repairs("multiplied_counts")
class MultipliedCounts(Repair):
    """A tag's count written after its noun with a times sign: "garden gnomes x7", "cats
    ×3" -> 7 counting gnomes. The sign is punctuation and the numeral counts the noun right
    before it, which takes the written count's place in the tree (the parser read "x7" as a
    proper noun with the gnomes its compound)."""

    signs: Words  # the times signs ("x", "×")

    needs = ("numeric", "numeral", "punct")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if _times_pattern(self.signs).search(graph.text) is None:
            return graph  # the cheap test first: no sign written against a digit anywhere
        plan: dict[int, list[_Piece]] = {}
        labels = vocab.labels
        for word in graph:
            text = word.text
            if (len(text) < 2 or text[0].lower() not in self.signs or not text[1:].isdigit()
                    or word.index == 0 or not vocab.is_nominal(graph[word.index - 1])):
                continue
            plan[word.index] = [
                _Piece(text[0], word.start, "SYM", "SYM", labels.punct, head=1),  # type: ignore[arg-type]
                _Piece(text[1:], word.start + 1, "NUM", labels.numeral, None)]  # type: ignore[arg-type]
        if not plan:
            return graph
        split = _split(graph, plan)
        words = list(split.words)
        for count in split.with_pos("NUM"):
            sign = split[count.index - 1] if count.index > 1 else None
            if sign is None or sign.pos != "SYM" or sign.lower not in self.signs:
                continue
            noun = split[count.index - 2]
            if noun.head == count.index:  # "gnomes/compound x7": the noun takes its place
                take_place(words, noun, count, labels.numeric)  # type: ignore[arg-type]
            else:
                words[count.index] = replace(count, head=noun.index, relation=labels.numeric)
            for child in split.children(count):  # the tags hung on the count: the noun's
                if child.index not in (noun.index, count.index - 1):
                    words[child.index] = replace(words[child.index], head=noun.index)
        if any(loop_above(words, k) is not None for k in range(len(words))):
            return split
        return split.with_words(words)


@registry.repairs("glued_commas")
class GluedCommas(Repair):
    """Tags written without a space after the comma are tags all the same: the tokenizer
    keeps a comma between two words when a digit stands beside it ("score_7_up,1girl,solo"
    -> one token "score_7_up,1girl"), and the count tag inside is lost. Such a word is split
    at its commas; the last piece keeps the word's place in the tree, the others hang on it
    (the tag-list repairs after this one read the list again). A comma between two digits is a
    number's ("1,000")."""

    commas: Words  # the separating characters (",")

    needs = ("punct", "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        glued, pattern = _comma_patterns(self.commas)
        if not glued.search(graph.text):  # (the cheap test first: a comma inside a word)
            return graph
        labels = vocab.labels
        plan: dict[int, list[_Piece]] = {}
        for word in graph:
            parts = pattern.split(word.text)
            if (len(parts) < 3 or not all(parts[::2])
                    or any(parts[n - 1][-1].isdigit() and parts[n + 1][0].isdigit()
                           for n in range(1, len(parts), 2))):
                continue
            starts = [word.start]
            for part in parts[:-1]:
                starts.append(starts[-1] + len(part))
            last = len(parts) - 1
            plan[word.index] = [
                _Piece(part, starts[n], "PUNCT", part, labels.punct, last) if n % 2  # type: ignore[arg-type]
                else _Piece(part, starts[n], word.pos, word.tag, None) if n == last
                else _Piece(part, starts[n], word.pos, word.tag, labels.unknown, last)  # type: ignore[arg-type]
                for n, part in enumerate(parts)]
        return _split(graph, plan)


@registry.repairs("joined_words")
class JoinedWords(Repair):
    """Tags written with joiners instead of spaces are words: ``long_hair`` -> long hair,
    ``aqua_eyes`` -> aqua eyes. The last word heads, a noun whatever the tagger called the
    whole (``stage_lights``/CD); a colour or adjective before it is its adjectival modifier,
    any other word its compound.

    A preposition among the words makes the tag a phrase, as it would be written with spaces:
    ``hand_on_hip`` is hand, on, hip its object; ``looking_at_viewer`` and ``sitting_on_bench``
    an -ing verb with its preposition, which the tag-list repairs then hang on the character;
    at the end it is a particle (``looking_back``), at the start it heads the tag (``on_bed``)."""

    joiners: Words  # the joining characters ("_")
    prepositions: Words = frozenset()  # words that make a joined tag a phrase ("on", "at")
    # the ending of present participles ("ing"): a word of more than five letters with it,
    # alone before the preposition, is the tag's verb ("sitting_on_bench")
    participle_ending: str = ""

    needs = ("adjectival", "compound", "punct", "adjective", "singular_noun", "plural_noun",
             "preposition", "prepositional_objects", "present_participle", "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not any(j in graph.text for j in self.joiners):
            return graph
        labels = vocab.labels
        plan: dict[int, list[_Piece]] = {}
        pattern = "|".join(re.escape(j) for j in sorted(self.joiners))
        for word in graph:
            if (not pattern or word.pos in ("X", "PUNCT", "SYM")  # markup: "rating_safe"
                    or not any(j in word.text for j in self.joiners)):
                continue
            parts = re.split(f"({pattern})", word.text)
            names = parts[::2]
            if len(names) < 2 or not all(p.isalpha() for p in names):
                continue
            starts = [word.start]
            for part in parts[:-1]:
                starts.append(starts[-1] + len(part))
            at = 0 if parts[0].lower() in self.prepositions else next(
                (n for n in range(2, len(parts), 2) if parts[n].lower() in self.prepositions),
                None)
            if at == 0:  # "on_bed": the preposition and its object
                plan[word.index] = [
                    _Piece(parts[0], starts[0], "ADP", "", None),
                    _Piece(parts[1], starts[1], "PUNCT", parts[1], labels.punct),  # type: ignore[arg-type]
                    *self._noun(parts[2:], starts, 2, vocab, None,
                                (labels.prepositional_objects[0], 0))]  # type: ignore[index]
                continue
            if at is None:
                # the tagger may call a joined tag anything ("stage_lights/CD"): it is a noun
                head = (word.pos, word.tag) if vocab.is_nominal(word) else None
                plan[word.index] = self._noun(parts, starts, 0, vocab, head, None)
                continue
            pieces = self._noun(parts[:at - 1], starts, 0, vocab, None, None)
            if (at == 2 and self.participle_ending and len(parts[0]) > 5
                    and parts[0].lower().endswith(self.participle_ending)):
                pieces[0] = replace(pieces[0], pos="VERB", tag=labels.present_participle)
            pieces.append(_Piece(parts[at - 1], starts[at - 1], "PUNCT", parts[at - 1],
                                 labels.punct))  # type: ignore[arg-type]
            if at == len(parts) - 1:  # a particle: "looking_back"
                pieces.append(_Piece(parts[at], starts[at], "ADP", "", labels.unknown, at - 2))  # type: ignore[arg-type]
            else:
                pieces.append(_Piece(parts[at], starts[at], "ADP", "", labels.preposition,
                                     at - 2))  # type: ignore[arg-type]
                pieces.append(_Piece(parts[at + 1], starts[at + 1], "PUNCT", parts[at + 1],
                                     labels.punct, at))  # type: ignore[arg-type]
                pieces += self._noun(parts[at + 2:], starts, at + 2, vocab, None,
                                     (labels.prepositional_objects[0], at))  # type: ignore[index]
            plan[word.index] = pieces
        return _split(graph, plan)

    @staticmethod
    def _noun(parts: list[str], starts: list[int], offset: int, vocab: Vocabulary,
              head: tuple[str, str] | None, attach: tuple[str, int] | None) -> list[_Piece]:
        """The pieces of a noun phrase written with joiners (``parts``: names and joiners, the
        first at ``offset`` among the tag's pieces): its last name heads, with the part of
        speech and tag ``head`` (a noun's by its ending where None) and the relation and
        piece ``attach`` (the word's own where None); the names before describe it."""
        labels = vocab.labels
        last = len(parts) - 1 + offset
        if head is None:
            name = parts[-1].lower()
            head = ("NOUN", labels.plural_noun if any(  # type: ignore[assignment]
                name.endswith(p.ending) and len(name) > p.longer_than
                for p in vocab.lexicon.plural_endings) else labels.singular_noun)
        relation, on = attach if attach is not None else (None, None)
        pieces = []
        for n, part in enumerate(parts):
            start = starts[n + offset]
            if n == len(parts) - 1:
                pieces.append(_Piece(part, start, head[0], head[1], relation, on))  # type: ignore[index]
            elif n % 2:
                pieces.append(_Piece(part, start, "PUNCT", part, labels.punct, last))  # type: ignore[arg-type]
            else:
                probe = Word(0, part, 0, len(part), "NOUN", "", None, part.lower())
                describing = vocab.is_color(probe) or vocab.adjectival(probe) or vocab.has(
                    probe, ("sizes",))
                pieces.append(_Piece(
                    part, start, "ADJ" if describing else "NOUN",
                    labels.adjective if describing else labels.singular_noun,  # type: ignore[arg-type]
                    labels.adjectival if describing else labels.compound, last))
        return pieces


@registry.repairs("markup")
class Markup(Repair):
    """Markup is no part of the phrase: the words of a ``<lora:name:0.6>`` tag or an
    ``embedding:name`` reference, keywords such as ``BREAK``, score tags such as ``score_9``
    and the names of common textual inversions (``EasyNegative``) name nothing to draw; they
    become symbols (``X``). A keyword that separates chunks of the prompt (``BREAK``) ends
    the phrase before it like a comma: what the parser hung on it is a phrase of its own
    ("(blue hair:1.1) BREAK (pink hair:1.1)": the first hair is no modifier of BREAK)."""

    open: str  # the character that opens a markup tag ("<")
    close: str  # ... and closes it (">")
    keywords: frozenset[str]  # words that are markup, matched as written ("BREAK")
    # whole words that are markup by their form: Pony-style score and rating tags
    # ("score_9", "score_8_up", "rating_safe"), Python regular expressions in lower case,
    # matched case-blind
    patterns: tuple[str, ...] = ()
    # stretches of text that are markup whatever their words: ComfyUI's textual-inversion
    # references ("embedding:easynegative"), regular expressions like ``patterns``
    span_patterns: tuple[str, ...] = ()
    separators: frozenset[str] = frozenset()  # keywords that separate chunks ("BREAK")

    needs = ("unknown",)

    @field_validator("patterns", "span_patterns")
    @classmethod
    def _lower_case(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        upper = [p for p in patterns if p != p.lower()]
        if upper:
            raise ValueError(f"markup patterns are matched case-blind and must be written in "
                             f"lower case: {upper[0]!r}")
        return patterns

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        text = graph.text
        gate = _gate((*self.patterns, *self.span_patterns))
        if (self.open not in text and not any(k in text for k in self.keywords)
                and (gate is None or not gate.search(text.lower()))):
            return graph  # nothing of the kind anywhere (the common prompt): no word to look at
        forms = _compiled(self.patterns)
        stretches = _compiled(self.span_patterns)
        spans = [(m.start(), m.end()) for m in re.finditer(
            f"{re.escape(self.open)}[^{re.escape(self.open + self.close)}]*"
            f"{re.escape(self.close)}", graph.text)]
        spans += [(m.start(), m.end()) for f in stretches for m in f.finditer(text)]
        words = list(graph.words)
        for word in graph:
            inside = any(start <= word.start and word.end <= end for start, end in spans)
            if (inside or word.text in self.keywords
                    or any(f.fullmatch(word.text) for f in forms)) and word.pos not in (
                    "X", "PUNCT"):
                # markup is no word: nor nearly one (no tag the tagger weighed applies)
                words[word.index] = replace(words[word.index], pos="X", alternative_tags=())
            if word.text not in self.separators:
                continue
            unknown = vocab.labels.unknown
            # its children go to the nearest head above that is no separator (or is a root
            # one), so a second pass finds nothing hung on a separator ("a BREAK BREAK");
            # the steps are bounded since a parse may loop
            above, steps = word.head, len(graph)
            while (above is not None and graph[above].text in self.separators
                   and not is_root(graph[above]) and steps):
                above, steps = graph[above].head, steps - 1
            for child in () if is_root(word) else graph.dependents(word):
                words[child.index] = replace(words[child.index], head=above,
                                             relation=unknown)
            for noun in graph.words[:word.index]:  # a noun hung across it heads its own phrase
                if (vocab.is_nominal(noun) and noun.head is not None
                        and noun.head > word.index and words[noun.index].relation != unknown):
                    words[noun.index] = replace(words[noun.index], relation=unknown)
        return graph.with_words(words)


class TagListRepair(Repair):
    """A repair that only reads tag lists: at least ``tags`` comma-separated parts, at least
    ``short_share`` of them no longer than ``short_words`` words, so that sentences joined by
    commas ("There's a cake on a plate, with three pigs on it, sitting on the table") are
    left alone."""

    tags: int = 3
    short_words: int = 3
    short_share: float = 0.5

    def _tag_lengths(self, graph: DependencyGraph, vocab: Vocabulary) -> list[int] | None:
        """The number of words of each comma-separated part that has any, or None where the
        prompt has too few commas for ``tags`` parts (the common prompt: no count needed)."""
        if sum(graph.text.count(c) for c in vocab.commas) < self.tags - 1:
            return None
        return list(graph.memo(("tag_lengths", vocab.commas), lambda: tuple(
            n for start, end in comma_parts(vocab, graph)
            if (n := sum(w.pos != "PUNCT" for w in graph.words[start:end])))))

    def _list_of_tags(self, lengths: list[int] | None) -> bool:
        if not lengths:
            return False
        short = sum(n <= self.short_words for n in lengths)
        return len(lengths) >= self.tags and short >= self.short_share * len(lengths)

    def _tag_list(self, graph: DependencyGraph, vocab: Vocabulary) -> bool:
        return self._list_of_tags(self._tag_lengths(graph, vocab))


def _whole_tag(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
    """Whether the word is a whole tag: a comma (or the start) before it, punctuation (or the
    end) after it. Punctuation glued to the words on both sides joins them ("dark_skin",
    "dark-skinned"): it ends no tag."""
    before = graph[word.index - 1] if word.index else None
    if before is not None and not vocab.is_comma(before):
        return False
    after = graph.next(word)
    if after is None or vocab.is_comma(after):
        return True
    beyond = graph.next(after)
    return after.pos == "PUNCT" and not (beyond is not None and beyond.pos != "PUNCT"
                                         and touching(graph, word.index))


def _in_modifier_chain(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
    """Whether the word is one of a noun phrase's modifiers set off by commas, the phrase
    opened by its article: "a tall, dark, handsome man" (dark is no mood of the picture).
    The parts before the word back to the article hold only words before the same noun."""
    head = graph.head(word)
    if head is None or head.index < word.index or word.relation != vocab.labels.adjectival:
        return False
    index = word.index - 1
    while index >= 0 and vocab.is_comma(graph[index]):
        before = graph[index - 1] if index else None
        if before is None or before.head != head.index:
            return False
        start = index - 1
        while start > 0 and graph[start - 1].head == head.index \
                and not vocab.is_comma(graph[start - 1]):
            start -= 1
        if graph[start].pos == "DET":
            return True
        index = start - 1
    return False


def _palette_tags(graph: DependencyGraph, vocab: Vocabulary) -> list[list[Word]]:
    """The colours of tags made of colours alone ("pink and cyan", "black and white",
    "teal", "deep blue"): a palette, about the picture. Its words are colours, conjunctions and
    words before a colour hung on it, between commas (or the ends), and no part of a list of
    colours: "a red, yellow, and orange cake" names the cake's colours. A numeral before the
    colour makes it a pro-form's ("two dogs, one brown, one spotted"), no palette."""
    out: list[list[Word]] = []
    for start, end in comma_parts(vocab, graph):
        tag = [w for w in graph.words[start:end] if w.pos not in ("PUNCT", "SPACE")]
        colours = [w for w in tag if vocab.is_color(w)]
        shades = {w.index for w in colours}  # "deep blue", "muted blues": a colour's words
        if (colours and all(vocab.is_color(w) or w.pos == "CCONJ"
                            or (w.head in shades and w.index < w.head and w.pos != "NUM")
                            for w in tag)
                and not any(_in_colour_list(graph, vocab, w, tag) for w in colours)
                and not _set_off_colour(graph, tag, start, end)):
            out.append(tag)
    return out


def _set_off_colour(graph: DependencyGraph, tag: list[Word], start: int, end: int) -> bool:
    """Whether a tag of one colour (no conjunction) is set off inside a sentence: the phrase
    before it ends in a noun and the part after it goes on with a preposition or a verb ("a
    bird, bright yellow, on a branch"): the bird's colour, no palette."""
    if start < 2 or end + 1 >= len(graph) or any(w.pos == "CCONJ" for w in tag):
        return False
    return graph[start - 2].pos in ("NOUN", "PROPN") and graph[end + 1].pos in ("ADP", "VERB")


def _in_colour_list(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                    tag: list[Word]) -> bool:
    """Whether a colour of a tag is one of a list of colours across commas ("red, yellow,
    and orange cake"): the next tag opens with a conjunction, or, for a tag of one colour, with
    a colour, or the parser hung the colour on a later word or on a colour of another tag. A
    tag with its own conjunction ("black and white, red scarf") is a whole palette."""
    after = graph.next(tag[-1])
    following = graph.next(after) if after is not None else None
    if following is not None and following.pos == "CCONJ":
        return True
    if any(w.pos == "CCONJ" for w in tag):
        return False
    if following is not None and vocab.is_color(following):
        return True
    head = graph.head(word)
    return head is not None and head.index not in {w.index for w in tag} and (
        head.index > tag[-1].index or vocab.is_color(head))


def _lift_root(graph: DependencyGraph, vocab: Vocabulary, word: Word,
               words: list[Word]) -> None:
    """A bare tag the parser made the root, over the other tags ("1girl, sitting, smiling":
    girl hung on sitting), leaves the root's place to its first tag; the other tags hang on
    that one. The tag's own words (after it, before the next comma) stay on it."""
    tags = [c for c in graph.children(word) if c.index != word.index and c.pos != "PUNCT" and (
        c.index < word.index
        or any(vocab.is_comma(w) for w in graph.words[word.index + 1 : c.index]))]
    if not tags:
        return
    first, *others = tags
    words[first.index] = replace(words[first.index], head=None, relation=word.relation)
    for other in others:
        words[other.index] = replace(words[other.index], head=first.index)


def _character(graph: DependencyGraph, vocab: Vocabulary, lists: WordLists) -> Word | None:
    """The list's character: its first noun of ``lists`` that heads its tag (not "animal" of
    "animal focus")."""
    compound = vocab.labels.compound
    return next((w for w in graph if vocab.is_nominal(w) and vocab.has(w, lists)
                 and not (w.relation == compound and graph.head(w) is not None
                          and vocab.is_nominal(graph.head(w)))), None)


@lru_cache(maxsize=64)
def _compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


@lru_cache(maxsize=4)
def _comma_patterns(commas: frozenset[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One expression that finds a comma between two characters of one word, and one that
    splits at the commas."""
    either = "|".join(re.escape(c) for c in sorted(commas))
    return re.compile(rf"\S(?:{either})\S"), re.compile(f"({either})")


@lru_cache(maxsize=16)
def _gate(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression that finds any of ``patterns`` in lower-cased text (None for none): a
    prompt without markup is read once (case-blind matching of many patterns is three times
    slower)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@registry.repairs("tag_participles")
class TagParticiples(TagListRepair):
    """In a tag list, a tag that is only a participle (``sitting``, ``looking at viewer``,
    ``smiling``) says what the character does: it describes the first character of the prompt
    (the word lists ``characters``), not the tag before it. So does the past participle of a
    pose verb, a state the character is in (``..., exposed gears, perched on a book``: gears
    cannot perch). A participle with a subject or an object of its own (``holding hands``), or
    right before a noun it describes (``glowing runes``), is left where it is."""

    characters: WordLists
    verb_only_children: frozenset[str]  # labels of a subject or object of its own
    # word lists of verbs whose bare -ing tag the tagger may call a noun ("sitting/NN"): such a
    # one-word tag is the participle too
    pose_verbs: WordLists = ()
    past_ending: str = "ed"
    # word lists of verbs that take no object (looking): after a particle, their "object" is a
    # preposition's ("looking out window", out/RP, window/dobj)
    objectless: WordLists = ()
    particle: str = ""  # the label of a verb's particle ("prt")
    # word lists of verbs of weather ("snow", "rain"): their -ing tag is about the sky
    # ("1girl, ..., snowing outside"), no character's pose
    weather: WordLists = ()

    needs = ("present_participle", "past_participle", "participle", "compound", "preposition",
             "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        if not self._tag_list(graph, vocab):
            return graph
        character = _character(graph, vocab, self.characters)
        if character is None:
            return graph
        words = list(graph.words)
        for word in graph:
            before = graph[word.index - 1] if word.index else None
            if self._after_its_noun(graph, vocab, word, before):
                # "..., wind, long hair blowing, happy" (blowing the root over every tag): the
                # participle ending a tag right after its noun describes that noun
                self._hang(graph, vocab, word, words, before.index)  # type: ignore[union-attr]
                continue
            if self._pose_noun(graph, vocab, word):
                word = replace(word, pos="VERB", tag=labels.present_participle)
            elif self._clause_noun(graph, vocab, word, before):
                # "..., fishing/NN for stars, ..." hung as a clause (acl): a participle
                word = words[word.index] = replace(word, pos="VERB",
                                                   tag=labels.present_participle)
            if (word.pos != "VERB" or not (word.tag == labels.present_participle
                                           or self._pose_state(vocab, word))
                    or self._prenominal(graph, vocab, word)  # "glowing (blue) runes"
                    or (self.weather and vocab.has_stem(word.lower, "ing", self.weather))
                    or word.index < character.index
                    or (word.head == character.index and word.relation == labels.participle)
                    or (before is not None and not vocab.is_comma(before))
                    or any(c.relation in self.verb_only_children
                           and self._particle_before(graph, vocab, word, c) is None
                           for c in graph.children(word))
                    or (not is_root(word) and hangs_on(graph, character, word))):
                continue
            self._hang(graph, vocab, word, words, character.index, pos=word.pos, tag=word.tag)
            for child in graph.children(word):
                particle = self._particle_before(graph, vocab, word, child)
                if particle is not None:
                    # "looking out window": out the preposition, window its object
                    words[particle.index] = replace(words[particle.index], pos="ADP",
                                                    relation=labels.preposition)
                    words[child.index] = replace(
                        words[child.index], head=particle.index,
                        relation=labels.prepositional_objects[0])  # type: ignore[index]
        return graph.with_words(words)

    def _hang(self, graph: DependencyGraph, vocab: Vocabulary, word: Word, words: list[Word],
              head: int, **fields: str) -> None:
        """Hang the participle tag on ``head`` as its participle; the other tags the parser
        hung on it stay in the list (``_lift_root`` where it was the root, else
        ``_leave_tags``)."""
        if is_root(word):
            _lift_root(graph, vocab, word, words)
        else:
            self._leave_tags(graph, vocab, word, words)
        words[word.index] = replace(words[word.index], head=head,
                                    relation=vocab.labels.participle, **fields)

    @staticmethod
    def _leave_tags(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                    words: list[Word]) -> None:
        """The tags the parser hung on the participle's tag ("singing, stage lights", lights a
        conjunct of singing) stay where the tag was: on its head, with their own relations
        (where the tag was the root, ``_lift_root``)."""
        for tag in graph.children(word):
            if tag.index > word.index and any(
                    vocab.is_comma(w) for w in graph.words[word.index + 1 : tag.index]):
                words[tag.index] = replace(words[tag.index], head=word.head)

    def _after_its_noun(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                        before: Word | None) -> bool:
        """Whether ``word`` is an -ing participle of no object ending its tag right after a
        noun the parser did not hang it on ("long hair blowing", "cape fluttering")."""
        after = graph.next(word)
        if not (before is not None and word.pos == "VERB"
                and word.tag == vocab.labels.present_participle
                and vocab.is_nominal(before) and word.head != before.index
                and (after is None or vocab.is_comma(after))):
            return False
        start, _ = comma_part(vocab, graph, word)  # a "subject" in another tag is no own one
        return (not any(c.relation in self.verb_only_children and c.index >= start
                        for c in graph.children(word))
                and (is_root(word) or not hangs_on(graph, before, word)))

    def _particle_before(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                         child: Word) -> Word | None:
        """The verb's particle before ``child``, an "object" of a verb that takes none: the
        child is the object of that preposition ("looking out window"); or None."""
        if not self.particle or not vocab.has(word, self.objectless):
            return None
        return next((c for c in graph.children(word) if c.relation == self.particle
                     and word.index < c.index < child.index), None)

    @staticmethod
    def _prenominal(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether a noun follows the participle, over adjectives and colours only: "glowing
        runes", "glowing blue eyes" describe their noun."""
        for after in graph.words[word.index + 1 :]:
            if vocab.is_nominal(after):
                return True
            if not (after.pos in ("ADJ", "ADV") or vocab.is_color(after)):
                return False
        return False

    def _pose_state(self, vocab: Vocabulary, word: Word) -> bool:
        """Whether ``word`` is the past participle of a verb of ``pose_verbs`` ("perched",
        "crouched"): the pose the subject took, not a thing done to it."""
        return (word.tag == vocab.labels.past_participle
                and vocab.has_stem(word.lower, self.past_ending, self.pose_verbs))

    def _pose_noun(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether ``word`` is a one-word tag "sitting" the tagger called a noun, of a verb of
        ``pose_verbs`` (tried as sitt-ing -> sit, smok-ing -> smoke, ly-ing -> lie)."""
        lower = word.lower
        if not self.pose_verbs or word.pos != "NOUN" or not lower.endswith("ing"):
            return False
        return _whole_tag(graph, vocab, word) and vocab.has_stem(lower, "ing", self.pose_verbs)

    @staticmethod
    def _clause_noun(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                     before: Word | None) -> bool:
        """Whether ``word`` is an -ing "noun" opening its tag with its own preposition after
        it, which the parser itself hung as a clause of a noun (acl): "..., fishing/NN for
        stars"; not a thing's or an activity's name ("painting", "building")."""
        if (word.pos != "NOUN" or word.relation != vocab.labels.participle
                or not word.lower.endswith("ing")):
            return False  # (the cheap tests first: this asks every word of a tag list)
        after = graph.next(word)
        return (before is not None and vocab.is_comma(before)
                and after is not None and after.pos == "ADP" and after.head == word.index
                and not vocab.has_form(word, ("nouns", "frames", "abstract")))




@registry.repairs("tag_subjects")
class TagSubjects(TagListRepair):
    """In a tag list a participle has no subject: "..., people looking up from the streets,"
    parsed with people the subject of looking (hung on a noun tags away), and "1girl, school
    uniform, ..., looking up" parsed with the whole list the subject of looking, its root.
    The subject is the noun the participle describes: it takes the participle's place in the
    tree, and the participle and the tags hung on it hang on the noun; where the participle is
    a tag of its own, hung as the list's root, a later tag hung on it ("1girl, ..., walking,
    (smile:0.8), (soft lighting:1.2), 50mm") hangs on the noun as a tag of its own, no word of
    the participle's ("bubbling liquid, green liquid": bubbling has its own tag's words)."""

    needs = ("subjects", "present_participle", "participle", "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        participles = graph.with_tag(labels.present_participle)
        if not participles or not self._tag_list(graph, vocab):
            return graph  # (the cheap test first)
        words = list(graph.words)
        for verb in participles:
            if verb.pos != "VERB":
                continue
            before = graph[verb.index - 1] if verb.index else None
            found = [c for c in graph.children(verb) if c.relation in subjects
                     and c.index < verb.index and vocab.is_nominal(c)]
            if len(found) != 1:
                continue
            subject = found[0]
            if not (subject.index == verb.index - 1
                    or (before is not None and vocab.is_comma(before))):
                continue  # "a girl, smiling, [looking]": only a tag's own noun or a bare tag
            take_place(words, subject, verb, labels.participle)  # type: ignore[arg-type]
            after = graph.next(verb)
            bare = after is None or vocab.is_comma(after)  # the participle a tag of its own
            for child in graph.children(verb):  # the other tags before it hang on the noun
                if child.index != subject.index and child.index < verb.index and (
                        child.index < subject.index
                        or comma_between(vocab, graph, child.index, verb.index)):
                    words[child.index] = replace(words[child.index], head=subject.index)
                elif bare and child.index > verb.index:
                    words[child.index] = replace(words[child.index], head=subject.index, relation=(
                        child.relation if child.pos == "PUNCT" else labels.unknown))
        return graph.with_words(words)


@registry.repairs("tag_adjectives")
class TagAdjectives(TagListRepair):
    """In a tag list a tag that is only a describing word is read by what it is about: a word
    about the picture (``epic``, ``peaceful``, ``ominous``: the word lists ``moods``) binds
    nothing, whatever the parser hung it on, and nor does a palette, a tag of colours alone
    (``pink and cyan``, ``black and white``); a word about a character's state or looks
    (``determined``, ``cute``, ``fluffy``: ``states``) describes the list's first character.
    Any other keeps the parser's reading (the head noun of the tag before it).

    Moods and palettes are read so in any prompt of ``tags`` comma-separated parts or more,
    tag list or not: the style tags that close a long scene prompt ("..., a gardener rakes the
    gravel, ukiyo-e inspired, soft pastel colors, serene") are about the picture too."""

    characters: WordLists  # word lists of who a tag list is about ("animate")
    moods: WordLists
    states: WordLists
    # word lists of the moods that are adjectives, whatever the tagger made of them (not
    # "masterpiece", "8k": nouns of the same tags)
    adjectives: WordLists = ("adjectives",)
    # a tag after the first that ends in one of these, with no article, names a style and
    # binds nothing either ("..., lord of the rings inspired, ...", "..., lo-fi aesthetic")
    style_endings: Words = frozenset()
    articles: Words = frozenset()
    # word lists of verbs of weather ("snow", "rain"): their -ing form opening a tag, alone or
    # with adverbs ("..., snowing outside, ..."), is about the sky and binds nothing either
    weather: WordLists = ()
    needs = ("adjectival", "unknown", "compound", "adjective", "subjects", "singular_noun")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        lengths = self._tag_lengths(graph, vocab)
        if lengths is None or len(lengths) < self.tags:
            return graph
        tag_list = self._list_of_tags(lengths)
        character = _character(graph, vocab, self.characters) if tag_list else None
        words = list(graph.words)
        for tag in _palette_tags(graph, vocab):
            inside = {w.index for w in tag}
            for word in tag:
                if vocab.is_color(word) and word.relation != labels.unknown:
                    words[word.index] = replace(word, relation=labels.unknown)
                for child in graph.children(word):  # a later tag hung on it joins the list
                    if child.index not in inside and word.head not in (None, word.index):
                        words[child.index] = replace(words[child.index], head=word.head)
        for word in graph:
            if (vocab.is_nominal(word) and vocab.has(word, self.moods)
                    and vocab.has(word, self.adjectives)
                    and self._mood_tag(graph, vocab, word)):
                # "..., cozy, winter, nostalgic" (cozy/PROPN): a mood word the tagger took for
                # a noun is the adjective, about the picture
                # (on the word as the palettes left it: a tag hung on a palette moved up)
                words[word.index] = replace(words[word.index], pos="ADJ",
                                            tag=labels.adjective, relation=labels.unknown)
                continue
            if word.pos not in ("ADJ", "VERB"):
                continue
            style = word.lower in self.style_endings and self._ends_style_tag(graph, vocab, word)
            weather = self._weather_tag(graph, vocab, word)
            if not (style or weather) and not _whole_tag(graph, vocab, word):
                continue
            if style or weather or vocab.has(word, self.moods):
                if _in_modifier_chain(graph, vocab, word):
                    continue
                if style:
                    self._head_style_tag(graph, vocab, word, words)
                if word.relation != labels.unknown:  # (a palette may have moved its head)
                    words[word.index] = replace(words[word.index], relation=labels.unknown)
                for child in graph.children(word):
                    # "city, ..., cinematic, (desaturated:1.2)" parsed with the city the
                    # subject of desaturated: a tag before the comma is no subject of a mood
                    if (child.relation in labels.set("subjects") and child.index < word.index
                            and comma_between(vocab, graph, child.index, word.index)):
                        words[child.index] = replace(words[child.index], relation=labels.unknown)
            elif (vocab.has(word, self.states) and character is not None
                  and character.index < word.index
                  and not (word.head == character.index and word.relation == labels.adjectival)):
                if is_root(word):  # "score_9, 1girl, ..., sleepy": sleepy the root
                    _lift_root(graph, vocab, word, words)
                    words[word.index] = replace(words[word.index], head=character.index,
                                                relation=labels.adjectival)
                    continue
                # the character may hang on it through other tags ("masterpiece, ..., 1boy,
                # ..., focused, workshop": the tags a chain of conjuncts under focused): they
                # then keep their place, one step up
                above = hangs_on(graph, character, word)
                words[word.index] = replace(word, head=character.index,
                                            relation=labels.adjectival)
                for child in graph.children(word):  # other tags hung on it stay in the list
                    words[child.index] = (
                        replace(words[child.index], head=word.head) if above
                        else replace(words[child.index], head=character.index,
                                     relation=labels.unknown))
        return graph.with_words(words)

    def _mood_tag(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether the word ends a tag of mood words only ("..., cozy, ...", "..., ultra
        detailed, ...")."""
        start, end = comma_part(vocab, graph, word)
        return end - 1 == word.index and all(
            vocab.has(w, self.moods) for w in graph.words[start:word.index])

    def _weather_tag(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether the word opens a tag of its own and adverbs ("snowing outside") and is the
        -ing form of a verb of weather."""
        if not self.weather or not word.lower.endswith("ing"):
            return False
        start, end = comma_part(vocab, graph, word)
        return (start == word.index and vocab.has_stem(word.lower, "ing", self.weather)
                and all(w.pos == "ADV" for w in graph.words[start + 1:end]))

    @staticmethod
    def _head_style_tag(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                        words: list[Word]) -> None:
        """The ending of a style tag heads the tag: "..., palm trees silhouetted, synthwave
        aesthetic" read with synthwave/VBP a conjunct of silhouetted and aesthetic its object
        (synthwave would describe the trees). The word the parser put on top takes the ending
        as its head, a compound; later tags hung on it hang on the ending."""
        start, end = comma_part(vocab, graph, word)
        top = next(iter(part_tops(graph, start, end)), word)
        if top is word or top.pos != "VERB":
            return
        take_place(words, word, top, vocab.labels.compound)
        words[top.index] = replace(words[top.index], pos="NOUN",
                                   tag=vocab.labels.singular_noun)
        for child in graph.children(top):
            if not start <= child.index < end:
                words[child.index] = replace(words[child.index], head=word.index)

    def _ends_style_tag(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        tag = style_tag(vocab, graph, word, self.style_endings, self.articles)
        return tag is not None and tag[1] - 1 == word.index


@registry.repairs("style_names")
class StyleNames(Repair):
    """A listed name of a style, an artist or a site standing as a whole tag ("..., low poly,
    ...", "..., tilt shift", "..., greg rutkowski") says how the picture is made, whatever the
    parser hung it on: its words hang on its last word, which binds nothing ("a city, dark
    fantasy, low poly": low and poly do not describe the city). Inside a phrase a name
    describes its noun as any modifier does ("an art deco building")."""

    names: WordLists  # word lists of names, of one word or several

    needs = ("compound", "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        index = name_index(vocab.lexicon, self.names)
        if not may_name(graph.text, index):
            return graph
        labels = vocab.labels
        words: list[Word] | None = None
        for word in graph:
            if word.lower not in index:
                continue
            span = name_span(graph, word, index)
            if span is None or span[1] - 1 != word.index:
                continue  # read once, at the name's last word
            start, end = span
            if not ((start == 0 or vocab.is_comma(graph[start - 1]))
                    and (end == len(graph.words) or graph[end].pos == "PUNCT")):
                continue
            exits = [w for w in graph.words[start:end]
                     if is_root(w) or not start <= w.head < end]  # type: ignore[operator]
            if len(exits) != 1 or is_root(exits[0]):
                continue  # the prompt's head, or a name the parser split: left alone
            if exits[0].index == word.index and word.relation == labels.unknown and all(
                    w.head == word.index and w.relation == labels.compound
                    for w in graph.words[start:end - 1]):
                continue  # mended already
            mended = list(words or graph.words)
            for k in range(start, end - 1):
                mended[k] = replace(mended[k], head=word.index, relation=labels.compound)
            mended[word.index] = replace(mended[word.index], head=exits[0].head,
                                         relation=labels.unknown)
            if loop_above(mended, word.index) is None:
                words = mended
        return graph if words is None else graph.with_words(words)


@registry.repairs("tag_plurals")
class TagPlurals(TagListRepair):
    """In a tag list a tag is a noun phrase, so an "-s" word the tagger calls a 3rd-person verb
    is a plural noun where its tag gives it no subject of its own: "crows on the fence"
    (crows/VBZ first in its tag), "cherry blossoms" (blossoms/VBZ with the bare noun before it
    read as its subject: that noun is its compound). A tag with an object ("man holds a
    sword") or a subject with an article ("a dog barks") is a clause and is left alone."""

    ending: str  # the ending plurals share with the 3rd person singular ("s")
    # the ending of present participles ("ing"): an "object" with it right after the "verb"
    # is the plural's participle, whatever its tag ("ravens/VBZ flying/NN")
    participle_ending: str = ""

    needs = ("third_person_verb", "plural_noun", "subjects", "object", "compound", "conj",
             "adverbial_clause", "participle", "past_participle", "present_participle",
             "past_tense")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        verbs = graph.with_tag(labels.third_person_verb)
        if not verbs or not self._tag_list(graph, vocab):
            return graph  # (the cheap test first)
        subjects = labels.set("subjects")
        participles = (labels.past_participle, labels.present_participle)
        words = list(graph.words)
        for word in verbs:
            if word.pos != "VERB" or not word.lower.endswith(self.ending):
                continue
            start, end = comma_part(vocab, graph, word)
            inside = [c for c in graph.children(word) if start <= c.index < end]
            # (an -ing word right after it is its participle, not an object: "ravens/VBZ
            # flying/dobj")
            if any(c.relation == labels.object and not self._participle_after(word, c)
                   for c in inside):
                continue
            found = [c for c in inside if c.relation in subjects]
            if not found:
                if any(not vocab.is_nominal(w) and w.pos != "ADJ"
                       for w in graph.words[start:word.index]):
                    continue  # only describing words before it in its tag
                if self._described_subject(graph, vocab, word, start):
                    continue
                first = None
            elif (len(found) == 1 and found[0].index == word.index - 1
                  and vocab.is_nominal(found[0])
                  and not has_determiner(graph, found[0])
                  and self._tag_ends(graph, vocab, word, end)):
                first = found[0]  # "cherry blossoms": a bare noun read as its subject
            else:
                continue
            words[word.index] = replace(word, pos="NOUN", tag=labels.plural_noun)
            if first is not None:
                words[first.index] = replace(first, relation=labels.compound)
            for child in graph.children(word):  # another tag read as its subject joins the list
                if child.relation in subjects and not start <= child.index < end:
                    words[child.index] = replace(child, relation=labels.conj)
                elif (child.relation == labels.adverbial_clause and child.index > word.index
                      and child.pos == "VERB" and child.tag in participles):
                    # "temple ruins in a jungle,overgrown with vines": the verb's clause is
                    # the noun's participle
                    words[child.index] = replace(child, relation=labels.participle)
                elif child.relation == labels.object and self._participle_after(word, child):
                    # ... and so is its -ing "object" ("ravens flying")
                    words[child.index] = replace(child, pos="VERB",
                                                 tag=labels.present_participle,
                                                 relation=labels.participle)
        return graph.with_words(words)

    def _participle_after(self, word: Word, child: Word) -> bool:
        """Whether ``child`` is an -ing word right after ``word`` ("ravens flying")."""
        return (bool(self.participle_ending) and child.index == word.index + 1
                and child.lower.endswith(self.participle_ending))

    @staticmethod
    def _described_subject(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                           start: int) -> bool:
        """Whether the verb opens its part right after describing words set off by commas,
        with its subject, which has its own determiner, before them: "a mechanical parrot,
        green and gleaming, sits on her shoulder" is a clause, no list of tags."""
        if start < 2 or word.index != start:
            return False
        before, _ = comma_part(vocab, graph, graph[start - 2])
        described = graph.words[before:start - 1]
        if not described or before < 2 or not all(
                w.pos in ("ADJ", "CCONJ", "ADV") or (
                    w.pos == "VERB" and w.tag in (vocab.labels.past_participle,
                                                  vocab.labels.past_tense,
                                                  vocab.labels.present_participle))
                for w in described):
            return False
        return any(c.relation in vocab.labels.set("subjects") and c.index < before - 1
                   and has_determiner(graph, c) for c in graph.children(word))

    @staticmethod
    def _tag_ends(graph: DependencyGraph, vocab: Vocabulary, word: Word, end: int) -> bool:
        """Whether the tag ends with the word, or, for a known noun or one the tagger nearly
        read as a plural, with an adverb or a preposition's phrase after it ("autumn leaves
        outside", "temple ruins/VBZ (nearly NNS) in a jungle"; "wolf howls at the moon" keeps
        its verb)."""
        after = graph.words[word.index + 1:end]
        if all(w.pos in ("PUNCT", "SPACE") for w in after):
            return True
        return ((vocab.has_form(word, ("nouns",))
                 or vocab.labels.plural_noun in word.alternative_tags)
                and after[0].pos in ("ADV", "ADP")
                and not any(w.pos == "VERB" for w in after))


@registry.repairs("tag_nouns")
class TagNouns(TagListRepair):
    """In a tag list a tag opens with its noun phrase, so a known noun that opens a tag before
    a preposition, a comma or the end is a noun whatever the tagger called it: "1girl,
    mermaid, long blue hair" (mermaid/VBD), "castle on a hill" (castle/JJ), "forest floor,
    moss, macro photography" (moss/JJ, an amod of photography across the commas). A word
    that also describes (a colour, a known adjective) is left as tagged. An "adjective" ending
    its tag with a noun compound right before it is a noun ("hair ornament", ornament/JJ)."""

    nouns: WordLists  # word lists of known nouns
    retag_pos: frozenset[str]  # the parts of speech read again ("ADJ", "VERB", "ADV")
    followers: frozenset[str]  # parts of speech after the noun ("ADP")
    modifier_relations: frozenset[str]  # labels a noun heading its own tag does not carry
    # a word alone in its tag with one of these tags is a noun, unless a verb of ``verbs``
    # ("..., holding hands, sundress, straw hat", sundress/VBP; "..., kneel," stays)
    lone_tags: frozenset[str] = frozenset()
    verbs: WordLists = ()
    third_person_ending: str = ""  # "s": a verb of ``verbs`` by its stem ("..., dances,")
    # "ed": a lone past tense with it is a participle that describes, not a noun, unless one
    # of ``nouns`` ("..., hyperdetailed/VBD, 8k"; "..., shed/VBD,"; "seaweed/VBP" is no past)
    past_ending: str = ""
    # a word opening its tag before one of these ("with"), tagged one of ``owner_tags`` ("JJ",
    # "VB", "VBP"), is a noun where no word list names it a verb and it has none of
    # ``describing_endings`` ("ed", "ing", "ful", ...): "chalkboard/JJ with equations"
    owner_prepositions: Words = frozenset()
    owner_tags: frozenset[str] = frozenset()
    describing_endings: tuple[str, ...] = ()

    needs = ("singular_noun", "apposition", "compound", "object", "subjects", "base_verb",
             "present_verb", "unknown", "past_tense", "participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not self._tag_list(graph, vocab):
            return graph
        labels = vocab.labels
        words = list(graph.words)
        for word in graph:
            obj = self._verb_compound(graph, vocab, word)
            if obj is not None:
                # "..., dwarf blacksmith at an anvil" (dwarf/VB with blacksmith its object): a
                # tag has no verb in the base form; the two are a compound
                take_place(words, obj, word, labels.compound)
                words[word.index] = replace(words[word.index], pos="NOUN",
                                            tag=labels.singular_noun)
                for child in graph.children(word):  # a tag before it read as its subject
                    if child.relation in labels.set("subjects") and child.index < word.index:
                        words[child.index] = replace(words[child.index],
                                                     relation=labels.unknown)
                continue
            if self._compound_head(graph, vocab, word):
                # "long black hair, hair ornament" (ornament/JJ with hair its compound): an
                # adjective takes no noun compound; a tag's last word with one is a noun
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun)
                continue
            before = self._known_compound(graph, vocab, word)
            if before is not None:
                # "maid, maid headdress, black dress" (maid/VB the root, headdress/JJ an amod
                # of dress across the comma): a two-word tag opened by a known noun is that
                # noun and its head
                take_place(words, word, before, labels.compound)
                words[word.index] = replace(words[word.index], pos="NOUN",
                                            tag=labels.singular_noun)
                words[before.index] = replace(words[before.index], pos="NOUN",
                                              tag=labels.singular_noun)
                for child in graph.children(before):
                    if child.index != word.index:
                        words[child.index] = replace(words[child.index], head=word.index)
                continue
            if self._lone_verb(graph, vocab, word):
                words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                            relation=labels.apposition)
                continue
            if self._hung_forward(graph, vocab, word):
                # "..., explorer with torch, mist, ..., indiana jones vibes" (explorer an nmod
                # of vibes): a noun opening its tag is no modifier of a later tag's noun
                words[word.index] = replace(word, relation=labels.apposition)
                continue
            if (word.pos not in self.retag_pos
                    or not (vocab.has(word, self.nouns) or self._owner(graph, vocab, word))
                    or vocab.is_color(word) or vocab.adjectival(word)):
                continue
            start, end = comma_part(vocab, graph, word)
            after = graph.next(word)
            if start != word.index or not (after is None or after.index >= end
                                           or after.pos in self.followers
                                           or after.pos == "PUNCT"):
                continue
            relation = word.relation
            if relation in self.modifier_relations and not (
                    word.head is not None and start <= word.head < end):
                relation = labels.apposition  # a tag of its own, not a word of the next
            words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                        relation=relation)
        return graph.with_words(words)

    def _owner(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether the word, no known verb and with no ending of an adjective or participle,
        tagged a bare verb or an adjective, stands before "with": a tag names a thing and
        what it has ("chalkboard/JJ with equations", "armchair/VBP with a plaid blanket")."""
        after = graph.next(word)
        return (after is not None and after.lower in self.owner_prepositions
                and word.tag in self.owner_tags and word.lower.isalpha()
                and not word.lower.endswith(self.describing_endings)
                and not vocab.has(word, self.verbs))

    def _hung_forward(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether ``word``, a noun that opens its tag and ends its noun phrase (before a
        preposition, a comma, the end or its own participle: "hair blowing in the wind"),
        hangs as a modifier on a word of a later tag; a colour may describe the later noun
        across commas."""
        if (not vocab.is_nominal(word) or word.relation not in self.modifier_relations
                or word.head is None or word.head <= word.index
                or vocab.is_color(word)):  # "Brown, white, and black rams"
            return False
        start, end = comma_part(vocab, graph, word)
        after = graph.next(word)
        return (start == word.index and word.head >= end
                and (after is None or after.index >= end or after.pos in self.followers
                     or (after.head == word.index
                         and after.relation == vocab.labels.participle)))

    def _lone_verb(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether ``word`` is a finite "verb" standing alone between two commas of the list,
        with nothing of its own tag hung on it: a tag names a thing there; but not one that
        describes a tag before it, as tag_adjectives read a state ("1boy, ..., focused/VBD,
        upper body": focused on boy)."""
        if (word.tag not in self.lone_tags or word.pos != "VERB"
                or not between_commas(vocab, graph, word)
                or (word.relation == vocab.labels.adjectival
                    and word.head is not None and word.head < word.index)):
            return False
        after = graph[word.index + 1]
        return (all(c.pos == "PUNCT" or c.index > after.index  # later tags may hang on it
                    for c in graph.dependents(word))
                and not vocab.has(word, self.verbs)
                and not (self.third_person_ending and vocab.has_stem(
                    word.lower, self.third_person_ending, self.verbs))
                and not (self.past_ending and word.tag == vocab.labels.past_tense
                         and word.lower.endswith(self.past_ending)
                         and not vocab.has(word, self.nouns)))

    def _verb_compound(self, graph: DependencyGraph, vocab: Vocabulary, word: Word
                       ) -> Word | None:
        """The bare singular object right after a base-form "verb" that opens its tag, with no
        subject inside the tag ("dwarf blacksmith"), or after a known noun the tagger called
        a past tense ("maid/VBD outfit"); or None."""
        labels = vocab.labels
        if (word.pos != "VERB" or not word.index or not vocab.is_comma(graph[word.index - 1])
                or not (word.tag in (labels.base_verb, labels.present_verb)
                        or (word.tag == labels.past_tense
                            and vocab.has_form(word, self.nouns)))):
            return None
        after = graph.next(word)
        if (after is None or after.head != word.index or after.relation != labels.object
                or not vocab.is_nominal(after)
                or (after.tag != labels.singular_noun and after.pos != "PROPN")):
            return None
        return after

    def _known_compound(self, graph: DependencyGraph, vocab: Vocabulary, word: Word
                        ) -> Word | None:
        """The known noun that opens a two-word tag whose second word, tagged an adjective
        that describes nothing (no colour, no known adjective), the parser hung outside the
        tag; or None."""
        if (word.pos != "ADJ" or word.index < 2 or vocab.is_color(word) or vocab.adjectival(word)
                or vocab.has(word, ("adjectives",))):
            return None
        before, after = graph[word.index - 1], graph.next(word)
        start, end = comma_part(vocab, graph, word)
        inside = word.head is not None and start <= word.head < end
        if (start != before.index or not (after is None or vocab.is_comma(after)) or inside
                or not vocab.has(before, self.nouns) or vocab.is_color(before)
                or vocab.adjectival(before)):
            return None
        return before

    @staticmethod
    def _compound_head(graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether ``word``, tagged an adjective, ends its tag with a noun compound or a colour
        of its own right before it ("pink tutu", tutu/JJ: a colour describes things, not
        describing words)."""
        if word.pos != "ADJ" or not word.index or vocab.is_color(word) or vocab.adjectival(word):
            return False
        before, after = graph[word.index - 1], graph.next(word)
        labels = vocab.labels
        return (before.head == word.index
                and ((before.relation == labels.compound and vocab.is_nominal(before))
                     or (before.relation == labels.adjectival and vocab.is_color(before)))
                and (after is None or vocab.is_comma(after) or after.pos == "PUNCT"))


@registry.repairs("tag_objects")
class TagObjects(TagListRepair):
    """In a tag list "holding tray", "wielding sword" are a verb and its object, written
    without the article: the parser reads the -ing word as the noun's adjective (a tray that
    holds). For verbs of holding (``verbs``), which form no compound of purpose the way
    "reading glasses" or "sleeping bag" do, the verb takes the noun's place and the noun is
    its object; what describes the noun stays on it. In a list about no one, an -ing word and a
    bare noun read as verb and object are the noun and its participle ("..., steaming mug");
    in a list about someone, so are those of a verb that takes no object ("piercing blue eyes",
    "hanging dried herbs", "peeling wallpaper": ``describing``)."""

    verbs: WordLists  # word lists of -ing verbs that take an object ("holding", "wielding")
    # word lists of who a tag list is about ("animate"): in a list about no one, a tag of an
    # -ing word and a bare noun the parser read as verb and object is the noun described
    # ("a cozy reading nook, ..., steaming mug": no one steams the mug)
    characters: WordLists = ()
    # word lists of -ing words that describe the bare noun after them in any list: verbs that
    # take no object, and participles used as adjectives ("peeling", "piercing")
    describing: WordLists = ()
    # labels a described noun may not keep from the word whose place it takes: it is then a tag
    # of its own ("..., peeling wallpaper", peeling a participle of the tag before)
    own_tag_relations: frozenset[str] = frozenset()

    needs = ("present_participle", "adjectival", "compound", "object", "singular_noun",
             "apposition", "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        if not self._tag_list(graph, vocab):
            return graph
        words = list(graph.words)
        subjects = labels.set("subjects")
        unpeopled = bool(self.characters) and _character(graph, vocab, self.characters) is None
        for verb in graph:
            noun = self._described(graph, vocab, verb, unpeopled)
            if noun is not None:
                # the tag's top, the -ing word or a describing word before it ("dusty rocking
                # chair", dusty hung on another tag), gives the noun its place; a noun that
                # took a clause's or a modifier's label is a tag of its own, in apposition
                start, end = comma_part(vocab, graph, verb)
                top = next((w for w in part_tops(graph, start, end)
                            if w.index <= verb.index), verb)
                # (as rebuilt so far: an earlier tag's verb may have handed this one on)
                take_place(words, noun, words[top.index], labels.adjectival)
                if words[noun.index].relation in self.own_tag_relations:
                    words[noun.index] = replace(words[noun.index], relation=labels.apposition)
                for word in graph.words[start:verb.index + 1]:
                    words[word.index] = replace(words[word.index], head=noun.index,
                                                relation=labels.adjectival)
                    # the other tags hung on the verb hang on the noun: a "subject" is a tag
                    # of its own ("a doll sitting in a nursery, dusty rocking chair")
                    # ("..., glowing katana, torn kimono", kimono glowing's object)
                    for child in graph.children(word):
                        if not start <= child.index < end:
                            words[child.index] = replace(
                                words[child.index], head=noun.index,
                                relation=labels.apposition
                                if child.relation in subjects or child.relation == labels.object
                                else child.relation)
                words[noun.index] = replace(words[noun.index], pos="NOUN")
                continue
            held = self._held_word(graph, vocab, verb)
            if held is not None:
                # "holding rosary" (rosary/JJ a dep of holding): what is held is a thing
                words[held.index] = replace(held, pos="NOUN", tag=labels.singular_noun,
                                            relation=labels.object)
                continue
            noun = graph.head(verb)
            if (noun is None or not vocab.has(verb, self.verbs)
                    or verb.relation not in (labels.adjectival, labels.compound)
                    or noun.index <= verb.index or not vocab.is_nominal(noun)):
                continue
            start, end = comma_part(vocab, graph, verb)
            if verb.index != start or not noun.index < end:
                continue  # the tag opens with the verb, and its noun is in the tag
            take_place(words, verb, noun, labels.object)  # type: ignore[arg-type]
            words[verb.index] = replace(words[verb.index], pos="VERB",
                                        tag=labels.present_participle)
            for child in graph.children(noun):  # tags hung on the noun hang on the verb
                if not start <= child.index < end:
                    words[child.index] = replace(words[child.index], head=verb.index)
        return graph.with_words(words)

    def _held_word(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word) -> Word | None:
        """The one word after a verb of holding opening a tag of two words, hung on the verb
        but tagged as no noun ("holding rosary/JJ"), else None."""
        if verb.pos != "VERB" or not vocab.has(verb, self.verbs):
            return None
        start, end = comma_part(vocab, graph, verb)
        if verb.index != start or end != verb.index + 2:
            return None
        held = graph[verb.index + 1]
        if (held.head != verb.index or vocab.is_nominal(held) or not held.text.isalpha()
                or held.pos in CLOSED_CLASSES):
            return None
        return held

    def _described(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
                   unpeopled: bool) -> Word | None:
        """The bare object ending the tag ``verb`` opens, where the -ing word describes it
        ("steaming mug" in a list about no one; "piercing blue eyes", "hanging dried herbs",
        "dusty rocking chair" in any list, ``describing``), with only its own describing words
        between; else None.
        No verb of holding."""
        labels = vocab.labels
        if (verb.pos != "VERB" or verb.tag != labels.present_participle
                or vocab.has(verb, self.verbs)
                or not (unpeopled or (self.describing and vocab.has(verb, self.describing)))):
            return None
        start, end = comma_part(vocab, graph, verb)
        describing = bool(self.describing) and vocab.has(verb, self.describing)
        # (adjectives may open the tag before a describing -ing word: "dusty rocking chair")
        if (end < verb.index + 2
                or any(w.pos != "ADJ" for w in graph.words[start:verb.index])
                or (start < verb.index and not describing)
                or (unpeopled and not describing and end != verb.index + 2)):
            return None
        noun = graph[end - 1]
        if not vocab.is_nominal(noun) or not (
                (noun.head == verb.index and noun.relation == labels.object)
                or (describing and self._object_across(graph, vocab, verb, noun, end))):
            return None
        if any(w.head != noun.index for w in graph.words[verb.index + 1:end - 1]):
            return None
        return noun

    @staticmethod
    def _object_across(graph: DependencyGraph, vocab: Vocabulary, verb: Word, noun: Word,
                       end: int) -> bool:
        """Whether the parser gave the describing -ing word an object in a later tag and hung
        the tag's own noun there too: "cyberpunk samurai, glowing katana, torn black kimono"
        (kimono the object of glowing, katana an apposition of kimono)."""
        return (noun.head is not None and noun.head >= end
                and any(c.relation == vocab.labels.object and c.index >= end
                        for c in graph.children(verb)))


@registry.repairs("part_state_tags")
class PartStateTags(TagListRepair):
    """In a tag list a tag of two words, a part of a body or a thing (``parts``) and a word
    of its state after it (a particle, an adverb, an adjective or a past participle, by its
    tag: ``state_tags``), is that part in that state: "1girl, arms up", "ears down, tail up",
    "eyes closed, mouth open". The tagger reads such tags as verbs and their particles
    ("ears/VBZ down/RP", "tail/VB up"), or glues one to the next ("eyes closed, mouth open"
    read as one clause, the mouth a modifier of open): the part is the tag's noun, in the
    tag's place in the list, and the state word its adjective."""

    parts: WordLists  # word lists of parts ("parts"): arm, ear, tail, mouth
    state_tags: frozenset[str]  # tags of the state word ("RP", "RB", "JJ", "VBN")
    ending: str  # the plural ending ("s"): "ears" is a part by its stem
    # relations a noun heading its own tag keeps ("appos", "conj", "dep"); any other, given it
    # as the head of a verb's tag ("tail/VB" an npadvmod of "ears/VBZ"), becomes ``unknown``
    tag_relations: frozenset[str] = frozenset()

    needs = ("adjectival", "adjective", "singular_noun", "plural_noun", "plural_nouns",
             "unknown")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not self._tag_list(graph, vocab):
            return graph
        labels = vocab.labels
        words = list(graph.words)
        for start, end in comma_parts(vocab, graph):
            pair = [w for w in graph.words[start:end] if w.pos != "PUNCT"]
            if (len(pair) != 2 or pair[1].index != pair[0].index + 1
                    or pair[1].tag not in self.state_tags or vocab.is_color(pair[0])
                    or not (vocab.has(pair[0], self.parts)
                            or vocab.has_stem(pair[0].lower, self.ending, self.parts))):
                continue
            part, state = (words[w.index] for w in pair)
            inside = {part.index, state.index}
            if part.head == state.index:  # the state word the tag's head: the part takes it
                for child in graph.dependents(graph[state.index]):
                    if child.index not in inside:
                        words[child.index] = replace(words[child.index], head=part.index)
                stand_in(words, part, state)
            part = words[part.index]
            if not is_root(part) and part.relation not in self.tag_relations:
                part = replace(part, relation=labels.unknown)
            plural = (part.tag in labels.set("plural_nouns")
                      or vocab.has_stem(part.lower, self.ending, self.parts))  # ears/VBZ
            words[part.index] = replace(part, pos="NOUN", tag=(
                labels.plural_noun if plural else labels.singular_noun))
            describing = state.pos in ("ADJ", "VERB")
            words[state.index] = replace(
                state, head=part.index, relation=labels.adjectival,
                pos=state.pos if describing else "ADJ",
                tag=state.tag if describing else labels.adjective)
        return graph.with_words(words)
