"""Straightforward reference implementations of the losses, slow and obvious on purpose: the
vectorised losses must agree with these.

SynGen is written from the paper's formula pair by pair with ``torch.distributions`` (as the
official SynGen code does); Divide & Bind from the facts of its reference code's ``tv_bind`` loss
(issue 19), loop by loop; Attend-and-Excite and T-SAM from METHODS.md, pixel by pixel.
(Attend-and-Excite is also checked against diffusers' own implementation in test_fidelity.py.)"""

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


def tv_bind_variation(image: torch.Tensor) -> torch.Tensor:
    """Divide & Bind's reference TV of one (h, w) map: the mean of |A[i, j] - A[i, j + 1]| plus
    the mean of |A[h - 1, j] - A[i, j]| over the rows i from the second on (the code's quirk)."""
    h, w = image.shape
    horizontal = [(image[i, j] - image[i, j + 1]).abs() for i in range(h) for j in range(w - 1)]
    last_row = [(image[h - 1, j] - image[i, j]).abs() for i in range(1, h) for j in range(w)]
    return sum(horizontal) / len(horizontal) + sum(last_row) / len(last_row)


def tv_bind_weight(step: int, lam: float = 1.0, ramp: bool = True) -> float:
    """c: 1 before step 10, 5 from step 10, 10 from step 20 (of 50)."""
    if not ramp:
        return lam
    return lam * (1.0 if step < 10 else 5.0 if step < 20 else 10.0)


def divide_bind(maps: torch.Tensor, entities: list[list[int]],
                attributes: dict[int, list[list[int]]], stop: int, step: int,
                lam: float = 1.0, ramp: bool = True, sharp_below: float = 0.1) -> torch.Tensor:
    """The reference code's tv_bind loss for one image, fact by fact (issue 19).

    entities: the pieces of each entity; attributes: entity number -> its attributes' pieces
    (the reference binds one; with several, the mean of their divergences, as ours).
    ``sharp_below`` moves the threshold switch, so a test can show the switch matters.
    """
    soft = text_softmax(maps, stop)
    needed = {p for e in entities for p in e} | {
        p for group in attributes.values() for a in group for p in a}
    smoothed = {p: smooth(soft[..., p - 1]) for p in sorted(needed)}

    def word(pieces):
        return sum(smoothed[p] for p in pieces) / len(pieces)

    c = tv_bind_weight(step, lam, ramp)
    terms = []
    for n, pieces in enumerate(entities):
        a_e = word(pieces)
        tv = tv_bind_variation(a_e)
        if not attributes.get(n):
            terms.append(-tv)
            continue
        divergences = []
        for attribute in attributes[n]:
            a_a = word(attribute)
            a_a = a_a / a_a.max() * a_e.max()
            p = torch.softmax(a_e.flatten(), dim=0)
            q = torch.softmax(a_a.flatten(), dim=0)
            t = (0.3 if tv < sharp_below else 0.2) * p.max()
            p = [torch.relu(x - t) + 1e-5 for x in p]
            q = [torch.relu(x - t) + 1e-5 for x in q]
            m = [(x + y) / 2 for x, y in zip(p, q, strict=True)]
            kl_p = sum(x * (x / z).log() for x, z in zip(p, m, strict=True))
            kl_q = sum(y * (y / z).log() for y, z in zip(q, m, strict=True))
            divergences.append(0.5 * (kl_p + kl_q))
        terms.append(-(tv - c * sum(divergences) / len(divergences)))
    return max(terms)


def cosine(u, v) -> torch.Tensor:
    """Cosine of two vectors, element by element."""
    dot = sum(a * b for a, b in zip(u, v, strict=True))
    return dot / (sum(a * a for a in u).sqrt() * sum(b * b for b in v).sqrt())


def tsam(maps: torch.Tensor, attention: torch.Tensor, stop: int, power: float = 3.0):
    """METHODS.md's T-SAM loss for one image, entry by entry: T′ is the text self-attention
    without the start token, the end token and padding, raised to ``power`` and renormalised
    by rows; S[i][j] the cosine of tokens i and j's smoothed maps (no softmax);
    L = Σ_{i≥1} 0.2·i·(1 − cos(T′[i, :i], S[i, :i]))."""
    tokens = list(range(1, stop))
    t = [[attention[a, b] ** power for b in tokens] for a in tokens]
    t = [[x / sum(row) for x in row] for row in t]
    smoothed = [smooth(maps[..., p]).flatten() for p in tokens]
    total = torch.zeros(())
    for i in range(1, len(tokens)):
        s_row = [cosine(smoothed[i], smoothed[j]) for j in range(i)]
        total = total + 0.2 * i * (1 - cosine(t[i][:i], s_row))
    return total
