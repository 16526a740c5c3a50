"""Questions about a word's place in the tree that repairs and passes share.

Every walk up the heads stops at a word it has seen: a repair may leave a garbled parse with a
word its own ancestor, and a later repair often mends it.
"""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word


def has_determiner(graph: DependencyGraph, word: Word) -> bool:
    return any(c.pos == "DET" for c in graph.children(word))


def has_article(graph: DependencyGraph, word: Word, articles: frozenset[str],
                before: int | None = None) -> bool:
    """Whether ``word`` has one of ``articles`` among its children (before the word at
    ``before``, where given): "a" opens no plural phrase."""
    return any(c.lower in articles and (before is None or c.index < before)
               for c in graph.dependents(word))


def bare_color(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> bool:
    """A colour word without a determiner of its own: a modifier, even if tagged a noun."""
    return vocab.is_color(word) and not has_determiner(graph, word)


def touching(graph: DependencyGraph, j: int) -> bool:
    """Whether words j, j + 1 and j + 2 touch, no space between ("zig-zag", "dark_skin")."""
    words = graph.words
    return words[j].end == words[j + 1].start and words[j + 1].end == words[j + 2].start


def comma_between(vocab: Vocabulary, graph: DependencyGraph, start: int, end: int) -> bool:
    """Whether a comma stands among the words ``start`` to ``end`` (end excluded)."""
    return any(vocab.is_comma(w) for w in graph.words[start:end])


def colour_run(vocab: Vocabulary, graph: DependencyGraph, start: int,
               degrees: tuple[str, ...]) -> tuple[list[int], int]:
    """The run of colours from word ``start`` on ("bright yellow", "blue and white"): colours
    and the shade words of the word lists ``degrees``, with conjunctions and commas between,
    cut back to end in a colour ([] where none comes); and the index right after the whole
    run as read, before the cut (what follows it)."""
    run: list[int] = []
    index = start
    while index < len(graph.words):
        word = graph[index]
        if not (vocab.is_color(word) or vocab.has(word, degrees) or (
                run and (word.pos == "CCONJ" or vocab.is_comma(word)))):
            break
        run.append(index)
        index += 1
    while run and not vocab.is_color(graph[run[-1]]):
        run.pop()
    return run, index


def part_tops(graph: DependencyGraph, start: int, end: int) -> list[Word]:
    """The words of the stretch [start, end) that hang outside it (a root included), in text
    order: the heads of a comma part as the parser hung it ("a tower made of crates": tower)."""
    return [w for w in graph.words[start:end] if w.head is None or not start <= w.head < end]


def first_conjunct(graph: DependencyGraph, word: Word, conj: frozenset[str]) -> Word:
    """The first conjunct of the coordination ``word`` is in, up the labels ``conj`` (the word
    itself where it is none): "a red fox and a gray wolf" -> fox, from fox or wolf."""
    seen = {word.index}
    while word.relation in conj:
        head = graph.head(word)
        if head is None or head.index in seen:
            break
        seen.add(head.index)
        word = head
    return word


def comma_parts(vocab: Vocabulary, graph: DependencyGraph) -> list[tuple[int, int]]:
    """(start, end) of every run of words between commas (or the prompt's ends), empty runs
    left out: the tags of a tag list, the clauses of a scene prompt. Read once per graph
    (the tag-list repairs each ask)."""
    return list(graph.memo(("comma_parts", vocab.commas),
                           lambda: tuple(_comma_parts(vocab, graph))))


def _comma_parts(vocab: Vocabulary, graph: DependencyGraph) -> list[tuple[int, int]]:
    out, start = [], 0
    for word in graph:
        if vocab.is_comma(word):
            if word.index > start:
                out.append((start, word.index))
            start = word.index + 1
    if start < len(graph.words):
        out.append((start, len(graph.words)))
    return out


def comma_part(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> tuple[int, int]:
    """(start, end) of the run of words between commas that holds ``word``."""
    start = word.index
    while start > 0 and not vocab.is_comma(graph[start - 1]):
        start -= 1
    end = word.index + 1
    while end < len(graph.words) and not vocab.is_comma(graph[end]):
        end += 1
    return start, end


def between_commas(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> bool:
    """Whether the word stands alone between two commas: a tag of its own."""
    k = word.index
    return (0 < k < len(graph.words) - 1 and vocab.is_comma(graph[k - 1])
            and vocab.is_comma(graph[k + 1]))


def describing_only(vocab: Vocabulary, graph: DependencyGraph, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` only describe ("huge and gleaming", "old
    and rusted"): adjectives, colours, participles, adverbs and conjunctions, and the
    numerals of a partition ("one black and one white")."""
    words = graph.words[start:end]
    return any(w.pos in ("ADJ", "VERB") or vocab.is_color(w) for w in words) and all(
        w.pos in ("ADJ", "ADV", "CCONJ", "NUM") or vocab.is_color(w)
        or (w.pos == "VERB" and w.tag in (vocab.labels.past_participle,
                                          vocab.labels.present_participle))
        for w in words)


def before_set_off(vocab: Vocabulary, graph: DependencyGraph, word: Word, start: int) -> Word:
    """The word before ``word``; after describing words set off by commas, the noun they
    describe ("a black locomotive, huge and gleaming, hisses": locomotive)."""
    before = graph[word.index - 1]
    if (not vocab.is_comma(before) or before.index - 1 <= start
            or vocab.is_comma(graph[before.index - 1])):
        return before
    run, _ = comma_part(vocab, graph, graph[before.index - 1])
    if run - 1 > start and describing_only(vocab, graph, run, before.index):
        return graph[run - 2]
    return before


def style_tag(vocab: Vocabulary, graph: DependencyGraph, word: Word, endings: frozenset[str],
              articles: frozenset[str]) -> tuple[int, int] | None:
    """(start, end) of the tag holding ``word`` where it names a style: a tag after the first
    that ends in one of ``endings`` and has no article ("..., lord of the rings inspired",
    "..., harry potter vibes"); None otherwise (the first phrase is the picture's subject)."""
    start, end = comma_part(vocab, graph, word)
    words = graph.words
    if (start > 0 and words[end - 1].lower in endings
            and not any(w.lower in articles for w in words[start:end])):
        return start, end
    return None


def after_comma(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> bool:
    """A word hung after its head across a comma: "a tiger resting on a rock, vibrant green
    foliage" (foliage an npadvmod of resting) heads a phrase of its own."""
    return (word.head is not None and word.head < word.index
            and comma_between(vocab, graph, word.head + 1, word.index))


def inside_phrase_of(graph: DependencyGraph, word: Word, head: Word) -> bool:
    """Whether ``word`` hangs, through words before ``head``, on ``head``: "mahogany" in
    "mahogany steampunk airship"."""
    climbed = {word.index}
    while word.head is not None and word.index < head.index:
        if word.head == head.index:
            return True
        word = graph[word.head]
        if word.index in climbed:
            return False
        climbed.add(word.index)
    return False


def bare_object(graph: DependencyGraph, word: Word, object_label: str) -> Word | None:
    """The noun right after ``word`` that the parser made its object, past the noun's own
    prenominal words ("glowing neon signs": signs, neon its compound). None after a
    preposition the parser read into the phrase ("crashing over three boats": over a quantmod
    of three)."""
    for after in graph.words[word.index + 1:]:
        if after.head == word.index and after.relation == object_label:
            return after
        if after.pos == "ADP":
            return None
        if after.head is None or after.head <= after.index:
            return None  # not inside a noun phrase that is still to close
    return None


def phrase_opener(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> Word | None:
    """The word before the prenominal words of the noun phrase ending in ``word``, whatever
    the parse made of them: "The" of "The gleaming, silver horseshoes" (the parser hangs "The
    gleaming" apart)."""
    participles = vocab.labels.set("present_participle") | vocab.labels.set("past_participle")
    i = word.index - 1
    while i >= 0 and (graph[i].pos in ("ADJ", "NOUN", "PROPN", "ADV", "NUM", "CCONJ")
                      # a comma after a noun ends the phrase before it ("the sea, shelves"),
                      # not one after an adjective the tagger called a noun ("The shiny/NN,")
                      or (vocab.is_comma(graph[i]) and not (
                          i and vocab.is_nominal(graph[i - 1])
                          and not vocab.adjectival(graph[i - 1])))
                      # a participle, or a verb hung on a later word ("rose/VBD petals")
                      or (graph[i].pos == "VERB" and (
                          graph[i].tag in participles
                          or (graph[i].head is not None and graph[i].head > i)))):
        i -= 1
    return graph[i] if i >= 0 else None


def phrase_starts_with(vocab: Vocabulary, graph: DependencyGraph, word: Word,
                       first: frozenset[str]) -> bool:
    """Whether the noun phrase ending in ``word`` opens with one of ``first``, reading back
    over its prenominal words (``phrase_opener``)."""
    opener = phrase_opener(vocab, graph, word)
    return opener is not None and opener.lower in first


def case_markers(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> list[Word]:
    """A noun's preposition where the scheme marks it on the noun (the ``case`` role)."""
    case = vocab.labels.case
    return [c for c in graph.children(word) if c.relation in case] if case else []


def prepositional(vocab: Vocabulary, graph: DependencyGraph,
                  noun: Word) -> tuple[Word, Word | None] | None:
    """(preposition, word the phrase belongs to) of the object of a preposition, or None.
    Prepositions head their noun (ClearNLP) or are case markers on it (UD)."""
    if noun.relation not in vocab.labels.set("prepositional_objects"):
        return None
    if vocab.labels.case:
        markers = case_markers(vocab, graph, noun)
        return (markers[0], graph.head(noun)) if markers else None
    prep = graph.head(noun)
    return None if prep is None else (prep, graph.head(prep))


def has_of_phrase(vocab: Vocabulary, graph: DependencyGraph, word: Word,
                  relations: frozenset[str]) -> bool:
    """Whether the word has an "of" phrase hung by one of ``relations``."""
    return any(c.relation in relations
               and (vocab.has(c, ("of",))
                    or any(vocab.has(m, ("of",)) for m in case_markers(vocab, graph, c)))
               for c in graph.children(word))


def of_objects(vocab: Vocabulary, graph: DependencyGraph, word: Word,
               relations: frozenset[str]) -> list[Word]:
    """The objects of the word's "of" phrases hung by one of ``relations`` (a preposition's
    objects in ClearNLP, the noun marked by "of" in UD)."""
    objects = vocab.labels.set("prepositional_objects")
    found: list[Word] = []
    for child in graph.children(word):
        if child.relation not in relations:
            continue
        if vocab.has(child, ("of",)):
            found += [o for o in graph.children(child) if o.relation in objects]
        elif any(vocab.has(m, ("of",)) for m in case_markers(vocab, graph, child)):
            found.append(child)
    return found


def bare_quality(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> bool:
    """Whether the word is an abstract noun with no determiner and no numeral ("creativity",
    "natural beauty")."""
    return vocab.has(word, ("abstract",)) and not any(
        c.pos in ("DET", "NUM") for c in graph.children(word))


def figure_of_speech(vocab: Vocabulary, graph: DependencyGraph, word: Word,
                     articles: frozenset[str], relations: frozenset[str]) -> bool:
    """Whether the word, with an article, takes "of" phrases that name only qualities: "a
    beacon of creativity", "a rugged landscape of natural beauty and adventure", "a material
    of elegance and class" are figures of speech for a thing described, no thing of their
    own. Frames, quantities, formations, aspects and parts keep their own rules."""
    after = graph.next(word)
    if after is None or not vocab.has(after, ("of",)):
        return False  # the cheap test first ("of" right after the noun): it runs on every noun
    found = of_objects(vocab, graph, word, relations)
    return (bool(found) and has_article(graph, word, articles)
            and not vocab.has(word, ("frames", "quantities", "formations", "aspects", "parts"))
            and all(bare_quality(vocab, graph, o) for o in found))


def hangs_on(graph: DependencyGraph, low: Word, high: Word) -> bool:
    """Whether ``high`` is ``low`` or among the heads above it (hanging ``high`` on ``low``
    would loop the tree)."""
    seen: set[int] = set()
    current: Word | None = low
    while current is not None and current.index not in seen:
        if current.index == high.index:
            return True
        seen.add(current.index)
        current = graph.head(current)
    return False


def place_after_preposition(vocab: Vocabulary, graph: DependencyGraph, word: Word) -> bool:
    """Whether the word is a place noun (``locations``) right after its preposition: "on
    top", "in front"; it closes its phrase ("butter melting on top, white plate")."""
    return (word.index > 0 and graph[word.index - 1].pos == "ADP"
            and vocab.has(word, ("locations",)))


def lower_case_proper(word: Word) -> bool:
    """Whether the word is a "proper noun" written in lower case: a common noun the small
    tagger misread ("blacksmith/NNP", "autumn/NNP leaves", "seagulls circle/NNP")."""
    return word.pos == "PROPN" and word.text.islower()


def is_root(word: Word) -> bool:
    """Whether the word is a root: no head, or (as repairs may write it) its own."""
    return word.head is None or word.head == word.index


def stand_in(words: list[Word], word: Word, place: Word) -> None:
    """Give ``word`` ``place``'s head and relation in ``words`` (the root if ``place`` was)."""
    words[word.index] = replace(words[word.index], head=None if is_root(place) else place.head,
                                relation=place.relation)


def take_place(words: list[Word], word: Word, place: Word, relation: str) -> None:
    """Make ``word`` take ``place``'s place in the tree (its head and relation; the root if
    ``place`` was) and hang ``place`` on it by ``relation``: the parser made a noun the
    "subject" of the participle that describes it (the noun goes above, the participle hangs
    on it), or a verb the adjective of its object ("holding tray")."""
    stand_in(words, word, place)
    words[place.index] = replace(words[place.index], head=word.index, relation=relation)


def move_coordinators(graph: DependencyGraph, words: list[Word], first: Word, later: Word,
                      head: int, coordinator: str) -> None:
    """Hang the conjunctions (labelled ``coordinator``) that the parser gave ``first``
    between it and its conjunct ``later`` on ``head``, in ``words``: a conjunct moved
    elsewhere takes its *and* along."""
    for link in graph.dependents(first):
        if link.relation == coordinator and first.index < link.index < later.index:
            words[link.index] = replace(link, head=head)


def rightmost(graph: DependencyGraph, word: Word, seen: frozenset[int] = frozenset()) -> int:
    """The last word of the phrase ``word`` heads."""
    return max([word.index, *(rightmost(graph, c, seen | {word.index})
                              for c in graph.children(word) if c.index not in seen)])


def loop_above(words: list[Word], start: int) -> list[int] | None:
    """The words of the loop the heads above ``start`` run into, or None (``words`` is a
    graph's words while a repair rebuilds them)."""
    path: list[int] = []
    index: int | None = start
    while index is not None:
        if index in path:
            return path[path.index(index):]
        path.append(index)
        head = words[index].head
        index = None if head == index else head
    return None
