"""``binding render``: a spec (or a prompt, parsed first) in, guided Stable Diffusion images out."""

from __future__ import annotations

import sys
import warnings
from typing import Any

import click

from binding.atomic import check_output_folder
from binding.errors import BindingError
from binding.extras import require

MAX_SEED = 2**64 - 1  # torch.Generator's range
MAX_SEEDS = 100_000  # seeds in one command: a billion would fill the memory before anything ran


def parse_seeds(values: tuple[str, ...]) -> list[int]:
    """``--seed 3``, ``--seed 0-3`` (inclusive), repeatable."""
    seeds: list[int] = []
    for value in values or ("0",):
        low, dash, high = value.partition("-")
        try:
            first, last = int(low[:30]), int(high[:30]) if dash else int(low[:30])
        except ValueError:
            raise BindingError(f"seed {value[:40]!r} is not a number or a range like 0-3"
                               ) from None
        if first < 0 or last < first:
            raise BindingError(f"seed range {value!r} must be non-negative and increasing")
        if last > MAX_SEED or len(low) > 30 or len(high) > 30:
            raise BindingError(f"seed {value[:40]!r} is too large: seeds go up to 2^64 - 1")
        if len(seeds) + last - first + 1 > MAX_SEEDS:
            raise BindingError(f"seed range {value!r} is too long: at most {MAX_SEEDS:,} seeds "
                               "in one command")
        seeds.extend(range(first, last + 1))
    return seeds


def parse_size(value: str | None) -> tuple[int | None, int | None]:
    """``512`` (square) or ``768x512`` (width x height); none: the model's native size."""
    if value is None:
        return None, None
    width, x, height = value.lower().partition("x")
    try:
        w = int(width)
        h = int(height) if x else w
    except ValueError:
        raise BindingError(f"size {value!r} is not N or WxH in pixels") from None
    if w <= 0 or h <= 0:
        raise BindingError(f"size {value!r} must be positive")
    return w, h


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for value in values:
        key, eq, text = value.partition("=")
        if not eq or not key.strip():
            raise BindingError(f"parameter {value!r} is not NAME=VALUE (e.g. lambda=0.1)")
        params[key.strip()] = text.strip()
    return params


def read_spec(source: str, parser_model: str | None, weighting: str = "auto") -> Any:
    """A spec file (.json) as written by ``binding parse --json``, or a prompt to parse (its
    weighting syntax read as ``weighting`` says)."""
    from binding.cli.inputs import spec_file

    spec = spec_file(source)
    if spec is not None:
        return spec
    from binding.pipeline import get_parser
    from binding.prompt import check_prompt

    return get_parser(parser_model).parse(check_prompt(source, "the prompt"),
                                          weighting=weighting)


def note_random_weights(model: str) -> None:
    """``--model random:tiny-sd`` renders noise: say so on stderr."""
    from binding.generation.random_model import NOTE, random_architecture

    if random_architecture(model) is not None:
        click.echo(f"note: {model} has {NOTE}", err=True)


