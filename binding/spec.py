"""The spec: the versioned JSON contract between the front end and generation.

Char spans are the ground truth; token indices are derived, carry the tokenizer's name and can be
recomputed for any tokenizer at render time. Generation reads nothing but this.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationError,
    model_serializer,
    model_validator,
)

from binding.errors import BindingError
from binding.prompt import MAX_PROMPT_CHARS
from binding.untrusted import as_path, check_unicode, unreadable_json
from binding.weighting import ReadPrompt, plain, read_prompt

if TYPE_CHECKING:
    import networkx as nx

SCHEMA_ID = "binding.spec/1"
# 1.1 adds two optional fields: ``weights`` (the prompt's weighting syntax read) and
# ``tokens.chunks`` (positions past the 77-token window). A spec declares the lowest version
# that holds it, so a spec without them is a binding.spec/1 spec, byte for byte as before.
SCHEMA_1_1 = "binding.spec/1.1"
SCHEMAS = (SCHEMA_ID, SCHEMA_1_1)

Span = Annotated[
    tuple[int, int],
    Field(description="[start, end) in Python characters of the prompt; text == prompt[start:end]"),
]
Kind = Literal["attribute", "compound", "count"]


def check_span(prompt: str, what: str, span: tuple[int, int], text: str | None = None, *,
               allow_empty: bool = True) -> None:
    """Raise ValueError unless ``span`` lies in ``prompt`` (and covers ``text``, when given)."""
    start, end = span
    if not (0 <= start <= end <= len(prompt)) or (start == end and not allow_empty):
        raise ValueError(f"{what} span {list(span)} lies outside the prompt")
    if text is not None and prompt[start:end] != text:
        raise ValueError(f"{what} text {text!r} != prompt[{start}:{end}] {prompt[start:end]!r}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _omit_none(data: Any, names: tuple[str, ...]) -> Any:
    """Drop optional fields added after ``binding.spec/1`` first shipped when they are unset,
    so specs without them serialise exactly as before."""
    if isinstance(data, dict):
        for name in names:
            if data.get(name, 0) is None:
                del data[name]
    return data


class FrontendInfo(_Model):
    """Which analysis produced the spec (parser adapter, its model and the model's version)."""

    name: str
    model: str | None = None
    version: str | None = None


class GrammarInfo(_Model):
    """Which rule set turned the parse into bindings."""

    name: str
    version: str


class Modifier(_Model):
    """A word that describes an entity. Nested modifiers are flattened onto the entity."""

    text: str
    span: Span
    relation: str = Field(description="grammatical relation that bound it (amod, conj, relcl, ...)")
    kind: Kind
    confidence: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description="how sure the front end is of this binding, where it can say (the clip front "
                    "end: the entity's share of the attention between this word and all "
                    "entities); omitted when the front end cannot say",
    )

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_none(handler(self), ("confidence",))


class Entity(_Model):
    """A depicted thing: the head noun of a phrase, with or without modifiers."""

    id: str
    text: str
    span: Span
    modifiers: list[Modifier] = Field(default_factory=list)


class Relation(_Model):
    """An entity-entity relation ("a cat with blue eyes": cat -with-> eyes)."""

    source: str
    target: str
    type: str = Field(description="the connecting words as written ('with', 'next to', 'wearing')")
    span: Span | None = Field(default=None, description="where the connecting words are")


class EntityTokens(_Model):
    """Token positions of one entity (``indices``) and of each of its modifiers, in order."""

    id: str
    indices: list[int]
    modifiers: list[list[int]]


