"""Importing spaCy without torch, in the processes that only parse.

thinc, spaCy's machine-learning library, imports torch at start-up whenever torch is installed
(to offer PyTorch layers), and the ``render`` and ``dev`` extras install it. A CPU pipeline such
as en_core_web_sm never uses it, yet it costs every process that parses about 180 MB and a
second of start-up (``benchmarks/startup.py``, ``benchmarks/scale_speed.py``): with it, a Ray
actor that parses does not fit in 500 MB.

So the processes that only parse (``binding parse``, the ``--n-process`` workers, the Ray and
Spark workers) import spaCy with torch hidden from the import system, when the pipeline they
will load names no torch layer. Torch is hidden only while spaCy and thinc are imported:
``import torch`` afterwards works as usual. What stays is thinc's belief that torch is absent,
so a torch-based spaCy pipeline (a transformer) loaded later in the same process would fail;
that is why a library user's process is left alone unless it asks (``import_spacy_without_torch``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

CONFIG = "config.cfg"
# the functions that build a pipeline's layers: "@architectures = "spacy.Tok2Vec.v2""
# (the training sections' optimizers, schedules and readers are not run by a load)
_LAYERS = re.compile(r'^\s*@(?:architectures|layers)\s*=\s*"([^"]+)"', re.MULTILINE)
_FACTORIES = re.compile(r'^\s*factory\s*=\s*"([^"]+)"', re.MULTILINE)
# spaCy's own components, which build their models from the layers above
SPACY_FACTORIES = frozenset({
    "attribute_ruler", "beam_ner", "beam_parser", "entity_linker", "entity_ruler",
    "lemmatizer", "morphologizer", "ner", "parser", "senter", "sentencizer", "span_finder",
    "span_ruler", "spancat", "spancat_singlelabel", "tagger", "textcat",
    "textcat_multilabel", "tok2vec", "trainable_lemmatizer"})
# spaCy's own layers that wrap PyTorch (the rest of "spacy." is numpy)
_TORCH_NAMES = re.compile(r"torch|transformer", re.IGNORECASE)


def needs_torch(config_text: str) -> bool:
    """Whether a pipeline's ``config.cfg`` may need torch: a component that is not one of
    spaCy's own (a plug-in's: spacy-transformers, curated transformers, anyone's), a layer that
    is not spaCy's own, or one of spaCy's PyTorch wrappers. Unknown means yes."""
    layers = _LAYERS.findall(config_text)
    factories = _FACTORIES.findall(config_text)
    if not layers or not factories:
        return True
    return (any(factory not in SPACY_FACTORIES for factory in factories)
            or any(not name.startswith("spacy.") or _TORCH_NAMES.search(name)
                   for name in layers))


def model_config(model: str | None) -> Path | None:
    """The ``config.cfg`` of the pipeline ``load_model(model)`` would load, found without
    importing spaCy or the model's package; None when it cannot be found."""
    from binding.frontends.bundled_model import package_folder
    from binding.frontends.spacy import DEFAULT_MODEL, MIRRORS

    name = model or DEFAULT_MODEL
    path = Path(name).expanduser()
    if path.exists():
        return path / CONFIG if (path / CONFIG).is_file() else None
    for package in (name, *MIRRORS.get(name, ())):
        folder = package_folder(package)
        if folder is None:
            continue
        configs = sorted(folder.glob(f"*/{CONFIG}")) or sorted(folder.glob(CONFIG))
        if configs:
            return configs[0]
    return None


def import_spacy_without_torch(model: str | None = None) -> bool:
    """Import spaCy (and thinc) with torch hidden, when the pipeline ``model`` needs no torch
    and neither spaCy nor torch is imported yet. True when it did; importing torch later still
    works."""
    if "spacy" in sys.modules or "torch" in sys.modules:
        return False
    config = model_config(model)
    if config is None or needs_torch(config.read_text(encoding="utf-8")):
        return False
    sys.modules["torch"] = None  # type: ignore[assignment]  # "import torch" raises ImportError
    try:
        import spacy  # noqa: F401
        import thinc.api  # noqa: F401
    finally:
        del sys.modules["torch"]
    return True
