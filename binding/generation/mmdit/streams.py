"""Which text tokens an MMDiT's loss reads, and where the spec's words sit among them.

SD3's joint attention reads one text sequence made of two streams: CLIP's 77 tokens (CLIP-L
and CLIP-G side by side in the features, so one token axis; their tokenizers must agree, as
SDXL's) and then T5's (256 tokens, diffusers' ``max_sequence_length``). FLUX's reads T5's
alone (512 tokens). A loss reads one stream: T5 by default on both families (it holds the
whole prompt, not CLIP's first 75 tokens, and methods then read the same kind of map on SD3
and FLUX), CLIP on SD3 for a method that compares maps with CLIP's own text self-attention
(T-SAM; FLUX has no CLIP token stream, so T-SAM is refused there), or as ``stream`` asks.

The words are aligned through the stream's own tokenizer, read from the model folder
(``tokenizer_3`` for SD3's T5, ``tokenizer_2`` for FLUX's): SentencePiece pieces with
character offsets, as CLIP's BPE pieces are. T5 has no start token; its positions are counted
as the losses count (see ``binding.generation.tokens``) and written out in T5's own count.
Prompt weights and chunked long prompts are CLIP-stream encodings of compel's; the MMDiT
pipelines' own encoders do neither, so a weighted prompt is refused here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from binding.errors import BindingError
from binding.generation.methods import Component
from binding.generation.tokens import CLIP, PromptTokens, TextStream, align_to_model
from binding.spec import Spec

CLIP_WINDOW = 77
T5_WINDOW = {"sd3": 256, "flux": 512}  # the pipelines' default max_sequence_length


@dataclass(frozen=True)
class StreamLayout:
    """A stream and where it lies in the transformer's text sequence."""

    stream: TextStream
    text: slice  # its tokens in the text sequence the joint attention reads
    tokenizers: tuple[Any, ...]

    @property
    def shift(self) -> int:
        return 0 if self.stream.start_token else 1


def layout(pipe: Any, family: str, asked: str | None,
           components: Sequence[Component]) -> StreamLayout:
    """The stream the loss reads: ``asked``, or the family's default for these methods."""
    needs_clip = [c.method.name for c in components if c.method.needs_text_attention]
    t5 = getattr(pipe, "tokenizer_3" if family == "sd3" else "tokenizer_2", None)
    name = asked or ("clip" if family == "sd3" and (needs_clip or t5 is None) else "t5")
    if name == "clip" and family == "flux":
        raise BindingError("FLUX.1's attention reads T5's tokens only: there is no clip stream "
                           "to guide (use --stream t5)")
    if name == "t5" and needs_clip:
        where = "use --stream clip" if family == "sd3" else "FLUX.1 has none: use another method"
        raise BindingError(f"{needs_clip[0]} compares the maps with CLIP's text self-attention, "
                           f"which indexes the clip stream ({where})")
    if name == "clip":
        tokenizers = (pipe.tokenizer, pipe.tokenizer_2)
        return StreamLayout(CLIP, slice(0, CLIP_WINDOW),
                            tuple(t for t in tokenizers if t is not None))
    if t5 is None:
        raise BindingError("this pipeline was loaded without its T5 tokenizer and encoder: "
                           "there is no t5 stream to guide (use --stream clip)")
    window = T5_WINDOW[family]
    start = CLIP_WINDOW if family == "sd3" else 0
    return StreamLayout(TextStream("t5", window, start_token=False),
                        slice(start, start + window), (t5,))


def align(spec: Spec, found: StreamLayout, on_truncated: Any) -> PromptTokens:
    """The spec's words on the stream: positions as the losses count them."""
    if spec.weights is not None:
        raise BindingError("prompt weights are applied by compel to CLIP encoders; SD3 and "
                           "FLUX encode the prompt with their own pipelines, which read no "
                           "weights: parse the prompt with --weighting none")
    return align_to_model(spec, found.tokenizers, on_truncated=on_truncated, chunked=False,
                          stream=found.stream)
