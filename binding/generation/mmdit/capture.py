"""Attention maps from an MMDiT's joint attention, at the layers a loss reads only.

A joint-attention layer attends over [text; image] tokens at once. Its image-query × text-key
block is what a UNet's cross-attention is: the map of a text token over the image. A listening
processor computes that block's probabilities, softmax(q_image · k_textᵀ / √d) over the keys
of one text stream (T5's, or SD3's CLIP tokens), averaged over heads: per pixel a distribution
over the stream's tokens, as a UNet's cross-attention gives. The softmax is over the stream's
keys alone, not over every key of the joint attention: the image-image block (4,096² scores a
head at 1024 px) would be materialised for nothing, and the losses (Attend-and-Excite's
softmax over tokens, SynGen's normalisation over pixels) are written for per-pixel
distributions over text.

Only q for the image tokens and k for the stream's tokens are projected again (with the
layer's own q/k norms and, in FLUX, its rotary embedding); the layer's output comes from the
processor it wraps, untouched (fused attention, IP-Adapter's, anything installed before), so
the guidance forward is the model's forward. Nobody listening: the wrapped processor runs
alone. Scores are computed in the model's dtype and the softmax in fp32; the probabilities
are not kept for the backward but computed again there (``HeadMeanAttention``).
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

import torch

from binding.generation.capture import CaptureHub, Layer, StopForward, capturing, install


class JointAttentionProcessor(torch.nn.Module):
    """A joint-attention processor that hands the image→text probabilities of one stream to
    listeners, chained to the processor it replaced (``inner``)."""

    def __init__(self, layer: Layer, hub: CaptureHub, inner: Any, text: slice,
                 shift: int) -> None:
        super().__init__()
        self.name = layer.name
        self.hub = hub
        self.inner = inner
        self.text = text  # the stream's tokens in the layer's text sequence
        self.shift = shift  # empty columns before the stream's first token (T5: 1)
        parameters = inspect.signature(inner.__call__).parameters
        self.accepts_any = any(p.kind is p.VAR_KEYWORD for p in parameters.values())
        self.accepts = set(parameters)

    @property
    def layer(self) -> Layer:
        return self.hub.layers[self.name]

    def __call__(self, attn: Any, hidden_states: torch.Tensor,
                 encoder_hidden_states: torch.Tensor | None = None,
                 attention_mask: torch.Tensor | None = None,
                 image_rotary_emb: Any = None, *, temb: Any = None, ip_hidden_states: Any = None,
                 ip_adapter_masks: Any = None, **kwargs: Any) -> Any:
        given = {"image_rotary_emb": image_rotary_emb, "temb": temb,
                 "ip_hidden_states": ip_hidden_states, "ip_adapter_masks": ip_adapter_masks}
        kwargs.update({k: v for k, v in given.items()
                       if v is not None and (self.accepts_any or k in self.accepts)})
        listeners = self.hub.listeners(self.name)
        if listeners:
            probs = self.probabilities(attn, hidden_states, encoder_hidden_states,
                                       image_rotary_emb)
            for listener in listeners:
                listener(self.layer, probs)
            if self.hub.stop_after == self.name:
                raise StopForward
        return self.inner(attn, hidden_states, encoder_hidden_states, attention_mask, **kwargs)

    def probabilities(self, attn: Any, hidden_states: torch.Tensor,
                      encoder_hidden_states: torch.Tensor | None,
                      rotary: Any) -> torch.Tensor:
        """(B, pixels, shift + stream tokens): each pixel's attention over the stream's
        tokens, mean over heads, fp32."""
        pixels = self.layer.pixels
        if encoder_hidden_states is None:  # FLUX single-stream: [text; image] in one sequence
            text_length = hidden_states.shape[1] - pixels
            image, text = hidden_states[:, text_length:], hidden_states[:, :text_length]
            query, key = _project(attn, image, "q"), _project(attn, text, "k")
            key_norm = attn.norm_k
        else:
            text_length = encoder_hidden_states.shape[1]
            query, key = _project(attn, hidden_states, "q"), \
                _project(attn, encoder_hidden_states, "added_k")
            key_norm = attn.norm_added_k
        if query.shape[1] != pixels:
            from binding.errors import BindingError

            raise BindingError(f"layer {self.name} has {query.shape[1]} image tokens, expected "
                               f"{pixels}: unsupported transformer layout")
        batch = query.shape[0]
        head_dim = query.shape[-1] // attn.heads
        query = query.view(batch, -1, attn.heads, head_dim)
        key = key.view(batch, -1, attn.heads, head_dim)
        if attn.norm_q is not None:
            query = attn.norm_q(query)
        if key_norm is not None:
            key = key_norm(key)
        if rotary is not None:  # FLUX: positions of [text; image]
            from diffusers.models.embeddings import apply_rotary_emb

            cos, sin = rotary
            query = apply_rotary_emb(query, (cos[text_length:], sin[text_length:]),
                                     sequence_dim=1)
            key = apply_rotary_emb(key, (cos[:text_length], sin[:text_length]), sequence_dim=1)
        probs = HeadMeanAttention.apply(query, key[:, self.text], head_dim ** -0.5)
        if self.shift:
            probs = torch.cat([probs.new_zeros(*probs.shape[:-1], self.shift), probs], dim=-1)
        return probs


class HeadMeanAttention(torch.autograd.Function):
    """mean over heads of softmax(q · kᵀ · scale) over the keys, fp32: (B, pixels, keys) from
    q (B, pixels, heads, d) and k (B, keys, heads, d). Keeps only q and k for the backward and
    computes the probabilities again there: autograd would keep them all, fp32, for every
    layer read until the backward (FLUX.1 at 1024 px: 24 heads x 4,096 pixels x 512 keys,
    200 MB a layer)."""

    @staticmethod
    def forward(ctx: Any, query: torch.Tensor, key: torch.Tensor,
                scale: float) -> torch.Tensor:
        ctx.save_for_backward(query, key)
        ctx.scale = scale
        return _probabilities(query, key, scale).mean(dim=1)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, None]:
        query, key = ctx.saved_tensors
        probs = _probabilities(query, key, ctx.scale)  # (B, heads, pixels, keys)
        grad_probs = grad.unsqueeze(1) / probs.shape[1]
        grad_scores = probs * (grad_probs - (grad_probs * probs).sum(dim=-1, keepdim=True))
        grad_scores = (grad_scores * ctx.scale).to(query.dtype)
        grad_query = torch.einsum("bhnt,bthd->bnhd", grad_scores, key)
        grad_key = torch.einsum("bhnt,bnhd->bthd", grad_scores, query)
        return grad_query, grad_key, None


def _probabilities(query: torch.Tensor, key: torch.Tensor, scale: float) -> torch.Tensor:
    """(B, heads, pixels, keys) softmax over the keys, scores in the model's dtype, fp32."""
    scores = torch.einsum("bnhd,bthd->bhnt", query, key) * scale
    return scores.float().softmax(dim=-1)


