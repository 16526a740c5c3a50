"""Dependency graphs -> specs: a grammar's bindings aligned to a tokenizer.

``Binder`` is what every way into binding shares: the ``Parser`` (a front end in front of it),
the spaCy component (``binding.component``) and CoNLL-U files.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

from binding.alignment import align_entities, clip_tokenizer, encoded_offsets, in_prompt
from binding.errors import BindingError
from binding.grammars import Grammar, grammar_for_scheme, load_grammar
from binding.graph import DependencyGraph
from binding.spec import FrontendInfo, Spec, TextAttention, Tokens, Weights
from binding.weighting import ReadPrompt, plain


class TruncationWarning(UserWarning):
    """A prompt is longer than the tokenizer's window: words past the cut have no indices."""


class Binder:
    """Dependency graphs -> specs, for one front end, grammar and tokenizer.

    ``tokenizer`` ``clip`` gives positions past CLIP's 77-token window in chunks
    (``tokens.chunks``); ``clip-77`` cuts at the window (``tokens.truncated``).
    """

    def __init__(self, frontend: FrontendInfo, scheme: str, grammar: str | None = None,
                 tokenizer: str | None = "clip") -> None:
        self.frontend = frontend
        self.grammar: Grammar = load_grammar(grammar) if grammar else grammar_for_scheme(scheme)
        if self.grammar.scheme != scheme:
            raise BindingError(
                f"grammar {self.grammar.name!r} is for {self.grammar.scheme!r} labels but the "
                f"parser speaks {scheme!r}: choose a grammar for {scheme!r}"
            )
        if tokenizer not in (None, "clip", "clip-77"):
            raise BindingError(f"unknown tokenizer {tokenizer!r}: use 'clip', 'clip-77' or none")
        self.tokenizer = clip_tokenizer() if tokenizer else None
        self.chunked = tokenizer == "clip"

    def offsets(self, reads: Sequence[ReadPrompt]) -> list[list[tuple[int, int]] | None]:
        """Content-token offsets of many prompts (plain ones tokenized in one batch)."""
        if self.tokenizer is None:
            return [None] * len(reads)
        found: list[list[tuple[int, int]] | None] = [None] * len(reads)
        unweighted = [n for n, read in enumerate(reads) if not read.weighted]
        batch = self.tokenizer.offsets_batch([reads[n].raw for n in unweighted])
        for n, offsets in zip(unweighted, batch, strict=True):
            found[n] = offsets
        for n, read in enumerate(reads):
            if read.weighted:
                found[n] = encoded_offsets(read, self.tokenizer)
        return found

    def spec(self, graph: DependencyGraph, id: str | None = None,
             offsets: Sequence[tuple[int, int]] | None = None,
             read: ReadPrompt | None = None) -> Spec:
        """The spec of one graph, parsed from ``read.text`` (the prompt with its weighting
        syntax removed) when given: its spans then index the prompt as written. A front end
        that read a text encoder may have attached its self-attention to the graph
        (``graph.text_attention``); it goes into the spec as is."""
        read = read if read is not None else plain(graph.text)
        found = self.grammar.bind(graph)
        entities, relations = in_prompt(read, found.entities, found.relations)
        tokens = None
        if self.tokenizer is not None:
            tokens = align_entities(read, entities, self.tokenizer, offsets,
                                    chunked=self.chunked)
            if tokens.truncated:
                _warn_truncated(read.raw, id, tokens)
        attention: TextAttention | None = getattr(graph, "text_attention", None)
        if attention is not None and tokens is not None:
            encoded = min(tokens.length, tokens.max_length)
            if len(attention.matrix) != encoded:
                raise BindingError(
                    f"the text encoder's tokenizer ({attention.tokenizer}) splits "
                    f"{graph.text[:40]!r} into {len(attention.matrix)} tokens but "
                    f"{tokens.tokenizer} into {encoded}: its positions cannot index the spec's "
                    "tokens; pass --tokenizer none")
        return Spec(id=id, prompt=read.raw, frontend=self.frontend, grammar=self.grammar.info,
                    entities=entities, relations=relations, tokens=tokens,
                    text_attention=attention, weights=Weights.of(read))


def _warn_truncated(prompt: str, id: str | None, tokens: Tokens) -> None:
    name = f"prompt {id!r}" if id is not None else f"prompt {prompt[:40]!r}..."
    warnings.warn(
        f"{name} is {tokens.length} tokens, more than the {tokens.max_length} of "
        f"{tokens.tokenizer}: words past the cut get no token indices",
        TruncationWarning,
        stacklevel=5,  # the caller of binding.parse
    )
