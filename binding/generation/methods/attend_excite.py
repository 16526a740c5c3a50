"""Attend-and-Excite (Chefer et al., SIGGRAPH 2023).

Maps ×100 and softmax over the text tokens without the start token (SD 1.x: up to the last
position, as the paper's code; SD 2.x and SDXL, whose padding is not the end token: up to the end
token), then Gaussian smoothing (3×3, σ = 0.5). Each entity is excited by its most attended
pixel:

    L = max over entities s of (1 − max_pixels Â_s)

A word split into several pieces counts by its best piece. The entities come from the spec: no
hand-picked token indices. Schedule: updates in the first 25 of 50 steps with
α_i = 20·sqrt(linspace(1, 0.5, 50))[i], and iterative refinement at steps 0, 10 and 20 until the
loss is at most 1 − {0.05, 0.5, 0.8}, at most 20 iterations.

Loss, thresholds and step sizes equal diffusers' StableDiffusionAttendAndExcitePipeline's on
SD 1.x (tests/test_fidelity.py). Different on purpose: the softmax stop on SD 2.x and SDXL, a
multi-piece entity by its best piece (diffusers takes one index per subject), and no gradient
forward after the guided steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

from binding.generation.methods.maps import masked_max, padded, smooth_tokens, text_softmax
from binding.generation.methods.registry import Method, Schedule, register
from binding.generation.tokens import PromptTokens

REFINEMENT = {0.0: 0.05, 0.2: 0.5, 0.4: 0.8}  # steps 0, 10, 20 of 50


@dataclass(frozen=True)
class SubjectIndex:
    """Entity pieces as rows of the softmaxed token axis (position p is row p - 1)."""

    stop: int  # softmax over token positions 1 .. stop - 1
    subject: torch.Tensor  # (E, M) pieces of each entity, padded
    subject_mask: torch.Tensor
    sigma: float
    skip: torch.Tensor | None = None  # rows left out of the softmax (a chunked prompt's markers)

    @property
    def empty(self) -> bool:
        return self.subject.shape[0] == 0


def softmax_stop(tokens: PromptTokens) -> int:
    """Where the token softmax ends: at the end token when padding is not the end token."""
    return tokens.size - 1 if tokens.pads_with_end else tokens.end


def softmax_skip(tokens: PromptTokens, stop: int, device: torch.device) -> torch.Tensor | None:
    """Rows of the token softmax that get no share, for a prompt in chunks: every inner
    chunk's start token (and, where padding is not the end token, its end and padding), as the
    start token and padding are left out of a prompt in one window. None in one window."""
    if tokens.chunks == 1:
        return None
    content = set(tokens.content)
    starts = range(tokens.max_length, stop, tokens.max_length)
    skipped = set(starts) if tokens.pads_with_end else set(range(1, stop)) - content
    skip = torch.zeros(stop - 1, dtype=torch.bool)
    skip[[p - 1 for p in sorted(skipped)]] = True
    return skip.to(device)


def prepare(tokens: PromptTokens, params: Mapping[str, Any], device: torch.device) -> SubjectIndex:
    subjects = [[p - 1 for p in g.entity.positions] for g in tokens.groups]
    subject, mask = padded(subjects, device)
    stop = softmax_stop(tokens)
    return SubjectIndex(stop=stop, subject=subject, subject_mask=mask,
                        sigma=float(params.get("sigma", 0.5)),
                        skip=softmax_skip(tokens, stop, device))


def processed(maps: torch.Tensor, index: SubjectIndex) -> torch.Tensor:
    """(B, K, h, w): softmax over the text tokens, then smoothed."""
    return smooth_tokens(text_softmax(maps, index.stop, skip=index.skip), sigma=index.sigma)


def subject_peaks(maps: torch.Tensor, index: SubjectIndex) -> torch.Tensor:
    """(B, E): each entity's highest attention anywhere in the image."""
    peaks = processed(maps, index).amax(dim=(-2, -1))  # (B, K)
    return masked_max(peaks[:, index.subject], index.subject_mask, dims=(2,))


def loss(maps: torch.Tensor, index: SubjectIndex) -> torch.Tensor:
    if index.empty:
        return maps.new_zeros(maps.shape[0])
    return (1.0 - subject_peaks(maps, index)).amax(dim=1)


def refined(maps: torch.Tensor, index: SubjectIndex, threshold: float) -> torch.Tensor:
    """Refinement is done once every entity peaks at ``threshold`` or more."""
    return loss(maps, index) <= 1.0 - threshold


ATTEND_EXCITE = register(Method(
    name="attend-excite",
    paper="Chefer et al., Attend-and-Excite (SIGGRAPH 2023)",
    prepare=prepare,
    loss=loss,
    defaults={"sigma": 0.5},
    schedule=Schedule(guided=0.5, step_size=20.0, decay=True, refine=REFINEMENT,
                      max_refine=20),
    refined=refined,
    summary="max over entities of 1 − max attention (softmax over text, smoothed); "
            "α = 20·sqrt(linspace(1, 0.5)), 25 of 50 steps, refinement at 0/10/20",
))
