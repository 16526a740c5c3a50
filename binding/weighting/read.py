"""Read a prompt's weighting syntax and keep every character's place in the text as written.

A prompt written with weights (``a (red:1.3) cube``) is two texts at once: the one the user
wrote, which the spec keeps and every span indexes, and the one the text encoder reads
(``a red cube``), each run of it with a weight. ``read_prompt`` derives the second from the
first, and for every character of it remembers where it stands in the first, so a front end
parses the clean text and its spans map back exactly.

The syntaxes are grammars (``a1111.lark``, ``compel.lark`` beside this file) read by lark's
LALR parser: linear in the prompt's length, no torch (compel's own parser cannot be imported
without it).
"""

from __future__ import annotations

import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import Any, Literal

from binding.errors import BindingError

Syntax = Literal["auto", "a1111", "compel", "none"]
SYNTAXES: tuple[str, ...] = ("auto", "a1111", "compel", "none")
UP, DOWN = 1.1, 1 / 1.1  # A1111's () and [] multipliers; compel's + and - are 1.1 and 0.9
PLUS, MINUS = 1.1, 0.9
OR = " or "  # joins the parts of a prompt edit or alternation in the clean text
DECIMALS = 6  # weights are kept to 6 decimals: 1.1 * 1.1 is 1.21, not 1.2100000000000002

# auto: forms only compel has (a number or sign right after ")", a word ending in ++ or --) ...
_COMPEL_ONLY = re.compile(r"\)(?:\d|\.\d|\+|-)|[^\s()\\+\-,.=\"](?:\+\+|--)")
# ... else forms A1111 writes and prose does not: a weight "(words:1.2)", doubled brackets,
# an escaped bracket, a prompt edit or an alternation; else the prompt is plain text:
# "a giant octopus (purple, spotted)"
_PART = r"[^\[\]()\\:|]*"  # a part of a prompt edit or alternation: plain words
_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_A1111_ONLY = re.compile(rf":[ \t]*[+-]?{_NUMBER}[ \t]*\)|\(\(|\[\[|\\[()\[\]]"
                         # a prompt edit [from:to:0.5] or an alternation [cat|dog]
                         rf"|\[{_PART}(?::{_PART})?:[ \t]*{_NUMBER}[ \t]*\]"
                         rf"|\[{_PART}(?:\|{_PART})+\]")
_A1111_MARKUP = re.compile(r"[()\[\]\\]")
# an A1111 weight "(words:1.3)" in a compel prompt (people mix the two: "a lighthouse++,
# (huge waves:1.3)"): read as compel's "(words)1.3", the weight it means
_A1111_WEIGHT = re.compile(rf"\(([^()\[\]\\:]*):[ \t]*({_NUMBER})[ \t]*\)")
_COMPEL_MARKUP = re.compile(r"[()\\+\-]")


class WeightingWarning(UserWarning):
    """``--weighting auto`` found brackets it could not read as weights: the prompt is read as
    plain text."""


@dataclass(frozen=True)
class Fragment:
    """A run of the clean text with one weight: ``text[start:end]``."""

    start: int
    end: int
    weight: float


