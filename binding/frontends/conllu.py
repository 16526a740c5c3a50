"""The CoNLL-U front end: the output of any Universal Dependencies parser, read from a file.

UDPipe, Trankit, Stanza or spaCy write their analyses as CoNLL-U; this module turns them into
the neutral dependency graph, so the grammars bind whatever parser the user trusts. It is also
where UD sentences become graphs for the Stanza front end (``graph_from_tokens``).

The reader is our own rather than the ``conllu`` package: a prompt file is small, and the
problems users need named are line-level ones (a missing column, a head outside the sentence,
tokens that do not spell the ``# text``). ``conllu`` accepts a 9-column line silently and names
no line in its errors. The reader is strict about what binding reads (ID, FORM, UPOS, HEAD,
DEPREL) and passes the rest through.

- Sentence text comes from ``# text =``, or is rebuilt from the tokens and ``SpaceAfter=No``.
- A multiword token ("cannot" = can + not) gives its words consecutive pieces of its surface
  form when their forms spell it, else its whole span each.
- Empty nodes (``8.1``, enhanced UD) are skipped: the grammars read the basic tree.
- A prompt is a sentence; where the file marks paragraphs (``# newpar``, ``# newdoc``), a prompt
  is a paragraph, so a prompt the parser split into sentences stays one prompt.
- The label scheme (UD v2, or ClearNLP from spaCy's English models) is detected from the labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from binding.errors import BindingError
from binding.graph import DependencyGraph, Word
from binding.spec import FrontendInfo

COLUMNS = 10
_RANGE = re.compile(r"^([1-9][0-9]*)-([1-9][0-9]*)$")
_EMPTY = re.compile(r"^[0-9]+\.[1-9][0-9]*$")
_WORD = re.compile(r"^[1-9][0-9]*$")

# Labels only one of the two schemes has (UD v2's 37 universal relations vs spaCy's English
# ClearNLP set); a UD subtype ("acl:relcl", "nsubj:pass") also marks UD.
UD_ONLY = frozenset("clf cop discourse dislocated fixed flat goeswith iobj list obj obl orphan "
                    "reparandum root vocative".split())
CLEARNLP_ONLY = frozenset("ROOT acomp agent attr auxpass csubjpass dative dobj intj meta neg "
                    "npadvmod nsubjpass oprd pcomp pobj poss preconj predet prep prt "
                    "quantmod relcl".split())


@dataclass(frozen=True)
class UDWord:
    """One syntactic word of a sentence (a CoNLL-U word line). ``head`` 0 is the root."""

    id: int
    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    line: int = 0


@dataclass(frozen=True)
class UDToken:
    """A surface token: one word, or a multiword token and its words.

    ``start``/``end`` are character offsets into the text where the source knows them (a live
    Stanza pipeline); otherwise the token is found in the text by its form.
    """

    form: str
    words: tuple[UDWord, ...]
    space_after: bool = True
    start: int | None = None
    end: int | None = None
    line: int = 0


@dataclass(frozen=True)
class UDSentence:
    tokens: tuple[UDToken, ...]
    text: str | None = None
    sent_id: str | None = None
    line: int = 0
    new_paragraph: bool = False  # a # newpar or # newdoc comment comes before it

    @property
    def words(self) -> list[UDWord]:
        return [w for t in self.tokens for w in t.words]

    def full_text(self) -> str:
        """The ``# text``, or the tokens joined as ``SpaceAfter=No`` says."""
        if self.text is not None:
            return self.text
        return "".join(t.form + (" " if t.space_after else "") for t in self.tokens).rstrip(" ")


# --- reading ----------------------------------------------------------------------------


def _misc_space_after(misc: str) -> bool:
    return "SpaceAfter=No" not in misc.split("|")


@dataclass
class _Pending:
    """A sentence being read."""

    first_line: int
    text: str | None = None
    sent_id: str | None = None
    new_paragraph: bool = False
    tokens: list[UDToken] = field(default_factory=list)
    range_: tuple[int, int, str, bool, int] | None = None  # open multiword token
    range_words: list[UDWord] = field(default_factory=list)
    next_id: int = 1


