"""Parsing a caption corpus on every core: one process, ``--n-process 2``, Ray local with 2 CPUs.

Measured in one run, on a corpus of caption-like prompts built deterministically (the gold
corpora's prompts, and prompts from the templates of ``parse_speed.py``, shuffled with a fixed
seed) and written to a Parquet file in a temporary folder:

1. ``binding parse --input corpus.parquet --column caption --output specs.parquet`` with one
   process, then with ``--n-process 2``: lines a second over the command's whole wall time
   (start-up, the check pass and writing included) and the peak resident memory of the main
   process and of each worker.
2. Ray Data on a local Ray with 2 CPUs (``binding.scale.raydata.parse_dataset``, 2 actors):
   ``read_parquet`` -> ``map_batches`` -> ``write_parquet``, timed from ``ray.init`` returned to
   the files written, and each actor's peak memory.
3. Memory against corpus size: the ``--n-process 2`` run again on 4× the lines.

Every output is compared with the single-process one (the same specs, in the same rows).
Peak memory is each process's VmHWM, read from /proc every 0.2 s while it runs (Linux).

Targets (issue 17): n-process 2 >= 1.7× one process, Ray >= 1.5×, <= 500 MB a worker, memory
flat from 100k to 400k lines. The last line printed is JSON with every number.

Run: ``python benchmarks/scale_speed.py [--lines 100000] [--memory-lines 400000]
[--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from parse_speed import make_prompts  # the benchmarks share their prompt maker

TARGETS = {"n_process_2": 1.7, "ray_2": 1.5, "worker_mb": 500}
CORPORA = Path(__file__).parent.parent / "binding" / "corpora" / "data"

RAY_SCRIPT = """\
import sys, time
import ray, ray.data
from binding.scale.raydata import parse_dataset
ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
context = ray.data.DataContext.get_current()
context.enable_progress_bars = False
start = time.perf_counter()
# one Parquet file reads as one block, and one block goes to one actor: cut it up
dataset = ray.data.read_parquet(sys.argv[1]).repartition(int(sys.argv[3]))
parse_dataset(dataset, column="caption", id_column="key", actors=2,
              cpus_per_actor=0.5).write_parquet(sys.argv[2])
print(f"ray_seconds={time.perf_counter() - start:.3f}")
ray.shutdown()
"""


def corpus_prompts(n: int, seed: int = 17) -> list[str]:
    """``n`` caption-like prompts: the gold corpora's prompts and templated ones, half each,
    in a seeded order."""
    gold = [json.loads(line)["prompt"] for path in sorted(CORPORA.glob("*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]
    made = make_prompts(n - n // 2, seed=seed)
    rng = random.Random(seed)
    mixed = [gold[i % len(gold)] for i in range(n // 2)] + made
    rng.shuffle(mixed)
    return mixed


def write_corpus(path: Path, n: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    prompts = corpus_prompts(n)
    table = pa.table({"key": [f"c{i:07d}" for i in range(n)], "caption": prompts})
    pq.write_table(table, path, row_group_size=10_000)


class PeakMemory:
    """Polls /proc for the peak resident memory (VmHWM) of a process and its descendants."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peaks: dict[int, tuple[str, int]] = {}
        self.cpu: dict[int, float] = {}  # user + system seconds, as last seen
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.sample()
            except Exception as exc:  # a process that vanished mid-read: sample again
                self.errors.append(repr(exc))
            self._stop.wait(0.2)

    def sample(self) -> None:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                    parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
                except (OSError, ValueError, IndexError):
                    continue
        family = {self.root}
        grew = True
        while grew:
            more = {pid for pid, parent in parents.items() if parent in family} - family
            family |= more
            grew = bool(more)
        ticks = os.sysconf("SC_CLK_TCK")
        for pid in family:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                self.cpu[pid] = (int(fields[11]) + int(fields[12])) / ticks
                status = Path(f"/proc/{pid}/status").read_text()
                command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            peak = next((int(line.split()[1]) * 1024 for line in status.splitlines()
                         if line.startswith("VmHWM:")), 0)
            name = next((line.split(None, 1)[1] for line in status.splitlines()
                         if line.startswith("Name:")), "")
            known, before = self.peaks.get(pid, ("", 0))
            if command.strip():  # an exited process not yet reaped shows an empty one
                known = f"{name} {command.decode(errors='replace')}"[:160]
            self.peaks[pid] = (known, max(peak, before))

    def cpu_seconds(self, marker: str) -> float:
        """CPU time of the processes whose name or command line holds ``marker``, as last
        sampled (up to 0.2 s a process may be missed at its end)."""
        return round(sum(self.cpu.get(pid, 0.0) for pid, (c, _) in self.peaks.items()
                         if marker in c), 2)

    def mb(self, marker: str) -> list[float]:
        """Peaks in MB of the processes whose name or command line holds ``marker``."""
        return sorted((round(p / 2**20, 1) for c, p in self.peaks.values() if marker in c),
                      reverse=True)


