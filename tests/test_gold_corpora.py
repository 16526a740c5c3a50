"""The shipped gold files themselves: valid spans, text order, no prompt annotated twice across
corpora, and the issue-18 corpora holding what their names promise. No parser runs here."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

from binding.corpora.registry import ANNOTATED, load_corpus

NEW = {"compbench2": 250, "captions2": 200, "longsd": 100, "community": 100, "complex2": 100,
       "captions3": 100, "community2": 60, "complex3": 100, "captions4": 100,
       "community3": 60, "longsd2": 60, "complex4": 100, "captions5": 100, "compbench3": 199,
       "complex5": 100, "captions6": 100, "compbench4": 199, "community4": 60, "longsd3": 40,
       "complex6": 100, "captions7": 100, "community5": 60, "longsd4": 40,
       "complex7": 100, "captions8": 100, "community6": 60, "longsd5": 40,
       "compbench5": 100, "captions9": 100, "community7": 60, "longsd6": 40,
       "compbench6": 100, "captions10": 100, "community8": 60, "longsd7": 40}
OLDER = ("compbench", "abc6k", "cc500", "constructions")
SECOND_ROUND = ("complex2", "captions3")  # drawn from the sources like compbench2 and captions2
THIRD_ROUND = ("complex3", "captions4")
FOURTH_ROUND = ("complex4", "captions5", "compbench3")
FIFTH_ROUND = ("complex5", "captions6", "compbench4")
SIXTH_ROUND = ("complex6", "captions7")
SEVENTH_ROUND = ("complex7", "captions8")
EIGHTH_ROUND = ("compbench5", "captions9")  # T2I-CompBench's last complex prompts and
# non-spatial sentences; ABC-6K
NINTH_ROUND = ("compbench6", "captions10")  # T2I-CompBench non-spatial sentences; ABC-6K
SOURCES = Path("/work/shared/corpora-src")
SYNTAX = set("()[]<>:+|")


@pytest.fixture(scope="module")
def gold() -> dict:
    return {name: load_corpus(name)[1] for name in ANNOTATED}


def test_every_annotated_corpus_is_shipped_and_valid(gold):
    # load_corpus validates every span (text == prompt[start:end]) and every relation index
    assert set(NEW) | set(OLDER) == set(gold)
    for name, size in NEW.items():
        assert len(gold[name]) == size, name
        assert all(item.id.startswith(f"{name}-") for item in gold[name])


@pytest.mark.parametrize("name", ANNOTATED)
def test_entities_in_text_order_and_words_bound_once(gold, name):
    for item in gold[name]:
        starts = [e.span[0] for e in item.entities]
        assert starts == sorted(starts), item.id
        heads = [e.span for e in item.entities]
        for entity in item.entities:
            spans = [m.span for m in entity.modifiers]
            assert len(spans) == len(set(spans)), (item.id, entity.text)
            for start, end in spans:  # a modifier never overlaps an entity head
                assert all(end <= hs or start >= he for hs, he in heads), (item.id, entity.text)
        if item.ambiguous:
            assert item.note, f"{item.id} is ambiguous without a note"


@pytest.mark.parametrize("name", ANNOTATED)
def test_a_repeated_word_binds_its_own_occurrence(gold, name):
    """One occurrence of a word bound to two entities while another occurrence of it, between
    them, binds nothing is a slip of the span finder (four sheep and four phones: both fours
    at 0), not a reading."""
    for item in gold[name]:
        bound = [(m.span, m.text, e.span) for e in item.entities for m in e.modifiers]
        spans = {span for span, _, _ in bound}
        for span, text, head in bound:
            for match in re.finditer(rf"\b{re.escape(text)}\b", item.prompt):
                other = (match.start(), match.end())
                assert not (other not in spans and span[1] <= other[0] < head[0]
                            and sum(s == span for s, _, _ in bound) > 1), (item.id, text)


def test_new_corpora_annotate_new_prompts(gold):
    older = {item.prompt.strip() for name in OLDER for item in gold[name]}
    fresh = Counter(item.prompt.strip() for name in NEW for item in gold[name])
    assert [prompt for prompt, n in fresh.items() if n > 1 or prompt in older] == []


def test_a_prompt_in_two_corpora_has_the_same_gold(gold):
    """Some template prompts are in both compbench and cc500: their bindings must agree."""
    seen: dict[str, tuple] = {}
    for items in gold.values():
        for item in items:
            key = tuple((e.span, tuple((m.span, m.kind) for m in e.modifiers))
                        for e in item.entities)
            assert seen.setdefault(item.prompt.strip(), key) == key, item.id


@pytest.mark.parametrize("name", ["longsd", "longsd2", "longsd3", "longsd4", "longsd5",
                                  "longsd6", "longsd7"])
def test_long_sd_prompts_are_long_scenes(gold, name):
    for item in gold[name]:
        assert 50 <= len(item.prompt.split()) <= 75, item.id
        assert len(item.entities) >= 7 and "," in item.prompt, item.id


def test_community_prompts_use_community_syntax(gold):
    prompts = [item.prompt for item in gold["community"]]
    weighted = [p for p in prompts if re.search(r"\([^()]+:\d(\.\d+)?\)|\+\+|--|\(\(", p)]
    lora = [p for p in prompts if "<lora:" in p]
    count_tags = [p for p in prompts if re.search(r"\b\d(girl|boy|other)s?\b", p)]
    assert len(weighted) >= 50 and len(lora) >= 10 and len(count_tags) >= 25
    for item in gold["community"]:  # spans cover words, never the syntax around them
        for entity in item.entities:
            for text in [entity.text, *(m.text for m in entity.modifiers)]:
                assert not SYNTAX & set(text), (item.id, text)


def test_count_tags_bind_their_numeral(gold):
    for item in gold["community"]:
        for match in re.finditer(r"\b(\d)(girl|boy|other)s?\b", item.prompt):
            noun = (match.start(2), match.end())
            entity = next(e for e in item.entities if e.span == noun)
            assert (match.start(1), match.end(1)) in {m.span for m in entity.modifiers
                                                      if m.kind == "count"}, item.id


@pytest.mark.skipif(not SOURCES.is_dir(), reason="the raw prompt sources are not on this machine")
def test_sampled_corpora_are_the_seeded_draw(gold):
    path = Path(__file__).parent / "data" / "sample_sources.py"
    spec = importlib.util.spec_from_file_location("sample_sources", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    drawn = module.draws(SOURCES)
    shipped = [(i.id, i.prompt) for name in ("compbench2", "captions2") for i in gold[name]]
    assert shipped == drawn
    second = [(i.id, i.prompt) for name in SECOND_ROUND for i in gold[name]]
    assert second == [d for d in module.second_draws(SOURCES) if d[0].startswith(SECOND_ROUND)]
    third = [(i.id, i.prompt) for name in THIRD_ROUND for i in gold[name]]
    assert third == module.third_draws(SOURCES)
    fourth = [(i.id, i.prompt) for name in FOURTH_ROUND for i in gold[name]]
    assert fourth == module.fourth_draws(SOURCES)
    fifth = [(i.id, i.prompt) for name in FIFTH_ROUND for i in gold[name]]
    assert fifth == module.fifth_draws(SOURCES)
    sixth = [(i.id, i.prompt) for name in SIXTH_ROUND for i in gold[name]]
    assert sixth == module.sixth_draws(SOURCES)
    seventh = [(i.id, i.prompt) for name in SEVENTH_ROUND for i in gold[name]]
    assert seventh == module.seventh_draws(SOURCES)
    eighth = [(i.id, i.prompt) for name in EIGHTH_ROUND for i in gold[name]]
    assert eighth == module.eighth_draws(SOURCES)
    ninth = [(i.id, i.prompt) for name in NINTH_ROUND for i in gold[name]]
    assert ninth == module.ninth_draws(SOURCES)
