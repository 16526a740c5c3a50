"""Shared helpers: a compact view of a spec that hand-written expectations compare against, and
inline CoNLL-U."""

from __future__ import annotations

import contextlib
import signal
from dataclasses import replace

import pytest
from click.testing import CliRunner, Result

import binding
from binding.cli import cli
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


def ud(text: str) -> str:
    """Inline CoNLL-U written with spaces between columns (no column contains a space)."""
    lines = [line.strip() for line in text.strip().splitlines()]
    return "\n".join(line if line.startswith("#") else "\t".join(line.split())
                     for line in lines) + "\n\n"


def error_line(result: Result) -> str:
    """The single ``error: ...`` line a BindingError turns into."""
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


@pytest.fixture
def clean_registry(monkeypatch):
    """Whatever a test registers (a scorer, a repair, ...) is gone after it."""
    import catalogue

    monkeypatch.setattr(catalogue, "REGISTRY", dict(catalogue.REGISTRY))


@pytest.fixture
def run():
    """The ``binding`` command line, driven in-process as a user would drive it."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None) -> Result:
        return runner.invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def hand_graph(text: str, rows: list[tuple[str, str, str, int | None]],
               scheme: str = "clearnlp") -> DependencyGraph:
    """A graph from (word, POS, relation, head) rows; words are found left to right."""
    words, cursor = [], 0
    for i, (form, pos, relation, head) in enumerate(rows):
        start = text.index(form, cursor)
        cursor = start + len(form)
        words.append(Word(index=i, text=form, start=start, end=cursor, pos=pos,
                          relation=relation, head=head, lemma=form.lower()))
    return DependencyGraph(text=text, words=words, scheme=scheme)


def tagged(graph: DependencyGraph, tags: dict[int, str]) -> DependencyGraph:
    """The graph with fine-grained tags set on some words (by index)."""
    return graph.with_words([replace(w, tag=tags.get(w.index, w.tag)) for w in graph.words])


def graph_bindings(graph: DependencyGraph) -> dict[str, set[str]]:
    """{entity text: {modifier texts}} of the default grammar on a hand-built graph."""
    found = load_grammar("en-clearnlp").bind(graph)
    return {e.text: {m.text for m in e.modifiers} for e in found.entities}


# Tests that build, load or render tiny Stable Diffusion pipelines take most of the suite's time
# on a 2-core machine: they are marked slow, so `python -m pytest -m "not slow"` gives quick
# feedback. CI (.ci/run) runs everything. Mark other slow tests with @pytest.mark.slow.
SLOW_FIXTURES = frozenset({"tiny_sd_path", "tiny_paths", "tiny_sd_pipe"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def parse():
    """binding.parse with the default model (loaded once per test session)."""
    return binding.parse


@pytest.fixture(scope="session")
def tiny_sd_path(tmp_path_factory):
    """A tiny random SD 1.x-shaped pipeline saved in diffusers format (built once)."""
    from tiny_models import tiny

    return tiny("tiny-sd", tmp_path_factory.mktemp("tiny-sd"))


@pytest.fixture(scope="session")
def tiny_paths(tmp_path_factory):
    """Saved tiny pipelines by architecture name (tiny-sd, tiny-sd2, tiny-sdxl), built once."""
    from tiny_models import tiny

    built: dict[str, object] = {}

    def path(name: str):
        if name not in built:
            built[name] = tiny(name, tmp_path_factory.mktemp(name))
        return built[name]

    return path


@pytest.fixture(scope="module")
def tiny_pipes(tiny_paths):
    """Tiny pipelines by architecture name, loaded through binding's own loading code on the
    CPU, once per test module."""
    from binding.generation import load_pipeline

    loaded: dict[str, object] = {}

    def get(name: str):
        if name not in loaded:
            loaded[name] = load_pipeline(str(tiny_paths(name)), device="cpu",
                                         local_files_only=True)
        return loaded[name]

    return get


@pytest.fixture(scope="session")
def tiny_sd_pipe(tiny_sd_path):
    """That pipeline loaded through binding's own loading code, on the CPU in fp32."""
    from binding.generation import load_pipeline

    return load_pipeline(str(tiny_sd_path), device="cpu", dtype="fp32", local_files_only=True)


@contextlib.contextmanager
def ends_within(seconds: int):
    """Fail, rather than hang the suite, where code that must end runs longer than this."""

    def expired(*_):
        raise TimeoutError(f"did not end within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