def sampling_options(command: Any) -> Any:
    """The options ``render`` and ``render-batch`` share: model, loading, sampling, schedule."""
    options = [
        click.option("--model", metavar="ID|PATH", default=None,
                     help="Stable Diffusion 1.x/2.x or SDXL in diffusers format: hub id or "
                          "local folder, or random:tiny-sd (random weights: noise, to try "
                          "the flow) [default: CompVis/stable-diffusion-v1-4]."),
        click.option("--steps", type=click.IntRange(1), default=50, show_default=True,
                     help="Denoising steps."),
        click.option("--guidance", type=click.FloatRange(0), default=None,
                     help="Classifier-free guidance scale [default: 7.5 for SD 1.x/2.x, 5 for "
                          "SDXL]."),
        click.option("--size", metavar="N|WxH", default=None,
                     help="Image size in pixels [default: the model's native size]."),
        click.option("--dtype", type=click.Choice(["fp16", "bf16", "fp32"]), default=None,
                     help="Weights' precision [default: fp16 on a GPU, fp32 on the CPU]."),
        click.option("--scheduler", default=None, metavar="NAME",
                     help="Swap the scheduler: ddim, pndm, euler, euler-a, dpm++, lms, heun, "
                          "unipc or a diffusers class name [default: the checkpoint's]."),
        click.option("--guided-steps", type=click.IntRange(0), default=None,
                     help="Update the latents in the first K steps [default: the method's, "
                          "e.g. 25 of 50]."),
        click.option("--step-size", type=click.FloatRange(0), default=None,
                     help="Constant update size α [default: the method's schedule]."),
        click.option("--max-refine", type=click.IntRange(0), default=None,
                     help="Cap on iterative-refinement updates per refinement step [default: "
                          "the method's, 20 for attend-excite, divide-bind and tsam]."),
        click.option("--negative-prompt", default=None, help="Negative prompt for guidance."),
        click.option("--resolution", type=click.IntRange(1), default=None,
                     help="Height of the attention maps the loss reads [default: derived from "
                          "the model and size, 16 for SD 1.x at 512 px]."),
        click.option("--local-files-only", is_flag=True,
                     help="Never touch the network: local folders and the Hugging Face cache "
                          "only."),
        click.option("--no-safety-checker", is_flag=True,
                     help="Do not load the checkpoint's safety checker."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def render_settings(steps: int, guidance: float | None, size: str | None,
                    negative_prompt: str | None, guided_steps: int | None,
                    step_size: float | None, max_refine: int | None, resolution: int | None,
                    drop_truncated: bool) -> dict[str, Any]:
    """The ``RenderConfig`` fields of the options ``render`` and ``render-batch`` share."""
    width, height = parse_size(size)
    return {"steps": steps, "guidance": guidance, "height": height, "width": width,
            "negative_prompt": negative_prompt, "guided_steps": guided_steps,
            "step_size": step_size, "max_refine": max_refine, "resolution": resolution,
            "on_truncated": "drop" if drop_truncated else "error"}


@click.command("render")
@click.argument("source", metavar="SPEC.json|PROMPT")
@sampling_options
@click.option("--method", default="syngen", show_default=True,
              help="Guidance method, a sum like syngen+attend-excite:0.5, or none (plain SD).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Method parameter, e.g. lambda=0.1 or syngen-entropy.gamma=0.2; repeatable.")
@click.option("--seed", "seeds", multiple=True, metavar="N|A-B",
              help="Seed, or inclusive range; repeatable; all seeds render as one batch "
                   "[default: 0].")
@click.option("--device", default=None, metavar="cuda|cuda:N|cpu|mps",
              help="Where to render [default: cuda if available, else cpu].")
@click.option("--attention", is_flag=True,
              help="Also write per-token cross-attention maps (.safetensors) and a heat-map grid.")
@click.option("--drop-truncated", is_flag=True,
              help="Guide only what fits in the 77-token window instead of stopping, where a "
                   "prompt past it cannot be encoded in chunks (without compel).")
@click.option("--parser-model", metavar="NAME|PATH", default=None,
              help="spaCy pipeline that parses a PROMPT [default: en_core_web_sm].")
@click.option("--weighting", type=click.Choice(["auto", "a1111", "compel", "none"]),
              default="auto", show_default=True,
              help="Prompt-weighting syntax of a PROMPT, as for binding parse.")
@click.option("-o", "--out", default="renders", show_default=True, metavar="DIR",
              help="Output folder: DIR/<prompt-id>/<method>_<seed>.png and .json.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr [default: on a terminal].")
def render_command(source: str, model: str | None, method: str, params: tuple[str, ...],
                   seeds: tuple[str, ...], steps: int, guidance: float | None, size: str | None,
                   dtype: str | None, device: str | None, scheduler: str | None,
                   guided_steps: int | None, step_size: float | None,
                   max_refine: int | None, negative_prompt: str | None, attention: bool,
                   resolution: int | None,
                   drop_truncated: bool, local_files_only: bool, no_safety_checker: bool,
                   parser_model: str | None, weighting: str, out: str,
                   progress: bool | None) -> None:
    """Render SPEC.json (or PROMPT, parsed first) with binding-guided Stable Diffusion.

    Writes OUT/<prompt-id>/<method>_<seed>.png and a run record .json beside each image
    (spec, method and parameters, seed, model, scheduler, versions, per-step loss, timings).

    \b
      binding render spec.json --model CompVis/stable-diffusion-v1-4
      binding render "a pink sunflower and a yellow flamingo" --seed 0-3 --attention
      binding render "a (pink:1.3) sunflower and a [yellow] flamingo"
      binding render spec.json --method none --seed 0      # plain SD, same seed: A/B
    """
    require("render", "binding render")
    seed_list = parse_seeds(seeds)
    check_output_folder(out, "--out")  # before the render, not after it

    from binding.generation.config import RenderConfig, make_config

    config = make_config(RenderConfig, method, {
        "params": parse_params(params),
        **render_settings(steps, guidance, size, negative_prompt, guided_steps, step_size,
                          max_refine, resolution, drop_truncated)})
    spec = read_spec(source, parser_model, weighting)

    from binding.generation.methods import parse_method
    from binding.generation.models import DEFAULT_MODEL, load_pipeline

    parse_method(config.method, config.params)  # a bad method fails before the model loads
    model_id = model or DEFAULT_MODEL
    pipe = load_pipeline(model_id, dtype=dtype, device=device, scheduler=scheduler,
                         local_files_only=local_files_only,
                         safety_checker=not no_safety_checker)
    note_random_weights(model_id)

    from binding.generation import GuidanceWarning, render, write_render

    show_bar = progress if progress is not None else sys.stderr.isatty()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GuidanceWarning)
        result = render(spec, pipe, config, seeds=seed_list, attention=attention,
                        model_id=model_id, progress=show_bar)
    for warning in caught:
        if issubclass(warning.category, GuidanceWarning):
            click.echo(f"warning: {warning.message}", err=True)
        else:
            warnings.showwarning(warning.message, warning.category, warning.filename,
                                 warning.lineno)
    paths = write_render(result, spec, out, method)
    record = result.records[0]
    if result.tokens.dropped:
        click.echo(f"warning: not guided (past the token window): "
                   f"{', '.join(result.tokens.dropped)}", err=True)
    for path in paths:
        click.echo(str(path))
    click.echo(f"{len(result.images)} image(s), {record.timings['per_image']:.2f} s per image "
               f"on {record.model['device']} ({record.model['dtype']})", err=True)