FLOOR_SCRIPTS = {
    # a library user's process: spaCy's thinc imports torch where it is installed
    "library": "import binding\n"
               "binding.parse('a pink sunflower and a yellow flamingo')\n",
    # a worker's: spaCy imported with torch hidden first (binding/frontends/torchless.py)
    "worker": "from binding.scale.workers import ParserSettings\n"
              "settings = ParserSettings()\n"
              "settings.prepare_process()\n"
              "settings.build().parse('a pink sunflower and a yellow flamingo')\n",
}


def parser_floor(kind: str) -> dict[str, Any]:
    """Peak memory of a process that loads the parser and parses one prompt: what every
    worker holds before it reads a line."""
    process = subprocess.Popen([sys.executable, "-c", FLOOR_SCRIPTS[kind] + "import sys\n"
                                "print('torch' in sys.modules)"], stdout=subprocess.PIPE,
                               text=True)
    with PeakMemory(process.pid) as memory:
        stdout, _ = process.communicate()
    return {"peak_mb": round(memory.peaks.get(process.pid, ("", 0))[1] / 2**20, 1),
            "torch_imported": stdout.strip() == "True"}


def binding_parse(corpus: Path, out: Path, n_process: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "binding.cli", "parse", "--input", str(corpus),
               "--column", "caption", "--id-column", "key", "--output", str(out),
               "--n-process", str(n_process), "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    with PeakMemory(process.pid) as memory:
        _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and its workers
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr}")
    main_mb = round(memory.peaks.get(process.pid, ("", 0))[1] / 2**20, 1)
    return {"n_process": n_process, "seconds": round(seconds, 2), "cpu_s": round(cpu, 2),
            "main_cpu_s": memory.cpu.get(process.pid), "summary": stderr.strip(),
            "sampling_errors": memory.errors[:3],
            "main_peak_mb": main_mb, "worker_peak_mb": memory.mb("spawn_main")}


def two_independent(corpus: Path, folder: Path) -> dict[str, Any]:
    """The machine's own ceiling for this work: the corpus cut in two halves, each parsed by
    its own single-process ``binding parse`` at the same time (no pool, nothing shared). On 2
    free cores this takes half the single-process time; on a machine whose 2 CPUs do not give
    2 cores' worth of work (shared or oversubscribed hosts), it shows what any 2-process
    speed-up can reach there."""
    import pyarrow.parquet as pq

    table = pq.read_table(corpus)
    half = table.num_rows // 2
    halves = [folder / "half-0.parquet", folder / "half-1.parquet"]
    pq.write_table(table.slice(0, half), halves[0])
    pq.write_table(table.slice(half), halves[1])
    commands = [[sys.executable, "-m", "binding.cli", "parse", "--input", str(path), "--column",
                 "caption", "--id-column", "key", "--output", str(path.with_suffix(".out.parquet")),
                 "--no-progress"] for path in halves]
    start = time.perf_counter()
    processes = [subprocess.Popen(c, stderr=subprocess.PIPE, text=True) for c in commands]
    for process in processes:
        _, stderr = process.communicate()
        if process.returncode:
            raise RuntimeError(f"a half run failed:\n{stderr}")
    return {"seconds": round(time.perf_counter() - start, 2)}


def ray_parse(corpus: Path, out: Path, blocks: int) -> dict[str, Any]:
    command = [sys.executable, "-c", RAY_SCRIPT, str(corpus), str(out), str(blocks)]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    with PeakMemory(process.pid) as memory:
        stdout, stderr = process.communicate()
    wall = time.perf_counter() - start
    if process.returncode:
        raise RuntimeError(f"the Ray run failed:\n{stderr[-3000:]}")
    seconds = float(stdout.split("ray_seconds=")[1].split()[0])
    return {"seconds": round(seconds, 2), "wall_with_ray_init_s": round(wall, 2),
            "actor_cpu_s": memory.cpu_seconds("MapWorker"),
            "each_actor_cpu_s": sorted((round(memory.cpu.get(pid, 0.0), 2) for pid, (c, _)
                                        in memory.peaks.items() if "MapWorker" in c),
                                       reverse=True),
            "actor_peak_mb": memory.mb("MapWorker"), "driver_peak_mb": round(
                memory.peaks.get(process.pid, ("", 0))[1] / 2**20, 1)}


def same_specs(reference: Path, other: Path, by: str = "row") -> bool:
    import pyarrow.parquet as pq

    ref = pq.read_table(reference, columns=["id", "spec"])
    table = pq.read_table(other, columns=["key" if by == "key" else "id", "spec"])
    found = dict(zip(table.column(0).to_pylist(), table.column("spec").to_pylist(),
                     strict=True))
    return len(found) == ref.num_rows and all(
        found.get(i) == s for i, s in zip(ref.column("id").to_pylist(),
                                          ref.column("spec").to_pylist(), strict=True))


