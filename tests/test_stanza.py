"""The Stanza front end, end to end: Stanza Document -> dependency graph -> en-ud -> spec.

Stanza's English models cannot be downloaded here, so the Documents are real Stanza objects
built by Stanza's own CoNLL-U reader (``CoNLL.conll2doc``) from the hand-written UD fixtures;
a stand-in for ``stanza.Pipeline`` hands them out, which also shows what the front end asks of
Stanza (local models only, unless --download).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner
from conftest import bindings, relations, ud
from test_ud_grammar import CASES

from binding import BindingError
from binding.cli import cli
from binding.pipeline import Parser
from binding.spec import json_schema

stanza = pytest.importorskip("stanza")
from stanza.utils.conll import CoNLL  # noqa: E402

from binding.frontends.stanza import StanzaFrontend, document_to_graph  # noqa: E402

FIXTURE = Path(__file__).parent / "data" / "ud_constructions.conllu"


def fixture_documents() -> dict[str, object]:
    """prompt text -> a Stanza Document of its hand-written analysis."""
    blocks = FIXTURE.read_text(encoding="utf-8").split("\n\n")
    docs = {}
    for block in blocks:
        if "# sent_id" not in block:
            continue
        doc = CoNLL.conll2doc(input_str=block.strip() + "\n\n")
        docs[doc.sentences[0].text] = doc
    return docs


class FakePipeline:
    """Stands in for ``stanza.Pipeline``: records how it was made, returns fixture Documents."""

    made: ClassVar[list[dict]] = []

    def __init__(self, lang: str, **kwargs: object) -> None:
        FakePipeline.made.append({"lang": lang, **kwargs})
        self.docs = fixture_documents()
        self.batches: list[list[str]] = []

    def __call__(self, text: str) -> object:
        return self.docs[text]

    def bulk_process(self, texts: list[str]) -> list[object]:
        self.batches.append(list(texts))
        return [self.docs[t] for t in texts]


@pytest.fixture(scope="module")
def parser() -> Parser:
    docs = fixture_documents()
    return Parser(frontend=StanzaFrontend(nlp=docs.__getitem__))


def test_every_construction_through_stanza_documents(parser):
    docs = fixture_documents()
    ids = {line.split("= ", 1)[1]: None for line in FIXTURE.read_text().splitlines()
           if line.startswith("# sent_id")}
    assert len(docs) == len(ids) == len(CASES)
    texts = {doc.sentences[0].sent_id: text for text, doc in docs.items()}
    for sent_id, expected in CASES.items():
        spec = parser.parse(texts[sent_id])
        assert (spec.frontend.name, spec.grammar.name) == ("stanza", "en-ud")
        assert bindings(spec) == expected, (sent_id, spec.prompt)


def test_relations_through_stanza(parser):
    assert relations(parser.parse("a cat in front of a red car")) == {
        ("cat", "in front of", "car")}
    assert relations(parser.parse("a man in a red shirt standing next to a truck")) == {
        ("man", "in", "shirt"), ("man", "standing next to", "truck")}


def test_multiword_token_from_stanza(parser):
    spec = parser.parse("a sad dog that cannot sleep")
    assert bindings(spec) == {"dog": {"sad"}}
    graph = document_to_graph(fixture_documents()["a sad dog that cannot sleep"])
    assert [(w.text, w.start, w.end) for w in graph][4:6] == [("can", 15, 18), ("not", 18, 21)]


def test_stanza_offsets_are_used_when_present():
    """A live pipeline gives each token its characters (start_char/end_char)."""
    doc = CoNLL.conll2doc(input_str=ud("""
        1 a a DET DT _ 3 det _ start_char=0|end_char=1
        2 red red ADJ JJ _ 3 amod _ start_char=3|end_char=6
        3 cube cube NOUN NN _ 0 root _ start_char=9|end_char=13
    """))
    graph = document_to_graph(doc, "a  red   cube")
    assert [(w.text, w.start, w.end) for w in graph] == [("a", 0, 1), ("red", 3, 6),
                                                         ("cube", 9, 13)]


def test_a_prompt_stanza_splits_into_sentences_is_one_graph():
    doc = CoNLL.conll2doc(input_str=ud("""
        # text = A red car.
        1 A a DET DT _ 3 det _ _
        2 red red ADJ JJ _ 3 amod _ _
        3 car car NOUN NN _ 0 root _ SpaceAfter=No
        4 . . PUNCT . _ 3 punct _ _
    """) + ud("""
        # text = A blue ball.
        1 A a DET DT _ 3 det _ _
        2 blue blue ADJ JJ _ 3 amod _ _
        3 ball ball NOUN NN _ 0 root _ SpaceAfter=No
        4 . . PUNCT . _ 3 punct _ _
    """))
    spec = Parser(frontend=StanzaFrontend(nlp=lambda text: doc)).parse("A red car. A blue ball.")
    assert bindings(spec) == {"car": {"red"}, "ball": {"blue"}}
    assert spec.entities[1].span == (18, 22)


def test_no_models_means_a_clear_error_and_no_download(tmp_path, monkeypatch):
    import stanza.pipeline.core as core

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("the front end tried to download")

    monkeypatch.setattr(core, "download_resources_json", no_network)
    monkeypatch.setattr(core, "download_models", no_network)
    with pytest.raises(BindingError, match=f"no Stanza English models in {tmp_path}") as info:
        StanzaFrontend(model_dir=str(tmp_path))
    assert "--download" in str(info.value) and "\n" not in str(info.value)


@pytest.fixture
def fake_stanza(monkeypatch):
    FakePipeline.made = []
    monkeypatch.setattr(stanza, "Pipeline", FakePipeline)
    return FakePipeline


def test_cli_stanza_front_end(fake_stanza, tmp_path):
    runner = CliRunner()
    prompt = "a dog that is red and a cat that is blue"
    result = runner.invoke(cli, ["parse", "--frontend", "stanza", "--stanza-dir", str(tmp_path),
                                 "--json", prompt], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    spec = json.loads(result.stdout)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(spec, json_schema())
    assert spec["frontend"]["name"] == "stanza" and spec["grammar"]["name"] == "en-ud"
    assert {e["text"]: [m["text"] for m in e["modifiers"]] for e in spec["entities"]} == {
        "dog": ["red"], "cat": ["blue"]}
    made = fake_stanza.made[-1]
    assert made["lang"] == "en" and made["dir"] == str(tmp_path)
    assert made["download_method"] is None  # never downloads unless asked
    assert made["processors"] == "tokenize,pos,lemma,depparse"

    result = runner.invoke(cli, ["parse", "--frontend", "stanza", "--download", prompt],
                           catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert fake_stanza.made[-1]["download_method"] == stanza.DownloadMethod.REUSE_RESOURCES


def test_cli_stanza_batches_input_files(fake_stanza, tmp_path):
    prompts = tmp_path / "prompts.txt"
    prompts.write_text("a red and blue table\nthe car is red\na cat with blue eyes\n",
                       encoding="utf-8")
    out = tmp_path / "specs.jsonl"
    result = CliRunner().invoke(cli, ["parse", "--frontend", "stanza", "--input", str(prompts),
                                      "--output", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    specs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [s["prompt"] for s in specs] == prompts.read_text().splitlines()


def test_cli_without_models_is_one_line_exit_2(tmp_path):
    result = CliRunner().invoke(cli, ["parse", "--frontend", "stanza", "--stanza-dir",
                                      str(tmp_path), "a red cube"])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: no Stanza English models in "
                                                   f"{tmp_path}")


def test_stanza_only_options_are_refused_elsewhere():
    result = CliRunner().invoke(cli, ["parse", "--stanza-dir", "x", "a red cube"])
    assert result.exit_code == 2
    assert "--stanza-dir applies to --frontend stanza or clip, not spacy" in result.stderr
    result = CliRunner().invoke(cli, ["parse", "--frontend", "stanza", "--model", "x", "a cube"])
    assert result.exit_code == 2 and "--stanza-dir" in result.stderr
