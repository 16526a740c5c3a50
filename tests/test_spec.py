"""The spec contract: JSON round trip, JSON Schema, validation, files, networkx view."""

from __future__ import annotations

import json

import pytest

from binding import BindingError, Spec, iter_specs, load_spec, parse_many
from binding.spec import SCHEMA_ID, iter_spec_lines, json_schema, spec_from_json


def test_round_trip(parse):
    spec = parse("a cat with blue eyes next to a red car")
    text = spec.model_dump_json()
    assert json.loads(text)["schema"] == SCHEMA_ID
    assert Spec.model_validate_json(text) == spec
    assert spec_from_json(text) == spec


def test_design_fields(parse):
    data = json.loads(parse("a red crown and a golden strawberry").model_dump_json())
    assert data["prompt"] == "a red crown and a golden strawberry"
    assert data["frontend"] == {"name": "spacy", "model": "en_core_web_sm", "version": "3.8.0"}
    assert data["entities"][0] == {
        "id": "e0", "text": "crown", "span": [6, 11],
        "modifiers": [{"text": "red", "span": [2, 5], "relation": "amod", "kind": "attribute"}],
    }
    assert data["relations"] == []
    assert data["tokens"]["tokenizer"] == "openai/clip-vit-large-patch14"
    assert data["tokens"]["truncated"] is False


def test_schema_describes_the_json(parse):
    schema = json_schema()
    assert schema["$id"] == SCHEMA_ID
    assert {"schema", "prompt", "frontend", "entities", "relations", "tokens"} <= set(
        schema["properties"])
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(parse("a dog wearing a red hat").model_dump_json()), schema)


def _spec_dict(**changes):
    data = {
        "schema": SCHEMA_ID, "prompt": "a red cube",
        "frontend": {"name": "hand"},
        "entities": [{"id": "e0", "text": "cube", "span": [6, 10],
                      "modifiers": [{"text": "red", "span": [2, 5], "relation": "amod",
                                     "kind": "attribute"}]}],
    }
    data.update(changes)
    return data


def test_hand_written_spec_is_accepted():
    spec = spec_from_json(json.dumps(_spec_dict()))
    assert spec.entities[0].modifiers[0].text == "red" and spec.tokens is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"schema": "binding.spec/9"}, "binding.spec/9"),
        ({"entities": [{"id": "e0", "text": "cube", "span": [5, 9]}]}, "prompt[5:9]"),
        ({"entities": [{"id": "e0", "text": "cube", "span": [6, 99]}]}, "outside the prompt"),
        ({"relations": [{"source": "e0", "target": "e7", "type": "on"}]}, "e7"),
        ({"entities": [{"id": "e0", "text": "cube", "span": [6, 10],
                        "modifiers": [{"text": "red", "span": [2, 5], "relation": "amod",
                                       "kind": "colour"}]}]}, "kind"),
        ({"modifers": []}, "modifers"),
        ({"entities": [{"id": "e0", "text": "cube", "span": [6, 10],
                        "modifiers": [{"text": "red", "span": [2, 5], "relation": "amod",
                                       "kind": "attribute"}] * 2}]}, "lists a modifier twice"),
    ],
)
def test_invalid_specs_are_rejected_with_a_reason(changes, message):
    with pytest.raises(BindingError, match=r"invalid spec|schema") as info:
        spec_from_json(json.dumps(_spec_dict(**changes)))
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_load_spec_and_iter_specs(tmp_path, parse):
    spec = parse("a red cube")
    path = tmp_path / "spec.json"
    path.write_text(spec.model_dump_json(indent=2), encoding="utf-8")
    assert load_spec(path) == spec
    many = parse_many(["a red cube", "a blue ball"])
    lines = tmp_path / "specs.jsonl"
    lines.write_text("".join(s.model_dump_json() + "\n" for s in many), encoding="utf-8")
    assert list(iter_specs(lines)) == many


def test_load_spec_errors(tmp_path):
    with pytest.raises(BindingError, match="cannot read"):
        load_spec(tmp_path / "missing.json")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(_spec_dict()) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(BindingError, match=r"bad.jsonl:2: not valid JSON"):
        list(iter_specs(bad))


def test_iter_spec_lines_names_each_bad_line_and_reads_the_rest(tmp_path, parse):
    """A batch reports a corrupt line and goes on; blank lines are no lines."""
    good = parse("a red cube").model_dump_json()
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([good.encode(), b'{"prompt": "caf\xe9"}', b"", b"{oops",
                                 json.dumps({"schema": "binding.spec/1"}).encode(),
                                 good.encode()]) + b"\n")
    lines = list(iter_spec_lines(path))
    assert [line.number for line in lines] == [1, 2, 4, 5, 6]
    assert [line.spec is not None for line in lines] == [True, False, False, False, True]
    assert "mixed.jsonl:2: not UTF-8 text" in str(lines[1].error)
    assert "mixed.jsonl:4: not valid JSON" in str(lines[2].error)
    assert "mixed.jsonl:5: invalid spec" in str(lines[3].error)
    assert lines[4].spec == lines[0].spec
    with pytest.raises(BindingError, match=r"mixed.jsonl:2: not UTF-8"):
        list(iter_specs(path))  # the strict reader stops at the first bad line
    with pytest.raises(BindingError, match="cannot read"):
        list(iter_spec_lines(tmp_path / "missing.jsonl"))


