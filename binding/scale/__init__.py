"""Parsing whole caption corpora: columnar I/O, every core, resumable shards, clusters.

- ``parse_corpus(input, output, ...)`` (``binding parse --input``): Parquet, Arrow IPC, JSONL
  or text in; Parquet or JSONL out; ``n_process`` workers; shards written atomically with a
  manifest, so a killed run resumes where it stopped.
- ``binding.scale.raydata``: the parser as a Ray Data ``map_batches`` class (one parser per
  actor), for clusters: ``pip install 'prompt-binding[ray]'``.
- ``binding.scale.frames``: the same over pandas DataFrames, for Spark's ``mapInPandas``.

Nothing here imports pyarrow, Ray or pandas until a run needs them.
"""

from __future__ import annotations

from binding.scale.run import DEFAULT_SHARD_SIZE, Summary, parse_corpus
from binding.scale.workers import ParserSettings

__all__ = ["DEFAULT_SHARD_SIZE", "ParserSettings", "Summary", "parse_corpus"]
