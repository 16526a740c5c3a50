"""Accuracy of the default grammar and of the SynGen baseline on every shipped corpus.

Runs ``binding eval`` for both grammars with the default spaCy model, writes the figures to
``docs/accuracy.json`` (which the accuracy regression test reads) and prints the Markdown table
the README shows. Run: ``python benchmarks/accuracy.py [--write]``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from binding.corpora.evaluate import evaluate
from binding.corpora.registry import corpus_names, load_corpus
from binding.pipeline import Parser

GRAMMARS = ("en-clearnlp", "syngen-2023")
OUT = Path(__file__).resolve().parents[1] / "docs" / "accuracy.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args()
    corpora = [load_corpus(name) for name in corpus_names()]
    report = {}
    for grammar in GRAMMARS:
        binder = Parser(grammar=grammar, tokenizer=None)
        results = evaluate(corpora, binder)
        report[grammar] = {"frontend": binder.frontend.info.model_dump(),
                           "corpora": {k: v.as_dict() for k, v in results.items()}}
    names = list(report[GRAMMARS[0]]["corpora"])
    print("| corpus | prompts | grammar | entity F1 | attribute-pair P / R / F1 | count F1 "
          "| exact |")
    print("|---|---|---|---|---|---|---|")
    for name in names:
        for grammar in GRAMMARS:
            r = report[grammar]["corpora"][name]
            a = r["attribute_pair"]
            count = r["count_pair"]
            count_f1 = f"{count['f1']:.3f}" if count["gold"] or count["predicted"] else "-"
            print(f"| {name} | {r['prompts']} | {grammar} | {r['entity']['f1']:.3f} | "
                  f"{a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} | {count_f1} | "
                  f"{r['exact']:.3f} |")
    if args.write:
        OUT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
