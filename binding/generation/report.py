"""Evaluating a folder of renders: find the images and their run records, score them, summarise
per method (mean and 95% bootstrap confidence interval), and lay the images out side by side
(methods × seeds per prompt, as HTML and PNG), because people would rather look than read.

Reads the layout ``binding render`` and ``binding render-batch`` write
(``DIR/<prompt-id>/<method>_<seed>.png`` beside its ``.json`` run record); needs nothing else.
"""

from __future__ import annotations

import html
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from binding.atomic import atomic_writer
from binding.errors import BindingError
from binding.generation.outputs import save_png
from binding.generation.scoring import Scorer
from binding.printable import markdown_cell
from binding.spec import Spec

RECORD_SCHEMA = "binding.run/1"
EVAL_DIR = "_eval"  # prompt ids never start with "_"
GRID_FORMATS = ("html", "png")


@dataclass(frozen=True)
class Rendered:
    """One image of the folder, with what its run record says about it."""

    prompt_id: str
    image: Path
    record: Path
    spec: Spec
    method: str
    seed: int


def collect(root: str | Path, methods: Sequence[str] | None = None,
            warn: Callable[[str], None] | None = None) -> list[Rendered]:
    """Every image with a run record under ``root`` (one folder deep), sorted by prompt,
    method and seed; other JSON files are ignored, a record whose image is missing is
    reported through ``warn`` and left out."""
    root = Path(root)
    warn = warn or (lambda text: print(text, file=sys.stderr))
    if not root.is_dir():
        raise BindingError(f"render folder {root} does not exist: give the --out folder of "
                           "binding render or binding render-batch")
    found = []
    for path in sorted(root.glob("*/*.json")):
        if path.parent.name.startswith(("_", ".")):
            continue
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError, RecursionError):
            continue
        if not isinstance(data, dict) or data.get("schema") != RECORD_SCHEMA:
            continue
        try:
            spec = Spec.model_validate(data["spec"])
            method, seed = str(data["method"]["name"]), int(data["seed"])
            name = str(data.get("image") or path.with_suffix(".png").name)
            if Path(name).name != name or name in (".", ".."):  # beside the record, nowhere else
                raise ValueError(f"image {name!r} is not a file name")
            image = path.parent / name
        except (KeyError, TypeError, ValueError, OverflowError, RecursionError) as exc:
            warn(f"warning: {path}: not a readable run record ({type(exc).__name__}): skipped")
            continue
        if not image.is_file():
            warn(f"warning: {path}: its image {image.name} is missing: skipped")
            continue
        if methods and method not in methods:
            continue
        found.append(Rendered(path.parent.name, image, path, spec, method, seed))
    if not found:
        which = f" for method {', '.join(methods)}" if methods else ""
        raise BindingError(f"no rendered image with a run record{which} in {root}: give the "
                           "--out folder of binding render or binding render-batch")
    return sorted(found, key=lambda r: (r.prompt_id, r.method, r.seed))


# --- scoring -----------------------------------------------------------------------------

def score(images: Sequence[Rendered], scorers: Sequence[Scorer], *, batch_size: int = 16,
          progress: bool = False, warn: Callable[[str], None] | None = None
          ) -> list[dict[str, Any]]:
    """One row per image: where it is, its prompt, method, seed, every scorer's metrics, and
    the scorers' details. An image that cannot be read gets an ``error`` and no metrics."""
    from PIL import Image

    warn = warn or (lambda text: print(text, file=sys.stderr))
    rows: list[dict[str, Any]] = [
        {"prompt_id": r.prompt_id, "prompt": r.spec.prompt, "method": r.method, "seed": r.seed,
         "image": f"{r.prompt_id}/{r.image.name}", "record": f"{r.prompt_id}/{r.record.name}"}
        for r in images]
    if not scorers:
        return rows
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=len(images) * len(scorers), unit="img", desc="scoring")
    for start in range(0, len(images), batch_size):
        chunk = list(range(start, min(start + batch_size, len(images))))
        opened, readable = [], []
        for n in chunk:
            try:
                with Image.open(images[n].image) as handle:
                    opened.append(handle.convert("RGB"))
                readable.append(n)
            except OSError as exc:
                rows[n]["error"] = f"cannot read the image: {exc}"
                warn(f"warning: {images[n].image}: cannot read the image: skipped")
        for scorer in scorers:
            if readable:
                results = scorer.score(opened, [images[n].spec for n in readable])
                if len(results) != len(readable):
                    raise BindingError(f"scorer {scorer.name!r} returned {len(results)} scores "
                                       f"for {len(readable)} images")
                for n, result in zip(readable, results, strict=True):
                    rows[n].update(result.metrics)
                    rows[n].setdefault("details", {})[scorer.name] = result.details
            if bar is not None:
                bar.update(len(chunk))
    if bar is not None:
        bar.close()
    return rows


