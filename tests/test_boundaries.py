"""The architecture's one-way data flow, checked on the source: the core never imports torch,
diffusers or transformers, and only the spaCy front end imports spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import binding

PACKAGE = Path(binding.__file__).parent
HEAVY = {"torch", "diffusers", "transformers", "accelerate"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def core_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "generation" not in p.relative_to(PACKAGE).parts]


def test_core_never_imports_heavy_libraries():
    for path in core_files():
        heavy = {m for m in imported_modules(path) if m.split(".")[0] in HEAVY}
        assert not heavy, f"{path.relative_to(PACKAGE)} imports {heavy}"


def test_only_the_spacy_front_end_knows_spacy():
    for path in core_files():
        if path.relative_to(PACKAGE).as_posix() == "frontends/spacy.py":
            continue
        spacy = {m for m in imported_modules(path) if m.split(".")[0] == "spacy"}
        assert not spacy, f"{path.relative_to(PACKAGE)} imports {spacy}"


def test_importing_binding_and_its_cli_is_light():
    code = ("import sys, binding, binding.cli, binding.spec; "
            "print(sorted(m for m in ('spacy', 'torch', 'networkx') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_generation_reads_only_the_spec_never_a_parser():
    """Generation must run from a spec file written anywhere: it imports no front end,
    grammar, parsing pipeline, corpus or parser library."""
    forbidden = ("binding.frontends", "binding.grammars", "binding.pipeline", "binding.corpora",
                 "binding.cli", "spacy", "stanza")
    for path in (PACKAGE / "generation").rglob("*.py"):
        bad = {m for m in imported_modules(path) if m.startswith(forbidden)}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"
