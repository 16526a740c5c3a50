"""The ``binding`` command line, driven through click's CliRunner as a user would drive it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import Result
from conftest import error_line

from binding.spec import SCHEMA_ID, Spec, spec_from_json

FLOWERS = "a pink sunflower and a yellow flamingo"
LONG = " and ".join(["a red cube and a blue ball"] * 60)  # far past CLIP's 77 tokens


def specs_of(jsonl: str) -> list[Spec]:
    lines = jsonl.splitlines()
    assert lines, "no output"
    return [spec_from_json(line, source=f"line {n}") for n, line in enumerate(lines, start=1)]


def bound(spec: Spec) -> dict[str, list[str]]:
    return {e.text: [m.text for m in e.modifiers] for e in spec.entities}


def usage_error_line(result: Result) -> str:
    """Click's usage error: exit 2, and the line naming the problem starts with ``Error:``."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


# --- parse: the table ---------------------------------------------------------------------


def table_rows(stdout: str) -> list[list[str]]:
    """The table's body, one list of cells per row (cells are separated by 2+ spaces)."""
    lines = stdout.splitlines()
    rule = next(n for n, line in enumerate(lines) if line.startswith("--"))
    assert lines[rule - 1].split()[:2] == ["id", "entity"]
    rows = []
    for line in lines[rule + 1:]:
        if not line.strip():
            break
        rows.append(re.split(r"\s{2,}", line.strip()))
    return rows


def test_table_lists_entities_modifiers_and_token_positions(run):
    result = run("parse", FLOWERS)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith(f"prompt: {FLOWERS}\n")
    assert table_rows(result.stdout) == [
        ["e0", "sunflower", "3"],
        ["pink", "amod", "attribute", "2"],
        ["e1", "flamingo", "7"],
        ["yellow", "amod", "attribute", "6"],
    ]
    assert "9 tokens of 77" in result.stdout


def test_table_for_several_prompts(run):
    result = run("parse", "a red cube", "a blue ball")
    assert result.exit_code == 0
    assert result.stdout.count("prompt: ") == 2
    assert result.stdout.index("prompt: a red cube") < result.stdout.index("prompt: a blue ball")


def test_table_marks_words_past_the_cut(run):
    result = run("parse", "--tokenizer", "clip-77", LONG)
    assert result.exit_code == 0
    assert "(cut off)" in result.stdout
    assert "truncated" in result.stdout
    assert result.stderr.startswith("warning:")


# --- parse --json ---------------------------------------------------------------------------


def test_json_is_a_valid_spec(run):
    result = run("parse", "--json", FLOWERS)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == SCHEMA_ID
    spec = spec_from_json(result.stdout)
    assert spec.prompt == FLOWERS
    assert bound(spec) == {"sunflower": ["pink"], "flamingo": ["yellow"]}
    assert spec.token_indices(spec.entities[0].id).indices == [3]
    assert spec.token_indices(spec.entities[0].id).modifiers == [[2]]
    assert spec.token_indices(spec.entities[1].id).indices == [7]
    assert spec.token_indices(spec.entities[1].id).modifiers == [[6]]


def test_json_for_several_prompts_is_jsonl_in_order(run):
    prompts = ["a red cube", "a blue ball", "a green cone"]
    result = run("parse", "--json", *prompts)
    assert result.exit_code == 0, result.stderr
    specs = specs_of(result.stdout)
    assert [s.prompt for s in specs] == prompts
    assert [bound(s) for s in specs] == [{"cube": ["red"]}, {"ball": ["blue"]},
                                         {"cone": ["green"]}]


def test_tokenizer_none_leaves_out_token_indices(run):
    result = run("parse", "--json", "--tokenizer", "none", FLOWERS)
    assert result.exit_code == 0
    spec = spec_from_json(result.stdout)
    assert spec.tokens is None
    assert bound(spec) == {"sunflower": ["pink"], "flamingo": ["yellow"]}


def test_table_counts_the_chunks_of_a_long_prompt(run):
    result = run("parse", LONG)
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "(cut off)" not in result.stdout
    assert result.stdout.rstrip().endswith("481 tokens of 77, in 7 chunks of 77")


