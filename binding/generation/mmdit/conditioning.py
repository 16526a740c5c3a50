"""What an MMDiT is conditioned on, its timesteps, and how its latents become pixels.

Built from the pipelines' own methods (``encode_prompt``, ``prepare_latents``, the timestep
shift, the VAE's scale and shift), so that an unguided render is the diffusers pipeline's.

- SD3: text = [CLIP-L ‖ CLIP-G (77 tokens), T5 (256)], a pooled CLIP vector; classifier-free
  guidance doubles the batch ([unconditional, conditional]) as in SD.
- FLUX.1: text = T5 (512), a pooled CLIP vector, position ids of text and image tokens, and
  (FLUX.1-dev) the guidance scale as an input embedding: no unconditional branch. Latents are
  packed into 2×2 patches ((B, tokens, 4·channels)), as the pipeline keeps them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from binding.errors import BindingError
from binding.generation.conditioning import Conditioning
from binding.generation.mmdit.streams import T5_WINDOW


def encode(pipe: Any, family: str, prompt: str, negative_prompt: str | None, batch: int,
           guidance: float, latent: tuple[int, int], device: torch.device) -> Conditioning:
    """The conditioning of ``prompt`` by the pipeline's own ``encode_prompt``."""
    if family == "sd3":
        cfg = guidance > 1.0
        cond, uncond, pooled, uncond_pooled = pipe.encode_prompt(
            prompt=prompt, prompt_2=None, prompt_3=None, device=device,
            num_images_per_prompt=batch, do_classifier_free_guidance=cfg,
            negative_prompt=negative_prompt, max_sequence_length=T5_WINDOW["sd3"])
        kwargs = {"encoder_hidden_states": cond, "pooled_projections": pooled}
        both = {"encoder_hidden_states": torch.cat([uncond, cond]),
                "pooled_projections": torch.cat([uncond_pooled, pooled])} if cfg else kwargs
        return Conditioning(cond=kwargs, both=both, cfg=cfg)
    if negative_prompt is not None:
        raise BindingError("FLUX.1 is guidance-distilled: it takes no negative prompt (its "
                           "--guidance is an input to the model, not a second branch)")
    embeds, pooled, text_ids = pipe.encode_prompt(
        prompt=prompt, prompt_2=None, device=device, num_images_per_prompt=batch,
        max_sequence_length=T5_WINDOW["flux"])
    image_ids = pipe._prepare_latent_image_ids(batch, latent[0] // 2, latent[1] // 2, device,
                                               embeds.dtype)
    kwargs = {"encoder_hidden_states": embeds, "pooled_projections": pooled,
              "txt_ids": text_ids, "img_ids": image_ids}
    if pipe.transformer.config.guidance_embeds:
        kwargs["guidance"] = torch.full([1], guidance, device=device,
                                        dtype=torch.float32).expand(batch)
    return Conditioning(cond=kwargs, both=kwargs, cfg=False)


def forward(pipe: Any, family: str, model_input: torch.Tensor, t: torch.Tensor,
            kwargs: dict[str, Any]) -> torch.Tensor:
    """The transformer's velocity for ``model_input`` at timestep ``t``."""
    timestep = t.expand(model_input.shape[0])
    if family == "flux":  # FLUX takes t / 1000 (and multiplies it back)
        timestep = timestep.to(torch.float32) / 1000
    return pipe.transformer(hidden_states=model_input, timestep=timestep, **kwargs,
                            return_dict=False)[0]


def set_timesteps(pipe: Any, family: str, steps: int, image_tokens: int,
                  device: torch.device) -> torch.Tensor:
    """The pipeline's schedule: its sigmas, shifted for the image size where the scheduler
    shifts dynamically (FLUX; SD3 checkpoints that ask for it)."""
    scheduler = pipe.scheduler
    config = scheduler.config
    kwargs: dict[str, Any] = {}
    if family == "flux":
        from diffusers.pipelines.flux.pipeline_flux import calculate_shift

        if not config.get("use_flow_sigmas", False):
            kwargs["sigmas"] = np.linspace(1.0, 1 / steps, steps)
        kwargs["mu"] = calculate_shift(image_tokens, config.get("base_image_seq_len", 256),
                                       config.get("max_image_seq_len", 4096),
                                       config.get("base_shift", 0.5),
                                       config.get("max_shift", 1.15))
    elif config.get("use_dynamic_shifting", None):
        from diffusers.pipelines.stable_diffusion_3.pipeline_stable_diffusion_3 import (
            calculate_shift,
        )

        kwargs["mu"] = calculate_shift(image_tokens, config.get("base_image_seq_len", 256),
                                       config.get("max_image_seq_len", 4096),
                                       config.get("base_shift", 0.5),
                                       config.get("max_shift", 1.16))
    if "sigmas" in kwargs:
        scheduler.set_timesteps(sigmas=kwargs.pop("sigmas"), device=device, **kwargs)
    else:
        scheduler.set_timesteps(steps, device=device, **kwargs)
    if family == "flux":
        scheduler.set_begin_index(0)
    return scheduler.timesteps


@torch.no_grad()
def decode(pipe: Any, family: str, latents: torch.Tensor, height: int,
           width: int) -> list[Any]:
    """PIL images from (SD3) latents or (FLUX) packed latents."""
    vae = pipe.vae
    if family == "flux":
        latents = pipe._unpack_latents(latents, height, width, pipe.vae_scale_factor)
    latents = latents / vae.config.scaling_factor + vae.config.shift_factor
    image = vae.decode(latents.to(vae.dtype), return_dict=False)[0]
    return pipe.image_processor.postprocess(image, output_type="pil")
