"""CUDA graphs for the passes a render repeats: a whole UNet pass replayed as one launch.

Diffusers' UNet issues about a thousand small kernels per pass; at batch 1 on a fast GPU the
host cannot launch them as fast as the GPU runs them (measured on an H100: 39 ms per denoising
pass eagerly, 12 ms replayed from a graph, fp16). A ``Graphed`` function runs eagerly once on a
side stream (the warm-up CUDA graphs need), is captured on its second call and replayed after
that. Inputs are copied into static buffers; outputs are static buffers that the next replay
overwrites, so callers use them before calling again. If capture fails, the function stays
eager and says why (``reason``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch


class Graphed:
    """``fn(*tensors) -> tensor or tuple of tensors``, replayed from a CUDA graph."""

    def __init__(self, fn: Callable[..., Any], pool: Any = None) -> None:
        self.fn = fn
        self.pool = pool
        self.graph: torch.cuda.CUDAGraph | None = None
        self.inputs: list[torch.Tensor] = []
        self.outputs: Any = None
        self.calls = 0
        self.reason: str | None = None  # why this function runs eagerly, if it does

    def __call__(self, *inputs: torch.Tensor) -> Any:
        self.calls += 1
        if self.reason is not None:
            return self.fn(*inputs)
        if self.calls == 1:  # warm-up: lazy initialisation must happen outside the capture
            side = torch.cuda.Stream()
            side.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(side):
                out = self.fn(*inputs)
            torch.cuda.current_stream().wait_stream(side)
            return out
        if self.graph is None and not self._capture(inputs):
            return self.fn(*inputs)
        for static, value in zip(self.inputs, inputs, strict=True):
            static.copy_(value)
        assert self.graph is not None
        self.graph.replay()
        return self.outputs

    def _capture(self, inputs: Sequence[torch.Tensor]) -> bool:
        self.inputs = [x.detach().clone() for x in inputs]
        graph = torch.cuda.CUDAGraph()
        try:
            with torch.cuda.graph(graph, pool=self.pool):
                self.outputs = self.fn(*self.inputs)
        except RuntimeError as exc:  # an operation that cannot be captured: stay eager
            self.reason = f"CUDA graph capture failed: {str(exc).splitlines()[0][:200]}"
            self.inputs, self.outputs = [], None
            torch.cuda.synchronize()
            return False
        self.graph = graph
        return True


def pool() -> Any:
    """A memory pool the graphs of one render share (they never run concurrently)."""
    return torch.cuda.graph_pool_handle()
