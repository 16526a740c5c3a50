"""Grammars: declarative rule sets (TOML files in this folder) read by one small engine.

A grammar is chosen by name (``en-clearnlp``), by file path, or by the label scheme of the parse
(``clearnlp`` -> ``en-clearnlp``). Adding a grammar is adding a file.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from binding.errors import BindingError
from binding.grammars.engine import Binding, Grammar, Rule, Step

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["Binding", "Grammar", "available_grammars", "grammar_for_scheme", "load_grammar"]

_HERE = files("binding.grammars")


def _read_toml(path: Path | Any, what: str) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BindingError(f"cannot read {what} {path}: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise BindingError(f"{what} {path} is not UTF-8 text (byte {exc.start}): save it as "
                           "UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise BindingError(f"{what} {path} is not valid TOML: {exc}") from None


@lru_cache(maxsize=1)
def _bundled() -> dict[str, Any]:
    """Bundled grammar files by grammar name."""
    found = {}
    for entry in _HERE.iterdir():
        if entry.name.endswith(".toml") and not entry.name.startswith("lexicon"):
            data = _read_toml(entry, "grammar")
            if "grammar" in data:
                found[data["grammar"]["name"]] = entry
    return found


def available_grammars() -> dict[str, str]:
    """Bundled grammars: name -> label scheme."""
    return {name: _read_toml(path, "grammar")["grammar"]["scheme"]
            for name, path in sorted(_bundled().items())}


def _step(raw: dict[str, Any], where: str) -> Step:
    known = {"down", "up", "pos", "tag", "lexicon", "not_lexicon", "side", "without", "having",
             "optional", "not_relations", "without_nouns"}
    unknown = set(raw) - known
    if unknown:
        raise BindingError(f"{where}: unknown step keys {sorted(unknown)}")
    if ("down" in raw) == ("up" in raw):
        raise BindingError(f"{where}: a step needs exactly one of 'down' or 'up'")
    direction = "down" if "down" in raw else "up"
    if raw.get("side") not in (None, "before", "after"):
        raise BindingError(f"{where}: side must be 'before' or 'after'")
    return Step(
        direction=direction,
        labels=frozenset(raw[direction]),
        pos=frozenset(raw.get("pos", ())),
        tag=frozenset(raw.get("tag", ())),
        lexicon=tuple(raw.get("lexicon", ())),
        not_lexicon=tuple(raw.get("not_lexicon", ())),
        side=raw.get("side"),
        without=frozenset(raw.get("without", ())),
        having=frozenset(raw.get("having", ())),
        optional=bool(raw.get("optional", False)),
        not_relations=frozenset(raw.get("not_relations", ())),
        without_nouns=frozenset(raw.get("without_nouns", ())),
    )


def _rules(raw: list[dict[str, Any]], where: str) -> list[Rule]:
    rules = []
    for n, item in enumerate(raw):
        name = item.get("name", f"{where} {n}")
        path = tuple(_step(s, f"{where} rule {name!r}") for s in item.get("path", ()))
        if not path:
            raise BindingError(f"{where} rule {name!r} has an empty path")
        rules.append(Rule(name=name, path=path, relation=item.get("relation"),
                          kind=item.get("kind"), type=item.get("type"),
                          reverse=bool(item.get("reverse", False)),
                          unless_determiner=frozenset(item.get("unless_determiner", ())),
                          markers=frozenset(item.get("markers", ())),
                          after_word=frozenset(w.lower() for w in item.get("after_word", ())),
                          entity_having=frozenset(item.get("entity_having", ())),
                          same_class=item.get("same_class")))
    return rules


def grammar_from_file(path: Path | Any) -> Grammar:
    """Build a grammar from a TOML file (see ``en_clearnlp.toml`` for the format)."""
    data = _read_toml(path, "grammar file")
    try:
        head = data["grammar"]
        lexicons: dict[str, frozenset[str]] = {}
        if "lexicon" in head:
            lexicon_path = Path(path).parent / head["lexicon"]
            if not lexicon_path.is_file():  # a user's grammar may use the bundled word lists
                lexicon_path = _HERE / head["lexicon"]
            for name, words in _read_toml(lexicon_path, "lexicon")["lexicon"].items():
                lexicons[name] = frozenset(w.lower() for w in words)
        for name, words in data.get("lexicon", {}).items():
            lexicons[name] = lexicons.get(name, frozenset()) | {w.lower() for w in words}
        mods = data.get("modifiers", {})
        repair = dict(data.get("repair", {}))
        through = tuple(_step(s, f"{path}: repair.through_path")
                        for s in repair.pop("through_path", ()))
        return Grammar(
            name=head["name"],
            version=str(head.get("version", "1")),
            scheme=head["scheme"],
            description=head.get("description", ""),
            lexicons=lexicons,
            entity_pos=frozenset(data["entities"]["pos"]),
            entity_not_relations=frozenset(data["entities"].get("not_relations", ())),
            modifier_rules=_rules(data.get("modifier", []), f"{path}: modifier"),
            relation_rules=_rules(data.get("relation", []), f"{path}: relation"),
            closure_relations=frozenset(mods.get("closure", ())),
            modifier_not_pos=frozenset(mods.get("not_pos", ())),
            count_relations=frozenset(mods.get("count_relations", ())),
            count_pos=frozenset(mods.get("count_pos", ())),
            compound_relations=frozenset(mods.get("compound_relations", ())),
            conj_relations=frozenset(mods.get("conj_relations", ())),
            through_path=through,
            closure_stops_at_entities=bool(mods.get("closure_stops_at_entities", True)),
            closure_not_having=frozenset(mods.get("closure_not_having", ())),
            repair=repair,
        )
    except KeyError as exc:
        raise BindingError(f"grammar file {path} lacks the required key {exc}") from None


@lru_cache(maxsize=16)
def load_grammar(name_or_path: str) -> Grammar:
    """A bundled grammar by name, or a grammar file by path."""
    bundled = _bundled()
    if name_or_path in bundled:
        return grammar_from_file(bundled[name_or_path])
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise BindingError(f"grammar file {path} does not exist")
        return grammar_from_file(path)
    names = ", ".join(sorted(bundled)) or "none"
    raise BindingError(f"unknown grammar {name_or_path!r}: use one of {names} or a .toml file")


def grammar_for_scheme(scheme: str) -> Grammar:
    """The bundled grammar for a parse's label scheme."""
    for name, path in _bundled().items():
        if _read_toml(path, "grammar")["grammar"]["scheme"] == scheme:
            return load_grammar(name)
    raise BindingError(
        f"no bundled grammar for the {scheme!r} label scheme: pass --grammar FILE.toml"
    )
