"""``binding render`` end to end on a tiny random pipeline: files written, records readable,
bad input rejected in one line with nothing written."""

from __future__ import annotations

import json

import pytest
from conftest import error_line
from PIL import Image

from binding.spec import load_spec

FLOWERS = "a pink sunflower and a yellow flamingo"


@pytest.fixture
def model(tiny_sd_path):
    return str(tiny_sd_path)


def render(run, source, model, out, *extra):
    return run("render", source, "--model", model, "--steps", "3", "--device", "cpu",
               "--out", str(out), "--local-files-only", *extra)


def files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_a_spec_file_from_parse_renders_with_its_record(run, model, tmp_path):
    spec_file = tmp_path / "spec.json"
    assert run("parse", "--json", FLOWERS, "--output", str(spec_file)).exit_code == 0
    out = tmp_path / "out"
    result = render(run, str(spec_file), model, out, "--seed", "0-1")
    assert result.exit_code == 0, result.stderr
    folder = "a-pink-sunflower-and-a-yellow-flamingo-b0e37e07"
    assert files(out) == [f"{folder}/syngen_0.json", f"{folder}/syngen_0.png",
                          f"{folder}/syngen_1.json", f"{folder}/syngen_1.png"]
    assert result.stdout.splitlines() == [str(out / f) for f in (
        f"{folder}/syngen_0.png", f"{folder}/syngen_0.json",
        f"{folder}/syngen_1.png", f"{folder}/syngen_1.json")]
    record = json.loads((out / folder / "syngen_1.json").read_text(encoding="utf-8"))
    assert record["schema"] == "binding.run/1" and record["seed"] == 1
    assert record["image"] == "syngen_1.png"
    assert record["spec"] == json.loads(spec_file.read_text(encoding="utf-8"))
    assert record["model"]["id"] == model and record["steps"] == 3
    assert len(record["losses"]) == 2  # 25 of 50 -> 2 of 3 (rounded)
    assert Image.open(out / folder / "syngen_0.png").size == (32, 32)


def test_a_prompt_is_parsed_first_and_method_none_renders_plain(run, model, tmp_path):
    result = render(run, "a red cube", model, tmp_path, "--method", "none", "--seed", "4")
    assert result.exit_code == 0, result.stderr
    (png,) = [p for p in files(tmp_path) if p.endswith(".png")]
    assert png.endswith("/none_4.png")
    record = json.loads((tmp_path / png.replace(".png", ".json")).read_text(encoding="utf-8"))
    assert record["losses"] == [] and record["spec"]["prompt"] == "a red cube"


def test_a_hand_written_spec_renders(run, model, tmp_path):
    """A spec from another machine, without token indices: re-aligned at render time."""
    spec = {"schema": "binding.spec/1", "id": "crown", "prompt": "a red crown",
            "frontend": {"name": "by-hand"},
            "entities": [{"id": "e0", "text": "crown", "span": [6, 11], "modifiers": [
                {"text": "red", "span": [2, 5], "relation": "amod", "kind": "attribute"}]}]}
    path = tmp_path / "crown.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    result = render(run, str(path), model, tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    record = json.loads((tmp_path / "out/crown/syngen_0.json").read_text(encoding="utf-8"))
    assert record["tokens"]["entities"] == [{"id": "e0", "indices": [3], "modifiers": [[2]]}]


def test_attention_maps_and_their_grid_are_written(run, model, tmp_path):
    from safetensors import safe_open

    result = render(run, FLOWERS, model, tmp_path, "--attention")
    assert result.exit_code == 0, result.stderr
    (maps,) = tmp_path.rglob("*.attention.safetensors")
    with safe_open(maps, "pt") as handle:
        tensor = handle.get_tensor("maps")
        meta = handle.metadata()
    assert tensor.shape == (9, 16, 16)  # start, 7 prompt tokens, end
    assert json.loads(meta["tokens"])[1:4] == ["a", "pink", "sunflower"]
    assert [w["text"] for w in json.loads(meta["words"])] == ["sunflower", "flamingo"]
    (grid,) = tmp_path.rglob("*.attention.png")
    assert Image.open(grid).size[0] > 0


def spec_with(tmp_path, spec, **tokens):
    data = json.loads(spec.model_dump_json())
    data["tokens"].update(tokens)
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


@pytest.fixture
def flowers(run, tmp_path):
    path = tmp_path / "flowers.json"
    run("parse", "--json", FLOWERS, "--output", str(path))
    return load_spec(path)


@pytest.fixture
def model_tokenizer(model):
    return f"{model}/tokenizer"


@pytest.mark.parametrize("case", ["schema", "method", "window", "tokenizer", "missing", "seed",
                                  "size", "model", "param", "inf", "nan", "guided"])
def test_bad_input_is_one_line_exit_2_and_nothing_written(run, model, tmp_path, flowers,
                                                          model_tokenizer, case):
    out = tmp_path / "out"
    args: list[str] = []
    source = FLOWERS
    if case == "schema":
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"schema": "binding.spec/1", "prompt": "a red cube"}))
        source, message = str(bad), "invalid spec: frontend"
    elif case == "method":
        args, message = ["--method", "syngen+magic"], "unknown method 'magic'"
    elif case == "window":
        entities = [{"id": "e0", "indices": [80], "modifiers": [[2]]},
                    {"id": "e1", "indices": [7], "modifiers": [[6]]}]
        source = spec_with(tmp_path, flowers, tokenizer=model_tokenizer, entities=entities)
        message = "the spec puts entity e0 'sunflower' at token 80 but"
    elif case == "tokenizer":
        source = spec_with(tmp_path, flowers, tokenizer=model_tokenizer, length=12)
        message = "disagree with it"
    elif case == "missing":
        source, message = str(tmp_path / "nothere.json"), "does not exist"
    elif case == "seed":
        args, message = ["--seed", "3-1"], "must be non-negative and increasing"
    elif case == "size":
        args, message = ["--size", "33"], "not a multiple of 2"
    elif case == "model":
        model, message = str(tmp_path / "no-model"), "does not exist"
    elif case == "inf":  # issue 15 item 7: rendered a black image with exit status 0
        args, message = ["--step-size", "inf"], "step size must be a finite number, not inf"
    elif case == "nan":
        args, message = ["--guidance", "nan"], "guidance scale must be a finite number, not nan"
    elif case == "guided":
        args, message = ["--guided-steps", "4"], "guided steps must be between 0 and 3, not 4"
    else:
        args, message = ["--param", "gamma=1"], "has parameter 'gamma'"
    line = error_line(render(run, source, model, out, *args))
    assert message in line
    assert not out.exists()
