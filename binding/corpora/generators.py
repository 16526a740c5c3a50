"""Generated corpora whose gold comes from their templates: SynGen's DVMP and Attend-and-Excite.

Word lists and construction follow the papers (see METHODS.md); generation is seeded, so a
corpus name always means the same prompts.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from binding.corpora.gold import GoldEntity, GoldModifier, GoldPrompt

ANIMALS = ("cat dog bird bear lion horse elephant monkey frog turtle rabbit mouse panda zebra "
           "gorilla penguin").split()
FRUIT = "apple tomato banana strawberry".split()
OBJECTS = ("backpack crown suitcase chair balloon bow car bowl bench clock camera umbrella guitar "
           "shoe hat surfboard skateboard bicycle").split()
COLOURS = "red orange yellow green blue purple pink brown gray black white beige teal".split()
MODIFIERS = {
    "animal": "furry baby spotted sleepy".split(),
    "object": "modern spotted wooden metal curved spiky checkered".split(),
    "fruit": "sliced skewered".split(),
}
# DVMP modifiers that are nouns before the head noun ("a baby rabbit", "a metal bench")
NOUN_MODIFIERS = {"baby", "metal"}


@dataclass
class _Phrase:
    """One noun phrase under construction: words (modifier, kind) then the noun."""

    modifiers: list[tuple[str, str]]
    noun: str


def _assemble(id: str, phrases: list[_Phrase]) -> GoldPrompt:
    """Join phrases with " and ", choosing a/an, and compute every span."""
    text = ""
    entities = []
    for n, phrase in enumerate(phrases):
        if n:
            text += " and "
        first = phrase.modifiers[0][0] if phrase.modifiers else phrase.noun
        text += ("an " if first[0] in "aeiou" else "a ")
        modifiers = []
        for word, kind in phrase.modifiers:
            modifiers.append(GoldModifier(text=word, span=(len(text), len(text) + len(word)),
                                          kind=kind))  # type: ignore[arg-type]
            text += word + " "
        entities.append(GoldEntity(text=phrase.noun, span=(len(text), len(text) + len(phrase.noun)),
                                   modifiers=modifiers))
        text += phrase.noun
    return GoldPrompt(id=id, prompt=text, entities=entities, relations=[])


def dvmp(n: int = 500, seed: int = 0) -> list[GoldPrompt]:
    """SynGen's DVMP: 1-3 phrases; a category, 0-2 of its modifiers (fruit 0-1), a colour
    prepended with probability 1/3; phrases without any modifier are drawn again."""
    rng = random.Random(seed)
    prompts = []
    for i in range(n):
        phrases = []
        for _ in range(rng.randint(1, 3)):
            while True:
                category = rng.choice(["animal", "fruit", "object"])
                noun = rng.choice({"animal": ANIMALS, "fruit": FRUIT, "object": OBJECTS}[category])
                count = rng.randint(0, 1 if category == "fruit" else 2)
                words = rng.sample(MODIFIERS[category], count)
                modifiers = [(w, "compound" if w in NOUN_MODIFIERS else "attribute")
                             for w in words]
                if rng.random() < 1 / 3:
                    modifiers.insert(0, (rng.choice(COLOURS), "attribute"))
                if modifiers:
                    break
            phrases.append(_Phrase(modifiers, noun))
        prompts.append(_assemble(f"dvmp-{i + 1:04d}", phrases))
    return prompts


AE_ANIMALS = "cat dog bird bear lion horse elephant monkey frog turtle rabbit mouse".split()
AE_OBJECTS = ("backpack crown suitcase chair balloon bow car bowl bench clock camera "
              "umbrella").split()
AE_COLOURS = "red orange yellow green blue purple pink brown gray black white".split()


def attend_excite(seed: int = 0) -> list[GoldPrompt]:
    """Attend-and-Excite's three templates: 66 animal pairs, 144 animal + coloured object,
    66 coloured object pairs (276 prompts; colours drawn with a fixed seed)."""
    rng = random.Random(seed)
    prompts: list[GoldPrompt] = []

    def add(phrases: list[_Phrase]) -> None:
        prompts.append(_assemble(f"ae-{len(prompts) + 1:03d}", phrases))

    for a, b in itertools.combinations(AE_ANIMALS, 2):
        add([_Phrase([], a), _Phrase([], b)])
    for a, o in itertools.product(AE_ANIMALS, AE_OBJECTS):
        add([_Phrase([], a), _Phrase([(rng.choice(AE_COLOURS), "attribute")], o)])
    for o1, o2 in itertools.combinations(AE_OBJECTS, 2):
        c1, c2 = rng.sample(AE_COLOURS, 2)
        add([_Phrase([(c1, "attribute")], o1), _Phrase([(c2, "attribute")], o2)])
    return prompts
