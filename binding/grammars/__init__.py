"""Grammars: declarative rule sets (TOML files) that turn dependency graphs into bindings.

A grammar is chosen by name (``en-clearnlp``), by file path, or by the label scheme of the parse
(``clearnlp`` -> ``en-clearnlp``). A file names its label scheme and its words by role
(``[labels]``), its word lists, the repairs it runs in order (``[[repair]]``), and its entity,
modifier and relation rules; ``binding grammar check FILE`` validates one.

- ``grammar``: the pass (repairs, entities, modifiers, relations); ``loading``: files -> grammars;
- ``schema``: the file format; ``labels``, ``lexicon``, ``vocabulary``: what a grammar knows of
  words; ``paths``: rule paths and the walker; ``trees``: shared questions about the tree;
- ``entities``, ``modifiers``, ``relations``: the three passes; ``repairs/``: the repairs.
"""

from __future__ import annotations

from binding.grammars.grammar import Binding, Grammar, NamedRepair
from binding.grammars.loading import (
    available_grammars,
    grammar_for_scheme,
    grammar_from_file,
    load_grammar,
)
from binding.grammars.paths import Rule, Step

__all__ = ["Binding", "Grammar", "NamedRepair", "Rule", "Step", "available_grammars",
           "grammar_for_scheme", "grammar_from_file", "load_grammar"]
