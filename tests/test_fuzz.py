"""Property tests: any text gives a valid, self-consistent spec or a BindingError, never a crash."""

from __future__ import annotations

import unicodedata
import warnings
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import binding
from binding.alignment import clip_tokenizer, encoded_offsets, position
from binding.pipeline import TruncationWarning, get_parser
from binding.printable import normalise_controls
from binding.spec import Spec, spec_from_json
from binding.weighting import WeightingWarning, read_prompt

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WHITESPACE = (" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0"
              "\u1680\u2000\u2007\u200a\u2028\u2029\u202f\u3000")
PUNCTUATION = "-\u2010\u2013\u2014'\u2019\".,;:!?()[]{}/&*#@%+=<>|~^`_"  # hyphens, dashes, quotes
EMOJI = "😀🐱🌻🦩🔴🟦👩‍🚀🏳️‍🌈👍🏽❤️✨"
CJK = "一只粉红色的向日葵和黄色的火烈鸟猫狗红蓝"
ARABIC = "قطة حمراء وكلب أزرق في الحديقة"
CONTROL = "".join(chr(c) for c in [*range(0, 32), 127, *range(0x80, 0xA0)]) + "\u200b\u200d\ufeff"

COLOURS = ["red", "blue", "pink", "yellow", "golden", "dark-green", "sky blue", "Red", "BLUE"]
NOUNS = ["cube", "ball", "sunflower", "flamingo", "cat", "dog", "hat", "eyes", "crown",
         "strawberry", "t-shirt", "rock'n'roll", "cats'", "dog's", "3D", "2", "🐱", "猫"]
GLUE = ["a", "an", "the", "and", "with", "next to", "wearing", "on", "of", "two", "three",
        "which is", "that has", "very", "not", "", ",", ".", "-", "'", "&", "/", "!", "(", ")"]


@pytest.fixture(scope="module")
def parse():
    parser = get_parser()

    def parse(prompt: str) -> Spec:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", TruncationWarning)
            warnings.simplefilter("ignore", WeightingWarning)
            return parser.parse(prompt)

    return parse


@pytest.fixture(scope="module")
def offsets():
    """Content-token offsets in the prompt as written, as the spec's prompt is encoded."""
    return lambda spec: encoded_offsets(spec.read(), clip_tokenizer())


def is_blank(text: str) -> bool:
    return not text.strip()


# --- strategies ----------------------------------------------------------------------------

any_text = st.text(min_size=1, max_size=200)
mixed_text = st.text(
    alphabet=st.sampled_from(list(WHITESPACE + PUNCTUATION + EMOJI + CJK + ARABIC + CONTROL
                                  + "abcdefghijklmnopqrstuvwxyzABCXYZ0123456789éßñ")),
    min_size=1, max_size=120,
)
word = st.one_of(st.sampled_from(COLOURS), st.sampled_from(NOUNS), st.sampled_from(GLUE),
                 st.text(alphabet=PUNCTUATION + EMOJI + "0123456789", min_size=1, max_size=3))
separator = st.sampled_from([" ", " ", " ", "  ", ", ", "\t", "\n", "-", "", " and ", "'"])
promptlike = st.lists(st.tuples(word, separator), min_size=1, max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs))
long_promptlike = st.lists(promptlike, min_size=5, max_size=15).map(" ".join)  # often > 77 tokens
prompts = st.one_of(any_text, mixed_text, promptlike, long_promptlike).filter(
    lambda s: not is_blank(normalise_controls(s)))  # control characters count as spaces


# --- the invariants every spec keeps -------------------------------------------------------


def check_spec(given: str, spec: Spec, offsets) -> None:
    # control characters (NUL, ESC ...) become spaces, one for one; nothing else changes
    prompt = normalise_controls(given)
    assert len(prompt) == len(given)
    assert not any(unicodedata.category(c) == "Cc" for c in prompt.replace("\t", "")
                   .replace("\n", "").replace("\r", ""))
    assert spec.prompt == prompt
    n = len(prompt)
    spans = []
    for entity in spec.entities:
        spans.append(entity.span)
        for modifier in entity.modifiers:
            spans.append(modifier.span)
        for what in (entity, *entity.modifiers):
            start, end = what.span
            assert 0 <= start <= end <= n
            assert what.text == prompt[start:end]
            assert what.text.strip(), f"blank word {what.text!r} in the spec"
    ids = [e.id for e in spec.entities]
    assert len(set(ids)) == len(ids)
    for relation in spec.relations:
        assert relation.source in ids and relation.target in ids
        if relation.span is not None:
            assert 0 <= relation.span[0] <= relation.span[1] <= n

    assert spec_from_json(spec.model_dump_json()) == spec

    tokens = spec.tokens
    assert tokens is not None
    assert tokens.max_length == 77
    pieces = offsets(spec)
    assert tokens.length == len(pieces) + 2
    assert not tokens.truncated  # words past the window are laid out in chunks
    assert (tokens.chunks is not None) == (tokens.length > tokens.max_length)
    chunked = tokens.chunks is not None
    assert [t.id for t in tokens.entities] == ids
    aligned = []
    for entity, entity_tokens in zip(spec.entities, tokens.entities, strict=True):
        aligned.append((entity.span, entity_tokens.indices))
        assert len(entity_tokens.modifiers) == len(entity.modifiers)
        aligned += [(m.span, idx) for m, idx in zip(entity.modifiers, entity_tokens.modifiers,
                                                  strict=True)]
    window = tokens.max_length - 2  # start and end tokens take two places
    starts = {k * tokens.max_length for k in range(tokens.chunks or 1)}
    for (start, end), indices in aligned:
        word = prompt[start:end]
        assert all(a < b for a, b in pairwise(indices)), (word, indices)
        # the word's tokens are those covering any of its characters, in the chunk they fall in
        covering = [k for k, (s, e) in enumerate(pieces) if s < end and e > start and e > s]
        assert covering, f"word {word!r} covers no token"
        assert indices == [position(k, window, 77, chunked) for k in covering], (word, indices)
        assert not set(indices) & starts and all(i % 77 <= window for i in indices)


