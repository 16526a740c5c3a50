"""What the grammar alone costs: repairs and rule walks on graphs already parsed.

Parses the prompts of every hand-annotated corpus in ``binding/corpora/data`` once with the
default spaCy model, then times ``Grammar.bind`` over all of their graphs, best of ``--runs``
runs after a warm-up. The parse is not timed: this is binding's own share of ``binding parse``.

With ``--against REV`` the same timing runs alternately on this tree and on the package as git
revision REV had it (checked out to a temporary folder), each in its own process, and the ratio
of the best times is printed: the cost of a change to the grammar, measured in one run.

On a shared machine a whole process may run in a slow spell, and the ratio of two processes'
best times moves by tens of percent from run to run. ``--interleaved N`` times both sides in
one process instead: REV's package is imported first, then this tree's, and the two bind
their graphs by turns (each first in every other turn, the heap collected before each run), N
runs each, so a spell falls on both alike; it prints the ratio of the best runs and the median
of the paired runs' ratios.

``--corpus NAME`` (repeatable) times the prompts of those corpora only: as corpora are added
the mix of prompts changes, and with it the ratio; naming the corpora of an earlier
measurement compares on its prompts.

Run: ``python benchmarks/bind_speed.py [--runs 5] [--grammar en-clearnlp] [--against REV
[--interleaved N]] [--corpus NAME ...]``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "binding" / "corpora" / "data"


def time_bind(runs: int, grammar_name: str, corpora: list[str] | None = None
              ) -> dict[str, float]:
    """Best and all run times of binding every corpus graph (of ``corpora`` where given), in
    this process."""
    from binding.frontends.spacy import SpacyFrontend, load_model
    from binding.grammars import load_grammar

    prompts = _prompts(corpora)
    nlp = load_model()
    grammar = load_grammar(grammar_name)
    # the front end's graphs, as binding parses them (with the tagger's alternatives where the
    # revision reads them)
    graphs = list(SpacyFrontend(nlp=nlp).graphs(prompts, batch_size=256))
    for graph in graphs:  # warm-up: word-list memo, imports
        grammar.bind(graph)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        for graph in graphs:
            grammar.bind(graph)
        times.append(time.perf_counter() - start)
    return {"prompts": len(graphs), "best": min(times), "times": times}


def _prompts(corpora: list[str] | None) -> list[str]:
    """The prompts alone, read as plain JSON: the gold format of another revision may differ."""
    paths = [path for path in sorted(DATA.glob("*.jsonl"))
             if not corpora or path.stem in corpora]
    return [json.loads(line)["prompt"] for path in paths
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _load_side(source: Path, grammar_name: str, prompts: list[str], nlp: Any) -> tuple:
    """The nlp, grammar and graphs of the ``binding`` package under ``source``, imported
    afresh: the modules of a package imported before are dropped first (their objects live on,
    bound to their own modules). One spaCy pipeline serves both sides."""
    for name in [name for name in sys.modules if name.split(".")[0] == "binding"]:
        del sys.modules[name]
    sys.path.insert(0, str(source))
    try:
        from binding.frontends.spacy import SpacyFrontend, load_model
        from binding.grammars import load_grammar

        nlp = nlp if nlp is not None else load_model()
        grammar = load_grammar(grammar_name)
        graphs = list(SpacyFrontend(nlp=nlp).graphs(prompts, batch_size=256))
    finally:
        sys.path.remove(str(source))
    for graph in graphs:  # warm-up: word-list memo, imports
        grammar.bind(graph)
    return nlp, grammar, graphs


def time_interleaved(old: Path, runs: int, grammar_name: str, corpora: list[str]
                     ) -> dict[str, list[float]]:
    """Run times of binding every corpus graph with REV's package (under ``old``) and this
    tree's, by turns in this process. REV's is imported first: an older front end registers
    its spaCy component on import, which this tree's does not repeat."""
    prompts = _prompts(corpora)
    nlp, old_grammar, old_graphs = _load_side(old, grammar_name, prompts, None)
    _, grammar, graphs = _load_side(ROOT, grammar_name, prompts, nlp)
    times: dict[str, list[float]] = {"old": [], "new": [], "prompts": [float(len(graphs))]}
    sides = [("old", old_grammar.bind, old_graphs), ("new", grammar.bind, graphs)]
    for turn in range(runs):
        # each side first in every other turn, and every run from a collected heap, so that
        # neither pays for the other's garbage
        for side, bind, sample in sides if turn % 2 == 0 else sides[::-1]:
            gc.collect()
            start = time.perf_counter()
            for graph in sample:
                bind(graph)
            times[side].append(time.perf_counter() - start)
    return times


