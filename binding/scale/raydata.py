"""The parser as a Ray Data transform: ``map_batches`` with a class, one parser per actor.

    import ray
    from binding.scale.raydata import parse_dataset

    ray.init()
    captions = ray.data.read_parquet("s3://bucket/captions/")
    specs = parse_dataset(captions, column="caption", id_column="key")
    specs.write_parquet("s3://bucket/specs/")

Ray cuts the data into blocks, schedules them on the actors and streams the results; a block
whose actor dies is retried. Each actor loads spaCy and the grammar once (``SpecBatches``), so
a cluster parses at about one core's rate (see docs/performance.md) times the actors. Needs
``pip install 'prompt-binding[ray]'``.
"""

from __future__ import annotations

from typing import Any

from binding.extras import require
from binding.scale.batches import BatchParser
from binding.scale.workers import ParserSettings

BATCH_SIZE = 256  # rows per call: the parser's own batch; large enough to amortise the call


def _ray() -> Any:
    require("ray", "parsing with Ray")
    import ray
    import ray.data

    return ray


class SpecBatches:
    """A ``map_batches`` class: a pyarrow table in, the same table with ``spec``,
    ``n_entities``, ``n_bindings``, ``n_relations`` and ``truncated`` appended."""

    def __init__(self, column: str = "prompt", id_column: str | None = None,
                 settings: ParserSettings | None = None) -> None:
        settings = settings or ParserSettings()
        settings.prepare_process()  # an actor only parses: spaCy without torch where it can
        self.batch_parser = BatchParser(column, id_column, settings)

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        parser = self.batch_parser
        parser.check_columns(batch.column_names)
        ids = batch.column(parser.id_column).to_pylist() if parser.id_column else None
        added = parser.columns(batch.column(parser.column).to_pylist(), ids)
        types = {"spec": pa.string(), "n_entities": pa.int32(), "n_bindings": pa.int32(),
                 "n_relations": pa.int32(), "truncated": pa.bool_()}
        for name, values in added.items():
            batch = batch.append_column(pa.field(name, types[name]),
                                        pa.array(values, type=types[name]))
        return batch


def parse_dataset(dataset: Any, column: str = "prompt", id_column: str | None = None, *,
                  settings: ParserSettings | None = None,
                  actors: int | tuple[int, int] | None = None, cpus_per_actor: float = 1.0,
                  batch_size: int = BATCH_SIZE) -> Any:
    """``dataset`` with the spec columns added (lazily: Ray runs it when it is consumed).

    ``actors``: a number for a pool of that many parser actors, or ``(min, max)`` for a pool
    Ray grows as work queues up [default: from 1 to as many as the cluster's CPUs hold]. Each
    actor reserves ``cpus_per_actor`` CPUs: where the actors would take every CPU of the
    cluster (2 actors on 2 CPUs), give them less than one each (0.5), or Ray cannot schedule
    the tasks that read the data and waits forever. The input's own columns are kept; set
    ``DataContext.get_current().execution_options.preserve_order = True`` to keep its order.
    """
    ray = _ray()
    if actors is None:
        cpus = ray.cluster_resources().get("CPU", 1)
        actors = (1, max(1, int(cpus / cpus_per_actor)))
    pool = (ray.data.ActorPoolStrategy(size=actors) if isinstance(actors, int)
            else ray.data.ActorPoolStrategy(min_size=actors[0], max_size=actors[1]))
    return dataset.map_batches(
        SpecBatches, fn_constructor_kwargs={"column": column, "id_column": id_column,
                                            "settings": settings or ParserSettings()},
        batch_size=batch_size, batch_format="pyarrow", compute=pool, num_cpus=cpus_per_actor)
