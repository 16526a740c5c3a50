"""The clip front end's mechanics on a tiny random CLIP text model whose attention we control.

No CLIP weights exist on these machines, so nothing here measures binding quality: the tests
show that the front end reads the attention the encoder computes (real eager attention, and a
patched attention function that returns matrices we design), that bindings, confidences and
relations follow those matrices, and that the exported matrix is what the spec promises.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import bindings, relations
from tiny_models import tiny_clip

from binding import BindingError
from binding.cli import cli
from binding.spec import TextAttention, json_schema, spec_from_json

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from transformers.models.clip import modeling_clip  # noqa: E402

from binding.frontends.clip import AttentionGraph, AttentionSettings, ClipFrontend  # noqa: E402
from binding.frontends.spacy import SpacyFrontend  # noqa: E402
from binding.graph import Word  # noqa: E402
from binding.pipeline import Binder, Parser  # noqa: E402

LAYERS, HEADS = 3, 2
FLOWERS = "a pink sunflower and a yellow flamingo"
# positions: 0 start, 1 a, 2 pink, 3 sunflower, 4 and, 5 a, 6 yellow, 7 flamingo, 8 end


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    return tiny_clip(tmp_path_factory.mktemp("tiny-sd"), layers=LAYERS, heads=HEADS)


@pytest.fixture(scope="module")
def spacy_pos() -> SpacyFrontend:
    return SpacyFrontend()


@pytest.fixture(scope="module")
def frontend(tiny_model, spacy_pos) -> ClipFrontend:
    return ClipFrontend(str(tiny_model), spacy_pos, export_attention=True)


def rows(length: int, special: dict[int, dict[int, float]]) -> torch.Tensor:
    """A causal attention matrix: row i puts half its mass on the start token and spreads the
    rest evenly over positions 1..i, except rows in ``special``, given as {column: mass} over
    the content positions (the rest of the half spread over the others)."""
    matrix = torch.zeros(length, length)
    matrix[0, 0] = 1.0
    for i in range(1, length):
        matrix[i, 0] = 0.5
        given = special.get(i, {})
        free = [j for j in range(1, i + 1) if j not in given]
        rest = 0.5 - sum(given.values())
        for j in range(1, i + 1):
            matrix[i, j] = given[j] if j in given else rest / len(free)
    return matrix


# flamingo looks at pink, yellow looks at sunflower: the swapped binding, on purpose
SWAPPED = rows(9, {3: {2: 0.2, 1: 0.1, 3: 0.2}, 7: {2: 0.3}, 6: {3: 0.3}})
# the binding the sentence means
FAITHFUL = rows(9, {3: {2: 0.3}, 7: {6: 0.3}, 6: {3: 0.01}})


@contextmanager
def attention(frontend: ClipFrontend, per_layer_and_head: list[list[torch.Tensor]]
              ) -> Iterator[None]:
    """Make layer l, head h of the encoder attend with ``per_layer_and_head[l][h]``."""
    layers = {id(module): n for n, module in enumerate(attention_modules(frontend))}
    original = modeling_clip.eager_attention_forward

    def designed(module, query, key, value, attention_mask, scaling, dropout=0.0, **kwargs):
        weights = torch.stack(per_layer_and_head[layers[id(module)]])[None].to(query.dtype)
        assert weights.shape[-1] == query.shape[-2], "the test matrix has the prompt's length"
        output = torch.matmul(weights, value).transpose(1, 2).contiguous()
        return output, weights

    modeling_clip.eager_attention_forward = designed
    try:
        yield
    finally:
        modeling_clip.eager_attention_forward = original


def attention_modules(frontend: ClipFrontend) -> list:
    """The encoder's self-attention modules, first layer first."""
    found = [m for m in frontend.encoder.model.modules()
             if isinstance(m, modeling_clip.CLIPAttention)]
    assert len(found) == LAYERS
    return found


def everywhere(matrix: torch.Tensor) -> list[list[torch.Tensor]]:
    return [[matrix] * HEADS for _ in range(LAYERS)]


