"""The clip front end: which word describes which, read from the CLIP text encoder's own
self-attention, with no parser (T-SAM, Kim, Esmaeili & Qiu, CVPR 2025).

CLIP's text attention is causal: a later token attends back to earlier ones, and a noun attends
to its adjective. Parts of speech (from a light tagger: spaCy's, or any front end's) say which
words are entities and which are modifiers; attention says which entity each modifier belongs
to. Each modifier is bound to the entity it shares the most attention with (the later word's row,
the earlier word's column, start token dropped, rows renormalised over the prompt's words), and
its ``confidence`` is that entity's share of the attention between the modifier and all
entities. An entity after connecting words ("with", "wearing", "next to") is related to the
earlier entity it attends to most.

The result is an ordinary dependency graph (scheme ``attention``) that the ``clip-attention``
grammar binds. The front end can also hand the attention matrix itself to the spec
(``text_attention``), which T-SAM's loss reads.

The only module that imports torch and transformers, lazily: ``import binding`` stays light.
Real quality needs the real model's weights; nothing here has been measured on them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from binding.errors import BindingError
from binding.extras import install_hint
from binding.graph import DependencyGraph, Word
from binding.spec import FrontendInfo, TextAttention

ENTITY_POS = frozenset({"NOUN", "PROPN"})
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})
# a verb followed by one of these takes an object: it connects two entities ("wearing a hat")
OBJECT_STARTS = frozenset({"DET", "PRON", "NUM", "PROPN"})
CONNECTOR_POS = frozenset({"ADP", "VERB", "AUX", "PART", "ADV", "SCONJ"})
AGGREGATES = ("mean", "max")
INSTALL_HINT = install_hint("clip")


class PosSource(Protocol):
    """Any front end: the clip front end keeps its words and parts of speech, not its parse."""

    info: FrontendInfo

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]: ...


@dataclass(frozen=True)
class AttentionSettings:
    """Which attention is read. Defaults follow T-SAM: every layer, every head, the mean."""

    layers: tuple[int, ...] | None = None  # 0-based; None: all
    heads: tuple[int, ...] | None = None  # None: all
    aggregate: str = "mean"  # over the chosen heads and layers: "mean" or "max"

    def __post_init__(self) -> None:
        if self.aggregate not in AGGREGATES:
            raise BindingError(f"unknown aggregation {self.aggregate!r}: use one of "
                               f"{', '.join(AGGREGATES)}")


@dataclass(slots=True)
class AttentionGraph(DependencyGraph):
    """A graph read from attention; carries the raw matrix for the spec when it was asked for."""

    text_attention: TextAttention | None = None


@dataclass(frozen=True)
class EncodedAttention:
    """One prompt through the text encoder: token offsets and attention per layer and head."""

    offsets: list[tuple[int, int]]  # per content token (start/end tokens excluded)
    attentions: Any  # torch tensor (layers, heads, L, L), L = content tokens + 2


class ClipTextEncoder:
    """The text encoder and tokenizer of a diffusers model (folder or hub id), nothing else."""

    def __init__(self, model: str, local_files_only: bool = True, device: str = "cpu",
                 subfolder: str = "text_encoder", tokenizer_subfolder: str = "tokenizer") -> None:
        try:
            import torch
            from transformers import CLIPTextModel, CLIPTokenizerFast
        except ImportError:
            raise BindingError(f"the clip front end needs torch and transformers: "
                               f"{INSTALL_HINT}") from None
        self.model_id = model
        self.tokenizer_id = f"{model}/{tokenizer_subfolder}"
        self._torch = torch
        path = Path(model).expanduser()
        if path.exists() or model.startswith((".", "/", "~")):
            for sub in (subfolder, tokenizer_subfolder):
                if not (path / sub).is_dir():
                    raise BindingError(
                        f"{path} has no {sub}/ folder: --model needs a diffusers model folder "
                        f"(with {subfolder}/ and {tokenizer_subfolder}/) or a hub id")
            source = str(path)
        else:
            source = model
        try:
            self.tokenizer = CLIPTokenizerFast.from_pretrained(
                source, subfolder=tokenizer_subfolder, local_files_only=local_files_only)
            self.model = CLIPTextModel.from_pretrained(
                source, subfolder=subfolder, local_files_only=local_files_only,
                attn_implementation="eager")  # the fused kernels return no attention maps
        except (OSError, ValueError) as exc:
            where = (" from the local Hugging Face cache (pass --download to fetch it)"
                     if local_files_only and source == model else "")
            raise BindingError(f"cannot load the CLIP text encoder of {model!r} ({subfolder}/, "
                               f"{tokenizer_subfolder}/){where}: {_first_line(exc)}") from None
        self.model.eval().to(device)
        self.device = device
        self.max_length = int(self.model.config.max_position_embeddings)
        self.layers = int(self.model.config.num_hidden_layers)
        self.heads = int(self.model.config.num_attention_heads)

    def encode(self, text: str) -> EncodedAttention:
        torch = self._torch
        encoding = self.tokenizer(text, truncation=True, max_length=self.max_length,
                                  return_offsets_mapping=True)
        ids = torch.tensor([encoding["input_ids"]], device=self.device)
        with torch.no_grad():
            out = self.model(input_ids=ids, output_attentions=True)
        if not out.attentions or out.attentions[0] is None:
            raise BindingError(f"the text encoder of {self.model_id!r} returned no attention "
                               "maps")
        attentions = torch.stack([a[0] for a in out.attentions]).float().cpu()
        offsets = [tuple(o) for o in encoding["offset_mapping"][1:-1]]
        return EncodedAttention(offsets=offsets, attentions=attentions)  # type: ignore[arg-type]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# --- roles from parts of speech ---------------------------------------------------------------


def _roles(words: Sequence[Word]) -> tuple[set[int], dict[int, str]]:
    """Entity candidates, and modifier candidates with the label their part of speech gives."""
    entities: set[int] = set()
    modifiers: dict[int, str] = {}

    def after(i: int) -> Word | None:
        return words[i + 1] if i + 1 < len(words) else None

    for i, word in enumerate(words):
        nxt = after(i)
        if word.pos in ENTITY_POS:
            if nxt is not None and nxt.pos in ENTITY_POS:
                modifiers[i] = "compound"  # "fire hydrant": fire describes hydrant
            else:
                entities.add(i)
        elif word.pos == "ADJ":
            modifiers[i] = "amod"
        elif word.pos == "NUM":
            modifiers[i] = "nummod"
        elif word.pos == "VERB" and word.tag in PARTICIPLE_TAGS and (
                nxt is None or nxt.pos not in OBJECT_STARTS):
            modifiers[i] = "amod"  # "a sleeping dog", "a cat sleeping on a couch"
    for i, word in enumerate(words):  # "very tall": an adverb before a modifier
        nxt = after(i)
        if word.pos == "ADV" and nxt is not None and (i + 1) in modifiers:
            modifiers[i] = "advmod"
    return entities, modifiers


# --- attention between words ------------------------------------------------------------------


def _word_pieces(words: Sequence[Word], offsets: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Encoded positions (start token = 0) of each word's pieces."""
    pieces: list[list[int]] = [[] for _ in words]
    for k, (start, end) in enumerate(offsets):
        for w, word in enumerate(words):
            if start < word.end and end > word.start and end > start:
                pieces[w].append(k + 1)
    return pieces


