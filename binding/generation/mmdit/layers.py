"""Which joint-attention layers of an MMDiT the loss reads.

In SD3 and FLUX every block attends jointly over image and text tokens; the image-query ×
text-key block of that attention plays the part of a UNet's cross-attention. Every such layer
works at one resolution, the transformer's patch grid (64 × 64 for SD3.5 and FLUX.1 at
1024 px), so a UNet's rule (the deepest level with cross-attention) has no counterpart here.

The rule: **the middle third of the double-stream blocks**, blocks round(n/3) to
round(2n/3) - 1 of the n blocks where text and image have weights of their own (SD3.5-medium:
8-15 of 24; SD3-medium: 8-15 of 24; FLUX.1: 6-12 of its 19 double-stream blocks; FLUX's 38
single-stream blocks are not read by default). Why there:

- the text keys are still the text's: in FLUX's single-stream blocks text and image tokens
  share weights and mix; SD3.5's extra image-only self-attention (``attn2``) has no text keys;
- the middle of the network, as the UNet rule reads the middle of the UNet (its deepest level)
  and not the first layers, whose maps follow the noise, nor the last, which refine texture;
- cost: the guidance pass stops after the last layer read (forward and backward), so reading
  the first two thirds of FLUX's double-stream blocks leaves about three quarters of the
  network out of the guidance pass (``benchmarks/step_flops.py`` counts it).

It is configurable: ``layers`` (``--layers``) names the layers to read as indices into all
joint-attention layers in forward order (SD3: block i is layer i; FLUX: double-stream block i
is layer i, and the single-stream blocks follow, block j as layer 19 + j on FLUX.1), such as
``"6-12"`` or ``"4,8,12-14"``. The maps of the layers read are averaged, as a UNet's are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from binding.errors import BindingError
from binding.generation.capture import Layer
from binding.generation.config import parse_layers

DOUBLE, SINGLE = 0, 1  # Layer.order[0]: the stage of the block


def grid_size(transformer: Any, latent: tuple[int, int], packed: bool) -> tuple[int, int]:
    """The image tokens' grid: the latent divided by the patch size (FLUX packs 2×2 patches
    itself, then its transformer's patch size is 1)."""
    patch = 2 if packed else int(transformer.config.patch_size)
    height, width = latent
    if height % patch or width % patch:
        raise BindingError(f"latent size {width}x{height} is not a multiple of the "
                           f"transformer's {patch}-pixel patches: choose an image size that is")
    return height // patch, width // patch


def joint_layers(transformer: Any, grid: tuple[int, int]) -> list[Layer]:
    """Every attention layer whose image queries see the text keys, in forward order."""
    layers = []
    for stage, blocks_name in ((DOUBLE, "transformer_blocks"),
                               (SINGLE, "single_transformer_blocks")):
        for index, block in enumerate(getattr(transformer, blocks_name, ())):
            attn = block.attn
            layers.append(Layer(order=(stage, index, 0),
                                name=f"{blocks_name}.{index}.attn.processor",
                                level=0, size=grid, heads=int(attn.heads)))
    if not layers:
        raise BindingError(f"{type(transformer).__name__} has no joint-attention blocks: "
                           "binding cannot guide it")
    return layers


def default_layers(layers: Sequence[Layer]) -> list[Layer]:
    """The middle third of the double-stream blocks (the module docstring says why)."""
    double = [layer for layer in layers if layer.order[0] == DOUBLE]
    n = len(double)
    first, stop = round(n / 3), max(round(2 * n / 3), round(n / 3) + 1)
    return double[first:stop]


def choose_layers(layers: Sequence[Layer], chosen: str | None,
                  resolution: int | None = None) -> list[Layer]:
    """The layers the loss reads: the default rule, or ``chosen`` (``"6-12"``, ``"4,8"``:
    indices into ``layers``)."""
    if resolution is not None and resolution != layers[0].size[0]:
        raise BindingError(f"every joint-attention layer of this transformer makes "
                           f"{layers[0].size[0]}-pixel-high maps at this image size: resolution "
                           f"{resolution} does not exist (choose layers with --layers)")
    if chosen is None:
        return default_layers(layers)
    indices = parse_layers(chosen)
    outside = [i for i in indices if i >= len(layers)]
    if outside:
        raise BindingError(f"layer {outside[0]} does not exist: this transformer has "
                           f"{len(layers)} joint-attention layers, 0-{len(layers) - 1}")
    return [layers[i] for i in sorted(set(indices))]

