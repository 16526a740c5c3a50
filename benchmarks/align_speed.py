"""Alignment time against prompt length: words -> CLIP token positions, tokenization included.

A prompt of N characters is the phrase "a red cube next to a blue ball, " repeated; every noun
is an entity with its colour as modifier (built from character offsets, no parser, so only
alignment is timed). Alignment is linear when the time per 1,000 characters stays flat as N
grows (it grew with N before: 100,000 characters took 27 s). Lengths past the 10,000 characters
``binding parse`` accepts are timed too: the limit guards the parser, alignment needs none.

Run: ``python benchmarks/align_speed.py [--lengths 1000,10000,100000,500000] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import time

from binding.alignment import align_entities, clip_tokenizer
from binding.spec import Entity, Modifier

PHRASE = "a red cube next to a blue ball, "


def entities_of(prompt: str) -> list[Entity]:
    """Every 'cube' and 'ball' of the repeated phrase, with the colour before it."""
    found = []
    for noun, colour in (("cube", "red"), ("ball", "blue")):
        start = prompt.find(noun)
        while start != -1 and start + len(noun) <= len(prompt):
            at = start - len(colour) - 1
            modifiers = [Modifier(text=colour, span=(at, at + len(colour)), relation="amod",
                                  kind="attribute")] if at >= 0 else []
            found.append((start, noun, modifiers))
            start = prompt.find(noun, start + 1)
    found.sort(key=lambda item: item[0])
    return [Entity(id=f"e{n}", text=noun, span=(start, start + len(noun)), modifiers=mods)
            for n, (start, noun, mods) in enumerate(found)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="1000,10000,100000,500000",
                        help="prompt lengths in characters, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (the best is reported)")
    args = parser.parse_args()
    tokenizer = clip_tokenizer()
    tokenizer.offsets("warm up")
    first = None
    print(f"{'characters':>10}  {'entities':>8}  {'tokens':>7}  {'seconds':>8}  "
          f"{'ms / 1,000 chars':>16}  {'vs first':>8}")
    for length in (int(x) for x in args.lengths.split(",")):
        prompt = (PHRASE * (length // len(PHRASE) + 1))[:length]
        entities = entities_of(prompt)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            tokens = align_entities(prompt, entities, tokenizer)
            times.append(time.perf_counter() - start)
        best = min(times)
        per_k = best / length * 1000 * 1000
        first = first or per_k
        print(f"{length:>10,}  {len(entities):>8,}  {tokens.length:>7,}  {best:>8.3f}  "
              f"{per_k:>16.3f}  {per_k / first:>7.2f}x")


if __name__ == "__main__":
    main()
