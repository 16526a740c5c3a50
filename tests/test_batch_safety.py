"""render-batch against hostile input and a hostile world: bad lines are skipped by number, any
id gets its own bounded folder, two runs never share a folder, a torn or refused manifest line
costs only itself, crafted method names stay in their cells."""

from __future__ import annotations

import errno
import json
import shlex
from pathlib import Path

import pytest
from conftest import error_line

from binding.cli.table import columns
from binding.errors import BindingError
from binding.generation.batch import Entry, Manifest
from binding.generation.lock import FolderLock
from binding.generation.report import markdown
from binding.names import MAX_BYTES

LONG_ID = "a very long id " * 20  # 300 characters: past the file system's 255 bytes


def spec_line(parse, prompt: str, identifier: object) -> str:
    data = json.loads(parse(prompt).model_dump_json())
    data["id"] = identifier
    return json.dumps(data, ensure_ascii=False)


@pytest.fixture(scope="module")
def hostile_specs(tmp_path_factory, parse):
    """Valid specs with awkward ids, and lines that are not specs (lines 2, 3 and 4)."""
    lines = [
        spec_line(parse, "a red cube", LONG_ID),
        '{"schema": "binding.spec/1", "prompt": "a red\\ud800 cube", "frontend": {"name": "x"}}',
        "[" * 100_000 + "]" * 100_000,
        '{"schema": "binding.spec/1", "prompt": "a red cube", "id": ' + "7" * 5000 + "}",
        spec_line(parse, "a blue ball", "猫"),
        spec_line(parse, "a green hat", "狗"),
        spec_line(parse, "a pink box", "_batch"),
        spec_line(parse, "a gold cup", "_eval"),
    ]
    path = tmp_path_factory.mktemp("hostile") / "specs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def batch(run, specs, model, out, *extra):
    return run("render-batch", str(specs), "--model", str(model), "--steps", "1",
               "--device", "cpu", "--local-files-only", "--no-progress", "--method", "none",
               "--out", str(out), *extra)


def test_bad_lines_are_skipped_by_number_and_every_id_gets_its_own_folder(
        run, tiny_sd_path, hostile_specs, tmp_path):
    out = tmp_path / "out"
    result = batch(run, hostile_specs, tiny_sd_path, out)
    assert result.exit_code == 1, result.stderr  # lines were skipped
    assert "Traceback" not in result.stderr
    for number, why in ((2, "unpaired surrogate"), (3, "nested too deeply"),
                        (4, "thousands of digits")):
        assert f"warning: {hostile_specs}:{number}: " in result.stderr
        assert why in result.stderr
    assert "done 5, skipped 0 (already done), failed 0, bad lines 3" in result.stdout
    folders = sorted(p.name for p in out.iterdir() if p.is_dir())
    assert "_batch" in folders and "_eval" not in folders
    prompt_folders = [f for f in folders if f != "_batch"]
    assert len(prompt_folders) == 5
    assert {"猫", "狗"} <= set(prompt_folders)
    assert all(len(f.encode("utf-8")) <= MAX_BYTES and not f.startswith("_")
               for f in prompt_folders)
    again = batch(run, hostile_specs, tiny_sd_path, out)
    assert "done 0, skipped 5 (already done), failed 0, bad lines 3" in again.stdout
    report = run("eval-images", str(out), "--no-progress")  # long ids: grids of bounded names
    assert report.exit_code == 0, report.stderr
    assert len(list((out / "_eval" / "grids").glob("*.html"))) == 5


