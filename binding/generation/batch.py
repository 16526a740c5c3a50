"""Batch rendering: a JSONL file of specs × methods × seeds, on one GPU or many, resumable.

The work list is every (spec line, method, seed) item, grouped by (spec line, method) so that
the seeds of a group render in one batched call. Groups are dealt round-robin to the
processes of an ``accelerate launch`` (rank r takes groups r, r + n, r + 2n ...): the split
depends only on the specs file and the arguments, so every process computes the same one and
no item is rendered twice.

Each process appends to its own manifest, ``OUT/_batch/manifest.rank<r>of<n>.jsonl``, one
flushed and fsynced line per finished or failed item. An item is done when a manifest line says
so for the same settings (a fingerprint of spec, method, seed, model and every sampling
setting) and its image and run record exist; everything else is rendered on the next run. All
files are written atomically (temp + rename): an interrupted run leaves whole files or none.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import signal
import sys
import time
import uuid
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from binding.atomic import WRITE_ERRORS, WriteError, atomic_writer
from binding.errors import BindingError
from binding.generation.config import RenderConfig, make_config
from binding.generation.lock import FolderLock
from binding.generation.outputs import image_stem, prompt_id
from binding.spec import Spec, iter_spec_lines

BATCH_DIR = "_batch"  # prompt ids never start with "_" (binding.names): no prompt can clash
SUMMARY_WAIT = 0.5  # seconds between looks for the other processes' summaries
WAIT_NOTE = 600  # seconds between "waiting for process ..." lines


class BatchInterrupted(BaseException):
    """Ctrl-C or SIGTERM: the items in progress were dropped whole, finished ones are kept.
    A BaseException, so that no ``except Exception`` on the way swallows it."""

    def __init__(self, reason: str, summary: Summary | None = None) -> None:
        super().__init__(reason)
        self.summary = summary


class Settings(RenderConfig):
    """Everything besides spec, method and seed that changes an image: the render
    configuration (its ``params`` are every ``--param`` given; each method takes its own) and
    how the model is loaded. A run into an output folder made with other settings renders its
    items again instead of skipping them."""

    model: str
    scheduler: str | None = None
    dtype: str | None = None
    safety_checker: bool = True  # a flagged image comes out black without it

    def fingerprint(self, spec: Spec, method: str, seed: int) -> str:
        """A hash of every field (``method``: the item's), the spec and the seed. Fields added
        after the first release (``safety_checker``) count only when set away from their
        default, so folders rendered before they existed still resume."""
        data = {**self.model_dump(exclude=_LATER_FIELDS), "spec": json.loads(
            spec.model_dump_json()), "method": method, "seed": seed}
        data["params"] = dict(sorted(self.params.items()))
        for name in _LATER_FIELDS:
            if getattr(self, name) != type(self).model_fields[name].default:
                data[name] = getattr(self, name)
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    def render_config(self, method: str, params: Mapping[str, Any]) -> RenderConfig:
        """The configuration ``render`` gets for one (method, its parameters)."""
        return make_config(RenderConfig, self, {"method": method, "params": dict(params)})


_LATER_FIELDS = {"safety_checker"}


@dataclass(frozen=True)
class Group:
    """The seeds of one (spec line, method): rendered together, in chunks of the batch size."""

    line: int
    spec: Spec
    method: str
    params: dict[str, str]
    seeds: tuple[int, ...]

    @property
    def folder(self) -> str:
        return prompt_id(self.spec)

    def key(self, seed: int) -> str:
        """The item's name: its output path without suffix, ``<prompt-id>/<method>_<seed>``."""
        return f"{self.folder}/{image_stem(self.method, seed)}"


@dataclass
class Work:
    """The whole batch as read from the specs file: groups, and the lines that were skipped."""

    groups: list[Group]
    bad_lines: list[tuple[int, str]]  # (line number, message)
    specs: int  # valid, distinct spec lines
    repeats: list[tuple[int, int]] = field(default_factory=list)  # (line, line it repeats)

    @property
    def items(self) -> int:
        return sum(len(g.seeds) for g in self.groups)


def method_params(methods: Sequence[str], params: Mapping[str, str]) -> list[dict[str, str]]:
    """The ``--param`` values each method takes (a parameter goes to every method that has
    it); a parameter no method has is an error, as it is for ``binding render``."""
    from binding.generation.methods import parse_method

    per_method: list[dict[str, str]] = []
    taken: set[str] = set()
    for method in methods:
        names = {(c.method.name, p) for c in parse_method(method) for p in c.method.defaults}
        mine = {}
        for key, value in params.items():
            target, _, param = key.rpartition(".")
            if any(p == param and target in ("", name) for name, p in names):
                mine[key] = value
                taken.add(key)
        parse_method(method, mine)  # values of the wrong type fail here, before any render
        per_method.append(mine)
    unknown = [key for key in params if key not in taken]
    if unknown:
        raise BindingError(f"no method of {', '.join(methods)} has parameter {unknown[0]!r}")
    return per_method


def read_work(path: str | Path, methods: Sequence[str], seeds: Sequence[int],
              params: Mapping[str, str] | None = None) -> Work:
    """Groups in file order (line, then method in the order given). A line that is not a
    valid spec, or another spec with the prompt id of an earlier line (it would write over its
    images), is skipped as bad; a line repeating an earlier one is rendered once."""
    if not methods:
        raise BindingError("no method given: use e.g. --method syngen,none")
    if len(set(methods)) != len(methods):
        raise BindingError("a method is given twice")
    stems = {image_stem(m, 0): m for m in methods}
    if len(stems) != len(methods):
        raise BindingError("two methods would write the same file names: "
                           f"{', '.join(methods)}")
    if not seeds or len(set(seeds)) != len(seeds):
        raise BindingError("give each seed once, at least one")
    per_method = method_params(methods, params or {})
    groups: list[Group] = []
    bad: list[tuple[int, str]] = []
    repeats: list[tuple[int, int]] = []
    seen: dict[str, tuple[int, Spec]] = {}
    for line in iter_spec_lines(path):
        if line.spec is None:
            bad.append((line.number, str(line.error)))
            continue
        folder = prompt_id(line.spec)
        if folder in seen:
            first, other = seen[folder]
            if other == line.spec:
                repeats.append((line.number, first))
            else:
                bad.append((line.number, f"{path}:{line.number}: same prompt id {folder!r} as "
                                         f"line {first}, but another spec"))
            continue
        seen[folder] = (line.number, line.spec)
        groups += [Group(line.number, line.spec, method, mine, tuple(seeds))
                   for method, mine in zip(methods, per_method, strict=True)]
    return Work(groups, bad, len(seen), repeats)


def split(groups: Sequence[Group], rank: int, world: int) -> list[Group]:
    """Process ``rank`` of ``world`` takes every world-th group, starting at its rank."""
    return list(groups[rank::world])


# --- the manifest ------------------------------------------------------------------------

@dataclass
class Entry:
    """One manifest line: an item finished (``done``) or given up on (``failed``)."""

    key: str
    status: str
    fingerprint: str
    line: int
    prompt_id: str
    method: str
    seed: int
    image: str | None = None
    record: str | None = None
    seconds: float | None = None
    error: str | None = None
    finished: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat())


