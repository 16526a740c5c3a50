"""Models by hub id when the hub cannot be reached (binding/hub.py): one line, at once."""

from __future__ import annotations

import time

import pytest
from conftest import error_line

from binding import hub
from binding.errors import BindingError

UNCACHED = "binding-tests/no-such-model"


@pytest.fixture
def offline(monkeypatch):
    """A hub endpoint nobody answers on (a closed local port): refused at once."""
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    for name in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(hub, "hub_endpoint", lambda: "http://127.0.0.1:9")
    hub.hub_reachable.cache_clear()
    yield
    hub.hub_reachable.cache_clear()


def balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_an_uncached_model_offline_is_one_line_at_once(run, offline):
    began = time.monotonic()
    line = error_line(run("render", "a red cube", "--model", UNCACHED, "--device", "cpu"))
    assert time.monotonic() - began < 20  # the libraries alone retry for about half a minute
    assert f"model '{UNCACHED}' is not in the local Hugging Face cache" in line
    assert "cannot be reached: pass --model with a local folder, or set HF_HOME" in line
    assert balanced(line)


def test_an_uncached_clip_model_offline_is_one_line_at_once(offline):
    from binding.generation.scoring import make_scorer

    began = time.monotonic()
    with pytest.raises(BindingError) as caught:
        make_scorer("clip", UNCACHED, device="cpu")
    assert time.monotonic() - began < 20
    message = str(caught.value)
    assert "CLIP model" in message and "not in the local Hugging Face cache" in message
    assert "pass --clip with a local folder" in message and "\n" not in message


def test_local_files_only_says_so(run):
    line = error_line(run("render", "a red cube", "--model", UNCACHED, "--device", "cpu",
                          "--local-files-only"))
    assert "not in the local Hugging Face cache" in line
    assert "--local-files-only is set" in line


def test_a_folder_that_is_not_a_model_is_one_line(run, tmp_path):
    (tmp_path / "model_index.json").write_text("{not json", encoding="utf-8")
    line = error_line(run("render", "a red cube", "--model", str(tmp_path), "--device", "cpu"))
    assert "cannot load model from the folder" in line and balanced(line)


def test_offline_settings_skip_the_probe(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    hub.hub_reachable.cache_clear()
    try:
        assert not hub.hub_reachable()
    finally:
        hub.hub_reachable.cache_clear()


@pytest.mark.parametrize(("message", "expected"), [
    ("We couldn't connect to 'https://huggingface.co' (outgoing traffic disabled. Check it).",
     "We couldn't connect to 'https://huggingface.co'"),
    ("no file named model_index.json (in folder x)", "no file named model_index.json (in "
                                                     "folder x)"),
    ("", "OSError"),
])
def test_first_sentence_keeps_parentheses_balanced(message, expected):
    assert hub.first_sentence(OSError(message)) == expected
