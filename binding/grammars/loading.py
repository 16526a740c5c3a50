"""Grammar files -> grammars: read, validate, resolve word lists and repairs, build the passes.

Grammars are found by name in ``registry.grammars`` (the bundled files of this folder, and any
a package ships through the entry point group ``binding_grammars``: a function returning the
path of its file), or read from a path.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from binding.errors import BindingError
from binding.grammars.entities import Entities
from binding.grammars.grammar import Grammar, NamedRepair
from binding.grammars.lexicon import Lexicon
from binding.grammars.modifiers import Modifiers
from binding.grammars.relations import Relations
from binding.grammars.repairs import Repair, get_repair
from binding.grammars.schema import Forms, GrammarFile, LexiconFile, Punctuation, explain
from binding.grammars.vocabulary import Vocabulary
from binding.registry import names, registry

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_HERE = files("binding.grammars")
Model = TypeVar("Model", bound=BaseModel)


def read_toml(path: Path | Any, what: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BindingError(f"cannot read {what} {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise BindingError(f"{what} {path} is not UTF-8 text (byte {exc.start}): save it as "
                           "UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise BindingError(f"{what} {path} is not valid TOML: {exc}") from None


def validated(model: type[Model], data: dict[str, Any], where: str) -> Model:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise BindingError(explain(exc, model, where)) from None


# --- the registry of grammars ---------------------------------------------------------------

@lru_cache(maxsize=1)
def _register_bundled() -> None:
    """Register every grammar file of this folder under the name its ``[grammar]`` gives."""
    for entry in sorted(_HERE.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and not entry.name.startswith("lexicon"):
            name = read_toml(entry, "grammar file").get("grammar", {}).get("name")
            if name and name not in registry.grammars:
                registry.grammars.register(name, func=lambda entry=entry: entry)


def _registered() -> dict[str, Any]:
    """Grammar name -> its file."""
    _register_bundled()
    return {name: registry.grammars.get(name)() for name in names(registry.grammars)}


@lru_cache(maxsize=16)
def _head(path: Any) -> dict[str, Any]:
    return read_toml(path, "grammar file").get("grammar", {})


def available_grammars() -> dict[str, str]:
    """Registered grammars: name -> label scheme."""
    return {name: _head(path).get("scheme", "?") for name, path in _registered().items()}


@lru_cache(maxsize=16)
def load_grammar(name_or_path: str) -> Grammar:
    """A registered grammar by name, or a grammar file by path."""
    registered = _registered()
    if name_or_path in registered:
        return grammar_from_file(registered[name_or_path])
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise BindingError(f"grammar file {path} does not exist")
        return grammar_from_file(path)
    raise BindingError(f"unknown grammar {name_or_path!r}: use one of "
                       f"{', '.join(registered) or 'none'} or a .toml file")


def grammar_for_scheme(scheme: str) -> Grammar:
    """The default grammar for a parse's label scheme: the one whose file says ``default``,
    else the only one for the scheme."""
    found = [name for name, path in _registered().items() if _head(path).get("scheme") == scheme]
    defaults = [name for name in found if _head(_registered()[name]).get("default")]
    if defaults or len(found) == 1:
        return load_grammar((defaults or found)[0])
    raise BindingError(
        f"no bundled grammar for the {scheme!r} label scheme: pass --grammar FILE.toml"
    )


# --- one file ------------------------------------------------------------------------------

def grammar_from_file(path: Path | Any) -> Grammar:
    """Build a grammar from a TOML file (see ``en_clearnlp.toml`` and docs/grammar.md)."""
    where = f"grammar file {path}"
    data = read_toml(path, "grammar file")
    if isinstance(data.get("repair"), dict):
        raise BindingError(f"{where}: [repair] is now a list of [[repair]] tables, each with "
                           "the repair's name and its settings, in the order they run (see "
                           "docs/grammar.md and `binding grammar show en-clearnlp`)")
    spec = validated(GrammarFile, data, where)
    lists, punctuation, forms = _word_lists(spec, path)
    vocab = Vocabulary(
        lexicon=Lexicon(lists, tuple(p.build() for p in forms.plural_endings)),
        labels=spec.labels,
        nominal_pos=spec.entities.pos,
        noun_modifier_relations=spec.entities.not_relations,
        commas=frozenset(punctuation.commas),
        phrase_ends=frozenset(punctuation.phrase_ends),
    )
    mods = spec.modifiers
    entities = Entities(vocab, spec.entities, mods.compound_relations, mods.conj_relations)
    modifier_rules = [rule.build(f"{path}: modifier {n}") for n, rule in enumerate(spec.modifier)]
    relation_rules = [rule.build(f"{path}: relation {n}") for n, rule in enumerate(spec.relation)]
    through_path = tuple(step.build() for step in spec.relations.through_path)
    return Grammar(
        name=spec.grammar.name,
        version=spec.grammar.version,
        scheme=spec.grammar.scheme,
        description=spec.grammar.description,
        vocab=vocab,
        repairs=tuple(_repair(entry, n, spec, where) for n, entry in enumerate(spec.repair)),
        entities=entities,
        modifiers=Modifiers(vocab, mods, modifier_rules, entities.is_entity),
        relations=Relations(vocab, spec.relations, relation_rules, through_path),
        source=str(path),
    )


def _word_lists(spec: GrammarFile, path: Path | Any
                ) -> tuple[dict[str, frozenset[str]], Punctuation, Forms]:
    """The grammar's word lists (its lexicon file's, extended by its own ``[lexicon]``), and
    the punctuation and word forms (the grammar file's tables win over the lexicon file's)."""
    lists: dict[str, frozenset[str]] = {}
    punctuation, forms = Punctuation(), Forms()
    if spec.grammar.lexicon is not None:
        lexicon_path: Path | Any = Path(path).parent / spec.grammar.lexicon
        if not lexicon_path.is_file():  # a user's grammar may use the bundled word lists
            lexicon_path = _HERE / spec.grammar.lexicon
        lexicon = validated(LexiconFile, read_toml(lexicon_path, "lexicon"),
                            f"lexicon {lexicon_path}")
        lists = {name: frozenset(w.lower() for w in words)
                 for name, words in lexicon.lexicon.items()}
        punctuation = lexicon.punctuation or punctuation
        forms = lexicon.forms or forms
    for name, words in spec.lexicon.items():
        lists[name] = lists.get(name, frozenset()) | {w.lower() for w in words}
    return lists, spec.punctuation or punctuation, spec.forms or forms


def _repair(entry: Any, n: int, spec: GrammarFile, where: str) -> NamedRepair:
    """The repair of one ``[[repair]]`` table, its settings checked by its own model."""
    table = f"{where}: [[repair]] {n + 1} ({entry.name!r})"
    try:
        cls: type[Repair] = get_repair(entry.name)
    except BindingError as exc:
        raise BindingError(f"{where}: [[repair]] {n + 1}: {exc}") from None
    repair = validated(cls, entry.settings(), table)
    missing = spec.labels.missing(cls.needs)
    if missing:
        raise BindingError(f"{table} needs the [labels] {', '.join(missing)}: add "
                           f"{'it' if len(missing) == 1 else 'them'} to the grammar file")
    return NamedRepair(entry.name, repair)
