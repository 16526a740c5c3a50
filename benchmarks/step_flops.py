"""What a guided step costs in arithmetic, counted on a CPU with no weights and no GPU.

Each denoiser is built at its real size on PyTorch's ``meta`` device (shapes only: no memory,
no compute) and run under ``torch.utils.flop_counter.FlopCounterMode``:

Counted by a dispatch mode over ``torch.utils.flop_counter``'s formulas (matrix products,
convolutions, attention):

- ``step``: one denoising pass at the family's batch (classifier-free guidance doubles it for
  SD 1.x, SDXL and SD3; FLUX.1-dev has none);
- ``guide``: one guidance evaluation as ``render`` makes it: the conditional pass up to the
  last layer the loss reads, the SynGen loss, its gradient w.r.t. the latents (batch 1, the
  network frozen), with binding's own capture code;
- ``saved``: what autograd keeps for that backward, in GiB of the model's dtype (bf16): each
  saved tensor once, weights not counted, attention as flash attention keeps it (q, k, v,
  output, log-sum-exp; the meta device's math kernel would keep every probability), against
  the denoiser's weights;
- ``ratio`` (FLOP ratio): the syngen / plain ratio a render would have if time followed
  FLOPs: 1 + (guided steps / steps) · guide / step (SynGen guides the first half of the steps).

Time does not follow FLOPs exactly on a GPU (attention kernels, small matrix products, launch
overhead, the backward's kernels), so the ratio is a model for comparing layer choices, not a
measurement: ``render_speed.py`` measures.

Run: ``python benchmarks/step_flops.py [--arch sd15,sdxl,sd35-medium,flux-dev] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils.flop_counter import flop_registry

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import binding  # noqa: E402
from binding.generation.architectures import UNETS, clip_tokenizer  # noqa: E402
from binding.generation.capture import (  # noqa: E402
    LayerMean,
    StopForward,
    capturing,
    cross_attention_layers,
    guidance_layers,
)
from binding.generation.config import GuidanceConfig, parse_layers  # noqa: E402
from binding.generation.guidance_step import loss_and_gradient, make_plan  # noqa: E402
from binding.generation.methods import parse_method  # noqa: E402
from binding.generation.mmdit.architectures import TRANSFORMERS, t5_tokenizer  # noqa: E402
from binding.generation.mmdit.capture import capturing_joint  # noqa: E402
from binding.generation.mmdit.layers import default_layers, joint_layers  # noqa: E402
from binding.generation.tokens import TextStream, align_to_model  # noqa: E402

META = torch.device("meta")
DTYPE = torch.bfloat16
# (size in pixels, steps, guided steps by SynGen's schedule, classifier-free batch)
SETUPS = {"sd15": (512, 50, 25, 2), "sdxl": (1024, 50, 25, 2),
          "sd35-medium": (1024, 28, 14, 2), "flux-dev": (1024, 28, 14, 1)}


@contextmanager
def saved_bytes() -> Iterator[list[int]]:
    """Bytes of the tensors autograd saves for the backward inside the block: each saved
    tensor once (by its base, so a view of one already counted is not counted again), the
    model's weights not at all (they are there anyway). A view counts as its whole base."""
    total = [0]
    seen: dict[int, torch.Tensor] = {}  # keeps them alive, so that ids stay unique

    def pack(tensor: torch.Tensor) -> torch.Tensor:
        base = tensor._base if tensor._base is not None else tensor
        if id(base) not in seen and not isinstance(base, torch.nn.Parameter):
            seen[id(base)] = base
            total[0] += base.numel() * base.element_size()
        return tensor

    with torch.autograd.graph.saved_tensors_hooks(pack, lambda tensor: tensor):
        yield total


