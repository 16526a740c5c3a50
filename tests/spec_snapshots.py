"""Spec snapshots: the JSON spec of every corpus prompt under every shipped grammar.

A change to the grammar engine that means to keep the bindings must keep these files byte for
byte (``tests/test_snapshots.py``); a change that means to alter bindings rewrites them on
purpose, and the diff is reviewed with the change:

    python tests/spec_snapshots.py            # rewrite tests/data/snapshots/*.jsonl
    git diff --stat tests/data/snapshots      # review what moved

The sets:
- ``<grammar>.<corpus>``: every prompt of every shipped corpus, parsed by the default spaCy model
  and bound by ``en-clearnlp`` and ``syngen-2023`` (the two grammars for its labels);
- ``en-clearnlp.spacy-conllu``, ``en-ud.ud-conllu``: the CoNLL-U fixtures of ``tests/data``;
- ``clip-attention.tiny-clip``: the constructions corpus read by the clip front end from a tiny
  seeded random CLIP text encoder (needs torch and transformers).
"""

from __future__ import annotations

import sys
import tempfile
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
SNAPSHOTS = HERE / "data" / "snapshots"
CLIP_CORPUS = "constructions"


def _lines(specs: Iterator[object]) -> list[str]:
    return [spec.model_dump_json() for spec in specs]  # type: ignore[attr-defined]


def _corpus_sets() -> dict[str, Callable[[], list[str]]]:
    from binding.corpora.registry import corpus_names, load_corpus
    from binding.pipeline import Parser

    sets: dict[str, Callable[[], list[str]]] = {}
    for grammar in ("en-clearnlp", "syngen-2023"):
        for name in corpus_names():
            def make(grammar: str = grammar, name: str = name) -> list[str]:
                items = load_corpus(name)[1]
                parser = Parser(grammar=grammar)
                return _lines(parser.pipe([i.prompt for i in items], ids=[i.id for i in items]))
            sets[f"{grammar}.{name}"] = make
    return sets


def _conllu_set(grammar: str, fixture: str) -> Callable[[], list[str]]:
    def make() -> list[str]:
        from binding.pipeline import parse_conllu

        return _lines(iter(parse_conllu(HERE / "data" / fixture, grammar=grammar)))
    return make


def _clip_set() -> list[str]:
    from tiny_models import tiny_clip

    from binding.corpora.registry import load_corpus
    from binding.pipeline import Parser

    items = load_corpus(CLIP_CORPUS)[1]
    with tempfile.TemporaryDirectory() as folder:
        parser = Parser(model=str(tiny_clip(Path(folder))), frontend="clip")
        # the model's path and the transformers version are no part of the binding
        info = parser.frontend.info.model_copy(update={"model": "tiny-clip",
                                                       "version": "transformers"})
        return _lines(spec.model_copy(update={"frontend": info}) for spec in parser.pipe(
            [i.prompt for i in items], ids=[i.id for i in items]))


def snapshot_sets() -> dict[str, Callable[[], list[str]]]:
    """Snapshot name -> a function computing its spec lines now."""
    sets = _corpus_sets()
    sets["en-clearnlp.spacy-conllu"] = _conllu_set("en-clearnlp", "constructions.spacy.conllu")
    sets["en-ud.ud-conllu"] = _conllu_set("en-ud", "ud_constructions.conllu")
    sets[f"clip-attention.tiny-clip-{CLIP_CORPUS}"] = _clip_set
    return sets


def write_all() -> None:
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, make in snapshot_sets().items():
            lines = make()
            (SNAPSHOTS / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
            print(f"{name}: {len(lines)} specs")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    write_all()
