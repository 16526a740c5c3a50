"""Which nouns are depicted entities: every noun of the parse, less those that describe
another noun, name no thing ("a photo of", "in the style of"), or are drawn only as part of
their whole ("his paws")."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from binding.grammars.names import may_name, name_index, name_span
from binding.grammars.trees import (
    after_comma,
    bare_quality,
    comma_between,
    comma_part,
    figure_of_speech,
    has_determiner,
    has_of_phrase,
    is_root,
    of_objects,
    prepositional,
    style_tag,
)
from binding.grammars.vocabulary import Vocabulary
from binding.graph import DependencyGraph, Word

Words = frozenset[str]


class EntitySettings(BaseModel):
    """The ``[entities]`` table of a grammar file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pos: frozenset[str]  # parts of speech that name things
    # a noun attached by one of these relations describes another noun; it is not an entity
    not_relations: frozenset[str] = frozenset()
    # ... unless it hangs after its head across a comma: it heads a phrase of its own
    after_comma: bool = False
    of_phrase_relations: frozenset[str] = frozenset()  # labels an "of" phrase hangs by
    part_prepositions: Words = frozenset()  # "a girl with blue eyes": parts, not places
    articles: Words = frozenset()  # a place noun with one of these names a thing
    describing_relations: frozenset[str] = frozenset()  # ... so does one described so
    # labels of a verb's complement that describes its object ("oprd"): an object with one
    # after it is described ("a girl dyes her hair pink")
    predicative_relations: frozenset[str] = frozenset()
    author_prepositions: Words = frozenset()  # "by Greg Rutkowski": an author
    author_relations: frozenset[str] = frozenset()  # ... a preposition hung so (not an agent)
    codes: bool = False  # a word of letters and digits ("85mm", "f1.8", "XT3") names no thing
    negative_determiners: Words = frozenset()  # "with no icing": nothing to draw
    # word lists of mass nouns drawn as things only when counted: plural, or with an article of
    # ``articles`` or a numeral ("warm light" lights the scene; "a light", "fairy lights" are
    # lamps)
    mass_nouns: tuple[str, ...] = ()
    # ... or with a modifier of these word lists before it, which makes it a thing ("the
    # traffic light", "a teardrop pendant light")
    mass_things: tuple[str, ...] = ()
    # word lists of light sources named for the light they give ("sun"): a bare tag of one,
    # after times of day only (word lists ``light_times``: "..., afternoon sun, ...", "harsh
    # midday sun"), or one as the object of ``light_prepositions`` with no colour or count of
    # its own ("sitting in the sun"), is the light, as a lighting tag or sunshine is
    light_sources: tuple[str, ...] = ()
    # word lists of times the sky shows ("sunset"): no entity as a time ("at sunset", "...,
    # sunset, ..."), but with a determiner the sky drawn ("the soft pink sunset", "watching
    # the sunset")
    determined_sights: tuple[str, ...] = ()
    light_times: tuple[str, ...] = ()
    light_prepositions: Words = frozenset()
    # word lists of shade words a colour takes ("deep saffron"): any other adjective before a
    # colour that names a thing makes it that thing ("hot charcoal", "fresh mint")
    colour_shades: tuple[str, ...] = ()
    # word lists of verbs whose bare colour object names a colour ("wearing lavender"); the
    # object of another verb is the thing ("weighs saffron")
    colour_verbs: tuple[str, ...] = ()
    # word lists of materials and the prepositions after a participle that name what a thing
    # is made of: a colour that is a material there is the material ("a robot made of copper",
    # "a figurine carved from jade"), as "made of glass" names glass
    materials: tuple[str, ...] = ()
    material_prepositions: Words = frozenset()
    comparisons: Words = frozenset()  # "as ... as": the standard compared with is not drawn
    similes: Words = frozenset()  # "eyes like emeralds": nor is what a thing is likened to
    # prepositions of purpose: their object, on a verb with an object of its own, is what the
    # work is for ("chopping vegetables for a salad"), not drawn
    purposes: Words = frozenset()
    # ... unless it names someone of these word lists, who receives the work and is there
    beneficiaries: tuple[str, ...] = ()
    # prepositions of a role: their object, after a verb's object, is the role that object
    # plays ("wearing a leaf as an umbrella", "holding a needle as a sword"), not drawn
    roles: Words = frozenset()
    # ... or after the object of one of these prepositions on the same verb ("sleeps with his
    # briefcase as a pillow")
    role_holders: Words = frozenset()
    # prepositions of an arrangement, and the nouns of one: such a noun as their object, with
    # no "of" phrase and no noun before it, is how things stand ("camels walk in a long
    # line", "chairs in a circle"), not drawn; "in a circus ring", "a line of ants" are
    arrangement_prepositions: Words = frozenset()
    arrangements: Words = frozenset()
    # word lists of verbs whose objects and complement clauses are imagined, not there
    # ("pretending to build a house", "planning a hiking trail")
    imagined: tuple[str, ...] = ()
    # a noun phrase with an article that closes its sentence after a comma, right after the
    # clause it sums up, is a figure for that clause, no thing ("..., danced across the starry
    # sky, a celestial light show"), and so are the nouns of its "of" phrases; unless a known
    # thing of these word lists ("..., a red umbrella in hand"), one with a possessive
    # pronoun or a verb form (an absolute phrase: "..., a loyal hound at his side", "..., a
    # herd of cows grazing in a field") or one of coordinated noun phrases (a list: "features
    # a table, a silver fridge and brown cabinets")
    summing_appositions: bool = False
    concrete: tuple[str, ...] = ()
    # ... nor one placed by one of these prepositions ("..., a lone sailboat on the horizon")
    absolute_places: Words = frozenset()
    # a name before one of these is whose style the picture takes ("magritte inspired")
    style_sources: Words = frozenset()
    # ... and so is every noun of a tag after the first that ends in one of these, with no
    # article ("..., lord of the rings inspired", "..., harry potter vibes")
    style_tags: Words = frozenset()
    # word lists of nouns that, heading a bare tag of adjectives between commas ("...,
    # dramatic shadows, clean lines, thick impasto"), name how the picture is lit or made, not
    # a thing in it; in a clause, with a determiner or a noun before them they are things
    # ("the shadows", "long shadows stretch", "power lines")
    tag_nouns: tuple[str, ...] = ()
    # ... described by nouns of these word lists as by adjectives: names of no drawn thing
    # ("kodak film": a film stock named by its maker)
    tag_noun_describers: tuple[str, ...] = ()
    # ... where a numeral before one of these units measures, not counts ("35mm film": a film
    # stock, "35 mm" its gauge)
    measure_units: Words = frozenset()
    # word lists of names of places and times: the setting, never a thing drawn ("on mars",
    # "Prague in December")
    settings_named: tuple[str, ...] = ()
    # a capitalised proper noun with no words of its own as the object of one of these names
    # the setting too, listed or not ("a night market in Taipei", "sunset in Santorini")
    setting_prepositions: Words = frozenset()
    # prepositions whose object is an event, a time, not a thing: "a kitchen during dinner
    # service", "a cathedral during evening mass"
    event_prepositions: Words = frozenset()
    # a bare tag of adjectives with one of these ("detailed face", "highly detailed fur",
    # "beautiful detailed eyes") asks for rendering detail: its noun is no thing of its own
    rendering_details: Words = frozenset()
    # word lists of nouns that, as a preposition's object without an article of ``articles``,
    # a numeral or a describing word, name the picture's point of view, not a thing in it
    # ("stares at the viewer", "drifts closest to the camera"); "a vintage camera on a shelf",
    # "holding the camera" and "the camera is black" are drawn
    viewpoints: tuple[str, ...] = ()
    # word lists of names (of one word or several) of artists, studios, sites and styles: a
    # noun in such a name says how the picture is made ("..., greg rutkowski, artgerm", "art
    # nouveau", "slice of life"), no thing in it
    style_names: tuple[str, ...] = ()
    # word lists of kin: a whole tag of kin joined by a conjunction, after a tag that names a
    # person or animal, says how the characters relate ("2girls, old woman, grandmother and
    # granddaughter", "polar bear, mother and child"), no thing of its own
    relationship_tags: tuple[str, ...] = ()
    # word lists of verbs of holding: their object is a thing in hand, drawn even where its
    # word is listed abstract ("holding palette", "holding a lens"; "a pastel palette" as a tag
    # is a choice of colours)
    holding_verbs: tuple[str, ...] = ()


