"""Shared helpers: a compact view of a spec that hand-written expectations compare against, and
inline CoNLL-U."""

from __future__ import annotations

import pytest

import binding
from binding.spec import Spec


def bindings(spec: Spec) -> dict[str, set[str]]:
    """{entity text: {modifier texts}} (entity texts are unique in the test prompts)."""
    return {e.text: {m.text for m in e.modifiers} for e in spec.entities}


def kinds(spec: Spec) -> dict[tuple[str, str], str]:
    """{(entity text, modifier text): kind}."""
    return {(e.text, m.text): m.kind for e in spec.entities for m in e.modifiers}


def relations(spec: Spec) -> set[tuple[str, str, str]]:
    """{(source text, type, target text)}."""
    return {(spec.entity(r.source).text, r.type, spec.entity(r.target).text)
            for r in spec.relations}


def ud(text: str) -> str:
    """Inline CoNLL-U written with spaces between columns (no column contains a space)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(line if line.startswith("#") else "\t".join(line.split())
                     for line in lines) + "\n\n"


@pytest.fixture(scope="session")
def parse():
    """binding.parse with the default model (loaded once per test session)."""
    return binding.parse
