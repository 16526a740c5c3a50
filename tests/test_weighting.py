"""Prompt-weighting syntax: A1111's and compel's forms read, every character's place in the
prompt as written kept, and specs whose spans index that text."""

from __future__ import annotations

import json
import warnings
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import binding
from binding.errors import BindingError
from binding.spec import SCHEMA_1_1, SCHEMA_ID, spec_from_json
from binding.weighting import WeightingWarning, guess_syntax, read_prompt


def weights(read) -> list[tuple[str, float]]:
    return [(read.text[f.start:f.end], f.weight) for f in read.fragments]


# --- the two syntaxes ----------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "text", "expected"), [
    ("a (red:1.3) cube", "a red cube", [("a ", 1), ("red", 1.3), (" cube", 1)]),
    ("a (red) cube", "a red cube", [("a ", 1), ("red", 1.1), (" cube", 1)]),
    ("a ((red)) cube", "a red cube", [("a ", 1), ("red", 1.21), (" cube", 1)]),
    ("a [red] cube", "a red cube", [("a ", 1), ("red", 0.909091), (" cube", 1)]),
    ("a (big (red:2) cube:0.5)", "a big red cube",
     [("a ", 1), ("big ", 0.5), ("red", 1.0), (" cube", 0.5)]),
    ("a ( red : 1.5 ) cube", "a  red  cube", [("a ", 1), (" red ", 1.5), (" cube", 1)]),
    ("(style: cinematic) cube", "style: cinematic cube", [("style: cinematic", 1.1),
                                                           (" cube", 1)]),
    (r"a \(red\) \[cube\] \\", r"a (red) [cube] \ ".strip(), [(r"a (red) [cube] \ ".strip(), 1)]),
    (r"a\b", "ab", [("ab", 1)]),  # A1111 drops a backslash that escapes nothing
])
def test_a1111(raw, text, expected):
    read = read_prompt(raw, "a1111")
    assert read.syntax == "a1111" and read.text == text
    assert weights(read) == [(t, pytest.approx(w)) for t, w in expected]


@pytest.mark.parametrize(("raw", "text", "expected"), [
    ("a (red)1.3 cube", "a red cube", [("a ", 1), ("red", 1.3), (" cube", 1)]),
    ("a (red)++ cube", "a red cube", [("a ", 1), ("red", 1.21), (" cube", 1)]),
    ("a (red)- cube", "a red cube", [("a ", 1), ("red", 0.9), (" cube", 1)]),
    ("a red++ cube--", "a red cube", [("a ", 1), ("red", 1.21), (" ", 1), ("cube", 0.81)]),
    ("a red+ cube", "a red cube", [("a ", 1), ("red", 1.1), (" cube", 1)]),
    ("a (red cube)", "a red cube", [("a red cube", 1)]),  # a group: weight 1
    ("a ((red)1.5 cube)0.5", "a red cube", [("a ", 1), ("red", 0.75), (" cube", 0.5)]),
    ("a black-and-white cube", "a black-and-white cube", [("a black-and-white cube", 1)]),
    ("a (red)1.3cube", "a redcube", [("a ", 1), ("red", 1.3), ("cube", 1)]),
    (r"a \(red\) cube++", "a (red) cube", [("a (red) ", 1), ("cube", 1.21)]),
    ("a (red) 1.3 cube", "a red 1.3 cube", [("a red 1.3 cube", 1)]),  # a space: text
    ("a red,++ cube", "a red,++ cube", [("a red,++ cube", 1)]),
    # A1111's weight in a compel prompt: people mix the two
    ("a cube++, (red sphere:1.3)", "a cube, red sphere",
     [("a ", 1), ("cube", 1.21), (", ", 1), ("red sphere", 1.3)]),
])
def test_compel(raw, text, expected):
    read = read_prompt(raw, "compel")
    assert read.syntax == "compel" and read.text == text
    assert weights(read) == [(t, pytest.approx(w)) for t, w in expected]


@pytest.mark.parametrize(("raw", "syntax"), [
    ("a red cube", "none"),
    ("a black-and-white cube", "none"),
    ("a (red:1.2) cube", "a1111"),
    ("a ((red)) [cube]", "a1111"),
    ("a [[red]] cube", "a1111"),
    (r"a \(red\) cube", "a1111"),
    ("a (red) cube", "none"),  # one pair of brackets: prose as often as weighting
    ("a giant octopus (purple, spotted) [sic]", "none"),
    ("a (red)1.2 cube", "compel"),
    ("a (red)++ cube", "compel"),
    ("a red++ cube", "compel"),
    ("a red-- cube", "compel"),
    ("a red- cube", "none"),  # a single trailing sign is compel only when asked for
])
def test_auto_reads_compel_forms_as_compel_a1111_forms_as_a1111_else_text(raw, syntax):
    assert guess_syntax(raw) == syntax
    assert read_prompt(raw).syntax == syntax


