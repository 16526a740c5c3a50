"""Parsing chunks of prompts on every core: one parser per worker process, results in order.

spaCy's own ``nlp.pipe(n_process=...)`` would only spread the parse; binding's grammar,
alignment and spec building (a third of the time) would stay on one core, and every Doc would
be pickled back. Here each worker loads the whole ``Parser`` once and sends back finished rows
(the spec's JSON text and its flat columns), so the work divides by the number of workers.

Workers are started with ``spawn`` (no inherited threads or locks: the CLIP tokenizer's thread
pool does not survive a fork). At most ``2 × n_process`` chunks are in flight, so memory does
not grow with the corpus, and chunks come back in the order they were given: the output is the
same, byte for byte, whatever the number of processes.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from binding.errors import BindingError

# one thread per worker for the numeric libraries: the workers are the parallelism
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                     "TOKENIZERS_PARALLELISM")
PARENT_CHECK_SECONDS = 0.5


@dataclass(frozen=True)
class ParserSettings:
    """Everything a worker needs to build the same ``Parser`` as the caller (picklable)."""

    model: str | None = None
    grammar: str | None = None
    tokenizer: str | None = "clip"
    frontend: str = "spacy"
    options: dict[str, Any] = field(default_factory=dict)
    batch_size: int = 256
    weighting: str = "auto"  # the prompts' weighting syntax (binding.weighting)

    def build(self) -> Any:
        from binding.pipeline import Parser, get_parser

        if self.frontend == "spacy" and not self.options:
            return get_parser(self.model, self.grammar, self.tokenizer)
        return Parser(model=self.model, grammar=self.grammar, tokenizer=self.tokenizer,
                      frontend=self.frontend, **self.options)

    def prepare_process(self) -> None:
        """For a process that only parses (a worker, an actor, the command): import spaCy
        without torch where the pipeline needs none (``binding.frontends.torchless``)."""
        if self.frontend == "spacy":
            from binding.frontends.torchless import import_spacy_without_torch

            import_spacy_without_torch(self.model)

    def describe(self) -> dict[str, Any]:
        """What a resumed run must share with the run it continues."""
        return {"model": self.model, "grammar": self.grammar, "tokenizer": self.tokenizer,
                "frontend": self.frontend, "weighting": self.weighting,
                "options": {k: v if isinstance(v, (str, int, float, bool, type(None))) else
                            repr(v) for k, v in sorted(self.options.items())}}


@dataclass(frozen=True)
class Chunk:
    """Prompts to parse together, with their corpus rows and ids."""

    rows: list[int]
    prompts: list[str]
    ids: list[str | None]


@dataclass(frozen=True)
class Parsed:
    """One parsed prompt as the output stores it."""

    row: int
    id: str | None
    spec: str  # the spec's JSON text, as ``binding parse --json`` prints it
    n_entities: int
    n_bindings: int
    n_relations: int
    truncated: bool


@dataclass(frozen=True)
class ChunkResult:
    """A chunk's rows in order, or the first row that failed and why; and the weighting
    warnings its prompts raised (brackets read as plain text)."""

    parsed: list[Parsed]
    failed_row: int | None = None
    error: str | None = None
    weighting_warnings: list[str] = field(default_factory=list)


def parse_chunk(parser: Any, chunk: Chunk, weighting: str = "auto") -> ChunkResult:
    """Parse a chunk in this process. A ``BindingError`` is traced to the row that raised it.
    Truncation is counted from each row's flag, weighting warnings are handed back: nothing is
    printed per prompt (a corpus has millions)."""
    from binding.binder import TruncationWarning
    from binding.weighting import WeightingWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", TruncationWarning)
        warnings.simplefilter("always", WeightingWarning)
        try:
            specs = list(parser.pipe(chunk.prompts, ids=chunk.ids,
                                     batch_size=len(chunk.prompts), weighting=weighting))
        except BindingError:
            return _find_failure(parser, chunk, weighting)
    notes = [str(w.message) for w in caught if issubclass(w.category, WeightingWarning)]
    return ChunkResult([_parsed(row, spec) for row, spec in zip(chunk.rows, specs,
                                                                  strict=True)],
                       weighting_warnings=notes)


def _find_failure(parser: Any, chunk: Chunk, weighting: str) -> ChunkResult:
    parsed = []
    for row, prompt, id in zip(chunk.rows, chunk.prompts, chunk.ids, strict=True):
        try:
            spec = next(parser.pipe([prompt], ids=[id], weighting=weighting))
        except BindingError as exc:
            return ChunkResult(parsed, failed_row=row, error=str(exc))
        parsed.append(_parsed(row, spec))
    return ChunkResult(parsed)  # the chunk failed as a whole only: no row is to blame


def _parsed(row: int, spec: Any) -> Parsed:
    return Parsed(row=row, id=spec.id, spec=spec.model_dump_json(),
                  n_entities=len(spec.entities),
                  n_bindings=sum(len(e.modifiers) for e in spec.entities),
                  n_relations=len(spec.relations),
                  truncated=bool(spec.tokens is not None and spec.tokens.truncated))


# --- the worker side ----------------------------------------------------------------------------

_PARSER: Any = None
_SETTINGS: ParserSettings | None = None


def _start_worker(settings: ParserSettings) -> None:
    global _SETTINGS
    for name in _THREAD_VARIABLES:
        os.environ[name] = "false" if name == "TOKENIZERS_PARALLELISM" else "1"
    _SETTINGS = settings
    settings.prepare_process()
    threading.Thread(target=_leave_with_parent, args=(os.getppid(),), daemon=True).start()


def _leave_with_parent(parent: int) -> None:
    """Exit when the process that started this worker is gone (killed outright: it could not
    stop its workers). A worker waiting for its next chunk would otherwise wait forever: the
    pool's pipes stay open in its siblings."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _parse_in_worker(chunk: Chunk) -> ChunkResult:
    global _PARSER
    if _PARSER is None:  # built at the first chunk, so a failure comes back as itself
        assert _SETTINGS is not None
        _PARSER = _SETTINGS.build()
    return parse_chunk(_PARSER, chunk, _SETTINGS.weighting if _SETTINGS else "auto")


# --- the caller's side --------------------------------------------------------------------------


def parse_chunks(chunks: Iterable[Chunk], settings: ParserSettings, n_process: int = 1
                 ) -> Iterator[ChunkResult]:
    """Results of ``chunks`` in their order, parsed in this process (``n_process`` 1) or by a
    pool of ``n_process`` workers."""
    if n_process <= 1:
        parser = settings.build()
        for chunk in chunks:
            yield parse_chunk(parser, chunk, settings.weighting)
        return
    import multiprocessing

    pool = ProcessPoolExecutor(max_workers=n_process,
                               mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(settings,))
    finished = False
    try:
        window: deque[Future[ChunkResult]] = deque()
        for chunk in chunks:
            window.append(pool.submit(_parse_in_worker, chunk))
            if len(window) >= 2 * n_process:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:  # an error, Ctrl-C or the consumer stopped: stop the workers now
            _stop(pool)


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)
    # the pool's manager thread closes its wake-up pipe as it ends; left running, it races the
    # interpreter's exit hook, which writes to that pipe (Python 3.11: "Exception ignored ...
    # OSError: [Errno 9] Bad file descriptor" after the error line of a stopped run)
    if manager is not None:
        with contextlib.suppress(Exception):
            manager.join(timeout=5)
