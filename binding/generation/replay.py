"""The pipeline's own denoiser calls, recorded and replayed on other latents.

``BindingGuidance`` does not rebuild a pipeline's conditioning (text embeddings, SDXL's added
time ids, IP-Adapter image embeddings, LCM's guidance embedding, a ControlNet's image and
scale...): it records the keyword arguments of each call the pipeline makes to its UNet (and
ControlNet), keeps the conditional half of a classifier-free-guided batch, and calls the same
module again with new latents and another timestep. Whatever a pipeline passes its denoiser,
the guidance pass gets too, so one mechanism serves SD, SDXL, img2img, inpainting, ControlNet
and IP-Adapter alike, and a transformer denoiser (SD3, FLUX) would need only its argument
names.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import torch

# what a ControlNet returns (return_dict=False) and the UNet arguments that receive it
CONTROL_OUTPUTS = ("down_block_additional_residuals", "mid_block_additional_residual")


@dataclass(frozen=True)
class Call:
    """One call of a denoiser module, every argument by name."""

    module: Any
    arguments: dict[str, Any]

    @classmethod
    def bind(cls, module: Any, args: tuple[Any, ...], kwargs: Mapping[str, Any]) -> Call:
        bound = inspect.signature(module.forward).bind(*args, **kwargs)
        return cls(module, dict(bound.arguments))

    @property
    def sample(self) -> torch.Tensor:
        return self.arguments["sample"]

    @property
    def timestep(self) -> Any:
        return self.arguments["timestep"]

    def conditional(self, cfg: bool) -> Call:
        """The conditional half of a classifier-free-guided call ([unconditional, conditional]
        along the batch); the call itself without classifier-free guidance."""
        if not cfg:
            return self
        doubled = self.sample.shape[0]
        return Call(self.module, {k: _second_half(v, doubled) for k, v in self.arguments.items()})

    def run(self, sample: torch.Tensor, timestep: Any, **changes: Any) -> Any:
        """The module on ``sample`` (the latents; extra input channels, an inpainting UNet's
        mask and masked image, are kept from the recorded call) at ``timestep``."""
        arguments = {**self.arguments, **changes, "sample": with_latents(self.sample, sample),
                     "timestep": timestep}
        return self.module(**arguments)


def _second_half(value: Any, doubled: int) -> Any:
    if isinstance(value, torch.Tensor):
        return value[doubled // 2:] if value.ndim and value.shape[0] == doubled else value
    if isinstance(value, dict):
        return {k: _second_half(v, doubled) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_second_half(v, doubled) for v in value)
    return value


def with_latents(recorded: torch.Tensor, latents: torch.Tensor) -> torch.Tensor:
    """``recorded`` (a model input) with its first channels replaced by ``latents``."""
    channels = latents.shape[1]
    if recorded.shape[1] == channels:
        return latents
    batch = latents.shape[0]
    rest = recorded[-batch:, channels:].to(latents.dtype)
    return torch.cat([latents, rest], dim=1)


def control_residuals(control: Call, sample: torch.Tensor, timestep: Any,
                      like: Mapping[str, Any]) -> dict[str, Any]:
    """The ControlNet's residuals on ``sample``, as UNet arguments shaped like the recorded
    ones in ``like`` (guess mode under classifier-free guidance feeds the unconditional half
    zeros, as the pipelines do)."""
    down, mid = control.run(sample, timestep, return_dict=False)[:2]
    fresh = {CONTROL_OUTPUTS[0]: down, CONTROL_OUTPUTS[1]: mid}
    return {name: _shaped_like(value, like.get(name)) for name, value in fresh.items()}


def _shaped_like(value: Any, recorded: Any) -> Any:
    if isinstance(value, list | tuple):
        recorded = recorded if isinstance(recorded, list | tuple) else [None] * len(value)
        return type(value)(_shaped_like(v, r) for v, r in zip(value, recorded, strict=True))
    if isinstance(recorded, torch.Tensor) and recorded.shape[0] == 2 * value.shape[0]:
        return torch.cat([torch.zeros_like(value), value])
    return value
