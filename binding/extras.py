"""Optional dependencies: which extra brings what, and one line saying how to install it.

The distribution is ``prompt-binding`` (the PyPI name ``binding`` belongs to an unrelated
project); the import package and the command are ``binding``. Every install hint in the package
comes from here, so that none names the wrong distribution.
"""

from __future__ import annotations

import importlib

from binding.errors import BindingError

DISTRIBUTION = "prompt-binding"
# what each extra adds, by import name (the first missing one is named in the error)
EXTRAS: dict[str, tuple[str, ...]] = {
    "render": ("torch", "diffusers", "transformers", "accelerate", "safetensors", "PIL"),
    "clip": ("torch", "transformers"),
    "stanza": ("stanza",),
    "serve": ("starlette", "uvicorn"),
    "parquet": ("pyarrow",),
    "ray": ("ray", "pyarrow", "pandas"),
}


def install_hint(extra: str) -> str:
    """``pip install 'prompt-binding[render]'``."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"


def missing(extra: str) -> str | None:
    """The first module of ``extra`` that cannot be imported, or None."""
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError:
            return module
    return None


def require(extra: str, what: str) -> None:
    """Raise a one-line ``BindingError`` when ``extra`` is not installed: ``binding render
    needs torch: pip install 'prompt-binding[render]' (CPU-only: install torch from
    https://download.pytorch.org/whl/cpu first)``."""
    module = missing(extra)
    if module is None:
        return
    torch_note = (" (on a machine without a GPU, install the CPU build of torch first: "
                  "pip install torch --index-url https://download.pytorch.org/whl/cpu)"
                  if "torch" in EXTRAS[extra] else "")
    raise BindingError(f"{what} needs {module}, which is not installed: "
                       f"{install_hint(extra)}{torch_note}")
