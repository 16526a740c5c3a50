"""Where everything of a binding picture goes: words in columns, token positions under them,
arcs above (modifiers, relations) and below (counts), the 77-token cut.

Pure geometry over a spec, no markup: the templates draw what this computes, and the tests read
it directly. The idea is displaCy's (spacy/displacy/render.py): words on a line, arcs stacked in
levels so that no two arcs of one level overlap; here columns take the width their text needs,
and arcs end on entities, not on syntactic heads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import pairwise

from binding.spec import Spec

WORD_FONT = 16  # px
SMALL_FONT = 11  # px: token positions and arc labels
LEVEL_HEIGHT = 34  # px between arc levels
MIN_COLUMN = 28  # px
GAP = 14  # px between columns
MARGIN = 24  # px around the picture
SHOWN_CHARS = 32  # a longer word is cut with an ellipsis (its full text goes in a tooltip)
ARROW = 5  # px: half the width of an arrowhead
_SPACE = re.compile(r"\s+")
EN_DASH = "\u2013"


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is in a sans-serif font of ``size`` px (wide characters count
    double): a layout guess, not a measurement, with room to spare."""
    units = sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.56 for c in text)
    return units * size


def shown(text: str) -> str:
    """The text as drawn: whitespace runs as one space, long words cut with an ellipsis."""
    text = _SPACE.sub(" ", text)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def position_label(positions: list[int]) -> str:
    """Token positions as written under a word: ``3``, ``3 4``; a run of five or more as its
    ends joined by an en dash (``3-9``), so a long word does not list a hundred numbers."""
    if not positions:
        return ""
    runs: list[list[int]] = [[positions[0]]]
    for p in positions[1:]:
        if p == runs[-1][-1] + 1:
            runs[-1].append(p)
        else:
            runs.append([p])
    return " ".join(f"{r[0]}{EN_DASH}{r[-1]}" if len(r) >= 5 else " ".join(map(str, r))
                    for r in runs)


@dataclass
class Column:
    """One word of the prompt (cut at whitespace and at the edges of every span of the spec)."""

    start: int
    end: int
    text: str
    roles: list[str] = field(default_factory=list)  # entity, attribute, compound, count, relation
    ids: list[str] = field(default_factory=list)  # e0, e0/m1 ... of the spans it is part of
    positions: list[int] = field(default_factory=list)
    cut: bool = False  # past the tokenizer's window: no token positions
    x: float = 0.0  # left edge
    width: float = 0.0

    @property
    def label(self) -> str:
        return shown(self.text)

    @property
    def tokens(self) -> str:
        return "cut" if self.cut else position_label(self.positions)

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass
class Arc:
    """A modifier -> entity binding, an entity -> entity relation, or a count (drawn below)."""

    kind: str  # attribute, compound, count, relation
    label: str
    source: str  # e0/m1 for a modifier, e0 for an entity
    target: str  # e0
    source_text: str
    target_text: str
    lo: int = 0  # column range it spans (for its level)
    hi: int = 0
    x1: float = 0.0
    x2: float = 0.0
    level: int = 1
    below: bool = False
    cut: bool = False  # an end lies past the tokenizer's window: generation cannot guide it
    path: str = ""
    head: str = ""
    label_x: float = 0.0
    label_y: float = 0.0


@dataclass
class Layout:
    prompt: str
    columns: list[Column]
    arcs: list[Arc]
    width: float
    height: float
    word_y: float
    token_y: float
    cut_x: float | None  # where the tokenizer's window ends, when the prompt goes past it
    tokenizer: str | None
    caption: str
    groups: list[tuple[float, float, str]] = field(default_factory=list)  # multi-word spans


def _segments(spec: Spec) -> list[tuple[int, int]]:
    """The prompt cut at whitespace and at every span edge; whitespace-only pieces dropped."""
    prompt = spec.prompt
    cuts = {0, len(prompt)}
    for match in _SPACE.finditer(prompt):
        cuts.update(match.span())
    for entity in spec.entities:
        cuts.update(entity.span)
        for modifier in entity.modifiers:
            cuts.update(modifier.span)
    for relation in spec.relations:
        if relation.span is not None:
            cuts.update(relation.span)
    edges = sorted(cuts)
    return [(a, b) for a, b in pairwise(edges)
            if b > a and prompt[a:b].strip()]


