"""The architecture's one-way data flow, checked on the source: the layers of DESIGN.md hold
(import-linter, with the contracts in pyproject.toml), the core never imports torch, diffusers
or transformers (the clip front end alone does, lazily), each parser is imported only by its own
front end, and generation imports no front end."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import binding

PACKAGE = Path(binding.__file__).parent
HEAVY = {"torch", "diffusers", "transformers", "accelerate"}
# the one core file allowed heavy imports, and which ones: it reads a CLIP text encoder
HEAVY_ALLOWED = {"frontends/clip.py": {"torch", "transformers"}}
# parsers and the only modules that may import each
# the spaCy front end includes the module that imports spaCy without torch
PARSERS = {"spacy": {"frontends/spacy.py", "frontends/torchless.py", "component.py"},
           "stanza": {"frontends/stanza.py"}}


def imported_modules(path: Path, top_level_only: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else ast.walk(tree)
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def relative(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def core_files() -> list[Path]:
    return [p for p in PACKAGE.rglob("*.py") if "generation" not in p.relative_to(PACKAGE).parts]


def test_core_never_imports_heavy_libraries():
    assert set(HEAVY_ALLOWED) <= {relative(p) for p in core_files()}
    for path in core_files():
        allowed = HEAVY_ALLOWED.get(relative(path), set())
        heavy = {m for m in imported_modules(path) if m.split(".")[0] in HEAVY - allowed}
        assert not heavy, f"{relative(path)} imports {heavy}"


def test_the_clip_front_end_imports_torch_only_when_used():
    path = PACKAGE / "frontends" / "clip.py"
    assert {"torch", "transformers"} & {m.split(".")[0] for m in imported_modules(path)}
    top = {m.split(".")[0] for m in imported_modules(path, top_level_only=True)}
    assert not top & HEAVY, f"frontends/clip.py imports {top & HEAVY} at module level"


@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_only_its_front_end_knows_a_parser(parser):
    for path in core_files():
        if relative(path) in PARSERS[parser]:
            continue
        found = {m for m in imported_modules(path) if m.split(".")[0] == parser}
        assert not found, f"{relative(path)} imports {found}"


def test_importing_binding_and_its_cli_is_light():
    code = ("import sys, binding, binding.cli, binding.spec, binding.frontends.clip, "
            "binding.frontends.conllu; print(sorted(m for m in ('spacy', 'torch', 'networkx', "
            "'stanza', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_generation_reads_only_the_spec_never_a_parser():
    """Generation must run from a spec file written anywhere: it imports no front end,
    grammar, parsing pipeline, corpus or parser library."""
    forbidden = ("binding.frontends", "binding.grammars", "binding.pipeline", "binding.binder",
                 "binding.component", "binding.corpora", "binding.cli", "binding.graph", "spacy",
                 "stanza")
    for path in (PACKAGE / "generation").rglob("*.py"):
        bad = {m for m in imported_modules(path) if m.startswith(forbidden)}
        assert not bad, f"{path.relative_to(PACKAGE)} imports {bad}"


def test_the_layers_hold():
    """import-linter's contracts (pyproject.toml): graph/spec <- alignment <- grammars, front
    ends <- binder <- pipeline <- corpora <- cli, and generation imports no parser side."""
    pytest.importorskip("importlinter")
    root = PACKAGE.parent
    if not (root / "pyproject.toml").is_file():
        pytest.skip("binding is installed without its source tree")
    code = ("from importlinter.cli import lint_imports; raise SystemExit(lint_imports("
            "config_filename='pyproject.toml', no_cache=True, no_logo=True))")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout[-3000:] + out.stderr[-2000:]
    assert "2 kept, 0 broken" in out.stdout
