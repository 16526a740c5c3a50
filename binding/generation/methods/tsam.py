"""T-SAM, text self-attention maps transfer (Kim, Esmaeili & Qiu, CVPR 2025).

The CLIP text encoder's self-attention already says which token relates to which; T-SAM pushes
the similarity of the tokens' cross-attention maps towards it. T is the text self-attention
(mean over heads and all layers, from the spec when it carries one of the right size, else from
the model's own text encoder), with the start token (the attention sink), the end token and
padding dropped, raised element-wise to the power k = 3 and renormalised by rows. S is the
cosine similarity between the tokens' cross-attention maps. Both are causal, so only the lower
triangle counts, and later tokens weigh more:

    L = Σ_{i ≥ 1} 0.2·i · (1 − cos(T′[i, :i], S[i, :i]))

The reference implementation's settings, followed here: Gaussian smoothing of the maps on
(3×3, σ = 0.5, reflect-padded, as Attend-and-Excite); no softmax normalisation over the tokens
(S compares the raw head- and layer-averaged maps); k = 3; row weights 0.2·i; step size 5,
α_i = 5·sqrt(linspace(1, 0.5, 50))[i]; updates in the first 30 of 50 steps; refinement at
steps 0, 10 and 20 of 50, at most 20 iterations.

Different on purpose: the official code's refinement (early-stop) table only covers prompts of
5 to 7 tokens. Here refinement runs until the loss is at most 1 − {0.05, 0.5, 0.8} of L₀, the
loss of maps that all look alike (S = 1 everywhere: L₀ = Σ 0.2·i·(1 − cos(T′[i, :i], 1))),
whatever the prompt's length. That is the unguided state: the raw maps share the start token's
floor, so S is near 1 everywhere and the cosines are already 0.6-0.7 there (the criterion
used before, the plain weighted mean cosine, met two of the three thresholds before any update).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

from binding.errors import BindingError
from binding.generation.methods.maps import smooth_tokens
from binding.generation.methods.registry import Method, Schedule, register
from binding.generation.tokens import PromptTokens

FLAT = 1e-6  # L₀ this small: T′ asks for nothing flat maps do not already give


@dataclass(frozen=True)
class TsamIndex:
    stop: int  # the prompt's tokens are positions 1 .. stop - 1
    target: torch.Tensor  # (K, K) T′ with the diagonal and above zeroed
    below: torch.Tensor  # (K, K) 1 strictly below the diagonal
    weight: torch.Tensor  # (K,) 0.2·i
    flat_loss: float  # L₀: the loss when every map looks alike (S = 1)
    sigma: float

    @property
    def empty(self) -> bool:
        return self.target.shape[0] < 2


def prepare(tokens: PromptTokens, params: Mapping[str, Any], device: torch.device) -> TsamIndex:
    if tokens.text_attention is None:
        raise BindingError("tsam needs the text encoder's self-attention: none was computed")
    power = float(params.get("power", 3.0))
    stop = tokens.end
    attention = torch.as_tensor(tokens.text_attention, dtype=torch.float32)
    content = attention[1:stop, 1:stop].clamp_min(0.0) ** power
    content = content / content.sum(dim=1, keepdim=True).clamp_min(1e-12)
    below = torch.ones_like(content).tril(diagonal=-1)
    weight = 0.2 * torch.arange(content.shape[0], dtype=torch.float32)
    target = content * below
    flat = target.sum(dim=1) / (target.norm(dim=1) * below.sum(dim=1).sqrt()).clamp_min(1e-12)
    return TsamIndex(stop=stop, target=target.to(device), below=below.to(device),
                     weight=weight.to(device), flat_loss=float((weight * (1 - flat))[1:].sum()),
                     sigma=float(params.get("sigma", 0.5)))


def cosines(maps: torch.Tensor, index: TsamIndex) -> torch.Tensor:
    """(B, K): cos(T′[i, :i], S[i, :i]) for every token i (0 for i = 0)."""
    smoothed = smooth_tokens(maps[..., 1:index.stop], sigma=index.sigma).flatten(2)  # (B, K, P)
    unit = smoothed / smoothed.norm(dim=-1, keepdim=True).clamp_min(1e-12)
    similarity = (unit @ unit.transpose(1, 2)) * index.below  # (B, K, K), S[i, :i]
    dot = (similarity * index.target).sum(dim=-1)
    norms = similarity.norm(dim=-1) * index.target.norm(dim=-1)
    return dot / norms.clamp_min(1e-12)


def loss(maps: torch.Tensor, index: TsamIndex) -> torch.Tensor:
    if index.empty:
        return maps.new_zeros(maps.shape[0])
    return (index.weight * (1.0 - cosines(maps, index)))[:, 1:].sum(dim=1)


def refined(maps: torch.Tensor, index: TsamIndex, threshold: float) -> torch.Tensor:
    """Refinement is done once the loss is at most 1 − ``threshold`` of L₀, its value for maps
    that all look alike; a prompt whose L₀ is 0 has nothing to refine."""
    if index.empty or index.flat_loss <= FLAT:
        return torch.ones(maps.shape[0], dtype=torch.bool, device=maps.device)
    return loss(maps, index) <= (1.0 - threshold) * index.flat_loss


TSAM = register(Method(
    name="tsam",
    paper="Kim, Esmaeili & Qiu, Text Embedding is Not All You Need (T-SAM, CVPR 2025)",
    prepare=prepare,
    loss=loss,
    defaults={"power": 3.0, "sigma": 0.5},
    schedule=Schedule(guided=0.6, step_size=5.0, decay=True,
                      refine={0.0: 0.05, 0.2: 0.5, 0.4: 0.8}, max_refine=20),
    refined=refined,
    needs_text_attention=True,
    summary="1 − cosine between the text self-attention (power 3) and the cross-attention "
            "maps' similarity, later tokens weighted more; α = 5·sqrt(linspace(1, 0.5)), "
            "30 of 50 steps",
))
