"""Methods by name: a loss over attention maps plus the schedule its paper uses.

A method is a small record of pure functions: ``prepare`` turns the prompt's token positions
into index tensors once per render, ``loss`` maps (B, h, w, T) attention maps to one loss per
image. Adding a method is one module that calls ``register``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import torch

from binding.errors import BindingError
from binding.generation.tokens import PromptTokens
from binding.registry import names, registry

Prepare = Callable[[PromptTokens, Mapping[str, Any], torch.device], Any]
Loss = Callable[[torch.Tensor, Any], torch.Tensor]
Refined = Callable[[torch.Tensor, Any, float], torch.Tensor]
AtStep = Callable[[Any, int, int], None]


@dataclass(frozen=True)
class Schedule:
    """When and how hard latents are updated, in fractions of the denoising trajectory so that
    the paper's 50-step schedule carries over to other step counts."""

    guided: float = 0.5  # the first half of the steps (25 of 50) get updates
    step_size: float = 20.0  # α
    decay: bool = False  # α_i = α·sqrt(linspace(1, 0.5, n))[i] (Attend-and-Excite) when true
    refine: Mapping[float, float] = field(default_factory=dict)  # step fraction -> threshold
    max_refine: int = 20

    def guided_steps(self, steps: int) -> int:
        return round(self.guided * steps)

    def alpha(self, step: int, steps: int) -> float:
        if not self.decay or steps < 2:
            return self.step_size
        return self.step_size * math.sqrt(1.0 - 0.5 * step / (steps - 1))

    def refinement(self, steps: int) -> dict[int, float]:
        """Step index -> threshold of the iterative refinement (empty: none)."""
        return {round(fraction * steps): threshold for fraction, threshold in self.refine.items()}


@dataclass(frozen=True)
class Method:
    """A guidance method: a loss, its defaults and its paper's schedule."""

    name: str
    paper: str
    prepare: Prepare
    loss: Loss
    defaults: Mapping[str, Any]
    schedule: Schedule
    refined: Refined | None = None  # (maps, index, threshold) -> (B,) bool: refinement is done
    at_step: AtStep | None = None  # (index, step, steps): per-step weights, updated in place
    needs_text_attention: bool = False  # prepare reads tokens.text_attention
    summary: str = ""


class _Methods(Mapping[str, Method]):
    """The registered methods by name: a live view of ``registry.methods`` (bundled methods and
    those another package ships through the ``binding_methods`` entry point group)."""

    def __getitem__(self, name: str) -> Method:
        if name not in registry.methods:
            raise KeyError(name)
        return registry.methods.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(names(registry.methods))

    def __len__(self) -> int:
        return len(names(registry.methods))


METHODS: Mapping[str, Method] = _Methods()


def register(method: Method) -> Method:
    """Make ``method`` available by its name (``registry.methods``)."""
    if method.name in registry.methods or method.name == "none":
        raise ValueError(f"method {method.name!r} is already registered")
    registry.methods.register(method.name, func=method)
    return method


def get_method(name: str) -> Method:
    if name not in registry.methods:
        raise BindingError(f"unknown method {name!r}: use one of "
                           f"{', '.join(['none', *METHODS])}")
    return registry.methods.get(name)


@dataclass(frozen=True)
class Component:
    """One method of a (possibly composite) guidance, with its weight and parameters."""

    method: Method
    weight: float
    params: Mapping[str, Any]


def parse_method(text: str, params: Mapping[str, Any] | None = None) -> list[Component]:
    """``syngen``, ``syngen+attend-excite`` or ``syngen:1+attend-excite:0.5`` -> components.

    ``params`` are ``name=value`` for every component that has the parameter, or
    ``method.name=value`` for one. ``none`` is plain Stable Diffusion: no components.
    """
    text = text.strip()
    if not text:
        raise BindingError("empty method: use one of "
                           f"{', '.join(['none', *sorted(METHODS)])}")
    if text == "none":
        if params:
            raise BindingError("method 'none' takes no parameters")
        return []
    chosen: list[tuple[Method, float]] = []
    for part in text.split("+"):
        name, _, weight = part.strip().partition(":")
        try:
            value = float(weight) if weight else 1.0
        except ValueError:
            raise BindingError(f"method weight {weight!r} of {name!r} is not a number") from None
        if not math.isfinite(value):
            raise BindingError(f"method weight of {name!r} must be finite")
        chosen.append((get_method(name.strip()), value))
    names = [m.name for m, _ in chosen]
    if len(set(names)) != len(names):
        raise BindingError(f"method {text!r} names a method twice")
    resolved = [dict(m.defaults) for m, _ in chosen]
    for key, value in (params or {}).items():
        target, _, param = key.rpartition(".")
        hits = [i for i, (m, _) in enumerate(chosen)
                if param in m.defaults and target in ("", m.name)]
        if not hits:
            known = sorted({f"{m.name}.{p}" for m, _ in chosen for p in m.defaults})
            raise BindingError(f"no method of {text!r} has parameter {key!r}: known are "
                               f"{', '.join(known) or 'none'}")
        for i in hits:
            resolved[i][param] = _coerce(value, chosen[i][0].defaults[param], key)
    return [Component(m, w, p) for (m, w), p in zip(chosen, resolved, strict=True)]


def _coerce(value: Any, default: Any, key: str) -> Any:
    """A parameter value (often text from the command line) in its default's type."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        text = str(value).lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise BindingError(f"parameter {key!r} takes true or false, not {value!r}")
    if isinstance(default, int | float):
        try:
            number = int(value) if isinstance(default, int) else float(value)
        except (TypeError, ValueError):
            raise BindingError(f"parameter {key!r} takes a number, not {value!r}") from None
        if not math.isfinite(number):
            raise BindingError(f"parameter {key!r} must be finite")
        return number
    return value
