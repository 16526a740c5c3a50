"""Corpora by name: annotated data files shipped in ``data/`` and seeded generators."""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from binding.corpora.generators import attend_excite, dvmp
from binding.corpora.gold import GoldPrompt, load_corpus_file, parse_corpus_lines
from binding.errors import BindingError

GENERATED: dict[str, Callable[[], list[GoldPrompt]]] = {
    "dvmp": dvmp,
    "ae": attend_excite,
}
ANNOTATED = ("compbench", "abc6k", "cc500", "constructions",
             "compbench2", "captions2", "longsd", "community")


def corpus_names() -> list[str]:
    data = files("binding.corpora") / "data"
    shipped = [n for n in ANNOTATED if (data / f"{n}.jsonl").is_file()]
    return [*GENERATED, *shipped]


def load_corpus(name_or_path: str) -> tuple[str, list[GoldPrompt]]:
    """A corpus by name (``dvmp``, ``ae``, ``compbench``, ...) or a gold-format JSONL file."""
    if name_or_path in GENERATED:
        return name_or_path, GENERATED[name_or_path]()
    if name_or_path in ANNOTATED:
        entry = files("binding.corpora") / "data" / f"{name_or_path}.jsonl"
        if not entry.is_file():
            raise BindingError(f"corpus {name_or_path!r} is not shipped with this install")
        lines = entry.read_text(encoding="utf-8").splitlines()
        return name_or_path, parse_corpus_lines(lines, f"corpus {name_or_path}")
    path = Path(name_or_path)
    if path.suffix in (".jsonl", ".json") or path.exists():
        return path.stem, load_corpus_file(path)
    raise BindingError(f"unknown corpus {name_or_path!r}: use one of "
                       f"{', '.join(corpus_names())} or a .jsonl file")
