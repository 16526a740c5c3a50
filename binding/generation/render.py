"""The guided denoising loop: a spec in, images and run records out.

At each of the first K steps the conditional branch runs once more with gradients, only as far
as the last layer the loss reads (the rest of the UNet is skipped, forward and backward); the
loss's gradient moves the latents, z ← z − α ∇z L, and then the ordinary classifier-free-guided
step runs on fused attention. A non-finite loss or gradient skips that image's update, is
recorded and warned about: no NaN ever reaches the latents.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import torch

from binding.errors import BindingError
from binding.generation.capture import (
    Layer,
    LayerMean,
    StopForward,
    capturing,
    cross_attention_layers,
    guidance_layers,
    latent_size,
)
from binding.generation.conditioning import decode, encode, text_self_attention, tokenizers
from binding.generation.graphs import Graphed
from binding.generation.graphs import pool as graph_pool
from binding.generation.methods import Component, parse_method
from binding.generation.models import dtype_name, family
from binding.generation.record import RunRecord, StepLoss
from binding.generation.tokens import PromptTokens, align_to_model
from binding.generation.trace import AttentionTrace, all_rows, second_half
from binding.spec import Spec

GUIDANCE = {"sd": 7.5, "sdxl": 5.0}  # default classifier-free guidance scale per family


class GuidanceWarning(UserWarning):
    """An update was skipped because the loss or its gradient was not finite."""


@dataclass
class RenderResult:
    """Images in seed order, one run record per image, and attention maps when asked for."""

    images: list[Any]
    records: list[RunRecord]
    tokens: PromptTokens
    attention: torch.Tensor | None = None  # (images, tokens, height, width), latent resolution


@dataclass
class _Guidance:
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


class Sampler:
    """One prompt bound to one pipeline: conditioning, timesteps, guidance plan, and the two
    kinds of step (guidance update, denoising step). ``render`` runs it; tests and benchmarks
    drive single steps."""

    def __init__(self, spec: Spec, pipe: Any, method: str = "syngen", *, batch: int = 1,
                 steps: int = 50, guidance: float | None = None, height: int | None = None,
                 width: int | None = None, negative_prompt: str | None = None,
                 params: Mapping[str, Any] | None = None, guided_steps: int | None = None,
                 step_size: float | None = None, resolution: int | None = None,
                 on_truncated: Literal["error", "drop"] = "error",
                 early_stop: bool = True, cuda_graphs: bool | None = None,
                 max_refine: int | None = None) -> None:
        self.spec, self.pipe, self.method = spec, pipe, method.strip()
        self.components = parse_method(method, params)
        if guidance is None:  # each family's own default, as its diffusers pipeline has it
            guidance = GUIDANCE[family(pipe)]
        check_args(steps, guidance, guided_steps, step_size, max_refine)
        self.tokens = align_to_model(spec, tokenizers(pipe), on_truncated=on_truncated)
        self.unet = pipe.unet
        self.device = pipe._execution_device
        native = self.unet.config.sample_size
        native = native if isinstance(native, int) else native[0]
        self.height = height or native * pipe.vae_scale_factor
        self.width = width or native * pipe.vae_scale_factor
        self.latent = latent_size(self.unet, self.height, self.width, pipe.vae_scale_factor)
        self.layers = cross_attention_layers(self.unet, self.latent)
        self.text_attention_source = None
        if any(c.method.needs_text_attention for c in self.components):
            self.tokens, self.text_attention_source = _with_text_attention(spec, pipe, self.tokens)
        self.plan = _plan(self.components, self.tokens, self.layers, steps, guided_steps,
                          step_size, resolution, self.device, max_refine)
        self.steps, self.guidance, self.batch = steps, guidance, batch
        self.negative_prompt = negative_prompt
        self.early_stop = early_stop  # False: run the whole UNet in guidance (for comparison)
        self.graphs = self.device.type == "cuda" if cuda_graphs is None else cuda_graphs
        self.execution: dict[str, Any] = {}
        self._guide_fn: Any = None
        self._denoise_fn: Any = None
        timer = _Timer(self.device)
        with torch.no_grad():
            self.cond = encode(pipe, self.tokens, negative_prompt, batch, guidance, self.height,
                               self.width, self.device)
        timer.mark("encode")
        self.encode_seconds = timer.phases["encode"]
        pipe.scheduler.set_timesteps(steps, device=self.device)
        self.timesteps = pipe.scheduler.timesteps
        self.log: list[tuple[int, int, torch.Tensor, torch.Tensor, torch.Tensor]] = []
        self._hub: Any = None

    def initial_latents(self, seeds: Sequence[int]) -> tuple[torch.Tensor, list[Any]]:
        """fp32 starting noise from one CPU generator per image: the same noise on every
        device, dtype and batch size. Latents stay fp32; the UNet runs in its own dtype."""
        generators = [torch.Generator("cpu").manual_seed(seed) for seed in seeds]
        latents = self.pipe.prepare_latents(len(seeds), self.unet.config.in_channels,
                                            self.height, self.width, torch.float32,
                                            self.device, generators)
        return latents, generators

    @contextmanager
    def installed(self) -> Iterator[Any]:
        """Listening processors on every cross-attention layer, UNet parameters frozen, and
        (on a GPU) the two passes wrapped for CUDA-graph replay."""
        with capturing(self.unet, self.layers) as hub, _frozen(self.unet):
            self._hub = hub
            if self.graphs:
                shared = graph_pool()
                self._guide_fn = Graphed(self._guide_pass, shared)
                self._denoise_fn = Graphed(self._denoise_pass, shared)
            else:
                self._guide_fn, self._denoise_fn = self._guide_pass, self._denoise_pass
            try:
                yield hub
            finally:
                self.execution["cuda_graphs"] = self._graph_report()
                self._hub = self._guide_fn = self._denoise_fn = None

    def _graph_report(self) -> dict[str, Any]:
        report: dict[str, Any] = {}
        for name, fn in (("guidance", self._guide_fn), ("denoise", self._denoise_fn)):
            if isinstance(fn, Graphed) and fn.calls:
                report[name] = fn.graph is not None if fn.reason is None else fn.reason
        return report

    def loss(self, latents: torch.Tensor, step: int) -> tuple[torch.Tensor, torch.Tensor,
                                                               torch.Tensor, torch.Tensor]:
        """(parts (B, C), total (B,), gradient w.r.t. the latents, maps) at ``step``; the
        forward stops after the last layer the loss reads unless ``early_stop`` is off."""
        if self.plan is None or self._guide_fn is None:
            raise RuntimeError("loss() needs a guidance method and the installed() context")
        t, scheduler = self.timesteps[step], self.pipe.scheduler
        model_input = scheduler.scale_model_input(latents, t).to(self.cond.dtype)
        # every scheduler scales its input by a number: the chain rule is one multiplication
        scale = scheduler.scale_model_input(torch.ones((), device=latents.device), t)
        parts, total, grad, maps = self._guide_fn(model_input, t)
        return parts.clone(), total.clone(), grad.float() * scale, maps

    def _guide_pass(self, model_input: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, ...]:
        """Forward to the last layer read, the loss, and its gradient w.r.t. the UNet input."""
        plan, cond = self.plan, self.cond
        assert plan is not None and self._hub is not None
        z = model_input.detach().requires_grad_(True)
        mean = LayerMean(plan.layers)
        with torch.enable_grad(), self._hub.listen(plan.layers, mean,
                                                   stop_after_last=self.early_stop):
            with suppress(StopForward):  # the forward ends after the last layer read
                self.unet(z, t, **cond.cond, return_dict=False)
            maps = mean.maps()
            parts = torch.stack([c.weight * c.method.loss(maps, index)
                                 for c, index in zip(plan.components, plan.indices,
                                                     strict=True)], dim=1)  # (B, C)
            total = parts.sum(dim=1)
        if total.requires_grad:
            (grad,) = torch.autograd.grad(total.sum(), z)
        else:  # nothing to bind in this prompt: the loss is a constant
            grad = torch.zeros_like(z)
        return parts.detach(), total.detach(), grad, maps.detach()

    def _denoise_pass(self, model_input: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return self.unet(model_input, t, **self.cond.both, return_dict=False)[0]

    def guide(self, latents: torch.Tensor, step: int) -> torch.Tensor:
        """The guidance of one step: z ← z − α∇L, repeated while refinement asks for it."""
        plan = self.plan
        assert plan is not None
        thresholds = plan.refinement.get(step, [])
        alpha = plan.alpha(step)
        for component, index in zip(plan.components, plan.indices, strict=True):
            if component.method.at_step is not None:
                component.method.at_step(index, step, plan.steps)
        for iteration in range(plan.max_refine + 1):
            parts, total, grad, maps = self.loss(latents, step)
            ok = torch.isfinite(total) & torch.isfinite(grad).flatten(1).all(dim=1)
            grad = torch.where(ok.view(-1, 1, 1, 1), grad, torch.zeros_like(grad))
            latents = (latents - alpha * grad).detach()
            self.log.append((step, iteration, parts, total, ok))
            if not thresholds or iteration == plan.max_refine:
                break
            done = torch.ones_like(ok)
            for n, threshold in thresholds:
                refined = plan.components[n].method.refined
                done &= refined(maps, plan.indices[n], threshold)
            if bool(done.all()):
                break
        return latents

    @torch.no_grad()
    def denoise(self, latents: torch.Tensor, step: int, extra: Mapping[str, Any],
                tracer: AttentionTrace | None = None) -> torch.Tensor:
        """The ordinary classifier-free-guided step, on fused attention."""
        cond, t, scheduler = self.cond, self.timesteps[step], self.pipe.scheduler
        model_input = torch.cat([latents] * 2) if cond.cfg else latents
        model_input = scheduler.scale_model_input(model_input, t).to(cond.dtype)
        if tracer is not None:  # recording maps: eager, the tracer accumulates in Python
            with self._hub.listen(self.layers, tracer):
                noise = self._denoise_pass(model_input, t)
        else:
            noise = self._denoise_fn(model_input, t)
        if cond.cfg:
            uncond, text = noise.chunk(2)
            noise = uncond + self.guidance * (text - uncond)
        return scheduler.step(noise.float(), t, latents, **extra, return_dict=False)[0]

    def run(self, seeds: Sequence[int], attention: bool = False, progress: bool = False,
            model_id: str | None = None) -> RenderResult:
        started = time.perf_counter()
        timer = _Timer(self.device)
        timer.phases["encode"] = self.encode_seconds
        latents, generators = self.initial_latents(seeds)
        extra = self.pipe.prepare_extra_step_kwargs(generators, 0.0)
        tracer = None
        if attention:
            tracer = AttentionTrace(self.latent, second_half if self.cond.cfg else all_rows)
        steps: Any = range(len(self.timesteps))
        if progress:
            from tqdm import tqdm

            steps = tqdm(steps, unit="step", desc="rendering")
        self.log.clear()
        with self.installed():
            for i in steps:
                if self.plan is not None and i < self.plan.guided_steps:
                    latents = self.guide(latents, i)
                latents = self.denoise(latents, i, extra, tracer)
        timer.mark("denoise")
        images, nsfw = decode(self.pipe, latents)
        timer.mark("decode")
        timer.total = time.perf_counter() - started
        return self._result(seeds, images, nsfw, timer, tracer, model_id)

    def _result(self, seeds: Sequence[int], images: list[Any], nsfw: list[bool] | None,
                timer: _Timer, tracer: AttentionTrace | None,
                model_id: str | None) -> RenderResult:
        losses, skipped = _losses(self.log, self.components, len(seeds))
        if any(skipped):
            warnings.warn(f"{sum(skipped)} guidance update(s) skipped: the loss or its "
                          "gradient was not finite (see the run record)", GuidanceWarning,
                          stacklevel=3)
        described = self.plan.describe() if self.plan else {}
        if self.text_attention_source:
            described["text_attention"] = self.text_attention_source
        records = [
            RunRecord(
                spec=self.spec, method={"name": self.method, **described}, seed=seed,
                model=_model_info(self.pipe, model_id, self.device),
                scheduler={"class": type(self.pipe.scheduler).__name__,
                           "config": dict(self.pipe.scheduler.config)},
                size=(self.width, self.height), steps=self.steps, guidance=self.guidance,
                negative_prompt=self.negative_prompt, tokens=self.tokens.to_dict(),
                attention={"captured_layers": described.get("layers", []),
                           "map_size": described.get("map_size")},
                losses=losses[n], skipped_updates=skipped[n],
                nsfw=None if nsfw is None else nsfw[n], timings=timer.as_dict(len(seeds)),
                execution=self.execution,
            )
            for n, seed in enumerate(seeds)
        ]
        return RenderResult(images=images, records=records, tokens=self.tokens,
                            attention=tracer.maps() if tracer else None)


def render(spec: Spec, pipe: Any, method: str = "syngen", *, seeds: Sequence[int] = (0,),
           steps: int = 50, guidance: float | None = None, height: int | None = None,
           width: int | None = None, negative_prompt: str | None = None,
           params: Mapping[str, Any] | None = None, guided_steps: int | None = None,
           step_size: float | None = None, attention: bool = False,
           resolution: int | None = None, on_truncated: Literal["error", "drop"] = "error",
           max_refine: int | None = None, model_id: str | None = None,
           progress: bool = False) -> RenderResult:
    """Render ``spec`` with ``pipe`` (a loaded Stable Diffusion pipeline), one image per seed,
    all seeds in one batch.

    ``method`` is a registered method, a sum such as ``syngen+attend-excite:0.5``, or ``none``
    for plain Stable Diffusion with the same seeds. ``guidance`` (classifier-free) defaults to
    the family's own: 7.5 for SD 1.x/2.x, 5.0 for SDXL. ``params`` set method parameters
    (``lambda=0.1`` or ``syngen-entropy.lambda=0.1``). ``guided_steps`` and ``step_size``
    override the method's schedule; ``max_refine`` caps iterative refinement (0: none).
    ``attention`` also returns the per-token cross-attention
    maps of the conditional branch, averaged over layers, heads and steps.
    """
    seeds = _check_seeds(seeds)
    sampler = Sampler(spec, pipe, method, batch=len(seeds), steps=steps, guidance=guidance,
                      height=height, width=width, negative_prompt=negative_prompt,
                      params=params, guided_steps=guided_steps, step_size=step_size,
                      resolution=resolution, on_truncated=on_truncated,
                      max_refine=max_refine)
    return sampler.run(seeds, attention=attention, progress=progress, model_id=model_id)


def _check_seeds(seeds: Sequence[int]) -> list[int]:
    seeds = [int(s) for s in seeds]
    if not seeds:
        raise BindingError("no seeds given: render at least one image")
    if len(set(seeds)) != len(seeds):
        raise BindingError("a seed is given twice: each image needs its own seed")
    return seeds


def check_args(steps: int, guidance: float, guided_steps: int | None,
               step_size: float | None, max_refine: int | None) -> None:
    """Reject sampling settings no render can use, with a one-line error."""
    if steps < 1:
        raise BindingError(f"steps must be at least 1, not {steps}")
    if guidance < 0:
        raise BindingError(f"guidance scale must not be negative, not {guidance}")
    if guided_steps is not None and not 0 <= guided_steps <= steps:
        raise BindingError(f"guided steps must be between 0 and {steps}, not {guided_steps}")
    if step_size is not None and not step_size >= 0:
        raise BindingError(f"step size must be a non-negative number, not {step_size}")
    if max_refine is not None and max_refine < 0:
        raise BindingError(f"refinement cap must be 0 or more, not {max_refine}")


def _with_text_attention(spec: Spec, pipe: Any, tokens: PromptTokens) -> tuple[PromptTokens,
                                                                            str]:
    """The text self-attention a method needs: the spec's when it has one for exactly these
    tokens, else the loaded model's text encoder's."""
    size = tokens.end + 1
    carried = spec.text_attention
    if carried is not None and len(carried.matrix) == size and not tokens.realigned:
        return replace(tokens, text_attention=torch.tensor(carried.matrix)), "spec"
    return replace(tokens, text_attention=text_self_attention(pipe, tokens)), "text encoder"


def _plan(components: list[Component], tokens: PromptTokens, layers: list[Layer], steps: int,
          guided_steps: int | None, step_size: float | None, resolution: int | None,
          device: torch.device, max_refine: int | None = None) -> _Guidance | None:
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
    return _Guidance(
        components=components, indices=indices, layers=guidance_layers(layers, resolution),
        steps=steps,
        guided_steps=schedule.guided_steps(steps) if guided_steps is None else guided_steps,
        step_size=step_size, refinement=refinement,
        max_refine=schedule.max_refine if max_refine is None else max_refine,
    )


def _losses(log: list, components: list[Component], batch: int) -> tuple[list[list[StepLoss]],
                                                                          list[int]]:
    """Per-image step losses, read back from the device once, after the loop."""
    per_image: list[list[StepLoss]] = [[] for _ in range(batch)]
    skipped = [0] * batch
    names = [c.method.name for c in components]
    for step, iteration, parts, total, ok in log:
        parts_l, total_l, ok_l = parts.tolist(), total.tolist(), ok.tolist()
        for n in range(batch):
            finite = _finite(total_l[n])
            per_image[n].append(StepLoss(
                step=step, iteration=iteration, loss=finite,
                components={name: _finite(v) for name, v in zip(names, parts_l[n], strict=True)},
                updated=bool(ok_l[n]),
            ))
            skipped[n] += not ok_l[n]
    return per_image, skipped


def _finite(value: float) -> float | None:
    return value if value == value and abs(value) != float("inf") else None


@contextmanager
def _frozen(module: torch.nn.Module) -> Iterator[None]:
    """No parameter gradients: the backward computes only what the latents need."""
    flags = [p.requires_grad for p in module.parameters()]
    module.requires_grad_(False)
    try:
        yield
    finally:
        for p, flag in zip(module.parameters(), flags, strict=True):
            p.requires_grad_(flag)


class _Timer:
    """Wall-clock phases, synchronised with the GPU so that they mean what they say."""

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self.phases: dict[str, float] = {}
        self.total = 0.0
        self._last = self._now()

    def _now(self) -> float:
        if self.device.type == "cuda":
            torch.cuda.synchronize(self.device)
        return time.perf_counter()

    def mark(self, phase: str) -> None:
        now = self._now()
        self.phases[phase] = now - self._last
        self._last = now

    def as_dict(self, batch: int) -> dict[str, float]:
        return {**{k: round(v, 4) for k, v in self.phases.items()},
                "total": round(self.total, 4), "per_image": round(self.total / batch, 4)}


def _model_info(pipe: Any, model_id: str | None, device: torch.device) -> dict[str, Any]:
    return {
        "id": model_id or getattr(pipe, "name_or_path", None) or pipe.config.get("_name_or_path"),
        "family": family(pipe),
        "pipeline": type(pipe).__name__,
        "dtype": dtype_name(pipe.unet.dtype),
        "device": str(device),
        "unet": {"sample_size": pipe.unet.config.sample_size,
                 "cross_attention_dim": pipe.unet.config.cross_attention_dim,
                 "prediction_type": pipe.scheduler.config.get("prediction_type")},
    }
