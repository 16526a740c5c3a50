"""Run a parser over corpora and score it: what ``binding eval`` prints."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from binding.corpora.gold import GoldPrompt
from binding.corpora.score import Score, score
from binding.pipeline import Parser, TruncationWarning


def evaluate(corpora: Sequence[tuple[str, list[GoldPrompt]]], parser: Parser) -> dict[str, Score]:
    """Scores per corpus, plus ``overall`` (all prompts pooled)."""
    results: dict[str, Score] = {}
    overall = Score()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TruncationWarning)
        for name, items in corpora:
            specs = parser.pipe([item.prompt for item in items],
                                ids=[item.id for item in items])
            result = score(zip(items, specs, strict=True))
            results[name] = result
            overall.merge(result)
    if len(results) > 1:
        results["overall"] = overall
    return results
