"""``binding parse``: prompts -> specs (a table for people, JSON for programs)."""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Iterator
from typing import TextIO

import click

from binding.atomic import atomic_writer
from binding.cli.corpus import parse_input
from binding.cli.frontend_options import frontend_options, frontend_settings
from binding.errors import BindingError
from binding.prompt import check_prompt
from binding.scale import DEFAULT_SHARD_SIZE, ParserSettings

PROGRESS_FROM = 100  # prompts; fewer finish before a bar would be worth drawing


def _show_truncation(show: Callable[..., None]) -> Callable[..., None]:
    """Truncation and weighting warnings as one ``warning:`` line; any other warning as Python
    shows it."""

    def showwarning(message: Warning | str, category: type[Warning], *args: object,
                    **kwargs: object) -> None:
        from binding.pipeline import TruncationWarning
        from binding.weighting import WeightingWarning

        if issubclass(category, TruncationWarning | WeightingWarning):
            click.echo(f"warning: {message}", err=True)
        else:
            show(message, category, *args, **kwargs)

    return showwarning


@click.command("parse")
@click.argument("prompts", nargs=-1)
@click.option("-i", "--input", "input_path", metavar="FILE",
              help="Prompts to parse: Parquet or Arrow (--column), JSONL with a 'prompt' field "
                   "(and optional 'id'), or plain text (one per line); '-' reads stdin. Writes "
                   "one spec per line (JSONL), or Parquet with --output FILE.parquet.")
@click.option("-o", "--output", "output_path", metavar="FILE",
              help="Write the JSON/JSONL here (atomically) instead of stdout; '-' is stdout. "
                   "With --input, FILE.parquet writes Parquet (spec JSON + flat columns), and an "
                   "interrupted run resumes from FILE.parts/.")
@click.option("--column", default="prompt", show_default=True, metavar="NAME",
              help="--input: the column (Parquet, Arrow) or JSONL field holding the prompts.")
@click.option("--id-column", default=None, metavar="NAME",
              help="--input: the column or field holding ids [default: 'id' where present].")
@click.option("--n-process", type=click.IntRange(1), default=1, show_default=True,
              help="--input: worker processes, each with its own parser (output is the same "
                   "as with one).")
@click.option("--shard-size", type=click.IntRange(1), default=DEFAULT_SHARD_SIZE,
              show_default=True,
              help="--input with --output: rows per shard, the unit written atomically and "
                   "skipped on resuming.")
@click.option("--json", "as_json", is_flag=True, help="Print the spec as JSON instead of a table.")
@frontend_options
@click.option("--text-attention", is_flag=True, default=False,
              help="clip: put the text encoder's self-attention matrix into the spec "
                   "(text_attention, for T-SAM).")
@click.option("--grammar", metavar="NAME|FILE", default=None,
              help="Grammar by name or .toml file [default: the one for the parser's labels].")
@click.option("--tokenizer", type=click.Choice(["clip", "clip-77", "none"]), default="clip",
              show_default=True,
              help="Tokenizer whose token indices go into the spec: clip gives words past its "
                   "77-token window positions in chunks of 77; clip-77 cuts them off.")
@click.option("--weighting", type=click.Choice(["auto", "a1111", "compel", "none"]),
              default="auto", show_default=True,
              help="Prompt-weighting syntax: a1111 (word:1.2) [word] ((word)), compel (word)1.2 "
                   "word++ word--, none (brackets are text); auto: compel if the prompt has a "
                   "form only compel has, else a1111 if it has (word:1.2), ((word)), [[word]] "
                   "or \\(, else none.")
@click.option("--batch-size", type=click.IntRange(1), default=256, show_default=True,
              help="Prompts per parser batch with --input.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: on a terminal, for 100+ prompts].")
