"""The rule engine and grammar files, on hand-built dependency graphs (no parser involved)."""

from __future__ import annotations

from dataclasses import replace
from importlib.resources import files

import pytest
from conftest import ends_within
from conftest import hand_graph as graph

from binding import BindingError
from binding.grammars import available_grammars, grammar_for_scheme, load_grammar
from binding.graph import DependencyGraph, Word
from binding.pipeline import Binder
from binding.spec import FrontendInfo


def test_bundled_grammars():
    assert available_grammars()["en-clearnlp"] == "clearnlp"
    assert grammar_for_scheme("clearnlp").name == "en-clearnlp"


def test_unknown_grammar_and_scheme_are_clear_errors(tmp_path):
    with pytest.raises(BindingError, match=r"unknown grammar 'nope'.*en-clearnlp"):
        load_grammar("nope")
    with pytest.raises(BindingError, match="no bundled grammar for the 'tiger'"):
        grammar_for_scheme("tiger")
    bad = tmp_path / "bad.toml"
    bad.write_text("[grammar\nname = 1", encoding="utf-8")
    with pytest.raises(BindingError, match="not valid TOML"):
        load_grammar(str(bad))
    with pytest.raises(BindingError, match="does not exist"):
        load_grammar(str(tmp_path / "missing.toml"))


def test_grammar_for_other_labels_is_refused():
    with pytest.raises(BindingError, match="is for 'clearnlp' labels but the parser speaks 'ud'"):
        Binder(FrontendInfo(name="x"), "ud", grammar="en-clearnlp", tokenizer=None)


def test_rules_are_data(tmp_path):
    """A user grammar file changes bindings without code: here, no postnominal rule and an
    extra colour word."""
    source = (files("binding.grammars") / "en_clearnlp.toml").read_text(encoding="utf-8")
    custom = source.replace('name = "en-clearnlp"', 'name = "my-grammar"')
    custom = custom.replace("[labels]", '[lexicon]\ncolors = ["glaucous"]\n\n[labels]', 1)
    start = custom.index("# Postnominal adjectives")
    end = custom.index("# Participles after the noun")
    custom = custom[:start] + custom[end:]
    path = tmp_path / "my.toml"
    path.write_text(custom, encoding="utf-8")
    grammar = load_grammar(str(path))
    assert grammar.name == "my-grammar" and "glaucous" in grammar.lexicons["colors"]
    assert "red" in grammar.lexicons["colors"]  # bundled word lists still apply
    lake = graph("a lake, calm", [("a", "DET", "det", 1), ("lake", "NOUN", "ROOT", None),
                                  (",", "PUNCT", "punct", 1), ("calm", "ADJ", "conj", 1)])
    assert [m.text for m in load_grammar("en-clearnlp").bind(lake).entities[0].modifiers] == [
        "calm"]
    assert grammar.bind(lake).entities[0].modifiers == []


def merge_hyphenated(g: DependencyGraph) -> DependencyGraph:
    grammar = load_grammar("en-clearnlp")
    step = next(s for s in grammar.repairs if s.name == "merge_hyphenated")
    return step.repair(g, grammar.vocab)


def test_merge_hyphenated():
    g = graph("a long-haired dog", [
        ("a", "DET", "det", 4), ("long", "ADJ", "amod", 3), ("-", "PUNCT", "punct", 3),
        ("haired", "ADJ", "amod", 4), ("dog", "NOUN", "ROOT", None)])
    merged = merge_hyphenated(g)
    assert [w.text for w in merged] == ["a", "long-haired", "dog"]
    assert merged[1].head == 2 and merged[1].relation == "amod"
    assert (merged[1].start, merged[1].end) == (2, 13)
    assert merged[0].head == 2


def test_spaced_hyphen_is_not_a_word():
    g = graph("a cat - a dog", [
        ("a", "DET", "det", 1), ("cat", "NOUN", "ROOT", None), ("-", "PUNCT", "punct", 1),
        ("a", "DET", "det", 4), ("dog", "NOUN", "appos", 1)])
    assert merge_hyphenated(g) is g


def test_noun_phrase_repair_on_a_mistagged_head():
    """'a red rose' parsed as a clause (rose/VERB, red its subject) is rebuilt as a phrase."""
    g = graph("a red rose", [("a", "DET", "det", 1), ("red", "ADJ", "nsubj", 2),
                             ("rose", "VERB", "ROOT", None)])
    found = load_grammar("en-clearnlp").bind(g)
    assert [(e.text, [m.text for m in e.modifiers]) for e in found.entities] == [
        ("rose", ["red"])]
    assert found.graph[2].pos == "NOUN" and found.graph[1].head == 2


def test_correct_parse_is_left_alone():
    g = graph("a red cube", [("a", "DET", "det", 2), ("red", "ADJ", "amod", 2),
                             ("cube", "NOUN", "ROOT", None)])
    grammar = load_grammar("en-clearnlp")
    assert grammar.repaired(g).words == g.words