# --- statistics --------------------------------------------------------------------------

def bootstrap_ci(values: Sequence[float], groups: Sequence[Any] | None = None, *,
                 resamples: int = 1000, level: float = 0.95, seed: int = 0
                 ) -> tuple[float, float, float]:
    """(mean, low, high): the mean and its percentile bootstrap interval, seeded.

    With ``groups`` (the prompt of each image) whole groups are resampled: the seeds of one
    prompt are not independent draws, the prompts are; with a single group, the values are.
    """
    import numpy as np

    data = np.asarray(values, dtype=np.float64)
    if data.size == 0:
        raise ValueError("no values to bootstrap")
    mean = float(data.mean())
    if data.size == 1 or resamples < 1:
        return mean, mean, mean
    rng = np.random.default_rng(seed)
    labels = list(dict.fromkeys(groups)) if groups is not None else []
    if len(labels) >= 2:
        assert groups is not None
        where = {g: i for i, g in enumerate(labels)}
        index = np.array([where[g] for g in groups])
        sums = np.bincount(index, weights=data, minlength=len(labels))
        counts = np.bincount(index, minlength=len(labels)).astype(np.float64)
        drawn = rng.integers(0, len(labels), size=(resamples, len(labels)))
        stats = sums[drawn].sum(axis=1) / counts[drawn].sum(axis=1)
    else:
        drawn = rng.integers(0, data.size, size=(resamples, data.size))
        stats = data[drawn].mean(axis=1)
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(stats, [tail, 1.0 - tail])
    return mean, float(low), float(high)


@dataclass
class MethodSummary:
    method: str
    images: int
    prompts: int
    metrics: dict[str, dict[str, float | int]] = field(default_factory=dict)


def summarise(rows: Sequence[dict[str, Any]], metrics: Sequence[str], *, resamples: int = 1000,
              seed: int = 0, level: float = 0.95) -> list[MethodSummary]:
    """Per method (sorted by name): images, prompts, and for each metric its mean, bootstrap
    interval and the number of images it was defined on."""
    by_method: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_method.setdefault(row["method"], []).append(row)
    out = []
    for method in sorted(by_method):
        mine = by_method[method]
        summary = MethodSummary(method, len(mine), len({r["prompt_id"] for r in mine}))
        for metric in metrics:
            kept = [r for r in mine if r.get(metric) is not None]
            if not kept:
                continue
            mean, low, high = bootstrap_ci([r[metric] for r in kept],
                                           [r["prompt_id"] for r in kept],
                                           resamples=resamples, level=level, seed=seed)
            summary.metrics[metric] = {"mean": mean, "low": low, "high": high, "n": len(kept)}
        out.append(summary)
    return out


def table_rows(summary: Sequence[MethodSummary], metrics: Sequence[str]) -> list[tuple[str, ...]]:
    """Header and one row per method: ``mean [low, high]`` per metric."""
    rows: list[tuple[str, ...]] = [("method", "images", "prompts",
                                    *(f"{m} (95% CI)" for m in metrics))]
    for s in summary:
        cells = []
        for metric in metrics:
            v = s.metrics.get(metric)
            cells.append(f"{v['mean']:.4f} [{v['low']:.4f}, {v['high']:.4f}]" if v else "-")
        rows.append((s.method, str(s.images), str(s.prompts), *cells))
    return rows


def markdown(rows: Sequence[tuple[str, ...]]) -> str:
    """A Markdown table; cells are escaped (a method name comes from a run record anyone can
    write: a ``|``, a line break or an escape sequence must not leave its cell)."""
    cells = [[markdown_cell(cell) for cell in row] for row in rows]
    lines = ["| " + " | ".join(cells[0]) + " |", "|" + "---|" * len(cells[0])]
    lines += ["| " + " | ".join(row) + " |" for row in cells[1:]]
    return "\n".join(lines) + "\n"