def test_a_long_id_renders_with_binding_render(run, tiny_sd_path, parse, tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text(spec_line(parse, "a red cube", LONG_ID), encoding="utf-8")
    result = run("render", str(spec), "--model", str(tiny_sd_path), "--steps", "1",
                 "--device", "cpu", "--local-files-only", "--method", "none",
                 "--out", str(tmp_path / "r"))
    assert result.exit_code == 0, result.stderr
    (folder,) = (tmp_path / "r").iterdir()
    assert len(folder.name.encode("utf-8")) <= MAX_BYTES and (folder / "none_0.png").is_file()


def test_a_second_run_into_the_same_folder_is_refused_in_one_line(run, tiny_sd_path,
                                                                   hostile_specs, tmp_path):
    out = tmp_path / "out"
    held = FolderLock(out / "_batch").acquire()
    try:
        line = error_line(batch(run, hostile_specs, tiny_sd_path, out))
    finally:
        held.release()
    assert "is being rendered into by another render-batch (process" in line
    assert "wait for it to finish, or give another --out" in line
    assert not list(out.glob("*/*.png"))


# --- without rendering -------------------------------------------------------------------

def test_the_lock_is_exclusive_and_released(tmp_path):
    first = FolderLock(tmp_path).acquire()
    with pytest.raises(BindingError, match="another render-batch"):
        FolderLock(tmp_path).acquire()
    first.release()
    FolderLock(tmp_path).acquire().release()


def entry(key: str) -> Entry:
    return Entry(key=key, status="done", fingerprint="f", line=1, prompt_id="p",
                 method="none", seed=0, image=f"{key}.png", record=f"{key}.json")


def test_an_append_after_a_torn_line_starts_a_line_of_its_own(tmp_path):
    manifest = Manifest(tmp_path, 0, 1)
    manifest.folder.mkdir()
    whole = json.dumps(entry("p/none_0").__dict__)
    manifest.path.write_text(whole + "\n" + whole[:40], encoding="utf-8")  # killed mid-line
    manifest.append(entry("p/none_1"))
    manifest.close()
    assert [e.key for e in manifest.entries()] == ["p/none_0", "p/none_1"]


def test_a_refused_manifest_write_is_one_line_and_loses_only_its_own_line(tmp_path,
                                                                          monkeypatch):
    import binding.generation.batch as batch_module

    manifest = Manifest(tmp_path, 0, 1)
    manifest.append(entry("p/none_0"))
    real_write = batch_module.os.write

    def half_then_full(fd, data):
        real_write(fd, data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(batch_module.os, "write", half_then_full)
    with pytest.raises(BindingError, match="no space left on the device: make room, then run "
                                           "the same command again") as caught:
        manifest.append(entry("p/none_1"))
    assert "\n" not in str(caught.value)
    monkeypatch.setattr(batch_module.os, "write", real_write)
    manifest.append(entry("p/none_2"))
    manifest.close()
    assert [e.key for e in manifest.entries()] == ["p/none_0", "p/none_2"]


def test_a_crafted_method_name_stays_in_its_cell():
    crafted = "syngen|x\n| evil | row |\x1b]0;TITLE\x07<script>"
    table = markdown([("method", "images"), (crafted, "2")])
    lines = table.splitlines()
    assert len(lines) == 3 and lines[2].count(" | ") == 1
    assert "\x1b" not in table and "\x07" not in table and "<script>" not in table
    shown = columns([("method", "images"), (crafted, "2")])
    assert len(shown) == 2 and "\x1b" not in "".join(shown) and "\n" not in "".join(shown)


def test_the_readme_demo_command_runs(run, tmp_path):
    """The README's try-it command, as written (two denoising steps instead of fifty)."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    (command,) = [line for line in readme.splitlines()
                  if line.startswith("binding render") and "random:tiny-sd" in line]
    args = shlex.split(command)[1:]
    args[args.index("--out") + 1] = str(tmp_path / "demo")
    result = run(*args, "--steps", "2")
    assert result.exit_code == 0, result.stderr
    assert "note: random:tiny-sd has random weights: this image is noise" in result.stderr
    records = sorted((tmp_path / "demo").glob("*/*_?.json"))
    assert len(records) == 2
    record = json.loads(records[0].read_text(encoding="utf-8"))
    assert record["model"]["id"] == "random:tiny-sd" and record["model"]["random_weights"]
    from PIL import Image

    with Image.open(records[0].with_suffix(".png")) as image:
        assert image.size == (32, 32)
        assert "noise" in image.text["Comment"]
    assert len(list((tmp_path / "demo").glob("*/*.attention.png"))) == 2


def test_an_unknown_random_architecture_is_one_line(run):
    line = error_line(run("render", "a red cube", "--model", "random:sd99"))
    assert "unknown random-weight architecture 'sd99': use random:sd15" in line


def test_a_full_disk_stops_the_batch_in_one_line_instead_of_failing_every_item(
        run, tiny_sd_path, parse, tmp_path, monkeypatch):
    import binding.generation.outputs as outputs
    from binding.atomic import WriteError

    def full(image, path, note=None):
        raise WriteError(f"cannot write {path}: no space left on the device")

    monkeypatch.setattr(outputs, "save_png", full)
    specs = tmp_path / "specs.jsonl"
    specs.write_text("\n".join(parse(p).model_dump_json() for p in ("a red cube", "a blue ball"))
                     + "\n", encoding="utf-8")
    out = tmp_path / "out"
    line = error_line(batch(run, specs, tiny_sd_path, out, "--seeds", "0-2"))
    assert "no space left on the device" in line
    manifests = list((out / "_batch").glob("manifest.*.jsonl"))
    assert all(m.read_text(encoding="utf-8") == "" for m in manifests)  # no item marked failed
