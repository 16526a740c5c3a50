"""What a repair is: a small object with typed settings that mends one kind of parse error.

A repair's fields are its settings, read from its ``[[repair]]`` table in a grammar file and
validated there (an unknown key or a wrong type is an error naming the file and the key).
``needs`` names the ``[labels]`` roles it reads; a grammar that lists the repair must give them.
Calling it on a graph returns the mended graph, or the very same graph where nothing needed
mending. Graphs are never edited in place.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph

Words = frozenset[str]  # lower-case word forms, matched exactly
WordLists = tuple[str, ...]  # names of word lists of the lexicon


class Repair(BaseModel):
    """Base of every repair: subclass, declare settings as fields, implement ``__call__``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    needs: ClassVar[tuple[str, ...]] = ()

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        raise NotImplementedError
