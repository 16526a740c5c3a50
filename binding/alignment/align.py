"""Map char spans to token positions through the tokenizer's character offsets."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol

from binding.spec import Entity, EntityTokens, Tokens


class OffsetTokenizer(Protocol):
    """What alignment needs of a tokenizer: a name, a window and per-token char offsets."""

    name: str
    max_length: int

    def offsets(self, text: str) -> list[tuple[int, int]]: ...


def token_positions(
    offsets: Sequence[tuple[int, int]], span: tuple[int, int], window: int
) -> list[int]:
    """Positions (start token = 0) of the tokens overlapping ``span``.

    A word that does not fit whole inside the first ``window`` content tokens gets no positions:
    half a word would steer attention with a fragment of its meaning.
    """
    start, end = span
    if start >= end:
        return []
    ends = [stop for _, stop in offsets]
    first = bisect.bisect_right(ends, start)  # first token ending after the span starts
    hits = []
    for k in range(first, len(offsets)):
        tok_start, tok_end = offsets[k]
        if tok_start >= end:
            break
        if tok_end > start and tok_end > tok_start:
            hits.append(k)
    if not hits or hits[-1] >= window:
        return []
    return [k + 1 for k in hits]


def align_entities(
    prompt: str,
    entities: Sequence[Entity],
    tokenizer: OffsetTokenizer,
    offsets: Sequence[tuple[int, int]] | None = None,
) -> Tokens:
    """Token positions of every entity and modifier of ``prompt`` for ``tokenizer``."""
    if offsets is None:
        offsets = tokenizer.offsets(prompt)
    window = tokenizer.max_length - 2  # start and end tokens take two places
    aligned = [
        EntityTokens(
            id=entity.id,
            indices=token_positions(offsets, entity.span, window),
            modifiers=[token_positions(offsets, m.span, window) for m in entity.modifiers],
        )
        for entity in entities
    ]
    return Tokens(
        tokenizer=tokenizer.name,
        max_length=tokenizer.max_length,
        length=len(offsets) + 2,
        truncated=len(offsets) > window,
        entities=aligned,
    )