def test_long_prompt_is_cut_at_77_with_a_warning(run):
    result = run("parse", "--json", "--tokenizer", "clip-77", LONG)
    assert result.exit_code == 0
    warnings = [line for line in result.stderr.splitlines()
                if line.startswith("warning:") and "tokens" in line]
    assert len(warnings) == 1
    assert "77" in warnings[0] and "481 tokens" in warnings[0]
    spec = spec_from_json(result.stdout)
    assert spec.tokens is not None and spec.tokens.truncated
    assert spec.tokens.length > 77
    aligned = spec.tokens.entities
    assert aligned[0].indices and all(aligned[0].modifiers)
    assert aligned[-1].indices == [] and aligned[-1].modifiers == [[]]
    everything = [i for t in aligned for i in [*t.indices, *(i for m in t.modifiers for i in m)]]
    assert everything and max(everything) < 77 and min(everything) >= 1
    # once cut off, always cut off: no word after a cut-off word has indices
    has = [bool(t.indices) for t in aligned]
    assert has == sorted(has, reverse=True)


# --- parse --input / --output -------------------------------------------------------------------


def test_input_plain_text(run, tmp_path):
    path = tmp_path / "prompts.txt"
    path.write_text("a red cube\n\n   \n  a blue ball  \r\na green cone", encoding="utf-8")
    result = run("parse", "--input", str(path))
    assert result.exit_code == 0, result.stderr
    specs = specs_of(result.stdout)
    assert [s.prompt for s in specs] == ["a red cube", "a blue ball", "a green cone"]
    assert [s.id for s in specs] == [None, None, None]
    assert [bound(s) for s in specs] == [{"cube": ["red"]}, {"ball": ["blue"]},
                                         {"cone": ["green"]}]


def test_input_jsonl_carries_ids(run, tmp_path):
    path = tmp_path / "prompts.jsonl"
    records = [{"prompt": "a red cube", "id": "first"}, {"prompt": "a blue ball", "id": 2},
               {"prompt": "a green cone"}]
    path.write_text("\n".join(json.dumps(r) for r in records[:2]) + "\n\n"
                    + json.dumps(records[2]) + "\n", encoding="utf-8")
    result = run("parse", "--input", str(path))
    assert result.exit_code == 0, result.stderr
    specs = specs_of(result.stdout)
    assert [(s.id, s.prompt) for s in specs] == [("first", "a red cube"), ("2", "a blue ball"),
                                                 (None, "a green cone")]


def test_input_jsonl_without_jsonl_suffix_is_detected(run, tmp_path):
    path = tmp_path / "prompts.txt"
    path.write_text('{"prompt": "a red cube", "id": "x"}\n', encoding="utf-8")
    result = run("parse", "--input", str(path))
    assert result.exit_code == 0, result.stderr
    [spec] = specs_of(result.stdout)
    assert (spec.id, spec.prompt) == ("x", "a red cube")


def test_input_keeps_order_across_batches(run, tmp_path):
    prompts = [f"a {c} cube" for c in ("red", "blue", "green", "pink", "black")]
    path = tmp_path / "prompts.txt"
    path.write_text("\n".join(prompts) + "\n", encoding="utf-8")
    result = run("parse", "--input", str(path), "--batch-size", "2")
    assert result.exit_code == 0, result.stderr
    assert [s.prompt for s in specs_of(result.stdout)] == prompts


def test_input_from_stdin(run):
    result = run("parse", "--input", "-", input="a red cube\n\na blue ball\n")
    assert result.exit_code == 0, result.stderr
    assert [s.prompt for s in specs_of(result.stdout)] == ["a red cube", "a blue ball"]


def test_input_jsonl_from_stdin(run):
    result = run("parse", "--input", "-", input='{"prompt": "a red cube", "id": "a"}\n')
    assert result.exit_code == 0, result.stderr
    [spec] = specs_of(result.stdout)
    assert spec.id == "a"


def test_input_with_utf8_bom(run, tmp_path):
    path = tmp_path / "prompts.txt"
    path.write_bytes("\ufeffa red cube\n".encode())
    result = run("parse", "--input", str(path))
    assert result.exit_code == 0, result.stderr
    assert [s.prompt for s in specs_of(result.stdout)] == ["a red cube"]


