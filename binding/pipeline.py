"""Prompt -> spec: front end, grammar, alignment, in that order and nothing else.

``Binder`` turns dependency graphs into specs (grammar + alignment); ``Parser`` puts a front end
in front of it. ``binding.parse`` and ``binding.parse_many`` keep one ``Parser`` per setting;
``binding.parse_conllu`` binds every sentence of a CoNLL-U file.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from binding.alignment import align_entities, clip_tokenizer
from binding.errors import BindingError
from binding.frontends import Frontend, make_frontend
from binding.grammars import Grammar, grammar_for_scheme, load_grammar
from binding.graph import DependencyGraph
from binding.prompt import check_id, check_prompt, check_prompts
from binding.spec import FrontendInfo, Spec, TextAttention, Tokens


class TruncationWarning(UserWarning):
    """A prompt is longer than the tokenizer's window: words past the cut have no indices."""


class Binder:
    """Dependency graphs -> specs, for one front end, grammar and tokenizer."""

    def __init__(self, frontend: FrontendInfo, scheme: str, grammar: str | None = None,
                 tokenizer: str | None = "clip") -> None:
        self.frontend = frontend
        self.grammar: Grammar = load_grammar(grammar) if grammar else grammar_for_scheme(scheme)
        if self.grammar.scheme != scheme:
            raise BindingError(
                f"grammar {self.grammar.name!r} is for {self.grammar.scheme!r} labels but the "
                f"parser speaks {scheme!r}: choose a grammar for {scheme!r}"
            )
        if tokenizer not in (None, "clip"):
            raise BindingError(f"unknown tokenizer {tokenizer!r}: use 'clip' or none")
        self.tokenizer = clip_tokenizer() if tokenizer == "clip" else None

    def spec(self, graph: DependencyGraph, id: str | None = None,
             offsets: Sequence[tuple[int, int]] | None = None) -> Spec:
        """The spec of one graph. A front end that read a text encoder may have attached its
        self-attention to the graph (``graph.text_attention``); it goes into the spec as is."""
        found = self.grammar.bind(graph)
        tokens = None
        if self.tokenizer is not None:
            tokens = align_entities(graph.text, found.entities, self.tokenizer, offsets)
            if tokens.truncated:
                _warn_truncated(graph.text, id, tokens)
        attention: TextAttention | None = getattr(graph, "text_attention", None)
        if attention is not None and tokens is not None:
            encoded = min(tokens.length, tokens.max_length)
            if len(attention.matrix) != encoded:
                raise BindingError(
                    f"the text encoder's tokenizer ({attention.tokenizer}) splits "
                    f"{graph.text[:40]!r} into {len(attention.matrix)} tokens but "
                    f"{tokens.tokenizer} into {encoded}: its positions cannot index the spec's "
                    "tokens; pass --tokenizer none")
        return Spec(id=id, prompt=graph.text, frontend=self.frontend, grammar=self.grammar.info,
                    entities=found.entities, relations=found.relations, tokens=tokens,
                    text_attention=attention)


def _warn_truncated(prompt: str, id: str | None, tokens: Tokens) -> None:
    name = f"prompt {id!r}" if id is not None else f"prompt {prompt[:40]!r}..."
    warnings.warn(
        f"{name} is {tokens.length} tokens, more than the {tokens.max_length} of "
        f"{tokens.tokenizer}: words past the cut get no token indices",
        TruncationWarning,
        stacklevel=5,  # the caller of binding.parse
    )


