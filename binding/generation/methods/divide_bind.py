"""Divide & Bind (Li et al., BMVC 2023), as its reference code's ``tv_bind`` loss computes it.

The authors tuned their step size (20) and refinement thresholds on their code's numbers, not
on the paper's notation, so this follows the code, at its scale:

1. Maps: ×100 and softmax over the text tokens 1..75 (start and end excluded), each token map
   smoothed 3×3, σ = 0.5, reflect-padded (Attend-and-Excite's processing).
2. TV_e = mean|A_e[:, :-1] − A_e[:, 1:]| + mean|A_e[-1:, :] − A_e[1:, :]|: the mean absolute
   difference of each direction (PyTorch's L1Loss), not the paper's sum. The second term
   compares the last row with every row from the second on, a quirk of the code, kept: the
   thresholds were tuned with it (it rewards attention away from the bottom row).
3. An entity e with an attribute a: A_a ← A_a / max A_a · max A_e; p = softmax over pixels of
   A_e, q of A_a; t = 0.3·max p while TV_e < 0.1, else 0.2·max p (the entity's max for both);
   p ← ReLU(p − t) + 1e-5, q ← ReLU(q − t) + 1e-5 (not renormalised);
   JSD_e = ½(KL(p‖m) + KL(q‖m)), m = ½(p + q).
4. L = max over entities of −(TV_e − c·JSD_e), or −TV_e for an entity without attribute;
   c = 1, 5, 10 from steps 0, 10, 20 of 50 (from 0, 20 and 40 % of any step count).
5. Refinement at steps 0, 10, 20 until min_e TV_e ≥ 0.05, 0.2, 0.3, at most 20 iterations;
   α_i = 20·sqrt(linspace(1, 0.5, 50))[i] for the first 25 of 50 steps (Attend-and-Excite's).

Where this goes beyond the reference code (which binds one attribute token to one entity token,
on SD 1.x):

- Several attributes: every modifier of the entity (attribute, compound or count) is bound; each
  is rescaled and thresholded against the entity as above, and JSD_e is the mean of their
  divergences, so one attribute gives the reference's number and more do not change the scale.
- A word split into several BPE pieces: its map is the mean of its pieces' processed maps.
- SD 2.x and SDXL, whose padding is not the end token: the token softmax stops at the end token,
  as Attend-and-Excite does here (the reference softmaxes over positions 1..75 always).
- ``lambda`` multiplies c (1: the reference); ``ramp=false`` keeps c at ``lambda``.

The paper's form (a sum over neighbour differences) is not offered: it is about 240 times
larger, so the thresholds are met before any object has formed (tests/test_fidelity.py), and no
step size or thresholds were published for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

from binding.generation.methods.attend_excite import softmax_skip, softmax_stop
from binding.generation.methods.maps import TINY, padded, smooth_tokens, text_softmax
from binding.generation.methods.registry import Method, Schedule, register
from binding.generation.tokens import PromptTokens

RAMP = ((0.4, 10.0), (0.2, 5.0), (0.0, 1.0))  # (from this fraction of the steps, c)
SHARP_BELOW = 0.1  # TV under which the JSD threshold is the sharper one
SHARP, SOFT = 0.3, 0.2  # threshold factors of max p
FLOOR = 1e-5  # added to the thresholded distributions


@dataclass(frozen=True)
class DivideBindIndex:
    stop: int
    entity: torch.Tensor  # (E, M) pieces of each entity (rows: position - 1)
    entity_mask: torch.Tensor
    pair_attribute: torch.Tensor  # (P, Ma) pieces of each attribute
    pair_attribute_mask: torch.Tensor
    pair_entity: torch.Tensor  # (P,) entity of each attribute
    attributes: torch.Tensor  # (E,) how many attributes each entity has
    bind_weight: torch.Tensor  # () c at the current step: a tensor, so graphs see updates
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
    owner = torch.tensor(owners, dtype=torch.long)
    lam = float(params.get("lambda", 1.0))
    stop = softmax_stop(tokens)
    return DivideBindIndex(
        stop=stop, skip=softmax_skip(tokens, stop, device), entity=entity,
        entity_mask=entity_mask,
        pair_attribute=attribute, pair_attribute_mask=attribute_mask,
        pair_entity=owner.to(device),
        attributes=torch.bincount(owner, minlength=len(entities)).to(device),
        bind_weight=torch.tensor(lam, device=device), lam=lam,
        ramp=bool(params.get("ramp", True)), sigma=float(params.get("sigma", 0.5)),
    )


def at_step(index: DivideBindIndex, step: int, steps: int) -> None:
    """c for this step (the reference code's ramp), written into the index in place."""
    factor = 1.0
    if index.ramp:
        factor = next(f for start, f in RAMP if step >= round(start * steps))
    index.bind_weight.fill_(index.lam * factor)


def word_maps(maps: torch.Tensor, rows: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """(B, W, h, w): the mean map of each word's pieces."""
    picked = maps[:, rows]  # (B, W, M, h, w)
    weights = mask.to(maps.dtype)[None, :, :, None, None]
    return (picked * weights).sum(dim=2) / weights.sum(dim=2).clamp_min(1.0)


def total_variation(maps: torch.Tensor) -> torch.Tensor:
    """(B, K) the reference code's TV of (B, K, h, w) maps: mean absolute differences along
    rows, plus the last row against every row from the second on (its quirk)."""
    horizontal = (maps[..., :, :-1] - maps[..., :, 1:]).abs().mean(dim=(-2, -1))
    last_row = (maps[..., -1:, :] - maps[..., 1:, :]).abs().mean(dim=(-2, -1))
    return horizontal + last_row


def entity_maps(maps: torch.Tensor, index: DivideBindIndex) -> tuple[torch.Tensor, torch.Tensor]:
    """Every token's processed map (B, K, h, w) and each entity's (B, E, h, w)."""
    processed = smooth_tokens(text_softmax(maps, index.stop, skip=index.skip), sigma=index.sigma)
    return processed, word_maps(processed, index.entity, index.entity_mask)


def jsd(p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
    """½(KL(p‖m) + KL(q‖m)), m = ½(p + q), over the last axis (p, q positive)."""
    m = 0.5 * (p + q)
    return 0.5 * ((p * (p / m).log()).sum(dim=-1) + (q * (q / m).log()).sum(dim=-1))


def binding(processed: torch.Tensor, entity: torch.Tensor, variation: torch.Tensor,
            index: DivideBindIndex) -> torch.Tensor:
    """(B, P) the thresholded JSD of every attribute against its entity."""
    owner = entity[:, index.pair_entity]  # (B, P, h, w)
    attribute = word_maps(processed, index.pair_attribute, index.pair_attribute_mask)
    peak = owner.amax(dim=(-2, -1), keepdim=True)
    attribute = attribute / attribute.amax(dim=(-2, -1), keepdim=True).clamp_min(TINY) * peak
    p = owner.flatten(2).softmax(dim=-1)
    q = attribute.flatten(2).softmax(dim=-1)
    sharp = variation[:, index.pair_entity] < SHARP_BELOW  # (B, P)
    factor = torch.where(sharp, SHARP, SOFT).to(p.dtype)
    threshold = factor.unsqueeze(-1) * p.amax(dim=-1, keepdim=True)
    p = (p - threshold).relu() + FLOOR
    q = (q - threshold).relu() + FLOOR
    return jsd(p, q)


def loss(maps: torch.Tensor, index: DivideBindIndex) -> torch.Tensor:
    if index.entity.shape[0] == 0:
        return maps.new_zeros(maps.shape[0])
    processed, entity = entity_maps(maps, index)
    variation = total_variation(entity)  # (B, E)
    if index.pair_attribute.shape[0] == 0:
        return (-variation).amax(dim=1)
    divergence = binding(processed, entity, variation, index)  # (B, P)
    per_entity = divergence.new_zeros(variation.shape).index_add(1, index.pair_entity, divergence)
    per_entity = per_entity / index.attributes.clamp_min(1).to(per_entity.dtype)
    return (-(variation - index.bind_weight * per_entity)).amax(dim=1)


def refined(maps: torch.Tensor, index: DivideBindIndex, threshold: float) -> torch.Tensor:
    """Refinement is done once the least-varied entity's map has TV ``threshold`` or more."""
    if index.entity.shape[0] == 0:
        return torch.ones(maps.shape[0], dtype=torch.bool, device=maps.device)
    return total_variation(entity_maps(maps, index)[1]).amin(dim=1) >= threshold


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
    summary="the reference code's tv_bind: max over entities of −(TV − c·JSD(attribute, "
            "entity)), TV as a mean, c ramped 1/5/10; A&E schedule, refinement on the "
            "minimum TV at 0/10/20",
))
