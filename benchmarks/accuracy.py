"""Accuracy of the default grammar and of the SynGen baseline on every shipped corpus.

Runs ``binding eval`` for both grammars with the default spaCy model, on the whole of every
corpus and on its dev and blind test parts apart (each prompt parsed once), writes the figures
to ``docs/accuracy.json`` (which the accuracy regression test reads) and prints the Markdown
tables the README shows: whole corpora, then dev and test side by side. Rules are fixed on dev
errors only; the test column is the figure to trust. Run: ``python benchmarks/accuracy.py
[--write]``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from binding.atomic import atomic_writer
from binding.corpora.evaluate import evaluate_parts
from binding.corpora.registry import corpus_names, load_corpus
from binding.pipeline import Parser

GRAMMARS = ("en-clearnlp", "syngen-2023")
OUT = Path(__file__).resolve().parents[1] / "docs" / "accuracy.json"


def count_f1(figures: dict) -> str:
    count = figures["count_pair"]
    return f"{count['f1']:.3f}" if count["gold"] or count["predicted"] else "-"


def whole_table(report: dict) -> list[str]:
    lines = ["| corpus | prompts | grammar | entity F1 | attribute-pair P / R / F1 | count F1 "
             "| exact |", "|---|---|---|---|---|---|---|"]
    for name in report[GRAMMARS[0]]["corpora"]:
        for grammar in GRAMMARS:
            r = report[grammar]["corpora"][name]
            a = r["attribute_pair"]
            lines.append(f"| {name} | {r['prompts']} | {grammar} | {r['entity']['f1']:.3f} | "
                         f"{a['precision']:.3f} / {a['recall']:.3f} / {a['f1']:.3f} | "
                         f"{count_f1(r)} | {r['exact']:.3f} |")
    return lines


def split_table(report: dict) -> list[str]:
    lines = ["| corpus | grammar | prompts dev / test | entity F1 dev / test | attribute-pair F1 "
             "dev / test | count F1 dev / test | exact dev / test |",
             "|---|---|---|---|---|---|---|"]
    for name in report[GRAMMARS[0]]["splits"]["dev"]:
        for grammar in GRAMMARS:
            dev = report[grammar]["splits"]["dev"][name]
            test = report[grammar]["splits"]["test"][name]
            lines.append(
                f"| {name} | {grammar} | {dev['prompts']} / {test['prompts']} | "
                f"{dev['entity']['f1']:.3f} / {test['entity']['f1']:.3f} | "
                f"{dev['attribute_pair']['f1']:.3f} / {test['attribute_pair']['f1']:.3f} | "
                f"{count_f1(dev)} / {count_f1(test)} | {dev['exact']:.3f} / {test['exact']:.3f} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = parser.parse_args()
    corpora = [load_corpus(name) for name in corpus_names()]
    report = {}
    for grammar in GRAMMARS:
        binder = Parser(grammar=grammar, tokenizer=None)
        results = evaluate_parts(corpora, binder)
        report[grammar] = {
            "frontend": binder.frontend.info.model_dump(),
            "corpora": {k: v.as_dict() for k, v in results["all"].items()},
            "splits": {part: {k: v.as_dict() for k, v in results[part].items()}
                       for part in ("dev", "test")}}
    print("\n".join(whole_table(report)))
    print()
    print("\n".join(split_table(report)))
    if args.write:
        with atomic_writer(OUT) as handle:
            handle.write(json.dumps(report, indent=2) + "\n")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
