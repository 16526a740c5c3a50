"""Processes that only parse import spaCy without torch (binding/frontends/torchless.py):
180 MB and a second less per process, the same specs, and torch still importable after."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from binding.frontends.torchless import import_spacy_without_torch, model_config, needs_torch

TORCH = importlib.util.find_spec("torch") is not None
PROMPT = "a pink sunflower and a yellow flamingo"

SMALL = """\
[components.tagger]
factory = "tagger"
[components.tagger.model]
@architectures = "spacy.Tagger.v2"
[components.tok2vec]
factory = "tok2vec"
[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
[training.optimizer]
@optimizers = "Adam.v1"
"""


def run_python(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_bundled_model_needs_no_torch():
    config = model_config(None)
    assert config is not None and config.name == "config.cfg"
    assert not needs_torch(config.read_text(encoding="utf-8"))


@pytest.mark.parametrize("changed", [
    # a transformer pipeline: its layers are a plug-in's
    SMALL.replace("spacy.Tagger.v2", "spacy-transformers.TransformerModel.v3"),
    SMALL.replace("spacy.Tagger.v2", "spacy-curated-transformers.XlmrTransformer.v1"),
    # spaCy's own PyTorch wrapper
    SMALL.replace("spacy.MultiHashEmbed.v2", "spacy.TorchBiLSTMEncoder.v1"),
    # a plug-in's component, whose model cannot be read from the config
    SMALL.replace('factory = "tagger"', 'factory = "transformer"'),
    SMALL.replace('factory = "tagger"', 'factory = "llm"'),
    "",  # nothing to read: unknown means torch
])
def test_a_pipeline_that_may_run_on_torch_keeps_it(changed):
    assert not needs_torch(SMALL)  # the training section's optimizer is not a layer
    assert needs_torch(changed)


def test_a_model_folder_without_a_config_is_not_guessed(tmp_path):
    assert model_config(str(tmp_path)) is None
    (tmp_path / "config.cfg").write_text(SMALL, encoding="utf-8")
    assert model_config(str(tmp_path)) == tmp_path / "config.cfg"


def test_nothing_is_hidden_once_spacy_is_imported():
    import spacy  # noqa: F401

    assert import_spacy_without_torch() is False


@pytest.mark.skipif(not TORCH, reason="torch is not installed: nothing is hidden")
def test_a_worker_parses_the_same_without_torch_and_can_import_it_after():
    code = f"""
import json, sys
from binding.scale.workers import ParserSettings
settings = ParserSettings()
settings.prepare_process()
hidden = "torch" not in sys.modules
spec = settings.build().parse({PROMPT!r}).model_dump_json()
after = "torch" in sys.modules
import torch
print(json.dumps({{"hidden": hidden, "after": after, "spec": spec,
                  "torch": torch.tensor([1, 2]).sum().item()}}))
"""
    worker = run_python(code)
    library = run_python(f"""
import json, sys, binding
spec = binding.parse({PROMPT!r}).model_dump_json()
print(json.dumps({{"spec": spec, "torch": "torch" in sys.modules}}))
""")
    assert worker["hidden"] and not worker["after"]
    assert worker["torch"] == 3  # torch works when something imports it later
    assert worker["spec"] == library["spec"]
    assert library["torch"]  # a library user's process is left alone


@pytest.mark.skipif(not TORCH, reason="torch is not installed: nothing is hidden")
def test_binding_parse_does_not_import_torch():
    code = f"""
import json, sys
from binding.cli import main
try:
    main(["parse", "--json", {PROMPT!r}])
except SystemExit:
    pass
print(json.dumps({{"torch": "torch" in sys.modules}}))
"""
    assert run_python(code) == {"torch": False}


@pytest.mark.skipif(not TORCH, reason="torch is not installed: nothing is hidden")
def test_a_torch_pipeline_folder_keeps_torch(tmp_path):
    (tmp_path / "config.cfg").write_text(
        SMALL.replace("spacy.Tagger.v2", "spacy-transformers.TransformerModel.v3"),
        encoding="utf-8")
    code = f"""
import json
from binding.frontends.torchless import import_spacy_without_torch
import thinc.compat
print(json.dumps({{"hidden": import_spacy_without_torch({str(tmp_path)!r}),
                  "thinc_torch": thinc.compat.has_torch}}))
"""
    assert run_python(code) == {"hidden": False, "thinc_torch": True}


def test_a_path_model_resolves_beside_the_default(tmp_path):
    bundled = model_config(None)
    assert bundled is not None
    assert model_config(str(Path(bundled).parent)) == bundled
