"""Files of a render: ``DIR/<prompt-id>/<method>_<seed>.png`` and its run record ``.json``,
plus, on request, the attention maps (``.attention.safetensors``) and their heat-map grid
(``.attention.png``). Every file is written atomically.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import torch

from binding.atomic import atomic_path, atomic_writer
from binding.generation.random_model import NOTE as RANDOM_NOTE
from binding.generation.random_model import is_random
from binding.generation.tokens import PromptTokens
from binding.names import bounded, id_name, prompt_name
from binding.spec import Spec

_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]+")
# a perceptual dark-to-bright ramp (inferno's anchors) for heat maps
_RAMP = [(0, 0, 4), (40, 11, 84), (101, 21, 110), (159, 42, 99), (212, 72, 66),
         (245, 125, 21), (250, 193, 39), (252, 255, 164)]


def prompt_id(spec: Spec) -> str:
    """The spec's id, or a readable slug of the prompt with a short hash against collisions;
    bounded in length, any script, never hidden or a reserved ``_`` folder (binding.names)."""
    if spec.id:
        return id_name(spec.id)
    return prompt_name(spec.prompt)


def image_stem(method: str, seed: int) -> str:
    return bounded(f"{_UNSAFE.sub('-', method.strip()).strip('-') or 'none'}_{seed}")


def write_render(result: Any, spec: Spec, out: str | Path, method: str) -> list[Path]:
    """Write every image of ``result`` with its record (and attention); returns the paths."""
    folder = Path(out) / prompt_id(spec)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for n, (image, record) in enumerate(zip(result.images, result.records, strict=True)):
        stem = image_stem(method, record.seed)
        png = folder / f"{stem}.png"
        record.image = png.name
        note = None
        if is_random(record.model.get("id")):  # noise: say so wherever the image goes
            note = RANDOM_NOTE
            record.model.update(random_weights=True, note=RANDOM_NOTE)
        if result.attention is not None:
            maps = result.attention[n]
            tensors = folder / f"{stem}.attention.safetensors"
            grid = folder / f"{stem}.attention.png"
            save_attention(maps, result.tokens, tensors)
            save_png(heatmap_grid(image, maps, result.tokens), grid)
            record.attention.update(maps=tensors.name, grid=grid.name)
            written += [tensors, grid]
        save_png(image, png, note)
        with atomic_writer(folder / f"{stem}.json") as handle:
            handle.write(record.model_dump_json(indent=2) + "\n")
        written += [png, folder / f"{stem}.json"]
    return written


def save_png(image: Any, path: Path, note: str | None = None) -> None:
    """``image`` as a PNG, written atomically; ``note`` goes into its text chunks (shown by
    image viewers' properties) as Comment and Description."""
    buffer = io.BytesIO()
    info = None
    if note is not None:
        from PIL.PngImagePlugin import PngInfo

        info = PngInfo()
        info.add_text("Comment", note)
        info.add_text("Description", note)
    image.save(buffer, format="PNG", pnginfo=info)
    with atomic_path(path) as tmp:
        tmp.write_bytes(buffer.getvalue())


def save_attention(maps: torch.Tensor, tokens: PromptTokens, path: Path) -> None:
    """(tokens, height, width) maps from the start token to the end token, fp16, with the token
    texts and the words' positions as metadata."""
    from safetensors.torch import save

    kept = maps[: tokens.end + 1].to(torch.float16).contiguous().cpu()
    words = [{"id": g.id, "text": g.entity.text, "positions": list(g.entity.positions),
              "modifiers": [{"text": m.text, "positions": list(m.positions), "kind": m.kind}
                            for m in g.modifiers]} for g in tokens.groups]
    meta = {"tokens": json.dumps(tokens.labels()),
            "words": json.dumps(words), "prompt": tokens.prompt, "layout": "tokens,height,width"}
    data = save({"maps": kept}, metadata=meta)
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def heatmap_grid(image: Any, maps: torch.Tensor, tokens: PromptTokens, tile: int = 192,
                 columns: int = 6) -> Any:
    """The image, then one captioned heat-map overlay per prompt token, in a grid."""
    from PIL import Image, ImageDraw

    positions = list(tokens.content)
    text = tokens.labels()
    labels = ["image", *(text[p] for p in positions)]
    base = image.convert("RGB").resize((tile, tile), Image.BICUBIC)
    tiles = [base]
    for p in positions:
        heat = maps[p].float()
        heat = (heat - heat.min()) / (heat.max() - heat.min()).clamp_min(1e-12)
        tiles.append(Image.blend(base, _colour(heat, tile), alpha=0.6))
    rows = -(-len(tiles) // columns)
    caption = 16
    grid = Image.new("RGB", (columns * tile, rows * (tile + caption)), "white")
    draw = ImageDraw.Draw(grid)
    for n, (picture, label) in enumerate(zip(tiles, labels, strict=True)):
        x, y = (n % columns) * tile, (n // columns) * (tile + caption)
        grid.paste(picture, (x, y))
        draw.text((x + 4, y + tile + 2), label[:28], fill="black")
    return grid


def _colour(heat: torch.Tensor, size: int) -> Any:
    """A [0, 1] map as an RGB image through the heat ramp, upsampled to ``size``."""
    from PIL import Image

    ramp = torch.tensor(_RAMP, dtype=torch.float32)
    scaled = heat.clamp(0, 1).cpu() * (len(_RAMP) - 1)
    low = scaled.floor().long().clamp(max=len(_RAMP) - 2)
    frac = (scaled - low).unsqueeze(-1)
    rgb = ramp[low] * (1 - frac) + ramp[low + 1] * frac
    picture = Image.fromarray(rgb.round().to(torch.uint8).numpy())
    return picture.resize((size, size), Image.BICUBIC)
