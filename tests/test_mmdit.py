"""SD3 and FLUX: tiny random SD3.5- and FLUX.1-shaped pipelines, saved and loaded through
binding's loader, on the CPU. The maps are the model's own image→text attention, the gradient
reaches the latents and a step along it lowers the loss, ``none`` is diffusers' pipeline pixel
for pixel, and a half-precision model gets an fp32 loss."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
import torch
from tiny_models import sharpen_mmdit

import binding
from binding.errors import BindingError
from binding.generation import render
from binding.generation.models import family
from binding.generation.render import make_sampler

ARCHS = {"sd3": "tiny-sd3", "flux": "tiny-flux"}
SIZE = {"height": 32, "width": 32}  # latent 16 x 16: an 8 x 8 grid of image tokens
METHODS = {"sd3": ("syngen", "syngen-entropy", "attend-excite", "divide-bind", "tsam"),
           "flux": ("syngen", "syngen-entropy", "attend-excite", "divide-bind")}
PROMPT = "a pink sunflower and a yellow flamingo"


@pytest.fixture(scope="module")
def spec():
    return binding.parse(PROMPT)


@pytest.fixture(scope="module")
def pipes(tiny_pipes):
    return lambda name: tiny_pipes(ARCHS[name])


@pytest.fixture(scope="module")
def sharp(pipes):
    """Peaked image→text attention, as trained models have: the text keys' RMS-norm gain
    raised (random weights give flat maps; the q/k norms undo a larger projection)."""
    made = {}

    def get(name: str):
        if name not in made:
            pipe = copy.deepcopy(pipes(name))
            sharpen_mmdit(pipe.transformer)
            made[name] = pipe
        return made[name]

    return get


def test_families_streams_and_layers(pipes, spec):
    assert [family(pipes(n)) for n in ARCHS] == ["sd3", "flux"]
    sd3 = make_sampler(spec, pipes("sd3"), "syngen", steps=2, **SIZE)
    flux = make_sampler(spec, pipes("flux"), "syngen", steps=2, **SIZE)
    for sampler, window in ((sd3, 256), (flux, 512)):
        record = sampler.tokens.to_dict()
        # T5 has no start token: 'a' is piece 0, 'pink' 1, 'sunflower' 2
        assert record["stream"] == "t5" and record["max_length"] == window
        assert record["pieces"][:3] == ["a", "pink", "sunflower"]
        assert [(e["indices"], e["modifiers"]) for e in record["entities"]] == [
            ([2], [[1]]), ([6], [[5]])]
    # the middle third of the double-stream blocks: 2-3 of SD3's 6, 1 of FLUX's 3
    assert [layer.name for layer in sd3.plan.layers] == [
        "transformer_blocks.2.attn.processor", "transformer_blocks.3.attn.processor"]
    assert [layer.name for layer in flux.plan.layers] == ["transformer_blocks.1.attn.processor"]
    clip = make_sampler(spec, pipes("sd3"), "tsam", steps=2, **SIZE)  # tsam reads CLIP's
    assert clip.tokens.stream == "clip" and "stream" not in clip.tokens.to_dict()
    assert [g.entity.positions for g in clip.tokens.groups] == [(3,), (7,)]


class _Recorder:
    """Records the query and key tensors the model's own attention kernel receives while one
    attention module runs."""

    def __init__(self, module: torch.nn.Module) -> None:
        self.active = False
        self.calls: list[tuple[torch.Tensor, torch.Tensor]] = []
        module.register_forward_pre_hook(lambda *_: setattr(self, "active", True))
        module.register_forward_hook(lambda *_: setattr(self, "active", False))

    def wrap(self, function):
        def recording(query, key, *args, **kwargs):
            if self.active:
                self.calls.append((query.detach().clone(), key.detach().clone()))
            return function(query, key, *args, **kwargs)

        return recording


@pytest.mark.parametrize("name", ARCHS)
def test_maps_are_the_models_image_to_text_attention(pipes, spec, monkeypatch, name):
    """The maps equal softmax(q_image · k_textᵀ / √d) over the stream's keys, computed from
    the very q and k the model's attention kernel is given (norms and rotary included)."""
    import diffusers.models.attention_processor as sd3_attention
    import diffusers.models.transformers.transformer_flux as flux_module

    pipe = copy.deepcopy(pipes(name))
    sampler = make_sampler(spec, pipe, "syngen", batch=2, steps=4, **SIZE)
    layer = sampler.plan.layers[-1]
    attention = pipe.transformer.get_submodule(layer.name.removesuffix(".processor"))
    recorder = _Recorder(attention)
    if name == "sd3":
        monkeypatch.setattr(sd3_attention.F, "scaled_dot_product_attention",
                            recorder.wrap(torch.nn.functional.scaled_dot_product_attention))
    else:
        monkeypatch.setattr(flux_module, "dispatch_attention_fn",
                            recorder.wrap(flux_module.dispatch_attention_fn))
    latents, _ = sampler.initial_latents([0, 1])
    batch = torch.cat([latents] * 2) if sampler.cond.cfg else latents  # SD3: [uncond, cond]
    seen = []
    with sampler.installed() as hub, hub.listen([layer], lambda _, probs: seen.append(probs)):
        sampler._denoise_pass(batch, sampler.timesteps[0])
    (probs,) = seen
    ((query, key),) = recorder.calls
    pixels, text = layer.pixels, sampler.layout.text
    if name == "sd3":  # (B, heads, [image; text], d)
        q_image, k_text = query[:, :, :pixels], key[:, :, pixels:][:, :, text]
    else:  # FLUX: (B, [text; image], heads, d)
        q_image = query[:, -pixels:].transpose(1, 2)
        k_text = key[:, :-pixels][:, text].transpose(1, 2)
    scores = q_image @ k_text.transpose(-1, -2) / q_image.shape[-1] ** 0.5
    expected = scores.softmax(dim=-1).mean(dim=1)  # (B, pixels, stream tokens)
    shift = sampler.layout.shift
    assert probs.shape == (len(batch), pixels, shift + (256 if name == "sd3" else 512))
    assert torch.allclose(probs[..., shift:], expected, atol=1e-5)
    assert torch.all(probs[..., :shift] == 0)  # T5 has no start token: an empty column
    assert torch.allclose(probs.sum(dim=-1), torch.ones(len(batch), pixels))


