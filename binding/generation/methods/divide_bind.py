"""Divide & Bind (Li et al., BMVC 2023).

On Attend-and-Excite's maps (softmax over the text tokens, smoothed):

    L_attend = −min over entities s of TV(Â_s),  TV = Σ|Â[i+1, j] − Â[i, j]| + |Â[i, j+1] − Â[i, j]|
    L_bind   = mean over (attribute, entity) pairs of JSD(Ã_attr ‖ Ã_entity)
    L        = L_attend + λ L_bind

For the binding term the attribute map is first rescaled to the entity map's range, and both
are softmax-normalised over space. A multi-piece word's map is the mean of its pieces'. The
total-variation term follows the paper (the official code's vertical term differs). λ (default
1) is multiplied by 1, 5 and 10 from steps 0, 10 and 20 on, as the official code ramps it
(``ramp=false`` keeps it constant). Schedule as Attend-and-Excite; refinement at steps 0, 10,
20 until the smallest TV reaches 0.05, 0.2, 0.3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

from binding.generation.methods.attend_excite import softmax_skip, softmax_stop
from binding.generation.methods.maps import padded, smooth_tokens, text_softmax, total_variation
from binding.generation.methods.registry import Method, Schedule, register
from binding.generation.tokens import PromptTokens

RAMP = ((0.4, 10.0), (0.2, 5.0), (0.0, 1.0))  # (from this fraction of the steps, λ factor)


@dataclass(frozen=True)
class DivideBindIndex:
    stop: int
    entity: torch.Tensor  # (E, M) pieces of each entity (rows: position - 1)
    entity_mask: torch.Tensor
    pair_attribute: torch.Tensor  # (P, Ma)
    pair_attribute_mask: torch.Tensor
    pair_entity: torch.Tensor  # (P,) entity row of each pair
    bind_weight: torch.Tensor  # () λ at the current step: a tensor, so graphs see updates
    lam: float
    ramp: bool
    sigma: float
    skip: torch.Tensor | None = None  # rows left out of the softmax (a chunked prompt's markers)


def prepare(tokens: PromptTokens, params: Mapping[str, Any],
            device: torch.device) -> DivideBindIndex:
    entities = [[p - 1 for p in g.entity.positions] for g in tokens.groups]
    attributes, owners = [], []
    for n, group in enumerate(tokens.groups):
        for modifier in group.modifiers:
            attributes.append([p - 1 for p in modifier.positions])
            owners.append(n)
    entity, entity_mask = padded(entities, device)
    attribute, attribute_mask = padded(attributes, device)
    lam = float(params.get("lambda", 1.0))
    stop = softmax_stop(tokens)
    return DivideBindIndex(
        stop=stop, skip=softmax_skip(tokens, stop, device), entity=entity,
        entity_mask=entity_mask,
        pair_attribute=attribute, pair_attribute_mask=attribute_mask,
        pair_entity=torch.tensor(owners, dtype=torch.long, device=device),
        bind_weight=torch.tensor(lam, device=device), lam=lam,
        ramp=bool(params.get("ramp", True)), sigma=float(params.get("sigma", 0.5)),
    )


def at_step(index: DivideBindIndex, step: int, steps: int) -> None:
    """λ for this step (the official code's ramp), written into the index in place."""
    factor = 1.0
    if index.ramp:
        factor = next(f for start, f in RAMP if step >= round(start * steps))
    index.bind_weight.fill_(index.lam * factor)


def word_maps(maps: torch.Tensor, rows: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """(B, W, h, w): the mean map of each word's pieces."""
    picked = maps[:, rows]  # (B, W, M, h, w)
    weights = mask.to(maps.dtype)[None, :, :, None, None]
    return (picked * weights).sum(dim=2) / weights.sum(dim=2).clamp_min(1.0)


def entity_variation(maps: torch.Tensor, index: DivideBindIndex) -> torch.Tensor:
    """(B, E) total variation of each entity's processed map."""
    processed = smooth_tokens(text_softmax(maps, index.stop, skip=index.skip), sigma=index.sigma)
    return total_variation(word_maps(processed, index.entity, index.entity_mask))


def jsd(p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
    """Jensen-Shannon divergence over the last axis of distributions p, q."""
    m = 0.5 * (p + q)
    log_m = m.clamp_min(1e-12).log()

    def kl(a: torch.Tensor) -> torch.Tensor:
        return (a * (a.clamp_min(1e-12).log() - log_m)).sum(dim=-1)

    return 0.5 * (kl(p) + kl(q))


def loss(maps: torch.Tensor, index: DivideBindIndex) -> torch.Tensor:
    batch = maps.shape[0]
    if index.entity.shape[0] == 0:
        return maps.new_zeros(batch)
    processed = smooth_tokens(text_softmax(maps, index.stop, skip=index.skip), sigma=index.sigma)
    entity = word_maps(processed, index.entity, index.entity_mask)  # (B, E, h, w)
    attend = -total_variation(entity).amin(dim=1)
    if index.pair_attribute.shape[0] == 0:
        return attend
    attribute = word_maps(processed, index.pair_attribute, index.pair_attribute_mask).flatten(2)
    owner = entity.flatten(2)[:, index.pair_entity]  # (B, P, pixels)
    low, high = owner.amin(dim=-1, keepdim=True), owner.amax(dim=-1, keepdim=True)
    a_low, a_high = attribute.amin(dim=-1, keepdim=True), attribute.amax(dim=-1, keepdim=True)
    rescaled = (attribute - a_low) / (a_high - a_low).clamp_min(1e-12) * (high - low) + low
    bind = jsd(rescaled.softmax(dim=-1), owner.softmax(dim=-1)).mean(dim=1)  # over pairs
    return attend + index.bind_weight * bind


def refined(maps: torch.Tensor, index: DivideBindIndex, threshold: float) -> torch.Tensor:
    """Refinement is done once the least-attended entity's map varies by ``threshold``."""
    if index.entity.shape[0] == 0:
        return torch.ones(maps.shape[0], dtype=torch.bool, device=maps.device)
    return entity_variation(maps, index).amin(dim=1) >= threshold


DIVIDE_BIND = register(Method(
    name="divide-bind",
    paper="Li et al., Divide & Bind Your Attention (BMVC 2023)",
    prepare=prepare,
    loss=loss,
    defaults={"lambda": 1.0, "ramp": True, "sigma": 0.5},
    schedule=Schedule(guided=0.5, step_size=20.0, decay=True,
                      refine={0.0: 0.05, 0.2: 0.2, 0.4: 0.3}, max_refine=20),
    refined=refined,
    at_step=at_step,
    summary="−min TV of entity maps + λ·JSD(attribute ‖ entity), λ ramped 1/5/10; "
            "A&E schedule, refinement on the minimum TV at 0/10/20",
))
