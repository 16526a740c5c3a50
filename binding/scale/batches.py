"""One batch of a distributed engine's table -> the same table with the spec columns added.

Shared by the Ray Data class (``binding.scale.raydata``) and the pandas function Spark calls
(``binding.scale.frames``): the engine cuts the corpus and moves the data, this parses a batch
with a parser built once per worker. The columns added are those of ``binding parse
--output FILE.parquet`` (``binding.scale.output``) except ``row`` and ``id``, which the
engine's table has already (its own columns are kept).
"""

from __future__ import annotations

from typing import Any

from binding.errors import BindingError
from binding.prompt import check_prompt
from binding.scale.workers import Chunk, ParserSettings, parse_chunk

ADDED = ("spec", "n_entities", "n_bindings", "n_relations", "truncated")


class BatchParser:
    """Columns of specs for a column of prompts; the parser is built once, on creation."""

    def __init__(self, column: str = "prompt", id_column: str | None = None,
                 settings: ParserSettings | None = None) -> None:
        self.column = column
        self.id_column = id_column
        self.settings = settings or ParserSettings()
        self.parser = self.settings.build()

    def columns(self, prompts: list[Any], ids: list[Any] | None = None) -> dict[str, list[Any]]:
        """``{"spec": [...], "n_entities": [...], ...}`` for ``prompts``, in order."""
        ids = [None if i is None else str(i) for i in ids] if ids is not None else \
            [None] * len(prompts)
        for n, (prompt, id) in enumerate(zip(prompts, ids, strict=True)):
            check_prompt(prompt, self._where(n, id))
        result = parse_chunk(self.parser, Chunk(list(range(len(prompts))), prompts, ids),
                             self.settings.weighting)
        if result.error is not None:
            assert result.failed_row is not None
            raise BindingError(f"{self._where(result.failed_row, ids[result.failed_row])}: "
                               f"{result.error}")
        return {name: [getattr(p, name) for p in result.parsed] for name in ADDED}

    def _where(self, n: int, id: str | None) -> str:
        named = f" (id {id!r})" if id is not None else ""
        return f"column {self.column!r}, row {n} of the batch{named}"

    def check_columns(self, names: list[str]) -> None:
        for wanted in (self.column, self.id_column):
            if wanted is not None and wanted not in names:
                raise BindingError(f"the data has no column {wanted!r}: its columns are "
                                   f"{', '.join(names)}")
