"""Grammar files are validated, `binding grammar` shows and checks them, and a repair from
another package is found by name (registry or entry point) and runs where a grammar lists it."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from importlib.metadata import EntryPoint, EntryPoints
from importlib.resources import files
from pathlib import Path

import pytest
from conftest import error_line
from conftest import hand_graph as graph

from binding import BindingError
from binding.grammars import grammar_from_file, load_grammar
from binding.grammars.repairs import Repair, get_repair, repair_names
from binding.registry import registry

SOURCE = (files("binding.grammars") / "en_clearnlp.toml").read_text(encoding="utf-8")


def grammar_file(tmp_path: Path, text: str, name: str = "g.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problem(tmp_path: Path, text: str) -> str:
    with pytest.raises(BindingError) as caught:
        grammar_from_file(grammar_file(tmp_path, text))
    message = str(caught.value)
    assert "\n" not in message and "g.toml" in message
    return message


def test_a_misspelt_repair_name_is_one_line_naming_the_valid_ones(tmp_path):
    message = problem(tmp_path, SOURCE.replace('name = "noun_phrases"', 'name = "noun_phrase"'))
    assert "unknown repair 'noun_phrase'" in message and "noun_phrases" in message


def test_a_misspelt_setting_is_named_with_the_valid_keys(tmp_path):
    message = problem(tmp_path, SOURCE.replace("retag_after_any =", "retag_after_anyy ="))
    assert "'noun_phrases'" in message and "unknown key 'retag_after_anyy'" in message
    assert "retag_after_any," in message


def test_the_old_repair_table_is_refused_with_what_to_write(tmp_path):
    old = ('[grammar]\nname = "g"\nscheme = "clearnlp"\n[entities]\npos = ["NOUN"]\n'
           '[repair]\nnoun_phrase = true\n')
    assert "[[repair]] tables" in problem(tmp_path, old)


@pytest.mark.parametrize(("change", "expected"), [
    (("after_comma = true", 'after_comma = "maybe"'), "key 'entities.after_comma'"),
    (("subjects = [", "subjectz = ["), "unknown key 'labels.subjectz'"),
    (('side = "after", pos = ["ADJ"], lexicon = ["colors"] }]',
      'side = "later", pos = ["ADJ"] }]'), "'before' or 'after'"),
    (('\nconj = "conj"\n', "\n"), "needs the [labels] conj"),
    (('name = "en-clearnlp"', 'name = 5'), "key 'grammar.name'"),
    (("path = [{ down = [\"amod\", \"compound\", \"nmod\"] }]", "path = []"),
     "key 'modifier[1].path'"),
])
def test_wrong_keys_types_and_missing_labels_are_one_line(tmp_path, change, expected):
    old, new = change
    assert old in SOURCE
    assert expected in problem(tmp_path, SOURCE.replace(old, new, 1))


def test_a_grammar_file_that_is_not_utf8_is_one_line(tmp_path):
    path = tmp_path / "g.toml"
    path.write_bytes(b"\xff\xfe[grammar]")
    with pytest.raises(BindingError, match="is not UTF-8"):
        grammar_from_file(path)


def test_grammar_check_cli(run, tmp_path):
    good = run("grammar", "check", str(grammar_file(tmp_path, SOURCE)))
    repairs = len(load_grammar("en-clearnlp").repairs)
    assert good.exit_code == 0 and f"is valid: {repairs} repairs" in good.stdout
    bad = grammar_file(tmp_path, SOURCE.replace('name = "symbols"', 'name = "symbol"'), "b.toml")
    assert "unknown repair 'symbol'" in error_line(run("grammar", "check", str(bad)))
    assert "does not exist" in error_line(run("grammar", "check", str(tmp_path / "no.toml")))


def test_grammar_show_prints_the_resolved_repairs_in_order(run):
    text = run("grammar", "show", "en-ud").stdout
    assert "labels:\n  subject = \"nsubj\"" in text
    listed = [line.split(". ")[1].split(":")[0] for line in text.splitlines()
              if line.startswith("   ") and ". " in line and line.strip()[0].isdigit()]
    assert listed == [s.name for s in load_grammar("en-ud").repairs]
    data = json.loads(run("grammar", "show", "en-clearnlp", "--json").stdout)
    assert data["repairs"][0] == {"name": "merge_hyphenated",
                                  "settings": {"hyphens": ["-", "\u2010", "\u2011", "\u2013"]}}
    assert len(data["modifier_rules"]) == len(load_grammar("en-clearnlp").modifiers.rules)


def test_grammar_list_names_grammars_and_repairs(run):
    text = run("grammar", "list").stdout
    assert "en-clearnlp" in text and "syngen-2023" in text
    assert all(name in text for name in repair_names())


def test_a_grammar_chooses_its_repairs_and_their_order(tmp_path):
    """Taking a repair out of the list switches it off: 'a red rose' with rose read as a
    verb stays unrepaired."""
    rose = graph("a red rose", [("a", "DET", "det", 1), ("red", "ADJ", "nsubj", 2),
                                ("rose", "VERB", "ROOT", None)])
    assert [e.text for e in load_grammar("en-clearnlp").bind(rose).entities] == ["rose"]
    start = SOURCE.index('[[repair]]\nname = "noun_phrases"')
    end = SOURCE.index("[[repair]]", start + 1)
    without = grammar_from_file(grammar_file(tmp_path, SOURCE[:start] + SOURCE[end:]))
    assert "noun_phrases" not in [s.name for s in without.repairs]
    assert without.bind(rose).entities == []


# --- a repair from another package -------------------------------------------------------------

class Reddish(Repair):
    """Every adjective before a noun is "red" (a toy: it shows the settings reach the repair)."""

    colour: str

    def __call__(self, graph, vocab):
        words = [replace(w, text=self.colour) if w.pos == "ADJ" else w for w in graph]
        return graph.with_words(words)


PLUGIN = SOURCE.replace('[[repair]]\nname = "symbols"',
                        '[[repair]]\nname = "reddish"\ncolour = "red"\n\n[[repair]]\n'
                        'name = "symbols"')


def test_a_registered_repair_runs_where_a_grammar_lists_it(tmp_path, clean_registry):
    registry.repairs.register("reddish", func=Reddish)
    grammar = grammar_from_file(grammar_file(tmp_path, PLUGIN))
    names = [s.name for s in grammar.repairs]
    assert names[names.index("reddish") + 1] == "symbols"
    cube = graph("a blue cube", [("a", "DET", "det", 2), ("blue", "ADJ", "amod", 2),
                                 ("cube", "NOUN", "ROOT", None)])
    assert grammar.bind(cube).entities[0].modifiers[0].text == "red"


def test_a_repair_is_found_through_an_entry_point(tmp_path, monkeypatch):
    import catalogue

    sys.modules["binding_test_plugin"] = sys.modules[__name__]
    point = EntryPoint(name="reddish", value="binding_test_plugin:Reddish",
                       group="binding_repairs")
    monkeypatch.setattr(catalogue, "AVAILABLE_ENTRY_POINTS", EntryPoints([point]))
    try:
        assert get_repair("reddish") is Reddish
        assert "reddish" in repair_names()
        assert "reddish" in [s.name for s in grammar_from_file(grammar_file(tmp_path, PLUGIN))
                             .repairs]
    finally:
        del sys.modules["binding_test_plugin"]
