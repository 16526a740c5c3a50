"""The settings of a guided render, written down once.

``GuidanceConfig`` is what the guidance step needs (the method, its parameters and schedule
overrides, the map resolution): it is all that ``BindingGuidance`` takes, since the user's own
pipeline owns the sampling. ``RenderConfig`` adds the sampling that ``render`` runs itself
(steps, classifier-free scale, size, negative prompt). ``render``, ``Sampler``, the CLI and
render-batch's resume fingerprint all read these classes, so a setting added here reaches all
of them. Every number is checked here: a negative, infinite or NaN value is one ``BindingError``
line before any model work (``--step-size inf`` used to render a black image with exit 0).

Imports no torch: the command line validates its options before loading a model.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from binding.errors import BindingError

ParamValue = str | bool | int | float


class GuidanceConfig(BaseModel):
    """How the latents are guided: method, parameters, schedule overrides, map resolution."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    method: str = Field("syngen", description="a registered method, a sum such as "
                        "'syngen+attend-excite:0.5', or 'none'")
    params: dict[str, ParamValue] = Field(
        default_factory=dict, description="method parameters: 'lambda' for every method that "
        "has it, 'syngen-entropy.lambda' for one")
    guided_steps: int | None = Field(None, ge=0, description="update the latents in the first "
                                     "K steps [default: the method's]")
    step_size: float | None = Field(None, ge=0, allow_inf_nan=False,
                                    description="constant update size α [default: the method's]")
    max_refine: int | None = Field(None, ge=0, description="cap on refinement updates per "
                                   "refinement step [default: the method's]")
    resolution: int | None = Field(None, ge=1, description="height of the attention maps the "
                                   "loss reads [default: derived from the model and size]")
    on_truncated: Literal["error", "drop"] = Field(
        "error", description="words past the token window: stop, or guide what fits")


class RenderConfig(GuidanceConfig):
    """A guided render by ``render``: the guidance plus the sampling loop it runs."""

    steps: int = Field(50, ge=1, description="denoising steps")
    guidance: float | None = Field(None, ge=0, allow_inf_nan=False,
                                   description="classifier-free guidance scale [default: the "
                                   "family's, 7.5 for SD 1.x/2.x, 5 for SDXL]")
    height: int | None = Field(None, ge=1, description="image height in pixels [default: "
                               "the model's native size]")
    width: int | None = Field(None, ge=1, description="image width in pixels")
    negative_prompt: str | None = None

    @model_validator(mode="after")
    def _guided_steps_fit(self) -> RenderConfig:
        if self.guided_steps is not None and self.guided_steps > self.steps:
            raise ValueError(f"guided steps must be between 0 and {self.steps}, "
                             f"not {self.guided_steps}")
        return self


Config = TypeVar("Config", bound=GuidanceConfig)

_LABELS = {"steps": "steps", "guidance": "guidance scale", "guided_steps": "guided steps",
           "step_size": "step size", "max_refine": "refinement cap",
           "resolution": "resolution", "height": "height", "width": "width"}


def make_config(kind: type[Config], method: str | GuidanceConfig = "syngen",
                settings: Mapping[str, Any] | None = None) -> Config:
    """``kind`` from a method name and settings, or from a config with some settings changed;
    a bad value is one ``BindingError`` line naming the setting."""
    settings = dict(settings or {})
    if isinstance(method, GuidanceConfig):
        values = {**method.model_dump(include=set(kind.model_fields)), **settings}
    else:
        values = {"method": method, **settings}
    try:
        return kind.model_validate(values)
    except ValidationError as exc:
        raise BindingError(_one_line(exc)) from None


def _one_line(exc: ValidationError) -> str:
    error = exc.errors()[0]
    name = ".".join(str(part) for part in error["loc"])
    label = _LABELS.get(name, name)
    value = error.get("input")
    kind, context = error["type"], error.get("ctx", {})
    if kind == "extra_forbidden":
        known = ", ".join(sorted(set(RenderConfig.model_fields)))
        return f"unknown render setting {name!r}: use one of {known}"
    if kind == "finite_number":
        return f"{label} must be a finite number, not {value}"
    if kind == "greater_than_equal":
        return f"{label} must be at least {context['ge']}, not {value}"
    if kind == "value_error":
        return str(context.get("error", error["msg"]))
    if kind == "literal_error":
        return f"{label} must be {context['expected']}, not {value!r}"
    return f"{label}: {error['msg'].lower()}, not {value!r}"
