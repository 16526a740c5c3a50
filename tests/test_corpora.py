"""Gold corpora: file validation, generators, scorer arithmetic, and `binding eval`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from binding import BindingError
from binding.cli import cli
from binding.corpora.generators import attend_excite, dvmp
from binding.corpora.gold import GoldPrompt, load_corpus_file
from binding.corpora.registry import load_corpus
from binding.corpora.score import score
from binding.spec import Spec

GOLD = {
    "id": "t-1", "prompt": "a red cube and three blue balls",
    "entities": [
        {"text": "cube", "span": [6, 10],
         "modifiers": [{"text": "red", "span": [2, 5], "kind": "attribute"}]},
        {"text": "balls", "span": [26, 31],
         "modifiers": [{"text": "three", "span": [15, 20], "kind": "count"},
                       {"text": "blue", "span": [21, 25], "kind": "attribute"}]},
    ],
}


def spec_with(entities: list[dict]) -> Spec:
    return Spec.model_validate({"prompt": GOLD["prompt"], "frontend": {"name": "test"},
                                "entities": [{"id": f"e{i}", **e, "modifiers": [
                                    {**m, "relation": "x"} for m in e.get("modifiers", [])]}
                                    for i, e in enumerate(entities)]})


def test_perfect_prediction():
    gold = GoldPrompt.model_validate(GOLD)
    result = score([(gold, spec_with(GOLD["entities"]))])
    assert result.entities.f1 == result.attributes.f1 == result.counts.f1 == 1.0
    assert result.exact_accuracy == 1.0 and not result.misses


def test_empty_prediction():
    gold = GoldPrompt.model_validate(GOLD)
    result = score([(gold, spec_with([]))])
    assert (result.entities.tp, result.entities.predicted, result.entities.gold) == (0, 0, 2)
    assert result.entities.precision == 1.0 and result.entities.recall == 0.0
    assert result.entities.f1 == 0.0 and result.exact_accuracy == 0.0
    assert result.misses[0].missing[:2] == ["entity cube", "entity balls"]  # text order


def test_partial_prediction():
    """red bound to balls instead of cube, the count missed, an extra entity."""
    gold = GoldPrompt.model_validate(GOLD)
    predicted = spec_with([
        {"text": "cube", "span": [6, 10]},
        {"text": "balls", "span": [26, 31], "modifiers": [
            {"text": "red", "span": [2, 5], "kind": "attribute"},
            {"text": "blue", "span": [21, 25], "kind": "attribute"}]},
        {"text": "and", "span": [11, 14]},
    ])
    result = score([(gold, predicted)])
    assert (result.entities.tp, result.entities.predicted, result.entities.gold) == (2, 3, 2)
    assert result.entities.precision == pytest.approx(2 / 3)
    assert (result.attributes.tp, result.attributes.predicted, result.attributes.gold) == (1, 2, 2)
    assert result.attributes.f1 == pytest.approx(0.5)
    assert (result.counts.tp, result.counts.predicted, result.counts.gold) == (0, 0, 1)
    assert result.counts.f1 == 0.0
    miss = result.misses[0]
    assert "red->cube" in miss.missing and "three->balls" in miss.missing
    assert "red->balls" in miss.extra and "entity and" in miss.extra


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "prompt": "a red cube", "entities": [{"text": "cube", "span": [5, 9]}]}',
         "prompt[5:9]"),
        ('{"id": "a", "prompt": "a red cube", "entities": [{"text": "cube", "span": [6, 40]}]}',
         "outside the prompt"),
        ('{"id": "a", "prompt": "a cube", "entities": [{"text": "cube", "span": [2, 6], '
         '"modifiers": [{"text": "a", "span": [0, 1], "kind": "article"}]}]}', "kind"),
        ('{"id": "a", "prompt": "a cube", "entities": [{"text": "cube", "span": [2, 6]}], '
         '"relations": [{"source": 0, "target": 3, "type": "on"}]}', "entity 3"),
        ("{not json", "not valid JSON"),
    ],
)
def test_corpus_validation_names_the_line(tmp_path, line, message):
    good = json.dumps(GOLD)
    path = tmp_path / "gold.jsonl"
    path.write_text(good + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(BindingError) as info:
        load_corpus_file(path)
    assert f"{path}:3" in str(info.value) and message in str(info.value)


def test_duplicate_ids_are_refused(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD) + "\n" + json.dumps(GOLD) + "\n", encoding="utf-8")
    with pytest.raises(BindingError, match=r"gold.jsonl:2: id 't-1' is used twice"):
        load_corpus_file(path)


def test_dvmp_follows_the_paper():
    prompts = dvmp(300, seed=0)
    assert prompts == dvmp(300, seed=0)  # seeded
    for item in prompts:
        phrases = item.prompt.split(" and ")
        assert 1 <= len(phrases) == len(item.entities) <= 3
        for phrase, entity in zip(phrases, item.entities, strict=True):
            article, rest = phrase.split(" ", 1)
            assert article == ("an" if rest[0] in "aeiou" else "a")
            assert entity.modifiers and phrase.endswith(entity.text)


def test_attend_excite_has_its_276_prompts():
    prompts = attend_excite()
    assert len(prompts) == 276 == len({p.prompt for p in prompts})
    assert prompts[0].prompt == "a cat and a dog" and prompts[0].entities[0].modifiers == []
    assert sum(1 for p in prompts if sum(len(e.modifiers) for e in p.entities) == 2) == 66


def test_unknown_corpus():
    with pytest.raises(BindingError, match="unknown corpus 'nope'"):
        load_corpus("nope")


def test_eval_cli(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["eval", "--corpus", str(path), "--corpus", "ae", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report["corpora"]) == {"mine", "ae", "overall"}
    assert report["corpora"]["mine"]["exact"] == 1.0
    assert report["corpora"]["ae"]["prompts"] == 276
    table = runner.invoke(cli, ["eval", "--corpus", "ae", "--errors", "3"])
    assert table.exit_code == 0 and "attribute P/R/F1" in table.stdout


def test_eval_cli_lists_errors(tmp_path):
    wrong = dict(GOLD, entities=[GOLD["entities"][1]])  # gold without the cube
    path = tmp_path / "wrong.jsonl"
    path.write_text(json.dumps(wrong) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--corpus", str(path), "--errors", "5"])
    assert result.exit_code == 0
    assert "t-1" in result.stdout and "extra:   entity cube" in result.stdout


def test_eval_cli_bad_corpus_file(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--corpus", str(path)])
    assert result.exit_code == 2 and f"{path}:1" in result.stderr


def test_syngen_baseline_behaves_like_the_paper(parse):
    from conftest import bindings

    def syngen(prompt: str) -> dict[str, set[str]]:
        return bindings(parse(prompt, grammar="syngen-2023"))

    assert syngen("a photo of a cat") == {"photo": set(), "cat": set()}  # no abstract nouns
    assert syngen("three red apples") == {"apples": {"red"}}  # numerals are never bound
    assert syngen("the car is red") == {"car": {"red"}}  # copula, roles as the paper means
    assert syngen("a dog that is red and a cat that is blue") == {"dog": {"red"},
                                                                  "cat": {"blue"}}
    assert syngen("a red rose") == {}  # no repair of the small model's parse
