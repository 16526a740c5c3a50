"""One guidance step, shared by ``render``'s own loop and ``BindingGuidance`` (the callback in
the user's pipeline): attention maps captured from a forward pass -> the method's loss -> its
gradient w.r.t. the latents -> z ← z − α ∇z L, repeated while iterative refinement asks for it.

Neither caller's model is known here. A caller hands over ``forward(z)``, the denoiser's
conditional pass on a model input (for render: the UNet with its own conditioning; for the
callback: the pipeline's recorded UNet and ControlNet calls), and ``loss(latents)``, the scaled
input, that forward and the chain rule through the scheduler's input scaling. A non-finite loss
or gradient skips that image's update (logged, warned about once per render): no NaN ever
reaches the latents.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field, replace
from typing import Any

import torch

from binding.generation.capture import CaptureHub, Layer, LayerMean, StopForward, guidance_layers
from binding.generation.config import GuidanceConfig
from binding.generation.methods import Component
from binding.generation.record import StepLoss
from binding.generation.tokens import PromptTokens
from binding.spec import Spec

# (parts (B, C), total (B,), gradient w.r.t. the latents, maps) of one loss evaluation
Evaluation = tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]
# one update: (step, iteration, parts, total, applied (B,) bool); read back after the loop
LogEntry = tuple[int, int, torch.Tensor, torch.Tensor, torch.Tensor]


class GuidanceWarning(UserWarning):
    """An update was skipped because the loss or its gradient was not finite."""


@dataclass
class GuidancePlan:
    """A method's components bound to one prompt: index tensors, schedule, layers."""

    components: list[Component]
    indices: list[Any]
    layers: list[Layer]
    steps: int
    guided_steps: int
    step_size: float | None
    refinement: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    max_refine: int = 20

    @property
    def schedule(self) -> Any:
        return self.components[0].method.schedule

    def alpha(self, step: int) -> float:
        return self.step_size if self.step_size is not None else \
            self.schedule.alpha(step, self.steps)

    def describe(self) -> dict[str, Any]:
        return {
            "components": [{"name": c.method.name, "weight": c.weight, "params": dict(c.params),
                            "paper": c.method.paper} for c in self.components],
            "guided_steps": self.guided_steps,
            "step_size": [round(self.alpha(i), 6) for i in range(self.guided_steps)],
            "refinement": {str(k): {self.components[c].method.name: t for c, t in v}
                           for k, v in sorted(self.refinement.items())},
            "max_refine": self.max_refine,
            "layers": [layer.name for layer in self.layers],
            "map_size": list(self.layers[0].size),
        }


def make_plan(components: list[Component], tokens: PromptTokens, layers: Sequence[Layer],
              steps: int, config: GuidanceConfig, device: torch.device) -> GuidancePlan | None:
    """The plan for ``steps`` denoising steps, reading ``layers`` (every cross-attention layer
    at this image size; the guidance layers are chosen among them); None for method none."""
    if not components:
        return None
    indices = [c.method.prepare(tokens, c.params, device) for c in components]
    schedule = components[0].method.schedule
    refinement: dict[int, list[tuple[int, float]]] = {}
    for n, component in enumerate(components):
        if component.method.refined is None:
            continue
        for step, threshold in component.method.schedule.refinement(steps).items():
            refinement.setdefault(step, []).append((n, threshold))
    return GuidancePlan(
        components=components, indices=indices,
        layers=guidance_layers(layers, config.resolution), steps=steps,
        guided_steps=(schedule.guided_steps(steps) if config.guided_steps is None
                      else min(config.guided_steps, steps)),
        step_size=config.step_size, refinement=refinement,
        max_refine=schedule.max_refine if config.max_refine is None else config.max_refine,
    )


