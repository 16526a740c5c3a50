"""Where a guided render's time goes: the cost of each kind of UNet pass, on one device.

For SD 1.5 at 512 px (random weights) and each precision setting, times with CUDA events
(median of ``--iters`` after warm-up), eagerly and replayed from CUDA graphs, batch 1 and 4:

- ``step``: one denoising step (classifier-free-guided UNet pass and scheduler step);
- ``guide``: one guidance update: forward to the last 16x16 layer, SynGen loss, backward to the
  latents (``guide-full``: through the whole UNet instead);
- ``gpu``: the device's busy time per call from the profiler; wall time far above it means
  the host cannot launch kernels as fast as the GPU runs them.

Settings: ``fp16``, ``bf16``, ``fp32``; ``-tf32`` allows TF32 matmuls, ``-cl`` puts the UNet in
channels-last memory format.

Run: ``python benchmarks/step_costs.py [--arch sd15] [--iters 20] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import binding  # noqa: E402
from binding.generation.architectures import build_pipeline  # noqa: E402
from binding.generation.render import Sampler  # noqa: E402

SIZES = {"sd15": 512, "sd21": 768, "sdxl": 1024, "tiny-sd": 32}


def event_time(fn: Callable[[], object], iters: int) -> float:
    """Median milliseconds of ``fn`` (wall between CUDA events, host waits included)."""
    times = []
    for _ in range(iters):
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        fn()
        end.record()
        torch.cuda.synchronize()
        times.append(start.elapsed_time(end))
    return statistics.median(times)


def gpu_time(fn: Callable[[], object], iters: int = 5) -> float:
    """Milliseconds the GPU is busy per call (sum of kernel times from the profiler)."""
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        for _ in range(iters):
            fn()
        torch.cuda.synchronize()
    total = sum(e.self_device_time_total for e in prof.key_averages())
    return total / 1000 / iters  # µs -> ms


def measure(pipe: object, spec: object, size: int, batch: int, iters: int,
            graphs: bool, early_stop: bool = True) -> dict[str, float]:
    """Milliseconds of one denoising step and one guidance update, as the sampler runs them."""
    sampler = Sampler(spec, pipe, "syngen", batch=batch, steps=50, height=size, width=size,
                      cuda_graphs=graphs, early_stop=early_stop)
    latents, generators = sampler.initial_latents(list(range(batch)))
    extra = pipe.prepare_extra_step_kwargs(generators, 0.0)

    def step() -> object:
        return sampler.denoise(latents, 10, extra)

    def guide() -> object:
        return sampler.loss(latents, 10)

    row: dict[str, float] = {}
    with sampler.installed():
        for fn in (step, guide):  # warm-up (and capture, with graphs)
            for _ in range(3):
                fn()
        torch.cuda.synchronize()
        row["step"] = event_time(step, iters)
        row["guide"] = event_time(guide, iters)
        if batch == 1:
            row["step-gpu"] = gpu_time(step)
            row["guide-gpu"] = gpu_time(guide)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", default="sd15")
    parser.add_argument("--iters", type=int, default=20)
    parser.add_argument("--settings", default="fp16,fp32,fp32-tf32,bf16",
                        help="dtype[-tf32|-cl]: TF32 matmuls, channels-last UNet")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    spec = next(s for s in binding.iter_specs(HERE / "render_prompts.jsonl")
                if s.id == "wooden-crown")
    size = SIZES[args.arch]
    rows = []
    for setting in args.settings.split(","):
        dtype_name, _, mode = setting.partition("-")
        dtype = {"fp16": torch.float16, "fp32": torch.float32, "bf16": torch.bfloat16}[dtype_name]
        torch.backends.cuda.matmul.allow_tf32 = mode == "tf32"
        pipe = build_pipeline(args.arch, device="cuda", dtype=dtype)
        if mode == "cl":
            pipe.unet.to(memory_format=torch.channels_last)
        row: dict[str, object] = {"setting": setting}
        for graphs in (False, True):
            tag = "graph" if graphs else "eager"
            for batch in (1, 4):
                found = measure(pipe, spec, size, batch, args.iters, graphs)
                row.update({f"{k}-{tag}-b{batch}": v for k, v in found.items()})
        full = measure(pipe, spec, size, 1, args.iters, True, early_stop=False)
        row["guide-full-graph-b1"] = full["guide"]
        row["guide-full-gpu"] = full["guide-gpu"]
        rows.append({k: (round(v, 2) if isinstance(v, float) else v) for k, v in row.items()})
        print(json.dumps(rows[-1]), flush=True)
        del pipe
        torch.cuda.empty_cache()
    torch.backends.cuda.matmul.allow_tf32 = False
    report = {"device": torch.cuda.get_device_name(), "torch": torch.__version__,
              "arch": args.arch, "size": size, "unit": "ms", "rows": rows}
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    keys = list(rows[0])
    print("| " + " | ".join(keys) + " |")
    print("|" + "---|" * len(keys))
    for row in rows:
        print("| " + " | ".join(str(row.get(k, "-")) for k in keys) + " |")


if __name__ == "__main__":
    main()
