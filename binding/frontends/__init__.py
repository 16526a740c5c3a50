"""Front ends: parser adapters. Each turns text into the neutral ``DependencyGraph``.

Only the module of a front end knows its parser; everything downstream reads graphs. Modules are
imported when their front end is asked for, so the heavy ones (Stanza, torch) stay unloaded.

- ``spacy``: a spaCy pipeline (ClearNLP labels for English; the default).
- ``stanza``: a local Stanza pipeline (UD v2 labels).
- ``conllu``: any UD parser's output, read from a CoNLL-U file.
- ``clip``: no parser: bindings from a CLIP text encoder's self-attention, parts of speech from
  another front end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from binding.errors import BindingError

if TYPE_CHECKING:
    from binding.graph import DependencyGraph
    from binding.spec import FrontendInfo

FRONTENDS = ("spacy", "stanza", "conllu", "clip")


class Frontend(Protocol):
    """What the pipeline needs of a front end: its label scheme, its identity for the spec,
    and graphs for texts in order (``ids`` let a file-backed front end find its sentences)."""

    name: str
    scheme: str
    info: FrontendInfo

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]: ...


def make_frontend(name: str, *, model: str | None = None, conllu: str | None = None,
                  scheme: str | None = None, stanza_dir: str | None = None,
                  download: bool = False, pos: str = "spacy", layers: tuple[int, ...] | None = None,
                  heads: tuple[int, ...] | None = None, aggregate: str = "mean",
                  device: str = "cpu", text_attention: bool = False) -> Any:
    """A front end by name.

    ``model`` is the spaCy pipeline (spacy) or the diffusers model whose text encoder is read
    (clip). ``conllu`` is the file of the conllu front end, or the clip front end's parts of
    speech; otherwise clip takes them from ``pos`` (spacy or stanza). ``scheme`` is the label
    scheme to assume where a CoNLL-U file does not tell. ``download`` lets Stanza and the hub
    fetch models; nothing is downloaded without it.
    """
    if name not in FRONTENDS:
        raise BindingError(f"unknown front end {name!r}: use one of {', '.join(FRONTENDS)}")
    if name == "spacy":
        from binding.frontends.spacy import DEFAULT_MODEL, SpacyFrontend

        return SpacyFrontend(model or DEFAULT_MODEL)
    if name == "stanza":
        from binding.frontends.stanza import StanzaFrontend

        return StanzaFrontend(stanza_dir, download=download)
    if name == "conllu":
        if conllu is None:
            raise BindingError("the conllu front end reads a file: pass --conllu FILE")
        from binding.frontends.conllu import ConlluFrontend

        return ConlluFrontend(conllu, scheme=scheme)
    if model is None:
        raise BindingError("the clip front end reads a text encoder: pass --model with a "
                           "diffusers model folder or hub id (e.g. "
                           "stable-diffusion-v1-5/stable-diffusion-v1-5)")
    from binding.frontends.clip import AttentionSettings, ClipFrontend

    settings = AttentionSettings(layers=layers, heads=heads, aggregate=aggregate)
    if conllu is not None:
        source = make_frontend("conllu", conllu=conllu, scheme=scheme)
    elif pos in ("spacy", "stanza"):
        source = make_frontend(pos, stanza_dir=stanza_dir, download=download)
    else:
        raise BindingError(f"unknown source of parts of speech {pos!r}: use spacy or stanza")
    return ClipFrontend(model, source, settings, local_files_only=not download, device=device,
                        export_attention=text_attention)
