"""Clauses hung on the wrong noun, or with the wrong subject, by the parser."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import (
    comma_between,
    comma_part,
    hangs_on,
    is_root,
    loop_above,
    rightmost,
)
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("relative_clauses")
class RelativeClauses(Repair):
    """A relative pronoun right after a noun opens that noun's clause: "roses that are red and
    tulips that are yellow" parsed with tulips a conjunct of red and the second clause on
    roses -> tulips a conjunct of roses, "that are yellow" the tulips' clause. A bare word
    after the clause's "and" that the parser made a second subject of the noun's own verb
    goes on the clause's predicate: "a kettle that is dented and copper/nsubj sits" -> copper
    a conjunct of dented (a verb has one subject, and the kettle is it), where it is a
    describing word: an adjective, a colour or a material (word lists ``materials``)."""

    materials: WordLists = ()

    needs = ("relative_clause", "relative_pronouns", "conj", "subjects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        relative = labels.relative_clause
        words = list(graph.words)
        for clause in graph.attached_by(relative):
            opener = [c for c in graph.children(clause) if c.tag in labels.relative_pronouns]  # type: ignore[operator]
            if len(opener) != 1 or opener[0].index == 0:
                continue
            noun = graph[opener[0].index - 1]
            if not vocab.is_nominal(noun) or noun.index > clause.index:
                continue
            self._predicate_after_and(graph, vocab, clause, noun, words)
            if noun.index == clause.head:
                continue
            words[clause.index] = replace(clause, head=noun.index)
            # the noun itself hung as a conjunct inside an earlier clause: a conjunct of that
            # clause's noun ("red and tulips")
            inner = graph.head(noun)
            if noun.relation == labels.conj and inner is not None and not vocab.is_nominal(inner):
                top = inner
                climbed = {top.index}
                while top.relation != relative and graph.head(top) is not None:
                    top = graph.head(top)  # type: ignore[assignment]
                    if top.index in climbed:
                        break  # a ring left by an earlier repair
                    climbed.add(top.index)
                antecedent = graph.head(top)
                if (top.relation == relative and antecedent is not None
                        and vocab.is_nominal(antecedent)):
                    words[noun.index] = replace(noun, head=antecedent.index)
        return graph.with_words(words)

    def _predicate_after_and(self, graph: DependencyGraph, vocab: Vocabulary, clause: Word,
                             noun: Word, words: list[Word]) -> None:
        """Hang a second "subject" of the noun's verb, right after the clause's "and", on the
        clause's predicate ("that is dented and copper/nsubj sits")."""
        subjects = vocab.labels.set("subjects")
        conjunction = next((c for c in graph.children(clause)
                            if c.pos == "CCONJ" and c.index > clause.index), None)
        if conjunction is None or noun.relation not in subjects or noun.head is None:
            return
        word = graph.next(conjunction)
        if (word is None or word.relation not in subjects or word.head != noun.head
                or word.index > noun.head or graph.dependents(word)):
            return  # (a subject with words of its own is a phrase: "and a bowl sits")
        if not (word.pos == "ADJ" or vocab.is_color(word) or vocab.has(word, self.materials)):
            return  # "a man who is tired and children/nsubj play": a subject of its own
        words[word.index] = replace(word, head=clause.index, relation=vocab.labels.conj)


@registry.repairs("subject_agreement")
class SubjectAgreement(Repair):
    """A singular verb agrees with the last of its "coordinated" subjects only when the first
    belongs to the clause before: "you can not see their heads and one is tall" parsed as see
    [heads and one is tall] (or with "heads and one" the object of see and "is tall" without a
    subject) -> see heads, and one is tall."""

    clause_complements: frozenset[str]  # labels of the clause hung on the verb before ("ccomp")

    needs = ("singular_verbs", "plural_nouns", "conj", "object", "subjects", "subject")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        singular, plural = labels.set("singular_verbs"), labels.set("plural_nouns")
        subject_relations = labels.set("subjects")
        words = list(graph.words)
        for verb in graph.attached_by(self.clause_complements):
            above = graph.head(verb)
            if (verb.tag not in singular or above is None or above.pos != "VERB"
                    or above.index > verb.index):
                continue
            subjects = [c for c in graph.children(verb) if c.relation in subject_relations]
            objects_before = [c for c in graph.children(above) if c.relation == labels.object]
            if subjects and objects_before:
                continue
            if not subjects:  # "see their legs and one is brown" with one a conjunct of legs
                subjects = [c for c in objects_before if c.index < verb.index]
            if (len(subjects) != 1 or subjects[0].tag not in plural
                    or not vocab.is_nominal(subjects[0]) or subjects[0].index < above.index):
                continue
            first = subjects[0]
            rest = [c for c in graph.children(first) if c.relation == labels.conj
                    and c.index < verb.index and c.tag not in plural]
            if len(rest) != 1:
                continue
            words[first.index] = replace(first, head=above.index, relation=labels.object)
            words[rest[0].index] = replace(rest[0], head=verb.index, relation=labels.subject)
            words[verb.index] = replace(verb, relation=labels.conj)
            for child in graph.children(first):
                if child.index > first.index and child.index != rest[0].index:
                    words[child.index] = replace(words[child.index], head=(
                        rest[0].index if child.index > rest[0].index else above.index))
        return graph.with_words(words)