def confidences(spec) -> dict[str, float]:
    return {m.text: m.confidence for e in spec.entities for m in e.modifiers}


# --- bindings follow the matrix ----------------------------------------------------------------


def test_bindings_follow_the_attention_not_the_syntax(frontend):
    parser = Parser(frontend=frontend)
    with attention(frontend, everywhere(SWAPPED)):
        swapped = parser.parse(FLOWERS)
    with attention(frontend, everywhere(FAITHFUL)):
        faithful = parser.parse(FLOWERS)
    assert bindings(swapped) == {"sunflower": {"yellow"}, "flamingo": {"pink"}}
    assert bindings(faithful) == {"sunflower": {"pink"}, "flamingo": {"yellow"}}
    assert swapped.grammar.name == "clip-attention" and swapped.frontend.name == "clip"
    assert {m.relation for e in swapped.entities for m in e.modifiers} == {"attention"}


def test_confidence_is_the_entity_share_of_the_attention(frontend):
    """pink: flamingo's row gives it 0.3/0.5 = 0.6 of its content attention, sunflower's
    0.2/0.5 = 0.4; yellow: its own row gives sunflower 0.6, flamingo's row gives it
    (0.2/6)/0.5 = 1/15; shares 0.6 and 0.6/(0.6 + 1/15) = 0.9."""
    with attention(frontend, everywhere(SWAPPED)):
        spec = Parser(frontend=frontend).parse(FLOWERS)
    assert confidences(spec) == pytest.approx({"pink": 0.6, "yellow": 0.9}, abs=1e-4)


def test_layers_heads_and_aggregation_are_parameters(tiny_model, spacy_pos):
    """Layer 0 (both heads) says swapped, layers 1-2 say faithful, more strongly."""
    faithful_strong = rows(9, {3: {2: 0.45}, 7: {6: 0.45}, 6: {3: 0.01}})
    design = [[SWAPPED, SWAPPED], [faithful_strong, faithful_strong],
              [faithful_strong, faithful_strong]]
    outcomes = {}
    for name, settings in {
        "default": AttentionSettings(),
        "layer 0": AttentionSettings(layers=(0,)),
        "max": AttentionSettings(layers=(0, 1), aggregate="max"),
    }.items():
        fe = ClipFrontend(str(tiny_model), spacy_pos, settings)
        with attention(fe, design):
            outcomes[name] = bindings(Parser(frontend=fe, tokenizer=None).parse(FLOWERS))
    assert outcomes["default"] == {"sunflower": {"pink"}, "flamingo": {"yellow"}}
    assert outcomes["layer 0"] == {"sunflower": {"yellow"}, "flamingo": {"pink"}}
    assert outcomes["max"] == {"sunflower": {"pink"}, "flamingo": {"yellow"}}

    fe = ClipFrontend(str(tiny_model), spacy_pos, AttentionSettings(heads=(1,)))
    with attention(fe, [[FAITHFUL, SWAPPED]] * LAYERS):
        assert bindings(Parser(frontend=fe).parse(FLOWERS)) == {
            "sunflower": {"yellow"}, "flamingo": {"pink"}}
    with pytest.raises(BindingError, match="layer 7 does not exist"):
        ClipFrontend(str(tiny_model), spacy_pos, AttentionSettings(layers=(7,)))
    with pytest.raises(BindingError, match="unknown aggregation"):
        AttentionSettings(aggregate="median")


def test_relations_follow_the_attention(frontend):
    """a dog wearing a red hat: hat attends to dog; red to hat (positions 1 a, 2 dog,
    3 wearing, 4 a, 5 red, 6 hat)."""
    prompt = "a dog wearing a red hat"
    design = rows(8, {6: {2: 0.2, 5: 0.25}})
    with attention(frontend, everywhere(design)):
        spec = Parser(frontend=frontend).parse(prompt)
    assert bindings(spec) == {"dog": set(), "hat": {"red"}}
    assert relations(spec) == {("dog", "wearing", "hat")}