# --- grids -------------------------------------------------------------------------------

def _caption(row: dict[str, Any], shown: Sequence[str]) -> str:
    values = [f"{m} {row[m]:.3f}" for m in shown if row.get(m) is not None]
    return f"{row['method']} · seed {row['seed']}" + (f" · {', '.join(values)}" if values else "")


def _url(target: Path, page_folder: Path) -> str:
    return quote(Path(os.path.relpath(target, page_folder)).as_posix())


def _layout(rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[int],
                                                     dict[tuple[str, int], dict[str, Any]]]:
    methods = sorted({r["method"] for r in rows})
    seeds = sorted({r["seed"] for r in rows})
    return methods, seeds, {(r["method"], r["seed"]): r for r in rows}


def grid_html(prompt: str, rows: Sequence[dict[str, Any]], root: Path, page_folder: Path,
              shown: Sequence[str], index: str | None = "index.html") -> str:
    """One prompt's images: a row per method, a column per seed, each captioned."""
    methods, seeds, cell = _layout(rows)
    esc = html.escape
    head = "".join(f"<th>seed {s}</th>" for s in seeds)
    body = []
    for method in methods:
        tds = []
        for seed in seeds:
            row = cell.get((method, seed))
            if row is None:
                tds.append("<td></td>")
                continue
            src, caption = _url(root / row["image"], page_folder), esc(_caption(row, shown))
            tds.append(f'<td><figure><a href="{src}"><img src="{src}" alt="{caption}"></a>'
                       f"<figcaption>{caption}</figcaption></figure></td>")
        body.append(f"<tr><th>{esc(method)}</th>{''.join(tds)}</tr>")
    back = f'<p><a href="{esc(index)}">all prompts</a></p>' if index else ""
    return _page(esc(prompt), f"{back}<h1>{esc(prompt)}</h1>"
                 f"<table><tr><th></th>{head}</tr>{''.join(body)}</table>")


