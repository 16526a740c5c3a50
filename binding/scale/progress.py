"""Progress of a corpus run on stderr (lines a second, shards done and left, time left) and
the summary it closes with."""

from __future__ import annotations

import sys
from typing import Any, TextIO

from binding.scale.run import Progress, Summary
from binding.scale.shards import ShardPlan


class Bar(Progress):
    """A tqdm bar over the rows still to parse; its postfix counts shards."""

    def __init__(self, file: TextIO | None = None) -> None:
        self.file = file or sys.stderr
        self.bar: Any = None
        self.done = 0
        self.count = 0

    def start(self, plan: ShardPlan, done_shards: int, rows_to_parse: int) -> None:
        from tqdm import tqdm

        self.done, self.count = done_shards, plan.count
        self.bar = tqdm(total=rows_to_parse, unit="line", unit_scale=True, file=self.file,
                        desc="parsing", dynamic_ncols=True)
        self._postfix()

    def rows(self, count: int) -> None:
        if self.bar is not None:
            self.bar.update(count)

    def shard(self, shard: int) -> None:
        self.done += 1
        self._postfix()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()

    def _postfix(self) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(f"shards {self.done}/{self.count}, "
                                     f"{self.count - self.done} left")


def summary_line(summary: Summary, output: str | None) -> str:
    """``parsed 100,000 lines in 10 shards (2 resumed) in 2 min 26 s, 685 lines/s; 12
    truncated (rows 3, 17, ...): specs.parquet``."""
    resumed = f" ({summary.resumed_shards} done before, resumed)" if summary.resumed_shards \
        else ""
    shards = "shard" if summary.shards == 1 else "shards"
    line = (f"parsed {summary.parsed_rows:,} of {summary.rows:,} lines in {summary.shards:,} "
            f"{shards}{resumed} in {_duration(summary.seconds)}, "
            f"{summary.lines_per_second:,.0f} lines/s")
    if summary.truncated:
        rows = ", ".join(str(r) for r in summary.truncated_rows)
        more = ", ..." if summary.truncated > len(summary.truncated_rows) else ""
        line += (f"; {summary.truncated:,} longer than the tokenizer's window, words past the "
                 f"cut without token indices (rows {rows}{more})")
    if summary.weighting_warnings:
        line += (f"; {summary.weighting_warnings:,} with brackets read as plain text (first: "
                 f"{summary.first_weighting_warning})")
    return line + (f": {output}" if output else "")


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes} min {rest} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"
