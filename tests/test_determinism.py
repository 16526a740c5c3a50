"""Deterministic mode: the switch sets and restores PyTorch's settings, guided renders under it
give the pixels they give without it (on the CPU, where every kernel is deterministic), and no
guidance backward, on any family or method, uses a kernel that CUDA can only run
non-deterministically (such a kernel would raise under the mode on a GPU)."""

from __future__ import annotations

import copy
import os

import numpy as np
import pytest
import torch

import binding
from binding.generation import render
from binding.generation.architectures import build_pipeline
from binding.generation.determinism import CUBLAS_WORKSPACE, deterministic
from binding.generation.render import make_sampler

PROMPT = "a pink sunflower and a yellow flamingo"
# Autograd nodes whose CUDA backward has no deterministic implementation: PyTorch raises on
# them under torch.use_deterministic_algorithms(True) (its docstring lists them)
NO_DETERMINISTIC_CUDA_BACKWARD = {
    "ReflectionPad1DBackward0", "ReflectionPad2DBackward0", "ReflectionPad3DBackward0",
    "UpsampleLinear1DBackward0", "UpsampleBilinear2DBackward0", "UpsampleBicubic2DBackward0",
    "UpsampleTrilinear3DBackward0", "AdaptiveAvgPool2DBackward0", "AdaptiveAvgPool3DBackward0",
    "AdaptiveMaxPool2DBackward0", "AvgPool3DBackward0", "FractionalMaxPool2DBackward0",
    "FractionalMaxPool3DBackward0", "GridSampler2DBackward0", "GridSampler3DBackward0",
    "CumsumBackward0", "EmbeddingBagBackward0", "NllLossBackward0", "CtcLossBackward0",
    "MaxUnpool2DBackward0", "MaxUnpool3DBackward0",
}
# every loss on one family, every family's network with the losses that smooth or sum
METHODS = {"tiny-sd": ("syngen", "syngen-entropy", "attend-excite", "divide-bind", "tsam"),
           "tiny-sdxl": ("syngen",),
           "tiny-sd3": ("divide-bind", "tsam"),
           "tiny-flux": ("syngen", "attend-excite")}
SIZE = {"tiny-sd3": 32, "tiny-flux": 32}
pytestmark = pytest.mark.slow  # builds and renders tiny random pipelines


@pytest.fixture(scope="module")
def spec():
    return binding.parse(PROMPT)


@pytest.fixture(scope="module")
def pipes():
    made = {}

    def get(name: str):
        if name not in made:
            made[name] = build_pipeline(name)
        return made[name]

    return get


def test_the_switch_sets_and_restores_pytorchs_settings(monkeypatch):
    monkeypatch.delenv(CUBLAS_WORKSPACE, raising=False)
    assert not torch.are_deterministic_algorithms_enabled()
    with deterministic():
        assert torch.are_deterministic_algorithms_enabled()
        assert not torch.is_deterministic_algorithms_warn_only_enabled()
        assert torch.backends.cudnn.deterministic and not torch.backends.cudnn.benchmark
        assert os.environ[CUBLAS_WORKSPACE] == ":4096:8"
    assert not torch.are_deterministic_algorithms_enabled()
    assert not torch.backends.cudnn.deterministic
    assert CUBLAS_WORKSPACE not in os.environ
    monkeypatch.setenv(CUBLAS_WORKSPACE, ":16:8")  # the user's own choice is kept
    with deterministic():
        assert os.environ[CUBLAS_WORKSPACE] == ":16:8"
    assert os.environ[CUBLAS_WORKSPACE] == ":16:8"


def _backward_nodes(sampler, latents) -> set[str]:
    """Every autograd node between the guidance loss and the latents."""
    found: set[str] = set()
    original = torch.autograd.grad

    def walking(outputs, inputs, *args, **kwargs):
        stack, seen = [outputs.grad_fn], set()
        while stack:
            node = stack.pop()
            if node is None or node in seen:
                continue
            seen.add(node)
            found.add(type(node).__name__)
            stack.extend(next_node for next_node, _ in node.next_functions)
        return original(outputs, inputs, *args, **kwargs)

    torch.autograd.grad = walking
    try:
        with sampler.installed():
            sampler.loss(latents, 0)
    finally:
        torch.autograd.grad = original
    return found


@pytest.mark.parametrize("name", METHODS)
def test_no_guidance_backward_needs_a_nondeterministic_cuda_kernel(pipes, spec, name):
    size = SIZE.get(name)
    extra = {"height": size, "width": size} if size else {}
    for method in METHODS[name]:
        sampler = make_sampler(spec, pipes(name), method, steps=4, **extra)
        latents, _ = sampler.initial_latents([0])
        nodes = _backward_nodes(sampler, latents)
        assert nodes, method
        assert not nodes & NO_DETERMINISTIC_CUDA_BACKWARD, (name, method, nodes)


@pytest.mark.parametrize("name", ["tiny-sd", "tiny-flux"])
def test_a_deterministic_render_gives_the_same_pixels(pipes, spec, name):
    size = SIZE.get(name)
    extra = {"height": size, "width": size} if size else {}
    method = "syngen+attend-excite:0.5+divide-bind:0.2"
    pipe = copy.deepcopy(pipes(name))
    plain = render(spec, pipe, method, seeds=[0], steps=3, max_refine=1, **extra)
    with deterministic():
        fixed = render(spec, pipe, method, seeds=[0], steps=3, max_refine=1, **extra)
    assert np.array_equal(np.asarray(plain.images[0]), np.asarray(fixed.images[0]))
    assert fixed.records[0].execution["deterministic"] is True
    assert "deterministic" not in plain.records[0].execution
