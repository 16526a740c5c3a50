"""Text that reaches a terminal, a Markdown table or a spec: control characters made harmless.

A prompt is user data. Printed raw, ``a red\\x1b]0;TITLE\\x07 cube`` retitles the terminal and
``\\x1b[2J`` clears it; in a Markdown table a ``|`` or a line break ends the cell. Prompts are
normalised once, on the way in (``normalise_controls``); every other text shown to a person
(spec fields read from files written by others, method names from run records, error messages)
is escaped on the way out (``escape``, ``markdown_cell``).
"""

from __future__ import annotations

import re

KEPT_IN_PROMPTS = "\t\n\r"  # whitespace that front ends treat as such
# Format characters that reorder or hide text on display (bidirectional overrides and
# isolates, the marks); zero-width joiners stay, emoji need them.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LINE_BREAKS = "\u2028\u2029"
_SHOWN_AS = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def normalise_controls(prompt: str) -> str:
    """Every control character but tab, line feed and carriage return replaced by a space,
    one for one: character offsets into the prompt as given stay valid."""
    if not _CONTROLS_IN_PROMPT.search(prompt):
        return prompt
    return _CONTROLS_IN_PROMPT.sub(" ", prompt)


def escape(text: str) -> str:
    """``text`` safe to print on a terminal, on one line: control characters, bidirectional
    overrides and line separators as visible escapes (``\\x1b``, ``\\n``, ``\\u202e``)."""
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escaped, text)


def markdown_cell(text: str) -> str:
    """``text`` as one cell of a Markdown table: escaped as for a terminal, with ``|``, ``\\``
    and HTML's ``<``, ``>``, ``&`` made literal."""
    text = escape(text).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHOWN_AS:
        return _SHOWN_AS[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_CC = "".join(chr(c) for c in (*range(0x20), *range(0x7F, 0xA0)))
_CONTROLS_IN_PROMPT = re.compile(
    "[" + re.escape("".join(c for c in _CC if c not in KEPT_IN_PROMPTS)) + "]")
_UNSAFE = re.compile("[" + re.escape(_CC + _BIDI + _LINE_BREAKS) + "]")
