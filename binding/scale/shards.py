"""Shards and the manifest that makes a corpus run resumable.

The corpus is cut into shards of ``shard_size`` consecutive rows. Each finished shard is
written atomically (``part-000003.jsonl`` appears whole or not at all), and only then is a line
appended to ``manifest.jsonl`` in the same folder. A run that is killed at any moment therefore
leaves shards that are whole and listed, at most one whole shard that is not listed yet (it is
parsed again), and no half shard; re-running the same command parses only what is missing, and
every row ends up in exactly one shard.

The manifest's first line says what the run is (the input's path, size and modification time,
the columns, the parser's settings, the shard size, the row count, the output format): a
folder left by a different run is refused rather than mixed in.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from binding.errors import BindingError

MANIFEST = "manifest.jsonl"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class ShardPlan:
    """``rows`` rows cut into shards of ``shard_size``: shard ``k`` holds rows
    ``[k × shard_size, min((k + 1) × shard_size, rows))``."""

    rows: int
    shard_size: int

    @property
    def count(self) -> int:
        return -(-self.rows // self.shard_size)

    def shard_of(self, row: int) -> int:
        return row // self.shard_size

    def size_of(self, shard: int) -> int:
        return min(self.shard_size, self.rows - shard * self.shard_size)


class WorkFolder:
    """The folder of a run's shards and its manifest (``specs.parquet.parts/`` beside the
    output, removed once the output is assembled)."""

    def __init__(self, folder: Path, header: dict[str, Any], format: str) -> None:
        self.folder = folder
        self.header = {"manifest": MANIFEST_VERSION, **header}
        self.format = format
        self.manifest = folder / MANIFEST

    def part(self, shard: int) -> Path:
        return self.folder / f"part-{shard:06d}.{self.format}"

    def open(self) -> set[int]:
        """Create the folder or reopen a previous run's; the shards already done."""
        if not self.folder.exists():
            try:
                self.folder.mkdir()
            except OSError as exc:
                raise BindingError(f"cannot make {self.folder}: {exc.strerror}") from None
            self._append(self.header)
            return set()
        if not self.manifest.is_file():
            raise BindingError(f"{self.folder} exists but is not a binding run's shard folder "
                               f"(no {MANIFEST}): move it away or choose another --output")
        lines = self.manifest.read_text(encoding="utf-8").splitlines()
        try:
            header = json.loads(lines[0]) if lines else None
        except json.JSONDecodeError:
            header = None
        if header != self.header:
            raise BindingError(f"{self.folder} holds the shards of a different run "
                               f"({_difference(header, self.header)}): rerun the same "
                               "command to resume it, or delete the folder to start anew")
        done = set()
        for line in lines[1:]:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line torn by a kill: its shard is parsed again
            if isinstance(entry, dict) and self.part(entry.get("shard", -1)).is_file():
                done.add(entry["shard"])
        if lines and not self.manifest.read_bytes().endswith(b"\n"):
            with open(self.manifest, "ab") as handle:  # end the torn line before appending
                handle.write(b"\n")
        return done

    def finished(self, shard: int, rows: int) -> None:
        """Record a shard whose file has been written (atomically, before this is called)."""
        self._append({"shard": shard, "rows": rows, "file": self.part(shard).name})

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def _append(self, entry: dict[str, Any]) -> None:
        with open(self.manifest, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(entry, sort_keys=True) + "\n")
            handle.flush()
            with contextlib.suppress(OSError):
                os.fsync(handle.fileno())


def _difference(found: Any, wanted: dict[str, Any]) -> str:
    if not isinstance(found, dict):
        return "its manifest is unreadable"
    for key in wanted:
        if found.get(key) != wanted[key]:
            return f"{key} differs: {json.dumps(found.get(key))[:80]} there, " \
                   f"{json.dumps(wanted[key])[:80]} now"
    return "its manifest differs"
