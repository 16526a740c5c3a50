"""File names made from ids, prompts and method names: readable, bounded, distinct.

A render folder is named after its prompt (``runs/dvmp/<prompt-id>/``). The id or prompt can be
any text: 300 characters (past the file system's 255-byte limit), ``猫``, ``a/b``, ``..``,
``_batch`` (the folder render-batch keeps its manifests in). The name keeps what is safe of it
(letters and digits of any script, ``.``, ``_``, ``+``, ``-``) and, whenever that is not the
whole text, adds a short hash of the text so that two ids never share a folder.
"""

from __future__ import annotations

import hashlib
import unicodedata

SAFE_PUNCTUATION = "._+-"
MAX_VERBATIM = 64  # characters of an id used as it is
MAX_SLUG = 48  # characters kept of a slugged id or prompt
MAX_BYTES = 160  # bytes of a name, well under every file system's 255
HASH_LENGTH = 8


def _safe(char: str) -> bool:
    if char.isascii():
        return char.isalnum() or char in SAFE_PUNCTUATION
    return unicodedata.category(char)[0] in "LMN"  # letters, marks, digits of any script


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """Runs of unsafe characters as one ``-``; no ``.``, ``_`` or ``-`` at the start (hidden
    files; ``_batch`` and ``_eval`` are render-batch's and eval-images' folders), no ``-`` or
    ``.`` at the end; at most ``limit`` characters and ``MAX_BYTES`` bytes."""
    out: list[str] = []
    in_gap = False
    for char in text:
        if _safe(char):
            if out or char not in "._-":  # a name never starts hidden or reserved
                out.append(char)
            in_gap = False
        elif not in_gap:
            if out:
                out.append("-")
            in_gap = True
        if len(out) >= limit:
            break
    name = "".join(out).strip("-.")
    while len(name.encode("utf-8")) > MAX_BYTES:
        name = name[:-1]
    return name.rstrip("-.")


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_LENGTH]


def id_name(identifier: str) -> str:
    """A spec id as a folder name: the id itself when it is a short, safe name that starts
    with a letter or digit (``dvmp-001``, ``猫``), else its slug and a hash (``_batch`` ->
    ``batch-1a2b3c4d``, ``a/b`` -> ``a-b-…``, 300 characters -> 48 and a hash)."""
    if (identifier and len(identifier) <= MAX_VERBATIM and all(map(_safe, identifier))
            and identifier[0] not in SAFE_PUNCTUATION and not identifier.endswith(".")
            and len(identifier.encode("utf-8")) <= MAX_BYTES):
        return identifier
    return "-".join(x for x in (slug(identifier), digest(identifier)) if x)


def prompt_name(prompt: str) -> str:
    """A prompt as a folder name: a lower-case slug of its start and a hash of all of it."""
    return f"{slug(prompt.lower()) or 'prompt'}-{digest(prompt)}"


def bounded(name: str) -> str:
    """A name made of safe parts (a method and a seed) cut to ``MAX_BYTES``, with a hash of
    the whole where it had to be cut."""
    if len(name.encode("utf-8")) <= MAX_BYTES:
        return name
    return f"{slug(name, MAX_BYTES - HASH_LENGTH - 1)}-{digest(name)}"
