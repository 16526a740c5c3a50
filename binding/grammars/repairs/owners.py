"""A participle after a postnominal phrase describes the noun the phrase belongs to."""

from __future__ import annotations

from dataclasses import replace

from binding.grammars.repairs.base import Repair, WordLists, Words
from binding.grammars.trees import comma_between, prepositional, take_place
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word
from binding.registry import registry


@registry.repairs("phrase_participles")
class PhraseParticiples(Repair):
    """A participle after a phrase of ``prepositions`` describes the noun the phrase belongs
    to: "a man in a red shirt standing next to a truck" -> the man stands; "a dog with a black
    collar sitting", "a vase filled with roses sitting on a table" likewise. Stacked phrases
    are climbed to their first noun ("an astronaut in a suit with a visor walking").

    A phrase of ``owner_prepositions`` ("with") is climbed only from an inanimate object to an
    animate owner (a wearer and what they wear or have: "a dog with a collar standing"), or
    where a participle introduces it ("a vase filled with roses sitting"): in "a kitchen with a
    cat sleeping" the cat sleeps. A part does not act either ("a car with black rims parked":
    the car is parked). Phrases of ``participle_phrases`` are climbed only after a participle
    ("a dragon made of crystal flying": the dragon flies; "a lamp shaped like a mushroom
    glowing"); the object of a verb of ``worn_objects`` is climbed to the wearer ("a woman
    wearing a red dress walking"). A participle whose phrase names the owner by a pronoun is
    the nearer noun's ("a box with a string tied around it": tied → string). A comma after the
    with phrase closes it: what follows is the owner's, animate or not ("a glass perfume
    bottle with a gold cap, surrounded by pink peonies")."""

    prepositions: Words
    owner_prepositions: Words = frozenset()
    participle_phrases: Words = frozenset()
    worn_objects: WordLists = ()  # word lists of verbs of dress
    animate: WordLists = ()  # word lists of what can act by itself
    # labels of a pronoun in the participle's phrase that points back to the owner ("pobj",
    # "dobj"): "a box with a string tied around it" keeps tied on the string
    pointing_relations: frozenset[str] = frozenset()
    # labels of a possessive pronoun on the phrase's noun ("poss"): "a woman with her hair
    # dyed purple" keeps dyed on the hair
    possessives: frozenset[str] = frozenset()
    # word lists of nouns that frame a picture: no owner ("portrait of an elven queen with long
    # hair braided with flowers", the with phrase hung on portrait)
    frames: WordLists = ()
    # word lists of participles that say how a thing looks: the had or worn thing's own ("a girl
    # with long hair braided with flowers", "a woman with a dress embroidered with roses": a
    # part does not act, but it looks)
    looks: WordLists = ()
    # word lists of verbs of posture ("pose_verbs": sit, lie, stand): an -ing participle on
    # the lifeless place of an animate's posture is the animate's ("a cat lying on a rug
    # playing with yarn": the cat plays)
    poses: WordLists = ()

    needs = ("participle", "conj", "prepositional_objects", "object", "past_participle",
             "present_participle")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        participle = vocab.labels.participle
        words = list(graph.words)
        for verb in graph.attached_by(participle):
            noun = graph.head(verb)
            if (verb.pos != "VERB" or noun is None
                    or noun.index > verb.index or self._points_back(graph, vocab, verb)
                    or self._own_look(vocab, verb, noun)):
                continue
            # "a glass perfume bottle with a gold cap, surrounded by pink peonies": a comma
            # closes the with phrase; what follows is its owner's, animate or not
            closed = (vocab.is_comma(graph[verb.index - 1])
                      and not comma_between(vocab, graph, noun.index + 1, verb.index - 1))
            # "an astronaut lounging in a hammock strung between two palms": what is done to
            # a thing stays on the place of an action (a verb of dress goes on to the wearer)
            done = (verb.tag == vocab.labels.past_participle
                    and not vocab.has(verb, self.worn_objects))
            owner = self._owner(graph, vocab, noun, closed, done)
            if owner is None and not closed:
                owner = self._nearer(graph, vocab, verb, noun) or self._posed(
                    graph, vocab, verb, noun)
            if owner is not None:
                words[verb.index] = replace(verb, head=owner.index)
        return graph.with_words(words)

    def _nearer(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
                noun: Word) -> Word | None:
        """Where the parser hung the participle on a noun across its own *with* phrase, the
        noun the participle would go to from the phrase's last noun, right before it: "a desk
        with a teddy bear sitting next to the monitor" (sitting on desk) -> the bear sits, as
        in "a kitchen with a cat sleeping"; "a dog with a black collar standing" stays."""
        nearest = graph[verb.index - 1]
        if (not self.owner_prepositions or not vocab.is_nominal(nearest)
                or nearest.index == noun.index):
            return None
        path, word = [], graph.head(nearest)  # the words between nearest and noun, upwards
        while word is not None and word.index != noun.index and len(path) < len(graph):
            path.append(word)
            word = graph.head(word)
        if (word is None or any(w.index == verb.index for w in path)
                or not any(w.lower in self.owner_prepositions for w in path)
                # "a sheep with a rope tied around his head standing": the head is inside the
                # rope's own participle clause, not the with phrase's noun
                or any(w.pos == "VERB" for w in path)):
            return None
        owner = self._owner(graph, vocab, nearest) or nearest
        if self._own_look(vocab, verb, nearest):
            owner = nearest  # "a girl with long hair braided with ribbons" (braided on girl)
        return None if owner.index == noun.index else owner

    def _posed(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
               noun: Word) -> Word | None:
        """The animate whose posture's place ``noun`` is, where ``verb`` is an -ing
        participle or one of dress and the place lifeless: "a boy standing on a chair reaching
        for a jar" (reaching on chair) -> the boy; so "a man sitting on a bench dressed in
        black"; "a girl sitting on a horse galloping" stays."""
        labels = vocab.labels
        if (not self.poses or vocab.has(noun, self.animate)
                or not (verb.tag == labels.present_participle
                        or vocab.has(verb, self.worn_objects))):
            return None
        phrase = prepositional(vocab, graph, noun)
        posture = phrase[1] if phrase is not None else None
        if (posture is None or posture.pos != "VERB" or posture.relation != labels.participle
                or not vocab.has(posture, self.poses)):
            return None
        owner = graph.head(posture)
        if (owner is None or owner.index > posture.index or not vocab.is_nominal(owner)
                or not vocab.has(owner, self.animate)):
            return None
        return owner

    def _own_look(self, vocab: Vocabulary, verb: Word, noun: Word) -> bool:
        """Whether the participle says how a thing had or worn (a part, a dress) looks, which
        the thing keeps."""
        return (bool(self.looks) and vocab.has(verb, self.looks)
                and not vocab.has(noun, self.animate))

    def _points_back(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word) -> bool:
        """Whether the participle's phrase names the owner by a pronoun ("a box with a string
        tied around it", "a bus with a car following behind it"): then the participle is the
        nearer noun's, and the owner is what it points back to. A past participle's phrase
        may name the owner's own part by a possessive ("women with basins balanced on their
        heads", "a sheep with a rope tied around his head"): what is done to the had thing
        is done on its owner; an -ing one's is the owner's place ("a woman with a bag walking
        in her garden": she walks)."""
        labels = vocab.labels
        past = verb.tag in labels.set("past_participle")
        noun = graph.head(verb)
        if noun is not None and any(c.pos == "PRON" and c.index < noun.index
                                    and c.relation in self.possessives
                                    for c in graph.dependents(noun)):
            return True  # "with her hair dyed purple": the owner's own part, described
        stack, seen = list(graph.dependents(verb)), {verb.index}
        while stack:
            word = stack.pop()
            if word.index in seen:
                continue  # a ring an earlier repair left: walk it once
            seen.add(word.index)
            if word.pos == "PRON" and word.relation in self.pointing_relations:
                return True
            if (past and word.pos == "PRON" and word.relation in self.possessives
                    and (owned := graph.head(word)) is not None
                    and owned.relation in labels.set("prepositional_objects")):
                return True
            stack.extend(graph.dependents(word))
        return False

    def _owner(self, graph: DependencyGraph, vocab: Vocabulary, noun: Word,
               closed: bool = False, done: bool = False) -> Word | None:
        """The noun a chain of postnominal phrases ("in a suit with a visor") belongs to.
        Where ``done`` (a past participle, no verb of dress), no phrase on an -ing participle
        is climbed: "lounging in a hammock strung between palms" (the hammock is strung)."""
        labels = vocab.labels
        owner, needs_animate = None, False
        for _ in range(len(graph.words)):
            listed = noun
            climbed = {noun.index}
            while noun.relation == labels.conj and graph.head(noun) is not None:
                noun = graph.head(noun)  # type: ignore[assignment]
                if noun.index in climbed:
                    return None  # a ring left by an earlier repair: no owner to find
                climbed.add(noun.index)
            verb = graph.head(noun)
            wearer = graph.head(verb) if verb is not None else None
            if (self.worn_objects and noun.relation == labels.object and verb is not None
                    and wearer is not None
                    and not comma_between(vocab, graph, verb.index, listed.index)
                    and verb.relation == labels.participle
                    and vocab.has(verb, self.worn_objects)
                    and vocab.is_nominal(wearer) and wearer.index < noun.index):
                owner = noun = wearer  # "a woman wearing a red dress walking": she walks
                continue
            phrase = prepositional(vocab, graph, noun)
            if phrase is None:
                break
            prep, head = phrase
            through_participle = (head is not None and head.relation == labels.participle
                                  and head.pos == "VERB")
            if not (prep.lower in self.prepositions
                    or (through_participle and prep.lower in self.participle_phrases)):
                break
            if through_participle and done and head.tag == labels.present_participle:  # type: ignore[union-attr]
                break
            if through_participle:
                head = graph.head(head)  # type: ignore[arg-type]
            if head is None or not vocab.is_nominal(head) or head.index > noun.index:
                break
            if prep.lower in self.owner_prepositions:
                if vocab.has(noun, self.animate):
                    break
                # a part does not act: what follows "a car with black rims" is the car's
                needs_animate = needs_animate or not (through_participle
                                                      or vocab.has(noun, ("parts",)))
            owner = noun = head
        if (owner is not None and needs_animate and not closed
                and not vocab.has(owner, self.animate)):
            return None
        if owner is not None and self.frames and vocab.has(owner, self.frames):
            return None
        return owner


