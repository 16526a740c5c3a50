"""The CoNLL-U front end: reading files, rebuilding text, multiword tokens, empty nodes, errors
that name the line, the label scheme, and ``binding parse/eval`` over CoNLL-U."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import bindings, ud

import binding
from binding import BindingError
from binding.cli import cli
from binding.frontends.conllu import ConlluFrontend, detect_scheme, read_conllu
from binding.spec import json_schema, spec_from_json

DATA = Path(__file__).parent / "data"
UD_FIXTURE = DATA / "ud_constructions.conllu"
SPACY_FIXTURE = DATA / "constructions.spacy.conllu"  # tests/data/make_spacy_conllu.py


def only_graph(text: str):
    return next(ConlluFrontend("t.conllu", sentences=read_conllu(text, "t.conllu")).units())


# --- text, tokens, words -----------------------------------------------------------------------


def test_text_is_rebuilt_from_tokens_and_space_after():
    sent_id, graph = only_graph(ud("""
        # sent_id = s1
        1 A a DET DT _ 2 det _ _
        2 cat cat NOUN NN _ 0 root _ SpaceAfter=No
        3 , , PUNCT , _ 5 punct _ _
        4 red red ADJ JJ _ 5 amod _ _
        5 hat hat NOUN NN _ 2 conj _ SpaceAfter=No
        6 . . PUNCT . _ 2 punct _ _
    """))
    assert sent_id == "s1"
    assert graph.text == "A cat, red hat."
    assert [(w.text, w.start, w.end) for w in graph][:3] == [("A", 0, 1), ("cat", 2, 5),
                                                             (",", 5, 6)]


def test_text_line_wins_and_extra_whitespace_is_kept():
    _, graph = only_graph(ud("""
        # text = a   red cube
        1 a a DET DT _ 3 det _ _
        2 red red ADJ JJ _ 3 amod _ _
        3 cube cube NOUN NN _ 0 root _ _
    """))
    assert graph.text == "a   red cube"
    assert (graph[1].start, graph[1].end) == (4, 7)


def test_multiword_token_words_split_its_surface():
    _, graph = only_graph(ud("""
        # text = I don't know
        1 I I PRON PRP _ 4 nsubj _ _
        2-3 don't _ _ _ _ _ _ _ _
        2 do do AUX VBP _ 4 aux _ _
        3 n't not PART RB _ 4 advmod _ _
        4 know know VERB VB _ 0 root _ _
    """))
    assert [(w.text, w.start, w.end, w.lemma) for w in graph] == [
        ("I", 0, 1, "I"), ("do", 2, 4, "do"), ("n't", 4, 7, "not"), ("know", 8, 12, "know")]
    assert graph[1].head == 3 and graph[3].head is None


def test_multiword_token_whose_words_do_not_spell_it_points_each_word_at_it():
    _, graph = only_graph(ud("""
        # text = casa del pueblo
        1 casa casa NOUN _ _ 0 root _ _
        2-3 del _ _ _ _ _ _ _ _
        2 de de ADP _ _ 4 case _ _
        3 el el DET _ _ 4 det _ _
        4 pueblo pueblo NOUN _ _ 1 nmod _ _
    """))
    assert [(w.text, w.start, w.end) for w in graph][1:3] == [("del", 5, 8), ("del", 5, 8)]


def test_empty_nodes_are_skipped_and_heads_stay_right():
    text = UD_FIXTURE.read_text(encoding="utf-8")
    sentence = next(s for s in read_conllu(text) if s.sent_id == "empty-01")
    assert [w.id for w in sentence.words] == list(range(1, 13))
    assert "8.1" in text  # the fixture does have the empty node line


def test_several_sentences_and_comment_blocks():
    sentences = read_conllu("# newdoc id = d1\n\n" + ud("""
        # sent_id = a
        # text = a cat
        1 a a DET DT _ 2 det _ _
        2 cat cat NOUN NN _ 0 root _ _
    """) + "\n\n" + ud("""
        # sent_id = b
        # text = a dog
        1 a a DET DT _ 2 det _ _
        2 dog dog NOUN NN _ 0 root _ _
    """))
    assert [(s.sent_id, s.full_text(), s.line) for s in sentences] == [
        ("a", "a cat", 3), ("b", "a dog", 10)]


# --- errors name the line --------------------------------------------------------------------

GOOD = ["# text = a cat", "1\ta\ta\tDET\tDT\t_\t2\tdet\t_\t_",
        "2\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_"]


@pytest.mark.parametrize(
    ("line", "replacement", "message"),
    [
        (2, "1\ta\ta\tDET\tDT\t_\t2\tdet\t_", "t.conllu:2: expected 10 tab-separated columns, "
                                             "found 9"),
        (2, "1 a a DET DT _ 2 det _ _", "t.conllu:2: expected 10 tab-separated columns, found 1"),
        (3, "2\tcat\tcat\tNOUN\tNN\t_\tX\troot\t_\t_", "t.conllu:3: word 2 'cat' has HEAD 'X'"),
        (3, "2\tcat\tcat\tNOUN\tNN\t_\t_\t_\t_\t_", "t.conllu:3: word 2 'cat' has HEAD '_'"),
        (3, "2\tcat\tcat\tNOUN\tNN\t_\t7\troot\t_\t_", "t.conllu:3: word 2 'cat' has head 7, but "
                                                       "the sentence has 2 words"),
        (3, "3\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_", "t.conllu:3: word 3 out of order"),
        (3, "x\tcat\tcat\tNOUN\tNN\t_\t0\troot\t_\t_", "t.conllu:3: ID 'x' is not a word number"),
        (3, "2\tcat\tcat\tNOUN\tNN\t_\t0\t_\t_\t_", "t.conllu:3: word 2 'cat' has no DEPREL"),
        (3, "2\tcat\tcat\t_\tNN\t_\t0\troot\t_\t_", "t.conllu:3: word 2 'cat' has no UPOS"),
        (2, "1\ta\ta\tDET\tDT\t_\t1\tdet\t_\t_", "t.conllu:2: word 1 'a': its heads form a "
                                                 "cycle"),
        (3, "2-3\tcats\t_\t_\t_\t_\t_\t_\t_\t_", "t.conllu:3: multiword token 2-3 is not "
                                                 "followed by all of its words"),
    ],
)
def test_malformed_lines_are_named(line, replacement, message):
    lines = list(GOOD)
    lines[line - 1] = replacement
    with pytest.raises(BindingError) as info:
        read_conllu("\n".join(lines) + "\n", "t.conllu")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_tokens_that_do_not_spell_the_text_are_an_error():
    text = "# text = a dog\n" + "\n".join(GOOD[1:]) + "\n"
    with pytest.raises(BindingError, match=r"token 'cat' \(line 3\) does not match the text"):
        only_graph(text)


def test_files_that_are_not_conllu_or_not_utf8(tmp_path):
    empty = tmp_path / "empty.conllu"
    empty.write_text("\n\n# just a comment\n", encoding="utf-8")
    with pytest.raises(BindingError, match="has no sentences"):
        binding.parse_conllu(empty)
    latin = tmp_path / "latin.conllu"
    latin.write_bytes("# text = a café\n".encode("latin-1"))
    with pytest.raises(BindingError, match=r"latin.conllu:1: not UTF-8"):
        binding.parse_conllu(latin)
    with pytest.raises(BindingError, match="cannot read"):
        binding.parse_conllu(tmp_path / "missing.conllu")


# --- label scheme ----------------------------------------------------------------------------


def test_label_scheme_is_detected():
    assert detect_scheme(["det", "amod", "root", "obl"]) == "ud"
    assert detect_scheme(["det", "acl:relcl"]) == "ud"
    assert detect_scheme(["det", "amod", "ROOT", "pobj"]) == "clearnlp"
    assert detect_scheme(["det", "amod"]) is None
    assert detect_scheme(["obl", "pobj"]) is None


def test_undecidable_labels_need_a_grammar(tmp_path):
    path = tmp_path / "bare.conllu"
    path.write_text(ud("""
        # text = a red cube
        1 a a DET DT _ 3 det _ _
        2 red red ADJ JJ _ 3 amod _ _
        3 cube cube NOUN NN _ 0 dep _ _
    """), encoding="utf-8")
    with pytest.raises(BindingError, match="pass --grammar"):
        binding.parse_conllu(path)
    spec = binding.parse_conllu(path, grammar="en-ud")[0]
    assert bindings(spec) == {"cube": {"red"}} and spec.grammar.name == "en-ud"


@pytest.mark.filterwarnings("ignore::binding.pipeline.TruncationWarning")
def test_spacy_labels_give_the_spacy_front_end_specs():
    """spaCy's parses of a corpus, read back from CoNLL-U, bind exactly as the spaCy front end
    does: same entities, modifiers, relations and token positions, one spec per prompt (a
    prompt spaCy split into two sentences is one paragraph)."""
    from binding.corpora.registry import load_corpus

    specs = binding.parse_conllu(SPACY_FIXTURE)
    _, gold = load_corpus("constructions")
    assert [s.id for s in specs] == [g.id for g in gold]
    direct = binding.parse_many([g.prompt for g in gold])
    assert {s.grammar.name for s in specs} == {"en-clearnlp"}
    for read, parsed in zip(specs, direct, strict=True):
        assert read.frontend.name == "conllu"
        assert read.model_dump(exclude={"frontend", "id"}) == parsed.model_dump(
            exclude={"frontend", "id"}), read.prompt


def test_paragraph_marks_group_sentences_into_prompts():
    text = "# newdoc\n\n" + ud("""
        # newpar
        # sent_id = p1
        # text = A red car.
        1 A a DET DT _ 3 det _ _
        2 red red ADJ JJ _ 3 amod _ _
        3 car car NOUN NN _ 0 root _ SpaceAfter=No
        4 . . PUNCT . _ 3 punct _ _
    """) + ud("""
        # sent_id = p1.2
        # text = It is fast.
        1 It it PRON PRP _ 3 nsubj _ _
        2 is be AUX VBZ _ 3 cop _ _
        3 fast fast ADJ JJ _ 0 root _ SpaceAfter=No
        4 . . PUNCT . _ 3 punct _ _
    """) + ud("""
        # newpar
        # sent_id = p2
        # text = a blue ball
        1 a a DET DT _ 3 det _ _
        2 blue blue ADJ JJ _ 3 amod _ _
        3 ball ball NOUN NN _ 0 root _ _
    """)
    frontend = ConlluFrontend("t.conllu", sentences=read_conllu(text))
    units = list(frontend.units())
    assert [(i, g.text) for i, g in units] == [("p1", "A red car. It is fast."),
                                               ("p2", "a blue ball")]
    assert [w.text for w in units[0][1] if w.head is None] == ["car", "fast"]


# --- lookup by id or text ----------------------------------------------------------------------


def test_prompts_are_found_by_id_by_text_and_across_sentence_splits():
    frontend = ConlluFrontend(SPACY_FIXTURE)
    prompt = next(s.full_text() for s in frontend.sentences
                  if s.sent_id == "constructions-relcl-01")
    assert frontend.graph(prompt, "constructions-relcl-01").text == prompt
    assert frontend.graph("a  dog that is red and a cat that is blue").text.startswith("a  dog")
    first = next(n for n, s in enumerate(frontend.sentences)
                 if s.sent_id == "constructions-predicative-02")
    whole = (frontend.sentences[first].full_text() + " "
             + frontend.sentences[first + 1].full_text())
    graph = frontend.graph(whole, "constructions-predicative-02")
    roots = [w for w in graph if w.head is None]
    assert graph.text == whole and len(roots) == 2
    assert frontend.missing(["a purple giraffe"], [None]) == ["a purple giraffe"]
    with pytest.raises(BindingError, match="has no sentence for prompt 'a purple giraffe'"):
        frontend.graph("a purple giraffe")


# --- the command line ----------------------------------------------------------------------------


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, list(args), catch_exceptions=False)


def test_parse_conllu_writes_valid_specs(run, tmp_path):
    out = tmp_path / "specs.jsonl"
    result = run("parse", "--conllu", str(UD_FIXTURE), "--output", str(out))
    assert result.exit_code == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == UD_FIXTURE.read_text(encoding="utf-8").count("# sent_id = ")
    jsonschema = pytest.importorskip("jsonschema")
    for line in lines:
        jsonschema.validate(json.loads(line), json_schema())
    first = spec_from_json(lines[0])
    assert (first.id, first.frontend.name, first.grammar.name) == ("adj-01", "conllu", "en-ud")


def test_parse_conllu_errors_are_one_line(run, tmp_path):
    bad = tmp_path / "bad.conllu"
    bad.write_text("# text = a cat\n1\ta\ta\tDET\n", encoding="utf-8")
    result = run("parse", "--conllu", str(bad), "--output", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"error: {bad}:2: expected 10 tab-separated columns, "
                                     "found 4")
    assert not (tmp_path / "out.jsonl").exists()
    assert list(tmp_path.iterdir()) == [bad]  # no partial or temporary file


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--conllu", "F", "a red cube"], "drop PROMPTS and --input"),
        (["--frontend", "conllu", "a red cube"], "pass --conllu FILE"),
        (["--frontend", "stanza", "--conllu", "F"], "drop --frontend stanza"),
        (["--conllu", "F", "--model", "en_core_web_sm"], "the conllu front end has none"),
    ],
)
def test_parse_conllu_usage_errors(run, args, message):
    args = [str(UD_FIXTURE) if a == "F" else a for a in args]
    result = run("parse", *args)
    assert result.exit_code == 2 and message in result.stderr


def test_eval_on_conllu_gives_the_spacy_front_end_figures(run):
    """The same spaCy parses, read from CoNLL-U, score exactly as the spaCy front end does."""
    from_file = run("eval", "--frontend", "conllu", "--conllu", str(SPACY_FIXTURE),
                    "--corpus", "constructions", "--json")
    assert from_file.exit_code == 0, from_file.stderr
    direct = run("eval", "--corpus", "constructions", "--json")
    scored, expected = json.loads(from_file.stdout), json.loads(direct.stdout)
    assert scored["grammar"] == "en-clearnlp"
    assert scored["frontend"]["name"] == "conllu"
    assert scored["corpora"] == expected["corpora"]
    assert scored["corpora"]["constructions"]["prompts"] == 208


def test_eval_on_conllu_finds_the_corpus_itself_and_says_what_is_missing(run):
    found = run("eval", "--conllu", str(SPACY_FIXTURE))
    assert found.exit_code == 0, found.stderr
    assert found.stdout.splitlines()[0] == ("grammar en-clearnlp | front end conllu "
                                            "constructions.spacy.conllu")
    assert "constructions  208" in found.stdout
    missing = run("eval", "--conllu", str(SPACY_FIXTURE), "--corpus", "cc500")
    assert missing.exit_code == 2
    assert "has no analysis for 200 of the 200 prompts of corpus cc500" in missing.stderr
    none = run("eval", "--conllu", str(UD_FIXTURE))
    assert none.exit_code == 2 and "holds none of the shipped corpora whole" in none.stderr