class Manifest:
    """This process's append-only manifest, and what every process's manifest says is done."""

    def __init__(self, out: Path, rank: int, world: int) -> None:
        self.folder = out / BATCH_DIR
        self.path = self.folder / f"manifest.rank{rank}of{world}.jsonl"
        self._fd: int | None = None
        self._torn = False  # the file ends in a partial line (a crash, a full disk)

    def entries(self) -> Iterator[Entry]:
        """Every line of every manifest in the folder (any process count); a torn last line
        (a process killed mid-write) is ignored."""
        for path in sorted(self.folder.glob("manifest.*.jsonl")):
            with path.open("rb") as handle:
                for raw in handle:
                    try:
                        yield Entry(**json.loads(raw))
                    except (ValueError, TypeError, RecursionError):
                        continue

    def done(self, out: Path) -> dict[str, str]:
        """key -> fingerprint of the items finished with both their files on disk."""
        found: dict[str, str] = {}
        for entry in self.entries():
            if entry.status == "done" and entry.image and entry.record and \
                    (out / entry.image).is_file() and (out / entry.record).is_file():
                found[entry.key] = entry.fingerprint
        return found

    def append(self, entry: Entry) -> None:
        """One line, on the disk before the next item starts. A line always starts a line:
        after a partial one (a process killed mid-write, a full disk) a line break comes
        first, so the cut line is the only one lost. A write the disk refuses stops the run
        with one line (``WriteError``); the item is rendered again next time."""
        line = (json.dumps(asdict(entry), ensure_ascii=False) + "\n").encode(
            "utf-8", "backslashreplace")
        try:
            if self._fd is None:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
                self._torn = not _ends_a_line(self._fd)
            data = (b"\n" if self._torn else b"") + line
            self._torn = True  # until the whole line is on the disk
            while data:
                data = data[os.write(self._fd, data):]
            os.fsync(self._fd)
            self._torn = False
        except OSError as exc:
            raise WriteError(f"cannot write the manifest {self.path}: "
                             f"{WRITE_ERRORS.get(exc.errno or 0) or exc.strerror}: make room, "
                             "then run the same command again (finished images are kept)"
                             ) from None

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _ends_a_line(fd: int) -> bool:
    """Whether the file is empty or its last byte is a line break."""
    size = os.fstat(fd).st_size
    return size == 0 or os.pread(fd, 1, size - 1) == b"\n"


