"""The en-ud grammar on hand-written UD v2 analyses of every construction the core promises.

The fixture (tests/data/ud_constructions.conllu) is written to the UD guidelines in English EWT
style, not copied from a parser. The expected bindings are the ones test_grammar.py expects of
the spaCy front end for the same prompts: the same binding graph whichever analysis is trusted.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import bindings, kinds, relations, ud

import binding
from binding.frontends.conllu import ConlluFrontend, read_conllu
from binding.grammars import grammar_for_scheme, load_grammar
from binding.pipeline import Parser

FIXTURE = Path(__file__).parent / "data" / "ud_constructions.conllu"


@pytest.fixture(scope="module")
def specs() -> dict[str, binding.Spec]:
    return {spec.id: spec for spec in binding.parse_conllu(FIXTURE)}


CASES = {
    "adj-01": {"sunflower": {"pink"}, "flamingo": {"yellow"}},
    "adj-02": {"apple": {"sliced"}},
    "adj-03": {"dog": {"sleeping"}},
    "compound-01": {"hydrant": {"fire"}},
    "compound-02": {"bear": {"purple", "teddy"}},
    "coord-01": {"table": {"red", "blue"}},
    "coord-02": {"flag": {"red", "white", "blue"}},
    "nested-01": {"car": {"bright", "red"}},
    "nested-02": {"tree": {"very", "tall"}},
    "pred-01": {"car": {"red"}},
    "pred-02": {"dog": {"happy"}},
    "pred-03": {"apple": {"red"}, "banana": {"yellow"}},
    "pred-04": {"car": {"red", "shiny"}},
    "relcl-01": {"dog": {"red"}, "cat": {"blue"}},
    "relcl-02": {"car": {"bright", "red"}},
    "relcl-03": {"dog": set(), "fur": {"white"}},
    "relcl-04": {"house": set(), "roof": {"covered"}, "moss": set()},
    "postnominal-01": {"lake": {"calm", "silver"}},
    "participle-01": {"cat": {"sleeping"}, "couch": set()},
    "participle-02": {"corgi": {"sitting"}, "sunglasses": set(), "chair": set()},
    "count-01": {"apples": {"three", "red"}},
    "count-02": {"dogs": {"two"}, "cat": set()},
    "count-03": {"apples": {"several", "red"}},
    "hyphen-01": {"cat": {"black-and-white"}},
    "hyphen-02": {"dog": {"long-haired"}},
    "hyphen-03": {"t-shirt": set()},
    "hyphen-04": {"cloud": {"cat-shaped"}},
    "colour-01": {"car": {"light", "blue"}},
    "colour-02": {"shirt": {"navy", "blue"}},
    "bare-01": {"cat": set(), "dog": set()},
    "verb-01": {"dog": set(), "hat": {"red"}},
    "verb-02": {"man": set(), "shirt": {"red"}, "horse": set()},
    "verb-03": {"man": {"standing"}, "shirt": {"red"}, "truck": set()},
    "verb-04": {"man": {"black"}, "backpack": {"orange"}},
    "rel-01": {"cat": set(), "eyes": {"blue"}},
    "rel-02": {"cup": set(), "coffee": set()},
    "rel-03": {"cat": set(), "dog": set()},
    "rel-04": {"cat": set(), "car": {"red"}},
    "rel-05": {"cat": set(), "box": {"red"}},
    "rel-06": {"cat": set(), "dog": set()},
    "rel-07": {"dog": set(), "eyes": {"blue"}},
    "rel-08": {"cat": {"sitting"}, "mat": {"blue"}},
    "rel-09": {"cat": set(), "dog": set()},
    "rel-10": {"dog": set(), "collar": set()},
    "rel-11": {"man": set(), "horse": set()},
    "rel-12": {"cat": set(), "mat": set()},
    "passive-01": {"walls": {"painted", "light", "blue"}},
    "passive-02": {"apple": {"sliced"}},
    "passive-03": {"car": {"vintage", "painted", "mint", "green"}},
    "progressive-01": {"cat": {"sleeping"}, "couch": set()},
    "progressive-02": {"dog": set(), "bone": set()},
    "progressive-03": {"child": {"crying"}},
    "shared-01": {"cats": {"playing"}, "dogs": {"playing"}, "garden": set()},
    "abstract-01": {"dog": {"brown"}},
    "abstract-02": {"people": set()},
    "abstract-03": {"shoes": {"red"}},
    "aspect-01": {"coat": {"soft", "plush", "fur"}},
    "ellipsis-01": {"car": {"red", "blue"}},
    "conj-01": {"apple": {"red"}, "bananas": {"yellow"}},
    "mwt-01": {"dog": {"sad"}},
    "empty-01": {"cat": set(), "ball": {"red"}, "dog": set(), "bone": {"blue"}},
}


def test_the_fixture_covers_every_case(specs):
    assert set(specs) == set(CASES)


@pytest.mark.parametrize("sent_id", list(CASES))
def test_bindings(specs, sent_id):
    spec = specs[sent_id]
    assert spec.grammar.name == "en-ud"
    assert bindings(spec) == CASES[sent_id], spec.prompt


RELATIONS = {
    "rel-01": {("cat", "with", "eyes")},
    "rel-02": {("cup", "of", "coffee")},
    "rel-03": {("cat", "next to", "dog")},
    "rel-04": {("cat", "in front of", "car")},
    "rel-05": {("cat", "on top of", "box")},
    "rel-06": {("cat", "to the left of", "dog")},
    "rel-07": {("dog", "has", "eyes")},
    "rel-08": {("cat", "sitting on", "mat")},
    "rel-09": {("cat", "chased by", "dog")},
    "rel-10": {("dog", "'s", "collar")},
    "rel-11": {("man", "rides", "horse")},
    "rel-12": {("cat", "is on", "mat")},
    "verb-01": {("dog", "wearing", "hat")},
    "verb-02": {("man", "in", "shirt"), ("man", "riding", "horse")},
    "verb-03": {("man", "in", "shirt"), ("man", "standing next to", "truck")},
    "adj-01": set(),
    "relcl-01": set(),
}


@pytest.mark.parametrize("sent_id", list(RELATIONS))
def test_relations(specs, sent_id):
    assert relations(specs[sent_id]) == RELATIONS[sent_id]


def test_kinds_and_recorded_relations(specs):
    assert kinds(specs["count-01"]) == {("apples", "three"): "count",
                                        ("apples", "red"): "attribute"}
    assert kinds(specs["count-03"])[("apples", "several")] == "count"
    assert kinds(specs["compound-01"]) == {("hydrant", "fire"): "compound"}
    assert kinds(specs["colour-02"]) == {("shirt", "navy"): "attribute",
                                         ("shirt", "blue"): "attribute"}
    recorded = {sid: {m.text: m.relation for e in specs[sid].entities for m in e.modifiers}
                for sid in ("pred-01", "pred-02", "relcl-01", "coord-01", "passive-01",
                            "progressive-01", "participle-01")}
    assert recorded == {
        "pred-01": {"red": "cop"},
        "pred-02": {"happy": "xcomp"},
        "relcl-01": {"red": "acl:relcl", "blue": "acl:relcl"},
        "coord-01": {"red": "amod", "blue": "conj"},
        "passive-01": {"painted": "nsubj:pass", "blue": "xcomp", "light": "advmod"},
        "progressive-01": {"sleeping": "nsubj"},
        "participle-01": {"sleeping": "acl"},
    }


def test_multiword_token_and_empty_node_keep_spans_in_the_prompt(specs):
    spec = specs["mwt-01"]
    assert spec.prompt == "a sad dog that cannot sleep"
    dog = spec.entities[0]
    assert (dog.text, dog.span, dog.modifiers[0].span) == ("dog", (6, 9), (2, 5))
    empty = specs["empty-01"]
    assert [e.text for e in empty.entities] == ["cat", "ball", "dog", "bone"]
    assert empty.token_indices(empty.entities[3].id).modifiers == [[11]]  # blue, CLIP position


def test_hyphenated_word_is_one_modifier_with_its_whole_span(specs):
    spec = specs["hyphen-01"]
    modifier = spec.entities[0].modifiers[0]
    assert (modifier.text, modifier.span) == ("black-and-white", (2, 17))
    assert spec.token_indices("e0").modifiers == [[2, 3, 4, 5, 6]]  # all five BPE pieces


def test_ud_scheme_picks_the_ud_grammar():
    assert grammar_for_scheme("ud").name == "en-ud"


def test_repairs_rebuild_a_mistagged_noun_phrase_under_ud_labels():
    """What a weak tagger makes of "a red rose" (rose a verb, red its subject), deliberately
    wrong: the noun-phrase repair works on UD labels as on ClearNLP ones."""
    wrong = ud("""
        # text = a red rose
        1 a a DET DT _ 2 det _ _
        2 red red ADJ JJ _ 3 nsubj _ _
        3 rose rise VERB VBD _ 0 root _ _
    """)
    graph = next(ConlluFrontend("x.conllu", sentences=read_conllu(wrong)).units())[1]
    found = load_grammar("en-ud").bind(graph)
    assert [(e.text, [m.text for m in e.modifiers]) for e in found.entities] == [
        ("rose", ["red"])]


def test_participle_tags_come_from_features_when_a_parser_writes_no_xpos(tmp_path):
    path = tmp_path / "noxpos.conllu"
    path.write_text(ud("""
        # text = a cat sleeping on a couch
        1 a a DET _ _ 2 det _ _
        2 cat cat NOUN _ Number=Sing 0 root _ _
        3 sleeping sleep VERB _ Tense=Pres|VerbForm=Part 2 acl _ _
        4 on on ADP _ _ 6 case _ _
        5 a a DET _ _ 6 det _ _
        6 couch couch NOUN _ Number=Sing 3 obl _ _
    """), encoding="utf-8")
    assert bindings(binding.parse_conllu(path)[0]) == {"cat": {"sleeping"}, "couch": set()}


def test_conjunct_with_its_own_subject_is_not_flattened_onto_the_first():
    """closure_not_having, on a hand-built UD graph: yellow is red's conjunct but has its own
    subject, so the apple is only red."""
    graph = next(ConlluFrontend("x.conllu", sentences=read_conllu(ud("""
        # text = the apple is red and the banana is yellow
        1 the the DET DT _ 2 det _ _
        2 apple apple NOUN NN _ 4 nsubj _ _
        3 is be AUX VBZ _ 4 cop _ _
        4 red red ADJ JJ _ 0 root _ _
        5 and and CCONJ CC _ 9 cc _ _
        6 the the DET DT _ 7 det _ _
        7 banana banana NOUN NN _ 9 nsubj _ _
        8 is be AUX VBZ _ 9 cop _ _
        9 yellow yellow ADJ JJ _ 4 conj _ _
    """))).units())[1]
    grammar = load_grammar("en-ud")
    assert grammar.modifiers.settings.closure_not_having
    found = grammar.bind(graph)
    assert {e.text: [m.text for m in e.modifiers] for e in found.entities} == {
        "apple": ["red"], "banana": ["yellow"]}


def test_a_parser_object_can_be_given_directly():
    parser = Parser(frontend=ConlluFrontend(FIXTURE), tokenizer=None)
    spec = parser.parse("a cat with blue eyes")
    assert spec.frontend.name == "conllu" and spec.tokens is None
    assert relations(spec) == {("cat", "with", "eyes")}