@registry.repairs("plural_auxiliaries")
class PluralAuxiliaries(Repair):
    """A plural auxiliary agrees with the plural noun of a *with* phrase, not with the
    singular noun the phrase belongs to: "a living room with two couches with pillows are
    standing by a table" -> the couches are standing (a clause on couches), the room heads the
    caption."""

    auxiliaries: Words  # plural auxiliaries ("are", "were")
    owner_prepositions: Words  # the phrases whose noun may own the clause ("with")

    needs = ("subject", "plural_nouns", "prepositional_objects", "relative_clause")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        plural = labels.set("plural_nouns")
        objects = labels.set("prepositional_objects")
        words = list(graph.words)
        for verb in graph.with_pos("VERB"):
            children = graph.children(verb)
            if not any(c.lower in self.auxiliaries for c in children):
                continue
            subjects = [c for c in children if c.relation == labels.subject]
            if len(subjects) != 1 or subjects[0].tag in plural or not vocab.is_nominal(
                    subjects[0]):
                continue
            subject = subjects[0]
            plurals = [o for p in graph.children(subject) if p.lower in self.owner_prepositions
                       for o in graph.children(p) if o.relation in objects
                       and o.tag in plural and vocab.is_nominal(o) and o.index < verb.index]
            if len(plurals) != 1:
                continue
            words[subject.index] = replace(subject, head=verb.head, relation=verb.relation)
            words[verb.index] = replace(verb, head=plurals[0].index,
                                        relation=labels.relative_clause)
        return graph.with_words(words)


@registry.repairs("subjectless_clauses")
class SubjectlessClauses(Repair):
    """A finite clause needs its subject: "the knight wears silver armor and the dragon is
    green" parsed with dragon a conjunct of armor and "is green" subjectless -> the dragon is
    the subject of "is green". A subject the parser hung on the verb's auxiliary is the
    verb's ("a cow is mooing in the pasture", cow under "is"). So is a noun phrase right before
    a subjectless verb that agrees with it, which the parser hung as an apposition on the
    phrase before its comma: "Perched on a cliff in Bhutan, a white monastery with golden
    roofs overlooks a valley" (monastery an appos of Bhutan, overlooks without subject)."""

    auxiliaries: frozenset[str] = frozenset()  # labels of auxiliaries ("aux", "auxpass")

    needs = ("finite_verbs", "past_tense", "conj", "object", "subjects", "subject",
             "plural_nouns", "plural_noun", "singular_verbs", "singular_noun", "base_verb",
             "present_verb")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        finite = labels.set("tensed_verbs")
        subjects = labels.set("subjects")
        singular = labels.set("singular_verbs")
        words = list(graph.words)
        for word in graph.attached_by(subjects):
            helper = graph.head(word)
            if (helper is not None and helper.relation in self.auxiliaries
                    and helper.head is not None and helper.head != helper.index):
                words[word.index] = replace(word, head=helper.head)
                if loop_above(words, word.index) is not None:
                    words[word.index] = word  # the verb describes the subject: leave it
        for noun in graph.attached_by(labels.apposition):
            verb = graph.next(graph[rightmost(graph, noun)])
            if (verb is None or verb.pos != "VERB" or verb.tag not in finite
                    or not vocab.is_nominal(noun) or verb.head == noun.index
                    or not self._agree(vocab, noun, verb)
                    or any(c.relation in subjects for c in graph.children(verb))):
                continue
            words[noun.index] = replace(noun, head=verb.index, relation=labels.subject)
            if loop_above(words, noun.index) is not None:
                words[noun.index] = noun  # the verb inside the noun's own phrase: leave it
        for verb in graph.attached_by(labels.conj):
            above = graph.head(verb)
            if (verb.tag not in finite or above is None
                    or above.index > verb.index
                    or any(c.relation in subjects for c in graph.children(verb))):
                continue
            before = graph[verb.index - 1]
            if (vocab.is_nominal(before) and before.head == above.index
                    and before.relation == labels.conj and self._agree(vocab, before, verb)):
                # "his katana drawn, red maple leaves swirl around him": noun and verb read as
                # two conjuncts of the clause before
                tag = labels.plural_noun if before.tag in singular else before.tag
                words[before.index] = replace(before, head=verb.index, relation=labels.subject,
                                              tag=tag)
                continue
            listed = [n for o in graph.children(above) if o.relation == labels.object
                      for n in graph.children(o) if n.relation == labels.conj
                      and vocab.is_nominal(n) and n.index < verb.index]
            if len(listed) != 1 or any(vocab.is_nominal(w) and w.head != listed[0].index
                                       for w in graph.words[listed[0].index + 1:verb.index]):
                continue
            words[listed[0].index] = replace(listed[0], head=verb.index,
                                             relation=labels.subject)
        return graph.with_words(words)

    @staticmethod
    def _agree(vocab: Vocabulary, noun: Word, verb: Word) -> bool:
        """Whether a bare noun and a present verb agree as subject and verb: a plural (by its
        tag, or an -s word the tagger took for a verb) and the base form, or a singular and
        the -s form."""
        labels = vocab.labels
        plural = noun.tag in labels.set("plural_nouns") or (
            noun.tag in labels.set("singular_verbs") and noun.lower.endswith("s"))
        if verb.tag in labels.set("singular_verbs"):
            return noun.tag == labels.singular_noun
        return plural and verb.tag in (labels.base_verb, labels.present_verb)


