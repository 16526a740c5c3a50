"""Where a guided render's time goes: the cost of each kind of UNet pass, on one device.

For SD 1.5 at 512 px (random weights) and each precision setting, times with CUDA events
(median of ``--iters`` after warm-up):

- ``cfg``: the denoising pass, no gradients, batch 2 (classifier-free guidance), with
  binding's processors installed and nobody listening (what every step costs);
- ``cfg-diffusers``: the same with diffusers' own processors (binding's wrapper overhead);
- ``cfg-graph``: the same replayed from a CUDA graph (what launch overhead costs);
- ``guide``: one guidance update, batch 1: forward to the last 16x16 layer, SynGen loss,
  backward to the latents (``guide-full``: the whole UNet forward instead);
- ``gpu`` columns: the device's busy time per pass from the profiler, to tell GPU-bound from
  launch-bound passes.

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


def capture_graph(fn: Callable[[], object]) -> torch.cuda.CUDAGraph:
    graph = torch.cuda.CUDAGraph()
    stream = torch.cuda.Stream()
    stream.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(stream):
        for _ in range(3):
            fn()
    torch.cuda.current_stream().wait_stream(stream)
    with torch.cuda.graph(graph):
        fn()
    return graph


def measure(pipe: object, spec: object, size: int, batch: int, iters: int) -> dict[str, float]:
    sampler = Sampler(spec, pipe, "syngen", batch=batch, steps=50, height=size, width=size)
    latents, generators = sampler.initial_latents(list(range(batch)))
    extra = pipe.prepare_extra_step_kwargs(generators, 0.0)
    unet, cond, t = pipe.unet, sampler.cond, sampler.timesteps[10]
    cfg_input = torch.cat([latents] * 2).to(cond.dtype)

    def cfg() -> object:
        with torch.no_grad():
            return unet(cfg_input, t, **cond.both, return_dict=False)[0]

    def guide() -> object:
        return sampler.loss(latents, 10)

    row: dict[str, float] = {}
    with sampler.installed():
        for fn in (cfg, guide):  # warm-up
            for _ in range(3):
                fn()
        torch.cuda.synchronize()
        row["cfg"] = event_time(cfg, iters)
        row["guide"] = event_time(guide, iters)
        if batch > 1:
            return row
        row["cfg-gpu"] = gpu_time(cfg)
        row["guide-gpu"] = gpu_time(guide)
        row["denoise-step"] = event_time(lambda: sampler.denoise(latents, 10, extra), iters)
        sampler.early_stop = False
        guide()
        row["guide-full"] = event_time(guide, iters)
        row["guide-full-gpu"] = gpu_time(guide)
    row["cfg-diffusers"] = event_time(cfg, iters)  # diffusers' processors are back
    row["cfg-graph"] = event_time(capture_graph(cfg).replay, iters)
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
        row.update(measure(pipe, spec, size, 1, args.iters))
        row.update({f"{k}-b4": v for k, v in measure(pipe, spec, size, 4, args.iters).items()})
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
