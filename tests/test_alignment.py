"""Alignment: char spans -> CLIP token positions, offline, exact, and honest about truncation."""

from __future__ import annotations

import json
import warnings

import pytest

from binding.alignment import align_entities, clip_tokenizer, token_positions
from binding.alignment.clip_bpe import CLIP_MAX_LENGTH
from binding.pipeline import TruncationWarning


def test_known_clip_ids():
    # CLIP's canonical example: "a photo of a cat" -> 320 1125 539 320 2368
    ids, pieces, _ = clip_tokenizer().encode("a photo of a cat")
    assert ids == [320, 1125, 539, 320, 2368]
    assert pieces[1] == "photo</w>"


def test_offsets_are_characters_not_bytes():
    text = "naïve 🦩 flamingo"
    tok = clip_tokenizer()
    offsets = tok.encode(text)[2]
    assert offsets[-1] == (text.index("flamingo"), len(text))


def test_matches_transformers_clip_tokenizer(tmp_path):
    """Same ids as transformers' CLIPTokenizer built from the same BPE (its own converter)."""
    transformers = pytest.importorskip("transformers")
    tok = clip_tokenizer()
    inner = json.loads(tok._tokenizer.to_str())["model"]
    (tmp_path / "vocab.json").write_text(json.dumps(inner["vocab"]), encoding="utf-8")
    merges = ["#version: 0.2"] + [" ".join(m) if isinstance(m, list) else m
                                  for m in inner["merges"]]
    (tmp_path / "merges.txt").write_text("\n".join(merges) + "\n", encoding="utf-8")
    reference = transformers.CLIPTokenizer.from_pretrained(str(tmp_path), model_max_length=77)
    prompts = [
        "a pink sunflower and a yellow flamingo",
        "A Black-and-White photo of a long-haired DOG's toy, 3 cats & 12 mice!",
        "  mixed\twhitespace\nand   UPPER case  ",
        "emoji 🦩🌻 and ünïcödé and 日本語",
    ]
    for prompt in prompts:
        ours = tok.encode(prompt)[0]
        theirs = reference(prompt, add_special_tokens=False)["input_ids"]
        assert ours == theirs, prompt


def test_multi_piece_word_gets_every_piece(parse):
    spec = parse("a hippopotamus and a flamingo")
    tokens = spec.token_indices("e0")
    assert len(tokens.indices) >= 2
    assert tokens.indices == list(range(tokens.indices[0], tokens.indices[-1] + 1))


def test_positions_count_the_start_token(parse):
    spec = parse("a pink sunflower and a yellow flamingo")
    sunflower = spec.token_indices("e0")
    assert sunflower.indices == [3] and sunflower.modifiers == [[2]]
    assert spec.tokens.tokenizer == "openai/clip-vit-large-patch14"
    assert spec.tokens.length == 9 and not spec.tokens.truncated


def test_capitals_hyphens_apostrophes_and_repeats_align(parse):
    prompt = "A RED cube, a red-and-white ball and a dog's red collar"
    spec = parse(prompt)
    offsets = clip_tokenizer().encode(prompt)[2]
    for entity, tokens in zip(spec.entities, spec.tokens.entities, strict=True):
        for word, indices in [(entity, tokens.indices),
                              *zip(entity.modifiers, tokens.modifiers, strict=True)]:
            start, end = word.span
            covered = [offsets[i - 1] for i in indices]
            assert covered, word.text
            assert covered[0][0] == start and covered[-1][1] == end, word.text


def test_truncation_cuts_whole_words_and_warns(parse):
    prompt = " and ".join(["a red cube"] * 30) + " and a green pyramid"
    with pytest.warns(TruncationWarning, match="no token indices"):
        spec = parse(prompt, tokenizer="clip-77")
    assert spec.tokens.truncated and spec.tokens.length > CLIP_MAX_LENGTH
    first, last = spec.tokens.entities[0], spec.tokens.entities[-1]
    assert first.indices and first.modifiers[0]
    assert last.indices == [] and last.modifiers == [[]]
    every = [i for t in spec.tokens.entities for group in [t.indices, *t.modifiers]
             for i in group]
    assert max(every) <= CLIP_MAX_LENGTH - 2


