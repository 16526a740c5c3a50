"""Weighted prompts and prompts past 77 tokens on tiny random pipelines: the conditioning is
compel's, the spec's positions are where compel puts the words, and every method reads maps
over the whole sequence."""

from __future__ import annotations

import pytest
import torch

import binding
from binding.errors import BindingError
from binding.generation import render
from binding.generation.conditioning import tokenizers
from binding.generation.render import Sampler
from binding.generation.tokens import align_to_model, tokenizer_name

compel = pytest.importorskip("compel")

WEIGHTED = "a (pink:1.3) sunflower and a [yellow] flamingo"
# as compel writes the same weights (A1111's [x] is x / 1.1)
AS_COMPEL = "a (pink)1.3 sunflower and a (yellow)0.909091 flamingo"
# 120 CLIP tokens, weights in the first and the second chunk
LONG = ("a photo of a (pink:1.3) sunflower next to a [yellow] flamingo, " * 9
        + "and a (green:1.2) dragon wearing a (golden:1.5) crown in a quiet park")


@pytest.fixture(scope="module")
def pipes(tiny_pipes):
    return tiny_pipes


def words_and_positions(spec):
    for entity, tokens in zip(spec.entities, spec.tokens.entities, strict=True):
        yield entity, tokens.indices
        yield from zip(entity.modifiers, tokens.modifiers, strict=True)


def test_a_weighted_120_token_prompt_has_the_positions_of_the_models_own_tokenizer(pipes):
    """Issue 20's bar: every word's positions, in the chunked sequence, hold that word's
    tokens as the model's tokenizer and compel's chunking give them."""
    from compel import EmbeddingsProvider, SplitLongTextMode

    spec = binding.parse(LONG)
    assert spec.schema_ == "binding.spec/1.1" and spec.weights.syntax == "a1111"
    assert spec.tokens.length == 122 and spec.tokens.chunks == 2  # 120 tokens + start, end
    pipe = pipes("tiny-sd")
    provider = EmbeddingsProvider(pipe.tokenizer, pipe.text_encoder, truncate=False,
                                  split_long_text_mode=SplitLongTextMode.BRUTAL)
    fragments = spec.weights.fragments
    ids, weights, _ = provider.get_token_ids_and_expand_weights(
        [f.text for f in fragments], [f.weight for f in fragments], device="cpu")
    assert len(ids) == 2 * 77
    past_the_cut = 0
    for word, positions in words_and_positions(spec):
        assert positions, word.text
        assert spec.prompt[word.span[0]:word.span[1]] == word.text  # spans index the raw text
        decoded = pipe.tokenizer.decode([int(ids[p]) for p in positions]).replace(" ", "")
        assert decoded == word.text.lower(), (word.text, positions)
        expected = next(f.weight for f in fragments
                        if f.span[0] <= word.span[0] and word.span[1] <= f.span[1])
        assert {round(float(weights[p]), 5) for p in positions} == {round(expected, 5)}
        past_the_cut += positions[0] > 77
    assert past_the_cut >= 5
    # and the spec's cached positions pass the check against the model's tokenizer
    own = spec.model_copy(update={"tokens": spec.tokens.model_copy(update={
        "tokenizer": tokenizer_name(pipe.tokenizer)})})
    aligned = align_to_model(own, tokenizers(pipe))
    assert not aligned.realigned and aligned.chunks == 2
    assert [g.entity.positions for g in aligned.groups] == [
        tuple(t.indices) for t in spec.tokens.entities]


def test_weights_go_through_compel(pipes):
    from compel import Compel, SplitLongTextMode

    pipe = pipes("tiny-sd")
    spec = binding.parse(WEIGHTED)
    sampler = Sampler(spec, pipe, "none", steps=2)
    theirs = Compel(tokenizer=pipe.tokenizer, text_encoder=pipe.text_encoder,
                    truncate_long_prompts=False,
                    split_long_text_mode=SplitLongTextMode.BRUTAL)(AS_COMPEL)
    ours = sampler.cond.cond["encoder_hidden_states"]
    assert torch.allclose(ours, theirs, atol=1e-5)
    plain = Sampler(binding.parse(WEIGHTED, weighting="none"), pipe, "none", steps=2)
    assert not torch.allclose(ours, plain.cond.cond["encoder_hidden_states"], atol=1e-3)
    # a prompt without weights keeps the pipeline's own encoding
    ordinary = Sampler(binding.parse("a pink sunflower and a yellow flamingo"), pipe, "none",
                       steps=2)
    expected, _ = pipe.encode_prompt("a pink sunflower and a yellow flamingo", "cpu", 1, True)
    assert torch.equal(ordinary.cond.cond["encoder_hidden_states"], expected)


