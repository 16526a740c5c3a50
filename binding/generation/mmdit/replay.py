"""How SD3 and FLUX pipelines call their transformer, for ``BindingGuidance``.

The guidance object records the pipeline's own denoiser calls and replays the conditional one
on other latents (``binding.generation.replay``); a transformer differs from a UNet in three
conventions only:

- the latents are ``hidden_states`` and are the model input as they are (flow-matching
  schedulers do not scale it; FLUX's are packed 2×2 patches, (B, tokens, 4·channels), and
  an inpainting model's extra channels follow the latents' along the channel axis);
- the timestep is given per image: SD3 passes ``t`` expanded to the batch, FLUX
  ``t / 1000`` in the latents' dtype (the transformer multiplies it back), so a call is placed
  in the schedule by converting the schedule's timesteps the pipeline's way and comparing;
- the layers read are joint-attention layers at the image-token grid, chosen by
  ``binding.generation.mmdit.layers``, on the text stream ``binding.generation.mmdit.streams``
  picks.
"""

from __future__ import annotations

from typing import Any

import torch

from binding.errors import BindingError
from binding.generation.mmdit.capture import install_joint
from binding.generation.mmdit.layers import choose_layers, joint_layers
from binding.generation.mmdit.streams import align, layout
from binding.generation.replay import Call


class FlowCalls:
    """The calling convention of an SD3 or FLUX pipeline's transformer."""

    def __init__(self, pipe: Any, family: str, settings: Any, components: Any) -> None:
        self.pipe, self.family, self.settings = pipe, family, settings
        self.module = pipe.transformer
        self.layout = layout(pipe, family, settings.stream, components)

    def align(self, spec: Any, on_truncated: Any) -> Any:
        return align(spec, self.layout, on_truncated)

    def call_time(self, t: Any, call: Call) -> torch.Tensor:
        timestep = torch.as_tensor(t, device=call.sample.device).expand(call.sample.shape[0])
        if self.family == "flux":
            return timestep.to(call.sample.dtype) / 1000
        return timestep

    def at(self, call: Call, t: Any) -> bool:
        return t is not None and bool(torch.equal(self.call_time(t, call)[:1],
                                                  call.timestep.reshape(-1)[:1]))

    def schedule_time(self, call: Call, timesteps: torch.Tensor) -> float:
        """The schedule's timestep this call was made at."""
        for t in timesteps:
            if self.at(call, t):
                return float(t)
        raise BindingError(f"the pipeline's timestep {float(call.timestep.reshape(-1)[0]):g} "
                           "is not in its scheduler's schedule: binding cannot place its "
                           "guidance steps")

    def input_scale(self, t: Any, device: torch.device) -> torch.Tensor:
        return torch.ones((), device=device)

    def model_input(self, latents: torch.Tensor, t: Any) -> torch.Tensor:
        return latents.to(self.module.dtype)

    @property
    def _axis(self) -> int:
        return -1 if self.family == "flux" else 1  # FLUX packs channels last

    def latents(self, call: Call, t: Any) -> torch.Tensor:
        """The latents of a call (an inpainting model's extra input channels left out)."""
        return call.sample.narrow(self._axis, 0, int(self.module.out_channels)).float()

    def with_latents(self, call: Call, latents: torch.Tensor, t: Any) -> torch.Tensor:
        copies = call.sample.shape[0] // latents.shape[0]
        sample = call.sample.clone()
        sample.narrow(self._axis, 0, latents.shape[self._axis]).copy_(
            latents.repeat(copies, *[1] * (latents.dim() - 1)))
        return sample

    def layers(self, call: Call) -> list[Any]:
        return joint_layers(self.module, self._grid(call))

    def chosen(self, layers: list[Any]) -> list[Any]:
        return choose_layers(layers, self.settings.layers, self.settings.resolution)

    def install(self, layers: list[Any], hub: Any) -> dict[str, Any]:
        return install_joint(self.module, layers, hub, self.layout.text, self.layout.shift)

    def _grid(self, call: Call) -> tuple[int, int]:
        """The image tokens' grid: SD3's latents over the patch size; FLUX's from the image
        position ids the pipeline passes (its packed latents do not say the aspect ratio)."""
        if self.family == "flux":
            ids = call.arguments["img_ids"]
            ids = ids[0] if ids.ndim == 3 else ids
            return int(ids[:, 1].max()) + 1, int(ids[:, 2].max()) + 1
        patch = int(self.module.config.patch_size)
        height, width = call.sample.shape[-2:]
        return height // patch, width // patch
