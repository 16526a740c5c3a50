"""Scoring predicted specs against gold: entity heads, attribute pairs, count pairs, exact match.

Pairs are (modifier span, entity span); ``attribute`` pairs are every non-count modifier
(attribute and compound kinds), ``count`` pairs the count kind. Spans must match exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from binding.corpora.gold import GoldEntity, GoldPrompt
from binding.spec import Entity, Spec


@dataclass
class Counts:
    """True positives, predicted and gold totals of one measure."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.predicted += len(predicted)
        self.gold += len(gold)

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "tp": self.tp, "predicted": self.predicted, "gold": self.gold}


@dataclass
class Miss:
    """One prompt where prediction and gold differ."""

    id: str
    prompt: str
    missing: list[str]
    extra: list[str]
    ambiguous: bool = False


@dataclass
class Score:
    entities: Counts = field(default_factory=Counts)
    attributes: Counts = field(default_factory=Counts)
    counts: Counts = field(default_factory=Counts)
    exact: int = 0
    prompts: int = 0
    misses: list[Miss] = field(default_factory=list)

    @property
    def exact_accuracy(self) -> float:
        return self.exact / self.prompts if self.prompts else 1.0

    def merge(self, other: Score) -> None:
        for name in ("entities", "attributes", "counts"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.tp += theirs.tp
            mine.predicted += theirs.predicted
            mine.gold += theirs.gold
        self.exact += other.exact
        self.prompts += other.prompts
        self.misses += other.misses

    def as_dict(self) -> dict[str, object]:
        return {"prompts": self.prompts, "entity": self.entities.as_dict(),
                "attribute_pair": self.attributes.as_dict(), "count_pair": self.counts.as_dict(),
                "exact": self.exact_accuracy}


def _sets(entities: Iterable[Entity | GoldEntity]) -> tuple[set, set, set]:
    """Entity spans, attribute pairs and count pairs of a prediction or of gold."""
    entities = list(entities)
    spans = {e.span for e in entities}
    pairs = [(m.span, e.span, m.kind) for e in entities for m in e.modifiers]
    attributes = {(m, e) for m, e, kind in pairs if kind != "count"}
    counts = {(m, e) for m, e, kind in pairs if kind == "count"}
    return spans, attributes, counts


def _describe(prompt: str, items: Iterable) -> list[str]:
    out = []
    for item in sorted(items):
        if isinstance(item[0], tuple):
            (ms, me), (es, ee) = item
            out.append(f"{prompt[ms:me]}->{prompt[es:ee]}")
        else:
            out.append(prompt[item[0]:item[1]])
    return out


def score(pairs: Iterable[tuple[GoldPrompt, Spec]]) -> Score:
    """Score (gold, prediction) pairs of the same prompts."""
    result = Score()
    for gold, spec in pairs:
        if spec.prompt != gold.prompt:
            raise ValueError(f"{gold.id}: prediction is for another prompt")
        predicted, expected = _sets(spec.entities), _sets(gold.entities)
        result.entities.add(predicted[0], expected[0])
        result.attributes.add(predicted[1], expected[1])
        result.counts.add(predicted[2], expected[2])
        result.prompts += 1
        if predicted == expected:
            result.exact += 1
        else:
            missing = [f"entity {w}" for w in _describe(gold.prompt, expected[0] - predicted[0])]
            extra = [f"entity {w}" for w in _describe(gold.prompt, predicted[0] - expected[0])]
            for k in (1, 2):
                missing += _describe(gold.prompt, expected[k] - predicted[k])
                extra += _describe(gold.prompt, predicted[k] - expected[k])
            result.misses.append(Miss(gold.id, gold.prompt, missing, extra, gold.ambiguous))
    return result
