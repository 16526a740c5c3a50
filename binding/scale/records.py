"""Checking corpus records, and naming where a bad one is: the file, the shard and the row.

A corpus run checks every record before it parses any (one pass over the prompt column, far
cheaper than parsing), so bad input stops the run before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from binding.errors import BindingError
from binding.prompt import check_prompt
from binding.scale.sources import NotText, RawRecord, Source


@dataclass(frozen=True)
class Record:
    """A checked prompt: its row in the corpus, the text and its id (text or None)."""

    row: int
    prompt: str
    id: str | None = None


def where(source: Source, raw: RawRecord, shard_size: int) -> str:
    """``captions.parquet, shard 3, row 30012`` or ``prompts.txt:41 (shard 0, row 39)``."""
    shard = raw.row // shard_size
    if raw.line is not None:
        return f"{source.name}:{raw.line} (shard {shard}, row {raw.row})"
    return f"{source.name}, shard {shard}, row {raw.row}"


def check_record(source: Source, raw: RawRecord, shard_size: int) -> Record:
    """The record, or a ``BindingError`` whose one line says where and what is wrong."""
    if raw.problem is not None:
        raise BindingError(f"{where(source, raw, shard_size)}: {raw.problem}")
    prompt = raw.prompt
    if isinstance(prompt, NotText):
        raise BindingError(f"{where(source, raw, shard_size)}: column {source.column!r} holds "
                           f"{prompt.type_name}, not text: name the prompts' column with "
                           "--column")
    if prompt is None:
        raise BindingError(f"{where(source, raw, shard_size)}: the prompt is missing (null): "
                           "drop the row or fill it in")
    check_prompt(prompt, f"{where(source, raw, shard_size)}: the prompt")
    id = raw.id
    if id is not None and not isinstance(id, str):
        if isinstance(id, bool) or not isinstance(id, int):
            raise BindingError(f'{where(source, raw, shard_size)}: "id" must be a string or an '
                               "integer")
        id = str(id)
    return Record(row=raw.row, prompt=prompt, id=id)


def checked(source: Source, shard_size: int, batches: Iterable[list[RawRecord]] | None = None
            ) -> Iterator[list[Record]]:
    """The corpus's records in order, a batch at a time, each checked."""
    for batch in batches if batches is not None else source.batches():
        yield [check_record(source, raw, shard_size) for raw in batch]


def count_checked(source: Source, shard_size: int) -> int:
    """Check every record of the corpus (reading only what a check needs) and count them."""
    total = 0
    for batch in checked(source, shard_size):
        total += len(batch)
    if not total:
        raise BindingError(f"{source.name} has no prompts: write one prompt per line (or row)")
    return total
