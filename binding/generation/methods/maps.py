"""Tensor math the losses share, vectorised over the batch and over tokens.

Maps come from capture as (B, height, width, T): attention probabilities averaged over heads and
layers, fp32, T the full token axis (start token at 0, padding included).
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

# Floor under probabilities before a log: float32's eps, as torch.distributions.Categorical
# (and so the official SynGen code) clamps. It bounds the distance of near-disjoint maps.
TINY = torch.finfo(torch.float32).eps


def token_distributions(maps: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
    """(B, K, pixels): the maps of ``positions``, each normalised to sum to one over pixels.

    SynGen's "multiply by 100 and renormalise" is this normalisation (the factor cancels).
    """
    flat = maps.flatten(1, 2)[..., positions]  # (B, pixels, K)
    flat = flat / flat.sum(dim=1, keepdim=True).clamp_min(TINY)
    return flat.transpose(1, 2)


def symmetric_kl_matrix(p: torch.Tensor) -> torch.Tensor:
    """(B, K, K) with entry [i, j] = ½(KL(p_i‖p_j) + KL(p_j‖p_i)) for distributions (B, K, N).

    One matmul for all pairs: KL(p_i‖p_j) = Σ p_i log p_i − Σ p_i log p_j.
    """
    log_p = p.clamp_min(TINY).log()
    self_term = (p * log_p).sum(dim=-1)  # (B, K): −H(p_i)
    cross = p @ log_p.transpose(1, 2)  # (B, K, K): Σ p_i log p_j
    kl = self_term.unsqueeze(-1) - cross
    return 0.5 * (kl + kl.transpose(1, 2))


def entropy(p: torch.Tensor) -> torch.Tensor:
    """(B, K) Shannon entropy (nats) of distributions (B, K, N)."""
    return -(p * p.clamp_min(TINY).log()).sum(dim=-1)


def masked_max(values: torch.Tensor, mask: torch.Tensor, dims: tuple[int, ...]) -> torch.Tensor:
    """Max of ``values`` over ``dims`` where ``mask`` is true (padding of ragged index sets)."""
    return values.masked_fill(~mask, float("-inf")).amax(dim=dims)


def masked_mean(values: torch.Tensor, mask: torch.Tensor, dim: int) -> torch.Tensor:
    """Mean of ``values`` over ``dim`` where ``mask`` is true; 0 where nothing is."""
    mask = mask.to(values.dtype).expand_as(values)
    return (values * mask).sum(dim=dim) / mask.sum(dim=dim).clamp_min(1.0)


def gaussian_smooth(maps: torch.Tensor, sigma: float = 0.5, size: int = 3) -> torch.Tensor:
    """Smooth (B, K, h, w) maps with a normalised size×size Gaussian, reflect padding.

    The kernel follows the Attend-and-Excite code's formula exp(−((x−μ)/(2σ))²), whose effective
    σ is √2·``sigma`` (≈ 0.71 for σ = 0.5), so results match that family of methods.
    """
    coords = torch.arange(size, dtype=maps.dtype, device=maps.device) - (size - 1) / 2
    kernel_1d = torch.exp(-((coords / (2 * sigma)) ** 2))
    kernel = torch.outer(kernel_1d, kernel_1d)
    kernel = (kernel / kernel.sum()).expand(maps.shape[1], 1, size, size)
    padded = F.pad(maps, (size // 2,) * 4, mode="reflect")
    return F.conv2d(padded, kernel, groups=maps.shape[1])


def padded(groups: list[list[int]], device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """Ragged index lists as a (G, M) long tensor padded with 0, and its validity mask."""
    width = max((len(g) for g in groups), default=1) or 1
    index = torch.zeros(len(groups), width, dtype=torch.long)
    mask = torch.zeros(len(groups), width, dtype=torch.bool)
    for row, group in enumerate(groups):
        index[row, : len(group)] = torch.tensor(group, dtype=torch.long)
        mask[row, : len(group)] = True
    return index.to(device), mask.to(device)


def text_softmax(maps: torch.Tensor, stop: int, temperature: float = 100.0,
                 skip: torch.Tensor | None = None) -> torch.Tensor:
    """(B, h, w, stop - 1): maps of tokens 1..stop-1, ×100 and softmax over those tokens at
    each pixel (the Attend-and-Excite family's view: the start token, which takes most of the
    attention, is left out, and so is everything from ``stop`` on). ``skip`` (stop - 1,) marks
    tokens that get no share (a long prompt's inner start tokens: attention sinks too)."""
    logits = maps[..., 1:stop] * temperature
    if skip is not None:
        logits = logits.masked_fill(skip, float("-inf"))
    return logits.softmax(dim=-1)


def smooth_tokens(maps: torch.Tensor, sigma: float = 0.5, size: int = 3) -> torch.Tensor:
    """Gaussian smoothing of every token's map: (B, h, w, K) -> (B, K, h, w)."""
    return gaussian_smooth(maps.permute(0, 3, 1, 2).contiguous(), sigma=sigma, size=size)

