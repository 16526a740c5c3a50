"""Guidance methods, registered by name (``binding.generation.methods.METHODS``).

Each module here defines one method's loss as pure functions over attention maps and registers
it with its paper's schedule; importing this package registers them all.
"""

from __future__ import annotations

from binding.generation.methods import (  # noqa: F401  (each module registers its methods)
    attend_excite,
    divide_bind,
    syngen,
    tsam,
)
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