# --- the exported matrix -------------------------------------------------------------------------


def test_exported_matrix_is_the_mean_over_heads_and_layers(frontend):
    design = [[SWAPPED, FAITHFUL], [FAITHFUL, FAITHFUL], [SWAPPED, SWAPPED]]
    with attention(frontend, design):
        spec = Parser(frontend=frontend).parse(FLOWERS)
    exported = spec.text_attention
    expected = (3 * SWAPPED + 3 * FAITHFUL) / 6
    assert exported.layers == [0, 1, 2]
    assert exported.model == frontend.encoder.model_id
    assert torch.allclose(torch.tensor(exported.matrix), expected, atol=1e-6)
    assert len(exported.matrix) == spec.tokens.length == 9


def test_real_attention_comes_out_causal_and_normalised(frontend):
    """No patching: with queries and keys zeroed every position attends evenly to itself and
    everything before it, which is what the exported matrix must show."""
    saved = {k: v.clone() for k, v in frontend.encoder.model.state_dict().items()}
    try:
        with torch.no_grad():
            for module in attention_modules(frontend):
                for projection in (module.q_proj, module.k_proj):
                    projection.weight.zero_()
                    projection.bias.zero_()
        spec = Parser(frontend=frontend).parse(FLOWERS)
    finally:
        frontend.encoder.model.load_state_dict(saved)
    matrix = torch.tensor(spec.text_attention.matrix)
    expected = torch.tril(torch.ones(9, 9)) / torch.arange(1, 10)[:, None]
    assert torch.allclose(matrix, expected, atol=1e-6)


def test_real_attention_without_patching_gives_a_valid_spec(frontend):
    spec = Parser(frontend=frontend).parse("three red apples next to a sleeping dog")
    matrix = torch.tensor(spec.text_attention.matrix)
    assert torch.all(torch.triu(matrix, diagonal=1) == 0)
    assert torch.allclose(matrix.sum(dim=1), torch.ones(len(matrix)), atol=1e-5)
    for modifier in (m for e in spec.entities for m in e.modifiers):
        assert 0.0 <= modifier.confidence <= 1.0
    assert [m.kind for e in spec.entities for m in e.modifiers if m.text == "three"] == ["count"]


def test_a_tokenizer_that_disagrees_with_the_spec_tokens_is_refused():
    words = [Word(0, "cube", 0, 4, "NOUN", "root", None)]
    graph = AttentionGraph(text="cube", words=words, scheme="attention",
                           text_attention=TextAttention(model="m", tokenizer="t", layers=[0],
                                                        matrix=[[1.0, 0.0], [0.5, 0.5]]))
    binder = Binder(frontend_info(), "attention")
    with pytest.raises(BindingError, match="pass --tokenizer none"):
        binder.spec(graph)
    assert Binder(frontend_info(), "attention", tokenizer=None).spec(graph).text_attention


def frontend_info():
    from binding.spec import FrontendInfo

    return FrontendInfo(name="clip")


# --- loading ---------------------------------------------------------------------------------


def test_missing_model_parts_are_named(tmp_path, spacy_pos, tiny_model):
    with pytest.raises(BindingError, match=r"has no text_encoder/ folder"):
        ClipFrontend(str(tmp_path), spacy_pos)
    partial = tmp_path / "partial"
    (partial / "text_encoder").mkdir(parents=True)
    with pytest.raises(BindingError, match=r"has no tokenizer/ folder"):
        ClipFrontend(str(partial), spacy_pos)
    (partial / "tokenizer").mkdir()
    with pytest.raises(BindingError, match=r"cannot load the CLIP text encoder of") as info:
        ClipFrontend(str(partial), spacy_pos)
    assert "\n" not in str(info.value)


def test_hub_ids_are_looked_up_locally_only(spacy_pos):
    with pytest.raises(BindingError, match=r"from the local Hugging Face cache \(pass "
                                           r"--download to fetch it\)"):
        ClipFrontend("binding-tests/no-such-model", spacy_pos)


