"""``binding grammar``: list, check and show grammars and their repairs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from binding.grammars import Grammar, Rule, Step


@click.group("grammar")
def grammar_command() -> None:
    """Grammars: what they repair and bind, and whether a grammar file is valid.

    \b
      binding grammar list
      binding grammar check my_grammar.toml
      binding grammar show en-clearnlp
    """


@grammar_command.command("list")
def list_command() -> None:
    """The registered grammars and repairs."""
    from binding.grammars import available_grammars, load_grammar
    from binding.grammars.repairs import get_repair, repair_names

    click.echo("grammars:")
    for name, scheme in available_grammars().items():
        click.echo(f"  {name:<16} {scheme:<10} {load_grammar(name).description}")
    click.echo("repairs:")
    for name in repair_names():
        click.echo(f"  {name:<28} {_summary(get_repair(name).__doc__ or '')}")


@grammar_command.command("check")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def check_command(path: Path) -> None:
    """Validate a grammar file: every key, type, repair name and label it needs."""
    from binding.errors import BindingError
    from binding.grammars import grammar_from_file

    if not path.is_file():
        raise BindingError(f"grammar file {path} does not exist")
    grammar = grammar_from_file(path)
    click.echo(f"{path}: grammar {grammar.name!r} for {grammar.scheme!r} labels is valid: "
               f"{len(grammar.repairs)} repairs, {len(grammar.modifiers.rules)} modifier rules, "
               f"{len(grammar.relations.rules)} relation rules")


@grammar_command.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print it as JSON.")
def show_command(name: str, as_json: bool) -> None:
    """A grammar (NAME or FILE.toml) as resolved: labels, repairs in order with every
    setting, entity and modifier settings, rules and word lists."""
    from binding.grammars import load_grammar

    grammar = load_grammar(name)
    resolved = _resolved(grammar)
    if as_json:
        click.echo(json.dumps(resolved, indent=2, ensure_ascii=False))
        return
    click.echo(f"grammar {grammar.name} {grammar.version} ({grammar.scheme} labels): "
               f"{grammar.description}")
    click.echo(f"file: {grammar.source}")
    for section in ("labels", "entities", "modifiers", "relations"):
        click.echo(f"{section}:")
        for key, value in resolved[section].items():
            click.echo(f"  {key} = {_text(value)}")
    click.echo(f"repairs, in order ({len(grammar.repairs)}):")
    for n, step in enumerate(resolved["repairs"], start=1):
        settings = ", ".join(f"{k}={_text(v)}" for k, v in step["settings"].items())
        click.echo(f"  {n:>2}. {step['name']}" + (f": {settings}" if settings else ""))
    for kind in ("modifier", "relation"):
        rules = resolved[f"{kind}_rules"]
        click.echo(f"{kind} rules ({len(rules)}):")
        for rule in rules:
            click.echo(f"  {rule}")
    lists = resolved["word_lists"]
    click.echo(f"word lists ({len(lists)}): " + ", ".join(f"{k} ({v})" for k, v in lists.items()))


def _summary(doc: str, width: int = 90) -> str:
    """A docstring's first clause, on one line."""
    text = " ".join(doc.split())
    cut = min((i for i in (text.find(": "), text.find(". ")) if i >= 0), default=len(text))
    text = text[:cut]
    return text if len(text) <= width else text[:width - 3] + "..."


def _resolved(grammar: Grammar) -> dict[str, Any]:
    def dump(model: Any) -> dict[str, Any]:
        return {k: _plain(v) for k, v in model.model_dump(exclude_none=True).items()}

    return {
        "name": grammar.name, "version": grammar.version, "scheme": grammar.scheme,
        "description": grammar.description, "file": grammar.source,
        "labels": dump(grammar.vocab.labels),
        "entities": dump(grammar.entities.settings),
        "modifiers": dump(grammar.modifiers.settings),
        "relations": {"through_lexicon": list(grammar.relations.through),
                      "through_path": [_step(s) for s in grammar.relations.through_path]},
        "repairs": [{"name": s.name, "settings": dump(s.repair)} for s in grammar.repairs],
        "modifier_rules": [_rule(r) for r in grammar.modifiers.rules],
        "relation_rules": [_rule(r) for r in grammar.relations.rules],
        "word_lists": {k: len(v) for k, v in sorted(grammar.vocab.lexicon.lists.items())},
    }


def _plain(value: Any) -> Any:
    """Sets as sorted lists, models as dicts: JSON-ready and stable."""
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _step(step: Step) -> str:
    parts = [f"{step.direction}[{','.join(sorted(step.labels))}]"]
    for key in ("pos", "tag", "lexicon", "not_lexicon", "without", "having", "not_relations",
                "without_nouns"):
        value = getattr(step, key)
        if value:
            parts.append(f"{key}={','.join(sorted(value))}")
    if step.side:
        parts.append(f"side={step.side}")
    if step.optional:
        parts.append("optional")
    return " ".join(parts)


def _rule(rule: Rule) -> str:
    extra = [f"{key}={getattr(rule, key)}" for key in ("relation", "kind", "type")
             if getattr(rule, key)]
    head = f"{rule.name}" + (f" ({', '.join(extra)})" if extra else "")
    return f"{head}: " + " -> ".join(_step(s) for s in rule.path)
