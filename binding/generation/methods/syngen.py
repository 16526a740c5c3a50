"""SynGen (Rassin et al., NeurIPS 2023) and its entropy-regularised variant.

For each entity set S = (modifiers M, noun n), with U every prompt token outside S (start and
end excluded, function words included) and dist the symmetric KL between token maps normalised
over pixels:

    L_pos = Σ_m dist(A_m, A_n)
    L_neg = Σ_m ½ [ −mean_u dist(A_n, A_u) − mean_u dist(A_m, A_u) ]

A word split into several BPE pieces compares by its worst piece (the max over piece pairs).
A noun without modifiers contributes −mean_u dist(A_n, A_u) when ``include_entities`` is on
(off by default, as in the paper). All pairwise distances come from one (T×T) matrix per image,
so the cost does not grow with the number of pairs.

``syngen-entropy`` adds λ(H(A_m) + H(A_n)) to each related pair (related maps: similar and
concentrated) and γ·H(A_u) inside each unrelated term, with the sign that makes unrelated maps
more diffuse: L_neg = Σ_m −mean_u ½(dist(A_m, A_u) + dist(A_u, A_n) + γ H(A_u)). A multi-piece
word's entropy is the mean over its pieces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

from binding.generation.methods.maps import (
    entropy,
    masked_max,
    masked_mean,
    padded,
    symmetric_kl_matrix,
    token_distributions,
)
from binding.generation.methods.registry import Method, Schedule, register
from binding.generation.tokens import PromptTokens


@dataclass(frozen=True)
class SynGenIndex:
    """Index tensors over the prompt's content tokens (row k is position k + 1)."""

    content: torch.Tensor  # (K,) token positions of the prompt's own tokens
    modifier: torch.Tensor  # (P, Mm) pieces of each pair's modifier, padded
    modifier_mask: torch.Tensor
    noun: torch.Tensor  # (P, Mn) pieces of each pair's noun
    noun_mask: torch.Tensor
    word: torch.Tensor  # (R, Mw) pieces of each word with a negative term
    word_mask: torch.Tensor
    outside: torch.Tensor  # (R, K) bool: the tokens U outside that word's set
    weight: torch.Tensor  # (R,) coefficient of that word's mean distance to U
    entropy_weight: torch.Tensor  # (R,) coefficient of mean_u H(A_u) (γ term), 0 for SynGen
    pair_entropy: float  # λ (0 for SynGen)
    outside_entropy: float  # γ (0 for SynGen)

    @property
    def empty(self) -> bool:
        return self.modifier.shape[0] == 0 and self.word.shape[0] == 0


def prepare(tokens: PromptTokens, params: Mapping[str, Any], device: torch.device) -> SynGenIndex:
    include_entities = bool(params.get("include_entities", False))
    lam = float(params.get("lambda", 0.0))
    gamma = float(params.get("gamma", 0.0))
    content = list(tokens.content)
    row = {position: k for k, position in enumerate(content)}

    def rows(positions: tuple[int, ...]) -> list[int]:
        return [row[p] for p in positions]

    modifiers, nouns, words, outside, weights, entropy_weights = [], [], [], [], [], []
    for group in tokens.groups:
        if not group.modifiers and not include_entities:
            continue
        in_set = {p for w in (group.entity, *group.modifiers) for p in w.positions}
        mask = [position not in in_set for position in content]
        pairs = len(group.modifiers)
        for modifier in group.modifiers:
            modifiers.append(rows(modifier.positions))
            nouns.append(rows(group.entity.positions))
            words.append(rows(modifier.positions))
            outside.append(mask)
            weights.append(-0.5)
            entropy_weights.append(0.0)
        # the noun's negative term: ½ per pair, or whole for a noun without modifiers
        words.append(rows(group.entity.positions))
        outside.append(mask)
        weights.append(-0.5 * pairs if pairs else -1.0)
        entropy_weights.append(-0.5 * gamma * max(pairs, 1))
    modifier, modifier_mask = padded(modifiers, device)
    noun, noun_mask = padded(nouns, device)
    word, word_mask = padded(words, device)
    return SynGenIndex(
        content=torch.tensor(content, dtype=torch.long, device=device),
        modifier=modifier, modifier_mask=modifier_mask, noun=noun, noun_mask=noun_mask,
        word=word, word_mask=word_mask,
        outside=torch.tensor(outside, dtype=torch.bool, device=device).reshape(
            len(words), len(content)),
        weight=torch.tensor(weights, dtype=torch.float32, device=device),
        entropy_weight=torch.tensor(entropy_weights, dtype=torch.float32, device=device),
        pair_entropy=lam,
        outside_entropy=gamma,
    )


def loss(maps: torch.Tensor, index: SynGenIndex) -> torch.Tensor:
    """(B,) SynGen loss of each image from (B, h, w, T) attention maps."""
    batch = maps.shape[0]
    if index.empty:
        return maps.new_zeros(batch)
    p = token_distributions(maps, index.content)  # (B, K, pixels)
    dist = symmetric_kl_matrix(p)  # (B, K, K)
    total = maps.new_zeros(batch)
    if index.modifier.shape[0]:
        pair = dist[:, index.modifier[:, :, None], index.noun[:, None, :]]  # (B, P, Mm, Mn)
        valid = index.modifier_mask[:, :, None] & index.noun_mask[:, None, :]
        total = total + masked_max(pair, valid, dims=(2, 3)).sum(dim=1)
    word_dist = masked_max(dist[:, index.word], index.word_mask[:, :, None], dims=(2,))  # (B,R,K)
    total = total + (masked_mean(word_dist, index.outside, dim=2) * index.weight).sum(dim=1)
    if index.pair_entropy or index.outside_entropy:
        h = entropy(p)  # (B, K)
        if index.modifier.shape[0] and index.pair_entropy:
            h_mod = masked_mean(h[:, index.modifier], index.modifier_mask, dim=2)
            h_noun = masked_mean(h[:, index.noun], index.noun_mask, dim=2)
            total = total + index.pair_entropy * (h_mod + h_noun).sum(dim=1)
        if index.outside_entropy:
            h_outside = masked_mean(h[:, None, :].expand(-1, index.outside.shape[0], -1),
                                    index.outside, dim=2)  # (B, R)
            total = total + (h_outside * index.entropy_weight).sum(dim=1)
    return total


SYNGEN = register(Method(
    name="syngen",
    paper="Rassin et al., Linguistic Binding in Diffusion Models (NeurIPS 2023)",
    prepare=prepare,
    loss=loss,
    defaults={"include_entities": False},
    schedule=Schedule(guided=0.5, step_size=20.0),
    summary="symmetric-KL positive term per entity-modifier pair, negative term against "
            "unrelated tokens; 25 of 50 steps, α = 20",
))

SYNGEN_ENTROPY = register(Method(
    name="syngen-entropy",
    paper="SynGen with entropy regularisation (UCLA course project write-up, Dec 2024)",
    prepare=prepare,
    loss=loss,
    defaults={"include_entities": False, "lambda": 0.1, "gamma": 0.1},
    schedule=Schedule(guided=0.5, step_size=20.0),
    summary="SynGen + λ·entropy of related maps (concentrate) − γ·entropy of unrelated maps "
            "(diffuse); λ = γ = 0.1",
))
