"""Reading caption corpora as a stream of record batches: Parquet, Arrow IPC, JSONL, plain text.

A corpus can be far larger than memory, so nothing here reads a whole file: Parquet and Arrow
come through pyarrow's record-batch readers (only the prompt and id columns are read), text and
JSONL line by line. Every record keeps its ``row`` (0-based position among the corpus's
prompts) and, for text files, its ``line``, so that a problem is named where a user can find
it. Values come out raw; ``binding.scale.records`` checks them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from binding.errors import BindingError
from binding.extras import require

READ_BATCH = 4096  # records per batch read from a file; memory stays flat with corpus size
COLUMNAR = (".parquet", ".pq", ".arrow", ".feather", ".ipc")
PARQUET_MAGIC = b"PAR1"
ARROW_MAGIC = b"ARROW1"


@dataclass(frozen=True)
class RawRecord:
    """One prompt as read, before it is checked. ``problem`` is set when the record could not
    even be read as text (undecodable bytes, broken JSON, a JSON line without the field)."""

    row: int
    prompt: Any
    id: Any = None
    line: int | None = None
    problem: str | None = None


def require_pyarrow(what: str) -> Any:
    """pyarrow, or a one-line error saying which extra brings it."""
    require("parquet", what)
    import pyarrow

    return pyarrow


def corpus_format(path: str) -> str:
    """``parquet``, ``arrow`` or ``text`` (plain text or JSONL), from the file's first bytes
    where it has them, else from its suffix."""
    if path == "-":
        return "text"
    try:
        with open(path, "rb") as handle:
            head = handle.read(6)
    except OSError as exc:
        raise BindingError(f"cannot read {path}: {exc.strerror}") from None
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    if head.startswith(ARROW_MAGIC):
        return "arrow"
    suffix = Path(path).suffix.lower()
    if suffix in (".parquet", ".pq"):
        return "parquet"  # not a Parquet file after all: reading it says so
    if suffix in COLUMNAR:
        return "arrow"
    return "text"


class Source:
    """A corpus file that can be read from the start as often as needed (once to check it and
    count its records, once to parse them, and again on resuming)."""

    def __init__(self, path: str, column: str = "prompt", id_column: str | None = None,
                 name: str | None = None) -> None:
        self.path = path
        self.name = name or path
        self.column = column
        self.id_column = id_column
        self.format = corpus_format(path)

    def batches(self, batch_size: int = READ_BATCH) -> Iterator[list[RawRecord]]:
        """Every record in order, a batch at a time."""
        if self.format == "text":
            yield from _text_batches(self.path, self.name, self.column, self.id_column,
                                     batch_size)
        else:
            yield from _columnar_batches(self, batch_size)

    def fingerprint(self) -> dict[str, Any]:
        """What identifies this input for resuming: path, size and modification time."""
        info = Path(self.path).stat()
        return {"path": str(Path(self.path).resolve()), "size": info.st_size,
                "mtime_ns": info.st_mtime_ns, "column": self.column,
                "id_column": self.id_column}


# --- text and JSONL -----------------------------------------------------------------------------


def _looks_like_jsonl(path: str, first: str) -> bool:
    return path.endswith((".jsonl", ".ndjson")) or first.lstrip().startswith("{")


def _text_batches(path: str, name: str, column: str, id_column: str | None,
                  batch_size: int) -> Iterator[list[RawRecord]]:
    """Plain text (one prompt a line) or JSONL objects; blank lines are skipped and do not
    count as rows. A UTF-8 byte order mark is dropped."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed below, after the generator ends)
    except OSError as exc:
        raise BindingError(f"cannot read {name}: {exc.strerror}") from None
    with handle:
        jsonl: bool | None = None
        row = 0
        batch: list[RawRecord] = []
        for number, chunk in enumerate(handle, start=1):
            if number == 1 and chunk.startswith(b"\xef\xbb\xbf"):
                chunk = chunk[3:]
            try:
                text = chunk.decode("utf-8")
            except UnicodeDecodeError as exc:
                record = RawRecord(row=row, prompt=None, line=number,
                                   problem=f"not UTF-8 text (byte {exc.start + 1} of the line): "
                                           "save the file as UTF-8")
            else:
                text = text.rstrip("\n").rstrip("\r")
                if not text.strip():
                    continue
                if jsonl is None:
                    jsonl = _looks_like_jsonl(path, text)
                record = (_json_record(row, number, text, column, id_column) if jsonl
                          else RawRecord(row=row, prompt=text.strip(), line=number))
            batch.append(record)
            row += 1
            if len(batch) >= batch_size:
                yield batch
                batch = []
        if batch:
            yield batch


