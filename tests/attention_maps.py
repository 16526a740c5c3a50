"""Synthetic cross-attention maps shaped like Stable Diffusion's, for the scale checks.

No real model can run in the tests, so these maps copy the features of SD 1.x's 16×16
cross-attention (head- and layer-averaged) that decide the losses' scale: every pixel's attention
is a distribution over the 77 tokens; the start token takes most of it (``start`` of each pixel,
0.8 by default); the rest is spread over the other 76 tokens with a little per-pixel noise; and a
token that has "found" its object attends more inside a soft disk. ``strength`` is that extra
attention in logits: 0 is a map in which no token stands out yet (the early, unguided state
the refinement must not mistake for a finished one); 8 is a token that owns its region.
"""

from __future__ import annotations

import torch

SIZE = 16
TOKENS = 77


def sd_like_maps(regions: dict[int, tuple[float, float, float]], strength: float, *,
                 weaker: dict[int, float] | None = None, seed: int = 0, batch: int = 1,
                 start: float = 0.8, noise: float = 0.3, size: int = SIZE) -> torch.Tensor:
    """(batch, size, size, 77) attention probabilities.

    ``regions`` maps a token position to the (row, column, radius) of the disk it attends to;
    ``weaker`` lowers some tokens' strength by that many logits (an attribute that shares its
    entity's region but draws less attention than the entity).
    """
    generator = torch.Generator().manual_seed(seed)
    logits = torch.randn(batch, size, size, TOKENS - 1, generator=generator) * noise
    rows, cols = torch.meshgrid(torch.arange(size, dtype=torch.float32),
                                torch.arange(size, dtype=torch.float32), indexing="ij")
    for position, (row, col, radius) in regions.items():
        distance = ((rows - row) ** 2 + (cols - col) ** 2).sqrt()
        disk = torch.sigmoid(2.0 * (radius - distance))  # soft edge, about a pixel wide
        amount = max(strength - (weaker or {}).get(position, 0.0), 0.0)
        logits[..., position - 1] += amount * disk
    rest = (1.0 - start) * logits.softmax(dim=-1)
    return torch.cat([torch.full((batch, size, size, 1), start), rest], dim=-1)