def test_output_file_gets_the_same_jsonl(run, tmp_path):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "a red cube", "id": "a"}\n{"prompt": "a blue ball", "id": "b"}\n',
                      encoding="utf-8")
    to_stdout = run("parse", "--input", str(source))
    out = tmp_path / "specs.jsonl"
    result = run("parse", "--input", str(source), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == to_stdout.stdout
    assert [s.id for s in specs_of(out.read_text(encoding="utf-8"))] == ["a", "b"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["prompts.jsonl", "specs.jsonl"]


def test_output_replaces_an_existing_file(run, tmp_path):
    out = tmp_path / "specs.jsonl"
    out.write_text("old content\n" * 100, encoding="utf-8")
    result = run("parse", "--json", "a red cube", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert spec_from_json(out.read_bytes()).prompt == "a red cube"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["specs.jsonl"]


def test_output_with_a_single_prompt_is_a_readable_spec_file(run, tmp_path):
    from binding.spec import load_spec

    out = tmp_path / "spec.json"
    result = run("parse", "--json", FLOWERS, "--output", str(out))
    assert result.exit_code == 0, result.stderr
    assert bound(load_spec(out)) == {"sunflower": ["pink"], "flamingo": ["yellow"]}


# --- schema ---------------------------------------------------------------------------------------


def test_schema_is_json_schema(run):
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert "json-schema.org" in schema["$schema"]
    assert schema["$id"] == SCHEMA_ID
    assert "entities" in schema["properties"]
    assert "schema" in schema["properties"]
    assert "schema_" not in schema["properties"]


def test_schema_validates_what_parse_prints(run):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(run("schema").stdout)
    spec = json.loads(run("parse", "--json", "a dog wearing a red hat", FLOWERS).stdout
                      .splitlines()[0])
    jsonschema.validate(spec, schema)
    broken = {**spec, "entities": [{"id": "e0"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


@pytest.mark.filterwarnings("always::DeprecationWarning")
def test_json_to_stdout_uses_no_deprecated_click_api(run):
    result = run("parse", "--json", "a red cube")
    assert result.exit_code == 0
    assert spec_from_json(result.stdout).prompt == "a red cube"
    assert result.stderr == ""


def test_help_and_version(run):
    assert run("--help").exit_code == 0
    version = run("--version")
    assert version.exit_code == 0
    assert "binding" in version.stdout


# --- bad input: exit 2, one line naming the problem, nothing written ----------------------------


def no_output_written(folder: Path, out: Path, keep: set[str]) -> None:
    assert not out.exists()
    assert {p.name for p in folder.iterdir()} == keep, "temporary files left behind"


@pytest.mark.parametrize("prompt", ["", "   ", "\t\n "])
def test_empty_prompt(run, tmp_path, prompt):
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--json", prompt, "--output", str(out)))
    assert "empty" in line
    no_output_written(tmp_path, out, set())


def test_empty_prompt_among_several_names_which(run, tmp_path):
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--json", "a red cube", "  ", "--output", str(out)))
    assert "prompt 2" in line and "empty" in line
    no_output_written(tmp_path, out, set())


def test_undecodable_bytes_name_the_line(run, tmp_path):
    source = tmp_path / "prompts.txt"
    source.write_bytes(b"a red cube\na blue ball\na gr\xff\xfeen cone\na pink sunflower\n")
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--input", str(source), "--output", str(out)))
    assert f"{source}:3" in line
    assert "UTF-8" in line
    no_output_written(tmp_path, out, {"prompts.txt"})


def test_undecodable_bytes_on_stdin(run):
    line = error_line(run("parse", "--input", "-", input=b"a red cube\n\xff\n"))
    assert ":2" in line and "UTF-8" in line


@pytest.mark.parametrize(("third_line", "named"), [
    ('{"text": "a blue ball", "id": 3}', '"prompt"'),  # no prompt field
    ('{"prompt": "a \\ud800 ball"}', "surrogate"),  # a JSON escape that is not text
])
def test_bad_jsonl_line_is_named_before_anything_is_written(run, tmp_path, third_line, named):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "a red cube"}\n\n' + third_line + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--input", str(source), "--output", str(out)))
    assert f"{source}:3" in line
    assert named in line
    no_output_written(tmp_path, out, {"prompts.jsonl"})


@pytest.mark.parametrize("record", ['{"prompt": ""}', '{"prompt": "  "}', '{"prompt": 5}',
                                    '["a red cube"]', '{"prompt": "a cube", "id": [1]}'])
def test_jsonl_line_with_a_bad_field(run, tmp_path, record):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "a red cube"}\n' + record + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--input", str(source), "--output", str(out)))
    assert f"{source}:2" in line
    no_output_written(tmp_path, out, {"prompts.jsonl"})


def test_jsonl_line_with_invalid_json(run, tmp_path):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "a red cube"}\n{"prompt": "a blue ball",\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--input", str(source), "--output", str(out)))
    assert f"{source}:2" in line
    assert "JSON" in line
    no_output_written(tmp_path, out, {"prompts.jsonl"})


def test_input_file_that_does_not_exist(run, tmp_path):
    source = tmp_path / "missing.txt"
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--input", str(source), "--output", str(out)))
    assert str(source) in line
    assert "no such file" in line.lower()
    no_output_written(tmp_path, out, set())


def test_input_file_without_prompts(run, tmp_path):
    source = tmp_path / "prompts.txt"
    source.write_text("\n  \n\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--input", str(source), "--output", str(out)))
    assert "no prompts" in line
    no_output_written(tmp_path, out, {"prompts.txt"})


def test_unknown_model(run, tmp_path):
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--model", "nope_model_xyz", "--output", str(out), "a cat"))
    assert "nope_model_xyz" in line and "not found" in line
    no_output_written(tmp_path, out, set())


def test_unknown_grammar(run, tmp_path):
    out = tmp_path / "out.jsonl"
    line = error_line(run("parse", "--grammar", "nope", "--output", str(out), "a cat"))
    assert "'nope'" in line and "grammar" in line
    assert "en-clearnlp" in line  # says what to use instead
    no_output_written(tmp_path, out, set())


def test_output_folder_that_does_not_exist(run, tmp_path):
    out = tmp_path / "missing" / "out.jsonl"
    line = error_line(run("parse", "--json", "a red cube", "--output", str(out)))
    assert "does not exist" in line
    assert not out.parent.exists()


def test_prompt_and_input_together(run, tmp_path):
    source = tmp_path / "prompts.txt"
    source.write_text("a red cube\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    line = usage_error_line(run("parse", "a blue ball", "--input", str(source),
                                "--output", str(out)))
    assert "not both" in line
    no_output_written(tmp_path, out, {"prompts.txt"})


def test_neither_prompt_nor_input(run, tmp_path):
    out = tmp_path / "out.jsonl"
    line = usage_error_line(run("parse", "--output", str(out)))
    assert "prompt" in line and "--input" in line
    no_output_written(tmp_path, out, set())


def test_unknown_tokenizer_is_a_usage_error(run):
    line = usage_error_line(run("parse", "--tokenizer", "t5", "a red cube"))
    assert "t5" in line


@pytest.mark.parametrize("bad_line", ['{"id": 2}', '{"prompt": "a \\ud800 ball"}'])
def test_failed_run_keeps_an_existing_output(run, tmp_path, bad_line):
    source = tmp_path / "prompts.jsonl"
    source.write_text('{"prompt": "a red cube"}\n' + bad_line + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("precious results\n", encoding="utf-8")
    error_line(run("parse", "--input", str(source), "--output", str(out), "--batch-size", "1"))
    assert out.read_text(encoding="utf-8") == "precious results\n"
    assert {p.name for p in tmp_path.iterdir()} == {"prompts.jsonl", "out.jsonl"}


def test_interrupted_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    from binding.atomic import atomic_writer

    out = tmp_path / "out.jsonl"
    out.write_text("precious results\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), atomic_writer(out) as handle:
        handle.write("half a spec")
        raise KeyboardInterrupt
    assert out.read_text(encoding="utf-8") == "precious results\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
