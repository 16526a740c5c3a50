"""Front-end options shared by ``binding parse`` and ``binding eval``.

One decorator adds them to a command; ``frontend_settings`` checks that each option given
applies to the chosen front end (its options object has the field) and turns them into
``Parser`` keyword arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from binding.frontends import FRONTENDS, frontend_factory


def _indices(ctx: click.Context, param: click.Parameter, value: str | None
             ) -> tuple[int, ...] | None:
    if value is None or value.strip() == "all":
        return None
    try:
        found = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError:
        raise click.BadParameter("give 0-based numbers separated by commas, e.g. 0,1,2, "
                                 "or 'all'") from None
    if not found:
        raise click.BadParameter("give at least one number, or 'all'")
    return found


_OPTIONS: list[Callable[[Callable[..., Any]], Callable[..., Any]]] = [
    click.option("--frontend", type=click.Choice(FRONTENDS), default=None,
                 help="What analyses the prompts: spacy (default), stanza (a local Stanza "
                      "pipeline), conllu (a CoNLL-U file from any UD parser, --conllu), clip "
                      "(CLIP's text self-attention, --model) [default: spacy; conllu with "
                      "--conllu]."),
    click.option("--conllu", "conllu", metavar="FILE", default=None,
                 help="A CoNLL-U file (UDPipe, Trankit, Stanza, spaCy, ...): the analyses to "
                      "bind. With --frontend clip: where its parts of speech come from."),
    click.option("--model", metavar="NAME|PATH", default=None,
                 help="spacy: the spaCy pipeline [default: en_core_web_sm]. clip: the diffusers "
                      "model (folder or hub id) whose text_encoder/ and tokenizer/ are read."),
    click.option("--stanza-dir", metavar="DIR", default=None,
                 help="stanza: folder of Stanza's models [default: $STANZA_RESOURCES_DIR or "
                      "Stanza's own]."),
    click.option("--download", is_flag=True, default=False,
                 help="stanza, clip: allow fetching missing models (Stanza's English models, "
                      "the hub model's text encoder). Without it nothing is downloaded."),
    click.option("--pos-from", type=click.Choice(["spacy", "stanza"]), default="spacy",
                 show_default=True,
                 help="clip: the tagger that says which words are entities and modifiers "
                      "(--conllu FILE takes them from the file)."),
    click.option("--layers", metavar="LIST", default=None, callback=_indices,
                 help="clip: 0-based encoder layers to read, e.g. 0,1,2 [default: all, as "
                      "T-SAM]."),
    click.option("--heads", metavar="LIST", default=None, callback=_indices,
                 help="clip: attention heads to read for binding [default: all]."),
    click.option("--aggregate", type=click.Choice(["mean", "max"]), default="mean",
                 show_default=True, help="clip: how heads and layers are combined for binding."),
    click.option("--device", default="cpu", show_default=True, metavar="DEVICE",
                 help="clip: torch device of the text encoder (cpu, cuda, ...)."),
]

# command-line option -> the field of the front ends' options objects it sets
_FIELDS = {"pos_from": "pos"}
# options handled before the front end's own options are checked
_GENERAL = ("frontend", "conllu", "model")


def frontend_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add the front-end options to a click command."""
    for option in reversed(_OPTIONS):
        command = option(command)
    return command


def frontend_settings(ctx: click.Context, **given: Any
                      ) -> tuple[str, str | None, dict[str, Any]]:
    """The front end's name, its model and the other ``Parser`` keyword arguments."""
    frontend = given["frontend"] or ("conllu" if given["conllu"] else "spacy")
    conllu = given["conllu"]
    if conllu and frontend in ("spacy", "stanza"):
        raise click.UsageError(f"--conllu holds the analyses already: drop --frontend "
                               f"{frontend} (or use --frontend clip to take only its parts of "
                               "speech)")
    if frontend == "conllu" and not conllu:
        raise click.UsageError("--frontend conllu reads a file: pass --conllu FILE")
    fields = frontend_factory(frontend).options.model_fields
    options: dict[str, Any] = {}
    for name, value in given.items():
        if name in _GENERAL:
            continue
        field = _FIELDS.get(name, name)
        if field in fields:
            options[field] = value
        elif ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE:
            takers = [n for n in FRONTENDS
                      if field in frontend_factory(n).options.model_fields]
            raise click.UsageError(f"--{name.replace('_', '-')} applies to --frontend "
                                   f"{' or '.join(takers)}, not {frontend}")
    if given["model"] is not None and "model" not in fields:
        hint = ("the conllu front end has none" if frontend == "conllu"
                else "Stanza's models are found in --stanza-dir")
        raise click.UsageError(f"--model names a parser model: {hint}")
    if conllu is not None:
        options["conllu"] = conllu
    return frontend, given["model"], options
