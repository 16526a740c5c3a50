"""``binding show``: a picture of a prompt's binding graph, as SVG or a standalone HTML page."""

from __future__ import annotations

import sys
from pathlib import Path

import click

FORMATS = ("svg", "html")


def read_source(source: str, frontend: str, model: str | None, grammar: str | None) -> object:
    """A spec file (.json, or any existing file) or a prompt, parsed with the given front end."""
    from binding.cli.inputs import spec_file

    spec = spec_file(source)
    if spec is not None:
        return spec
    import binding

    return binding.parse(source, frontend=frontend, model=model, grammar=grammar)


def output_format(given: str | None, output: str | None) -> str:
    """``--format``, else the output file's suffix, else svg."""
    if given:
        return given
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    return {"htm": "html"}.get(suffix, suffix) if suffix in (*FORMATS, "htm") else "svg"


@click.command("show")
@click.argument("source", metavar="PROMPT|SPEC.json")
@click.option("--format", "format_", type=click.Choice(FORMATS), default=None,
              help="svg (the picture alone) or html (a page with the picture and the spec's "
                   "JSON) [default: from -o's suffix, else svg].")
@click.option("-o", "--output", metavar="FILE", default=None,
              help="Write here (atomically) instead of to stdout.")
@click.option("--frontend", default="spacy", show_default=True,
              help="Front end that parses a PROMPT (for other front ends' options, write the "
                   "spec with `binding parse --json` and show the file).")
@click.option("--model", metavar="NAME|PATH", default=None,
              help="The front end's model for a PROMPT [default: en_core_web_sm for spacy].")
@click.option("--grammar", metavar="NAME|FILE.toml", default=None,
              help="Grammar for a PROMPT [default: the one for the parser's labels].")
def show_command(source: str, format_: str | None, output: str | None, frontend: str,
                 model: str | None, grammar: str | None) -> None:
    """Draw the binding graph of PROMPT (parsed first) or SPEC.json.

    Arcs run from each modifier to its entity, labelled with relation and kind; relations
    between entities are dotted; counts hang below the words. Under each word are its token
    positions for the spec's tokenizer; words past the 77-token cut are grey and marked.

    \b
      binding show "a pink sunflower and a yellow flamingo" -o binding.svg
      binding show spec.json --format html -o spec.html
    """
    import warnings

    from binding.show import render

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the picture itself marks words past the cut
        spec = read_source(source, frontend, model, grammar)
    text = render(spec, output_format(format_, output))  # type: ignore[arg-type]
    if output is None:
        sys.stdout.write(text)
        return
    from binding.atomic import atomic_writer

    with atomic_writer(output) as handle:
        handle.write(text)
