"""Tiny random models, saved in diffusers format for the tests to load through binding's real
loading code (no weights exist on the test machines)."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files
from pathlib import Path
from typing import Any


def tiny(name: str, folder: Path) -> Path:
    """Save architecture ``name`` (tiny-sd, tiny-sd2, tiny-sdxl) with random weights."""
    from binding.generation.architectures import build_pipeline

    build_pipeline(name).save_pretrained(folder)
    return folder


def sharpen_unet(unet: Any, gain: float) -> None:
    """Peaked cross-attention, as trained models have (random weights give near-uniform maps,
    whose loss landscape is flat down to float32 rounding): the cross-attention keys scaled."""
    import torch

    with torch.no_grad():
        for name, module in unet.named_modules():
            if name.endswith("attn2"):
                module.to_k.weight.mul_(gain)


def sharpen_mmdit(transformer: Any, gain: float = 4.0) -> None:
    """Peaked image→text attention in an MMDiT: the text keys' RMS-norm gain raised (its q/k
    norms undo a larger projection)."""
    import torch

    with torch.no_grad():
        for module in transformer.modules():
            if getattr(module, "norm_added_k", None) is not None:
                module.norm_added_k.weight.mul_(gain)


def tiny_clip(root: Path, layers: int = 3, heads: int = 2) -> Path:
    """A diffusers-shaped folder: text_encoder/ (random CLIPTextModel, hidden 32, seeded) and
    tokenizer/ (CLIP's real BPE, shipped with binding)."""
    import torch
    import transformers

    from binding.alignment.clip_bpe import _N_MERGES, ClipBPE

    (root / "tokenizer").mkdir(parents=True)
    vocab = ClipBPE()._tokenizer.get_vocab()
    (root / "tokenizer" / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
    raw = (files("binding.alignment") / "bpe_simple_vocab_16e6.txt.gz").read_bytes()
    merges = gzip.decompress(raw).decode("utf-8").split("\n")[1:_N_MERGES + 1]
    (root / "tokenizer" / "merges.txt").write_text("#version: 0.2\n" + "\n".join(merges) + "\n",
                                                   encoding="utf-8")
    tokenizer = transformers.CLIPTokenizerFast.from_pretrained(root / "tokenizer",
                                                               model_max_length=77)
    tokenizer.save_pretrained(root / "tokenizer")
    torch.manual_seed(0)
    config = transformers.CLIPTextConfig(
        vocab_size=49408, hidden_size=32, intermediate_size=37, num_hidden_layers=layers,
        num_attention_heads=heads, max_position_embeddings=77, projection_dim=32)
    transformers.CLIPTextModel(config).save_pretrained(root / "text_encoder")
    return root
