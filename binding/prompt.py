"""What counts as a prompt: checked once, with a message that says what to do."""

from __future__ import annotations

from collections.abc import Iterator

from binding.errors import BindingError
from binding.printable import normalise_controls

# Longer than any text-to-image prompt (10,000 characters of the gold corpora's prompts are 2,146
# CLIP tokens, 29 chunks of 77); it keeps a pasted document from taking minutes and gigabytes to
# parse (README, "Long prompts").
MAX_PROMPT_CHARS = 10_000


def check_prompt(prompt: object, where: str = "prompt") -> str:
    """Reject what no front end can parse: non-text, empty or over-long text, unpaired
    surrogates.

    Returns the prompt to parse: control characters (NUL, the escape sequences that drive a
    terminal) become spaces one for one, so spans still index the text as given; tabs and
    line breaks stay."""
    if not isinstance(prompt, str):
        raise BindingError(f"{where} must be text, not {type(prompt).__name__}")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise BindingError(f"{where} is {len(prompt):,} characters, more than the "
                           f"{MAX_PROMPT_CHARS:,} binding reads: shorten it")
    prompt = normalise_controls(prompt)
    if not prompt.strip():
        raise BindingError(f"{where} is empty: give a text with at least one word")
    _check_unicode(prompt, where)
    return prompt


def check_prompts(prompts: object) -> Iterator[object]:
    """An iterator over a collection of prompts; one string or a non-collection is an error
    (``parse_many("a red cube")`` would parse every letter)."""
    if isinstance(prompts, (str, bytes)):
        raise BindingError("give a list of prompts, not one text: binding.parse parses one")
    try:
        return iter(prompts)  # type: ignore[call-overload]
    except TypeError:
        raise BindingError(f"give a list of prompts, not {type(prompts).__name__}") from None


def check_id(value: object, where: str = "id") -> str | None:
    """A prompt's id: text or None."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise BindingError(f"{where} must be text or None, not {type(value).__name__}")
    _check_unicode(value, where)
    return value


def _check_unicode(text: str, where: str) -> None:
    """Text that cannot be written as UTF-8 (unpaired surrogates) is refused in one line."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise BindingError(f"{where} contains unpaired surrogate characters: "
                           "pass valid Unicode text") from None
