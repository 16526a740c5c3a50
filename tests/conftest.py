"""Shared helpers: a compact view of a spec that hand-written expectations compare against."""

from __future__ import annotations

from dataclasses import replace

import pytest

import binding
from binding.grammars import load_grammar
from binding.graph import DependencyGraph, Word
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


def hand_graph(text: str, rows: list[tuple[str, str, str, int | None]]) -> DependencyGraph:
    """A ClearNLP graph from (word, POS, relation, head) rows; words are found left to right."""
    words, cursor = [], 0
    for i, (form, pos, relation, head) in enumerate(rows):
        start = text.index(form, cursor)
        cursor = start + len(form)
        words.append(Word(index=i, text=form, start=start, end=cursor, pos=pos,
                          relation=relation, head=head, lemma=form.lower()))
    return DependencyGraph(text=text, words=words, scheme="clearnlp")


def tagged(graph: DependencyGraph, tags: dict[int, str]) -> DependencyGraph:
    """The graph with fine-grained tags set on some words (by index)."""
    return graph.with_words([replace(w, tag=tags.get(w.index, w.tag)) for w in graph.words])


def graph_bindings(graph: DependencyGraph) -> dict[str, set[str]]:
    """{entity text: {modifier texts}} of the default grammar on a hand-built graph."""
    found = load_grammar("en-clearnlp").bind(graph)
    return {e.text: {m.text for m in e.modifiers} for e in found.entities}


@pytest.fixture(scope="session")
def parse():
    """binding.parse with the default model (loaded once per test session)."""
    return binding.parse