class Entities:
    """The entity decision of one grammar."""

    def __init__(self, vocab: Vocabulary, settings: EntitySettings,
                 compound_relations: frozenset[str], conj_relations: frozenset[str]) -> None:
        self.vocab = vocab
        self.settings = settings
        self.compound_relations = compound_relations
        self.conj_relations = conj_relations
        labels = vocab.labels
        self._participles = labels.set("present_participle") | labels.set("past_participle")
        self._describing_colour = compound_relations | labels.set("adjectival")
        self._objects = labels.set("prepositional_objects")
        self._object = labels.object
        self._adjectival = labels.set("adjectival")
        self._subjects = labels.set("subjects")
        self._prepositional_objects = labels.set("prepositional_objects")
        self._plural = labels.set("plural_nouns")
        self._finite = labels.set("finite_verbs") | {labels.past_tense}
        self._style_names = name_index(vocab.lexicon, settings.style_names)
        # (graph, whether it has a style-tag word, whether it may name a style, whether it has
        # a word of rendering detail): read once per graph, as is_entity runs on every noun;
        # one tuple, swapped whole, so threads sharing a grammar never read another graph's
        # answers
        self._last: tuple[DependencyGraph | None, bool, bool, bool] = (None, False, False, False)

    def is_entity(self, graph: DependencyGraph, word: Word) -> bool:
        vocab, settings = self.vocab, self.settings
        if not vocab.is_nominal(word):
            return False
        if word.relation in settings.not_relations and not (
                settings.after_comma and after_comma(vocab, graph, word)):
            return False
        # the word lists it is in, asked once: the tests below read a dozen of them
        lists = vocab.lexicon.names_of(word)
        if (("abstract" in lists and not (
                settings.determined_sights and not lists.isdisjoint(settings.determined_sights)
                and has_determiner(graph, word))
                and not self._ends_phrase(graph, word, "thing_phrases")
                and not self._held(graph, word))
                or self._ends_phrase(graph, word, "abstract_phrases")
                or self._quality_conjunct(graph, word)):
            return False
        if settings.settings_named and not lists.isdisjoint(settings.settings_named):
            return False  # "on mars", "(paris:1.2)": where, not what
        if settings.setting_prepositions and self._named_setting(graph, word):
            return False  # "in Taipei": where, not what
        if (settings.viewpoints and not lists.isdisjoint(settings.viewpoints)
                and word.relation in self._prepositional_objects and not any(
                    c.lower in settings.articles or c.pos == "NUM"
                    or c.relation in settings.describing_relations
                    for c in graph.children(word))):
            return False  # "at the viewer", "to the camera": where the picture is seen from
        if "locations" in lists and (
                self._of_phrase(graph, word) or self._place_object(graph, word)):
            return False
        if not any(map(str.isalnum, word.text)):  # emoji, symbols
            return False
        if self._quoted(graph, word):
            return False  # a sign that says "OPEN": the word is mentioned, not drawn
        head = graph.head(word)
        if (head is not None and head.lower in settings.event_prepositions
                and word.relation in self._prepositional_objects):
            return False  # "during dinner service": when, not what
        owner = graph.head(head) if head is not None else None
        if (owner is not None and vocab.has(head, ("of",))  # type: ignore[arg-type]
                and vocab.has(owner, ("picturing",))):
            return False  # "depth of field", "in the style of Monet": how, not what
        if self._author(graph, word) or (self._read(graph)[2] and word.lower in self._style_names
                                         and name_span(graph, word, self._style_names)):
            return False  # "by Greg Rutkowski", "artgerm", "art nouveau": how it is made
        if settings.codes and _code(word.text):
            return False  # "85mm", "f1.8", "XT3": a lens, a setting, a model number
        if any(c.lower in settings.negative_determiners for c in graph.children(word)):
            return False  # "a cake with no icing": nothing to draw
        if "parts" in lists and self._undescribed_part(graph, word):
            return False
        if "frames" in lists and (
                self._of_phrase(graph, word) or self._posed_for(graph, word)
                or not (has_determiner(graph, word) or _counted(graph, word)
                        # "posters peel from the walls": several pictures are things in it
                        or word.tag in self._plural)):
            return False
        if ("quantities" in lists or "aspects" in lists) and self._of_phrase(graph, word) and not (
                self._of_numeral(graph, word)):
            return False  # "a group of knights" draws knights; "a team of five", the team
        if self._figure(graph, word):
            return False  # "a beacon of creativity": a figure of speech, nothing drawn
        if ("formations" in lists and self._of_phrase(graph, word)
                and not self._described(graph, word)):
            return False  # "a stack of pancakes" draws pancakes; "a tall stack of ...", a stack
        if self._compared(graph, word):
            return False  # "a cat as white as snow": snow is a measure, not drawn
        if settings.purposes and self._purpose(graph, word):
            return False  # "chopping vegetables for a salad": what it is for, not drawn
        if settings.roles and self._role(graph, word):
            return False  # "a leaf as an umbrella": the leaf is drawn, as what it serves
        if settings.arrangements and self._arrangement(graph, word):
            return False  # "walk in a long line": how they stand
        if settings.imagined and self._imagined(graph, word):
            return False  # "pretending to be a rock star": no star is there
        if settings.summing_appositions and self._summing(graph, word):
            return False  # "..., a celestial light show.": a figure for the clause
        if any(c.lower in settings.style_sources and c.index > word.index
               and not comma_between(vocab, graph, word.index + 1, c.index)
               for c in graph.children(word)) or (
                head is not None and head.lower in settings.style_sources
                and head.index == word.index + 1):
            return False  # "magritte inspired", "lord of the rings inspired": a style
        if settings.style_tags and self._style_tag(graph, word):
            return False  # "..., harry potter vibes", "..., lo-fi aesthetic": a style
        if settings.mass_nouns and not lists.isdisjoint(settings.mass_nouns) and not (
                word.tag in self._plural or any(
                    c.lower in settings.articles or (c.pos == "NUM" and c.index < word.index)
                    or (c.index < word.index and vocab.has(c, settings.mass_things))
                    for c in graph.children(word))):
            return False
        if settings.light_sources and not lists.isdisjoint(settings.light_sources) and (
                self._bare_tag(graph, word, settings.light_times)
                or self._in_light(graph, word)):
            return False  # "..., afternoon sun, ...", "lounging in the sun": its light
        if settings.tag_nouns and not lists.isdisjoint(settings.tag_nouns) and self._bare_tag(
                graph, word, settings.tag_noun_describers):
            return False  # "dramatic shadows", "clean lines": how the picture looks
        if (settings.relationship_tags and not lists.isdisjoint(settings.relationship_tags)
                and self._relationship_tag(graph, word)):
            return False  # "..., mother and child, ...": how the characters relate
        if settings.rendering_details and self._detail_tag(graph, word):
            return False  # "(detailed face:1.2)", "highly detailed fur": a quality tag
        if vocab.is_color(word):
            return self._colour_thing(graph, word)
        return True

    def _relationship_tag(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the word is one of the kin a whole tag joins by a conjunction ("mother and
        child"), after a tag that names a person or animal: the tag says how the characters
        named before relate."""
        vocab, kin = self.vocab, self.settings.relationship_tags
        start, end = comma_part(vocab, graph, word)
        part = [w for w in graph.words[start:end] if w.pos != "PUNCT"]
        nouns = [w for w in part if w.pos != "CCONJ"]
        if (start == 0 or len(nouns) < 2 or len(nouns) == len(part)
                or not all(vocab.is_nominal(w) and vocab.has(w, kin) for w in nouns)):
            return False
        return any(vocab.is_nominal(w) and vocab.has(w, ("animate",))
                   for w in graph.words[:start])

    def _detail_tag(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether ``word`` heads a bare tag that asks for rendering detail ("detailed face")."""
        if not self._read(graph)[3]:
            return False  # the cheap test first: this runs on every noun
        start, _ = comma_part(self.vocab, graph, word)
        return any(w.lower in self.settings.rendering_details
                   for w in graph.words[start:word.index]) and self._bare_tag(graph, word)

    def _in_light(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether ``word`` is the object of a preposition of ``light_prepositions`` ("in the
        sun") with no colour, numeral or noun before it ("under the bright yellow sun" and
        "a red sun in the sky" name the disc)."""
        head = graph.head(word)
        vocab = self.vocab
        return (head is not None and head.lower in self.settings.light_prepositions
                and head.index < word.index
                and not any(c.index < word.index and (vocab.is_color(c) or c.pos == "NUM"
                                                      or vocab.is_nominal(c))
                            for c in graph.children(word)))

    def _bare_tag(self, graph: DependencyGraph, word: Word,
                  nouns: tuple[str, ...] = ()) -> bool:
        """Whether ``word`` and the words before it that describe it are a whole comma-separated
        tag, described by adjectives only (or by nouns of the word lists ``nouns``): no
        determiner, numeral or other noun before it."""
        vocab = self.vocab
        after = graph.next(word)
        if after is not None and not (vocab.is_comma(after) or after.pos == "PUNCT"):
            return False
        start, _ = comma_part(vocab, graph, word)
        units = self.settings.measure_units
        measures = {w.index for w in graph.words[start : word.index]
                    if w.lower in units or (w.pos == "NUM" and w.index + 1 < word.index
                                            and graph[w.index + 1].lower in units)}
        for other in graph.words[start : word.index]:
            if other.index in measures:
                continue  # "35mm film": the gauge
            if other.pos not in ("ADJ", "ADV", "PUNCT") and not (
                    nouns and vocab.is_nominal(other) and vocab.has(other, nouns)):
                return False  # a determiner, numeral or noun makes a thing ("power lines")
            top = other
            for _ in range(len(graph.words)):  # climb to the tag's head
                if is_root(top) or top.index == word.index:
                    break
                top = graph[top.head]
            if top.index != word.index:
                return False
        # children after it stand in later tags: the tag ends at the comma after it ("...,
        # clean lines, 4k" with 4k/CD hung on lines)
        return not any(c.pos in ("DET", "NUM") and c.index < word.index
                       and c.index not in measures for c in graph.children(word))

    def _colour_thing(self, graph: DependencyGraph, word: Word) -> bool:
        """"an orange" is a fruit; "a lake, calm and silver" describes the lake; in "a red and
        a blue car" red describes the car like blue does; "in the red", "painted a light blue"
        name a colour, not a thing."""
        vocab = self.vocab
        if self._made_of(graph, word):
            return True
        if not vocab.has(word, ("color_things",)):
            return False
        plural = word.tag in self._plural  # "five limes", "oranges"; not "one orange and ..."
        if plural and not self._among_colours(graph, word):
            return True  # colours do not inflect: "five limes and a red bowl"
        if any(c.relation in self.conj_relations and vocab.is_nominal(c)
               and any(vocab.is_color(m) for m in graph.children(c))
               for c in graph.children(word)):
            return False
        # "whipped cream", "ice cream", "orange coral": a participle, a noun or another colour
        # before it makes the word a thing, as an article or the plural do
        made_thing = any(c.index < word.index and (
            # "bright orange coral": a colour describes a thing, not another colour
            (vocab.is_color(c) and c.relation in self._describing_colour)
            or (not vocab.is_color(c) and (
                (c.relation in self.compound_relations and vocab.is_nominal(c))
                or c.tag in self._participles
                # "hot charcoal": a describing word no colour takes
                or (c.pos == "ADJ" and c.relation in self._adjectival
                    and self.settings.colour_shades
                    and not vocab.has(c, self.settings.colour_shades)))))
            for c in graph.children(word))
        return made_thing or has_determiner(graph, word) or self._thing_object(graph, word)

    def _made_of(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the colour word is a material a participle says a thing is made of: "made
        of copper", "carved from jade"; not "painted in gold"."""
        settings = self.settings
        if not settings.materials or not self.vocab.has(word, settings.materials):
            return False
        seen = {word.index}
        while word.relation in self.conj_relations:  # "made of gold and silver"
            head = graph.head(word)
            if (head is None or head.index in seen
                    or not self.vocab.has(head, settings.materials)):
                return False  # (a ring from the front end ends the walk)
            seen.add(head.index)
            word = head
        preposition = graph.head(word)
        made = graph.head(preposition) if preposition is not None else None
        return (made is not None and preposition.lower in settings.material_prepositions
                and made.pos == "VERB" and made.tag in self._participles
                and made.index < word.index)

    def _thing_object(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the colour word is the bare object of a verb that takes things, not
        colours: "a merchant weighs saffron", not "a woman wearing lavender"."""
        head = graph.head(word)
        return (bool(self.settings.colour_verbs) and word.relation == self._object
                and head is not None and head.pos == "VERB" and head.index < word.index
                and not self.vocab.has(head, self.settings.colour_verbs))

    def _among_colours(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the word is coordinated with a colour that names no thing: "a palette of
        pinks, oranges, and purples" lists colours."""
        vocab = self.vocab
        head = graph.head(word)
        sisters = [c for c in graph.children(word) if c.relation in self.conj_relations]
        if head is not None and word.relation in self.conj_relations:
            sisters += [head, *(c for c in graph.children(head)
                                if c.relation in self.conj_relations and c is not word)]
        return any(vocab.is_color(w) and not vocab.has(w, ("color_things",)) for w in sisters)

    def _author(self, graph: DependencyGraph, word: Word) -> bool:
        """A name after an author preposition (not the agent of a passive: "surrounded by
        trees"): a proper noun, or a noun without an article ("by greg rutkowski", "by alphonse
        mucha and greg rutkowski"); "a cabin by the lake" is a place, and so are a plural
        common noun's things ("a bench in a field by mountains")."""
        settings = self.settings
        first = word
        seen = {word.index}
        while (first.relation in self.conj_relations and graph.head(first) is not None
               and graph.head(first).lower not in settings.author_prepositions):  # type: ignore[union-attr]
            first = graph.head(first)  # type: ignore[assignment]
            if first.index in seen:
                return False
            seen.add(first.index)
        head = graph.head(first)
        # "by mucha and greg rutkowski" may hang rutkowski as a conjunct of "by" itself
        if (head is None or head.lower not in settings.author_prepositions
                or first.relation not in self._objects | self.conj_relations
                or head.relation not in settings.author_relations):
            return False
        return word.pos == "PROPN" or not (
            word.tag in self._plural
            or any(c.pos in ("DET", "NUM", "PRON") for c in graph.children(first)))

    def _read(self, graph: DependencyGraph) -> tuple[DependencyGraph | None, bool, bool, bool]:
        """Whether the prompt holds a style-tag word, may name a style and holds a word of
        rendering detail: read once per graph (the checks that need them run on every noun,
        and most prompts have none)."""
        last = self._last
        if last[0] is not graph:
            lowered = graph.text.lower()
            details = self.settings.rendering_details
            last = (graph, any(tag in lowered for tag in self.settings.style_tags),
                    may_name(graph.text, self._style_names),
                    bool(details) and any(w.lower in details for w in graph.words))
            self._last = last
        return last

    def _style_tag(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the word is inside a tag after the first that ends in a word of
        ``style_tags`` and has no article ("..., lord of the rings inspired", "..., harry
        potter vibes"), or is that word ("..., product design"); the first phrase is the
        picture's subject."""
        if not self._read(graph)[1]:
            return False  # the cheap test first: this runs on every noun
        tag = style_tag(self.vocab, graph, word, self.settings.style_tags,
                        self.settings.articles)
        return tag is not None and tag[1] - 1 >= word.index

    def _of_numeral(self, graph: DependencyGraph, word: Word) -> bool:
        """"a team of five": the of phrase counts the collective's members, unnamed."""
        return any(o.pos == "NUM" for c in graph.children(word) if self.vocab.has(c, ("of",))
                   for o in graph.children(c) if o.relation in self._objects)

    def _described(self, graph: DependencyGraph, word: Word) -> bool:
        """A describing word of its own before the noun ("a tall stack"), no count or size of
        a collection ("a few", "several")."""
        return any(c.index < word.index and c.relation in self.settings.describing_relations
                   and not self.vocab.has(c, ("quantifiers",)) for c in graph.children(word))

    def _purpose(self, graph: DependencyGraph, word: Word) -> bool:
        """The object of a preposition of purpose on a verb that acts on an object of its own
        ("chopping vegetables for a salad", "slicing bread for the soup"): the salad is what
        the work is for, not yet there; "waiting for a bus" names no object, and is left, and
        so is someone the work is for ("pours coffee for a lonely trucker": ``beneficiaries``,
        a person or animal, is there to receive it)."""
        verb = self._purpose_verb(graph, word)
        if verb is None or (self.settings.beneficiaries
                            and self.vocab.has(word, self.settings.beneficiaries)):
            return False
        purpose = word.head
        return any(c.relation == self._object and c.index < purpose  # type: ignore[operator]
                   for c in graph.dependents(verb))

    def _posed_for(self, graph: DependencyGraph, word: Word) -> bool:
        """A picture a verb is done for is the picture being taken, not one drawn in it: "a
        man poses for a photo", "a couple smiling for a picture"."""
        return self._purpose_verb(graph, word) is not None

    def _purpose_verb(self, graph: DependencyGraph, word: Word) -> Word | None:
        """The verb whose preposition of purpose (``purposes``) has the word for object, or
        None."""
        purpose = graph.head(word)
        if (purpose is None or purpose.lower not in self.settings.purposes
                or word.relation not in self._objects):
            return None
        verb = graph.head(purpose)
        return verb if verb is not None and verb.pos == "VERB" else None

    def _arrangement(self, graph: DependencyGraph, word: Word) -> bool:
        """A noun of an arrangement (``arrangements``) as the bare object of a preposition of
        one: no "of" phrase, no noun before it ("in a long line", not "in a conga line")."""
        if word.lower not in self.settings.arrangements:
            return False
        head = graph.head(word)
        return (head is not None and head.lower in self.settings.arrangement_prepositions
                and word.relation in self._objects and not self._of_phrase(graph, word)
                and not any(self.vocab.is_nominal(c) and c.index < word.index
                            for c in graph.children(word)))

    def _role(self, graph: DependencyGraph, word: Word) -> bool:
        """The object of a preposition of a role hung on a verb's object, or on a verb after
        its object: "wearing a leaf as an umbrella", "holding a sewing needle as a sword"
        (the needle is drawn, no sword), or after a phrase of ``role_holders`` on that verb
        ("sleeps with his briefcase as a pillow"); "dressed as a pirate" has no object and is
        left."""
        head = graph.head(word)
        if (head is None or head.lower not in self.settings.roles
                or word.relation not in self._objects or self._clause_after(graph, word)):
            return False
        owner = graph.head(head)
        if owner is None:
            return False
        object_label = self.vocab.labels.object
        if owner.pos == "VERB":
            return any(c.index < head.index and (
                c.relation == object_label or (
                    c.lower in self.settings.role_holders
                    and any(o.relation in self._objects for o in graph.children(c))))
                for c in graph.dependents(owner))
        return owner.relation == object_label

    def _clause_after(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether a finite verb follows the word before the phrase ends: "as a man on a
        snowboard hovers in the air" is a clause of time, its man drawn."""
        finite, ends = self._finite, self.vocab.phrase_ends
        for after in graph.words[word.index + 1:]:
            if after.text in ends:
                return False
            if after.pos in ("VERB", "AUX") and after.tag in finite:
                return True
        return False

    def _summing(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the word heads a summing apposition (``summing_appositions``) or is a noun
        of its "of" phrase ("a symphony of building", "a natural canvas of endless
        variation")."""
        if self.vocab.has(word, self.settings.concrete):
            return False
        head = graph.head(word)
        if (head is not None and word.relation in self._prepositional_objects
                and self.vocab.has(head, ("of",))):
            owner = graph.head(head)
            if owner is not None and owner.index < word.index and self._summing(graph, owner):
                return True
        vocab, words, ends = self.vocab, graph.words, self.vocab.phrase_ends
        # its own article opens the part, right after a comma (the cheap test first)
        start = next((c.index for c in graph.children(word)
                      if c.index < word.index and c.lower in self.settings.articles), 0)
        if (start < 2 or not vocab.is_comma(words[start - 1])
                or any(vocab.is_comma(w) for w in words[start:word.index])):
            return False
        # the part runs to its sentence's end, the clause before it from the sentence's start,
        # with no comma but after a describing word ("The sharp, metallic sound of ..."):
        # a list of scene tags ("a misty forest, dew drops glisten on ferns, a wooden cabin")
        # sums up nothing
        end = next((w.index for w in words[start:] if w.text in ends), len(words))
        if end < len(words) and vocab.is_comma(words[end]):
            return False  # another part of the sentence follows
        before = start - 2
        while before > 0 and (vocab.is_comma(words[before - 1])
                              or words[before - 1].text not in ends):
            if vocab.is_comma(words[before - 1]) and not (
                    before > 1 and words[before - 2].pos in ("ADJ", "VERB")):
                return False
            before -= 1
        if any((w.relation == vocab.labels.possessive and vocab.has(w, ("pronouns",)))
               or (w.pos == "VERB" and w.index > word.index)
               or (w.head == word.index and w.lower in self.settings.absolute_places)
               for w in words[start:end]):
            # "..., a loyal hound at his side", "..., a herd of cows grazing in a field", "...,
            # a lone sailboat on the horizon": an absolute phrase or a scene's next clause
            return False
        finite = self._finite
        return (not any(w.tag in finite for w in words[start:end])
                and any(w.tag in finite and w.pos in ("VERB", "AUX")
                        for w in words[before:start - 1])
                and not any(c.relation in self.conj_relations and vocab.is_nominal(c)
                            for c in graph.children(word)))

    def _imagined(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the noun is the object of a verb of ``imagined``, or sits in its complement
        clause, through verbs and prepositions only: "pretending to build a house",
        "pretending to be a rock star", "planning a hiking trail"."""
        head, seen = graph.head(word), {word.index}
        while head is not None and head.pos in ("VERB", "AUX", "ADP") and head.index not in seen:
            if head.pos == "VERB" and self.vocab.has(head, self.settings.imagined):
                return True
            seen.add(head.index)
            head = graph.head(head)
        return False

    def _compared(self, graph: DependencyGraph, word: Word) -> bool:
        """The standard of a comparison: "as white as snow", "white as snow" (the noun after a
        word of ``comparisons`` on an adjective), "eyes gleam like pearls" (the object of a
        word of ``similes``), and a bare noun coordinated with it ("shaped like knights and
        dragons"; one with its own determiner may be a thing of the scene: "a vase like a swan
        and a bowl of fruit")."""
        head = graph.head(word)
        seen = {word.index}
        while (head is not None and word.relation in self.conj_relations
               and not has_determiner(graph, word)
               and self.vocab.is_nominal(head) and head.index not in seen):
            word, head = head, graph.head(head)  # (up to the first conjunct)
            seen.add(word.index)
        if head is None or word.relation not in self._objects:
            return False
        if head.lower in self.settings.similes and head.pos == "ADP":
            return True
        if head.lower not in self.settings.comparisons:
            return False
        adjective = graph.head(head)
        return adjective is not None and adjective.pos in ("ADJ", "ADV")

    def _ends_phrase(self, graph: DependencyGraph, word: Word, name: str) -> bool:
        """Whether the word ends a name of two words in the word list ``name``: one that is
        nothing to draw though the word alone is a thing (``abstract_phrases``: "unreal engine",
        not "a fire engine"), or one that is a thing though the word alone is abstract
        (``thing_phrases``: "sheet music", not "music")."""
        phrases = self.vocab.lexicon.lists.get(name)
        if not phrases or word.index == 0:
            return False
        return f"{graph[word.index - 1].lower} {word.lower}" in phrases

    def _held(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the word is the object of a verb of holding ("holding palette")."""
        if not self.settings.holding_verbs or word.relation != self._object:
            return False
        verb = graph.head(word)
        return verb is not None and self.vocab.has(verb, self.settings.holding_verbs)

    def _figure(self, graph: DependencyGraph, word: Word) -> bool:
        return figure_of_speech(self.vocab, graph, word, self.settings.articles,
                                self.settings.of_phrase_relations)

    def _quality_conjunct(self, graph: DependencyGraph, word: Word) -> bool:
        """Whether the word is a bare noun coordinated with a quality in the "of" phrase of
        an abstract noun or a figure: "a masterpiece of geometry and design", "a material of
        elegance and class" (design and class are qualities there)."""
        if word.relation not in self.conj_relations or has_determiner(graph, word):
            return False
        first = graph.head(word)
        if first is None or not bare_quality(self.vocab, graph, first):
            return False
        phrase = prepositional(self.vocab, graph, first)
        if phrase is None or phrase[1] is None or not self.vocab.has(phrase[0], ("of",)):
            return False
        return self.vocab.has(phrase[1], ("abstract",)) or self._figure(graph, phrase[1])

    def _of_phrase(self, graph: DependencyGraph, word: Word) -> bool:
        return has_of_phrase(self.vocab, graph, word, self.settings.of_phrase_relations)

    def _named_setting(self, graph: DependencyGraph, word: Word) -> bool:
        """A capitalised proper noun, alone or after capitalised names of its own ("in
        Taipei", "in New York City"; not "in the Louvre"), as the object of a setting
        preposition."""
        if word.pos != "PROPN" or not word.text[:1].isupper():
            return False
        own = [c for c in graph.children(word) if c.pos != "PUNCT" and (
            c.index < word.index or not comma_between(self.vocab, graph, word.index, c.index))]
        if any(c.pos != "PROPN" or not c.text[:1].isupper() or c.index > word.index
               for c in own):
            return False  # (a phrase after a comma the parser hung on it is not its own)
        phrase = prepositional(self.vocab, graph, word)
        return phrase is not None and phrase[0].lower in self.settings.setting_prepositions

    def _place_object(self, graph: DependencyGraph, word: Word) -> bool:
        """The object of a locative preposition ("in the background"), not of "with" (parts),
        nor a place noun that names a thing: one with an indefinite article or a describing
        word of its own ("a girl in a light blue top", "against a blue background")."""
        phrase = prepositional(self.vocab, graph, word)
        if phrase is None or phrase[0].lower in self.settings.part_prepositions:
            return False
        describing = self.settings.describing_relations
        return not any(
            c.lower in self.settings.articles
            or (c.relation in describing and c.index < word.index
                and not self.vocab.has(c, ("locations", "idle_adverbs", "quantifiers")))
            for c in graph.children(word))

    def _quoted(self, graph: DependencyGraph, word: Word) -> bool:
        """A word standing alone between quotation marks."""
        quotes = self.vocab.labels.quotes
        if not quotes or word.index == 0:
            return False
        after = graph.next(word)
        return (graph[word.index - 1].tag in quotes and after is not None
                and after.tag in quotes)

    def _undescribed_part(self, graph: DependencyGraph, word: Word) -> bool:
        """A part named through its whole, with no description of its own ("his paws", "the
        grill of a car", "a chef's hands"), is drawn with its whole; "a cat with blue eyes"
        has described eyes; as a subject it may be described by its predicate ("its towers
        are tall"); and the aspect it is the "of" object of passes its describing words on
        ("the soft texture of the cat's fur": soft -> fur)."""
        children = graph.children(word)
        # (an "of" phrase of colours names no whole: "a flag with stripes of red and yellow")
        objects = of_objects(self.vocab, graph, word, self.settings.of_phrase_relations)
        whole = (self._of_phrase(graph, word) and not (
            objects and all(self.vocab.is_color(o) for o in objects))) or any(
            c.relation == self.vocab.labels.possessive for c in children)
        labels = self.vocab.labels
        described = self.settings.describing_relations
        head = graph.head(word)
        aspect = graph.head(head) if head is not None and self.vocab.has(head, ("of",)) else None
        if aspect is not None and self.vocab.has(aspect, ("aspects",)) and any(
                c.relation in described for c in graph.children(aspect)):
            return False
        if (head is not None and word.relation == labels.object
                and self.settings.predicative_relations and any(
                    c.relation in self.settings.predicative_relations and c.index > word.index
                    for c in graph.children(head))):
            return False  # "dyes her hair pink": described by the verb's complement
        return (whole and word.relation not in self._subjects
                and not any(c.relation in described or c.pos == "NUM"
                            # "with her hair dyed purple": a participle without an object
                            # describes the part too ("a chef's hands kneading dough" do not)
                            or (c.relation == labels.participle and not any(
                                g.relation == labels.object for g in graph.dependents(c)))
                            for c in children))


def _counted(graph: DependencyGraph, word: Word) -> bool:
    """Whether a numeral counts the word ("three paintings"; "8k" is a resolution and the 35
    of "35mm photograph" a lens)."""
    text = graph.text
    return any(c.pos == "NUM" and c.index < word.index and not _code(c.text)
               and text[c.end:c.end + 1].isspace()
               and (c.start == 0 or text[c.start - 1].isspace() or text[c.start - 1] in "(,")
               for c in graph.children(word))


def _code(text: str) -> bool:
    """Letters and digits in one word: a lens, setting or model number ("f1.8", "XT3")."""
    return any(map(str.isdigit, text)) and any(map(str.isalpha, text))
