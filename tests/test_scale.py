"""Whole corpora through ``binding parse --input`` and ``binding.scale``: Parquet in and out,
several processes, resuming a killed run, bad input, and the same output every way."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest
from conftest import error_line
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import binding
from binding.binder import TruncationWarning
from binding.scale import ParserSettings, parse_corpus
from binding.scale import output as scale_output

pa = pytest.importorskip("pyarrow", reason="pyarrow (the parquet extra) is not installed")
pq = pytest.importorskip("pyarrow.parquet")

CORPORA = Path(binding.__file__).parent / "corpora" / "data"


def captions(n: int) -> list[str]:
    """``n`` real prompts of the gold corpora (captions, long ones included), taken from each
    corpus in turn."""
    corpora = [[json.loads(line)["prompt"] for line in
                (CORPORA / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()]
               for name in ("captions2", "abc6k", "cc500", "longsd")]
    found = [c[i] for i in range(max(map(len, corpora))) for c in corpora if i < len(c)]
    assert len(found) >= n, "not enough prompts"
    return found[:n]


def write_parquet(path: Path, prompts: list, ids: list | None = None, **columns: list) -> Path:
    data = {"caption": prompts, **columns}
    if ids is not None:
        data["key"] = ids
    pq.write_table(pa.table(data), path, row_group_size=16)
    return path


def reference(prompts: list[str], ids: list[str | None] | None = None,
              **options: str) -> list[str]:
    """The spec lines one process writes, prompt by prompt, through the library."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TruncationWarning)
        specs = binding.parse_many(prompts, **options)
    if ids is not None:
        specs = [s.model_copy(update={"id": i}) for s, i in zip(specs, ids, strict=True)]
    return [s.model_dump_json() for s in specs]


