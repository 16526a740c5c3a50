"""Straightforward reference implementations of the losses, written from the papers' formulas
pair by pair with ``torch.distributions`` (as the official SynGen code does). Slow and obvious
on purpose: the vectorised losses must agree with these."""

from __future__ import annotations

import itertools

import torch
from torch.distributions import Categorical, kl_divergence


def distribution(maps: torch.Tensor, position: int) -> Categorical:
    """One token's map (h, w, T) -> categorical over pixels (×100 then renormalised)."""
    flat = maps[..., position].reshape(-1) * 100
    return Categorical(probs=flat / flat.sum())


def sym_kl(maps: torch.Tensor, a: int, b: int) -> torch.Tensor:
    p, q = distribution(maps, a), distribution(maps, b)
    return 0.5 * (kl_divergence(p, q) + kl_divergence(q, p))


def entropy(maps: torch.Tensor, positions: tuple[int, ...]) -> torch.Tensor:
    return torch.stack([distribution(maps, p).entropy() for p in positions]).mean()


def word_dist(maps, word_a: tuple[int, ...], word_b: tuple[int, ...]) -> torch.Tensor:
    """Worst (largest) distance over piece pairs of two words."""
    return torch.stack([sym_kl(maps, a, b)
                        for a, b in itertools.product(word_a, word_b)]).max()


def syngen(maps: torch.Tensor, groups, content: list[int], include_entities: bool = False,
           lam: float = 0.0, gamma: float = 0.0) -> torch.Tensor:
    """SynGen's loss for one image: maps (h, w, T); groups [(noun pieces, [modifier pieces])]."""
    total = torch.zeros(())
    for noun, modifiers in groups:
        if not modifiers and not include_entities:
            continue
        in_set = set(noun) | {p for m in modifiers for p in m}
        outside = [u for u in content if u not in in_set]

        def mean_outside(word, outside=outside):
            if not outside:
                return torch.zeros(())
            return torch.stack([word_dist(maps, word, (u,)) for u in outside]).mean()

        h_outside = (torch.stack([entropy(maps, (u,)) for u in outside]).mean()
                     if outside else torch.zeros(()))
        if not modifiers:
            total = total - mean_outside(noun) - 0.5 * gamma * h_outside
            continue
        for modifier in modifiers:
            total = total + word_dist(maps, modifier, noun)
            total = total + lam * (entropy(maps, modifier) + entropy(maps, noun))
            total = total + 0.5 * (-mean_outside(noun) - mean_outside(modifier))
            total = total - 0.5 * gamma * h_outside
    return total