# --- the run -----------------------------------------------------------------------------

@dataclass
class Summary:
    """What one process (or, summed, the whole batch) did in this run."""

    items: int = 0  # items assigned
    done: int = 0  # rendered in this run
    skipped: int = 0  # already done before this run
    failed: int = 0
    rerendered: int = 0  # done before with other settings, rendered again
    render_seconds: float = 0.0  # time inside render() for the items done
    wall_seconds: float = 0.0
    guidance_skips: int = 0  # images with a skipped (non-finite) guidance update
    failures: list[dict[str, Any]] = field(default_factory=list)
    interrupted: bool = False

    def add(self, other: Summary) -> None:
        for name in ("items", "done", "skipped", "failed", "rerendered", "guidance_skips"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.render_seconds += other.render_seconds
        self.wall_seconds = max(self.wall_seconds, other.wall_seconds)
        self.failures += other.failures
        self.interrupted |= other.interrupted

    @property
    def seconds_per_image(self) -> float | None:
        return self.render_seconds / self.done if self.done else None


@dataclass
class BatchResult:
    """The whole batch's summary (on every process: its own; on rank 0: everyone's)."""

    summary: Summary
    work: Work
    rank: int
    world: int
    own: Summary



def run_batch(specs: str | Path, out: str | Path, methods: Sequence[str], seeds: Sequence[int],
              settings: Settings, *, device: str | None = None, batch_size: int = 4,
              local_files_only: bool = False,
              progress: bool = False, log: Callable[[str], None] | None = None,
              state: Any = None) -> BatchResult:
    """Render every pending item of this process's share of the batch.

    ``state`` is an ``accelerate`` ``PartialState`` (made here when not given): its
    ``process_index`` and ``num_processes`` pick the share, its device is where to render
    unless ``device`` says otherwise. Returns when this process's share is done (rank 0: when
    every process's is, with everyone's summary). Bad arguments, specs file or model raise
    ``BindingError`` before anything is written; Ctrl-C or SIGTERM raise ``BatchInterrupted``
    once the manifest is consistent.
    """
    started = time.perf_counter()
    out = Path(out)
    say = log or (lambda text: print(text, file=sys.stderr))
    if batch_size < 1:
        raise BindingError(f"batch size must be at least 1, not {batch_size}")
    if out.exists() and not out.is_dir():
        raise BindingError(f"output folder {out} is a file: give a folder for --out")
    work = read_work(specs, methods, seeds, settings.params)
    state = state if state is not None else _state(device)
    rank, world = state.process_index, state.num_processes
    mine = split(work.groups, rank, world)
    manifest = Manifest(out, rank, world)
    pipe = None
    if _pending(mine, manifest.done(out), settings, Summary()):  # a first look, writing nothing:
        # a process with nothing to do never loads the model
        pipe = _load(settings, device or str(state.device), local_files_only)
    run_id, lock = _lock_and_share_run_id(state, out)
    try:
        return _run_locked(specs, out, work, mine, manifest, pipe, settings, state, run_id,
                           started, device=device, batch_size=batch_size,
                           local_files_only=local_files_only,
                           progress=progress, say=say)
    finally:
        if lock is not None:
            lock.release()


def _run_locked(specs: str | Path, out: Path, work: Work, mine: list[Group],
                manifest: Manifest, pipe: Any, settings: Settings, state: Any, run_id: str,
                started: float, *, device: str | None, batch_size: int,
                local_files_only: bool, progress: bool,
                say: Callable[[str], None]) -> BatchResult:
    """The run, once this folder is this run's alone: what is pending is read again under the
    lock (another run may have finished items meanwhile)."""
    rank, world = state.process_index, state.num_processes
    summary_path = out / BATCH_DIR / f"summary.rank{rank}of{world}.json"
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        summary_path.unlink()  # a previous run's; the barrier orders this before any read
    if world > 1:
        state.wait_for_everyone()
    own = Summary(items=sum(len(g.seeds) for g in mine))
    pending = _pending(mine, manifest.done(out), settings, own)
    _remove_stale_temporaries(out, mine)
    if pending and pipe is None:  # a process with nothing to do never loads the model
        pipe = _load(settings, device or str(state.device), local_files_only)
    if rank == 0:  # after the checks that stop the run: an error is the only line then
        for _number, message in work.bad_lines:
            say(f"warning: {message}: skipped")
        for number, first in work.repeats:
            say(f"note: {Path(specs)}:{number} repeats line {first}: rendered once")
    if own.rerendered:
        say(f"note: {own.rerendered} item(s) in {out} were rendered with other settings or "
            "another spec: rendering them again")
    (out / BATCH_DIR).mkdir(parents=True, exist_ok=True)
    try:
        with _signals_interrupt(), contextlib.closing(manifest):
            if pipe is not None:
                _render_pending(pipe, pending, out, settings, batch_size, manifest, own,
                                _Progress(sum(len(s) for _, s in pending), rank, world,
                                          progress, say))
    except (KeyboardInterrupt, BatchInterrupted) as exc:
        own.interrupted = True
        own.wall_seconds = time.perf_counter() - started
        _write_summary(summary_path, run_id, own)
        raise BatchInterrupted(str(exc) or "KeyboardInterrupt", own) from None
    own.wall_seconds = time.perf_counter() - started
    _write_summary(summary_path, run_id, own)
    total = own
    if rank == 0:
        if world > 1:
            total = Summary()
            for other in _gather(out, run_id, world, say):
                total.add(other)
        with atomic_writer(out / BATCH_DIR / "summary.json") as handle:
            json.dump({"run": run_id, "processes": world, "specs": work.specs,
                       "bad_lines": [{"line": n, "error": m} for n, m in work.bad_lines],
                       **asdict(total)}, handle, indent=2)
    return BatchResult(total, work, rank, world, own)


def _pending(groups: list[Group], finished: Mapping[str, str], settings: Settings,
             own: Summary) -> list[tuple[Group, list[int]]]:
    """The seeds of each group still to render; counts the skipped and the re-rendered."""
    pending = []
    for group in groups:
        todo = []
        for seed in group.seeds:
            key = group.key(seed)
            if finished.get(key) == settings.fingerprint(group.spec, group.method, seed):
                own.skipped += 1
                continue
            own.rerendered += key in finished
            todo.append(seed)
        if todo:
            pending.append((group, todo))
    return pending


def _load(settings: Settings, device: str, local_files_only: bool) -> Any:
    """The pipeline, with the settings that hold for every item checked against it: a wrong
    size or resolution is one error now, not a failure per item all night."""
    from binding.generation.capture import cross_attention_layers, guidance_layers, latent_size
    from binding.generation.models import load_pipeline

    pipe = load_pipeline(settings.model, dtype=settings.dtype, device=device,
                         scheduler=settings.scheduler, local_files_only=local_files_only,
                         safety_checker=settings.safety_checker)
    native = pipe.unet.config.sample_size
    native = native if isinstance(native, int) else native[0]
    height = settings.height or native * pipe.vae_scale_factor
    width = settings.width or native * pipe.vae_scale_factor
    latent = latent_size(pipe.unet, height, width, pipe.vae_scale_factor)
    if settings.resolution is not None:
        guidance_layers(cross_attention_layers(pipe.unet, latent), settings.resolution)
    return pipe


def _render_pending(pipe: Any, pending: list[tuple[Group, list[int]]], out: Path,
                    settings: Settings, batch_size: int, manifest: Manifest, own: Summary,
                    bar: _Progress) -> None:
    try:
        for group, seeds in pending:
            (out / group.folder).mkdir(parents=True, exist_ok=True)
            for start in range(0, len(seeds), batch_size):
                chunk = seeds[start : start + batch_size]
                _render_chunk(pipe, group, chunk, out, settings, manifest, own)
                bar.update(len(chunk), own.failed)
    finally:
        bar.close()


def _render_chunk(pipe: Any, group: Group, seeds: list[int], out: Path, settings: Settings,
                  manifest: Manifest, own: Summary) -> None:
    """Render ``seeds`` of ``group`` in one call; if that fails (out of memory, say), each
    seed alone, so that one bad item costs only itself."""
    try:
        _render_and_write(pipe, group, seeds, out, settings, manifest, own)
        return
    except (KeyboardInterrupt, BatchInterrupted, WriteError):
        raise  # a full or read-only disk fails every item alike: stop, with one line
    except Exception as exc:
        error = exc
    _free_memory()
    if len(seeds) == 1 or isinstance(error, BindingError):  # the same input fails the same way
        for seed in seeds:
            _record_failure(group, seed, error, settings, manifest, own)
        return
    for seed in seeds:
        try:
            _render_and_write(pipe, group, [seed], out, settings, manifest, own)
        except (KeyboardInterrupt, BatchInterrupted, WriteError):
            raise
        except Exception as exc:
            _free_memory()
            _record_failure(group, seed, exc, settings, manifest, own)


def _render_and_write(pipe: Any, group: Group, seeds: list[int], out: Path, settings: Settings,
                      manifest: Manifest, own: Summary) -> None:
    from binding.generation.outputs import write_render
    from binding.generation.render import GuidanceWarning, render

    began = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GuidanceWarning)
        result = render(group.spec, pipe, settings.render_config(group.method, group.params),
                        seeds=seeds, model_id=settings.model)
    for warning in caught:
        if not issubclass(warning.category, GuidanceWarning):  # counted from the records
            warnings.showwarning(warning.message, warning.category, warning.filename,
                                 warning.lineno)
    write_render(result, group.spec, out, group.method)
    seconds = (time.perf_counter() - began) / len(seeds)
    for record in result.records:
        stem = image_stem(group.method, record.seed)
        own.guidance_skips += record.skipped_updates > 0
        manifest.append(Entry(
            key=group.key(record.seed), status="done",
            fingerprint=settings.fingerprint(group.spec, group.method, record.seed),
            line=group.line, prompt_id=group.folder, method=group.method, seed=record.seed,
            image=f"{group.folder}/{stem}.png", record=f"{group.folder}/{stem}.json",
            seconds=round(seconds, 4)))
        own.done += 1
        own.render_seconds += seconds