def listing(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


PROMPTS = captions(60)
IDS = [f"k{n:03d}" for n in range(len(PROMPTS))]


@pytest.fixture(scope="module")
def expected() -> list[str]:
    return reference(PROMPTS, IDS)


# --- Parquet in, Parquet or JSONL out -----------------------------------------------------------


def test_parquet_in_parquet_out_has_the_spec_and_flat_columns(run, tmp_path):
    expected = reference(PROMPTS, IDS, tokenizer="clip-77")  # long prompts cut: truncated
    source = write_parquet(tmp_path / "captions.parquet", PROMPTS, IDS,
                           url=[f"http://x/{n}" for n in range(len(PROMPTS))])
    out = tmp_path / "specs.parquet"
    result = run("parse", "--input", str(source), "--column", "caption", "--id-column", "key",
                 "--output", str(out), "--shard-size", "16", "--tokenizer", "clip-77")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "parsed 60 of 60 lines in 4 shards" in result.stderr
    table = pq.read_table(out)
    assert table.schema.names == ["row", "id", "spec", "n_entities", "n_bindings",
                                  "n_relations", "truncated"]
    assert table.column("row").to_pylist() == list(range(60))
    assert table.column("id").to_pylist() == IDS
    assert table.column("spec").to_pylist() == expected
    specs = [binding.Spec.model_validate_json(s) for s in expected]
    assert table.column("n_entities").to_pylist() == [len(s.entities) for s in specs]
    assert table.column("n_bindings").to_pylist() == [
        sum(len(e.modifiers) for e in s.entities) for s in specs]
    assert table.column("n_relations").to_pylist() == [len(s.relations) for s in specs]
    truncated = table.column("truncated").to_pylist()
    assert truncated == [s.tokens.truncated for s in specs]
    assert any(truncated), "the corpus should hold a prompt past 77 tokens"
    rows = ", ".join(str(n) for n, cut in enumerate(truncated) if cut)
    assert f"{sum(truncated)} longer than the tokenizer's window" in result.stderr
    assert f"(rows {rows}" in result.stderr or f"(rows {rows[:20]}" in result.stderr
    assert listing(tmp_path) == {"captions.parquet", "specs.parquet"}  # no shard folder left


def test_parquet_in_jsonl_out_is_one_spec_a_line(run, tmp_path, expected):
    source = write_parquet(tmp_path / "captions.parquet", PROMPTS, IDS)
    to_stdout = run("parse", "--input", str(source), "--column", "caption", "--id-column",
                    "key")
    assert to_stdout.exit_code == 0, to_stdout.stderr
    assert to_stdout.stdout.splitlines() == expected
    out = tmp_path / "specs.jsonl"
    to_file = run("parse", "--input", str(source), "--column", "caption", "--id-column", "key",
                  "--output", str(out))
    assert out.read_text(encoding="utf-8") == to_stdout.stdout, to_file.stderr


def test_an_id_column_named_id_is_read_without_being_named(run, tmp_path):
    source = tmp_path / "c.parquet"
    pq.write_table(pa.table({"prompt": ["a red cube", "a blue ball"], "id": [7, 8]}), source)
    result = run("parse", "--input", str(source))
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["7", "8"]


def test_arrow_ipc_input(run, tmp_path, expected):
    source = tmp_path / "captions.arrow"
    table = pa.table({"caption": PROMPTS, "key": IDS})
    with pa.ipc.new_file(source, table.schema) as writer:
        writer.write_table(table, max_chunksize=7)
    result = run("parse", "--input", str(source), "--column", "caption", "--id-column", "key")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == expected


def test_jsonl_with_named_fields(run, tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_text('{"text": "a red cube", "key": "a"}\n{"text": "a blue ball", "key": 2}\n',
                      encoding="utf-8")
    result = run("parse", "--input", str(source), "--column", "text", "--id-column", "key")
    assert result.exit_code == 0, result.stderr
    assert [(json.loads(x)["id"], json.loads(x)["prompt"]) for x in
            result.stdout.splitlines()] == [("a", "a red cube"), ("2", "a blue ball")]


def test_parquet_from_stdin(run, tmp_path, expected):
    source = write_parquet(tmp_path / "captions.parquet", PROMPTS[:5], IDS[:5])
    result = run("parse", "--input", "-", "--column", "caption", "--id-column", "key",
                 input=source.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == expected[:5]


def test_corpus_options_need_input(run):
    result = run("parse", "--n-process", "2", "a red cube")
    assert result.exit_code == 2
    assert "--n-process applies to --input" in result.stderr


# --- all cores: the same bytes ------------------------------------------------------------------


def test_two_processes_write_the_same_bytes_as_one(tmp_path):
    source = write_parquet(tmp_path / "captions.parquet", PROMPTS, IDS)
    outputs = []
    for n_process in (1, 2):
        out = tmp_path / f"specs-{n_process}.jsonl"
        summary = parse_corpus(str(source), str(out), column="caption", id_column="key",
                               n_process=n_process, shard_size=13,
                               settings=ParserSettings(batch_size=5))
        assert summary.parsed_rows == 60
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert not list(tmp_path.glob("*.parts"))


# --- resuming: no shard parsed twice, no line lost or doubled -----------------------------------


class Killed(BaseException):
    """Stands for the run being stopped between two shards."""


@pytest.fixture
def kill_after(monkeypatch):
    """Make the run stop after ``n`` shards were written."""

    def arm(n: int) -> list[int]:
        written: list[int] = []
        real = scale_output.write_shard

        def write_shard(path, rows, format):
            if len(written) == n:
                raise Killed
            real(path, rows, format)
            written.append(rows[0].row)

        monkeypatch.setattr("binding.scale.run.write_shard", write_shard)
        return written

    return arm


def test_a_stopped_run_resumes_without_parsing_finished_shards(tmp_path, kill_after,
                                                              monkeypatch, expected):
    source = write_parquet(tmp_path / "captions.parquet", PROMPTS, IDS)
    out = tmp_path / "specs.jsonl"
    notes: list[str] = []
    kill_after(2)
    with pytest.raises(Killed):
        parse_corpus(str(source), str(out), column="caption", id_column="key", shard_size=16,
                     on_interrupt=notes.append)
    assert not out.exists()
    parts = tmp_path / "specs.jsonl.parts"
    assert sorted(p.name for p in parts.iterdir()) == ["manifest.jsonl", "part-000000.jsonl",
                                                       "part-000001.jsonl"]
    assert notes == [f"{parts} keeps 2 of 4 shards: run the same command again to resume"]
    monkeypatch.undo()
    parsed_rows: list[int] = []
    real = scale_output.write_shard
    monkeypatch.setattr("binding.scale.run.write_shard", lambda p, rows, f: (
        parsed_rows.extend(r.row for r in rows), real(p, rows, f)))
    summary = parse_corpus(str(source), str(out), column="caption", id_column="key",
                           shard_size=16)
    assert parsed_rows == list(range(32, 60))  # only the two shards left
    assert (summary.resumed_shards, summary.parsed_rows, summary.rows) == (2, 28, 60)
    assert out.read_text(encoding="utf-8").splitlines() == expected
    assert not parts.exists()


def test_a_torn_manifest_line_and_a_half_written_shard_are_redone(tmp_path, kill_after,
                                                                  monkeypatch, expected):
    source = write_parquet(tmp_path / "captions.parquet", PROMPTS, IDS)
    out = tmp_path / "specs.jsonl"
    kill_after(3)
    with pytest.raises(Killed):
        parse_corpus(str(source), str(out), column="caption", id_column="key", shard_size=16)
    monkeypatch.undo()
    parts = tmp_path / "specs.jsonl.parts"
    manifest = parts / "manifest.jsonl"
    lines = manifest.read_text(encoding="utf-8").splitlines(keepends=True)
    manifest.write_text("".join(lines[:-1]) + lines[-1][:9], encoding="utf-8")  # torn write
    (parts / ".part-000003.jsonl.12345.tmp").write_text('{"half": ', encoding="utf-8")
    summary = parse_corpus(str(source), str(out), column="caption", id_column="key",
                           shard_size=16)
    assert (summary.resumed_shards, summary.parsed_rows) == (2, 28)
    assert out.read_text(encoding="utf-8").splitlines() == expected


def test_a_shard_folder_of_another_run_is_refused(tmp_path, kill_after, monkeypatch):
    source = write_parquet(tmp_path / "captions.parquet", PROMPTS, IDS)
    out = tmp_path / "specs.jsonl"
    kill_after(1)
    with pytest.raises(Killed):
        parse_corpus(str(source), str(out), column="caption", shard_size=16)
    monkeypatch.undo()
    with pytest.raises(binding.BindingError, match="shard_size differs"):
        parse_corpus(str(source), str(out), column="caption", shard_size=10)
    with pytest.raises(binding.BindingError, match="different run"):
        parse_corpus(str(source), str(out), column="caption", shard_size=16,
                     settings=ParserSettings(tokenizer=None))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(shard_size=st.integers(1, 25), batch_size=st.integers(1, 9),
       stops=st.lists(st.integers(0, 5), max_size=3))
def test_any_shard_size_batch_size_and_stops_give_the_same_lines(tmp_path_factory, monkeypatch,
                                                                 shard_size, batch_size, stops):
    folder = tmp_path_factory.mktemp("corpus")
    prompts, ids = PROMPTS[:23], IDS[:23]
    source = folder / "c.jsonl"
    source.write_text("".join(json.dumps({"prompt": p, "id": i}) + "\n"
                              for p, i in zip(prompts, ids, strict=True)), encoding="utf-8")
    out = folder / "specs.jsonl"
    real = scale_output.write_shard
    for stop in stops:
        written: list[int] = []

        def write_shard(path, rows, format, stop=stop, written=written):
            if len(written) == stop:
                raise Killed
            real(path, rows, format)
            written.append(1)

        monkeypatch.setattr("binding.scale.run.write_shard", write_shard)
        with contextlib.suppress(Killed):
            parse_corpus(str(source), str(out), shard_size=shard_size,
                         settings=ParserSettings(batch_size=batch_size))
        monkeypatch.undo()
    parse_corpus(str(source), str(out), shard_size=shard_size,  # the run that ends it
                 settings=ParserSettings(batch_size=batch_size))
    assert out.read_text(encoding="utf-8").splitlines() == _expected_23()
    assert listing(folder) == {"c.jsonl", "specs.jsonl"}


_CACHE: dict[str, list[str]] = {}


def _expected_23() -> list[str]:
    if "23" not in _CACHE:
        _CACHE["23"] = reference(PROMPTS[:23], IDS[:23])
    return _CACHE["23"]


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


@pytest.mark.slow  # two runs of a 2-process pool in fresh interpreters: about 30 s
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads worker processes from /proc")
def test_a_killed_process_resumes_with_every_line_once(tmp_path):
    """SIGKILL (no clean-up at all) in the middle of a 2-process run, then the same command."""
    prompts = captions(240)
    ids = [f"r{n}" for n in range(len(prompts))]
    source = write_parquet(tmp_path / "captions.parquet", prompts, ids)
    out = tmp_path / "specs.parquet"
    command = [sys.executable, "-m", "binding.cli", "parse", "--input", str(source), "--column",
               "caption", "--id-column", "key", "--output", str(out), "--shard-size", "10",
               "--batch-size", "5", "--n-process", "2"]
    manifest = tmp_path / "specs.parquet.parts" / "manifest.jsonl"
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 3:
            break
        time.sleep(0.005)
    workers = _children(process.pid)
    assert process.poll() is None, f"the run ended before it could be killed: {process.stderr}"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    process.stderr.close()
    for _ in range(200):  # the workers notice their parent is gone and leave
        if not any(Path(f"/proc/{pid}").exists() for pid in workers):
            break
        time.sleep(0.05)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "workers left running"
    assert not out.exists()
    done_before = len(manifest.read_text().splitlines()) - 1
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"({done_before} done before, resumed)" in resumed.stderr
    table = pq.read_table(out)
    assert table.column("row").to_pylist() == list(range(len(prompts)))
    assert table.column("spec").to_pylist() == reference(prompts, ids)
    assert listing(tmp_path) == {"captions.parquet", "specs.parquet"}


# --- bad input: one line naming the shard and the row, nothing written --------------------------


def test_a_missing_column_is_named_with_the_columns_there_are(run, tmp_path):
    source = write_parquet(tmp_path / "c.parquet", PROMPTS[:3])
    out = tmp_path / "specs.parquet"
    line = error_line(run("parse", "--input", str(source), "--column", "text",
                          "--output", str(out)))
    assert "no column 'text'" in line and "caption" in line and "--column" in line
    assert listing(tmp_path) == {"c.parquet"}


def test_a_null_cell_names_its_shard_and_row(run, tmp_path):
    prompts = PROMPTS[:30]
    prompts[23] = None
    source = write_parquet(tmp_path / "c.parquet", prompts)
    out = tmp_path / "specs.parquet"
    line = error_line(run("parse", "--input", str(source), "--column", "caption", "--output",
                          str(out), "--shard-size", "10"))
    assert f"{source}, shard 2, row 23" in line and "missing" in line
    assert listing(tmp_path) == {"c.parquet"}


@pytest.mark.parametrize(("cells", "named"), [([1, 2, 3], "int64"), ([b"a", b"b", b"c"], "binary")])
def test_a_column_that_is_not_text(run, tmp_path, cells, named):
    source = write_parquet(tmp_path / "c.parquet", cells)
    line = error_line(run("parse", "--input", str(source), "--column", "caption"))
    assert "shard 0, row 0" in line and named in line and "not text" in line


def test_an_empty_caption_names_its_row(run, tmp_path):
    source = write_parquet(tmp_path / "c.parquet", ["a red cube", "  ", "a blue ball"])
    line = error_line(run("parse", "--input", str(source), "--column", "caption"))
    assert "shard 0, row 1" in line and "empty" in line


def test_a_non_string_jsonl_cell_names_line_shard_and_row(run, tmp_path):
    source = tmp_path / "c.jsonl"
    source.write_text('{"prompt": "a red cube"}\n\n{"prompt": "a cube"}\n{"prompt": 5}\n',
                      encoding="utf-8")
    out = tmp_path / "o.jsonl"
    line = error_line(run("parse", "--input", str(source), "--output", str(out),
                          "--shard-size", "1"))
    assert f"{source}:4 (shard 2, row 2)" in line and "must be text" in line
    assert listing(tmp_path) == {"c.jsonl"}


def test_a_file_that_is_not_parquet(run, tmp_path):
    source = tmp_path / "c.parquet"
    source.write_bytes(b"PAR1 this is not really parquet")
    out = tmp_path / "specs.parquet"
    line = error_line(run("parse", "--input", str(source), "--output", str(out)))
    assert "not a readable Parquet file" in line
    assert listing(tmp_path) == {"c.parquet"}


def test_a_parquet_file_damaged_in_the_middle_names_the_row(run, tmp_path):
    source = tmp_path / "c.parquet"
    prompts = [f"a red cube number {n} next to a blue ball" for n in range(400)]
    pq.write_table(pa.table({"caption": prompts}), source, row_group_size=100,
                   compression="snappy", use_dictionary=False)
    meta = pq.ParquetFile(source).metadata
    third = meta.row_group(2).column(0)
    start = third.data_page_offset
    data = bytearray(source.read_bytes())
    data[start + 20:start + 60] = b"\xff" * 40  # the third row group's data page
    source.write_bytes(bytes(data))
    out = tmp_path / "specs.parquet"
    line = error_line(run("parse", "--input", str(source), "--column", "caption",
                          "--output", str(out)))
    assert "damaged" in line and "row 200" in line
    assert listing(tmp_path) == {"c.parquet"}


# --- the distributed engines' transforms --------------------------------------------------------


def test_frames_for_spark_add_the_spec_columns(expected):
    pd = pytest.importorskip("pandas")
    from binding.scale.frames import parse_frames

    frames = [pd.DataFrame({"caption": PROMPTS[:25], "key": IDS[:25]}),
              pd.DataFrame({"caption": PROMPTS[25:], "key": IDS[25:]})]
    out = list(parse_frames(iter(frames), column="caption", id_column="key"))
    assert [list(f.columns) for f in out] == [["caption", "key", "spec", "n_entities",
                                               "n_bindings", "n_relations", "truncated"]] * 2
    assert [s for f in out for s in f["spec"]] == expected
    assert list(frames[0].columns) == ["caption", "key"]  # the input is not changed


def test_frames_name_a_bad_cell(expected):
    pd = pytest.importorskip("pandas")
    from binding.scale.frames import parse_frames

    frame = pd.DataFrame({"caption": ["a red cube", None], "key": ["a", "b"]})
    with pytest.raises(binding.BindingError, match=r"row 1 of the batch \(id 'b'\)"):
        list(parse_frames(iter([frame]), column="caption", id_column="key"))


@pytest.fixture(scope="module")
def local_ray():
    ray = pytest.importorskip("ray", reason="ray is not installed: "
                              "pip install 'prompt-binding[ray]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False,
             configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.mark.slow  # a local Ray and two actors: about 30 s
def test_ray_data_gives_the_single_process_output(local_ray, tmp_path, expected):
    import ray.data

    from binding.scale.raydata import parse_dataset

    source = write_parquet(tmp_path / "captions.parquet", PROMPTS, IDS)
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    dataset = ray.data.read_parquet(str(source)).repartition(4)  # 1 file: 1 block, 1 actor
    specs = parse_dataset(dataset, column="caption", id_column="key", actors=2,
                          cpus_per_actor=0.5, batch_size=8)
    rows = specs.take_all()
    assert [r["key"] for r in rows] == IDS
    assert [r["spec"] for r in rows] == expected
    assert [r["n_entities"] for r in rows] == [
        len(binding.Spec.model_validate_json(s).entities) for s in expected]


# --- progress, summary, and what needs pyarrow --------------------------------------------------


def test_progress_counts_shards_and_the_summary_names_the_rate(run, tmp_path):
    source = write_parquet(tmp_path / "c.parquet", PROMPTS[:20])
    out = tmp_path / "o.parquet"
    result = run("parse", "--input", str(source), "--column", "caption", "--output", str(out),
                 "--shard-size", "5", "--progress")
    assert result.exit_code == 0, result.stderr
    assert "shards 4/4, 0 left" in result.stderr
    summary = result.stderr.strip().splitlines()[-1]
    assert summary.startswith("parsed 20 of 20 lines in 4 shards in ")
    assert "lines/s" in summary and summary.endswith(f": {out}")


def test_jsonl_needs_no_pyarrow_and_parquet_says_which_extra(run, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    source = tmp_path / "p.txt"
    source.write_text("a red cube\na blue ball\n", encoding="utf-8")
    result = run("parse", "--input", str(source), "--output", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 0, result.stderr
    line = error_line(run("parse", "--input", str(source), "--output",
                          str(tmp_path / "o.parquet")))
    assert "pyarrow" in line and "prompt-binding[parquet]" in line
    assert listing(tmp_path) == {"p.txt", "o.jsonl"}


def test_output_to_a_device_streams_without_a_shard_folder(run, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("a red cube\n", encoding="utf-8")
    result = run("parse", "--input", str(source), "--output", os.devnull)
    assert result.exit_code == 0, result.stderr
    assert not Path(f"{os.devnull}.parts").exists()


def test_weighting_reaches_the_workers_and_unread_brackets_are_counted(run, tmp_path):
    prompts = ["a (red:1.3) cube and a [blue] ball", "a ((green cone", "a yellow star"]
    source = tmp_path / "p.txt"
    source.write_text("\n".join(prompts) + "\n", encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = run("parse", "--input", str(source), "--output", str(out), "--n-process", "2")
    assert result.exit_code == 0, result.stderr
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert out.read_text(encoding="utf-8").splitlines() == reference(prompts)
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["weights"]
    assert "1 with brackets read as plain text" in result.stderr
    none = run("parse", "--input", str(source), "--weighting", "none")
    assert "weights" not in json.loads(none.stdout.splitlines()[0])


def test_output_dash_is_stdout_for_a_corpus(run, tmp_path):
    source = tmp_path / "p.txt"
    source.write_text("a red cube\na blue ball\n", encoding="utf-8")
    result = run("parse", "--input", str(source), "--output", "-")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(x)["prompt"] for x in result.stdout.splitlines()] == ["a red cube",
                                                                           "a blue ball"]
    assert listing(tmp_path) == {"p.txt"}


@pytest.mark.slow  # a 2-process run stopped, then resumed: about 30 s
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads worker processes from /proc")
def test_a_run_stopped_by_sigterm_says_how_to_resume_and_leaves_no_temporary_file(tmp_path):
    prompts = captions(200)
    source = write_parquet(tmp_path / "captions.parquet", prompts)
    out = tmp_path / "specs.jsonl"
    command = [sys.executable, "-m", "binding.cli", "parse", "--input", str(source), "--column",
               "caption", "--output", str(out), "--shard-size", "10", "--batch-size", "5",
               "--n-process", "2"]
    parts = tmp_path / "specs.jsonl.parts"
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and process.poll() is None:
        manifest = parts / "manifest.jsonl"
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 3:
            break
        time.sleep(0.005)
    workers = _children(process.pid)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, stderr
    lines = stderr.strip().splitlines()
    assert lines[-1].startswith("error: interrupted"), stderr
    assert any(line.startswith(f"note: {parts} keeps ") and "run the same command again" in line
               for line in lines), stderr
    assert "Traceback" not in stderr
    for _ in range(100):  # the workers were stopped; the resource tracker follows them
        if not any(Path(f"/proc/{pid}").exists() for pid in workers):
            break
        time.sleep(0.05)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()], "workers left"
    assert not out.exists()
    assert not [p for p in parts.iterdir() if p.name.endswith(".tmp")]
    resumed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert "done before, resumed" in resumed.stderr
    assert out.read_text(encoding="utf-8").splitlines() == reference(prompts)
