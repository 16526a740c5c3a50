"""The Stanza front end: a local ``stanza.Pipeline`` (tokenize, pos, lemma, depparse) -> graph.

The only module that knows Stanza. Stanza speaks Universal Dependencies v2, so its parses are
bound by the ``en-ud`` grammar. Models are never downloaded unless the user asks (``--download``):
without them the front end says, in one line, how to get them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from binding.errors import BindingError
from binding.extras import install_hint
from binding.frontends.conllu import UDToken, UDWord, graph_from_tokens
from binding.graph import DependencyGraph
from binding.spec import FrontendInfo

if TYPE_CHECKING:
    from stanza.models.common.doc import Document

PROCESSORS = "tokenize,pos,lemma,depparse"  # Stanza adds mwt itself where a language needs it
LANG = "en"
INSTALL_HINT = install_hint("stanza")
DOWNLOAD_HINT = ("fetch them once with `binding parse --frontend stanza --download PROMPT` (or "
                 "stanza.download('en', model_dir=DIR)), or point --stanza-dir at a folder "
                 "that has them")


def default_dir() -> str:
    """Where Stanza keeps its models: $STANZA_RESOURCES_DIR, else Stanza's own default."""
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return os.environ.get("STANZA_RESOURCES_DIR") or DEFAULT_MODEL_DIR


def load_pipeline(model_dir: str | None = None, download: bool = False,
                  use_gpu: bool | None = None) -> Any:
    """A Stanza English pipeline from local models; downloads only when ``download`` is set."""
    try:
        import stanza
        from stanza.pipeline.core import DownloadMethod
    except ImportError:
        raise BindingError(f"the stanza front end needs Stanza: {INSTALL_HINT}") from None
    folder = str(Path(model_dir).expanduser()) if model_dir else default_dir()
    method = DownloadMethod.REUSE_RESOURCES if download else None
    try:
        return stanza.Pipeline(LANG, dir=folder, processors=PROCESSORS, download_method=method,
                               logging_level="WARN", use_gpu=use_gpu)
    except (FileNotFoundError, ValueError) as exc:
        if download:
            raise BindingError(f"could not download Stanza's English models into {folder}: "
                               f"{_first_line(exc)}") from None
        raise BindingError(f"no Stanza English models in {folder}: {DOWNLOAD_HINT}") from None
    except OSError as exc:  # the network, when --download was given
        raise BindingError(f"could not load Stanza's models from {folder}: "
                           f"{_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _tokens(sentence: Any) -> list[UDToken]:
    tokens = []
    for token in sentence.tokens:
        words = tuple(
            UDWord(id=word.id, form=word.text, lemma=word.lemma or "", upos=word.upos or "X",
                   xpos=word.xpos or "", feats=word.feats or "", head=word.head or 0,
                   deprel=word.deprel or "dep")
            for word in token.words)
        tokens.append(UDToken(form=token.text, words=words, start=token.start_char,
                              end=token.end_char))
    return tokens


def document_text(doc: Document) -> str:
    """The text a Document was made from: ``doc.text``, else its sentences' ``# text``, else
    the tokens joined as their spacing says (a Document read from CoNLL-U has no ``doc.text``)."""
    if doc.text:
        return doc.text
    parts = []
    for sentence in doc.sentences:
        if sentence.text:
            parts.append(sentence.text)
        else:
            parts.append("".join(t.text + (t.spaces_after or "") for t in sentence.tokens).strip())
    return " ".join(parts)


def document_to_graph(doc: Document, text: str | None = None) -> DependencyGraph:
    """A Stanza Document as one neutral graph (every sentence's root is a root of it)."""
    text = document_text(doc) if text is None else text
    return graph_from_tokens(text, [_tokens(s) for s in doc.sentences], "ud",
                             where="Stanza document")


class StanzaFrontend:
    """Parses prompts with a Stanza pipeline (``nlp``: a loaded pipeline, or any callable from
    text to a Stanza Document)."""

    name = "stanza"
    scheme = "ud"

    def __init__(self, model_dir: str | None = None, download: bool = False,
                 nlp: Callable[[str], Document] | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(model_dir, download)
        try:
            import stanza

            version: str | None = stanza.__version__
        except ImportError:  # a stand-in pipeline without Stanza installed
            version = None
        self.info = FrontendInfo(name=self.name, model=LANG, version=version)

    def graph(self, text: str) -> DependencyGraph:
        return document_to_graph(self.nlp(text), text)

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]:
        """Graphs in order; a real pipeline parses each batch in one call (``bulk_process``)."""
        bulk = getattr(self.nlp, "bulk_process", None)
        texts = list(texts)
        for first in range(0, len(texts), batch_size):
            batch = texts[first:first + batch_size]
            docs = bulk(batch) if bulk is not None else [self.nlp(t) for t in batch]
            for doc, text in zip(docs, batch, strict=True):
                yield document_to_graph(doc, text)
