"""Properties every registered repair must have, on every corpus parse and on generated graphs:
applied twice it gives what it gave once (and the very same graph), it never makes a loop of
heads, it never loses a word, and a graph it has nothing to mend in comes back unchanged.

Each repair is checked as each bundled grammar configures it, on the raw parse and on the graph
it really sees (after the repairs its grammar runs before it).
"""

from __future__ import annotations

import warnings
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from binding.grammars import Grammar, NamedRepair, load_grammar
from binding.grammars.repairs import repair_names
from binding.graph import DependencyGraph, Word

GRAMMARS = ("en-clearnlp", "en-ud")


def configured() -> list[tuple[Grammar, NamedRepair]]:
    return [(g, step) for g in map(load_grammar, GRAMMARS) for step in g.repairs]


def ids(item: tuple[Grammar, NamedRepair]) -> str:
    return f"{item[0].name}:{item[1].name}"


def loops(graph: DependencyGraph) -> bool:
    for word in graph:
        seen, current = set(), word
        while current is not None:
            if current.index in seen:
                return True
            seen.add(current.index)
            current = graph.head(current)
    return False


def covered(graph: DependencyGraph) -> list[int]:
    """The characters of the prompt the words cover, in order; spaces do not count, since a
    word merged across spaced tokens ("Two - tiered", see merge_hyphenated) covers the spaces
    between them."""
    return [i for w in graph for i in range(w.start, w.end) if not graph.text[i].isspace()]


def check(grammar: Grammar, step: NamedRepair, graph: DependencyGraph) -> None:
    once = step.repair(graph, grammar.vocab)
    twice = step.repair(once, grammar.vocab)
    where = f"{step.name} on {graph.text!r}"
    assert twice is once, f"{where}: a second application changed the graph"
    assert not loops(once) or loops(graph), f"{where}: made a loop of heads"
    assert covered(once) == covered(graph), f"{where}: lost or moved a word"
    assert all(w.index == i for i, w in enumerate(once)), where


def test_every_registered_repair_is_checked():
    assert {step.name for _, step in configured()} == set(repair_names())


@pytest.fixture(scope="module")
def corpus_graphs() -> dict[str, list[DependencyGraph]]:
    """Every corpus prompt as the default spaCy model parses it, and the UD fixture's graphs."""
    from pathlib import Path

    from binding.corpora.registry import corpus_names, load_corpus
    from binding.frontends.conllu import ConlluFrontend
    from binding.frontends.spacy import SpacyFrontend

    prompts = [item.prompt for name in corpus_names() for item in load_corpus(name)[1]]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        spacy_graphs = list(SpacyFrontend().graphs(prompts))
    fixture = Path(__file__).parent / "data" / "ud_constructions.conllu"
    ud_graphs = [g for _, g in ConlluFrontend(str(fixture)).units()]
    return {"clearnlp": spacy_graphs, "ud": ud_graphs}


@pytest.mark.parametrize("item", configured(), ids=ids)
def test_on_every_corpus_parse(item, corpus_graphs):
    grammar, step = item
    position = grammar.repairs.index(step)
    for graph in corpus_graphs[grammar.scheme]:
        check(grammar, step, graph)  # the raw parse
        for earlier in grammar.repairs[:position]:
            graph = earlier.repair(graph, grammar.vocab)
        check(grammar, step, graph)  # what the grammar hands it


@pytest.mark.parametrize("item", configured(), ids=ids)
def test_a_sound_parse_comes_back_unchanged(item):
    grammar, step = item
    rows = [("a", "DET", "DT", "det", 2), ("red", "ADJ", "JJ", "amod", 2),
            ("cube", "NOUN", "NN", "ROOT", None), ("on", "ADP", "IN", "prep", 2),
            ("a", "DET", "DT", "det", 5), ("table", "NOUN", "NN", "pobj", 3)]
    if grammar.scheme == "ud":
        rows = [("a", "DET", "DT", "det", 2), ("red", "ADJ", "JJ", "amod", 2),
                ("cube", "NOUN", "NN", "root", None), ("on", "ADP", "IN", "case", 5),
                ("a", "DET", "DT", "det", 5), ("table", "NOUN", "NN", "nmod", 2)]
    graph = _graph("a red cube on a table", rows, grammar.scheme)
    assert step.repair(graph, grammar.vocab) is graph


def _graph(text: str, rows: list[tuple[str, str, str, str, int | None]],
           scheme: str) -> DependencyGraph:
    words, cursor = [], 0
    for i, (form, pos, tag, relation, head) in enumerate(rows):
        start = text.index(form, cursor)
        cursor = start + len(form)
        words.append(Word(i, form, start, cursor, pos, relation, head, form.lower(), tag))
    return DependencyGraph(text=text, words=words, scheme=scheme)