def test_graph_rejects_bad_indices():
    with pytest.raises(ValueError, match="head 5"):
        DependencyGraph(text="a", words=[Word(0, "a", 0, 1, "DET", "ROOT", 5)], scheme="x")
    with pytest.raises(ValueError, match="index 1, expected 0"):
        DependencyGraph(text="a", words=[Word(1, "a", 0, 1, "DET", "ROOT", None)], scheme="x")
    with pytest.raises(ValueError, match="span outside the text"):
        DependencyGraph(text="a", words=[Word(0, "a", 0, 2, "DET", "ROOT", None)], scheme="x")
    # a well-formed graph, its root its own head, is accepted
    assert len(DependencyGraph(text="a", words=[Word(0, "a", 0, 1, "DET", "ROOT", 0)],
                               scheme="x")) == 1




def test_a_graph_answers_word_questions_in_text_order_and_keeps_itself_when_unchanged():
    """with_pos/attached_by over several values merge their groups in text order (one group
    comes back as it is); with_words of the same words, or of equal copies, is the graph
    itself, which keeps its indexes; a changed word makes a new graph."""
    tree = graph("red cats and dogs", [("red", "ADJ", "amod", 1), ("cats", "NOUN", "ROOT", None),
                                       ("and", "CCONJ", "cc", 1), ("dogs", "NOUN", "conj", 1)])
    assert [w.text for w in tree.with_pos(["NOUN", "ADJ"])] == ["red", "cats", "dogs"]
    assert [w.text for w in tree.with_pos(("NOUN", "NOUN"))] == ["cats", "dogs"]
    assert tree.with_pos({"VERB"}) == () and tree.attached_by(None) == ()
    assert tree.with_words(list(tree.words)) is tree
    assert tree.with_words([replace(w) for w in tree.words]) is tree
    assert tree.with_words([replace(tree[0], head=3), *tree.words[1:]]) is not tree


def test_a_question_of_several_values_is_answered_again_for_a_changed_graph():
    """A question of a set or tuple of values is answered once per graph (the answer kept with
    the graph's groups): asked again it is the same; a repair's new graph, its words
    re-tagged, answers from its own words; a set asked in turn is answered afresh each time."""
    tree = graph("red cats and dogs", [("red", "ADJ", "amod", 1), ("cats", "NOUN", "ROOT", None),
                                       ("and", "CCONJ", "cc", 1), ("dogs", "NOUN", "conj", 1)])
    nominal = frozenset({"NOUN", "PROPN"})
    first = tree.with_pos(nominal)
    assert [w.text for w in first] == ["cats", "dogs"] and tree.with_pos(nominal) is first
    assert [w.text for w in tree.with_pos(("ADJ", "NOUN"))] == ["red", "cats", "dogs"]
    retagged = tree.with_words([tree[0], tree[1], tree[2], replace(tree[3], pos="PROPN")])
    assert [(w.text, w.pos) for w in retagged.with_pos(nominal)] == [
        ("cats", "NOUN"), ("dogs", "PROPN")]
    assert [w.text for w in retagged.with_pos({"PROPN"})] == ["dogs"]
    assert retagged.with_pos(("NOUN",)) == (retagged[1],)
    # what a graph memoises is made once, and a new graph makes its own
    made: list[int] = []
    assert tree.memo("k", lambda: made.append(1) or len(made)) == 1
    assert tree.memo("k", lambda: made.append(1) or len(made)) == 1
    assert retagged.memo("k", lambda: made.append(1) or len(made)) == 2


def test_a_ring_is_found_from_the_words_a_repair_moved():
    """Grammar.repaired checks a repair's graph only from the words whose head it moved (the
    graph before had no ring): a ring through a moved word is found; one through words left
    alone cannot be new, and the full check still finds it."""
    tree = graph("cats and dogs", [("cats", "NOUN", "ROOT", None), ("and", "CCONJ", "cc", 0),
                                   ("dogs", "NOUN", "conj", 0)])
    ring = tree.with_words([replace(tree[0], head=2, relation="conj"), *tree.words[1:]])
    assert ring.has_loop(since=tree) and ring.has_loop()
    moved = tree.with_words([tree[0], replace(tree[1], head=2), tree[2]])
    assert not moved.has_loop(since=tree)
    assert not ring.has_loop(since=ring) and ring.has_loop()


def test_label_sets_are_made_once_and_equal_tables_stay_equal():
    """Repairs ask the label table for a role's labels as a set on every graph: the sets are
    made once, when the table is read, so asking is a look-up and two tables of the same labels
    still compare equal."""
    labels = load_grammar("en-clearnlp").vocab.labels
    assert labels.set("subjects") == {"nsubj", "nsubjpass"}
    assert labels.set("subjects") is labels.set("subjects")
    assert labels.set("case") == frozenset()  # a role ClearNLP has no label for
    assert labels.set("conj") == {"conj"}
    assert labels == type(labels).model_validate(labels.model_dump())


def test_binding_ends_on_a_graph_with_a_ring():
    """A repair on a garbled parse once hung words on each other in a ring of conjuncts, and
    the walk from a participle up to its owner ran forever; every walk over heads now stops at
    a word it has seen."""
    ring = graph("cats and dogs sleeping", [
        ("cats", "NOUN", "conj", 2), ("and", "CCONJ", "cc", 0), ("dogs", "NOUN", "conj", 0),
        ("sleeping", "VERB", "acl", 2)])
    ring = ring.with_words([replace(w, tag="VBG") if w.text == "sleeping" else w
                            for w in ring.words])
    with ends_within(20):
        found = load_grammar("en-clearnlp").bind(ring)
    assert {e.text for e in found.entities} <= {"cats", "dogs"}
