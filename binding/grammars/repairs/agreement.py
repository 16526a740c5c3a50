"""A verb agrees with its subject: where a noun phrase's number contradicts itself, the phrase is
a subject and its verb."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    before_set_off,
    comma_between,
    comma_parts,
    describing_only,
    has_article,
    is_root,
    loop_above,
    lower_case_proper,
    take_place,
)
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("verbs_by_agreement")
class VerbsByAgreement(Repair):
    """A "noun" whose number contradicts the phrase the parser put it in is the verb of the
    noun before it, which the parser made its compound:

    - a plural "noun" whose phrase opens with a singular article: "a yellow bus waits at the
      corner", "an old fisherman mends a net", "a red, white, and blue kite sails" (bus a
      compound of waits/NNS): *a* cannot open a plural noun phrase;
    - a word the tagger itself calls a 3rd-person verb: "a raven perches on a skull" (raven a
      compound of perches/VBZ): no noun has a verb's tag;
    - a plural "noun" of which the parser made the singular noun before it, with its singular
      article, the subject: "a ginger cat sleeps curled on a blanket" (cat the nsubj of
      sleeps/NNS);
    - a plural "noun" the parser itself hung as a clause (a ccomp), after a singular noun and
      before a preposition or adverb: "..., steam rises from bamboo baskets" (steam a
      compound of rises/NNS): the parse contradicts its own tag;
    - a singular "noun" after a plural noun, followed by a preposition or adverb: "heavy vines
      drape from the canopy", "crushed cars tower behind it": English compounds take a
      singular first noun (*apple tree*), save those listed (*sports car*); so a base-form
      verb the parser made the head of such a compound ("tall oak shelves curve/VB toward").

    Read as a clause, subject and verb agree. The subject's article and modifiers move to it; a
    known noun the tagger called an adjective ("a tabby kitten peeks") is the subject too."""

    articles: Words  # singular articles ("a", "an")
    ending: str  # the ending the 3rd person singular shares with plurals ("s")
    singular_tags: frozenset[str]  # tags of the singular noun that is the subject
    # word lists of nouns plural in form that name one thing ("a fabric pants"), or that stand
    # first in compounds ("sports car")
    plural_things: WordLists = ()
    followers: frozenset[str] = frozenset()  # what follows a verb after a plural subject
    nouns: WordLists = ()  # word lists of nouns the tagger may call adjectives ("kitten")
    clause_relations: frozenset[str] = frozenset()  # labels only a clause's verb carries
    # words tagged as prepositions that open a clause ("lifts his leg as a yellow frisbee
    # hovers"): the noun before them is no subject of the clause's verb
    subordinators: frozenset[str] = frozenset()
    # word lists of -ing words of motion or state by itself ("flickering"): one ending three
    # bare nouns is no object but what the plural before it does ("fluorescent lights
    # flickering": no verb "lights")
    unobjects: WordLists = ()

    needs = ("plural_nouns", "compound", "subject", "third_person_verb", "present_verb",
             "singular_noun", "adjectival", "object", "prepositional_objects", "plural_noun",
             "subjects", "conj", "base_verb")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        words = list(graph.words)
        read: set[int] = set()  # words a clause found inside a compound already took
        for word in graph:
            if word.index == 0:
                continue
            subject = graph[word.index - 1]
            inside = self._verb_inside(graph, vocab, word, subject)
            if inside is not None and subject.index not in read:
                obj, tag = inside
                read.update((subject.index, word.index, obj.index))
                take_place(words, word, obj, labels.object)
                words[word.index] = replace(words[word.index], pos="VERB", tag=tag)
                words[subject.index] = replace(subject, head=word.index,
                                               relation=labels.subject)
                for child in graph.children(obj):
                    if child.index < subject.index:
                        words[child.index] = replace(words[child.index], head=subject.index)
                self._owner_subject(graph, vocab, word, subject, words, place=obj)
                continue
            if (subject.head != word.index or vocab.has(word, self.plural_things)
                    or word.index in read):  # (the object of a verb found inside a compound)
                continue
            tag = self._verb_tag(graph, vocab, word, subject)
            if tag is None:
                continue
            words[word.index] = replace(word, pos="VERB", tag=tag)
            obj = graph.head(word)
            if (obj is not None and obj.index > word.index and vocab.is_nominal(obj)
                    and word.relation not in labels.set("subjects")
                    and all(w.head == obj.index for w in graph.words[word.index + 1:obj.index])):
                # "a salaryman with a loosened tie stacks empty plates" (stacks an nmod of
                # plates): the verb hung on the noun after it has that noun for its object
                take_place(words, words[word.index], obj, labels.object)
                word = words[word.index]
            words[subject.index] = replace(subject, relation=labels.subject, pos="NOUN")
            if not vocab.is_nominal(subject):
                words[subject.index] = replace(words[subject.index], tag=labels.singular_noun)
            for child in graph.children(word):
                # the subject's words go to it; a clause before it stays the verb's
                if (child.index < subject.index and child.pos not in ("VERB", "AUX")
                        and not vocab.is_comma(child)):
                    words[child.index] = replace(words[child.index], head=subject.index)
            self._owner_subject(graph, vocab, word, subject, words)
            self._object_read_as_verb(graph, vocab, word, words)
        return graph.with_words(words)

    def _object_read_as_verb(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
                             words: list[Word]) -> None:
        """The plural right after the verb, which the parser made the root with the verb as
        its subject ("a chef flips pancakes/VBZ"), is the verb's object: the verb already has
        its subject."""
        labels = vocab.labels
        after = graph.head(verb)
        if (after is None or after.index != verb.index + 1 or after.pos != "VERB"
                or verb.relation not in labels.set("subjects")
                or not after.lower.endswith(self.ending)
                or any(c.index != verb.index for c in graph.children(after))):
            return
        take_place(words, verb, after, labels.object)  # type: ignore[arg-type]
        words[after.index] = replace(words[after.index], pos="NOUN", tag=labels.plural_noun)

    def _owner_subject(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
                       subject: Word, words: list[Word], place: Word | None = None) -> None:
        """A verb read as a preposition's object after a noun ("a girl with a clear umbrella
        waits at a crosswalk": waits the object of with) has that noun for subject: the
        preposition's object is the noun before the verb, the owner heads the clause. The verb
        stands in ``place`` of the parse where it took that word's place ("a grandmother in a
        flowered apron rolls dough": dough was the object of in)."""
        labels = vocab.labels
        at = place or verb
        prep = graph.head(at)
        owner = _owner_of(graph, vocab, prep) if prep is not None else None
        if (owner is None or at.relation not in labels.set("prepositional_objects")
                or prep.lower in self.subordinators  # type: ignore[union-attr]
                or not vocab.is_nominal(owner) or owner.index > prep.index  # type: ignore[union-attr]
                or owner.relation in labels.set("prepositional_objects")):
            return
        take_place(words, verb, owner, labels.subject)  # type: ignore[arg-type]
        words[subject.index] = replace(words[subject.index], head=prep.index,  # type: ignore[union-attr]
                                       relation=at.relation)
        later = graph.head(owner)
        if (later is not None and later.index > verb.index
                and owner.relation in labels.set("subjects")):
            # "a wheel tangled in vines towers over a lot, a carousel stands silent" parsed
            # with the wheel the subject of stands, the carousel its conjunct: the verb's
            # clause is a conjunct of the later one, whose subject is the noun conjoined after
            words[verb.index] = replace(words[verb.index], relation=labels.conj)
            for child in graph.children(owner):
                if child.relation == labels.conj and child.index > verb.index:
                    words[child.index] = replace(words[child.index], head=later.index,
                                                 relation=owner.relation)

    def _verb_tag(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                  subject: Word) -> str | None:
        """The verb's tag where the phrase contradicts itself, else None."""
        labels = vocab.labels
        plural = labels.set("plural_nouns")
        is_plural = word.tag in plural
        if not is_plural and word.tag not in (labels.third_person_verb, labels.singular_noun,
                                              labels.base_verb):
            return None  # (the cheap test first: every branch below reads one of these tags)
        # a noun by its tag is a compound's first noun whatever its relation ("a lace/NN
        # gown/NN dances", gown read as an amod of dances)
        compound = vocab.is_nominal(subject) and (
            subject.relation == labels.compound or (subject.relation == labels.adjectival
                                                    and subject.tag == labels.singular_noun))
        if not is_plural and not compound:
            return None  # (the branches for a word not plural read a compound)
        singular = subject.tag in self.singular_tags and (compound or (
            subject.relation == labels.adjectival and vocab.has(subject, self.nouns)))
        if word.tag == labels.third_person_verb and compound:
            return word.tag  # "a raven perches": already a verb by its tag
        after = graph.next(word)
        # a describing word before a plural with a determiner after it is its noun: "a white
        # rabbit in a waistcoat/JJ checks a pocket watch" (no noun phrase runs on into "a")
        before_object = (after is not None and after.pos == "DET"
                         and subject.relation in (labels.compound, labels.adjectival)
                         and subject.pos in ("ADJ", "NOUN", "PROPN"))
        if (word.tag in plural and vocab.is_nominal(word) and (singular or before_object)
                and word.lower.endswith(self.ending)
                and any(c.lower in self.articles and c.index < subject.index
                        and self._one_phrase(graph, vocab, c.index, subject.index)
                        for c in graph.children(word))):
            return labels.third_person_verb  # "a yellow bus waits"
        if (word.tag in plural and vocab.is_nominal(word) and word.lower.endswith(self.ending)
                and compound and subject.tag in self.singular_tags and after is not None
                and after.pos == "DET" and word.relation in labels.set("subjects")
                and word.head is not None and word.head > word.index
                and not vocab.has(word, self.plural_things)):
            # "the smith hammers a glowing blade" (hammers the "subject" of blade): a noun
            # phrase runs on into no article, so the plural is the compound's verb
            return labels.third_person_verb
        if (word.tag in plural and vocab.is_nominal(word) and word.lower.endswith(self.ending)
                and subject.relation == labels.subject and vocab.is_nominal(subject)
                and subject.tag in self.singular_tags
                and any(c.lower in self.articles for c in graph.children(subject))):
            return labels.third_person_verb  # "a ginger cat sleeps": the parser's own subject
        if (word.tag in plural and vocab.is_nominal(word) and singular
                and word.relation in self.clause_relations and word.lower.endswith(self.ending)
                and after is not None and after.pos in self.followers):
            return labels.third_person_verb  # "steam rises from": a "noun" heading a clause
        if (word.tag in plural and vocab.is_nominal(word) and word.lower.endswith(self.ending)
                and subject.relation == labels.compound and subject.tag in plural
                and vocab.is_nominal(subject) and after is not None
                and after.pos in self.followers and subject.index > 0
                and not vocab.is_nominal(graph[subject.index - 1])  # ("apron fries dumplings")
                and not vocab.has(word, self.plural_things)
                and self._articled_owner(graph, vocab, word)):
            # "an older professor in thick spectacles peers through a microscope" (spectacles
            # a compound of peers, the object of in): a plural before an -s word is no
            # compound's first noun there (a garment that is plural in form included), and the
            # -s word agrees with the articled noun the phrase belongs to
            return labels.third_person_verb
        # (or a base form the parser hung a compound on: "tall oak shelves curve/VB toward")
        if (((word.tag == labels.singular_noun and vocab.is_nominal(word))
             or word.tag == labels.base_verb) and compound
                and subject.tag in plural and not vocab.has(subject, self.plural_things)
                and after is not None and after.pos in self.followers
                # "a flowered apron rolls dough on": the plural is the verb itself
                and not (subject.index and self._verb_inside(graph, vocab, subject,
                                                             graph[subject.index - 1]))):
            return labels.present_verb  # "heavy vines drape from"
        return None

    def _articled_owner(self, graph: DependencyGraph, vocab: Vocabulary, word: Word) -> bool:
        """Whether ``word`` is a preposition's object whose phrase belongs to a singular noun
        with a singular article ("an older professor in ...")."""
        labels = vocab.labels
        prep = graph.head(word)
        owner = _owner_of(graph, vocab, prep) if prep is not None else None
        return (owner is not None and word.relation in labels.set("prepositional_objects")
                and owner.index < prep.index and vocab.is_nominal(owner)  # type: ignore[union-attr]
                and owner.tag == labels.singular_noun
                and any(c.lower in self.articles for c in graph.children(owner)))

    def _verb_inside(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                     subject: Word) -> tuple[Word, str] | None:
        """The object and the verb's tag where three bare nouns read as one compound hold a
        plural before its end ("vendors grill skewers", "its breath forms clouds", "a flowered
        apron rolls dough"): a
        compound's first nouns are singular (save ``plural_things``), so the plural ends a
        subject or is itself the verb, and the last noun, a plural, is the object. The object
        may have compounds of its own ("a bartender polishes crystal glasses")."""
        labels = vocab.labels
        if word.relation != labels.compound or subject.relation != labels.compound:
            return None  # the cheap tests first: this runs on every word
        obj = graph.head(word)
        if obj is None or obj.index <= word.index or any(
                w.head != obj.index or w.relation != labels.compound
                for w in graph.words[word.index + 1 : obj.index]) or (
                    self.unobjects and vocab.has(obj, self.unobjects)):
            return None
        plural = labels.set("plural_nouns")
        if (obj.tag == labels.singular_noun and subject.tag == labels.singular_noun
                and word.tag in plural and word.lower.endswith(self.ending)
                and vocab.is_nominal(obj) and vocab.is_nominal(word)
                and vocab.is_nominal(subject) and subject.head == word.index
                and not vocab.has(word, self.plural_things)):
            # "a grandmother in a flowered apron rolls dough" (apron and rolls compounds of
            # dough, the object of in): a plural between two singulars is their verb
            return obj, labels.third_person_verb
        if (obj.tag not in plural or not vocab.is_nominal(obj)
                # "a string of paper lanterns sways": an object of a preposition is no clause
                or obj.relation in labels.set("prepositional_objects")
                or not vocab.is_nominal(word) or not vocab.is_nominal(subject)
                or subject.head not in (word.index, obj.index)
                or vocab.has(subject, self.plural_things) or vocab.has(word, self.plural_things)
                or any(c.index < subject.index and c.pos in ("ADJ", "NUM")
                       for c in graph.children(obj) + graph.children(word))):
            return None
        if subject.tag in plural and word.tag == labels.singular_noun:
            return obj, labels.present_verb  # "vendors grill skewers"
        # (a lower-case "proper noun" is a common one: "a bartender/NNP polishes crystal
        # glasses")
        if ((subject.tag == labels.singular_noun or lower_case_proper(subject))
                and word.tag in plural and word.lower.endswith(self.ending)):
            return obj, labels.third_person_verb  # "its breath forms clouds"
        return None

    @staticmethod
    def _one_phrase(graph: DependencyGraph, vocab: Vocabulary, start: int, end: int) -> bool:
        """Whether the words from the article to the subject are one phrase: no comma between,
        or only a list of describing words ("A red, white, and blue kite sails")."""
        between = graph.words[start + 1 : end]
        return not comma_between(vocab, graph, start, end) or all(
            w.pos in ("ADJ", "CCONJ") or vocab.is_comma(w) or vocab.is_color(w)
            for w in between)