@pytest.mark.parametrize("name", ARCHS)
def test_every_method_reads_grid_maps_and_descends(sharp, spec, name):
    for method in METHODS[name]:
        sampler = make_sampler(spec, sharp(name), method, batch=2, steps=10, **SIZE)
        latents, _ = sampler.initial_latents([0, 1])
        with sampler.installed():
            _, before, grad, maps = sampler.loss(latents, 0)
            assert maps.shape == (2, 8, 8, 77 if method == "tsam" else
                                  1 + (256 if name == "sd3" else 512))
            assert grad.shape == latents.shape and grad.dtype == torch.float32
            assert torch.isfinite(before).all() and torch.isfinite(grad).all()
            assert grad.abs().sum() > 0
            # a step of 2% of the latents' norm along the negative gradient lowers the loss
            size = 0.02 * latents.flatten(1).norm(dim=1) / grad.flatten(1).norm(dim=1)
            shape = (-1, *[1] * (latents.dim() - 1))
            _, after, _, _ = sampler.loss(latents - size.view(shape) * grad, 0)
        assert ((before - after) / before.abs() > 0.01).all(), (method, before, after)


@pytest.mark.parametrize("name", ARCHS)
def test_the_early_stop_gives_the_full_forward_gradient(sharp, spec, name):
    early = make_sampler(spec, sharp(name), "syngen", steps=10, **SIZE)
    full = make_sampler(spec, sharp(name), "syngen", steps=10, early_stop=False, **SIZE)
    latents, _ = early.initial_latents([0])
    with early.installed():
        _, loss_a, grad_a, _ = early.loss(latents, 3)
    with full.installed():
        _, loss_b, grad_b, _ = full.loss(latents, 3)
    assert torch.equal(loss_a, loss_b)
    assert torch.allclose(grad_a, grad_b, atol=1e-6)


@pytest.mark.parametrize("name", ARCHS)
def test_method_none_equals_the_diffusers_pipeline(tiny_paths, pipes, spec, name):
    from diffusers import DiffusionPipeline

    ours = render(spec, pipes(name), "none", seeds=[3], steps=4, **SIZE)
    reference = DiffusionPipeline.from_pretrained(tiny_paths(ARCHS[name]), local_files_only=True)
    reference.set_progress_bar_config(disable=True)
    generator = torch.Generator("cpu").manual_seed(3)
    theirs = reference(PROMPT, num_inference_steps=4, generator=generator, **SIZE).images[0]
    assert np.array_equal(np.asarray(ours.images[0]), np.asarray(theirs))