# --- generated graphs ------------------------------------------------------------------------

FORMS = ("a the red blue gold pink dog cat rose hydrant sign bus stop waves crash crouches "
         "sideways glowing windows standing walking painted white black riding stopped one two "
         "3 and , - with in of by that who is are wearing shirt man woman tall huge steel glass "
         "🌿 next to ( ) <lora:x:0.5> BREAK 1girl long_hair left of as").split()
UPOS = ("NOUN PROPN VERB ADJ ADV ADP DET NUM CCONJ PRON AUX PUNCT SYM PART X").split()
TAGS = ("NN NNS NNP VB VBD VBG VBN VBP VBZ JJ JJS RB IN DT CD CC PRP WDT , HYPH").split()
LABELS = {
    "clearnlp": ("nsubj nsubjpass dobj pobj prep pcomp acl relcl advcl amod compound nmod "
                 "npadvmod advmod conj cc punct det nummod appos poss acomp oprd attr ccomp "
                 "xcomp aux dep ROOT").split(),
    "ud": ("nsubj nsubj:pass obj obl nmod case acl acl:relcl advcl amod compound nummod "
           "advmod conj cc punct det appos nmod:poss xcomp ccomp aux cop dep root").split(),
}


@st.composite
def graphs(draw: st.DrawFn, scheme: str) -> DependencyGraph:
    """A tree (or forest) of 1-12 words, joined by single spaces or glued by hyphens."""
    n = draw(st.integers(1, 12))
    forms = draw(st.lists(st.sampled_from(FORMS), min_size=n, max_size=n))
    glued = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    order = draw(st.permutations(range(n)))
    heads: list[int | None] = [None] * n
    for rank, index in enumerate(order[1:], start=1):
        heads[index] = draw(st.one_of(st.none(), st.sampled_from(order[:rank])))
    text, words = "", []
    for i, form in enumerate(forms):
        if i and not (glued[i] and (form == "-" or forms[i - 1] == "-")):
            text += " "
        start = len(text)
        text += form
        words.append(Word(i, form, start, len(text), draw(st.sampled_from(UPOS)),
                          draw(st.sampled_from(LABELS[scheme])), heads[i], form.lower(),
                          draw(st.sampled_from(TAGS))))
    return DependencyGraph(text=text, words=words, scheme=scheme)


@pytest.mark.parametrize("item", configured(), ids=ids)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_on_generated_graphs(item, data):
    grammar, step = item
    check(grammar, step, data.draw(graphs(grammar.scheme)))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_graphs_word_index_gives_what_a_scan_gives(data):
    """Repairs read the words of a relation, part of speech or tag from the graph's index
    instead of scanning every word: the index must give exactly the words the scan gives, in
    text order, for one value or several; a graph a repair rebuilds answers from its own
    words."""
    graph = data.draw(graphs(data.draw(st.sampled_from(sorted(LABELS)))))
    for attribute, ask in (("relation", graph.attached_by), ("pos", graph.with_pos),
                           ("tag", graph.with_tag)):
        values = sorted({getattr(w, attribute) for w in graph})
        for value in values:
            assert list(ask(value)) == [w for w in graph if getattr(w, attribute) == value]
        some = set(data.draw(st.lists(st.sampled_from(values)))) | {"none-such"}
        assert list(ask(some)) == [w for w in graph if getattr(w, attribute) in some]
    assert not graph.attached_by(None) and not graph.with_tag(None)
    first = graph[0]
    rebuilt = graph.with_words([replace(first, relation="none-such"), *graph.words[1:]])
    assert list(rebuilt.attached_by("none-such")) == [rebuilt[0]]
    assert first not in graph.attached_by("none-such")


def test_a_spaced_numeral_merge_keeps_every_word():
    """A numeral, a spaced hyphen and a word become one word covering the same characters
    (found by the generated-graph test in CI: 'a a a a - a' with the fourth 'a' a numeral)."""
    grammar = load_grammar("en-clearnlp")
    step = next(s for s in grammar.repairs if s.name == "merge_hyphenated")
    rows = [("Two", "NUM", "CD", "nummod", 2), ("-", "PUNCT", "HYPH", "punct", 2),
            ("tiered", "ADJ", "JJ", "amod", 3), ("cake", "NOUN", "NN", "ROOT", None)]
    graph = _graph("Two - tiered cake", rows, "clearnlp")
    check(grammar, step, graph)
    once = step.repair(graph, grammar.vocab)
    assert [w.text for w in once] == ["Two - tiered", "cake"]
