"""How the command line fails: one ``error:`` line, never a traceback, for what a user can meet.

- ``fail``: the one line (escaped: no control character reaches the terminal) and the status.
- ``describe_os_error``: a disk or file-system error (full disk, read-only folder, a path that
  is a folder) said in words, with the file it concerns.
- ``stop_on_signals``: SIGTERM and SIGHUP become an exception like Ctrl-C's, so that files
  being written are removed on the way out instead of being left half-written.
- ``closed_streams_raise``: a closed stdin or stdout (``<&-``, ``>&-``) is an error at the
  first read or write, not a crash and not output silently lost.
"""

from __future__ import annotations

import contextlib
import errno
import io
import signal
import sys
import threading
from collections.abc import Iterator
from typing import NoReturn

import click

from binding.atomic import WRITE_ERRORS
from binding.errors import BindingError
from binding.printable import escape

SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None))
                if s is not None)
_OS_ERRORS = {**WRITE_ERRORS,
              errno.ENOENT: "no such file or folder",
              errno.EISDIR: "it is a folder, not a file",
              errno.ENOTDIR: "a part of the path is a file, not a folder",
              errno.ENAMETOOLONG: "file name too long",
              errno.EEXIST: "it exists already",
              errno.EBADF: "the stream is closed"}


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the program is, so that cleanup runs as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum
        self.name = signal.Signals(signum).name


def fail(ctx: click.Context, message: str, status: int) -> NoReturn:
    """``error: message`` on stderr as one printable line, then exit with ``status``."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            click.echo(f"error: {escape(message)}", err=True)
    ctx.exit(status)


def describe_os_error(exc: OSError) -> str:
    """``cannot write out.jsonl: no space left on the device``, naming the file when known."""
    reason = _OS_ERRORS.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    name = exc.filename if exc.filename is not None else None
    where = f" {name}" if name is not None else ""
    return f"cannot use{where}: {reason}"


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP raise ``Stopped`` in the main thread for the duration."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, _frame: object) -> None:
        raise Stopped(signum)

    previous = {}
    for sig in SIGNALS:
        with contextlib.suppress(ValueError, OSError):
            previous[sig] = signal.signal(sig, stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Closed(io.TextIOBase):
    """Stands in for a standard stream the process was started without."""

    def __init__(self, name: str) -> None:
        self._name = name

    def _fail(self, *args: object) -> NoReturn:
        raise BindingError(f"standard {self._name} is closed: run the command with it open "
                           "(redirect it to a file or /dev/null instead of closing it)")

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    write = read = readline = _fail

    @property
    def buffer(self) -> NoReturn:
        self._fail()

    def flush(self) -> None:
        pass


@contextlib.contextmanager
def closed_streams_raise() -> Iterator[None]:
    """Where stdin or stdout is closed (``sys.stdin is None``), a stand-in that raises
    ``BindingError`` on use; streams that exist are left alone."""
    replaced = {}
    for name in ("stdin", "stdout"):
        if getattr(sys, name) is None:
            replaced[name] = None
            setattr(sys, name, _Closed("input" if name == "stdin" else "output"))
    try:
        yield
    finally:
        for name, value in replaced.items():
            setattr(sys, name, value)
