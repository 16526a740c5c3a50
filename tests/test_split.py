"""The dev/test split: decided by the prompt text alone, stored in the shipped gold, honoured by
`binding eval --split` and by the evaluation that scores both parts from one parse."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from binding.cli import cli
from binding.corpora.gold import GoldPrompt, load_corpus_file
from binding.corpora.registry import corpus_names, load_corpus
from binding.corpora.split import (
    PARTS,
    add_split_fields,
    part_of,
    part_of_prompt,
    select,
    with_split_fields,
)


def gold_line(prompt: str, **extra: object) -> dict:
    return {"id": prompt.replace(" ", "-"), "prompt": prompt, "entities": [], **extra}


@pytest.fixture(scope="module")
def corpora() -> list[tuple[str, list[GoldPrompt]]]:
    return [load_corpus(name) for name in corpus_names()]


def test_the_rule_is_sha256_parity_and_never_changes():
    # fixed expectations: a change of rule (or of hash) would move prompts between the parts
    assert part_of_prompt("a red cube and three blue balls") == "dev"
    assert part_of_prompt("a green bench and a red car") == "dev"
    assert part_of_prompt("a cat") == "test"
    assert part_of_prompt("a dog") == "test"


@given(st.text(min_size=1, max_size=80))
def test_the_part_depends_on_the_text_alone(prompt):
    first_byte = hashlib.sha256(prompt.encode("utf-8")).digest()[0]
    assert part_of_prompt(prompt) == ("dev" if first_byte % 2 == 0 else "test")
    a = GoldPrompt.model_validate(gold_line(prompt))
    b = GoldPrompt.model_validate({**gold_line(prompt), "id": "other"})
    assert part_of(a) == part_of(b) == part_of_prompt(prompt)


def test_every_shipped_line_stores_its_part_by_the_rule(corpora):
    for name, items in corpora:
        for item in items:
            if name in ("dvmp", "ae"):  # generated: no stored field, the rule decides
                assert item.split is None
            else:
                assert item.split == part_of_prompt(item.prompt), (name, item.id)


def test_both_parts_of_every_corpus_are_used(corpora):
    for name, items in corpora:
        sizes = {part: len(select(items, part)) for part in PARTS}
        assert sizes["dev"] + sizes["test"] == len(items), name
        # each part holds at least a third of the corpus: a split, not a handful
        assert min(sizes.values()) >= len(items) / 3, (name, sizes)


def test_a_prompt_is_in_the_same_part_in_every_corpus(corpora):
    seen: dict[str, str] = {}
    for _, items in corpora:
        for item in items:
            assert seen.setdefault(item.prompt, part_of(item)) == part_of(item), item.prompt


def test_select_partitions_in_order():
    items = [GoldPrompt.model_validate(gold_line(p)) for p in
             ("a cat", "a red cube and three blue balls", "a dog", "a green bench and a red car")]
    assert [i.prompt for i in select(items, "dev")] == ["a red cube and three blue balls",
                                                        "a green bench and a red car"]
    assert [i.prompt for i in select(items, "test")] == ["a cat", "a dog"]
    assert select(items, "all") == items
    with pytest.raises(ValueError, match="unknown split 'train'"):
        select(items, "train")  # type: ignore[arg-type]


def test_a_stored_part_wins_over_the_rule():
    item = GoldPrompt.model_validate(gold_line("a cat", split="dev"))
    assert part_of(item) == "dev" and select([item], "test") == []


def test_split_fields_are_filled_in_and_kept(tmp_path):
    lines = [json.dumps(gold_line("a cat")), "", json.dumps(gold_line("a dog", split="dev"))]
    out = with_split_fields(lines)
    assert json.loads(out[0])["split"] == "test" and out[1] == "" and out[2] == lines[2]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    add_split_fields(path)
    assert [i.split for i in load_corpus_file(path)] == ["test", "dev"]


def test_a_bad_split_value_names_the_line(tmp_path):
    from binding import BindingError

    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold_line("a cat", split="train")) + "\n", encoding="utf-8")
    with pytest.raises(BindingError, match=r"gold.jsonl:1: invalid gold \(split"):
        load_corpus_file(path)


def test_eval_split_filters_the_prompts():
    runner = CliRunner()
    reports = {}
    for part in ("all", "dev", "test"):
        result = runner.invoke(cli, ["eval", "--corpus", "ae", "--split", part, "--json"])
        assert result.exit_code == 0, result.output
        reports[part] = json.loads(result.stdout)
        assert reports[part]["split"] == part
    _, ae = load_corpus("ae")
    prompts = {part: reports[part]["corpora"]["ae"]["prompts"] for part in reports}
    assert prompts == {"all": 276, "dev": len(select(ae, "dev")), "test": len(select(ae, "test"))}
    for measure in ("entity", "attribute_pair"):
        assert (reports["dev"]["corpora"]["ae"][measure]["gold"]
                + reports["test"]["corpora"]["ae"][measure]["gold"]
                == reports["all"]["corpora"]["ae"][measure]["gold"])
    default = runner.invoke(cli, ["eval", "--corpus", "ae", "--json"])
    assert json.loads(default.stdout)["corpora"] == reports["all"]["corpora"]
    table = runner.invoke(cli, ["eval", "--corpus", "ae", "--split", "test"])
    assert table.stdout.splitlines()[0].endswith("| test split")


def test_eval_split_leaves_out_a_corpus_with_no_prompt_in_the_part(tmp_path):
    path = tmp_path / "mine.jsonl"
    path.write_text(json.dumps(gold_line("a cat")) + "\n", encoding="utf-8")  # test part
    runner = CliRunner()
    both = runner.invoke(cli, ["eval", "--corpus", str(path), "--corpus", "ae",
                               "--split", "dev", "--json"])
    assert both.exit_code == 0, both.output
    assert set(json.loads(both.stdout)["corpora"]) == {"ae"}
    assert "warning: corpus mine has no prompts in the dev split" in both.stderr
    alone = runner.invoke(cli, ["eval", "--corpus", str(path), "--split", "dev"])
    assert alone.exit_code == 2 and "no corpus has prompts in the dev split" in alone.stderr
    assert alone.stdout == ""
    bad = runner.invoke(cli, ["eval", "--corpus", "ae", "--split", "train"])
    assert bad.exit_code == 2 and "train" in bad.stderr


def test_evaluate_parts_parses_once_and_adds_up(parser_calls):
    from binding.corpora.evaluate import evaluate, evaluate_parts

    parser, calls = parser_calls
    corpora = [load_corpus("ae"), load_corpus("dvmp")]
    parts = evaluate_parts(corpora, parser)
    assert calls == [276, 500]  # one parse per corpus for all three selections
    assert set(parts) == {"all", "dev", "test"}
    assert set(parts["dev"]) == {"ae", "dvmp", "overall"}
    for name in ("ae", "dvmp", "overall"):
        whole, dev, test = parts["all"][name], parts["dev"][name], parts["test"][name]
        assert dev.prompts + test.prompts == whole.prompts
        assert dev.attributes.tp + test.attributes.tp == whole.attributes.tp
        assert dev.exact + test.exact == whole.exact
    calls.clear()
    plain = evaluate(corpora, parser)
    assert {k: v.as_dict() for k, v in plain.items()} == {
        k: v.as_dict() for k, v in parts["all"].items()}


@pytest.fixture
def parser_calls():
    from binding.pipeline import Parser

    calls: list[int] = []
    parser = Parser(tokenizer=None)
    original = parser.pipe

    def pipe(prompts, **kwargs):
        calls.append(len(prompts))
        return original(prompts, **kwargs)

    parser.pipe = pipe  # type: ignore[method-assign]
    return parser, calls
