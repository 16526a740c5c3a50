"""Write a shipped corpus as spaCy parses it, in CoNLL-U: the fixture of the conllu eval test.

    python tests/data/make_spacy_conllu.py constructions > tests/data/constructions.spacy.conllu

Labels are spaCy's (ClearNLP for en_core_web_sm), so the CoNLL-U front end must detect the
clearnlp scheme and bind with en-clearnlp; scored against the same gold, the file must then give
exactly the figures of the spaCy front end. Each prompt is a paragraph (``# newpar``), whose
first sentence carries the gold id as ``# sent_id`` (later sentences of the same prompt
``ID.2``, ...). Whitespace tokens are left out, as CoNLL-U has no place for them
(``SpaceAfter=No`` and ``# text`` keep the spacing).
"""

from __future__ import annotations

import sys

from binding.corpora.registry import load_corpus
from binding.frontends.spacy import DEFAULT_MODEL, load_model


def sentence_lines(sentence: object, sent_id: str, text: str) -> list[str]:
    tokens = [t for t in sentence if not t.is_space]  # type: ignore[attr-defined]
    number = {t.i: n for n, t in enumerate(tokens, start=1)}
    lines = [f"# sent_id = {sent_id}", f"# text = {text}"]
    for token in tokens:
        head = token.head
        while head.is_space and head.head.i != head.i:  # a word hung on whitespace
            head = head.head
        head_number = 0 if head.i == token.i or head.i not in number else number[head.i]
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        spaced = bool(token.whitespace_) or (following is not None and following.is_space)
        misc = "_" if spaced or following is None else "SpaceAfter=No"
        lines.append("\t".join([
            str(number[token.i]), token.text, token.lemma_ or "_", token.pos_ or "_",
            token.tag_ or "_", str(token.morph) or "_", str(head_number), token.dep_, "_", misc,
        ]))
    return lines


def main(name: str) -> None:
    nlp = load_model(DEFAULT_MODEL)
    _, items = load_corpus(name)
    out = sys.stdout
    out.write(f"# newdoc id = {name}, parsed by spaCy {DEFAULT_MODEL} "
              f"{nlp.meta.get('version')} (tests/data/make_spacy_conllu.py)\n\n")
    for item, doc in zip(items, nlp.pipe(i.prompt for i in items), strict=True):
        for n, sentence in enumerate(doc.sents, start=1):
            sent_id = item.id if n == 1 else f"{item.id}.{n}"
            lines = sentence_lines(sentence, sent_id, sentence.text.strip())
            out.write("\n".join((["# newpar"] if n == 1 else []) + lines) + "\n\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "constructions")