def read_conllu(text: str, source: str = "CoNLL-U") -> list[UDSentence]:
    """Sentences of a CoNLL-U document; the first problem is reported as ``source:line: ...``."""
    sentences: list[UDSentence] = []
    pending: _Pending | None = None
    carried = False  # a paragraph mark in a comment-only block belongs to the next sentence

    def fail(number: int, problem: str) -> BindingError:
        return _error(source, number, problem)

    def close(number: int) -> None:
        nonlocal pending, carried
        if pending is None:
            return
        if pending.range_ is not None:
            raise fail(pending.range_[4], f"multiword token {pending.range_[0]}-"
                       f"{pending.range_[1]} is not followed by all of its words")
        if not pending.tokens:  # comments only (# newdoc, # global.columns = ...)
            carried = carried or pending.new_paragraph
            pending = None
            return
        sentence = UDSentence(tokens=tuple(pending.tokens), text=pending.text,
                              sent_id=pending.sent_id, line=pending.first_line,
                              new_paragraph=pending.new_paragraph)
        _check_heads(sentence, source)
        sentences.append(sentence)
        pending = None

    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            close(number)
            continue
        if pending is None:
            pending = _Pending(first_line=number, new_paragraph=carried)
            carried = False
        if line.startswith("#"):
            key, sep, value = line[1:].partition("=")
            key = key.strip()
            if sep and key == "text":
                pending.text = value.strip()
            elif sep and key == "sent_id":
                pending.sent_id = value.strip()
            elif key.split()[:1] in (["newpar"], ["newdoc"]):
                pending.new_paragraph = True
            continue
        fields = line.split("\t")
        if len(fields) != COLUMNS:
            raise fail(number, f"expected {COLUMNS} tab-separated columns, found {len(fields)}")
        _read_line(pending, fields, number, source)
    close(len(lines))
    if not sentences:
        raise BindingError(f"{source} has no sentences: is it a CoNLL-U file?")
    return sentences


def _error(source: str, number: int, problem: str) -> BindingError:
    return BindingError(f"{source}:{number}: {problem}")


def _read_line(pending: _Pending, fields: list[str], number: int, source: str) -> None:
    ident, form, lemma, upos, xpos, feats, head, deprel, _deps, misc = fields

    def error(problem: str) -> BindingError:
        return _error(source, number, problem)

    if _EMPTY.match(ident):
        return  # an empty node of the enhanced graph: the basic tree does not have it
    if not form:
        raise error("empty FORM column")
    match = _RANGE.match(ident)
    if match:
        first, last = int(match.group(1)), int(match.group(2))
        if pending.range_ is not None or first != pending.next_id or last <= first:
            raise error(f"multiword token range {ident} does not start at word "
                        f"{pending.next_id} or is empty")
        pending.range_ = (first, last, form, _misc_space_after(misc), number)
        return
    if not _WORD.match(ident):
        raise error(f"ID {ident!r} is not a word number, a range (3-4) or an "
                    "empty node (3.1)")
    if int(ident) != pending.next_id:
        raise error(f"word {ident} out of order: expected word {pending.next_id}")
    if not head.isdigit():
        raise error(f"word {ident} {form!r} has HEAD {head!r}: binding needs a "
                    "dependency parse (a number, 0 for the root)")
    if not deprel or deprel == "_":
        raise error(f"word {ident} {form!r} has no DEPREL: binding needs the "
                    "dependency relation")
    if not upos or upos == "_":
        raise error(f"word {ident} {form!r} has no UPOS: binding needs the part "
                    "of speech")
    word = UDWord(id=int(ident), form=form, lemma="" if lemma == "_" else lemma, upos=upos,
                  xpos="" if xpos == "_" else xpos, feats="" if feats == "_" else feats,
                  head=int(head), deprel=deprel, line=number)
    pending.next_id += 1
    if pending.range_ is None:
        pending.tokens.append(UDToken(form=form, words=(word,),
                                      space_after=_misc_space_after(misc), line=number))
        return
    first, last, surface, space_after, range_line = pending.range_
    pending.range_words.append(word)
    if word.id == last:
        pending.tokens.append(UDToken(form=surface, words=tuple(pending.range_words),
                                      space_after=space_after, line=range_line))
        pending.range_ = None
        pending.range_words = []