def _checkout(rev: str, folder: Path) -> Path:
    """The ``binding`` package as revision ``rev`` had it, extracted into ``folder``."""
    archive = subprocess.run(["git", "archive", rev, "binding"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    component = folder / "binding" / "component.py"
    if not component.exists():  # the installed spaCy entry point names binding.component
        component.write_text("from binding.frontends.spacy import make_binding_component\n",
                             encoding="utf-8")
    return folder


def _worker(source: Path, runs: int, grammar: str, corpora: list[str]) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    named = [arg for name in corpora for arg in ("--corpus", name)]
    out = subprocess.run([sys.executable, __file__, "--worker", "--runs", str(runs),
                          "--grammar", grammar, *named], env=env, capture_output=True,
                         text=True)
    if out.returncode:
        raise SystemExit(f"the timing of {source} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (the best is reported)")
    parser.add_argument("--grammar", default="en-clearnlp", help="grammar name or file")
    parser.add_argument("--against", metavar="REV", help="compare with git revision REV")
    parser.add_argument("--rounds", type=int, default=3,
                        help="with --against: alternating rounds of each side")
    parser.add_argument("--corpus", action="append", default=[], metavar="NAME",
                        help="time only this corpus's prompts (repeatable; default: all)")
    parser.add_argument("--interleaved", type=int, metavar="N",
                        help="with --against: both sides in one process, N runs each by turns")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--interleaved-worker", metavar="OLD", help=argparse.SUPPRESS)
    args = parser.parse_args()
    missing = sorted(set(args.corpus) - {path.stem for path in DATA.glob("*.jsonl")})
    if missing:
        parser.error(f"no corpus named {', '.join(missing)} in {DATA}: name a file there "
                     "without .jsonl")
    if args.worker:
        print(json.dumps(time_bind(args.runs, args.grammar, args.corpus)))
        return
    if args.interleaved_worker:
        print(json.dumps(time_interleaved(Path(args.interleaved_worker), args.interleaved,
                                          args.grammar, args.corpus)))
        return
    if args.interleaved and not args.against:
        parser.error("--interleaved compares with a revision: add --against REV")
    if not args.against:
        found = time_bind(args.runs, args.grammar, args.corpus)
        print(f"{args.grammar}: {found['prompts']} prompts, bind "
              f"{found['best'] / found['prompts'] * 1000:.3f} ms a prompt (best of "
              f"{args.runs}; all runs {', '.join(f'{t:.2f}' for t in found['times'])} s)")
        return
    if args.interleaved:
        _report_interleaved(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = _checkout(args.against, Path(tmp))
        best = {"this tree": float("inf"), args.against: float("inf")}
        prompts = 0
        for _ in range(args.rounds):
            for side, source in (("this tree", ROOT), (args.against, old_tree)):
                found = _worker(source, args.runs, args.grammar, args.corpus)
                best[side] = min(best[side], found["best"])
                prompts = int(found["prompts"])
    for side, seconds in best.items():
        print(f"{side}: {seconds / prompts * 1000:.3f} ms a prompt ({prompts} prompts, best of "
              f"{args.rounds} x {args.runs} runs)")
    print(f"ratio this tree / {args.against}: {best['this tree'] / best[args.against]:.3f}")


def _report_interleaved(args: argparse.Namespace) -> None:
    """Time both sides in one worker process, by turns, and print the ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = _checkout(args.against, Path(tmp))
        named = [arg for name in args.corpus for arg in ("--corpus", name)]
        # no PYTHONPATH: the worker imports each side from its own folder, REV's first
        env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
        out = subprocess.run([sys.executable, __file__, "--interleaved-worker", str(old_tree),
                              "--interleaved", str(args.interleaved), "--grammar", args.grammar,
                              *named], env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"the interleaved timing failed:\n{out.stderr[-2000:]}")
    times = json.loads(out.stdout.strip().splitlines()[-1])
    prompts = int(times["prompts"][0])
    for side, name in (("new", "this tree"), ("old", args.against)):
        runs = times[side]
        print(f"{name}: best {min(runs) / prompts * 1000:.3f}, median "
              f"{statistics.median(runs) / prompts * 1000:.3f} ms a prompt ({prompts} prompts, "
              f"{len(runs)} runs by turns in one process)")
    paired = [new / old for new, old in zip(times["new"], times["old"], strict=True)]
    print(f"ratio this tree / {args.against}: {min(times['new']) / min(times['old']):.3f} "
          f"(best runs); {statistics.median(paired):.3f} (median of paired runs)")


if __name__ == "__main__":
    main()
