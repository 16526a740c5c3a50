"""The parser over pandas DataFrames, for Spark's ``mapInPandas`` (and anything else that hands
out an iterator of frames): the parser is built once per partition's iterator.

    from functools import partial
    from binding.scale.frames import SPARK_COLUMNS, parse_frames

    captions = spark.read.parquet("captions/")
    schema = ", ".join(f"{f.name} {f.dataType.simpleString()}" for f in captions.schema.fields)
    specs = captions.mapInPandas(partial(parse_frames, column="caption", id_column="key"),
                                 schema=f"{schema}, {SPARK_COLUMNS}")
    specs.write.parquet("specs/")

Each Spark task runs ``parse_frames`` once over its partition, so the parser (spaCy and the
grammar, about a second and a few hundred MB) loads once per task, not once per frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from binding.scale.batches import BatchParser
from binding.scale.workers import ParserSettings

# the columns added, as a Spark DDL fragment
SPARK_COLUMNS = ("spec string, n_entities int, n_bindings int, n_relations int, "
                 "truncated boolean")


def parse_frames(frames: Iterator[Any], column: str = "prompt", id_column: str | None = None,
                 settings: ParserSettings | None = None) -> Iterator[Any]:
    """Each frame with the spec columns appended (a copy; the input is not changed)."""
    parser: BatchParser | None = None
    for frame in frames:
        if parser is None:
            parser = BatchParser(column, id_column, settings)
        parser.check_columns([str(c) for c in frame.columns])
        ids = frame[id_column].tolist() if id_column else None
        added = parser.columns(frame[column].tolist(), ids)
        out = frame.copy()
        for name, values in added.items():
            out[name] = values
        yield out

