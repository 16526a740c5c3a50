"""Registries of the pluggable parts, one pattern for all (as spaCy's ``registry``).

Each kind of part is a ``catalogue`` registry: bundled parts register by name where they are
defined, and another package ships its own through an entry point of the group
``binding_<kind>`` (for a repair: ``[project.entry-points.binding_repairs]``)::

    from binding.registry import registry

    @registry.repairs("my_repair")
    class MyRepair(Repair): ...

``lookup`` turns a missing name into the one-line error every part of binding gives: what was
asked for and the names there are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import catalogue

from binding.errors import BindingError


class registry:  # a namespace, named like spaCy's
    """The registries, by kind of part."""

    frontends = catalogue.create("binding", "frontends", entry_points=True)
    grammars = catalogue.create("binding", "grammars", entry_points=True)
    repairs = catalogue.create("binding", "repairs", entry_points=True)
    methods = catalogue.create("binding", "methods", entry_points=True)
    scorers = catalogue.create("binding", "scorers", entry_points=True)
    corpora = catalogue.create("binding", "corpora", entry_points=True)


def names(kind: catalogue.Registry) -> list[str]:
    """Registered names of one kind, sorted."""
    return sorted(kind.get_all())


def lookup(kind: catalogue.Registry, name: str, what: str,
           bundled: Callable[[], Any] | None = None) -> Any:
    """The part registered as ``name``, or a one-line error naming the valid choices.

    ``bundled`` imports the modules that register the bundled parts of this kind (they are
    imported only when a part of the kind is first asked for, to keep start-up light).
    """
    if bundled is not None:
        bundled()
    if name in kind:
        return kind.get(name)
    raise BindingError(f"unknown {what} {name!r}: use one of {', '.join(names(kind))}")
