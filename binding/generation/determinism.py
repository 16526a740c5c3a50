"""Bitwise-repeatable guided renders on a GPU: what varies between runs, and the switch.

fp32 renders on an H100 differed by one pixel level between runs (docs/performance.md); fp16
renders did not, and CPU renders never do (tested). The forward passes are not the cause:
unguided renders repeat. The guidance pass's backward is. Read from the code path of a guided
step (``tests/test_determinism.py`` walks its autograd graph), the backward kernels that add
with atomics on CUDA, in an order that changes from run to run:

- **attention's backward** in every layer before the last one read (the UNet's self- and
  cross-attention, the transformers' joint attention), through ``scaled_dot_product_attention``.
  fp32 tensors cannot take the flash kernel (fp16/bf16 only), so fp32 runs the
  memory-efficient kernel, whose backward sums the gradient of each key block over query
  blocks with atomic adds unless deterministic algorithms are asked for. This is the kernel
  the fp32 difference points at; it could not be confirmed here (no GPU);
- **index backward** (every loss picks its tokens' maps by index: ``index_put_`` with
  accumulation), **index_add** (Divide & Bind's per-entity sum), **gather** and
  **index_select** backwards: atomic adds on CUDA, with deterministic variants;
- **cuBLAS** matrix products may split their reductions according to their workspace:
  ``CUBLAS_WORKSPACE_CONFIG=:4096:8`` fixes it (PyTorch requires it for deterministic mode);
- **cuDNN** convolution backward algorithms, chosen per call unless ``cudnn.deterministic``;
- **reflection padding**'s backward (the Gaussian smoothing of Attend-and-Excite, Divide &
  Bind, T-SAM) adds with atomics and has no deterministic variant: the smoothing now pads
  with slices (``methods.maps.reflect_pad``), the same numbers, a deterministic backward.

One last bit of a gradient moves the latents by α·ε; the steps after amplify it into a pixel
level. ``deterministic()`` turns on every deterministic variant (``binding render
--deterministic``); it costs speed (not measured here) and must start before the process's
first cuBLAS call, so set it up before loading the model (the command line does).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import torch

CUBLAS_WORKSPACE = "CUBLAS_WORKSPACE_CONFIG"
DETERMINISTIC_WORKSPACE = ":4096:8"  # or ":16:8": one workspace chunk, fixed reduction order


@contextmanager
def deterministic() -> Iterator[None]:
    """Deterministic algorithms for every kernel in the block (an error names any operation
    that has none); the previous settings are restored after."""
    previous = (torch.are_deterministic_algorithms_enabled(),
                torch.is_deterministic_algorithms_warn_only_enabled(),
                torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark,
                os.environ.get(CUBLAS_WORKSPACE))
    if previous[4] is None:
        if torch.cuda.is_available() and torch.cuda.is_initialized():
            warnings.warn(f"deterministic mode set {CUBLAS_WORKSPACE}={DETERMINISTIC_WORKSPACE} "
                          "after CUDA started: matrix products may keep their workspace; set "
                          "it in the environment, or turn the mode on before loading a model",
                          UserWarning, stacklevel=3)
        os.environ[CUBLAS_WORKSPACE] = DETERMINISTIC_WORKSPACE
    torch.use_deterministic_algorithms(True)
    torch.backends.cudnn.deterministic = True
    torch.backends.cudnn.benchmark = False
    try:
        yield
    finally:
        torch.use_deterministic_algorithms(previous[0], warn_only=previous[1])
        torch.backends.cudnn.deterministic, torch.backends.cudnn.benchmark = previous[2:4]
        if previous[4] is None:
            os.environ.pop(CUBLAS_WORKSPACE, None)


def enabled() -> bool:
    """Whether deterministic algorithms are on (written into run records)."""
    return torch.are_deterministic_algorithms_enabled()
