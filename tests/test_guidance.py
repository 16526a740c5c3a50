"""BindingGuidance in users' own pipelines, on tiny random pipelines (CPU): text-to-image gives
render's pixels; img2img, inpainting and ControlNet (SD and SDXL) get render's update on the
same latents and keep their strength and known region; LoRA, IP-Adapter and ControlNet all
still act under guidance; every processor is given back."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PIL import Image
from recorded_guidance import Recorded
from tiny_models import sharpen_unet

import binding
from binding.errors import BindingError
from binding.generation import render
from binding.generation.architectures import build_pipeline
from binding.generation.capture import CrossAttentionProcessor
from binding.generation.guidance import BindingGuidance
from binding.generation.render import Sampler

PROMPT = "a pink sunflower and a yellow flamingo"
ARCHS = {"sd": "tiny-sd", "sdxl": "tiny-sdxl"}
SHARPEN = {"sd": 8.0, "sdxl": 40.0}
SIZE = {"sd": 32, "sdxl": 64}  # native pixel size of the tiny pipelines


@pytest.fixture(scope="module")
def spec():
    return binding.parse(PROMPT)


@pytest.fixture(scope="module")
def base():
    """Tiny pipelines with peaked cross-attention (random weights give flat maps)."""
    made = {}

    def get(name: str):
        if name not in made:
            pipe = build_pipeline(ARCHS[name])
            sharpen_unet(pipe.unet, SHARPEN[name])
            made[name] = pipe
        return made[name]

    return get


def variant(pipe, kind: str, **extra):
    """The pipeline of ``kind`` (img2img, inpaint, controlnet) on the same components."""
    import diffusers

    prefix = "StableDiffusionXL" if "XL" in type(pipe).__name__ else "StableDiffusion"
    name = {"img2img": "Img2Img", "inpaint": "Inpaint", "controlnet": "ControlNet"}[kind]
    made = getattr(diffusers, f"{prefix}{name}Pipeline")(**pipe.components, **extra)
    made.set_progress_bar_config(disable=True)
    return made


def guided_call(pipe, guidance, *args, **kwargs):
    with guidance.attached(pipe):
        return pipe(*args, callback_on_step_end=guidance, **kwargs)


def assert_render_updates(guidance, t2i, spec, steps, **settings):
    """Each update the callback made equals render's (Sampler.guide) on the same latents."""
    assert guidance.updates
    for step, before, after in guidance.updates:
        # a Sampler per step: schedulers with a step index (Euler) read their sigma from it
        sampler = Sampler(spec, t2i, "syngen", steps=steps, **settings)
        with sampler.installed():
            expected = sampler.guide(before, step)
        assert torch.allclose(after, expected, atol=1e-5, rtol=1e-4), step


def seed(n: int = 0):
    return torch.Generator("cpu").manual_seed(n)


# --- text-to-image: render's pixels -------------------------------------------------------

@pytest.mark.parametrize("name", ARCHS)
def test_the_callback_renders_what_render_renders(base, spec, name):
    pipe = base(name)
    height, width = SIZE[name], SIZE[name] + 16  # any size: the maps follow it
    ours = render(spec, pipe, "syngen", seeds=[0], steps=4, height=height, width=width)
    before = dict(pipe.unet.attn_processors)
    seen = {}

    class Watching(BindingGuidance):
        def callback_fn(self, pipeline, step_index, timestep, callback_kwargs):
            seen.update({k: v for k, v in pipeline.unet.attn_processors.items()
                         if isinstance(v, CrossAttentionProcessor)})
            return super().callback_fn(pipeline, step_index, timestep, callback_kwargs)

    guidance = Watching(spec, "syngen")
    image = guided_call(pipe, guidance, PROMPT, num_inference_steps=4, height=height,
                        width=width, guidance_scale=ours.records[0].guidance,
                        generator=seed()).images[0]
    difference = np.abs(np.asarray(image, np.int16) - np.asarray(ours.images[0], np.int16))
    assert difference.max() <= (0 if name == "sd" else 1)  # SDXL's Euler: a rounding apart
    ours_losses = [(s.step, s.loss) for s in ours.records[0].losses]
    assert [s.step for s in guidance.losses[0]] == [s for s, _ in ours_losses] == [0, 1]
    assert np.allclose([s.loss for s in guidance.losses[0]], [v for _, v in ours_losses],
                       atol=1e-5)
    # processors only on the layers the loss reads, all given back after the block
    assert set(seen) == set(ours.records[0].method["layers"])
    after = pipe.unet.attn_processors
    assert all(after[k] is before[k] for k in before)


# --- img2img and inpainting ---------------------------------------------------------------

