"""``binding render-batch`` on a tiny random pipeline (CPU): the work list and its split, the
layout, the manifest, resuming after an interruption or a killed process, failure isolation,
bad input, and a real two-process ``accelerate launch``."""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import error_line

from binding.generation.batch import Settings, read_work, split

FLOWERS = "a pink sunflower and a yellow flamingo"
FLOWERS_ID = "a-pink-sunflower-and-a-yellow-flamingo-b0e37e07"
CUBE_ID = "a-red-cube-356cc265"


@pytest.fixture(scope="module")
def specs_file(tmp_path_factory, parse):
    """Two specs, a corrupt line (line 3), a blank line, then a third spec with an id."""
    folder = tmp_path_factory.mktemp("specs")
    ball = json.loads(parse("a blue ball").model_dump_json())
    ball["id"] = "ball"
    lines = [parse(FLOWERS).model_dump_json(), parse("a red cube").model_dump_json(),
             '{"schema": "binding.spec/1", "prompt": "a broken li', "", json.dumps(ball)]
    path = folder / "specs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def batch(run, specs, model, out, *extra):
    return run("render-batch", str(specs), "--model", str(model), "--steps", "2",
               "--device", "cpu", "--local-files-only", "--no-progress", "--out", str(out),
               *extra)


def images(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.glob("*/*.png"))


def manifest(folder: Path) -> list[dict]:
    lines = []
    for path in sorted((folder / "_batch").glob("manifest.*.jsonl")):
        lines += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return lines


