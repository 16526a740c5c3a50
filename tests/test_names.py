"""File names from ids and prompts (binding/names.py): bounded, any script, never reserved,
distinct for distinct ids."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from binding.names import MAX_BYTES, bounded, id_name, prompt_name, slug
from binding.spec import FrontendInfo, Spec

RESERVED = ("_batch", "_eval")


def safe_name(name: str) -> bool:
    return (bool(name) and len(name.encode("utf-8")) <= MAX_BYTES
            and not name.startswith((".", "_", "-")) and "/" not in name and "\\" not in name
            and not any(ord(c) < 32 for c in name) and name not in RESERVED)


@pytest.mark.parametrize(("identifier", "expected"), [
    ("dvmp-001", "dvmp-001"), ("猫", "猫"), ("狗", "狗"), ("हिन्दी", "हिन्दी"), ("v1.2", "v1.2"),
])
def test_short_safe_ids_are_used_as_they_are(identifier, expected):
    assert id_name(identifier) == expected


@pytest.mark.parametrize("identifier", ["_batch", "_eval", "..", ".", "a/b", "a b", "x" * 300,
                                        "猫" * 100, "-rf", "v1.", "\x1b]0;x\x07", "\ud800"])
def test_other_ids_get_a_slug_and_a_hash(identifier):
    name = id_name(identifier)
    assert safe_name(name), name
    assert name != identifier
    assert len(name.rsplit("-", 1)[-1]) == 8  # the hash


def test_ascii_prompt_names_are_what_they_were():
    """Folders of earlier runs keep their names: resuming a render-batch finds its items."""
    assert prompt_name("a pink sunflower and a yellow flamingo") == \
        "a-pink-sunflower-and-a-yellow-flamingo-b0e37e07"
    assert prompt_name("a red cube") == "a-red-cube-356cc265"


def test_non_ascii_ids_no_longer_share_a_folder():
    from binding.generation.outputs import prompt_id

    specs = [Spec(id=i, prompt="a red cube", frontend=FrontendInfo(name="spacy"))
             for i in ("猫", "狗")]
    assert [prompt_id(s) for s in specs] == ["猫", "狗"]  # both were "prompt" before


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_id_or_prompt_is_a_safe_name(text):
    if text:
        assert safe_name(id_name(text))
    assert safe_name(prompt_name(text))
    assert len(slug(text).encode("utf-8")) <= MAX_BYTES


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80), st.text(min_size=1, max_size=80))
def test_distinct_ids_get_distinct_names(a, b):
    """Ids used as they are differ as the ids do; slugged ones by their hash. (An id written
    to equal another's slug and hash could meet it: render-batch reports that line.)"""
    if a != b and (id_name(a) == a) == (id_name(b) == b):
        assert id_name(a) != id_name(b)


def test_long_method_names_are_bounded():
    name = bounded("syngen+" * 60 + "none_18446744073709551615")
    assert len(name.encode("utf-8")) <= MAX_BYTES
