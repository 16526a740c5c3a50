"""What the grammar alone costs: repairs and rule walks on graphs already parsed.

Parses the prompts of every hand-annotated corpus in ``binding/corpora/data`` once with the
default spaCy model, then times ``Grammar.bind`` over all of their graphs, best of ``--runs``
runs after a warm-up. The parse is not timed: this is binding's own share of ``binding parse``.

Run: ``python benchmarks/bind_speed.py [--runs 5] [--grammar en-clearnlp]``.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from binding.corpora.gold import load_corpus_file
from binding.frontends.spacy import doc_to_graph, label_scheme, load_model
from binding.grammars import load_grammar

DATA = Path(__file__).resolve().parents[1] / "binding" / "corpora" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs (the best is reported)")
    parser.add_argument("--grammar", default="en-clearnlp", help="grammar name or file")
    args = parser.parse_args()
    prompts = [item.prompt for path in sorted(DATA.glob("*.jsonl"))
               for item in load_corpus_file(path)]
    nlp = load_model()
    grammar = load_grammar(args.grammar)
    scheme = label_scheme(nlp)
    graphs = [doc_to_graph(doc, scheme) for doc in nlp.pipe(prompts, batch_size=256)]
    for graph in graphs:  # warm-up: word-list memo, imports
        grammar.bind(graph)
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        for graph in graphs:
            grammar.bind(graph)
        times.append(time.perf_counter() - start)
    per_prompt = min(times) / len(graphs) * 1000
    print(f"{args.grammar}: {len(graphs)} prompts, bind {per_prompt:.3f} ms a prompt "
          f"(best of {args.runs}; all runs {', '.join(f'{t:.2f}' for t in times)} s)")


if __name__ == "__main__":
    main()
