"""Safe writes (binding/atomic.py) and the command line's one-line failures: nothing a user can
point an output at, and no way a run can end, destroys a file or leaves half of one."""

from __future__ import annotations

import errno
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import error_line

from binding.atomic import (
    MAX_NAME,
    WriteError,
    atomic_path,
    atomic_writer,
    sweep_stale_temporaries,
    temp_prefix,
)
from binding.errors import BindingError

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
needs_root = pytest.mark.skipif(not ROOT, reason="mknod needs root")


def node(folder: Path, name: str, major: int, minor: int) -> Path:
    """A character device of our own, in a temporary folder: never the real /dev/null."""
    path = folder / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    return path


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@needs_root
def test_a_null_device_is_written_to_not_replaced(tmp_path, run):
    null = node(tmp_path, "null", 1, 3)  # what /dev/null is
    prompts = tmp_path / "in.txt"
    prompts.write_text("a red cube\n", encoding="utf-8")
    result = run("parse", "--input", str(prompts), "--output", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode), "the device was replaced by a file"
    assert temporaries(tmp_path) == []


@needs_root
def test_a_full_device_is_one_line(tmp_path, run):
    full = node(tmp_path, "full", 1, 7)  # what /dev/full is: every write fails with ENOSPC
    line = error_line(run("parse", "--json", "a red cube", "--output", str(full)))
    assert "no space left" in line
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_fifo_is_written_to_directly(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen([sys.executable, "-c", f"print(open({str(fifo)!r}).read())"],
                              stdout=subprocess.PIPE, text=True)
    with atomic_writer(fifo) as handle:
        handle.write("through the pipe")
    assert reader.communicate(timeout=30)[0].strip() == "through the pipe"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_folder_or_a_socket_is_refused_in_one_line(tmp_path, run):
    folder = tmp_path / "d"
    folder.mkdir()
    assert "is a folder" in error_line(run("parse", "--json", "a red cube", "--output",
                                           str(folder)))
    server = socket.socket(socket.AF_UNIX)
    sock = tmp_path / "s"
    try:
        server.bind(str(sock))
        with pytest.raises(BindingError, match="not a regular file"), atomic_writer(sock):
            pass
    finally:
        server.close()


def test_a_symlink_is_followed_and_kept(tmp_path):
    target = tmp_path / "real.jsonl"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target.name)
    with atomic_writer(link) as handle:
        handle.write("new")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new"
    dangling = tmp_path / "dangling"
    dangling.symlink_to("made.txt")
    with atomic_writer(dangling) as handle:
        handle.write("made")
    assert (tmp_path / "made.txt").read_text(encoding="utf-8") == "made"
    assert dangling.is_symlink()


def test_new_files_respect_the_umask_and_old_files_keep_their_mode(tmp_path):
    previous = os.umask(0o022)
    try:
        with atomic_writer(tmp_path / "a") as handle:
            handle.write("x")
        assert stat.S_IMODE(os.stat(tmp_path / "a").st_mode) == 0o644
        os.umask(0o077)
        with atomic_writer(tmp_path / "b") as handle:
            handle.write("x")
        assert stat.S_IMODE(os.stat(tmp_path / "b").st_mode) == 0o600
        os.chmod(tmp_path / "a", 0o640)
        with atomic_writer(tmp_path / "a") as handle:
            handle.write("y")
        assert stat.S_IMODE(os.stat(tmp_path / "a").st_mode) == 0o640
    finally:
        os.umask(previous)


def test_a_long_name_gets_a_temporary_name_within_the_limit(tmp_path):
    name = "é" * 120 + ".jsonl"  # 246 bytes: fits, but a temporary name made from it would not
    assert len(name.encode("utf-8")) <= MAX_NAME
    with atomic_path(tmp_path / name) as tmp:
        assert len(tmp.name.encode("utf-8")) <= MAX_NAME
        assert tmp.name.startswith(temp_prefix(name))
        tmp.write_text("x", encoding="utf-8")
    assert (tmp_path / name).read_text(encoding="utf-8") == "x"