def _check_heads(sentence: UDSentence, source: str) -> None:
    words = sentence.words
    for word in words:
        if word.head > len(words):
            raise _error(source, word.line, f"word {word.id} {word.form!r} has head "
                         f"{word.head}, but the sentence has {len(words)} words")
    for word in words:  # every chain of heads must reach the root
        seen = {word.id}
        current = word
        while current.head != 0:
            if current.head in seen:
                raise _error(source, word.line, f"word {word.id} {word.form!r}: its heads "
                             "form a cycle")
            seen.add(current.head)
            current = words[current.head - 1]


def read_conllu_file(path: str | Path) -> list[UDSentence]:
    """Sentences of a CoNLL-U file (UTF-8; ``-`` is not accepted: the file is read twice)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BindingError(f"cannot read {path}: {exc.strerror}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        number = raw[: exc.start].count(b"\n") + 1
        raise BindingError(f"{path}:{number}: not UTF-8 text: save the file as UTF-8") from None
    return read_conllu(text, str(path))


# --- label scheme -------------------------------------------------------------------------


def detect_scheme(labels: Iterable[str]) -> str | None:
    """``ud`` or ``clearnlp`` from the labels a parse uses; None if they do not tell."""
    labels = set(labels)
    ud = {label for label in labels if label in UD_ONLY or ":" in label}
    clear = labels & CLEARNLP_ONLY
    if ud and not clear:
        return "ud"
    if clear and not ud:
        return "clearnlp"
    return None


# --- UD words -> the neutral graph ------------------------------------------------------------


def _tag(word: UDWord) -> str:
    """XPOS, or the Penn tag of a participle read from FEATS when a parser writes no XPOS
    (the English grammars tell -ing from -ed participles by tag)."""
    if word.xpos:
        return word.xpos
    feats = set(word.feats.split("|"))
    if "VerbForm=Ger" in feats or {"VerbForm=Part", "Tense=Pres"} <= feats:
        return "VBG"
    if "VerbForm=Part" in feats:
        return "VBN"
    return ""


def _token_spans(text: str, tokens: Sequence[UDToken], where: str) -> list[tuple[int, int]]:
    """Character spans of tokens in ``text``: given offsets where they hold, else each form is
    found after the previous token, past whitespace only."""
    spans = []
    cursor = 0
    for token in tokens:
        if (token.start is not None and token.end is not None and token.start >= cursor
                and text[token.start:token.end] == token.form):
            start = token.start
        else:
            start = cursor
            while start < len(text) and text[start].isspace():
                start += 1
            if not text.startswith(token.form, start):
                found = text[start:start + 20]
                line = f" (line {token.line})" if token.line else ""
                raise BindingError(
                    f"{where}: token {token.form!r}{line} does not match the text at character "
                    f"{start} ({found!r}): the tokens must spell the sentence's text")
        spans.append((start, start + len(token.form)))
        cursor = start + len(token.form)
    return spans


def _word_spans(token: UDToken, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Spans of a token's words: consecutive pieces when their forms spell the token."""
    if len(token.words) == 1:
        return [span]
    forms = [w.form for w in token.words]
    if "".join(forms).lower() == token.form.lower():
        spans, start = [], span[0]
        for form in forms:
            spans.append((start, start + len(form)))
            start += len(form)
        return spans
    return [span] * len(token.words)  # "del" = de + el: both words point at "del"


def graph_from_tokens(text: str, sentences: Sequence[Sequence[UDToken]], scheme: str,
                      where: str = "sentence") -> DependencyGraph:
    """One graph for ``text`` from one or more sentences of UD tokens (heads are per sentence;
    each sentence's root becomes a root of the graph)."""
    words: list[Word] = []
    tokens = [t for sentence in sentences for t in sentence]
    spans = _token_spans(text, tokens, where)
    k = 0
    for sentence in sentences:
        offset = len(words)
        for token in sentence:
            for word, (start, end) in zip(token.words, _word_spans(token, spans[k]), strict=True):
                words.append(Word(
                    index=len(words), text=text[start:end], start=start, end=end,
                    pos=word.upos, relation=word.deprel,
                    head=None if word.head == 0 else offset + word.head - 1,
                    lemma=word.lemma, tag=_tag(word)))
            k += 1
    return DependencyGraph(text=text, words=words, scheme=scheme)