@registry.repairs("verbs_of_collectives")
class VerbsOfCollectives(Repair):
    """A collective and its members are the subject of the verb after them: "a flock of white
    birds circles overhead", "a herd of cattle grazes on the savanna" parsed with circles and
    grazes plural nouns (birds, cattle their compounds) inside the *of* phrase. The verb agrees
    with the singular collective, and a plural as a compound's first noun is itself the sign
    (or the word is a known intransitive verb: "a school of silver fish swirls"), and so is a
    numeral for the members before a preposition or adverb ("a jazz band of five plays in
    the corner": the band of five plays)."""

    articles: Words  # singular articles on the collective ("a", "an")
    ending: str  # the ending the 3rd person singular shares with plurals ("s")
    collectives: WordLists  # word lists of collectives and formations
    verbs: WordLists = ()  # word lists of verbs the rule may read with a singular member noun
    plural_things: WordLists = ()  # plurals that stand first in compounds ("sports")
    # parts of speech after a verb ("ADP", "ADV"): "a jazz band of five plays in the corner",
    # a numeral for members, reads the -s word as the verb only before one of these
    followers: frozenset[str] = frozenset()

    needs = ("plural_nouns", "compound", "subject", "third_person_verb",
             "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        plural = labels.set("plural_nouns")
        words = list(graph.words)
        for word in graph.with_tag(plural):
            of = graph.head(word)
            group = graph.head(of) if of is not None else None
            members = graph[word.index - 1] if word.index else None
            if (of is None or group is None or members is None or not vocab.is_nominal(word)
                    or not word.lower.endswith(self.ending)
                    or vocab.has(word, self.plural_things)
                    or word.relation not in labels.set("prepositional_objects")
                    or not vocab.has(of, ("of",)) or not vocab.is_nominal(group)
                    or not vocab.has(group, self.collectives)
                    or not has_article(graph, group, self.articles)
                    or members.head != word.index):
                continue
            counted = members.pos == "NUM" and self._verb_follows(graph, word)
            if not counted and (members.relation != labels.compound
                                or not vocab.is_nominal(members)):
                continue
            if not (counted or (members.tag in plural
                                and not vocab.has(members, self.plural_things))
                    or vocab.has(word, self.verbs)):
                continue
            take_place(words, word, group, labels.subject)  # type: ignore[arg-type]
            words[word.index] = replace(words[word.index], pos="VERB",
                                        tag=labels.third_person_verb)
            words[members.index] = replace(members, head=of.index,
                                           relation=labels.prepositional_objects[0])  # type: ignore[index]
            for child in graph.children(word):
                if child.index < members.index:
                    words[child.index] = replace(words[child.index], head=members.index)
        return graph.with_words(words)

    def _verb_follows(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether what follows the word is what follows a verb, not a noun phrase's end."""
        after = graph.next(word)
        return after is not None and after.pos in self.followers


@registry.repairs("verbless_sentences")
class VerblessSentences(Repair):
    """A sentence has a verb. "The plastic cutting board and metallic knife slice the wooden
    vegetables", "The frame of the building glides over the fence" come back without one: the
    verb was read as the head of a compound (knife slice, building glides). Where a prompt that
    opens with a ``determiners`` word has no verb at all, the first such "noun" followed by a
    determiner (its object), or a known verb followed by a preposition, is the verb: the noun
    before it ends its subject's phrase, the phrase's head is the subject, and what follows the
    verb is its."""

    determiners: Words  # what a sentence opens with ("the")
    followers: frozenset[str]  # parts of speech after the verb ("DET": its object)
    # ... and after a verb of these word lists ("ADP": "the building towers over"); a title
    # such as "The city lights at night" has no verb to find
    verbs: WordLists = ()
    verb_followers: frozenset[str] = frozenset()
    ending: str  # the 3rd person singular ending ("s")
    # what ends a sentence ("."): in a prompt that ends so, any "noun" before such a follower
    # is the verb where it agrees with the sentence's head ("The metallic frame of the
    # building towers over the fence."; the title "The city lights at night" ends otherwise)
    sentence_ends: Words = frozenset()

    needs = ("subject", "object", "third_person_verb", "present_verb", "apposition",
             "singular_noun", "plural_nouns")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        if (not graph.words or graph.words[0].lower not in self.determiners
                or any(w.pos in ("VERB", "AUX") for w in graph)):
            return graph
        root = next((w for w in graph if is_root(w)), None)
        sentence = graph.words[-1].text in self.sentence_ends
        verb = next((w for w in graph.words[2:] if self._verb(graph, vocab, w, root, sentence)),
                    None)
        if verb is None or root is None or root.index >= verb.index:
            return graph
        last = graph[verb.index - 1]
        words = list(graph.words)
        tag = labels.third_person_verb if verb.lower.endswith(self.ending) else (
            labels.present_verb)
        words[verb.index] = replace(verb, pos="VERB", tag=tag, head=None, relation=root.relation)
        if last.head == verb.index:  # "knife slice": the compound's first noun heads its phrase
            words[last.index] = replace(last, head=verb.head, relation=verb.relation)
            for child in graph.children(verb):  # the verb's phrase before it is the noun's
                if child.index < last.index:
                    words[child.index] = replace(words[child.index], head=last.index)
        words[root.index] = replace(words[root.index], head=verb.index,
                                    relation=labels.subject)
        for child in graph.children(root):  # what follows the verb is the verb's
            if child.index > verb.index:
                relation = labels.object if child.relation == labels.apposition else (
                    child.relation)
                words[child.index] = replace(words[child.index], head=verb.index,
                                             relation=relation)
        return graph.with_words(words)

    def _verb(self, graph: DependencyGraph, vocab: Vocabulary, word: Word, root: Word | None,
              sentence: bool) -> bool:
        before = graph[word.index - 1]
        after = graph.next(word)
        return (vocab.is_nominal(word) and vocab.is_nominal(before) and before.pos == "NOUN"
                and after is not None
                and (after.pos in self.followers or (after.pos in self.verb_followers and (
                    vocab.has(word, self.verbs)
                    or (sentence and self._agrees(vocab, word, root))))))

    def _agrees(self, vocab: Vocabulary, word: Word, root: Word | None) -> bool:
        """Whether the word, read as a present verb, agrees with the sentence's head noun
        before it: the -s form with a singular, the bare form with a plural."""
        labels = vocab.labels
        if root is None or root.index >= word.index or not vocab.is_nominal(root):
            return False
        third = word.lower.endswith(self.ending)
        if root.tag == labels.singular_noun:
            return third
        return root.tag in labels.set("plural_nouns") and not third


@registry.repairs("verbs_of_verbless_clauses")
class VerbsOfVerblessClauses(Repair):
    """A clause between commas of a scene prompt has its verb: "maglev trains glide on elevated
    tracks", "fluorescent lights flicker overhead", "a sleigh pulled by two white reindeer
    waits by a cottage", "women in silk saris of pink and gold dance beside them". The small
    model reads such a verb as a noun or an adjective, and each time hangs the clause in another
    shape, so this reads the words' order, not the parse: in a stretch between commas that
    opens with a noun phrase and has no finite verb, a known intransitive verb the tagger did
    not call a verb, before a preposition, an adverb or the stretch's end, is the verb of that
    first noun phrase where the two agree: a plural noun (or two nouns joined by a conjunction:
    "a helicopter and large plane fly through the air") and the base form, or a singular noun
    with *a* or no determiner at all (a mass noun: "purple smoke curls toward the ceiling")
    and the "-s" form. The noun phrase's head becomes its subject; the verb takes the
    stretch's place in the tree and what follows it."""

    verbs: WordLists  # word lists of verbs to read ("intransitive_verbs")
    followers: frozenset[str]  # parts of speech after the verb ("ADP", "ADV", "PART")
    openers: frozenset[str]  # parts of speech a noun phrase opens with ("DET", "ADJ", "NUM")
    articles: Words  # singular articles ("a", "an")
    ending: str  # the 3rd person singular ending ("s")
    plural_things: WordLists = ()  # plurals that name one thing or stand first in compounds
    # nouns whose plural is their singular ("jellyfish", "shrimp"), which the tagger reads
    # as singular: without an article, one agrees with the base form ("glowing jellyfish
    # drift near the surface")
    zero_plurals: WordLists = ()
    # parts of speech that open a verb's object ("DET"): any word right before one, in such a
    # stretch, may be the verb, transitive ("jars of green liquid line the shelves")
    object_openers: frozenset[str] = frozenset()
    # possessive determiners ("his", "its"): a stretch they open is a clause about someone
    # named before, so an "-s" word that is no known noun (``nouns``), right after the
    # singular noun they open and before a preposition, adverb or the end, is its verb, known
    # intransitive or not ("..., his white horse rears in panic"; not "his car keys on ...")
    possessives: Words = frozenset()
    nouns: WordLists = ()
    # subordinators that open a finite clause ("while", "where"): a clause they open needs a
    # verb, so it is a stretch of its own, and a "noun" right after its subject's noun and
    # before a preposition or adverb, no known noun, is that verb ("a blade bites into a log
    # while sawdust sprays into the air")
    subordinators: Words = frozenset()
    # the label of a participle's describing word ("oprd"): "a tuk-tuk painted bright green
    # waits by the curb", where the parser hung bright and green on waits
    complement: str = ""
    # word lists of pro-forms ("one"): one closes a noun phrase as a noun does ("a scarlet
    # macaw and a blue-and-yellow one share/NN a branch")
    pro_forms: WordLists = ()

    needs = ("subject", "conj", "prepositional_objects", "plural_nouns", "singular_noun",
             "third_person_verb", "present_verb", "finite_verbs", "past_tense", "object",
             "past_participle", "participle", "present_participle", "adjectival")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        for start, end in self._stretches(graph, vocab):
            found = self._verb(graph, vocab, start, end)
            if found is None:
                continue
            subject, verb, tag = found
            words = self._rebuilt(graph, vocab, start, end, subject, verb, tag)
            if words is not None:
                graph = graph.with_words(words)
        return graph

    def _stretches(self, graph: DependencyGraph, vocab: Vocabulary) -> list[tuple[int, int]]:
        """The runs of words between commas, cut at a sentence's end too ("... spins through
        the air. A referee with a silver whistle sprints along ...": the verbs of the
        sentence before are not this clause's); the commas of a list of colours split none
        ("prayer flags of blue, white and red snap in the wind")."""
        ends = [w.index for w in graph if w.text in vocab.phrase_ends and not vocab.is_comma(w)]
        parts = _set_off_joined(vocab, graph, _colour_lists_joined(vocab, graph,
                                                                   comma_parts(vocab, graph)))
        if self.subordinators:
            parts = _cut_before(parts, [w.index for w in graph
                                        if w.lower in self.subordinators and w.index])
        if not ends:
            return parts
        out = []
        for start, end in parts:
            for cut in ends:
                if start <= cut < end:
                    if cut > start:
                        out.append((start, cut))
                    start = cut + 1
            if start < end:
                out.append((start, end))
        return out

    def _verb(self, graph: DependencyGraph, vocab: Vocabulary, start: int, end: int
              ) -> tuple[Word, Word, str] | None:
        labels = vocab.labels
        stretch = graph.words[start:end]
        finite = labels.set("tensed_verbs")
        # a possessive opens the stretch's phrase too ("his white horse"), read once
        possessed = graph[start].lower in self.possessives
        subordinated = graph[start].lower in self.subordinators
        # so does a past participle before its noun ("finished vases in cobalt line a shelf",
        # finished/VBD the parser's root): a clause has no verb before its subject
        described = self._prenominal_participle(graph, vocab, start, end)
        opened = start + 1 if possessed or described or subordinated else start
        participles = (labels.past_participle, labels.present_participle)
        for word in stretch:
            # (a "past tense" the parser hung on a noun as its modifier is a participle: "a
            # tuk-tuk painted/VBD bright green waits by the curb"; so is one right after a
            # known verb: "three walruses lie/NN sprawled/VBD on a floe")
            if word.pos == "AUX" or (word.pos == "VERB" and word.tag in finite
                                     and word.relation != labels.adjectival
                                     and not (described and word.index == start)
                                     and not self._after_verb(graph, vocab, word, start)
                                     and not self._describes_subject(graph, vocab, word, end)):
                return None  # the clause has its verb (what follows may be a relative clause)
            if word.pos == "VERB" or word.index == start:
                continue
            # (only a noun stands before an object: the cheap test first, on every word)
            transitive = word.pos == "NOUN" and self._before_object(graph, vocab, word, end)
            if not (transitive or vocab.has(word, self.verbs)
                    or (possessed and self._after_possessed(graph, vocab, word, opened))
                    or (subordinated and self._after_subject(graph, vocab, word, opened))):
                continue
            after = graph.next(word)
            # a participle may follow ("a white dragon sleeps curled around the trunk"), and
            # a known verb's colour complement ("tiny windows flicker blue and violet")
            if (after is not None and after.index < end and after.pos not in self.followers
                    and not transitive
                    and not (vocab.is_color(after) and vocab.has(word, self.verbs))
                    and not (after.pos == "VERB" and (after.tag in participles or (
                        after.tag == labels.past_tense and vocab.has(word, self.verbs))))):
                continue
            before = before_set_off(vocab, graph, word, start)
            subject = _first_phrase_head(vocab, graph, opened, word.index, self.openers)
            phrase = [w for w in graph.words[opened:before.index]
                      if w.pos not in ("CCONJ", "SCONJ", "ADV")]
            if (subject is None and before.index != word.index - 1 and before.pos == "ADJ"
                    and not vocab.is_color(before) and phrase and phrase[0].pos == "DET"
                    and all(w.pos in self.openers or vocab.is_color(w) for w in phrase)):
                # "a black locomotive/JJ, huge and gleaming, hisses": the "adjective" that
                # closes the phrase its article opens, described between commas, is its noun
                subject = before
            if (subject is None and before.index == word.index - 1 and self.zero_plurals
                    and vocab.has(before, self.zero_plurals)):
                subject = before  # "glowing jellyfish/JJ drift": a -fish word the tagger
                # did not know, read as an adjective
            # after a noun, or a colour or a noun the tagger called an adjective, which the
            # parser made its modifier ("a boat painted in bright blue rests on the sand",
            # blue/JJ on rests/NNS; "a referee with a silver whistle/JJ sprints"), where the
            # word is a known verb: a word read as a verb by its place alone, before an
            # object, takes no colour ("a bedroom with yellow walls a white desk": walls a
            # noun)
            # (or after the colours of a participle's complement, whatever the verb: "an
            # icebreaker painted red and black cuts a channel")
            if subject is None or not (
                    vocab.is_nominal(before) or before.tag in labels.set("plural_nouns")
                    or self._pro_form(vocab, before)
                    or ((vocab.is_color(before) or before.pos == "ADJ")
                        and vocab.has(word, self.verbs))
                    # (a list of colours a preposition takes, before a word before its object:
                    # "rows of potted orchids in white, purple and yellow line the shelves")
                    or (transitive and _colour_object_list(vocab, graph, before))
                    # (or a colour a participle's preposition takes as its noun, before a
                    # possessive: "The old man dressed in black walks his dog"; not "a
                    # bedroom with yellow walls a white desk")
                    or (transitive and self._colour_noun(graph, vocab, before))
                    or (vocab.is_color(before)
                        and self._complement_before(graph, vocab, subject, word))):
                continue
            # the subject's own singular article, or the stretch's, wherever the parser hung it
            singular_article = (has_article(graph, subject, self.articles)
                                or graph[start].lower in self.articles)
            plural = ((subject.tag in labels.set("plural_nouns")
                       and not vocab.has(subject, self.plural_things))
                      or self._coordinated(graph, vocab, subject, word,
                                           self._pro_form(vocab, graph[word.index - 1]))
                      or (self.zero_plurals and vocab.has(subject, self.zero_plurals)
                          and not singular_article))
            # "a sleigh ... waits", or a mass noun with no determiner: "purple smoke curls"
            # the stretch's opening article may hang on another word of the phrase ("A
            # medieval blacksmith hammers a glowing sword", A on medieval/NN)
            # (or any determiner, where describing words set off by commas stand between:
            # they close the noun phrase, so the verb is no compound's head: "the teacher,
            # young and cheerful, kneels beside a boy")
            # (or a participle's phrase after the subject closes it: "the old man dressed in
            # black walks his dog")
            article = (singular_article
                       or not any(w.pos == "DET" for w in graph.words[start:subject.index])
                       or (before is subject and before.index != word.index - 1)
                       or self._participle_after(graph, vocab, subject, word))
            third = word.lower.endswith(self.ending)
            if plural and not third:
                return subject, word, labels.present_verb  # type: ignore[return-value]
            # a lower-case "proper noun" is a common one (blacksmith/NNP)
            singular = subject.tag == labels.singular_noun or subject.pos == "ADJ" or (
                lower_case_proper(subject) and subject.tag not in labels.set("plural_nouns"))
            if article and third and singular:
                return subject, word, labels.third_person_verb  # type: ignore[return-value]
            return None
        return None

    def _colour_noun(self, graph: DependencyGraph, vocab: Vocabulary, colour: Word) -> bool:
        """Whether the colour is the noun of a participle's preposition ("dressed in black"),
        before a word and a possessive ("walks his dog")."""
        if not vocab.is_color(colour) or colour.index < 2:
            return False
        prep, participle = graph[colour.index - 1], graph[colour.index - 2]
        after = graph.next(graph[colour.index + 1]) if colour.index + 1 < len(graph) else None
        return (prep.pos == "ADP" and participle.pos == "VERB"
                and participle.tag == vocab.labels.past_participle
                and after is not None and after.lower in self.possessives)

    @staticmethod
    def _participle_after(graph: DependencyGraph, vocab: Vocabulary, subject: Word,
                          word: Word) -> bool:
        """Whether a participle right after the subject opens a phrase before ``word``."""
        labels = vocab.labels
        after = graph.next(subject)
        return (after is not None and after.index < word.index - 1 and after.pos == "VERB"
                and after.tag in (labels.past_participle, labels.present_participle))

    @staticmethod
    def _prenominal_participle(graph: DependencyGraph, vocab: Vocabulary, start: int,
                               end: int) -> bool:
        """Whether the stretch opens with a past participle or "past tense" right before a
        noun, which it describes ("finished vases", "painted buses")."""
        labels = vocab.labels
        first = graph[start]
        return (start + 1 < end and first.pos == "VERB"
                and first.tag in (labels.past_participle, labels.past_tense)
                and vocab.is_nominal(graph[start + 1]))

    @staticmethod
    def _complement_before(graph: DependencyGraph, vocab: Vocabulary, subject: Word,
                           word: Word) -> bool:
        """Whether a past participle follows the subject and only its colours stand between
        it and ``word`` ("an icebreaker painted red and black cuts")."""
        labels = vocab.labels
        participle = graph[subject.index + 1]
        return (participle.index < word.index and participle.pos == "VERB"
                and participle.tag in (labels.past_participle, labels.past_tense)
                and all(vocab.is_color(w) or w.pos == "CCONJ"
                        for w in graph.words[participle.index + 1 : word.index]))

    def _pro_form(self, vocab: Vocabulary, word: Word) -> bool:
        """Whether the word is a pro-form that closes its noun phrase ("a blue one")."""
        return bool(self.pro_forms) and vocab.has(word, self.pro_forms)

    def _describes_subject(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                           end: int) -> bool:
        """Whether ``word``, a past form right after a noun, has only colours after it before a
        known verb of the stretch: it is the noun's participle, the colours its complement
        ("long wooden pirogues painted/VBD blue, yellow and red lie on the sand")."""
        labels = vocab.labels
        if (word.tag not in (labels.past_tense, labels.past_participle) or word.index == 0
                or not vocab.is_nominal(graph[word.index - 1])):
            return False
        k = word.index + 1
        while k < end and (vocab.is_color(graph[k]) or graph[k].pos == "CCONJ"
                           or vocab.is_comma(graph[k])):
            k += 1
        return (k < end and k > word.index + 1 and vocab.is_color(graph[k - 1])
                and vocab.has(graph[k], self.verbs))

    def _after_verb(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                    start: int) -> bool:
        """Whether ``word``, a past tense, follows a known verb the tagger called a noun: it
        is the verb's participle ("lie/NN sprawled/VBD")."""
        if word.tag != vocab.labels.past_tense or word.index <= start:
            return False
        before = graph[word.index - 1]
        return vocab.is_nominal(before) and vocab.has(before, self.verbs)

    def _rebuilt(self, graph: DependencyGraph, vocab: Vocabulary, start: int, end: int,
                 subject: Word, verb: Word, tag: str) -> list[Word] | None:
        """The words with ``verb`` the clause's verb, or None where the stretch cannot be
        rebuilt without a loop."""
        labels = vocab.labels
        inside = range(start, end)
        # the prompt's root where the stretch holds it ("an island, a white dragon ... sleeps
        # curled": sleeps the root, island its "subject"), else the first word hung outside
        top = next((w for w in graph.words[start:end] if is_root(w)), None) or next(
            (w for w in graph.words[start:end] if w.head not in inside), None)
        if top is None:
            return None
        words = list(graph.words)
        root = is_root(top)
        # the clause is a conjunct of the one it was read into (not a noun's modifier)
        words[verb.index] = replace(verb, pos="VERB", tag=tag, head=None if root else top.head,
                                    relation=top.relation if root else labels.conj)
        words[subject.index] = replace(words[subject.index], pos="NOUN", head=verb.index,
                                       relation=labels.subject)
        if subject.pos == "ADJ":  # (an "adjective" read as the subject: its noun)
            words[subject.index] = replace(words[subject.index], tag=labels.singular_noun)
        middle = range(subject.index + 1, verb.index)
        on_verb = [k for k in middle if graph[k].head == verb.index]
        if (on_verb and vocab.is_comma(graph[verb.index - 1])
                and before_set_off(vocab, graph, verb, start).index == subject.index):
            # "three parrots, two red and one green, perch on a branch": the words set off
            # between the subject and the verb describe the subject
            for k in on_verb:
                words[k] = replace(words[k], head=subject.index)
            on_verb = []
        if on_verb and self._participle_phrase(graph, vocab, words, subject, verb, on_verb):
            on_verb = []
        if on_verb and verb.head in middle:
            # "of pink and gold dance": the verb closed a phrase of the middle; the words that
            # hung on it take its place there, headed by the last noun among them
            nouns = [k for k in on_verb if vocab.is_nominal(graph[k])]
            head = nouns[-1] if nouns else on_verb[-1]
            words[head] = replace(words[head], head=verb.head, relation=verb.relation)
            if not nouns and graph[head].pos == "ADJ" and not vocab.is_color(graph[head]):
                # "with a silver whistle/JJ sprints": the phrase's last word is its noun
                words[head] = replace(words[head], pos="NOUN", tag=labels.singular_noun)
            for k in on_verb:
                if k != head:
                    words[k] = replace(words[k], head=head)
        elif on_verb and not self._close_phrase(graph, vocab, words, subject, verb):
            return None
        for k in range(start, end):
            if k in (verb.index, subject.index) or k in middle:
                continue
            head = graph[k].head
            if k < subject.index and (head is None or head == k or head > subject.index
                                      or head < start):
                words[k] = replace(words[k], head=subject.index)  # the subject's own words
            elif k > verb.index and (head is None or head == k or start <= head <= verb.index):
                words[k] = replace(words[k], head=verb.index)  # what follows is the verb's
        if graph[start].lower in self.subordinators:  # "while": the clause's, on its verb
            words[start] = replace(words[start], head=verb.index)
        if start < subject.index and self._prenominal_participle(graph, vocab, start, end):
            # "finished vases ... line": the participle before the subject describes it
            words[start] = replace(words[start], head=subject.index,
                                   relation=labels.adjectival, tag=labels.past_participle)
        if (top.index == subject.index + 1 and top.pos == "VERB" and top.index in middle
                and top.tag in (labels.past_tense, labels.past_participle)):
            # "wooden boats painted in bright blue sway": the verb the parser took for the
            # clause's is a participle of the subject
            words[top.index] = replace(words[top.index], head=subject.index,
                                       relation=labels.participle,
                                       tag=labels.past_participle)
        elif top is not verb and top is not subject and words[top.index].head == top.head:
            words[top.index] = replace(words[top.index], head=verb.index)
        after = graph[verb.index + 1] if verb.index + 1 < end else None
        if (after is not None and after.pos == "VERB"
                and after.tag in (labels.past_tense, labels.past_participle)):
            # "a white dragon sleeps/NNS curled/VBN around the trunk", "walruses lie/NN
            # sprawled/VBD on a floe", the participle the root or the clause's verb: the
            # verb's participle, which says how its subject is
            words[after.index] = replace(words[after.index], head=verb.index,
                                         relation=labels.participle,
                                         tag=labels.past_participle)
        elif after is not None and self.complement and vocab.is_color(after):
            # "windows flicker blue and violet": the colour says how the subject looks
            words[after.index] = replace(words[after.index], head=verb.index,
                                         relation=self.complement)
        if self._before_object(graph, vocab, verb, end):
            opener = graph[verb.index + 1]
            target = graph.head(opener)
            if target is not None and verb.index < target.index < end:
                words[target.index] = replace(words[target.index], head=verb.index,
                                              relation=labels.object)
        if any(loop_above(words, k) is not None for k in range(len(words))):
            return None
        return words

    def _participle_phrase(self, graph: DependencyGraph, vocab: Vocabulary, words: list[Word],
                           subject: Word, verb: Word, on_verb: list[int]) -> bool:
        """"a tuk-tuk painted bright green waits by the curb": a past participle right after
        the subject, which the parser hung on the verb with the words after it, is the
        subject's; its describing words are its complements, what else hung on the verb hangs
        on it. False where no such participle opens the middle."""
        labels = vocab.labels
        participle = graph[subject.index + 1]
        if (not self.complement or participle.pos != "VERB" or participle.index not in on_verb
                or participle.tag not in (labels.past_participle, labels.past_tense)
                or any(c.relation in labels.set("subjects") for c in graph.children(participle))):
            return False
        words[participle.index] = replace(participle, head=subject.index,
                                          relation=labels.participle,
                                          tag=labels.past_participle)
        for k in on_verb:
            if k == participle.index:
                continue
            describing = graph[k].pos == "ADJ" or vocab.is_color(graph[k])
            words[k] = replace(words[k], head=participle.index,
                               relation=self.complement if describing else graph[k].relation)
        return True

    def _after_possessed(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                         opened: int) -> bool:
        """Whether the "-s" word follows the singular noun of the phrase that opens at
        ``opened``, right after the stretch's possessive, and is no known noun ("his chestnut
        horse stamps in the snow")."""
        before = graph[word.index - 1]
        return (word.lower.endswith(self.ending)
                and before.tag == vocab.labels.singular_noun and vocab.is_nominal(before)
                and all(w.pos != "DET" for w in graph.words[opened:word.index])
                and not vocab.has(word, (*self.nouns, *self.plural_things)))

    def _after_subject(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                       opened: int) -> bool:
        """Whether the word, tagged a noun and no known one, follows the noun of the plain
        noun phrases (no preposition) that open the clause at ``opened`` ("while sawdust
        sprays", "while puffy clouds and blue sky fill")."""
        return (word.pos == "NOUN" and vocab.is_nominal(graph[word.index - 1])
                and word.index - 1 >= opened
                and all(w.pos != "ADP" for w in graph.words[opened:word.index])
                and not vocab.has(word, (*self.nouns, *self.plural_things)))

    def _before_object(self, graph: DependencyGraph, vocab: Vocabulary, word: Word,
                       end: int) -> bool:
        """Whether a noun the tagger read stands right before a determiner opening a noun
        phrase in the same stretch: no noun phrase follows a noun without a preposition, so
        the word is a verb and the phrase its object ("line the shelves"). A plural that names
        one thing is a noun ("a woman in white pants a orange cat": a list without commas)."""
        after = graph.next(word)
        if (not self.object_openers or after is None or after.index >= end
                or not (after.pos in self.object_openers or after.lower in self.possessives)
                or word.pos != "NOUN" or vocab.has(word, self.plural_things)):
            return False
        head = graph.head(after)
        return head is not None and after.index < head.index < end and vocab.is_nominal(head)

    @staticmethod
    def _coordinated(graph: DependencyGraph, vocab: Vocabulary, subject: Word,
                     verb: Word, pro_form: bool = False) -> bool:
        """Whether the subject is the first of two nouns joined by a conjunction right before
        the verb ("a helicopter and large plane fly"), or has a noun conjunct of its own
        before the verb ("a man in a black suit and a woman in a red dress dance"): together
        they agree with a plural."""
        after = graph.next(subject)
        if any(c.relation == vocab.labels.conj and subject.index < c.index < verb.index
               and vocab.is_nominal(c) for c in graph.dependents(subject)):
            return True
        return (after is not None and after.pos == "CCONJ"
                and (vocab.is_nominal(graph[verb.index - 1]) or pro_form)
                and verb.index - 1 > after.index
                and all(w.pos in ("DET", "ADJ", "NOUN", "PROPN", "NUM")
                        for w in graph.words[after.index + 1:verb.index]))

    def _close_phrase(self, graph: DependencyGraph, vocab: Vocabulary, words: list[Word],
                      subject: Word, verb: Word) -> bool:
        """"pulled by two white reindeer waits": the phrase before the verb, hung on it, is
        the object of the preposition (or a conjunct of the word before the conjunction) that
        opens it. False where nothing opens it."""
        labels = vocab.labels
        last = graph[verb.index - 1]
        opener = last.index
        while opener > subject.index + 1 and (graph[opener - 1].pos in self.openers
                                              or vocab.is_nominal(graph[opener - 1])
                                              or vocab.is_color(graph[opener - 1])):
            opener -= 1
        joint = graph[opener - 1]
        if joint.pos == "ADP" and joint.index > subject.index:
            words[last.index] = replace(words[last.index], head=joint.index,
                                        relation=labels.prepositional_objects[0])  # type: ignore[index]
        elif joint.pos == "CCONJ" and joint.index - 1 >= subject.index:
            words[last.index] = replace(words[last.index], head=joint.index - 1,
                                        relation=labels.conj)
        else:
            return False
        for k in range(subject.index + 1, last.index):
            if graph[k].head == verb.index:
                words[k] = replace(words[k], head=last.index)
        return True



def _owner_of(graph: DependencyGraph, vocab: Vocabulary, prep: Word) -> Word | None:
    """The word a preposition hangs on; through a participle, the noun before it that the
    participle describes ("a ferris wheel tangled in vines": in -> tangled -> wheel)."""
    labels = vocab.labels
    owner = graph.head(prep)
    if (owner is not None and owner.pos == "VERB" and owner.relation == labels.participle
            and owner.tag in (labels.past_participle, labels.present_participle)):
        noun = graph.head(owner)
        if noun is not None and noun.index < owner.index and vocab.is_nominal(noun):
            return noun
    return owner


def _colour_object_list(vocab: Vocabulary, graph: DependencyGraph, last: Word) -> bool:
    """Whether ``last`` closes a list of colours joined by a conjunction that a preposition
    takes ("in white, purple and yellow"): a whole phrase, no noun's describing words ("with
    yellow walls a white desk" has one colour)."""
    if not vocab.is_color(last):
        return False
    k, joined = last.index - 1, False
    while k >= 0 and (vocab.is_color(graph[k]) or vocab.is_comma(graph[k])
                      or graph[k].pos == "CCONJ"):
        joined = joined or graph[k].pos == "CCONJ"
        k -= 1
    return joined and k >= 0 and graph[k].pos == "ADP"


def _set_off_joined(vocab: Vocabulary, graph: DependencyGraph,
                    parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs between commas, a run of describing words set off by commas after a noun (or
    a word the tagger took for an adjective) joined to the runs on both sides: "a black
    locomotive, huge and gleaming, hisses beside the carriages" is one clause, its subject
    described between commas."""
    out: list[tuple[int, int]] = []
    for start, end in parts:
        last = graph[out[-2][1] - 1] if len(out) >= 2 else None
        if (last is not None and out[-1][0] == out[-2][1] + 1 and start == out[-1][1] + 1
                and (vocab.is_nominal(last) or last.pos == "ADJ")
                and describing_only(vocab, graph, *out[-1])):
            out[-2:] = [(out[-2][0], end)]
        else:
            out.append((start, end))
    return out


def _cut_before(parts: list[tuple[int, int]], cuts: list[int]) -> list[tuple[int, int]]:
    """The runs, each cut again before every index of ``cuts`` inside it."""
    out = []
    for start, end in parts:
        for cut in cuts:
            if start < cut < end:
                out.append((start, cut))
                start = cut
        out.append((start, end))
    return out


def _colour_lists_joined(vocab: Vocabulary, graph: DependencyGraph,
                         parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The runs between commas, those split by the commas of a list of colours closed by a
    conjunction joined again: "prayer flags of blue, white and red snap in the wind" is one
    clause (its verb agrees with flags); "a house painted red, blue doors open" is two."""
    out: list[tuple[int, int]] = []
    for start, end in parts:
        if out and out[-1][1] == start - 1 and _colour_list_comma(vocab, graph, start - 1):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _colour_list_comma(vocab: Vocabulary, graph: DependencyGraph, comma: int) -> bool:
    """Whether the comma stands between two colours of a list that a conjunction and a colour
    close: "blue, white and red", "red, white, and blue"."""
    words = graph.words
    if comma == 0 or not vocab.is_color(words[comma - 1]):
        return False
    for i in range(comma + 1, len(words)):
        word = words[i]
        if word.pos == "CCONJ":
            return i + 1 < len(words) and vocab.is_color(words[i + 1])
        if not (vocab.is_color(word) or vocab.is_comma(word)):
            return False
    return False



def _first_phrase_head(vocab: Vocabulary, graph: DependencyGraph, start: int, end: int,
                       openers: frozenset[str]) -> Word | None:
    """The last noun of the noun phrase a stretch opens with ("a red fishing boat", "a gray
    and blue plane"), or None where it opens otherwise ("in the corner")."""
    head = None
    for word in graph.words[start:end]:
        if vocab.is_nominal(word):
            head = word
        elif word.pos in openers or vocab.is_color(word):
            if head is not None:
                break
        elif not (head is None and word.pos in ("CCONJ", "SCONJ", "ADV")):
            break  # "a gray and blue plane"; "and a dog ...", "while a robot ...", "far away
            # three walruses ..." before it
    return head