def test_none_keeps_every_bracket():
    read = read_prompt("a (red:1.3) [cube]", "none")
    assert read.text == read.raw and not read.weighted


@pytest.mark.parametrize(("raw", "syntax", "message"), [
    ("a (red cube", "a1111", "a bracket is not closed"),
    ("a red) cube", "a1111", "')' at character 6 closes no bracket"),
    ("a [red) cube", "a1111", "')' at character 7 closes no bracket"),
    ("a (red cube", "compel", "a bracket is not closed"),
    ("a (red:-1) cube", "a1111", "weight '-1' at character 7"),
    ("a (red:" + "9" * 400 + ") cube", "a1111", "must be a finite number"),
    ("(" * 8000 + "cube" + ")" * 8000, "a1111", "weights overflow"),
    ("(( ))", "a1111", "has no words once its weighting syntax is removed"),
    ("a (red) cube", "latin", "unknown weighting syntax 'latin'"),
])
def test_what_cannot_be_read_is_a_one_line_error(raw, syntax, message):
    with pytest.raises(BindingError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_prompt(raw, syntax)


@pytest.mark.parametrize(("raw", "text", "raw_words"), [
    # prompt editing [from:to:when]: both words, joined by "or"
    ("[red:blue:0.5] sports car", "red or blue sports car", ["red", "blue"]),
    ("a [ red : blue : 10 ] car", "a red or blue car", ["red", "blue"]),
    ("a [red:0.5] car", "a red car", ["red"]),  # [to:when] adds a word
    ("a [red::0.5] car", "a red car", ["red"]),  # [from::when] removes one
    # alternation [a|b|c]
    ("[cat|dog] sitting in a box", "cat or dog sitting in a box", ["cat", "dog"]),
    ("a [cat | dog|fox ] in a box", "a cat or dog or fox in a box", ["cat", "dog", "fox"]),
    ("a [cat|] in a box", "a cat in a box", ["cat"]),
])
def test_a1111_prompt_editing_and_alternation_read_every_part(raw, text, raw_words):
    read = read_prompt(raw)  # auto finds A1111 by these forms alone
    assert (read.syntax, read.text) == ("a1111", text)
    assert all(f.weight == 1.0 for f in read.fragments)  # these brackets weight nothing
    check_read(read)
    for word in raw_words:  # each part's clean span maps to its place in the raw prompt
        start = read.text.index(word)
        raw_start, raw_end = read.raw_span(start, start + len(word))
        assert raw[raw_start:raw_end] == word


def test_square_brackets_without_a_colon_or_bar_still_weight_down():
    assert weights(read_prompt("a [blue] ball [[x]]")) == [
        ("a ", 1), ("blue", pytest.approx(0.909091)), (" ball ", 1),
        ("x", pytest.approx(0.826446))]


def test_auto_reads_unpaired_brackets_as_text_and_warns():
    with pytest.warns(WeightingWarning, match="read as plain text, not a1111"):
        read = read_prompt("a ((red) cube")
    assert read.text == "a ((red) cube" and not read.weighted


def test_reading_is_linear_in_the_prompt():
    """10,000 characters of dense syntax, nested 2,000 deep, in well under a second."""
    read = read_prompt(("a (red:1.2) cube, [blue] ball and ((green)) cone " * 200)[:10_000])
    assert read.syntax == "a1111"
    deep = read_prompt("(" * 2000 + "cube" + ")" * 2000, "compel")
    assert deep.text == "cube"


# --- properties: every clean character comes from its place in the raw text -----------------

WORDS = ["red", "cube", "a", "big", "ball", "flamingo", "black-and-white", "3D", "猫", "🐱",
         "dog's", "x", "1.5"]
A1111_WRAP = ["{}", "({})", "(({}))", "[{}]", "({}:1.3)", "({}:0.5)", "[({}:2)]"]
COMPEL_WRAP = ["{}", "({})", "({})1.3", "({})++", "({})--", "({})0.5", "(({})1.2)0.5"]
COMPEL_WORD = ["{}", "{}++", "{}--", "{}+", "{}-"]


def check_read(read) -> None:
    """Every clean character is its raw character, in order; only the " or " joining the
    parts of a prompt edit or alternation maps to the colon or bar it stands for."""
    assert len(read.origin) == len(read.text)
    joined = [i for i, (o, c) in enumerate(zip(read.origin, read.text, strict=True))
              if read.raw[o] != c]
    for i in joined:
        assert read.raw[read.origin[i]] in ":|" and c_in_or(read.text, i)
    assert all(a < b or (a == b and read.raw[a] in ":|") for a, b in pairwise(read.origin))
    ends = [f.end for f in read.fragments]
    assert [f.start for f in read.fragments] == [0, *ends[:-1]]  # the runs cover the text
    assert (ends[-1] if ends else 0) == len(read.text)
    assert all(f.weight >= 0 and f.end > f.start for f in read.fragments)


def c_in_or(text: str, i: int) -> bool:
    """Whether text[i] lies in an " or " of the clean text."""
    return any(text[j:j + 4] == " or " and j <= i < j + 4 for j in range(i - 3, i + 1))


def wrapped(syntax: str) -> st.SearchStrategy:
    if syntax == "a1111":
        piece = st.tuples(st.sampled_from(WORDS), st.sampled_from(A1111_WRAP))
    else:
        piece = st.tuples(st.sampled_from([w for w in WORDS if "-" not in w]),
                          st.sampled_from(COMPEL_WRAP + COMPEL_WORD))
    return st.lists(piece, min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["a1111", "compel"]), st.data())