def test_parse_many_keeps_order_and_matches_parse(parse):
    prompts = ["a red cube", "a blue ball and a green cone", "the car is red"] * 5
    specs = parse_many(prompts, batch_size=4)
    assert [s.prompt for s in specs] == prompts
    assert specs == [parse(p) for p in prompts]


def test_to_networkx(parse):
    graph = parse("a cat with blue eyes").to_networkx()
    assert graph.nodes["e0"]["text"] == "cat" and graph.nodes["e1"]["text"] == "eyes"
    assert graph.edges["e1/m0", "e1"] == {"relation": "amod", "kind": "attribute"}
    assert graph.edges["e0", "e1"]["relation"] == "with"


def test_empty_prompt_is_an_error(parse):
    for prompt in ("", "   \n\t"):
        with pytest.raises(BindingError, match="empty"):
            parse(prompt)


# --- optional fields: per-binding confidence and the text encoder's self-attention ----------


def _attention(size: int = 4, **changes):
    rows = [[1.0 / (i + 1) if j <= i else 0.0 for j in range(size)] for i in range(size)]
    data = {"model": "runwayml/stable-diffusion-v1-5", "tokenizer": "x/tokenizer",
            "layers": list(range(12)), "matrix": rows}
    data.update(changes)
    return data


def _aligned_spec(**changes):
    """A red cube, aligned to CLIP: start, a, red, cube, end = 5 positions."""
    return _spec_dict(tokens={"tokenizer": "openai/clip-vit-large-patch14", "max_length": 77,
                              "length": 5, "truncated": False,
                              "entities": [{"id": "e0", "indices": [3], "modifiers": [[2]]}]},
                      **changes)


def test_specs_without_the_new_fields_serialise_as_before(parse):
    data = json.loads(parse("a red cube").model_dump_json())
    assert "text_attention" not in data
    assert "confidence" not in data["entities"][0]["modifiers"][0]
    assert spec_from_json(json.dumps(_spec_dict())).text_attention is None


def test_text_attention_and_confidence_round_trip_and_match_the_schema():
    data = _aligned_spec(text_attention=_attention(5))
    data["entities"][0]["modifiers"][0]["confidence"] = 0.75
    spec = spec_from_json(json.dumps(data))
    assert spec.entities[0].modifiers[0].confidence == 0.75
    assert spec.text_attention.layers == list(range(12))
    assert spec_from_json(spec.model_dump_json()) == spec
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(spec.model_dump_json()), json_schema())
    properties = json_schema()["$defs"]["TextAttention"]["properties"]
    assert set(properties) == {"model", "tokenizer", "layers", "matrix"}


def _bad_matrix(size: int, row: int, values: list[float]):
    matrix = _attention(size)["matrix"]
    matrix[row] = values
    return _attention(size, matrix=matrix)


@pytest.mark.parametrize(
    ("attention", "message"),
    [
        (_attention(4), "encodes to 5 tokens"),
        (_bad_matrix(5, 2, [0.5, 0.5]), "not square"),
        (_bad_matrix(5, 1, [1.5, -0.5, 0, 0, 0]), "negative or non-finite"),
        (_bad_matrix(5, 1, [float("nan"), 1.0, 0, 0, 0]), "negative or non-finite"),
        (_bad_matrix(5, 1, [3.0, 2.0, 0, 0, 0]), "sums to 5.0000"),
        (_attention(5, layers=[]), "layers"),
        (_attention(5, layers=[-1]), "layers"),
        (_attention(5, matrix=[]), "empty"),
    ],
)
def test_invalid_text_attention_is_rejected(attention, message):
    text = json.dumps(_aligned_spec(text_attention=attention), allow_nan=True)
    with pytest.raises(BindingError, match="invalid spec") as info:
        spec_from_json(text)
    assert message in str(info.value)


def test_text_attention_of_a_truncated_prompt_covers_the_window():
    """A prompt past CLIP's window is encoded to max_length positions, end token included."""
    data = _aligned_spec(text_attention=_attention(6))
    data["tokens"].update(max_length=6, length=40, truncated=True)
    assert len(spec_from_json(json.dumps(data)).text_attention.matrix) == 6


@pytest.mark.parametrize("confidence", [-0.1, 1.5])
def test_confidence_is_a_share(confidence):
    data = _spec_dict()
    data["entities"][0]["modifiers"][0]["confidence"] = confidence
    with pytest.raises(BindingError, match="confidence"):
        spec_from_json(json.dumps(data))
