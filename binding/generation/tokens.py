"""The spec's words as positions in the loaded model's own token sequence.

Char spans are the spec's ground truth: every span is aligned through the model tokenizer's
character offsets. When the spec names the model's own tokenizer its cached token indices must
agree with that alignment, word for word, or the spec is refused (a hand-edited index would
guide the wrong word). Positions count the start token as 0, so they index the token axis of
cross-attention maps directly. A weighted prompt is tokenized fragment by fragment, as compel
encodes it; a prompt past the window is laid out in chunks where the model can encode it so
(``chunks``), else cut at the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from binding.alignment.align import align_entities, encoded_offsets, position
from binding.errors import BindingError
from binding.spec import ReadPrompt, Spec, Tokens


@dataclass(frozen=True)
class Word:
    """One word of the prompt and its token positions (several for a multi-piece word)."""

    text: str
    positions: tuple[int, ...]
    kind: str = "entity"


@dataclass(frozen=True)
class Group:
    """An entity and the words that describe it: the unit every binding loss works on."""

    id: str
    entity: Word
    modifiers: tuple[Word, ...]


@dataclass(frozen=True)
class PromptTokens:
    """Where the spec's entities and modifiers sit in one model's token sequence."""

    prompt: str
    tokenizer: str
    length: int  # tokens of the encoded prompt, start and end included, before truncation
    max_length: int
    groups: tuple[Group, ...]
    realigned: bool
    pieces: tuple[str, ...] = ()  # the prompt's tokens as text, in order (position 1 onwards)
    dropped: tuple[str, ...] = ()  # words past the window, when asked to drop them
    pads_with_end: bool = True  # padding repeats the end token (SD 1.x); not SD 2.x, SDXL
    text_attention: Any = None  # (end + 1, end + 1) text self-attention, when a method needs it
    chunks: int = 1  # > 1: encoded in chunks of max_length (each with start and end tokens)
    fragments: tuple[tuple[str, float], ...] = ()  # the clean text in weighted runs (weights)
    ids: tuple[int, ...] = ()  # the prompt's token ids, in order (first tokenizer)

    @property
    def window(self) -> int:
        """The prompt's tokens one chunk holds: the window less the start and end tokens."""
        return self.max_length - 2

    @property
    def size(self) -> int:
        """Length of the encoded sequence: the window, or the chunks laid end to end."""
        return self.chunks * self.max_length

    @property
    def end(self) -> int:
        """Position of the (last) end token in the (possibly truncated) encoded sequence."""
        if self.chunks == 1:
            return min(self.length, self.max_length) - 1
        return position(self.length - 3, self.window, self.max_length, True) + 1

    @property
    def content(self) -> tuple[int, ...]:
        """Positions of the prompt's own tokens: start, end and padding excluded."""
        if self.chunks == 1:
            return tuple(range(1, self.end))
        return tuple(position(k, self.window, self.max_length, True)
                     for k in range(self.length - 2))

    @property
    def markers(self) -> tuple[int, ...]:
        """Positions up to ``end`` that are no token of the prompt: each chunk's start, end
        and padding (just the start token, 0, and the end for a prompt in one window)."""
        content = set(self.content)
        return tuple(p for p in range(self.end + 1) if p not in content)

    @property
    def needs_compel(self) -> bool:
        """Weights to apply, or chunks to encode: what a pipeline's own encoding cannot do."""
        return bool(self.fragments) or self.chunks > 1

    def labels(self) -> list[str]:
        """A text for every position from the start token to the (last) end token."""
        labels = ["<pad>"] * (self.end + 1)
        for k in range(self.size // self.max_length):
            labels[k * self.max_length] = "<start>"
        for k, p in enumerate(self.content):
            labels[p] = self.pieces[k] if k < len(self.pieces) else "?"
            if p + 1 <= self.end and labels[p + 1] == "<pad>":
                labels[p + 1] = "<end>"
        labels[self.end] = "<end>"
        return labels

    def to_dict(self) -> dict[str, Any]:
        return {
            "tokenizer": self.tokenizer, "length": self.length, "max_length": self.max_length,
            **({"chunks": self.chunks} if self.chunks > 1 else {}),
            **({"weights": [[t, w] for t, w in self.fragments]} if self.fragments else {}),
            "realigned": self.realigned, "pieces": list(self.pieces),
            "dropped": list(self.dropped),
            "entities": [{"id": g.id, "indices": list(g.entity.positions),
                          "modifiers": [list(m.positions) for m in g.modifiers]}
                         for g in self.groups],
        }


class _Offsets:
    """A Hugging Face tokenizer seen through alignment's ``OffsetTokenizer`` protocol."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.name = tokenizer_name(tokenizer)
        self.max_length = int(tokenizer.model_max_length)
        self._encoded: dict[str, Any] = {}

    def offsets(self, text: str) -> list[tuple[int, int]]:
        return [tuple(pair) for pair in self._encode(text)["offset_mapping"]]

    def ids(self, read: ReadPrompt) -> list[int]:
        """The prompt's token ids as it is encoded: fragment by fragment when weighted."""
        texts = [t for t, _, _ in read.fragment_texts()] if read.weighted else [read.raw]
        return [i for text in texts for i in self._encode(text)["input_ids"]]

    def pieces(self, ids: list[int]) -> list[str]:
        return [p.removesuffix("</w>") for p in self.tokenizer.convert_ids_to_tokens(ids)]

    def _encode(self, text: str) -> Any:
        if text in self._encoded:  # offsets and pieces come from one encoding
            return self._encoded[text]
        try:
            encoding = self.tokenizer(text, add_special_tokens=False,
                                      return_offsets_mapping=True, truncation=False)
        except NotImplementedError:
            raise BindingError(
                f"tokenizer {self.name!r} gives no character offsets: load the model with a "
                "fast (Rust-backed) tokenizer"
            ) from None
        self._encoded[text] = encoding
        return encoding


def tokenizer_name(tokenizer: Any) -> str:
    return str(getattr(tokenizer, "name_or_path", "") or type(tokenizer).__name__)


def align_to_model(spec: Spec, tokenizers: Sequence[Any],
                   on_truncated: Literal["error", "drop"] = "error",
                   chunked: bool | None = None) -> PromptTokens:
    """Token positions of the spec's words for the model's tokenizer(s); with ``chunked``, a
    prompt past the window is laid out in chunks, else cut at the window (default: chunks
    where compel, which encodes them, is installed).

    SDXL has two tokenizers; their positions must agree (both are CLIP BPE), since both
    encoders' outputs share one token axis in cross-attention.
    """
    if chunked is None:
        from binding.generation.weighted import compel_available

        chunked = compel_available()
    read = spec.read()
    views = [_Offsets(t) for t in tokenizers]
    offsets = encoded_offsets(read, views[0])
    for other in views[1:]:
        if encoded_offsets(read, other) != offsets:
            raise BindingError(
                f"the model's tokenizers {views[0].name!r} and {other.name!r} split the prompt "
                "differently: binding cannot give one token axis to both"
            )
    main = views[0]
    tokens = align_entities(read, spec.entities, main, offsets, chunked=chunked)
    cached = spec.tokens
    trusted = cached is not None and cached.tokenizer == main.name
    if trusted:
        assert cached is not None
        _check_cached(spec, cached, tokens)
        # a spec cut at the window (or chunked) where the model encodes otherwise: its spans
        # are re-aligned, the cached positions agree as far as they go
        trusted = (cached.chunks, cached.truncated) == (tokens.chunks, tokens.truncated)
    pads_with_end = all(t.pad_token_id == t.eos_token_id for t in tokenizers)
    ids = main.ids(read)
    found = _groups(spec, tokens, main, realigned=not trusted, on_truncated=on_truncated,
                    pads_with_end=pads_with_end, pieces=main.pieces(ids))
    return replace(found, chunks=tokens.chunks or 1, ids=tuple(ids), fragments=tuple(
        (text, weight) for text, weight, _ in read.fragment_texts()) if read.weighted else ())


def _check_cached(spec: Spec, cached: Tokens, aligned: Tokens) -> None:
    """The spec's cached positions against the model tokenizer's own alignment of its spans:
    the same prompt length, and every word where that tokenizer puts it (as far as one
    window reaches, when one of the two is cut there)."""
    if cached.length != aligned.length or cached.max_length != aligned.max_length:
        raise BindingError(
            f"the spec's token indices name tokenizer {cached.tokenizer!r} but disagree with it "
            f"({cached.length} tokens in a {cached.max_length}-token window; the model's "
            f"tokenizer gives {aligned.length} in {aligned.max_length}): re-parse the prompt, "
            "or remove the spec's 'tokens' so it is re-aligned"
        )
    same_layout = (cached.chunks, cached.truncated) == (aligned.chunks, aligned.truncated)
    for entity, mine, theirs in zip(spec.entities, cached.entities, aligned.entities,
                                    strict=True):
        words = [(f"entity {entity.id} {entity.text!r}", mine.indices, theirs.indices)]
        words += [(f"modifier {m.text!r} of {entity.id}", a, b)
                  for m, a, b in zip(entity.modifiers, mine.modifiers, theirs.modifiers,
                                     strict=True)]
        for word, given, found in words:
            if given != found and (same_layout or (given and given[-1] <= aligned.max_length)):
                raise BindingError(
                    f"the spec puts {word} at token {_list(given)} but {cached.tokenizer} "
                    f"puts it at {_list(found)}: re-parse the prompt, or remove the spec's "
                    "'tokens' so it is re-aligned")


def _list(positions: list[int]) -> str:
    return ", ".join(map(str, positions)) if positions else "none"


def _groups(spec: Spec, tokens: Tokens, tokenizer: _Offsets, *, realigned: bool,
            on_truncated: str, pads_with_end: bool, pieces: list[str]) -> PromptTokens:
    groups: list[Group] = []
    lost: list[str] = []
    for entity, aligned in zip(spec.entities, tokens.entities, strict=True):
        if not aligned.indices:
            lost.append(f"entity {entity.id} {entity.text!r}")
            continue
        modifiers = []
        for modifier, positions in zip(entity.modifiers, aligned.modifiers, strict=True):
            if positions:
                modifiers.append(Word(modifier.text, tuple(positions), modifier.kind))
            else:
                lost.append(f"modifier {modifier.text!r} of {entity.id}")
        groups.append(Group(entity.id, Word(entity.text, tuple(aligned.indices)),
                            tuple(modifiers)))
    if lost and on_truncated == "error":
        more = f" (and {len(lost) - 1} more)" if len(lost) > 1 else ""
        raise BindingError(
            f"{lost[0]}{more} lies past the model's {tokenizer.max_length}-token window (the "
            f"prompt is {tokens.length} tokens): shorten the prompt, or drop what does not fit "
            "(--drop-truncated)"
        )
    if tokens.chunks is None:
        pieces = pieces[: tokenizer.max_length - 2]
    return PromptTokens(prompt=spec.prompt, tokenizer=tokenizer.name, length=tokens.length,
                        max_length=tokenizer.max_length, groups=tuple(groups),
                        realigned=realigned, pieces=tuple(pieces), dropped=tuple(lost),
                        pads_with_end=pads_with_end)