# --- the command line ----------------------------------------------------------------------------


def test_cli_clip_front_end_writes_a_valid_spec(tiny_model):
    result = CliRunner().invoke(cli, ["parse", "--frontend", "clip", "--model", str(tiny_model),
                                      "--text-attention", "--json", FLOWERS],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, json_schema())
    spec = spec_from_json(result.stdout)
    assert spec.frontend.name == "clip" and spec.frontend.model == str(tiny_model)
    assert len(spec.text_attention.matrix) == spec.tokens.length
    assert all(m.confidence is not None for e in spec.entities for m in e.modifiers)
    plain = CliRunner().invoke(cli, ["parse", "--frontend", "clip", "--model", str(tiny_model),
                                     "--json", FLOWERS], catch_exceptions=False)
    assert "text_attention" not in json.loads(plain.stdout)


def test_cli_clip_takes_parts_of_speech_from_conllu(tiny_model):
    fixture = Path(__file__).parent / "data" / "ud_constructions.conllu"
    result = CliRunner().invoke(cli, ["parse", "--frontend", "clip", "--model", str(tiny_model),
                                      "--conllu", str(fixture), "--layers", "0,2"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    specs = [spec_from_json(line) for line in result.stdout.splitlines()]
    assert len(specs) == fixture.read_text(encoding="utf-8").count("# sent_id = ")
    assert specs[0].id == "adj-01"
    assert {s.grammar.name for s in specs} == {"clip-attention"}
    # the entities come from the file's parts of speech, whatever the attention says
    assert [e.text for e in specs[0].entities] == ["sunflower", "flamingo"]


def test_cli_clip_errors(tiny_model):
    runner = CliRunner()
    result = runner.invoke(cli, ["parse", "--frontend", "clip", "a red cube"])
    assert result.exit_code == 2 and "pass --model" in result.stderr
    result = runner.invoke(cli, ["parse", "--frontend", "clip", "--model", str(tiny_model),
                                 "--layers", "one", "a red cube"])
    assert result.exit_code == 2 and "0-based numbers" in result.stderr
    result = runner.invoke(cli, ["parse", "--text-attention", "a red cube"])
    assert result.exit_code == 2 and "--text-attention applies to --frontend clip" in (
        result.stderr)


def test_eval_scores_the_attention_front_end(tiny_model, tmp_path, monkeypatch):
    """binding eval --frontend clip measures what the attention binds: the faithful matrix
    scores 1, the swapped one 0 (what a real model scores is the open question)."""
    gold = tmp_path / "flowers.jsonl"
    gold.write_text(json.dumps({"id": "f1", "prompt": FLOWERS, "entities": [
        {"text": "sunflower", "span": [7, 16],
         "modifiers": [{"text": "pink", "span": [2, 6], "kind": "attribute"}]},
        {"text": "flamingo", "span": [30, 38],
         "modifiers": [{"text": "yellow", "span": [23, 29], "kind": "attribute"}]}]}) + "\n",
        encoding="utf-8")
    scores = {}
    for name, matrix in (("faithful", FAITHFUL), ("swapped", SWAPPED)):
        def designed(module, query, key, value, attention_mask, scaling, dropout=0.0, _m=matrix,
                     **kwargs):
            weights = _m[None, None].expand(1, HEADS, -1, -1).to(query.dtype)
            return torch.matmul(weights, value).transpose(1, 2).contiguous(), weights

        monkeypatch.setattr(modeling_clip, "eager_attention_forward", designed)
        result = CliRunner().invoke(cli, ["eval", "--frontend", "clip", "--model",
                                          str(tiny_model), "--corpus", str(gold), "--json"],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        report = json.loads(result.stdout)
        assert report["grammar"] == "clip-attention"
        scores[name] = report["corpora"]["flowers"]["attribute_pair"]["f1"]
    assert scores == {"faithful": 1.0, "swapped": 0.0}
