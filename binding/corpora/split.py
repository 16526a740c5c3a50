"""Dev and test parts of every corpus, decided by a hash of the prompt text alone.

Grammar rules are fixed by reading dev errors; test figures are reported and never tuned on.
The part depends on nothing but the prompt, so a prompt lands in the same part in every corpus
and a generated corpus (dvmp, ae) splits by the same rule as the shipped files, which store
each line's part in its ``split`` field so that the split can be read, and reviewed, in the
repository. ``python -m binding.corpora.split FILE...`` fills in missing fields by the rule.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal, get_args

from binding.atomic import atomic_writer
from binding.corpora.gold import GoldPrompt, load_corpus_file

Part = Literal["dev", "test"]
Selection = Literal["dev", "test", "all"]
PARTS: tuple[Part, ...] = get_args(Part)
SELECTIONS: tuple[Selection, ...] = get_args(Selection)


def part_of_prompt(prompt: str) -> Part:
    """``dev`` when the SHA-256 digest of the UTF-8 prompt starts with an even byte, else
    ``test``: about half each, stable across runs, machines and Python versions."""
    return "dev" if hashlib.sha256(prompt.encode("utf-8")).digest()[0] % 2 == 0 else "test"


def part_of(item: GoldPrompt) -> Part:
    """The part a gold line names, or the rule's for lines (and generated gold) without one."""
    return item.split or part_of_prompt(item.prompt)


def select(items: Iterable[GoldPrompt], selection: Selection) -> list[GoldPrompt]:
    """The items of one part, in their order; ``all`` keeps every item."""
    if selection not in SELECTIONS:
        raise ValueError(f"unknown split {selection!r}: use one of {', '.join(SELECTIONS)}")
    return [item for item in items if selection == "all" or part_of(item) == selection]


def with_split_fields(lines: Iterable[str]) -> list[str]:
    """JSONL gold lines with a ``split`` field added by the rule where it is missing; lines
    that have one, and blank lines, are kept as they are."""
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        record = json.loads(line)
        if "split" in record:
            out.append(line)
            continue
        record["split"] = part_of_prompt(record["prompt"])
        out.append(json.dumps(record, ensure_ascii=False))
    return out


def add_split_fields(path: str | Path) -> None:
    """Fill in the ``split`` fields of a gold file in place (atomically), after checking that
    the file is valid gold."""
    path = Path(path)
    load_corpus_file(path)
    lines = with_split_fields(path.read_text(encoding="utf-8").splitlines())
    with atomic_writer(path) as handle:
        handle.write("\n".join(lines) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    paths = list(sys.argv[1:] if argv is None else argv)
    if not paths:
        raise SystemExit("usage: python -m binding.corpora.split GOLD.jsonl...")
    for path in paths:
        add_split_fields(path)


if __name__ == "__main__":
    main()
