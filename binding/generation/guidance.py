"""Binding guidance inside the user's own diffusers pipeline:

    guidance = BindingGuidance(spec, "syngen")
    with guidance.attached(pipe):
        image = pipe(spec.prompt, callback_on_step_end=guidance).images[0]

Any Stable Diffusion 1.x/2.x or SDXL pipeline: text-to-image, img2img, inpainting, ControlNet,
with LoRAs and IP-Adapters loaded, any scheduler and size. ``attached`` installs listening
attention processors on the layers the loss reads only, each chained to the processor it
replaces, and gives every processor back on exit.

Where the update lands, and why it is ``render``'s math. ``render`` runs, for step k,

    z_k ← z_k − α_k ∇L(z_k, t_k)   (repeated while refinement asks)
    z_{k+1} = scheduler.step(ε(z_k), t_k, z_k)

diffusers calls ``callback_on_step_end(pipe, i, t_i, {"latents": ...})`` at the end of loop
iteration i: after the scheduler's step (and, inpainting with a 4-channel UNet, after the known
region is put back), so the latents it hands over are z_{i+1}, the latents iteration i+1 starts
from, before its UNet pass. The callback applies step i+1's update there, at t_{i+1}, and
returns the guided latents, which the pipeline then denoises: render's order exactly. Step 0
has no callback before it. Its update is made at the pipeline's first UNet call (a forward
pre-hook; the first moment every conditioning input exists): the guided z_0 replaces the UNet's
input, a ControlNet's residuals are recomputed for it, and the scheduler's first ``step`` gets
the guided z_0 as its sample (wrapped for that one call), so step 0 too is denoised and stepped
from the guided latents.

The guidance pass replays the pipeline's own last UNet call (and ControlNet call, with grad:
the residuals depend on the latents) on the new latents, conditional half only (``replay``).
Per-step ControlNet settings (``control_guidance_start/end``) are those of the step just run.
Step k counts from the start of the scheduler's full schedule, so the method's schedule (steps
0..K-1 of N) keeps its place in the noise schedule under img2img and inpainting ``strength``.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, ClassVar

import torch
from diffusers.callbacks import PipelineCallback

from binding.errors import BindingError
from binding.generation.capture import CaptureHub, cross_attention_layers, install, restore
from binding.generation.conditioning import tokenizers
from binding.generation.config import GuidanceConfig, make_config
from binding.generation.guidance_step import (
    Evaluation,
    GuidancePlan,
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
from binding.generation.models import family
from binding.generation.record import StepLoss
from binding.generation.replay import Call, control_residuals
from binding.generation.tokens import PromptTokens, align_to_model
from binding.spec import Spec


@dataclass
class _Run:
    """One pipeline call: where its loop sits in the scheduler's schedule, and its plan."""

    offset: int  # schedule index of the loop's first timestep
    timesteps: torch.Tensor  # the scheduler's full schedule
    plan: GuidancePlan | None
    hub: CaptureHub
    cfg: bool
    unet: Call | None = None
    control: Call | None = None
    log: list[LogEntry] = field(default_factory=list)
    callbacks: int = 0
    expected: Any = None  # the timestep of the next UNet call
    first_sample: Any = None  # step 0: (recovered z_0, guided z_0) for the scheduler's step
    first_step_pending: Any = None  # the scheduler whose first step is still to be wrapped


