"""Coordination the parser mixed up with modification: nouns hung as modifiers across a
conjunction, and modifiers coordinated before one noun parsed as a list of things."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    hangs_on,
    has_determiner,
    inside_phrase_of,
    is_root,
    loop_above,
    move_coordinators,
    rightmost,
    stand_in,
)
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("coordination")
class Coordination(Repair):
    """A noun hung as a modifier on a noun across a conjunction is its conjunct: "a red apple
    and yellow bananas" -> apple and bananas, two entities. Materials coordinated before a noun
    are its modifiers ("a glass and steel skyscraper"); a bare noun right before another noun
    of a list is that noun's compound ("a bottle and office supplies")."""

    relations: frozenset[str]  # the modifier labels a conjunct is mistaken for
    materials: WordLists = ()  # word lists of materials

    needs = ("conj", "compound", "unknown", "apposition", "coordinator", "punct", "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        conj, compound = labels.conj, labels.compound
        list_words = {labels.coordinator, labels.punct}
        words = list(graph.words)
        materials = self.materials
        loose = self.relations | {labels.unknown}
        for word in graph.attached_by(loose):
            head = graph.head(word)
            if head is None or head.index < word.index or vocab.is_color(word):
                continue
            paired = [c for c in graph.children(word) if c.relation == conj
                      and c.index < head.index and vocab.is_nominal(c)
                      and vocab.has(c, materials)] if materials else []
            if paired and (vocab.has(word, materials) or not vocab.is_nominal(word)):
                # "a glass and steel skyscraper", "a wooden and metal chair": the materials
                # of one thing, nouns before it
                for c in paired:
                    words[c.index] = replace(c, head=head.index, relation=compound)
                continue
            if not vocab.is_nominal(word):
                continue
            first = self._conjunct_of_subject(graph, vocab, word, head)
            if first is not None:
                # "The plastic plate and metallic fork clink as ...": fork hung as a compound
                # of the verb is the subject's conjunct (a verb has no compounds)
                words[word.index] = replace(word, head=first.index, relation=conj)
                continue
            partner = graph.words[word.index + 2] if word.index + 2 < head.index else None
            if (materials and partner is not None and vocab.has(word, materials)
                    and graph[word.index + 1].pos == "CCONJ"
                    and inside_phrase_of(graph, partner, head)
                    and vocab.has(partner, materials)):
                # "a huge brass and mahogany airship" with mahogany on the airship already
                words[word.index] = replace(word, relation=compound)
                for child in graph.children(word):
                    if child.relation not in list_words:
                        words[child.index] = replace(words[child.index], head=head.index)
                continue
            if word.relation not in self.relations:
                continue
            between = graph.words[word.index + 1 : head.index]
            shared = self._shared_modifiers(graph, vocab, word, between)
            if shared:
                # "a box of apple and cherry pies", "lemon, pistachio and raspberry
                # macarons": bare singular nouns coordinated right before a noun are its
                # modifiers, as coordinated materials are
                for noun in (word, *shared):
                    words[noun.index] = replace(words[noun.index], head=head.index,
                                                relation=compound)
                continue
            if any(w.pos == "CCONJ" for w in between):
                words[word.index] = replace(word, relation=conj)
                # "The metallic frying pan and wooden spatula" with metallic on the spatula: the
                # words of the first phrase describe its noun, not the one after "and"
                for child in graph.children(head):
                    if (child.index < word.index and child.relation in self.relations
                            and not any(vocab.is_comma(w) or w.pos == "CCONJ"
                                        for w in graph.words[child.index + 1 : word.index])):
                        words[child.index] = replace(words[child.index], head=word.index)
        # "a bottle and office supplies" parsed with office a conjunct of bottle: a bare noun
        # right before another noun is that noun's compound
        for word in graph.attached_by(conj):
            after = graph.next(word)
            first = words[word.head] if word.head is not None else None
            listed = after is not None and (
                (after.relation in (conj, labels.apposition)
                 and after.head not in (None, word.index))
                # "a bottle and office supplies": bottle is by now a conjunct of supplies
                or (first is not None and first.head == after.index and first.relation == conj)
                # "orange and white street signs": street a conjunct of a colour of signs
                or (first is not None and first.head == after.index
                    and first.relation in self.relations and vocab.is_color(first)))
            if (vocab.is_nominal(word) and not vocab.is_color(word) and after is not None
                    and vocab.is_nominal(after) and listed
                    and after.head != word.index and word.head != after.index
                    and all(c.index < word.index for c in graph.children(word))):
                words[word.index] = replace(words[word.index], head=after.index,
                                            relation=compound)
                for child in graph.children(word):  # "a large area rug": large -> rug
                    if child.relation not in list_words:
                        words[child.index] = replace(words[child.index], head=after.index)
        return graph.with_words(words)

    @staticmethod
    def _shared_modifiers(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                          between: list[Word]) -> list[Word]:
        """The other bare nouns coordinated with ``word`` right before the noun it modifies,
        where ``word`` and they are bare singular nouns (no article, no describing word of
        their own: "apple and cherry pies"); none where either has its own ("a red apple and
        yellow bananas", "a bottle and office supplies" are two things, and so are "cats and
        dog toys")."""
        labels = vocab.labels
        joins = {labels.conj, labels.coordinator, labels.punct}
        before = graph[word.index - 1] if word.index else None
        if (word.tag != labels.singular_noun or not between
                or (before is not None and (before.pos in ("DET", "ADJ", "NUM")
                                            or vocab.is_color(before)))
                or any(c.relation not in joins for c in graph.children(word))
                or not any(w.pos == "CCONJ" for w in between)):
            return []
        nouns = [w for w in between if w.pos != "CCONJ" and not vocab.is_comma(w)]
        if not nouns or not all(
                w.tag == labels.singular_noun and w.relation == labels.conj
                and w.head == word.index and not vocab.is_color(w)
                and all(c.relation in joins for c in graph.children(w)) for w in nouns):
            return []
        return nouns

    @staticmethod
    def _conjunct_of_subject(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                             verb: Word) -> Word | None:
        """The noun before the conjunction that opens the word's phrase, where the word hangs
        as a modifier on the verb whose subject that noun is; None otherwise."""
        if verb.pos != "VERB":
            return None
        start = min([c.index for c in graph.dependents(word)] + [word.index])
        joint = graph[start - 1] if start > 0 else None
        first = graph.head(joint) if joint is not None and joint.pos == "CCONJ" else None
        if (first is None or not vocab.is_nominal(first) or first.head != verb.index
                or first.relation not in vocab.labels.set("subjects")):
            return None
        return first


@registry.repairs("coordinated_modifiers")
class CoordinatedModifiers(Repair):
    """Coordinated modifiers before one noun, parsed as the head of a coordination with the
    noun as their conjunct: "a book, used and unused napkins" (used a clause on book) -> used
    and unused both on napkins, napkins a conjunct of book; "a huge brass and mahogany airship"
    (brass the head) -> brass and mahogany both on the airship."""

    materials: WordLists = ()  # word lists of materials

    needs = ("conj", "compound", "adjectival", "determiner", "numeric", "present_participle",
             "third_person_verb", "present_verb", "base_verb")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        conj, compound = labels.conj, labels.compound
        prenominal = {labels.adjectival, compound}
        finite = {labels.present_participle, labels.third_person_verb, labels.present_verb,
                  labels.base_verb}
        moved_along = {labels.determiner, labels.adjectival, labels.numeric}
        materials = self.materials
        # (the cheap test first: only a word with a noun conjunct is read)
        heads = {c.head for c in graph.attached_by(conj) if vocab.is_nominal(c)}
        if not heads:
            return graph
        words = list(graph.words)
        for word in graph:
            if word.index not in heads:
                continue
            material = bool(materials) and vocab.is_nominal(word) and vocab.has(word, materials)
            adjectival = (word.pos in ("ADJ", "VERB") and word.tag not in finite
                          and word.head is not None)
            if not (material or adjectival):
                continue
            nouns = [c for c in graph.children(word) if c.relation == conj
                     and c.index > word.index + 2 and vocab.is_nominal(c)]
            if not nouns:
                continue
            noun = nouns[0]
            between = graph.words[word.index + 2 : noun.index]
            if (graph[word.index + 1].pos != "CCONJ" or not between
                    or any(w.head != noun.index or w.relation not in prenominal
                           for w in between)):
                continue
            if material and not vocab.has(between[0], materials):
                continue
            if adjectival and between[0].pos != "ADJ":
                continue
            head = graph.head(word)
            relation = conj if head is not None and vocab.is_nominal(head) \
                and head.index < word.index else word.relation
            words[noun.index] = replace(noun, head=word.head, relation=relation)
            words[word.index] = replace(word, head=noun.index,
                                        relation=compound if material else labels.adjectival)
            for child in graph.children(word):
                if child.index > noun.index or child.relation in moved_along:
                    words[child.index] = replace(words[child.index], head=noun.index)
        return graph.with_words(words)


@registry.repairs("worn_conjuncts")
class WornConjuncts(Repair):
    """What a wearer is in or has is listed together: "a person in purple pants and a black
    shirt standing" parsed with the shirt a conjunct of the person, "a girl with short hair and
    a red visor standing" with the visor one of the girl. A thing joined by a conjunction
    to an animate noun, right after that noun's phrase of ``prepositions`` whose object is no
    one, is a conjunct of that object: pants and shirt, both worn. So is one the parser made a
    second subject of the wearer's verb ("a person in purple pants and a black shirt
    standing", shirt and person both subjects of standing)."""

    prepositions: Words  # "in", "with"
    animate: WordLists  # word lists of wearers

    needs = ("conj", "coordinator", "prepositional_objects", "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        objects = labels.set("prepositional_objects")
        subjects = labels.set("subjects")
        words = list(graph.words)
        for word in graph.attached_by((labels.conj, *subjects)):
            owner = graph.head(word)
            if word.relation in subjects and owner is not None:
                # "a person in purple pants and a black shirt standing", shirt and person both
                # subjects of standing: a verb has one subject, the wearer before
                verb = owner
                owner = next((c for c in graph.dependents(verb) if c.relation in subjects
                              and c.index < word.index), None)
            if (owner is None or owner.index > word.index
                    or not vocab.is_nominal(word) or not vocab.is_nominal(owner)
                    or not vocab.has(owner, self.animate) or vocab.has(word, self.animate)):
                continue
            worn = [o for p in graph.children(owner)
                    if p.lower in self.prepositions and owner.index < p.index < word.index
                    for o in graph.children(p) if o.relation in objects
                    and vocab.is_nominal(o) and not vocab.has(o, self.animate)]
            if not worn or any(w.relation == labels.conj and w.head == owner.index
                               for w in graph.words[owner.index + 1 : word.index]):
                continue
            thing = worn[-1]
            # the conjunction or comma that closes the worn phrase, wherever the parser hung
            # it ("with white pants and/cc-of-pants a black jacket", "with white pants, a
            # black jacket and blue shoes"), with only the conjunct's own phrase after it
            at = 1 + max([thing.index] + [
                rightmost(graph, c) for c in graph.children(thing) if c.index > thing.index
                and c.relation != labels.coordinator and not vocab.is_comma(c)])
            if at >= word.index:
                continue
            link = graph[at]
            # (a comma only inside a list that goes on with its conjunction: "a black jacket
            # and blue shoes"; "..., blade runner vibes" is a later tag)
            listed = vocab.is_comma(link) and any(
                c.relation == labels.coordinator for c in graph.children(word))
            if not (link.relation == labels.coordinator or listed) or not all(
                    hangs_on(graph, w, word) for w in graph.words[at + 1 : word.index]):
                continue
            words[word.index] = replace(word, head=thing.index, relation=labels.conj)
            words[link.index] = replace(link, head=thing.index)
        return graph.with_words(words)


@registry.repairs("worn_nouns_read_as_verbs")
class WornNounsReadAsVerbs(Repair):
    """The last of the things a wearer is in or wears, read as a verb: "a man in a suit and
    tie/VB standing in a room" (tie a conjunct of the man, standing its object), "a man
    wearing a suit and tie/VB standing next to a woman", or as the subject of the wearer's
    verb: "a man in a black suit and tie is smiling" (tie the subject of smiling). A known noun
    (``nouns``) right after the conjunction that closes the phrase of what an animate wearer
    is in (``prepositions``) or wears (``clothing_verbs``), with no determiner, is a conjunct of
    the thing before it, both worn; the -ing word after it is the wearer's participle, the
    phrases after it that participle's, and a verb it was the subject of is the wearer's."""

    prepositions: Words  # "in", "with": what a wearer is in or has
    clothing_verbs: WordLists  # word lists of verbs of dress ("wearing")
    animate: WordLists  # word lists of wearers
    nouns: WordLists = ("nouns",)  # word lists of known nouns
    verb_tags: frozenset[str] = frozenset()  # tags of the "verb" ("VB", "VBP")

    needs = ("conj", "coordinator", "singular_noun", "participle", "present_participle",
             "subjects", "subject", "prepositional_objects", "object")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        tags = {*self.verb_tags, labels.singular_noun}
        for link in graph.with_pos(("CCONJ",)):  # (rarer than the nouns after them)
            word = graph.next(link)
            if word is None or word.tag not in tags:
                continue
            found = self._worn(graph, vocab, link, word)
            if found is None:
                continue
            thing, wearer = found
            words[word.index] = replace(word, pos="NOUN", tag=labels.singular_noun,
                                        head=thing.index, relation=labels.conj)
            words[link.index] = replace(link, head=thing.index, relation=labels.coordinator)
            if word.pos != "VERB":  # "... and tie is smiling": the wearer smiles
                verb = graph[word.head]  # type: ignore[index]
                stand_in(words, verb, wearer)
                words[wearer.index] = replace(words[wearer.index], head=verb.index,
                                              relation=labels.subject)
                continue
            later = [c for c in graph.children(word) if c.index > word.index]
            if not later:
                continue
            acting = later[0]  # "... and tie standing in a room": the wearer stands
            words[acting.index] = replace(acting, head=wearer.index, relation=labels.participle)
            for child in later[1:]:
                words[child.index] = replace(child, head=acting.index)
        return graph.with_words(words)

    def _worn(self, graph: DependencyGraph, vocab: Vocabulary, link: Word,
              word: Word) -> tuple[Word, Word] | None:
        """(the thing worn before, the wearer) where ``word``, right after the conjunction
        ``link``, is such a noun; None otherwise."""
        labels = vocab.labels
        if link.index < 2 or not vocab.has_form(word, self.nouns):
            return None  # (the cheap test first)
        thing = graph[link.index - 1] if vocab.is_nominal(graph[link.index - 1]) else None
        taker = graph.head(thing) if thing is not None else None
        if (thing is None or taker is None or vocab.has(thing, self.animate)
                or thing.relation not in (*labels.set("prepositional_objects"), labels.object)
                or not (taker.lower in self.prepositions
                        or vocab.has(taker, self.clothing_verbs))):
            return None
        wearer = graph.head(taker)
        if wearer is None or not vocab.is_nominal(wearer) or not vocab.has(wearer, self.animate):
            return None
        head = graph.head(word)
        if word.pos == "VERB":
            children = [c for c in graph.children(word) if c.index > word.index]
            if (word.head not in (wearer.index, taker.index) or word.relation != labels.conj
                    or any(c.index < word.index for c in graph.children(word))
                    or (children and children[0].tag != labels.present_participle)):
                return None
            return thing, wearer
        if (head is None or head.pos != "VERB" or word.relation not in labels.set("subjects")
                or head.head != wearer.index or head.relation != labels.conj
                or not is_root(wearer) or head.index < word.index):
            return None
        return thing, wearer


@registry.repairs("wearer_conjuncts")
class WearerConjuncts(Repair):
    """Two described wearers are listed together: "a boy wearing a red hat and a girl wearing
    a blue scarf", "a man wearing blue and a woman wearing green", "a girl wearing pink and a
    boy in blue", each parsed with the second person a conjunct of what the first wears (the
    boy would wear the girl's scarf, the woman be blue). A determined animate noun with a
    participle or a preposition of its own, joined to a thing or a colour that the first
    wearer's participle or preposition takes, is a conjunct of that wearer."""

    animate: WordLists  # word lists of wearers
    takers: frozenset[str]  # labels of a wearer's participle and preposition ("acl", "prep")

    needs = ("conj", "coordinator", "object", "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        conjuncts = graph.attached_by(labels.conj)
        if not conjuncts:
            return graph
        objects = labels.set("prepositional_objects") | {labels.object}
        words = list(graph.words)
        for word in conjuncts:
            thing = graph.head(word)
            if thing is None or thing.relation not in objects:
                continue  # (the cheap test first)
            taker = graph.head(thing)
            owner = graph.head(taker) if taker is not None else None
            if (owner is None or taker is None or taker.relation not in self.takers
                    or not vocab.is_nominal(word) or not has_determiner(graph, word)
                    or not vocab.has(word, self.animate) or not vocab.is_nominal(owner)
                    or not vocab.has(owner, self.animate)
                    or vocab.has(thing, self.animate) or owner.index > thing.index
                    or not any(c.relation in self.takers and c.index > word.index
                               for c in graph.children(word))):
                continue
            before = list(words)
            words[word.index] = replace(word, head=owner.index)
            move_coordinators(graph, words, thing, word, owner.index, labels.coordinator)
            if loop_above(words, word.index) is not None:
                words[:] = before
        return graph.with_words(words)


@registry.repairs("versus")
class Versus(Repair):
    """*vs* joins two things as *and* does: "epic samurai vs robot battle" parsed with samurai
    and robot modifiers of battle. The nouns on each side are conjuncts, both drawn; *vs* is
    their coordinator. Only bare nouns right around it are joined ("a cat versus a dog" is a
    phrase the parser reads right)."""

    words: Words  # "vs", "versus"

    needs = ("conj", "coordinator", "unknown", "compound")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for vs in graph:
            if vs.lower.rstrip(".") not in self.words or vs.index == 0:
                continue
            left, right = graph[vs.index - 1], graph.next(vs)
            if (right is None or not vocab.is_nominal(left) or not vocab.is_nominal(right)
                    or left.head is None or right.head != left.head
                    or left.head <= right.index):
                continue  # both must hang on one noun after them ("... battle")
            words[left.index] = replace(left, relation=labels.unknown)
            words[right.index] = replace(right, head=left.index, relation=labels.conj)
            words[vs.index] = replace(vs, head=left.index, relation=labels.coordinator)
        return graph.with_words(words)


@registry.repairs("unpunctuated_lists")
class UnpunctuatedLists(Repair):
    """Captions list things without commas: "a red mug white saucer and a blue spoon", "a
    black dog brown cat and a white rabbit" (mug read as a modifier of saucer, dog of brown),
    "two legs green shoes". A described or counted noun followed by colours and another noun
    is an item of its own: English puts no colour between a compound's nouns, save a noun
    that names the colour's shade ("a dark forest green jacket"); other describing words may
    follow a noun modifier ("a red baby sleepy turtle").

    A singular article opens no plural: in "wearing a red ski jacket goggles and a helmet"
    (jacket a compound of goggles, which has the article) the article's phrase ends at the
    singular noun before the plural, and the plural, closing its item before a conjunction, a
    comma or the end, is an item of its own."""

    relations: frozenset[str]  # the labels of a noun read as another's modifier
    apposition: str  # the label of a list item beside another ("appos")
    shade: str = "compound"  # a noun so hung on a colour names its shade ("forest green")
    articles: Words = frozenset()  # singular articles ("a", "an")
    # word lists of nouns that count or describe a plural after an article ("a couple friends",
    # "a leather shoes" as templated benchmarks write it)
    describing_nouns: WordLists = ()
    # word lists of plurals that stand first in compounds ("sports car"): any other plural
    # hung on a plural right after it is an item of its own ("some tables chairs and a
    # clock": English compounds take a singular first noun)
    plural_things: WordLists = ()

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        words = list(graph.words)
        n = len(graph.words)
        for first in graph.attached_by(self.relations):
            if (not vocab.is_nominal(first) or first.head is None or first.head <= first.index
                    or not first.index
                    or vocab.is_color(first) or vocab.adjectival(first)):
                continue
            before = graph[first.index - 1]
            if not (before.pos in ("ADJ", "NUM") or vocab.is_color(before)):
                continue  # "a coffee white mug": no item of its own; "two legs green shoes" is
            k = first.index + 1
            while k < n and vocab.is_color(graph[k]):
                k += 1
            if k == first.index + 1 or k >= n or not vocab.is_nominal(graph[k]):
                continue
            second = graph[k]
            if not first.index < first.head <= second.index or (
                    first.relation == self.shade and vocab.is_color(graph[first.head])):
                continue  # "a dark forest green jacket": forest names the shade
            words[first.index] = replace(first, head=second.index, relation=self.apposition)
            for child in graph.words[:first.index]:
                if child.head == second.index and child.index > self._start(graph, first):
                    words[child.index] = replace(words[child.index], head=first.index)
            if any(loop_above(words, i) is not None for i in range(n)):
                words = list(graph.words)
        if self.articles:
            self._articled_plurals(graph, vocab, words)
        if self.plural_things:
            self._plural_pairs(graph, vocab, words)
        return graph.with_words(words)

    def _plural_pairs(self, graph: DependencyGraph, vocab: Vocabulary,
                      words: list[Word]) -> None:
        """Part a plural from the plural right after it that the parser hung it on as a
        modifier, where the second ends an item of a list, in ``words``."""
        plural = vocab.labels.set("plural_nouns")
        for first in graph.with_tag(plural):
            second = graph.next(first)
            if (second is None or first.head != second.index or second.tag not in plural
                    or first.relation not in self.relations
                    or not vocab.is_nominal(first) or not vocab.is_nominal(second)
                    or words[first.index] is not first
                    or vocab.has(first, self.plural_things)):
                continue
            after = graph.next(second)
            if after is not None and not (after.pos == "CCONJ" or vocab.is_comma(after)):
                continue  # (the second ends an item of a list)
            words[first.index] = replace(first, relation=self.apposition)

    def _articled_plurals(self, graph: DependencyGraph, vocab: Vocabulary,
                          words: list[Word]) -> None:
        """Part a plural from the singular noun before it that a singular article's phrase
        ends with ("a red ski jacket goggles and a helmet"), in ``words``."""
        labels = vocab.labels
        plural = labels.set("plural_nouns")
        for second in graph.with_tag(plural):
            first = graph[second.index - 1] if second.index else None
            if (first is None or not vocab.is_nominal(second) or not vocab.is_nominal(first)
                    or first.tag != labels.singular_noun or first.head != second.index
                    or first.relation not in self.relations
                    or words[first.index] is not first or words[second.index] is not second
                    or vocab.is_color(first) or vocab.has(first, self.describing_nouns)
                    # "holding a tennis racquet/NNS" (NN the tagger's other reading): no plural
                    or labels.singular_noun in second.alternative_tags):
                continue
            after = graph.next(second)
            if after is not None and not (after.pos == "CCONJ" or vocab.is_comma(after)):
                continue  # the plural ends no item of a list ("a fishing boat ties up")
            article = next((c for c in graph.dependents(second) if c.index < first.index
                            and c.lower in self.articles and c.pos == "DET"), None)
            if article is None or any(w.pos in ("CCONJ", "PUNCT", "ADP", "VERB")
                                      for w in graph.words[article.index:first.index]):
                continue  # "a bottle and office supplies": the article is another item's
            before = [c for c in graph.dependents(second)
                      if article.index <= c.index < first.index]
            words[first.index] = replace(first, head=second.index, relation=self.apposition)
            for child in before:
                words[child.index] = replace(child, head=first.index)

    @staticmethod
    def _start(graph: DependencyGraph, word: Word) -> int:
        """The index before the first word of the run of determiners and describing words
        that ends before ``word``."""
        i = word.index - 1
        while i >= 0 and graph[i].pos in ("DET", "ADJ", "NUM"):
            i -= 1
        return i
