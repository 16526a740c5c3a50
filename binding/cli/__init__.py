"""The ``binding`` command line: thin click commands over the library.

Commands import their heavy parts (spaCy, the generation stack) only when they run, so
``binding --help`` and ``binding schema`` are instant.
"""

from __future__ import annotations

import click

from binding import __version__
from binding.cli.batch import render_batch_command
from binding.cli.eval import eval_command
from binding.cli.eval_images import eval_images_command
from binding.cli.failures import (
    Stopped,
    closed_streams_raise,
    describe_os_error,
    fail,
    stop_on_signals,
)
from binding.cli.grammar import grammar_command
from binding.cli.parse import parse_command
from binding.cli.render import render_command
from binding.cli.schema import schema_command
from binding.cli.serve import serve_command
from binding.cli.show import show_command
from binding.errors import BindingError


class _Group(click.Group):
    """Every failure a user can cause or meet (bad input, a full disk, a read-only folder, a
    closed stream, Ctrl-C, SIGTERM) ends in one ``error:`` line on stderr, not a traceback:
    exit status 2 for errors, 128 + the signal's number when stopped."""

    def invoke(self, ctx: click.Context) -> object:
        with stop_on_signals(), closed_streams_raise():
            try:
                return super().invoke(ctx)
            except BindingError as exc:
                fail(ctx, str(exc), 2)
            except BrokenPipeError:
                raise  # click leaves quietly, as a tool in a pipe should
            except OSError as exc:
                fail(ctx, describe_os_error(exc), 2)
            except Stopped as exc:
                fail(ctx, f"interrupted ({exc.name}): files being written were removed; "
                          "those already written are whole", 128 + exc.signum)
            except KeyboardInterrupt:
                fail(ctx, "interrupted (Ctrl-C): files being written were removed; those "
                          "already written are whole", 130)
        return None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="binding")
def cli() -> None:
    """Find which words describe which things in a text-to-image prompt.

    \b
      binding parse "a pink sunflower and a yellow flamingo"
      binding parse --json "a red crown and a golden strawberry" > spec.json
      binding parse --input prompts.txt --output specs.jsonl
      binding parse --conllu parsed.conllu --output specs.jsonl
      binding schema
      binding eval --corpus constructions --errors 10
      binding grammar check my_grammar.toml
      binding render spec.json --model CompVis/stable-diffusion-v1-4 --seed 0-3
      binding render-batch specs.jsonl --method syngen,none --seeds 0-3 --out runs/a
      binding eval-images runs/a --clip openai/clip-vit-large-patch14
      binding show "a pink sunflower and a yellow flamingo" -o binding.svg
      binding serve
    """


cli.add_command(parse_command)
cli.add_command(schema_command)
cli.add_command(eval_command)
cli.add_command(grammar_command)
cli.add_command(render_command)
cli.add_command(render_batch_command)
cli.add_command(eval_images_command)
cli.add_command(show_command)
cli.add_command(serve_command)


def main(argv: list[str] | None = None) -> None:
    """Console entry point (``binding``)."""
    cli.main(args=argv, prog_name="binding")