@pytest.mark.parametrize("name", ARCHS)
@pytest.mark.parametrize("kind", ["img2img", "inpaint"])
def test_img2img_and_inpaint_keep_their_strength_and_get_renders_update(base, spec, name,
                                                                        kind):
    from diffusers import DDIMScheduler

    pipe = variant(base(name), kind)
    if name == "sd":  # PNDM repeats a timestep: DDIM keeps the step count plain here
        pipe.scheduler = DDIMScheduler.from_config(pipe.scheduler.config)
    t2i = type(base(name))(**pipe.components)  # render's pipeline on the same components
    size = SIZE[name]
    image = Image.fromarray(np.random.default_rng(0).integers(0, 255, (size, size, 3),
                                                              dtype=np.uint8))
    extra = {"image": image}
    if kind == "inpaint":
        mask = np.zeros((size, size), dtype=np.uint8)
        mask[:, : size // 2] = 255  # repaint the left half, keep the right
        extra["mask_image"] = Image.fromarray(mask)
    calls = []
    hook = pipe.unet.register_forward_hook(lambda *_: calls.append(1))
    guidance = Recorded(spec, "syngen", guided_steps=6)
    try:
        guided = guided_call(pipe, guidance, PROMPT, num_inference_steps=6, strength=0.5,
                             generator=seed(), output_type="latent", **extra).images
    finally:
        hook.remove()
    assert len(calls) == 3  # strength 0.5 of 6 steps: the last 3 steps of the schedule
    assert [s.step for s in guidance.losses[0]] == [3, 4, 5]  # step 3 before the first call
    assert [step for step, _, _ in guidance.updates] == [4, 5]
    assert_render_updates(guidance, t2i, spec, 6, guided_steps=6)
    if kind == "inpaint":
        plain = pipe(PROMPT, num_inference_steps=6, strength=0.5, generator=seed(),
                     output_type="latent", **extra).images
        keep = slice(guided.shape[-1] // 2 + 1, None)  # right half, clear of the border
        assert torch.equal(guided[..., keep], plain[..., keep])  # the known region stays
        assert not torch.equal(guided[..., : guided.shape[-1] // 2],
                               plain[..., : plain.shape[-1] // 2])


def test_an_inpainting_unet_with_mask_channels_is_guided(spec):
    """Inpainting checkpoints' UNets take 9 channels (latents, mask, masked image): the guidance
    pass keeps the pipeline's mask channels and replaces only the latents."""
    from diffusers import UNet2DConditionModel

    from binding.generation.architectures import TINY_UNETS

    pipe = build_pipeline("tiny-sd")
    torch.manual_seed(1)
    unet = UNet2DConditionModel(**{**TINY_UNETS["tiny-sd"], "in_channels": 9, "out_channels": 4})
    sharpen_unet(unet, 8.0)
    pipe = _inpainting(pipe, unet)
    image = Image.new("RGB", (32, 32), "white")
    mask = Image.new("L", (32, 32), 255)
    arguments = dict(image=image, mask_image=mask, num_inference_steps=3, generator=seed(),
                     output_type="np")
    guidance = BindingGuidance(spec, "syngen", step_size=200.0)
    guided = guided_call(pipe, guidance, PROMPT, **arguments).images[0]
    assert [s.step for s in guidance.losses[0]] == [0, 1]
    assert all(s.updated for s in guidance.losses[0])
    assert np.abs(guided - pipe(PROMPT, **arguments).images[0]).max() > 0.01


def _inpainting(pipe, unet):
    from diffusers import StableDiffusionInpaintPipeline

    made = StableDiffusionInpaintPipeline(**{**pipe.components, "unet": unet})
    made.set_progress_bar_config(disable=True)
    return made


def test_a_call_that_starts_after_the_guided_steps_says_so(base, spec):
    pipe = variant(base("sd"), "img2img")
    image = Image.new("RGB", (32, 32), "gray")
    with pytest.warns(UserWarning, match="nothing to guide: this call starts at step 3 of 4"):
        guided_call(pipe, BindingGuidance(spec, "syngen"), PROMPT, image=image, strength=0.25,
                    num_inference_steps=4, generator=seed())


# --- ControlNet, LoRA, IP-Adapter ---------------------------------------------------------

@pytest.fixture(scope="module")
def controlnets(base, tmp_path_factory):
    from diffusers import ControlNetModel
    from tiny_adapters import controlnet

    made = {}

    def get(name: str):
        if name not in made:
            folder = controlnet(base(name).unet, tmp_path_factory.mktemp(f"{name}-controlnet"))
            made[name] = ControlNetModel.from_pretrained(folder)
        return made[name]

    return get


def control_image(size: int) -> torch.Tensor:
    return torch.rand(1, 3, size, size, generator=seed(5))


@pytest.mark.parametrize("name", ARCHS)
def test_controlnet_enters_the_guidance_pass_and_still_acts(base, controlnets, spec, name):
    t2i = base(name)
    pipe = variant(t2i, "controlnet", controlnet=controlnets(name))
    images, updates = {}, {}
    for scale in (0.0, 1.0):
        guidance = Recorded(spec, "syngen")
        images[scale] = guided_call(pipe, guidance, PROMPT, image=control_image(SIZE[name]),
                                    controlnet_conditioning_scale=scale, num_inference_steps=4,
                                    generator=seed(), output_type="np").images[0]
        updates[scale] = guidance
    # at scale 0 the ControlNet adds nothing: the update is render's on the same latents
    assert_render_updates(updates[0.0], t2i, spec, 4)
    # at scale 1 it shapes the image, and the maps the guidance reads
    assert np.abs(images[1.0] - images[0.0]).max() > 0.01
    (step, before, after), *_ = updates[1.0].updates
    sampler = Sampler(spec, t2i, "syngen", steps=4)
    with sampler.installed():
        assert not torch.allclose(after, sampler.guide(before, step), atol=1e-5)


def test_a_pipeline_with_lora_ip_adapter_and_controlnet_renders_with_syngen(
        base, controlnets, spec, tmp_path):
    """The issue's bar: a user's pipeline with a LoRA, an IP-Adapter and a ControlNet renders
    with SynGen guidance through the callback; each of the three still acts."""
    from tiny_adapters import ip_adapter, ip_embeds, lora

    t2i = base("sd")
    pipe = variant(build_pipeline("tiny-sd"), "controlnet", controlnet=controlnets("sd"))
    pipe.unet.load_state_dict(t2i.unet.state_dict())  # the sharpened weights, own copy
    pipe.load_lora_weights(lora(pipe, tmp_path / "lora"))
    pipe.load_ip_adapter(str(ip_adapter(pipe.unet, tmp_path / "ip")), subfolder="",
                         weight_name="ip-adapter.safetensors", image_encoder_folder=None)
    before = dict(pipe.unet.attn_processors)
    assert {type(p).__name__ for p in before.values()} == {"AttnProcessor2_0",
                                                           "IPAdapterAttnProcessor2_0"}

    def run(guided=True, embeds=1, scale=1.0):
        arguments = dict(image=control_image(32), ip_adapter_image_embeds=ip_embeds(embeds),
                         controlnet_conditioning_scale=scale, num_inference_steps=4,
                         generator=seed(), output_type="np")
        if not guided:
            return pipe(PROMPT, **arguments).images[0], None
        guidance = BindingGuidance(spec, "syngen")
        return guided_call(pipe, guidance, PROMPT, **arguments).images[0], guidance

    image, guidance = run()
    assert [s.step for s in guidance.losses[0]] == [0, 1]
    assert all(s.updated and s.loss is not None for s in guidance.losses[0])
    after = pipe.unet.attn_processors
    assert all(after[k] is before[k] for k in before)  # IP-Adapter's processors, as they were
    assert np.abs(image - run(guided=False)[0]).max() > 0.01  # guidance acts
    assert np.abs(image - run(embeds=2)[0]).max() > 0.01  # the IP-Adapter acts
    assert np.abs(image - run(scale=0.0)[0]).max() > 0.01  # the ControlNet acts
    pipe.disable_lora()
    try:
        assert np.abs(image - run()[0]).max() > 0.01  # the LoRA acts
    finally:
        pipe.enable_lora()


# --- misuse -------------------------------------------------------------------------------

def test_the_callback_outside_attached_is_an_error(base, spec):
    with pytest.raises(BindingError, match="not attached to the pipeline"):
        base("sd")(PROMPT, num_inference_steps=2, callback_on_step_end=BindingGuidance(spec))


def test_attached_without_the_callback_warns(base, spec):
    guidance = BindingGuidance(spec, "syngen")
    pipe = base("sd")
    with pytest.warns(UserWarning, match="only step 0 was guided"), guidance.attached(pipe):
        pipe(PROMPT, num_inference_steps=2, generator=seed())


def test_bad_settings_are_refused_before_any_model_work(spec):
    with pytest.raises(BindingError, match="step size must be a finite number, not inf"):
        BindingGuidance(spec, "syngen", step_size=float("inf"))
    with pytest.raises(BindingError, match="unknown render setting 'steps'"):
        BindingGuidance(spec, "syngen", steps=4)  # the pipeline owns its sampling
