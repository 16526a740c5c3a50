"""What the grammar costs in instructions: a count the machine's load does not move.

``bind_speed.py --against REV`` times both sides alternately, and on a shared 2-core machine its
ratio still moves by several percent from run to run. Valgrind's cachegrind counts the
instructions a run executes, the same run after run; this script counts those of one warm pass
of ``Grammar.bind`` over the corpus graphs, for this tree and for git revision REV.

Each side parses the prompts with its own front end (outside valgrind) and saves the graphs;
then two runs under cachegrind load them and bind them once and twice: the difference is one
warm pass (word lists memoised, as ``bind_speed.py`` times it after its warm-up). Valgrind runs
Python some fifty times slower, so by default every 8th prompt is bound. Needs ``valgrind`` on
the PATH.

Run: ``python benchmarks/bind_instructions.py --against REV [--every 8] [--grammar NAME]``.
"""

from __future__ import annotations

import argparse
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bind_speed import ROOT, _checkout, _prompts

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")


def _parse(out: Path, every: int) -> None:
    """Parse every ``every``-th corpus prompt with this process's front end; pickle the graphs."""
    from binding.frontends.spacy import SpacyFrontend, load_model

    prompts = _prompts(None)
    graphs = list(SpacyFrontend(nlp=load_model()).graphs(prompts[::every], batch_size=256))
    out.write_bytes(pickle.dumps(graphs))


def _bind(graphs_file: Path, passes: int, grammar_name: str) -> None:
    """Load the graphs and bind them ``passes`` times (the run valgrind counts)."""
    from binding.grammars import load_grammar

    graphs = pickle.loads(graphs_file.read_bytes())
    grammar = load_grammar(grammar_name)
    for _ in range(passes):
        for graph in graphs:
            grammar.bind(graph)


def _count(source: Path, graphs_file: Path, grammar: str) -> tuple[int, int]:
    """Instructions of one warm pass of bind on this side, and the number of graphs."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    runs = [subprocess.Popen(
        ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
         sys.executable, __file__, "--bind", str(graphs_file), "--passes", str(passes),
         "--grammar", grammar], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True) for passes in (1, 2)]
    counts = []
    for run in runs:
        _, err = run.communicate()
        found = _REFS.search(err)
        if run.returncode or not found:
            raise SystemExit(f"the count of {source} failed:\n{err[-2000:]}")
        counts.append(int(found.group(1).replace(",", "")))
    graphs = len(pickle.loads(graphs_file.read_bytes()))
    return counts[1] - counts[0], graphs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="compare with git revision REV")
    parser.add_argument("--every", type=int, default=8, help="bind every N-th prompt")
    parser.add_argument("--grammar", default="en-clearnlp", help="grammar name or file")
    parser.add_argument("--parse", metavar="OUT", help=argparse.SUPPRESS)
    parser.add_argument("--bind", metavar="GRAPHS", help=argparse.SUPPRESS)
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.parse:
        _parse(Path(args.parse), args.every)
        return
    if args.bind:
        _bind(Path(args.bind), args.passes, args.grammar)
        return
    if not args.against:
        parser.error("name the revision to compare with: --against REV")
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not on the PATH: install it (apt install valgrind)")
    found: dict[str, tuple[int, int]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        old_tree = _checkout(args.against, Path(tmp) / "tree")
        for side, source in (("this tree", ROOT), (args.against, old_tree)):
            graphs_file = Path(tmp) / f"graphs-{len(found)}.pickle"
            subprocess.run([sys.executable, __file__, "--parse", str(graphs_file),
                            "--every", str(args.every)], check=True,
                           env={**os.environ, "PYTHONPATH": str(source)})
            found[side] = _count(source, graphs_file, args.grammar)
    for side, (instructions, graphs) in found.items():
        print(f"{side}: {instructions / graphs / 1e6:.3f} M instructions a prompt, one warm "
              f"pass over {graphs} prompts (every {args.every}th)")
    print(f"ratio this tree / {args.against}: "
          f"{found['this tree'][0] / found[args.against][0]:.3f}")


if __name__ == "__main__":
    main()
