"""Stable Diffusion architectures with random weights: the real configs (SD 1.5, SD 2.1, SDXL;
SD3.5-medium and FLUX.1-dev in ``binding.generation.mmdit.architectures``) and tiny ones of the
same shape, built from configs with CLIP's real tokenizer.

A random-weight model costs exactly what the checkpoint costs to run, so benchmarks need no
weights; the tiny ones make CPU tests fast. Images from random weights are noise.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from importlib.resources import files
from pathlib import Path
from typing import Any

import torch

from binding.alignment.clip_bpe import _N_MERGES, END_TOKEN, START_TOKEN, _bytes_to_unicode
from binding.errors import BindingError
from binding.generation.models import prefers_channels_last

# diffusers UNet2DConditionModel configs of the released checkpoints
UNETS: dict[str, dict[str, Any]] = {
    "sd15": dict(sample_size=64, cross_attention_dim=768, attention_head_dim=8),
    "sd21": dict(sample_size=96, cross_attention_dim=1024, attention_head_dim=[5, 10, 20, 20],
                 use_linear_projection=True, upcast_attention=True),
    "sdxl": dict(
        sample_size=128, cross_attention_dim=2048, attention_head_dim=[5, 10, 20],
        block_out_channels=[320, 640, 1280], layers_per_block=2, use_linear_projection=True,
        transformer_layers_per_block=[1, 2, 10], addition_embed_type="text_time",
        addition_time_embed_dim=256, projection_class_embeddings_input_dim=2816,
        down_block_types=["DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"],
        up_block_types=["CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"],
    ),
}
# CLIP text encoders: ViT-L/14 (SD 1.x, SDXL's first), OpenCLIP ViT-H (SD 2.x), ViT-bigG (SDXL)
TEXT = {
    "vit-l": dict(hidden_size=768, intermediate_size=3072, num_attention_heads=12,
                  num_hidden_layers=12, projection_dim=768, hidden_act="quick_gelu"),
    "vit-h": dict(hidden_size=1024, intermediate_size=4096, num_attention_heads=16,
                  num_hidden_layers=23, projection_dim=512, hidden_act="gelu"),
    "vit-bigg": dict(hidden_size=1280, intermediate_size=5120, num_attention_heads=20,
                     num_hidden_layers=32, projection_dim=1280, hidden_act="gelu"),
}
VAE = dict(block_out_channels=[128, 256, 512, 512], latent_channels=4, layers_per_block=2,
           down_block_types=["DownEncoderBlock2D"] * 4, up_block_types=["UpDecoderBlock2D"] * 4,
           sample_size=512)

# Tiny versions with the same layout: cross-attention at the two upper levels and none at the
# deepest (like SD's three and one), or SDXL's none-then-attention order.
TINY_TEXT = dict(hidden_size=32, intermediate_size=37, num_attention_heads=4,
                 num_hidden_layers=2, projection_dim=32)
TINY_VAE = dict(block_out_channels=[16, 32], latent_channels=4, layers_per_block=1,
                down_block_types=["DownEncoderBlock2D"] * 2,
                up_block_types=["UpDecoderBlock2D"] * 2, norm_num_groups=8, sample_size=32)
TINY_UNETS: dict[str, dict[str, Any]] = {
    "tiny-sd": dict(
        block_out_channels=(16, 32, 32), layers_per_block=1, sample_size=16,
        norm_num_groups=8, cross_attention_dim=32, attention_head_dim=4,
        down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
    ),
    "tiny-sd2": dict(
        block_out_channels=(16, 32, 32), layers_per_block=1, sample_size=24,
        norm_num_groups=8, cross_attention_dim=32, attention_head_dim=(2, 4, 8),
        use_linear_projection=True, upcast_attention=True,
        down_block_types=("CrossAttnDownBlock2D", "CrossAttnDownBlock2D", "DownBlock2D"),
        up_block_types=("UpBlock2D", "CrossAttnUpBlock2D", "CrossAttnUpBlock2D"),
    ),
    "tiny-sdxl": dict(
        block_out_channels=(16, 32, 32), layers_per_block=1, sample_size=32,
        norm_num_groups=8, cross_attention_dim=64, attention_head_dim=(2, 4, 4),
        use_linear_projection=True, transformer_layers_per_block=(1, 1, 2),
        addition_embed_type="text_time", addition_time_embed_dim=8,
        projection_class_embeddings_input_dim=32 + 6 * 8,
        down_block_types=("DownBlock2D", "CrossAttnDownBlock2D", "CrossAttnDownBlock2D"),
        up_block_types=("CrossAttnUpBlock2D", "CrossAttnUpBlock2D", "UpBlock2D"),
    ),
}
FAMILIES = {"sd15": "sd", "sd21": "sd", "sdxl": "sdxl",
            "tiny-sd": "sd", "tiny-sd2": "sd", "tiny-sdxl": "sdxl",
            "sd35-medium": "sd3", "flux-dev": "flux", "tiny-sd3": "sd3", "tiny-flux": "flux"}


def clip_tokenizer_files(folder: Path) -> Path:
    """vocab.json + merges.txt of CLIP's real BPE, from the file binding ships."""
    raw = (files("binding.alignment") / "bpe_simple_vocab_16e6.txt.gz").read_bytes()
    merges = gzip.decompress(raw).decode("utf-8").split("\n")[1 : _N_MERGES + 1]
    symbols = _bytes_to_unicode()
    vocab = [*symbols, *(s + "</w>" for s in symbols), *("".join(m.split()) for m in merges),
             START_TOKEN, END_TOKEN]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps({v: i for i, v in enumerate(vocab)}),
                                       encoding="utf-8")
    (folder / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n",
                                       encoding="utf-8")
    return folder


