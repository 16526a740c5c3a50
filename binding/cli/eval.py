"""``binding eval``: accuracy of a front end + grammar against the gold corpora."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from binding.cli.frontend_options import frontend_options, frontend_settings
from binding.corpora.split import SELECTIONS
from binding.errors import BindingError

if TYPE_CHECKING:
    from binding.corpora.gold import GoldPrompt
    from binding.corpora.split import Selection


@click.command("eval")
@click.option("--corpus", "corpora", multiple=True, metavar="NAME|FILE",
              help="Corpus name (dvmp, ae, compbench, abc6k, cc500, constructions, compbench2, "
                   "captions2, longsd, community, complex2, captions3, community2, complex3, "
                   "captions4, community3, longsd2, complex4, captions5, compbench3, complex5, "
                   "captions6, compbench4, community4, longsd3, complex6, captions7, "
                   "community5, longsd4, complex7, captions8, community6, longsd5, compbench5, "
                   "captions9, community7, longsd6, compbench6, captions10, community8, "
                   "longsd7) or a gold "
                   "JSONL file; "
                   "repeatable "
                   "[default: all shipped corpora; with --conllu, those the file holds].")
@frontend_options
@click.option("--grammar", metavar="NAME|FILE", default=None,
              help="Grammar by name (en-clearnlp, syngen-2023, en-ud, clip-attention) or .toml "
                   "file [default: the one for the parser's labels].")
@click.option("--split", "part", type=click.Choice(SELECTIONS), default="all", show_default=True,
              help="Score only the dev or the blind test part of every corpus (decided by a hash "
                   "of the prompt text; docs/annotation.md). Fix rules on dev errors only.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", type=click.IntRange(0), default=0, metavar="N",
              help="List up to N prompts per corpus where prediction and gold differ.")
def eval_command(corpora: tuple[str, ...], grammar: str | None, part: Selection, as_json: bool,
                 errors: int, **given: object) -> None:
    """Score entity heads, attribute pairs, count pairs and exact prompts against gold.

    With --conllu FILE the analyses are read from the file (any UD parser's output, or spaCy's)
    and matched to the gold prompts by sentence id, else by text; without --corpus, every
    shipped corpus the file holds whole is scored.

    \b
      binding eval
      binding eval --corpus constructions --errors 10
      binding eval --split dev --errors 20
      binding eval --grammar syngen-2023 --json
      binding eval --frontend conllu --conllu parsed.conllu --corpus constructions
    """
    from binding.cli.table import columns
    from binding.corpora.evaluate import evaluate
    from binding.corpora.registry import corpus_names, load_corpus
    from binding.pipeline import Parser

    frontend, model, options = frontend_settings(click.get_current_context(), **given)
    parser = Parser(model=model, grammar=grammar, tokenizer=None, frontend=frontend, **options)
    missing_in = getattr(getattr(parser.frontend, "pos", parser.frontend), "missing", None)
    if missing_in is None:
        loaded = _parts([load_corpus(name) for name in (corpora or corpus_names())], part)
    else:
        loaded = _covered(corpora, missing_in, str(options.get("conllu")), part)
    results = evaluate(loaded, parser)
    grammar_name = parser.binder.grammar.name
    if as_json:
        report = {"grammar": grammar_name, "frontend": parser.frontend.info.model_dump(),
                  "split": part, "corpora": {k: v.as_dict() for k, v in results.items()}}
        click.echo(json.dumps(report, indent=2))
        return
    info = parser.frontend.info
    about = " ".join(x for x in (info.name, info.model, info.version) if x)
    click.echo(f"grammar {grammar_name} | front end {about}"
               + (f" | {part} split" if part != "all" else ""))
    header = ("corpus", "prompts", "entity P/R/F1", "attribute P/R/F1", "count F1", "exact")
    rows = [header]
    for name, result in results.items():
        e, a, c = result.entities, result.attributes, result.counts
        rows.append((name, str(result.prompts), f"{e.precision:.3f}/{e.recall:.3f}/{e.f1:.3f}",
                     f"{a.precision:.3f}/{a.recall:.3f}/{a.f1:.3f}",
                     f"{c.f1:.3f}" if c.gold or c.predicted else "-",
                     f"{result.exact_accuracy:.3f}"))
    for line in columns(rows):
        click.echo(line)
    if errors:
        for name, result in results.items():
            if name == "overall" or not result.misses:
                continue
            click.echo(f"\n{name}: {len(result.misses)} prompts differ; first {errors}:")
            for miss in result.misses[:errors]:
                flag = " (ambiguous)" if miss.ambiguous else ""
                click.echo(f"  {miss.id}{flag}: {miss.prompt}")
                if miss.missing:
                    click.echo(f"    missing: {', '.join(miss.missing)}")
                if miss.extra:
                    click.echo(f"    extra:   {', '.join(miss.extra)}")


def _parts(loaded: list[tuple[str, list[GoldPrompt]]],
           part: Selection) -> list[tuple[str, list[GoldPrompt]]]:
    """The selected part of every corpus; a corpus with no prompt in it is left out (said on
    stderr), and none left is an error."""
    from binding.corpora.split import select

    kept = []
    for name, items in loaded:
        chosen = select(items, part)
        if chosen:
            kept.append((name, chosen))
        else:
            click.echo(f"warning: corpus {name} has no prompts in the {part} split; left out",
                       err=True)
    if not kept:
        raise BindingError(f"no corpus has prompts in the {part} split: use --split all")
    return kept


def _covered(corpora: tuple[str, ...],
             missing_in: Callable[[list[str], list[str | None]], list[str]],
             source: str, part: Selection = "all") -> list[tuple[str, list[GoldPrompt]]]:
    """Corpora whose prompts (of the selected part) the file has analyses for: those named
    (every prompt must be there), or else every shipped corpus it holds whole."""
    from binding.corpora.registry import corpus_names, load_corpus

    def missing(items: list[GoldPrompt]) -> list[str]:
        return missing_in([i.prompt for i in items], [i.id for i in items])

    if corpora:
        loaded = _parts([load_corpus(name) for name in corpora], part)
        for name, items in loaded:
            lacking = missing(items)
            if lacking:
                raise BindingError(
                    f"{source} has no analysis for {len(lacking)} of the {len(items)} prompts "
                    f"of corpus {name} (first: {lacking[0]!r}): parse all of them, keeping "
                    "their ids as # sent_id or their text as # text")
        return loaded
    found = [(name, items) for name, items in _parts(list(map(load_corpus, corpus_names())), part)
             if not missing(items)]
    if not found:
        raise BindingError(f"{source} holds none of the shipped corpora whole: name yours with "
                           "--corpus NAME|FILE")
    return found
