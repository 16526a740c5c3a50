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
    "render",
]


def __getattr__(name: str) -> object:
    # The parser pulls in spaCy, rendering torch and diffusers: load them only when asked for.
    if name in ("parse", "parse_many", "parse_conllu"):
        from binding import pipeline

        return getattr(pipeline, name)
    if name == "render":
        return _render
    raise AttributeError(f"module 'binding' has no attribute {name!r}")


def _render(prompt_or_spec: str | Spec, pipe: object, method: str = "syngen",
            **options: object) -> object:
    """Render a spec, or a prompt parsed first with the default front end, with a loaded
    Stable Diffusion pipeline: ``binding.generation.render`` with the same options."""
    from binding.generation import render

    spec = prompt_or_spec
    if isinstance(prompt_or_spec, str):
        from binding.pipeline import parse

        spec = parse(prompt_or_spec)
    return render(spec, pipe, method, **options)  # type: ignore[arg-type]
