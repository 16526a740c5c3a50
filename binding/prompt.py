"""What counts as a prompt: checked once, with a message that says what to do."""

from __future__ import annotations

from binding.errors import BindingError

# Longer than any text-to-image prompt (10,000 characters of the gold corpora's prompts are 2,146
# CLIP tokens, 29 chunks of 77); it keeps a pasted document from taking minutes and gigabytes to
# parse (README, "Long prompts").
MAX_PROMPT_CHARS = 10_000


def check_prompt(prompt: object, where: str = "prompt") -> str:
    """Reject what no front end can parse: non-text, empty or over-long text, unpaired
    surrogates."""
    if not isinstance(prompt, str):
        raise BindingError(f"{where} must be text, not {type(prompt).__name__}")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise BindingError(f"{where} is {len(prompt):,} characters, more than the "
                           f"{MAX_PROMPT_CHARS:,} binding reads: shorten it")
    if not prompt.strip():
        raise BindingError(f"{where} is empty: give a text with at least one word")
    try:
        prompt.encode("utf-8")
    except UnicodeEncodeError:
        raise BindingError(f"{where} contains unpaired surrogate characters: "
                           "pass valid Unicode text") from None
    return prompt
