"""Prompt -> spec: front end, grammar, alignment, in that order and nothing else.

``Binder`` turns dependency graphs into specs (grammar + alignment); ``Parser`` puts a front end
in front of it. ``binding.parse`` and ``binding.parse_many`` keep one ``Parser`` per setting.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import islice

from binding.alignment import align_entities, clip_tokenizer
from binding.errors import BindingError
from binding.frontends import FRONTENDS
from binding.grammars import Grammar, grammar_for_scheme, load_grammar
from binding.graph import DependencyGraph
from binding.prompt import check_prompt
from binding.spec import FrontendInfo, Spec, Tokens


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
        found = self.grammar.bind(graph)
        tokens = None
        if self.tokenizer is not None:
            tokens = align_entities(graph.text, found.entities, self.tokenizer, offsets)
            if tokens.truncated:
                _warn_truncated(graph.text, id, tokens)
        return Spec(id=id, prompt=graph.text, frontend=self.frontend, grammar=self.grammar.info,
                    entities=found.entities, relations=found.relations, tokens=tokens)


def _warn_truncated(prompt: str, id: str | None, tokens: Tokens) -> None:
    name = f"prompt {id!r}" if id is not None else f"prompt {prompt[:40]!r}..."
    warnings.warn(
        f"{name} is {tokens.length} tokens, more than the {tokens.max_length} of "
        f"{tokens.tokenizer}: words past the cut get no token indices",
        TruncationWarning,
        stacklevel=5,  # the caller of binding.parse
    )


class Parser:
    """A front end plus a binder: ``parser.parse(prompt) -> Spec``."""

    def __init__(self, model: str | None = None, grammar: str | None = None,
                 tokenizer: str | None = "clip", frontend: str = "spacy") -> None:
        if frontend not in FRONTENDS:
            raise BindingError(f"unknown front end {frontend!r}: use one of {', '.join(FRONTENDS)}")
        from binding.frontends.spacy import DEFAULT_MODEL, SpacyFrontend

        self.frontend = SpacyFrontend(model or DEFAULT_MODEL)
        self.binder = Binder(self.frontend.info, self.frontend.scheme, grammar, tokenizer)

    def parse(self, prompt: str, id: str | None = None) -> Spec:
        check_prompt(prompt)
        return self.binder.spec(self.frontend.graph(prompt), id=id)

    def pipe(self, prompts: Iterable[str], ids: Iterable[str | None] | None = None,
             batch_size: int = 256) -> Iterator[Spec]:
        """Specs for many prompts, in order, parsed in batches (``nlp.pipe``)."""
        prompts = iter(prompts)
        id_iter = iter(ids) if ids is not None else None
        while batch := list(islice(prompts, batch_size)):
            for n, prompt in enumerate(batch):
                check_prompt(prompt, f"prompt {n + 1} of the batch")
            batch_ids = [next(id_iter, None) for _ in batch] if id_iter else [None] * len(batch)
            offsets = (self.binder.tokenizer.offsets_batch(batch)
                       if self.binder.tokenizer is not None else [None] * len(batch))
            graphs = self.frontend.graphs(batch, batch_size=batch_size)
            for graph, id_, offs in zip(graphs, batch_ids, offsets, strict=True):
                yield self.binder.spec(graph, id=id_, offsets=offs)


@lru_cache(maxsize=4)
def get_parser(model: str | None = None, grammar: str | None = None,
               tokenizer: str | None = "clip") -> Parser:
    """A shared parser per setting (loading a spaCy model takes a second)."""
    return Parser(model=model, grammar=grammar, tokenizer=tokenizer)


def parse(prompt: str, *, model: str | None = None, grammar: str | None = None,
          tokenizer: str | None = "clip", id: str | None = None) -> Spec:
    """Parse one prompt into a spec.

    >>> spec = parse("a pink sunflower and a yellow flamingo")
    >>> [(e.text, [m.text for m in e.modifiers]) for e in spec.entities]
    [('sunflower', ['pink']), ('flamingo', ['yellow'])]
    """
    return get_parser(model, grammar, tokenizer).parse(prompt, id=id)


def parse_many(prompts: Iterable[str], *, model: str | None = None, grammar: str | None = None,
               tokenizer: str | None = "clip", batch_size: int = 256) -> list[Spec]:
    """Parse many prompts, batched through the parser; specs come back in input order."""
    return list(get_parser(model, grammar, tokenizer).pipe(prompts, batch_size=batch_size))
