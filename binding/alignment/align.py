"""Map char spans to token positions through the tokenizer's character offsets.

Linear in the prompt's length: the offsets are tokenized once, their ends listed once, and each
word is found by bisection. A weighted prompt is tokenized fragment by fragment, as compel
encodes it, with every offset mapped back to the prompt as written. A prompt past the window is
laid out in chunks, as compel and A1111 encode it: ``max_length - 2`` tokens a chunk, each chunk
with its own start and end tokens and padded to ``max_length``, the chunks concatenated.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol

from binding.spec import Entity, EntityTokens, Relation, Tokens, chunks_for
from binding.weighting import ReadPrompt, plain

Offsets = Sequence[tuple[int, int]]


class OffsetTokenizer(Protocol):
    """What alignment needs of a tokenizer: a name, a window and per-token char offsets."""

    name: str
    max_length: int

    def offsets(self, text: str) -> list[tuple[int, int]]: ...


class TokenOffsets:
    """A prompt's content-token offsets, searchable by character span in O(log n) a word."""

    def __init__(self, offsets: Offsets) -> None:
        self.offsets = offsets
        self.ends = [stop for _, stop in offsets]

    def covering(self, span: tuple[int, int]) -> list[int]:
        """Indices (0 = first content token) of the tokens overlapping ``span``."""
        start, end = span
        if start >= end:
            return []
        hits = []
        for k in range(bisect.bisect_right(self.ends, start), len(self.offsets)):
            tok_start, tok_end = self.offsets[k]
            if tok_start >= end:
                break
            if tok_end > start and tok_end > tok_start:
                hits.append(k)
        return hits


def position(k: int, window: int, max_length: int, chunked: bool) -> int:
    """Where content token ``k`` sits in the encoded sequence (start token = 0): ``k + 1`` in
    one window; in chunk ``k // window`` past it, after that chunk's start token."""
    if not chunked:
        return k + 1
    return (k // window) * max_length + 1 + k % window


def token_positions(offsets: Offsets, span: tuple[int, int], window: int) -> list[int]:
    """Positions (start token = 0) of the tokens overlapping ``span`` in one window.

    A word that does not fit whole inside the first ``window`` content tokens gets no positions:
    half a word would steer attention with a fragment of its meaning.
    """
    hits = TokenOffsets(offsets).covering(span)
    if not hits or hits[-1] >= window:
        return []
    return [k + 1 for k in hits]


def encoded_offsets(read: ReadPrompt, tokenizer: OffsetTokenizer) -> list[tuple[int, int]]:
    """Offsets in the prompt as written of every content token, in encoding order: each
    weighted fragment tokenized on its own (as compel encodes it), the pieces concatenated."""
    if not read.weighted:
        return list(tokenizer.offsets(read.raw))
    out = []
    for text, _, start in read.fragment_texts():
        for tok_start, tok_end in tokenizer.offsets(text):
            out.append(read.raw_span(start + tok_start, start + tok_end))
    return out


def align_entities(
    prompt: str | ReadPrompt,
    entities: Sequence[Entity],
    tokenizer: OffsetTokenizer,
    offsets: Offsets | None = None,
    *,
    chunked: bool = True,
) -> Tokens:
    """Token positions of every entity and modifier of ``prompt`` for ``tokenizer``.

    ``prompt`` is the text as written, or as read with its weighting syntax. With ``chunked``,
    a prompt past the window gets positions in the chunked sequence (``tokens.chunks``);
    without, words past the cut get none and ``tokens.truncated`` is set.
    """
    read = prompt if isinstance(prompt, ReadPrompt) else plain(prompt)
    if offsets is None:
        offsets = encoded_offsets(read, tokenizer)
    index = TokenOffsets(offsets)
    window = tokenizer.max_length - 2  # start and end tokens take two places
    past = len(offsets) > window
    chunks = chunks_for(len(offsets) + 2, tokenizer.max_length) if chunked and past else None

    def positions(span: tuple[int, int]) -> list[int]:
        hits = index.covering(span)
        if not hits or (chunks is None and hits[-1] >= window):
            return []
        return [position(k, window, tokenizer.max_length, chunks is not None) for k in hits]

    aligned = [
        EntityTokens(id=entity.id, indices=positions(entity.span),
                     modifiers=[positions(m.span) for m in entity.modifiers])
        for entity in entities
    ]
    return Tokens(tokenizer=tokenizer.name, max_length=tokenizer.max_length,
                  length=len(offsets) + 2, truncated=past and chunks is None,
                  entities=aligned, chunks=chunks)


def in_prompt(read: ReadPrompt, entities: Sequence[Entity],
              relations: Sequence[Relation]) -> tuple[list[Entity], list[Relation]]:
    """Entities and relations found in the clean text, with their spans (and texts) moved to
    the prompt as written: ``text == prompt[span]`` holds there too."""
    if not read.weighted:
        return list(entities), list(relations)

    def moved(word: Entity | Relation | object) -> dict[str, object]:
        start, end = read.raw_span(*word.span)  # type: ignore[attr-defined]
        return {"span": (start, end), "text": read.raw[start:end]}

    out = [entity.model_copy(update={
        **moved(entity),
        "modifiers": [m.model_copy(update=moved(m)) for m in entity.modifiers],
    }) for entity in entities]
    moved_relations = [r if r.span is None else r.model_copy(
        update={"span": read.raw_span(*r.span)}) for r in relations]
    return out, moved_relations
