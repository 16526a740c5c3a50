"""``binding eval-images``: SynGen's CLIP protocol and BLIP-VQA on tiny random models saved the
way real ones are, against independent computations; the bootstrap; the grids; the scorer
hook; bad input. Random weights give meaningless numbers: these check the plumbing."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
import torch
from conftest import error_line
from PIL import Image

from binding.generation.report import bootstrap_ci, collect
from binding.generation.scoring import (
    BlipVqaScorer,
    ClipScorer,
    Score,
    make_scorer,
    register_scorer,
    segments,
)

FLOWERS = "a pink sunflower and a yellow flamingo"
WORDS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "[DEC]", "yes", "no", "?", "a", "and",
         "pink", "sunflower", "yellow", "flamingo", "red", "cube", "blue", "ball"]
COLOURS = {"red": (220, 20, 20), "green": (20, 200, 40), "blue": (30, 40, 220),
           "white": (250, 250, 250)}


@pytest.fixture(scope="session")
def clip_path(tmp_path_factory):
    """A tiny random CLIPModel with CLIP's real tokenizer and a 32-pixel image processor."""
    from transformers import (
        CLIPConfig,
        CLIPImageProcessorPil,
        CLIPModel,
        CLIPProcessor,
        CLIPTokenizer,
    )

    from binding.generation.architectures import clip_tokenizer_files

    folder = tmp_path_factory.mktemp("tiny-clip")
    tokenizer = CLIPTokenizer.from_pretrained(clip_tokenizer_files(folder / "bpe"),
                                              model_max_length=77)
    small = dict(hidden_size=32, intermediate_size=37, num_attention_heads=4,
                 num_hidden_layers=2)
    torch.manual_seed(0)
    model = CLIPModel(CLIPConfig(text_config=dict(small, vocab_size=49408),
                                 vision_config=dict(small, image_size=32, patch_size=8),
                                 projection_dim=16))
    images = CLIPImageProcessorPil(size={"shortest_edge": 32},
                                   crop_size={"height": 32, "width": 32})
    model.save_pretrained(folder)
    CLIPProcessor(image_processor=images, tokenizer=tokenizer).save_pretrained(folder)
    return folder


@pytest.fixture(scope="session")
def blip_path(tmp_path_factory):
    """A tiny random BlipForQuestionAnswering with a small BERT vocabulary."""
    from transformers import (
        BertTokenizer,
        BlipConfig,
        BlipForQuestionAnswering,
        BlipImageProcessorPil,
        BlipProcessor,
    )

    folder = tmp_path_factory.mktemp("tiny-blip")
    (folder / "vocab.txt").write_text("\n".join(WORDS) + "\n", encoding="utf-8")
    tokenizer = BertTokenizer(str(folder / "vocab.txt"), bos_token="[DEC]")
    small = dict(hidden_size=32, intermediate_size=37, num_attention_heads=4,
                 num_hidden_layers=2)
    torch.manual_seed(0)
    model = BlipForQuestionAnswering(BlipConfig(
        text_config=dict(small, vocab_size=len(WORDS), encoder_hidden_size=32,
                         bos_token_id=WORDS.index("[DEC]"), pad_token_id=0,
                         sep_token_id=WORDS.index("[SEP]")),
        vision_config=dict(small, image_size=32, patch_size=8), projection_dim=16))
    model.save_pretrained(folder)
    (folder / "vocab.txt").unlink()
    BlipProcessor(image_processor=BlipImageProcessorPil(size={"height": 32, "width": 32}),
                  tokenizer=tokenizer).save_pretrained(folder)
    return folder


