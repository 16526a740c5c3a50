"""Generation on tiny random SD pipelines (CPU): capture, guidance, determinism, parity with
diffusers, run records. No real weights exist here; these check the machinery, not the art."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from tiny_models import sharpen_unet

import binding
from binding.errors import BindingError
from binding.generation import (
    GuidanceWarning,
    cross_attention_layers,
    guidance_layers,
    render,
)
from binding.generation.architectures import UNETS
from binding.generation.capture import LayerMean, capturing
from binding.generation.methods import METHODS
from binding.generation.render import Sampler

PROMPT = "a pink sunflower and a yellow flamingo"


@pytest.fixture(scope="module")
def spec():
    return binding.parse(PROMPT)


def pixels(result, n=0):
    return np.asarray(result.images[n], dtype=np.int16)


# --- which layers, at which size ---------------------------------------------------------

def meta_unet(**config):
    from diffusers import UNet2DConditionModel

    with torch.device("meta"):
        return UNet2DConditionModel(**config)


SD15, SD21, SDXL = UNETS["sd15"], UNETS["sd21"], UNETS["sdxl"]


@pytest.mark.parametrize(("config", "latent", "size", "count", "heads"), [
    (SD15, (64, 64), (16, 16), 5, 8),     # SD 1.x at 512 px: down_blocks.2 + up_blocks.1
    (SD21, (96, 96), (24, 24), 5, 20),    # SD 2.1 at 768 px
    (SD15, (96, 64), (24, 16), 5, 8),     # 512 wide x 768 high
    (SDXL, (128, 128), (32, 32), 60, 20),  # SDXL at 1024: down 2, mid and up 0, 10 deep each
])
def test_guidance_layers_follow_the_real_architectures(config, latent, size, count, heads):
    unet = meta_unet(**config)
    layers = guidance_layers(cross_attention_layers(unet, latent))
    assert {layer.size for layer in layers} == {size}
    assert len(layers) == count
    assert {layer.heads for layer in layers} == {heads}
    if config is SD15:
        assert {layer.name.split(".attentions")[0] for layer in layers} == {
            "down_blocks.2", "up_blocks.1"}


def test_layers_are_in_forward_order_and_a_resolution_can_be_chosen():
    unet = meta_unet(**SD15)
    layers = cross_attention_layers(unet, (64, 64))
    stages = [layer.name.split(".")[0] for layer in layers]
    assert stages == sorted(stages, key=["down_blocks", "mid_block", "up_blocks"].index)
    assert [layer.size[0] for layer in layers[:6]] == [64, 64, 32, 32, 16, 16]
    assert {layer.size for layer in guidance_layers(layers, resolution=32)} == {(32, 32)}
    with pytest.raises(BindingError, match="no cross-attention layer has 12-pixel maps"):
        guidance_layers(layers, resolution=12)


def test_captured_maps_have_the_guidance_shape_and_are_distributions(tiny_sd_pipe, spec):
    sampler = Sampler(spec, tiny_sd_pipe, "syngen", batch=2, steps=4)
    latents, _ = sampler.initial_latents([0, 1])
    with sampler.installed():
        parts, total, _grad, maps = sampler.loss(latents, 0)
    assert maps.shape == (2, 8, 8, 77)  # 16x16 latents, guidance one level down
    assert torch.allclose(maps.sum(dim=-1), torch.ones(2, 8, 8), atol=1e-5)
    assert total.shape == (2,) and parts.shape == (2, 1)


def test_only_the_guidance_layers_compute_explicit_attention(tiny_sd_pipe, spec, monkeypatch):
    from binding.generation import capture

    explicit = []
    original = capture._explicit_attention

    def spy(attn, *args, **kwargs):
        out = original(attn, *args, **kwargs)
        explicit.append(attn)
        return out

    monkeypatch.setattr(capture, "_explicit_attention", spy)
    names = {module: name for name, module in tiny_sd_pipe.unet.named_modules()}
    render(spec, tiny_sd_pipe, "syngen", steps=2, guided_steps=1)
    computed = {names[attn] for attn in explicit}
    sampler = Sampler(spec, tiny_sd_pipe, "syngen", steps=2)
    wanted = {layer.name.removesuffix(".processor") for layer in sampler.plan.layers}
    assert computed == wanted
    assert len(explicit) == len(wanted)  # one guided forward; denoising stays on SDPA


def test_the_guidance_forward_stops_after_the_last_layer_it_reads(tiny_sd_pipe, spec):
    sampler = Sampler(spec, tiny_sd_pipe, "syngen", steps=4)
    ran = []
    hooks = [block.register_forward_hook(lambda m, i, o, n=n: ran.append(n))
             for n, block in enumerate(tiny_sd_pipe.unet.up_blocks)]
    try:
        latents, _ = sampler.initial_latents([0])
        with sampler.installed():
            sampler.loss(latents, 0)
    finally:
        for hook in hooks:
            hook.remove()
    # up_blocks.1 holds the last 8x8 layer and stops mid-block; up_blocks.2 (16x16) never runs
    assert ran == [0]


def test_processors_are_restored_after_capture(tiny_sd_pipe):
    before = {k: type(v) for k, v in tiny_sd_pipe.unet.attn_processors.items()}
    layers = cross_attention_layers(tiny_sd_pipe.unet, (16, 16))
    with capturing(tiny_sd_pipe.unet, layers):
        assert {type(v).__name__ for v in tiny_sd_pipe.unet.attn_processors.values()} >= {
            "CrossAttentionProcessor"}
    assert {k: type(v) for k, v in tiny_sd_pipe.unet.attn_processors.items()} == before


def test_layer_mean_rejects_a_missing_layer(tiny_sd_pipe):
    layers = guidance_layers(cross_attention_layers(tiny_sd_pipe.unet, (16, 16)))
    mean = LayerMean(layers)
    mean(layers[0], torch.full((1, 64, 77), 1 / 77))
    with pytest.raises(BindingError, match="not captured"):
        mean.maps()


# --- guidance ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sharp_pipe(tiny_sd_pipe):
    """The tiny pipeline with peaked cross-attention, as trained models have: random weights
    give near-uniform maps, whose loss landscape is flat down to float32 rounding."""
    import copy

    sharp = copy.deepcopy(tiny_sd_pipe)
    sharpen_unet(sharp.unet, 8.0)
    return sharp


def test_gradient_reaches_the_latents_and_one_update_lowers_the_loss(sharp_pipe, spec):
    sampler = Sampler(spec, sharp_pipe, "syngen", batch=2, steps=10)
    latents, _ = sampler.initial_latents([0, 1])
    with sampler.installed():
        _, before, grad, _ = sampler.loss(latents, 0)
        assert grad.abs().sum() > 0 and torch.isfinite(grad).all()
        updated = sampler.guide(latents, 0)  # one update with the paper's α = 20
        assert torch.allclose(updated, latents - 20.0 * grad)
        _, after, _, _ = sampler.loss(updated, 0)
    assert (after < before - 0.05).all()


def test_the_early_stop_gives_the_same_update_as_the_full_forward(sharp_pipe, spec):
    updates = []
    for early in (True, False):
        sampler = Sampler(spec, sharp_pipe, "syngen", batch=2, steps=10, early_stop=early)
        latents, _ = sampler.initial_latents([0, 1])
        with sampler.installed():
            updates.append(sampler.guide(latents, 0))
    assert not torch.equal(updates[0], latents)
    assert torch.allclose(updates[0], updates[1], atol=1e-6, rtol=1e-5)


def test_render_is_deterministic(tiny_sd_pipe, spec):
    first = render(spec, tiny_sd_pipe, "syngen", seeds=[3], steps=4)
    second = render(spec, tiny_sd_pipe, "syngen", seeds=[3], steps=4)
    assert np.array_equal(pixels(first), pixels(second))
    assert [s.loss for s in first.records[0].losses] == [s.loss for s in second.records[0].losses]


def test_a_seed_renders_the_same_image_alone_or_in_a_batch(tiny_sd_pipe, spec):
    alone = render(spec, tiny_sd_pipe, "syngen", seeds=[1], steps=4)
    batch = render(spec, tiny_sd_pipe, "syngen", seeds=[0, 1], steps=4)
    assert np.abs(pixels(alone) - pixels(batch, 1)).max() <= 1


def test_guidance_changes_the_image_and_method_none_does_not_guide(tiny_sd_pipe, spec):
    plain = render(spec, tiny_sd_pipe, "none", seeds=[0], steps=4)
    guided = render(spec, tiny_sd_pipe, "syngen", seeds=[0], steps=4, step_size=200.0)
    assert plain.records[0].losses == []
    assert len(guided.records[0].losses) == 2  # 2 of 4 steps
    assert not np.array_equal(pixels(plain), pixels(guided))


def test_method_none_equals_the_plain_diffusers_pipeline(tiny_sd_path, tiny_sd_pipe, spec):
    from diffusers import StableDiffusionPipeline

    ours = render(spec, tiny_sd_pipe, "none", seeds=[7], steps=5, guidance=7.5)
    reference = StableDiffusionPipeline.from_pretrained(tiny_sd_path, local_files_only=True)
    reference.set_progress_bar_config(disable=True)
    theirs = reference(PROMPT, num_inference_steps=5, guidance_scale=7.5,
                       generator=torch.Generator("cpu").manual_seed(7)).images[0]
    assert np.array_equal(pixels(ours), np.asarray(theirs, dtype=np.int16))


def test_a_non_finite_loss_skips_the_update_and_warns(tiny_sd_pipe, spec, clean_registry):
    from dataclasses import replace

    from binding.registry import registry

    syngen = METHODS["syngen"]

    def nan_for_the_first_image(maps, index):
        value = syngen.loss(maps, index)
        return value * torch.tensor([float("nan"), 1.0])

    registry.methods.register("syngen", func=replace(syngen, loss=nan_for_the_first_image))
    with pytest.warns(GuidanceWarning, match="2 guidance update"):
        result = render(spec, tiny_sd_pipe, "syngen", seeds=[0, 1], steps=4)
    first, second = result.records
    assert first.skipped_updates == 2 and second.skipped_updates == 0
    assert [s.updated for s in first.losses] == [False, False]
    assert all(s.loss is None for s in first.losses)
    plain = render(spec, tiny_sd_pipe, "none", seeds=[0], steps=4)
    assert np.array_equal(pixels(result, 0), pixels(plain))  # skipped = not guided, no NaN


def test_a_prompt_without_modifiers_renders_unguided(tiny_sd_pipe):
    spec = binding.parse("a cat and a dog")
    guided = render(spec, tiny_sd_pipe, "syngen", seeds=[0], steps=4)
    plain = render(spec, tiny_sd_pipe, "none", seeds=[0], steps=4)
    assert np.array_equal(pixels(guided), pixels(plain))
    assert [s.loss for s in guided.records[0].losses] == [0.0, 0.0]


def test_run_record_says_how_the_image_was_made(tiny_sd_pipe, spec):
    result = render(spec, tiny_sd_pipe, "syngen", seeds=[5], steps=4, model_id="tiny")
    record = result.records[0]
    assert record.spec == spec and record.seed == 5 and record.steps == 4
    assert record.method["name"] == "syngen"
    assert record.method["components"][0]["params"] == {"include_entities": False}
    assert record.method["guided_steps"] == 2 and record.method["step_size"] == [20.0, 20.0]
    assert record.method["map_size"] == [8, 8]
    assert record.model["id"] == "tiny" and record.model["family"] == "sd"
    assert record.model["dtype"] == "fp32" and record.model["device"] == "cpu"
    assert record.scheduler["class"] == "PNDMScheduler"
    assert record.size == (32, 32) and record.guidance == 7.5
    assert record.tokens["realigned"] is True  # the spec names CLIP's hub tokenizer
    assert record.tokens["entities"] == [{"id": "e0", "indices": [3], "modifiers": [[2]]},
                                         {"id": "e1", "indices": [7], "modifiers": [[6]]}]
    assert [s.step for s in record.losses] == [0, 1]
    assert all(isinstance(s.loss, float) for s in record.losses)
    assert {"encode", "denoise", "decode", "total", "per_image"} <= set(record.timings)
    assert {"binding", "torch", "diffusers", "transformers"} <= set(record.versions)
    assert record.model_dump(by_alias=True)["schema"] == "binding.run/1"


def test_attention_maps_come_back_per_token(tiny_sd_pipe, spec):
    result = render(spec, tiny_sd_pipe, "syngen", seeds=[0, 1], steps=3, attention=True)
    assert result.attention.shape == (2, 77, 16, 16)  # averaged at the latent resolution
    assert torch.allclose(result.attention.sum(dim=1), torch.ones(2, 16, 16), atol=1e-4)


def test_trace_records_a_plain_diffusers_call(tiny_sd_path):
    from diffusers import StableDiffusionPipeline

    from binding.generation import trace

    pipe = StableDiffusionPipeline.from_pretrained(tiny_sd_path, local_files_only=True)
    pipe.set_progress_bar_config(disable=True)
    before = {k: type(v) for k, v in pipe.unet.attn_processors.items()}
    with trace(pipe) as tc:
        pipe(PROMPT, num_inference_steps=2, generator=torch.Generator().manual_seed(0))
    maps = tc.maps()
    assert maps.shape == (1, 77, 16, 16)
    steps = len(pipe.scheduler.timesteps)  # PNDM runs one more than asked for at 2 steps
    assert tc.calls == steps * len(cross_attention_layers(pipe.unet, (16, 16)))
    assert tc.token_map([3]).shape == (16, 16)
    assert {k: type(v) for k, v in pipe.unet.attn_processors.items()} == before


# --- alignment to the model's tokenizer ---------------------------------------------------

def test_cached_indices_are_trusted_only_for_the_models_tokenizer(tiny_sd_pipe, spec):
    from binding.generation.conditioning import tokenizers
    from binding.generation.tokens import align_to_model, tokenizer_name

    name = tokenizer_name(tiny_sd_pipe.tokenizer)
    cached = spec.model_copy(update={"tokens": spec.tokens.model_copy(update={
        "tokenizer": name})})
    trusted = align_to_model(cached, tokenizers(tiny_sd_pipe))
    assert not trusted.realigned
    assert [g.modifiers[0].positions for g in trusted.groups] == [(2,), (6,)]
    realigned = align_to_model(spec, tokenizers(tiny_sd_pipe))
    assert realigned.realigned
    assert [g.modifiers[0].positions for g in realigned.groups] == [(2,), (6,)]


def test_hand_edited_indices_for_the_models_tokenizer_are_refused(tiny_sd_pipe, spec):
    """Issue 15, data safety 7: indices in range and of the right count, but on the wrong word
    (pink moved onto the start token's neighbour "a"), would guide the wrong word."""
    from binding.generation.conditioning import tokenizers
    from binding.generation.tokens import align_to_model, tokenizer_name

    edited = spec.model_copy(update={"tokens": spec.tokens.model_copy(update={
        "tokenizer": tokenizer_name(tiny_sd_pipe.tokenizer),
        "entities": [e.model_copy(update={"modifiers": [[1]]}) for e in spec.tokens.entities],
    })})
    with pytest.raises(BindingError, match=r"puts modifier 'pink' of e0 at token 1 but .* "
                                           r"puts it at 2: re-parse the prompt"):
        align_to_model(edited, tokenizers(tiny_sd_pipe))


def test_multi_piece_words_keep_all_their_pieces(tiny_sd_pipe):
    from binding.generation.conditioning import tokenizers
    from binding.generation.tokens import align_to_model

    spec = binding.parse("a turquoise hippopotamus")
    tokens = align_to_model(spec, tokenizers(tiny_sd_pipe))
    group = tokens.groups[0]
    assert len(group.entity.positions) > 1  # CLIP splits hippopotamus
    assert "".join(tokens.pieces[p - 1] for p in group.entity.positions) == "hippopotamus"


def test_words_past_the_window_are_an_error_or_dropped_without_compel(tiny_sd_pipe,
                                                                      monkeypatch):
    """Where the prompt cannot be encoded in chunks, it is cut at the window as before."""
    from binding.generation import weighted

    long = "a photo of " + "a very very very old house and " * 12 + "a pink flamingo"
    spec = binding.parse(long)
    assert spec.tokens.chunks == 2
    monkeypatch.setattr(weighted, "compel_available", lambda: False)
    with pytest.raises(BindingError, match="past the model's 77-token window"):
        render(spec, tiny_sd_pipe, "syngen", steps=2)
    result = render(spec, tiny_sd_pipe, "syngen", steps=2, on_truncated="drop")
    assert any("flamingo" in word for word in result.tokens.dropped)
    assert result.tokens.chunks == 1 and result.tokens.realigned


def test_refinement_repeats_updates_until_its_cap(tiny_sd_pipe, spec):
    """Random weights never meet Attend-and-Excite's thresholds: every refinement step runs to
    the cap, and the cap can be lowered (0: no refinement)."""
    capped = render(spec, tiny_sd_pipe, "attend-excite", steps=10, max_refine=2).records[0]
    plain = render(spec, tiny_sd_pipe, "attend-excite", steps=10, max_refine=0).records[0]
    assert plain.method["refinement"] == {"0": {"attend-excite": 0.05},
                                          "2": {"attend-excite": 0.5},
                                          "4": {"attend-excite": 0.8}}
    assert [s.step for s in plain.losses] == [0, 1, 2, 3, 4]
    steps = [(s.step, s.iteration) for s in capped.losses]
    assert steps[:3] == [(0, 0), (0, 1), (0, 2)] and len(steps) == 5 + 3 * 2
    with pytest.raises(BindingError, match="refinement cap"):
        render(spec, tiny_sd_pipe, "attend-excite", steps=2, max_refine=-1)


def test_binding_render_parses_a_prompt_first(tiny_sd_pipe, spec):
    from_prompt = binding.render(PROMPT, tiny_sd_pipe, "syngen", steps=2)
    from_spec = render(spec, tiny_sd_pipe, "syngen", steps=2)
    assert from_prompt.records[0].spec == spec
    assert np.array_equal(pixels(from_prompt), pixels(from_spec))
