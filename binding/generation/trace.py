"""Attention heat maps of a diffusers pipeline, DAAM-style: ``with trace(pipe) as tc: pipe(...)``.

The conditional branch's cross-attention, averaged over heads, upsampled from every layer to
the latent resolution and averaged over layers and denoising steps: one (height, width) map per
token. Works on any Stable Diffusion pipeline, binding's own render loop included.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from typing import Any

import torch
import torch.nn.functional as F

from binding.generation.capture import (
    Layer,
    capturing,
    cross_attention_layers,
    latent_size,
)

Rows = Callable[[int], slice]


def second_half(batch: int) -> slice:
    """The conditional rows of a classifier-free-guided batch [unconditional, conditional]."""
    return slice(batch // 2, batch)


def all_rows(batch: int) -> slice:
    return slice(0, batch)


class AttentionTrace:
    """Accumulates per-token maps; ``maps()`` gives (images, tokens, height, width)."""

    def __init__(self, size: tuple[int, int], rows: Rows = second_half) -> None:
        self.size = size
        self.rows = rows
        self.calls = 0
        self._sum: torch.Tensor | None = None

    def __call__(self, layer: Layer, probs: torch.Tensor) -> None:
        probs = probs[self.rows(probs.shape[0])].detach().float()
        maps = probs.view(probs.shape[0], *layer.size, probs.shape[-1]).permute(0, 3, 1, 2)
        if tuple(layer.size) != tuple(self.size):
            maps = F.interpolate(maps, size=self.size, mode="bilinear", align_corners=False)
        self._sum = maps if self._sum is None else self._sum + maps
        self.calls += 1

    def maps(self) -> torch.Tensor:
        if self._sum is None:
            raise RuntimeError("no attention was recorded: run the pipeline inside the trace")
        return self._sum / self.calls

    def token_map(self, positions: Sequence[int], image: int = 0) -> torch.Tensor:
        """One word's (height, width) map: the mean over its token positions."""
        return self.maps()[image, list(positions)].mean(dim=0)


@contextmanager
def trace(pipe: Any, height: int | None = None, width: int | None = None,
          layers: Sequence[Layer] | None = None) -> Iterator[AttentionTrace]:
    """Record cross-attention maps of every ``pipe(...)`` call inside the block.

    ``height``/``width`` are the image size the pipeline will render (default: the UNet's
    native size). The conditional half of the batch is kept when the pipeline runs
    classifier-free guidance. SD3 and FLUX: the image→text maps of their joint attention on
    the T5 stream (a column per T5 token after an empty column 0: it has no start token), at
    the image-token grid, from the layers guidance reads unless ``layers`` names others.
    """
    from binding.generation.models import MMDIT_FAMILIES, family

    if family(pipe) in MMDIT_FAMILIES:
        with _trace_joint(pipe, height, width, layers) as tracer:
            yield tracer
        return
    scale = pipe.vae_scale_factor
    native = pipe.unet.config.sample_size
    native = native if isinstance(native, int) else native[0]
    latent = latent_size(pipe.unet, height or native * scale, width or native * scale, scale)
    every = cross_attention_layers(pipe.unet, latent)
    chosen = list(layers) if layers is not None else every

    def rows(batch: int) -> slice:
        cfg = getattr(pipe, "do_classifier_free_guidance", False)
        return second_half(batch) if cfg else all_rows(batch)

    tracer = AttentionTrace(latent, rows)
    with ExitStack() as stack:
        hub = stack.enter_context(capturing(pipe.unet, every))
        stack.enter_context(hub.listen(chosen, tracer))
        yield tracer


@contextmanager
def _trace_joint(pipe: Any, height: int | None, width: int | None,
                 layers: Sequence[Layer] | None) -> Iterator[AttentionTrace]:
    from binding.generation.mmdit.capture import capturing_joint
    from binding.generation.mmdit.layers import default_layers, grid_size, joint_layers
    from binding.generation.mmdit.streams import layout
    from binding.generation.models import family

    name = family(pipe)
    native = pipe.default_sample_size * pipe.vae_scale_factor
    latent = latent_size(pipe.transformer, height or native, width or native,
                         pipe.vae_scale_factor)
    grid = grid_size(pipe.transformer, latent, packed=name == "flux")
    every = joint_layers(pipe.transformer, grid)
    chosen = list(layers) if layers is not None else default_layers(every)
    stream = layout(pipe, name, "t5", [])

    def rows(batch: int) -> slice:
        cfg = getattr(pipe, "do_classifier_free_guidance", False)
        return second_half(batch) if cfg else all_rows(batch)

    tracer = AttentionTrace(grid, rows)
    with capturing_joint(pipe.transformer, chosen, stream.text, stream.shift) as hub, \
            hub.listen(chosen, tracer):
        yield tracer
