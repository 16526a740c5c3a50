"""What torch costs ``binding parse`` at start-up, measured in one run on this machine.

spaCy's ``thinc`` tries ``import torch`` when it is imported (``thinc/compat.py``, no setting
turns it off), so once torch is installed, for the ``render`` or ``clip`` extra, a process that
imports spaCy pays for importing torch although parsing never uses it. ``binding parse`` hides
torch while it imports spaCy (``binding/frontends/torchless.py``); this checks that it pays
nothing, against what ``import spacy`` alone pays. It measures:

1. ``binding parse "a pink sunflower and a yellow flamingo"`` in a fresh process, as installed
   (torch importable), against the same command with torch hidden (``sys.modules["torch"] =
   None`` before anything is imported: what a base install without torch does);
2. ``import spacy`` alone, both ways;
3. the parts, from one ``python -X importtime`` run of the command: torch's own import time
   (cumulative), and binding's check of the spaCy model's files against the pinned hashes.

Runs alternate between contenders after one warm-up each (the file cache); medians are
reported. The last line printed is JSON with every number; ``--json PATH`` also writes it.

Run: ``python benchmarks/startup.py [--repeats 7] [--json PATH]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROMPT = "a pink sunflower and a yellow flamingo"
HIDE_TORCH = "import sys; sys.modules['torch'] = None; "
PARSE = "from binding.cli import main; main(['parse', {prompt!r}])"
CONTENDERS = {
    "binding parse, torch installed": PARSE.format(prompt=PROMPT),
    "binding parse, torch hidden": HIDE_TORCH + PARSE.format(prompt=PROMPT),
    "import spacy, torch installed": "import spacy",
    "import spacy, torch hidden": HIDE_TORCH + "import spacy",
}
VERIFY = ("import time; from binding.frontends.bundled_model import data_folder; "
          "t = time.perf_counter(); data_folder(); print(time.perf_counter() - t)")


def wall(code: str) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def torch_import_seconds() -> float | None:
    """torch's cumulative import time inside ``binding parse`` (``-X importtime``)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", CONTENDERS[
        "binding parse, torch installed"]], check=True, capture_output=True, text=True)
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|\s*torch$", line)
        if match:
            return int(match.group(1)) / 1e6
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    try:
        import torch  # noqa: F401
    except ImportError:
        sys.exit("torch is not installed: nothing to compare")
    times: dict[str, list[float]] = {name: [] for name in CONTENDERS}
    for code in CONTENDERS.values():
        wall(code)  # warm the file cache
    for _ in range(args.repeats):
        for name, code in CONTENDERS.items():
            times[name].append(wall(code))
    verify = [float(subprocess.run([sys.executable, "-c", VERIFY], check=True,
                                   capture_output=True, text=True).stdout)
              for _ in range(3)]
    result = {
        "python": platform.python_version(), "cpus": os.cpu_count(),
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "repeats": args.repeats,
        "median_s": {name: round(statistics.median(v), 3) for name, v in times.items()},
        "all_s": {name: [round(x, 3) for x in v] for name, v in times.items()},
        "torch_import_in_parse_s": torch_import_seconds(),
        "model_hash_check_s": round(statistics.median(verify), 4),
    }
    width = max(map(len, CONTENDERS))
    for name in CONTENDERS:
        print(f"{name:<{width}}  {result['median_s'][name]:.2f} s (median of {args.repeats})")
    print(f"torch's import inside binding parse: {result['torch_import_in_parse_s']} s; "
          f"the model files' hash check: {result['model_hash_check_s']} s")
    print(json.dumps(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
