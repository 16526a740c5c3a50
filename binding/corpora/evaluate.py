"""Run a parser over corpora and score it: what ``binding eval`` prints."""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from binding.corpora.gold import GoldPrompt
from binding.corpora.score import Score, score
from binding.corpora.split import SELECTIONS, Selection, part_of
from binding.pipeline import Parser, TruncationWarning


def evaluate(corpora: Sequence[tuple[str, list[GoldPrompt]]], parser: Parser) -> dict[str, Score]:
    """Scores per corpus, plus ``overall`` (all prompts pooled)."""
    return evaluate_parts(corpora, parser, ("all",))["all"]


def evaluate_parts(corpora: Sequence[tuple[str, list[GoldPrompt]]], parser: Parser,
                   selections: Sequence[Selection] = SELECTIONS) -> dict[str, dict[str, Score]]:
    """Scores per selection (``all``, ``dev``, ``test``), per corpus plus ``overall``; every
    prompt is parsed once, whatever the number of selections."""
    results: dict[str, dict[str, Score]] = {s: {} for s in selections}
    overall = {s: Score() for s in selections}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TruncationWarning)
        for name, items in corpora:
            specs = parser.pipe([item.prompt for item in items],
                                ids=[item.id for item in items])
            pairs = list(zip(items, specs, strict=True))
            for selection in selections:
                result = score((gold, spec) for gold, spec in pairs
                               if selection == "all" or part_of(gold) == selection)
                results[selection][name] = result
                overall[selection].merge(result)
    if len({name for name, _ in corpora}) > 1:
        for selection in selections:
            results[selection]["overall"] = overall[selection]
    return results