def temporaries(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def counts(stdout: str) -> str:
    (line,) = [x for x in stdout.splitlines() if x.startswith("done ")]
    return line


# --- reading the work --------------------------------------------------------------------

def test_the_split_is_deterministic_without_overlap_and_complete(specs_file):
    work = read_work(specs_file, ["syngen", "none", "attend-excite"], [0, 1, 2])
    assert work.specs == 3 and [n for n, _ in work.bad_lines] == [3]
    assert work.items == 3 * 3 * 3
    everything = {g.key(s) for g in work.groups for s in g.seeds}
    assert len(everything) == work.items
    for world in (1, 2, 3, 4, 7):
        shares = [{g.key(s) for g in split(work.groups, r, world) for s in g.seeds}
                  for r in range(world)]
        assert sum(len(s) for s in shares) == work.items
        assert set().union(*shares) == everything
        again = read_work(specs_file, ["syngen", "none", "attend-excite"], [0, 1, 2])
        assert [[g.key(0) for g in split(again.groups, r, world)] for r in range(world)] == \
            [[g.key(0) for g in split(work.groups, r, world)] for r in range(world)]


def test_a_repeated_line_renders_once_and_a_clashing_id_is_a_bad_line(tmp_path, parse):
    spec = parse("a red cube")
    other = json.loads(parse("a blue cube").model_dump_json())
    first = json.loads(spec.model_dump_json())
    first["id"] = other["id"] = "cube"
    path = tmp_path / "specs.jsonl"
    path.write_text("\n".join([json.dumps(first), json.dumps(first), json.dumps(other)]) + "\n",
                    encoding="utf-8")
    work = read_work(path, ["none"], [0])
    assert work.items == 1 and work.repeats == [(2, 1)]
    assert [n for n, _ in work.bad_lines] == [3]
    assert "same prompt id 'cube' as line 1, but another spec" in work.bad_lines[0][1]


def test_the_fingerprint_changes_with_every_setting(parse):
    spec = parse("a red cube")
    base = Settings(model="m")
    prints = {base.fingerprint(spec, "syngen", 0), base.fingerprint(spec, "syngen", 1),
              base.fingerprint(spec, "none", 0),
              base.fingerprint(parse("a blue cube"), "syngen", 0),
              Settings(model="m", steps=3).fingerprint(spec, "syngen", 0),
              Settings(model="m", params={"lambda": "1"}).fingerprint(spec, "syngen", 0),
              Settings(model="other").fingerprint(spec, "syngen", 0)}
    assert len(prints) == 7
    assert base.fingerprint(spec, "syngen", 0) == Settings(model="m").fingerprint(
        parse("a red cube"), "syngen", 0)


# Another value for every setting: a field added to the render configuration (or to
# render-batch's loading settings) without one here fails, so that nobody adds a setting that
# changes images but not the fingerprint (resume would then skip items made otherwise).
OTHER_VALUES = {
    "model": "other", "scheduler": "ddim", "dtype": "fp16", "safety_checker": False,
    "params": {"lambda": "0.2"}, "guided_steps": 3, "step_size": 5.0, "max_refine": 2,
    "resolution": 8, "on_truncated": "drop", "steps": 20, "guidance": 3.0, "height": 64,
    "width": 48, "negative_prompt": "blurry",
}


def test_every_setting_is_in_the_fingerprint(parse):
    spec = parse("a red cube")
    # method is each item's own, passed to fingerprint() (the field is render's)
    assert set(Settings.model_fields) - {"method"} == set(OTHER_VALUES)
    base = Settings(model="m")
    assert base.fingerprint(spec, "syngen", 0) != base.fingerprint(spec, "none", 0)
    for name, value in OTHER_VALUES.items():
        changed = Settings(**{"model": "m", name: value})
        assert changed.fingerprint(spec, "syngen", 0) != base.fingerprint(spec, "syngen", 0), name


def test_the_fingerprint_of_a_folder_rendered_before_the_render_config_still_matches(parse):
    """Settings became a pydantic RenderConfig (issue 20): the same settings hash as they did,
    so a folder rendered before resumes instead of rendering everything again."""
    spec = parse("a red cube")
    assert Settings(model="m").fingerprint(spec, "syngen", 3) == "8b640337279db91f"
    full = Settings(model="m", steps=3, guidance=7.5, params={"lambda": "1", "a.b": "2"},
                    step_size=3.0, height=64, width=32, negative_prompt="x", guided_steps=2,
                    resolution=8, max_refine=1, on_truncated="drop", scheduler="ddim",
                    dtype="fp16")
    assert full.fingerprint(spec, "syngen", 3) == "02c98bba6533733d"


# --- the command -------------------------------------------------------------------------

def test_a_batch_writes_the_layout_reports_the_bad_line_and_skips_when_run_again(
        run, tiny_sd_path, specs_file, tmp_path):
    out = tmp_path / "out"
    result = batch(run, specs_file, tiny_sd_path, out, "--method", "syngen,none",
                   "--seeds", "0-1")
    assert result.exit_code == 1, result.stderr  # a line was skipped: not a clean run
    assert f"warning: {specs_file}:3: not valid JSON" in result.stderr
    assert "12 item(s): 3 spec(s) x 2 method(s) x 2 seed(s), 1 process(es)" in result.stdout
    assert counts(result.stdout) == "done 12, skipped 0 (already done), failed 0, bad lines 1"
    assert "s per image" in result.stdout
    expected = sorted(f"{folder}/{method}_{seed}.png" for folder in (FLOWERS_ID, CUBE_ID, "ball")
                      for method in ("syngen", "none") for seed in (0, 1))
    assert images(out) == expected
    for png in expected:
        record = json.loads((out / png).with_suffix(".json").read_text(encoding="utf-8"))
        assert record["image"] == Path(png).name and record["steps"] == 2
    entries = manifest(out)
    assert sorted(e["image"] for e in entries) == expected
    assert {e["status"] for e in entries} == {"done"}
    assert {e["line"] for e in entries} == {1, 2, 5}
    summary = json.loads((out / "_batch" / "summary.json").read_text(encoding="utf-8"))
    assert (summary["done"], summary["failed"], summary["bad_lines"][0]["line"]) == (12, 0, 3)

    again = batch(run, specs_file, tiny_sd_path, out, "--method", "syngen,none",
                  "--seeds", "0-1")
    assert counts(again.stdout) == "done 0, skipped 12 (already done), failed 0, bad lines 1"
    assert "no image rendered" in again.stdout
    more = batch(run, specs_file, tiny_sd_path, out, "--method", "none", "--seeds", "0-2")
    assert counts(more.stdout) == "done 3, skipped 6 (already done), failed 0, bad lines 1"
    assert len(manifest(out)) == 15


def test_an_interrupted_batch_keeps_what_is_finished_and_resumes(run, tiny_sd_path,
                                                                 specs_file, tmp_path,
                                                                 monkeypatch):
    """Ctrl-C in the middle of writing the third image: exit 130 with one line, no partial
    file, a manifest naming only whole items; the same command finishes the rest."""
    outputs = importlib.import_module("binding.generation.outputs")
    real_save = outputs.save_png
    calls = []

    def interrupted_save(image, path, note=None):
        calls.append(path)
        if len(calls) == 3:
            with outputs.atomic_path(path) as tmp:
                tmp.write_bytes(b"\x89PNG half an image")
                raise KeyboardInterrupt
        real_save(image, path, note)

    monkeypatch.setattr(outputs, "save_png", interrupted_save)
    out = tmp_path / "out"
    args = ("--method", "none", "--seeds", "0-1", "--batch-size", "1")
    result = batch(run, specs_file, tiny_sd_path, out, *args)
    assert result.exit_code == 130
    line = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert line == ["error: interrupted (KeyboardInterrupt): 2 image(s) finished in this run "
                    "are kept; run the same command again to render the rest"]
    assert temporaries(out) == []
    done = manifest(out)
    assert len(done) == 2 and all((out / e["image"]).is_file() and (out / e["record"]).is_file()
                                  for e in done)
    assert len(images(out)) == 2

    monkeypatch.setattr(outputs, "save_png", real_save)
    resumed = batch(run, specs_file, tiny_sd_path, out, *args)
    assert counts(resumed.stdout) == "done 4, skipped 2 (already done), failed 0, bad lines 1"
    assert len(images(out)) == 6 and len(manifest(out)) == 6 and temporaries(out) == []


def test_what_a_killed_process_leaves_is_cleaned_up_or_rendered_again(run, tiny_sd_path,
                                                                      specs_file, tmp_path):
    out = tmp_path / "out"
    args = ("--method", "none", "--seeds", "0")
    assert batch(run, specs_file, tiny_sd_path, out, *args).exit_code == 1
    # as a SIGKILL leaves things: a temporary file, an image the manifest never heard of,
    # and an item the manifest lists whose record is gone
    stale = out / FLOWERS_ID / ".none_0.png.k1ll3d.tmp"
    stale.write_bytes(b"half")
    lines = (out / "_batch" / "manifest.rank0of1.jsonl").read_text(encoding="utf-8")
    kept = [x for x in lines.splitlines() if f'"{CUBE_ID}/none_0"' not in x]
    (out / "_batch" / "manifest.rank0of1.jsonl").write_text(
        "\n".join(kept) + '\n{"key": "torn li', encoding="utf-8")
    (out / "ball" / "none_0.json").unlink()
    result = batch(run, specs_file, tiny_sd_path, out, *args)
    assert counts(result.stdout) == "done 2, skipped 1 (already done), failed 0, bad lines 1"
    assert temporaries(out) == []
    assert (out / "ball" / "none_0.json").is_file()


def test_a_failing_item_is_recorded_and_the_batch_goes_on(run, tiny_sd_path, specs_file,
                                                          tmp_path, monkeypatch):
    """A batched call that fails is retried one seed at a time; the seed that fails alone is
    recorded with its error; the next run renders only it."""
    rendering = importlib.import_module("binding.generation.render")
    real_render = rendering.render
    calls = []

    def flaky(spec, pipe, config, **kwargs):
        calls.append((spec.prompt, config.method, list(kwargs["seeds"])))
        if spec.prompt == "a red cube" and 1 in kwargs["seeds"]:
            raise RuntimeError("CUDA out of memory (simulated)\nsecond line")
        return real_render(spec, pipe, config, **kwargs)

    monkeypatch.setattr(rendering, "render", flaky)
    out = tmp_path / "out"
    args = ("--method", "none", "--seeds", "0-1")
    result = batch(run, specs_file, tiny_sd_path, out, *args)
    assert result.exit_code == 1
    assert counts(result.stdout) == "done 5, skipped 0 (already done), failed 1, bad lines 1"
    assert ("a red cube", "none", [0, 1]) in calls and ("a red cube", "none", [0]) in calls
    assert "failed: line 2 none seed 1: RuntimeError: CUDA out of memory (simulated)" \
        in result.stderr.splitlines()
    (failed,) = [e for e in manifest(out) if e["status"] == "failed"]
    assert failed["key"] == f"{CUBE_ID}/none_1" and failed["image"] is None
    assert not (out / CUBE_ID / "none_1.png").exists()
    assert (out / CUBE_ID / "none_0.png").is_file()

    monkeypatch.setattr(rendering, "render", real_render)
    retried = batch(run, specs_file, tiny_sd_path, out, *args)
    assert counts(retried.stdout) == "done 1, skipped 5 (already done), failed 0, bad lines 1"
    assert (out / CUBE_ID / "none_1.png").is_file()


def test_other_settings_render_the_items_again(run, tiny_sd_path, specs_file, tmp_path):
    out = tmp_path / "out"
    args = ("--method", "none", "--seeds", "0")
    batch(run, specs_file, tiny_sd_path, out, *args)
    result = batch(run, specs_file, tiny_sd_path, out, *args, "--guidance", "2")
    assert counts(result.stdout) == "done 3, skipped 0 (already done), failed 0, bad lines 1"
    assert "note: 3 item(s)" in result.stderr and "rendering them again" in result.stderr
    record = json.loads((out / "ball" / "none_0.json").read_text(encoding="utf-8"))
    assert record["guidance"] == 2


@pytest.mark.parametrize("case", ["missing", "seed", "method", "param", "size", "model", "out",
                                  "nan", "inf"])
def test_bad_arguments_are_one_line_exit_2_and_nothing_written(run, tiny_sd_path, specs_file,
                                                               tmp_path, case):
    out = tmp_path / "out"
    specs, model, args = specs_file, tiny_sd_path, ["--method", "syngen,none"]
    if case == "missing":
        specs, message = tmp_path / "nothere.jsonl", "cannot read spec file"
    elif case == "seed":
        args, message = ["--seeds", "3-1"], "must be non-negative and increasing"
    elif case == "method":
        args, message = ["--method", "syngen,magic"], "unknown method 'magic'"
    elif case == "param":
        args, message = [*args, "--param", "gamma=1"], "has parameter 'gamma'"
    elif case == "size":
        args, message = ["--size", "33"], "not a multiple of"
    elif case == "model":
        model, message = tmp_path / "no-model", "does not exist"
    elif case == "nan":
        args, message = ["--guidance", "nan"], "guidance scale must be a finite number, not nan"
    elif case == "inf":
        args, message = ["--step-size", "inf"], "step size must be a finite number, not inf"
    else:
        out.write_text("a file", encoding="utf-8")
        message = "is a file"
    line = error_line(batch(run, specs, model, out, *args))
    assert message in line
    assert not out.is_dir()


def test_a_parameter_goes_to_the_methods_that_have_it(specs_file):
    work = read_work(specs_file, ["syngen-entropy", "none"], [0], {"lambda": "0.2"})
    by_method = {g.method: g.params for g in work.groups}
    assert by_method == {"syngen-entropy": {"lambda": "0.2"}, "none": {}}


# --- several processes -------------------------------------------------------------------

def test_two_accelerate_processes_split_the_batch_without_overlap(tiny_sd_path, specs_file,
                                                                  tmp_path):
    """``accelerate launch`` with two CPU processes (gloo): every item rendered exactly once,
    each process's manifest holds its own share, rank 0 reports for both."""
    out = tmp_path / "out"
    env = {**os.environ, "OMP_NUM_THREADS": "1", "PYTHONWARNINGS": "ignore"}
    command = [sys.executable, "-m", "accelerate.commands.launch", "--multi_gpu",
               "--num_processes", "2", "--num_machines", "1", "--mixed_precision", "no",
               "--dynamo_backend", "no", "--main_process_port", str(29500 + os.getpid() % 1000),
               "-m", "binding.cli", "render-batch", str(specs_file), "--model",
               str(tiny_sd_path), "--method", "syngen,none", "--seeds", "0-1", "--steps", "2",
               "--local-files-only", "--no-progress", "--out", str(out)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300,
                            check=False)
    assert "12 item(s): 3 spec(s) x 2 method(s) x 2 seed(s), 2 process(es)" in result.stdout, \
        result.stderr[-3000:]
    assert counts(result.stdout) == "done 12, skipped 0 (already done), failed 0, bad lines 1"
    shares = {}
    for rank in (0, 1):
        path = out / "_batch" / f"manifest.rank{rank}of2.jsonl"
        shares[rank] = [json.loads(x)["key"] for x in path.read_text().splitlines()]
    assert len(shares[0]) == len(shares[1]) == 6
    assert not set(shares[0]) & set(shares[1])
    assert len(set(shares[0]) | set(shares[1])) == 12 == len(images(out))
    assert result.stderr.count(f"{specs_file}:3: not valid JSON") == 1  # rank 0 reports
    assert temporaries(out) == []


def test_sigterm_stops_between_items_and_leaves_a_consistent_manifest(tiny_sd_path,
                                                                      specs_file, tmp_path):
    """What a launcher or a scheduler sends: the process stops with exit 130 and one line,
    every manifest entry has both its files, and no temporary file is left."""
    out = tmp_path / "out"
    command = [sys.executable, "-m", "binding.cli", "render-batch", str(specs_file),
               "--model", str(tiny_sd_path), "--method", "none", "--seeds", "0-39",
               "--steps", "2", "--batch-size", "1", "--device", "cpu", "--local-files-only",
               "--no-progress", "--out", str(out)]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    path = out / "_batch" / "manifest.rank0of1.jsonl"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if path.is_file() and path.read_text(encoding="utf-8").count("\n") >= 2:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr[-2000:]
    assert stdout == ""
    (line,) = [x for x in stderr.splitlines() if x.startswith("error:")]
    assert line.startswith("error: interrupted (SIGTERM): ")
    entries = manifest(out)
    assert 2 <= len(entries) < 120
    assert all((out / e["image"]).is_file() and (out / e["record"]).is_file() for e in entries)
    assert temporaries(out) == []
    summary = json.loads((out / "_batch" / "summary.rank0of1.json").read_text())
    assert summary["interrupted"] and summary["done"] == len(entries)


def test_rank_0_waits_for_this_run_s_summaries_not_stale_ones(tmp_path):
    """The first process sums everyone's summary of *this* run: a summary left by an earlier
    run (another run id) is not taken for a finished process."""
    import threading

    from binding.generation.batch import Summary, _gather, _write_summary

    folder = tmp_path / "_batch"
    folder.mkdir()
    _write_summary(folder / "summary.rank0of2.json", "now", Summary(items=2, done=2))
    _write_summary(folder / "summary.rank1of2.json", "before", Summary(items=9, done=9))
    gathered = []
    waiter = threading.Thread(target=lambda: gathered.extend(_gather(tmp_path, "now", 2)))
    waiter.start()
    time.sleep(1.2)
    assert waiter.is_alive() and not gathered  # still waiting: rank 1's file is stale
    _write_summary(folder / "summary.rank1of2.json", "now", Summary(items=3, done=1, failed=2))
    waiter.join(timeout=10)
    assert [(s.items, s.done, s.failed) for s in gathered] == [(2, 2, 0), (3, 1, 2)]
    total = Summary()
    for summary in gathered:
        total.add(summary)
    assert (total.items, total.done, total.failed) == (5, 3, 2)
