"""One render-batch at a time per output folder.

Two runs into the same ``--out`` would each read the manifests, find the same items pending and
render them twice. The first run holds an exclusive lock on ``OUT/_batch/lock`` (``flock``) for
as long as it runs; a second run stops at once with one line naming the holder. The operating
system drops the lock when the process ends, however it ends, so a crashed or killed run never
leaves a stale lock behind. Under ``accelerate launch`` the first process holds it for all.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
from datetime import datetime, timezone
from pathlib import Path

from binding.errors import BindingError

LOCK_NAME = "lock"

try:
    import fcntl
except ImportError:  # Windows: no flock; runs are not guarded against each other there
    fcntl = None  # type: ignore[assignment]


class FolderLock:
    """An exclusive, non-blocking lock on ``folder/lock``; ``release`` (or the process's end)
    frees it."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> FolderLock:
        """Take the lock or raise ``BindingError`` naming who holds it."""
        if fcntl is None:
            return self
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise BindingError(f"cannot write {self.path}: {exc.strerror}: give an --out "
                               "folder you can write to") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _holder(fd)
            os.close(fd)
            raise BindingError(
                f"{self.path.parent.parent} is being rendered into by another render-batch "
                f"({holder}): wait for it to finish, or give another --out") from None
        os.ftruncate(fd, 0)
        about = {"pid": os.getpid(), "host": socket.gethostname(),
                 "started": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        os.write(fd, json.dumps(about).encode("utf-8"))
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None


def _holder(fd: int) -> str:
    try:
        about = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"process {int(about['pid'])} on {about['host']}, started {about['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that is starting"