def _content_rows(matrix: Any, length: int) -> Any:
    """Rows over the prompt's own tokens: start-token column dropped (the attention sink), end
    token dropped, each row renormalised (T-SAM's T without its power)."""
    content = matrix[1:length - 1, 1:length - 1].clone()
    sums = content.sum(dim=1, keepdim=True)
    return content / sums.clamp_min(1e-12)


class ClipFrontend:
    """Parts of speech from ``pos`` (any front end), bindings from CLIP's text attention."""

    name = "clip"
    scheme = "attention"

    def __init__(self, model: str, pos: PosSource, settings: AttentionSettings | None = None,
                 local_files_only: bool = True, device: str = "cpu",
                 export_attention: bool = False, encoder: ClipTextEncoder | None = None) -> None:
        self.encoder = encoder or ClipTextEncoder(model, local_files_only=local_files_only,
                                                  device=device)
        self.pos = pos
        self.settings = settings or AttentionSettings()
        self.export_attention = export_attention
        self.layers = self._chosen(self.settings.layers, self.encoder.layers, "layer")
        self.heads = self._chosen(self.settings.heads, self.encoder.heads, "head")
        self.info = FrontendInfo(name=self.name, model=model, version=_version())

    @staticmethod
    def _chosen(wanted: tuple[int, ...] | None, count: int, what: str) -> list[int]:
        if wanted is None:
            return list(range(count))
        bad = [n for n in wanted if not 0 <= n < count]
        if bad or not wanted:
            raise BindingError(f"{what} {bad[0] if bad else '(none)'} does not exist: the text "
                               f"encoder has {what}s 0-{count - 1}")
        return sorted(set(wanted))

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]:
        for tagged in self.pos.graphs(texts, batch_size=batch_size, ids=ids):
            yield self.graph_from(tagged)

    def units(self) -> Iterator[tuple[str | None, DependencyGraph]]:
        """(sent_id, graph) of every sentence of the part-of-speech source's file."""
        units = getattr(self.pos, "units", None)
        if units is None:
            raise BindingError("the clip front end reads a file only with --conllu FILE")
        for id, tagged in units():
            yield id, self.graph_from(tagged)

    def graph_from(self, tagged: DependencyGraph) -> AttentionGraph:
        """Re-attach the words of a tagged graph by attention."""
        encoded = self.encoder.encode(tagged.text)
        attentions = encoded.attentions[self.layers]
        length = attentions.shape[-1]
        chosen = attentions[:, self.heads]
        if self.settings.aggregate == "mean":
            matrix = chosen.mean(dim=(0, 1))
        else:
            matrix = chosen.amax(dim=(0, 1))
        rows = _content_rows(matrix, length)
        words = list(tagged.words)
        pieces = _word_pieces(words, encoded.offsets)

        def score(later: int, earlier: int) -> float:
            """Attention from a later word to an earlier one (mean over the later word's
            pieces of the mass on the earlier word's pieces)."""
            source = [p - 1 for p in pieces[later]]
            target = [p - 1 for p in pieces[earlier]]
            if not source or not target:
                return 0.0
            return float(rows[source][:, target].sum(dim=1).mean())

        def between(a: int, b: int) -> float:
            return score(a, b) if a > b else score(b, a)

        entities, modifiers = _roles(words)
        ordered = sorted(entities)
        new = [_detached(w) for w in words]
        for m, label in modifiers.items():
            candidates = [(between(m, e), e) for e in ordered if pieces[e] and pieces[m]]
            if not candidates:
                continue
            best, head = max(candidates)
            total = sum(s for s, _ in candidates)
            confidence = best / total if total > 0 else 1.0 / len(candidates)
            new[m] = _attached(words[m], head, label, confidence)
        for n, target in enumerate(ordered):
            start = ordered[n - 1] + 1 if n else 0
            phrase = _phrase_start(words, modifiers, target, start)
            connectors = [i for i in range(start, phrase) if words[i].pos in CONNECTOR_POS
                          and i not in modifiers]
            for i in range(phrase, target):
                if words[i].pos == "DET":
                    new[i] = _attached(words[i], target, "det", None)
            earlier = [(score(target, e), e) for e in ordered[:n] if pieces[e] and pieces[target]]
            if not connectors or not earlier:
                continue
            best, source = max(earlier)
            total = sum(s for s, _ in earlier)
            new[target] = _attached(words[target], source, "nmod",
                                    best / total if total > 0 else 1.0 / len(earlier))
            for i in connectors:
                new[i] = _attached(words[i], target, "case", None)
        attention = None
        if self.export_attention:
            attention = TextAttention(
                model=self.encoder.model_id, tokenizer=self.encoder.tokenizer_id,
                layers=self.layers,
                matrix=[[round(float(v), 7) for v in row]
                        for row in attentions.mean(dim=(0, 1)).tolist()])
        return AttentionGraph(text=tagged.text, words=new, scheme=self.scheme,
                              text_attention=attention)


def _phrase_start(words: Sequence[Word], modifiers: dict[int, str], noun: int, floor: int) -> int:
    """Where the noun phrase of ``noun`` begins: back over its modifiers and determiners."""
    i = noun
    while i > floor and (words[i - 1].pos == "DET" or (i - 1) in modifiers):
        i -= 1
    return i


def _detached(word: Word) -> Word:
    return Word(index=word.index, text=word.text, start=word.start, end=word.end, pos=word.pos,
                relation="dep", head=None, lemma=word.lemma, tag=word.tag)


def _attached(word: Word, head: int, relation: str, confidence: float | None) -> Word:
    return Word(index=word.index, text=word.text, start=word.start, end=word.end, pos=word.pos,
                relation=relation, head=head, lemma=word.lemma, tag=word.tag,
                confidence=None if confidence is None else round(confidence, 4))


def _version() -> str | None:
    try:
        import transformers
    except ImportError:  # pragma: no cover - the encoder would have failed first
        return None
    return f"transformers {transformers.__version__}"