def _project(attn: Any, states: torch.Tensor, which: str) -> torch.Tensor:
    """One projection of a layer, fused (``fuse_qkv_projections``) or not."""
    if which == "q":
        if getattr(attn, "to_q", None) is not None:
            return attn.to_q(states)
        return attn.to_qkv(states).chunk(3, dim=-1)[0]
    if which == "k":
        if getattr(attn, "to_k", None) is not None:
            return attn.to_k(states)
        return attn.to_qkv(states).chunk(3, dim=-1)[1]
    if getattr(attn, "add_k_proj", None) is not None:
        return attn.add_k_proj(states)
    return attn.to_added_qkv(states).chunk(3, dim=-1)[1]


def install_joint(transformer: Any, layers: Sequence[Layer], hub: CaptureHub, text: slice,
                  shift: int) -> dict[str, Any]:
    """Joint-attention listening processors on ``layers`` only (``capture.install``);
    returns the processors to give back."""
    return install(transformer, layers, hub, JointAttentionProcessor, text=text, shift=shift)


def capturing_joint(transformer: Any, layers: Sequence[Layer], text: slice,
                    shift: int) -> AbstractContextManager[CaptureHub]:
    """Joint-attention listening processors on ``layers`` for the block; the originals
    restored after (``capture.capturing``)."""
    return capturing(transformer, layers, JointAttentionProcessor, text=text, shift=shift)