@dataclass(frozen=True)
class ReadPrompt:
    """A prompt as written (``raw``) and as encoded (``text``, in weighted ``fragments``).

    ``origin[i]`` is the position in ``raw`` of ``text[i]``: the same character (an escaped
    ``\\(`` maps to its ``(``), so ``raw[origin[i]] == text[i]``, save for the " or " that
    joins the parts of an A1111 prompt edit or alternation (``[red:blue:0.5]``,
    ``[cat|dog]``): its characters map to the colon or bar they stand for.
    """

    raw: str
    syntax: str  # how it was read: a1111, compel or none
    text: str
    fragments: tuple[Fragment, ...]
    origin: Sequence[int]

    @property
    def weighted(self) -> bool:
        """Whether reading changed anything: syntax removed, or a weight other than 1."""
        return self.text != self.raw or any(f.weight != 1.0 for f in self.fragments)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the clean span ``text[start:end]`` lies in ``raw``: from its first character
        to just after its last."""
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else len(self.raw)
            return at, at
        return self.origin[start], self.origin[end - 1] + 1

    def fragment_texts(self) -> list[tuple[str, float, int]]:
        """(clean text, weight, clean start) of every fragment, in order."""
        return [(self.text[f.start:f.end], f.weight, f.start) for f in self.fragments]


def plain(raw: str) -> ReadPrompt:
    """A prompt without weighting: its own clean text, one fragment of weight 1."""
    return ReadPrompt(raw=raw, syntax="none", text=raw,
                      fragments=(Fragment(0, len(raw), 1.0),) if raw else (),
                      origin=range(len(raw)))


def guess_syntax(raw: str) -> str:
    """The rule of ``--weighting auto``: compel when the prompt has a form only compel has
    (``(words)1.2``, ``(words)+``, ``(words)-``, ``word++``, ``word--``); else A1111 when it has
    a form A1111 writes and prose does not (``(words:1.2)``, ``((words))``, ``[[words]]``,
    ``\\(``); else none, so that brackets in an ordinary prompt stay text."""
    if _COMPEL_ONLY.search(raw):
        return "compel"
    if _A1111_ONLY.search(raw):
        return "a1111"
    return "none"


def read_prompt(raw: str, syntax: str = "auto") -> ReadPrompt:
    """The clean text and weights of ``raw`` read in ``syntax`` (auto, a1111, compel, none).

    A prompt the chosen syntax cannot read (an unclosed bracket) is an error, except with
    ``auto``, which then reads it as plain text and warns (``WeightingWarning``).
    """
    if syntax not in SYNTAXES:
        raise BindingError(f"unknown weighting syntax {syntax!r}: use one of "
                           f"{', '.join(SYNTAXES)}")
    chosen = guess_syntax(raw) if syntax == "auto" else syntax
    markup = {"a1111": _A1111_MARKUP, "compel": _COMPEL_MARKUP}.get(chosen)
    if markup is None or not markup.search(raw):
        return plain(raw)
    try:
        if chosen == "compel" and _A1111_WEIGHT.search(raw):
            read = _mixed(raw)
        else:
            read = _read(raw, chosen)
    except _Unreadable as exc:
        if syntax != "auto":
            raise BindingError(f"the prompt is not {chosen} weighting syntax: {exc}; escape a "
                               "literal bracket as \\( or pass --weighting none") from None
        warnings.warn(f"prompt {_short(raw)} is read as plain text, not {chosen} weighting: "
                      f"{exc}", WeightingWarning, stacklevel=2)
        return plain(raw)
    if not read.text.strip():
        raise BindingError(f"prompt {_short(raw)} has no words once its weighting syntax is "
                           "removed")
    return read


def _mixed(raw: str) -> ReadPrompt:
    """A compel prompt with A1111 weights in it, read as compel after writing each
    ``(words:1.3)`` as ``(words)1.3``; the words keep their places in ``raw``."""
    out: list[str] = []
    back: list[int] = []  # the place in raw of each character of out
    last = 0
    for match in _A1111_WEIGHT.finditer(raw):
        keep = [*range(last, match.end(1)), match.end() - 1, *range(match.start(2), match.end(2))]
        out.extend(raw[i] for i in keep)
        back.extend(keep)
        last = match.end()
    out.extend(raw[last:])
    back.extend(range(last, len(raw)))
    read = _read("".join(out), "compel")
    return replace(read, raw=raw, origin=[back[i] for i in read.origin])


class _Unreadable(Exception):
    """The syntax's grammar does not accept the prompt (said in a short phrase)."""


@lru_cache(maxsize=2)
def _parser(syntax: str) -> Any:
    from lark import Lark

    grammar = (files("binding.weighting") / f"{syntax}.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", lexer="contextual")


def _read(raw: str, syntax: str) -> ReadPrompt:
    from lark import Token, Tree
    from lark.exceptions import UnexpectedInput

    try:
        tree = _parser(syntax).parse(raw)
    except UnexpectedInput as exc:
        raise _Unreadable(_describe(exc, raw)) from None
    chars: list[str] = []
    origin: list[int] = []
    weights: list[float] = []
    stack: list[tuple[Any, float]] = [(tree, 1.0)]  # no recursion: brackets may nest deeply
    while stack:
        node, weight = stack.pop()
        if isinstance(node, Token):
            continue  # a weight's own token: already applied to its group
        assert isinstance(node, Tree)
        kind = node.data
        if kind in ("edit", "alternation"):
            token = node.children[0]
            for value, start in _parts(str(token), token.start_pos, kind):
                chars.append(value)
                origin.extend(range(start, start + len(value)) if start >= 0
                              else [-start - 1] * len(value))
                weights.extend([weight] * len(value))
            continue
        if kind in ("text", "escaped", "signed_word"):
            token = node.children[0]
            start, value = token.start_pos, str(token)
            if kind == "escaped":
                start, value = start + 1, value[1:]
            elif kind == "signed_word":
                sign = value[-1]
                word = value.rstrip(sign)
                weight *= (PLUS if sign == "+" else MINUS) ** (len(value) - len(word))
                value = word
            chars.append(value)
            origin.extend(range(start, start + len(value)))
            weights.extend([weight] * len(value))
            continue
        children = node.children
        if kind == "up":
            weight *= UP
        elif kind == "down":
            weight *= DOWN
        elif kind == "weighted":
            *children, closing = children
            weight *= _weight(closing, raw)
        stack.extend((child, weight) for child in reversed(children))
    text = "".join(chars)
    return ReadPrompt(raw=raw, syntax=syntax, text=text, fragments=_fragments(weights),
                      origin=tuple(origin))


def _parts(token: str, at: int, kind: str) -> list[tuple[str, int]]:
    """The texts of a prompt edit ``[from:to:when]`` or an alternation ``[a|b]``, each with
    its start in the raw prompt, joined by ``OR`` (whose start is given as ``-1 - position``
    of the colon or bar it stands for: every character of it maps there)."""
    inner = token[1:-1]
    if kind == "edit":
        inner = inner[:inner.rindex(":")]  # the step or fraction is no text
        bounds = [m.start() for m in re.finditer(":", inner)]
    else:
        bounds = [m.start() for m in re.finditer(r"\|", inner)]
    out: list[tuple[str, int]] = []
    cuts = [-1, *bounds, len(inner)]
    for left, right in pairwise(cuts):
        part = inner[left + 1:right]
        stripped = part.strip()
        if not stripped:
            continue
        if out:
            out.append((OR, -1 - (at + 1 + left)))
        out.append((stripped, at + 1 + left + 1 + part.index(stripped)))
    return out


def _weight(token: Any, raw: str) -> float:
    """The multiplier a closing token carries: ``:1.3)`` (A1111), ``)1.3``, ``)++``, ``)--``."""
    value = str(token).strip(":) \t")
    if value and value[0] in "+-" and set(value) <= {"+", "-"}:  # compel's )++ or )--
        return (PLUS if value[0] == "+" else MINUS) ** len(value)
    number = float(value)
    if not math.isfinite(number) or number < 0:
        raise BindingError(f"weight {_short(value)} at character {token.start_pos + 1} of prompt "
                           f"{_short(raw)} must be a finite number, 0 or more")
    return number


def _fragments(weights: list[float]) -> tuple[Fragment, ...]:
    """Runs of equal weight over the clean text."""
    out: list[Fragment] = []
    start = 0
    rounded = [round(w, DECIMALS) for w in weights]
    if not all(math.isfinite(w) for w in rounded):
        raise BindingError("the prompt's brackets nest so deep that its weights overflow: "
                           "write the weight as a number, e.g. (word:1.5)")
    for i in range(1, len(rounded) + 1):
        if i == len(rounded) or rounded[i] != rounded[start]:
            out.append(Fragment(start, i, rounded[start]))
            start = i
    return tuple(out)


def _describe(exc: Any, raw: str) -> str:
    token = getattr(exc, "token", None)
    if token is not None and token.type == "$END":
        return "a bracket is not closed"
    position = getattr(exc, "pos_in_stream", None)
    if token is not None and getattr(token, "start_pos", None) is not None:
        position = token.start_pos
    if position is None:
        return "brackets do not pair up"
    return f"{raw[position]!r} at character {position + 1} closes no bracket"


def _short(raw: str, limit: int = 40) -> str:
    return repr(raw if len(raw) <= limit else raw[:limit] + "...")
