"""Prompt -> spec: front end, grammar, alignment, in that order and nothing else.

``Parser`` puts a front end in front of a ``Binder`` (grammar + alignment, ``binding.binder``).
``binding.parse`` and ``binding.parse_many`` keep one ``Parser`` per setting;
``binding.parse_conllu`` binds every sentence of a CoNLL-U file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from binding.binder import Binder, TruncationWarning
from binding.errors import BindingError
from binding.frontends import Frontend, frontend_factory, make_frontend
from binding.grammars import load_grammar
from binding.prompt import check_id, check_prompt, check_prompts
from binding.spec import Spec
from binding.weighting import read_prompt

__all__ = ["Binder", "Parser", "TruncationWarning", "get_parser", "parse", "parse_conllu",
           "parse_many"]


class Parser:
    """A front end plus a binder: ``parser.parse(prompt) -> Spec``.

    ``frontend`` is a registered name (spacy, stanza, conllu, clip) with ``model`` and the
    front end's other ``options`` (its options object: ``binding.frontends.SpacyOptions``,
    ...), or a front end object.
    """

    def __init__(self, model: str | None = None, grammar: str | None = None,
                 tokenizer: str | None = "clip", frontend: str | Frontend = "spacy",
                 **options: Any) -> None:
        if isinstance(frontend, str):
            given = dict(options)
            if model is not None:
                given["model"] = model
            if "scheme" in frontend_factory(frontend).options.model_fields and grammar:
                # a CoNLL-U file that does not tell its labels is read in the grammar's
                given.setdefault("scheme", load_grammar(grammar).scheme)
            self.frontend: Frontend = make_frontend(frontend, **given)
        else:
            self.frontend = frontend
        self.binder = Binder(self.frontend.info, self.frontend.scheme, grammar, tokenizer)

    def parse(self, prompt: str, id: str | None = None, weighting: str = "auto") -> Spec:
        check_prompt(prompt)
        return next(self.pipe([prompt], ids=[id], weighting=weighting))

    def file_specs(self) -> Iterator[Spec]:
        """Specs of every prompt of the front end's file (CoNLL-U), in file order; ids are the
        sentence ids."""
        units = getattr(self.frontend, "units", None)
        if units is None:
            raise BindingError(f"the {self.frontend.name} front end reads prompts, not a file")
        for id, graph in units():
            yield self.binder.spec(graph, id=id)

    def pipe(self, prompts: Iterable[str], ids: Iterable[str | None] | None = None,
             batch_size: int = 256, weighting: str = "auto") -> Iterator[Spec]:
        """Specs for many prompts, in order, parsed in batches (``nlp.pipe``). Each prompt's
        weighting syntax (``weighting``: auto, a1111, compel or none) is read first and the
        front end parses what is left."""
        prompts = check_prompts(prompts)
        id_iter = iter(ids) if ids is not None else None
        while batch := list(islice(prompts, batch_size)):
            batch = [check_prompt(prompt, f"prompt {n + 1} of the batch")
                     for n, prompt in enumerate(batch)]
            batch_ids = [check_id(next(id_iter, None)) for _ in batch] if id_iter else \
                [None] * len(batch)
            reads = [read_prompt(prompt, weighting) for prompt in batch]
            offsets = self.binder.offsets(reads)
            graphs = self.frontend.graphs([read.text for read in reads],
                                          batch_size=batch_size, ids=batch_ids)
            for graph, id_, offs, read in zip(graphs, batch_ids, offsets, reads, strict=True):
                yield self.binder.spec(graph, id=id_, offsets=offs, read=read)


@lru_cache(maxsize=4)
def get_parser(model: str | None = None, grammar: str | None = None,
               tokenizer: str | None = "clip", frontend: str = "spacy",
               **options: Any) -> Parser:
    """A shared parser per setting (loading a spaCy model takes a second)."""
    return Parser(model=model, grammar=grammar, tokenizer=tokenizer, frontend=frontend,
                  **options)


def parse(prompt: str, *, model: str | None = None, grammar: str | None = None,
          tokenizer: str | None = "clip", id: str | None = None, frontend: str = "spacy",
          weighting: str = "auto", **options: Any) -> Spec:
    """Parse one prompt into a spec (``frontend`` and ``options`` as for ``Parser``;
    ``weighting`` as for ``Parser.pipe``).

    >>> spec = parse("a pink sunflower and a yellow flamingo")
    >>> [(e.text, [m.text for m in e.modifiers]) for e in spec.entities]
    [('sunflower', ['pink']), ('flamingo', ['yellow'])]
    """
    return get_parser(model, grammar, tokenizer, frontend, **options).parse(
        prompt, id=id, weighting=weighting)


def parse_many(prompts: Iterable[str], *, model: str | None = None, grammar: str | None = None,
               tokenizer: str | None = "clip", batch_size: int = 256, frontend: str = "spacy",
               weighting: str = "auto", **options: Any) -> list[Spec]:
    """Parse many prompts, batched through the parser; specs come back in input order."""
    parser = get_parser(model, grammar, tokenizer, frontend, **options)
    return list(parser.pipe(prompts, batch_size=batch_size, weighting=weighting))


def parse_conllu(path: str | Path, *, grammar: str | None = None,
                 tokenizer: str | None = "clip") -> list[Spec]:
    """Bind every prompt of a CoNLL-U file (any UD parser's output, or spaCy's ClearNLP
    labels), in file order: a sentence, or a paragraph where the file marks them (``# newpar``);
    each spec's ``id`` is its first sentence's ``# sent_id``.

    The grammar follows the labels the file uses unless ``grammar`` names one.
    """
    parser = Parser(grammar=grammar, tokenizer=tokenizer, frontend="conllu", conllu=str(path))
    return list(parser.file_specs())
