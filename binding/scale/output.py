"""What a corpus run writes: one spec a line (JSONL), or Parquet with the spec's JSON text and
the flat columns people filter on.

Parquet columns: ``row`` (0-based position of the prompt in the input), ``id`` (the input's id,
or null), ``spec`` (the spec's JSON text, the same text as a JSONL line), ``n_entities``,
``n_bindings`` (modifiers bound to an entity), ``n_relations`` (entity-entity relations),
``truncated`` (the prompt is longer than the tokenizer's window).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from binding.atomic import atomic_path
from binding.scale.sources import require_pyarrow
from binding.scale.workers import Parsed

FORMATS = ("jsonl", "parquet")
COLUMNS = ("row", "id", "spec", "n_entities", "n_bindings", "n_relations", "truncated")
# min/max statistics for the columns one filters on; the spec's JSON text has none (they would
# cost space in every row group and tell a reader nothing)
STATISTICS = [name for name in COLUMNS if name != "spec"]


def output_format(path: str) -> str:
    """``parquet`` for a ``.parquet``/``.pq`` file, else ``jsonl``."""
    return "parquet" if Path(path).suffix.lower() in (".parquet", ".pq") else "jsonl"


def arrow_schema() -> Any:
    pa = require_pyarrow("writing Parquet")
    return pa.schema([
        pa.field("row", pa.int64(), nullable=False),
        pa.field("id", pa.string()),
        pa.field("spec", pa.string(), nullable=False),
        pa.field("n_entities", pa.int32(), nullable=False),
        pa.field("n_bindings", pa.int32(), nullable=False),
        pa.field("n_relations", pa.int32(), nullable=False),
        pa.field("truncated", pa.bool_(), nullable=False),
    ])


def arrow_table(rows: Sequence[Parsed]) -> Any:
    """The rows as an Arrow table of ``arrow_schema()``."""
    pa = require_pyarrow("writing Parquet")
    return pa.Table.from_pydict({name: [getattr(r, name) for r in rows] for name in COLUMNS},
                                schema=arrow_schema())


def jsonl_text(rows: Iterable[Parsed]) -> str:
    return "".join(r.spec + "\n" for r in rows)


def write_shard(path: Path, rows: Sequence[Parsed], format: str) -> None:
    """One shard's rows, written atomically: the file is whole or absent."""
    with atomic_path(path) as tmp:
        if format == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(arrow_table(rows), tmp, write_statistics=STATISTICS)
        else:
            tmp.write_text(jsonl_text(rows), encoding="utf-8", newline="\n")


def assemble(parts: Sequence[Path], output: str, format: str) -> None:
    """The shards, in order, as one output file (written atomically). Streams shard by shard:
    memory holds one shard at a time."""
    with atomic_path(output) as tmp:
        if format == "parquet":
            import pyarrow.parquet as pq

            with pq.ParquetWriter(tmp, arrow_schema(), write_statistics=STATISTICS) as writer:
                for part in parts:
                    writer.write_table(pq.ParquetFile(part).read())
        else:
            with open(tmp, "wb") as target:
                for part in parts:
                    with open(part, "rb") as source:
                        shutil.copyfileobj(source, target)
