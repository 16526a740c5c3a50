"""Tiny random ControlNets, IP-Adapters and LoRAs for the tiny pipelines, written in the formats
users download and loaded through diffusers' own loaders (``from_pretrained``,
``load_ip_adapter``, ``load_lora_weights``). Random weights make them act visibly: diffusers
initialises a ControlNet's output convolutions and a LoRA's up-projection to zero."""

from __future__ import annotations

from pathlib import Path

import torch

IP_TOKENS = 4  # image tokens of a (non-plus) IP-Adapter
IP_EMBEDDING = 16  # width of the tiny "CLIP image embedding"


def controlnet(unet, folder: Path, seed: int = 0) -> Path:
    """A ControlNet shaped like ``unet`` (its conditioning image at the pipeline's pixel size),
    every weight random, saved in diffusers format."""
    from diffusers import ControlNetModel

    torch.manual_seed(seed)
    factor = 2  # the tiny VAE's scale factor: one down-sampling in the conditioning embedding
    model = ControlNetModel.from_unet(unet, conditioning_embedding_out_channels=(8, 16)[
        :factor])
    with torch.no_grad():
        for name, parameter in model.named_parameters():
            if name.startswith(("controlnet_down_blocks", "controlnet_mid_block",
                                "controlnet_cond_embedding.conv_out")):
                parameter.normal_(0.0, 0.2)
    model.save_pretrained(folder)
    return folder


def ip_adapter(unet, folder: Path, seed: int = 0) -> Path:
    """An IP-Adapter for ``unet`` (image projection + a key and value per cross-attention
    layer), random, saved as the released ``.safetensors`` files are."""
    from safetensors.torch import save_file

    generator = torch.Generator().manual_seed(seed)

    def random(*shape: int) -> torch.Tensor:
        return torch.randn(*shape, generator=generator) * 0.3

    cross = unet.config.cross_attention_dim
    weights = {"image_proj.proj.weight": random(cross * IP_TOKENS, IP_EMBEDDING),
               "image_proj.proj.bias": random(cross * IP_TOKENS),
               "image_proj.norm.weight": torch.ones(cross),
               "image_proj.norm.bias": torch.zeros(cross)}
    key = 1
    for name in unet.attn_processors:
        if name.endswith("attn1.processor"):
            continue
        attention = unet.get_submodule(name.removesuffix(".processor"))
        hidden = attention.to_k.out_features
        weights[f"ip_adapter.{key}.to_k_ip.weight"] = random(hidden, cross) * 3.0
        weights[f"ip_adapter.{key}.to_v_ip.weight"] = random(hidden, cross) * 3.0
        key += 2
    folder.mkdir(parents=True, exist_ok=True)
    save_file(weights, folder / "ip-adapter.safetensors")
    return folder


def ip_embeds(seed: int, cfg: bool = True) -> list[torch.Tensor]:
    """``ip_adapter_image_embeds`` for one image: [negative (zeros), positive] under
    classifier-free guidance, as diffusers' ``prepare_ip_adapter_image_embeds`` makes them."""
    positive = torch.randn(1, 1, IP_EMBEDDING, generator=torch.Generator().manual_seed(seed))
    return [torch.cat([torch.zeros_like(positive), positive]) if cfg else positive]


def lora(pipe, folder: Path, seed: int = 0, rank: int = 4) -> Path:
    """A LoRA on the UNet's attention projections, random, saved as ``save_lora_weights``
    writes it (the format ``load_lora_weights`` reads)."""
    import copy

    from diffusers.utils import convert_state_dict_to_diffusers
    from peft import LoraConfig
    from peft.utils import get_peft_model_state_dict

    torch.manual_seed(seed)
    unet = copy.deepcopy(pipe.unet)
    unet.add_adapter(LoraConfig(r=rank, lora_alpha=rank, init_lora_weights=False,
                                target_modules=["to_q", "to_k", "to_v", "to_out.0"]))
    layers = convert_state_dict_to_diffusers(get_peft_model_state_dict(unet))
    type(pipe).save_lora_weights(folder, unet_lora_layers=layers, safe_serialization=True)
    return folder
