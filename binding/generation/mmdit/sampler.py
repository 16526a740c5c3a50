"""The guided flow-matching loop of SD3 and FLUX: ``render``'s loop for an MMDiT.

SD3 and FLUX predict a velocity v = ε − x₀ and step z ← z + (σ_next − σ)·v along straight
paths (``FlowMatchEulerDiscreteScheduler``). The guidance update is made in that latent space,
as SynGen's is in a UNet's: at each of the first K steps the conditional branch runs once more
with gradients, only as far as the last joint-attention layer the loss reads, and

    z_t ← z_t − α ∇_{z_t} L(maps(z_t, t))

before the ordinary (classifier-free-guided, for SD3) velocity step. The model input is z_t
itself (flow-matching schedulers do not scale it), so the gradient needs no chain rule through
the scheduler. Latents stay fp32; the transformer runs in its own dtype (bf16 or fp16 on a
GPU), the maps come out of the softmax in fp32 and the loss is fp32: its gradient reaches the
latents through the half-precision network and lands on fp32 latents.

The methods' schedules are the papers' (SynGen: the first half of the steps, α = 20), counted
in fractions of the trajectory so that they carry over from 50 steps to FLUX's 28. Their step
sizes were tuned on SD 1.4's ε-prediction latents and are kept as they are: flow-matching
latents have unit variance along the whole path, as SD's have at its start, but whether the
papers' α suits these models was not measured (no weights here): ``--step-size`` sets it.
FLUX packs its latents into 2×2 patches; the update is made on the packed latents (a
permutation of the same numbers, so the same update).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import torch

from binding.generation.capture import latent_size
from binding.generation.config import RenderConfig, make_config
from binding.generation.guidance_step import (
    Evaluation,
    loss_and_gradient,
    make_plan,
    with_text_attention,
)
from binding.generation.methods import parse_method
from binding.generation.mmdit.capture import capturing_joint
from binding.generation.mmdit.conditioning import decode, encode, forward, set_timesteps
from binding.generation.mmdit.layers import choose_layers, default_layers, grid_size, joint_layers
from binding.generation.mmdit.streams import align, layout
from binding.generation.models import dtype_name, family, text_to_image_family
from binding.generation.render import GUIDANCE, Sampler, _frozen, _Timer
from binding.generation.trace import AttentionTrace
from binding.spec import Spec


class FlowSampler(Sampler):
    """One prompt bound to one SD3 or FLUX pipeline: conditioning, timesteps, guidance plan,
    and the two kinds of step. ``render`` runs it; tests and benchmarks drive single steps.
    CUDA graphs are not used: an MMDiT step at 1024 px is a few large kernels, not a thousand
    small ones."""

    def __init__(self, spec: Spec, pipe: Any, method: str | RenderConfig = "syngen", *,
                 batch: int = 1, early_stop: bool = True, cuda_graphs: bool | None = None,
                 **settings: Any) -> None:
        config = make_config(RenderConfig, method, settings)
        self.spec, self.pipe, self.config = spec, pipe, config
        self.family = text_to_image_family(pipe)
        self.method = config.method.strip()
        self.components = parse_method(config.method, config.params)
        self.guidance = GUIDANCE[self.family] if config.guidance is None else config.guidance
        self.transformer = pipe.transformer
        self.device = pipe._execution_device
        self.layout = layout(pipe, self.family, config.stream, self.components)
        self.tokens = align(spec, self.layout, config.on_truncated)
        self.text_attention_source = None
        if any(c.method.needs_text_attention for c in self.components):
            self.tokens, self.text_attention_source = with_text_attention(spec, pipe,
                                                                          self.tokens)
        native = pipe.default_sample_size * pipe.vae_scale_factor
        self.height, self.width = config.height or native, config.width or native
        self.latent = latent_size(self.transformer, self.height, self.width,
                                  pipe.vae_scale_factor)
        self.grid = grid_size(self.transformer, self.latent, packed=self.family == "flux")
        self.layers = joint_layers(self.transformer, self.grid)
        chosen = choose_layers(self.layers, config.layers, config.resolution)
        self.read = chosen if self.components else default_layers(self.layers)
        self.steps, self.batch = config.steps, batch
        self.plan = make_plan(self.components, self.tokens, self.layers, self.steps, config,
                              self.device, chosen=chosen)
        self.negative_prompt = config.negative_prompt
        self.early_stop = early_stop
        self.graphs = False
        self.execution: dict[str, Any] = {}
        self._guide_fn = self._denoise_fn = None
        self._hub: Any = None
        self.log = []
        timer = _Timer(self.device)
        with torch.no_grad():
            self.cond = encode(pipe, self.family, spec.prompt, self.negative_prompt,
                               batch, self.guidance, self.latent, self.device)
        timer.mark("encode")
        self.encode_seconds = timer.phases["encode"]
        self.timesteps = self._set_timesteps()

    def _set_timesteps(self) -> torch.Tensor:
        """A fresh schedule (the scheduler counts its steps): once here, again every run."""
        return set_timesteps(self.pipe, self.family, self.steps,
                             self.grid[0] * self.grid[1], self.device)

    def initial_latents(self, seeds: Sequence[int]) -> tuple[torch.Tensor, list[Any]]:
        """fp32 starting noise from one CPU generator per image, as the pipeline draws it
        (FLUX: packed)."""
        generators = [torch.Generator("cpu").manual_seed(seed) for seed in seeds]
        channels = self.transformer.config.in_channels
        if self.family == "flux":
            latents, _ = self.pipe.prepare_latents(len(seeds), channels // 4, self.height,
                                                   self.width, torch.float32, self.device,
                                                   generators)
        else:
            latents = self.pipe.prepare_latents(len(seeds), channels, self.height, self.width,
                                                torch.float32, self.device, generators)
        return latents, generators

    @contextmanager
    def installed(self) -> Iterator[Any]:
        """Listening processors on the layers read, transformer parameters frozen."""
        with capturing_joint(self.transformer, self.read, self.layout.text,
                             self.layout.shift) as hub, _frozen(self.transformer):
            self._hub = hub
            self._guide_fn, self._denoise_fn = self._guide_pass, self._denoise_pass
            try:
                yield hub
            finally:
                self._hub = self._guide_fn = self._denoise_fn = None

    def loss(self, latents: torch.Tensor, step: int) -> Evaluation:
        """(parts (B, C), total (B,), gradient w.r.t. the latents, maps) at ``step``."""
        if self.plan is None or self._guide_fn is None:
            raise RuntimeError("loss() needs a guidance method and the installed() context")
        model_input = latents.to(self.cond.dtype)
        parts, total, grad, maps = self._guide_fn(model_input, self.timesteps[step])
        return parts, total, grad.float(), maps

    def _guide_pass(self, model_input: torch.Tensor, t: torch.Tensor) -> Evaluation:
        assert self.plan is not None and self._hub is not None
        cond = self.cond.cond
        return loss_and_gradient(self.plan, self._hub,
                                 lambda z: forward(self.pipe, self.family, z, t, cond),
                                 model_input, self.early_stop)

    def _denoise_pass(self, model_input: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            return forward(self.pipe, self.family, model_input, t, self.cond.both)

    @torch.no_grad()
    def denoise(self, latents: torch.Tensor, step: int, extra: Mapping[str, Any],
                tracer: AttentionTrace | None = None) -> torch.Tensor:
        """The velocity step (classifier-free-guided on SD3)."""
        cond, t = self.cond, self.timesteps[step]
        model_input = (torch.cat([latents] * 2) if cond.cfg else latents).to(cond.dtype)
        if tracer is not None:
            with self._hub.listen(self.read, tracer):
                velocity = self._denoise_pass(model_input, t)
        else:
            velocity = self._denoise_pass(model_input, t)
        if cond.cfg:
            uncond, text = velocity.chunk(2)
            velocity = uncond + self.guidance * (text - uncond)
        return self.pipe.scheduler.step(velocity.float(), t, latents, return_dict=False)[0]

    def run(self, seeds: Sequence[int], attention: bool = False, progress: bool = False,
            model_id: str | None = None) -> Any:
        self.timesteps = self._set_timesteps()
        return super().run(seeds, attention=attention, progress=progress, model_id=model_id)

    def _step_kwargs(self, generators: list[Any]) -> dict[str, Any]:
        return {}

    def _map_size(self) -> tuple[int, int]:
        return self.grid

    def _decode(self, latents: torch.Tensor) -> tuple[list[Any], list[bool] | None]:
        return decode(self.pipe, self.family, latents, self.height, self.width), None

    def _model_info(self, model_id: str | None) -> dict[str, Any]:
        pipe, config = self.pipe, self.transformer.config
        return {
            "id": model_id or getattr(pipe, "name_or_path", None)
            or pipe.config.get("_name_or_path"),
            "family": family(pipe),
            "pipeline": type(pipe).__name__,
            "dtype": dtype_name(self.transformer.dtype),
            "device": str(self.device),
            "transformer": {"class": type(self.transformer).__name__,
                            "patch_size": config.patch_size,
                            "joint_attention_dim": config.joint_attention_dim,
                            "prediction_type": "flow (velocity)",
                            "text_stream": self.tokens.stream},
        }


def check_settings(pipe: Any, config: RenderConfig) -> None:
    """The size, stream and layers of ``config`` checked against ``pipe`` before a batch
    renders: a wrong one is one error, not a failure per item."""
    fam = text_to_image_family(pipe)
    native = pipe.default_sample_size * pipe.vae_scale_factor
    latent = latent_size(pipe.transformer, config.height or native, config.width or native,
                         pipe.vae_scale_factor)
    grid = grid_size(pipe.transformer, latent, packed=fam == "flux")
    choose_layers(joint_layers(pipe.transformer, grid), config.layers, config.resolution)
    layout(pipe, fam, config.stream, parse_method(config.method, config.params))
