"""The pipeline's own denoiser calls, recorded and replayed on other latents.

``BindingGuidance`` does not rebuild a pipeline's conditioning (text embeddings, SDXL's added
time ids, IP-Adapter image embeddings, LCM's guidance embedding, a ControlNet's image and
scale...): it records the keyword arguments of each call the pipeline makes to its UNet (and
ControlNet), keeps the conditional half of a classifier-free-guided batch, and calls the same
module again with new latents and another timestep. Whatever a pipeline passes its denoiser,
the guidance pass gets too, so one mechanism serves SD, SDXL, img2img, inpainting, ControlNet
and IP-Adapter alike; a transformer denoiser (SD3, FLUX) differs in its argument names and
timestep convention only (``binding.generation.mmdit.replay``). ``UNetCalls`` says how the
UNet families call theirs.
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
    def sample_key(self) -> str:
        """The latents' argument: a UNet's ``sample``, a transformer's ``hidden_states``."""
        return "sample" if "sample" in self.arguments else "hidden_states"

    @property
    def sample(self) -> torch.Tensor:
        return self.arguments[self.sample_key]

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
        axis = 1 if self.sample.dim() == 4 else -1  # FLUX packs channels last
        arguments = {**self.arguments, **changes,
                     self.sample_key: with_latents(self.sample, sample, axis),
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


def with_latents(recorded: torch.Tensor, latents: torch.Tensor, axis: int = 1) -> torch.Tensor:
    """``recorded`` (a model input) with its first channels (along ``axis``) replaced by
    ``latents``: an inpainting model's extra input channels are kept."""
    channels = latents.shape[axis]
    if recorded.shape[axis] == channels:
        return latents
    batch = latents.shape[0]
    rest = recorded[-batch:].narrow(axis, channels, recorded.shape[axis] - channels)
    return torch.cat([latents, rest.to(latents.dtype)], dim=axis)


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


class UNetCalls:
    """How an SD 1.x/2.x or SDXL pipeline calls its UNet: the schedule's timestep as it is,
    the latents scaled by the scheduler and followed by any extra input channels (an
    inpainting UNet's mask and masked image)."""

    def __init__(self, pipe: Any) -> None:
        self.pipe = pipe
        self.module = pipe.unet

    def align(self, spec: Any, on_truncated: Any) -> Any:
        """The spec's words on the UNet's token axis (both tokenizers' for SDXL)."""
        from binding.generation.conditioning import tokenizers
        from binding.generation.tokens import align_to_model

        return align_to_model(spec, tokenizers(self.pipe), on_truncated=on_truncated)

    def at(self, call: Call, t: Any) -> bool:
        """Whether ``call`` is the denoiser's call at schedule timestep ``t``."""
        return t is not None and float(call.timestep) == float(t)

    def schedule_time(self, call: Call, timesteps: torch.Tensor) -> float:
        return float(call.timestep)

    def call_time(self, t: Any, call: Call) -> Any:
        """What the pipeline passes its denoiser for schedule timestep ``t``."""
        return t

    def input_scale(self, t: Any, device: torch.device) -> torch.Tensor:
        from binding.generation.guidance_step import input_scale

        return input_scale(self.pipe.scheduler, t, device)

    def model_input(self, latents: torch.Tensor, t: Any) -> torch.Tensor:
        return self.pipe.scheduler.scale_model_input(latents, t).to(self.module.dtype)

    def latents(self, call: Call, t: Any) -> torch.Tensor:
        """The fp32 latents a (conditional) call was made on."""
        channels = self.module.config.out_channels
        return call.sample[:, :channels].float() / self.input_scale(t, call.sample.device)

    def with_latents(self, call: Call, latents: torch.Tensor, t: Any) -> torch.Tensor:
        """The call's input with its latents replaced by ``latents`` (every copy of a
        classifier-free-guided batch)."""
        channels = self.module.config.out_channels
        scaled = self.pipe.scheduler.scale_model_input(latents, t).to(call.sample.dtype)
        sample = call.sample.clone()
        sample[:, :channels] = scaled.repeat(call.sample.shape[0] // scaled.shape[0], 1, 1, 1)
        return sample

    def layers(self, call: Call) -> list[Any]:
        from binding.generation.capture import cross_attention_layers

        return cross_attention_layers(self.module, tuple(call.sample.shape[-2:]))

    def chosen(self, layers: list[Any]) -> list[Any] | None:
        return None  # the plan chooses by resolution

    def install(self, layers: list[Any], hub: Any) -> dict[str, Any]:
        from binding.generation.capture import install

        return install(self.module, layers, hub)


def denoiser_calls(pipe: Any, settings: Any, components: Any) -> Any:
    """The calling convention of ``pipe``'s denoiser (UNet or MMDiT transformer)."""
    from binding.errors import BindingError
    from binding.generation.models import MMDIT_FAMILIES, family

    name = family(pipe)
    if name in MMDIT_FAMILIES:
        from binding.generation.mmdit.replay import FlowCalls

        return FlowCalls(pipe, name, settings, components)
    if settings.stream is not None:
        raise BindingError("stream chooses an SD3/FLUX text stream: a UNet has one")
    return UNetCalls(pipe)
