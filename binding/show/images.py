"""Plain and guided renders of one spec, side by side, with per-entity attention heat maps,
for ``binding serve --model``. Imports the generation stack (torch, diffusers) when built."""

from __future__ import annotations

import base64
import io
import time
import warnings
from typing import Any

from binding.spec import Spec


def data_url(image: Any) -> str:
    """A PIL image as a PNG ``data:`` URL (the page's Content-Security-Policy allows these)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def heat_overlay(image: Any, heat: Any) -> Any:
    """A (h, w) attention map, scaled to [0, 1], coloured dark to bright and laid over the
    image, as DAAM shows it."""
    from PIL import Image, ImageOps

    heat = heat.float()
    heat = (heat - heat.min()) / (heat.max() - heat.min()).clamp_min(1e-12)
    grey = Image.fromarray((heat.cpu().numpy() * 255).round().astype("uint8"), mode="L")
    grey = grey.resize(image.size, Image.BICUBIC)
    colour = ImageOps.colorize(grey, black="#000004", mid="#b73779", white="#fcfdbf")
    return Image.blend(image.convert("RGB"), colour, alpha=0.6)


class Renderer:
    """A loaded Stable Diffusion pipeline, rendering ``none`` and a method with the same seed.

    ``model`` is anything ``binding render --model`` takes (a hub id, a local diffusers folder).
    """

    def __init__(self, model: str, *, device: str | None = None, dtype: str | None = None,
                 local_files_only: bool = False, steps: int = 50) -> None:
        from binding.generation import load_pipeline

        self.model = model
        self.steps = steps
        self.pipe = load_pipeline(model, dtype=dtype, device=device,
                                  local_files_only=local_files_only)

    def describe(self) -> dict[str, Any]:
        from binding.generation import METHODS

        return {"model": self.model, "steps": self.steps,
                "methods": sorted(m for m in METHODS if m != "none")}

    def one(self, spec: Spec, method: str, seed: int, steps: int) -> dict[str, Any]:
        from binding.generation import GuidanceWarning, render

        started = time.perf_counter()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", GuidanceWarning)
            result = render(spec, self.pipe, method, seeds=[seed], steps=steps, attention=True,
                            on_truncated="drop", model_id=self.model)
        image = result.images[0]
        maps = result.attention[0] if result.attention is not None else None
        heat = []
        for group in result.tokens.groups:
            positions = list(group.entity.positions)
            entry: dict[str, Any] = {"id": group.id, "text": group.entity.text}
            if positions and maps is not None:
                entry["image"] = data_url(heat_overlay(image, maps[positions].mean(0)))
            else:
                entry["note"] = "past the token window: not guided"
            heat.append(entry)
        return {"method": method, "image": data_url(image), "heat": heat,
                "seconds": round(time.perf_counter() - started, 2),
                "notes": [str(w.message) for w in caught]}

    def side_by_side(self, spec: Spec, method: str, seed: int,
                     steps: int | None = None) -> dict[str, Any]:
        """Plain Stable Diffusion and ``method``, same seed, with their heat maps."""
        from binding.generation.methods import parse_method

        parse_method(method)  # an unknown method fails before anything renders
        steps = steps or self.steps
        return {"plain": self.one(spec, "none", seed, steps),
                "guided": self.one(spec, method, seed, steps), "seed": seed, "steps": steps}