@pytest.mark.parametrize("method", ["syngen", "attend-excite", "divide-bind"])
def test_every_map_reading_method_guides_past_the_cut(pipes, method):
    spec = binding.parse(LONG)
    pipe = pipes("tiny-sd")
    sampler = Sampler(spec, pipe, method, batch=1, steps=2)
    assert sampler.cond.both["encoder_hidden_states"].shape[:2] == (2, 154)
    latents, _ = sampler.initial_latents([0])
    with sampler.installed():
        _parts, total, grad, maps = sampler.loss(latents, 0)
    assert maps.shape[-1] == 154
    assert torch.isfinite(total).all() and grad.abs().sum() > 0
    last = sampler.tokens.groups[-2]  # the crown, in the second chunk
    assert last.entity.positions[0] > 77
    # the loss reads the second chunk: moving the crown's map changes it
    bumped = maps.clone()
    bumped[:, :4, :, last.entity.positions[0]] *= 3  # its top half: a new shape
    index = sampler.plan.indices[0]
    method_ = sampler.plan.components[0].method
    assert not torch.allclose(method_.loss(maps, index), method_.loss(bumped, index))


def test_the_inner_start_tokens_take_no_share_of_the_token_softmax(pipes):
    from binding.generation.methods.attend_excite import processed

    spec = binding.parse(LONG)
    sampler = Sampler(spec, pipes("tiny-sd"), "attend-excite", steps=2)
    index = sampler.plan.indices[0]
    maps = torch.rand(1, 8, 8, 154)
    maps[..., 77] = 1.0  # the second chunk's start token: an attention sink like position 0
    shares = processed(maps, index)
    assert torch.all(shares[:, 76] == 0)  # row p - 1 = 76 is position 77
    assert shares.shape[1] == 152  # positions 1..152: all but the start and the last pad


def test_a_long_weighted_prompt_renders_on_sd_and_sdxl(pipes):
    spec = binding.parse(LONG)
    for name in ("tiny-sd", "tiny-sdxl"):
        result = render(spec, pipes(name), "syngen", steps=2, seeds=[0])
        record = result.records[0]
        assert record.tokens["chunks"] == 2 and record.tokens["weights"]
        assert len(result.images) == 1


def test_sdxl_weighted_conditioning_is_compels(pipes):
    from compel import Compel, ReturnedEmbeddingsType, SplitLongTextMode

    pipe = pipes("tiny-sdxl")
    sampler = Sampler(binding.parse(WEIGHTED), pipe, "none", steps=2,
                      negative_prompt="blurry")
    theirs, pooled = Compel(
        tokenizer=[pipe.tokenizer, pipe.tokenizer_2],
        text_encoder=[pipe.text_encoder, pipe.text_encoder_2],
        returned_embeddings_type=ReturnedEmbeddingsType.PENULTIMATE_HIDDEN_STATES_NON_NORMALIZED,
        requires_pooled=[False, True], truncate_long_prompts=False,
        split_long_text_mode=SplitLongTextMode.BRUTAL)(AS_COMPEL)
    cond = sampler.cond.cond
    assert torch.allclose(cond["encoder_hidden_states"], theirs, atol=1e-5)
    # the pooled embedding is the clean prompt's, as SDXL's own pipeline computes it
    _, _, expected_pooled, _ = pipe.encode_prompt("a pink sunflower and a yellow flamingo",
                                                  do_classifier_free_guidance=False)
    assert torch.allclose(cond["added_cond_kwargs"]["text_embeds"], expected_pooled, atol=1e-6)
    assert pooled.shape == expected_pooled.shape


def test_a_negative_prompt_is_padded_to_the_long_prompts_chunks(pipes):
    pipe = pipes("tiny-sd")
    sampler = Sampler(binding.parse(LONG), pipe, "none", steps=2, negative_prompt="blurry")
    uncond, cond = sampler.cond.both["encoder_hidden_states"].chunk(2)
    assert uncond.shape == cond.shape == (1, 154, cond.shape[-1])
    empty = Sampler(binding.parse("a cube"), pipe, "none", steps=2,
                    negative_prompt="").cond.both["encoder_hidden_states"].chunk(2)[0]
    assert torch.allclose(uncond[:, 77:], empty, atol=1e-5)  # the empty prompt's chunk


def test_tsam_refuses_a_prompt_past_one_window(pipes):
    with pytest.raises(BindingError, match="covers one window"):
        Sampler(binding.parse(LONG), pipes("tiny-sd"), "tsam", steps=2)


def test_attention_maps_of_a_long_prompt_are_labelled_per_position(pipes):
    result = render(binding.parse(LONG), pipes("tiny-sd"), "none", steps=1, attention=True)
    tokens = result.tokens
    labels = tokens.labels()
    assert tokens.end == 77 + 1 + (120 - 75) and len(labels) == tokens.end + 1
    assert labels[0] == labels[77] == "<start>" and labels[76] == "<end>"
    assert labels[tokens.end] == "<end>"
    assert result.attention.shape[1] == 154
