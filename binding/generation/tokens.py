"""The spec's words as positions in the loaded model's own token sequence.

Char spans are the spec's ground truth. Cached token indices are used only when the spec names
the model's own tokenizer (and agrees with it on the prompt's length); otherwise every span is
re-aligned through the model tokenizer's character offsets. Positions count the start token as
0, so they index the token axis of cross-attention maps directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from binding.alignment.align import align_entities
from binding.errors import BindingError
from binding.spec import Spec, Tokens


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
    pieces: tuple[str, ...] = ()  # the prompt's tokens as text, position 1 onwards
    dropped: tuple[str, ...] = ()  # words past the window, when asked to drop them
    pads_with_end: bool = True  # padding repeats the end token (SD 1.x); not SD 2.x, SDXL
    text_attention: Any = None  # (end + 1, end + 1) text self-attention, when a method needs it

    @property
    def end(self) -> int:
        """Position of the end token in the (possibly truncated) encoded sequence."""
        return min(self.length, self.max_length) - 1

    @property
    def content(self) -> tuple[int, ...]:
        """Positions of the prompt's own tokens: start, end and padding excluded."""
        return tuple(range(1, self.end))

    def to_dict(self) -> dict[str, Any]:
        return {
            "tokenizer": self.tokenizer, "length": self.length, "max_length": self.max_length,
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

    def pieces(self, text: str) -> list[str]:
        ids = self._encode(text)["input_ids"]
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
                   on_truncated: Literal["error", "drop"] = "error") -> PromptTokens:
    """Token positions of the spec's words for the model's tokenizer(s).

    SDXL has two tokenizers; their positions must agree (both are CLIP BPE), since both
    encoders' outputs share one token axis in cross-attention.
    """
    views = [_Offsets(t) for t in tokenizers]
    offsets = views[0].offsets(spec.prompt)
    for other in views[1:]:
        if other.offsets(spec.prompt) != offsets:
            raise BindingError(
                f"the model's tokenizers {views[0].name!r} and {other.name!r} split the prompt "
                "differently: binding cannot give one token axis to both"
            )
    main = views[0]
    tokens = spec.tokens
    trusted = tokens is not None and tokens.tokenizer == main.name
    if trusted:
        _check_cached(tokens, main, len(offsets) + 2)
    else:
        tokens = align_entities(spec.prompt, spec.entities, main, offsets)
    pads_with_end = all(t.pad_token_id == t.eos_token_id for t in tokenizers)
    return _groups(spec, tokens, main, realigned=not trusted, on_truncated=on_truncated,
                   pads_with_end=pads_with_end)


def _check_cached(tokens: Tokens, tokenizer: _Offsets, length: int) -> None:
    if tokens.length != length or tokens.max_length != tokenizer.max_length:
        raise BindingError(
            f"the spec's token indices name tokenizer {tokens.tokenizer!r} but disagree with it "
            f"({tokens.length} tokens in a {tokens.max_length}-token window; the model's "
            f"tokenizer gives {length} in {tokenizer.max_length}): re-parse the prompt, or "
            "remove the spec's 'tokens' so it is re-aligned"
        )
    last = tokenizer.max_length - 2  # the window's last content position
    for entity in tokens.entities:
        for index in [*entity.indices, *(i for m in entity.modifiers for i in m)]:
            if not 1 <= index <= last:
                raise BindingError(
                    f"the spec gives entity {entity.id} token index {index}, outside the model's "
                    f"{tokenizer.max_length}-token window (content positions 1..{last}): "
                    "re-parse the prompt or fix the spec's 'tokens'"
                )


def _groups(spec: Spec, tokens: Tokens, tokenizer: _Offsets, *, realigned: bool,
            on_truncated: str, pads_with_end: bool) -> PromptTokens:
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
    pieces = tokenizer.pieces(spec.prompt)[: tokenizer.max_length - 2]
    return PromptTokens(prompt=spec.prompt, tokenizer=tokenizer.name, length=tokens.length,
                        max_length=tokenizer.max_length, groups=tuple(groups),
                        realigned=realigned, pieces=tuple(pieces), dropped=tuple(lost),
                        pads_with_end=pads_with_end)