def spec_bytes(path: Path) -> float:
    """Mean length of a spec's JSON text (UTF-8 bytes): what a shard holds a row."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    specs = pq.read_table(path, columns=["spec"]).column("spec")
    return round(pc.mean(pc.binary_length(specs)).as_py(), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--memory-lines", type=int, default=None,
                        help="the larger corpus for the memory check [default: 4 × --lines]")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray measurement")
    parser.add_argument("--json", type=Path, default=None, help="also write the JSON here")
    args = parser.parse_args()
    big = args.memory_lines or 4 * args.lines
    result: dict[str, Any] = {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_at_start": os.getloadavg()},
        "lines": args.lines, "memory_lines": big}
    result["parser_floor"] = {kind: parser_floor(kind) for kind in FLOOR_SCRIPTS}
    with tempfile.TemporaryDirectory(prefix="scale-speed-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.parquet"
        write_corpus(corpus, args.lines)
        one = binding_parse(corpus, folder / "one.parquet", 1)
        two = binding_parse(corpus, folder / "two.parquet", 2)
        two["same_as_one"] = same_specs(folder / "one.parquet", folder / "two.parquet")
        result["spec_bytes_mean"] = spec_bytes(folder / "one.parquet")
        for run in (one, two):
            run["lines_per_s"] = round(args.lines / run["seconds"], 1)
            run["cpu_ms_per_line"] = round(1000 * run["cpu_s"] / args.lines, 3)
        two["speedup"] = round(one["seconds"] / two["seconds"], 3)
        ceiling = two_independent(corpus, folder)
        ceiling["lines_per_s"] = round(args.lines / ceiling["seconds"], 1)
        ceiling["speedup"] = round(one["seconds"] / ceiling["seconds"], 3)
        result["two_independent_halves"] = ceiling
        result["one_process"], result["n_process_2"] = one, two
        if not args.no_ray:
            ray = ray_parse(corpus, folder / "ray", blocks=max(4, args.lines // 2_500))
            ray["same_as_one"] = same_specs(folder / "one.parquet", folder / "ray", by="key")
            ray["lines_per_s"] = round(args.lines / ray["seconds"], 1)
            ray["actor_cpu_ms_per_line"] = round(1000 * ray["actor_cpu_s"] / args.lines, 3)
            ray["speedup"] = round(one["seconds"] / ray["seconds"], 3)
            result["ray_2"] = ray
        large = folder / "large.parquet"
        write_corpus(large, big)
        (folder / "one.parquet").unlink()
        memory = binding_parse(large, folder / "large-out.parquet", 2)
        memory["lines_per_s"] = round(big / memory["seconds"], 1)
        memory["cpu_ms_per_line"] = round(1000 * memory["cpu_s"] / big, 3)
        result["n_process_2_large"] = memory
    workers = two["worker_peak_mb"] + memory["worker_peak_mb"] + (
        result.get("ray_2", {}).get("actor_peak_mb", []))
    result["targets"] = {
        "n_process_2_speedup": [two["speedup"], TARGETS["n_process_2"],
                                two["speedup"] >= TARGETS["n_process_2"]],
        "ray_2_speedup": [result["ray_2"]["speedup"], TARGETS["ray_2"],
                          result["ray_2"]["speedup"] >= TARGETS["ray_2"]]
        if "ray_2" in result else None,
        "worker_peak_mb": [max(workers, default=None), TARGETS["worker_mb"],
                           bool(workers) and max(workers) <= TARGETS["worker_mb"]],
        "memory_growth": {"main_mb": [two["main_peak_mb"], memory["main_peak_mb"]],
                          "worker_mb": [max(two["worker_peak_mb"], default=None),
                                        max(memory["worker_peak_mb"], default=None)]},
    }
    report(result)
    text = json.dumps(result)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    print(text)


def report(result: dict[str, Any]) -> None:
    lines, big = result["lines"], result["memory_lines"]
    print(f"corpus: {lines:,} caption-like prompts (Parquet); memory check on {big:,}; "
          f"a spec's JSON is {result['spec_bytes_mean']:,.0f} bytes on average")
    for kind, floor in result["parser_floor"].items():
        print(f"a {kind} process with the parser loaded: {floor['peak_mb']} MB "
              f"(torch imported: {floor['torch_imported']})")
    rows = [("1 process", result["one_process"]), ("--n-process 2", result["n_process_2"]),
            ("2 independent processes", result["two_independent_halves"])]
    if "ray_2" in result:
        rows.append(("Ray local, 2 CPUs", result["ray_2"]))
    rows.append((f"--n-process 2, {big:,} lines", result["n_process_2_large"]))
    for name, run in rows:
        workers = run.get("worker_peak_mb") or run.get("actor_peak_mb") or []
        main = run.get("main_peak_mb", run.get("driver_peak_mb"))
        cpu = run.get("cpu_ms_per_line", run.get("actor_cpu_ms_per_line", "-"))
        print(f"{name:28} {run['seconds']:8.1f} s {run['lines_per_s']:8.1f} lines/s "
              f"x{run.get('speedup', 1.0):.2f}  CPU {cpu} ms/line  main {main} MB  "
              f"workers {workers} MB  same output: {run.get('same_as_one', '-')}")
    for name, target in result["targets"].items():
        print(f"target {name}: {target}")


if __name__ == "__main__":
    main()
