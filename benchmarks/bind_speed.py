"""What the grammar alone costs: repairs and rule walks on graphs already parsed.

Parses the prompts of every hand-annotated corpus in ``binding/corpora/data`` once with the
default spaCy model, then times ``Grammar.bind`` over all of their graphs, best of ``--runs``
runs after a warm-up. The parse is not timed: this is binding's own share of ``binding parse``.

With ``--against REV`` the same timing runs alternately on this tree and on the package as git
revision REV had it (checked out to a temporary folder), each in its own process, and the ratio
of the best times is printed: the cost of a change to the grammar, measured in one run.

``--corpus NAME`` (repeatable) times the prompts of those corpora only: as corpora are added
the mix of prompts changes, and with it the ratio; naming the corpora of an earlier
measurement compares on its prompts.

Run: ``python benchmarks/bind_speed.py [--runs 5] [--grammar en-clearnlp] [--against REV]
[--corpus NAME ...]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "binding" / "corpora" / "data"


def time_bind(runs: int, grammar_name: str, corpora: list[str] | None = None
              ) -> dict[str, float]:
    """Best and all run times of binding every corpus graph (of ``corpora`` where given), in
    this process."""
    from binding.frontends.spacy import SpacyFrontend, load_model
    from binding.grammars import load_grammar

    # the prompts alone, read as plain JSON: the gold format of another revision may differ
    paths = [path for path in sorted(DATA.glob("*.jsonl"))
             if not corpora or path.stem in corpora]
    prompts = [json.loads(line)["prompt"] for path in paths
               for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
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
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    missing = sorted(set(args.corpus) - {path.stem for path in DATA.glob("*.jsonl")})
    if missing:
        parser.error(f"no corpus named {', '.join(missing)} in {DATA}: name a file there "
                     "without .jsonl")
    if args.worker:
        print(json.dumps(time_bind(args.runs, args.grammar, args.corpus)))
        return
    if not args.against:
        found = time_bind(args.runs, args.grammar, args.corpus)
        print(f"{args.grammar}: {found['prompts']} prompts, bind "
              f"{found['best'] / found['prompts'] * 1000:.3f} ms a prompt (best of "
              f"{args.runs}; all runs {', '.join(f'{t:.2f}' for t in found['times'])} s)")
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


if __name__ == "__main__":
    main()