class _Flops(TorchDispatchMode):
    """Sums the FLOPs of every operation torch's flop counter has a formula for
    (``FlopCounterMode`` itself tracks modules with hooks that ``autograd.grad`` on a leaf
    does not allow)."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    def __torch_dispatch__(self, func: Any, types: Any, args: Any = (),
                           kwargs: Any = None) -> Any:
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        formula = flop_registry.get(func._overloadpacket)
        if formula is not None:
            self.total += formula(*args, **kwargs, out_val=out)
        return out


class _FlashLike(torch.autograd.Function):
    """Attention that keeps for its backward what flash and memory-efficient attention keep
    (q, k, v, the output and a log-sum-exp per query), not the (queries x keys) probabilities
    the math kernel the meta device runs would keep: for counting memory only."""

    @staticmethod
    def forward(ctx: Any, query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                options: dict[str, Any]) -> torch.Tensor:
        with torch.no_grad():
            out = _SDPA(query, key, value, **options)
        lse = query.new_empty(query.shape[:-1], dtype=torch.float32)
        ctx.save_for_backward(query, key, value, out, lse)
        return out

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:  # pragma: no cover - never run
        raise NotImplementedError("memory accounting only")


_SDPA = torch.nn.functional.scaled_dot_product_attention


@contextmanager
def flash_like_attention() -> Iterator[None]:
    def attention(query: torch.Tensor, key: torch.Tensor, value: torch.Tensor,
                  **options: Any) -> torch.Tensor:
        return _FlashLike.apply(query, key, value, options)

    torch.nn.functional.scaled_dot_product_attention = attention
    try:
        yield
    finally:
        torch.nn.functional.scaled_dot_product_attention = _SDPA


def kept_for_backward(plan: Any, hub: Any, call: Callable[[torch.Tensor], Any],
                      sample: torch.Tensor, early: bool) -> int:
    """Bytes the guidance forward keeps for its backward, attention kept as flash keeps it."""
    z = sample.detach().requires_grad_(True)
    mean = LayerMean(plan.layers)
    with flash_like_attention(), saved_bytes() as kept, torch.enable_grad(), \
            hub.listen(plan.layers, mean, stop_after_last=early):
        with suppress(StopForward):
            call(z)
        plan.components[0].method.loss(mean.maps(), plan.indices[0])
    return kept[0]


def count(fn: Callable[[], Any]) -> float:
    with _Flops() as counter:
        fn()
    return counter.total


def unet_case(arch: str, spec: Any) -> tuple[Any, Any, Any, list[Any], dict[str, list[Any]]]:
    from diffusers import UNet2DConditionModel

    size = SETUPS[arch][0]
    with META:
        unet = UNet2DConditionModel(**UNETS[arch]).to(DTYPE)
    unet.requires_grad_(False)
    latent = (size // 8, size // 8)
    dim = unet.config.cross_attention_dim
    extra: dict[str, Any] = {}
    if arch == "sdxl":
        extra = {"added_cond_kwargs": {"text_embeds": torch.zeros(1, 1280, device=META,
                                                                  dtype=DTYPE),
                                       "time_ids": torch.zeros(1, 6, device=META, dtype=DTYPE)}}

    def call(z: torch.Tensor) -> Any:
        n = z.shape[0]
        kwargs = {"added_cond_kwargs": {k: v.expand(n, -1) for k, v in
                                        extra["added_cond_kwargs"].items()}} if extra else {}
        context = torch.zeros(n, 77, dim, device=META, dtype=DTYPE)
        return unet(z, torch.tensor(999.0, device=META), encoder_hidden_states=context,
                    **kwargs)

    layers = cross_attention_layers(unet, latent)
    chosen = guidance_layers(layers)
    variants = {f"default: {len(chosen)} layers at {chosen[0].size[0]}x{chosen[0].size[1]}":
                chosen}
    if arch == "sdxl":
        down_mid = [layer for layer in chosen if layer.order[0] < 2]
        down = [layer for layer in chosen if layer.order[0] == 0]
        variants[f"--layers 0-{len(down_mid) - 1}: down and mid blocks, {len(down_mid)} layers"] \
            = down_mid
        variants[f"--layers 0-{len(down) - 1}: down blocks, {len(down)} layers"] = down
    tokens = align_to_model(spec, [clip_tokenizer()], chunked=False)
    sample = torch.zeros(1, 4, *latent, device=META, dtype=DTYPE)
    return unet, call, tokens, [sample], {"capture": [capturing, layers], **variants}


def mmdit_case(arch: str, spec: Any) -> tuple[Any, Any, Any, list[Any], dict[str, list[Any]]]:
    from diffusers import FluxTransformer2DModel, SD3Transformer2DModel

    size = SETUPS[arch][0]
    flux = arch.startswith("flux")
    cls = FluxTransformer2DModel if flux else SD3Transformer2DModel
    with META:
        model = cls(**TRANSFORMERS[arch]).to(DTYPE)
    model.requires_grad_(False)
    latent = size // 8
    grid = (latent // 2, latent // 2)
    window = 512 if flux else 256
    text = 77 + window if not flux else window
    dim = model.config.joint_attention_dim
    pooled = model.config.pooled_projection_dim

    def call(z: torch.Tensor) -> Any:
        n = z.shape[0]
        kwargs: dict[str, Any] = {
            "encoder_hidden_states": torch.zeros(n, text, dim, device=META, dtype=DTYPE),
            "pooled_projections": torch.zeros(n, pooled, device=META, dtype=DTYPE)}
        if flux:
            kwargs.update(txt_ids=torch.zeros(text, 3, device=META),
                          img_ids=torch.zeros(grid[0] * grid[1], 3, device=META),
                          guidance=torch.ones(n, device=META), timestep=torch.ones(n,
                                                                                   device=META))
        else:
            kwargs["timestep"] = torch.full((n,), 999.0, device=META)
        return model(hidden_states=z, **kwargs, return_dict=False)

    layers = joint_layers(model, grid)
    chosen = default_layers(layers)
    double = [layer for layer in layers if layer.order[0] == 0]
    first, last = chosen[0].order[1], chosen[-1].order[1]
    variants = {f"default: double-stream blocks {first}-{last}": chosen,
                f"every double-stream block, 0-{len(double) - 1}": double}
    if flux:
        variants["first half of all blocks, 0-27"] = [layers[i] for i in parse_layers("0-27")]
    stream = TextStream("t5", window, start_token=False)
    tokens = align_to_model(spec, [t5_tokenizer()], chunked=False, stream=stream)
    start = 0 if flux else 77
    shape = (1, grid[0] * grid[1], 64) if flux else (1, 16, latent, latent)
    sample = torch.zeros(*shape, device=META, dtype=DTYPE)

    def capture(module: Any, read: list[Any]) -> Any:
        return capturing_joint(module, read, slice(start, start + window), 1)

    return model, call, tokens, [sample], {"capture": [capture, layers], **variants}


def measure(arch: str, spec: Any) -> list[dict[str, Any]]:
    size, steps, guided, batch = SETUPS[arch]
    case = unet_case if arch in UNETS else mmdit_case
    model, call, tokens, (sample,), variants = case(arch, spec)
    capture, layers = variants.pop("capture")
    weights = sum(p.numel() * p.element_size() for p in model.parameters()) / 2**30
    plain = sample.expand(batch, *sample.shape[1:])
    with torch.no_grad():
        step = count(lambda: call(plain))
    rows = []
    components = parse_method("syngen")
    for name, read in variants.items():
        for early in (True, False):
            if not early and not name.startswith("default"):
                continue
            plan = make_plan(components, tokens, layers, steps, GuidanceConfig(), META,
                             chosen=read)
            with capture(model, read) as hub:
                guide = count(lambda plan=plan, hub=hub, early=early: loss_and_gradient(
                    plan, hub, lambda z: call(z), sample, early))
                kept = kept_for_backward(plan, hub, call, sample, early)
            rows.append({
                "arch": arch, "size": size, "steps": steps, "guided_steps": guided,
                "read": name + ("" if early else ", no early stop"),
                "step_tflop": round(step / 1e12, 2), "guide_tflop": round(guide / 1e12, 2),
                "guide_over_step": round(guide / step, 3),
                "ratio": round(1 + guided / steps * guide / step, 3),
                "saved_gib": round(kept / 2**30, 2), "weights_gib": round(weights, 2),
            })
            print(json.dumps(rows[-1]), flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", default=",".join(SETUPS))
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    spec = next(s for s in binding.iter_specs(HERE / "render_prompts.jsonl")
                if s.id == "horned-lion")
    rows = [row for arch in args.arch.split(",") for row in measure(arch, spec)]
    print()
    print("| model | layers read | step TFLOP | guide TFLOP | guide / step | FLOP ratio | "
          "saved for backward GiB | weights GiB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['arch']} {r['size']} px, {r['guided_steps']}/{r['steps']} guided | "
              f"{r['read']} | {r['step_tflop']} | {r['guide_tflop']} | "
              f"{r['guide_over_step']} | {r['ratio']} | {r['saved_gib']} | "
              f"{r['weights_gib']} |")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
