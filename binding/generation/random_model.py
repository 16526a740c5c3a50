"""``--model random:tiny-sd``: a Stable Diffusion pipeline with random weights, built on the spot.

For trying the whole render flow (spec -> guided denoising -> image, run record, attention maps,
render-batch, eval-images) on a machine with no weights and no GPU: ``random:tiny-sd`` renders
a 32 x 32 image in seconds on a CPU. The weights are random, so the images are noise and say
nothing about any method; everything that comes out is marked so: the run record's ``model``
has ``"random_weights": true`` and a note, the PNG carries the same note as text, and the
command line says it on stderr. Any architecture of ``binding.generation.architectures``
works (``random:sd15``, ``random:sdxl`` have the real sizes: for timing, not for a CPU).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from binding.errors import BindingError

PREFIX = "random:"
DEMO_MODEL = "random:tiny-sd"
NOTE = ("random weights: this image is noise, made to show the render flow; it says nothing "
        "about any method")
SEED = 0  # the weights are the same in every run, so renders are reproducible


def random_architecture(model: str) -> str | None:
    """The architecture a ``random:NAME`` model value asks for; None for anything else (a
    folder that happens to have that name wins)."""
    if not model.startswith(PREFIX) or Path(model).exists():
        return None
    from binding.generation.architectures import FAMILIES

    name = model[len(PREFIX):]
    if name not in FAMILIES:
        raise BindingError(f"unknown random-weight architecture {name!r}: use "
                           f"{', '.join(PREFIX + n for n in FAMILIES)}")
    return name


def is_random(model_id: object) -> bool:
    """Whether a run record's model id names random weights."""
    return isinstance(model_id, str) and model_id.startswith(PREFIX)


def random_pipeline(name: str, dtype: Any) -> Any:
    """The pipeline of architecture ``name`` with random weights (seeded), on the CPU; its
    ``name_or_path`` is ``random:NAME``, so every record made with it says so."""
    from binding.generation.architectures import build_pipeline

    pipe = build_pipeline(name, seed=SEED, dtype=dtype)
    pipe.register_to_config(_name_or_path=PREFIX + name)
    return pipe