def _page(title: str, body: str) -> str:
    style = ("body{font-family:sans-serif;margin:1em}table{border-collapse:collapse}"
             "td,th{padding:4px;vertical-align:top;text-align:left}"
             "img{width:256px;height:auto;display:block}figure{margin:0}"
             "figcaption{font-size:12px;max-width:256px}.num{font-variant-numeric:tabular-nums}")
    return (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>{style}</style></head><body>{body}</body></html>\n")


def grid_png(prompt: str, rows: Sequence[dict[str, Any]], root: Path, shown: Sequence[str],
             tile: int = 256) -> Any:
    """The same grid as one PNG: the prompt on top, a row per method, a column per seed."""
    from PIL import Image, ImageDraw

    methods, seeds, cell = _layout(rows)
    font = _font()
    line = 14
    title_lines = _wrap(prompt, max(20, (tile * len(seeds)) // 7))
    top = 8 + line * len(title_lines) + 6
    caption = 2 * line + 6
    canvas = Image.new("RGB", (tile * len(seeds), top + len(methods) * (tile + caption)),
                       "white")
    draw = ImageDraw.Draw(canvas)
    for k, text in enumerate(title_lines):
        draw.text((6, 6 + k * line), text, fill="black", font=font)
    for i, method in enumerate(methods):
        for j, seed in enumerate(seeds):
            row = cell.get((method, seed))
            if row is None:
                continue
            x, y = j * tile, top + i * (tile + caption)
            try:
                with Image.open(root / row["image"]) as picture:
                    canvas.paste(picture.convert("RGB").resize((tile, tile), Image.BICUBIC),
                                 (x, y))
            except (OSError, ValueError, Image.DecompressionBombError):
                draw.text((x + 4, y + tile // 2), "(unreadable image)", fill="black", font=font)
            words = _caption(row, shown).split(" · ", 2)
            first = " · ".join(words[:2])
            draw.text((x + 4, y + tile + 2), first[: tile // 6], fill="black", font=font)
            if len(words) > 2:
                draw.text((x + 4, y + tile + 2 + line), words[2][: tile // 6], fill="black",
                          font=font)
    return canvas


def _font() -> Any:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=12)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines or [""]


# --- the whole evaluation ----------------------------------------------------------------

@dataclass
class Evaluation:
    """What ``evaluate`` computed and wrote."""

    rows: list[dict[str, Any]]
    summary: list[MethodSummary]
    metrics: list[str]
    written: list[Path]


def evaluate(root: str | Path, scorers: Sequence[Scorer], *, out: str | Path | None = None,
             methods: Sequence[str] | None = None, grids: Sequence[str] = GRID_FORMATS,
             tile: int = 256, batch_size: int = 16, resamples: int = 1000, seed: int = 0,
             progress: bool = False, warn: Callable[[str], None] | None = None,
             about: dict[str, Any] | None = None) -> Evaluation:
    """Score every rendered image under ``root`` and write, into ``out`` (default
    ``root/_eval``): ``scores.jsonl`` (one line per image), ``summary.json`` and
    ``summary.md`` (per method: mean and 95% bootstrap interval of every metric),
    ``index.html`` (the table and every prompt's grid linked) and, per prompt,
    ``grids/<prompt-id>.html`` and/or ``.png``. Every file is written atomically."""
    root = Path(root)
    unknown = set(grids) - set(GRID_FORMATS)
    if unknown:
        raise BindingError(f"unknown grid format {sorted(unknown)[0]!r}: use html, png or both")
    images = collect(root, methods, warn)
    out = Path(out) if out is not None else root / EVAL_DIR
    rows = score(images, scorers, batch_size=batch_size, progress=progress, warn=warn)
    metrics = [m for s in scorers for m in s.metrics]
    summary = summarise(rows, metrics, resamples=resamples, seed=seed)
    shown = [s.metrics[0] for s in scorers if s.metrics]
    out.mkdir(parents=True, exist_ok=True)
    if grids:
        (out / "grids").mkdir(exist_ok=True)
    written = [out / "scores.jsonl", out / "summary.json", out / "summary.md"]
    with atomic_writer(written[0]) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    with atomic_writer(written[1]) as handle:
        json.dump({"root": str(root), **(about or {}), "bootstrap": {
            "resamples": resamples, "seed": seed, "level": 0.95, "unit": "prompt"},
            "methods": [asdict(s) for s in summary]}, handle, indent=2)
    table = table_rows(summary, metrics)
    with atomic_writer(written[2]) as handle:
        handle.write(markdown(table))
    by_prompt: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_prompt.setdefault(row["prompt_id"], []).append(row)
    links = []
    for prompt_id, mine in by_prompt.items():
        prompt = mine[0]["prompt"]
        if "html" in grids:
            page = out / "grids" / f"{prompt_id}.html"
            with atomic_writer(page) as handle:
                handle.write(grid_html(prompt, mine, root, page.parent, shown, "../index.html"))
            written.append(page)
        if "png" in grids:
            picture = out / "grids" / f"{prompt_id}.png"
            save_png(grid_png(prompt, mine, root, shown, tile), picture)
            written.append(picture)
        target = f"grids/{quote(prompt_id)}.{'html' if 'html' in grids else 'png'}"
        links.append(f'<li><a href="{target}">{html.escape(prompt)}</a> '
                     f"({len(mine)} images)</li>" if grids else
                     f"<li>{html.escape(prompt)} ({len(mine)} images)</li>")
    index = out / "index.html"
    with atomic_writer(index) as handle:
        handle.write(_page("binding eval-images", _index_body(table, links, root, about)))
    written.append(index)
    return Evaluation(rows, summary, metrics, written)


def _index_body(table: Sequence[tuple[str, ...]], links: Sequence[str], root: Path,
                about: dict[str, Any] | None) -> str:
    esc = html.escape
    head = "".join(f"<th>{esc(c)}</th>" for c in table[0])
    body = "".join("<tr>" + "".join(f'<td class="num">{esc(c)}</td>' for c in row) + "</tr>"
                   for row in table[1:])
    models = ""
    if about and about.get("scorers"):
        models = "<p>scorers: " + ", ".join(
            f"{esc(s['name'])} ({esc(str(s.get('model')))})" for s in about["scorers"]) + "</p>"
    return (f"<h1>Renders in {esc(str(root))}</h1>{models}"
            f"<table><tr>{head}</tr>{body}</table><h2>Prompts</h2><ul>{''.join(links)}</ul>")
