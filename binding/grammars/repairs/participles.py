"""Participles the parser put in the wrong place: inside a noun phrase, at the head of one, or
as a finite verb of a caption that is really a noun phrase."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    bare_object,
    before_set_off,
    between_commas,
    colour_run,
    comma_between,
    comma_part,
    hangs_on,
    has_determiner,
    is_root,
    loop_above,
    part_tops,
    phrase_starts_with,
    stand_in,
    take_place,
)
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("gerund_participles")
class GerundParticiples(Repair):
    """After "with" or "of", or coordinated with an adjective, an -ing word followed by its
    bare noun "object" is a prenominal participle: "a street with glowing windows" (glowing a
    pcomp, windows its dobj), "the vibrant, swirling colors of the garden"; so is one of a verb
    that takes no object, anywhere ("a castle at dusk, glowing windows", "lit by flickering
    torches"), and one of a verb that need take none whose "object" has an -ing participle of
    its own ("a city at night, flying cars weaving between towers", "an old church, burning
    candles flickering in the dark"): the noun does something itself, so it is no object."""

    prepositions: Words  # the prepositions after which the -ing word is prenominal
    objectless_verbs: WordLists = ()  # word lists of verbs that take no object
    # word lists of verbs that need take no object: prenominal where their noun acts itself
    intransitive_verbs: WordLists = ()
    # labels of a clausal subject ("csubj"): such an -ing word of ``objectless_verbs`` with its
    # "object" right after it is the subject noun's participle ("glowing mushrooms light the
    # forest floor": the mushrooms glow and light it)
    subject_clauses: frozenset[str] = frozenset()

    needs = ("present_participle", "prepositional_complement", "object",
             "prepositional_objects", "conj", "participle", "adverbial_clause", "apposition",
             "adjectival", "subject")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        clauses = {labels.participle, labels.adverbial_clause}
        words = list(graph.words)
        for word in graph.with_tag(labels.present_participle):
            prep = graph.head(word)
            after = bare_object(graph, word, labels.object)  # type: ignore[arg-type]
            if (prep is None or after is None or vocab.is_color(after)  # "glowing warm yellow"
                    or not vocab.is_nominal(after) or has_determiner(graph, after)):
                continue
            if (word.relation == labels.conj and prep.pos == "ADJ" and prep.index < word.index
                    # (not an adjective that is a tag of its own: "1girl, excited, sparkling
                    # eyes")
                    and not between_commas(vocab, graph, prep)):
                # "the vibrant, swirling colors": swirling coordinated with vibrant, colors its
                # "object"; the noun heads the phrase, both words describe it
                adjective = prep
                words[after.index] = replace(after, head=adjective.head,
                                             relation=adjective.relation)
                words[adjective.index] = replace(words[adjective.index], head=after.index,
                                                 relation=labels.adjectival)
                for child in graph.children(adjective):
                    if child.index != word.index and child.index < adjective.index:
                        words[child.index] = replace(words[child.index], head=after.index)
                continue
            if (word.relation in self.subject_clauses and after.index == word.index + 1
                    and vocab.has(word, self.objectless_verbs)):
                take_place(words, after, word, labels.adjectival)
                words[after.index] = replace(words[after.index], relation=labels.subject)
                continue
            # an item of a list: after a comma, or after "and" joining it to a noun ("with
            # braided hair and glowing/conj red eyes")
            listed = (word.relation == labels.conj and word.index > 0 and (
                vocab.is_comma(graph[word.index - 1])
                or (graph[word.index - 1].pos == "CCONJ" and vocab.is_nominal(prep))))
            acting = self._acting(graph, vocab, word, after)
            if (word.relation in clauses or listed) and (
                    vocab.has(word, self.objectless_verbs)
                    or (acting is not None and vocab.has(word, self.intransitive_verbs))):
                # "a castle at dusk, glowing windows", "fireplace, sleeping cat on a rug": glow
                # and sleep take no object; the noun is an item of the list, the participle
                # its modifier, and what followed the noun is the noun's
                words[after.index] = replace(
                    after, head=prep.index,
                    relation=labels.conj if listed else labels.apposition)
                words[word.index] = replace(word, head=after.index, relation=labels.adjectival)
                for child in graph.children(word):
                    if child.index > after.index:  # later items of the list stay items
                        words[child.index] = replace(words[child.index], head=(
                            prep.index if comma_between(vocab, graph, after.index, child.index)
                            else after.index))
                if acting is not None and acting.head == word.index:  # "cars weaving/xcomp"
                    words[acting.index] = replace(words[acting.index], head=after.index,
                                                  relation=labels.participle)
                continue
            if word.relation != labels.prepositional_complement or not (
                    prep.lower in self.prepositions or vocab.has(word, self.objectless_verbs)):
                continue  # "lit by flickering torches": torches are not flickered
            if any(c.relation in labels.set("subjects") and vocab.is_nominal(c)
                   for c in graph.children(word)):
                continue  # "with a brown cover watching television": a clause of its own
                # (not "with one/nsubj blinking red eye": a count of the eye)
            if any(c.relation in labels.set("prepositional_objects") and c.index < word.index
                   for c in graph.dependents(prep)):
                continue  # "a baker in a white apron kneading dough": in has its object
            words[after.index] = replace(after, head=prep.index,
                                         relation=labels.prepositional_objects[0])
            words[word.index] = replace(word, head=after.index, relation=labels.adjectival)
            for child in graph.children(word):
                if child.index != after.index:
                    words[child.index] = replace(words[child.index], head=after.index)
        return graph.with_words(words)

    @staticmethod
    def _acting(graph: DependencyGraph, vocab: Vocabulary, word: Word,
                after: Word) -> Word | None:
        """The -ing word right after the "object", hung on it or on the -ing word before it
        ("flying cars weaving/xcomp between towers"); None where there is none."""
        acting = graph.next(after)
        if (acting is None or acting.tag != vocab.labels.present_participle
                or acting.head not in (after.index, word.index)):
            return None
        return acting


@registry.repairs("participles_before_commas")
class ParticiplesBeforeCommas(Repair):
    """An -ing word, or a known adjective, alone with its article before a comma, and a noun
    phrase with no article after the comma, is that noun's first coordinated modifier: "The
    twisting, winding roads of the pass were treacherous", "the gleaming, silver horseshoes
    clattered", "The bumpy, rugged terrain" (the tagger read twisting as a noun, the parser
    made it a subject or a phrase of its own). So where the phrase after the comma opens with
    an -ing word the parser read as a verb with the noun its object: "the tall, imposing
    tower", "The dark, imposing castle" (the noun takes the verb's place). A thing named by an
    -ing word ("the painting, vivid colors") stays a noun."""

    ending: str
    nouns: WordLists = ()  # word lists of things whose names end like participles
    prenominal: frozenset[str]  # labels of the modifiers that open the noun phrase after it
    # word lists of adjectives the tagger reads as nouns, read so too ("The bumpy, rugged
    # terrain")
    adjectives: WordLists = ()

    needs = ("adjectival", "present_participle", "adjective", "object")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for word in graph:
            if word.index == 0 or graph[word.index - 1].pos != "DET":
                continue  # the word is alone with its article
            if not (word.pos == "ADJ" or (
                    word.pos in ("NOUN", "VERB")
                    and (word.lower.endswith(self.ending)
                         or (self.adjectives and vocab.has(word, self.adjectives))))):
                continue
            article = graph[word.index - 1]
            comma = graph.next(word)
            opener = graph.next(comma) if comma is not None else None
            if (opener is None or article.pos != "DET" or not vocab.is_comma(comma)
                    or (article.index > 0 and not vocab.is_comma(graph[article.index - 1]))):
                continue
            # "The dark, imposing silhouette": the -ing word after the comma read as a verb
            # with the noun its object is the noun's modifier too
            verb = (opener if opener.pos == "VERB" and opener.lower.endswith(self.ending)
                    else None)
            noun = bare_object(graph, verb, labels.object) if verb is not None else None
            if noun is None or noun.index != opener.index + 1:
                verb = None
                if opener.relation not in self.prenominal or opener.head is None:
                    continue
                noun = graph[opener.head]
            start, end = comma_part(vocab, graph, opener)
            if (not start <= noun.index < end or not vocab.is_nominal(noun)
                    or any(c.pos == "DET" and c.index != article.index
                           for c in graph.children(noun))
                    or any(c.index not in (article.index, noun.index, opener.index)
                           and c.pos != "PUNCT" for c in graph.children(word))
                    or vocab.has_form(word, self.nouns)
                    or (word.head == noun.index and word.relation == labels.adjectival
                        and article.head == noun.index)):
                continue
            if verb is not None:
                take_place(words, noun, verb, labels.adjectival)  # type: ignore[arg-type]
                words[verb.index] = replace(words[verb.index], tag=labels.present_participle)
            if hangs_on(graph, noun, word):
                take_place(words, noun, word, labels.adjectival)  # type: ignore[arg-type]
            form = ({"pos": "VERB", "tag": labels.present_participle}
                    if word.lower.endswith(self.ending)
                    else {"pos": "ADJ", "tag": labels.adjective})
            words[word.index] = replace(words[word.index], head=noun.index,
                                        relation=labels.adjectival, **form)
            words[article.index] = replace(article, head=noun.index)
        return graph.with_words(words)


@registry.repairs("prenominal_past_participles")
class PrenominalPastParticiples(Repair):
    """A past participle that opens a comma part, before a bare noun the parser made its
    object, describes that noun: "a wooden table, scattered crumbs and a folded napkin",
    "an owl, brass feathers, exposed gears" (scattered/VBN, exposed/VBD, each a clause's
    root with the noun its object). A past participle takes no object of its own, and a part
    with no subject of its own is no clause. The noun takes the verb's place; a subject the
    parser found across the comma ("owl") heads the list, the noun one of its items."""

    ending: str  # the ending of regular past tenses the tagger may give ("ed")
    auxiliaries: frozenset[str]  # labels of auxiliaries ("aux", "auxpass")
    # word lists of participles that are their base form ("spread", "shut"): read so whatever
    # tense the tagger gave them ("dragon, black scales, spread/VBP wings")
    bare_participles: WordLists = ()

    needs = ("past_participle", "past_tense", "object", "subjects", "adjectival", "apposition")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        words = list(graph.words)
        for word in graph.with_pos("VERB"):
            # (by its form: "cutting" is no "cut")
            bare = bool(self.bare_participles) and vocab.has_form(word, self.bare_participles)
            if not (word.tag == labels.past_participle or bare
                    or (word.tag == labels.past_tense and word.lower.endswith(self.ending))):
                continue
            start, _ = comma_part(vocab, graph, word)
            noun = bare_object(graph, word, labels.object)  # type: ignore[arg-type]
            children = graph.children(word)
            if (start != word.index or noun is None or not vocab.is_nominal(noun)
                    or has_determiner(graph, noun)
                    or any(c.relation in self.auxiliaries for c in children)):
                continue
            found = [c for c in children if c.relation in subjects]
            if any(not comma_between(vocab, graph, c.index, word.index) for c in found):
                continue  # a subject of its own: a clause
            top = found[0] if len(found) == 1 else noun
            take_place(words, top, word, labels.adjectival)
            words[word.index] = replace(words[word.index], head=noun.index)
            if bare:
                words[word.index] = replace(words[word.index], tag=labels.past_participle)
            if top is not noun:
                words[noun.index] = replace(words[noun.index], head=top.index,
                                            relation=labels.apposition)
            _, end = comma_part(vocab, graph, noun)
            for child in children:
                if child.index not in (noun.index, top.index):
                    owner = noun if word.index < child.index < end else top
                    words[child.index] = replace(words[child.index], head=owner.index)
        return graph.with_words(words)


@registry.repairs("participles_read_as_modifiers")
class ParticiplesReadAsModifiers(Repair):
    """Someone, an -ing word and a noun read as one noun phrase is someone doing something
    to the noun: "a boy holding balloons", "a dog chasing ducks", "barista making latte",
    "old fisherman mending nets" (boy and holding both modifiers of balloons). One who can act
    heads the phrase, the -ing word is its participle, the noun the participle's object; the
    words before the one who acts are theirs. A verb that things do to what they show
    (``showing_verbs``) has any noun for its subject: "a bakery window displaying croissants"
    (window a modifier of croissants: the window was lost)."""

    ending: str  # "ing"
    animate: WordLists  # word lists of who can act
    things: WordLists = ()  # word lists of -ing nouns ("painting", "building")
    showing_verbs: WordLists = ()  # word lists of verbs a thing does ("display", "overlook")

    needs = ("participle", "object", "present_participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        for word in graph.with_pos(("VERB", "NOUN")):
            if not word.lower.endswith(self.ending) or word.index == 0:
                continue
            noun = graph.head(word)
            # (a thing named by an -ing word is none of them: "display" is a noun as well)
            if (noun is None or noun.index <= word.index or not vocab.is_nominal(noun)
                    or (vocab.has(word, self.things) and not vocab.has(word, self.showing_verbs))):
                continue
            # "a cook stirring and tasting soup": the -ing words coordinated, the last the
            # noun's verb
            verb = self._last_conjunct(graph, vocab, word, noun)
            if verb is None:
                continue
            actor = graph[word.index - 1]
            if actor.head not in (word.index, noun.index) or not (
                    vocab.has(actor, self.animate)
                    or (vocab.is_nominal(actor) and not vocab.is_color(actor)
                        and vocab.has(word, self.showing_verbs))):
                continue
            take_place(words, actor, noun, labels.object)  # type: ignore[arg-type]
            words[actor.index] = replace(words[actor.index], pos="NOUN")
            words[noun.index] = replace(words[noun.index], head=verb.index)
            if verb is not word:
                words[verb.index] = replace(words[verb.index], pos="VERB",
                                            tag=labels.present_participle)
            words[word.index] = replace(word, pos="VERB", tag=labels.present_participle,
                                        head=actor.index, relation=labels.participle)
            for child in graph.children(noun) + graph.children(word):
                if child.index < actor.index:
                    words[child.index] = replace(words[child.index], head=actor.index)
        return graph.with_words(words)

    def _last_conjunct(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                       noun: Word) -> Word | None:
        """The verb whose object the noun is: the -ing word itself where only the noun's
        words stand between them, the last of -ing words coordinated with it ("stirring and
        tasting soup") where those do."""
        between = graph.words[word.index + 1:noun.index]
        if all(w.head == noun.index for w in between):
            return word
        labels = vocab.labels
        if (len(between) == 2 and between[0].relation == labels.coordinator
                and between[1].relation == labels.conj and between[0].head == word.index
                and between[1].head == word.index and between[1].lower.endswith(self.ending)):
            return between[1]
        return None


@registry.repairs("participle_heads")
class ParticipleHeads(Repair):
    """A participle the parser made the head of the noun before it is that noun's participle:
    "a zebra standing alone" (zebra a compound of standing/NOUN) -> zebra, with standing after
    it; "a skirt playing tennis" (one compound) -> skirt, playing, tennis its object."""

    # word ending -> the [labels] role of the tag it gets ({ ing = "present_participle" })
    endings: dict[str, str]
    head_relations: frozenset[str]  # labels of the noun under the participle
    followers: frozenset[str]  # parts of speech after which the participle ends its phrase
    objectless_verbs: WordLists = ()
    # labels of auxiliaries: a word with one heads a clause ("a person is rock climbing")
    auxiliaries: frozenset[str] = frozenset()
    # word lists of who acts ("animate"): one the tagger called an adjective before the
    # participle is its noun
    animate: WordLists = ()
    # past participles with no ending that name no common thing after a noun ("cut", "shut"):
    # "a sandwich cut/NN in half" (sandwich its compound)
    bare_forms: Words = frozenset()
    # labels of a copula's complement ("acomp"): a participle so hung with a noun before it is
    # a predicate of its subject, the noun its first word ("the peaks were snow capped")
    complements: frozenset[str] = frozenset()

    needs = ("participle", "object", "plural_nouns", "conj", "past_participle",
             "apposition")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        tags = {ending: getattr(labels, role) for ending, role in self.endings.items()}
        endings = tuple(tags)
        plural = labels.set("plural_nouns")
        words = list(graph.words)
        for word in graph.with_pos(("NOUN", "VERB")):
            # (a bare form only before a word of its phrase: "a fresh hair cut" is a cut)
            bare = word.lower in self.bare_forms and graph.next(word) is not None
            if (word.index == 0 or not (bare or word.lower.endswith(endings))
                    or vocab.has(word, ("nouns", "frames", "abstract", "aspects"))):
                continue
            if word.relation in self.complements and word.pos == "VERB" and (
                    (copula := graph.head(word)) is not None and copula.pos == "AUX"):
                continue
            after = graph.next(word)
            # "a shirt playing tennis" read as one compound [shirt playing tennis]: the
            # activity is the participle's object, the phrase ends at the noun before it
            activity = (after is not None and word.head == after.index
                        and vocab.is_nominal(after) and vocab.has(after, ("abstract",)))
            noun = words[word.index - 1]
            # "snow falling, ...", "broken lights flickering, ...", "sea turtle swimming, ...":
            # a phrase ending in the -ing word of a verb that takes no object (read off its
            # stem where the tagger made it a noun), or after a plural (no compound's first
            # word), ends in a participle
            ends = (after is None or after.text in vocab.phrase_ends) and (
                vocab.has(word, self.objectless_verbs) or noun.tag in plural
                or vocab.has_stem(word.lower, "ing", self.objectless_verbs))
            # "cute robot barista making coffee in a cafe" (barista an npadvmod of making, the
            # root): a verb's own object after it goes on the participle's phrase
            with_object = (after is not None and word.pos == "VERB"
                           and word.tag == tags.get("ing") and after.head == word.index
                           and after.relation == labels.object)
            if (after is not None and not activity and not ends and not with_object
                    and after.pos not in self.followers):
                continue  # "its diamond tufting and ...": a noun phrase goes on
            heads = {word.index, after.index} if activity else {word.index}  # type: ignore[union-attr]
            # (a known animate the tagger called an adjective is a noun: "a fluffy white
            # samoyed puppy/JJ playing/NN in autumn leaves")
            animate = (noun.pos == "ADJ" and bool(self.animate)
                       and vocab.has_form(noun, self.animate))
            if (noun.head not in heads or noun.relation not in self.head_relations
                    or not (vocab.is_nominal(noun) or animate) or vocab.is_color(noun)
                    or vocab.adjectival(noun)
                    or _has_auxiliary(graph, word, self.auxiliaries)
                    or (word.relation == labels.conj and word.pos == "VERB"
                        and not activity and not graph.children(noun)
                        and _has_auxiliary(graph, graph.head(word), self.auxiliaries))):
                # a verb with an auxiliary, or the bare conjunct of one, heads a clause ("a
                # person is rock climbing", "are skateboarding and roller skating"; not "a man
                # walking and woman running")
                continue
            top = after if activity else word
            words[noun.index] = replace(noun, head=None if is_root(top) else top.head,  # type: ignore[union-attr,arg-type]
                                        relation=top.relation)  # type: ignore[union-attr]
            if animate:
                words[noun.index] = replace(words[noun.index], pos="NOUN",
                                            tag=labels.singular_noun)
            if activity:
                words[after.index] = replace(after, head=word.index,  # type: ignore[union-attr]
                                             relation=labels.object)
            tag = labels.past_participle if bare else next(
                tags[end] for end in endings if word.lower.endswith(end))
            words[word.index] = replace(word, head=noun.index, relation=labels.participle,
                                        pos="VERB", tag=tag)
            for child in graph.children(top) + (graph.children(word) if activity else []):  # type: ignore[arg-type]
                if child.index < noun.index:
                    words[child.index] = replace(words[child.index], head=noun.index)
            for child in graph.dependents(word):
                if (child.relation == labels.object and child.index > word.index
                        and comma_between(vocab, graph, word.index, child.index)):
                    # "a knight kneeling/NN before a sword, ruined chapel": the next tag
                    words[child.index] = replace(words[child.index], head=noun.index,
                                                 relation=labels.apposition)
        return graph.with_words(words)


@registry.repairs("adjacent_participles")
class AdjacentParticiples(Repair):
    """A participle right after a noun, hung beside it on the noun's own head, is the noun's
    participle: "a train arriving and pigeons pecking at crumbs" (pecking an advcl of
    arriving, like pigeons), or right after the noun's tag ("red sports car, racing on a
    mountain road, ..., photography": car and racing both hung on photography). So is one
    between a noun and a comma that the parser made an
    adjective of a noun after the comma: "green onions, steam rising, dark wooden table"
    (rising an amod of table): a comma closes the phrase a prenominal word opens. One the
    parser hung on a noun before it with a verb's clause label is that noun's participle ("a
    steampunk owl with brass goggles, gears, sitting on a pile of books": sitting an advcl of
    owl). Where the noun is a lifeless object of an animate owner's participle, the parser's
    reading stands: the owner's ("a man holding two red skis walking through the snow").
    A past participle right after the lifeless object of a preposition of place is that
    object's, though the parser hung it on the noun the place phrase belongs to: "a
    convertible parked on a street lined with trees" (not after "with" or "of", where the first
    noun goes on: "a bowl filled with beans surrounded by slices"; nor a participle of dress:
    "a man on a bench dressed in black")."""

    relations: frozenset[str]  # the labels such a participle carries ("advcl")
    animate: WordLists = ()  # word lists of who may hold a thing and walk on ("animate")
    place_prepositions: Words = frozenset()  # "on", "along": their object takes it
    clothing_verbs: WordLists = ()  # word lists of participles of dress ("dressed", "clad")
    # labels of a possessive on its noun ("poss"): an -ing participle after a comma that the
    # parser hung on the predicate of a possessed noun's absolute phrase is the owner's ("a
    # wolf, its fur matted with snow, howling at the moon": the wolf howls)
    possessives: frozenset[str] = frozenset()

    needs = ("participle", "subjects", "present_participle", "adjectival", "object",
             "past_participle", "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        words = list(graph.words)
        for word in graph.with_tag(labels.present_participle):
            if word.index == 0 or word.pos != "VERB":
                continue
            noun = graph[word.index - 1]
            owner = self._absolute_owner(graph, vocab, word)
            if owner is not None:
                words[word.index] = replace(word, head=owner.index, relation=labels.participle)
                continue
            if vocab.is_comma(noun) and word.index > 1:
                noun = graph[word.index - 2]  # "sports car, racing on a road": a tag after it
            after = graph.next(word)
            # (or on a conjunct of it: "wearing a raincoat, holding a pipe, standing on")
            noun_head = graph.head(noun)
            beside = (word.relation in self.relations and word.head is not None
                      and (noun.head == word.head
                           or (noun_head is not None and noun_head.head == word.head
                               and (noun_head.relation == labels.conj
                                    or noun_head.relation in self.relations)
                               and noun.relation == labels.object))
                      and not self._subjects_action(graph, vocab, noun, word))
            across = (word.relation == labels.adjectival and word.head is not None
                      and after is not None and vocab.is_comma(after)
                      and word.head > after.index)
            head = graph.head(word)
            back = (word.relation == labels.participle and head is not None
                    and vocab.is_nominal(head) and head.index < noun.index - 1
                    and noun.index == word.index - 1
                    and comma_between(vocab, graph, head.index + 1, noun.index))
            if back and vocab.is_nominal(noun) and not hangs_on(graph, noun, word) and not any(
                    c.relation in subjects for c in graph.children(word)):
                words[word.index] = replace(word, head=noun.index)
                continue
            if (word.relation in self.relations and head is not None
                    and vocab.is_nominal(head) and head.index < word.index
                    and not any(c.relation in subjects for c in graph.dependents(word))):
                # "a steampunk owl with brass goggles, ..., sitting on a pile of books":
                # hung on its noun already, with a verb's clause label
                words[word.index] = replace(word, relation=labels.participle)
                continue
            if ((beside or across) and vocab.is_nominal(noun)
                    and not any(c.relation in subjects for c in graph.children(word))):
                owner = self._holders_owner(graph, vocab, noun, word, words) if beside else None
                words[word.index] = replace(word, head=(owner or noun).index,
                                            relation=labels.participle)
        if self.place_prepositions:
            for word in graph.with_tag(labels.past_participle):
                place = self._place_before(graph, vocab, word)
                if place is not None:
                    words[word.index] = replace(words[word.index], head=place.index)
        return graph.with_words(words)

    def _absolute_owner(self, graph: DependencyGraph, vocab: Vocabulary,
                        word: Word) -> Word | None:
        """The owner of the absolute phrase whose predicate the parser hung the participle
        on: "a wolf, its fur matted with snow, howling" (howling an advcl of matted, the fur's
        participle), "an old tree, its bark gnarled and grey, standing alone" (standing an
        advcl of gnarled, bark its subject); the owner is the noun heading the comma part
        before the possessed noun's phrase. None elsewhere."""
        labels = vocab.labels
        predicate = graph.head(word)
        if (not self.possessives or word.relation not in self.relations
                or predicate is None or predicate.index > word.index
                or not vocab.is_comma(graph[word.index - 1])
                or any(c.relation in labels.set("subjects") for c in graph.dependents(word))):
            return None
        if (predicate.relation == labels.conj and (first := graph.head(predicate)) is not None
                and first.pos == predicate.pos):
            predicate = first  # "its armor dented and scratched, kneeling"
        if predicate.relation == labels.participle:
            # "its fur matted": matted the fur's participle
            candidates = [predicate.head] if predicate.head is not None else []
        else:  # (the parser may give it the owner for a second subject: "tree, its bark")
            candidates = [c.index for c in graph.dependents(predicate)
                          if c.relation in labels.set("subjects") and c.index < predicate.index]
        possessive = next((c for i in candidates if vocab.is_nominal(graph[i])
                           for c in graph.dependents(graph[i])
                           if c.relation in self.possessives and c.index < i
                           and c.pos == "PRON"), None)
        if (possessive is None or possessive.index < 2
                or not vocab.is_comma(graph[possessive.index - 1])):
            return None
        owner = next((w for w in part_tops(graph, *comma_part(vocab, graph,
                                                               graph[possessive.index - 2]))
                      if vocab.is_nominal(w)), None)
        return owner if owner is not None and not hangs_on(graph, owner, word) else None

    def _place_before(self, graph: DependencyGraph, vocab: Vocabulary,
                      word: Word) -> Word | None:
        """The lifeless object of a preposition of place right before the past participle
        ``word``, where the parser hung ``word`` on the noun that the place phrase (straight
        or through a participle: "parked on a street") belongs to; None elsewhere."""
        labels = vocab.labels
        if word.relation != labels.participle or word.head is None or word.index < 2:
            return None
        noun = graph[word.index - 1]
        preposition = graph.head(noun)
        if (preposition is None or preposition.lower not in self.place_prepositions
                or noun.relation not in labels.set("prepositional_objects")
                or not vocab.is_nominal(noun)
                or vocab.has(noun, self.animate) or vocab.has(word, self.clothing_verbs)):
            return None
        above = graph.head(preposition)
        if above is not None and above.index != word.head and above.relation == labels.participle:
            above = graph.head(above)  # "parked on a street": the convertible's participle
        return noun if above is not None and above.index == word.head else None

    def _holders_owner(self, graph: DependencyGraph, vocab: Vocabulary, noun: Word,
                       word: Word, words: list[Word]) -> Word | None:
        """The animate owner of the participle whose lifeless object ``noun`` is, where the
        parser hung ``word`` on that participle: "a man holding two red skis walking through
        the snow" (the man walks, not the skis). Set off by a comma, it is the verb's
        sibling whatever the owner ("an elderly fisherman, wearing a yellow raincoat,
        standing on the deck"; wearing read as the fisherman's in the same pass, ``words``)."""
        verb = words[word.head] if word.head is not None else None
        owner = graph.head(verb) if verb is not None else None
        set_off = vocab.is_comma(graph[word.index - 1])
        if (not self.animate or owner is None or verb is None
                or verb.relation != vocab.labels.participle or noun.relation != vocab.labels.object
                or not vocab.is_nominal(owner)
                or not (set_off or vocab.has(owner, self.animate))
                or vocab.has(noun, self.animate)):
            return None
        return owner

    @staticmethod
    def _subjects_action(graph: DependencyGraph, vocab: Vocabulary, noun: Word,
                         word: Word) -> bool:
        """Whether the participle, after a comma that follows its verb's object, is another
        action of the verb's subject ("a group of friends are playing a board game, laughing
        and joking": the friends laugh, not the game)."""
        verb = graph.head(word)
        return (verb is not None and noun.relation == vocab.labels.object
                and vocab.is_comma(graph[word.index - 1])
                and any(c.relation in vocab.labels.set("subjects") and c.index < verb.index
                        for c in graph.dependents(verb)))


@registry.repairs("coordinated_participles")
class CoordinatedParticiples(Repair):
    """A past form after "and" that closes a participle's phrase is that participle's
    conjunct: "a stack of pancakes drizzled with maple syrup and topped with blueberries"
    parsed with topped/VBD a conjunct of stack. A noun has no verb for its conjunct; the two
    participles describe the same noun. A past form with an object or a subject of its own
    heads a clause and is left alone."""

    verb_only_children: frozenset[str]  # labels only a finite verb's dependents carry

    needs = ("conj", "coordinator", "participle", "past_tense", "past_participle", "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        past = (labels.past_tense, labels.past_participle)
        words: list[Word] | None = None
        for word in graph.attached_by(labels.conj):
            head = graph.head(word)
            if (word.pos != "VERB" or word.tag not in past or head is None
                    or not vocab.is_nominal(head) or head.index > word.index
                    or graph[word.index - 1].pos != "CCONJ"):
                continue
            participle = self._participle_before(graph, vocab, head, word)
            if participle is None or any(
                    c.relation in self.verb_only_children or c.relation in labels.set("subjects")
                    for c in graph.children(word)):
                continue
            words = words or list(graph.words)
            words[word.index] = replace(words[word.index], head=participle.index,
                                        tag=labels.past_participle)
            joint = graph[word.index - 1]
            if joint.head == head.index:
                words[joint.index] = replace(words[joint.index], head=participle.index)
        return graph if words is None else graph.with_words(words)

    @staticmethod
    def _participle_before(graph: DependencyGraph, vocab: Vocabulary, head: Word,
                           word: Word) -> Word | None:
        """The last participle hung on a noun between ``head`` and the conjunction before
        ``word``, whose phrase runs up to the conjunction (no comma between), or None."""
        labels = vocab.labels
        for candidate in reversed(graph.words[head.index + 1 : word.index - 1]):
            if vocab.is_comma(candidate):
                return None
            if (candidate.pos == "VERB" and candidate.relation == labels.participle
                    and candidate.tag in (labels.past_participle, labels.present_participle)
                    and not hangs_on(graph, candidate, word)):
                return candidate
        return None


@registry.repairs("caption_participles")
class CaptionParticiples(Repair):
    """A caption is a noun phrase: "a red bus stopped at a bus stop", "a dog curled up by the
    fire". A regular -ed verb tagged past tense, without an auxiliary or an object, after a
    subject without "the", is its noun's past participle (a reduced relative) — unless the
    verb has no passive ("one cat stared at three plates", "turtles played in the garden"),
    whose -ed form after its subject is the past tense even where tagged a participle ("six
    bees buzzed around the garden") or hung on the noun before it as one ("three turtles
    played in the garden": the turtles are its subject). An irregular form that is only ever a
    participle is one wherever the tagger calls it a past tense ("his katana drawn"), and one
    whose participle is its base form is one right after a subject with a possessive set off by
    a comma, where the tagger calls it a present or a past tense (an absolute phrase: "..., its
    wings spread wide", "..., his eyes shut", "..., its hull split open")."""

    ending: str  # the ending of regular past forms ("ed")
    definite_articles: Words  # a subject opening with one of these makes a sentence
    verb_only_children: frozenset[str]  # labels of dependents only a finite verb has
    # word lists of verbs with no passive: their -ed form after a noun is the past tense ("one
    # cat stared at three plates": nothing was stared), even where the tagger says participle
    finite_verbs: WordLists = ()
    auxiliaries: frozenset[str] = frozenset()  # labels of auxiliaries ("aux", "auxpass")
    # word lists of irregular forms that are only ever past participles ("drawn", "broken"):
    # tagged past tense, they are participles whatever their subject
    participle_forms: WordLists = ()
    # word lists of irregular past forms the same as the participle, of verbs that take an
    # object ("lit", "built"): read as a regular -ed form is ("glass towers lit from within")
    shared_past_forms: WordLists = ()
    # word lists of irregular verbs whose participle is the base form ("spread", "shut")
    bare_participles: WordLists = ()
    # labels of a past form right after a comma, with no subject or object of its own, that
    # is a participle set off after its clause ("the cat slept on the sofa, curled/VBD into a
    # ball": advcl of slept; "lanterns swayed, strung/VBD between the trees": acl)
    set_off_relations: frozenset[str] = frozenset()

    needs = ("past_tense", "past_participle", "subject", "participle", "unknown",
             "present_verb", "base_verb", "possessive", "conj", "apposition", "subjects",
             "adverbial_clause", "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects_labels = labels.set("subjects")
        objects = labels.set("prepositional_objects")
        words = list(graph.words)
        # every branch below reads a participle, a past tense or (bare participles) a present
        presents = (labels.present_verb, labels.base_verb) if self.bare_participles else ()
        for word in graph.with_tag((labels.past_participle, labels.past_tense, *presents)):
            if ((word.tag in presents or (presents and word.tag == labels.past_tense))
                    and self._absolute(graph, vocab, word)):
                # "..., its wings spread/VBP wide": the wings are spread; an "object" after
                # a comma is the next phrase ("his eyes shut, a felt hat at ...")
                words[word.index] = replace(word, tag=labels.past_participle)
                for c in self._apart(graph, vocab, word):
                    words[c.index] = replace(c, relation=labels.unknown)
                continue
            if word.tag in presents:
                continue
            if (word.tag == labels.past_participle and vocab.has(word, self.finite_verbs)
                    and any(c.relation == labels.subject and c.index < word.index
                            for c in graph.dependents(word))
                    and not any(c.relation in self.auxiliaries for c in graph.dependents(word))):
                # "six bees buzzed around the garden" (buzzed/VBN): no passive, so a past tense
                words[word.index] = replace(word, tag=labels.past_tense)
                continue
            noun = graph.head(word)
            if (vocab.has(word, self.finite_verbs) and word.relation == labels.participle
                    and noun is not None and vocab.is_nominal(noun)
                    and ((word.tag == labels.past_participle and noun.index == word.index - 1)
                         or (word.tag in (labels.past_participle, labels.past_tense)
                             and noun.index < word.index - 1
                             and before_set_off(vocab, graph, word, 0) is noun))):
                # "three turtles played in the garden" (played/VBN an acl of turtles); "Her
                # eyes, bright green and sparkling, stared at the locket" (stared/VBD, after
                # the describing words set off after its subject)
                noun = _of_phrase_top(graph, vocab, noun, objects)
                later = graph.head(noun)
                take_place(words, word, noun, labels.subject)
                words[word.index] = replace(words[word.index], tag=labels.past_tense)
                if (later is not None and noun.relation == labels.subject
                        and later.pos == "VERB" and later.index > word.index
                        and comma_between(vocab, graph, word.index, later.index)):
                    # "the stones glittered in the sunlight, arranged in a circle" (stones
                    # the subject of arranged): the verb after the comma is set off after
                    # this one's clause
                    stand_in(words, word, later)
                    words[later.index] = replace(words[later.index], head=word.index,
                                                 relation=labels.adverbial_clause)
                continue
            if (word.tag == labels.past_tense and self.participle_forms
                    and vocab.has_form(word, self.participle_forms)):
                # "his katana drawn" (drawn/VBD): a form that is only ever a participle
                words[word.index] = replace(word, tag=labels.past_participle)
                continue
            if (word.tag != labels.past_tense or vocab.has(word, self.finite_verbs) or not (
                    word.lower.endswith(self.ending)
                    or vocab.has_form(word, self.shared_past_forms))):
                continue
            children = graph.children(word)
            if (word.relation in self.set_off_relations and vocab.is_comma(graph[word.index - 1])
                    and not any(c.relation in self.verb_only_children
                                or c.relation in subjects_labels for c in children)):
                words[word.index] = replace(word, tag=labels.past_participle)
                continue
            subjects = [c for c in children if c.relation == labels.subject
                        and c.index < word.index and vocab.is_nominal(c)]
            # an "object" after a comma is a phrase of its own ("a studio bathed in light,
            # half-finished canvases lean against the walls")
            apart = self._apart(graph, vocab, word)
            # a colour complement is a participle's as well ("a car painted red with ...")
            if (len(subjects) != 1 or any(c.relation in self.verb_only_children
                                          and not vocab.is_color(c) and c not in apart
                                          for c in children)
                    or phrase_starts_with(vocab, graph, subjects[0], self.definite_articles)):
                continue
            words[word.index] = replace(word, tag=labels.past_participle)
            for c in apart:
                words[c.index] = replace(c, relation=labels.unknown)
            if comma_between(vocab, graph, subjects[0].index, word.index):
                hang_on_last_conjunct(graph, vocab, words, subjects[0], word)
        return graph.with_words(words)

    def _apart(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> list[Word]:
        """The verb's "objects" after a comma: phrases of their own ("a studio bathed in
        light, half-finished canvases lean against the walls")."""
        return [c for c in graph.dependents(word) if c.relation in self.verb_only_children
                and c.index > word.index and comma_between(vocab, graph, word.index, c.index)]

    def _absolute(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether a bare participle ("spread", "shut") the tagger called a present or a past
        tense stands right after its subject, a noun with a possessive, in a phrase a comma
        opens, with no object or auxiliary: "..., his eyes shut, ..." (not "his eyes shut the
        door", "they shut")."""
        labels = vocab.labels
        subject = graph[word.index - 1] if word.index else None
        if (subject is None or subject.head != word.index or subject.relation != labels.subject
                or not vocab.is_nominal(subject) or not vocab.has(word, self.bare_participles)):
            return False
        owners = [c for c in graph.dependents(subject) if c.relation == labels.possessive]
        start = min([subject.index, *(c.index for c in graph.dependents(subject))])
        if len(owners) != 1 or start == 0 or not vocab.is_comma(graph[start - 1]):
            return False
        apart = self._apart(graph, vocab, word)  # (a clause before the comma is not its own)
        return not any(c.relation in self.verb_only_children and c.index > start
                       and c not in apart for c in graph.dependents(word))


def _of_phrase_top(graph: DependencyGraph, vocab: Vocabulary, noun: Word,
                   objects: frozenset[str]) -> Word:
    """The noun whose *of* phrase ``noun`` ends, up every *of*: the subject of "the polished
    surface of the vase sparkled" is the surface."""
    seen = {noun.index}
    while noun.relation in objects:
        marker = graph.head(noun)
        above = graph.head(marker) if marker is not None else None
        if marker is None or above is None or not vocab.has(marker, ("of",)) or \
                above.index in seen:
            break
        noun = above
        seen.add(noun.index)
    return noun


@registry.repairs("subject_participles")
class SubjectParticiples(Repair):
    """An -ing verb without an auxiliary is no finite verb: "portrait of a snow leopard
    resting on a rocky ledge, its pale eyes stare ..." parsed with the portrait the subject of
    resting. A subject right before such a verb (no comma between) is the noun the participle
    describes: it takes the verb's place in the tree, the verb hangs on it. So does a past
    participle (the tagger's VBN, not a past tense) without an auxiliary: "autumn leaves
    scattered around" is no clause, save for verbs of doing that have no passive
    (``past_tense_verbs``: "one cat stared at three plates"). A word tagged the -ing form
    without one is a present verb ("snowflakes cling/VBG to its whiskers")."""

    auxiliaries: frozenset[str]  # labels of auxiliaries ("aux", "auxpass")
    past_participles: bool = False  # read VBN verbs too
    past_tense_verbs: WordLists = ()  # word lists of verbs whose -ed form is a past tense
    # the ending of present participles ("ing") and the letters one of which their stem has
    # ("aeiouy": sing-ing, ly-ing): a word without them is no participle, whatever its tag
    # ("snowflakes cling/VBG to its whiskers": cl- has no vowel)
    ending: str = ""
    stem_vowels: str = ""
    # word lists of linking verbs ("linking_verbs") and the label of their complement
    # ("acomp"): a linking verb's -ing form the tagger called a noun, read as the subject of
    # the participle after it, is that verb ("... and feeling/NN humbled")
    linking_verbs: WordLists = ()
    complement: str = ""

    needs = ("subjects", "present_participle", "past_participle", "participle", "object",
             "apposition", "conj", "present_verb")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        words = list(graph.words)
        # every branch below reads a present or past participle
        for verb in graph.with_tag((labels.present_participle, labels.past_participle)):
            past = (self.past_participles and verb.tag == labels.past_participle
                    and not vocab.has(verb, self.past_tense_verbs))
            if (verb.tag == labels.present_participle and self.ending
                    and not self._participle_form(verb.lower)):
                # "snowflakes cling/VBG to its whiskers": a present verb, as its form says
                words[verb.index] = replace(verb, tag=labels.present_verb)
                continue
            if verb.pos != "VERB" or not (verb.tag == labels.present_participle or past):
                continue
            children = graph.children(verb)
            found = [c for c in children if c.relation in subjects and c.index < verb.index
                     and vocab.is_nominal(c)]
            if len(found) != 1 or any(c.relation in self.auxiliaries for c in children):
                continue
            if comma_between(vocab, graph, found[0].index, verb.index):
                hang_on_last_conjunct(graph, vocab, words, found[0], verb)
                continue
            after = graph.next(verb)
            last = graph[verb.index - 1]
            right_after = last is found[0] or (last.relation == labels.conj
                                               and last.head == found[0].index)
            if verb.tag == labels.past_participle and (not right_after or (
                    after is not None and (vocab.is_nominal(after) or after.pos == "ADJ"))):
                continue  # right after its noun(s), and not before one ("a spotted cat")
            subject = found[0]
            if (self.complement and subject.index == verb.index - 1
                    and subject.lower.endswith(self.ending)
                    and vocab.has(subject, self.linking_verbs)):
                take_place(words, subject, verb, self.complement)
                words[subject.index] = replace(words[subject.index], pos="VERB",
                                               tag=labels.present_participle)
                continue
            take_place(words, subject, verb, labels.participle)  # type: ignore[arg-type]
            for child in children:
                if words[child.index].head != verb.index:
                    continue  # (a participle this pass already hung on its own noun)
                if child.index < subject.index:
                    words[child.index] = replace(words[child.index], head=subject.index)
                elif (child.relation == labels.object
                      and comma_between(vocab, graph, verb.index, child.index)):
                    # "leaves scattered around, a pot of tea": the next tag, not an object
                    words[child.index] = replace(words[child.index], head=subject.index,
                                                 relation=labels.apposition)
        return graph.with_words(words)

    def _participle_form(self, lower: str) -> bool:
        stem = lower[:-len(self.ending)]
        return lower.endswith(self.ending) and (
            not self.stem_vowels or any(ch in self.stem_vowels for ch in stem))


def hang_on_last_conjunct(graph: DependencyGraph, vocab: Vocabulary, words: list[Word],
                          subject: Word, verb: Word) -> None:
    """Hang a participle whose "subject" lies across a comma on the noun right before it, a
    conjunct or apposition of that subject: "Street photography of a café, round metal tables
    and wicker chairs lined up on the sidewalk, ..." (photography the subject of lined, chairs
    its conjunct), "tiers of macarons, ..., chocolate éclairs lined up on a silver tray": a
    list of tags, whose last item the participle describes. The subject takes the verb's
    place in the tree."""
    labels = vocab.labels
    noun = graph[verb.index - 1] if verb.index else None
    if (noun is None or not vocab.is_nominal(noun)
            or noun.relation not in (labels.conj, labels.apposition)
            or not hangs_on(graph, noun, subject)):
        return
    before = list(words)
    stand_in(words, subject, verb)
    words[verb.index] = replace(words[verb.index], head=noun.index, relation=labels.participle)
    if loop_above(words, verb.index) is not None or loop_above(words, subject.index) is not None:
        words[:] = before  # the verb's own clause holds the subject: leave the parse


def _has_auxiliary(graph: DependencyGraph, verb: Word | None, labels: frozenset[str]) -> bool:
    return verb is not None and any(c.relation in labels for c in graph.children(verb))


@registry.repairs("activity_compounds")
class ActivityCompounds(Repair):
    """A bare singular noun right before an -ing word, after a form of "be" or after "and"
    next to a progressive, names the kind of activity, not a thing: "a person is rock
    climbing", "a boy is bird watching", "skateboarding and roller skating" (rock an
    attribute of "is" with climbing its noun's participle, or climbing/NN a predicate noun)
    -> the -ing word is the progressive verb, the noun its compound."""

    ending: str  # "ing"
    copulas: Words  # the forms of "be" ("is", "are", ...)
    auxiliary: str  # the label of an auxiliary under its verb ("aux")

    needs = ("present_participle", "plural_nouns", "compound", "conj")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if self.ending not in graph.text:
            return graph
        labels = vocab.labels
        plural = labels.set("plural_nouns")
        words = list(graph.words)
        changed = False
        for word in graph.words[2:]:
            if not word.lower.endswith(self.ending):
                continue
            noun, before = graph[word.index - 1], graph[word.index - 2]
            if noun.head == word.index:
                top = word
            elif word.head == noun.index:
                top = noun
            else:
                continue
            if (noun.pos not in ("NOUN", "PROPN") or noun.tag in plural
                    or vocab.is_color(noun) or vocab.adjectival(noun)
                    or any(c.index != word.index for c in graph.children(noun))
                    # by the form: "painting" is a thing, "watching" is no "watch"
                    or vocab.has_form(word, ("nouns", "frames", "abstract", "aspects"))):
                continue
            be = graph.head(top)
            if (before.lower in self.copulas and before.pos == "AUX"
                    and be is not None and be.index == before.index):
                # "a person is rock climbing": climbing heads the clause, "is" its auxiliary
                take_place(words, word, be, self.auxiliary)
                moved = [c for c in graph.children(be) if c.index != top.index]
            elif (before.pos == "CCONJ" and top.relation == labels.conj and be is not None
                  and be.tag == labels.present_participle and be.index < before.index):
                # "skateboarding and roller skating": a second progressive verb
                words[word.index] = replace(words[word.index], head=be.index,
                                            relation=labels.conj)
                moved = []
            else:
                continue
            moved += [c for c in graph.children(top) if c.index not in (noun.index, word.index)]
            for child in moved:
                words[child.index] = replace(words[child.index], head=word.index)
            words[word.index] = replace(words[word.index], pos="VERB",
                                        tag=labels.present_participle)
            words[noun.index] = replace(noun, head=word.index, relation=labels.compound)
            changed = True
        return graph.with_words(words) if changed else graph


@registry.repairs("colour_complements")
class ColourComplements(Repair):
    """A past participle of colouring right after a noun, with bare colours after it, is that
    noun's participle and the colours its complements: "a fire hydrant painted blue and white
    sits on the sidewalk", "a house with a door painted red", "a bike painted pink leans
    against a wall". The small model makes a colour the head of the phrase, the noun a modifier
    of the participle, and the phrase then loses its noun; so this reads the words' order, not
    the parse: the noun takes the place of the word the phrase hung from, whatever it was."""

    verbs: WordLists  # word lists of participles that take a colour ("colouring_verbs")
    degrees: WordLists = ()  # words before a colour that say which shade ("bright", "light")
    complement: str  # the label of the colours on the participle ("oprd")

    needs = ("participle", "past_participle", "conj", "coordinator", "punct", "adjectival",
             "subjects", "prepositional_objects", "object", "compound", "determiner")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        for candidate in graph.with_pos(("VERB", "ADJ")):  # the cheap test first
            # (and a colour or shade word right after it, where the colours must start)
            if (candidate.index == 0 or candidate.index + 1 == len(graph)
                    or not (vocab.is_color(after := graph[candidate.index + 1])
                            or vocab.has(after, self.degrees))
                    or not vocab.has_form(candidate, self.verbs)):
                continue
            participle = graph[candidate.index]  # as an earlier rebuild may have left it
            noun = graph[participle.index - 1]
            colours = self._colours(graph, vocab, participle)
            if colours and noun.pos == "AUX":
                # "a room where the walls are painted teal" (teal hung on room): a passive's
                # colours are its complement
                graph = self._passive(graph, vocab, participle, colours)
                continue
            if (not colours or not vocab.is_nominal(noun) or vocab.is_color(noun)
                    or self._parsed_right(graph, noun, participle, colours)):
                continue
            words = self._rebuilt(graph, vocab, noun, participle, colours)
            if words is not None:
                graph = graph.with_words(words)
        return graph

    def _colours(self, graph: DependencyGraph, vocab: Vocabulary, participle: Word
                 ) -> list[int]:
        """The run of colours after the participle (with their shade words, conjunctions and
        commas), or [] where none follows or a noun goes on after it ("painted blue doors")."""
        run, _ = colour_run(vocab, graph, participle.index + 1, self.degrees)
        after = graph.next(graph[run[-1]]) if run else None
        if not run or (after is not None and vocab.is_nominal(after)):
            return []
        return run

    def _passive(self, graph: DependencyGraph, vocab: Vocabulary, participle: Word,
                 colours: list[int]) -> DependencyGraph:
        """The graph with the colours after a passive participle that the parser hung before
        it hung on it, its complement."""
        first = graph[next(k for k in colours if vocab.is_color(graph[k]))]
        if first.head is None or first.head >= participle.index:
            return graph
        words = list(graph.words)
        words[first.index] = replace(first, head=participle.index, relation=self.complement)
        if loop_above(words, first.index) is not None:
            return graph
        return graph.with_words(words)

    @staticmethod
    def _parsed_right(graph: DependencyGraph, noun: Word, participle: Word,
                      colours: list[int]) -> bool:
        span = range(noun.index, colours[-1] + 1)
        return (noun.head not in span and participle.head == noun.index
                and all(graph[k].head in span for k in colours))

    def _rebuilt(self, graph: DependencyGraph, vocab: Vocabulary, noun: Word,
                 participle: Word, colours: list[int]) -> list[Word] | None:
        labels = vocab.labels
        span = range(noun.index, colours[-1] + 1)
        words = list(graph.words)
        tops = [w for w in graph.words[span.start:span.stop]
                if is_root(w) or w.head not in span]
        if len(tops) > 1 and is_root(tops[-1]) and tops[-1] is not noun:
            # "a red car parked next to a wall painted blue" (blue the root, car its subject;
            # or painted, with red its object): the first noun hung on it from outside heads
            # the prompt
            root = tops.pop()
            outside = [c for c in graph.children(root) if c.index not in span]
            lead = next((c for c in outside if vocab.is_nominal(c)), None)
            if lead is None:
                return None
            words[lead.index] = replace(lead, head=None, relation=root.relation)
            for child in outside:
                if child is not lead:
                    words[child.index] = replace(child, head=lead.index)
        nominal = labels.set("subjects") | labels.set("prepositional_objects") | {
            labels.object}
        if len({t.head for t in tops}) == 1 and len(tops) > 1:
            # "an old fence painted white surrounds a garden" (painted a ccomp of surrounds,
            # white its subject): the noun stands where a noun stood
            tops = [next((t for t in tops if t.relation in nominal), tops[0])]
        if (len(tops) == 2 and tops[0] is noun and tops[1].relation == labels.apposition
                and tops[1].head is not None and tops[1].head < noun.index):
            # "a woman with hair dyed purple" (dyed purple an apposition of woman, hair the
            # object of with): the noun keeps its place, the colour is the participle's
            tops = [noun]
        if len(tops) != 1:
            return None
        top = tops[0]
        words[noun.index] = replace(words[noun.index], head=None if is_root(top) else top.head,
                                    relation=top.relation)
        words[participle.index] = replace(participle, head=noun.index, pos="VERB",
                                          relation=labels.participle,
                                          tag=labels.past_participle)
        first = next(k for k in colours if vocab.is_color(graph[k]))
        for k in colours:
            word = graph[k]
            if k == first:
                head, relation = participle.index, self.complement
            elif k < first:  # "bright green": the shade word on its colour
                head, relation = first, labels.adjectival
            elif vocab.is_color(word) and not vocab.has(word, self.degrees):
                head, relation = first, labels.conj
            elif word.pos == "CCONJ":
                head, relation = first, labels.coordinator
            elif vocab.is_comma(word):
                head, relation = first, labels.punct
            else:  # a shade word before a later colour ("blue and light grey")
                later = next((j for j in colours if j > k and vocab.is_color(graph[j])), first)
                head, relation = later, labels.adjectival
            words[k] = replace(words[k], head=head, relation=relation)
        # what hung on the phrase's words from outside it is the noun's ("a fire/npadvmod
        # hydrant", "a" on blue): before it its own words, after it its phrases
        inside = set(span) - {noun.index}
        for word in graph:
            if word.index in span or words[word.index].head not in inside:
                continue
            relation = word.relation
            if word.index < noun.index:
                relation = (labels.determiner if word.pos == "DET"
                            else labels.compound if vocab.is_nominal(word)
                            else labels.adjectival)
            words[word.index] = replace(word, head=noun.index, relation=relation)
        if any(loop_above(words, k) is not None for k in range(len(words))):
            return None
        return words


@registry.repairs("particle_states")
class ParticleStates(Repair):
    """"a car with its headlights on parked on a dark street", "a pot with the lid off sitting
    on the stove": a particle right after the noun of a *with* phrase is the state that noun
    is in, and closes the phrase; the participle after it describes the phrase's head, as a
    participle after a part does. The parser reads the particle as a preposition whose object
    is the participle, so the participle describes nothing. The particle hangs on the noun
    (``state``), the participle on the head (``participle``)."""

    particles: Words  # "on", "off"
    with_words: Words  # "with"
    state: str  # the particle's label on the noun ("advmod")
    participle: str  # the participle's label on the head ("acl")

    needs = ("present_participle", "past_participle", "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        participles = (labels.present_participle, labels.past_participle)
        objects = labels.set("prepositional_objects")
        words: list[Word] | None = None
        for word in graph.with_lower(self.particles):
            at = word.index
            if at < 2 or at + 1 >= len(graph):
                continue
            noun, verb = graph[at - 1], graph[at + 1]
            if not (verb.pos == "VERB" and verb.tag in participles and verb.head == at
                    and noun.pos in ("NOUN", "PROPN") and noun.relation in objects
                    and noun.head is not None):
                continue
            marker = graph[noun.head]
            if marker.lower not in self.with_words or marker.head is None:
                continue
            trial = list(words or graph.words)
            trial[at] = replace(word, head=noun.index, relation=self.state)
            trial[verb.index] = replace(verb, head=marker.head, relation=self.participle)
            if not any(loop_above(trial, i) for i in (at, verb.index)):
                words = trial
        return graph if words is None else graph.with_words(words)
