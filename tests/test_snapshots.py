"""Every spec the shipped grammars write for the corpora and fixtures equals its snapshot.

A change that means to alter bindings rewrites the snapshots on purpose
(``python tests/spec_snapshots.py``) and its diff is reviewed; any other change must leave
every spec byte-identical.
"""

from __future__ import annotations

import json
import warnings

import pytest
from spec_snapshots import SNAPSHOTS, snapshot_sets

SETS = snapshot_sets()


def _first_differences(expected: list[str], now: list[str], most: int = 5) -> list[str]:
    shown = []
    for old, new in zip(expected, now, strict=False):
        if old != new:
            old_spec, new_spec = json.loads(old), json.loads(new)
            changed = sorted(k for k in old_spec.keys() | new_spec.keys()
                             if old_spec.get(k) != new_spec.get(k))
            shown.append(f"{old_spec.get('id')!r} {old_spec.get('prompt')!r}: {changed}")
            if len(shown) == most:
                break
    return shown


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.slow)  # a tiny CLIP's run
                                  if n.startswith("clip-attention") else n for n in sorted(SETS)])
def test_specs_equal_their_snapshot(name):
    if name.startswith("clip-attention"):
        pytest.importorskip("torch")
        pytest.importorskip("transformers")
    path = SNAPSHOTS / f"{name}.jsonl"
    assert path.is_file(), f"no snapshot {path.name}: run python tests/spec_snapshots.py"
    expected = path.read_text(encoding="utf-8").splitlines()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        now = SETS[name]()
    assert len(now) == len(expected), f"{name}: {len(now)} specs, snapshot has {len(expected)}"
    differences = _first_differences(expected, now)
    assert not differences, f"{name}: specs differ from the snapshot: {differences}"
