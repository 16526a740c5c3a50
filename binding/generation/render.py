"""The guided denoising loop: a spec in, images and run records out.

At each of the first K steps the conditional branch runs once more with gradients, only as far
as the last layer the loss reads (the rest of the UNet is skipped, forward and backward); the
loss's gradient moves the latents, z ← z − α ∇z L, and then the ordinary classifier-free-guided
step runs on fused attention. A non-finite loss or gradient skips that image's update, is
recorded and warned about: no NaN ever reaches the latents.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import torch

from binding.errors import BindingError
from binding.generation.capture import capturing, cross_attention_layers, latent_size
from binding.generation.conditioning import decode, encode, tokenizers
from binding.generation.config import RenderConfig, make_config
from binding.generation.graphs import Graphed
from binding.generation.graphs import pool as graph_pool
from binding.generation.guidance_step import (
    Evaluation,
    GuidanceWarning,
    LogEntry,
    guide,
    input_scale,
    loss_and_gradient,
    make_plan,
    step_losses,
    warn_skipped,
    with_text_attention,
)
from binding.generation.methods import parse_method
from binding.generation.models import dtype_name, family, text_to_image_family
from binding.generation.record import RunRecord
from binding.generation.tokens import PromptTokens, align_to_model
from binding.generation.trace import AttentionTrace, all_rows, second_half
from binding.spec import Spec

GUIDANCE = {"sd": 7.5, "sdxl": 5.0}  # default classifier-free guidance scale per family


@dataclass
class RenderResult:
    """Images in seed order, one run record per image, and attention maps when asked for."""

    images: list[Any]
    records: list[RunRecord]
    tokens: PromptTokens
    attention: torch.Tensor | None = None  # (images, tokens, height, width), latent resolution


__all__ = ["GUIDANCE", "GuidanceWarning", "RenderResult", "Sampler", "render"]


class Sampler:
    """One prompt bound to one pipeline: conditioning, timesteps, guidance plan, and the two
    kinds of step (guidance update, denoising step). ``render`` runs it; tests and benchmarks
    drive single steps."""

    def __init__(self, spec: Spec, pipe: Any, method: str | RenderConfig = "syngen", *,
                 batch: int = 1, early_stop: bool = True, cuda_graphs: bool | None = None,
                 **settings: Any) -> None:
        config = make_config(RenderConfig, method, settings)
        self.spec, self.pipe, self.config = spec, pipe, config
        self.method = config.method.strip()
        self.components = parse_method(config.method, config.params)
        default = GUIDANCE[text_to_image_family(pipe)]  # the family's own, as diffusers has it
        guidance = default if config.guidance is None else config.guidance
        steps = config.steps
        self.tokens = align_to_model(spec, tokenizers(pipe), on_truncated=config.on_truncated)
        self.unet = pipe.unet
        self.device = pipe._execution_device
        native = self.unet.config.sample_size
        native = native if isinstance(native, int) else native[0]
        self.height = config.height or native * pipe.vae_scale_factor
        self.width = config.width or native * pipe.vae_scale_factor
        self.latent = latent_size(self.unet, self.height, self.width, pipe.vae_scale_factor)
        self.layers = cross_attention_layers(self.unet, self.latent)
        self.text_attention_source = None
        if any(c.method.needs_text_attention for c in self.components):
            self.tokens, self.text_attention_source = with_text_attention(spec, pipe, self.tokens)
        self.plan = make_plan(self.components, self.tokens, self.layers, steps, config,
                              self.device)
        negative_prompt = config.negative_prompt
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
        self.log: list[LogEntry] = []
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

    def loss(self, latents: torch.Tensor, step: int) -> Evaluation:
        """(parts (B, C), total (B,), gradient w.r.t. the latents, maps) at ``step``; the
        forward stops after the last layer the loss reads unless ``early_stop`` is off."""
        if self.plan is None or self._guide_fn is None:
            raise RuntimeError("loss() needs a guidance method and the installed() context")
        t, scheduler = self.timesteps[step], self.pipe.scheduler
        model_input = scheduler.scale_model_input(latents, t).to(self.cond.dtype)
        scale = input_scale(scheduler, t, latents.device)
        parts, total, grad, maps = self._guide_fn(model_input, t)
        return parts.clone(), total.clone(), grad.float() * scale, maps

    def _guide_pass(self, model_input: torch.Tensor, t: torch.Tensor) -> Evaluation:
        """Forward to the last layer read, the loss, and its gradient w.r.t. the UNet input."""
        assert self.plan is not None and self._hub is not None
        cond = self.cond.cond
        return loss_and_gradient(self.plan, self._hub,
                                 lambda z: self.unet(z, t, **cond, return_dict=False),
                                 model_input, self.early_stop)

    def _denoise_pass(self, model_input: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return self.unet(model_input, t, **self.cond.both, return_dict=False)[0]

    def guide(self, latents: torch.Tensor, step: int) -> torch.Tensor:
        """The guidance of one step (``guidance_step.guide``) at this render's timestep."""
        assert self.plan is not None
        return guide(self.plan, latents, step, lambda z: self.loss(z, step), self.log)

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
        losses, skipped = step_losses(self.log, self.components, len(seeds))
        warn_skipped(skipped, stacklevel=4)
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


def render(spec: Spec, pipe: Any, method: str | RenderConfig = "syngen", *,
           seeds: Sequence[int] = (0,), attention: bool = False, model_id: str | None = None,
           progress: bool = False, **settings: Any) -> RenderResult:
    """Render ``spec`` with ``pipe`` (a loaded Stable Diffusion text-to-image pipeline), one
    image per seed, all seeds in one batch.

    ``method`` is a registered method, a sum such as ``syngen+attend-excite:0.5``, ``none``
    for plain Stable Diffusion with the same seeds, or a whole ``RenderConfig``. ``settings``
    are ``RenderConfig`` fields: ``steps``, ``guidance`` (classifier-free; defaults to the
    family's own: 7.5 for SD 1.x/2.x, 5.0 for SDXL), ``height``, ``width``,
    ``negative_prompt``, ``params`` (``lambda=0.1`` or ``syngen-entropy.lambda=0.1``),
    ``guided_steps`` and ``step_size`` (override the method's schedule), ``max_refine`` (caps
    iterative refinement, 0: none), ``resolution``, ``on_truncated``. ``attention`` also
    returns the per-token cross-attention maps of the conditional branch, averaged over
    layers, heads and steps.
    """
    seeds = _check_seeds(seeds)
    sampler = Sampler(spec, pipe, method, batch=len(seeds), **settings)
    return sampler.run(seeds, attention=attention, progress=progress, model_id=model_id)


def _check_seeds(seeds: Sequence[int]) -> list[int]:
    seeds = [int(s) for s in seeds]
    if not seeds:
        raise BindingError("no seeds given: render at least one image")
    if len(set(seeds)) != len(seeds):
        raise BindingError("a seed is given twice: each image needs its own seed")
    return seeds


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
