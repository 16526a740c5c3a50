"""Guidance methods, registered by name (``binding.generation.methods.METHODS``).

Each module here defines one method's loss as pure functions over attention maps and registers
it with its paper's schedule; importing this package registers them all.
"""

from __future__ import annotations

from binding.generation.methods import syngen  # noqa: F401  (registers syngen, syngen-entropy)
from binding.generation.methods.registry import (
    METHODS,
    Component,
    Method,
    Schedule,
    get_method,
    parse_method,
    register,
)

__all__ = ["METHODS", "Component", "Method", "Schedule", "get_method", "parse_method", "register"]