def _record_failure(group: Group, seed: int, error: BaseException, settings: Settings,
                    manifest: Manifest, own: Summary) -> None:
    message = _one_line(error)
    manifest.append(Entry(
        key=group.key(seed), status="failed",
        fingerprint=settings.fingerprint(group.spec, group.method, seed), line=group.line,
        prompt_id=group.folder, method=group.method, seed=seed, error=message))
    own.failed += 1
    own.failures.append({"line": group.line, "prompt_id": group.folder, "method": group.method,
                         "seed": seed, "error": message})


def _one_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}" if not isinstance(error, BindingError) else first


def _free_memory() -> None:
    """After a failure (often out of memory), give the GPU's cached blocks back."""
    gc.collect()
    with contextlib.suppress(Exception):
        import torch

        if torch.cuda.is_available():
            torch.cuda.empty_cache()


def _remove_stale_temporaries(out: Path, groups: Sequence[Group]) -> int:
    """Temporary files a killed process left (``.<name>.<random>.tmp``) for the items of
    ``groups``: this process's share, which no other process writes. Returns how many."""
    prefixes: dict[str, set[str]] = {}
    for group in groups:
        names = prefixes.setdefault(group.folder, set())
        for seed in group.seeds:
            stem = image_stem(group.method, seed)
            names |= {f".{stem}.png.", f".{stem}.json."}
    removed = 0
    for folder, names in prefixes.items():
        try:
            entries = list(os.scandir(out / folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name.endswith(".tmp") and any(entry.name.startswith(p) for p in names):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed += 1
    return removed


def _state(device: str | None) -> Any:
    """accelerate's process state: distributed when launched by ``accelerate launch`` (or
    torchrun). On a machine without CUDA (or with ``--device cpu``) it is CPU processes
    talking over gloo."""
    import torch
    from accelerate import PartialState

    cpu = (device is not None and device.startswith("cpu")) or not torch.cuda.is_available()
    return PartialState(cpu=cpu)


def _lock_and_share_run_id(state: Any, out: Path) -> tuple[str, FolderLock | None]:
    """The first process locks the output folder (``binding.generation.lock``) and makes up
    the run's id; every process learns both, and all stop with the same one line when
    another run holds the folder."""
    run_id, lock, problem = uuid.uuid4().hex[:12], None, None
    if state.process_index == 0:
        try:
            lock = FolderLock(out / BATCH_DIR).acquire()
        except BindingError as exc:
            problem = str(exc)
    if state.num_processes > 1:
        from accelerate.utils import broadcast_object_list

        shared = [run_id, problem] if state.process_index == 0 else [None, None]
        broadcast_object_list(shared, from_process=0)
        run_id, problem = str(shared[0]), shared[1]
    if problem is not None:
        raise BindingError(problem)
    return run_id, lock


def _write_summary(path: Path, run_id: str, summary: Summary) -> None:
    with atomic_writer(path) as handle:
        json.dump({"run": run_id, **asdict(summary)}, handle)


def _gather(out: Path, run_id: str, world: int,
            say: Callable[[str], None] | None = None) -> list[Summary]:
    """Every process's summary of this run, waiting for the slower ones (no collective call:
    a process may take hours longer than another, longer than any collective timeout). A
    process that dies makes the launcher stop this one too; a line every ten minutes says
    what is awaited."""
    folder = out / BATCH_DIR
    found: dict[int, Summary] = {}
    last = time.monotonic()
    while len(found) < world:
        if say is not None and time.monotonic() - last >= WAIT_NOTE:
            missing = ", ".join(str(r + 1) for r in range(world) if r not in found)
            say(f"render-batch: waiting for process(es) {missing} of {world} to finish")
            last = time.monotonic()
        for rank in range(world):
            if rank in found:
                continue
            path = folder / f"summary.rank{rank}of{world}.json"
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            if data.pop("run") == run_id:
                found[rank] = Summary(**data)
        if len(found) < world:
            time.sleep(SUMMARY_WAIT)
    return [found[rank] for rank in range(world)]


@contextlib.contextmanager
def _signals_interrupt() -> Iterator[None]:
    """Ctrl-C and SIGTERM (what a launcher or a scheduler sends) become ``BatchInterrupted``
    between two Python instructions, so finished items stay recorded."""
    def stop(signum: int, _frame: Any) -> None:
        raise BatchInterrupted(signal.Signals(signum).name)

    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Progress:
    """A tqdm bar (throughput, ETA) on a terminal; otherwise a plain line at most once a
    minute, for logs of long runs."""

    def __init__(self, total: int, rank: int, world: int, bar: bool,
                 say: Callable[[str], None]) -> None:
        self.total, self.count, self.say = total, 0, say
        self.label = f"render-batch [{rank + 1}/{world}]" if world > 1 else "render-batch"
        self.started = self.last = time.perf_counter()
        self.bar = None
        if bar:
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="img", desc=self.label, position=rank,
                            dynamic_ncols=True, leave=True)

    def update(self, n: int, failed: int) -> None:
        self.count += n
        if self.bar is not None:
            self.bar.update(n)
            if failed:
                self.bar.set_postfix(failed=failed)
            return
        now = time.perf_counter()
        if now - self.last >= 60 or self.count == self.total:
            rate = (now - self.started) / self.count
            eta = rate * (self.total - self.count)
            self.say(f"{self.label}: {self.count}/{self.total} images, {rate:.2f} s per image, "
                     f"{failed} failed, about {_duration(eta)} left")
            self.last = now

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min"