def test_short_prompt_does_not_warn(parse):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        parse("a red cube")


@pytest.mark.parametrize(
    ("span", "window", "expected"),
    [
        ((0, 3), 75, [1]),  # "red"
        ((4, 8), 75, [2]),  # "cube"
        ((4, 8), 1, []),  # cut off by the window
        ((2, 2), 75, []),  # empty span
        ((0, 8), 75, [1, 2]),  # two tokens
    ],
)
def test_token_positions(span, window, expected):
    offsets = [(0, 3), (4, 8)]
    assert token_positions(offsets, span, window) == expected


# --- linear, past the window, weighted ---------------------------------------------------


class CountingOffsets(list):
    """Offsets that count every element read (by index or by iteration)."""

    reads = 0

    def __getitem__(self, index):
        CountingOffsets.reads += 1 if isinstance(index, int) else len(range(*index.indices(
            len(self))))
        return super().__getitem__(index)

    def __iter__(self):
        for item in super().__iter__():
            CountingOffsets.reads += 1
            yield item


def reads_to_align(repeats: int) -> tuple[int, int]:
    """(offset reads, content tokens) to align every word of a prompt of ``repeats`` phrases."""
    from binding.spec import Entity, Modifier

    phrase = "a red cube next to a blue ball, "
    prompt = phrase * repeats
    entities = []
    for n in range(repeats):
        base = n * len(phrase)
        entities.append(Entity(id=f"e{n}", text="cube", span=(base + 6, base + 10), modifiers=[
            Modifier(text="red", span=(base + 2, base + 5), relation="amod",
                     kind="attribute")]))
    offsets = CountingOffsets(clip_tokenizer().offsets(prompt))
    CountingOffsets.reads = 0
    align_entities(prompt, entities, clip_tokenizer(), offsets)
    return CountingOffsets.reads, len(offsets)


def test_alignment_reads_each_offset_a_bounded_number_of_times():
    """Issue 15, data safety 9: alignment was quadratic (every word listed every token's end).
    Counting reads instead of timing: 16 times the words may take about 16 times the reads
    (a quadratic alignment takes 256 times), and never more than a few per token."""
    small, tokens_small = reads_to_align(50)
    large, tokens_large = reads_to_align(800)
    assert tokens_large == 16 * tokens_small
    assert large <= 16 * small * 1.2
    assert large <= 3 * tokens_large


def test_a_prompt_past_the_window_gets_positions_in_chunks(parse):
    prompt = " and ".join(["a red cube"] * 30) + " and a green pyramid"
    spec = parse(prompt)
    tokens = spec.tokens
    assert tokens.chunks == 2 and not tokens.truncated and tokens.length == 125
    last = spec.token_indices(spec.entities[-1].id)
    # the 123rd token is the 48th of the second chunk, after its start token at 77
    assert last.indices == [77 + 1 + 47] and last.modifiers == [[77 + 1 + 46]]
    every = [i for t in tokens.entities for group in [t.indices, *t.modifiers] for i in group]
    assert 77 not in every and 76 not in every  # the second start token, the first end token


def test_a_weighted_prompt_is_tokenized_fragment_by_fragment():
    """compel tokenizes each weighted fragment alone: a fragment boundary inside a word splits
    it, and the positions follow the tokens the model is given."""
    from binding.alignment import encoded_offsets
    from binding.weighting import read_prompt

    read = read_prompt("a blue(berry:1.2) pie", "a1111")
    assert read.text == "a blueberry pie"
    offsets = encoded_offsets(read, clip_tokenizer())
    pieces = [read.raw[s:e] for s, e in offsets]
    assert pieces == ["a", "blue", "berry", "pie"]  # "blueberry" whole is one token
    assert clip_tokenizer().encode("a blueberry pie")[1][1] == "blueberry</w>"
