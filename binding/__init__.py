"""binding: find which words describe which things in a text-to-image prompt.

    >>> import binding
    >>> spec = binding.parse("a pink sunflower and a yellow flamingo")
    >>> spec.entities[0].text, spec.entities[0].modifiers[0].text
    ('sunflower', 'pink')

The spec (``binding.Spec``) is the versioned JSON contract the generation side reads.
"""

from __future__ import annotations

from binding.errors import BindingError
from binding.spec import (
    SCHEMA_ID,
    Entity,
    Modifier,
    Relation,
    Spec,
    TextAttention,
    iter_specs,
    load_spec,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_ID",
    "BindingError",
    "Entity",
    "Modifier",
    "Relation",
    "Spec",
    "TextAttention",
    "__version__",
    "iter_specs",
    "load_spec",
    "parse",
    "parse_conllu",
    "parse_many",
]


def __getattr__(name: str) -> object:
    # The parser pulls in spaCy; load it only when asked for.
    if name in ("parse", "parse_many", "parse_conllu"):
        from binding import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'binding' has no attribute {name!r}")
