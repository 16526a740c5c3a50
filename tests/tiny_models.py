"""Tiny random Stable Diffusion pipelines, saved in diffusers format for the tests to load
through binding's real loading code (no weights exist on the test machines)."""

from __future__ import annotations

from pathlib import Path

from binding.generation.architectures import build_pipeline


def tiny(name: str, folder: Path) -> Path:
    """Save architecture ``name`` (tiny-sd, tiny-sd2, tiny-sdxl) with random weights."""
    build_pipeline(name).save_pretrained(folder)
    return folder