def loss_and_gradient(plan: GuidancePlan, hub: CaptureHub,
                      forward: Callable[[torch.Tensor], Any], model_input: torch.Tensor,
                      early_stop: bool = True) -> Evaluation:
    """The loss on the maps ``forward(model_input)`` makes and its gradient w.r.t. that input;
    the forward stops after the last layer the loss reads unless ``early_stop`` is off."""
    z = model_input.detach().requires_grad_(True)
    mean = LayerMean(plan.layers)
    with torch.enable_grad(), hub.listen(plan.layers, mean, stop_after_last=early_stop):
        with suppress(StopForward):  # the forward ends after the last layer read
            forward(z)
        maps = mean.maps()
        parts = torch.stack([c.weight * c.method.loss(maps, index)
                             for c, index in zip(plan.components, plan.indices,
                                                 strict=True)], dim=1)  # (B, C)
        total = parts.sum(dim=1)
        objective = total.sum()  # inside enable_grad: a pipeline runs under no_grad
    if total.requires_grad:
        (grad,) = torch.autograd.grad(objective, z)
    else:  # nothing to bind in this prompt: the loss is a constant
        grad = torch.zeros_like(z)
    return parts.detach(), total.detach(), grad, maps.detach()


def input_scale(scheduler: Any, timestep: Any, device: torch.device) -> torch.Tensor:
    """The factor the scheduler multiplies its model input by at ``timestep``: every
    scheduler scales by a number, so the chain rule through it is one multiplication."""
    return scheduler.scale_model_input(torch.ones((), device=device), timestep)


def guide(plan: GuidancePlan, latents: torch.Tensor, step: int,
          loss: Callable[[torch.Tensor], Evaluation], log: list[LogEntry]) -> torch.Tensor:
    """The guidance of one step: z ← z − α∇L, repeated while refinement asks for it.
    ``loss(latents)`` evaluates the loss at this step's timestep."""
    thresholds = plan.refinement.get(step, [])
    alpha = plan.alpha(step)
    for component, index in zip(plan.components, plan.indices, strict=True):
        if component.method.at_step is not None:
            component.method.at_step(index, step, plan.steps)
    for iteration in range(plan.max_refine + 1):
        parts, total, grad, maps = loss(latents)
        ok = torch.isfinite(total) & torch.isfinite(grad).flatten(1).all(dim=1)
        grad = torch.where(ok.view(-1, 1, 1, 1), grad, torch.zeros_like(grad))
        latents = (latents - alpha * grad).detach()
        log.append((step, iteration, parts, total, ok))
        if not thresholds or iteration == plan.max_refine:
            break
        done = torch.ones_like(ok)
        for n, threshold in thresholds:
            refined = plan.components[n].method.refined
            done &= refined(maps, plan.indices[n], threshold)
        if bool(done.all()):
            break
    return latents


def step_losses(log: Sequence[LogEntry], components: Sequence[Component],
                batch: int) -> tuple[list[list[StepLoss]], list[int]]:
    """Per-image step losses and skipped-update counts, read back from the device once."""
    per_image: list[list[StepLoss]] = [[] for _ in range(batch)]
    skipped = [0] * batch
    names = [c.method.name for c in components]
    for step, iteration, parts, total, ok in log:
        parts_l, total_l, ok_l = parts.tolist(), total.tolist(), ok.tolist()
        for n in range(batch):
            per_image[n].append(StepLoss(
                step=step, iteration=iteration, loss=_finite(total_l[n]),
                components={name: _finite(v) for name, v in zip(names, parts_l[n], strict=True)},
                updated=bool(ok_l[n]),
            ))
            skipped[n] += not ok_l[n]
    return per_image, skipped


def warn_skipped(skipped: Sequence[int], stacklevel: int = 3) -> None:
    if any(skipped):
        warnings.warn(f"{sum(skipped)} guidance update(s) skipped: the loss or its gradient "
                      "was not finite (see the run record)", GuidanceWarning,
                      stacklevel=stacklevel)


def _finite(value: float) -> float | None:
    return value if value == value and abs(value) != float("inf") else None


def with_text_attention(spec: Spec, pipe: Any, tokens: PromptTokens) -> tuple[PromptTokens, str]:
    """The text self-attention a method needs: the spec's when it has one for exactly these
    tokens, else the loaded model's text encoder's."""
    from binding.generation.conditioning import text_self_attention

    size = tokens.end + 1
    carried = spec.text_attention
    if carried is not None and len(carried.matrix) == size and not tokens.realigned:
        return replace(tokens, text_attention=torch.tensor(carried.matrix)), "spec"
    return replace(tokens, text_attention=text_self_attention(pipe, tokens)), "text encoder"