def _json_record(row: int, number: int, text: str, column: str,
                 id_column: str | None) -> RawRecord:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawRecord(row=row, prompt=None, line=number,
                         problem=f"not valid JSON ({exc.msg})")
    if not isinstance(record, dict) or column not in record:
        return RawRecord(row=row, prompt=None, line=number,
                         problem=f'a JSONL line needs a "{column}" field')
    raw_id = record.get(id_column or "id")
    if id_column and id_column not in record:
        return RawRecord(row=row, prompt=None, line=number,
                         problem=f'the line has no "{id_column}" field (--id-column)')
    return RawRecord(row=row, prompt=record[column], id=raw_id, line=number)


# --- Parquet and Arrow IPC ----------------------------------------------------------------------


@dataclass(frozen=True)
class NotText:
    """Stands for a cell of a column that does not hold text (its Arrow type is named)."""

    type_name: str


def _is_text(arrow_type: Any, pa: Any) -> bool:
    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    return (pa.types.is_string(arrow_type) or pa.types.is_large_string(arrow_type)
            or getattr(pa.types, "is_string_view", lambda _: False)(arrow_type))


def _is_integer(arrow_type: Any, pa: Any) -> bool:
    if pa.types.is_dictionary(arrow_type):
        arrow_type = arrow_type.value_type
    return bool(pa.types.is_integer(arrow_type))


def _columnar_batches(source: Source, batch_size: int) -> Iterator[list[RawRecord]]:
    pa = require_pyarrow(f"reading {source.name}")
    schema, read = _open_columnar(source, pa)
    names = schema.names
    if source.column not in names:
        raise BindingError(f"{source.name} has no column {source.column!r}: its columns are "
                           f"{', '.join(names)}; name the prompts' column with --column")
    id_column = source.id_column
    if id_column is not None and id_column not in names:
        raise BindingError(f"{source.name} has no column {id_column!r} (--id-column): its "
                           f"columns are {', '.join(names)}")
    if id_column is None and "id" in names and source.column != "id":
        id_column = "id"  # as a JSONL line's "id"
    prompt_type = schema.field(source.column).type
    not_text = None if _is_text(prompt_type, pa) else NotText(str(prompt_type))
    if id_column is not None:
        id_type = schema.field(id_column).type
        if not (_is_text(id_type, pa) or _is_integer(id_type, pa)):
            raise BindingError(f"{source.name}: the id column {id_column!r} holds {id_type}: "
                               "ids must be text or integers")
    columns = [source.column] + ([id_column] if id_column else [])
    row = 0
    batches = read(columns, batch_size)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            raise BindingError(f"{source.name} is damaged: reading row {row} on failed "
                               f"({_first_line(exc)}): check the file, or write it again"
                               ) from None
        prompts = batch.column(0).to_pylist() if not_text is None else [not_text] * batch.num_rows
        ids = batch.column(1).to_pylist() if id_column else [None] * batch.num_rows
        yield [RawRecord(row=row + n, prompt=p, id=None if i is None else
                         (i if isinstance(i, str) else str(i)))
               for n, (p, i) in enumerate(zip(prompts, ids, strict=True))]
        row += batch.num_rows


def _open_columnar(source: Source, pa: Any) -> tuple[Any, Any]:
    """The file's schema and a function (columns, batch size) -> record batches."""
    kind = "Parquet" if source.format == "parquet" else "Arrow IPC"
    try:
        if source.format == "parquet":
            import pyarrow.parquet as pq

            parquet = pq.ParquetFile(source.path)

            def read_parquet(columns: list[str], batch_size: int) -> Iterator[Any]:
                # a row group at a time, so that a damaged one is found where it starts
                for group in range(parquet.num_row_groups):
                    yield from parquet.iter_batches(batch_size=batch_size, columns=columns,
                                                    row_groups=[group], use_threads=False)

            return parquet.schema_arrow, read_parquet
        import pyarrow.ipc as ipc

        try:
            arrow = ipc.open_file(pa.memory_map(source.path))
        except (OSError, ValueError):  # not the file format: the stream format, or broken
            stream = ipc.open_stream(pa.memory_map(source.path))

            def read_stream(columns: list[str], batch_size: int) -> Iterator[Any]:
                for batch in stream:
                    yield from _slices(batch.select(columns), batch_size)

            return stream.schema, read_stream

        def read_file(columns: list[str], batch_size: int) -> Iterator[Any]:
            for n in range(arrow.num_record_batches):
                yield from _slices(arrow.get_batch(n).select(columns), batch_size)

        return arrow.schema, read_file
    except (OSError, ValueError) as exc:
        raise BindingError(f"{source.name} is not a readable {kind} file "
                           f"({_first_line(exc)}): check the file, or write it again") from None


def _slices(batch: Any, size: int) -> Iterator[Any]:
    for start in range(0, batch.num_rows, size):
        yield batch.slice(start, size)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else type(exc).__name__
