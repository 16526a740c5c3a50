"""Which source prompts the corpora of issue 18 (compbench2, captions2; then complex2,
captions3; then complex3, captions4; then complex4, captions5, compbench3; then complex5,
captions6, compbench4; and so on, round by round, to compbench6, captions10) annotate, and
how they were drawn: reproducible from the raw prompt files alone.

From each source file (one prompt a line, ``/work/shared/corpora-src`` by default): line ends
(``\\r\\n``) dropped, blank lines and repeats dropped (first kept), and every prompt already in
a shipped corpus or in a source file listed earlier here dropped (compared by the text with
outer spaces stripped). Then ``random.Random("issue18:" + source).sample(pool, k)``,
listed in source order. Prints ``id<TAB>prompt`` lines; the ids are the corpus lines' ids.

Run: ``python tests/data/sample_sources.py [SOURCE_DIR]``.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from binding.corpora.gold import load_corpus_file

DATA = Path(__file__).resolve().parents[2] / "binding" / "corpora" / "data"
SHIPPED_BEFORE = ("compbench", "abc6k", "cc500", "constructions")
# (id prefix, source file, how many)
DRAWS = (
    ("compbench2-spatial", "t2i-compbench_spatial_train.txt", 60),
    ("compbench2-3d", "t2i-compbench_3d_spatial_train.txt", 50),
    ("compbench2-numeracy", "t2i-compbench_numeracy_train.txt", 70),
    ("compbench2-nonspatial", "t2i-compbench_non_spatial_train.txt", 70),
    ("captions2-abc6k", "abc-6k_part.txt", 140),
    ("captions2-cc500", "cc-500.txt", 60),
)


def draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every drawn prompt, source by source."""
    taken = {item.prompt.strip() for name in SHIPPED_BEFORE
             for item in load_corpus_file(DATA / f"{name}.jsonl")}
    out = []
    for prefix, file, k in DRAWS:
        lines = (source_dir / file).read_text(encoding="utf-8").split("\n")
        pool = []
        for line in lines:
            prompt = line.rstrip("\r\n")
            if prompt.strip() and prompt.strip() not in taken:
                taken.add(prompt.strip())
                pool.append(prompt)
        chosen = set(random.Random(f"issue18:{file}").sample(range(len(pool)), k))
        picked = [pool[i] for i in sorted(chosen)]
        out += [(f"{prefix}-{n:03d}", prompt) for n, prompt in enumerate(picked, start=1)]
    return out


# The second round (complex2, captions3), drawn by the annotators' own script: every prompt of
# the corpora shipped before it dropped (compared lower-cased, outer spaces stripped), source
# lines stripped and lower-case repeats dropped (first kept), then
# ``random.Random(seed).shuffle(pool)`` and the first k.
SHIPPED_BEFORE_SECOND = (*SHIPPED_BEFORE, "compbench2", "captions2", "longsd", "community")
SECOND_DRAWS = (
    ("complex2", "t2i-compbench_complex_train.txt", 2026, 100),
    ("captions3", "abc-6k_part.txt", 4242, 100),
)


# The third round (complex3, captions4), by the same rule, after every corpus shipped before it.
SHIPPED_BEFORE_THIRD = (*SHIPPED_BEFORE_SECOND, "complex2", "captions3", "community2")
THIRD_DRAWS = (
    ("complex3", "t2i-compbench_complex_train.txt", 3131, 100),
    ("captions4", "abc-6k_part.txt", 5353, 100),
)


# The fourth round (complex4, captions5, compbench3), after every corpus shipped before it;
# compbench3 takes 25 templated prompts from each of T2I-CompBench's eight categories.
SHIPPED_BEFORE_FOURTH = (*SHIPPED_BEFORE_THIRD, "complex3", "captions4", "community3", "longsd2")
FOURTH_DRAWS = (
    ("complex4", "t2i-compbench_complex_train.txt", 7171, 100),
    ("captions5", "abc-6k_part.txt", 8989, 100),
    *((f"compbench3-{kind}", f"t2i-compbench_{kind}_train.txt", 9191, 25)
      for kind in ("color", "shape", "texture", "spatial", "3d_spatial", "non_spatial",
                   "numeracy")),
    ("compbench3-cc500", "cc-500.txt", 9191, 25),
)


# The fifth round (complex5, captions6, compbench4), after every corpus shipped before it, by
# the fourth round's rule with new seeds.
SHIPPED_BEFORE_FIFTH = (*SHIPPED_BEFORE_FOURTH, "complex4", "captions5", "compbench3")
FIFTH_DRAWS = (
    ("complex5", "t2i-compbench_complex_train.txt", 1212, 100),
    ("captions6", "abc-6k_part.txt", 3434, 100),
    *((f"compbench4-{kind}", f"t2i-compbench_{kind}_train.txt", 5656, 25)
      for kind in ("color", "shape", "texture", "spatial", "3d_spatial", "non_spatial",
                   "numeracy")),
    ("compbench4-cc500", "cc-500.txt", 5656, 25),
)


# The sixth round (complex6, captions7), after every corpus shipped before it, by the same rule
# with new seeds; no templated draw (the fifth round's was at 0.995 on first measurement).
SHIPPED_BEFORE_SIXTH = (*SHIPPED_BEFORE_FIFTH, "complex5", "captions6", "compbench4",
                        "community4", "longsd3")
