"""Loading a Stable Diffusion pipeline: by hub id or local folder, offline-capable, any dtype,
device and scheduler.

Only diffusers' own ``from_pretrained`` is used, so every checkpoint in diffusers format works;
what binding adds is a clear one-line error when weights are missing and a family check (the
guidance loop knows SD 1.x/2.x and SDXL conditioning).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from binding import hub
from binding.errors import BindingError
from binding.generation.random_model import random_architecture, random_pipeline

if TYPE_CHECKING:
    import torch
    from diffusers import DiffusionPipeline

DEFAULT_MODEL = "CompVis/stable-diffusion-v1-4"  # SynGen's and Attend-and-Excite's model
DTYPES = {"fp32": "float32", "fp16": "float16", "bf16": "bfloat16"}
# Short names for the schedulers people swap in; any diffusers scheduler class name works too.
SCHEDULERS = {
    "ddim": "DDIMScheduler",
    "pndm": "PNDMScheduler",
    "euler": "EulerDiscreteScheduler",
    "euler-a": "EulerAncestralDiscreteScheduler",
    "dpm++": "DPMSolverMultistepScheduler",
    "lms": "LMSDiscreteScheduler",
    "heun": "HeunDiscreteScheduler",
    "unipc": "UniPCMultistepScheduler",
}


def resolve_device(device: str | None = None) -> torch.device:
    """``device`` as asked, or the first CUDA GPU when there is one, else the CPU."""
    import torch

    if device is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    try:
        resolved = torch.device(device)
    except RuntimeError:
        raise BindingError(f"unknown device {device!r}: use cuda, cuda:N, mps or cpu") from None
    if resolved.type == "cuda" and not torch.cuda.is_available():
        raise BindingError(f"device {device!r} asked for but no CUDA GPU is visible: "
                           "use --device cpu")
    return resolved


def resolve_dtype(dtype: str | None, device: torch.device) -> torch.dtype:
    """``fp16``/``bf16``/``fp32``; by default half precision on a GPU, fp32 elsewhere."""
    import torch

    if dtype is None:
        dtype = "fp16" if device.type == "cuda" else "fp32"
    if dtype not in DTYPES:
        raise BindingError(f"unknown dtype {dtype!r}: use one of {', '.join(DTYPES)}")
    return getattr(torch, DTYPES[dtype])


def dtype_name(dtype: torch.dtype) -> str:
    return {v: k for k, v in DTYPES.items()}[str(dtype).removeprefix("torch.")]


# The pipelines of each family whose UNet, tokenizers and text conditioning binding knows: the
# text-to-image pipelines (which ``render`` drives itself) and their img2img, inpainting and
# ControlNet variants (which ``BindingGuidance`` joins through a callback).
FAMILY_PIPELINES = {
    "sd": ("StableDiffusionPipeline", "StableDiffusionImg2ImgPipeline",
           "StableDiffusionInpaintPipeline", "StableDiffusionControlNetPipeline",
           "StableDiffusionControlNetImg2ImgPipeline", "StableDiffusionControlNetInpaintPipeline"),
    "sdxl": ("StableDiffusionXLPipeline", "StableDiffusionXLImg2ImgPipeline",
             "StableDiffusionXLInpaintPipeline", "StableDiffusionXLControlNetPipeline",
             "StableDiffusionXLControlNetImg2ImgPipeline",
             "StableDiffusionXLControlNetInpaintPipeline"),
}


def family(pipe: Any) -> str:
    """``sd`` (1.x/2.x: one text encoder) or ``sdxl`` (two text encoders, added conditioning),
    for the text-to-image pipelines and their img2img, inpainting and ControlNet variants."""
    import diffusers

    for name, classes in FAMILY_PIPELINES.items():
        if isinstance(pipe, tuple(getattr(diffusers, c) for c in classes)):
            return name
    raise BindingError(
        f"{type(pipe).__name__} is not supported: binding guides Stable Diffusion 1.x/2.x and "
        "SDXL pipelines (text-to-image, img2img, inpainting, ControlNet)"
    )


def text_to_image_family(pipe: Any) -> str:
    """``family(pipe)`` for the text-to-image pipelines ``render`` runs its own loop with."""
    import diffusers

    name = family(pipe)
    if not isinstance(pipe, getattr(diffusers, FAMILY_PIPELINES[name][0])):
        raise BindingError(
            f"render runs its own text-to-image loop and cannot drive {type(pipe).__name__}: "
            "use BindingGuidance as the pipeline's callback_on_step_end instead (README: "
            "'Use it in your own pipeline')"
        )
    return name


@contextmanager
def _quiet_loading() -> Iterator[None]:
    """diffusers and transformers print progress bars and notices while loading; keep stderr
    for what the user must read."""
    from diffusers.utils import logging as diffusers_logging
    from transformers.utils import logging as transformers_logging

    libraries = (diffusers_logging, transformers_logging)
    levels = [lib.get_verbosity() for lib in libraries]
    for lib in libraries:
        lib.set_verbosity_error()
        lib.disable_progress_bar()
    try:
        yield
    finally:
        for lib, level in zip(libraries, levels, strict=True):
            lib.set_verbosity(level)
            lib.enable_progress_bar()


def load_pipeline(model: str = DEFAULT_MODEL, *, dtype: str | None = None,
                  device: str | None = None, scheduler: str | None = None,
                  local_files_only: bool = False, safety_checker: bool = True,
                  variant: str | None = None) -> DiffusionPipeline:
    """A Stable Diffusion pipeline from a hub id or a local diffusers folder, or with random
    weights (``random:tiny-sd``: binding.generation.random_model).

    ``local_files_only`` never touches the network (the Hugging Face cache and local folders
    only). ``scheduler`` swaps the checkpoint's scheduler for another with the same config.
    """
    import torch
    from diffusers import DiffusionPipeline

    resolved_device = resolve_device(device)
    torch_dtype = resolve_dtype(dtype, resolved_device)
    kwargs: dict[str, Any] = {"dtype": torch_dtype}
    if variant:
        kwargs["variant"] = variant
    if not safety_checker:
        kwargs["safety_checker"] = None
        kwargs["requires_safety_checker"] = False
    random_weights = random_architecture(model)
    if random_weights is not None:
        pipe = random_pipeline(random_weights, torch_dtype)
    else:
        with _quiet_loading():
            pipe = hub.load(DiffusionPipeline.from_pretrained, model, what="model",
                            option="--model", expects="a diffusers model_index.json",
                            local_files_only=local_files_only, **kwargs)
    family(pipe)
    if scheduler:
        pipe.scheduler = make_scheduler(scheduler, pipe.scheduler.config)
    pipe.set_progress_bar_config(disable=True)
    pipe = pipe.to(resolved_device)
    if prefers_channels_last(resolved_device, torch_dtype):
        pipe.unet.to(memory_format=torch.channels_last)
    return pipe


def prefers_channels_last(device: torch.device, dtype: torch.dtype) -> bool:
    """Half-precision UNets on a GPU run faster in channels-last layout: cuDNN's tensor-core
    convolutions want NHWC (measured on an H100, SD 1.5 fp16: the guidance pass's GPU time
    13.6 -> 9.1 ms, the denoising pass's 12.4 -> 10.9 ms; benchmarks/step_costs.py)."""
    import torch

    return device.type == "cuda" and dtype in (torch.float16, torch.bfloat16)


def make_scheduler(name: str, config: Any) -> Any:
    """A diffusers scheduler by short name (``ddim``, ``euler``...) or class name."""
    import diffusers

    class_name = SCHEDULERS.get(name.lower(), name)
    cls = getattr(diffusers, class_name, None)
    if cls is None or not hasattr(cls, "from_config") or "Scheduler" not in class_name:
        known = ", ".join(SCHEDULERS)
        raise BindingError(f"unknown scheduler {name!r}: use one of {known} or a diffusers "
                           "scheduler class name")
    return cls.from_config(config)
