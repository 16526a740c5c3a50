"""The spaCy front end hands the grammar the tags its tagger nearly chose."""

from __future__ import annotations

import pytest

from binding.frontends.spacy import SpacyFrontend, load_model

# play/NN, with a present-tense verb (VBP) nearly as likely: the tagger's doubt that
# verbs_read_as_nouns reads, as no word list names play a verb of the two dogs
DOGS = "A brown dog and a black dog play with a yellow frisbee in a field."


@pytest.fixture(scope="module")
def frontend():
    return SpacyFrontend()


def test_words_carry_the_tags_the_tagger_nearly_chose(frontend):
    words = frontend.graph(DOGS).words
    assert "VBP" in words[7].alternative_tags
    tagger_labels = set(frontend.nlp.get_pipe("tagger").labels)
    for word in words:
        assert word.tag not in word.alternative_tags
        assert set(word.alternative_tags) <= tagger_labels
    # the sure words carry none: the articles, the colours, the preposition
    assert all(not words[i].alternative_tags for i in (0, 1, 4, 5, 8))


def test_an_empty_prompt_in_a_batch_leaves_the_others_their_alternatives(frontend):
    graphs = list(frontend.graphs(["", DOGS, "   "]))
    assert len(graphs[0].words) == 0
    assert "VBP" in graphs[1].words[7].alternative_tags


def test_the_spacy_component_reads_the_same_doubts(frontend, parse):
    nlp = load_model()
    nlp.add_pipe("binding")
    spec = nlp(DOGS)._.binding
    assert spec == parse(DOGS)
    assert [(e.text, [m.text for m in e.modifiers]) for e in spec.entities] == [
        ("dog", ["brown"]), ("dog", ["black"]), ("frisbee", ["yellow"]), ("field", [])]


@pytest.mark.filterwarnings("ignore::UserWarning")  # the lemmatizer misses the tags
def test_a_pipeline_without_a_tagger_gives_no_alternatives():
    """A pipeline of the parser alone (no statistical tagger) binds as before: no word has
    alternatives, nothing fails."""
    nlp = load_model()
    nlp.disable_pipe("tagger")
    words = SpacyFrontend(nlp=nlp).graph(DOGS).words
    assert all(not w.alternative_tags for w in words)
