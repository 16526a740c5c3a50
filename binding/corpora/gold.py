"""Gold annotations: the corpus file format, validated on load with errors that name the line.

One JSON object per line::

    {"id": "cc500-0001", "prompt": "a green bench and a red car",
     "entities": [{"text": "bench", "span": [8, 13],
                   "modifiers": [{"text": "green", "span": [2, 7], "kind": "attribute"}]},
                  {"text": "car", "span": [24, 27],
                   "modifiers": [{"text": "red", "span": [20, 23], "kind": "attribute"}]}],
     "relations": [], "ambiguous": false, "note": "", "split": "dev"}

Relations name entities by their position in ``entities``. ``relations`` may be omitted when a
corpus does not annotate them (it is then not scored for relations). ``split`` (``dev`` or
``test``) may be omitted: binding.corpora.split then assigns the part by its rule.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from binding.errors import BindingError
from binding.spec import Kind, Span, check_span


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GoldModifier(_Gold):
    text: str
    span: Span
    kind: Kind


class GoldEntity(_Gold):
    text: str
    span: Span
    modifiers: list[GoldModifier] = Field(default_factory=list)


class GoldRelation(_Gold):
    source: int
    target: int
    type: str


class GoldPrompt(_Gold):
    id: str
    prompt: str
    entities: list[GoldEntity]
    relations: list[GoldRelation] | None = None
    ambiguous: bool = False
    note: str = ""
    split: Literal["dev", "test"] | None = None

    @model_validator(mode="after")
    def _spans_match(self) -> GoldPrompt:
        def check(what: str, text: str, span: tuple[int, int]) -> None:
            check_span(self.prompt, f"{what} {text!r}", span, text, allow_empty=False)

        seen: set[tuple[int, int]] = set()
        for entity in self.entities:
            check("entity", entity.text, entity.span)
            if entity.span in seen:
                raise ValueError(f"entity {entity.text!r} is annotated twice")
            seen.add(entity.span)
            for modifier in entity.modifiers:
                check("modifier", modifier.text, modifier.span)
        for relation in self.relations or ():
            for end in (relation.source, relation.target):
                if not 0 <= end < len(self.entities):
                    raise ValueError(f"relation names entity {end}, but there are "
                                     f"{len(self.entities)}")
        return self


def parse_corpus_lines(lines: Iterable[str | bytes], source: str) -> list[GoldPrompt]:
    """Gold prompts of JSONL lines; the first problem is reported as ``source:line: ...``."""
    items: list[GoldPrompt] = []
    ids: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            item = GoldPrompt.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise BindingError(f"{where}: not valid JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"])
            raise BindingError(f"{where}: invalid gold ({loc + ': ' if loc else ''}"
                               f"{first['msg']})") from None
        if item.id in ids:
            raise BindingError(f"{where}: id {item.id!r} is used twice")
        ids.add(item.id)
        items.append(item)
    if not items:
        raise BindingError(f"{source} has no annotated prompts")
    return items


def load_corpus_file(path: str | Path) -> list[GoldPrompt]:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BindingError(f"cannot read corpus {path}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise BindingError(f"corpus {path} is not UTF-8 text") from None
    return parse_corpus_lines(text.splitlines(), str(path))
