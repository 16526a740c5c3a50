"""``binding schema``: the spec's JSON Schema."""

from __future__ import annotations

import json

import click


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the spec (binding.spec/1 and 1.1)."""
    from binding.spec import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