class BindingGuidance(PipelineCallback):
    """A spec's binding as a diffusers ``callback_on_step_end`` (``PipelineCallback``, so it
    composes with ``MultiPipelineCallbacks``). Use it inside ``attached(pipe)``."""

    tensor_inputs: ClassVar[list[str]] = ["latents"]

    def __init__(self, spec: Spec, method: str | GuidanceConfig = "syngen",
                 **settings: Any) -> None:
        self.settings = make_config(GuidanceConfig, method, settings)
        self.spec = spec
        self.components = parse_method(self.settings.method, self.settings.params)
        self.register_to_config(**self.settings.model_dump())
        self.tokens: PromptTokens | None = None
        self.losses: list[list[StepLoss]] = []  # per image, of the last pipeline call
        self.skipped: list[int] = []
        self.plan: GuidancePlan | None = None  # of the last pipeline call
        self._pipe: Any = None
        self._run: _Run | None = None
        self._replaying = False  # True while the guidance pass itself calls the models
        self._pending_control: Call | None = None  # the ControlNet call before this UNet call
        self._processors: dict[str, Any] | None = None

    # --- attaching -------------------------------------------------------------------------

    @contextmanager
    def attached(self, pipe: Any) -> Iterator[BindingGuidance]:
        """The guidance joined to ``pipe`` for the block: hooks that record the denoiser's
        calls, parameters frozen (only the latents need gradients); everything given back on
        exit. Pass the object itself as ``callback_on_step_end`` to the pipeline calls."""
        if self._pipe is not None:
            raise BindingError("this guidance is already attached to a pipeline")
        family(pipe)  # a clear error for a pipeline binding does not know
        tokens = align_to_model(self.spec, tokenizers(pipe),
                                on_truncated=self.settings.on_truncated)
        if any(c.method.needs_text_attention for c in self.components):
            tokens, _ = with_text_attention(self.spec, pipe, tokens)
        if tokens.fragments or tokens.chunks > 1:
            warnings.warn("the spec's prompt has weights or runs past the token window: give "
                          "the pipeline prompt_embeds encoded as binding encodes it "
                          "(binding.generation.conditioning.encode), not the prompt text, or "
                          "the guided tokens will not be the encoded ones", UserWarning,
                          stacklevel=3)
        self.tokens, self._pipe = tokens, pipe
        models = [pipe.unet]
        hooks = [pipe.unet.register_forward_pre_hook(self._before_unet, with_kwargs=True)]
        control = getattr(pipe, "controlnet", None)
        if control is not None:
            models.append(control)
            hooks.append(control.register_forward_pre_hook(self._before_control,
                                                           with_kwargs=True))
        flags = {p: p.requires_grad for m in models for p in m.parameters()}
        for model in models:
            model.requires_grad_(False)
        try:
            yield self
        finally:
            for hook in hooks:
                hook.remove()
            self._end_run(finished=False)
            self._uninstall()
            for parameter, flag in flags.items():
                parameter.requires_grad_(flag)
            self._pipe = None

    def _uninstall(self) -> None:
        if self._processors is not None:
            restore(self._pipe.unet, self._processors)
            self._processors = None

    # --- the pipeline's calls --------------------------------------------------------------

    def _before_control(self, module: Any, args: tuple, kwargs: dict) -> None:
        if not self._replaying:
            self._pending_control = Call.bind(module, args, kwargs)

    def _before_unet(self, module: Any, args: tuple, kwargs: dict) -> Any:
        if self._replaying:
            return None
        call = Call.bind(module, args, kwargs)
        control, self._pending_control = self._pending_control, None
        run = self._run
        if run is None or not _same(call.timestep, run.expected):
            run = self._start_run(call)
        run.unet, run.control = call, control or run.control
        if run.callbacks == 0 and run.first_sample is None and run.plan is not None \
                and run.offset < run.plan.guided_steps:
            return (), self._first_step(run, call, control)
        return None

    def _start_run(self, call: Call) -> _Run:
        """A new pipeline call: its place in the schedule, its plan, processors for its size."""
        self._end_run(finished=False)
        pipe, scheduler = self._pipe, self._pipe.scheduler
        timesteps = scheduler.timesteps
        offset = _offset(scheduler, timesteps, call.timestep, pipe)
        latent = tuple(call.sample.shape[-2:])
        layers = cross_attention_layers(pipe.unet, latent)
        steps = int(getattr(scheduler, "num_inference_steps", None) or len(timesteps))
        device = call.sample.device
        plan = make_plan(self.components, self.tokens, layers, steps, self.settings, device)
        self._uninstall()
        hub = CaptureHub(layers)
        if plan is not None:
            self._processors = install(pipe.unet, plan.layers, hub)
            if offset >= plan.guided_steps:
                warnings.warn(f"nothing to guide: this call starts at step {offset} of {steps} "
                              f"(img2img/inpaint strength) and {self.settings.method} guides "
                              f"steps 0-{plan.guided_steps - 1}; raise strength or "
                              "guided_steps", UserWarning, stacklevel=4)
        cfg = bool(getattr(pipe, "do_classifier_free_guidance", False))
        self.plan = plan
        self._run = _Run(offset=offset, timesteps=timesteps, plan=plan, hub=hub, cfg=cfg,
                         expected=call.timestep)
        return self._run

    def _first_step(self, run: _Run, call: Call, control: Call | None) -> dict[str, Any]:
        """Step 0's update, made on the UNet input of the pipeline's first call; the
        ControlNet's residuals are recomputed for it and the scheduler's first step is given
        the guided latents."""
        scheduler, t = self._pipe.scheduler, call.timestep
        channels = self._pipe.unet.config.out_channels
        scale = input_scale(scheduler, t, call.sample.device)
        recovered = call.conditional(run.cfg).sample[:, :channels].float() / scale
        assert run.plan is not None
        guided = guide(run.plan, recovered, run.offset, self._loss(run, run.offset), run.log)
        scaled = scheduler.scale_model_input(guided, t).to(call.sample.dtype)
        arguments = dict(call.arguments)
        batch = call.sample.shape[0] // scaled.shape[0]
        sample = call.sample.clone()
        sample[:, :channels] = scaled.repeat(batch, 1, 1, 1)
        arguments["sample"] = sample
        if control is not None:
            copies = control.sample.shape[0] // scaled.shape[0]
            with torch.no_grad():
                arguments.update(control_residuals(control, scaled.repeat(copies, 1, 1, 1), t,
                                                   arguments))
        run.first_sample = (recovered, guided)
        self._wrap_first_scheduler_step(run)
        return arguments

    def _wrap_first_scheduler_step(self, run: _Run) -> None:
        scheduler = self._pipe.scheduler
        original = scheduler.step
        run.first_step_pending = scheduler

        def step(*args: Any, **kwargs: Any) -> Any:
            del scheduler.step  # one call only: the class's own method again
            run.first_step_pending = None
            recovered, guided = run.first_sample
            sample = kwargs["sample"] if "sample" in kwargs else args[2]
            # the guided z_0; where recovering z_0 from the scaled input was not exact, the
            # pipeline's own z_0 plus the update
            new = guided if torch.equal(sample.float(), recovered) else \
                sample.float() + (guided - recovered)
            new = new.to(sample.dtype)
            if "sample" in kwargs:
                kwargs["sample"] = new
            else:
                args = (*args[:2], new, *args[3:])
            return original(*args, **kwargs)

        scheduler.step = step

    # --- the callback ----------------------------------------------------------------------

    def callback_fn(self, pipeline: Any, step_index: int, timestep: Any,
                    callback_kwargs: dict[str, Any]) -> dict[str, Any]:
        """End of loop iteration ``step_index``: the latents are those the next iteration
        starts from; apply that step's update to them."""
        run = self._run
        if self._pipe is None or pipeline is not self._pipe:
            raise BindingError("this guidance is not attached to the pipeline calling it: call "
                               "the pipeline inside `with guidance.attached(pipe):`")
        if run is None:
            raise BindingError("the pipeline called the guidance before its UNet ran: "
                               "binding cannot place this step")
        if run.first_step_pending is not None:
            vars(run.first_step_pending).pop("step", None)
            raise BindingError("the pipeline stepped another scheduler than the one it had at "
                               "its first UNet call: binding cannot guide step 0")
        run.callbacks += 1
        k = run.offset + step_index
        if k >= len(run.timesteps) or not _same(run.timesteps[k], timestep):
            raise BindingError(f"step {step_index} ran at timestep {float(timestep):g}, not the "
                               "scheduler's: binding cannot place its guidance")
        following = k + 1
        if following >= len(run.timesteps) or step_index + 1 >= _loop_length(pipeline, run):
            self._end_run(finished=True)
            return callback_kwargs
        run.expected = run.timesteps[following]
        plan = run.plan
        if plan is not None and following < plan.guided_steps:
            latents = callback_kwargs["latents"]
            guided = guide(plan, latents, following, self._loss(run, following), run.log)
            callback_kwargs["latents"] = guided.to(latents.dtype)
        return callback_kwargs

    def _loss(self, run: _Run, step: int) -> Callable[[torch.Tensor], Evaluation]:
        """The loss at schedule step ``step`` on the pipeline's replayed conditional call."""
        scheduler, unet = self._pipe.scheduler, self._pipe.unet
        t = run.timesteps[step]
        assert run.plan is not None and run.unet is not None
        plan, cond = run.plan, run.unet.conditional(run.cfg)
        control = run.control.conditional(run.cfg) if run.control is not None else None

        def forward(z: torch.Tensor) -> Any:
            changes = {}
            if control is not None:
                changes = control_residuals(control, z, t, {})
            return cond.run(z, t, **changes)

        def loss(latents: torch.Tensor) -> Evaluation:
            model_input = scheduler.scale_model_input(latents, t).to(unet.dtype)
            scale = input_scale(scheduler, t, latents.device)
            self._replaying = True
            try:
                parts, total, grad, maps = loss_and_gradient(plan, run.hub, forward, model_input)
            finally:
                self._replaying = False
            return parts, total, grad.float() * scale, maps

        return loss

    def _end_run(self, finished: bool) -> None:
        run, self._run = self._run, None
        if run is None:
            return
        if run.first_step_pending is not None:  # the pipeline stopped before its first step
            vars(run.first_step_pending).pop("step", None)
        batch = run.log[0][3].shape[0] if run.log else 0
        self.losses, self.skipped = step_losses(run.log, self.components, batch)
        if not finished and run.callbacks == 0 and run.first_sample is not None:
            warnings.warn("the pipeline ran inside guidance.attached() without "
                          "callback_on_step_end=guidance: only step 0 was guided",
                          UserWarning, stacklevel=4)
        warn_skipped(self.skipped, stacklevel=4)

    def describe(self) -> dict[str, Any]:
        """The method, schedule and layers of the last pipeline call (for run records)."""
        return {"name": self.settings.method, **(self.plan.describe() if self.plan else {})}


def _same(a: Any, b: Any) -> bool:
    return b is not None and float(a) == float(b)


def _offset(scheduler: Any, timesteps: torch.Tensor, t: Any, pipe: Any) -> int:
    """The index of the loop's first timestep in the scheduler's full schedule: its begin
    index (img2img on schedulers that have one), the suffix the loop runs (img2img,
    inpainting), or where the timestep first occurs (text-to-image, SDXL's denoising_end)."""
    candidates = []
    begin = getattr(scheduler, "begin_index", None)
    if begin is not None:
        candidates.append(int(begin))
    length = getattr(pipe, "_num_timesteps", None)
    if length:
        candidates.append(len(timesteps) - int(length))
    candidates += [int(i) for i in torch.nonzero(timesteps == float(t)).flatten()]
    for index in candidates:
        if 0 <= index < len(timesteps) and _same(timesteps[index], t):
            return index
    raise BindingError(f"the pipeline's first timestep {float(t):g} is not in its scheduler's "
                       "schedule: binding cannot place its guidance steps")


def _loop_length(pipe: Any, run: _Run) -> int:
    return int(getattr(pipe, "_num_timesteps", None) or len(run.timesteps) - run.offset)