@registry.repairs("comma_clauses")
class CommaClauses(Repair):
    """A clause with its own subject, before a comma, that the parser hung on the next part's
    verb as its complement is a clause beside it: "a young woman reads by the fireplace, a
    tabby cat curled on an armchair" (reads a ccomp of curled). Nothing curled a reading, and
    the complement kept the participle from describing the cat."""

    complements: frozenset[str]  # labels of clausal complements ("ccomp")
    beside: str  # the label of a clause beside another ("parataxis")

    needs = ("subjects",)

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not any(c in graph.text for c in vocab.commas):
            return graph
        subjects = vocab.labels.set("subjects")
        words = list(graph.words)
        for clause in graph.attached_by(self.complements):
            head = graph.head(clause)
            if (head is None
                    or head.index < clause.index
                    or not comma_between(vocab, graph, clause.index, head.index)
                    or not any(c.relation in subjects and c.index < clause.index
                               for c in graph.children(clause))):
                continue
            words[clause.index] = replace(clause, relation=self.beside)
        return graph.with_words(words)


@registry.repairs("comma_subjects")
class CommaSubjects(Repair):
    """A verb has one subject. Of two the parser gave it, the one before a comma that stands
    between it and the other is a phrase of its own: "a misty lake, a heron stands
    motionless" (lake and heron both subjects of stands): the lake does not stand. So with
    one object: of two, one after a comma that stands between them is a tag of its own ("the
    sun paints the sky orange, rural americana": the sky is painted, not americana)."""

    unattached: str  # the label of a word hung with no grammatical role ("dep")
    # labels of nouns that modify a verb ("npadvmod"): one before a comma that stands between
    # it and its verb is a phrase of its own too ("Tokyo street at night, ..., taxis pass by")
    adverbial_nouns: frozenset[str] = frozenset()

    needs = ("subjects", "object", "conj")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        if not any(c in graph.text for c in vocab.commas):
            return graph
        subjects = vocab.labels.set("subjects")
        # a verb's subjects before it and its objects after it, by (verb, before)
        arguments: dict[tuple[int, bool], list[Word]] = {}
        words = list(graph.words)
        for word in graph:
            if is_root(word):
                continue
            before = word.head > word.index  # type: ignore[operator]
            if (word.relation in subjects) if before else (word.relation == vocab.labels.object):
                arguments.setdefault((word.head, before), []).append(word)
            elif (before and word.relation in self.adverbial_nouns and vocab.is_nominal(word)
                  and graph[word.head].pos == "VERB"
                  and comma_between(vocab, graph, word.index, word.head)):
                words[word.index] = replace(word, relation=self.unattached)
        for (verb, before), found in arguments.items():
            kept = min(found, key=lambda w: abs(w.head - w.index))  # the one next to the verb
            nearer = self._nearer_subject(graph, vocab, graph[verb], kept) if before else None
            if nearer is not None:
                words[nearer.index] = replace(nearer, head=verb, relation=kept.relation)
                kept = nearer
            for other in found:
                if other is not kept and comma_between(vocab, graph, min(other.index, kept.index),
                                                       max(other.index, kept.index)):
                    words[other.index] = replace(other, relation=self.unattached)
        return graph.with_words(words)

    def _nearer_subject(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
                        subject: Word) -> Word | None:
        """The noun phrase right before the verb, hung below a subject across a comma, is the
        verb's subject: "stacks of paperbacks, a tabby curled on a cushion" (stacks the subject
        of curled, tabby in apposition to it): the tabby curls, the stacks are a phrase of
        their own; "battle, a dragon with tattered wings breathes fire": the dragon does."""
        noun = graph[verb.index - 1] if verb.index else None
        if noun is not None:  # the head of its phrase: "a dragon with tattered wings breathes"
            start, end = comma_part(vocab, graph, noun)
            while noun.head is not None and start <= noun.head < end and noun.head != verb.index:
                noun = graph[noun.head]
        if (noun is None or verb.pos != "VERB" or not vocab.is_nominal(noun)
                or noun.index == subject.index or noun.head == verb.index
                or noun.relation == vocab.labels.conj  # "a shower, ..., and sink make up"
                or not comma_between(vocab, graph, subject.index, noun.index)
                or not hangs_on(graph, noun, subject)):
            return None
        return noun


