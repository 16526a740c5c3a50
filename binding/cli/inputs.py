"""Reading a command's PROMPT|SPEC.json argument (``binding render``, ``binding show``).

Prompt files for ``binding parse --input`` are read by ``binding.scale.sources``."""

from __future__ import annotations

from pathlib import Path

from binding.errors import BindingError


def spec_file(source: str) -> object | None:
    """The spec a command's PROMPT|SPEC.json argument names when it names a file (.json, or
    any existing file), else None: the argument is a prompt."""
    path = Path(source)
    if path.suffix.lower() != ".json" and not path.is_file():
        return None
    if not path.is_file():
        raise BindingError(f"spec file {source} does not exist: give a spec file written "
                           "by `binding parse --json`, or a prompt in quotes")
    from binding.spec import load_spec

    return load_spec(path)
