"""``binding eval``: accuracy of a front end + grammar against the gold corpora."""

from __future__ import annotations

import json

import click


@click.command("eval")
@click.option("--corpus", "corpora", multiple=True, metavar="NAME|FILE",
              help="Corpus name (dvmp, ae, compbench, abc6k, cc500, constructions) or a gold "
                   "JSONL file; repeatable [default: all shipped corpora].")
@click.option("--frontend", type=click.Choice(["spacy"]), default="spacy", show_default=True,
              help="Front end that parses the prompts.")
@click.option("--model", metavar="NAME|PATH", default=None,
              help="spaCy pipeline [default: en_core_web_sm].")
@click.option("--grammar", metavar="NAME|FILE", default=None,
              help="Grammar by name (en-clearnlp, syngen-2023) or .toml file.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--errors", type=click.IntRange(0), default=0, metavar="N",
              help="List up to N prompts per corpus where prediction and gold differ.")
def eval_command(corpora: tuple[str, ...], frontend: str, model: str | None, grammar: str | None,
                 as_json: bool, errors: int) -> None:
    """Score entity heads, attribute pairs, count pairs and exact prompts against gold.

    \b
      binding eval
      binding eval --corpus constructions --errors 10
      binding eval --grammar syngen-2023 --json
    """
    from binding.cli.table import columns
    from binding.corpora.evaluate import evaluate
    from binding.corpora.registry import corpus_names, load_corpus
    from binding.pipeline import Parser

    loaded = [load_corpus(name) for name in (corpora or corpus_names())]
    parser = Parser(model=model, grammar=grammar, tokenizer=None, frontend=frontend)
    results = evaluate(loaded, parser)
    grammar_name = parser.binder.grammar.name
    if as_json:
        report = {"grammar": grammar_name, "frontend": parser.frontend.info.model_dump(),
                  "corpora": {k: v.as_dict() for k, v in results.items()}}
        click.echo(json.dumps(report, indent=2))
        return
    info = parser.frontend.info
    click.echo(f"grammar {grammar_name} | front end {info.name} {info.model} {info.version}")
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
