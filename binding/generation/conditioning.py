"""What the UNet is conditioned on, per model family, and how latents become pixels.

Built from the pipeline's own methods (``encode_prompt``, ``_get_add_time_ids``, its VAE and
image processor) so that an unguided render is the diffusers pipeline's render.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch

from binding.errors import BindingError
from binding.generation.models import family
from binding.generation.tokens import PromptTokens
from binding.generation.weighted import encode_weighted


@dataclass(frozen=True)
class Conditioning:
    """Denoiser keyword arguments (a UNet's, an MMDiT's) for the conditional batch (guidance)
    and for the batch the denoising step runs (unconditional + conditional with
    classifier-free guidance)."""

    cond: dict[str, Any]
    both: dict[str, Any]
    cfg: bool

    @property
    def dtype(self) -> torch.dtype:
        return self.cond["encoder_hidden_states"].dtype


def tokenizers(pipe: Any) -> list[Any]:
    """The tokenizers whose token axis the cross-attention maps share."""
    found = [pipe.tokenizer]
    if family(pipe) == "sdxl" and getattr(pipe, "tokenizer_2", None) is not None:
        found.append(pipe.tokenizer_2)
    return [t for t in found if t is not None]


def encode(pipe: Any, prompt: str | PromptTokens, negative_prompt: str | None, batch: int,
           guidance: float, height: int, width: int, device: torch.device) -> Conditioning:
    """The conditioning of ``prompt``: by the pipeline's own ``encode_prompt``, or through
    compel when it has weights or is past the window (``binding.generation.weighted``)."""
    cfg = guidance > 1.0
    tokens = prompt if isinstance(prompt, PromptTokens) else None
    text = tokens.prompt if tokens is not None else prompt
    weighted = tokens is not None and tokens.needs_compel
    if family(pipe) == "sd":
        if weighted:
            cond, uncond = encode_weighted(pipe, "sd", tokens, negative_prompt, batch, cfg,
                                           device)
        else:
            cond, uncond = pipe.encode_prompt(text, device, batch, cfg, negative_prompt)
        extra: dict[str, Any] = {}
        if pipe.unet.config.time_cond_proj_dim is not None:  # guidance-distilled UNets
            scale = torch.tensor(guidance - 1).repeat(batch)
            extra["timestep_cond"] = pipe.get_guidance_scale_embedding(
                scale, embedding_dim=pipe.unet.config.time_cond_proj_dim).to(device, cond.dtype)
        both = torch.cat([uncond, cond]) if cfg else cond
        both_extra = ({k: torch.cat([v, v]) for k, v in extra.items()} if cfg else extra)
        return Conditioning(cond={"encoder_hidden_states": cond, **extra},
                            both={"encoder_hidden_states": both, **both_extra}, cfg=cfg)
    if weighted:
        cond, uncond, pooled, uncond_pooled = encode_weighted(pipe, "sdxl", tokens,
                                                              negative_prompt, batch, cfg, device)
    else:
        cond, uncond, pooled, uncond_pooled = pipe.encode_prompt(
            prompt=text, device=device, num_images_per_prompt=batch,
            do_classifier_free_guidance=cfg, negative_prompt=negative_prompt)
    projection = (int(pooled.shape[-1]) if pipe.text_encoder_2 is None
                  else pipe.text_encoder_2.config.projection_dim)
    time_ids = pipe._get_add_time_ids((height, width), (0, 0), (height, width),
                                      dtype=cond.dtype, text_encoder_projection_dim=projection)
    time_ids = time_ids.to(device).repeat(batch, 1)
    added = {"text_embeds": pooled, "time_ids": time_ids}
    if cfg:
        both = {"encoder_hidden_states": torch.cat([uncond, cond]),
                "added_cond_kwargs": {"text_embeds": torch.cat([uncond_pooled, pooled]),
                                      "time_ids": torch.cat([time_ids, time_ids])}}
    else:
        both = {"encoder_hidden_states": cond, "added_cond_kwargs": added}
    return Conditioning(cond={"encoder_hidden_states": cond, "added_cond_kwargs": added},
                        both=both, cfg=cfg)


@torch.no_grad()
def decode(pipe: Any, latents: torch.Tensor) -> tuple[list[Any], list[bool] | None]:
    """PIL images (and the safety checker's flags, when the pipeline has one)."""
    vae = pipe.vae
    upcast = vae.dtype == torch.float16 and getattr(vae.config, "force_upcast", False) \
        and family(pipe) == "sdxl"
    if upcast:  # SDXL's VAE overflows in fp16, as diffusers' own pipeline knows
        vae.to(dtype=torch.float32)
    try:
        mean = getattr(vae.config, "latents_mean", None)
        std = getattr(vae.config, "latents_std", None)
        if mean is not None and std is not None:
            mean_t = torch.tensor(mean).view(1, -1, 1, 1).to(latents.device, latents.dtype)
            std_t = torch.tensor(std).view(1, -1, 1, 1).to(latents.device, latents.dtype)
            latents = latents * std_t / vae.config.scaling_factor + mean_t
        else:
            latents = latents / vae.config.scaling_factor
        image = vae.decode(latents.to(vae.dtype), return_dict=False)[0]
    finally:
        if upcast:
            vae.to(dtype=torch.float16)
    nsfw = None
    if getattr(pipe, "safety_checker", None) is not None:
        image, nsfw = pipe.run_safety_checker(image, image.device, image.dtype)
    denormalize = [True] * image.shape[0] if nsfw is None else [not flag for flag in nsfw]
    images = pipe.image_processor.postprocess(image, output_type="pil",
                                              do_denormalize=denormalize)
    return images, (None if nsfw is None else [bool(flag) for flag in nsfw])


@torch.no_grad()
def text_self_attention(pipe: Any, prompt: str | PromptTokens) -> torch.Tensor:
    """(L, L) self-attention of the (first) text encoder over the prompt's L tokens, start and
    end included: softmax(QKᵀ·scale + causal mask), mean over heads and over every layer, as
    T-SAM reads it. Padding is left out; causal attention makes it irrelevant to these rows.
    A prompt's tokens are those binding aligned (a weighted prompt's clean text); one past the
    window has no single self-attention (each chunk is encoded alone): refused."""
    encoder, tokenizer = pipe.text_encoder, pipe.tokenizer
    if isinstance(prompt, PromptTokens):
        if prompt.chunks > 1:
            raise BindingError(f"the prompt is {prompt.length} tokens, past one "
                               f"{prompt.max_length}-token window: the text encoder's "
                               "self-attention (tsam) covers one window; shorten the prompt")
        window = list(prompt.ids[: prompt.window])
        ids = torch.tensor([[tokenizer.bos_token_id, *window, tokenizer.eos_token_id]],
                           device=encoder.device)
    else:
        ids = tokenizer(prompt, truncation=True, max_length=tokenizer.model_max_length,
                        return_tensors="pt").input_ids.to(encoder.device)
    previous = encoder.config._attn_implementation
    encoder.set_attn_implementation("eager")  # fused kernels do not return the probabilities
    try:
        attentions = encoder(ids, output_attentions=True).attentions
    finally:
        encoder.set_attn_implementation(previous)
    return torch.stack([a[0].float() for a in attentions]).mean(dim=(0, 1)).cpu()
