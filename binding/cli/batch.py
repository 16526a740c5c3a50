"""``binding render-batch``: every spec of a JSONL file × methods × seeds, on one GPU or on many
through ``accelerate launch``; resumable, one manifest line per finished item."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from binding.atomic import check_output_folder
from binding.cli.render import (
    note_random_weights,
    parse_params,
    parse_seeds,
    render_settings,
    sampling_options,
)
from binding.extras import require

EXIT_INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C
SHOWN_FAILURES = 20  # the rest are in the manifests and summary.json


def split_list(values: tuple[str, ...]) -> list[str]:
    """``--method a,b --method c`` -> [a, b, c]."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


@click.command("render-batch")
@click.argument("specs", metavar="SPECS.jsonl")
@sampling_options
@click.option("--method", "methods", multiple=True, metavar="M[,M2...]",
              help="Methods to render each spec with, comma-separated or repeated; a method can "
                   "be a sum like syngen+attend-excite:0.5, or none (plain SD) [default: syngen].")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Method parameter, given to every method that has it (or "
                   "syngen-entropy.gamma=0.2 for one); repeatable.")
@click.option("--seeds", "seeds", multiple=True, metavar="N|A-B[,...]",
              help="Seeds: N, inclusive range A-B, comma-separated or repeated [default: 0].")
@click.option("--device", default=None, metavar="cuda|cuda:N|cpu",
              help="Where to render [default: the GPU accelerate gives this process, else cpu].")
@click.option("--drop-truncated", is_flag=True,
              help="Guide only what fits in the 77-token window instead of failing the item.")
@click.option("--batch-size", type=click.IntRange(1), default=4, show_default=True,
              help="Seeds of one spec and method rendered in one call (a failed call is "
                   "retried one seed at a time).")
@click.option("-o", "--out", required=True, metavar="DIR",
              help="Output folder: DIR/<prompt-id>/<method>_<seed>.png and .json, and "
                   "DIR/_batch/ (manifests, summary).")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar with throughput and ETA on stderr [default: on a terminal; "
                   "otherwise a progress line a minute].")
def render_batch_command(specs: str, model: str | None, methods: tuple[str, ...],
                         params: tuple[str, ...], seeds: tuple[str, ...], steps: int,
                         guidance: float | None, size: str | None, dtype: str | None,
                         device: str | None, scheduler: str | None, guided_steps: int | None,
                         step_size: float | None, max_refine: int | None,
                         negative_prompt: str | None,
                         resolution: int | None, drop_truncated: bool, batch_size: int,
                         local_files_only: bool, no_safety_checker: bool, out: str,
                         progress: bool | None) -> None:
    """Render every spec of SPECS.jsonl (one a line, as `binding parse --input` writes them)
    with each method and seed. Resumable: run the same command again after a crash or Ctrl-C
    and only what is missing is rendered.

    On several GPUs, launch it through accelerate; the work is split between the processes
    without overlap (on a machine without GPUs, add --multi_gpu to get several CPU processes):

    \b
      binding render-batch specs.jsonl --model CompVis/stable-diffusion-v1-4 \\
          --method syngen,none --seeds 0-3 --out runs/dvmp
      accelerate launch --num_processes 4 -m binding.cli render-batch specs.jsonl \\
          --method syngen,attend-excite,none --seeds 0-3 --out runs/dvmp

    A spec line that is not valid is reported with its line number and skipped; an item that
    fails is recorded in the manifest with its error and the batch goes on. Exit status: 0
    when everything is done, 1 when an item failed or a line was skipped (run again to retry
    the failed items), 2 for bad arguments, 130 when interrupted.
    """
    require("render", "binding render-batch")
    check_output_folder(out, "--out")
    from binding.generation.models import DEFAULT_MODEL

    seed_list = parse_seeds(tuple(split_list(seeds)))
    method_list = split_list(methods) or ["syngen"]

    from binding.generation.batch import BatchInterrupted, Settings, run_batch
    from binding.generation.config import make_config

    settings = make_config(Settings, "syngen", {
        "model": model or DEFAULT_MODEL, "scheduler": scheduler, "dtype": dtype,
        "safety_checker": not no_safety_checker, "params": parse_params(params),
        **render_settings(steps, guidance, size, negative_prompt, guided_steps, step_size,
                          max_refine, resolution, drop_truncated)})
    show_bar = progress if progress is not None else sys.stderr.isatty()
    try:
        result = run_batch(specs, out, method_list, seed_list, settings, device=device,
                           batch_size=batch_size, local_files_only=local_files_only,
                           progress=show_bar,
                           log=lambda text: click.echo(text, err=True))
    except BatchInterrupted as stop:
        own = stop.summary
        done = own.done if own else 0
        click.echo(f"error: interrupted ({stop}): {done} image(s) finished in this run are "
                   "kept; run the same command again to render the rest", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if result.rank != 0:
        return  # rank 0 reports for everyone; a non-zero exit here would stop the others
    note_random_weights(settings.model)
    total, work = result.summary, result.work
    click.echo(f"{total.items} item(s): {work.specs} spec(s) x {len(method_list)} method(s) x "
               f"{len(seed_list)} seed(s), {result.world} process(es), in {out}")
    click.echo(f"done {total.done}, skipped {total.skipped} (already done), "
               f"failed {total.failed}, bad lines {len(work.bad_lines)}")
    per_image = total.seconds_per_image
    speed = f"{per_image:.2f} s per image" if per_image is not None else "no image rendered"
    click.echo(f"{speed}, wall {total.wall_seconds:.1f} s")
    if total.guidance_skips:
        click.echo(f"{total.guidance_skips} image(s) had a guidance update skipped (loss not "
                   "finite; see their run records)")
    for failure in total.failures[:SHOWN_FAILURES]:
        click.echo(f"failed: line {failure['line']} {failure['method']} seed {failure['seed']}: "
                   f"{failure['error']}", err=True)
    if len(total.failures) > SHOWN_FAILURES:
        click.echo(f"... and {len(total.failures) - SHOWN_FAILURES} more failed item(s): see "
                   f"{Path(out) / '_batch'}", err=True)
    if total.failed or work.bad_lines:
        sys.exit(1)
