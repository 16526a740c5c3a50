"""What counts as a prompt: checked once, with a message that says what to do."""

from __future__ import annotations

from binding.errors import BindingError


def check_prompt(prompt: object, where: str = "prompt") -> str:
    """Reject what no front end can parse: non-text, empty text, unpaired surrogates."""
    if not isinstance(prompt, str):
        raise BindingError(f"{where} must be text, not {type(prompt).__name__}")
    if not prompt.strip():
        raise BindingError(f"{where} is empty: give a text with at least one word")
    try:
        prompt.encode("utf-8")
    except UnicodeEncodeError:
        raise BindingError(f"{where} contains unpaired surrogate characters: "
                           "pass valid Unicode text") from None
    return prompt