def _clip_offsets(spec: Spec) -> list[tuple[int, int]] | None:
    """The bundled CLIP tokenizer's offsets, as the prompt is encoded (a weighted prompt's
    fragments one by one), when the spec names it, else None."""
    from binding.alignment import CLIP_TOKENIZER_NAME, clip_tokenizer, encoded_offsets

    if spec.tokens is None or spec.tokens.tokenizer != CLIP_TOKENIZER_NAME:
        return None
    return encoded_offsets(spec.read(), clip_tokenizer())


def _assign_tokens(spec: Spec, columns: list[Column]) -> None:
    """Token positions of every word, from the spec's own tokenizer where binding ships it
    (CLIP); otherwise the positions the spec stores for its entities and modifiers."""
    if spec.tokens is None:
        return
    from binding.alignment import position

    window = spec.tokens.max_length - 2  # start and end tokens take two places
    chunked = spec.tokens.chunks is not None  # past the window in chunks: nothing is cut
    offsets = _clip_offsets(spec)
    if offsets is not None:
        for column in columns:
            hits = [k for k, (a, b) in enumerate(offsets)
                    if b > a and b > column.start and a < column.end]
            column.cut = not chunked and any(k >= window for k in hits)
            column.positions = [position(k, window, spec.tokens.max_length, chunked)
                                for k in hits if chunked or k < window]
        return
    stored: dict[tuple[int, int], list[int]] = {}
    for entity, aligned in zip(spec.entities, spec.tokens.entities, strict=True):
        stored[tuple(entity.span)] = aligned.indices
        for modifier, indices in zip(entity.modifiers, aligned.modifiers, strict=True):
            stored[tuple(modifier.span)] = indices
    for span, indices in stored.items():
        first = next((c for c in columns if span[0] <= c.start < span[1]), None)
        if first is not None:
            first.positions = list(indices)
            first.cut = not indices and spec.tokens.truncated


def _covering(columns: list[Column], span: tuple[int, int]) -> list[int]:
    start, end = span
    return [i for i, c in enumerate(columns) if c.start < end and c.end > start] or \
        [min(range(len(columns)), key=lambda i: abs(columns[i].start - start))]


def _levels(arcs: list[Arc]) -> int:
    """displaCy's levels: shorter arcs first, each one level above the highest it spans."""
    if not arcs:
        return 0
    height = [0] * (max(a.hi for a in arcs) + 2)
    for arc in sorted(arcs, key=lambda a: (a.hi - a.lo, a.lo)):
        lo, hi = arc.lo, max(arc.hi, arc.lo + 1)
        arc.level = max(height[lo:hi]) + 1
        for i in range(lo, hi):
            height[i] = arc.level
    return max(a.level for a in arcs)


def layout(spec: Spec) -> Layout:
    """The whole picture of ``spec``."""
    columns = [Column(a, b, spec.prompt[a:b]) for a, b in _segments(spec)]
    anchors: dict[str, list[int]] = {}
    arcs: list[Arc] = []
    multi: dict[tuple[int, int], str] = {}  # column range -> role, for spans of several words

    def mark(span: tuple[int, int], role: str, id: str) -> list[int]:
        covered = _covering(columns, span)
        if len(covered) > 1:
            multi.setdefault((covered[0], covered[-1]), role)
        for i in covered:
            if role not in columns[i].roles:
                columns[i].roles.append(role)
            columns[i].ids.append(id)
        return covered

    for entity in spec.entities:
        anchors[entity.id] = mark(entity.span, "entity", entity.id)
    for entity in spec.entities:
        for k, modifier in enumerate(entity.modifiers):
            node = f"{entity.id}/m{k}"
            anchors[node] = mark(modifier.span, modifier.kind, node)
            label = modifier.relation if modifier.relation == modifier.kind else \
                f"{modifier.relation} · {modifier.kind}"
            arcs.append(Arc(modifier.kind, label, node,
                            entity.id, modifier.text, entity.text,
                            below=modifier.kind == "count"))
    names = {e.id: e.text for e in spec.entities}
    for n, relation in enumerate(spec.relations):
        if relation.span is not None:
            mark(relation.span, "relation", f"r{n}")
        arcs.append(Arc("relation", relation.type, relation.source, relation.target,
                        names[relation.source], names[relation.target]))
    _assign_tokens(spec, columns)

    for column in columns:
        column.width = max(text_width(column.label, WORD_FONT),
                           text_width(column.tokens, SMALL_FONT), MIN_COLUMN)
    for arc in arcs:
        ends = anchors[arc.source] + anchors[arc.target]
        arc.lo, arc.hi = min(ends), max(ends)
        arc.cut = any(columns[i].cut for i in ends)
    _place_columns(columns, arcs, anchors)
    top_levels = _levels([a for a in arcs if not a.below])
    bottom_levels = _levels([a for a in arcs if a.below])

    word_y = MARGIN + top_levels * LEVEL_HEIGHT + 12 + WORD_FONT
    token_y = word_y + SMALL_FONT + 9
    above_y = word_y - WORD_FONT - 4  # where arcs above meet the words
    below_y = token_y + 8
    for arc in arcs:
        _draw(arc, anchors, columns, above_y, below_y)
    width = max((c.x + c.width for c in columns), default=0) + MARGIN
    height = below_y + bottom_levels * LEVEL_HEIGHT + (16 if bottom_levels else 0) + 40 + MARGIN

    cut_x = None
    first_cut = next((c for c in columns if c.cut), None)
    if first_cut is not None:
        cut_x = first_cut.x - GAP / 2
    tokens = spec.tokens
    caption = ""
    tokenizer = None
    if tokens is not None:
        tokenizer = tokens.tokenizer
        caption = f"{tokens.length} tokens of {tokens.max_length} ({tokens.tokenizer})"
        if tokens.truncated:
            caption += f": words past the {tokens.max_length}-token cut have no token positions"
        if tokens.chunks:
            caption += f", in {tokens.chunks} chunks of {tokens.max_length}"
    groups = [(columns[a].x, columns[b].x + columns[b].width, role)
              for (a, b), role in multi.items()]
    return Layout(spec.prompt, columns, arcs, max(width, 560.0), height, word_y, token_y, cut_x,
                  tokenizer, caption, groups)


