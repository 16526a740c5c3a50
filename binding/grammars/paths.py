"""Rule paths through the dependency tree, and the walker that follows them.

A rule is a path of steps from an entity:

    [[modifier]]                       # "the car is red": car <-nsubj- is -acomp-> red
    name = "predicative"
    relation = "acomp"
    path = [{ up = ["nsubj"], lexicon = ["copulas"] }, { down = ["acomp"] }]

A step moves ``down`` to children or ``up`` to the head, over the listed relation labels, and
may require the word reached to have a part of speech (``pos``) OR to be in a word list
(``lexicon``), to have a fine-grained tag (``tag``), not to be in a word list (``not_lexicon``),
to lie ``before``/``after`` the previous word (``side``), to lack children with some labels
(``without``) or to have them (``having``), to have no noun child with some labels
(``without_nouns``) or no determiner among some words (``not_determiners``: "The flock of
sheep huddled" is a sentence), or not to be attached by some labels (``not_relations``).
``optional`` steps may be skipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word

Walk = list[tuple[Word, str]]  # (word reached, label crossed) per step


@dataclass(frozen=True)
class Step:
    """One hop of a rule path."""

    direction: str  # "down" or "up"
    labels: frozenset[str]
    pos: frozenset[str] = frozenset()
    tag: frozenset[str] = frozenset()
    lexicon: tuple[str, ...] = ()
    not_lexicon: tuple[str, ...] = ()
    side: str | None = None
    without: frozenset[str] = frozenset()
    having: frozenset[str] = frozenset()
    optional: bool = False
    not_relations: frozenset[str] = frozenset()  # labels the word reached must not carry
    without_nouns: frozenset[str] = frozenset()  # labels no noun child of the word may carry
    not_determiners: frozenset[str] = frozenset()  # determiners the word may not have


@dataclass(frozen=True)
class Rule:
    name: str
    path: tuple[Step, ...]
    relation: str | None = None  # recorded relation; default: the label of the last hop
    kind: str | None = None  # forced kind; default: decided from the word
    type: str | None = None  # relation rules: type when no connecting words
    reverse: bool = False  # relation rules: the reached entity is the source
    unless_determiner: frozenset[str] = frozenset()  # skip entities with one of these words
    # relation rules: children with these labels of the words reached join the connecting words
    # (UD marks prepositions on their noun: "with" is a case child of "eyes")
    markers: frozenset[str] = frozenset()
    after_word: frozenset[str] = frozenset()  # bind only words right after one of these
    entity_having: frozenset[str] = frozenset()  # only entities with children so labelled
    # only entities with no child so labelled right after them, before a later conjunct
    entity_without: frozenset[str] = frozenset()
    same_class: str | None = None  # first word reached agrees with the entity on this list
    after_entity: bool = False  # bind only words after the entity


def _matches(vocab: Vocabulary, step: Step, previous: Word, word: Word) -> bool:
    if (step.pos or step.lexicon) and not (
            word.pos in step.pos or vocab.has(word, step.lexicon)):
        return False
    if step.not_lexicon and vocab.has(word, step.not_lexicon):
        return False
    if step.tag and word.tag not in step.tag:
        return False
    if word.relation in step.not_relations:
        return False
    if step.side == "before":
        return word.index < previous.index
    if step.side == "after":
        return word.index > previous.index
    return True


def hops(vocab: Vocabulary, graph: DependencyGraph, start: Word, step: Step) -> Walk:
    """The words one step leads to from ``start``, each with the label crossed (``optional``
    aside: the caller decides whether to skip the step)."""
    if step.direction == "down":
        labels = step.labels
        reached = [c for c in graph.dependents(start) if c.relation in labels]
        if not reached:
            return []
    else:
        if start.relation not in step.labels:
            return []
        head = graph.head(start)
        if head is None:
            return []
        reached = [head]
    found: Walk = []
    for word in reached:
        if not _matches(vocab, step, start, word):
            continue
        if step.without or step.having or step.without_nouns or step.not_determiners:
            children = graph.dependents(word)
            labels = {c.relation for c in children}
            if step.without & labels or not step.having <= labels:
                continue
            if step.without_nouns and any(c.relation in step.without_nouns
                                          and vocab.is_nominal(c) for c in children):
                continue
            if step.not_determiners and any(c.pos == "DET" and c.lower in step.not_determiners
                                            for c in children):
                continue
        # the label crossed: the word's own going down, the start's going up
        found.append((word, word.relation if step.direction == "down" else start.relation))
    return found


def walk(vocab: Vocabulary, graph: DependencyGraph, start: Word,
         path: Sequence[Step]) -> list[Walk]:
    """Every way ``path`` leads from ``start``."""
    if not path:
        return [[]]
    step, rest = path[0], path[1:]
    found: list[Walk] = walk(vocab, graph, start, rest) if step.optional else []
    for hop in hops(vocab, graph, start, step):
        if rest:
            found.extend([hop, *tail] for tail in walk(vocab, graph, hop[0], rest))
        else:  # the last step: no walk left to take (most rules are one step long)
            found.append([hop])
    return found


def first_labels(path: Sequence[Step]) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The labels a rule's first hop must find below the entity, or on the entity itself: those
    of its first step, and of the next ones while the steps before them are optional ("colour
    range" may go down an acl or a prep first); None where they go both ways or all may be
    skipped."""
    labels: frozenset[str] = frozenset()
    directions = set()
    for step in path:
        labels |= step.labels
        directions.add(step.direction)
        if not step.optional:
            if len(directions) > 1:
                return None, None
            return (labels, None) if step.direction == "down" else (None, labels)
    return None, None
