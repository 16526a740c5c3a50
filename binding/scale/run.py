"""A whole corpus through the parser: checked, sharded, parsed on every core, resumable.

    check    every record is read once and checked (nothing is written if one is bad)
    plan     rows are cut into shards of ``shard_size``
    resume   shards listed in the work folder's manifest are skipped
    parse    the other shards' rows go, in chunks, to ``n_process`` workers; results come
             back in order and each shard is written atomically as soon as it is complete
    finish   the shards are joined into the output (atomically) and the work folder removed

Without an output file the specs stream to a text handle (stdout) in order, with no shards.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from binding import __version__
from binding.errors import BindingError
from binding.scale.output import assemble, output_format, write_shard
from binding.scale.records import checked, count_checked
from binding.scale.shards import ShardPlan, WorkFolder
from binding.scale.sources import Source, require_pyarrow
from binding.scale.workers import Chunk, ChunkResult, Parsed, ParserSettings, parse_chunks

DEFAULT_SHARD_SIZE = 10_000
TRUNCATED_SHOWN = 5  # rows named in the summary; the output's truncated flag has them all


@dataclass
class Summary:
    """What a run did: for the closing line and for programs."""

    rows: int  # rows of the corpus
    shards: int  # shards of the corpus
    resumed_shards: int = 0  # shards a previous run had finished
    parsed_rows: int = 0  # rows parsed by this run
    seconds: float = 0.0  # parsing time of this run
    truncated: int = 0
    truncated_rows: list[int] = field(default_factory=list)
    weighting_warnings: int = 0  # prompts whose brackets were read as plain text
    first_weighting_warning: str | None = None

    @property
    def lines_per_second(self) -> float:
        return self.parsed_rows / self.seconds if self.seconds else 0.0


class Progress:
    """Told what happens; shows it (``binding.scale.progress.Bar``) or ignores it."""

    def start(self, plan: ShardPlan, done_shards: int, rows_to_parse: int) -> None: ...

    def rows(self, count: int) -> None: ...

    def shard(self, shard: int) -> None: ...

    def close(self) -> None: ...


def parse_corpus(input: str, output: str | None = None, *, column: str = "prompt",
                 id_column: str | None = None, settings: ParserSettings | None = None,
                 n_process: int = 1, shard_size: int = DEFAULT_SHARD_SIZE,
                 stream: TextIO | None = None, progress: Progress | None = None,
                 name: str | None = None,
                 on_interrupt: Callable[[str], None] | None = None) -> Summary:
    """Parse every prompt of ``input`` (Parquet, Arrow IPC, JSONL or plain text) into
    ``output`` (``.parquet``: spec JSON + flat columns; otherwise JSONL, one spec a line), or
    into ``stream`` as JSONL when there is no output. Resumes an interrupted run of the same
    command. ``on_interrupt`` is told, in one line, what a failed or stopped run left behind."""
    settings = settings or ParserSettings()
    progress = progress or Progress()
    source = Source(input, column, id_column, name=name)
    if output is not None:
        _check_output(output)
    format = output_format(output) if output is not None else "jsonl"
    if format == "parquet":
        require_pyarrow(f"writing {output}")
    plan = ShardPlan(count_checked(source, shard_size), shard_size)
    summary = Summary(rows=plan.rows, shards=plan.count)
    work = None
    done: set[int] = set()
    if output is not None:
        header = {"binding": __version__, "input": _identity(source), "parser":
                  settings.describe(), "shard_size": shard_size, "rows": plan.rows,
                  "format": format}
        work = WorkFolder(Path(f"{output}.parts"), header, format)
        done = work.open()
    summary.resumed_shards = len(done)
    progress.start(plan, len(done), plan.rows - sum(plan.size_of(k) for k in done))
    written = len(done)
    try:
        started = time.perf_counter()
        results = parse_chunks(_chunks(source, plan, done, settings.batch_size), settings,
                               n_process)
        for shard, rows in _shards(results, plan, source, progress, summary):
            summary.parsed_rows += len(rows)
            for r in rows:
                if r.truncated:
                    summary.truncated += 1
                    if len(summary.truncated_rows) < TRUNCATED_SHOWN:
                        summary.truncated_rows.append(r.row)
            if work is not None:
                write_shard(work.part(shard), rows, format)
                work.finished(shard, len(rows))
                written += 1
            elif stream is not None:
                stream.write("".join(r.spec + "\n" for r in rows))
            progress.shard(shard)
        summary.seconds = time.perf_counter() - started
        if work is not None:
            assemble([work.part(k) for k in range(plan.count)], output, format)  # type: ignore[arg-type]
    except BaseException:
        if work is not None:
            if written == 0:
                work.remove()  # nothing done: leave nothing behind
            elif on_interrupt is not None:
                on_interrupt(f"{work.folder} keeps {written} of {plan.count} shards: run the "
                             "same command again to resume")
        raise
    finally:
        progress.close()
    if work is not None:
        work.remove()
    return summary


def _check_output(output: str) -> None:
    """Refuse an output that cannot be written before hours of parsing, not after."""
    path = Path(output)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise BindingError(f"cannot write {path}: it is a folder: give a file name")
    if not folder.is_dir():
        raise BindingError(f"cannot write {path}: folder {folder} does not exist")


def _identity(source: Source) -> dict[str, Any]:
    """The input as a resumed run must find it again: for a named file its path, size and
    modification time; for stdin (spooled to a temporary file) a hash of what was read."""
    if source.name != "stdin":
        return source.fingerprint()
    digest = hashlib.sha256()
    with open(source.path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"stdin_sha256": digest.hexdigest(), "column": source.column,
            "id_column": source.id_column}


def _chunks(source: Source, plan: ShardPlan, done: set[int], size: int) -> Iterator[Chunk]:
    """The rows of the shards not done yet, in order, in chunks of at most ``size`` that never
    cross a shard's edge."""
    rows: list[int] = []
    prompts: list[str] = []
    ids: list[str | None] = []
    shard = -1
    for batch in checked(source, plan.shard_size):
        for record in batch:
            k = plan.shard_of(record.row)
            if k in done:
                continue
            if rows and (k != shard or len(rows) >= size):
                yield Chunk(rows, prompts, ids)
                rows, prompts, ids = [], [], []
            shard = k
            rows.append(record.row)
            prompts.append(record.prompt)
            ids.append(record.id)
    if rows:
        yield Chunk(rows, prompts, ids)


def _shards(results: Iterator[ChunkResult], plan: ShardPlan, source: Source,
            progress: Progress, summary: Summary) -> Iterator[tuple[int, list[Parsed]]]:
    """Chunk results gathered into whole shards, in order."""
    current: list[Parsed] = []
    shard = -1
    for result in results:
        progress.rows(len(result.parsed))
        summary.weighting_warnings += len(result.weighting_warnings)
        if result.weighting_warnings and summary.first_weighting_warning is None:
            summary.first_weighting_warning = result.weighting_warnings[0]
        if result.error is not None:
            row = result.failed_row if result.failed_row is not None else -1
            raise BindingError(f"{source.name}, shard {plan.shard_of(row)}, row {row}: "
                               f"{result.error}")
        for parsed in result.parsed:
            if not current:
                shard = plan.shard_of(parsed.row)
            current.append(parsed)
            if len(current) == plan.size_of(shard):
                yield shard, current
                current = []
    if current:
        raise RuntimeError(f"shard {shard} ended with {len(current)} of "
                           f"{plan.size_of(shard)} rows")  # a bug, not bad input
