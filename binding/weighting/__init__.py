"""Prompt-weighting syntax: compel's ``(word)1.2`` / ``word++`` and A1111's ``(word:1.2)`` /
``[word]``, read with every character's place in the prompt as written kept.

The spec keeps the prompt exactly as the user wrote it; the clean text the front end parses and
the text encoder reads, and the weights, are derived from it here.
"""

from __future__ import annotations

from binding.weighting.read import (
    SYNTAXES,
    Fragment,
    ReadPrompt,
    WeightingWarning,
    guess_syntax,
    plain,
    read_prompt,
)

__all__ = ["SYNTAXES", "Fragment", "ReadPrompt", "WeightingWarning", "guess_syntax", "plain",
           "read_prompt"]