def _anchor_x(columns: list[Column], covered: list[int]) -> float:
    return (columns[covered[0]].x + columns[covered[-1]].x + columns[covered[-1]].width) / 2


def _place_columns(columns: list[Column], arcs: list[Arc], anchors: dict[str, list[int]]) -> None:
    """Columns left to right; a gap widens where an arc's label would not fit between its
    ends. Widening only adds room, so one pass settles every arc."""
    extra = [0.0] * len(columns)

    def place() -> None:
        x = MARGIN
        for column, more in zip(columns, extra, strict=True):
            x += more
            column.x = x
            x += column.width + GAP

    place()
    for arc in sorted(arcs, key=lambda a: (a.hi - a.lo, a.lo)):
        if arc.hi == arc.lo:
            continue
        need = text_width(arc.label, SMALL_FONT) + 12
        have = abs(_anchor_x(columns, anchors[arc.target])
                   - _anchor_x(columns, anchors[arc.source]))
        if have < need:
            extra[arc.hi] += need - have
            place()


def _draw(arc: Arc, anchors: dict[str, list[int]], columns: list[Column], above_y: float,
          below_y: float) -> None:
    """The arc's path (a cubic curve, as displaCy draws), its arrowhead at the target and
    where its label sits."""
    x1 = _anchor_x(columns, anchors[arc.source])
    x2 = _anchor_x(columns, anchors[arc.target])
    if abs(x2 - x1) < 2 * ARROW:  # a span bound to itself: a small loop
        x1, x2 = x2 - 3 * ARROW, x2 + ARROW
    else:  # arrows into one word from either side, or from two levels, do not meet
        shift = min(ARROW + 7 * (arc.level - 1), columns[anchors[arc.target][0]].width / 2)
        x2 += -shift if x1 < x2 else shift
    rise = LEVEL_HEIGHT * arc.level
    if arc.below:
        y, control, tip = below_y, below_y + rise * 4 / 3, -1
    else:
        y, control, tip = above_y, above_y - rise * 4 / 3, 1
    arc.x1, arc.x2 = x1, x2
    arc.path = f"M{x1:.1f},{y:.1f} C{x1:.1f},{control:.1f} {x2:.1f},{control:.1f} {x2:.1f},{y:.1f}"
    w = ARROW
    arc.head = (f"M{x2:.1f},{y + tip:.1f} L{x2 - w:.1f},{y - tip * 2 * w:.1f} "
                f"L{x2 + w:.1f},{y - tip * 2 * w:.1f} Z")
    arc.label_x = (x1 + x2) / 2
    apex = y - tip * rise  # a cubic with both controls at 4/3 rise peaks at the rise
    arc.label_y = apex - 5 if not arc.below else apex + SMALL_FONT + 3
