"""``binding eval-images``: score a folder of renders per method (CLIP, BLIP-VQA or a plug-in
scorer) and lay the images out side by side."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from binding.atomic import check_output_folder
from binding.cli.batch import split_list
from binding.cli.table import columns
from binding.errors import BindingError
from binding.extras import require


def parse_scorers(clip: str | None, vqa: str | None, given: tuple[str, ...]
                  ) -> list[tuple[str, str]]:
    """(name, model) pairs from ``--clip``, ``--vqa`` and ``--scorer NAME=MODEL``."""
    chosen = [("clip", clip)] if clip else []
    chosen += [("blip-vqa", vqa)] if vqa else []
    for value in given:
        name, eq, model = value.partition("=")
        if not eq or not name.strip() or not model.strip():
            raise BindingError(f"scorer {value!r} is not NAME=MODEL (e.g. clip=openai/"
                               "clip-vit-large-patch14)")
        chosen.append((name.strip(), model.strip()))
    names = [name for name, _ in chosen]
    if len(set(names)) != len(names):
        raise BindingError("a scorer is given twice")
    return chosen


def check_template(value: str, option: str) -> None:
    """A segment template holds ``{}`` and no other field: ``"{} {x}"`` fails here, not after
    the models load."""
    try:
        filled = value.format("\0")
    except (KeyError, IndexError, ValueError, AttributeError):
        filled = ""
    if filled.count("\0") != 1:
        raise BindingError(f"{option} {value!r} must contain {{}} (the segment) once and no "
                           "other braces: write {{ and }} for a literal brace")


@click.command("eval-images")
@click.argument("folder", metavar="DIR")
@click.option("--clip", metavar="ID|PATH", default=None,
              help="CLIP model (transformers CLIPModel + processor, hub id or folder) for "
                   "SynGen's protocol: similarity between each image and each "
                   "entity-with-modifiers segment.")
@click.option("--vqa", metavar="ID|PATH", default=None,
              help="BLIP question-answering model (e.g. Salesforce/blip-vqa-base) for "
                   "T2I-CompBench's BLIP-VQA: P(yes) to '<segment>?', multiplied over segments.")
@click.option("--scorer", "scorers", multiple=True, metavar="NAME=MODEL",
              help="Any registered scorer (clip, blip-vqa, or a plug-in's through the "
                   "binding_scorers entry points) with its model; repeatable.")
@click.option("--method", "methods", multiple=True, metavar="M[,M2...]",
              help="Only these methods [default: every method in DIR].")
@click.option("--template", default="{}", show_default=True,
              help="CLIP text for a segment, e.g. 'a photo of {}'.")
@click.option("--question", default="{}?", show_default=True,
              help="BLIP-VQA question for a segment.")
@click.option("--device", default=None, metavar="cuda|cuda:N|cpu",
              help="Where the scorers run [default: cuda if available, else cpu].")
@click.option("--local-files-only", is_flag=True,
              help="Never touch the network: local folders and the Hugging Face cache only.")
@click.option("--batch-size", type=click.IntRange(1), default=16, show_default=True,
              help="Images scored per call.")
@click.option("--bootstrap", "resamples", type=click.IntRange(0), default=1000,
              show_default=True, help="Bootstrap resamples for the 95% intervals (prompts "
                                      "are resampled, with all their seeds).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the bootstrap.")
@click.option("--grid", type=click.Choice(["html", "png", "both", "none"]), default="both",
              show_default=True, help="Side-by-side grids per prompt (methods x seeds).")
@click.option("--tile", type=click.IntRange(32, 2048), default=256, show_default=True,
              help="Tile size of the PNG grids, in pixels.")
@click.option("-o", "--out", default=None, metavar="OUT",
              help="Where the report goes [default: DIR/_eval].")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: on a terminal].")
def eval_images_command(folder: str, clip: str | None, vqa: str | None,
                        scorers: tuple[str, ...], methods: tuple[str, ...], template: str,
                        question: str, device: str | None, local_files_only: bool,
                        batch_size: int, resamples: int, seed: int, grid: str, tile: int,
                        out: str | None, as_json: bool, progress: bool | None) -> None:
    """Score the images in DIR (the --out folder of binding render or render-batch) against
    their specs, per method: mean and 95% bootstrap interval of every metric, a grid of the
    images per prompt (methods x seeds, captioned), all under OUT.

    Writes OUT/scores.jsonl (one line per image), OUT/summary.json and summary.md (the
    table), OUT/index.html (table and links) and OUT/grids/<prompt-id>.html/.png. Without a
    scorer only the grids and counts are written. Scores are only as good as the models:
    real numbers need real CLIP/BLIP weights.

    \b
      binding eval-images runs/dvmp --clip openai/clip-vit-large-patch14
      binding eval-images runs/dvmp --clip openai/clip-vit-large-patch14 \\
          --vqa Salesforce/blip-vqa-base --method syngen,none
    """
    require("render", "binding eval-images")
    chosen = parse_scorers(clip, vqa, scorers)
    check_template(template, "--template")
    check_template(question, "--question")
    if out is not None:
        check_output_folder(out, "--out")
    method_list = split_list(methods) or None
    grids = {"both": ("html", "png"), "none": ()}.get(grid, (grid,))
    root = Path(folder)

    from binding.generation.report import collect, evaluate
    from binding.generation.scoring import make_scorer

    collect(root, method_list, warn=lambda text: None)  # a wrong folder fails before loading
    loaded = []
    for name, model in chosen:
        options: dict[str, Any] = {"batch_size": batch_size}
        if name == "clip":
            options["template"] = template
        elif name == "blip-vqa":
            options["question"] = question
        loaded.append(make_scorer(name, model, device=device, local_files_only=local_files_only,
                                  **options))
    show_bar = progress if progress is not None else sys.stderr.isatty()
    about = {"scorers": [{"name": s.name, "model": model, "metrics": list(s.metrics)}
                         for s, (_, model) in zip(loaded, chosen, strict=True)]}
    result = evaluate(root, loaded, out=out, methods=method_list, grids=grids, tile=tile,
                      batch_size=batch_size, resamples=resamples, seed=seed,
                      progress=show_bar, warn=lambda text: click.echo(text, err=True),
                      about=about)
    if as_json:
        from dataclasses import asdict

        click.echo(json.dumps({**about, "methods": [asdict(s) for s in result.summary]},
                              indent=2))
    else:
        from binding.generation.report import table_rows

        for line in columns(table_rows(result.summary, result.metrics), rule=True):
            click.echo(line)
    if not loaded:
        click.echo("note: no scorer given (--clip, --vqa or --scorer): wrote the grids only",
                   err=True)
    index = next(p for p in result.written if p.name == "index.html")
    click.echo(f"wrote {index.parent}: scores.jsonl, summary.json, summary.md, index.html"
               + (f", grids/ ({', '.join(grids)})" if grids else ""), err=True)