# --- the front end ------------------------------------------------------------------------------


def _normal(text: str) -> str:
    return " ".join(text.split())


class ConlluFrontend:
    """Graphs from a CoNLL-U file: ``units()`` in file order, or ``graph(text, id)`` by lookup.

    A prompt is found by ``# sent_id``, else by its text (whitespace-insensitive), else as a run
    of consecutive sentences whose texts make it up (a parser that split the prompt).
    """

    name = "conllu"

    def __init__(self, path: str | Path, scheme: str | None = None,
                 sentences: list[UDSentence] | None = None) -> None:
        self.path = Path(path)
        self.sentences = sentences if sentences is not None else read_conllu_file(self.path)
        found = detect_scheme(w.deprel for s in self.sentences for w in s.words)
        if found is None and scheme is None:
            raise BindingError(
                f"cannot tell which dependency labels {self.path} uses (UD v2 or spaCy's "
                "ClearNLP): pass --grammar to choose the grammar")
        self.scheme = found or scheme or ""
        self.info = FrontendInfo(name=self.name, model=self.path.name)
        self._by_id = {s.sent_id: n for n, s in enumerate(self.sentences) if s.sent_id}
        self._by_text: dict[str, list[int]] = {}
        for n, sentence in enumerate(self.sentences):
            self._by_text.setdefault(_normal(sentence.full_text()), []).append(n)

    def where(self, sentence: UDSentence) -> str:
        return f"{self.path}:{sentence.line}"

    def prompts(self) -> list[list[UDSentence]]:
        """The file's prompts: each sentence, or each paragraph where the file marks them."""
        if not any(s.new_paragraph for s in self.sentences):
            return [[s] for s in self.sentences]
        groups: list[list[UDSentence]] = []
        for sentence in self.sentences:
            if sentence.new_paragraph or not groups:
                groups.append([])
            groups[-1].append(sentence)
        return groups

    def units(self) -> Iterator[tuple[str | None, DependencyGraph]]:
        """(sent_id of the first sentence, graph) of every prompt, in file order."""
        for group in self.prompts():
            text = " ".join(s.full_text() for s in group)
            yield group[0].sent_id, graph_from_tokens(text, [s.tokens for s in group],
                                                      self.scheme, self.where(group[0]))

    def _run_for(self, text: str, id: str | None) -> list[int] | None:
        target = _normal(text)
        if id is not None and id in self._by_id:
            n = self._by_id[id]
            if _normal(self.sentences[n].full_text()) == target:
                return [n]
        if target in self._by_text:
            return [self._by_text[target][0]]
        words = target.split(" ")
        for cut in range(1, len(words)):  # a parser split the prompt into sentences
            for first in self._by_text.get(" ".join(words[:cut]), ()):
                run, made = [first], " ".join(words[:cut])
                while made != target and run[-1] + 1 < len(self.sentences):
                    nxt = _normal(self.sentences[run[-1] + 1].full_text())
                    if not target.startswith(made + " " + nxt):
                        break
                    run.append(run[-1] + 1)
                    made += " " + nxt
                if made == target:
                    return run
        return None

    def graph(self, text: str, id: str | None = None) -> DependencyGraph:
        run = self._run_for(text, id)
        if run is None:
            what = f"prompt {id!r}" if id is not None else f"prompt {text[:50]!r}"
            raise BindingError(f"{self.path} has no sentence for {what}: parse the same prompts "
                               "(sentence ids or texts must match)")
        sentences = [self.sentences[n] for n in run]
        return graph_from_tokens(text, [s.tokens for s in sentences], self.scheme,
                                 self.where(sentences[0]))

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]:
        id_list = list(ids) if ids is not None else None
        for n, text in enumerate(texts):
            yield self.graph(text, id_list[n] if id_list is not None else None)

    def missing(self, texts: Sequence[str], ids: Sequence[str | None]) -> list[str]:
        """Ids (or texts) of the prompts this file has no sentence for."""
        return [id if id is not None else text for text, id in zip(texts, ids, strict=True)
                if self._run_for(text, id) is None]