def picture(colour: str, size: int = 48) -> Image.Image:
    """A solid colour with a white square in one corner: images that differ."""
    data = np.full((size, size, 3), COLOURS[colour], dtype=np.uint8)
    data[: size // 3, : size // 3] = 255
    return Image.fromarray(data)


def layout(root: Path, parse, plan: dict[str, dict[str, list[str]]]) -> Path:
    """The render layout by hand: {prompt: {method: [colour per seed]}}, with run records
    holding what ``eval-images`` reads (schema, spec, method, seed, image)."""
    from binding.generation.outputs import image_stem, prompt_id

    for prompt, methods in plan.items():
        spec = parse(prompt)
        folder = root / prompt_id(spec)
        folder.mkdir(parents=True, exist_ok=True)
        for method, colours in methods.items():
            for seed, colour in enumerate(colours):
                stem = image_stem(method, seed)
                picture(colour).save(folder / f"{stem}.png")
                record = {"schema": "binding.run/1", "image": f"{stem}.png",
                          "spec": json.loads(spec.model_dump_json()),
                          "method": {"name": method}, "seed": seed}
                (folder / f"{stem}.json").write_text(json.dumps(record), encoding="utf-8")
    return root


PLAN = {FLOWERS: {"syngen": ["red", "green"], "none": ["blue", "white"]},
        "a red cube": {"syngen": ["red", "blue"], "none": ["green", "green"]}}


# --- segments and scorers ----------------------------------------------------------------

def test_segments_are_entities_with_their_modifiers_in_prompt_order(parse):
    assert segments(parse(FLOWERS)) == ["pink sunflower", "yellow flamingo"]
    assert segments(parse("three red apples")) == ["three red apples"]
    assert segments(parse("a cat with blue eyes")) == ["cat", "blue eyes"]
    assert segments(parse("a dog that is red")) == ["red dog"]


def test_clip_scores_are_cosines_with_each_segment_as_clip_itself_computes_them(clip_path,
                                                                                parse):
    from transformers import CLIPModel, CLIPProcessor

    scorer = ClipScorer(str(clip_path), device="cpu", local_files_only=True,
                        template="a photo of {}")
    spec = parse(FLOWERS)
    images = [picture("red"), picture("blue"), picture("green")]
    scores = scorer.score(images, [spec] * 3)

    model = CLIPModel.from_pretrained(clip_path).eval()
    processor = CLIPProcessor.from_pretrained(clip_path)
    texts = [FLOWERS, "a photo of pink sunflower", "a photo of yellow flamingo"]
    with torch.no_grad():
        out = model(**processor(text=texts, images=images, return_tensors="pt",
                                padding=True))
    scale = model.logit_scale.detach().exp()
    cosine = (out.logits_per_image / scale).numpy()  # CLIP's own path: logits / scale
    for n, score in enumerate(scores):
        parts = cosine[n, 1:]
        probs = torch.softmax(scale * torch.tensor(parts), 0).numpy()
        assert score.metrics["clip_full"] == pytest.approx(cosine[n, 0], abs=1e-5)
        assert score.metrics["clip_mean"] == pytest.approx(parts.mean(), abs=1e-5)
        assert score.metrics["clip_min"] == pytest.approx(parts.min(), abs=1e-5)
        assert score.metrics["clip_balance"] == pytest.approx(2 * probs.min(), abs=1e-4)
        details = score.details["segments"]
        assert [d["text"] for d in details] == texts[1:]
        assert sum(d["softmax"] for d in details) == pytest.approx(1, abs=1e-5)
    assert scores[0].metrics != scores[1].metrics  # the image matters


def test_blip_vqa_is_the_first_answer_token_probability_multiplied_over_segments(blip_path,
                                                                                 parse):
    from transformers import BlipForQuestionAnswering, BlipProcessor

    scorer = BlipVqaScorer(str(blip_path), device="cpu", local_files_only=True)
    specs = [parse(FLOWERS), parse("a red cube"), parse(FLOWERS)]
    images = [picture("red"), picture("blue"), picture("white")]
    scores = scorer.score(images, specs)

    model = BlipForQuestionAnswering.from_pretrained(blip_path).eval()
    processor = BlipProcessor.from_pretrained(blip_path)
    yes = WORDS.index("yes")

    def by_hand(image, question):
        """BLIP's VQA path step by step: image encoder, question encoder over the image,
        answer decoder's first step from [DEC]."""
        inputs = processor(images=image, text=question, return_tensors="pt")
        with torch.no_grad():
            image_embeds = model.vision_model(pixel_values=inputs.pixel_values)[0]
            question_embeds = model.text_encoder(
                input_ids=inputs.input_ids, attention_mask=inputs.attention_mask,
                encoder_hidden_states=image_embeds)[0]
            logits = model.text_decoder(
                input_ids=torch.tensor([[model.decoder_start_token_id]]),
                encoder_hidden_states=question_embeds).logits[0, -1]
        return float(torch.softmax(logits, -1)[yes])

    for image, spec, score in zip(images, specs, scores, strict=True):
        asked = [f"{s}?" for s in segments(spec)]
        expected = [by_hand(image, q) for q in asked]
        assert [q["question"] for q in score.details["questions"]] == asked
        assert [q["yes"] for q in score.details["questions"]] == pytest.approx(expected, abs=1e-5)
        assert score.metrics["vqa"] == pytest.approx(float(np.prod(expected)), abs=1e-6)
    alone = scorer.score(images[1:2], specs[1:2])[0]
    assert alone.metrics["vqa"] == pytest.approx(scores[1].metrics["vqa"], abs=1e-6)


def test_an_answer_of_several_tokens_is_refused(blip_path):
    from binding.errors import BindingError

    with pytest.raises(BindingError, match="is 2 tokens"):
        BlipVqaScorer(str(blip_path), device="cpu", local_files_only=True, answer="yes no")


# --- the bootstrap -----------------------------------------------------------------------

def test_the_bootstrap_interval_is_seeded_and_covers_the_mean():
    rng = np.random.default_rng(1)
    values = rng.normal(0.3, 0.05, size=40)
    groups = [n // 4 for n in range(40)]
    mean, low, high = bootstrap_ci(values, groups, seed=3)
    assert mean == pytest.approx(values.mean())
    assert low < mean < high and high - low < 0.1
    assert bootstrap_ci(values, groups, seed=3) == (mean, low, high)
    assert bootstrap_ci(values, groups, seed=4) != (mean, low, high)
    assert bootstrap_ci([0.5] * 6, [0, 0, 1, 1, 2, 2]) == (0.5, 0.5, 0.5)
    assert bootstrap_ci([0.7]) == (0.7, 0.7, 0.7)


def test_the_bootstrap_resamples_prompts_not_images():
    """Two prompts, one always 0 and one always 1: resampling prompts can only give means of
    0, 1/2 or 1 (so the interval spans [0, 1]); resampling images would not."""
    values, groups = [0.0] * 8 + [1.0] * 8, ["a"] * 8 + ["b"] * 8
    mean, low, high = bootstrap_ci(values, groups, resamples=2000)
    assert (mean, low, high) == (0.5, 0.0, 1.0)
    _, low_images, high_images = bootstrap_ci(values, None, resamples=2000)
    assert 0.2 < low_images < 0.5 < high_images < 0.8


# --- the command -------------------------------------------------------------------------

def test_eval_images_scores_summarises_and_lays_out_the_grids(run, parse, clip_path,
                                                              blip_path, tmp_path):
    root = layout(tmp_path / "renders", parse, PLAN)
    result = run("eval-images", str(root), "--clip", str(clip_path), "--vqa", str(blip_path),
                 "--device", "cpu", "--local-files-only", "--no-progress", "--bootstrap", "200")
    assert result.exit_code == 0, result.stderr
    out = root / "_eval"
    rows = [json.loads(x) for x in (out / "scores.jsonl").read_text().splitlines()]
    assert len(rows) == 8
    assert {r["method"] for r in rows} == {"syngen", "none"}
    assert all(set(r) >= {"clip_mean", "clip_min", "clip_full", "clip_balance", "vqa"}
               for r in rows)
    assert all((root / r["image"]).is_file() for r in rows)

    header, _rule, *lines = result.stdout.splitlines()
    assert header.split()[:4] == ["method", "images", "prompts", "clip_mean"]
    assert [line.split()[:3] for line in lines] == [["none", "4", "2"], ["syngen", "4", "2"]]
    summary = json.loads((out / "summary.json").read_text())
    assert summary["scorers"][0] == {"name": "clip", "model": str(clip_path),
                                     "metrics": ["clip_mean", "clip_min", "clip_full",
                                                 "clip_balance"]}
    syngen = next(m for m in summary["methods"] if m["method"] == "syngen")
    mine = [r["vqa"] for r in rows if r["method"] == "syngen"]
    assert syngen["metrics"]["vqa"]["mean"] == pytest.approx(np.mean(mine))
    assert syngen["metrics"]["vqa"]["n"] == 4
    assert f"{lines[1].split()[3]}" in (out / "summary.md").read_text()

    pages = sorted((out / "grids").glob("*.html"))
    assert len(pages) == 2 and len(sorted((out / "grids").glob("*.png"))) == 2
    page = pages[0].read_text()
    sources = re.findall(r'<img src="([^"]+)"', page)
    assert len(sources) == 4 and all((pages[0].parent / s).resolve().is_file() for s in sources)
    assert "syngen · seed 1 · clip_mean" in page
    grid = Image.open(sorted((out / "grids").glob("*.png"))[0])
    assert grid.size[0] == 2 * 256 and grid.size[1] > 2 * 256  # 2 seeds x 2 methods + captions
    index = (out / "index.html").read_text()
    assert all(f'href="grids/{p.name}"' in index for p in pages)


def test_a_render_batch_folder_is_read_as_it_is(run, parse, tiny_sd_path, clip_path, tmp_path):
    specs = tmp_path / "specs.jsonl"
    specs.write_text("\n".join(parse(p).model_dump_json() for p in (FLOWERS, "a red cube"))
                     + "\n", encoding="utf-8")
    out = tmp_path / "renders"
    rendered = run("render-batch", str(specs), "--model", str(tiny_sd_path), "--method", "none",
                   "--seeds", "0-1", "--steps", "2", "--device", "cpu", "--local-files-only",
                   "--no-progress", "--out", str(out))
    assert rendered.exit_code == 0, rendered.stderr
    result = run("eval-images", str(out), "--clip", str(clip_path), "--device", "cpu",
                 "--local-files-only", "--grid", "none", "--json", "-o", str(tmp_path / "ev"))
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert [(m["method"], m["images"], m["prompts"]) for m in summary["methods"]] == \
        [("none", 4, 2)]
    assert sorted(p.name for p in (tmp_path / "ev").iterdir()) == [
        "index.html", "scores.jsonl", "summary.json", "summary.md"]


def test_a_plug_in_scorer_is_found_by_name_and_summarised(run, parse, tmp_path, clean_registry):
    """The hook for TIFA-style scorers: a factory registered under a name, used through
    ``--scorer NAME=MODEL``; its metrics are summarised like the built-in ones."""
    made = {}

    class Redness:
        name, metrics = "redness", ("red",)

        def score(self, images, specs):
            return [Score({"red": float(np.asarray(im)[..., 0].mean() / 255)},
                          {"prompt": s.prompt}) for im, s in zip(images, specs, strict=True)]

    def factory(model, *, device=None, local_files_only=False, batch_size=16):
        made.update(model=model, device=device, local=local_files_only)
        return Redness()

    register_scorer("redness", factory)
    root = layout(tmp_path / "renders", parse, PLAN)
    result = run("eval-images", str(root), "--scorer", "redness=my-model", "--method", "syngen",
                 "--json", "--bootstrap", "0", "--grid", "html")
    assert result.exit_code == 0, result.stderr
    assert made == {"model": "my-model", "device": None, "local": False}
    (syngen,) = json.loads(result.stdout)["methods"]
    reds = [np.asarray(picture(c))[..., 0].mean() / 255 for c in ("red", "green", "red", "blue")]
    assert syngen["metrics"]["red"]["mean"] == pytest.approx(np.mean(reds))
    assert syngen["metrics"]["red"]["low"] == syngen["metrics"]["red"]["high"] == \
        syngen["metrics"]["red"]["mean"]  # no resamples: no interval
    assert not list((root / "_eval" / "grids").glob("*.png"))
    assert make_scorer("redness", "x").name == "redness"


def test_without_a_scorer_only_the_grids_and_counts_are_written(run, parse, tmp_path):
    root = layout(tmp_path / "renders", parse, PLAN)
    result = run("eval-images", str(root), "--grid", "png")
    assert result.exit_code == 0, result.stderr
    assert "no scorer given" in result.stderr
    assert [line.split() for line in result.stdout.splitlines()[2:]] == [
        ["none", "4", "2"], ["syngen", "4", "2"]]
    assert len(list((root / "_eval" / "grids").glob("*.png"))) == 2


def test_records_without_images_and_other_json_are_left_out(parse, tmp_path):
    root = layout(tmp_path / "renders", parse, PLAN)
    next(root.glob("*/none_1.png")).unlink()
    (root / "_batch").mkdir()
    (root / "_batch" / "summary.json").write_text("{}")
    (next(root.glob("*/")) / "notes.json").write_text('{"hello": 1}')
    warnings = []
    found = collect(root, warn=warnings.append)
    assert len(found) == 7
    assert len(warnings) == 1 and "its image none_1.png is missing" in warnings[0]


@pytest.mark.parametrize("case", ["empty", "missing", "scorer", "twice", "syntax", "clip",
                                  "method"])
def test_bad_input_is_one_line_exit_2_and_nothing_written(run, parse, clip_path, tmp_path,
                                                          case):
    root = layout(tmp_path / "renders", parse, {"a red cube": {"none": ["red"]}})
    args = [str(root)]
    if case == "empty":
        args, message = [str(tmp_path)], "no rendered image with a run record"
    elif case == "missing":
        args, message = [str(tmp_path / "nothere")], "does not exist"
    elif case == "scorer":
        args, message = [*args, "--scorer", "tifa=x"], "unknown scorer 'tifa'"
    elif case == "twice":
        args, message = [*args, "--clip", "a", "--scorer", "clip=b"], "given twice"
    elif case == "syntax":
        args, message = [*args, "--scorer", "clip"], "is not NAME=MODEL"
    elif case == "clip":
        args, message = [*args, "--clip", str(tmp_path / "no-clip")], "CLIP model folder"
    else:
        args, message = [*args, "--method", "syngen"], "for method syngen"
    line = error_line(run("eval-images", *args, "--device", "cpu", "--local-files-only"))
    assert message in line
    assert not (root / "_eval").exists() and not (tmp_path / "_eval").exists()
