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


# --- Attend-and-Excite, Divide & Bind, T-SAM: pixel loops over one image's maps (h, w, T) ---

def gaussian_kernel(sigma: float = 0.5) -> list[list[float]]:
    """The A&E code's 3x3 kernel, exp(-((x - mu) / (2 sigma))^2), normalised."""
    import math

    k1 = [math.exp(-(((x - 1) / (2 * sigma)) ** 2)) for x in range(3)]
    k2 = [[a * b for b in k1] for a in k1]
    total = sum(sum(row) for row in k2)
    return [[v / total for v in row] for row in k2]


def smooth(image: torch.Tensor, sigma: float = 0.5) -> torch.Tensor:
    """3x3 Gaussian with reflect padding, written out pixel by pixel."""
    h, w = image.shape
    kernel = gaussian_kernel(sigma)

    def at(i: int, j: int) -> torch.Tensor:
        i = -i if i < 0 else (2 * (h - 1) - i if i >= h else i)  # reflect
        j = -j if j < 0 else (2 * (w - 1) - j if j >= w else j)
        return image[i, j]

    out = torch.zeros_like(image)
    for i in range(h):
        for j in range(w):
            out[i, j] = sum(kernel[a][b] * at(i + a - 1, j + b - 1)
                            for a in range(3) for b in range(3))
    return out


def text_softmax(maps: torch.Tensor, stop: int) -> torch.Tensor:
    """(h, w, stop - 1): tokens 1..stop-1, x100, softmax over them at each pixel."""
    return torch.softmax(maps[..., 1:stop] * 100, dim=-1)


def attend_excite(maps: torch.Tensor, subjects: list[list[int]], stop: int) -> torch.Tensor:
    soft = text_softmax(maps, stop)
    losses = []
    for pieces in subjects:
        best = max(smooth(soft[..., p - 1]).max() for p in pieces)
        losses.append(1 - best)
    return max(losses)


def total_variation(image: torch.Tensor) -> torch.Tensor:
    h, w = image.shape
    total = torch.zeros(())
    for i in range(h):
        for j in range(w):
            if i + 1 < h:
                total = total + (image[i + 1, j] - image[i, j]).abs()
            if j + 1 < w:
                total = total + (image[i, j + 1] - image[i, j]).abs()
    return total


def jsd(p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
    m = (p + q) / 2
    return 0.5 * (p * (p / m).log()).sum() + 0.5 * (q * (q / m).log()).sum()


def divide_bind(maps, entities, pairs, stop: int, lam: float) -> torch.Tensor:
    """entities: [pieces]; pairs: [(attribute pieces, entity number)]."""
    soft = text_softmax(maps, stop)
    smoothed = {p: smooth(soft[..., p - 1]) for p in range(1, stop)}

    def word(pieces):
        return sum(smoothed[p] for p in pieces) / len(pieces)

    attend = -min(total_variation(word(e)) for e in entities)
    if not pairs:
        return attend
    binds = []
    for attribute, owner in pairs:
        a, o = word(attribute).flatten(), word(entities[owner]).flatten()
        a = (a - a.min()) / (a.max() - a.min()) * (o.max() - o.min()) + o.min()
        binds.append(jsd(torch.softmax(a, 0), torch.softmax(o, 0)))
    return attend + lam * sum(binds) / len(binds)


def tsam(maps: torch.Tensor, attention: torch.Tensor, stop: int, power: float = 3.0):
    """T-SAM's loss, token by token."""
    n = stop - 1
    t = attention[1:stop, 1:stop] ** power
    t = t / t.sum(dim=1, keepdim=True)
    smoothed = [smooth(maps[..., p]).flatten() for p in range(1, stop)]
    total = torch.zeros(())
    for i in range(1, n):
        s_row = torch.stack([torch.nn.functional.cosine_similarity(smoothed[i], smoothed[j], 0)
                             for j in range(i)])
        cos = torch.nn.functional.cosine_similarity(t[i, :i], s_row, 0)
        total = total + 0.2 * i * (1 - cos)
    return total