def clip_tokenizer(pad_token: str | None = None) -> Any:
    """CLIP's tokenizer (77 tokens) as transformers builds it from vocab.json + merges.txt;
    SD 2.x and SDXL's second tokenizer pad with ``!`` instead of the end token."""
    from transformers import CLIPTokenizer

    with tempfile.TemporaryDirectory() as tmp:
        folder = clip_tokenizer_files(Path(tmp))
        kwargs: dict[str, Any] = {"model_max_length": 77}
        if pad_token is not None:
            kwargs["pad_token"] = pad_token
        return CLIPTokenizer.from_pretrained(folder, **kwargs)


def _text_encoder(config: dict[str, Any], projection: bool = False) -> Any:
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTextModelWithProjection

    full = CLIPTextConfig(vocab_size=49408, max_position_embeddings=77, bos_token_id=49406,
                          eos_token_id=49407, pad_token_id=49407, **config)
    return (CLIPTextModelWithProjection if projection else CLIPTextModel)(full)


def build_pipeline(name: str, *, seed: int = 0, device: str | torch.device = "cpu",
                   dtype: torch.dtype = torch.float32) -> Any:
    """A random-weight pipeline of architecture ``name`` (sd15, sd21, sdxl, sd35-medium,
    flux-dev, tiny-sd, tiny-sd2, tiny-sdxl, tiny-sd3, tiny-flux), with no safety checker."""
    from diffusers import (
        AutoencoderKL,
        DDIMScheduler,
        EulerDiscreteScheduler,
        PNDMScheduler,
        StableDiffusionPipeline,
        StableDiffusionXLPipeline,
        UNet2DConditionModel,
    )

    if name not in FAMILIES:
        raise BindingError(f"unknown architecture {name!r}: use one of {', '.join(FAMILIES)}")
    tiny = name.startswith("tiny")
    torch.manual_seed(seed)
    if FAMILIES[name] in ("sd3", "flux"):
        from binding.generation.mmdit.architectures import build_mmdit

        return _finish(build_mmdit(name, device, dtype), device, dtype)
    betas = dict(beta_start=0.00085, beta_end=0.012, beta_schedule="scaled_linear")
    if FAMILIES[name] == "sdxl":  # schedulers keep CPU tensors: made outside the device block
        scheduler: Any = EulerDiscreteScheduler(**betas, steps_offset=1,
                                                timestep_spacing="leading")
    elif name in ("sd21", "tiny-sd2"):
        scheduler = DDIMScheduler(**betas, clip_sample=False, set_alpha_to_one=False,
                                  steps_offset=1, prediction_type="v_prediction")
    else:
        scheduler = PNDMScheduler(**betas, skip_prk_steps=True, steps_offset=1)
    with torch.device(device):
        unet = UNet2DConditionModel(**(TINY_UNETS[name] if tiny else UNETS[name]))
        vae_config = dict(TINY_VAE if tiny else VAE)
        if FAMILIES[name] == "sdxl":
            vae_config.update(scaling_factor=0.13025, force_upcast=True)
        vae = AutoencoderKL(**vae_config)
        if FAMILIES[name] == "sdxl":
            xl_text = dict(TINY_TEXT, hidden_size=32) if tiny else TEXT["vit-bigg"]
            pipe = StableDiffusionXLPipeline(
                unet=unet, vae=vae,
                text_encoder=_text_encoder(dict(TINY_TEXT) if tiny else TEXT["vit-l"]),
                text_encoder_2=_text_encoder(xl_text, projection=True),
                tokenizer=clip_tokenizer(), tokenizer_2=clip_tokenizer(pad_token="!"),
                scheduler=scheduler,
            )
        elif name in ("sd21", "tiny-sd2"):
            pipe = StableDiffusionPipeline(
                unet=unet, vae=vae,
                text_encoder=_text_encoder(dict(TINY_TEXT) if tiny else TEXT["vit-h"]),
                tokenizer=clip_tokenizer(pad_token="!"),
                scheduler=scheduler,
                safety_checker=None, feature_extractor=None, requires_safety_checker=False,
            )
        else:
            pipe = StableDiffusionPipeline(
                unet=unet, vae=vae,
                text_encoder=_text_encoder(dict(TINY_TEXT) if tiny else TEXT["vit-l"]),
                tokenizer=clip_tokenizer(),
                scheduler=scheduler,
                safety_checker=None, feature_extractor=None, requires_safety_checker=False,
            )
    return _finish(pipe, device, dtype)


def _finish(pipe: Any, device: str | torch.device, dtype: torch.dtype) -> Any:
    """No progress bar, the dtype asked for and the layout load_pipeline gives."""
    pipe.set_progress_bar_config(disable=True)
    if dtype != torch.float32:
        for module in pipe.components.values():
            if isinstance(module, torch.nn.Module) and getattr(module, "dtype", None) != dtype:
                module.to(dtype=dtype)
    if prefers_channels_last(torch.device(device), dtype) and hasattr(pipe, "unet"):
        pipe.unet.to(memory_format=torch.channels_last)  # as load_pipeline does
    return pipe
