"""SD3 / SD3.5 and FLUX.1 with random weights: the released architectures (SD3.5-medium,
FLUX.1-dev) and tiny ones of the same layout, built from configs with binding's own tokenizers.

A random-weight model costs what the checkpoint costs to run, so the benchmark needs no weights;
the tiny ones keep the CPU tests fast. T5's tokenizer is a SentencePiece unigram model that a
real checkpoint ships in its folder (``tokenizer_3``, ``tokenizer_2``) and binding reads from
there; here, where no checkpoint exists, one is made from the CLIP BPE vocabulary binding
ships: every CLIP piece becomes a unigram piece (``▁word`` for a word-final piece, as
SentencePiece writes a word start), with T5's special tokens and layout (``<pad>`` 0,
``</s>`` 1, ``<unk>`` 2, 100 sentinel ids at the end, 32,100 ids in all). It splits prompts
into word pieces with character offsets as T5's own tokenizer does, which is what alignment
and the sequence lengths need; its ids mean nothing to a trained T5.
"""

from __future__ import annotations

import gzip
import math
from importlib.resources import files
from typing import Any

import torch

from binding.alignment.clip_bpe import _N_MERGES

# diffusers configs of the released checkpoints (transformer/config.json)
TRANSFORMERS: dict[str, dict[str, Any]] = {
    "sd35-medium": dict(sample_size=128, patch_size=2, in_channels=16, num_layers=24,
                        attention_head_dim=64, num_attention_heads=24,
                        joint_attention_dim=4096, caption_projection_dim=1536,
                        pooled_projection_dim=2048, out_channels=16, pos_embed_max_size=384,
                        dual_attention_layers=tuple(range(13)), qk_norm="rms_norm"),
    "flux-dev": dict(patch_size=1, in_channels=64, num_layers=19, num_single_layers=38,
                     attention_head_dim=128, num_attention_heads=24, joint_attention_dim=4096,
                     pooled_projection_dim=768, guidance_embeds=True,
                     axes_dims_rope=(16, 56, 56)),
    # tiny, same layouts: SD3.5's dual-attention blocks and q/k norms; FLUX's double- and
    # single-stream blocks and rotary embedding
    "tiny-sd3": dict(sample_size=16, patch_size=2, in_channels=4, num_layers=6,
                     attention_head_dim=8, num_attention_heads=4, joint_attention_dim=64,
                     caption_projection_dim=32, pooled_projection_dim=64, out_channels=4,
                     pos_embed_max_size=16, dual_attention_layers=(0, 1), qk_norm="rms_norm"),
    "tiny-flux": dict(patch_size=1, in_channels=16, num_layers=3, num_single_layers=3,
                      attention_head_dim=16, num_attention_heads=2, joint_attention_dim=64,
                      pooled_projection_dim=32, guidance_embeds=True, axes_dims_rope=(4, 6, 6)),
}
FAMILY = {"sd35-medium": "sd3", "tiny-sd3": "sd3", "flux-dev": "flux", "tiny-flux": "flux"}
# T5 v1.1 XXL encoder (SD3's text_encoder_3, FLUX's text_encoder_2) and a tiny one
T5 = dict(d_model=4096, d_kv=64, d_ff=10240, num_layers=24, num_heads=64,
          relative_attention_num_buckets=32, feed_forward_proj="gated-gelu")
TINY_T5 = dict(d_model=64, d_kv=8, d_ff=37, num_layers=2, num_heads=4,
               relative_attention_num_buckets=8, feed_forward_proj="gated-gelu")
VAES: dict[str, dict[str, Any]] = {  # 16 latent channels, no quant convs, shift and scale
    "sd3": dict(latent_channels=16, scaling_factor=1.5305, shift_factor=0.0609),
    "flux": dict(latent_channels=16, scaling_factor=0.3611, shift_factor=0.1159),
}
SCHEDULERS: dict[str, dict[str, Any]] = {
    "sd3": dict(shift=3.0),
    "flux": dict(shift=3.0, use_dynamic_shifting=True, base_shift=0.5, max_shift=1.15,
                 base_image_seq_len=256, max_image_seq_len=4096),
}
T5_VOCAB = 32128  # T5 v1.1's embedding rows (the tokenizer uses the first 32,100)