@pytest.mark.parametrize("name", ARCHS)
def test_guided_renders_are_deterministic_and_recorded(sharp, spec, name):
    method = "syngen+attend-excite:0.5+divide-bind:0.1"
    first = render(spec, sharp(name), method, seeds=[0, 1], steps=3, max_refine=1, **SIZE)
    second = render(spec, sharp(name), method, seeds=[0, 1], steps=3, max_refine=1, **SIZE)
    plain = render(spec, sharp(name), "none", seeds=[0, 1], steps=3, **SIZE)
    for a, b, c in zip(first.images, second.images, plain.images, strict=True):
        assert np.array_equal(np.asarray(a), np.asarray(b))
        assert not np.array_equal(np.asarray(a), np.asarray(c))  # the guidance moved it
    record = first.records[0]
    assert record.model["family"] == name and record.model["transformer"]["text_stream"] == "t5"
    assert record.method["map_size"] == [8, 8] and record.tokens["stream"] == "t5"
    assert all(s.loss is not None and s.updated for s in record.losses)


def test_a_half_precision_model_gets_an_fp32_loss_and_fp32_latents(spec):
    from binding.generation.architectures import build_pipeline

    pipe = build_pipeline("tiny-flux", dtype=torch.bfloat16)
    sharpen_mmdit(pipe.transformer)
    sampler = make_sampler(spec, pipe, "syngen", steps=10, **SIZE)
    latents, _ = sampler.initial_latents([0])
    assert latents.dtype == torch.float32 and sampler.cond.dtype == torch.bfloat16
    with sampler.installed():
        parts, total, grad, maps = sampler.loss(latents, 0)
        guided = sampler.guide(latents, 0)
    assert maps.dtype == parts.dtype == total.dtype == grad.dtype == torch.float32
    assert torch.isfinite(grad).all() and grad.abs().sum() > 0
    assert guided.dtype == torch.float32 and not torch.equal(guided, latents)


def test_attention_maps_are_recorded_on_the_stream(pipes, spec):
    result = render(spec, pipes("flux"), "syngen", seeds=[0], steps=2, attention=True, **SIZE)
    assert result.attention.shape == (1, 513, 8, 8)
    assert torch.allclose(result.attention[0, 1:].sum(dim=0), torch.ones(8, 8), atol=1e-5)


def test_layers_and_streams_are_chosen_or_refused_in_one_line(pipes, spec):
    sampler = make_sampler(spec, pipes("sd3"), "syngen", steps=2, layers="0,4-5", **SIZE)
    assert [layer.order[1] for layer in sampler.plan.layers] == [0, 4, 5]
    flux = make_sampler(spec, pipes("flux"), "syngen", steps=2, layers="4", **SIZE)
    assert flux.plan.layers[0].name == "single_transformer_blocks.1.attn.processor"
    clip = make_sampler(spec, pipes("sd3"), "syngen", steps=2, stream="clip", **SIZE)
    assert clip.tokens.stream == "clip" and clip.layout.text == slice(0, 77)
    cases = [
        ("flux", {"method": "tsam"}, "tsam compares the maps with CLIP's text self-attention"),
        ("flux", {"stream": "clip"}, "FLUX.1's attention reads T5's tokens only"),
        ("sd3", {"method": "tsam", "stream": "t5"}, "use --stream clip"),
        ("sd3", {"layers": "7"}, "layer 7 does not exist: this transformer has 6"),
        ("sd3", {"layers": "2-x"}, "layers '2-x' is not a list of indices"),
        ("sd3", {"resolution": 16}, "resolution 16 does not exist"),
        ("flux", {"negative_prompt": "blurry"}, "FLUX.1 is guidance-distilled"),
    ]
    for name, settings, message in cases:
        settings = {"method": "syngen", **settings}
        with pytest.raises(BindingError, match=message):
            make_sampler(spec, pipes(name), settings.pop("method"), steps=2, **SIZE, **settings)
    weighted = binding.parse("a (pink:1.3) sunflower")
    with pytest.raises(BindingError, match="prompt weights are applied by compel"):
        make_sampler(weighted, pipes("sd3"), "syngen", steps=2, **SIZE)


def test_unets_read_some_of_their_layers_and_have_no_stream(tiny_sd_pipe, spec):
    every = make_sampler(spec, tiny_sd_pipe, "syngen", steps=2).plan.layers
    some = make_sampler(spec, tiny_sd_pipe, "syngen", steps=2, layers="0,2").plan.layers
    assert len(every) == 3 and some == [every[0], every[2]]
    with pytest.raises(BindingError, match="layer 3 does not exist: there are 3 "
                                           "cross-attention layers at 8x8, 0-2"):
        make_sampler(spec, tiny_sd_pipe, "syngen", steps=2, layers="1-3")
    with pytest.raises(BindingError, match="stream chooses an SD3/FLUX text stream"):
        make_sampler(spec, tiny_sd_pipe, "syngen", steps=2, stream="t5")