def test_words_keep_their_place_and_text_in_any_weighted_prompt(syntax, data):
    pieces = data.draw(wrapped(syntax))
    raw = " ".join(form.format(word) for word, form in pieces)
    read = read_prompt(raw, syntax)
    check_read(read)
    assert read.text == " ".join(word for word, _ in pieces)
    cursor = 0
    for word, _ in pieces:  # each word's clean span maps to the same word in the raw text
        start = read.text.index(word, cursor)
        cursor = start + len(word)
        raw_start, raw_end = read.raw_span(start, cursor)
        assert raw[raw_start:raw_end] == word


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([*'ab ()[]:\\+-.,="1239|', "1.2", "++", "--"]),
                min_size=1, max_size=40).map("".join),
       st.sampled_from(["auto", "a1111", "compel", "none"]))
@example(raw="(a:1.2)", syntax="auto")
@example(raw="a\\", syntax="a1111")
@example(raw="\\\\(a)", syntax="compel")
def test_any_text_reads_or_fails_in_one_line(raw, syntax):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", WeightingWarning)
        try:
            read = read_prompt(raw, syntax)
        except BindingError as exc:
            assert "\n" not in str(exc)
            return
    check_read(read)


# --- specs of weighted prompts ---------------------------------------------------------------

NOUNS = ["cube", "ball", "flamingo", "sunflower", "dog", "hat"]
COLOURS = ["red", "pink", "yellow", "golden", "blue", "green"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([("a1111", A1111_WRAP), ("compel", COMPEL_WRAP)]), st.data())
def test_spans_of_a_weighted_prompts_spec_index_the_prompt_and_hold_its_words(syntax, data):
    syntax, wraps = syntax
    phrases = data.draw(st.lists(st.tuples(st.sampled_from(COLOURS), st.sampled_from(NOUNS),
                                           st.sampled_from(wraps), st.sampled_from(wraps)),
                                 min_size=1, max_size=4, unique_by=lambda t: t[1]))
    raw = " and ".join(f"a {m.format(colour)} {n.format(noun)}"
                       for colour, noun, m, n in phrases)
    read = read_prompt(raw, syntax)
    spec = binding.parse(raw, weighting=syntax)
    assert spec.prompt == raw
    clean_words = set(read.text.split())
    for entity in spec.entities:
        for word in (entity, *entity.modifiers):
            assert raw[word.span[0]:word.span[1]] == word.text
            assert word.text in clean_words, (word.text, raw)
    assert spec_from_json(spec.model_dump_json()) == spec


def test_a_weighted_spec():
    spec = binding.parse("a (pink:1.3) sunflower and a [yellow] flamingo")
    assert spec.schema_ == SCHEMA_1_1
    assert spec.prompt == "a (pink:1.3) sunflower and a [yellow] flamingo"
    pink = spec.entities[0].modifiers[0]
    assert (pink.text, pink.span) == ("pink", (3, 7))
    assert spec.weights.text == "a pink sunflower and a yellow flamingo"
    assert [(f.text, f.weight, f.span) for f in spec.weights.fragments] == [
        ("a ", 1.0, (0, 2)), ("pink", 1.3, (3, 7)), (" sunflower and a ", 1.0, (12, 29)),
        ("yellow", 0.909091, (30, 36)), (" flamingo", 1.0, (37, 46))]
    assert spec.token_indices("e0").modifiers == [[2]]  # the clean text's positions
    assert spec.token_indices("e1").indices == [7]


def test_a_prompt_without_weighting_gives_the_same_spec_as_before():
    spec = binding.parse("a pink sunflower and a yellow flamingo")
    assert spec.schema_ == SCHEMA_ID and spec.weights is None
    data = json.loads(spec.model_dump_json())
    assert "weights" not in data and "chunks" not in data["tokens"]


# --- the spec field: derived, validated, versioned ------------------------------------------

