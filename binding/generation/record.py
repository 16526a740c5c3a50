"""The run record: everything needed to know how an image was made, and to make it again."""

from __future__ import annotations

import platform
import sys
from datetime import datetime, timezone
from importlib import metadata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from binding.extras import DISTRIBUTION
from binding.spec import Spec

RECORD_SCHEMA = "binding.run/1"
_PACKAGES = ("binding", "torch", "diffusers", "transformers", "accelerate", "safetensors")


class StepLoss(BaseModel):
    """One guidance update (several per step during iterative refinement)."""

    model_config = ConfigDict(extra="forbid")

    step: int
    iteration: int = 0
    loss: float | None = Field(description="total loss; null when it was not finite")
    components: dict[str, float | None] = Field(default_factory=dict)
    updated: bool = Field(description="false when the update was skipped (non-finite)")


class RunRecord(BaseModel):
    """How one image was rendered: spec, method and parameters, seed, model, versions, losses,
    timings. Written beside the image as JSON."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, serialize_by_alias=True)

    schema_: Literal["binding.run/1"] = Field(default=RECORD_SCHEMA, alias="schema")
    image: str | None = None
    spec: Spec
    method: dict[str, Any]
    seed: int
    model: dict[str, Any]
    scheduler: dict[str, Any]
    size: tuple[int, int] = Field(description="[width, height] in pixels")
    steps: int
    guidance: float
    negative_prompt: str | None = None
    tokens: dict[str, Any]
    attention: dict[str, Any] = Field(default_factory=dict)
    losses: list[StepLoss] = Field(default_factory=list)
    skipped_updates: int = 0
    nsfw: bool | None = None
    timings: dict[str, float] = Field(default_factory=dict, description="seconds")
    execution: dict[str, Any] = Field(default_factory=dict,
                                      description="how the passes ran (CUDA graphs or eager)")
    versions: dict[str, str] = Field(default_factory=lambda: versions())
    created: str = Field(default_factory=lambda: datetime.now(timezone.utc).isoformat())


def versions() -> dict[str, str]:
    found = {"python": platform.python_version(), "platform": sys.platform}
    for name in _PACKAGES:
        try:  # binding's distribution is prompt-binding (binding.extras)
            found[name] = metadata.version(DISTRIBUTION if name == "binding" else name)
        except metadata.PackageNotFoundError:
            continue
    return found