def test_stale_temporaries_of_dead_processes_are_swept(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    dead = int(gone.stdout)
    with atomic_path(tmp_path / "out.jsonl") as tmp:
        host_and_pid = tmp.name[len(".out.jsonl."):].rsplit("-", 1)[0]
        host = host_and_pid.split("-")[0]
        tmp.write_text("x", encoding="utf-8")
    stale = tmp_path / f".out.jsonl.{host}-{dead}-abcdefgh.tmp"
    live = tmp_path / f".out.jsonl.{host}-{os.getppid()}-abcdefgh.tmp"
    elsewhere = tmp_path / f".out.jsonl.ffffff-{dead}-abcdefgh.tmp"  # another host's
    other = tmp_path / ".other.jsonl.x.tmp"
    for path in (stale, live, elsewhere, other):
        path.write_text("half", encoding="utf-8")
    assert sweep_stale_temporaries(tmp_path, "out.jsonl") == 1
    assert temporaries(tmp_path) == sorted(p.name for p in (live, elsewhere, other))


def test_a_disk_error_while_writing_is_one_line_and_leaves_nothing(tmp_path, run,
                                                                    monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("binding.atomic.os.fsync", full)
    out = tmp_path / "out.jsonl"
    out.write_text("what was there before\n", encoding="utf-8")
    line = error_line(run("parse", "--json", "a red cube", "--output", str(out)))
    assert "no space left on the device" in line
    assert out.read_text(encoding="utf-8") == "what was there before\n"
    assert temporaries(tmp_path) == []


def test_a_read_only_folder_is_one_line(tmp_path, run, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr("binding.atomic.tempfile.mkstemp", refuse)
    line = error_line(run("parse", "--json", "a red cube", "--output", str(tmp_path / "o")))
    assert "read-only" in line
    with pytest.raises(WriteError), atomic_writer(tmp_path / "o"):
        pass


@pytest.mark.skipif(ROOT, reason="root writes into read-only folders")
def test_a_folder_without_write_permission_is_one_line(tmp_path, run):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    line = error_line(run("parse", "--json", "a red cube", "--output", str(locked / "o")))
    assert "permission denied" in line


def _binding(*args: str, stdin: str = "", shell: str = "") -> subprocess.CompletedProcess:
    command = " ".join([f"'{sys.executable}'", "-m", "binding.cli", *(f"'{a}'" for a in args)])
    return subprocess.run(["bash", "-c", f"{command} {shell}"], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_a_closed_stdout_or_stdin_is_one_line():
    closed_out = _binding("parse", "a red cube", shell=">&-")
    assert closed_out.returncode == 2
    assert closed_out.stderr.strip().splitlines() == [
        "error: standard output is closed: run the command with it open (redirect it to a "
        "file or /dev/null instead of closing it)"]
    closed_in = _binding("parse", "--input", "-", shell="<&-")
    assert closed_in.returncode == 2
    assert closed_in.stderr.startswith("error: standard input is closed")


def _interruptible() -> None:
    """Ctrl-C as a terminal delivers it: a suite started in the background (``pytest &``)
    ignores SIGINT, and a child inherits that, so Python would never raise KeyboardInterrupt."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_long_parse(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    # prompts as arguments: one output file written through a temporary file for the whole
    # run (--input runs write shards, each briefly; tests/test_scale.py stops those)
    prompts = ["a red cube next to a blue ball"] * 20000
    out = tmp_path / "out.jsonl"
    process = subprocess.Popen([sys.executable, "-m", "binding.cli", "parse", *prompts,
                                "--output", str(out), "--batch-size", "64"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_interruptible)
    deadline = time.monotonic() + 120
    while not temporaries(tmp_path):  # the output is being written
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.05)
    return process, out


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])  # SIGHUP: as SIGTERM
def test_a_parse_stopped_by_a_signal_removes_its_temporary_file(tmp_path, sig):
    process, out = _start_long_parse(tmp_path)
    process.send_signal(sig)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + sig, stderr
    assert stderr.strip().splitlines()[-1].startswith("error: interrupted")
    assert "Traceback" not in stderr
    assert temporaries(tmp_path) == [] and not out.exists()


@pytest.mark.slow
def test_a_parse_killed_outright_leaves_a_temporary_file_the_next_run_removes(tmp_path, run):
    process, out = _start_long_parse(tmp_path)
    process.kill()
    process.communicate(timeout=60)
    assert len(temporaries(tmp_path)) == 1  # SIGKILL: nothing can clean up
    result = run("parse", "--json", "a red cube", "--output", str(out))
    assert result.exit_code == 0
    assert temporaries(tmp_path) == [] and out.is_file()
