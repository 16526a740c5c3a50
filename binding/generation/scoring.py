"""Image-side scores: how well a rendered image shows its spec's entities with their modifiers.

Two scorers ship, each loading a model the user names (no weights come with binding):

- ``clip`` — SynGen's automatic protocol: the CLIP similarity between the image and each
  entity-with-modifiers segment of the spec ("pink sunflower", "yellow flamingo").
- ``blip-vqa`` — T2I-CompBench's BLIP-VQA: each segment asked as a question ("pink
  sunflower?"), the probability of the answer "yes", multiplied across segments.

Other scorers (TIFA, a different VQA model, ...) plug in through ``register_scorer`` (that is,
``registry.scorers``) or the ``binding_scorers`` entry-point group: a factory ``(model, *,
device, local_files_only) -> Scorer``. A scorer is anything with a ``name``, the ``metrics``
it reports, and ``score(images, specs) -> list[Score]``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from binding import hub
from binding.errors import BindingError
from binding.registry import lookup, names, registry
from binding.spec import Spec


def segments(spec: Spec) -> list[str]:
    """One text per entity: its modifiers in prompt order, then the entity ("a dog that is
    red" -> "red dog", "three red apples" -> "three red apples"). An entity without modifiers
    is its own segment, so a missing entity costs as much as a wrong attribute."""
    out = []
    for entity in spec.entities:
        words = [m.text for m in sorted(entity.modifiers, key=lambda m: m.span)]
        out.append(" ".join([*words, entity.text]))
    return out


@dataclass
class Score:
    """One image's numbers: ``metrics`` are summarised per method (mean and confidence
    interval; ``None`` where the metric does not apply), ``details`` go to the scores file."""

    metrics: dict[str, float | None]
    details: dict[str, Any] = field(default_factory=dict)


class Scorer(Protocol):
    """What ``binding eval-images`` needs of a scorer."""

    name: str
    metrics: tuple[str, ...]

    def score(self, images: Sequence[Any], specs: Sequence[Spec]) -> list[Score]:
        """One Score per (PIL image, spec) pair, in order."""
        ...


ScorerFactory = Callable[..., Scorer]


def register_scorer(name: str, factory: ScorerFactory) -> None:
    """Make ``factory`` available as ``--scorer NAME=MODEL`` (``registry.scorers``)."""
    registry.scorers.register(name, func=factory)


def scorer_names() -> list[str]:
    return names(registry.scorers)


def make_scorer(name: str, model: str, *, device: str | None = None,
                local_files_only: bool = False, **options: Any) -> Scorer:
    """The scorer registered as ``name`` (bundled or from an entry point), loading ``model``."""
    factory: ScorerFactory = lookup(registry.scorers, name, "scorer")
    return factory(model, device=device, local_files_only=local_files_only, **options)


# --- loading -----------------------------------------------------------------------------

def _load(loader: Any, model: str, what: str, option: str, local_files_only: bool) -> Any:
    from binding.generation.models import _quiet_loading

    with _quiet_loading():
        return hub.load(loader, model, what=what, option=option,
                        local_files_only=local_files_only,
                        expects="the model and its processor")


def _features(output: Any) -> Any:
    """transformers 4 returns the projected features; 5 a model output holding them."""
    import torch

    return output if isinstance(output, torch.Tensor) else output.pooler_output


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# --- CLIP ------------------------------------------------------------------------------

class ClipScorer:
    """SynGen's automatic evaluation with a CLIP model the user names.

    Per image: the cosine similarity with each segment (``clip_mean`` averages them,
    ``clip_min`` is the worst-shown segment, as Attend-and-Excite's minimum object similarity
    but with modifiers), with the whole prompt (``clip_full``), and the softmax of CLIP's
    scaled similarities over the segments. A plain average of that softmax is 1/n for every
    image, so it is summarised as ``clip_balance`` = n × the smallest segment probability:
    1 when every segment is as present as the others, towards 0 when one is neglected.
    """

    name = "clip"
    metrics = ("clip_mean", "clip_min", "clip_full", "clip_balance")

    def __init__(self, model: str, *, device: str | None = None, local_files_only: bool = False,
                 template: str = "{}", batch_size: int = 16) -> None:
        from transformers import CLIPModel, CLIPProcessor

        from binding.generation.models import resolve_device

        if "{}" not in template:
            raise BindingError(f"segment template {template!r} has no {{}} for the segment")
        self.device = resolve_device(device)
        self.model = _load(CLIPModel.from_pretrained, model, "CLIP model", "--clip",
                           local_files_only).to(self.device).eval()
        self.processor = _load(CLIPProcessor.from_pretrained, model, "CLIP processor", "--clip",
                               local_files_only)
        self.template, self.batch_size = template, batch_size
        self.model_id = model

    def _texts(self, texts: list[str]) -> Any:
        import torch

        out = []
        with torch.no_grad():
            for chunk in _chunks(texts, self.batch_size):
                inputs = self.processor(text=list(chunk), return_tensors="pt", padding=True,
                                        truncation=True).to(self.device)
                out.append(_features(self.model.get_text_features(**inputs)))
        features = torch.cat(out).float()
        return features / features.norm(dim=-1, keepdim=True)

    def _images(self, images: Sequence[Any]) -> Any:
        import torch

        out = []
        with torch.no_grad():
            for chunk in _chunks(images, self.batch_size):
                inputs = self.processor(images=[im.convert("RGB") for im in chunk],
                                        return_tensors="pt").to(self.device)
                out.append(_features(self.model.get_image_features(**inputs)))
        features = torch.cat(out).float()
        return features / features.norm(dim=-1, keepdim=True)

    def score(self, images: Sequence[Any], specs: Sequence[Spec]) -> list[Score]:
        import torch

        # the whole prompt as the model read it: a weighted prompt without its syntax
        per_image = [[spec.read().text, *(self.template.format(s) for s in segments(spec))]
                     for spec in specs]
        texts = sorted({t for group in per_image for t in group})
        index = {t: i for i, t in enumerate(texts)}
        text_features = self._texts(texts)
        image_features = self._images(images)
        cosine = image_features @ text_features.T  # (images, texts)
        scale = float(self.model.logit_scale.detach().exp())
        scores = []
        for n, (full, *parts) in enumerate(per_image):
            full_cos = float(cosine[n, index[full]])
            if not parts:
                scores.append(Score({"clip_mean": None, "clip_min": None, "clip_full": full_cos,
                                     "clip_balance": None}, {"segments": []}))
                continue
            cos = cosine[n, [index[p] for p in parts]]
            probs = torch.softmax(scale * cos, dim=0)
            scores.append(Score(
                {"clip_mean": float(cos.mean()), "clip_min": float(cos.min()),
                 "clip_full": full_cos, "clip_balance": float(probs.min()) * len(parts)},
                {"segments": [{"text": t, "cosine": round(float(c), 6),
                               "softmax": round(float(p), 6)}
                              for t, c, p in zip(parts, cos, probs, strict=True)]}))
        return scores


# --- BLIP VQA ---------------------------------------------------------------------------

class BlipVqaScorer:
    """T2I-CompBench's BLIP-VQA with a BLIP question-answering model the user names
    (transformers ``BlipForQuestionAnswering``, e.g. Salesforce/blip-vqa-base).

    Each segment becomes a question (``question`` template, default "{}?"); its score is the
    probability the answer decoder gives ``yes`` as its first token (softmax over the decoder's
    vocabulary); ``vqa`` is the product over the spec's segments. T2I-CompBench asks about
    spaCy noun chunks ("a pink sunflower?"); binding asks about the spec's segments, which are
    the same phrases without the article.
    """

    name = "blip-vqa"
    metrics = ("vqa",)

    def __init__(self, model: str, *, device: str | None = None, local_files_only: bool = False,
                 question: str = "{}?", answer: str = "yes", batch_size: int = 16) -> None:
        from transformers import BlipForQuestionAnswering, BlipProcessor

        from binding.generation.models import resolve_device

        if "{}" not in question:
            raise BindingError(f"question template {question!r} has no {{}} for the segment")
        self.device = resolve_device(device)
        self.model = _load(BlipForQuestionAnswering.from_pretrained, model, "BLIP VQA model",
                           "--vqa", local_files_only).to(self.device).eval()
        self.processor = _load(BlipProcessor.from_pretrained, model, "BLIP processor", "--vqa",
                               local_files_only)
        ids = self.processor.tokenizer(answer, add_special_tokens=False).input_ids
        if len(ids) != 1:
            raise BindingError(f"the answer {answer!r} is {len(ids)} tokens for this model's "
                               "tokenizer: binding reads the probability of a one-token answer")
        self.answer_id = ids[0]
        self.question, self.batch_size = question, batch_size

    def yes_probability(self, images: Sequence[Any], questions: Sequence[str]) -> list[float]:
        """P(answer) for each (image, question) pair. Pairs are batched by question length:
        BLIP's answer decoder attends to the padding of a padded question."""
        import torch

        lengths = [len(self.processor.tokenizer(q).input_ids) for q in questions]
        result = [math.nan] * len(questions)
        by_length: dict[int, list[int]] = {}
        for n, length in enumerate(lengths):
            by_length.setdefault(length, []).append(n)
        with torch.no_grad():
            for group in by_length.values():
                for chunk in _chunks(group, self.batch_size):
                    inputs = self.processor(images=[images[n].convert("RGB") for n in chunk],
                                            text=[questions[n] for n in chunk],
                                            return_tensors="pt").to(self.device)
                    out = self.model.generate(**inputs, max_new_tokens=1, do_sample=False,
                                              num_beams=1, output_logits=True,
                                              return_dict_in_generate=True)
                    probs = torch.softmax(out.logits[0].float(), dim=-1)[:, self.answer_id]
                    for n, p in zip(chunk, probs.tolist(), strict=True):
                        result[n] = p
        return result

    def score(self, images: Sequence[Any], specs: Sequence[Spec]) -> list[Score]:
        pairs = [(n, self.question.format(s)) for n, spec in enumerate(specs)
                 for s in segments(spec)]
        probs = self.yes_probability([images[n] for n, _ in pairs], [q for _, q in pairs])
        asked: list[list[tuple[str, float]]] = [[] for _ in specs]
        for (n, question), p in zip(pairs, probs, strict=True):
            asked[n].append((question, p))
        return [Score({"vqa": math.prod(p for _, p in q) if q else None},
                      {"questions": [{"question": t, "yes": round(p, 6)} for t, p in q]})
                for q in asked]


register_scorer("clip", ClipScorer)
register_scorer("blip-vqa", BlipVqaScorer)
