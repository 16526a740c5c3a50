"""Alignment: words (char spans) -> token positions of a named tokenizer, via character offsets.

Positions count the start token as 0, as text encoders and cross-attention maps do. The CLIP BPE
vocabulary ships with the package, so alignment never needs the network.
"""

from __future__ import annotations

from binding.alignment.align import (
    TokenOffsets,
    align_entities,
    encoded_offsets,
    in_prompt,
    position,
    token_positions,
)
from binding.alignment.clip_bpe import CLIP_TOKENIZER_NAME, ClipBPE, clip_tokenizer

__all__ = [
    "CLIP_TOKENIZER_NAME",
    "ClipBPE",
    "TokenOffsets",
    "align_entities",
    "clip_tokenizer",
    "encoded_offsets",
    "in_prompt",
    "position",
    "token_positions",
]