def t5_tokenizer(max_length: int = 512) -> Any:
    """A T5-shaped SentencePiece unigram tokenizer (``T5TokenizerFast``) made offline from
    CLIP's BPE vocabulary: see the module docstring."""
    from transformers import T5TokenizerFast

    raw = (files("binding.alignment") / "bpe_simple_vocab_16e6.txt.gz").read_bytes()
    merges = gzip.decompress(raw).decode("utf-8").split("\n")[1:_N_MERGES + 1]
    pieces: dict[str, None] = {}
    for merge in merges:
        piece = "".join(merge.split())
        pieces["▁" + piece[:-4] if piece.endswith("</w>") else piece] = None
    characters = sorted({c for p in pieces for c in p} | set(map(chr, range(33, 127))))
    vocab = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    vocab += [(c, -20.0) for c in characters]  # every character, at a low score: no <unk>
    vocab += [("▁" + c, -19.0) for c in characters if "▁" + c not in pieces]
    known = {p for p, _ in vocab}
    room = 32_000 - len(vocab)
    ranked = [p for p in pieces if p not in known][:room]
    vocab += [(p, -math.log(rank + 2.0)) for rank, p in enumerate(ranked)]  # frequent first
    return T5TokenizerFast(vocab=vocab, extra_ids=100, model_max_length=max_length)


def _clip_encoder(config: dict[str, Any], projection: bool) -> Any:
    from binding.generation.architectures import _text_encoder

    return _text_encoder(config, projection=projection)


def _t5_encoder(tiny: bool) -> Any:
    from transformers import T5Config, T5EncoderModel

    config = T5Config(vocab_size=T5_VOCAB, pad_token_id=0, eos_token_id=1,
                      decoder_start_token_id=0, **(TINY_T5 if tiny else T5))
    return T5EncoderModel(config)


def build_mmdit(name: str, device: str | torch.device = "cpu",
                dtype: torch.dtype = torch.float32) -> Any:
    """A random-weight SD3 or FLUX pipeline of architecture ``name`` (seed the caller's), in
    evaluation mode. Its weights are made in ``dtype`` directly: FLUX.1-dev and T5-XXL in
    fp32 would take 67 GB before a cast to bf16."""
    family, tiny = FAMILY[name], name.startswith("tiny")
    previous = torch.get_default_dtype()
    torch.set_default_dtype(dtype)
    try:
        pipe = _build(name, family, tiny, device)
    finally:
        torch.set_default_dtype(previous)
    for module in pipe.components.values():  # T5 has dropout; from_pretrained sets eval too
        if isinstance(module, torch.nn.Module):
            module.eval()
    return pipe


def _build(name: str, family: str, tiny: bool, device: str | torch.device) -> Any:
    from diffusers import (
        AutoencoderKL,
        FlowMatchEulerDiscreteScheduler,
        FluxPipeline,
        FluxTransformer2DModel,
        SD3Transformer2DModel,
        StableDiffusion3Pipeline,
    )

    from binding.generation.architectures import TEXT, TINY_TEXT, TINY_VAE, VAE, clip_tokenizer

    scheduler = FlowMatchEulerDiscreteScheduler(**SCHEDULERS[family])
    vae_config = {**(TINY_VAE if tiny else VAE), **VAES[family], "use_quant_conv": False,
                  "use_post_quant_conv": False}
    if tiny:
        vae_config["latent_channels"] = 4
    with torch.device(device):
        vae = AutoencoderKL(**vae_config)
        t5 = _t5_encoder(tiny)
        if family == "sd3":
            return StableDiffusion3Pipeline(
                transformer=SD3Transformer2DModel(**TRANSFORMERS[name]), scheduler=scheduler,
                vae=vae,
                text_encoder=_clip_encoder(dict(TINY_TEXT) if tiny else TEXT["vit-l"], True),
                tokenizer=clip_tokenizer(),
                text_encoder_2=_clip_encoder(dict(TINY_TEXT) if tiny else TEXT["vit-bigg"],
                                             True),
                tokenizer_2=clip_tokenizer(pad_token="!"),
                text_encoder_3=t5, tokenizer_3=t5_tokenizer(),
            )
        return FluxPipeline(
            transformer=FluxTransformer2DModel(**TRANSFORMERS[name]), scheduler=scheduler,
            vae=vae,
            text_encoder=_clip_encoder(dict(TINY_TEXT) if tiny else TEXT["vit-l"], False),
            tokenizer=clip_tokenizer(),
            text_encoder_2=t5, tokenizer_2=t5_tokenizer(),
        )
