"""``binding parse --input FILE``: a corpus file through ``binding.scale.parse_corpus``."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from typing import Any, TextIO

import click

from binding.errors import BindingError
from binding.scale import ParserSettings, parse_corpus
from binding.scale.output import output_format
from binding.scale.progress import Bar, summary_line

PROGRESS_FROM = 100  # prompts; fewer finish before a bar would be worth drawing


def parse_input(input_path: str, output_path: str | None, *, column: str,
                id_column: str | None, n_process: int, shard_size: int,
                progress: bool | None, settings: ParserSettings) -> None:
    """Parse the file, print a summary (with ``--output`` or a bar) on stderr."""
    with _readable(input_path) as (path, name), _stream(output_path) as stream:
        show = progress if progress is not None else (sys.stderr.isatty() and _large(path))
        bar = Bar() if show else None
        summary = parse_corpus(path, None if stream else output_path, column=column,
                               id_column=id_column, settings=settings, n_process=n_process,
                               shard_size=shard_size, stream=stream, progress=bar,
                               name=name, on_interrupt=lambda note: click.echo(
                                   f"note: {note}", err=True))
    if output_path is not None or bar is not None:
        click.echo(summary_line(summary, output_path), err=True)
    elif summary.truncated:
        rows = ", ".join(str(r) for r in summary.truncated_rows)
        click.echo(f"warning: {summary.truncated} prompt(s) longer than the tokenizer's window: "
                   f"words past the cut get no token indices (rows {rows}"
                   f"{', ...' if summary.truncated > len(summary.truncated_rows) else ''})",
                   err=True)


def _large(path: str) -> bool:
    """About 100 prompts or more (the bar is not worth drawing for fewer)."""
    with contextlib.suppress(OSError):
        return os.path.getsize(path) >= PROGRESS_FROM * 40
    return False


@contextlib.contextmanager
def _stream(output_path: str | None) -> Iterator[TextIO | None]:
    """Where specs stream to as they come: stdout, or a device or pipe given as --output
    (``/dev/null``, a FIFO), which has no folder for shards and nothing to rename over. A file
    gets shards and is written at the end, atomically (None)."""
    if output_path is None:
        yield sys.stdout
        return
    try:
        mode = os.stat(output_path).st_mode
    except OSError:
        yield None
        return
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        yield None
        return
    if output_format(output_path) == "parquet":
        raise BindingError(f"cannot write Parquet to {output_path}: it is not a file")
    with open(output_path, "a", encoding="utf-8", newline="\n") as handle:
        yield handle


@contextlib.contextmanager
def _readable(input_path: str) -> Iterator[tuple[str, Any]]:
    """A path to read (stdin is spooled to a temporary file: a run reads its input twice)."""
    if input_path != "-":
        yield input_path, None
        return
    with tempfile.NamedTemporaryFile(prefix="binding-stdin-", suffix=".txt") as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.flush()
        yield spool.name, "stdin"
