"""Atomic output: a file appears whole, or not at all.

Used by every writer in the package (specs, images, run records, attention maps), so that an
interrupted run (Ctrl-C, out of memory, a killed process) never leaves a half-written file.

What a target can be:

- a regular file, or a name that does not exist yet: written to a temporary file beside it,
  then renamed over it. A file that existed keeps its permission bits; a new one gets what
  the umask allows (0644 under the usual 022), as ``open`` would give it.
- a symbolic link: followed. The file it points to is replaced (atomically, in its own
  folder) and the link stays a link.
- a character device or a pipe (``/dev/null``, ``/dev/stdout``, a FIFO, a terminal), or any
  file reached through ``/dev`` or ``/proc`` (``/dev/stdout`` redirected to a file): written
  directly. There is nothing to rename over, and replacing one would destroy it.
- anything else (a folder, a socket, a block device): refused with one line.

Temporary files are named ``.<name>.<host>-<pid>-<random>.tmp``. A process killed outright
(SIGKILL, a power cut) leaves its temporary file behind; the next write to the same target
removes those whose process, on this host, is gone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from binding.errors import BindingError

# errors of the disk or the file system, not of the program: one line, not a traceback
WRITE_ERRORS = {errno.ENOSPC: "no space left on the device",
                errno.EDQUOT: "disk quota exceeded",
                errno.EROFS: "the file system is read-only",
                errno.EFBIG: "file too large for the file system",
                errno.EIO: "input/output error",
                errno.EACCES: "permission denied",
                errno.EPERM: "operation not permitted"}
MAX_NAME = 255  # bytes of one file name on every common file system
_TEMP_SUFFIX = ".tmp"


class WriteError(BindingError):
    """The disk or the file system refused a write (full, read-only, no permission): nothing
    the next item could do better, so a long run stops on it."""


def atomic_target(path: str | Path) -> tuple[Path, bool]:
    """Where a write to ``path`` lands and whether it is written directly (a device or pipe,
    no temporary file). Raises ``BindingError`` for a target that cannot be written."""
    path = Path(path)
    try:
        info = os.stat(path)  # follows links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {_reason(exc)}") from None
    if info is not None:
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            return path, True
        if stat.S_ISREG(info.st_mode) and path.is_absolute() and \
                path.parts[1:2] in (("dev",), ("proc",)):
            return path, True  # /dev/stdout redirected to a file: append to it, as a shell would
        if stat.S_ISDIR(info.st_mode):
            raise BindingError(f"cannot write {path}: it is a folder: give a file name")
        if not stat.S_ISREG(info.st_mode):
            raise BindingError(f"cannot write {path}: it is not a regular file (a socket or a "
                               "block device): give a file name")
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BindingError(f"cannot write {path}: folder {folder} does not exist")
    return path, False


@contextlib.contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path``; whatever was written there is renamed over ``path``
    when the block succeeds, and removed when it fails. For a device or a pipe, ``path``
    itself."""
    target, direct = atomic_target(path)
    if direct:
        try:
            yield target
        except OSError as exc:
            if exc.errno not in WRITE_ERRORS:
                raise
            raise WriteError(f"cannot write {path}: {_reason(exc)}") from None
        return
    folder = target.parent if str(target.parent) else Path(".")
    prefix = temp_prefix(target.name)
    sweep_stale_temporaries(folder, target.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f"{prefix}{_HOST}-{os.getpid()}-",
                                   suffix=_TEMP_SUFFIX, dir=folder)
        os.fchmod(fd, _mode_for(target))
        os.close(fd)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {_reason(exc)}") from None
    try:
        yield Path(tmp)
        with open(tmp, "rb+") as handle:  # the data reaches the disk before the rename
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno in WRITE_ERRORS:
            raise WriteError(f"cannot write {path}: {_reason(exc)}") from None
        raise


@contextlib.contextmanager
def atomic_writer(path: str | Path) -> Iterator[TextIO]:
    """A text handle whose content replaces ``path`` only once the block succeeds."""
    with atomic_path(path) as tmp:
        mode = "a" if tmp == Path(path) else "w"  # a device or pipe: never truncate it
        try:
            with tmp.open(mode, encoding="utf-8", newline="\n") as handle:
                yield handle
        except OSError as exc:
            if exc.errno not in WRITE_ERRORS:
                raise
            raise WriteError(f"cannot write {path}: {_reason(exc)}") from None


def temp_prefix(name: str) -> str:
    """``.<name>.``, with a long name cut and a hash of it added so that the temporary
    file's name stays within the file system's limit."""
    prefix = f".{name}."
    if len(prefix.encode("utf-8")) <= MAX_NAME - 64:
        return prefix
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    cut = name.encode("utf-8")[:120].decode("utf-8", "ignore")
    return f".{cut}~{digest}."


def sweep_stale_temporaries(folder: Path, name: str) -> int:
    """Remove the temporary files of ``name`` left in ``folder`` by processes of this host
    that no longer run. Returns how many."""
    prefix = temp_prefix(name)
    removed = 0
    try:
        entries = [e for e in os.scandir(folder)
                   if e.name.startswith(prefix) and e.name.endswith(_TEMP_SUFFIX)]
    except OSError:
        return 0
    for entry in entries:
        host, _, rest = entry.name[len(prefix):].partition("-")
        pid, _, _ = rest.partition("-")
        if host != _HOST or not pid.isdigit() or _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed += 1
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process
        return True
    return True


def _mode_for(target: Path) -> int:
    """The permission bits the file will have: the old file's, or what the umask allows."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(os.stat(target).st_mode)
    return 0o666 & ~current_umask()


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status") as status:
        for line in status:
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # no /proc: set and restore (not thread-safe, but brief)
    os.umask(mask)
    return mask


def _reason(exc: OSError) -> str:
    return WRITE_ERRORS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def check_output_folder(path: str | Path, option: str = "--out") -> None:
    """Raise ``BindingError`` unless ``path`` is a folder, or can be made one, that this
    process can write in: checked before hours of work, not after."""
    if not str(path).strip():
        raise BindingError(f"{option} is empty: give a folder (. for this one)")
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise BindingError(f"{option} {path} is a file: give a folder")
    existing = path
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if existing.exists() and not existing.is_dir():
        raise BindingError(f"{option} {path}: {existing} is a file, not a folder")
    if existing.exists() and not os.access(existing, os.W_OK | os.X_OK):
        raise BindingError(f"{option} {path}: cannot write in {existing} (read-only or no "
                           "permission): give a folder you can write to")
