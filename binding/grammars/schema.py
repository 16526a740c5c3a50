"""The grammar file format, as pydantic models: every table and key is checked when a grammar
loads, and an unknown key, a wrong type or a missing key is refused in one line that names the
file, the key and the valid choices (``explain``)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from binding.grammars.entities import EntitySettings
from binding.grammars.labels import Labels
from binding.grammars.lexicon import PluralEnding
from binding.grammars.modifiers import ModifierSettings
from binding.grammars.paths import Rule, Step
from binding.grammars.relations import RelationSettings


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GrammarHead(_Table):
    """``[grammar]``: who the grammar is and which labels it reads."""

    name: str
    version: str = "1"
    scheme: str  # the label scheme of the parses it binds (clearnlp, ud, attention, ...)
    language: str = ""
    lexicon: str | None = None  # a word-list file, beside the grammar or bundled
    description: str = ""
    default: bool = False  # the grammar binding uses for parses in its scheme

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) else value


class StepSpec(_Table):
    """One step of a rule path (see ``binding.grammars.paths``)."""

    down: list[str] | None = None
    up: list[str] | None = None
    pos: list[str] = []
    tag: list[str] = []
    lexicon: list[str] = []
    not_lexicon: list[str] = []
    side: Literal["before", "after"] | None = None
    without: list[str] = []
    having: list[str] = []
    optional: bool = False
    not_relations: list[str] = []
    without_nouns: list[str] = []
    not_determiners: list[str] = []

    @model_validator(mode="after")
    def _one_direction(self) -> StepSpec:
        if (self.down is None) == (self.up is None):
            raise ValueError("a step needs exactly one of 'down' or 'up'")
        return self

    def build(self) -> Step:
        direction = "down" if self.down is not None else "up"
        return Step(direction=direction, labels=frozenset(self.down or self.up or ()),
                    pos=frozenset(self.pos), tag=frozenset(self.tag),
                    lexicon=tuple(self.lexicon), not_lexicon=tuple(self.not_lexicon),
                    side=self.side, without=frozenset(self.without),
                    having=frozenset(self.having), optional=self.optional,
                    not_relations=frozenset(self.not_relations),
                    without_nouns=frozenset(self.without_nouns),
                    not_determiners=frozenset(d.lower() for d in self.not_determiners))


class RuleSpec(_Table):
    """A ``[[modifier]]`` or ``[[relation]]`` rule."""

    name: str | None = None
    path: list[StepSpec] = Field(min_length=1)
    relation: str | None = None
    kind: Literal["attribute", "compound", "count"] | None = None
    type: str | None = None
    reverse: bool = False
    unless_determiner: list[str] = []
    markers: list[str] = []
    after_word: list[str] = []
    entity_having: list[str] = []
    entity_without: list[str] = []
    same_class: str | None = None
    after_entity: bool = False

    def build(self, default_name: str) -> Rule:
        return Rule(name=self.name or default_name, path=tuple(s.build() for s in self.path),
                    relation=self.relation, kind=self.kind, type=self.type,
                    reverse=self.reverse, unless_determiner=frozenset(self.unless_determiner),
                    markers=frozenset(self.markers),
                    after_word=frozenset(w.lower() for w in self.after_word),
                    entity_having=frozenset(self.entity_having),
                    entity_without=frozenset(self.entity_without), same_class=self.same_class,
                    after_entity=self.after_entity)


class RelationsTable(RelationSettings):
    """``[relations]``: ``through_path`` continues a walk that ends on a place noun."""

    through_path: list[StepSpec] = Field(default_factory=list)


class RepairSpec(BaseModel):
    """A ``[[repair]]`` table: the repair's registered name and its settings (checked against
    the repair's own model once the name is known)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    name: str

    def settings(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class Punctuation(_Table):
    """``[punctuation]``: the forms that separate and end phrases (a lexicon file or a
    grammar file may give them)."""

    commas: list[str] = []
    phrase_ends: list[str] = []


class PluralEndingSpec(_Table):
    ending: str = Field(min_length=1)
    longer_than: int = Field(ge=0)  # cut only words longer than this

    def build(self) -> PluralEnding:
        return PluralEnding(ending=self.ending, longer_than=self.longer_than)


class Forms(_Table):
    """``[forms]``: how a word is looked up in the word lists beside its text and lemma."""

    plural_endings: list[PluralEndingSpec] = []


class LexiconFile(_Table):
    """A word-list file (``lexicon_en.toml``)."""

    lexicon: dict[str, list[str]]
    punctuation: Punctuation | None = None
    forms: Forms | None = None


class GrammarFile(_Table):
    """A grammar file (``en_clearnlp.toml``)."""

    grammar: GrammarHead
    labels: Labels = Labels()
    lexicon: dict[str, list[str]] = {}
    punctuation: Punctuation | None = None
    forms: Forms | None = None
    entities: EntitySettings
    modifiers: ModifierSettings = ModifierSettings()
    relations: RelationsTable = RelationsTable()
    repair: list[RepairSpec] = []
    modifier: list[RuleSpec] = []
    relation: list[RuleSpec] = []


def explain(error: ValidationError, model: type[BaseModel], where: str) -> str:
    """One line for the first problem pydantic found: the key, what is wrong, what is valid."""
    # a misspelt key shows up twice, as unknown and as a required key missing: name the typo
    problem = sorted(error.errors(), key=lambda e: e["type"] != "extra_forbidden")[0]
    loc = problem["loc"]
    key = _key(loc)
    more = error.error_count() - 1
    tail = f" (and {more} more problem{'s' * (more > 1)})" if more else ""
    if problem["type"] == "extra_forbidden":
        valid = ", ".join(_fields_at(model, loc[:-1])) or "none"
        return f"{where}: unknown key {key!r}; valid keys here: {valid}{tail}"
    if problem["type"] == "missing":
        return f"{where}: the required key {key!r} is missing{tail}"
    message = problem["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, "):]
    given = problem.get("input")
    shown = "" if isinstance(given, dict) else f" (got {given!r:.60})"
    return f"{where}: key {key!r}: {message[:1].lower()}{message[1:]}{shown}{tail}"


def _key(loc: tuple[Any, ...]) -> str:
    """A dotted key as the TOML file writes it, list items counted from 1."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{item + 1}]"]
        else:
            parts.append(str(item))
    return ".".join(parts) or "(top level)"


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys a table at ``loc`` may have."""
    current: Any = model
    for item in loc:
        if isinstance(item, int):
            continue
        field = getattr(current, "model_fields", {}).get(item)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return sorted(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation holds (``list[StepSpec]``, ``Punctuation | None``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None
