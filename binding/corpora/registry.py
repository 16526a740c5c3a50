"""Corpora by name: annotated data files shipped in ``data/`` and seeded generators.

Each corpus registers in ``registry.corpora`` as a function returning its gold prompts; another
package ships one through the entry point group ``binding_corpora``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

from binding.corpora.generators import attend_excite, dvmp
from binding.corpora.gold import GoldPrompt, load_corpus_file, parse_corpus_lines
from binding.errors import BindingError
from binding.registry import registry

GENERATED: dict[str, Callable[[], list[GoldPrompt]]] = {
    "dvmp": dvmp,
    "ae": attend_excite,
}
ANNOTATED = ("compbench", "abc6k", "cc500", "constructions",
             "compbench2", "captions2", "longsd", "community", "complex2",
             "captions3", "community2", "complex3", "captions4",
             "community3", "longsd2", "complex4", "captions5", "compbench3",
             "complex5", "captions6", "compbench4", "community4", "longsd3",
             "complex6", "captions7", "community5", "longsd4",
             "complex7", "captions8", "community6", "longsd5",
             "compbench5", "captions9", "community7", "longsd6",
             "compbench6", "captions10", "community8", "longsd7")


def _shipped(name: str) -> Callable[[], list[GoldPrompt]]:
    def load() -> list[GoldPrompt]:
        entry = files("binding.corpora") / "data" / f"{name}.jsonl"
        if not entry.is_file():
            raise BindingError(f"corpus {name!r} is not shipped with this install")
        lines = entry.read_text(encoding="utf-8").splitlines()
        return parse_corpus_lines(lines, f"corpus {name}")
    return load


for _name, _make in GENERATED.items():
    registry.corpora.register(_name, func=_make)
for _name in ANNOTATED:
    if (files("binding.corpora") / "data" / f"{_name}.jsonl").is_file():
        registry.corpora.register(_name, func=_shipped(_name))


def corpus_names() -> list[str]:
    """Registered corpora: the bundled ones in their order, then those of other packages."""
    bundled = [n for n in (*GENERATED, *ANNOTATED) if n in registry.corpora]
    return [*bundled, *sorted(set(registry.corpora.get_all()) - set(bundled))]


def load_corpus(name_or_path: str) -> tuple[str, list[GoldPrompt]]:
    """A corpus by name (``dvmp``, ``ae``, ``compbench``, ...) or a gold-format JSONL file."""
    if name_or_path in registry.corpora:
        return name_or_path, registry.corpora.get(name_or_path)()
    path = Path(name_or_path)
    if path.suffix in (".jsonl", ".json") or path.exists():
        return path.stem, load_corpus_file(path)
    raise BindingError(f"unknown corpus {name_or_path!r}: use one of "
                       f"{', '.join(corpus_names())} or a .jsonl file")
