"""Emoji, symbols and quoted text are no words of a noun phrase."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, Words
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


def _symbol(word: Word) -> bool:
    text = word.text  # (a word of letters or digits only, most words, is answered at once)
    return not (text.isalnum() or any(ch.isalnum() for ch in text)) and word.pos not in (
        "PUNCT", "SPACE")


@registry.repairs("symbols")
class Symbols(Repair):
    """"a lily pad 🌿" parsed with the emoji as the head of "lily pad" gives the head back to
    the noun before it; a symbol the parser made a noun is a symbol, and so is one it made a
    describing word ("a tandem bicycle 🚲❤️ sunny day sunflowers": the emoji's variation
    selector, U+FE0F, read as an adjective of sunflowers)."""

    needs = ("punct", "apposition")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not any(_symbol(w) and w.pos not in ("SYM", "X") for w in graph):
            return graph
        words = list(graph.words)
        attach = vocab.labels.punct
        for word in graph:
            if not _symbol(word) or word.pos in ("SYM", "X"):
                continue
            if not vocab.is_nominal(word):
                if word.head is not None:
                    words[word.index] = replace(words[word.index], pos="SYM", relation=attach)
                continue
            current = words[word.index]
            before = [w for w in graph.children(word) if w.index < word.index
                      and vocab.is_nominal(w) and not _symbol(w)]
            if not before:
                words[word.index] = replace(current, pos="SYM")
                continue
            noun = before[-1]
            words[noun.index] = replace(words[noun.index], head=current.head,
                                        relation=current.relation)
            for child in graph.children(word):
                if child.index != noun.index:
                    words[child.index] = replace(words[child.index], head=noun.index)
            words[word.index] = replace(current, head=noun.index, relation=attach, pos="SYM")
        # an emoji between two nouns parts them as a comma does ("a lily pad 💧 rain": pad no
        # compound of rain, but its own item)
        for word in graph:
            head = graph.head(word)
            if (vocab.is_nominal(word) and word.relation in vocab.noun_modifier_relations
                    and head is not None and head.index > word.index and vocab.is_nominal(head)
                    and not _symbol(head)  # (one that gave its place back, above)
                    and any(_symbol(w) for w in graph.words[word.index + 1 : head.index])):
                words[word.index] = replace(words[word.index], relation=vocab.labels.apposition)
        return graph.with_words(words)


@registry.repairs("spaces")
class Spaces(Repair):
    """Extra whitespace is no word: the parser's token for a second space or a line break
    ("walking in paris street,  bokeh") leaves the graph, and what it hung on the token
    hangs on the word the token hung on. The repairs after it, which read the word before or
    after another ("a comma before a tag"), then see the words."""

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        spaces = graph.with_pos("SPACE")
        if not spaces:
            return graph
        gone = {w.index for w in spaces}
        place: dict[int, int] = {}
        for word in graph:
            if word.index not in gone:
                place[word.index] = len(place)
        words = []
        for word in graph:
            if word.index in gone:
                continue
            head = word.head
            while head is not None and head in gone:  # up to the first word kept
                above = graph[head]
                head = None if above.head in (None, above.index) else above.head
            words.append(replace(word, index=place[word.index],
                                 head=None if head is None or word.head in (None, word.index)
                                 else place[head]))
        return DependencyGraph(text=graph.text, words=words, scheme=graph.scheme)


@registry.repairs("quoted_text")
class QuotedText(Repair):
    """Text written in the picture names nothing drawn: "A storefront with 'Deep Learning'
    written on it" (Learning read as a noun the storefront has), "a neon sign that says
    'Fresh Coffee'". Quoted words right after a verb of saying (``saying``: says, reading,
    labeled) or right before a participle of writing (``writing``: written, printed, painted)
    are the text: no entity, nothing they describe, and the participle of writing describes
    the text, not the thing it is written on."""

    quotes: Words  # quotation marks, paired in order (the tagger's tags of them vary)
    saying: Words  # verbs of saying and labelling, right before the quote
    writing: Words  # participles of writing, right after the quote
    # nouns that name the text, right before the quote ("the word 'peace'"): the text
    # describes the noun, and the participle of writing is the noun's
    text_nouns: Words = frozenset()
    longest: int = 8  # the most words a quoted text has (a longer quote is speech or a title)

    needs = ("unknown", "adjectival", "participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not any(w.text in self.quotes for w in graph):
            return graph  # (no quotation mark: the common prompt)
        words = list(graph.words)
        for start, end in self._quotes(graph):
            before = graph[start - 1] if start else None
            after = graph[end + 1] if end + 1 < len(graph) else None
            written = after is not None and after.lower in self.writing
            named = (before is not None and before.lower in self.text_nouns
                     and vocab.is_nominal(before))
            if not (written or named or (before is not None and before.lower in self.saying)):
                continue
            inside = graph.words[start + 1 : end]
            top = next((w for w in inside if not (w.head is not None and start < w.head < end)),
                       inside[-1])  # the text's head, hung outside it
            for word in inside:
                if word.head is not None and start < word.head < end:
                    # (the words of a text a noun names describe it with their head)
                    words[word.index] = replace(words[word.index], pos="ADJ" if named else "X")
                elif named:  # "the word 'peace'": the text describes the word
                    if before.head is not None and start < before.head < end:  # type: ignore[union-attr]
                        # "the words/poss 'best dad'": the noun takes the text's place
                        words[before.index] = replace(  # type: ignore[union-attr]
                            words[before.index], head=word.head,  # type: ignore[union-attr]
                            relation=word.relation)
                    words[word.index] = replace(words[word.index], pos="ADJ", head=before.index,  # type: ignore[union-attr]
                                                relation=vocab.labels.adjectival)
                else:  # (the text's head, hung outside it, describes nothing)
                    words[word.index] = replace(words[word.index], pos="X",
                                                relation=vocab.labels.unknown)
            if not written:
                continue
            holder = before if named else top  # what is written: the noun, or the text
            if holder.head == after.index:  # type: ignore[union-attr]
                # "the letters/poss 'ABC' painted", "'ABC'/nsubj painted in red": what is
                # written takes the participle's place
                words[holder.index] = replace(  # type: ignore[union-attr]
                    words[holder.index], head=after.head,  # type: ignore[union-attr]
                    relation=after.relation if named else vocab.labels.unknown)  # type: ignore[union-attr]
            words[after.index] = replace(  # "'Deep Learning' written on it": the text is written
                words[after.index], head=holder.index,  # type: ignore[union-attr]
                relation=vocab.labels.participle)
        return graph.with_words(words)

    def _quotes(self, graph: DependencyGraph) -> list[tuple[int, int]]:
        """(opening, closing) indices of each quotation with words inside, none too long."""
        out, opened = [], None
        for word in graph:
            if word.text not in self.quotes:
                continue
            if opened is None:
                opened = word.index
                continue
            if 0 < word.index - opened - 1 <= self.longest:
                out.append((opened, word.index))
            opened = None
        return out