# --- properties ----------------------------------------------------------------------------


@FUZZ
@given(prompt=prompts)
@example(prompt="a pink sunflower and a yellow flamingo")
@example(prompt="a cat with blue eyes wearing a red hat")
@example(prompt="\x00a\x00red\x00cube")
@example(prompt="a red- and blue-striped t-shirt")
@example(prompt="a dog's 3 red balls and the cats' 🐱 hats")
@example(prompt="a\u2028red\u3000cube\x1cand\x85a blue ball")
@example(prompt="e\u0301 red cube")  # decomposed accent: NFC changes the length
@example(prompt="ﬁve red cubes")  # ligature
def test_any_text_gives_a_consistent_spec(parse, offsets, prompt):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", WeightingWarning)
        read = read_prompt(prompt)
    if is_blank(read.text):  # nothing but weighting syntax: "()" or "[ ]"
        with pytest.raises(binding.BindingError, match="no words"):
            parse(prompt)
        return
    check_spec(prompt, parse(prompt), offsets)


@settings(max_examples=40, deadline=None)
@given(st.lists(prompts, min_size=1, max_size=6), st.integers(1, 4))
def test_batches_give_the_same_specs_as_one_by_one(parse, prompts, batch_size):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TruncationWarning)
        warnings.simplefilter("ignore", WeightingWarning)
        prompts = [p for p in prompts if not is_blank(read_prompt(p).text)]
        batched = list(get_parser().pipe(prompts, batch_size=batch_size))
    assert batched == [parse(p) for p in prompts]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=WHITESPACE, max_size=30))
def test_blank_text_is_a_binding_error(text):
    assert is_blank(text)
    with pytest.raises(binding.BindingError, match="empty"):
        binding.parse(text)


@settings(max_examples=30, deadline=None)
@given(st.text(min_size=0, max_size=20), st.integers(0xD800, 0xDFFF), st.text(max_size=20))
def test_unpaired_surrogates_are_a_binding_error(before, surrogate, after):
    with pytest.raises(binding.BindingError, match="surrogate"):
        binding.parse(before + "x" + chr(surrogate) + after)


@pytest.mark.parametrize("value", [None, 42, b"a red cube", ["a red cube"]])
def test_non_text_is_a_binding_error(value):
    with pytest.raises(binding.BindingError, match="text"):
        binding.parse(value)  # type: ignore[arg-type]


def test_ten_thousand_characters(parse, offsets):
    unit = "a red cube next to a blue ball, "
    prompt = (unit * (10_000 // len(unit) + 1))[:10_000]
    spec = binding.parse(prompt)
    assert len(spec.prompt) == 10_000
    assert spec.tokens is not None and spec.tokens.chunks and not spec.tokens.truncated
    check_spec(prompt, spec, offsets)
    assert spec.tokens.entities[0].indices == [3]
    assert spec.tokens.entities[-1].indices[0] > 77 * (spec.tokens.chunks - 1)
    with pytest.warns(TruncationWarning, match="77"):
        cut = binding.parse(prompt, tokenizer="clip-77")
    assert cut.tokens.truncated and cut.tokens.entities[-1].indices == []


def test_past_ten_thousand_characters_is_a_binding_error():
    with pytest.raises(binding.BindingError, match="10,001 characters, more than the 10,000"):
        binding.parse("a" * 10_001)


def test_ten_thousand_characters_without_spaces(parse, offsets):
    prompt = "x" * 10_000
    check_spec(prompt, parse(prompt), offsets)


@pytest.mark.parametrize("prompt", [
    "😀🐱🌻🦩🔴🟦👩‍🚀🏳️‍🌈",
    "🐱 🐶 🌻",
    "一只粉红色的向日葵和一只黄色的火烈鸟",
    "قطة حمراء وكلب أزرق في الحديقة",
    "Красный куб и синий шар",
    "\u200b\u200d\ufeff",
])
def test_non_latin_text(parse, offsets, prompt):
    check_spec(prompt, parse(prompt), offsets)


@pytest.mark.parametrize("prompt", ["\x00\x01\x02", "\x1b\x07 \x00", "\x7f\x9b"])
def test_only_control_characters_are_an_empty_prompt(prompt):
    with pytest.raises(binding.BindingError, match="empty"):
        binding.parse(prompt)