SIXTH_DRAWS = (
    ("complex6", "t2i-compbench_complex_train.txt", 6161, 100),
    ("captions7", "abc-6k_part.txt", 7272, 100),
)


# The seventh round (complex7, captions8), after every corpus shipped before it, by the same
# rule with new seeds.
SHIPPED_BEFORE_SEVENTH = (*SHIPPED_BEFORE_SIXTH, "complex6", "captions7", "community5",
                          "longsd4")
SEVENTH_DRAWS = (
    ("complex7", "t2i-compbench_complex_train.txt", 8181, 100),
    ("captions8", "abc-6k_part.txt", 9292, 100),
)


# The eighth round (compbench5, captions9), after every corpus shipped before it, by the same
# rule with new seeds. T2I-CompBench's complex prompts ran out (20 were left): compbench5 takes
# them all and 80 of its non-spatial sentences, also written for the benchmark.
SHIPPED_BEFORE_EIGHTH = (*SHIPPED_BEFORE_SEVENTH, "complex7", "captions8", "community6",
                         "longsd5")
EIGHTH_DRAWS = (
    ("compbench5-complex", "t2i-compbench_complex_train.txt", 1818, 100),
    ("compbench5-nonspatial", "t2i-compbench_non_spatial_train.txt", 1818, 80),
    ("captions9", "abc-6k_part.txt", 2929, 100),
)


# The ninth round (compbench6, captions10), after every corpus shipped before it, by the same
# rule with new seeds: T2I-CompBench's non-spatial sentences and ABC-6K captions.
SHIPPED_BEFORE_NINTH = (*SHIPPED_BEFORE_EIGHTH, "compbench5", "captions9", "community7",
                        "longsd6")
NINTH_DRAWS = (
    ("compbench6", "t2i-compbench_non_spatial_train.txt", 3838, 100),
    ("captions10", "abc-6k_part.txt", 4949, 100),
)


def second_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the second round, source by source."""
    return shuffled_draws(source_dir, SHIPPED_BEFORE_SECOND, SECOND_DRAWS)


def third_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the third round, source by source."""
    return shuffled_draws(source_dir, SHIPPED_BEFORE_THIRD, THIRD_DRAWS)


def fourth_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the fourth round, source by source; a prompt two
    sources share ("a red bird and a brown bowl": colour and CC-500) is kept where first
    drawn."""
    return _first_of_repeats(
        shuffled_draws(source_dir, SHIPPED_BEFORE_FOURTH, FOURTH_DRAWS))


def fifth_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the fifth round, source by source; a prompt two sources
    share is kept where first drawn."""
    return _first_of_repeats(
        shuffled_draws(source_dir, SHIPPED_BEFORE_FIFTH, FIFTH_DRAWS))


def sixth_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the sixth round, source by source."""
    return _first_of_repeats(
        shuffled_draws(source_dir, SHIPPED_BEFORE_SIXTH, SIXTH_DRAWS))


def seventh_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the seventh round, source by source."""
    return _first_of_repeats(
        shuffled_draws(source_dir, SHIPPED_BEFORE_SEVENTH, SEVENTH_DRAWS))


def eighth_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the eighth round, source by source."""
    return _first_of_repeats(
        shuffled_draws(source_dir, SHIPPED_BEFORE_EIGHTH, EIGHTH_DRAWS))


def ninth_draws(source_dir: Path) -> list[tuple[str, str]]:
    """(id, prompt) of every prompt of the ninth round, source by source."""
    return _first_of_repeats(
        shuffled_draws(source_dir, SHIPPED_BEFORE_NINTH, NINTH_DRAWS))


def _first_of_repeats(drawn: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out, seen = [], set()
    for ident, prompt in drawn:
        if prompt.lower() not in seen:
            seen.add(prompt.lower())
            out.append((ident, prompt))
    return out


def shuffled_draws(source_dir: Path, shipped_before: tuple[str, ...],
                   rounds: tuple[tuple[str, str, int, int], ...]) -> list[tuple[str, str]]:
    """(id, prompt) drawn by the annotators' rule: the corpora ``shipped_before`` dropped, then
    each source shuffled by its seed."""
    taken = {item.prompt.strip().lower() for name in shipped_before
             for item in load_corpus_file(DATA / f"{name}.jsonl")}
    out = []
    for prefix, file, seed, k in rounds:
        pool, seen = [], set()
        for line in (source_dir / file).read_text(encoding="utf-8").splitlines():
            prompt = line.strip()
            if prompt and prompt.lower() not in taken and prompt.lower() not in seen:
                seen.add(prompt.lower())
                pool.append(prompt)
        random.Random(seed).shuffle(pool)
        out += [(f"{prefix}-{n:03d}", prompt) for n, prompt in enumerate(pool[:k], start=1)]
    return out


def main() -> None:
    source_dir = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/corpora-src")
    for ident, prompt in [*draws(source_dir), *second_draws(source_dir),
                          *third_draws(source_dir), *fourth_draws(source_dir),
                          *fifth_draws(source_dir), *sixth_draws(source_dir),
                          *seventh_draws(source_dir), *eighth_draws(source_dir),
                          *ninth_draws(source_dir)]:
        print(f"{ident}\t{prompt}")


if __name__ == "__main__":
    main()
