"""The default grammar must not fall below the accuracy the README reports.

`docs/accuracy.json` holds the figures of `binding eval --json` (default grammar, default
model) that the README's table shows; this test re-runs the evaluation and allows a small margin
for nothing but rounding and harmless churn.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from binding.corpora.evaluate import evaluate
from binding.corpora.registry import corpus_names, load_corpus
from binding.pipeline import Parser

FIGURES = Path(__file__).resolve().parents[1] / "docs" / "accuracy.json"
MARGIN = 0.01


@pytest.fixture(scope="module")
def results():
    parser = Parser(tokenizer=None)
    return evaluate([load_corpus(name) for name in corpus_names()], parser)


def test_default_grammar_keeps_the_reported_accuracy(results):
    reported = json.loads(FIGURES.read_text(encoding="utf-8"))["en-clearnlp"]["corpora"]
    assert set(reported) <= set(results), "a corpus of the README is no longer shipped"
    for name, figures in reported.items():
        now = results[name].as_dict()
        for measure in ("entity", "attribute_pair", "count_pair"):
            assert now[measure]["f1"] >= figures[measure]["f1"] - MARGIN, (name, measure)
        assert now["exact"] >= figures["exact"] - MARGIN, (name, "exact")
