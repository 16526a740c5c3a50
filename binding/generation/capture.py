"""Cross-attention capture: which layers a loss reads, and processors that hand their attention
probabilities to listeners while every other call stays on fused attention (SDPA).

Layers are found from the UNet itself, never from hard-coded names: a layer's map size follows
from its block's depth and the image size. The guidance resolution is that of the deepest
down-sampling level that has cross-attention (16x16 for SD 1.x at 512 px, 24x24 for SD 2.x at
768 px, 32x32 for SDXL at 1024 px); every cross-attention layer of that size is read, in the
down, mid and up blocks alike.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import torch

from binding.errors import BindingError
from binding.generation.config import parse_layers

Listener = Callable[["Layer", torch.Tensor], None]
_STAGES = {"down_blocks": 0, "mid_block": 1, "up_blocks": 2}


@dataclass(frozen=True, order=True)
class Layer:
    """One cross-attention layer: its place in the forward order and its map size."""

    order: tuple[int, int, int]  # (stage, block, position in the block): sorts by forward order
    name: str = field(compare=False)  # the processor's key in ``unet.attn_processors``
    level: int = field(compare=False)  # down-sampling steps below the latent resolution
    size: tuple[int, int] = field(compare=False)  # (height, width) of its attention map
    heads: int = field(compare=False)

    @property
    def pixels(self) -> int:
        return self.size[0] * self.size[1]


class StopForward(Exception):
    """Raised after the last layer a loss reads: the rest of the UNet is not computed."""


def latent_size(unet: Any, height: int, width: int, vae_scale_factor: int) -> tuple[int, int]:
    if height % vae_scale_factor or width % vae_scale_factor:
        raise BindingError(f"image size {width}x{height} is not a multiple of "
                           f"{vae_scale_factor}: choose a size the VAE can decode")
    return height // vae_scale_factor, width // vae_scale_factor


def cross_attention_layers(unet: Any, latent: tuple[int, int]) -> list[Layer]:
    """Every cross-attention layer of ``unet`` in forward order, with its map size."""
    from diffusers.models.attention_processor import Attention

    n_down = len(unet.down_blocks)
    n_up = len(unet.up_blocks)
    layers = []
    for position, (name, module) in enumerate(unet.named_modules()):
        if not isinstance(module, Attention) or not module.is_cross_attention:
            continue
        match = re.match(r"(down_blocks|up_blocks)\.(\d+)|mid_block", name)
        if match is None:
            raise BindingError(f"cross-attention layer {name!r} is outside the UNet's down, mid "
                               "and up blocks: binding cannot place it")
        stage = match.group(1) or "mid_block"
        block = int(match.group(2)) if match.group(2) else 0
        level = {"down_blocks": block, "mid_block": n_down - 1,
                 "up_blocks": n_up - 1 - block}[stage]
        size = latent
        for _ in range(level):
            size = (-(-size[0] // 2), -(-size[1] // 2))  # stride-2 convolutions round up
        layers.append(Layer(order=(_STAGES[stage], block, position), name=f"{name}.processor",
                            level=level, size=size, heads=module.heads))
    return sorted(layers)


def guidance_layers(layers: Sequence[Layer], resolution: int | None = None,
                    chosen: str | None = None) -> list[Layer]:
    """The layers a binding loss reads: all cross-attention layers at the guidance size.

    ``resolution`` (the map's height) overrides the default, the deepest down-sampling level
    with cross-attention. ``chosen`` (``"0-29"``: indices into those layers in forward order)
    reads some of them: SDXL's 60 layers at 32x32 are 20 in the down blocks (0-19), 10 in the
    mid block (20-29) and 30 in the first up block (30-59), the most expensive part of the
    UNet to run with gradients (``benchmarks/step_flops.py``).
    """
    found = _at_resolution(layers, resolution)
    if chosen is None:
        return found
    indices = parse_layers(chosen)
    outside = [i for i in indices if i >= len(found)]
    if outside:
        size = f"{found[0].size[0]}x{found[0].size[1]}"
        raise BindingError(f"layer {outside[0]} does not exist: there are {len(found)} "
                           f"cross-attention layers at {size}, 0-{len(found) - 1}")
    return [found[i] for i in sorted(set(indices))]


def _at_resolution(layers: Sequence[Layer], resolution: int | None) -> list[Layer]:
    if resolution is None:
        down = [layer.level for layer in layers if layer.order[0] == 0]
        if not down:
            raise BindingError("this UNet has no cross-attention in its down blocks: "
                               "binding cannot guide it")
        level = max(down)
        chosen = [layer for layer in layers if layer.level == level]
    else:
        chosen = [layer for layer in layers if layer.size[0] == resolution]
        if not chosen:
            sizes = sorted({layer.size[0] for layer in layers})
            raise BindingError(f"no cross-attention layer has {resolution}-pixel maps at this "
                               f"image size: choose one of {sizes}")
    return chosen


class CaptureHub:
    """Who listens to which layer right now, and where the guidance forward may stop."""

    def __init__(self, layers: Sequence[Layer]) -> None:
        self.layers = {layer.name: layer for layer in layers}
        self._listeners: list[tuple[frozenset[str], Listener]] = []
        self.stop_after: str | None = None

    def listeners(self, name: str) -> list[Listener]:
        return [fn for names, fn in self._listeners if name in names]

    @contextmanager
    def listen(self, layers: Sequence[Layer], listener: Listener,
               stop_after_last: bool = False) -> Iterator[None]:
        """Call ``listener(layer, probs)`` for ``layers`` while the block runs; with
        ``stop_after_last`` the forward ends (``StopForward``) right after the last of them."""
        entry = (frozenset(layer.name for layer in layers), listener)
        self._listeners.append(entry)
        previous = self.stop_after
        if stop_after_last:
            self.stop_after = max(layers).name
        try:
            yield
        finally:
            self._listeners.remove(entry)
            self.stop_after = previous


class CrossAttentionProcessor(torch.nn.Module):
    """Cross-attention that hands its attention probabilities to listeners, chained to the
    processor it replaced (``inner``).

    Nobody listening: ``inner`` runs untouched (SDPA, IP-Adapter's processor, anything
    installed before; LoRA lives in the layer's projections, which every processor calls).
    Listening: the probabilities over the text tokens are computed explicitly (the maps are
    the point); when ``inner`` is plain attention they also give the output, otherwise
    ``inner`` computes the output it always computes (IP-Adapter's image tokens included).
    An ``nn.Module``, so that a processor with weights (IP-Adapter's) stays a submodule of
    the UNet while wrapped.
    """

    def __init__(self, layer: Layer, hub: CaptureHub, inner: Any) -> None:
        super().__init__()
        self.name = layer.name
        self.hub = hub
        self.inner = inner
        self.plain = _is_plain(inner)
        signature = inspect.signature(inner.__call__).parameters
        self.accepts = {k for k in ("scale", "ip_adapter_masks", "ip_hidden_states")
                        if k in signature}

    @property
    def fused(self) -> Any:  # the name this attribute had before processors were chained
        return self.inner

    @property
    def layer(self) -> Layer:
        """This layer at the current image size (the hub knows it)."""
        return self.hub.layers[self.name]

    def __call__(self, attn: Any, hidden_states: torch.Tensor,
                 encoder_hidden_states: Any = None, attention_mask: torch.Tensor | None = None,
                 temb: torch.Tensor | None = None, *args: Any, scale: Any = None,
                 ip_adapter_masks: Any = None, ip_hidden_states: Any = None,
                 **kwargs: Any) -> torch.Tensor:
        # diffusers hands a processor only the keyword arguments its signature names: pass on
        # those the inner processor names
        given = {"scale": scale, "ip_adapter_masks": ip_adapter_masks,
                 "ip_hidden_states": ip_hidden_states}
        kwargs.update({k: v for k, v in given.items() if v is not None and k in self.accepts})
        listeners = self.hub.listeners(self.name)
        if not listeners:
            return self.inner(attn, hidden_states, encoder_hidden_states, attention_mask, temb,
                              *args, **kwargs)
        text = encoder_hidden_states[0] if isinstance(encoder_hidden_states, tuple) \
            else encoder_hidden_states
        out, probs = _explicit_attention(attn, hidden_states, text, attention_mask, temb,
                                         output=self.plain)
        if not self.plain:
            out = self.inner(attn, hidden_states, encoder_hidden_states, attention_mask, temb,
                             *args, **kwargs)
        batch = hidden_states.shape[0]
        layer = self.layer
        if probs.shape[1] != layer.pixels:
            raise BindingError(f"layer {layer.name} made {probs.shape[1]} attention "
                               f"pixels, expected {layer.pixels}: unsupported UNet layout")
        mean = probs.view(batch, attn.heads, *probs.shape[1:]).mean(dim=1)  # (B, pixels, T)
        for listener in listeners:
            listener(layer, mean)
        if self.hub.stop_after == self.name:
            raise StopForward
        return out


def _is_plain(processor: Any) -> bool:
    """Plain scaled-dot-product attention, whose output the explicit path reproduces."""
    from diffusers.models.attention_processor import AttnProcessor, AttnProcessor2_0

    return type(processor) in (AttnProcessor, AttnProcessor2_0)


def _explicit_attention(attn: Any, hidden_states: torch.Tensor,
                        encoder_hidden_states: torch.Tensor | None,
                        attention_mask: torch.Tensor | None,
                        temb: torch.Tensor | None,
                        output: bool = True) -> tuple[Any, torch.Tensor]:
    """diffusers' reference attention (``AttnProcessor``), keeping the probabilities; with
    ``output`` off only the probabilities (the output is None)."""
    residual = hidden_states
    if attn.spatial_norm is not None:
        hidden_states = attn.spatial_norm(hidden_states, temb)
    input_ndim = hidden_states.ndim
    if input_ndim == 4:
        batch, channel, height, width = hidden_states.shape
        hidden_states = hidden_states.view(batch, channel, height * width).transpose(1, 2)
    batch, sequence, _ = (hidden_states.shape if encoder_hidden_states is None
                          else encoder_hidden_states.shape)
    attention_mask = attn.prepare_attention_mask(attention_mask, sequence, batch)
    if attn.group_norm is not None:
        hidden_states = attn.group_norm(hidden_states.transpose(1, 2)).transpose(1, 2)
    query = attn.to_q(hidden_states)
    if encoder_hidden_states is None:
        encoder_hidden_states = hidden_states
    elif attn.norm_cross:
        encoder_hidden_states = attn.norm_encoder_hidden_states(encoder_hidden_states)
    key = attn.head_to_batch_dim(attn.to_k(encoder_hidden_states))
    query = attn.head_to_batch_dim(query)
    probs = attn.get_attention_scores(query, key, attention_mask)  # (B*heads, pixels, T)
    if not output:
        return None, probs
    value = attn.head_to_batch_dim(attn.to_v(encoder_hidden_states))
    hidden_states = attn.batch_to_head_dim(torch.bmm(probs.to(value.dtype), value))
    hidden_states = attn.to_out[1](attn.to_out[0](hidden_states))
    if input_ndim == 4:
        hidden_states = hidden_states.transpose(-1, -2).reshape(batch, channel, height, width)
    if attn.residual_connection:
        hidden_states = hidden_states + residual
    return hidden_states / attn.rescale_output_factor, probs


def install(model: Any, layers: Sequence[Layer], hub: CaptureHub,
            processor: type = CrossAttentionProcessor, **options: Any) -> dict[str, Any]:
    """Listening processors on ``layers`` only, each chained to the processor it replaces;
    returns the processors to give back to ``restore``. ``processor(layer, hub, inner,
    **options)`` makes each: a UNet's cross-attention by default, an MMDiT's joint attention
    (``mmdit.capture``) with its text slice."""
    original = model.attn_processors
    replaced = dict(original)
    for layer in layers:
        inner = original[layer.name]
        if isinstance(inner, processor):  # nested capture: chain to its inner
            inner = inner.inner
        replaced[layer.name] = processor(layer, hub, inner, **options)
    model.set_attn_processor(replaced)
    return original


def restore(unet: Any, original: dict[str, Any]) -> None:
    unet.set_attn_processor(original)


@contextmanager
def capturing(model: Any, layers: Sequence[Layer], processor: type = CrossAttentionProcessor,
              **options: Any) -> Iterator[CaptureHub]:
    """Install listening processors on ``layers`` for the block; restore the originals after."""
    hub = CaptureHub(layers)
    original = install(model, layers, hub, processor, **options)
    try:
        yield hub
    finally:
        restore(model, original)


class LayerMean:
    """Listener that averages the maps of its layers (a loss's input): one running sum, so no
    per-layer maps are kept beyond what autograd needs."""

    def __init__(self, layers: Sequence[Layer]) -> None:
        self.expected = {layer.name for layer in layers}
        self.size = layers[0].size
        self.seen: list[str] = []
        self._sum: torch.Tensor | None = None

    def __call__(self, layer: Layer, probs: torch.Tensor) -> None:
        probs = probs.float()
        self._sum = probs if self._sum is None else self._sum + probs
        self.seen.append(layer.name)

    def maps(self) -> torch.Tensor:
        """(B, height, width, tokens) mean over heads and layers, in fp32."""
        if self._sum is None or set(self.seen) != self.expected:
            missing = sorted(self.expected - set(self.seen))
            raise BindingError(f"attention was not captured at {missing[:3]}: the UNet "
                               "skipped layers binding expected")
        maps = self._sum / len(self.seen)
        return maps.view(maps.shape[0], *self.size, maps.shape[-1])