@registry.repairs("posture_participles")
class PostureParticiples(Repair):
    """A verb of posture before a past participle is the clause's verb, and the participle
    says how its subject is: "a rusty robot sits slumped against a pile", "a cactus stands
    forgotten in the corner" (the small model reads sits and stands as passive auxiliaries,
    so nothing bound slumped or forgotten), "the old man sits hunched over a table" (hunched
    an open complement). The participle becomes the verb's adverbial clause, the way the
    model reads "a dog lies curled on a rug"."""

    # verbs of posture, in every form (the model gives an auxiliary no lemma: rests/rests)
    verbs: Words
    auxiliaries: frozenset[str]  # labels of auxiliaries ("aux", "auxpass")
    complements: frozenset[str]  # labels of open complements ("xcomp")

    needs = ("adverbial_clause", "subjects", "subject", "past_participle", "past_tense",
             "punct", "coordinator", "conj")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        participles = (labels.past_participle, labels.past_tense)
        subjects = labels.set("subjects")
        before_posture = self.auxiliaries | subjects  # all a participle may have before the verb
        words = list(graph.words)
        for verb in graph.attached_by(self.auxiliaries | self.complements):
            participle = graph.head(verb) if verb.relation in self.auxiliaries else verb
            posture = verb if verb.relation in self.auxiliaries else graph.head(verb)
            if (participle is None or posture is None or posture.lower not in self.verbs
                    or participle.tag not in participles or participle.index < posture.index
                    or any(c.relation in self.auxiliaries and c.index != posture.index
                           for c in graph.children(participle))
                    or any(c.relation not in before_posture
                           for c in graph.children(participle) if c.index < posture.index)):
                continue
            if verb.relation in self.complements:
                words[participle.index] = replace(participle, relation=labels.adverbial_clause)
                continue
            # the participle heads the clause: the verb takes its place, its subject and the
            # clauses coordinated with it (a conjoined participle stays: "sits abandoned and
            # rusted")
            words[posture.index] = replace(posture, head=participle.head, pos="VERB",
                                           relation=participle.relation)
            words[participle.index] = replace(participle, head=posture.index,
                                              relation=labels.adverbial_clause)
            children = graph.children(participle)
            for child in children:
                if child.relation in subjects:
                    words[child.index] = replace(child, head=posture.index,
                                                 relation=labels.subject)
                elif child.relation == labels.conj and child.tag not in participles:
                    words[child.index] = replace(child, head=posture.index)
                    for joiner in children:  # its "and" and comma
                        if (joiner.relation in (labels.punct, labels.coordinator)
                                and participle.index < joiner.index < child.index
                                and not any(c.relation == labels.conj
                                            and joiner.index < c.index < child.index
                                            for c in children)):
                            words[joiner.index] = replace(joiner, head=posture.index)
        return graph.with_words(words)
