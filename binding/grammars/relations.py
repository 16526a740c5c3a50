"""Relations between entities: the relation rules' walks from one entity to another, typed by
the words that connect them ("next to", "wearing")."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from binding.grammars.paths import Rule, Step, Walk, first_labels, walk
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.spec import Relation


class RelationSettings(BaseModel):
    """The ``[relations]`` table of a grammar file (``through_path`` is built by the loader)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # relations pass through place nouns of these word lists: "in front of", "on top of"
    through_lexicon: tuple[str, ...] = ()


class Relations:
    """The relation pass of one grammar."""

    def __init__(self, vocab: Vocabulary, settings: RelationSettings, rules: Sequence[Rule],
                 through_path: tuple[Step, ...]) -> None:
        self.vocab = vocab
        self.through = settings.through_lexicon
        self.rules = rules
        self.through_path = through_path
        # per rule, the labels its first hop may cross down or up (None: no gate), so that
        # rules that cannot start from an entity are not walked
        self._gates = [(rule, *first_labels(rule.path)) for rule in rules]

    def of(self, graph: DependencyGraph, heads: list[Word],
           entities: dict[int, str]) -> list[Relation]:
        found: dict[tuple[str, str], Relation] = {}
        for head in heads:
            child_labels = {c.relation for c in graph.dependents(head)}
            for rule, down, up in self._gates:
                if (down is not None and down.isdisjoint(child_labels)) or (
                        up is not None and head.relation not in up):
                    continue  # the path cannot take its first step
                for steps in walk(self.vocab, graph, head, rule.path):
                    for full in self._extend_through(graph, steps):
                        target = full[-1][0]
                        if target.index not in entities or target.index == head.index:
                            continue
                        connectors = [w for w, _ in full[:-1]]
                        if rule.markers:
                            connectors += _markers(graph, [w for w, _ in full], rule.markers)
                        source_id, target_id = head.index, target.index
                        if rule.reverse:
                            source_id, target_id = target_id, source_id
                        key = (entities[source_id], entities[target_id])
                        if key in found:
                            continue
                        found[key] = _relation(graph, key, connectors, rule)
        return list(found.values())

    def _extend_through(self, graph: DependencyGraph, steps: Walk) -> list[Walk]:
        """Continue a walk that ends on a place noun ("in front of", "on top of")."""
        if (not steps or not self.through or not self.through_path
                or not self.vocab.has(steps[-1][0], self.through)):
            return [steps]
        longer = [steps + tail for tail in walk(self.vocab, graph, steps[-1][0],
                                                 self.through_path)]
        return longer or [steps]


def _relation(graph: DependencyGraph, key: tuple[str, str], connectors: list[Word],
              rule: Rule) -> Relation:
    if connectors:
        ordered = sorted(connectors, key=lambda w: w.index)
        first, last = ordered[0], ordered[-1]
        inside = {w.index for w in ordered}
        between = graph.words[first.index : last.index + 1]
        if all(w.index in inside or w.pos == "DET" for w in between):
            text = graph.text[first.start : last.end]  # "to the left of", as written
        else:
            text = " ".join(w.text for w in ordered)
        return Relation(source=key[0], target=key[1], type=text,
                        span=(first.start, last.end))
    return Relation(source=key[0], target=key[1], type=rule.type or rule.name)


def _markers(graph: DependencyGraph, words: list[Word], labels: frozenset[str]) -> list[Word]:
    """Children of ``words`` with ``labels``, and theirs (UD "next to": next -fixed-> to)."""
    found: list[Word] = []
    todo = [c for w in words for c in graph.children(w) if c.relation in labels]
    while todo:
        word = todo.pop()
        found.append(word)
        todo += [c for c in graph.children(word) if c.relation in labels]
    return found