def parse_command(prompts: tuple[str, ...], input_path: str | None, output_path: str | None,
                  column: str, id_column: str | None, n_process: int, shard_size: int,
                  as_json: bool, grammar: str | None, tokenizer: str, weighting: str,
                  batch_size: int, progress: bool | None, **given: object) -> None:
    """Find the entities of PROMPTS, the words that describe each, and their CLIP tokens.

    \b
      binding parse "a pink sunflower and a yellow flamingo"
      binding parse --json "a dog wearing a red hat"
      binding parse "a (red:1.3) cube and a [blue] ball"
      binding parse --input prompts.txt --output specs.jsonl
      binding parse --input captions.parquet --column caption --output specs.parquet
      binding parse --input prompts.jsonl --output specs.jsonl --n-process 4
      binding parse --conllu parsed.conllu --output specs.jsonl
      binding parse --frontend stanza "a dog that is red and a cat that is blue"
      binding parse --frontend clip --model ./sd15 --text-attention --json "a red cube"
    """
    if output_path is not None and not output_path.strip():
        raise BindingError("--output is empty: give a file name, or - for stdout")
    to_stdout = output_path == "-"  # what --output FILE would hold, on stdout
    if to_stdout:
        output_path = None
    frontend, model, options = frontend_settings(click.get_current_context(), **given)
    from_file = frontend == "conllu" or (frontend == "clip" and options.get("conllu"))
    given_weighting = click.get_current_context().get_parameter_source("weighting")
    if from_file and given_weighting == click.core.ParameterSource.COMMANDLINE:
        raise click.UsageError("--weighting reads typed prompts; a --conllu file gives its "
                               "sentences as they were parsed: drop --weighting")
    if from_file and (prompts or input_path):
        raise click.UsageError("--conllu gives the prompts (the sentences of the file): drop "
                               "PROMPTS and --input")
    if input_path and prompts:
        raise click.UsageError("give PROMPTS or --input FILE, not both")
    if not input_path and not prompts and not from_file:
        raise click.UsageError('give a prompt, e.g. binding parse "a red cube", or --input FILE')
    tokenizer_name = None if tokenizer == "none" else tokenizer
    ctx = click.get_current_context()
    corpus_only = [f"--{n.replace('_', '-')}" for n in ("column", "id_column", "n_process",
                                                         "shard_size")
                   if ctx.get_parameter_source(n) is click.core.ParameterSource.COMMANDLINE]
    if input_path:
        settings = ParserSettings(model, grammar, tokenizer_name, frontend, options,
                                  batch_size, weighting)
        if n_process <= 1:
            settings.prepare_process()  # this process parses (and only parses)
        parse_input(input_path, output_path, column=column, id_column=id_column,
                    n_process=n_process, shard_size=shard_size, progress=progress,
                    settings=settings)
        return
    if corpus_only:
        raise click.UsageError(f"{corpus_only[0]} applies to --input FILE")
    lines = list(prompts)
    for n, prompt in enumerate(lines, start=1):
        check_prompt(prompt, "the prompt" if len(lines) == 1 else f"prompt {n}")

    from binding.pipeline import Parser, TruncationWarning, get_parser
    from binding.weighting import WeightingWarning

    if frontend == "spacy":
        from binding.frontends.torchless import import_spacy_without_torch

        import_spacy_without_torch(model)  # this process only parses
        parser = get_parser(model, grammar, tokenizer_name)
    else:
        parser = Parser(model=model, grammar=grammar, tokenizer=tokenizer_name,
                        frontend=frontend, **options)
    machine = as_json or bool(output_path) or bool(from_file) or to_stdout
    pretty = as_json and not from_file and len(lines) == 1
    source = getattr(parser.frontend, "pos", parser.frontend)  # clip reads its tags' file
    total = len(lines) if lines else len(getattr(source, "prompts", list)())
    show_bar = progress if progress is not None else (
        sys.stderr.isatty() and total >= PROGRESS_FROM)

    with warnings.catch_warnings():
        warnings.simplefilter("always", TruncationWarning)
        warnings.simplefilter("always", WeightingWarning)
        warnings.showwarning = _show_truncation(warnings.showwarning)
        if from_file:
            specs = parser.file_specs()
        else:
            specs = parser.pipe(lines, batch_size=batch_size, weighting=weighting)
        if show_bar:
            from tqdm import tqdm

            specs = tqdm(specs, total=total, unit="prompt", file=sys.stderr,
                         desc="parsing")
        if not machine:
            for n, spec in enumerate(specs):
                click.echo(("\n" if n else "") + _table(spec))
            return
        if output_path:
            with atomic_writer(output_path) as handle:
                _write(handle, specs, pretty)
        else:
            _write(sys.stdout, specs, pretty)


def _table(spec: object) -> str:
    from binding.cli.table import format_spec

    return format_spec(spec)  # type: ignore[arg-type]


def _write(handle: TextIO, specs: Iterator, pretty: bool) -> None:
    for spec in specs:
        handle.write(spec.model_dump_json(indent=2 if pretty else None) + "\n")