def test_a_spec_with_t5_positions_is_trusted_or_refused(pipes, spec):
    from binding.spec import SCHEMA_1_2, Tokens

    pipe = pipes("flux")
    name = pipe.tokenizer_2.name_or_path
    tokens = Tokens(tokenizer=name, max_length=512, length=8, truncated=False, stream="t5",
                    entities=[{"id": "e0", "indices": [2], "modifiers": [[1]]},
                              {"id": "e1", "indices": [6], "modifiers": [[5]]}])
    data = json.loads(spec.model_copy(update={"tokens": tokens}).model_dump_json())
    data.pop("schema")
    carried = binding.spec.spec_from_json(json.dumps(data))
    assert carried.schema_ == SCHEMA_1_2 and '"stream":"t5"' in carried.model_dump_json()
    assert make_sampler(carried, pipe, "syngen", steps=2, **SIZE).tokens.realigned is False
    data["tokens"]["entities"][0]["indices"] = [3]
    wrong = binding.spec.spec_from_json(json.dumps(data))
    with pytest.raises(BindingError, match=r"puts entity e0 'sunflower' at token 3 but .* "
                                           r"puts it at 2"):
        make_sampler(wrong, pipe, "syngen", steps=2, **SIZE)


def test_the_command_line_renders_flux(run, tiny_paths, tmp_path):
    from safetensors import safe_open

    out = tmp_path / "out"
    result = run("render", PROMPT, "--model", str(tiny_paths("tiny-flux")), "--steps", "2",
                 "--size", "32", "--layers", "0-1", "--attention", "--local-files-only",
                 "--device", "cpu", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    (record_path,) = out.glob("*/syngen_0.json")
    record = json.loads(record_path.read_text())
    assert record["model"]["family"] == "flux" and record["tokens"]["stream"] == "t5"
    assert record["method"]["layers"] == ["transformer_blocks.0.attn.processor",
                                          "transformer_blocks.1.attn.processor"]
    (maps,) = out.glob("*/syngen_0.attention.safetensors")
    with safe_open(str(maps), "pt") as handle:
        meta = handle.metadata()
        assert handle.get_tensor("maps").shape == (8, 8, 8)  # T5 pieces 0-6 and </s>
    assert meta["stream"] == "t5" and json.loads(meta["tokens"])[:3] == ["a", "pink", "sunflower"]
    assert [w["positions"] for w in json.loads(meta["words"])] == [[2], [6]]


def test_the_maps_gradient_without_keeping_the_probabilities_is_autograds():
    """HeadMeanAttention computes the probabilities again in its backward instead of keeping
    them: the same values and gradients as autograd through softmax and mean."""
    from binding.generation.mmdit.capture import HeadMeanAttention

    torch.manual_seed(0)
    query = torch.randn(2, 16, 3, 8, requires_grad=True)
    key = torch.randn(2, 5, 3, 8, requires_grad=True)
    weights = torch.randn(2, 16, 5)
    ours = HeadMeanAttention.apply(query, key, 0.35)
    scores = torch.einsum("bnhd,bthd->bhnt", query, key) * 0.35
    reference = scores.softmax(dim=-1).mean(dim=1)
    assert torch.allclose(ours, reference)
    grads = torch.autograd.grad((ours * weights).sum(), (query, key))
    expected = torch.autograd.grad((reference * weights).sum(), (query, key))
    for got, want in zip(grads, expected, strict=True):
        assert torch.allclose(got, want, atol=1e-6)


def test_render_batch_renders_sd3_and_checks_its_layers_first(run, tiny_paths, spec, tmp_path):
    specs = tmp_path / "specs.jsonl"
    specs.write_text(spec.model_dump_json() + "\n", encoding="utf-8")
    common = ["render-batch", str(specs), "--model", str(tiny_paths("tiny-sd3")), "--steps", "2",
              "--size", "32", "--device", "cpu", "--local-files-only", "--no-progress"]
    bad = run(*common, "--layers", "6", "--out", str(tmp_path / "bad"))
    assert bad.exit_code == 2 and "layer 6 does not exist: this transformer has 6" in bad.stderr
    out = tmp_path / "out"
    result = run(*common, "--method", "syngen,none", "--layers", "2-3", "--out", str(out))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(p.read_text()) for p in sorted(out.glob("*/*_0.json"))]
    assert [r["method"]["name"] for r in records] == ["none", "syngen"]
    assert records[1]["tokens"]["stream"] == "t5" and records[1]["model"]["family"] == "sd3"
    again = run(*common, "--method", "syngen,none", "--layers", "2-3", "--out", str(out))
    assert again.exit_code == 0 and "skipped 2" in again.stdout  # the fingerprint holds
