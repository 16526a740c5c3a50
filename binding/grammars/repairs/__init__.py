"""Repairs: registered units that mend what a small parser gets wrong, before binding.

Each family of repairs is a module here; each repair registers by name in
``binding.registry.registry.repairs``, and another package can ship one through the entry point
group ``binding_repairs``. A grammar file lists the repairs it runs, in order, with their
settings (``[[repair]]`` tables).
"""

from __future__ import annotations

import importlib

from binding.grammars.repairs.base import Repair
from binding.registry import lookup, names, registry

__all__ = ["FAMILIES", "Repair", "get_repair", "repair_names"]

# the modules of the bundled repairs, one family each
FAMILIES = ("agreement", "clauses", "coordination", "hyphens", "noun_phrases", "owners",
            "participles", "phrases", "symbols", "tagging", "tags")


def _import_bundled() -> None:
    for family in FAMILIES:
        importlib.import_module(f"binding.grammars.repairs.{family}")


def get_repair(name: str) -> type[Repair]:
    """The repair class registered as ``name`` (bundled or from an entry point)."""
    return lookup(registry.repairs, name, "repair", bundled=_import_bundled)


def repair_names() -> list[str]:
    """Every registered repair, bundled and from entry points."""
    _import_bundled()
    return names(registry.repairs)