class Parser:
    """A front end plus a binder: ``parser.parse(prompt) -> Spec``.

    ``frontend`` is a name (spacy, stanza, conllu, clip; ``options`` go to
    ``binding.frontends.make_frontend``) or a front end object.
    """

    def __init__(self, model: str | None = None, grammar: str | None = None,
                 tokenizer: str | None = "clip", frontend: str | Frontend = "spacy",
                 **options: Any) -> None:
        if isinstance(frontend, str):
            # a CoNLL-U file that does not tell its labels is read in the grammar's
            scheme = load_grammar(grammar).scheme if grammar else None
            self.frontend: Frontend = make_frontend(frontend, model=model, scheme=scheme,
                                                    **options)
        else:
            self.frontend = frontend
        self.binder = Binder(self.frontend.info, self.frontend.scheme, grammar, tokenizer)

    def parse(self, prompt: str, id: str | None = None) -> Spec:
        check_prompt(prompt)
        return next(self.pipe([prompt], ids=[id]))

    def file_specs(self) -> Iterator[Spec]:
        """Specs of every prompt of the front end's file (CoNLL-U), in file order; ids are the
        sentence ids."""
        units = getattr(self.frontend, "units", None)
        if units is None:
            raise BindingError(f"the {self.frontend.name} front end reads prompts, not a file")
        for id, graph in units():
            yield self.binder.spec(graph, id=id)

    def pipe(self, prompts: Iterable[str], ids: Iterable[str | None] | None = None,
             batch_size: int = 256) -> Iterator[Spec]:
        """Specs for many prompts, in order, parsed in batches (``nlp.pipe``)."""
        prompts = check_prompts(prompts)
        id_iter = iter(ids) if ids is not None else None
        while batch := list(islice(prompts, batch_size)):
            batch = [check_prompt(prompt, f"prompt {n + 1} of the batch")
                     for n, prompt in enumerate(batch)]
            batch_ids = [check_id(next(id_iter, None)) for _ in batch] if id_iter else \
                [None] * len(batch)
            offsets = (self.binder.tokenizer.offsets_batch(batch)
                       if self.binder.tokenizer is not None else [None] * len(batch))
            graphs = self.frontend.graphs(batch, batch_size=batch_size, ids=batch_ids)
            for graph, id_, offs in zip(graphs, batch_ids, offsets, strict=True):
                yield self.binder.spec(graph, id=id_, offsets=offs)


@lru_cache(maxsize=4)
def get_parser(model: str | None = None, grammar: str | None = None,
               tokenizer: str | None = "clip", frontend: str = "spacy",
               **options: Any) -> Parser:
    """A shared parser per setting (loading a spaCy model takes a second)."""
    return Parser(model=model, grammar=grammar, tokenizer=tokenizer, frontend=frontend,
                  **options)


def parse(prompt: str, *, model: str | None = None, grammar: str | None = None,
          tokenizer: str | None = "clip", id: str | None = None, frontend: str = "spacy",
          **options: Any) -> Spec:
    """Parse one prompt into a spec (``frontend`` and ``options`` as for ``Parser``).

    >>> spec = parse("a pink sunflower and a yellow flamingo")
    >>> [(e.text, [m.text for m in e.modifiers]) for e in spec.entities]
    [('sunflower', ['pink']), ('flamingo', ['yellow'])]
    """
    return get_parser(model, grammar, tokenizer, frontend, **options).parse(prompt, id=id)


def parse_many(prompts: Iterable[str], *, model: str | None = None, grammar: str | None = None,
               tokenizer: str | None = "clip", batch_size: int = 256, frontend: str = "spacy",
               **options: Any) -> list[Spec]:
    """Parse many prompts, batched through the parser; specs come back in input order."""
    parser = get_parser(model, grammar, tokenizer, frontend, **options)
    return list(parser.pipe(prompts, batch_size=batch_size))


def parse_conllu(path: str | Path, *, grammar: str | None = None,
                 tokenizer: str | None = "clip") -> list[Spec]:
    """Bind every prompt of a CoNLL-U file (any UD parser's output, or spaCy's ClearNLP
    labels), in file order: a sentence, or a paragraph where the file marks them (``# newpar``);
    each spec's ``id`` is its first sentence's ``# sent_id``.

    The grammar follows the labels the file uses unless ``grammar`` names one.
    """
    parser = Parser(grammar=grammar, tokenizer=tokenizer, frontend="conllu", conllu=str(path))
    return list(parser.file_specs())
