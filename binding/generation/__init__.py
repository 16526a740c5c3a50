"""Generation: render a spec with a Stable Diffusion (1.x, 2.x, XL, 3/3.5) or FLUX.1 pipeline,
steering its cross-attention (an MMDiT's image→text attention) so each modifier lands on its
entity.

    >>> from binding.generation import load_pipeline, render
    >>> pipe = load_pipeline("CompVis/stable-diffusion-v1-4")
    >>> result = render(spec, pipe, method="syngen", seeds=[0])
    >>> result.images[0].save("out.png")

Reads only ``binding.spec`` (never a parser): a spec file written anywhere renders here.
``trace(pipe)`` records attention maps of any diffusers Stable Diffusion pipeline on its own;
``BindingGuidance`` guides the user's own pipeline (img2img, inpainting, ControlNet, LoRA,
IP-Adapter; SD3 and FLUX) as its ``callback_on_step_end``. ``deterministic()`` makes GPU
renders bitwise repeatable.
"""

from __future__ import annotations

from binding.generation.capture import Layer, cross_attention_layers, guidance_layers
from binding.generation.config import GuidanceConfig, RenderConfig
from binding.generation.determinism import deterministic
from binding.generation.guidance import BindingGuidance
from binding.generation.methods import METHODS, Method, Schedule, get_method, register
from binding.generation.models import DEFAULT_MODEL, load_pipeline
from binding.generation.outputs import write_render
from binding.generation.record import RunRecord
from binding.generation.render import GuidanceWarning, RenderResult, make_sampler, render
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
    "deterministic",
    "get_method",
    "guidance_layers",
    "load_pipeline",
    "make_sampler",
    "register",
    "render",
    "trace",
    "write_render",
]
