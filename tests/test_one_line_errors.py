"""Input that used to end in a traceback (issue 15's list) is one ``error:`` line and status 2,
found before any model loads; control characters never reach the terminal."""

from __future__ import annotations

import pytest
from conftest import error_line

NO_MODEL = "binding-tests/not-loaded"  # were it loaded, the error would be about the model


@pytest.mark.parametrize(("seed", "message"), [
    ("18446744073709551616", "is too large: seeds go up to 2^64 - 1"),
    ("9" * 5000, "is too large"),
    ("0-999999999", "is too long: at most 100,000 seeds"),
    ("x-1", "is not a number or a range"),
])
def test_seeds_past_the_limits_are_one_line(run, seed, message):
    assert message in error_line(run("render", "a red cube", "--model", NO_MODEL,
                                     "--seed", seed))


def test_render_out_naming_a_file_fails_before_rendering(run, tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    for out in (taken, taken / "below"):
        line = error_line(run("render", "a red cube", "--model", NO_MODEL, "--out", str(out)))
        assert "--out" in line and "is a file" in line
    assert taken.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(("text", "message"), [
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"schema": "binding.spec/1", "prompt": "a red cube", "id": ' + "5" * 5000 + "}",
     "a number with thousands of digits"),
    ('{"schema": "binding.spec/1", "prompt": "a \\udc80 cube", "frontend": {"name": "x"}}',
     "unpaired surrogate"),
])
def test_a_hostile_spec_file_is_one_line(run, tmp_path, text, message):
    spec = tmp_path / "spec.json"
    spec.write_text(text, encoding="utf-8")
    assert message in error_line(run("render", str(spec), "--model", NO_MODEL))


@pytest.mark.parametrize(("option", "value"), [
    ("--template", "{} {x}"), ("--template", "a photo"), ("--template", "{0} {1}"),
    ("--question", "{}? {"),
])
def test_a_template_with_other_fields_is_one_line(run, tmp_path, option, value):
    line = error_line(run("eval-images", str(tmp_path), option, value))
    assert option in line and "must contain {} (the segment) once" in line


def test_a_grammar_file_that_is_not_utf8_is_one_line(run, tmp_path):
    grammar = tmp_path / "mine.toml"
    grammar.write_bytes(b'name = "caf\xe9"\n')
    assert "is not UTF-8 text" in error_line(run("parse", "--grammar", str(grammar),
                                                 "a red cube"))


def test_control_characters_never_reach_the_terminal(run):
    prompt = "a red\x1b]0;TITLE\x07 cube and a \x00blue ball"
    table = run("parse", prompt)
    assert table.exit_code == 0
    assert "\x1b" not in table.stdout and "\x07" not in table.stdout
    assert "prompt: a red ]0;TITLE  cube and a  blue ball" in table.stdout
    spec = run("parse", "--json", prompt)
    assert "\\u001b" not in spec.stdout and '"a red ]0;TITLE  cube' in spec.stdout


def test_an_error_message_with_control_characters_is_escaped(run):
    line = error_line(run("parse", "--grammar", "x\x1b[2J", "a red cube"))
    assert "\x1b" not in line and "\\x1b" in line


def test_output_dash_is_stdout(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("parse", "a red cube", "--output", "-")
    assert result.exit_code == 0 and result.stdout.startswith('{"schema":"binding.spec/1"')
    assert list(tmp_path.iterdir()) == []  # no file called "-"


@pytest.mark.parametrize("command", [
    ["parse", "a red cube", "--output", ""],
    ["render", "a red cube", "--model", NO_MODEL, "--out", ""],
    ["render-batch", "specs.jsonl", "--model", NO_MODEL, "--out", ""],
    ["eval-images", ".", "--out", ""],
])
def test_an_empty_output_name_is_one_line_not_the_working_folder(run, tmp_path, monkeypatch,
                                                                  command):
    monkeypatch.chdir(tmp_path)
    assert "is empty" in error_line(run(*command))
    assert list(tmp_path.iterdir()) == []
