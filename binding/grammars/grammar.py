"""A grammar: a dependency graph in, entities, their modifiers and their relations out.

The pass reads top to bottom: the grammar's repairs mend the parse in the order its file lists
them, then every noun the entity decision keeps becomes an entity, its modifier rules bind what
describes it (what describes a pro-form goes to its antecedent), and its relation rules link
entities. Everything that varies by language or label scheme comes from the grammar file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from binding.grammars.entities import Entities
from binding.grammars.modifiers import Modifiers
from binding.grammars.relations import Relations
from binding.grammars.repairs import Repair
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph
from binding.spec import Entity, GrammarInfo, Relation


@dataclass(frozen=True)
class Binding:
    """What a grammar finds in one graph, before alignment."""

    entities: list[Entity]
    relations: list[Relation]
    graph: DependencyGraph  # the repaired graph the bindings were read from


@dataclass(frozen=True)
class NamedRepair:
    """A repair as a grammar file lists it: its registered name and its settings."""

    name: str
    repair: Repair


@dataclass
class Grammar:
    name: str
    version: str
    scheme: str
    vocab: Vocabulary
    repairs: tuple[NamedRepair, ...]
    entities: Entities
    modifiers: Modifiers
    relations: Relations
    description: str = ""
    source: str = ""  # the file it was read from
    # the repairs' calls, bound once for the tuple of repairs they were read from: the loop
    # of ``repaired`` runs every repair on every prompt
    _calls: tuple[tuple[NamedRepair, ...], tuple[Callable[..., DependencyGraph], ...]] | None = \
        field(default=None, init=False, repr=False, compare=False)

    @property
    def info(self) -> GrammarInfo:
        return GrammarInfo(name=self.name, version=self.version)

    @property
    def lexicons(self) -> dict[str, frozenset[str]]:
        """The word lists by name."""
        return dict(self.vocab.lexicon.lists)

    def repaired(self, graph: DependencyGraph) -> DependencyGraph:
        """The graph after the grammar's repairs, in its order. A repair whose result would
        hang words on each other in a ring is not applied: every pass after it walks heads up
        to a root, and a ring would never end."""
        if graph.has_loop():
            return graph  # a ring from the front end itself: no repair can be checked against it
        if self._calls is None or self._calls[0] is not self.repairs:
            self._calls = (self.repairs, tuple(step.repair.__call__ for step in self.repairs))
        vocab = self.vocab
        for call in self._calls[1]:
            repaired = call(graph, vocab)
            # graph has no ring, so a new one runs through a word whose head the repair moved
            if repaired is not graph and not repaired.has_loop(since=graph):
                graph = repaired
        return graph

    def bind(self, graph: DependencyGraph) -> Binding:
        graph = self.repaired(graph)
        nominal, is_entity = self.vocab.nominal_pos, self.entities.is_entity
        heads = [w for w in graph if w.pos in nominal and is_entity(graph, w)]  # (cheap test first)
        entity_ids = {w.index: f"e{n}" for n, w in enumerate(heads)}
        inherited = self.modifiers.of_pro_forms(graph, heads, entity_ids)
        entities = []
        for w in heads:
            modifiers = self.modifiers.of(graph, w, entity_ids)
            spans = {m.span for m in modifiers}
            for m in inherited.get(w.index, []):
                if m.span not in spans:  # two pro-forms may reach one word: bind it once
                    modifiers.append(m)
                    spans.add(m.span)
            entities.append(Entity(id=entity_ids[w.index], text=w.text, span=(w.start, w.end),
                                   modifiers=sorted(modifiers, key=lambda m: m.span)))
        relations = self.relations.of(graph, heads, entity_ids)
        return Binding(entities=entities, relations=relations, graph=graph)