class Tokens(_Model):
    """Token indices of entities and modifiers for one tokenizer.

    Indices are positions in the encoded sequence, start token included (position 0), so they
    index a text encoder's output and the token axis of cross-attention maps directly. A word
    cut off by the ``max_length`` window gets no indices and sets ``truncated``.
    """

    tokenizer: str
    max_length: int
    length: int = Field(description="tokens the whole prompt encodes to, start and end included")
    truncated: bool
    entities: list[EntityTokens]
    chunks: int | None = Field(
        default=None, ge=2,
        description="a prompt past max_length is encoded in this many chunks of max_length "
                    "tokens (max_length - 2 of the prompt's tokens each, with their own start "
                    "and end tokens, padded), concatenated: positions index that sequence; "
                    "omitted for a prompt that fits one window (binding.spec/1.1)")

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_none(handler(self), ("chunks",))

    @model_validator(mode="after")
    def _chunked(self) -> Tokens:
        if self.chunks is not None:
            needed = chunks_for(self.length, self.max_length)
            if self.chunks != needed or self.truncated:
                raise ValueError(f"tokens.chunks is {self.chunks}, but {self.length} tokens "
                                 f"need {needed} chunks of {self.max_length}, none truncated")
        return self


def chunks_for(length: int, max_length: int) -> int:
    """Chunks of ``max_length`` (start and end tokens in each) that ``length`` tokens (start
    and end included) take."""
    window = max_length - 2
    return max(1, -(-(length - 2) // window))


class WeightedFragment(_Model):
    """A run of the prompt with one weight, as the text encoder reads it."""

    text: str = Field(description="the run with the weighting syntax removed (encoded as is)")
    weight: float = Field(ge=0.0, allow_inf_nan=False)
    span: Span = Field(description="where the run lies in the prompt, syntax between its "
                                   "first and last character included")


class Weights(_Model):
    """The prompt's weighting syntax, read (binding.spec/1.1). Derived from ``prompt``: a spec
    whose weights disagree with its prompt read in ``syntax`` is refused."""

    syntax: Literal["a1111", "compel"]
    text: str = Field(description="the prompt with the syntax removed: what is parsed and "
                                  "encoded")
    fragments: list[WeightedFragment]

    @classmethod
    def of(cls, read: ReadPrompt) -> Weights | None:
        """The field for a read prompt; None when reading changed nothing."""
        if not read.weighted:
            return None
        return cls(syntax=read.syntax, text=read.text, fragments=[
            WeightedFragment(text=text, weight=weight,
                             span=read.raw_span(start, start + len(text)))
            for text, weight, start in read.fragment_texts()])


class TextAttention(_Model):
    """The text encoder's own self-attention over this prompt's tokens (T-SAM reads it).

    ``matrix[i][j]`` is how much encoded position ``i`` attends to position ``j``: positions as in
    ``tokens`` (0 is the start token, L-1 the end token, no padding), the softmax probabilities
    averaged over heads and over ``layers``. CLIP's text attention is causal, so the matrix is
    zero above the diagonal and each row sums to 1. Raw: consumers post-process it themselves.
    """

    model: str = Field(description="the text encoder it was read from (hub id or path)")
    tokenizer: str = Field(description="the tokenizer that made the positions (hub id or path)")
    layers: list[Annotated[int, Field(ge=0)]] = Field(
        min_length=1, description="0-based encoder layers averaged")
    matrix: list[list[float]] = Field(description="L x L, rows = attending positions")

    @model_validator(mode="after")
    def _square(self) -> TextAttention:
        size = len(self.matrix)
        if size == 0:
            raise ValueError("text_attention.matrix is empty")
        for i, row in enumerate(self.matrix):
            if len(row) != size:
                raise ValueError(f"text_attention.matrix is not square: row {i} has {len(row)} "
                                 f"values, expected {size}")
            if not all(math.isfinite(v) and v >= 0.0 for v in row):
                raise ValueError(f"text_attention.matrix row {i} has a negative or non-finite "
                                 "value")
            if abs(sum(row) - 1.0) > 1e-2:
                raise ValueError(f"text_attention.matrix row {i} sums to {sum(row):.4f}, not 1: "
                                 "store softmax probabilities")
        return self


class Spec(_Model):
    """A prompt's binding graph: entities, their modifiers, relations, and token alignment."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True,
        title="binding spec", json_schema_extra={"$id": SCHEMA_ID},
    )

    schema_: Literal["binding.spec/1", "binding.spec/1.1"] = Field(default=SCHEMA_ID,
                                                                    alias="schema")
    id: str | None = Field(default=None, description="caller's identifier for the prompt")
    prompt: str
    frontend: FrontendInfo
    grammar: GrammarInfo | None = None
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    tokens: Tokens | None = None
    text_attention: TextAttention | None = Field(
        default=None, description="the text encoder's self-attention over the tokens; omitted "
                                  "when not exported (binding parse --frontend clip "
                                  "--text-attention)")
    weights: Weights | None = Field(
        default=None, description="the prompt's weighting syntax read: clean text and weighted "
                                  "runs; omitted for a prompt without weighting "
                                  "(binding.spec/1.1)")

    @model_serializer(mode="wrap")
    def _serialise(self, handler: SerializerFunctionWrapHandler) -> Any:
        return _omit_none(handler(self), ("text_attention", "weights"))

    @model_validator(mode="before")
    @classmethod
    def _lowest_version(cls, data: Any) -> Any:
        """A spec built without a schema declares the lowest version that holds it."""
        if isinstance(data, dict) and "schema" not in data and "schema_" not in data \
                and _uses_1_1(data.get("weights"), data.get("tokens")):
            data = {**data, "schema": SCHEMA_1_1}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Spec:
        if len(self.prompt) > MAX_PROMPT_CHARS:
            raise ValueError(f"the prompt is {len(self.prompt):,} characters, more than the "
                             f"{MAX_PROMPT_CHARS:,} binding reads")
        if self.schema_ == SCHEMA_ID and _uses_1_1(self.weights, self.tokens):
            raise ValueError("weights and tokens.chunks are binding.spec/1.1 fields: declare "
                             f"schema {SCHEMA_1_1!r}")
        if self.weights is not None and Weights.of(self.read()) != self.weights:
            raise ValueError(f"weights disagree with the prompt read as {self.weights.syntax} "
                             "syntax: re-parse the prompt, or remove 'weights'")
        ids = [e.id for e in self.entities]
        if len(set(ids)) != len(ids):
            raise ValueError("entity ids must be unique")
        for entity in self.entities:
            check_span(self.prompt, f"entity {entity.id}", entity.span, entity.text)
            for modifier in entity.modifiers:
                check_span(self.prompt, f"modifier of {entity.id}", modifier.span, modifier.text)
            spans = [tuple(m.span) for m in entity.modifiers]
            if len(set(spans)) != len(spans):  # a loss would weigh the word twice
                raise ValueError(f"entity {entity.id} lists a modifier twice: give each word "
                                 "once")
        known = set(ids)
        for relation in self.relations:
            for end in (relation.source, relation.target):
                if end not in known:
                    raise ValueError(f"relation names unknown entity {end!r}")
            if relation.span is not None:
                check_span(self.prompt, "relation", relation.span)
        if self.tokens is not None:
            aligned = [(t.id, len(t.modifiers)) for t in self.tokens.entities]
            if aligned != [(e.id, len(e.modifiers)) for e in self.entities]:
                raise ValueError("tokens.entities must list every entity and modifier, in order")
        if self.text_attention is not None and self.tokens is not None:
            # a prompt past the window is encoded to max_length positions, end token included
            encoded = min(self.tokens.length, self.tokens.max_length)
            if len(self.text_attention.matrix) != encoded:
                raise ValueError(
                    f"text_attention.matrix is {len(self.text_attention.matrix)} x "
                    f"{len(self.text_attention.matrix)} but the prompt encodes to {encoded} "
                    "tokens")
        return self

    # --- conveniences -------------------------------------------------------------------

    def read(self) -> ReadPrompt:
        """The prompt as the text encoder reads it: clean text, weighted fragments, and where
        each character of it stands in ``prompt``."""
        if self.weights is None:
            return plain(self.prompt)
        return read_prompt(self.prompt, self.weights.syntax)

    def entity(self, entity_id: str) -> Entity:
        for entity in self.entities:
            if entity.id == entity_id:
                return entity
        raise KeyError(entity_id)

    def token_indices(self, entity_id: str) -> EntityTokens:
        """Token positions of an entity and its modifiers (requires an aligned spec)."""
        if self.tokens is None:
            raise BindingError("this spec has no token alignment: parse it with a tokenizer")
        for tokens in self.tokens.entities:
            if tokens.id == entity_id:
                return tokens
        raise KeyError(entity_id)

    def to_networkx(self) -> nx.DiGraph:
        """The binding graph: entity nodes (ids), modifier nodes (``e0/m0``), and edges
        modifier -> entity (``relation``, ``kind``) and source -> target for relations."""
        import networkx as nx

        graph = nx.DiGraph(prompt=self.prompt)
        for entity in self.entities:
            graph.add_node(entity.id, role="entity", text=entity.text, span=entity.span)
            for i, modifier in enumerate(entity.modifiers):
                node = f"{entity.id}/m{i}"
                graph.add_node(node, role="modifier", text=modifier.text, span=modifier.span,
                               kind=modifier.kind)
                graph.add_edge(node, entity.id, relation=modifier.relation, kind=modifier.kind)
        for relation in self.relations:
            graph.add_edge(relation.source, relation.target, relation=relation.type,
                           kind="relation", span=relation.span)
        return graph

    def to_svg(self) -> str:
        """The binding graph as a standalone SVG picture (``binding show``)."""
        from binding.show import to_svg

        return to_svg(self)

    def to_html(self) -> str:
        """A standalone HTML page: the picture and the spec's JSON (``binding show``)."""
        from binding.show import to_html

        return to_html(self)

    def _repr_html_(self) -> str:  # Jupyter shows the picture
        from binding.show import to_fragment

        return to_fragment(self)


def _uses_1_1(weights: Any, tokens: Any) -> bool:
    chunks = tokens.get("chunks") if isinstance(tokens, dict) else getattr(tokens, "chunks", None)
    return weights is not None or chunks is not None


def json_schema() -> dict[str, Any]:
    """The spec's JSON Schema, generated from the pydantic model."""
    schema = Spec.model_json_schema(by_alias=True)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def _one_line(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "spec"
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"{where}: {first['msg']}{more}"


def spec_from_json(text: str | bytes, source: str = "spec") -> Spec:
    """Validate one JSON document as a spec; errors name the source and the first problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BindingError(f"{source}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except UnicodeDecodeError:
        raise BindingError(f"{source}: not UTF-8 text") from None
    except (RecursionError, ValueError) as exc:  # deep nesting; a number of 4,300+ digits
        raise BindingError(f"{source}: not a spec ({unreadable_json(exc)})") from None
    check_unicode(data, source)
    if isinstance(data, dict) and data.get("schema", SCHEMA_ID) not in SCHEMAS:
        raise BindingError(
            f"{source}: schema {data.get('schema')!r} is not one this version of binding "
            f"reads ({', '.join(SCHEMAS)})"
        )
    try:
        return Spec.model_validate(data)
    except ValidationError as exc:
        raise BindingError(f"{source}: invalid spec: {_one_line(exc)}") from None


def load_spec(path: str | Path) -> Spec:
    """Read one spec from a JSON file (as written by ``binding parse --json``)."""
    path = as_path(path, "spec file")
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise BindingError(f"cannot read spec file {path}: {exc.strerror}") from None
    return spec_from_json(text, source=str(path))


def iter_specs(path: str | Path) -> Iterator[Spec]:
    """Read specs from a JSONL file, one per line (as written by ``binding parse --input``);
    the first bad line raises, naming its line number."""
    for line in iter_spec_lines(path):
        if line.error is not None:
            raise line.error
        assert line.spec is not None
        yield line.spec


@dataclass(frozen=True)
class SpecLine:
    """One non-blank line of a JSONL spec file: its spec, or why it is not one."""

    number: int  # 1-based line number in the file
    spec: Spec | None
    error: BindingError | None = None


def iter_spec_lines(path: str | Path) -> Iterator[SpecLine]:
    """Every non-blank line of a JSONL spec file, valid or not, so that a long batch can report
    a corrupt line (its message names ``path:line``) and go on with the rest. Only a file that
    cannot be opened raises."""
    path = as_path(path, "spec file")
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise BindingError(f"cannot read spec file {path}: {exc.strerror}") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield SpecLine(number, spec_from_json(line, source=f"{path}:{number}"))
            except BindingError as exc:
                yield SpecLine(number, None, exc)
