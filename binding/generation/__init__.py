"""Generation: render a spec with a Stable Diffusion pipeline, steering its cross-attention so
each modifier lands on its entity.

    >>> from binding.generation import load_pipeline, render
    >>> pipe = load_pipeline("CompVis/stable-diffusion-v1-4")
    >>> result = render(spec, pipe, method="syngen", seeds=[0])
    >>> result.images[0].save("out.png")

Reads only ``binding.spec`` (never a parser): a spec file written anywhere renders here.
``trace(pipe)`` records attention maps of any diffusers Stable Diffusion pipeline on its own;
``BindingGuidance`` guides the user's own pipeline (img2img, inpainting, ControlNet, LoRA,
IP-Adapter) as its ``callback_on_step_end``.
"""

from __future__ import annotations

from binding.generation.capture import Layer, cross_attention_layers, guidance_layers
from binding.generation.config import GuidanceConfig, RenderConfig
from binding.generation.guidance import BindingGuidance
from binding.generation.methods import METHODS, Method, Schedule, get_method, register
from binding.generation.models import DEFAULT_MODEL, load_pipeline
from binding.generation.outputs import write_render
from binding.generation.record import RunRecord
from binding.generation.render import GuidanceWarning, RenderResult, render
from binding.generation.tokens import PromptTokens, align_to_model
from binding.generation.trace import AttentionTrace, trace

__all__ = [
    "DEFAULT_MODEL",
    "METHODS",
    "AttentionTrace",
    "BindingGuidance",
    "GuidanceConfig",
    "GuidanceWarning",
    "Layer",
    "Method",
    "PromptTokens",
    "RenderConfig",
    "RenderResult",
    "RunRecord",
    "Schedule",
    "align_to_model",
    "cross_attention_layers",
    "get_method",
    "guidance_layers",
    "load_pipeline",
    "register",
    "render",
    "trace",
    "write_render",
]