FLOWERS_1 = {  # a spec as binding.spec/1 writes it (before weights and chunks existed)
    "schema": "binding.spec/1", "id": None, "prompt": "a (pink) sunflower",
    "frontend": {"name": "spacy", "model": "en_core_web_sm", "version": "3.8.0"},
    "grammar": {"name": "en-clearnlp", "version": "1"},
    "entities": [{"id": "e0", "text": "sunflower", "span": [9, 18], "modifiers": [
        {"text": "pink", "span": [3, 7], "relation": "amod", "kind": "attribute"}]}],
    "relations": [],
    "tokens": {"tokenizer": "openai/clip-vit-large-patch14", "max_length": 77, "length": 7,
               "truncated": False, "entities": [{"id": "e0", "indices": [5],
                                                 "modifiers": [[3]]}]},
}


def test_a_binding_spec_1_still_loads_and_reads_its_prompt_as_plain_text():
    spec = spec_from_json(json.dumps(FLOWERS_1))
    assert spec.schema_ == SCHEMA_ID and spec.weights is None
    assert spec.read().text == "a (pink) sunflower"  # no weights field: brackets are text
    assert json.loads(spec.model_dump_json()) == FLOWERS_1


def weighted_json() -> dict:
    return json.loads(binding.parse("a (pink:1.3) sunflower").model_dump_json())


def test_weights_that_disagree_with_the_prompt_are_refused():
    data = weighted_json()
    data["weights"]["fragments"][1]["weight"] = 2.0
    with pytest.raises(BindingError, match="weights disagree with the prompt read as a1111"):
        spec_from_json(json.dumps(data))


def test_weights_need_schema_1_1():
    data = weighted_json()
    data["schema"] = "binding.spec/1"
    with pytest.raises(BindingError, match=r"declare schema 'binding\.spec/1\.1'"):
        spec_from_json(json.dumps(data))
    data["schema"] = "binding.spec/2"
    with pytest.raises(BindingError, match="not one this version of binding reads"):
        spec_from_json(json.dumps(data))


def test_the_json_schema_knows_every_version():
    from binding.spec import SCHEMA_1_2, json_schema

    schema = json_schema()
    assert set(schema["properties"]["schema"]["enum"]) == {SCHEMA_ID, SCHEMA_1_1, SCHEMA_1_2}
    assert "weights" in schema["properties"]


# --- the command line ------------------------------------------------------------------------

def test_parse_shows_the_weights(run):
    result = run("parse", "a (pink:1.3) sunflower and a [yellow] flamingo")
    assert result.exit_code == 0, result.stderr
    assert "weights (a1111): 'pink' 1.3, 'yellow' 0.909091" in result.stdout


def test_parse_weighting_none_keeps_the_brackets(run):
    result = run("parse", "--json", "--weighting", "none", "a (pink:1.3) sunflower")
    spec = spec_from_json(result.stdout)
    assert spec.weights is None and spec.schema_ == SCHEMA_ID


def test_parse_reports_syntax_it_cannot_read_in_one_line(run):
    result = run("parse", "--weighting", "a1111", "a (pink sunflower")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.strip().splitlines() == [
        "error: the prompt is not a1111 weighting syntax: a bracket is not closed; escape a "
        "literal bracket as \\( or pass --weighting none"]
    auto = run("parse", "a ((pink sunflower)")
    assert auto.exit_code == 0
    assert auto.stderr.startswith("warning: prompt 'a ((pink sunflower)' is read as plain text")


def test_a_conllu_file_takes_no_weighting(run, tmp_path):
    path = tmp_path / "x.conllu"
    path.write_text("# text = a cube\n1\ta\ta\tDET\tDT\t_\t2\tdet\t_\t_\n"
                    "2\tcube\tcube\tNOUN\tNN\t_\t0\troot\t_\t_\n\n", encoding="utf-8")
    result = run("parse", "--conllu", str(path), "--weighting", "a1111")
    assert result.exit_code == 2 and "--weighting reads typed prompts" in result.stderr


def test_a_mixed_prompt_keeps_every_word_at_its_place_and_binds_as_read():
    """ "a lighthouse++, stormy sea--, (huge waves:1.3)": auto reads compel, and the A1111
    weight with it; the spec's spans are the words as written, and it re-reads the same."""
    raw = "a lighthouse++ on a rock, stormy sea--, (huge waves:1.3), lightning"
    read = read_prompt(raw)
    assert read.syntax == "compel" and ":1.3" not in read.text
    assert all(raw[read.origin[i]] == ch for i, ch in enumerate(read.text))
    spec = binding.parse(raw)
    waves = next(e for e in spec.entities if e.text == "waves")
    assert raw[waves.span[0]:waves.span[1]] == "waves"
    assert [m.text for m in waves.modifiers] == ["huge"]
    assert spec_from_json(spec.model_dump_json()) == spec