@registry.repairs("absolute_participles")
class AbsoluteParticiples(Repair):
    """A *with* phrase is a noun and its participle, not a clause: "a toilet with a white lid
    sitting next to a wall" parsed as with [lid sitting] (lid the subject of sitting) -> the lid
    is the object of with and sitting its participle; ``phrase_participles`` then decides whose
    participle it is (a part does not act: the toilet sits). So where the parser made the
    participle right after the *with* phrase the verb of its owner: "a woman with her hair
    dyed purple" (woman the subject of dyed) -> dyed is the hair's, the woman heads again; so
    is an adjective read so ("a brown bear with its mouth open": open is the mouth's), and so
    where the *with* phrase hangs on the owner's participle ("two elephants walking by a wall
    with palm trees painted on it") or the parser left *with* bare, the noun after it a second
    subject ("a man standing near a car with its door painted red")."""

    prepositions: Words  # "with"
    # an owner with one of these opens a sentence, whose verb stays ("The mug with a sugar
    # bowl made for a cozy tea time"); without, a caption ("a woman with her hair dyed purple")
    definite_articles: Words = frozenset()

    needs = ("subjects", "prepositional_objects", "participle", "present_participle",
             "past_participle", "past_tense", "adjectival")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        subjects = labels.set("subjects")
        participles = labels.set("present_participle") | labels.set("past_participle")
        verb_forms = participles | labels.set("past_tense")  # a participle the parser read finite
        words = list(graph.words)
        for verb in graph.with_pos(("ADJ", "VERB")):  # (what every branch below reads)
            owned = self._owned(graph, vocab, verb, verb_forms)
            if owned is not None:
                owner, noun = owned
                take_place(words, owner, verb, labels.participle)
                words[verb.index] = replace(
                    words[verb.index], head=noun.index,
                    relation=labels.adjectival if verb.pos == "ADJ" else labels.participle)
                continue
            stranded = self._stranded(graph, vocab, verb, verb_forms)
            if stranded is not None:
                owner, prep, noun = stranded
                take_place(words, owner, verb, labels.participle)
                words[noun.index] = replace(noun, head=prep.index,
                                            relation=labels.prepositional_objects[0])
                words[verb.index] = replace(words[verb.index], head=noun.index,
                                            relation=labels.participle)
                continue
            prep = graph.head(verb)
            if (verb.pos != "VERB" or verb.tag not in participles or prep is None
                    or prep.lower not in self.prepositions or prep.index > verb.index):
                continue
            nouns = [c for c in graph.children(verb) if c.relation in subjects
                     and c.index < verb.index and vocab.is_nominal(c)]
            if len(nouns) != 1 or any(w.pos == "VERB" for w in
                                      graph.words[prep.index + 1:nouns[0].index]):
                continue
            words[nouns[0].index] = replace(nouns[0], head=prep.index,
                                            relation=labels.prepositional_objects[0])
            words[verb.index] = replace(verb, head=nouns[0].index, relation=labels.participle)
        return graph.with_words(words)

    def _stranded(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
                  tags: frozenset[str]) -> tuple[Word, Word, Word] | None:
        """(owner, with, noun) where the parser left *with* bare and made both the owner and
        the noun after *with* subjects of the participle: "a man standing near a car with its
        door painted red" (man and door subjects of painted); None otherwise."""
        if verb.pos != "VERB" or verb.tag not in tags:
            return None
        subjects = vocab.labels.set("subjects")
        found = [c for c in graph.dependents(verb)
                 if c.relation in subjects and c.index < verb.index]
        if len(found) != 2 or not all(vocab.is_nominal(w) for w in found):
            return None
        owner, noun = found
        start = min([noun.index, *(c.index for c in graph.dependents(noun)
                                   if c.index < noun.index)])
        prep = graph[start - 1] if start else None
        if (prep is None or prep.lower not in self.prepositions or graph.dependents(prep)
                or owner.index > prep.index
                or any(c.lower in self.definite_articles for c in graph.dependents(owner))):
            return None
        return owner, prep, noun

    def _owned(self, graph: DependencyGraph, vocab: Vocabulary, verb: Word,
               tags: frozenset[str]) -> tuple[Word, Word] | None:
        """(owner, noun) where the participle (a verb with one of ``tags``) right after the
        object of the owner's *with* was read as the owner's verb; None otherwise."""
        labels = vocab.labels
        if verb.index == 0 or not (
                verb.pos == "ADJ"  # "a brown bear with its mouth open": open is the mouth's
                or (verb.pos == "VERB" and verb.tag in tags)):
            return None
        noun = graph[verb.index - 1]
        prep = graph.head(noun)
        if (prep is None or prep.lower not in self.prepositions or not vocab.is_nominal(noun)
                or noun.relation not in labels.set("prepositional_objects")):
            return None
        owner = graph.head(prep)
        if (owner is not None and owner.relation == labels.participle and owner.pos == "VERB"
                and owner.index < prep.index):
            # "two elephants walking by a wall with palm trees painted on it": the with phrase
            # hangs on the owner's own participle
            owner = graph.head(owner)
        if (owner is None or owner.head != verb.index or owner.index > prep.index
                or owner.relation not in labels.set("subjects")
                or any(c.lower in self.definite_articles for c in graph.dependents(owner))
                or any(c.relation in ("aux", "auxpass") for c in graph.dependents(verb))):
            return None
        return owner, noun


@registry.repairs("likeness_participles")
class LikenessParticiples(Repair):
    """A participle the parser hangs on a likeness describes who it shows: "a silhouette of a
    woman dancing against the moon" (dancing on silhouette) -> the woman dances. The likeness
    is drawn too (docs/annotation.md, Pictures in the picture), but it does not dance."""

    likenesses: WordLists  # word lists of likenesses ("silhouette", "reflection")

    needs = ("participle", "prepositional_objects")

    def __call__(self, graph: DependencyGraph, vocab: Vocabulary) -> DependencyGraph:
        labels = vocab.labels
        objects = labels.set("prepositional_objects")
        words = list(graph.words)
        for verb in graph.attached_by(labels.participle):
            likeness = graph.head(verb)
            if (verb.pos != "VERB" or likeness is None
                    or likeness.index > verb.index or not vocab.has(likeness, self.likenesses)):
                continue
            shown = [o for p in graph.children(likeness) if vocab.has(p, ("of",))
                     and likeness.index < p.index < verb.index
                     for o in graph.children(p) if o.relation in objects
                     and vocab.is_nominal(o) and o.index < verb.index]
            if shown:
                words[verb.index] = replace(verb, head=shown[-1].index)
        return graph.with_words(words)
