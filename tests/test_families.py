"""Every method on every model family: tiny random SD 1.x-, SD 2.x- and SDXL-shaped pipelines,
saved and loaded through binding's loader, on the CPU."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
from tiny_models import sharpen_unet

import binding
from binding.generation import render
from binding.generation.conditioning import tokenizers
from binding.generation.models import family
from binding.generation.render import Sampler

ARCHS = {"sd": "tiny-sd", "sd2": "tiny-sd2", "sdxl": "tiny-sdxl"}
MAP_SIZE = {"sd": (8, 8), "sd2": (12, 12), "sdxl": (8, 8)}  # one (SDXL: two) level(s) down
SHARPEN = {"sd": 8.0, "sd2": 8.0, "sdxl": 40.0}
METHOD_NAMES = ("syngen", "syngen-entropy", "attend-excite", "divide-bind", "tsam")
PROMPT = "a pink sunflower and a yellow flamingo"


@pytest.fixture(scope="module")
def spec():
    return binding.parse(PROMPT)


@pytest.fixture(scope="module")
def pipes(tiny_pipes):
    return lambda name: tiny_pipes(ARCHS[name])


@pytest.fixture(scope="module")
def sharp(pipes):
    """Peaked cross-attention, as trained models have (random weights give flat maps)."""
    made = {}

    def get(name: str):
        if name not in made:
            pipe = copy.deepcopy(pipes(name))
            sharpen_unet(pipe.unet, SHARPEN[name])
            made[name] = pipe
        return made[name]

    return get


def test_families_and_tokenizers_are_recognised(pipes, spec):
    assert [family(pipes(n)) for n in ARCHS] == ["sd", "sd", "sdxl"]
    assert len(tokenizers(pipes("sdxl"))) == 2
    for name, pads_with_end in (("sd", True), ("sd2", False), ("sdxl", False)):
        sampler = Sampler(spec, pipes(name), "syngen", steps=2)
        assert sampler.tokens.pads_with_end is pads_with_end
        assert [g.entity.positions for g in sampler.tokens.groups] == [(3,), (7,)]


@pytest.mark.parametrize("name", ARCHS)
@pytest.mark.parametrize("method", METHOD_NAMES)
def test_every_method_reads_maps_at_the_right_size_and_descends(sharp, spec, name, method):
    sampler = Sampler(spec, sharp(name), method, batch=2, steps=10)
    latents, _ = sampler.initial_latents([0, 1])
    with sampler.installed():
        _, before, grad, maps = sampler.loss(latents, 0)
        assert maps.shape == (2, *MAP_SIZE[name], 77)
        assert torch.isfinite(before).all() and torch.isfinite(grad).all()
        assert grad.abs().sum() > 0
        # a step of 2% of the latents' norm along the negative gradient lowers the loss
        step = 0.02 * latents.flatten(1).norm(dim=1) / grad.flatten(1).norm(dim=1)
        _, after, _, _ = sampler.loss(latents - step.view(-1, 1, 1, 1) * grad, 0)
    assert ((before - after) / before.abs() > 0.01).all(), (before, after)


@pytest.mark.parametrize("name", ARCHS)
def test_all_methods_together_render_deterministically(pipes, spec, name):
    method = "syngen+attend-excite:0.5+divide-bind:0.1+tsam"
    first = render(spec, pipes(name), method, seeds=[0, 1], steps=3)
    second = render(spec, pipes(name), method, seeds=[0, 1], steps=3)
    for a, b in zip(first.images, second.images, strict=True):
        assert np.array_equal(np.asarray(a), np.asarray(b))
    record = first.records[0]
    assert [c["name"] for c in record.method["components"]] == [
        "syngen", "attend-excite", "divide-bind", "tsam"]
    assert record.method["map_size"] == list(MAP_SIZE[name])
    assert record.method["text_attention"] == "text encoder"
    assert all(s.loss is not None for s in record.losses)


@pytest.mark.parametrize("name", ["sd2", "sdxl"])
def test_method_none_equals_the_diffusers_pipeline(tiny_paths, pipes, spec, name):
    from diffusers import DiffusionPipeline

    ours = render(spec, pipes(name), "none", seeds=[3], steps=4)
    reference = DiffusionPipeline.from_pretrained(tiny_paths(ARCHS[name]), local_files_only=True)
    reference.set_progress_bar_config(disable=True)
    theirs = reference(PROMPT, num_inference_steps=4,
                       generator=torch.Generator("cpu").manual_seed(3)).images[0]
    assert np.array_equal(np.asarray(ours.images[0]), np.asarray(theirs))


def test_sd2_renders_with_v_prediction_at_its_native_size(pipes, spec):
    record = render(spec, pipes("sd2"), "syngen", steps=2).records[0]
    assert record.model["unet"]["prediction_type"] == "v_prediction"
    assert record.size == (48, 48)


def test_tsam_prefers_the_specs_text_attention_when_it_fits(pipes, spec):
    from binding.generation.conditioning import text_self_attention
    from binding.spec import TextAttention

    pipe = pipes("sd")
    name = pipe.tokenizer.name_or_path
    matrix = text_self_attention(pipe, PROMPT)
    uniform = [[1 / (i + 1)] * (i + 1) + [0.0] * (len(matrix) - i - 1)
               for i in range(len(matrix))]
    carried = spec.model_copy(update={
        "tokens": spec.tokens.model_copy(update={"tokenizer": name}),
        "text_attention": TextAttention(model="elsewhere", tokenizer=name, layers=[0],
                                        matrix=uniform)})
    ours = Sampler(carried, pipe, "tsam", steps=2)
    assert ours.text_attention_source == "spec"
    assert torch.allclose(ours.tokens.text_attention, torch.tensor(uniform))
    computed = Sampler(spec, pipe, "tsam", steps=2)  # realigned: the spec's would not fit
    assert computed.text_attention_source == "text encoder"
    assert torch.allclose(computed.tokens.text_attention.sum(dim=1), torch.ones(len(matrix)))
