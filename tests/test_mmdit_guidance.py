"""BindingGuidance in users' own SD3 and FLUX pipelines (tiny random ones, CPU): text-to-image
gives render's pixels, img2img and inpainting get render's update on the same latents and keep
their strength and known region, and a step's second transformer call (FLUX's true CFG, SD3's
skip-layer guidance) is neither replayed nor left on the unguided latents."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from recorded_guidance import Recorded
from tiny_models import sharpen_mmdit

import binding
from binding.generation import render
from binding.generation.architectures import build_pipeline
from binding.generation.guidance import BindingGuidance
from binding.generation.mmdit.capture import JointAttentionProcessor
from binding.generation.render import make_sampler

PROMPT = "a pink sunflower and a yellow flamingo"
ARCHS = {"sd3": "tiny-sd3", "flux": "tiny-flux"}
PREFIX = {"sd3": "StableDiffusion3", "flux": "Flux"}
pytestmark = pytest.mark.slow  # builds and renders tiny random pipelines


@pytest.fixture(scope="module")
def spec():
    return binding.parse(PROMPT)


@pytest.fixture(scope="module")
def base():
    """Tiny pipelines with peaked image→text attention (the text keys' norm gain raised)."""
    made = {}

    def get(name: str):
        if name not in made:
            pipe = build_pipeline(ARCHS[name])
            sharpen_mmdit(pipe.transformer)
            made[name] = pipe
        return made[name]

    return get


def seed(n: int = 0):
    return torch.Generator("cpu").manual_seed(n)


@pytest.mark.parametrize("name", ARCHS)
def test_the_callback_renders_what_render_renders(base, spec, name):
    pipe = base(name)
    size = {"height": 32, "width": 48}  # any size: the maps follow it
    ours = render(spec, pipe, "syngen", seeds=[0], steps=4, **size)
    before = dict(pipe.transformer.attn_processors)
    seen = set()

    class Watching(BindingGuidance):
        def callback_fn(self, pipeline, step_index, timestep, callback_kwargs):
            seen.update(k for k, v in pipeline.transformer.attn_processors.items()
                        if isinstance(v, JointAttentionProcessor))
            return super().callback_fn(pipeline, step_index, timestep, callback_kwargs)

    guidance = Watching(spec, "syngen")
    with guidance.attached(pipe):
        image = pipe(PROMPT, num_inference_steps=4, guidance_scale=ours.records[0].guidance,
                     generator=seed(), callback_on_step_end=guidance, **size).images[0]
    assert np.array_equal(np.asarray(image), np.asarray(ours.images[0]))
    ours_losses = [(s.step, s.loss) for s in ours.records[0].losses]
    assert [(s.step, s.loss) for s in guidance.losses[0]] == ours_losses
    assert seen == set(ours.records[0].method["layers"])
    after = pipe.transformer.attn_processors
    assert all(after[k] is before[k] for k in before)


@pytest.mark.parametrize(("name", "kind"), [("sd3", "Img2Img"), ("flux", "Img2Img"),
                                            ("flux", "Inpaint")])
def test_img2img_and_inpaint_keep_their_strength_and_get_renders_update(base, spec, name,
                                                                        kind):
    import diffusers

    pipe = getattr(diffusers, f"{PREFIX[name]}{kind}Pipeline")(**base(name).components)
    pipe.set_progress_bar_config(disable=True)
    image = Image.fromarray(np.random.default_rng(0).integers(0, 255, (32, 32, 3),
                                                              dtype=np.uint8))
    extra = {"image": image, "height": 32, "width": 32, "strength": 0.5,
             "num_inference_steps": 6, "output_type": "latent", "guidance_scale": 3.5}
    if kind == "Inpaint":
        mask = np.zeros((32, 32), dtype=np.uint8)
        mask[:, :16] = 255  # repaint the left half, keep the right
        extra["mask_image"] = Image.fromarray(mask)
    calls = []
    hook = pipe.transformer.register_forward_hook(lambda *_: calls.append(1))
    guidance = Recorded(spec, "syngen", guided_steps=6)
    try:
        with guidance.attached(pipe):
            guided = pipe(PROMPT, generator=seed(), callback_on_step_end=guidance,
                          **extra).images
    finally:
        hook.remove()
    assert len(calls) == 3  # strength 0.5 of 6 steps: the last 3 steps of the schedule
    assert [s.step for s in guidance.losses[0]] == [3, 4, 5]
    assert [step for step, _, _ in guidance.updates] == [4, 5]
    for step, before, after in guidance.updates:  # render's update on the same latents
        sampler = make_sampler(spec, base(name), "syngen", steps=6, guided_steps=6,
                               guidance=3.5, height=32, width=32)
        with sampler.installed():
            expected = sampler.guide(before, step)
        assert torch.allclose(after, expected, atol=1e-5, rtol=1e-4), step
    if kind == "Inpaint":  # the known region stays: FLUX's packed 2x2 patches, 8 x 8 of them
        plain = pipe(PROMPT, generator=seed(), **extra).images
        unpack = pipe._unpack_latents
        guided, plain = unpack(guided, 32, 32, 2), unpack(plain, 32, 32, 2)
        keep = slice(guided.shape[-1] // 2 + 1, None)  # right half, clear of the border
        assert torch.equal(guided[..., keep], plain[..., keep])
        assert not torch.equal(guided[..., :8], plain[..., :8])


def test_a_second_call_of_a_step_is_not_replayed_and_step_0_is_guided(base, spec):
    """FLUX's true CFG calls the transformer twice a step (prompt, then negative prompt): the
    first is replayed, and in step 0 both run on the guided latents."""
    pipe = base("flux")
    guidance = BindingGuidance(spec, "syngen")
    inputs = []  # the pipeline's own calls, as the transformer gets them (after the guidance)

    def record(module, args, kwargs):
        if not guidance._replaying:
            inputs.append(kwargs["hidden_states"].clone())

    with guidance.attached(pipe):
        hook = pipe.transformer.register_forward_pre_hook(record, with_kwargs=True)
        try:
            pipe(PROMPT, negative_prompt="blurry", true_cfg_scale=2.0, num_inference_steps=4,
                 height=32, width=32, generator=seed(), callback_on_step_end=guidance)
        finally:
            hook.remove()
    assert len(inputs) == 8  # 4 steps, 2 calls each
    first_prompt, first_negative = inputs[0], inputs[1]  # the pipeline's step-0 calls
    assert torch.equal(first_prompt, first_negative)
    plain, _ = pipe.prepare_latents(1, 4, 32, 32, torch.float32, "cpu", seed())
    assert not torch.equal(first_prompt, plain)  # both on the guided z_0
    assert [s.step for s in guidance.losses[0]] == [0, 1]
    sd3 = base("sd3")  # skip-layer guidance: a third call in the window, not replayed
    guidance = BindingGuidance(spec, "syngen")
    with guidance.attached(sd3):
        sd3(PROMPT, num_inference_steps=4, height=32, width=32, skip_guidance_layers=[1],
            skip_layer_guidance_start=0.0, generator=seed(), callback_on_step_end=guidance)
    assert [s.step for s in guidance.losses[0]] == [0, 1]


@pytest.mark.parametrize("name", ARCHS)
def test_trace_records_the_t5_streams_maps_of_any_call(base, name):
    from binding.generation import trace

    pipe = base(name)
    with trace(pipe, height=32, width=32) as tracer:
        pipe(PROMPT, num_inference_steps=2, height=32, width=32, generator=seed())
    maps = tracer.maps()
    window = 256 if name == "sd3" else 512
    assert maps.shape == (1, 1 + window, 8, 8)  # conditional half only, T5 after column 0
    assert torch.allclose(maps[0, 1:].sum(dim=0), torch.ones(8, 8), atol=1e-5)
    assert not any(type(p).__name__ == "JointAttentionProcessor"
                   for p in pipe.transformer.attn_processors.values())
