"""Checks for data from outside (spec files, records, library arguments) that would otherwise
end in a traceback far from its cause: JSON nested too deep or with a number of thousands of
digits, text with unpaired surrogates (valid as a JSON escape, unwritable as UTF-8), a path that
is not a path."""

from __future__ import annotations

import os
from pathlib import Path

from binding.errors import BindingError


def as_path(value: object, what: str = "path") -> Path:
    """``value`` as a ``Path``; anything but text or a path-like object is an error."""
    if isinstance(value, (str, os.PathLike)):
        return Path(value)
    raise BindingError(f"{what} must be a file path, not {type(value).__name__}")


def unreadable_json(error: BaseException) -> str:
    """Why ``json.loads`` gave up, beyond syntax: what a person can act on."""
    if isinstance(error, RecursionError):
        return "JSON nested too deeply"
    text = str(error)
    if "digits" in text:  # Python refuses to convert integers of 4,300+ digits
        return "a number with thousands of digits"
    return text.splitlines()[0] if text else type(error).__name__


def check_unicode(data: object, source: str) -> None:
    """Every string of a parsed JSON document (keys too) is encodable as UTF-8: JSON's
    ``\\ud800`` escape decodes to an unpaired surrogate that no file or terminal can take."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise BindingError(f"{source}: text with an unpaired surrogate "
                                   f"({item[:40]!r}): write valid Unicode") from None
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
