"""Every bundled repair on a hand-built graph of the parse error it mends: before -> after.

Each case is the garbled parse a small model gives (written out by hand, so no parser runs
here), the repair as the default grammar configures it, and exactly the words it must change;
every other word must come back as it was.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from binding.grammars import load_grammar
from binding.grammars.repairs import repair_names
from binding.graph import DependencyGraph, Word

Row = tuple[str, str, str, str, int | None]  # text, POS, tag, relation, head


def graph(text: str, rows: list[Row]) -> DependencyGraph:
    words, cursor = [], 0
    for i, (form, pos, tag, relation, head) in enumerate(rows):
        start = text.index(form, cursor)
        cursor = start + len(form)
        words.append(Word(index=i, text=form, start=start, end=cursor, pos=pos,
                          relation=relation, head=head, lemma=form.lower(), tag=tag))
    return DependencyGraph(text=text, words=words, scheme="clearnlp")


D = ("DET", "DT", "det")
ROOT = "ROOT"

# repair -> (prompt, parse, {word index: {field: value after the repair}})
CASES: dict[str, tuple[str, list[Row], dict[int, dict[str, object]]]] = {
    "markup": ("a cat <lora:style:0.6> BREAK", [
        ("a", *D, 1), ("cat", "NOUN", "NN", ROOT, None), ("<", "X", "ADD", "punct", 1),
        ("lora", "PROPN", "NNP", "appos", 1), (":", "PUNCT", ":", "punct", 3),
        ("style:0.6", "PROPN", "NNP", "appos", 3), (">", "PROPN", "NNP", "appos", 3),
        ("BREAK", "PROPN", "NNP", "appos", 1)],
        {3: {"pos": "X"}, 5: {"pos": "X"}, 6: {"pos": "X"}, 7: {"pos": "X"}}),
    "false_plurals": ("cozy ramen shop at night", [
        ("cozy", "ADJ", "JJ", "amod", 1), ("ramen", "NOUN", "NNS", "nsubj", 2),
        ("shop", "VERB", "VBP", ROOT, None), ("at", "ADP", "IN", "prep", 2),
        ("night", "NOUN", "NN", "pobj", 3)],
        {1: {"tag": "NN"}}),
    "colour_complements": ("a fire hydrant painted blue and white sits on the sidewalk", [
        ("a", *D, 4), ("fire", "NOUN", "NN", "npadvmod", 3), ("hydrant", "NOUN", "NN", "advmod", 3),
        ("painted", "VERB", "VBN", "amod", 4), ("blue", "ADJ", "JJ", "nsubj", 7),
        ("and", "CCONJ", "CC", "cc", 4), ("white", "ADJ", "JJ", "conj", 4),
        ("sits", "VERB", "VBZ", ROOT, None), ("on", "ADP", "IN", "prep", 7), ("the", *D, 10),
        ("sidewalk", "NOUN", "NN", "pobj", 8)],
        {0: {"head": 2}, 1: {"head": 2, "relation": "compound"},
         2: {"head": 7, "relation": "nsubj"}, 3: {"head": 2, "relation": "acl"},
         4: {"head": 3, "relation": "oprd"}, 6: {"head": 4, "relation": "conj"}}),
    "describing_parts": ("a castle built on a hill, dark and ominous", [
        ("a", *D, 1), ("castle", "NOUN", "NN", ROOT, None), ("built", "VERB", "VBN", "acl", 1),
        ("on", "ADP", "IN", "prep", 2), ("a", *D, 5), ("hill", "NOUN", "NN", "pobj", 3),
        (",", "PUNCT", ",", "punct", 5), ("dark", "ADJ", "JJ", "conj", 5),
        ("and", "CCONJ", "CC", "cc", 7), ("ominous", "ADJ", "JJ", "conj", 7)],
        {7: {"head": 1, "relation": "amod"}}),
    "resultative_colours": ("a man painting a fence bright yellow", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("painting", "VERB", "VBG", "acl", 1),
        ("a", *D, 6), ("fence", "NOUN", "NN", "nmod", 6), ("bright", "ADJ", "JJ", "amod", 6),
        ("yellow", "NOUN", "NN", "dobj", 2)],
        {3: {"head": 4}, 4: {"head": 2, "relation": "dobj"},
         6: {"relation": "oprd", "pos": "ADJ", "tag": "JJ"}}),
    "tag_participles": ("girl, solo, sitting, smiling, looking at viewer", [
        ("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 2),
        ("sitting", "VERB", "VBG", "conj", 2), (",", "PUNCT", ",", "punct", 4),
        ("smiling", "VERB", "VBG", "conj", 4), (",", "PUNCT", ",", "punct", 6),
        ("looking", "VERB", "VBG", "conj", 6), ("at", "ADP", "IN", "prep", 8),
        ("viewer", "NOUN", "NN", "pobj", 9)],
        {4: {"head": 0, "relation": "acl"}, 6: {"head": 0, "relation": "acl"},
         8: {"head": 0, "relation": "acl"}}),
    "comparisons": ("roses red as blood in a vase", [
        ("roses", "NOUN", "NNS", "nsubj", 1), ("red", "ADJ", "JJ", ROOT, None),
        ("as", "ADP", "IN", "prep", 1), ("blood", "NOUN", "NN", "pobj", 2),
        ("in", "ADP", "IN", "prep", 1), ("a", *D, 6), ("vase", "NOUN", "NN", "pobj", 4)],
        {0: {"head": None, "relation": ROOT}, 1: {"head": 0, "relation": "amod"},
         4: {"head": 0}}),
    "worn_nouns_read_as_verbs": ("a man in a suit and tie standing", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("a", *D, 4), ("suit", "NOUN", "NN", "pobj", 2), ("and", "CCONJ", "CC", "cc", 1),
        ("tie", "VERB", "VB", "conj", 1), ("standing", "VERB", "VBG", "dobj", 6)],
        {5: {"head": 4}, 6: {"pos": "NOUN", "tag": "NN", "head": 4},
         7: {"head": 1, "relation": "acl"}}),
    "quoted_text": ("a storefront with ' Deep Learning ' written on it", [
        ("a", *D, 1), ("storefront", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("'", "PUNCT", "``", "punct", 2), ("Deep", "PROPN", "NNP", "compound", 5),
        ("Learning", "PROPN", "NNP", "pobj", 2), ("'", "PUNCT", "''", "punct", 5),
        ("written", "VERB", "VBN", "acl", 1), ("on", "ADP", "IN", "prep", 7),
        ("it", "PRON", "PRP", "pobj", 8)],
        {4: {"pos": "X"}, 5: {"pos": "X", "relation": "dep"}, 7: {"head": 5}}),
    "decades": ("vintage 1960s camper van", [
        ("vintage", "NOUN", "NN", "amod", 3), ("1960s", "NOUN", "NNS", "nummod", 0),
        ("camper", "NOUN", "NN", "compound", 3), ("van", "NOUN", "NN", ROOT, None)],
        {1: {"pos": "ADJ", "tag": "JJ", "relation": "amod"}}),
    "parentheticals": ("a lamp (brass, tall)", [
        ("a", *D, 1), ("lamp", "NOUN", "NN", ROOT, None), ("(", "PUNCT", "-LRB-", "punct", 3),
        ("brass", "NOUN", "NN", "appos", 1), (",", "PUNCT", ",", "punct", 3),
        ("tall", "ADJ", "JJ", "amod", 3), (")", "PUNCT", "-RRB-", "punct", 3)],
        {2: {"head": 1}, 3: {"relation": "amod"}, 4: {"head": 1}, 5: {"head": 1},
         6: {"head": 1}}),
    "absolute_participles": ("a toilet with a white lid sitting", [
        ("a", *D, 1), ("toilet", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 5), ("white", "ADJ", "JJ", "amod", 5), ("lid", "NOUN", "NN", "nsubj", 6),
        ("sitting", "VERB", "VBG", "pcomp", 2)],
        {5: {"head": 2, "relation": "pobj"}, 6: {"head": 5, "relation": "acl"}}),
    "comma_heads": ("waterfall, ink wash", [
        ("waterfall", "NOUN", "NN", "compound", 3), (",", "PUNCT", ",", "punct", 3),
        ("ink", "NOUN", "NN", "compound", 3), ("wash", "NOUN", "NN", ROOT, None)],
        {0: {"relation": "appos"}}),
    "symbols": ("a lily pad 🌿 on a pond", [
        ("a", *D, 3), ("lily", "ADJ", "JJ", "amod", 3), ("pad", "NOUN", "NN", "compound", 3),
        ("🌿", "NOUN", "NN", ROOT, None), ("on", "ADP", "IN", "prep", 3), ("a", *D, 6),
        ("pond", "NOUN", "NN", "pobj", 4)],
        {0: {"head": 2}, 1: {"head": 2}, 2: {"head": None, "relation": ROOT},
         3: {"head": 2, "relation": "punct", "pos": "SYM"}, 4: {"head": 2}}),
    "repeated_nouns": ("bubbling liquid, green liquid", [
        ("bubbling", "VERB", "VBG", ROOT, None), ("liquid", "ADJ", "JJ", "amod", 4),
        (",", "PUNCT", ",", "punct", 4), ("green", "ADJ", "JJ", "amod", 4),
        ("liquid", "NOUN", "NN", "dobj", 0)],
        {1: {"pos": "NOUN", "tag": "NN", "relation": "appos"}}),
    "stranded_prepositions": ("a duck is flying over some water", [
        ("a", *D, 1), ("duck", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
        ("flying", "VERB", "VBG", ROOT, None), ("over", "ADP", "IN", "prep", 3),
        ("some", *D, 6), ("water", "NOUN", "NN", "dobj", 3)],
        {6: {"head": 4, "relation": "pobj"}}),
    "participles_read_as_objects": ("a surfer dressed in black riding a white surfboard", [
        ("a", *D, 1), ("surfer", "NOUN", "NN", ROOT, None), ("dressed", "VERB", "VBN", "acl", 1),
        ("in", "ADP", "IN", "prep", 2), ("black", "ADJ", "JJ", "amod", 5),
        ("riding", "NOUN", "NN", "pobj", 3), ("a", *D, 8), ("white", "ADJ", "JJ", "amod", 8),
        ("surfboard", "NOUN", "NN", "dobj", 5)],
        {4: {"head": 3, "relation": "pobj"},
         5: {"head": 1, "relation": "acl", "pos": "VERB", "tag": "VBG"}}),
    "verbs_read_as_nouns": ("a brown dog crouches by a bag", [
        ("a", *D, 3), ("brown", "ADJ", "JJ", "amod", 3), ("dog", "NOUN", "NN", "compound", 3),
        ("crouches", "NOUN", "NNS", ROOT, None), ("by", "ADP", "IN", "prep", 3), ("a", *D, 6),
        ("bag", "NOUN", "NN", "pobj", 4)],
        {0: {"head": 2}, 1: {"head": 2}, 2: {"relation": "nsubj"},
         3: {"pos": "VERB", "tag": "VBZ"}}),
    "verbs_by_agreement": ("a yellow bus waits at the corner", [
        ("a", *D, 3), ("yellow", "ADJ", "JJ", "amod", 3), ("bus", "NOUN", "NN", "compound", 3),
        ("waits", "NOUN", "NNS", ROOT, None), ("at", "ADP", "IN", "prep", 3), ("the", *D, 6),
        ("corner", "NOUN", "NN", "pobj", 4)],
        {0: {"head": 2}, 1: {"head": 2}, 2: {"relation": "nsubj"},
         3: {"pos": "VERB", "tag": "VBZ"}}),
    "verbs_of_verbless_clauses": ("a city, maglev trains glide on tracks", [
        ("a", *D, 1), ("city", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("maglev", "NOUN", "NN", "compound", 5), ("trains", "NOUN", "NNS", "compound", 5),
        ("glide", "NOUN", "NN", "appos", 1), ("on", "ADP", "IN", "prep", 5),
        ("tracks", "NOUN", "NNS", "pobj", 6)],
        {3: {"head": 4}, 4: {"relation": "nsubj"},
         5: {"pos": "VERB", "tag": "VBP", "relation": "conj"}}),
    "verbless_sentences": ("The metallic frame of the building glides over the fence", [
        ("The", *D, 2), ("metallic", "ADJ", "JJ", "amod", 2), ("frame", "NOUN", "NN", ROOT, None),
        ("of", "ADP", "IN", "prep", 2), ("the", *D, 6), ("building", "NOUN", "NN", "compound", 6),
        ("glides", "NOUN", "NNS", "pobj", 3), ("over", "ADP", "IN", "prep", 2), ("the", *D, 9),
        ("fence", "NOUN", "NN", "pobj", 7)],
        {2: {"head": 6, "relation": "nsubj"}, 4: {"head": 5}, 5: {"head": 3, "relation": "pobj"},
         6: {"pos": "VERB", "tag": "VBZ", "head": None, "relation": ROOT}, 7: {"head": 6}}),
    "coordinated_gerunds": ("a child is running through a sprinkler and laughing.", [
        ("a", *D, 1), ("child", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
        ("running", "VERB", "VBG", ROOT, None), ("through", "ADP", "IN", "prep", 3),
        ("a", *D, 6), ("sprinkler", "NOUN", "NN", "pobj", 4), ("and", "CCONJ", "CC", "cc", 6),
        ("laughing", "NOUN", "NN", "conj", 6), (".", "PUNCT", ".", "punct", 3)],
        {8: {"pos": "VERB", "tag": "VBG", "head": 3}}),
    "activity_compounds": ("a person is rock climbing.", [
        ("a", *D, 1), ("person", "NOUN", "NN", "nsubj", 2), ("is", "AUX", "VBZ", ROOT, None),
        ("rock", "NOUN", "NN", "compound", 4), ("climbing", "VERB", "VBG", "attr", 2),
        (".", "PUNCT", ".", "punct", 2)],
        {1: {"head": 4}, 2: {"head": 4, "relation": "aux"}, 4: {"head": None, "relation": ROOT},
         5: {"head": 4}}),
    "style_names": ("a city, dark fantasy, low poly", [
        ("a", *D, 1), ("city", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("dark", "ADJ", "JJ", "amod", 4), ("fantasy", "NOUN", "NN", "conj", 1),
        (",", "PUNCT", ",", "punct", 4), ("low", "ADJ", "JJ", "amod", 7),
        ("poly", "ADJ", "JJ", "amod", 1)],
        {3: {"relation": "compound"}, 4: {"relation": "dep"}, 6: {"relation": "compound"},
         7: {"relation": "dep"}}),
    "tag_objects": ("girl, holding tray, teacup, smile", [
        ("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("holding", "VERB", "VBG", "amod", 3), ("tray", "NOUN", "NN", "appos", 0),
        (",", "PUNCT", ",", "punct", 3), ("teacup", "NOUN", "NN", "conj", 3),
        (",", "PUNCT", ",", "punct", 5), ("smile", "NOUN", "NN", "conj", 5)],
        {2: {"head": 0, "relation": "appos"}, 3: {"head": 2, "relation": "dobj"},
         4: {"head": 2}, 5: {"head": 2}}),
    "tag_plurals": ("barn, trees, crows on the fence, cherry blossoms", [
        ("barn", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("trees", "NOUN", "NNS", "nsubj", 4), (",", "PUNCT", ",", "punct", 2),
        ("crows", "VERB", "VBZ", "conj", 0), ("on", "ADP", "IN", "prep", 4),
        ("the", *D, 7), ("fence", "NOUN", "NN", "pobj", 5), (",", "PUNCT", ",", "punct", 4),
        ("cherry", "NOUN", "NN", "nsubj", 10), ("blossoms", "VERB", "VBZ", "conj", 4)],
        {2: {"relation": "conj"}, 4: {"pos": "NOUN", "tag": "NNS"},
         9: {"relation": "compound"}, 10: {"pos": "NOUN", "tag": "NNS"}}),
    "tag_adjectives": ("girl, knight, armor, determined, smoke, epic", [
        ("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("knight", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 2),
        ("armor", "NOUN", "NN", "conj", 2), (",", "PUNCT", ",", "punct", 4),
        ("determined", "ADJ", "JJ", "amod", 4), (",", "PUNCT", ",", "punct", 8),
        ("smoke", "NOUN", "NN", "conj", 4), (",", "PUNCT", ",", "punct", 8),
        ("epic", "ADJ", "JJ", "amod", 8)],
        {6: {"head": 0}, 10: {"relation": "dep"}}),
    "tag_subjects": ("a jellyfish, glow, people looking up", [
        ("a", *D, 1), ("jellyfish", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("glow", "NOUN", "NN", "appos", 1), (",", "PUNCT", ",", "punct", 3),
        ("people", "NOUN", "NNS", "nsubj", 6), ("looking", "VERB", "VBG", "acl", 1),
        ("up", "ADP", "RP", "prt", 6)],
        {5: {"head": 1, "relation": "acl"}, 6: {"head": 5, "relation": "acl"}}),
    "colour_lists": ("necklaces in red, white and blue, large earrings hang", [
        ("necklaces", "NOUN", "NNS", ROOT, None), ("in", "ADP", "IN", "prep", 0),
        ("red", "ADJ", "JJ", "amod", 9), (",", "PUNCT", ",", "punct", 2),
        ("white", "ADJ", "JJ", "conj", 2), ("and", "CCONJ", "CC", "cc", 4),
        ("blue", "ADJ", "JJ", "conj", 4), (",", "PUNCT", ",", "punct", 9),
        ("large", "ADJ", "JJ", "amod", 9), ("earrings", "NOUN", "NNS", "pobj", 1),
        ("hang", "VERB", "VBP", "conj", 0)],
        {2: {"head": 1, "relation": "pobj"}, 4: {"head": 2}, 5: {"head": 2},
         6: {"head": 2}, 9: {"head": 0, "relation": "dep"}}),
    "versus": ("epic samurai vs robot battle", [
        ("epic", "PROPN", "NNP", "nmod", 4), ("samurai", "PROPN", "NNP", "nmod", 4),
        ("vs", "ADP", "IN", "nmod", 4), ("robot", "NOUN", "NN", "compound", 4),
        ("battle", "NOUN", "NN", ROOT, None)],
        {1: {"relation": "dep"}, 2: {"head": 1, "relation": "cc"},
         3: {"head": 1, "relation": "conj"}}),
    "likeness_participles": ("a silhouette of a woman dancing", [
        ("a", *D, 1), ("silhouette", "NOUN", "NN", ROOT, None), ("of", "ADP", "IN", "prep", 1),
        ("a", *D, 4), ("woman", "NOUN", "NN", "pobj", 2), ("dancing", "VERB", "VBG", "acl", 1)],
        {5: {"head": 4}}),
    "subject_participles": ("portrait of a leopard resting on a ledge, its eyes x stare", [
        ("portrait", "NOUN", "NN", "nsubj", 4), ("of", "ADP", "IN", "prep", 0), ("a", *D, 3),
        ("leopard", "NOUN", "NN", "pobj", 1), ("resting", "VERB", "VBG", "advcl", 12),
        ("on", "ADP", "IN", "prep", 4), ("a", *D, 7), ("ledge", "NOUN", "NN", "pobj", 5),
        (",", "PUNCT", ",", "punct", 12), ("its", "PRON", "PRP$", "poss", 10),
        ("eyes", "NOUN", "NNS", "nsubj", 12), ("x", "X", "XX", "dep", 12),
        ("stare", "VERB", "VBP", ROOT, None)],
        {0: {"head": 12, "relation": "advcl"}, 4: {"head": 0, "relation": "acl"}}),
    "worn_conjuncts": ("a person in purple pants and a black shirt standing", [
        ("a", *D, 1), ("person", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("purple", "ADJ", "JJ", "amod", 4), ("pants", "NOUN", "NNS", "pobj", 2),
        ("and", "CCONJ", "CC", "cc", 1), ("a", *D, 8), ("black", "ADJ", "JJ", "amod", 8),
        ("shirt", "NOUN", "NN", "conj", 1), ("standing", "VERB", "VBG", "acl", 8)],
        {5: {"head": 4}, 8: {"head": 4}}),
    "subjects_read_as_verbs": ("reflections shimmer on the cobblestones", [
        ("reflections", "VERB", "VBZ", ROOT, None), ("shimmer", "NOUN", "NN", "dobj", 0),
        ("on", "ADP", "IN", "prep", 0), ("the", *D, 4),
        ("cobblestones", "NOUN", "NNS", "pobj", 2)],
        {0: {"pos": "NOUN", "tag": "NNS", "head": 1, "relation": "nsubj"},
         1: {"pos": "VERB", "tag": "VBP", "head": None, "relation": ROOT}, 2: {"head": 1}}),
    "verbs_of_collectives": ("a flock of white birds circles overhead", [
        ("a", *D, 1), ("flock", "NOUN", "NN", ROOT, None), ("of", "ADP", "IN", "prep", 1),
        ("white", "ADJ", "JJ", "amod", 4), ("birds", "NOUN", "NNS", "compound", 5),
        ("circles", "NOUN", "NNS", "pobj", 2), ("overhead", "ADV", "RB", "advmod", 1)],
        {1: {"head": 5, "relation": "nsubj"}, 4: {"head": 2, "relation": "pobj"},
         5: {"head": None, "relation": ROOT, "pos": "VERB", "tag": "VBZ"}}),
    "verbs_read_as_compounds": ("the dragon breathes fire", [
        ("the", *D, 1), ("dragon", "NOUN", "NN", "nsubj", 2),
        ("breathes", "VERB", "VBZ", "compound", 3), ("fire", "NOUN", "NN", ROOT, None)],
        {2: {"head": None, "relation": ROOT}, 3: {"head": 2, "relation": "dobj"}}),
    "nouns_read_as_verbs": ("sandwiches and lemonade", [
        ("sandwiches", "NOUN", "NNS", ROOT, None), ("and", "CCONJ", "CC", "cc", 0),
        ("lemonade", "VERB", "VB", "conj", 0)],
        {2: {"pos": "NOUN", "tag": "NN"}}),
    "nouns_read_as_adverbs": ("1boy, tattoo artist", [
        ("1boy", "PROPN", "NNP", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("tattoo", "ADV", "RB", "advmod", 3), ("artist", "NOUN", "NN", "appos", 0)],
        {2: {"pos": "NOUN", "tag": "NN", "relation": "compound"}}),
    "adverbs_read_as_nouns": ("a mop lying sideways", [
        ("a", *D, 1), ("mop", "NOUN", "NN", ROOT, None), ("lying", "VERB", "VBG", "acl", 1),
        ("sideways", "NOUN", "NNS", "dobj", 2)],
        {3: {"pos": "ADV", "tag": "RB", "relation": "advmod"}}),
    "gerund_participles": ("a street with glowing windows", [
        ("a", *D, 1), ("street", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("glowing", "VERB", "VBG", "pcomp", 2), ("windows", "NOUN", "NNS", "dobj", 3)],
        {3: {"head": 4, "relation": "amod"}, 4: {"head": 2, "relation": "pobj"}}),
    "participles_before_commas": ("The twisting, winding roads were steep", [
        ("The", *D, 1), ("twisting", "NOUN", "NN", "nsubj", 5), (",", "PUNCT", ",", "punct", 5),
        ("winding", "VERB", "VBG", "amod", 4), ("roads", "NOUN", "NNS", "nsubj", 5),
        ("were", "AUX", "VBD", ROOT, None), ("steep", "ADJ", "JJ", "acomp", 5)],
        {0: {"head": 4}, 1: {"head": 4, "relation": "amod", "pos": "VERB", "tag": "VBG"}}),
    "prenominal_past_participles": ("a table, scattered crumbs", [
        ("a", *D, 1), ("table", "NOUN", "NN", "nsubj", 3), (",", "PUNCT", ",", "punct", 1),
        ("scattered", "VERB", "VBN", ROOT, None), ("crumbs", "NOUN", "NNS", "dobj", 3)],
        {1: {"head": None, "relation": ROOT}, 3: {"head": 4, "relation": "amod"},
         4: {"head": 1, "relation": "appos"}}),
    "comma_clauses": ("a woman reads, a cat curled on a rug", [
        ("a", *D, 1), ("woman", "NOUN", "NN", "nsubj", 2), ("reads", "VERB", "VBZ", "ccomp", 6),
        (",", "PUNCT", ",", "punct", 6), ("a", *D, 5), ("cat", "NOUN", "NN", "nsubj", 6),
        ("curled", "VERB", "VBD", ROOT, None), ("on", "ADP", "IN", "prep", 6), ("a", *D, 9),
        ("rug", "NOUN", "NN", "pobj", 7)],
        {2: {"relation": "parataxis"}}),
    "absolute_phrases": ("a cat sleeps with its mouth open", [
        ("a", *D, 1), ("cat", "NOUN", "NN", "nsubj", 2), ("sleeps", "VERB", "VBZ", ROOT, None),
        ("with", "ADP", "IN", "prep", 2), ("its", "PRON", "PRP$", "poss", 5),
        ("mouth", "NOUN", "NN", "pobj", 3), ("open", "ADJ", "JJ", "conj", 2)],
        {6: {"head": 5, "relation": "amod"}}),
    "posture_participles": ("a robot sits slumped", [
        ("a", *D, 1), ("robot", "NOUN", "NN", "nsubj", 2), ("sits", "AUX", "VBZ", "auxpass", 3),
        ("slumped", "VERB", "VBN", ROOT, None)],
        {2: {"head": None, "relation": ROOT, "pos": "VERB"},
         3: {"head": 2, "relation": "advcl"}}),
    "materials_read_as_verbs": ("metal tables and wicker chairs", [
        ("metal", "NOUN", "NN", "compound", 1), ("tables", "NOUN", "NNS", ROOT, None),
        ("and", "CCONJ", "CC", "cc", 1), ("wicker", "VERB", "VB", "conj", 1),
        ("chairs", "NOUN", "NNS", "dobj", 3)],
        {3: {"pos": "NOUN", "tag": "NN", "head": 4, "relation": "compound"},
         4: {"head": 1, "relation": "conj"}}),
    "possessive_classifiers": ("a small child's table", [
        ("a", *D, 2), ("small", "ADJ", "JJ", "amod", 2), ("child", "NOUN", "NN", "poss", 4),
        ("'s", "PART", "POS", "case", 2), ("table", "NOUN", "NN", ROOT, None)],
        {0: {"head": 4}, 1: {"head": 4}, 2: {"relation": "compound"}}),
    "comma_subjects": ("a lake, a heron stands", [
        ("a", *D, 1), ("lake", "NOUN", "NN", "nsubj", 5), (",", "PUNCT", ",", "punct", 5),
        ("a", *D, 4), ("heron", "NOUN", "NN", "nsubj", 5), ("stands", "VERB", "VBZ", ROOT, None)],
        {1: {"relation": "dep"}}),
    "adjectives_read_as_nouns": ("a heron stands motionless in the reeds", [
        ("a", *D, 1), ("heron", "NOUN", "NN", "nsubj", 2), ("stands", "VERB", "VBZ", ROOT, None),
        ("motionless", "NOUN", "NN", "dobj", 2), ("in", "ADP", "IN", "prep", 3), ("the", *D, 6),
        ("reeds", "NOUN", "NNS", "pobj", 4)],
        {3: {"pos": "ADJ", "tag": "JJ", "relation": "acomp"}}),
    "participles_read_as_modifiers": ("a boy holding red balloons", [
        ("a", *D, 4), ("boy", "NOUN", "NN", "npadvmod", 2), ("holding", "VERB", "VBG", "amod", 4),
        ("red", "ADJ", "JJ", "amod", 4), ("balloons", "NOUN", "NNS", ROOT, None)],
        {0: {"head": 1}, 1: {"head": None, "relation": ROOT},
         2: {"head": 1, "relation": "acl"}, 4: {"head": 2, "relation": "dobj"}}),
    "partitions": ("two chairs one blue and one pink", [
        ("two", "NUM", "CD", "nummod", 1), ("chairs", "NOUN", "NNS", ROOT, None),
        ("one", "NUM", "CD", "nummod", 3), ("blue", "ADJ", "JJ", "oprd", 1),
        ("and", "CCONJ", "CC", "cc", 3), ("one", "NUM", "CD", "nummod", 6),
        ("pink", "ADJ", "JJ", "conj", 3)],
        {2: {"relation": "det"}, 3: {"relation": "amod"}, 5: {"relation": "det"},
         6: {"head": 1, "relation": "amod"}}),
    "modal_nouns": ("a green watering can sits by the door", [
        ("a", *D, 2), ("green", "ADJ", "JJ", "amod", 2), ("watering", "NOUN", "NN", "nsubj", 4),
        ("can", "AUX", "MD", "aux", 4), ("sits", "VERB", "VBZ", ROOT, None),
        ("by", "ADP", "IN", "prep", 4), ("the", *D, 7), ("door", "NOUN", "NN", "pobj", 5)],
        {3: {"pos": "NOUN", "tag": "NN", "head": 4, "relation": "nsubj"},
         2: {"head": 3, "relation": "compound"}, 0: {"head": 3}, 1: {"head": 3}}),
    "worn_colour_verbs": ("a man in black walks along the beach", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("black", "ADJ", "JJ", "amod", 4), ("walks", "NOUN", "NNS", "pobj", 2),
        ("along", "ADP", "IN", "prep", 1), ("the", *D, 7), ("beach", "NOUN", "NN", "pobj", 5)],
        {1: {"head": 4, "relation": "nsubj"}, 3: {"head": 2, "relation": "pobj"},
         4: {"pos": "VERB", "tag": "VBZ", "head": None, "relation": ROOT}, 5: {"head": 4}}),
    "part_state_tags": ("cat, ears back, tail down", [
        ("cat", "NOUN", "NN", "nsubj", 2), (",", "PUNCT", ",", "punct", 0),
        ("ears", "VERB", "VBZ", ROOT, None), ("back", "ADV", "RB", "advmod", 2),
        (",", "PUNCT", ",", "punct", 2), ("tail", "VERB", "VB", "npadvmod", 2),
        ("down", "ADP", "RP", "prt", 5)],
        {2: {"pos": "NOUN", "tag": "NNS"},
         3: {"pos": "ADJ", "tag": "JJ", "relation": "amod"},
         5: {"pos": "NOUN", "tag": "NN", "relation": "dep"},
         6: {"pos": "ADJ", "tag": "JJ", "relation": "amod"}}),
    "verbs_closing_plural_subjects": ("a man and a woman in a silk dress dance", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("and", "CCONJ", "CC", "cc", 1),
        ("a", *D, 4), ("woman", "NOUN", "NN", "conj", 1), ("in", "ADP", "IN", "prep", 4),
        ("a", *D, 9), ("silk", "NOUN", "NN", "compound", 9),
        ("dress", "NOUN", "NN", "compound", 9), ("dance", "NOUN", "NN", "pobj", 5)],
        {1: {"head": 9, "relation": "nsubj"}, 6: {"head": 8},
         7: {"head": 8},
         8: {"head": 5, "relation": "pobj"},
         9: {"pos": "VERB", "tag": "VBP", "head": None, "relation": ROOT}}),
    "closed_class_nouns": ("1boy, elf, fedora, on scaffolding", [
        ("1boy", "PROPN", "NNP", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("elf", "PRON", "PRP", "appos", 0), (",", "PUNCT", ",", "punct", 0),
        ("fedora", "X", "FW", "appos", 0), (",", "PUNCT", ",", "punct", 0),
        ("on", "ADP", "IN", "prep", 0), ("scaffolding", "VERB", "VBG", "pobj", 6)],
        {2: {"pos": "NOUN", "tag": "NN"}, 4: {"pos": "NOUN", "tag": "NN"},
         7: {"pos": "NOUN", "tag": "NN"}}),
    "tag_nouns": ("1girl, mermaid, long hair, castle on a hill", [
        ("1girl", "PROPN", "NNP", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("mermaid", "VERB", "VBD", "appos", 0), (",", "PUNCT", ",", "punct", 0),
        ("long", "ADJ", "JJ", "amod", 5), ("hair", "NOUN", "NN", "appos", 0),
        (",", "PUNCT", ",", "punct", 5), ("castle", "ADJ", "JJ", "amod", 5),
        ("on", "ADP", "IN", "prep", 7), ("a", *D, 10), ("hill", "NOUN", "NN", "pobj", 8)],
        {2: {"pos": "NOUN", "tag": "NN"},
         7: {"pos": "NOUN", "tag": "NN", "relation": "appos"}}),
    "partitive_pro_forms": ("one of its eyes glows amber", [
        ("one", "NUM", "CD", "nsubj", 4), ("of", "ADP", "IN", "prep", 0),
        ("its", "PRON", "PRP$", "poss", 3), ("eyes", "NOUN", "NNS", "pobj", 1),
        ("glows", "VERB", "VBZ", ROOT, None), ("amber", "ADJ", "JJ", "oprd", 4)],
        {0: {"head": 3, "relation": "det"}, 1: {"head": 3, "relation": "case"},
         3: {"head": 4, "relation": "nsubj"}}),
    "group_pro_forms": ("the mug and the teapot, both chipped", [
        ("the", *D, 1), ("mug", "NOUN", "NN", "nsubj", 7), ("and", "CCONJ", "CC", "cc", 1),
        ("the", *D, 4), ("teapot", "NOUN", "NN", "conj", 1), (",", "PUNCT", ",", "punct", 1),
        ("both", "PRON", "DT", "preconj", 7), ("chipped", "VERB", "VBN", ROOT, None)],
        {1: {"head": None, "relation": ROOT}, 6: {"head": 1, "relation": "appos"},
         7: {"head": 6, "relation": "acl"}}),
    "particle_states": ("a pot with the lid off sitting", [
        ("a", *D, 1), ("pot", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("the", *D, 4), ("lid", "NOUN", "NN", "pobj", 2), ("off", "ADP", "RP", "prep", 1),
        ("sitting", "VERB", "VBG", "pcomp", 5)],
        {5: {"head": 4, "relation": "advmod"}, 6: {"head": 1, "relation": "acl"}}),
    "unpunctuated_lists": ("a red mug white saucer", [
        ("a", *D, 4), ("red", "ADJ", "JJ", "amod", 4), ("mug", "PROPN", "NNP", "nmod", 4),
        ("white", "ADJ", "JJ", "compound", 4), ("saucer", "NOUN", "NN", ROOT, None)],
        {0: {"head": 2}, 1: {"head": 2}, 2: {"relation": "appos"}}),
    "noun_phrases": ("a fire hydrant next to a red rose", [
        ("a", *D, 1), ("fire", "NOUN", "NN", ROOT, None), ("hydrant", "ADV", "RB", "advmod", 1),
        ("next", "ADV", "RB", "advmod", 2), ("to", "ADP", "IN", "prep", 3), ("a", *D, 7),
        ("red", "ADJ", "JJ", "amod", 7), ("rose", "VERB", "VBD", "pobj", 4)],
        {0: {"head": 2}, 1: {"head": 2, "relation": "compound"},
         2: {"head": 2, "relation": ROOT, "pos": "NOUN"}, 7: {"pos": "NOUN"}}),
    "coordination": ("a red apple and yellow bananas", [
        ("a", *D, 5), ("red", "ADJ", "JJ", "amod", 2), ("apple", "NOUN", "NN", "nmod", 5),
        ("and", "CCONJ", "CC", "cc", 2), ("yellow", "ADJ", "JJ", "amod", 5),
        ("bananas", "NOUN", "NNS", ROOT, None)],
        {2: {"relation": "conj"}}),
    "coordinated_modifiers": ("a book, used and unused napkins", [
        ("a", *D, 1), ("book", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("used", "VERB", "VBN", "acl", 1), ("and", "CCONJ", "CC", "cc", 3),
        ("unused", "ADJ", "JJ", "amod", 6), ("napkins", "NOUN", "NNS", "conj", 3)],
        {3: {"head": 6, "relation": "amod"}, 6: {"head": 1, "relation": "conj"}}),
    "participle_heads": ("a zebra standing alone", [
        ("a", *D, 2), ("zebra", "NOUN", "NN", "compound", 2),
        ("standing", "NOUN", "NN", ROOT, None), ("alone", "ADV", "RB", "advmod", 2)],
        {0: {"head": 1}, 1: {"head": None, "relation": ROOT},
         2: {"head": 1, "relation": "acl", "pos": "VERB", "tag": "VBG"}}),
    "adjacent_participles": ("a train arriving and pigeons pecking at crumbs", [
        ("a", *D, 1), ("train", "NOUN", "NN", "nsubj", 2),
        ("arriving", "VERB", "VBG", ROOT, None), ("and", "CCONJ", "CC", "cc", 2),
        ("pigeons", "NOUN", "NNS", "conj", 2), ("pecking", "VERB", "VBG", "advcl", 2),
        ("at", "ADP", "IN", "prep", 5), ("crumbs", "NOUN", "NNS", "pobj", 6)],
        {5: {"head": 4, "relation": "acl"}}),
    "phrase_participles": ("a man in a red shirt standing next to a truck", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("a", *D, 5), ("red", "ADJ", "JJ", "amod", 5), ("shirt", "NOUN", "NN", "pobj", 2),
        ("standing", "VERB", "VBG", "acl", 5), ("next", "ADV", "RB", "advmod", 6),
        ("to", "ADP", "IN", "prep", 7), ("a", *D, 10), ("truck", "NOUN", "NN", "pobj", 8)],
        {6: {"head": 1}}),
    "predicative_objects": ("a plane painted white", [
        ("a", *D, 1), ("plane", "NOUN", "NN", "nsubj", 2), ("painted", "VERB", "VBD", ROOT, None),
        ("white", "ADJ", "JJ", "dobj", 2)],
        {3: {"relation": "oprd"}}),
    "caption_participles": ("a red bus stopped at a bus stop", [
        ("a", *D, 2), ("red", "ADJ", "JJ", "amod", 2), ("bus", "NOUN", "NN", "nsubj", 3),
        ("stopped", "VERB", "VBD", ROOT, None), ("at", "ADP", "IN", "prep", 3), ("a", *D, 7),
        ("bus", "NOUN", "NN", "compound", 7), ("stop", "NOUN", "NN", "pobj", 4)],
        {3: {"tag": "VBN"}}),
    "coordinated_participles": ("pancakes drizzled with syrup and topped with blueberries", [
        ("pancakes", "NOUN", "NNS", ROOT, None), ("drizzled", "VERB", "VBN", "acl", 0),
        ("with", "ADP", "IN", "prep", 1), ("syrup", "NOUN", "NN", "pobj", 2),
        ("and", "CCONJ", "CC", "cc", 0), ("topped", "VERB", "VBD", "conj", 0),
        ("with", "ADP", "IN", "prep", 5), ("blueberries", "NOUN", "NNS", "pobj", 6)],
        {4: {"head": 1}, 5: {"head": 1, "tag": "VBN"}}),
    "relative_clauses": ("roses that are red and tulips that are yellow", [
        ("roses", "NOUN", "NNS", ROOT, None), ("that", "PRON", "WDT", "nsubj", 2),
        ("are", "AUX", "VBP", "relcl", 0), ("red", "ADJ", "JJ", "acomp", 2),
        ("and", "CCONJ", "CC", "cc", 3), ("tulips", "NOUN", "NNS", "conj", 3),
        ("that", "PRON", "WDT", "nsubj", 7), ("are", "AUX", "VBP", "relcl", 0),
        ("yellow", "ADJ", "JJ", "acomp", 7)],
        {5: {"head": 0}, 7: {"head": 5}}),
    "subject_agreement": ("you can not see their heads and one is tall", [
        ("you", "PRON", "PRP", "nsubj", 3), ("can", "AUX", "MD", "aux", 3),
        ("not", "PART", "RB", "neg", 3), ("see", "VERB", "VB", ROOT, None),
        ("their", "PRON", "PRP$", "poss", 5), ("heads", "NOUN", "NNS", "nsubj", 8),
        ("and", "CCONJ", "CC", "cc", 5), ("one", "NOUN", "NN", "conj", 5),
        ("is", "AUX", "VBZ", "ccomp", 3), ("tall", "ADJ", "JJ", "acomp", 8)],
        {5: {"head": 3, "relation": "dobj"}, 6: {"head": 3},
         7: {"head": 8, "relation": "nsubj"}, 8: {"relation": "conj"}}),
    "plural_auxiliaries": ("a living room with two couches with pillows are standing by a table", [
        ("a", *D, 2), ("living", "NOUN", "NN", "compound", 2), ("room", "NOUN", "NN", "nsubj", 9),
        ("with", "ADP", "IN", "prep", 2), ("two", "NUM", "CD", "nummod", 5),
        ("couches", "NOUN", "NNS", "pobj", 3), ("with", "ADP", "IN", "prep", 5),
        ("pillows", "NOUN", "NNS", "pobj", 6), ("are", "AUX", "VBP", "aux", 9),
        ("standing", "VERB", "VBG", ROOT, None), ("by", "ADP", "IN", "prep", 9), ("a", *D, 12),
        ("table", "NOUN", "NN", "pobj", 10)],
        {2: {"head": None, "relation": ROOT}, 9: {"head": 5, "relation": "relcl"}}),
    "subjectless_clauses": ("the knight wears silver armor and the dragon is green", [
        ("the", *D, 1), ("knight", "NOUN", "NN", "nsubj", 2), ("wears", "VERB", "VBZ", ROOT, None),
        ("silver", "NOUN", "NN", "compound", 4), ("armor", "NOUN", "NN", "dobj", 2),
        ("and", "CCONJ", "CC", "cc", 2), ("the", *D, 7), ("dragon", "NOUN", "NN", "conj", 4),
        ("is", "AUX", "VBZ", "conj", 2), ("green", "ADJ", "JJ", "acomp", 8)],
        {7: {"head": 8, "relation": "nsubj"}}),
    "colour_phrases": ("a wall covered in neon signs in pink and blue", [
        ("a", *D, 1), ("wall", "NOUN", "NN", ROOT, None), ("covered", "VERB", "VBN", "acl", 1),
        ("in", "ADP", "IN", "prep", 2), ("neon", "NOUN", "NN", "compound", 5),
        ("signs", "NOUN", "NNS", "pobj", 3), ("in", "ADP", "IN", "prep", 2),
        ("pink", "ADJ", "JJ", "pobj", 6), ("and", "CCONJ", "CC", "cc", 7),
        ("blue", "ADJ", "JJ", "conj", 7)],
        {6: {"head": 5}}),
    "degree_adverbs": ("an astronaut walking toward a spacecraft half buried in the sand", [
        ("an", *D, 1), ("astronaut", "NOUN", "NN", ROOT, None),
        ("walking", "VERB", "VBG", "acl", 1), ("toward", "ADP", "IN", "prep", 2), ("a", *D, 5),
        ("spacecraft", "NOUN", "NN", "pobj", 3), ("half", "ADV", "RB", "appos", 1),
        ("buried", "VERB", "VBN", "acl", 6), ("in", "ADP", "IN", "prep", 7), ("the", *D, 10),
        ("sand", "NOUN", "NN", "pobj", 8)],
        {6: {"head": 7, "relation": "advmod"}, 7: {"head": 5}}),
    "wearer_conjuncts": ("a man wearing blue and a woman wearing green", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("wearing", "VERB", "VBG", "acl", 1),
        ("blue", "NOUN", "NN", "dobj", 2), ("and", "CCONJ", "CC", "cc", 3), ("a", *D, 6),
        ("woman", "NOUN", "NN", "conj", 3), ("wearing", "VERB", "VBG", "acl", 6),
        ("green", "ADJ", "JJ", "dobj", 7)],
        {4: {"head": 1}, 6: {"head": 1}}),
}

FIELDS = ("head", "relation", "pos", "tag")


def default_repair(name: str):
    grammar = load_grammar("en-clearnlp")
    step = next(s for s in grammar.repairs if s.name == name)
    return lambda g: step.repair(g, grammar.vocab)


def test_false_plurals_read_the_lemma_of_a_singular_and_leave_true_plurals_alone():
    """"ramen/NNS" (lemma "raman") is singular, its own lemma; "fishermen" and "men" are the
    plurals the tagger took them for."""
    repair = default_repair("false_plurals")
    ramen = Word(index=1, text="ramen", start=2, end=7, pos="NOUN", relation="pobj", head=0,
                 lemma="raman", tag="NNS")
    after = repair(DependencyGraph(text="a ramen", scheme="clearnlp", words=[
        Word(index=0, text="a", start=0, end=1, pos="DET", relation=ROOT, head=None,
             lemma="a", tag="DT"), ramen]))
    assert (after[1].tag, after[1].lemma) == ("NN", "ramen")
    rows = [("fishermen", "NOUN", "NNS", "nsubj", 2), ("and", "CCONJ", "CC", "cc", 0),
            ("men", "NOUN", "NNS", "conj", 0)]
    men = graph("fishermen and men", rows)
    assert repair(men) is men


def test_tag_subjects_hang_later_tags_on_the_noun_not_on_a_bare_participle():
    """"girl, hat, walking, smile, 50mm" parsed with walking the root, girl its subject and
    the later tags its conjunct and object: walking describes the girl, and the tags after it
    are tags of their own (50mm no object of walking); "bubbling liquid" keeps its words."""
    repair = default_repair("tag_subjects")
    rows = [("girl", "NOUN", "NN", "nsubj", 4), (",", "PUNCT", ",", "punct", 0),
            ("hat", "NOUN", "NN", "conj", 0), (",", "PUNCT", ",", "punct", 4),
            ("walking", "VERB", "VBG", ROOT, None), (",", "PUNCT", ",", "punct", 4),
            ("smile", "VERB", "VB", "conj", 4), (",", "PUNCT", ",", "punct", 4),
            ("50mm", "NOUN", "NN", "dobj", 4)]
    after = repair(graph("girl, hat, walking, smile, 50mm", rows))
    assert [(w.head, w.relation) for w in after] == [
        (None, ROOT), (0, "punct"), (0, "conj"), (0, "punct"), (0, "acl"), (0, "punct"),
        (0, "dep"), (0, "punct"), (0, "dep")]
    rows[5:] = [("liquid", "NOUN", "NN", "dobj", 4), (",", "PUNCT", ",", "punct", 4),
                ("smile", "VERB", "VB", "conj", 4)]
    liquid = repair(graph("girl, hat, walking liquid, smile", rows))
    assert [(w.head, w.relation) for w in liquid][5:] == [(4, "dobj"), (4, "punct"), (4, "conj")]


def test_tag_plurals_leave_clauses_alone():
    """A tag with an object or an articled subject is a clause: "a man holds a sword", "a dog
    barks" keep their verbs."""
    repair = default_repair("tag_plurals")
    rows = [("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("man", "NOUN", "NN", "nsubj", 3), ("holds", "VERB", "VBZ", "conj", 0),
            ("sword", "NOUN", "NN", "dobj", 3), (",", "PUNCT", ",", "punct", 3),
            ("a", *D, 7), ("dog", "NOUN", "NN", "nsubj", 8), ("barks", "VERB", "VBZ", "conj", 3),
            (",", "PUNCT", ",", "punct", 8), ("night", "NOUN", "NN", "conj", 8)]
    clauses = graph("girl, man holds sword, a dog barks, night", rows)
    assert repair(clauses) is clauses


def test_tag_plurals_leave_a_verb_after_set_off_describing_words_alone():
    """"a sailor, drenched and exhausted, climbs the mast": the verb opens its part after
    describing words set off by commas, its articled subject before them, so it is a clause;
    "sunset, red and gold, crows on a fence" (no article) is a list of tags."""
    repair = default_repair("tag_plurals")
    rows = [("a", *D, 1), ("sailor", "NOUN", "NN", "nsubj", 7), (",", "PUNCT", ",", "punct", 1),
            ("drenched", "VERB", "VBD", "acl", 1), ("and", "CCONJ", "CC", "cc", 3),
            ("exhausted", "VERB", "VBN", "conj", 3), (",", "PUNCT", ",", "punct", 1),
            ("climbs", "VERB", "VBZ", ROOT, None), ("the", *D, 9),
            ("mast", "NOUN", "NN", "npadvmod", 7), (",", "PUNCT", ",", "punct", 7),
            ("night", "NOUN", "NN", "conj", 7)]
    clause = graph("a sailor, drenched and exhausted, climbs the mast, night", rows)
    assert repair(clause) is clause
    tags = repair(graph("sunset, red and gold, crows on a fence, night", [
        ("sunset", "NOUN", "NN", "nsubj", 6), (",", "PUNCT", ",", "punct", 0),
        ("red", "ADJ", "JJ", "amod", 0), ("and", "CCONJ", "CC", "cc", 2),
        ("gold", "ADJ", "JJ", "conj", 2), (",", "PUNCT", ",", "punct", 0),
        ("crows", "VERB", "VBZ", ROOT, None), ("on", "ADP", "IN", "prep", 6), ("a", *D, 9),
        ("fence", "NOUN", "NN", "pobj", 7), (",", "PUNCT", ",", "punct", 6),
        ("night", "NOUN", "NN", "conj", 6)]))
    assert tags[6].tag == "NNS"


def test_every_bundled_repair_has_a_case():
    # (the repairs that change the number of words have tests of their own)
    assert set(CASES) | {"merge_hyphenated", "count_tags", "joined_words", "spaces",
                         "glued_commas", "multiplied_counts",
                         "reciprocal_adverbs"} == set(repair_names())
    assert {s.name for s in load_grammar("en-clearnlp").repairs} == set(repair_names())


@pytest.mark.parametrize("name", sorted(CASES))
def test_repair_mends_its_parse_error(name):
    text, rows, changes = CASES[name]
    before = graph(text, rows)
    after = default_repair(name)(before)
    for old, new in zip(before, after, strict=True):
        expected = {f: changes.get(old.index, {}).get(f, getattr(old, f)) for f in FIELDS}
        assert {f: getattr(new, f) for f in FIELDS} == expected, (name, old.index, old.text)
        assert (new.text, new.start, new.end) == (old.text, old.start, old.end)


@pytest.mark.parametrize("name", sorted(CASES))
def test_repair_leaves_its_own_result_alone(name):
    text, rows, _ = CASES[name]
    repair = default_repair(name)
    once = repair(graph(text, rows))
    assert repair(once) is once


def test_comma_heads_keeps_a_nounless_phrase_shaped_like_a_noun_phrase_to_itself():
    """"low poly, bed": poly, taken for an adjective, heads its own tag; a coordinated
    modifier before the comma ("a red, white and blue flag") stays on the noun."""
    tag = graph("low poly, bed", [
        ("low", "ADJ", "JJ", "amod", 1), ("poly", "ADJ", "JJ", "amod", 3),
        (",", "PUNCT", ",", "punct", 1), ("bed", "NOUN", "NN", ROOT, None)])
    after = default_repair("comma_heads")(tag)
    assert [(w.head, w.relation) for w in after][:2] == [(1, "amod"), (3, "appos")]
    flag = graph("a red, white and blue flag", [
        ("a", *D, 6), ("red", "ADJ", "JJ", "amod", 6), (",", "PUNCT", ",", "punct", 1),
        ("white", "ADJ", "JJ", "conj", 1), ("and", "CCONJ", "CC", "cc", 3),
        ("blue", "ADJ", "JJ", "conj", 3), ("flag", "NOUN", "NN", ROOT, None)])
    assert default_repair("comma_heads")(flag) is flag


def test_participles_read_as_modifiers_gives_the_noun_to_the_last_coordinated_verb():
    """"a cook stirring and tasting soup" read as one noun phrase: the cook heads it,
    stirring is its participle, tasting stirring's conjunct and soup tasting's object."""
    before = graph("a cook stirring and tasting soup", [
        ("a", *D, 1), ("cook", "NOUN", "NN", "dep", 5), ("stirring", "VERB", "VBG", "amod", 5),
        ("and", "CCONJ", "CC", "cc", 2), ("tasting", "VERB", "VBG", "conj", 2),
        ("soup", "NOUN", "NN", ROOT, None)])
    after = default_repair("participles_read_as_modifiers")(before)
    assert [(w.text, w.head, w.relation) for w in after][1:] == [
        ("cook", None, ROOT), ("stirring", 1, "acl"), ("and", 2, "cc"), ("tasting", 2, "conj"),
        ("soup", 4, "dobj")]


def test_comma_subjects_leaves_a_verb_one_object():
    """"paints the sky orange, rural americana": americana, a second object after a comma,
    is a tag of its own."""
    before = graph("paints the sky orange, rural americana", [
        ("paints", "VERB", "VBZ", ROOT, None), ("the", *D, 2), ("sky", "NOUN", "NN", "dobj", 0),
        ("orange", "ADJ", "JJ", "oprd", 0), (",", "PUNCT", ",", "punct", 0),
        ("rural", "ADJ", "JJ", "amod", 6), ("americana", "NOUN", "NN", "dobj", 0)])
    after = default_repair("comma_subjects")(before)
    assert [w.relation for w in after] == [ROOT, "det", "dobj", "oprd", "punct", "amod", "dep"]


def test_participle_heads_leave_a_copulas_participle_complement_alone():
    """"the peaks were snow capped": capped is the copula's complement, snow its first word
    (a reduced describing unit), not a noun the participle describes."""
    repair = default_repair("participle_heads")
    peaks = graph("the peaks were snow capped", [
        ("the", *D, 1), ("peaks", "NOUN", "NNS", "nsubj", 2), ("were", "AUX", "VBD", ROOT, None),
        ("snow", "NOUN", "NN", "npadvmod", 4), ("capped", "VERB", "VBN", "acomp", 2)])
    assert repair(peaks) is peaks


def test_participle_heads_takes_a_root_that_heads_itself_as_a_root():
    """A repair may leave a root as its own head; participle_heads gave the noun that head,
    and the noun and the participle hung on each other in a ring ("an old wooden ship
    sailing through a storm, ..." never finished parsing)."""
    before = graph("a ship sailing through a storm", [
        ("a", *D, 2), ("ship", "NOUN", "NN", "compound", 2),
        ("sailing", "NOUN", "NN", ROOT, 2), ("through", "ADP", "IN", "prep", 2),
        ("a", *D, 5), ("storm", "NOUN", "NN", "pobj", 3)])
    after = default_repair("participle_heads")(before)
    assert not after.has_loop()
    assert [(w.text, w.head, w.relation) for w in after][:3] == [
        ("a", 1, "det"), ("ship", None, ROOT), ("sailing", 1, "acl")]


def test_a_repair_that_would_make_a_ring_is_not_applied():
    """Every pass walks heads up to a root: a repair's ring would hang them, so the grammar
    keeps the graph it had."""
    from dataclasses import replace as replaced

    from binding.grammars.grammar import NamedRepair
    from binding.grammars.repairs.base import Repair

    class Ring(Repair):
        def __call__(self, g, vocab):
            words = list(g.words)
            words[0] = replaced(words[0], head=1)
            words[1] = replaced(words[1], head=0)
            return g.with_words(words)

    grammar = load_grammar("en-clearnlp")
    ringed = replaced(grammar, repairs=(NamedRepair("ring", Ring()), *grammar.repairs))
    before = graph("a cat", [("a", *D, 1), ("cat", "NOUN", "NN", ROOT, None)])
    assert Ring()(before, grammar.vocab).has_loop()
    assert not ringed.repaired(before).has_loop()
    assert [e.text for e in ringed.bind(before).entities] == ["cat"]


def test_a_ring_of_material_conjuncts_from_the_front_end_is_bound_to_an_end():
    """A front end may hand over a graph whose heads run in a ring (the grammar then repairs
    nothing); the entity pass still ends: "made of gold and silver" with gold and silver
    each the other's conjunct hung forever in the walk up to the first material."""
    ringed = graph("a robot made of gold and silver", [
        ("a", *D, 1), ("robot", "NOUN", "NN", ROOT, None), ("made", "VERB", "VBN", "acl", 1),
        ("of", "ADP", "IN", "prep", 2), ("gold", "NOUN", "NN", "conj", 6),
        ("and", "CCONJ", "CC", "cc", 4), ("silver", "NOUN", "NN", "conj", 4)])
    assert ringed.has_loop()
    binding = load_grammar("en-clearnlp").bind(ringed)
    assert [(e.text, [m.text for m in e.modifiers]) for e in binding.entities] == [
        ("robot", ["made"])]


def test_merge_hyphenated_joins_the_pieces_into_one_word():
    before = graph("a long-haired dog", [
        ("a", *D, 4), ("long", "ADJ", "JJ", "amod", 3), ("-", "PUNCT", "HYPH", "punct", 3),
        ("haired", "ADJ", "JJ", "amod", 4), ("dog", "NOUN", "NN", ROOT, None)])
    after = default_repair("merge_hyphenated")(before)
    assert [(w.text, w.head, w.relation, (w.start, w.end)) for w in after] == [
        ("a", 2, "det", (0, 1)), ("long-haired", 2, "amod", (2, 13)), ("dog", None, ROOT, (14, 17))]


def test_reciprocal_adverbs_joins_noun_preposition_noun_into_one_adverb():
    """"two horses galloping side by side" (galloping a compound of side, side an
    apposition): one adverb, which the verb takes the place of; no side is drawn. Two
    different nouns ("a cat by the door") stay as they are."""
    before = graph("two horses galloping side by side", [
        ("two", "NUM", "CD", "nummod", 1), ("horses", "NOUN", "NNS", ROOT, None),
        ("galloping", "VERB", "VBG", "compound", 3), ("side", "NOUN", "NN", "appos", 1),
        ("by", "ADP", "IN", "prep", 3), ("side", "NOUN", "NN", "pobj", 4)])
    repair = default_repair("reciprocal_adverbs")
    after = repair(before)
    assert [(w.text, w.pos, w.head, w.relation, (w.start, w.end)) for w in after] == [
        ("two", "NUM", 1, "nummod", (0, 3)), ("horses", "NOUN", None, ROOT, (4, 10)),
        ("galloping", "VERB", 1, "appos", (11, 20)),
        ("side by side", "ADV", 2, "advmod", (21, 33))]
    assert repair(after) is after
    door = graph("a cat by the door", [
        ("a", *D, 1), ("cat", "NOUN", "NN", ROOT, None), ("by", "ADP", "IN", "prep", 1),
        ("the", *D, 4), ("door", "NOUN", "NN", "pobj", 2)])
    assert repair(door) is door
    trees = graph("flitted from tree to tree", [
        ("flitted", "VERB", "VBD", ROOT, None), ("from", "ADP", "IN", "prep", 0),
        ("tree", "NOUN", "NN", "pobj", 1), ("to", "ADP", "IN", "prep", 0),
        ("tree", "NOUN", "NN", "pobj", 3)])
    assert repair(trees) is trees  # places passed between: trees are drawn


def test_merge_hyphenated_keeps_what_the_other_words_have():
    """A word merge renumbers the words after it but keeps all they have: the tagger's
    alternative tags, which later repairs read ("a play/NN" nearly a verb), were lost."""
    before = graph("a long-haired dog", [
        ("a", *D, 4), ("long", "ADJ", "JJ", "amod", 3), ("-", "PUNCT", "HYPH", "punct", 3),
        ("haired", "ADJ", "JJ", "amod", 4), ("dog", "NOUN", "NN", ROOT, None)])
    before = before.with_words([*before.words[:4],
                                replace(before.words[4], alternative_tags=("VB",))])
    after = default_repair("merge_hyphenated")(before)
    assert (after[0].text, after[0].head) == ("a", 2)
    assert (after[2].text, after[2].index, after[2].alternative_tags) == ("dog", 2, ("VB",))


def test_merge_hyphenated_joins_a_numeral_across_a_spaced_hyphen_only():
    """"Two - tiered cake" (a caption tokenized word by word) is one modifier; a spaced
    hyphen between words that are not a numeral's ("dogs - one") is a dash."""
    before = graph("Two - tiered cake", [
        ("Two", "NUM", "CD", "nummod", 3), ("-", "PUNCT", "HYPH", "punct", 2),
        ("tiered", "ADJ", "JJ", "amod", 3), ("cake", "NOUN", "NN", ROOT, None)])
    after = default_repair("merge_hyphenated")(before)
    assert [(w.text, w.head, w.relation) for w in after] == [
        ("Two - tiered", 1, "amod"), ("cake", None, ROOT)]
    dash = graph("dogs - one", [
        ("dogs", "NOUN", "NNS", ROOT, None), ("-", "PUNCT", "HYPH", "punct", 0),
        ("one", "NUM", "CD", "appos", 0)])
    assert default_repair("merge_hyphenated")(dash) is dash


def test_merge_hyphenated_heads_a_group_from_outside_it():
    """"16-35mm": 16 hangs on the verb, 35 on mm and mm on 16; the merged word hangs on the
    verb, or the tree would loop."""
    before = graph("lifts 16-35mm", [
        ("lifts", "VERB", "VBZ", ROOT, None), ("16", "NUM", "CD", "npadvmod", 0),
        ("-", "SYM", "SYM", "punct", 3), ("35", "NUM", "CD", "nummod", 4),
        ("mm", "NOUN", "NN", "quantmod", 1)])
    after = default_repair("merge_hyphenated")(before)
    assert [(w.text, w.head) for w in after] == [("lifts", None), ("16-35", 0), ("mm", 1)]


def test_noun_phrases_mends_the_loop_a_rebuild_would_make():
    """"a baby rabbit and a gray metal spotted backpack" parsed with spotted the root and the
    rabbit its subject: spotted goes into the backpack's phrase and the rabbit takes its place."""
    before = graph("a baby rabbit and a gray metal spotted backpack", [
        ("a", *D, 2), ("baby", "NOUN", "NN", "compound", 2), ("rabbit", "NOUN", "NN", "nsubj", 7),
        ("and", "CCONJ", "CC", "cc", 2), ("a", *D, 6), ("gray", "ADJ", "JJ", "amod", 6),
        ("metal", "NOUN", "NN", "conj", 2), ("spotted", "VERB", "VBD", ROOT, None),
        ("backpack", "NOUN", "NN", "dobj", 7)])
    after = default_repair("noun_phrases")(before)
    assert [(w.text, w.head) for w in after][5:] == [
        ("gray", 6), ("metal", 8), ("spotted", 8), ("backpack", 2)]
    assert after[2].head is None  # the rabbit heads the prompt


def test_verbs_by_agreement_reads_a_verb_tag_and_a_plural_subject():
    """"a raven perches on a skull" (perches/VBZ with raven its compound) and "heavy vines
    drape from the canopy" (drape/NN after the plural vines) are clauses."""
    repair = default_repair("verbs_by_agreement")
    raven = repair(graph("a raven perches on a skull", [
        ("a", *D, 2), ("raven", "NOUN", "NN", "compound", 2),
        ("perches", "VERB", "VBZ", ROOT, None), ("on", "ADP", "IN", "prep", 2), ("a", *D, 5),
        ("skull", "NOUN", "NN", "pobj", 3)]))
    assert (raven[1].relation, raven[0].head, raven[2].tag) == ("nsubj", 1, "VBZ")
    vines = repair(graph("heavy vines drape from the canopy", [
        ("heavy", "ADJ", "JJ", "amod", 1), ("vines", "NOUN", "NNS", "compound", 2),
        ("drape", "NOUN", "NN", ROOT, None), ("from", "ADP", "IN", "prep", 2),
        ("the", *D, 5), ("canopy", "NOUN", "NN", "pobj", 3)]))
    assert (vines[1].relation, vines[0].head, vines[2].pos, vines[2].tag) == (
        "nsubj", 1, "VERB", "VBP")
    sports = graph("a sports car in a garage", [
        ("a", *D, 2), ("sports", "NOUN", "NNS", "compound", 2), ("car", "NOUN", "NN", ROOT, None),
        ("in", "ADP", "IN", "prep", 2), ("a", *D, 5), ("garage", "NOUN", "NN", "pobj", 3)])
    assert repair(sports) is sports


def test_verbs_by_agreement_gives_a_verb_hung_on_its_object_that_object():
    """"a man with a tie stacks empty plates" (stacks/NNS an nmod of plates, the object of
    with): the verb takes the plates' place, they its object, and the man is its subject;
    "one eye bends over a watch": *one* counts no plural either."""
    repair = default_repair("verbs_by_agreement")
    stacks = repair(graph("a man with a tie stacks empty plates", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 5), ("tie", "NOUN", "NN", "compound", 5),
        ("stacks", "NOUN", "NNS", "nmod", 7), ("empty", "ADJ", "JJ", "amod", 7),
        ("plates", "NOUN", "NNS", "pobj", 2)]))
    assert [(w.pos, w.relation, w.head) for w in stacks][1:] == [
        ("NOUN", "nsubj", 5), ("ADP", "prep", 1), ("DET", "det", 4), ("NOUN", "pobj", 2),
        ("VERB", ROOT, None), ("ADJ", "amod", 7), ("NOUN", "dobj", 5)]
    bends = repair(graph("one eye bends over a watch", [
        ("one", "NUM", "CD", "nummod", 2), ("eye", "NOUN", "NN", "compound", 2),
        ("bends", "NOUN", "NNS", ROOT, None), ("over", "ADP", "IN", "prep", 2),
        ("a", *D, 5), ("watch", "NOUN", "NN", "pobj", 3)]))
    assert [(w.pos, w.relation, w.head) for w in bends][:3] == [
        ("NUM", "nummod", 1), ("NOUN", "nsubj", 2), ("VERB", ROOT, None)]


def test_verbs_by_agreement_takes_no_subject_across_a_subordinator():
    """"lifts his leg as a frisbee hovers near him" (hovers/NNS the object of *as*, hung on
    the leg): *as* opens a clause, so the verb's subject is the frisbee alone and the leg
    stays the object of lifts; "a girl with a tie waits" keeps the owner as subject."""
    repair = default_repair("verbs_by_agreement")
    rows = [
        ("lifts", "VERB", "VBZ", ROOT, None), ("his", "PRON", "PRP$", "poss", 2),
        ("leg", "NOUN", "NN", "dobj", 0), ("as", "ADP", "IN", "prep", 2), ("a", *D, 6),
        ("frisbee", "NOUN", "NN", "compound", 6), ("hovers", "NOUN", "NNS", "pobj", 3)]
    hovers = repair(graph("lifts his leg as a frisbee hovers", rows))
    assert [(w.relation, w.head) for w in hovers][2:] == [
        ("dobj", 0), ("prep", 2), ("det", 5), ("nsubj", 6), ("pobj", 3)]
    assert hovers[6].pos == "VERB"
    rows[3] = ("with", "ADP", "IN", "prep", 2)
    waits = repair(graph("lifts his leg with a frisbee hovers", rows))
    assert (waits[2].relation, waits[2].head) == ("nsubj", 6)


def test_verbs_by_agreement_leaves_plural_things_and_plural_phrases_alone():
    """"a fabric pants" names one thing; "the bus stops" and "two bus stops" have no singular
    article to disagree with."""
    repair = default_repair("verbs_by_agreement")
    for text, first in (("a fabric pants", "a"), ("the bus stops", "the"),
                        ("two bus stops", "two")):
        last = text.split()[-1]
        rows = [(first, "DET", "DT", "det", 2), (text.split()[1], "NOUN", "NN", "compound", 2),
                (last, "NOUN", "NNS", ROOT, None)]
        g = graph(text, rows)
        assert repair(g) is g, text


def test_verbs_by_agreement_reads_past_a_list_of_describing_words_but_not_a_tag_list():
    """"A red, white, and blue kite sails": the commas of a colour list keep the article in
    the kite's phrase; "a city, kite sails" is two tags, the article not the kite's."""
    repair = default_repair("verbs_by_agreement")
    kite = repair(graph("A red, white, and blue kite sails", [
        ("A", *D, 8), ("red", "ADJ", "JJ", "amod", 8), (",", "PUNCT", ",", "punct", 1),
        ("white", "ADJ", "JJ", "conj", 1), (",", "PUNCT", ",", "punct", 3),
        ("and", "CCONJ", "CC", "cc", 3), ("blue", "ADJ", "JJ", "amod", 8),
        ("kite", "NOUN", "NN", "compound", 8), ("sails", "NOUN", "NNS", ROOT, None)]))
    assert (kite[8].tag, kite[7].relation) == ("VBZ", "nsubj")
    tags = graph("a city, kite sails", [
        ("a", *D, 4), ("city", "NOUN", "NN", "compound", 4), (",", "PUNCT", ",", "punct", 4),
        ("kite", "NOUN", "NN", "compound", 4), ("sails", "NOUN", "NNS", ROOT, None)])
    assert repair(tags) is tags


def test_verbs_by_agreement_reads_a_plural_the_parser_hung_as_a_clause():
    """"a market, steam rises from baskets": rises/NNS hung as a ccomp is steam's verb; as an
    item of the list ("a market, steam rises, baskets") it stays a noun."""
    repair = default_repair("verbs_by_agreement")
    rows = [("a", *D, 1), ("market", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
            ("steam", "NOUN", "NN", "compound", 4), ("rises", "NOUN", "NNS", "ccomp", 1),
            ("from", "ADP", "IN", "prep", 4), ("baskets", "NOUN", "NNS", "pobj", 5)]
    rises = repair(graph("a market, steam rises from baskets", rows))
    assert (rises[4].tag, rises[3].relation) == ("VBZ", "nsubj")
    item = graph("a market, steam rises from baskets",
                 [*rows[:4], ("rises", "NOUN", "NNS", "appos", 1), *rows[5:]])
    assert repair(item) is item


def test_verbs_read_as_compounds_read_a_verb_hung_on_the_noun_before_it():
    """"canvases lean against walls": lean/VBP hung as an amod of canvases is their verb."""
    repair = default_repair("verbs_read_as_compounds")
    lean = repair(graph("a studio, canvases lean against walls", [
        ("a", *D, 1), ("studio", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("canvases", "NOUN", "NNS", "conj", 1), ("lean", "VERB", "VBP", "amod", 3),
        ("against", "ADP", "IN", "prep", 4), ("walls", "NOUN", "NNS", "pobj", 5)]))
    assert [(w.head, w.relation) for w in lean][3:5] == [(4, "nsubj"), (1, "conj")]


def test_count_tags_split_a_booru_count_into_numeral_and_noun():
    before = graph("1girl, 2boys, 8k", [
        ("1girl", "NUM", "CD", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("2boys", "NUM", "CD", "appos", 0), (",", "PUNCT", ",", "punct", 2),
        ("8k", "NUM", "CD", "appos", 0)])
    after = default_repair("count_tags")(before)
    assert [(w.text, w.start, w.end, w.pos, w.tag, w.relation, w.head) for w in after] == [
        ("1", 0, 1, "NUM", "CD", "nummod", 1), ("girl", 1, 5, "NOUN", "NN", ROOT, None),
        (",", 5, 6, "PUNCT", ",", "punct", 1), ("2", 7, 8, "NUM", "CD", "nummod", 4),
        ("boys", 8, 12, "NOUN", "NNS", "appos", 1), (",", 12, 13, "PUNCT", ",", "punct", 4),
        ("8k", 14, 16, "NUM", "CD", "appos", 1)]


def test_multiplied_counts_split_a_times_sign_from_the_count_of_the_noun_before():
    """"garden gnomes x7, hats": x7 read as a proper noun with the gnomes its compound; the
    sign is punctuation, 7 counts the gnomes, which take its place. "a x10 zoom lens" has
    no noun before the sign and stays."""
    before = graph("garden gnomes x7, hats", [
        ("garden", "NOUN", "NN", "compound", 1), ("gnomes", "NOUN", "NNS", "compound", 2),
        ("x7", "PROPN", "NNP", ROOT, None), (",", "PUNCT", ",", "punct", 2),
        ("hats", "NOUN", "NNS", "appos", 2)])
    after = default_repair("multiplied_counts")(before)
    assert [(w.text, w.start, w.end, w.pos, w.relation, w.head) for w in after] == [
        ("garden", 0, 6, "NOUN", "compound", 1), ("gnomes", 7, 13, "NOUN", ROOT, None),
        ("x", 14, 15, "SYM", "punct", 3), ("7", 15, 16, "NUM", "nummod", 1),
        (",", 16, 17, "PUNCT", "punct", 1), ("hats", 18, 22, "NOUN", "appos", 1)]
    lens = graph("a x10 zoom lens", [
        ("a", *D, 3), ("x10", "NOUN", "NN", "compound", 3),
        ("zoom", "NOUN", "NN", "compound", 3), ("lens", "NOUN", "NN", ROOT, None)])
    assert default_repair("multiplied_counts")(lens) is lens


def test_joined_words_split_a_tag_at_its_underscores():
    before = graph("long_hair, score_9", [
        ("long_hair", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("score_9", "NOUN", "NN", "appos", 0)])
    after = default_repair("joined_words")(before)
    assert [(w.text, w.pos, w.relation, w.head) for w in after] == [
        ("long", "ADJ", "amod", 2), ("_", "PUNCT", "punct", 2), ("hair", "NOUN", ROOT, None),
        (",", "PUNCT", "punct", 2), ("score_9", "NOUN", "appos", 2)]


def test_a_comparative_with_a_describing_word_of_its_own_is_a_noun():
    """"climbing a steep glacier/JJR": a comparative takes no describing word, so with its
    article and one it is the noun; "a bigger/JJR dog" keeps its comparative."""
    repair = default_repair("noun_phrases")
    glacier = repair(graph("a snowcat climbing a steep glacier", [
        ("a", *D, 1), ("snowcat", "NOUN", "NN", "nsubj", 2),
        ("climbing", "VERB", "VBG", ROOT, None), ("a", *D, 5),
        ("steep", "ADJ", "JJ", "amod", 5), ("glacier", "ADJ", "JJR", "dobj", 2)]))
    assert glacier[5].pos == "NOUN"
    bigger = graph("a bigger dog", [("a", *D, 2), ("bigger", "ADJ", "JJR", "amod", 2),
                                    ("dog", "NOUN", "NN", ROOT, None)])
    assert repair(bigger) is bigger


def test_spaces_leave_the_graph_and_their_dependents_climb():
    """The parser's token of a second space is no word: what hung on it hangs on its head,
    and the words after it move up one place."""
    before = graph("red cat,  smiling", [
        ("red", "ADJ", "JJ", "amod", 1), ("cat", "NOUN", "NN", ROOT, None),
        (",", "PUNCT", ",", "punct", 1), (" ", "SPACE", "_SP", "dep", 2),
        ("smiling", "VERB", "VBG", "acl", 3)])
    after = default_repair("spaces")(before)
    assert [(w.index, w.text, w.relation, w.head) for w in after] == [
        (0, "red", "amod", 1), (1, "cat", ROOT, None), (2, ",", "punct", 1),
        (3, "smiling", "acl", 2)]
    plain = graph("red cat", [("red", "ADJ", "JJ", "amod", 1), ("cat", "NOUN", "NN", ROOT, None)])
    assert default_repair("spaces")(plain) is plain


def test_joined_words_with_a_preposition_are_a_phrase():
    """"looking_at_viewer" is an -ing verb with its preposition and object, "hand_on_hip" a
    noun with its own, "looking_back" a verb and its particle, "on_bed" a preposition and its
    object; "wedding_dress" (no preposition) stays a compound."""
    before = graph("looking_at_viewer, hand_on_hip, looking_back, wedding_dress, on_bed", [
        ("looking_at_viewer", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("hand_on_hip", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 2),
        ("looking_back", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 4),
        ("wedding_dress", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 6),
        ("on_bed", "NOUN", "NN", "appos", 0)])
    after = default_repair("joined_words")(before)
    assert [(w.text, w.pos, w.relation, w.head) for w in after] == [
        ("looking", "VERB", ROOT, None), ("_", "PUNCT", "punct", 0), ("at", "ADP", "prep", 0),
        ("_", "PUNCT", "punct", 2), ("viewer", "NOUN", "pobj", 2),
        (",", "PUNCT", "punct", 0),
        ("hand", "NOUN", "appos", 0), ("_", "PUNCT", "punct", 6), ("on", "ADP", "prep", 6),
        ("_", "PUNCT", "punct", 8), ("hip", "NOUN", "pobj", 8), (",", "PUNCT", "punct", 6),
        ("looking", "VERB", "appos", 0), ("_", "PUNCT", "punct", 12),
        ("back", "ADP", "dep", 12), (",", "PUNCT", "punct", 12),
        ("wedding", "NOUN", "compound", 18), ("_", "PUNCT", "punct", 18),
        ("dress", "NOUN", "appos", 0), (",", "PUNCT", "punct", 18),
        ("on", "ADP", "appos", 0), ("_", "PUNCT", "punct", 20), ("bed", "NOUN", "pobj", 20)]
    assert [w.text for w in after] == [after.text[w.start:w.end] for w in after]


def test_tag_participles_leave_sentences_and_prenominal_participles_alone():
    """A caption with commas is no tag list; "glowing runes" describes the runes."""
    repair = default_repair("tag_participles")
    sentence = graph("a cake on a plate, with three pigs on it, sitting on the table", [
        ("a", *D, 1), ("cake", "NOUN", "NN", ROOT, None), ("on", "ADP", "IN", "prep", 1),
        ("a", *D, 4), ("plate", "NOUN", "NN", "pobj", 2), (",", "PUNCT", ",", "punct", 1),
        ("with", "ADP", "IN", "prep", 1), ("three", "NUM", "CD", "nummod", 8),
        ("pigs", "NOUN", "NNS", "pobj", 6), ("on", "ADP", "IN", "prep", 8),
        ("it", "PRON", "PRP", "pobj", 9), (",", "PUNCT", ",", "punct", 1),
        ("sitting", "VERB", "VBG", "advcl", 1), ("on", "ADP", "IN", "prep", 12),
        ("the", *D, 15), ("table", "NOUN", "NN", "pobj", 13)])
    assert repair(sentence) is sentence
    runes = graph("girl, solo, magic, glowing runes", [
        ("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 2),
        ("magic", "NOUN", "NN", "appos", 2), (",", "PUNCT", ",", "punct", 4),
        ("glowing", "VERB", "VBG", "amod", 7), ("runes", "NOUN", "NNS", "appos", 4)])
    assert repair(runes) is runes


def test_subjects_read_as_verbs_swap_a_compound_and_keep_an_earlier_clause():
    """"dust motes drift in the light" (motes/VBZ a compound of drift/NN) and a clause before a
    comma that the parser made the "verb"'s subject: the earlier clause hangs on the verb."""
    repair = default_repair("subjects_read_as_verbs")
    motes = repair(graph("dust motes drift in the light", [
        ("dust", "NOUN", "NN", "compound", 1), ("motes", "VERB", "VBZ", "compound", 2),
        ("drift", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 2), ("the", *D, 5),
        ("light", "NOUN", "NN", "pobj", 3)]))
    assert [(w.tag, w.relation, w.head) for w in motes][:3] == [
        ("NN", "compound", 1), ("NNS", "nsubj", 2), ("VBP", ROOT, None)]
    scene = repair(graph("a cat naps, gulls perch on posts", [
        ("a", *D, 1), ("cat", "NOUN", "NN", "nsubj", 2), ("naps", "VERB", "VBZ", "nsubj", 4),
        (",", "PUNCT", ",", "punct", 4), ("gulls", "VERB", "VBZ", ROOT, None),
        ("perch", "NOUN", "NN", "dobj", 4), ("on", "ADP", "IN", "prep", 4),
        ("posts", "NOUN", "NNS", "pobj", 6)]))
    assert [(w.tag, w.relation, w.head) for w in scene][2:7] == [
        ("VBZ", "dep", 5), (",", "punct", 4), ("NNS", "nsubj", 5), ("VBP", ROOT, None),
        ("IN", "prep", 5)]


def test_subjects_read_as_verbs_read_a_lower_case_proper_noun_as_the_base_form():
    """"seagulls/VBZ circle/NNP overhead": the tagger's lower-case "proper noun" is the base
    form like a noun would be, hung on the plural or beside it; "Crows Circle" (capitalised, a
    name) is left alone."""
    repair = default_repair("subjects_read_as_verbs")
    gulls = repair(graph("seagulls circle overhead", [
        ("seagulls", "VERB", "VBZ", ROOT, None), ("circle", "PROPN", "NNP", "dobj", 0),
        ("overhead", "ADV", "RB", "advmod", 0)]))
    assert [(w.pos, w.tag, w.relation) for w in gulls][:2] == [
        ("NOUN", "NNS", "nsubj"), ("VERB", "VBP", ROOT)]
    # the two side by side, both conjuncts of the clause before
    scene = repair(graph("boats rock, seagulls circle overhead", [
        ("boats", "NOUN", "NNS", "nsubj", 1), ("rock", "VERB", "VBP", ROOT, None),
        (",", "PUNCT", ",", "punct", 1), ("seagulls", "VERB", "VBZ", "conj", 1),
        ("circle", "PROPN", "NNP", "conj", 1), ("overhead", "ADV", "RB", "advmod", 4)]))
    assert [(w.tag, w.head, w.relation) for w in scene][3:5] == [
        ("NNS", 4, "nsubj"), ("VBP", 1, "conj")]
    rows = [("Crows", "VERB", "VBZ", ROOT, None), ("Circle", "PROPN", "NNP", "dobj", 0)]
    name = graph("Crows Circle", rows)
    assert repair(name) is name


def test_subjects_read_as_verbs_read_a_zero_plural_read_as_a_verb():
    """"bioluminescent jellyfish/VB drift/NN around her": a noun whose plural is its singular,
    tagged a base-form verb before a known verb's base form, is the plural subject, the word
    before it (its "subject") its compound; "shrimp" before a word that is no known verb stays."""
    repair = default_repair("subjects_read_as_verbs")
    rows = [("a", *D, 1), ("lagoon", "NOUN", "NN", "npadvmod", 4),
            (",", "PUNCT", ",", "punct", 4), ("bioluminescent", "NOUN", "NN", "nsubj", 4),
            ("jellyfish", "VERB", "VB", ROOT, None), ("drift", "NOUN", "NN", "dobj", 4),
            ("around", "ADP", "IN", "prep", 4), ("her", "PRON", "PRP", "pobj", 6)]
    after = repair(graph("a lagoon, bioluminescent jellyfish drift around her", rows))
    assert [(w.pos, w.tag, w.head, w.relation) for w in after][3:6] == [
        ("NOUN", "NN", 4, "compound"), ("NOUN", "NNS", 5, "nsubj"), ("VERB", "VBP", None, ROOT)]
    rows[5] = ("lunch", "NOUN", "NN", "dobj", 4)
    lunch = graph("a lagoon, bioluminescent jellyfish lunch around her", rows)
    assert repair(lunch) is lunch


def test_subjects_read_as_verbs_leave_clauses_with_subjects_and_unknown_verbs_alone():
    """"a man holds bread in his hand": holds has its subject, and bread is no verb; "the girl
    paints, flowers bloom" has no known verb in the noun's place."""
    repair = default_repair("subjects_read_as_verbs")
    holds = graph("a man holds drift in his hand", [
        ("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 2), ("holds", "VERB", "VBZ", ROOT, None),
        ("drift", "NOUN", "NN", "dobj", 2), ("in", "ADP", "IN", "prep", 2),
        ("his", "PRON", "PRP$", "poss", 6), ("hand", "NOUN", "NN", "pobj", 4)])
    assert repair(holds) is holds
    bread = graph("rolls bread on a board", [
        ("rolls", "VERB", "VBZ", ROOT, None), ("bread", "NOUN", "NN", "dobj", 0),
        ("on", "ADP", "IN", "prep", 0), ("a", *D, 4), ("board", "NOUN", "NN", "pobj", 2)])
    assert repair(bread) is bread


def test_subjects_read_as_verbs_take_a_plural_of_someone_before_any_noun():
    """"gulls wheel above the harbor" (gulls/VBZ a compound of wheel/NN): gulls is a plural
    of an animate noun, so it is the subject and wheel its verb; "rolls bread above a board"
    names no one."""
    repair = default_repair("subjects_read_as_verbs")
    rows = [("gulls", "VERB", "VBZ", "compound", 1), ("wheel", "NOUN", "NN", ROOT, None),
            ("above", "ADP", "IN", "prep", 1), ("the", *D, 4), ("harbor", "NOUN", "NN", "pobj", 2)]
    gulls = repair(graph("gulls wheel above the harbor", rows))
    assert [(w.pos, w.tag, w.relation, w.head) for w in gulls][:2] == [
        ("NOUN", "NNS", "nsubj", 1), ("VERB", "VBP", ROOT, None)]
    rolls = graph("rolls bread above the board", [
        ("rolls", "VERB", "VBZ", "compound", 1), ("bread", "NOUN", "NN", ROOT, None),
        *rows[2:4], ("board", "NOUN", "NN", "pobj", 2)])
    assert repair(rolls) is rolls


def test_verbs_by_agreement_give_a_verb_read_inside_a_with_phrase_its_owner():
    """"a girl with a clear umbrella waits at a crosswalk" (waits/NNS the object of with,
    umbrella its compound): the girl is the subject of waits, the umbrella with's object."""
    repair = default_repair("verbs_by_agreement")
    girl = repair(graph("a girl with a clear umbrella waits at a crosswalk", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 6), ("clear", "ADJ", "JJ", "amod", 6), ("umbrella", "NOUN", "NN", "compound", 6),
        ("waits", "NOUN", "NNS", "pobj", 2), ("at", "ADP", "IN", "prep", 6), ("a", *D, 9),
        ("crosswalk", "NOUN", "NN", "pobj", 7)]))
    assert [(w.head, w.relation) for w in girl][:7] == [
        (1, "det"), (6, "nsubj"), (1, "prep"), (5, "det"), (5, "amod"), (2, "pobj"),
        (None, ROOT)]
    assert (girl[6].pos, girl[6].tag) == ("VERB", "VBZ")


def test_verbs_by_agreement_reads_a_noun_the_parser_called_an_adjective_modifier():
    """"a lace gown dances" with gown/NN an amod of dances/NNS: gown is the subject."""
    repair = default_repair("verbs_by_agreement")
    gown = repair(graph("a lace gown dances with her father", [
        ("a", *D, 3), ("lace", "NOUN", "NN", "compound", 2), ("gown", "NOUN", "NN", "amod", 3),
        ("dances", "NOUN", "NNS", ROOT, None), ("with", "ADP", "IN", "prep", 3),
        ("her", "PRON", "PRP$", "poss", 6), ("father", "NOUN", "NN", "pobj", 4)]))
    assert (gown[2].relation, gown[3].pos, gown[3].tag, gown[0].head) == (
        "nsubj", "VERB", "VBZ", 2)


def test_tag_participles_read_a_bare_pose_tag_the_tagger_called_a_noun():
    """"1girl, solo, sitting, stage lights": sitting/NN is the pose of the girl; the tag the
    parser hung on it stays where sitting was. "painting" names a picture, not a pose."""
    repair = default_repair("tag_participles")
    rows = [("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 2),
            ("sitting", "NOUN", "NN", "conj", 2), (",", "PUNCT", ",", "punct", 4),
            ("lights", "NOUN", "NNS", "conj", 4)]
    posed = repair(graph("girl, solo, sitting, lights", rows))
    assert (posed[4].pos, posed[4].tag, posed[4].head, posed[4].relation) == (
        "VERB", "VBG", 0, "acl")
    assert posed[6].head == 2  # lights stays in the list, not under the girl
    painting = graph("girl, solo, painting, lights", [
        (r[0] if r[0] != "sitting" else "painting", *r[1:]) for r in rows])  # type: ignore[misc]
    assert repair(painting) is painting


def test_a_weather_tag_is_about_the_sky_not_the_character():
    """"girl, cloak, snowing outside, forest": snowing is what the sky does. Tag participles
    leave it off the girl, and tag adjectives make it bind nothing, wherever the parser hung
    it (here, on the cloak); "knitting" in its place is the girl's action."""
    rows = [("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("cloak", "NOUN", "NN", "conj", 0), (",", "PUNCT", ",", "punct", 2),
            ("snowing", "VERB", "VBG", "acl", 2), ("outside", "ADV", "RB", "advmod", 4),
            (",", "PUNCT", ",", "punct", 4), ("forest", "NOUN", "NN", "conj", 2)]
    snowing = graph("girl, cloak, snowing outside, forest", rows)
    participles = default_repair("tag_participles")
    assert participles(snowing)[4].head == 2
    adjectives = default_repair("tag_adjectives")
    assert adjectives(snowing)[4].relation == "dep"
    knitting = graph("girl, cloak, knitting, forest", [
        *rows[:4], ("knitting", "NOUN", "NN", "conj", 2), (",", "PUNCT", ",", "punct", 4),
        ("forest", "NOUN", "NN", "conj", 2)])
    assert (participles(knitting)[4].head, participles(knitting)[4].relation) == (0, "acl")
    assert adjectives(knitting) is knitting


def test_tag_participles_skip_a_composition_tag_for_the_character():
    """"no humans, animal focus, red panda, sitting": the panda sits, not the animal of
    "animal focus"."""
    repair = default_repair("tag_participles")
    panda = repair(graph("animal focus, red panda, sitting, forest", [
        ("animal", "NOUN", "NN", "compound", 1), ("focus", "NOUN", "NN", ROOT, None),
        (",", "PUNCT", ",", "punct", 1), ("red", "ADJ", "JJ", "amod", 4),
        ("panda", "NOUN", "NN", "conj", 1), (",", "PUNCT", ",", "punct", 4),
        ("sitting", "VERB", "VBG", "conj", 1), (",", "PUNCT", ",", "punct", 6),
        ("forest", "NOUN", "NN", "conj", 6)]))
    assert (panda[6].head, panda[6].relation) == (4, "acl")


def test_tag_participles_give_a_pose_verb_s_past_participle_to_the_character():
    """"owl, brass feathers, exposed gears, perched on a book": perched (the pose the owl
    took) describes the owl, not the gears; "exposed" before its noun and "painted", no pose
    verb's, stay where they are."""
    repair = default_repair("tag_participles")
    rows = [("owl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("brass", "NOUN", "NN", "compound", 3), ("feathers", "NOUN", "NNS", "appos", 0),
            (",", "PUNCT", ",", "punct", 0), ("exposed", "VERB", "VBN", "amod", 6),
            ("gears", "NOUN", "NNS", "appos", 0), (",", "PUNCT", ",", "punct", 6),
            ("perched", "VERB", "VBN", "acl", 6), ("on", "ADP", "IN", "prep", 8), ("a", *D, 11),
            ("book", "NOUN", "NN", "pobj", 9)]
    owl = repair(graph("owl, brass feathers, exposed gears, perched on a book", rows))
    assert [(w.head, w.relation) for w in owl][5:9] == [
        (6, "amod"), (0, "appos"), (6, "punct"), (0, "acl")]
    painted = graph("owl, brass feathers, exposed gears, painted on a book", [
        (r[0] if r[0] != "perched" else "painted", *r[1:]) for r in rows])  # type: ignore[misc]
    assert repair(painted) is painted


def test_comparisons_give_the_standard_s_verb_the_compared_noun_as_subject():
    """"icicles as long as spears frame the scene" (as a mark of frame, spears its subject,
    long an adverb): long describes the icicles, spears is the standard after as, and the
    icicles frame the scene. "animals such as cats" compares nothing."""
    repair = default_repair("comparisons")
    icicles = repair(graph("icicles as long as spears frame the scene", [
        ("icicles", "NOUN", "NNS", ROOT, None), ("as", "ADV", "RB", "advmod", 2),
        ("long", "ADV", "RB", "advmod", 0), ("as", "SCONJ", "IN", "mark", 5),
        ("spears", "NOUN", "NNS", "nsubj", 5), ("frame", "VERB", "VBP", "advcl", 2),
        ("the", *D, 7), ("scene", "NOUN", "NN", "dobj", 5)]))
    assert [(w.pos, w.head, w.relation) for w in icicles][:6] == [
        ("NOUN", 5, "nsubj"), ("ADV", 2, "advmod"), ("ADJ", 0, "amod"), ("ADP", 2, "prep"),
        ("NOUN", 3, "pobj"), ("VERB", None, ROOT)]
    such = graph("animals such as cats", [
        ("animals", "NOUN", "NNS", ROOT, None), ("such", "ADJ", "JJ", "amod", 2),
        ("as", "ADP", "IN", "prep", 0), ("cats", "NOUN", "NNS", "pobj", 2)])
    assert repair(such) is such


def test_verbs_read_as_nouns_retag_a_past_tense_hung_on_its_subject():
    """"a grey kitten swam by the door" with swam/NN the kitten's object: a known past tense
    after a known noun, before a preposition, is the verb, and the kitten its subject."""
    repair = default_repair("verbs_read_as_nouns")
    kitten = repair(graph("a grey kitten swam by the door", [
        ("a", *D, 1), ("grey", "NOUN", "NN", ROOT, None), ("kitten", "NOUN", "NN", "appos", 1),
        ("swam", "NOUN", "NN", "dobj", 2), ("by", "ADP", "IN", "agent", 2), ("the", *D, 6),
        ("door", "NOUN", "NN", "pobj", 4)]))
    assert [(w.pos, w.tag, w.head, w.relation) for w in kitten][2:4] == [
        ("NOUN", "NN", 3, "nsubj"), ("VERB", "VBD", 1, "appos")]


def test_noun_phrases_join_no_verb_s_argument_across_a_comma():
    """"fish flash silver overhead, underwater photography": silver is the verb's object and
    overhead its adverb, so the comma closes the run: neither goes to the photography, and a
    comma the rebuild of a list of modifiers moves keeps its label."""
    repair = default_repair("noun_phrases")
    rows = [("fish", "NOUN", "NNS", "nsubj", 1), ("flash", "VERB", "VBP", ROOT, None),
            ("silver", "NOUN", "NN", "dobj", 1), ("overhead", "ADV", "RB", "advmod", 1),
            (",", "PUNCT", ",", "punct", 1), ("underwater", "ADJ", "JJ", "amod", 6),
            ("photography", "NOUN", "NN", "appos", 2)]
    fish = graph("fish flash silver overhead, underwater photography", rows)
    after = repair(fish)
    assert [(w.head, w.relation) for w in after][2:5] == [
        (1, "dobj"), (1, "advmod"), (1, "punct")]
    flag = repair(graph("a red, white and blue flag", [
        ("a", *D, 6), ("red", "ADJ", "JJ", "amod", 6), (",", "PUNCT", ",", "punct", 0),
        ("white", "ADJ", "JJ", "conj", 1), ("and", "CCONJ", "CC", "cc", 0),
        ("blue", "ADJ", "JJ", "conj", 3), ("flag", "NOUN", "NN", ROOT, None)]))
    assert (flag[2].relation, flag[4].relation) == ("punct", "cc")


def test_noun_phrases_read_a_thing_named_before_a_colour_as_its_shade():
    """"a watch and rose gold case" (rose/VBD, the past of rise, with the case its object):
    a word that names a thing and a colour, right before a colour, is a shade in the phrase
    ("rose gold", "lime green"); "a rose and gold coins" keeps its rose."""
    repair = default_repair("noun_phrases")
    after = repair(graph("a watch and rose gold case", [
        ("a", *D, 1), ("watch", "NOUN", "NN", ROOT, None), ("and", "CCONJ", "CC", "cc", 1),
        ("rose", "VERB", "VBD", "conj", 1), ("gold", "NOUN", "NN", "compound", 5),
        ("case", "NOUN", "NN", "dobj", 3)]))
    assert [(w.head, w.relation) for w in after][3:] == [(5, "amod"), (5, "compound"), (1, "conj")]
    rows = [("a", *D, 1), ("rose", "NOUN", "NN", ROOT, None), ("and", "CCONJ", "CC", "cc", 1),
            ("gold", "ADJ", "JJ", "amod", 4), ("coins", "NOUN", "NNS", "conj", 1)]
    coins = graph("a rose and gold coins", rows)
    assert repair(coins) is coins


def test_noun_phrases_make_a_second_subject_before_the_subject_its_compound():
    """"a koi fish swims" with koi and fish both subjects of swims: koi is fish's compound
    and its article is fish's."""
    repair = default_repair("noun_phrases")
    koi = repair(graph("a koi fish swims in a pond", [
        ("a", *D, 1), ("koi", "NOUN", "NN", "nsubj", 3), ("fish", "NOUN", "NN", "nsubj", 3),
        ("swims", "VERB", "VBZ", ROOT, None), ("in", "ADP", "IN", "prep", 3), ("a", *D, 6),
        ("pond", "NOUN", "NN", "pobj", 4)]))
    assert [(w.head, w.relation) for w in koi][:3] == [(2, "det"), (2, "compound"),
                                                        (3, "nsubj")]


def test_noun_phrases_give_the_noun_the_article_of_a_modifier_brought_back():
    """"A medieval blacksmith's forge" with medieval/NN a subject (the article on it):
    medieval describes blacksmith, and the article goes with it to blacksmith."""
    repair = default_repair("noun_phrases")
    forge = repair(graph("A medieval blacksmith 's forge glows", [
        ("A", *D, 1), ("medieval", "NOUN", "NN", "nsubj", 5),
        ("blacksmith", "PROPN", "NNP", "poss", 4), ("'s", "PART", "POS", "case", 2),
        ("forge", "NOUN", "NN", "nsubj", 5), ("glows", "VERB", "VBZ", ROOT, None)]))
    assert [(w.head, w.relation) for w in forge][:2] == [(2, "det"), (2, "amod")]


def test_participles_before_commas_take_the_object_of_an_ing_opener_as_the_noun():
    """"the tall, imposing tower" parsed as a clause (imposing the root, tower its object,
    tall on imposing): tower heads the phrase, tall and imposing describe it, and tall stays
    an adjective."""
    repair = default_repair("participles_before_commas")
    tower = repair(graph("the tall, imposing tower", [
        ("the", *D, 1), ("tall", "ADJ", "JJ", "amod", 3), (",", "PUNCT", ",", "punct", 3),
        ("imposing", "VERB", "VBG", ROOT, None), ("tower", "NOUN", "NN", "dobj", 3)]))
    assert [(w.pos, w.head, w.relation) for w in tower] == [
        ("DET", 4, "det"), ("ADJ", 4, "amod"), ("PUNCT", 3, "punct"), ("VERB", 4, "amod"),
        ("NOUN", None, ROOT)]


def test_verbs_read_as_compounds_read_a_plural_compound_after_an_articled_noun():
    """"a robotic arm flips/NNS noodles" (arm and flips compounds of noodles): a plural noun
    stands inside no compound after "a robotic arm"; flips is the verb, arm its subject."""
    repair = default_repair("verbs_read_as_compounds")
    arm = repair(graph("a robotic arm flips noodles", [
        ("a", *D, 2), ("robotic", "ADJ", "JJ", "amod", 2), ("arm", "NOUN", "NN", "compound", 4),
        ("flips", "NOUN", "NNS", "compound", 4), ("noodles", "NOUN", "NNS", ROOT, None)]))
    assert [(w.pos, w.tag, w.head, w.relation) for w in arm][2:] == [
        ("NOUN", "NN", 3, "nsubj"), ("VERB", "VBZ", None, ROOT), ("NOUN", "NNS", 3, "dobj")]


def test_verbs_by_agreement_make_the_root_after_the_verb_its_object():
    """"a chef flips pancakes" with flips/NN the subject of pancakes/VBZ: flips is chef's
    verb and pancakes its object."""
    repair = default_repair("verbs_by_agreement")
    chef = repair(graph("a chef flips pancakes", [
        ("a", *D, 2), ("chef", "NOUN", "NN", "compound", 2), ("flips", "NOUN", "NNS", "nsubj", 3),
        ("pancakes", "VERB", "VBZ", ROOT, None)]))
    assert [(w.pos, w.head, w.relation) for w in chef][1:] == [
        ("NOUN", 2, "nsubj"), ("VERB", None, ROOT), ("NOUN", 2, "dobj")]


def test_tag_participles_and_adjectives_lift_a_root_tag_off_the_list():
    """"1girl, sitting, smiling" and "1girl, solo, sleepy" with the last tag the root over
    the girl: the girl's tag takes the root's place, the pose or state describes her."""
    participles = default_repair("tag_participles")
    sitting = participles(graph("girl, solo, sitting", [
        ("girl", "NOUN", "NN", "meta", 4), (",", "PUNCT", ",", "punct", 0),
        ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 4),
        ("sitting", "VERB", "VBG", ROOT, None)]))
    assert [(w.head, w.relation) for w in sitting] == [
        (None, ROOT), (0, "punct"), (0, "appos"), (4, "punct"), (0, "acl")]
    adjectives = default_repair("tag_adjectives")
    sleepy = adjectives(graph("girl, solo, bed, sleepy", [
        ("girl", "NOUN", "NN", "nsubj", 6), (",", "PUNCT", ",", "punct", 0),
        ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 0),
        ("bed", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 6),
        ("sleepy", "ADJ", "JJ", ROOT, None)]))
    assert [(w.head, w.relation) for w in sleepy][::6] == [(None, ROOT), (0, "amod")]
    # a root written as its own head (as repairs write it) is a root too
    rooted = adjectives(graph("girl, solo, bed, sleepy", [
        ("girl", "NOUN", "NN", "nsubj", 6), (",", "PUNCT", ",", "punct", 0),
        ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 0),
        ("bed", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 6),
        ("sleepy", "ADJ", "JJ", ROOT, 6)]))
    assert [(w.head, w.relation) for w in rooted][::6] == [(None, ROOT), (0, "amod")]


def test_nouns_read_as_verbs_read_a_caption_s_opening_verb_as_its_head_noun():
    """"Boardwalk/VB with orange stripes": a capitalised base form opening the prompt before
    "with", with no object, is the caption's head noun; "Draw a cat with a hat" has its
    object and stays an imperative."""
    repair = default_repair("nouns_read_as_verbs")
    boardwalk = repair(graph("Boardwalk with orange stripes", [
        ("Boardwalk", "VERB", "VB", ROOT, None), ("with", "ADP", "IN", "prep", 0),
        ("orange", "NOUN", "NN", "compound", 3), ("stripes", "NOUN", "NNS", "pobj", 1)]))
    assert (boardwalk[0].pos, boardwalk[0].tag) == ("NOUN", "NN")
    draw = graph("Draw a cat with a hat", [
        ("Draw", "VERB", "VB", ROOT, None), ("a", *D, 2), ("cat", "NOUN", "NN", "dobj", 0),
        ("with", "ADP", "IN", "prep", 0), ("a", *D, 5), ("hat", "NOUN", "NN", "pobj", 3)])
    assert repair(draw) is draw


def test_closed_class_nouns_make_a_thing_read_as_an_adverb_the_verb_s_object():
    """"riding skateboard" with skateboard/RB an advmod of riding: a known thing is the
    object; "walking home" names no known thing and stays."""
    repair = default_repair("closed_class_nouns")
    rows = [("a", *D, 1), ("boy", "NOUN", "NN", ROOT, None), ("riding", "VERB", "VBG", "acl", 1),
            ("skateboard", "ADV", "RB", "advmod", 2)]
    boy = repair(graph("a boy riding skateboard", rows))
    assert (boy[3].pos, boy[3].tag, boy[3].relation) == ("NOUN", "NN", "dobj")
    home = graph("a boy riding home", [*rows[:3], ("home", "ADV", "RB", "advmod", 2)])
    assert repair(home) is home


def test_modal_nouns_leave_a_modal_before_its_verb():
    """"a dog can run", "a dog can not run": a base verb after the modal, adverbs between or
    not, makes it a modal; "a soda can and a paper cup" makes it the noun's head."""
    repair = default_repair("modal_nouns")
    run = graph("a dog can run", [
        ("a", *D, 1), ("dog", "NOUN", "NN", "nsubj", 3), ("can", "AUX", "MD", "aux", 3),
        ("run", "VERB", "VB", ROOT, None)])
    assert repair(run) is run
    never = graph("a dog can not run", [
        ("a", *D, 1), ("dog", "NOUN", "NN", "nsubj", 4), ("can", "AUX", "MD", "aux", 4),
        ("not", "PART", "RB", "neg", 4), ("run", "VERB", "VB", ROOT, None)])
    assert repair(never) is never
    soda = repair(graph("a soda can and a paper cup", [
        ("a", *D, 1), ("soda", "NOUN", "NN", "nsubj", 2), ("can", "AUX", "MD", ROOT, None),
        ("and", "CCONJ", "CC", "cc", 2), ("a", *D, 6), ("paper", "NOUN", "NN", "compound", 6),
        ("cup", "NOUN", "NN", "conj", 2)]))
    assert [(w.pos, w.head, w.relation) for w in soda][:3] == [
        ("DET", 2, "det"), ("NOUN", 2, "compound"), ("NOUN", None, ROOT)]


def test_tag_objects_make_the_word_held_a_noun():
    """"girl, habit, holding rosary, candles" with rosary/JJ a dep of holding: what is held is
    a thing, the verb's object."""
    repair = default_repair("tag_objects")
    rosary = repair(graph("girl, habit, holding rosary, candles", [
        ("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("habit", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 0),
        ("holding", "VERB", "VBG", "advcl", 0), ("rosary", "ADJ", "JJ", "dep", 4),
        (",", "PUNCT", ",", "punct", 0), ("candles", "NOUN", "NNS", "appos", 0)]))
    assert (rosary[5].pos, rosary[5].tag, rosary[5].head, rosary[5].relation) == (
        "NOUN", "NN", 4, "dobj")


def test_parentheticals_lift_a_noun_the_parser_made_the_bracket_s_subject():
    """"a giant octopus (purple, spotted) wraps" with octopus the nsubj of spotted: the noun
    takes the bracket's place before the bracket hangs on it, so no loop is made."""
    octopus = default_repair("parentheticals")(graph("a giant octopus (purple, spotted) wraps", [
        ("a", *D, 2), ("giant", "ADJ", "JJ", "amod", 2), ("octopus", "NOUN", "NN", "nsubj", 6),
        ("(", "PUNCT", "-LRB-", "punct", 2), ("purple", "NOUN", "NN", "npadvmod", 6),
        (",", "PUNCT", ",", "punct", 6), ("spotted", "VERB", "VBN", "amod", 8),
        (")", "PUNCT", "-RRB-", "punct", 6), ("wraps", "NOUN", "NNS", ROOT, None)]))
    assert not octopus.has_loop()
    assert (octopus[2].head, octopus[2].relation) == (8, "amod")
    assert [(octopus[i].head, octopus[i].relation) for i in (4, 6)] == [(2, "amod")] * 2


def test_verbs_read_as_nouns_take_a_noun_with_a_subject_and_an_object():
    """"Traditional brown zebra nursing/NN a black foal": with zebra its subject and foal its
    object, nursing is a participle (VBG) whatever follows it; a noun with no object is left."""
    repair = default_repair("verbs_read_as_nouns")
    rows = [("brown", "ADJ", "JJ", "amod", 1), ("zebra", "NOUN", "NN", "nsubj", 2),
            ("nursing", "NOUN", "NN", ROOT, None), ("a", *D, 5), ("black", "ADJ", "JJ", "amod", 5),
            ("foal", "NOUN", "NN", "dobj", 2)]
    zebra = repair(graph("brown zebra nursing a black foal", rows))
    assert (zebra[2].pos, zebra[2].tag) == ("VERB", "VBG")
    alone = graph("brown zebra nursing a black foal",
                  [*rows[:5], ("foal", "NOUN", "NN", "appos", 2)])
    assert repair(alone) is alone


def test_verbs_read_as_nouns_make_a_colour_after_the_verb_its_complement():
    """"the aurora ripples/NNS green": ripples, a known intransitive verb after a compound,
    is the verb; green, its adjective, becomes its complement (oprd)."""
    aurora = default_repair("verbs_read_as_nouns")(graph("the aurora ripples green above", [
        ("the", *D, 2), ("aurora", "NOUN", "NN", "compound", 2),
        ("ripples", "NOUN", "NNS", ROOT, None), ("green", "ADJ", "JJ", "amod", 2),
        ("above", "ADV", "RB", "advmod", 3)]))
    assert (aurora[2].pos, aurora[1].relation, aurora[3].relation) == ("VERB", "nsubj", "oprd")


def test_subject_participles_retag_an_ing_tag_without_the_form():
    """"snowflakes cling/VBG to its whiskers": cl- has no vowel, so cling is a present verb
    and keeps its subject; "a dog lying/VBG" (ly-) is a participle and hangs on the dog."""
    repair = default_repair("subject_participles")
    cling = repair(graph("snowflakes cling to whiskers", [
        ("snowflakes", "NOUN", "NNS", "nsubj", 1), ("cling", "VERB", "VBG", ROOT, None),
        ("to", "ADP", "IN", "prep", 1), ("whiskers", "NOUN", "NNS", "pobj", 2)]))
    assert (cling[1].tag, cling[0].relation, cling[0].head) == ("VBP", "nsubj", 1)
    lying = repair(graph("a dog lying on grass", [
        ("a", *D, 1), ("dog", "NOUN", "NN", "nsubj", 2), ("lying", "VERB", "VBG", ROOT, None),
        ("on", "ADP", "IN", "prep", 2), ("grass", "NOUN", "NN", "pobj", 3)]))
    assert (lying[2].tag, lying[2].head, lying[1].head) == ("VBG", 1, None)


def test_tag_objects_read_a_describing_ing_word_and_its_noun_in_a_list_about_someone():
    """"1girl, piercing blue eyes": pierce takes no object in a tag, so the -ing word describes
    the eyes (they take its place); "1girl, eating apple" stays a verb and its object."""
    repair = default_repair("tag_objects")

    def tag(verb: str, noun: str) -> DependencyGraph:
        return graph(f"girl, solo, {verb} blue {noun}, smile", [
            ("girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 0),
            (verb, "VERB", "VBG", "appos", 0), ("blue", "ADJ", "JJ", "amod", 6),
            (noun, "NOUN", "NNS", "dobj", 4), (",", "PUNCT", ",", "punct", 0),
            ("smile", "NOUN", "NN", "appos", 0)])

    eyes = repair(tag("piercing", "eyes"))
    assert [(eyes[i].head, eyes[i].relation) for i in (4, 5, 6)] == [
        (6, "amod"), (6, "amod"), (0, "appos")]
    apple = tag("eating", "apples")
    assert repair(apple) is apple


def test_verbs_by_agreement_read_a_plural_between_two_singulars_as_their_verb_once():
    """"a grandmother in a flowered apron rolls dough on a table" (apron and rolls compounds
    of dough, the object of in): rolls is the verb, dough its object, apron the object of in
    and the grandmother the subject; a second pass changes nothing (no "drape" reading of
    dough after the plural)."""
    repair = default_repair("verbs_by_agreement")
    rows = [("a", *D, 1), ("grandmother", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
            ("a", *D, 6), ("flowered", "ADJ", "JJ", "amod", 6),
            ("apron", "NOUN", "NN", "compound", 6), ("rolls", "NOUN", "NNS", "compound", 7),
            ("dough", "NOUN", "NN", "pobj", 2), ("on", "ADP", "IN", "prep", 7),
            ("a", *D, 10), ("table", "NOUN", "NN", "pobj", 8)]
    once = repair(graph("a grandmother in a flowered apron rolls dough on a table", rows))
    assert (once[6].pos, once[6].tag, once[6].head) == ("VERB", "VBZ", None)
    assert [(once[i].head, once[i].relation) for i in (1, 5, 7)] == [
        (6, "nsubj"), (2, "pobj"), (6, "dobj")]
    assert repair(once) is once


def test_tag_participles_hang_a_tag_final_participle_on_the_noun_before_it():
    """"girl, solo, wind, long hair blowing" with blowing the root over every tag: the
    participle hangs on hair (acl), the first tag takes the root's place."""
    hair = default_repair("tag_participles")(graph("girl, solo, wind, long hair blowing", [
        ("girl", "NOUN", "NN", "nsubj", 8), (",", "PUNCT", ",", "punct", 0),
        ("solo", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 2),
        ("wind", "NOUN", "NN", "conj", 2), (",", "PUNCT", ",", "punct", 4),
        ("long", "ADJ", "JJ", "amod", 7), ("hair", "NOUN", "NN", "conj", 4),
        ("blowing", "VERB", "VBG", ROOT, None)]))
    assert (hair[8].head, hair[8].relation) == (7, "acl")
    assert hair[0].head is None and not hair.has_loop()


def test_participles_read_as_objects_find_coordinated_colours_worn_before_an_ing_word():
    """"a girl in pink and white reaching for a ball" parsed as in [pink and white reaching]:
    the colours are what she is in, reaching is her participle; "a man in black and white
    clothing" (a known noun) is left alone."""
    repair = default_repair("participles_read_as_objects")
    girl = repair(graph("a girl in pink and white reaching for a ball", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("pink", "ADJ", "JJ", "amod", 6), ("and", "CCONJ", "CC", "cc", 3),
        ("white", "ADJ", "JJ", "conj", 3), ("reaching", "NOUN", "NN", "pobj", 2),
        ("for", "ADP", "IN", "prep", 6), ("a", *D, 9), ("ball", "NOUN", "NN", "pobj", 7)]))
    assert [(w.head, w.relation) for w in girl.words[3:7]] == [
        (2, "pobj"), (3, "cc"), (3, "conj"), (1, "acl")]
    assert (girl[6].pos, girl[6].tag) == ("VERB", "VBG")
    assert repair(girl) is girl
    rows = [("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
            ("black", "ADJ", "JJ", "amod", 6), ("and", "CCONJ", "CC", "cc", 3),
            ("white", "ADJ", "JJ", "conj", 3), ("clothing", "NOUN", "NN", "pobj", 2)]
    clothed = graph("a man in black and white clothing", rows)
    assert repair(clothed) is clothed


def test_participles_read_as_objects_find_one_colour_or_a_garment_before_a_known_verb():
    """"a man in white skiing in the snow" (skiing/NN the colour's noun) and "a man in white
    shirt skiing" (shirt the compound of skiing/NN): ski is a known verb, so skiing is the
    man's participle and the colour or the shirt what he is in; "a lamp in a room reading" (no
    wearer) is left alone."""
    repair = default_repair("participles_read_as_objects")
    colour = repair(graph("a man in white skiing in the snow", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("white", "ADJ", "JJ", "amod", 4), ("skiing", "NOUN", "NN", "pobj", 2),
        ("in", "ADP", "IN", "prep", 4), ("the", *D, 7), ("snow", "NOUN", "NN", "pobj", 5)]))
    assert [(w.head, w.relation) for w in colour][3:5] == [(2, "pobj"), (1, "acl")]
    shirt = repair(graph("a man in white shirt skiing", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("white", "ADJ", "JJ", "amod", 5), ("shirt", "NOUN", "NN", "compound", 5),
        ("skiing", "NOUN", "NN", "pobj", 2)]))
    assert [(w.pos, w.head, w.relation) for w in shirt][3:6] == [
        ("ADJ", 4, "amod"), ("NOUN", 2, "pobj"), ("VERB", 1, "acl")]
    lamp = graph("a lamp in a room reading", [
        ("a", *D, 1), ("lamp", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("a", *D, 5), ("room", "NOUN", "NN", "compound", 5), ("reading", "NOUN", "NN", "pobj", 2)])
    assert repair(lamp) is lamp


def test_markup_ends_a_phrase_at_a_chunk_separator():
    """"blue hair BREAK pink hair" (the first hair an nmod of BREAK) and "red dress BREAK green
    cape" (dress a compound of cape, across BREAK): BREAK separates chunks like a comma, so
    what hung on it, or across it, heads a phrase of its own."""
    repair = default_repair("markup")
    hair = repair(graph("blue hair BREAK pink hair", [
        ("blue", "ADJ", "JJ", "amod", 1), ("hair", "NOUN", "NN", "nmod", 2),
        ("BREAK", "PROPN", "NNP", "nmod", 4), ("pink", "ADJ", "JJ", "amod", 4),
        ("hair", "NOUN", "NN", ROOT, None)]))
    assert [(w.pos, w.head, w.relation) for w in hair][1:3] == [
        ("NOUN", 4, "dep"), ("X", 4, "nmod")]
    cape = repair(graph("red dress BREAK green cape", [
        ("red", "ADJ", "JJ", "amod", 1), ("dress", "NOUN", "NN", "compound", 4),
        ("BREAK", "PROPN", "NNP", "punct", 4), ("green", "ADJ", "JJ", "amod", 4),
        ("cape", "NOUN", "NN", ROOT, None)]))
    assert (cape[1].head, cape[1].relation) == (4, "dep")
    assert repair(cape) is cape


def test_markup_hangs_what_hung_on_a_chain_of_separators_above_them_all():
    """A word hung on a BREAK that hangs on another BREAK goes to the head above both, not to
    the second BREAK, where a second pass would move it again (found by the generated-graph
    test: 'a a a a a BREAK a a BREAK', the fifth a on the first BREAK, it on the second, the
    second on the first a)."""
    repair = default_repair("markup")
    rows = [("a", "NOUN", "NN", "nsubj", None)] * 4 + [
        ("a", "NOUN", "NN", "nsubj", 5), ("BREAK", "NOUN", "NN", "nsubj", 8),
        ("a", "NOUN", "NN", "nsubj", None), ("a", "NOUN", "NN", "nsubj", None),
        ("BREAK", "NOUN", "NN", "nsubj", 0)]
    once = repair(graph("a a a a a BREAK a a BREAK", rows))
    assert [(w.pos, w.head, w.relation) for w in once][4:6] == [
        ("NOUN", 0, "dep"), ("X", 0, "dep")]
    assert repair(once) is once


def test_noun_phrases_read_no_noun_into_a_past_tense_known_by_its_lemma():
    """"the shards of the glacier towered over the tundra" (glacier/JJ, towered/VBN on
    shards): towered is known as a noun only by its lemma (tower), so it closes no noun
    phrase of glacier, which is the noun of its own article."""
    repair = default_repair("noun_phrases")
    rows = [("the", *D, 1), ("shards", "NOUN", "NNS", ROOT, None), ("of", "ADP", "IN", "prep", 1),
            ("the", *D, 4), ("glacier", "ADJ", "JJ", "pobj", 2),
            ("towered", "VERB", "VBN", "acl", 1), ("over", "ADP", "IN", "prep", 5),
            ("the", *D, 8), ("tundra", "NOUN", "NN", "pobj", 6)]
    shards = graph("the shards of the glacier towered over the tundra", rows)
    shards = shards.with_words([replace(w, lemma="tower") if w.text == "towered" else w
                                for w in shards])
    assert [(w.pos, w.head) for w in repair(shards).words[4:6]] == [("NOUN", 2), ("VERB", 1)]


def test_markup_patterns_are_lower_case_and_found_case_blind():
    """Markup patterns are matched case-blind against lower-cased text (one expression, read
    once a prompt): a pattern written with capitals could never match there, so it is refused
    when the grammar loads; written in lower case it finds any casing."""
    from binding.grammars.repairs.tags import Markup
    with pytest.raises(ValueError, match="lower case"):
        Markup(open="<", close=">", keywords=["BREAK"], patterns=["EasyNegative"])
    repair = default_repair("markup")
    rows = [("a", *D, 1), ("cat", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
            ("EasyNegative", "PROPN", "NNP", "appos", 1)]
    assert repair(graph("a cat, EasyNegative", rows))[3].pos == "X"


def test_markup_keeps_the_new_head_of_a_markup_word_after_a_separator():
    """A markup word hung on BREAK ("cat BREAK <lora:x:0.5>", the lora tag one word) goes to
    BREAK's head and becomes X in one application: marking it X later in the same pass kept
    its old head, so a second application changed the graph (found by the idempotence test)."""
    repair = default_repair("markup")
    rows = [("cat", "NOUN", "NN", ROOT, None), ("BREAK", "NOUN", "NN", "nsubj", 0),
            ("<lora:x:0.5>", "NOUN", "NN", "nsubj", 1)]
    once = repair(graph("cat BREAK <lora:x:0.5>", rows))
    assert (once[2].pos, once[2].head, once[2].relation) == ("X", 0, "dep")
    assert repair(once) is once


def _nearly(g: DependencyGraph, alternatives: dict[int, tuple[str, ...]]) -> DependencyGraph:
    """The graph with the tags a statistical tagger nearly chose (Word.alternative_tags)."""
    return g.with_words([replace(w, alternative_tags=alternatives.get(w.index, ()))
                         for w in g])


def _two_pets(verb: str) -> DependencyGraph:
    return graph(f"a grey dog and a black cat {verb} on the rug", [
        ("a", *D, 1), ("grey", "ADJ", "JJ", "amod", 2), ("dog", "NOUN", "NN", ROOT, None),
        ("and", "CCONJ", "CC", "cc", 2), ("a", *D, 7), ("black", "ADJ", "JJ", "amod", 6),
        ("cat", "NOUN", "NN", "compound", 7), (verb, "NOUN", "NN", "conj", 2),
        ("on", "ADP", "IN", "prep", 7), ("the", *D, 10), ("rug", "NOUN", "NN", "pobj", 8)])


def test_verbs_read_as_nouns_read_a_noun_the_tagger_nearly_made_a_verb():
    """"a grey dog and a black cat tussle/NN on the rug", tussle hung on the first dog as its
    conjunct and the cat its compound: a "noun" no word list names, which the tagger nearly
    read as a present-tense verb, is the verb, and the two coordinated nouns its subject.
    Without the tagger's doubt it stays a noun (a CoNLL-U file carries none)."""
    repair = default_repair("verbs_read_as_nouns")
    plain = _two_pets("tussle")
    assert repair(plain) is plain
    pets = repair(_nearly(plain, {7: ("VBP",)}))
    assert [(w.pos, w.head, w.relation) for w in pets][2:8] == [
        ("NOUN", 7, "nsubj"), ("CCONJ", 2, "cc"), ("DET", 6, "det"), ("ADJ", 6, "amod"),
        ("NOUN", 2, "conj"), ("VERB", None, ROOT)]


def test_verbs_read_as_nouns_read_a_verb_after_two_coordinated_noun_phrases():
    """"a grey dog and a black cat frolic on the rug": a known verb of doing (unergative)
    closing the second of two coordinated phrases is their verb, whatever the tagger
    doubted; a known noun there stays a noun ("a grey dog and a black cat bed")."""
    repair = default_repair("verbs_read_as_nouns")
    pets = repair(_two_pets("frolic"))
    assert (pets[7].pos, pets[7].head, pets[2].relation, pets[6].relation) == (
        "VERB", None, "nsubj", "conj")
    bed = _two_pets("bed")
    assert repair(_nearly(bed, {7: ("VBP",)})) .words[7].pos == "NOUN"


def test_verbs_read_as_nouns_join_a_plural_to_the_phrase_before_the_conjunction():
    """"dancers in red masks and velvet capes waltz/NN through the hall", dancers the subject
    of waltz and capes its compound: waltz, nearly a plural's verb (VBP), is the verb; capes
    joins masks as its conjunct, and the dancers stay the subject."""
    repair = default_repair("verbs_read_as_nouns")
    dancers = graph("dancers in red masks and velvet capes waltz through the hall", [
        ("dancers", "NOUN", "NNS", "nsubj", 7), ("in", "ADP", "IN", "prep", 0),
        ("red", "ADJ", "JJ", "amod", 3), ("masks", "NOUN", "NNS", "pobj", 1),
        ("and", "CCONJ", "CC", "cc", 0), ("velvet", "NOUN", "NN", "compound", 6),
        ("capes", "NOUN", "NNS", "compound", 7), ("waltz", "NOUN", "NN", ROOT, None),
        ("through", "ADP", "IN", "prep", 7), ("the", *D, 10),
        ("hall", "NOUN", "NN", "pobj", 8)])
    assert repair(dancers) is dancers
    waltz = repair(_nearly(dancers, {7: ("VBP", "NNS")}))
    assert [(w.pos, w.head, w.relation) for w in waltz][6:8] == [
        ("NOUN", 3, "conj"), ("VERB", None, ROOT)]
    assert (waltz[0].head, waltz[0].relation) == (7, "nsubj")


def test_noun_phrases_read_a_word_the_tagger_nearly_made_a_noun():
    """"a blue circle beside a green square/JJ and red rectangle": a word the tagger nearly
    read as a noun, after a describing word, is the phrase's noun; not an adjective
    coordinated after an article ("a cozy/JJ and warm rug") nor a noun's predicate ("skin
    pale/JJ as porcelain"), which the tagger may doubt as much."""
    repair = default_repair("noun_phrases")
    shapes = _nearly(graph("a blue circle beside a green square and red rectangle", [
        ("a", *D, 2), ("blue", "ADJ", "JJ", "amod", 2), ("circle", "NOUN", "NN", ROOT, None),
        ("beside", "ADP", "IN", "prep", 2), ("a", *D, 9), ("green", "ADJ", "JJ", "amod", 9),
        ("square", "ADJ", "JJ", "amod", 9), ("and", "CCONJ", "CC", "cc", 6),
        ("red", "ADJ", "JJ", "conj", 6), ("rectangle", "NOUN", "NN", "pobj", 3)]),
        {6: ("NN",)})
    assert repair(shapes)[6].pos == "NOUN"
    rug = _nearly(graph("a cozy and warm rug", [
        ("a", *D, 4), ("cozy", "ADJ", "JJ", "amod", 4), ("and", "CCONJ", "CC", "cc", 1),
        ("warm", "ADJ", "JJ", "conj", 1), ("rug", "NOUN", "NN", ROOT, None)]), {1: ("NN",)})
    assert repair(rug)[1].pos == "ADJ"
    skin = _nearly(graph("a girl with skin pale as porcelain", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("skin", "NOUN", "NN", "pobj", 2), ("pale", "ADJ", "JJ", "amod", 3),
        ("as", "ADP", "IN", "prep", 4), ("porcelain", "NOUN", "NN", "pobj", 5)]),
        {4: ("NN",)})
    assert repair(skin)[4].pos == "ADJ"


def test_markup_drops_the_tags_the_tagger_weighed():
    """BREAK the tagger nearly read as a noun is markup all the same: no repair after may
    read it as nearly a noun."""
    repair = default_repair("markup")
    hair = repair(_nearly(graph("blue hair BREAK pink hair", [
        ("blue", "ADJ", "JJ", "amod", 1), ("hair", "NOUN", "NN", "nmod", 2),
        ("BREAK", "PROPN", "NNP", "nmod", 4), ("pink", "ADJ", "JJ", "amod", 4),
        ("hair", "NOUN", "NN", ROOT, None)]), {2: ("NN",)}))
    assert (hair[2].pos, hair[2].alternative_tags) == ("X", ())


def test_noun_phrases_take_a_base_form_after_a_singular_noun_for_a_noun():
    """"a bathroom with a corner shower/VB a white toilet", toilet read as the object: a known
    noun in a base or plural present form right after a noun with its own singular article is
    no verb of it (a list without commas), whatever the parser gave it for an object; without
    the article it may be one."""
    repair = default_repair("noun_phrases")
    bathroom = repair(graph("a bathroom with a corner shower a white toilet", [
        ("a", *D, 1), ("bathroom", "NOUN", "NN", "nsubj", 5), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 4), ("corner", "NOUN", "NN", "pobj", 2), ("shower", "VERB", "VB", ROOT, None),
        ("a", *D, 8), ("white", "ADJ", "JJ", "amod", 8), ("toilet", "NOUN", "NN", "dobj", 5)]))
    assert (bathroom[5].pos, bathroom[4].head) == ("NOUN", 5)
    bare = graph("bathrooms with corner shower a white toilet", [
        ("bathrooms", "NOUN", "NNS", "nsubj", 3), ("with", "ADP", "IN", "prep", 0),
        ("corner", "NOUN", "NN", "pobj", 1), ("shower", "VERB", "VB", ROOT, None),
        ("a", *D, 6), ("white", "ADJ", "JJ", "amod", 6), ("toilet", "NOUN", "NN", "dobj", 3)])
    assert repair(bare)[3].pos == "VERB"


def test_symbols_part_nouns_but_keep_the_place_an_emoji_gave_back():
    """"a lily pad 💧 rain": an emoji between two nouns parts them (pad its own item, no
    compound of rain); "on a lily pad 🐸🌿", the last emoji the object of on: pad takes its
    place and stays the object, though another emoji stands between."""
    repair = default_repair("symbols")
    rain = repair(graph("a lily pad 💧 rain", [
        ("a", *D, 2), ("lily", "ADJ", "JJ", "amod", 2), ("pad", "NOUN", "NN", "compound", 4),
        ("💧", "NOUN", "NN", "compound", 4), ("rain", "NOUN", "NN", ROOT, None)]))
    assert (rain[2].head, rain[2].relation) == (4, "appos")
    frog = repair(graph("a frog on a lily pad 🐸🌿", [
        ("a", *D, 1), ("frog", "NOUN", "NN", ROOT, None), ("on", "ADP", "IN", "prep", 1),
        ("a", *D, 7), ("lily", "ADJ", "JJ", "amod", 7), ("pad", "NOUN", "NN", "compound", 7),
        ("🐸", "NOUN", "NN", "compound", 7), ("🌿", "NOUN", "NN", "pobj", 2)]))
    assert (frog[5].head, frog[5].relation) == (2, "pobj")


def test_worn_conjuncts_leave_a_second_wearer_alone():
    """"a man in a hat and a dog": the dog is no garment; it stays the man's conjunct."""
    repair = default_repair("worn_conjuncts")
    dog = graph("a man in a hat and a dog", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("a", *D, 4), ("hat", "NOUN", "NN", "pobj", 2), ("and", "CCONJ", "CC", "cc", 1),
        ("a", *D, 7), ("dog", "NOUN", "NN", "conj", 1)])
    assert repair(dog) is dog


def test_worn_conjuncts_read_what_a_with_phrase_has():
    """"a girl with short hair and a red visor standing": the visor is the girl's, listed
    with her hair (and she stands); "a girl with a hat and a dog": the dog is her conjunct."""
    repair = default_repair("worn_conjuncts")
    visor = repair(graph("a girl with short hair and a red visor standing", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("short", "ADJ", "JJ", "amod", 4), ("hair", "NOUN", "NN", "pobj", 2),
        ("and", "CCONJ", "CC", "cc", 1), ("a", *D, 8), ("red", "ADJ", "JJ", "amod", 8),
        ("visor", "NOUN", "NN", "conj", 1), ("standing", "VERB", "VBG", "acl", 8)]))
    assert (visor[8].head, visor[5].head) == (4, 4)
    dog = graph("a girl with a hat and a dog", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 4), ("hat", "NOUN", "NN", "pobj", 2), ("and", "CCONJ", "CC", "cc", 1),
        ("a", *D, 7), ("dog", "NOUN", "NN", "conj", 1)])
    assert repair(dog) is dog


def test_colour_lists_leave_colours_of_a_noun_after_them_alone():
    """"a scarf in red and blue stripes": the colours describe the stripes, and one colour is
    no list."""
    repair = default_repair("colour_lists")
    stripes = graph("a scarf in red and blue stripes", [
        ("a", *D, 1), ("scarf", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("red", "ADJ", "JJ", "amod", 6), ("and", "CCONJ", "CC", "cc", 3),
        ("blue", "ADJ", "JJ", "conj", 3), ("stripes", "NOUN", "NNS", "pobj", 2)])
    assert repair(stripes) is stripes
    one = graph("a scarf in red, a hat", [
        ("a", *D, 1), ("scarf", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("red", "ADJ", "JJ", "pobj", 2), (",", "PUNCT", ",", "punct", 1), ("a", *D, 6),
        ("hat", "NOUN", "NN", "appos", 1)])
    assert repair(one) is one


def test_colour_lists_read_a_word_before_a_colour_as_its_modifier():
    """"a window in deep red and midnight blue, a choir": deep -> red, midnight -> blue."""
    repair = default_repair("colour_lists")
    window = repair(graph("a window in deep red and midnight blue, a choir", [
        ("a", *D, 1), ("window", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("deep", "ADJ", "JJ", "amod", 4), ("red", "ADJ", "JJ", "amod", 7),
        ("and", "CCONJ", "CC", "cc", 4), ("midnight", "NOUN", "NN", "conj", 1),
        ("blue", "NOUN", "NN", "pobj", 2), (",", "PUNCT", ",", "punct", 1), ("a", *D, 10),
        ("choir", "NOUN", "NN", "appos", 1)]))
    assert [(w.head, w.relation) for w in window][3:8] == [
        (4, "amod"), (2, "pobj"), (4, "cc"), (7, "amod"), (4, "conj")]


def test_tag_subjects_reroot_a_list_whose_root_is_the_last_participle():
    """"1girl, school uniform, looking up": the list hangs on looking, the girl its subject;
    the girl takes the root, looking and the list's other tags hang on her."""
    repair = default_repair("tag_subjects")
    rooted = repair(graph("girl, school uniform, evening, looking up", [
        ("girl", "NOUN", "NN", "nsubj", 7), (",", "PUNCT", ",", "punct", 0),
        ("school", "NOUN", "NN", "compound", 3), ("uniform", "NOUN", "NN", "conj", 0),
        (",", "PUNCT", ",", "punct", 3), ("evening", "NOUN", "NN", "npadvmod", 7),
        (",", "PUNCT", ",", "punct", 7), ("looking", "VERB", "VBG", ROOT, None),
        ("up", "ADP", "RP", "prt", 7)]))
    assert [(w.head, w.relation) for w in rooted][5:9] == [
        (0, "npadvmod"), (0, "punct"), (0, "acl"), (7, "prt")]
    assert (rooted[0].head, rooted[0].relation) == (None, ROOT)


def test_tag_subjects_leave_sentences_alone():
    """"a girl is reading a book by the window" is no tag list: its subject stays."""
    repair = default_repair("tag_subjects")
    sentence = graph("a girl reading, a dog sleeping", [
        ("a", *D, 1), ("girl", "NOUN", "NN", "nsubj", 2), ("reading", "VERB", "VBG", ROOT, None),
        (",", "PUNCT", ",", "punct", 2), ("a", *D, 5), ("dog", "NOUN", "NN", "nsubj", 6),
        ("sleeping", "VERB", "VBG", "conj", 2)])
    assert repair(sentence) is sentence


def test_verbless_sentences_leave_prompts_with_a_verb_and_noun_phrases_alone():
    """"The cat sits on the mat" has its verb; "a stone bridge over a river" is a noun phrase,
    no sentence, and so is the title "The city lights at night"."""
    repair = default_repair("verbless_sentences")
    title = graph("The city lights at night", [
        ("The", *D, 2), ("city", "NOUN", "NN", "compound", 2),
        ("lights", "NOUN", "NNS", ROOT, None), ("at", "ADP", "IN", "prep", 2),
        ("night", "NOUN", "NN", "pobj", 3)])
    assert repair(title) is title
    phrase = graph("a stone bridge over a river", [
        ("a", *D, 2), ("stone", "NOUN", "NN", "compound", 2), ("bridge", "NOUN", "NN", ROOT, None),
        ("over", "ADP", "IN", "prep", 2), ("a", *D, 5), ("river", "NOUN", "NN", "pobj", 3)])
    assert repair(phrase) is phrase
    sentence = graph("The cat sits on the stone bridge over the river", [
        ("The", *D, 1), ("cat", "NOUN", "NN", "nsubj", 2), ("sits", "VERB", "VBZ", ROOT, None),
        ("on", "ADP", "IN", "prep", 2), ("the", *D, 6), ("stone", "NOUN", "NN", "compound", 6),
        ("bridge", "NOUN", "NN", "pobj", 3), ("over", "ADP", "IN", "prep", 6), ("the", *D, 9),
        ("river", "NOUN", "NN", "pobj", 7)])
    assert repair(sentence) is sentence


def test_verbless_sentences_read_any_agreeing_verb_in_a_sentence():
    """"The metallic frame of the building towers over the fence." (towers/NNS, building its
    compound): a prompt that ends as a sentence has a verb, so an -s "noun" that agrees with
    the singular head before it is the verb, known or not; with a plural head the -s word
    does not agree ("The frames of the building towers over ..." is left), and without the
    full stop the prompt may be a title."""
    repair = default_repair("verbless_sentences")
    rows = [("The", *D, 2), ("metallic", "ADJ", "JJ", "amod", 2),
            ("frame", "NOUN", "NN", ROOT, None), ("of", "ADP", "IN", "prep", 2),
            ("the", *D, 6), ("building", "NOUN", "NN", "compound", 6),
            ("towers", "NOUN", "NNS", "pobj", 3), ("over", "ADP", "IN", "prep", 2),
            ("the", *D, 9), ("fence", "NOUN", "NN", "pobj", 7), (".", "PUNCT", ".", "punct", 2)]
    text = "The metallic frame of the building towers over the fence."
    after = repair(graph(text, rows))
    assert (after[6].pos, after[6].tag, after[6].head) == ("VERB", "VBZ", None)
    assert (after[2].relation, after[2].head, after[5].head) == ("nsubj", 6, 3)
    plural = graph(text.replace("frame", "frames"),
                   [("frames", "NOUN", "NNS", ROOT, None) if r[0] == "frame" else r for r in rows])
    assert repair(plural) is plural
    title = graph(text[:-1], rows[:-1])
    assert repair(title) is title


def test_subjects_read_as_verbs_swap_a_singular_read_as_a_verb():
    """"smoke curls from the chimney" tagged smoke/VB with curls/NNS its object: smoke is the
    subject, curls its verb."""
    repair = default_repair("subjects_read_as_verbs")
    smoke = repair(graph("a dog sleeps, smoke curls from the chimney", [
        ("a", *D, 1), ("dog", "NOUN", "NN", "nsubj", 2), ("sleeps", "VERB", "VBZ", ROOT, None),
        (",", "PUNCT", ",", "punct", 2), ("smoke", "VERB", "VB", "conj", 2),
        ("curls", "NOUN", "NNS", "dobj", 4), ("from", "ADP", "IN", "prep", 4), ("the", *D, 8),
        ("chimney", "NOUN", "NN", "pobj", 6)]))
    assert [(w.pos, w.tag, w.relation, w.head) for w in smoke][4:7] == [
        ("NOUN", "NN", "nsubj", 5), ("VERB", "VBZ", "conj", 2), ("ADP", "IN", "prep", 5)]


def test_gerund_participles_leave_a_clause_with_its_own_subject():
    """"a bench with a grey cat watching birds": the -ing word has a subject of its own, so
    "with" opens a clause (the cat watches), not a phrase of watching birds; a numeral the
    parser made the subject ("with one blinking eye") counts the noun, which is read so."""
    repair = default_repair("gerund_participles")
    cat = graph("a bench with a grey cat watching birds", [
        ("a", *D, 1), ("bench", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 5), ("grey", "ADJ", "JJ", "amod", 5), ("cat", "NOUN", "NN", "nsubj", 6),
        ("watching", "VERB", "VBG", "pcomp", 2), ("birds", "NOUN", "NNS", "dobj", 6)])
    assert repair(cat) is cat
    eye = repair(graph("a robot with one blinking eye", [
        ("a", *D, 1), ("robot", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("one", "NUM", "CD", "nsubj", 4), ("blinking", "VERB", "VBG", "pcomp", 2),
        ("eye", "NOUN", "NN", "dobj", 4)]))
    assert [(w.head, w.relation) for w in eye][3:6] == [(5, "nsubj"), (5, "amod"), (2, "pobj")]


def test_gerund_participles_read_verbs_that_take_no_object_after_any_preposition():
    """"lit by flickering torches": torches are not flickered, so flickering describes them;
    "a net for catching fish" keeps its gerund; "a wave crashing over three boats" (over read
    as a quantmod of three) has no bare object."""
    repair = default_repair("gerund_participles")
    lit = graph("lit by flickering torches", [
        ("lit", "VERB", "VBN", ROOT, None), ("by", "ADP", "IN", "agent", 0),
        ("flickering", "VERB", "VBG", "pcomp", 1), ("torches", "NOUN", "NNS", "dobj", 2)])
    torches = repair(lit.with_words([replace(w, lemma="flicker") if w.index == 2 else w
                                     for w in lit]))
    assert [(w.head, w.relation) for w in torches][2:] == [(3, "amod"), (1, "pobj")]
    fish = graph("a net for catching fish", [
        ("a", *D, 1), ("net", "NOUN", "NN", ROOT, None), ("for", "ADP", "IN", "prep", 1),
        ("catching", "VERB", "VBG", "pcomp", 2), ("fish", "NOUN", "NN", "dobj", 3)])
    assert repair(fish) is fish
    boats = graph("a wave crashing over three boats", [
        ("a", *D, 1), ("wave", "NOUN", "NN", ROOT, None), ("crashing", "VERB", "VBG", "acl", 1),
        ("over", "ADP", "IN", "quantmod", 4), ("three", "NUM", "CD", "nummod", 5),
        ("boats", "NOUN", "NNS", "dobj", 2)])
    assert repair(boats) is boats


def test_gerund_participles_read_a_verb_whose_object_acts_itself_as_prenominal():
    """"a skyline, flying cars weaving between towers": fly need take no object, and the cars
    weave themselves, so flying describes them and weaving is theirs; "a woman, holding
    flowers tied with ribbon" keeps its object (hold takes one; tied is no -ing word)."""
    repair = default_repair("gerund_participles")
    cars = graph("skyline , flying cars weaving between towers", [
        ("skyline", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("flying", "VERB", "VBG", "acl", 0), ("cars", "NOUN", "NNS", "dobj", 2),
        ("weaving", "VERB", "VBG", "xcomp", 2), ("between", "ADP", "IN", "prep", 4),
        ("towers", "NOUN", "NNS", "pobj", 5)])
    cars = repair(cars.with_words([replace(w, lemma="fly") if w.index == 2 else w
                                   for w in cars]))
    assert [(w.head, w.relation) for w in cars][2:5] == [(3, "amod"), (0, "appos"), (3, "acl")]
    flowers = graph("woman , holding flowers tied with ribbon", [
        ("woman", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("holding", "VERB", "VBG", "acl", 0), ("flowers", "NOUN", "NNS", "dobj", 2),
        ("tied", "VERB", "VBN", "acl", 3), ("with", "ADP", "IN", "prep", 4),
        ("ribbon", "NOUN", "NN", "pobj", 5)])
    assert repair(flowers) is flowers


def test_prenominal_past_participles_leave_clauses_and_objects_with_determiners_alone():
    """"a boy scattered crumbs" has its subject in its own part; "a boy, painted a fence"
    has a determiner on the object; "leaves, covered in snow" has no bare object; "cut
    paper" (a first part, no subject) is the paper's."""
    repair = default_repair("prenominal_past_participles")
    clause = graph("a boy scattered crumbs", [
        ("a", *D, 1), ("boy", "NOUN", "NN", "nsubj", 2), ("scattered", "VERB", "VBD", ROOT, None),
        ("crumbs", "NOUN", "NNS", "dobj", 2)])
    assert repair(clause) is clause
    fence = graph("a boy, painted a fence", [
        ("a", *D, 1), ("boy", "NOUN", "NN", "nsubj", 3), (",", "PUNCT", ",", "punct", 1),
        ("painted", "VERB", "VBD", ROOT, None), ("a", *D, 5), ("fence", "NOUN", "NN", "dobj", 3)])
    assert repair(fence) is fence
    snow = graph("leaves, covered in snow", [
        ("leaves", "NOUN", "NNS", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("covered", "VERB", "VBN", "acl", 0), ("in", "ADP", "IN", "prep", 2),
        ("snow", "NOUN", "NN", "pobj", 3)])
    assert repair(snow) is snow
    paper = repair(graph("cut paper", [
        ("cut", "VERB", "VBN", ROOT, None), ("paper", "NOUN", "NN", "dobj", 0)]))
    assert [(w.head, w.relation) for w in paper] == [(1, "amod"), (None, ROOT)]


def test_comma_clauses_leave_complements_after_their_verb_and_subjectless_ones_alone():
    """"she says the cat is red" keeps its complement (after the verb, no comma); "reading
    by the fire, a cat curled" has no subject of its own before the comma."""
    repair = default_repair("comma_clauses")
    says = graph("she says the cat is red", [
        ("she", "PRON", "PRP", "nsubj", 1), ("says", "VERB", "VBZ", ROOT, None),
        ("the", *D, 3), ("cat", "NOUN", "NN", "nsubj", 4), ("is", "AUX", "VBZ", "ccomp", 1),
        ("red", "ADJ", "JJ", "acomp", 4)])
    assert repair(says) is says
    reading = graph("reading by the fire, a cat curled", [
        ("reading", "VERB", "VBG", "ccomp", 7), ("by", "ADP", "IN", "prep", 0), ("the", *D, 3),
        ("fire", "NOUN", "NN", "pobj", 1), (",", "PUNCT", ",", "punct", 7), ("a", *D, 6),
        ("cat", "NOUN", "NN", "nsubj", 7), ("curled", "VERB", "VBD", ROOT, None)])
    assert repair(reading) is reading


def test_absolute_phrases_mend_a_with_clause_and_leave_phrases_alone():
    """"sitting with her eyes wide open" parsed as a clause (with its mark, eyes the subject
    of open): the eyes are the object of "with", open their modifier, wide stays on open and
    "with" takes the clause's place. "with a tray full of cookies" keeps a phrase after the
    word; "with a red hat on the table" has no describing word after the noun, and "with its
    doors open wide cars" goes on to a noun."""
    repair = default_repair("absolute_phrases")
    eyes = repair(graph("a girl sitting with her eyes wide open", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("sitting", "VERB", "VBG", "acl", 1),
        ("with", "SCONJ", "IN", "mark", 7), ("her", "PRON", "PRP$", "poss", 5),
        ("eyes", "NOUN", "NNS", "nsubj", 7), ("wide", "ADV", "RB", "advmod", 7),
        ("open", "ADJ", "JJ", "advcl", 2)]))
    assert [(w.head, w.relation) for w in eyes][3:] == [
        (2, "prep"), (5, "poss"), (3, "pobj"), (7, "advmod"), (5, "amod")]
    hat = graph("a man with a red hat on the table", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 5), ("red", "ADJ", "JJ", "amod", 5), ("hat", "NOUN", "NN", "pobj", 2),
        ("on", "ADP", "IN", "prep", 5), ("the", *D, 8), ("table", "NOUN", "NN", "pobj", 6)])
    assert repair(hat) is hat
    cars = graph("a shop with its doors open wide cars", [
        ("a", *D, 1), ("shop", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("its", "PRON", "PRP$", "poss", 4), ("doors", "NOUN", "NNS", "pobj", 2),
        ("open", "ADJ", "JJ", "amod", 7), ("wide", "ADJ", "JJ", "amod", 7),
        ("cars", "NOUN", "NNS", "conj", 4)])
    assert repair(cars) is cars


def test_posture_participles_mend_complements_and_leave_passives_alone():
    """"the man sits hunched over a table": the open complement becomes the verb's clause (the
    depictive participle); "an old car sits abandoned and rusted, and a dog sleeps": the
    subject and the coordinated clause go to sits, the conjoined participle stays. A true
    passive ("the walls are painted") and a participle with an auxiliary of its own ("the cat
    has curled up") are left alone."""
    repair = default_repair("posture_participles")
    hunched = repair(graph("a man sits hunched over a table", [
        ("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 2), ("sits", "VERB", "VBZ", ROOT, None),
        ("hunched", "VERB", "VBN", "xcomp", 2), ("over", "ADP", "IN", "prep", 3), ("a", *D, 6),
        ("table", "NOUN", "NN", "pobj", 4)]))
    assert (hunched[3].head, hunched[3].relation) == (2, "advcl")
    car = repair(graph("a car sits abandoned and rusted , and a dog sleeps", [
        ("a", *D, 1), ("car", "NOUN", "NN", "nsubj", 3), ("sits", "AUX", "VBZ", "auxpass", 3),
        ("abandoned", "VERB", "VBN", ROOT, None), ("and", "CCONJ", "CC", "cc", 3),
        ("rusted", "VERB", "VBN", "conj", 3), (",", "PUNCT", ",", "punct", 3),
        ("and", "CCONJ", "CC", "cc", 3), ("a", *D, 9), ("dog", "NOUN", "NN", "nsubj", 10),
        ("sleeps", "VERB", "VBZ", "conj", 3)]))
    assert [(w.head, w.relation) for w in car][1:] == [
        (2, "nsubj"), (None, ROOT), (2, "advcl"), (3, "cc"), (3, "conj"), (2, "punct"),
        (2, "cc"), (9, "det"), (10, "nsubj"), (2, "conj")]
    for text, auxiliary in (("the walls are painted", "are"), ("the cat has curled", "has")):
        untouched = graph(text, [
            ("the", *D, 1), (text.split()[1], "NOUN", "NNS", "nsubj", 3),
            (auxiliary, "AUX", "VBP", "auxpass", 3), (text.split()[3], "VERB", "VBN", ROOT, None)])
        assert repair(untouched) is untouched


def test_phrase_participles_leave_looks_to_the_thing_and_climb_to_no_frame():
    """A participle of a look is the had thing's, wherever the parser hung it ("a girl with
    long hair braided": braided on girl goes to the hair); a participle of a part climbs to
    no frame ("portrait of a queen with long hair flowing": the with phrase on portrait)."""
    repair = default_repair("phrase_participles")
    braided = repair(graph("a girl with long hair braided", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("long", "ADJ", "JJ", "amod", 4), ("hair", "NOUN", "NN", "pobj", 2),
        ("braided", "VERB", "VBN", "acl", 1)]))
    assert braided[5].head == 4
    flowing = graph("portrait of a queen with long hair flowing", [
        ("portrait", "NOUN", "NN", ROOT, None), ("of", "ADP", "IN", "prep", 0), ("a", *D, 3),
        ("queen", "NOUN", "NN", "pobj", 1), ("with", "ADP", "IN", "prep", 0),
        ("long", "ADJ", "JJ", "amod", 6), ("hair", "NOUN", "NN", "pobj", 4),
        ("flowing", "VERB", "VBG", "acl", 6)])
    assert repair(flowing) is flowing


def test_coordination_gives_a_noun_hung_on_a_colour_to_the_noun_after_it():
    """"orange and white street signs" parsed with street a conjunct of orange (a colour of
    signs): street is the signs' compound, no thing coloured orange and white."""
    repair = default_repair("coordination")
    signs = repair(graph("some orange and white street signs", [
        ("some", *D, 5), ("orange", "PROPN", "NNP", "nmod", 5), ("and", "CCONJ", "CC", "cc", 1),
        ("white", "ADJ", "JJ", "conj", 1), ("street", "NOUN", "NN", "conj", 1),
        ("signs", "NOUN", "NNS", ROOT, None)]))
    assert (signs[4].head, signs[4].relation) == (5, "compound")
    assert (signs[3].head, signs[3].relation) == (1, "conj")


def test_comma_heads_give_a_tag_back_to_the_noun_of_its_participle():
    """"swords drawn, blue flames" parsed with swords the subject of drawn and drawn an
    adjective of flames: the swords head their tag, drawn their participle."""
    repair = default_repair("comma_heads")
    swords = repair(graph("swords drawn , blue flames", [
        ("swords", "NOUN", "NNS", "nsubj", 1), ("drawn", "VERB", "VBN", "amod", 4),
        (",", "PUNCT", ",", "punct", 4), ("blue", "ADJ", "JJ", "amod", 4),
        ("flames", "NOUN", "NNS", ROOT, None)]))
    assert [(w.head, w.relation) for w in swords][:2] == [(4, "appos"), (0, "acl")]


def test_tag_plurals_give_the_verbs_participle_clause_to_the_noun():
    """"temple ruins, overgrown, giant face, mist": ruins/VBZ is the tag's plural noun, and the
    participle the parser hung on the "verb" as its adverbial clause is the noun's."""
    repair = default_repair("tag_plurals")
    ruins = repair(graph("temple ruins , overgrown , giant face , mist", [
        ("temple", "NOUN", "NN", "nsubj", 1), ("ruins", "VERB", "VBZ", ROOT, None),
        (",", "PUNCT", ",", "punct", 1), ("overgrown", "VERB", "VBN", "advcl", 1),
        (",", "PUNCT", ",", "punct", 1), ("giant", "ADJ", "JJ", "amod", 6),
        ("face", "NOUN", "NN", "npadvmod", 1), (",", "PUNCT", ",", "punct", 1),
        ("mist", "NOUN", "NN", "appos", 6)]))
    assert (ruins[1].pos, ruins[0].relation, ruins[3].relation) == ("NOUN", "compound", "acl")


def test_nouns_read_as_verbs_read_a_subjectless_plural_before_its_participle():
    """"sea behind him, seagulls/VBZ flying": a finite verb needs a subject (sea is across the
    comma): seagulls is a plural noun, flying its participle, sea a phrase of its own; "a man
    sits, smiling" keeps its verb."""
    repair = default_repair("nouns_read_as_verbs")
    gulls = repair(graph("sea , seagulls flying", [
        ("sea", "NOUN", "NN", "nsubj", 2), (",", "PUNCT", ",", "punct", 2),
        ("seagulls", "VERB", "VBZ", ROOT, None), ("flying", "VERB", "VBG", "xcomp", 2)]))
    assert [(w.pos, w.tag, w.relation) for w in gulls][2:] == [
        ("NOUN", "NNS", ROOT), ("VERB", "VBG", "acl")]
    assert gulls[0].relation == "dep"
    sits = graph("a man sits smiling", [
        ("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 2), ("sits", "VERB", "VBZ", ROOT, None),
        ("smiling", "VERB", "VBG", "xcomp", 2)])
    assert repair(sits) is sits


def test_verbs_read_as_nouns_give_a_conjoined_noun_to_the_later_verb():
    """"The Nile glitters/NNS ..., and a sphinx lies": glitters, the parser's subject of lies,
    is a verb; sphinx, its conjunct, is the subject of lies, glitters a clause conjoined."""
    repair = default_repair("verbs_read_as_nouns")
    nile = repair(graph("The Nile glitters in sand , and a sphinx lies", [
        ("The", *D, 2), ("Nile", "PROPN", "NNP", "compound", 2),
        ("glitters", "NOUN", "NNS", "nsubj", 9), ("in", "ADP", "IN", "prep", 2),
        ("sand", "NOUN", "NN", "pobj", 3), (",", "PUNCT", ",", "punct", 2),
        ("and", "CCONJ", "CC", "cc", 2), ("a", *D, 8), ("sphinx", "NOUN", "NN", "conj", 2),
        ("lies", "VERB", "VBZ", ROOT, None)]))
    assert [(w.pos, w.relation, w.head) for w in nile][1:3] == [
        ("NOUN", "nsubj", 2), ("VERB", "conj", 9)]
    assert (nile[8].relation, nile[8].head) == ("nsubj", 9)


def test_verbs_read_as_nouns_keep_two_conjoined_clauses_apart():
    """"A bee hovers/NNS near a bush, and a tit perches/NNS on a bath", perches hung on hovers
    as its conjunct: hovers is a verb of its own, so the tit alone is the subject of perches
    (not the bee and the tit, as in "a dog and a cat play/NN")."""
    repair = default_repair("verbs_read_as_nouns")
    bee = repair(graph("A bee hovers near a bush , and a tit perches on a bath", [
        ("A", *D, 2), ("bee", "NOUN", "NN", "compound", 2), ("hovers", "NOUN", "NNS", ROOT, None),
        ("near", "ADP", "IN", "prep", 2), ("a", *D, 5), ("bush", "NOUN", "NN", "pobj", 3),
        (",", "PUNCT", ",", "punct", 2), ("and", "CCONJ", "CC", "cc", 2), ("a", *D, 10),
        ("tit", "NOUN", "NN", "compound", 10), ("perches", "NOUN", "NNS", "conj", 2),
        ("on", "ADP", "IN", "prep", 10), ("a", *D, 13), ("bath", "NOUN", "NN", "pobj", 11)]))
    assert [(w.pos, w.relation, w.head) for w in bee][9:11] == [
        ("NOUN", "nsubj", 10), ("VERB", "conj", 2)]
    assert (bee[1].relation, bee[2].pos) == ("nsubj", "VERB")


def test_phrase_participles_leave_a_past_participle_on_the_owners_part_to_the_had_thing():
    """"a woman with a basket balanced on her head": her head is the owner's, so the basket is
    balanced; "a woman with a bag walking in her garden": an -ing participle's phrase is
    where the owner walks."""
    repair = default_repair("phrase_participles")
    rows = lambda tag: [  # noqa: E731
        ("a", *D, 1), ("woman", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
        ("a", *D, 4), ("basket", "NOUN", "NN", "pobj", 2), ("balanced", "VERB", tag, "acl", 4),
        ("on", "ADP", "IN", "prep", 5), ("her", "PRON", "PRP$", "poss", 8),
        ("head", "NOUN", "NN", "pobj", 6)]
    basket = graph("a woman with a basket balanced on her head", rows("VBN"))
    assert repair(basket) is basket
    walking = repair(graph("a woman with a basket balanced on her head", rows("VBG")))
    assert walking[5].head == 1


def test_possessive_classifiers_leave_drawn_possessors_alone():
    """"the driver's scarf": the driver is drawn; "a chef's hands": the hands are the chef's
    (a part, drawn with its whole)."""
    repair = default_repair("possessive_classifiers")
    for text, first, noun in (("the driver's scarf", "the", "scarf"),
                              ("a chef's hands", "a", "hands")):
        owner = text.split()[1][:-2]
        g = graph(text, [(first, *D, 1), (owner, "NOUN", "NN", "poss", 3),
                         ("'s", "PART", "POS", "case", 1), (noun, "NOUN", "NNS", ROOT, None)])
        assert repair(g) is g, text


def test_possessive_classifiers_read_a_plural_of_people_as_whom_a_thing_is_for():
    """"the men's restroom": men names the kind of restroom, with "the" as without an article
    ("children's drawings"); "the children's hands" are a part, drawn with the children."""
    repair = default_repair("possessive_classifiers")
    rows = [("the", *D, 1), ("men", "NOUN", "NNS", "poss", 3), ("'s", "PART", "POS", "case", 1),
            ("restroom", "NOUN", "NN", ROOT, None)]
    restroom = repair(graph("the men's restroom", rows))
    assert (restroom[0].head, restroom[1].relation) == (3, "compound")
    hands = graph("the children's hands", [
        ("the", *D, 1), ("children", "NOUN", "NNS", "poss", 3),
        ("'s", "PART", "POS", "case", 1), ("hands", "NOUN", "NNS", ROOT, None)])
    assert repair(hands) is hands


def test_comma_subjects_give_the_verb_the_noun_phrase_right_before_it():
    """"stacks of books, a tabby curled on a cushion" (stacks the subject, tabby in apposition
    to it): the tabby is the subject; "battle, a dragon with wings breathes fire": the dragon,
    head of the phrase before the verb, not wings; a conjunct of the subject ("a shower, a
    shelf, and sink make up a bathroom") is part of it and stays."""
    repair = default_repair("comma_subjects")
    tabby = repair(graph("stacks, a tabby curled on a cushion", [
        ("stacks", "NOUN", "NNS", "nsubj", 4), (",", "PUNCT", ",", "punct", 0), ("a", *D, 3),
        ("tabby", "NOUN", "NN", "appos", 0), ("curled", "VERB", "VBD", ROOT, None),
        ("on", "ADP", "IN", "prep", 4), ("a", *D, 7), ("cushion", "NOUN", "NN", "pobj", 5)]))
    assert [(w.head, w.relation) for w in tabby][:4] == [
        (4, "dep"), (0, "punct"), (3, "det"), (4, "nsubj")]
    dragon = repair(graph("battle, a dragon with wings breathes fire", [
        ("battle", "NOUN", "NN", "nsubj", 6), (",", "PUNCT", ",", "punct", 0), ("a", *D, 3),
        ("dragon", "NOUN", "NN", "appos", 0), ("with", "ADP", "IN", "prep", 3),
        ("wings", "NOUN", "NNS", "pobj", 4), ("breathes", "VERB", "VBZ", ROOT, None),
        ("fire", "NOUN", "NN", "dobj", 6)]))
    assert [(w.head, w.relation) for w in dragon][:6] == [
        (6, "dep"), (0, "punct"), (3, "det"), (6, "nsubj"), (3, "prep"), (4, "pobj")]
    sink = graph("shower, and sink make up a bathroom", [
        ("shower", "NOUN", "NN", "nsubj", 4), (",", "PUNCT", ",", "punct", 0),
        ("and", "CCONJ", "CC", "cc", 0), ("sink", "NOUN", "NN", "conj", 0),
        ("make", "VERB", "VBP", ROOT, None), ("up", "ADP", "RP", "prt", 4), ("a", *D, 7),
        ("bathroom", "NOUN", "NN", "dobj", 4)])
    assert repair(sink) is sink


def test_comma_subjects_free_an_adverbial_noun_across_a_comma():
    """"street at night, taxis pass by" (street an npadvmod of pass): the street is a phrase
    of its own; "taxis pass by today" keeps its adverbial noun, no comma between."""
    repair = default_repair("comma_subjects")
    street = repair(graph("street, taxis pass by", [
        ("street", "NOUN", "NN", "npadvmod", 3), (",", "PUNCT", ",", "punct", 3),
        ("taxis", "NOUN", "NNS", "nsubj", 3), ("pass", "VERB", "VBP", ROOT, None),
        ("by", "ADV", "RB", "advmod", 3)]))
    assert street[0].relation == "dep"
    today = graph("taxis, pass by today", [
        ("taxis", "NOUN", "NNS", "nsubj", 2), (",", "PUNCT", ",", "punct", 2),
        ("pass", "VERB", "VBP", ROOT, None), ("by", "ADV", "RB", "advmod", 2),
        ("today", "NOUN", "NN", "npadvmod", 2)])
    assert repair(today) is today


def test_comma_subjects_leave_coordinated_subjects_alone():
    """"a cat and a dog sit": one subject and its conjunct, no second subject."""
    repair = default_repair("comma_subjects")
    both = graph("a cat and a dog sit", [
        ("a", *D, 1), ("cat", "NOUN", "NN", "nsubj", 5), ("and", "CCONJ", "CC", "cc", 1),
        ("a", *D, 4), ("dog", "NOUN", "NN", "conj", 1), ("sit", "VERB", "VBP", ROOT, None)])
    assert repair(both) is both


def test_adjectives_read_as_nouns_leave_nouns_with_words_before_them_alone():
    """"a famous" has a determiner and "ten wireless" a numeral before the word: nouns;
    "nucleus" has no adjective's ending."""
    repair = default_repair("adjectives_read_as_nouns")
    for text, rows in (
            ("a famous", [("a", *D, 1), ("famous", "NOUN", "NN", ROOT, None)]),
            ("ten wireless", [("ten", "NUM", "CD", "nummod", 1),
                              ("wireless", "NOUN", "NN", ROOT, None)]),
            ("nucleus", [("nucleus", "NOUN", "NN", ROOT, None)])):
        g = graph(text, rows)
        assert repair(g) is g, text


def test_participles_read_as_modifiers_need_someone_who_acts_and_a_verb():
    """"a garden sprinkling system": a garden does nothing; "a girl painting": painting is a
    thing too, so "a girl painting flowers" is left to the parse."""
    repair = default_repair("participles_read_as_modifiers")
    for text, first in (("a garden sprinkling system", "garden"),
                        ("a girl painting flowers", "girl")):
        verb, noun = text.split()[2:]
        g = graph(text, [("a", *D, 3), (first, "NOUN", "NN", "compound", 3),
                         (verb, "NOUN", "NN", "compound", 3), (noun, "NOUN", "NNS", ROOT, None)])
        assert repair(g) is g, text


def test_partitions_need_a_group_and_two_parts():
    """"a chair, one blue" has no group and one part; "two chairs one blue" one part only."""
    repair = default_repair("partitions")
    chair = graph("a chair one blue and one pink", [
        ("a", *D, 1), ("chair", "NOUN", "NN", ROOT, None), ("one", "NUM", "CD", "nummod", 3),
        ("blue", "ADJ", "JJ", "amod", 1), ("and", "CCONJ", "CC", "cc", 3),
        ("one", "NUM", "CD", "nummod", 6), ("pink", "ADJ", "JJ", "conj", 3)])
    assert repair(chair) is chair
    one = graph("two chairs one blue", [
        ("two", "NUM", "CD", "nummod", 1), ("chairs", "NOUN", "NNS", ROOT, None),
        ("one", "NUM", "CD", "nummod", 3), ("blue", "ADJ", "JJ", "amod", 1)])
    assert repair(one) is one


def test_nouns_read_as_verbs_read_a_counted_plural():
    """"Three cows two black": a numeral takes no singular verb, so cows/VBZ is the plural
    noun; "two birds sits" has a plural subject: the caption's own slip, left alone."""
    repair = default_repair("nouns_read_as_verbs")
    cows = repair(graph("Three cows two black", [
        ("Three", "NUM", "CD", "nsubj", 1), ("cows", "VERB", "VBZ", ROOT, None),
        ("two", "NUM", "CD", "nummod", 3), ("black", "ADJ", "JJ", "acomp", 1)]))
    assert [(w.pos, w.tag, w.relation) for w in cows][:2] == [
        ("NUM", "CD", "nummod"), ("NOUN", "NNS", ROOT)]
    birds = graph("two birds sits", [
        ("two", "NUM", "CD", "nummod", 1), ("birds", "NOUN", "NNS", "nsubj", 2),
        ("sits", "VERB", "VBZ", ROOT, None)])
    assert repair(birds) is birds


def test_closed_class_nouns_leave_pronouns_and_gerunds_with_objects_alone():
    """"she holds it", "its" are pronouns; "for painting walls" is a gerund with its object."""
    repair = default_repair("closed_class_nouns")
    she = graph("she holds its cup for painting walls", [
        ("she", "PRON", "PRP", "nsubj", 1), ("holds", "VERB", "VBZ", ROOT, None),
        ("its", "PRON", "PRP$", "poss", 3), ("cup", "NOUN", "NN", "dobj", 1),
        ("for", "ADP", "IN", "prep", 3), ("painting", "VERB", "VBG", "pobj", 4),
        ("walls", "NOUN", "NNS", "dobj", 5)])
    assert repair(she) is she


def test_closed_class_nouns_read_auxiliaries_that_are_none():
    """"seagulls/AUX circling above": no auxiliary, so the verb's subject; a real auxiliary
    stays; and a word tagged an auxiliary that is no subject still meets the other tests (a
    bare -ing object of a preposition is a noun, whatever the tagger called it)."""
    repair = default_repair("closed_class_nouns")
    seagulls = graph("seagulls circling above", [
        ("seagulls", "AUX", "VBZ", "aux", 1), ("circling", "VERB", "VBG", ROOT, None),
        ("above", "ADV", "RB", "advmod", 1)])
    first = repair(seagulls)[0]
    assert (first.pos, first.tag, first.relation) == ("NOUN", "NNS", "nsubj")
    helping = graph("birds are circling", [
        ("birds", "NOUN", "NNS", "nsubj", 2), ("are", "AUX", "VBP", "aux", 2),
        ("circling", "VERB", "VBG", ROOT, None)])
    assert repair(helping) is helping
    scaffolding = graph("workers on scaffolding", [
        ("workers", "NOUN", "NNS", ROOT, None), ("on", "ADP", "IN", "prep", 0),
        ("scaffolding", "AUX", "VBG", "pobj", 1)])
    third = repair(scaffolding)[2]
    assert (third.pos, third.tag) == ("NOUN", "NN")


def test_unpunctuated_lists_leave_shades_and_undescribed_modifiers_alone():
    """"a dark forest green jacket": forest names the shade; "a coffee white mug": coffee has
    no describing word of its own."""
    repair = default_repair("unpunctuated_lists")
    forest = graph("a dark forest green jacket", [
        ("a", *D, 4), ("dark", "ADJ", "JJ", "amod", 4), ("forest", "NOUN", "NN", "compound", 3),
        ("green", "ADJ", "JJ", "amod", 4), ("jacket", "NOUN", "NN", ROOT, None)])
    assert repair(forest) is forest
    coffee = graph("a coffee white mug", [
        ("a", *D, 3), ("coffee", "NOUN", "NN", "compound", 3), ("white", "ADJ", "JJ", "amod", 3),
        ("mug", "NOUN", "NN", ROOT, None)])
    assert repair(coffee) is coffee


def test_unpunctuated_lists_part_a_plural_from_an_articled_singular():
    """"wearing a red ski jacket goggles and a helmet" (jacket a compound of goggles, the
    article on goggles) -> jacket heads "a red ski jacket", goggles is an item of its own; a
    material names what the plural is made of ("a leather shoes"), and a plural that goes on
    ("a fishing boat ties up") ends no item."""
    repair = default_repair("unpunctuated_lists")
    rows = [("a", *D, 4), ("red", "ADJ", "JJ", "amod", 2), ("ski", "NOUN", "NN", "compound", 4),
            ("jacket", "NOUN", "NN", "compound", 4), ("goggles", "NOUN", "NNS", ROOT, None),
            ("and", "CCONJ", "CC", "cc", 4), ("a", *D, 7), ("helmet", "NOUN", "NN", "conj", 4)]
    goggles = repair(graph("a red ski jacket goggles and a helmet", rows))
    assert (goggles[3].head, goggles[3].relation) == (4, "appos")
    assert goggles[0].head == goggles[2].head == 3
    leather = graph("a leather shoes and a helmet", [
        ("a", *D, 2), ("leather", "NOUN", "NN", "compound", 2),
        ("shoes", "NOUN", "NNS", ROOT, None), ("and", "CCONJ", "CC", "cc", 2), ("a", *D, 5),
        ("helmet", "NOUN", "NN", "conj", 2)])
    assert repair(leather) is leather
    office = graph("a bottle and office supplies", [
        ("a", *D, 4), ("bottle", "NOUN", "NN", "conj", 4), ("and", "CCONJ", "CC", "cc", 1),
        ("office", "NOUN", "NN", "compound", 4), ("supplies", "NOUN", "NNS", ROOT, None)])
    assert repair(office) is office
    ties = graph("a fishing boat ties up", [
        ("a", *D, 3), ("fishing", "NOUN", "NN", "compound", 3),
        ("boat", "NOUN", "NN", "compound", 3), ("ties", "NOUN", "NNS", ROOT, None),
        ("up", "ADP", "RP", "prt", 3)])
    assert repair(ties) is ties


def test_coordinated_gerunds_leave_nouns_of_things_alone():
    """"a chef is decorating a cake with frosting and icing": icing is no verb of the lists."""
    repair = default_repair("coordinated_gerunds")
    cake = graph("a chef is decorating a cake with frosting and icing.", [
        ("a", *D, 1), ("chef", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
        ("decorating", "VERB", "VBG", ROOT, None), ("a", *D, 5), ("cake", "NOUN", "NN", "dobj", 3),
        ("with", "ADP", "IN", "prep", 5), ("frosting", "NOUN", "NN", "pobj", 6),
        ("and", "CCONJ", "CC", "cc", 7), ("icing", "NOUN", "NN", "conj", 7),
        (".", "PUNCT", ".", "punct", 3)])
    assert repair(cake) is cake


def test_coordinated_gerunds_keep_the_verbs_own_preposition():
    """"a woman is holding a book and reading in a corner" (reading/NN a conjunct of holding,
    with in hung on it) -> reading is the clause's second verb; a "noun" with an object of
    its own is left alone."""
    repair = default_repair("coordinated_gerunds")
    rows = [("a", *D, 1), ("woman", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
            ("holding", "VERB", "VBG", ROOT, None), ("a", *D, 5), ("book", "NOUN", "NN", "dobj", 3),
            ("and", "CCONJ", "CC", "cc", 3), ("reading", "NOUN", "NN", "conj", 3),
            ("in", "ADP", "IN", "prep", 7), ("a", *D, 10), ("corner", "NOUN", "NN", "pobj", 8)]
    reading = repair(graph("a woman is holding a book and reading in a corner", rows))
    assert (reading[7].pos, reading[7].tag, reading[7].head) == ("VERB", "VBG", 3)
    rows[8:] = [("a", *D, 9), ("novel", "NOUN", "NN", "dobj", 7)]
    novel = graph("a woman is holding a book and reading a novel", rows)
    assert repair(novel) is novel


def test_coordinated_gerunds_move_an_ing_verb_off_the_object():
    """"a child is playing with a toy and gazing at the stars" (gazing/VBG a conjunct of toy)
    -> gazing is the second verb of the progressive; a conjunct of a noun with a subject of
    its own is left alone."""
    repair = default_repair("coordinated_gerunds")
    rows = [("a", *D, 1), ("child", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
            ("playing", "VERB", "VBG", ROOT, None), ("with", "ADP", "IN", "prep", 3),
            ("a", *D, 6), ("toy", "NOUN", "NN", "pobj", 4), ("and", "CCONJ", "CC", "cc", 6),
            ("gazing", "VERB", "VBG", "conj", 6), ("up", "ADV", "RB", "advmod", 8)]
    after = repair(graph("a child is playing with a toy and gazing up", rows))
    assert (after[8].head, after[8].relation) == (3, "conj")
    titles = graph("a toy and gazing", [("a", *D, 1), ("toy", "NOUN", "NN", ROOT, None),
                                          ("and", "CCONJ", "CC", "cc", 1),
                                          ("gazing", "VERB", "VBG", "conj", 1)])
    assert repair(titles) is titles  # no progressive above: nothing to hang it on


def test_coordinated_gerunds_give_the_second_verb_its_object():
    """"measuring and recording data" (data a conjunct of measuring) -> data is recording's
    object; a second verb that has one keeps it."""
    repair = default_repair("coordinated_gerunds")
    rows = [("measuring", "VERB", "VBG", ROOT, None), ("and", "CCONJ", "CC", "cc", 0),
            ("recording", "VERB", "VBG", "conj", 0), ("data", "NOUN", "NNS", "conj", 0)]
    after = repair(graph("measuring and recording data", rows))
    assert (after[3].head, after[3].relation) == (2, "dobj")
    has_one = graph("measuring and recording it data", [
        ("measuring", "VERB", "VBG", ROOT, None), ("and", "CCONJ", "CC", "cc", 0),
        ("recording", "VERB", "VBG", "conj", 0), ("it", "PRON", "PRP", "dobj", 2),
        ("data", "NOUN", "NNS", "conj", 0)])
    assert repair(has_one) is has_one


def test_adjectives_read_as_nouns_lower_case_proper_nouns():
    """"the cozy, dimly lit cottage" with cozy/PROPN an amod -> an adjective; a capitalised
    name ("Tokyo street") stays."""
    repair = default_repair("adjectives_read_as_nouns")
    rows = [("the", *D, 2), ("cozy", "PROPN", "NNP", "amod", 2),
            ("cottage", "NOUN", "NN", ROOT, None)]
    after = repair(graph("the cozy cottage", rows))
    assert (after[1].pos, after[1].tag, after[1].relation) == ("ADJ", "JJ", "amod")
    name = graph("a Tokyo street", [("a", *D, 2), ("Tokyo", "PROPN", "NNP", "amod", 2),
                                    ("street", "NOUN", "NN", ROOT, None)])
    assert repair(name) is name
    smith = graph("a blacksmith hammers", [("a", *D, 1),
                                           ("blacksmith", "PROPN", "NNP", "amod", 2),
                                           ("hammers", "NOUN", "NNS", ROOT, None)])
    assert repair(smith) is smith  # no adjective's ending: a noun, whatever the parse


def test_subjectless_clauses_move_a_subject_off_the_auxiliary():
    """"a cow is mooing" with cow under "is" -> cow is mooing's subject; "a cat that is
    sleeping" with the cat under "is" and sleeping a clause of the cat is left as it is
    (moving it would make a loop)."""
    repair = default_repair("subjectless_clauses")
    rows = [("a", *D, 1), ("cow", "NOUN", "NN", "nsubj", 2), ("is", "AUX", "VBZ", "aux", 3),
            ("mooing", "VERB", "VBG", ROOT, None)]
    after = repair(graph("a cow is mooing", rows))
    assert (after[1].head, after[1].relation) == (3, "nsubj")
    ring = graph("a cat is sleeping", [
        ("a", *D, 1), ("cat", "NOUN", "NN", "nsubj", 2), ("is", "AUX", "VBZ", "aux", 3),
        ("sleeping", "VERB", "VBG", "relcl", 1)])
    assert repair(ring) is ring


def test_nouns_read_as_verbs_a_bare_form_after_a_participle_is_a_tag():
    """"a cabin, snow falling, smoke from the chimney" (smoke/VB a conjunct of falling) -> a
    noun, a tag of the list: a bare form joins no participle."""
    repair = default_repair("nouns_read_as_verbs")
    rows = [("a", *D, 1), ("cabin", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
            ("snow", "NOUN", "NN", "nsubj", 4), ("falling", "VERB", "VBG", "appos", 1),
            (",", "PUNCT", ",", "punct", 4), ("smoke", "VERB", "VB", "conj", 4),
            ("from", "ADP", "IN", "prep", 6), ("the", *D, 9),
            ("chimney", "NOUN", "NN", "pobj", 7)]
    after = repair(graph("a cabin, snow falling, smoke from the chimney", rows))
    assert (after[6].pos, after[6].tag, after[6].head) == ("NOUN", "NN", 1)


def test_verbs_by_agreement_reads_the_parsers_own_subject_and_keeps_earlier_clauses():
    repair = default_repair("verbs_by_agreement")
    rows = [("rain", "NOUN", "NN", "nsubj", 1), ("streaks", "VERB", "VBZ", "ccomp", 6),
            ("down", "ADP", "RP", "prt", 1), (",", "PUNCT", ",", "punct", 6),
            ("a", *D, 5), ("cat", "NOUN", "NN", "nsubj", 6),
            ("sleeps", "NOUN", "NNS", ROOT, None), ("curled", "VERB", "VBN", "acl", 6)]
    after = repair(graph("rain streaks down , a cat sleeps curled", rows))
    assert (after[6].pos, after[6].tag) == ("VERB", "VBZ")
    assert (after[5].head, after[5].relation) == (6, "nsubj")
    # the clause before the comma stays the verb's, not the subject's
    assert after[1].head == 6 and after[3].head == 6
    # no article, no verb: "fairy lights" may be the parser's odd subject of a plural noun
    rows = [("fairy", "NOUN", "NN", "nsubj", 1), ("lights", "NOUN", "NNS", ROOT, None)]
    before = graph("fairy lights", rows)
    assert repair(before)[1].pos == "NOUN"


def test_predicative_objects_give_a_colours_phrases_to_the_verb():
    repair = default_repair("predicative_objects")
    rows = [("lanterns", "NOUN", "NNS", "nsubj", 1), ("glow", "VERB", "VBP", ROOT, None),
            ("orange", "NOUN", "NN", "dobj", 1), ("along", "ADP", "IN", "prep", 2),
            ("the", *D, 5), ("river", "NOUN", "NN", "pobj", 3)]
    after = repair(graph("lanterns glow orange along the river", rows))
    assert after[2].relation == "oprd" and after[3].head == 1
    rows = [("a", *D, 1), ("car", "NOUN", "NN", "nsubj", 2), ("painted", "VERB", "VBD", ROOT, None),
            ("red", "ADJ", "JJ", "acomp", 2), ("with", "ADP", "IN", "prep", 3),
            ("stripes", "NOUN", "NNS", "pobj", 4)]
    assert repair(graph("a car painted red with stripes", rows))[4].head == 2
    # a noun complement keeps its phrase: "the colour of the sea"
    rows = [("a", *D, 1), ("car", "NOUN", "NN", "nsubj", 2), ("looks", "VERB", "VBZ", ROOT, None),
            ("tall", "ADJ", "JJ", "acomp", 2), ("for", "ADP", "IN", "prep", 3),
            ("kids", "NOUN", "NNS", "pobj", 4)]
    before = graph("a car looks tall for kids", rows)
    assert repair(before)[4].head == 3


def test_subjectless_clauses_take_a_sibling_noun_that_agrees():
    repair = default_repair("subjectless_clauses")
    rows = [("katana", "NOUN", "NN", "nsubj", 1), ("drawn", "VERB", "VBN", ROOT, None),
            (",", "PUNCT", ",", "punct", 3), ("leaves", "NOUN", "VBZ", "conj", 1),
            ("swirl", "VERB", "VB", "conj", 1), ("around", "ADP", "IN", "prep", 4)]
    after = repair(graph("katana drawn , leaves swirl around", rows))
    assert (after[3].head, after[3].relation, after[3].tag) == (4, "nsubj", "NNS")
    # a singular noun does not agree with the base form: left alone
    rows[3] = ("leaf", "NOUN", "NN", "conj", 1)
    before = graph("katana drawn , leaf swirl around", rows)
    assert repair(before)[3].head == 1


def test_subjectless_clauses_take_an_apposition_right_before_the_verb():
    """"Perched on a cliff, a monastery overlooks a valley" (monastery an appos of cliff,
    overlooks without subject): the noun right before the verb, agreeing with it, is its
    subject; a plural does not agree with the -s form."""
    repair = default_repair("subjectless_clauses")
    rows = [("Perched", "VERB", "VBN", "advcl", 5), ("on", "ADP", "IN", "prep", 0),
            ("cliff", "NOUN", "NN", "pobj", 1), (",", "PUNCT", ",", "punct", 2),
            ("monastery", "NOUN", "NN", "appos", 2), ("overlooks", "VERB", "VBZ", ROOT, None),
            ("valley", "NOUN", "NN", "dobj", 5)]
    after = repair(graph("Perched on cliff , monastery overlooks valley", rows))
    assert (after[4].head, after[4].relation) == (5, "nsubj")
    rows[4] = ("monasteries", "NOUN", "NNS", "appos", 2)
    before = graph("Perched on cliff , monasteries overlooks valley", rows)
    assert repair(before) is before


def test_participles_with_a_subject_across_a_comma_describe_the_last_tag():
    """"photography of a cafe, tables and chairs lined up on the sidewalk" (photography the
    subject of lined across the comma, chairs its conjunct right before it): a list of tags,
    the participle describes the last; the subject takes the verb's place. Both where the
    tagger said participle (subject_participles) and where it said past tense
    (caption_participles)."""
    rows = [("photography", "NOUN", "NN", "nsubj", 6), ("of", "ADP", "IN", "prep", 0),
            ("cafe", "NOUN", "NN", "pobj", 1), (",", "PUNCT", ",", "punct", 0),
            ("tables", "NOUN", "NNS", "appos", 0), ("chairs", "NOUN", "NNS", "conj", 0),
            ("lined", "VERB", "VBN", ROOT, None), ("up", "ADP", "RP", "prt", 6),
            ("on", "ADP", "IN", "prep", 6), ("sidewalk", "NOUN", "NN", "pobj", 8)]
    text = "photography of cafe , tables chairs lined up on sidewalk"
    for name, tag in (("subject_participles", "VBN"), ("caption_participles", "VBD")):
        rows[6] = ("lined", "VERB", tag, ROOT, None)
        after = default_repair(name)(graph(text, rows))
        assert (after[0].head, after[0].relation) == (None, ROOT), name
        assert (after[6].head, after[6].relation, after[6].tag) == (5, "acl", "VBN"), name
    # with no comma between, the subject right before it stays the participle's noun
    near = default_repair("subject_participles")(graph("tables lined up", [
        ("tables", "NOUN", "NNS", "nsubj", 1), ("lined", "VERB", "VBN", ROOT, None),
        ("up", "ADP", "RP", "prt", 1)]))
    assert (near[1].head, near[1].relation) == (0, "acl")


def test_caption_participles_read_participle_only_forms_as_participles():
    repair = default_repair("caption_participles")
    rows = [("his", "PRON", "PRP$", "poss", 1), ("katana", "NOUN", "NN", "nsubj", 2),
            ("drawn", "VERB", "VBD", ROOT, None)]
    assert repair(graph("his katana drawn", rows))[2].tag == "VBN"
    rows = [("he", "PRON", "PRP", "nsubj", 1), ("drew", "VERB", "VBD", ROOT, None)]
    before = graph("he drew", rows)
    assert repair(before)[1].tag == "VBD"


def test_caption_participles_read_a_past_form_shared_with_the_participle_as_one():
    """"a clock tower lit/VBD up at night": light takes an object, and lit has none, so it is
    the participle, as a regular -ed form is; "a man built a shed" keeps its past tense."""
    repair = default_repair("caption_participles")
    tower = repair(graph("a tower lit up at night", [
        ("a", *D, 1), ("tower", "NOUN", "NN", "nsubj", 2), ("lit", "VERB", "VBD", ROOT, None),
        ("up", "ADP", "RP", "prt", 2), ("at", "ADP", "IN", "prep", 2),
        ("night", "NOUN", "NN", "pobj", 4)]))
    assert tower[2].tag == "VBN"
    shed = graph("a man built a shed", [
        ("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 2), ("built", "VERB", "VBD", ROOT, None),
        ("a", *D, 4), ("shed", "NOUN", "NN", "dobj", 2)])
    assert repair(shed)[2].tag == "VBD"


def test_caption_participles_read_an_absolute_phrase_of_a_bare_participle():
    """"..., his eyes shut, a felt hat ..." (shut/VBP, the hat its "object" across a comma) and
    "..., its hull split/VBD open": a verb whose participle is its base form, right after a
    possessed subject a comma sets off, is that participle; "his eyes shut the door" (an
    object) and "they shut" (no possessive) are left alone."""
    repair = default_repair("caption_participles")
    eyes = repair(graph("a man sings, his eyes shut, a hat", [
        ("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 2), ("sings", "VERB", "VBZ", "ccomp", 6),
        (",", "PUNCT", ",", "punct", 6), ("his", "PRON", "PRP$", "poss", 5),
        ("eyes", "NOUN", "NNS", "nsubj", 6), ("shut", "VERB", "VBP", ROOT, None),
        (",", "PUNCT", ",", "punct", 6), ("a", *D, 9), ("hat", "NOUN", "NN", "dobj", 6)]))
    assert (eyes[6].tag, eyes[9].relation) == ("VBN", "dep")
    hull = repair(graph("a ship, its hull split open", [
        ("a", *D, 1), ("ship", "NOUN", "NN", "dep", 5), (",", "PUNCT", ",", "punct", 5),
        ("its", "PRON", "PRP$", "poss", 4), ("hull", "NOUN", "NN", "nsubj", 5),
        ("split", "VERB", "VBD", ROOT, None), ("open", "ADJ", "JJ", "advmod", 5)]))
    assert hull[5].tag == "VBN"
    for text, rows in (
            ("a man, his eyes shut the door", [
                ("a", *D, 1), ("man", "NOUN", "NN", "dep", 5), (",", "PUNCT", ",", "punct", 5),
                ("his", "PRON", "PRP$", "poss", 4), ("eyes", "NOUN", "NNS", "nsubj", 5),
                ("shut", "VERB", "VBP", ROOT, None), ("the", *D, 7),
                ("door", "NOUN", "NN", "dobj", 5)]),
            ("birds, they shut", [
                ("birds", "NOUN", "NNS", "dep", 3), (",", "PUNCT", ",", "punct", 3),
                ("they", "PRON", "PRP", "nsubj", 3), ("shut", "VERB", "VBP", ROOT, None)])):
        before = graph(text, rows)
        assert repair(before) is before, text


def test_subjects_read_as_verbs_make_the_parsers_own_subject_a_plural_noun():
    repair = default_repair("subjects_read_as_verbs")
    rows = [("village", "NOUN", "NN", "nsubj", 2), (",", "PUNCT", ",", "punct", 0),
            ("sparks", "VERB", "VBZ", "nsubj", 3), ("fly", "VERB", "VBP", ROOT, None),
            ("from", "ADP", "IN", "prep", 3), ("anvils", "NOUN", "NNS", "pobj", 4)]
    after = repair(graph("village , sparks fly from anvils", rows))
    assert (after[2].pos, after[2].tag) == ("NOUN", "NNS")
    assert after[0].relation == "dep"  # an earlier phrase is no subject of the plural
    # a verb with an object after it: "Person handles yellow vegetable" is left alone
    rows = [("person", "NOUN", "NN", "nsubj", 1), ("handles", "VERB", "VBZ", "nsubj", 2),
            ("wash", "VERB", "VB", ROOT, None), ("vegetables", "NOUN", "NNS", "dobj", 2)]
    before = graph("person handles wash vegetables", rows)
    assert repair(before)[1].pos == "VERB"


def test_adverbs_read_as_nouns_give_their_adjectives_to_the_verb():
    repair = default_repair("adverbs_read_as_nouns")
    rows = [("pebbles", "NOUN", "NNS", "nsubj", 1), ("felt", "VERB", "VBD", ROOT, None),
            ("cool", "ADJ", "JJ", "amod", 3), ("underfoot", "NOUN", "NN", "dobj", 1)]
    after = repair(graph("pebbles felt cool underfoot", rows))
    assert (after[3].pos, after[3].relation) == ("ADV", "advmod")
    assert (after[2].head, after[2].relation) == (1, "acomp")


def test_closed_class_nouns_read_a_second_object_as_the_phrases_participle():
    repair = default_repair("closed_class_nouns")
    rows = [("cat", "NOUN", "NN", ROOT, None), ("on", "ADP", "IN", "prep", 0),
            ("couch", "NOUN", "NN", "pobj", 1), ("sleeping", "VERB", "VBG", "pobj", 1)]
    after = repair(graph("cat on couch sleeping", rows))
    assert (after[3].pos, after[3].head, after[3].relation) == ("VERB", 0, "acl")
    # alone after its preposition it is a thing named by a gerund
    rows = [("mechanics", "NOUN", "NNS", ROOT, None), ("on", "ADP", "IN", "prep", 0),
            ("scaffolding", "VERB", "VBG", "pobj", 1)]
    assert repair(graph("mechanics on scaffolding", rows))[2].pos == "NOUN"


def test_adjacent_participles_take_a_participle_hung_back_across_a_comma():
    """"a bed with white sheets, a wooden nightstand and a lamp glowing softly" (glowing an acl
    of sheets, across the comma): the participle right after the lamp is the lamp's; one
    right after its own noun stays."""
    repair = default_repair("adjacent_participles")
    rows = [("a", *D, 1), ("bed", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
            ("white", "ADJ", "JJ", "amod", 4), ("sheets", "NOUN", "NNS", "pobj", 2),
            (",", "PUNCT", ",", "punct", 4), ("a", *D, 8), ("wooden", "ADJ", "JJ", "amod", 8),
            ("nightstand", "NOUN", "NN", "appos", 4), ("and", "CCONJ", "CC", "cc", 8),
            ("a", *D, 11), ("lamp", "NOUN", "NN", "conj", 8),
            ("glowing", "VERB", "VBG", "acl", 4), ("softly", "ADV", "RB", "advmod", 12)]
    text = "a bed with white sheets, a wooden nightstand and a lamp glowing softly"
    after = repair(graph(text, rows))
    assert (after[12].head, after[12].relation) == (11, "acl")
    rows[12] = ("glowing", "VERB", "VBG", "acl", 11)
    near = graph(text, rows)
    assert repair(near) is near


def test_coordinated_participles_join_a_past_form_after_and_to_the_participle_before():
    """"a stack of pancakes drizzled with syrup and topped with blueberries" (topped/VBD a
    conjunct of stack): topped is the conjunct of drizzled, a participle like it; "a man
    wearing a hat and painted a fence" (painted with an object) heads a clause of its own."""
    repair = default_repair("coordinated_participles")
    rows = [("a", *D, 1), ("stack", "NOUN", "NN", ROOT, None), ("of", "ADP", "IN", "prep", 1),
            ("pancakes", "NOUN", "NNS", "pobj", 2), ("drizzled", "VERB", "VBN", "acl", 3),
            ("with", "ADP", "IN", "prep", 4), ("syrup", "NOUN", "NN", "pobj", 5),
            ("and", "CCONJ", "CC", "cc", 1), ("topped", "VERB", "VBD", "conj", 1),
            ("with", "ADP", "IN", "prep", 8), ("blueberries", "NOUN", "NNS", "pobj", 9)]
    text = "a stack of pancakes drizzled with syrup and topped with blueberries"
    after = repair(graph(text, rows))
    assert [(w.head, w.relation, w.tag) for w in after][7:9] == [
        (4, "cc", "CC"), (4, "conj", "VBN")]
    assert repair(after) is after
    rows = [("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("wearing", "VERB", "VBG", "acl", 1),
            ("a", *D, 4), ("hat", "NOUN", "NN", "dobj", 2), ("and", "CCONJ", "CC", "cc", 1),
            ("painted", "VERB", "VBD", "conj", 1), ("a", *D, 8),
            ("fence", "NOUN", "NN", "dobj", 6)]
    clause = graph("a man wearing a hat and painted a fence", rows)
    assert repair(clause) is clause


def test_adjacent_participles_leave_an_animate_owners_walk_to_the_owner():
    repair = default_repair("adjacent_participles")
    rows = [("man", "NOUN", "NN", ROOT, None), ("holding", "VERB", "VBG", "acl", 0),
            ("skis", "NOUN", "NNS", "dobj", 1), ("walking", "VERB", "VBG", "advcl", 1)]
    after = repair(graph("man holding skis walking", rows))
    assert (after[3].head, after[3].relation) == (0, "acl")
    # an animate object walks itself: "a woman holding a dog running"
    rows[2] = ("dog", "NOUN", "NN", "dobj", 1)
    after = repair(graph("man holding dog walking", rows))
    assert (after[3].head, after[3].relation) == (2, "acl")


def test_tag_nouns_read_a_base_form_verb_and_its_object_as_a_compound():
    repair = default_repair("tag_nouns")
    rows = [("market", "NOUN", "NN", "nsubj", 2), (",", "PUNCT", ",", "punct", 0),
            ("dwarf", "VERB", "VB", ROOT, None), ("blacksmith", "PROPN", "NNP", "dobj", 2),
            (",", "PUNCT", ",", "punct", 3), ("archers", "NOUN", "NNS", "appos", 3)]
    after = repair(graph("market , dwarf blacksmith , archers", rows))
    assert (after[2].pos, after[2].head, after[2].relation) == ("NOUN", 3, "compound")
    assert (after[3].head, after[0].relation) == (None, "dep")
    # a verb with its subject in its own tag is a clause: "a dog barks" is left alone
    rows = [("cat", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("dogs", "NOUN", "NNS", "nsubj", 3), ("chase", "VERB", "VBP", "conj", 0),
            ("ball", "NOUN", "NN", "dobj", 3)]
    before = graph("cat , dogs chase ball", rows)
    assert repair(before)[3].pos == "VERB"


def test_participles_before_commas_leave_things_and_phrases_with_articles():
    """"the painting, vivid colors": a thing named by an -ing word stays a noun; "the
    shimmering, a lake" has an article after the comma, so no noun phrase goes on."""
    repair = default_repair("participles_before_commas")
    rows = [("the", *D, 1), ("painting", "NOUN", "NN", ROOT, None),
            (",", "PUNCT", ",", "punct", 1), ("vivid", "ADJ", "JJ", "amod", 4),
            ("colors", "NOUN", "NNS", "appos", 1)]
    painting = graph("the painting, vivid colors", rows)
    assert list(repair(painting)) == list(painting)
    shimmering = graph("the shimmering, a lake", [
        ("the", *D, 1), ("shimmering", "NOUN", "NN", ROOT, None),
        (",", "PUNCT", ",", "punct", 1), ("a", *D, 4), ("lake", "NOUN", "NN", "appos", 1)])
    assert list(repair(shimmering)) == list(shimmering)
    glowing = graph("the glowing, vivid colors", [
        ("the", *D, 1), ("glowing", "NOUN", "NN", ROOT, None),
        (",", "PUNCT", ",", "punct", 1), ("vivid", "ADJ", "JJ", "amod", 4),
        ("colors", "NOUN", "NNS", "appos", 1)])
    colors = repair(glowing)
    assert [(w.head, w.relation) for w in colors] == [
        (4, "det"), (4, "amod"), (1, "punct"), (4, "amod"), (None, ROOT)]


def test_verbs_read_as_nouns_take_known_nouns_read_as_participles_and_past_tenses():
    """"a cute duckling swims near a swan" (duckling/VBG a compound of swims/NN): duckling is
    a known noun, so it is the subject; "the duckling swam near the swan" (swam/NN) takes the
    past tense's tag. "a cute smiling swims" names no known noun and stays."""
    repair = default_repair("verbs_read_as_nouns")
    rows = [("a", *D, 3), ("cute", "ADJ", "JJ", "amod", 3),
            ("duckling", "VERB", "VBG", "compound", 3), ("swims", "NOUN", "NNS", ROOT, None),
            ("near", "ADP", "IN", "prep", 3), ("a", *D, 6), ("swan", "NOUN", "NN", "pobj", 4)]
    swims = repair(graph("a cute duckling swims near a swan", rows))
    assert [(w.head, w.relation, w.pos, w.tag) for w in swims][:4] == [
        (2, "det", "DET", "DT"), (2, "amod", "ADJ", "JJ"), (3, "nsubj", "NOUN", "NN"),
        (None, ROOT, "VERB", "VBZ")]
    swam = repair(graph("the duckling swam near a swan", [
        ("the", *D, 2), ("duckling", "NOUN", "NN", "compound", 2),
        ("swam", "NOUN", "NN", ROOT, None), ("near", "ADP", "IN", "prep", 2), ("a", *D, 5),
        ("swan", "NOUN", "NN", "pobj", 3)]))
    assert (swam[2].pos, swam[2].tag, swam[1].relation) == ("VERB", "VBD", "nsubj")
    unknown = graph("a cute smiling swims near a swan", [
        *rows[:2], ("smiling", "VERB", "VBG", "amod", 3), *rows[3:]])
    assert list(repair(unknown)) == list(unknown)


def test_stranded_prepositions_read_a_motion_verbs_particle_as_a_preposition():
    """"a bear climbing up a tree trunk" (up a particle, trunk the object): up is a
    preposition and trunk its object; "a man picking up a book" keeps its particle."""
    repair = default_repair("stranded_prepositions")
    rows = [("a", *D, 1), ("bear", "NOUN", "NN", ROOT, None),
            ("climbing", "VERB", "VBG", "acl", 1), ("up", "ADP", "RP", "prt", 2), ("a", *D, 6),
            ("tree", "NOUN", "NN", "compound", 6), ("trunk", "NOUN", "NN", "dobj", 2)]
    bear = repair(graph("a bear climbing up a tree trunk", rows).with_words([
        replace(w, lemma="climb") if w.index == 2 else w
        for w in graph("a bear climbing up a tree trunk", rows)]))
    assert [(w.head, w.relation) for w in bear][3:] == [
        (2, "prep"), (6, "det"), (6, "compound"), (3, "pobj")]
    rows[1:3] = [("man", "NOUN", "NN", ROOT, None), ("picking", "VERB", "VBG", "acl", 1)]
    book = graph("a man picking up a tree trunk", rows)
    book = book.with_words([replace(w, lemma="pick") if w.index == 2 else w for w in book])
    assert repair(book) is book


def test_absolute_participles_take_a_bare_with_and_a_with_on_the_owners_participle():
    """"a man standing near a car with its door painted red" (with bare, man and door both
    subjects of painted): door is the object of with and painted its participle; "the man
    ... with its door painted red" opens a sentence and stays."""
    repair = default_repair("absolute_participles")
    rows = [("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 9),
            ("standing", "VERB", "VBG", "acl", 1), ("near", "ADP", "IN", "prep", 2),
            ("a", *D, 5), ("car", "NOUN", "NN", "pobj", 3), ("with", "ADP", "IN", "prep", 2),
            ("its", "PRON", "PRP$", "poss", 8), ("door", "NOUN", "NN", "nsubj", 9),
            ("painted", "VERB", "VBN", ROOT, None), ("red", "ADJ", "JJ", "oprd", 9)]
    man = repair(graph("a man standing near a car with its door painted red", rows))
    assert [(w.head, w.relation) for w in man][1:] == [
        (None, ROOT), (1, "acl"), (2, "prep"), (5, "det"), (3, "pobj"), (2, "prep"),
        (8, "poss"), (6, "pobj"), (8, "acl"), (9, "oprd")]
    the = graph("the man standing near a car with its door painted red",
                [("the", *D, 1), *rows[1:]])
    assert repair(the) is the


def test_comma_heads_give_an_article_to_the_noun_of_its_own_phrase():
    """"on a ledge, oil painting" parsed as one phrase [a ledge oil painting], the article on
    painting: the article is the ledge's, and the painting (a frame without an article) is a
    tag of its own."""
    repair = default_repair("comma_heads")
    ledge = repair(graph("on a ledge, oil painting", [
        ("on", "ADP", "IN", ROOT, None), ("a", *D, 5), ("ledge", "NOUN", "NN", "amod", 5),
        (",", "PUNCT", ",", "punct", 2), ("oil", "NOUN", "NN", "compound", 5),
        ("painting", "NOUN", "NN", "pobj", 0)]))
    assert [(w.head, w.relation) for w in ledge][1:3] == [(2, "det"), (5, "appos")]


def test_phrase_participles_take_a_participle_off_an_owner_across_its_with_phrase():
    """"a desk with a teddy bear sitting on it" with sitting hung on desk: the bear, right
    before the participle, sits (as in "a kitchen with a cat sleeping"); "a dog with a collar
    standing" stays the dog's; a participle whose own subject is the noun before it is left."""
    repair = default_repair("phrase_participles")
    rows = [("a", *D, 1), ("desk", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 1),
            ("a", *D, 4), ("bear", "NOUN", "NN", "pobj", 2), ("sitting", "VERB", "VBG", "acl", 1),
            ("on", "ADP", "IN", "prep", 5), ("it", "PRON", "PRP", "pobj", 6)]
    rows[7:] = [("top", "ADV", "RB", "advmod", 5)]
    desk = repair(graph("a desk with a bear sitting on top", rows))
    assert desk[5].head == 4
    rows[1], rows[4] = ("dog", "NOUN", "NN", ROOT, None), ("collar", "NOUN", "NN", "pobj", 2)
    dog = graph("a dog with a collar sitting on top", rows)
    assert repair(dog) is dog
    own = graph("a dog with a bear sitting on top", [
        *rows[:4], ("bear", "NOUN", "NN", "nsubj", 5), *rows[5:]])
    assert repair(own) is own


def test_tag_nouns_read_a_lone_finite_verb_as_a_noun_but_not_a_pose():
    """"1girl, sundress, straw hat" (sundress/VBP between two commas): a noun; "1girl, kneel,
    straw hat" names a pose (a listed verb) and stays."""
    repair = default_repair("tag_nouns")
    rows = [("1girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("sundress", "VERB", "VBP", "conj", 0), (",", "PUNCT", ",", "punct", 2),
            ("straw", "NOUN", "NN", "compound", 5), ("hat", "NOUN", "NN", "conj", 2)]
    dress = repair(graph("1girl, sundress, straw hat", rows))
    assert (dress[2].pos, dress[2].tag, dress[2].relation) == ("NOUN", "NN", "appos")
    kneel = graph("1girl, kneel, straw hat", [*rows[:2], ("kneel", "VERB", "VBP", "conj", 0),
                                             *rows[3:]])
    kneel = kneel.with_words([replace(w, lemma="kneel") if w.index == 2 else w
                              for w in kneel])
    assert repair(kneel) is kneel


def test_tag_nouns_leave_a_lone_past_tense_in_ed_a_describing_word():
    """"1girl, hyperdetailed/VBD, straw hat": a past form describes (here the picture), no
    noun; a known noun in "-ed" tagged so is one ("1girl, shed/VBD, straw hat")."""
    repair = default_repair("tag_nouns")
    rows = [("1girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("hyperdetailed", "VERB", "VBD", "conj", 0), (",", "PUNCT", ",", "punct", 2),
            ("straw", "NOUN", "NN", "compound", 5), ("hat", "NOUN", "NN", "conj", 2)]
    detailed = graph("1girl, hyperdetailed, straw hat", rows)
    assert repair(detailed) is detailed
    shed = repair(graph("1girl, shed, straw hat", [*rows[:2], ("shed", "VERB", "VBD", "conj", 0),
                                                   *rows[3:]]))
    assert (shed[2].pos, shed[2].tag) == ("NOUN", "NN")


def test_caption_participles_read_past_an_object_after_a_comma():
    """"a studio bathed in light, canvases lean" (canvases read as bathed's object): the
    object after the comma is a phrase of its own, bathed a participle; "a man painted a
    fence" keeps its verb."""
    repair = default_repair("caption_participles")
    studio = repair(graph("a studio bathed in light, canvases lean", [
        ("a", *D, 1), ("studio", "NOUN", "NN", "nsubj", 2), ("bathed", "VERB", "VBD", ROOT, None),
        ("in", "ADP", "IN", "prep", 2), ("light", "NOUN", "NN", "pobj", 3),
        (",", "PUNCT", ",", "punct", 2), ("canvases", "NOUN", "NNS", "dobj", 2),
        ("lean", "VERB", "VBP", "acl", 6)]))
    assert (studio[2].tag, studio[6].relation) == ("VBN", "dep")
    fence = graph("a man painted a fence", [
        ("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 2), ("painted", "VERB", "VBD", ROOT, None),
        ("a", *D, 4), ("fence", "NOUN", "NN", "dobj", 2)])
    assert repair(fence) is fence


def test_style_names_leave_names_inside_a_phrase_and_split_names_alone():
    repair = default_repair("style_names")
    # "an art deco building": the name describes its noun
    rows = [("an", *D, 3), ("art", "NOUN", "NN", "compound", 2),
            ("deco", "NOUN", "NN", "compound", 3), ("building", "NOUN", "NN", ROOT, None)]
    before = graph("an art deco building", rows)
    assert repair(before) is before
    # "a low wall": "low" alone is no name of a style
    rows = [("a", *D, 2), ("low", "ADJ", "JJ", "amod", 2), ("wall", "NOUN", "NN", ROOT, None)]
    before = graph("a low wall", rows)
    assert repair(before) is before
    # "..., tilt shift" hung as the list's head's apposition: shift binds nothing
    rows = [("a", *D, 1), ("robot", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
            ("tilt", "NOUN", "NN", "compound", 4), ("shift", "NOUN", "NN", "appos", 1)]
    after = repair(graph("a robot, tilt shift", rows))
    assert (after[4].head, after[4].relation) == (1, "dep")
    assert (after[3].head, after[3].relation) == (4, "compound")


def test_activity_compounds_second_verb_and_things_left_alone():
    """"kids are skateboarding and roller skating": skating/NN a conjunct with roller its
    compound -> a verb; "the wall is a painting" and "he is a bird watching" keep their nouns."""
    repair = default_repair("activity_compounds")
    rows = [("kids", "NOUN", "NNS", "nsubj", 2), ("are", "AUX", "VBP", "aux", 2),
            ("skateboarding", "VERB", "VBG", ROOT, None), ("and", "CCONJ", "CC", "cc", 2),
            ("roller", "NOUN", "NN", "compound", 5), ("skating", "NOUN", "NN", "conj", 2)]
    after = repair(graph("kids are skateboarding and roller skating", rows))
    assert (after[5].pos, after[5].tag, after[5].head, after[5].relation) == (
        "VERB", "VBG", 2, "conj")
    assert (after[4].head, after[4].relation) == (5, "compound")
    bird = graph("he is a bird watching", [
        ("he", "PRON", "PRP", "nsubj", 1), ("is", "AUX", "VBZ", ROOT, None), ("a", *D, 3),
        ("bird", "NOUN", "NN", "attr", 1), ("watching", "VERB", "VBG", "acl", 3)])
    assert repair(bird) is bird
    painting = graph("she is oil painting", [
        ("she", "PRON", "PRP", "nsubj", 1), ("is", "AUX", "VBZ", ROOT, None),
        ("oil", "NOUN", "NN", "compound", 3), ("painting", "NOUN", "NN", "attr", 1)])
    assert repair(painting) is painting  # a painting is a thing


def test_subject_participles_leave_progressives_alone():
    """"a dog is running" has its auxiliary: a finite clause."""
    repair = default_repair("subject_participles")
    running = graph("a dog is running", [
        ("a", *D, 1), ("dog", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
        ("running", "VERB", "VBG", ROOT, None)])
    assert repair(running) is running


def test_verbs_of_verbless_clauses_read_the_verb_of_a_possessed_subject():
    """"..., his white horse rears in panic" (rears/NNS, horse its compound): a stretch a
    possessive opens is a clause about someone named before, so an -s word that is no known
    noun after its singular noun is the verb, known intransitive or not; "his car keys on the
    table" (key a known noun) stays a phrase."""
    repair = default_repair("verbs_of_verbless_clauses")
    horse = repair(graph("a knight, his white horse rears in panic", [
        ("a", *D, 1), ("knight", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("his", "PRON", "PRP$", "poss", 6), ("white", "ADJ", "JJ", "amod", 6),
        ("horse", "NOUN", "NN", "compound", 6), ("rears", "NOUN", "NNS", "appos", 1),
        ("in", "ADP", "IN", "prep", 6), ("panic", "NOUN", "NN", "pobj", 7)]))
    assert [(w.pos, w.tag, w.head, w.relation) for w in horse][5:7] == [
        ("NOUN", "NN", 6, "nsubj"), ("VERB", "VBZ", 1, "conj")]
    assert horse[3].head == horse[4].head == 5
    rows = [("a", *D, 1), ("table", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
            ("his", "PRON", "PRP$", "poss", 5), ("car", "NOUN", "NN", "compound", 5),
            ("keys", "NOUN", "NNS", "appos", 1), ("on", "ADP", "IN", "prep", 5),
            ("it", "PRON", "PRP", "pobj", 6)]
    keys = graph("a table, his car keys on it", rows)
    assert repair(keys) is keys


def test_verbs_of_verbless_clauses_read_the_verb_of_a_subordinate_clause():
    """"a blade bites a log while sawdust sprays into the air": "while" opens a clause of its
    own, whose verb the tagger read as a noun after its subject, even though the comma run
    has a verb before it; "a blade bites a log with sawdust sprays" opens none."""
    repair = default_repair("verbs_of_verbless_clauses")
    rows = [("a", *D, 1), ("blade", "NOUN", "NN", "nsubj", 2),
            ("bites", "VERB", "VBZ", ROOT, None), ("a", *D, 4), ("log", "NOUN", "NN", "dobj", 2),
            ("while", "SCONJ", "IN", "mark", 7), ("sawdust", "NOUN", "NN", "compound", 7),
            ("sprays", "NOUN", "NNS", "advcl", 2), ("into", "ADP", "IN", "prep", 7),
            ("the", *D, 10), ("air", "NOUN", "NN", "pobj", 8)]
    after = repair(graph("a blade bites a log while sawdust sprays into the air", rows))
    assert [(w.pos, w.tag, w.head, w.relation) for w in after][5:8] == [
        ("SCONJ", "IN", 7, "mark"), ("NOUN", "NN", 7, "nsubj"), ("VERB", "VBZ", 2, "conj")]
    with_ = graph("a blade bites a log with sawdust sprays into the air", [
        *rows[:5], ("with", "ADP", "IN", "prep", 4), ("sawdust", "NOUN", "NN", "compound", 7),
        ("sprays", "NOUN", "NNS", "pobj", 5), *rows[8:]])
    assert repair(with_) is with_


def test_verbs_of_verbless_clauses_read_past_a_participle_and_its_colours():
    """"pirogues painted/VBD blue and red lie/NN on the sand" (painted the parser's verb, lie
    its object): a past form right after the subject with only colours between it and a known
    verb is the subject's participle, and lie the clause's verb; "boats painted blue and red
    rest/NN on the sand" (rest no listed verb) keeps the parse."""
    repair = default_repair("verbs_of_verbless_clauses")
    rows = [("pirogues", "NOUN", "NNS", "nsubj", 1), ("painted", "VERB", "VBD", ROOT, None),
            ("blue", "ADJ", "JJ", "amod", 5), ("and", "CCONJ", "CC", "cc", 2),
            ("red", "ADJ", "JJ", "conj", 2), ("lie", "NOUN", "NN", "dobj", 1),
            ("on", "ADP", "IN", "prep", 1), ("the", *D, 8), ("sand", "NOUN", "NN", "pobj", 6)]
    after = repair(graph("pirogues painted blue and red lie on the sand", rows))
    assert [(w.pos, w.head, w.relation) for w in after][:2] == [
        ("NOUN", 5, "nsubj"), ("VERB", 0, "acl")]
    assert (after[5].pos, after[5].tag, after[5].head, after[6].head) == ("VERB", "VBP", None, 5)
    rest = graph("pirogues painted blue and red rest on the sand", [
        *rows[:5], ("rest", "NOUN", "NN", "dobj", 1), *rows[6:]])
    assert repair(rest) is rest


def test_verbs_of_verbless_clauses_read_past_a_participle_before_the_subject():
    """"finished vases in cobalt and amber line a dusty shelf" (finished/VBD the parser's root,
    vases its object, line a conjunct of cobalt): a clause has no verb before its subject, so
    the participle describes the vases and line, before its object, is their verb."""
    repair = default_repair("verbs_of_verbless_clauses")
    rows = [("finished", "VERB", "VBD", ROOT, None), ("vases", "NOUN", "NNS", "dobj", 0),
            ("in", "ADP", "IN", "prep", 1), ("cobalt", "NOUN", "NN", "pobj", 2),
            ("and", "CCONJ", "CC", "cc", 3), ("amber", "NOUN", "NN", "compound", 6),
            ("line", "NOUN", "NN", "conj", 3), ("a", *D, 9), ("dusty", "ADJ", "JJ", "amod", 9),
            ("shelf", "NOUN", "NN", "conj", 1)]
    after = repair(graph("finished vases in cobalt and amber line a dusty shelf", rows))
    assert [(w.pos, w.tag, w.head, w.relation) for w in after][:2] == [
        ("VERB", "VBN", 1, "amod"), ("NOUN", "NNS", 6, "nsubj")]
    assert (after[6].pos, after[6].tag, after[6].head, after[9].head) == ("VERB", "VBP", None, 6)


def test_verbs_of_verbless_clauses_close_the_phrase_before_the_verb():
    """"a sleigh pulled by two white reindeer waits by a cottage": waits agrees with "a
    sleigh", and the reindeer it had swallowed are the object of "by" again."""
    repair = default_repair("verbs_of_verbless_clauses")
    text = "a fox, a sleigh pulled by two white reindeer waits by a cottage"
    after = repair(graph(text, [
        ("a", *D, 1), ("fox", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("a", *D, 4), ("sleigh", "NOUN", "NN", "npadvmod", 1),
        ("pulled", "VERB", "VBN", "acl", 4), ("by", "ADP", "IN", "agent", 5),
        ("two", "NUM", "CD", "nummod", 10), ("white", "ADJ", "JJ", "amod", 10),
        ("reindeer", "NOUN", "NN", "compound", 10), ("waits", "NOUN", "NNS", "pobj", 6),
        ("by", "ADP", "IN", "prep", 10), ("a", *D, 13), ("cottage", "NOUN", "NN", "pobj", 11)]))
    assert (after[10].pos, after[10].tag, after[10].head) == ("VERB", "VBZ", 1)
    assert (after[4].head, after[4].relation) == (10, "nsubj")
    assert (after[9].head, after[9].relation) == (6, "pobj")
    assert after[7].head == after[8].head == 9
    assert after[11].head == 10


def test_verbs_of_verbless_clauses_read_a_clause_across_the_commas_of_a_colour_list():
    """"sails of red, white and blue snap in the breeze": the commas of a list of colours that
    a conjunction closes split no clause, so snap agrees with sails and is their verb, the
    colours the object of "of" again; "a house painted red, blue doors open" has no such list."""
    repair = default_repair("verbs_of_verbless_clauses")
    rows = [("sails", "NOUN", "NNS", ROOT, None), ("of", "ADP", "IN", "prep", 0),
            ("red", "ADJ", "JJ", "amod", 7), (",", "PUNCT", ",", "punct", 2),
            ("white", "ADJ", "JJ", "conj", 2), ("and", "CCONJ", "CC", "cc", 4),
            ("blue", "ADJ", "JJ", "conj", 4), ("snap", "NOUN", "NN", "pobj", 1),
            ("in", "ADP", "IN", "prep", 7), ("the", *D, 10), ("breeze", "NOUN", "NN", "pobj", 8)]
    after = repair(graph("sails of red, white and blue snap in the breeze", rows))
    assert (after[7].pos, after[7].tag, after[7].head) == ("VERB", "VBP", None)
    assert (after[0].head, after[0].relation) == (7, "nsubj")
    assert (after[2].head, after[8].head) == (1, 7)


def test_verbs_of_verbless_clauses_read_a_zero_plural_as_a_plural_subject():
    """"pink shrimp crawl across the sand": a noun whose plural is its singular, tagged a
    singular, agrees with the base form when no article makes it one; so does such a noun the
    tagger read as an adjective ("orange clownfish/JJ dart"); "a clownfish dart" does not
    agree."""
    repair = default_repair("verbs_of_verbless_clauses")
    head = [("a", *D, 5), ("bay", "NOUN", "NN", "amod", 5), (",", "PUNCT", ",", "punct", 5),
            ("pink", "ADJ", "JJ", "amod", 5)]
    tail = [("among", "ADP", "IN", "prep", 5), ("the", *D, 8),
            ("sand", "NOUN", "NNS", "pobj", 6)]
    shrimp = repair(graph("a bay, pink shrimp crawl among the sand", [
        *head, ("shrimp", "NOUN", "NN", "compound", 5), ("crawl", "NOUN", "NN", ROOT, None),
        *tail]))
    assert (shrimp[4].head, shrimp[4].relation) == (5, "nsubj")
    assert (shrimp[5].pos, shrimp[5].tag) == ("VERB", "VBP")
    clownfish = repair(graph("a bay, pink clownfish crawl among the sand", [
        *head, ("clownfish", "ADJ", "JJ", "amod", 5), ("crawl", "NOUN", "NN", ROOT, None),
        *tail]))
    assert [(w.pos, w.tag, w.relation) for w in clownfish][4:6] == [
        ("NOUN", "NN", "nsubj"), ("VERB", "VBP", ROOT)]
    rows = [("a", *D, 1), ("bay", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
            ("a", *D, 5), ("clownfish", "ADJ", "JJ", "amod", 5),
            ("crawl", "NOUN", "NN", "appos", 1), *tail]
    one = graph("a bay, a clownfish crawl among the sand", rows)
    assert repair(one) is one


@pytest.mark.parametrize("text, rows", [
    # a singular noun without its article and the base form do not agree
    ("a city, maglev train glide on tracks", [
        ("a", *D, 1), ("city", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("maglev", "NOUN", "NN", "compound", 5), ("train", "NOUN", "NN", "compound", 5),
        ("glide", "NOUN", "NN", "appos", 1), ("on", "ADP", "IN", "prep", 5),
        ("tracks", "NOUN", "NNS", "pobj", 6)]),
    # a finite verb comes first: the clause may have its verb already
    ("a city, trains which run glide on tracks", [
        ("a", *D, 1), ("city", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("trains", "NOUN", "NNS", "appos", 1), ("which", "PRON", "WDT", "nsubj", 5),
        ("run", "VERB", "VBP", "relcl", 3), ("glide", "NOUN", "NN", "npadvmod", 5),
        ("on", "ADP", "IN", "prep", 6), ("tracks", "NOUN", "NNS", "pobj", 7)]),
    # a plural that names one thing is no verb before a determiner: a list without commas
    ("a girl in black pants a grey dog", [
        ("a", *D, 1), ("girl", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("black", "ADJ", "JJ", "amod", 4), ("pants", "NOUN", "NNS", "pobj", 2),
        ("a", *D, 7), ("grey", "ADJ", "JJ", "amod", 7), ("dog", "NOUN", "NN", "appos", 1)]),
    # a stretch that opens with a preposition has no subject to find
    ("a city, in trains glide", [
        ("a", *D, 1), ("city", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("in", "ADP", "IN", "prep", 1), ("trains", "NOUN", "NNS", "compound", 5),
        ("glide", "NOUN", "NN", "pobj", 3)]),
])
def test_verbs_of_verbless_clauses_need_agreement_and_a_verbless_clause(text, rows):
    before = graph(text, rows)
    after = default_repair("verbs_of_verbless_clauses")(before)
    assert [(w.pos, w.tag, w.head, w.relation) for w in after] == [
        (w.pos, w.tag, w.head, w.relation) for w in before]


def test_noun_phrases_keep_a_verb_that_agrees_with_its_articled_subject():
    """"a raven watches from a pine" (watches/VBZ after "a raven") is subject and verb;
    "teddy bears" (bears/VBZ, no article) is still a compound."""
    repair = default_repair("noun_phrases")
    raven = repair(graph("a raven watches from a pine", [
        ("a", *D, 1), ("raven", "NOUN", "NN", "nsubj", 2), ("watches", "VERB", "VBZ", ROOT, None),
        ("from", "ADP", "IN", "prep", 2), ("a", *D, 5), ("pine", "NOUN", "NN", "pobj", 3)]))
    assert (raven[1].relation, raven[2].pos) == ("nsubj", "VERB")
    bears = repair(graph("two teddy bears", [
        ("two", "NUM", "CD", "nummod", 1), ("teddy", "NOUN", "NN", "nsubj", 2),
        ("bears", "VERB", "VBZ", ROOT, None)]))
    assert (bears[1].relation, bears[1].head, bears[2].pos) == ("compound", 2, "NOUN")


def test_noun_phrases_find_the_article_that_opens_a_run_of_colours():
    """"A red, grey and white airplane passes overhead" with A hung on passes/VBZ: the article
    opens the airplane's phrase, not a phrase of passes; a singular article opens no plural
    phrase, so passes stays the verb and the colours go to the airplane. After a conjunction
    of nouns the article opens another phrase ("a bowl and teddy bears")."""
    repair = default_repair("noun_phrases")
    plane = repair(graph("A red, grey and white airplane passes overhead", [
        ("A", *D, 7), ("red", "ADJ", "JJ", "amod", 0), (",", "PUNCT", ",", "punct", 1),
        ("grey", "NOUN", "NN", "conj", 1), ("and", "CCONJ", "CC", "cc", 3),
        ("white", "ADJ", "JJ", "amod", 6), ("airplane", "NOUN", "NN", "conj", 3),
        ("passes", "VERB", "VBZ", ROOT, None), ("overhead", "ADV", "RB", "advmod", 7)]))
    assert plane[7].pos == "VERB" and plane[1].head == plane[5].head == 6
    bears = repair(graph("a bowl and teddy bears", [
        ("a", *D, 1), ("bowl", "NOUN", "NN", ROOT, None), ("and", "CCONJ", "CC", "cc", 1),
        ("teddy", "NOUN", "NN", "nsubj", 4), ("bears", "VERB", "VBZ", "conj", 1)]))
    assert (bears[3].relation, bears[4].pos) == ("compound", "NOUN")


def test_tag_adjectives_read_the_look_of_the_shot_as_the_pictures():
    """"sneakers, background, clean, shadows, 8k": clean and crisp are the image's look, like
    commercial, the kind of shot: none describes the tag the parser hung it on."""
    repair = default_repair("tag_adjectives")
    for word in ("clean", "crisp", "commercial"):
        after = repair(graph(f"sneakers, background, {word}, shadows, 8k", [
            ("sneakers", "NOUN", "NNS", ROOT, None), (",", "PUNCT", ",", "punct", 0),
            ("background", "NOUN", "NN", "appos", 0), (",", "PUNCT", ",", "punct", 2),
            (word, "ADJ", "JJ", "amod", 2), (",", "PUNCT", ",", "punct", 4),
            ("shadows", "NOUN", "NNS", "conj", 2), (",", "PUNCT", ",", "punct", 6),
            ("8k", "NOUN", "NN", "conj", 6)]))
        assert after[4].relation == "dep", word


def test_tag_adjectives_read_a_tag_of_colours_as_the_palette():
    """"neon signs, pink and cyan, rain, night": the colours bind nothing, and the tag the
    parser hung on them joins the list; "a red, yellow, and orange cake" keeps its colours."""
    repair = default_repair("tag_adjectives")
    palette = repair(graph("signs, pink and cyan, rain, night", [
        ("signs", "NOUN", "NNS", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("pink", "ADJ", "JJ", "amod", 0), ("and", "CCONJ", "CC", "cc", 2),
        ("cyan", "ADJ", "JJ", "conj", 2), (",", "PUNCT", ",", "punct", 2),
        ("rain", "NOUN", "NN", "conj", 2), (",", "PUNCT", ",", "punct", 6),
        ("night", "NOUN", "NN", "conj", 6)]))
    assert (palette[2].relation, palette[4].relation) == ("dep", "dep")
    assert palette[6].head == 0
    rows = [("a", *D, 9), ("red", "ADJ", "JJ", "amod", 9), (",", "PUNCT", ",", "punct", 1),
            ("yellow", "ADJ", "JJ", "conj", 1), (",", "PUNCT", ",", "punct", 3),
            ("white", "ADJ", "JJ", "conj", 3), (",", "PUNCT", ",", "punct", 5),
            ("and", "CCONJ", "CC", "cc", 5), ("orange", "ADJ", "JJ", "conj", 5),
            ("cake", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 9),
            ("candles", "NOUN", "NNS", "conj", 9), (",", "PUNCT", ",", "punct", 11),
            ("balloons", "NOUN", "NNS", "conj", 11)]
    cake = graph("a red, yellow, white, and orange cake, candles, balloons", rows)
    assert repair(cake) is cake
    # a word after the colour is no shade of it: "golden and tall" describes the wheat
    wheat = graph("wheat, golden and tall, barn, sky", [
        ("wheat", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("golden", "ADJ", "JJ", "amod", 0), ("and", "CCONJ", "CC", "cc", 2),
        ("tall", "ADJ", "JJ", "conj", 2), (",", "PUNCT", ",", "punct", 0),
        ("barn", "NOUN", "NN", "conj", 0), (",", "PUNCT", ",", "punct", 6),
        ("sky", "NOUN", "NN", "conj", 6)])
    assert repair(wheat) is wheat
    # a numeral before the colour makes a pro-form: "one brown" describes one of the dogs
    dogs = graph("two dogs, one brown, one spotted, a ball", [
        ("two", "NUM", "CD", "nummod", 1), ("dogs", "NOUN", "NNS", ROOT, None),
        (",", "PUNCT", ",", "punct", 1), ("one", "NUM", "CD", "nummod", 4),
        ("brown", "ADJ", "JJ", "appos", 1), (",", "PUNCT", ",", "punct", 4),
        ("one", "NUM", "CD", "nummod", 7), ("spotted", "ADJ", "JJ", "appos", 1),
        (",", "PUNCT", ",", "punct", 7), ("a", *D, 10), ("ball", "NOUN", "NN", "appos", 1)])
    assert repair(dogs) is dogs


def test_tag_adjectives_read_moods_and_palettes_closing_a_long_prompt():
    """A scene prompt of long clauses is no tag list, but its closing style tags are about the
    picture: "..., a bridge arches over a pond, deep blue, serene" binds neither to the pond;
    a prompt of fewer than three parts is left alone."""
    repair = default_repair("tag_adjectives")
    text = "a gardener rakes the gravel, a bridge arches over a pond, deep blue, serene"
    rows = [("a", *D, 1), ("gardener", "NOUN", "NN", "nsubj", 2),
            ("rakes", "VERB", "VBZ", ROOT, None), ("the", *D, 4),
            ("gravel", "NOUN", "NN", "dobj", 2), (",", "PUNCT", ",", "punct", 2),
            ("a", *D, 7), ("bridge", "NOUN", "NN", "nsubj", 8),
            ("arches", "VERB", "VBZ", "conj", 2), ("over", "ADP", "IN", "prep", 8),
            ("a", *D, 11), ("pond", "NOUN", "NN", "pobj", 9), (",", "PUNCT", ",", "punct", 11),
            ("deep", "ADJ", "JJ", "amod", 14), ("blue", "ADJ", "JJ", "amod", 11),
            (",", "PUNCT", ",", "punct", 11), ("serene", "ADJ", "JJ", "amod", 11)]
    after = repair(graph(text, rows))
    assert (after[14].relation, after[16].relation) == ("dep", "dep")
    short = graph("a bridge arches over a pond, serene", [
        ("a", *D, 1), ("bridge", "NOUN", "NN", "nsubj", 2), ("arches", "VERB", "VBZ", ROOT, None),
        ("over", "ADP", "IN", "prep", 2), ("a", *D, 5), ("pond", "NOUN", "NN", "pobj", 3),
        (",", "PUNCT", ",", "punct", 5), ("serene", "ADJ", "JJ", "amod", 5)])
    assert repair(short) is short


def test_verbs_read_as_compounds_split_a_plural_phrase_opened_by_a_singular_article():
    """"in a white apron flips noodles" parsed as one phrase (apron and flips/VBZ compounds of
    noodles, "a" its article): a white apron is the subject, noodles the object; "two teddy
    bears" or "the bus stops" (no singular article) stay a phrase."""
    repair = default_repair("verbs_read_as_compounds")
    after = repair(graph("a cook in a white apron flips noodles", [
        ("a", *D, 1), ("cook", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 1),
        ("a", *D, 7), ("white", "ADJ", "JJ", "amod", 7), ("apron", "NOUN", "NN", "compound", 7),
        ("flips", "VERB", "VBZ", "compound", 7), ("noodles", "NOUN", "NNS", "pobj", 2)]))
    assert (after[6].head, after[6].relation) == (2, "pobj")
    assert (after[5].head, after[5].relation) == (6, "nsubj")
    assert after[3].head == after[4].head == 5
    assert (after[7].head, after[7].relation) == (6, "dobj")
    two = graph("two teddy bears toys", [
        ("two", "NUM", "CD", "nummod", 3), ("teddy", "NOUN", "NN", "compound", 3),
        ("bears", "VERB", "VBZ", "compound", 3), ("toys", "NOUN", "NNS", ROOT, None)])
    assert repair(two) is two


def test_nouns_read_as_verbs_a_plural_verb_after_a_singular_article_is_a_noun():
    """"A busy ramen shop at midnight" (ramen/NNS the subject of shop/VBP): *a* takes no
    plural verb, so shop heads the phrase; "a cat and a dog sit" (a conjunct) is a clause."""
    repair = default_repair("nouns_read_as_verbs")
    shop = repair(graph("A busy ramen shop at midnight", [
        ("A", *D, 2), ("busy", "ADJ", "JJ", "amod", 2), ("ramen", "NOUN", "NNS", "nsubj", 3),
        ("shop", "VERB", "VBP", ROOT, None), ("at", "ADP", "IN", "prep", 3),
        ("midnight", "NOUN", "NN", "pobj", 4)]))
    assert (shop[3].pos, shop[3].tag, shop[3].head) == ("NOUN", "NN", None)
    assert (shop[2].head, shop[2].relation) == (3, "compound")
    assert shop[0].head == shop[1].head == 3
    pair = graph("a cat and a dog sit", [
        ("a", *D, 1), ("cat", "NOUN", "NN", "nsubj", 5), ("and", "CCONJ", "CC", "cc", 1),
        ("a", *D, 4), ("dog", "NOUN", "NN", "conj", 1), ("sit", "VERB", "VBP", ROOT, None)])
    assert repair(pair) is pair


def test_subjects_read_as_verbs_with_an_adjective_verb_and_a_compound_subject():
    """"neon signs/VBZ flicker/JJ outside" and "dew drops/VBZ glisten/JJ on" (dew the subject
    of drops): the plural is the subject, the base form its verb, dew the compound."""
    repair = default_repair("subjects_read_as_verbs")
    after = repair(graph("dew drops glisten on ferns", [
        ("dew", "NOUN", "NN", "nsubj", 1), ("drops", "VERB", "VBZ", ROOT, None),
        ("glisten", "ADJ", "JJ", "advmod", 1), ("on", "ADP", "IN", "prep", 1),
        ("ferns", "NOUN", "NNS", "pobj", 3)]))
    assert (after[2].pos, after[2].tag, after[2].head) == ("VERB", "VBP", None)
    assert (after[1].pos, after[1].relation, after[1].head) == ("NOUN", "nsubj", 2)
    assert (after[0].relation, after[0].head) == ("compound", 1)
    assert after[3].head == 2


def test_subject_participles_read_a_past_participle_without_an_auxiliary():
    """"autumn leaves scattered around" (scattered/VBN with leaves its subject) is a noun and
    its participle; "one cat stared at plates" (a verb of doing without a passive) is a
    clause."""
    repair = default_repair("subject_participles")
    leaves = repair(graph("autumn leaves scattered around", [
        ("autumn", "NOUN", "NN", "compound", 1), ("leaves", "NOUN", "NNS", "nsubj", 2),
        ("scattered", "VERB", "VBN", ROOT, None), ("around", "ADV", "RB", "advmod", 2)]))
    assert (leaves[1].head, leaves[1].relation) == (None, ROOT)
    assert (leaves[2].head, leaves[2].relation) == (1, "acl")
    stared = graph("one cat stared at plates", [
        ("one", "NUM", "CD", "nummod", 1), ("cat", "NOUN", "NN", "nsubj", 2),
        ("stared", "VERB", "VBN", ROOT, None), ("at", "ADP", "IN", "prep", 2),
        ("plates", "NOUN", "NNS", "pobj", 3)])
    assert repair(stared) is stared
    # a participle before its own noun stays in that noun's phrase ("a spotted cat")
    spotted = graph("a tomato and a spotted cat", [
        ("a", *D, 1), ("tomato", "NOUN", "NN", "nsubj", 4), ("and", "CCONJ", "CC", "cc", 1),
        ("a", *D, 5), ("spotted", "VERB", "VBN", ROOT, None), ("cat", "NOUN", "NN", "dobj", 4)])
    assert repair(spotted) is spotted


def test_nouns_read_as_adverbs_leave_adverbs_by_ending_and_known_adverbs_alone():
    """"a freshly/RB cut lawn", "an only/RB child", "still/RB life" keep the adverb: its
    ending or the word lists say it is one."""
    repair = default_repair("nouns_read_as_adverbs")
    for text, adverb in (("freshly lawn", "freshly"), ("only child", "only"),
                         ("still life", "still"), ("outside kiosk", "outside")):
        parsed = graph(text, [(adverb, "ADV", "RB", "advmod", 1),
                              (text.split()[1], "NOUN", "NN", ROOT, None)])
        assert repair(parsed) is parsed or list(repair(parsed)) == list(parsed), text
    # an adverb hung on a noun after another word is no compound of it
    apart = graph("tattoo on artist", [("tattoo", "ADV", "RB", "advmod", 2),
                                       ("on", "ADP", "IN", "prep", 2),
                                       ("artist", "NOUN", "NN", ROOT, None)])
    assert list(repair(apart)) == list(apart)


def test_nouns_read_as_adverbs_take_a_determined_adjective_for_a_noun():
    """"weighed down the strong shoulders and the weak back/RB": an adverb takes no
    adjective after a determiner, so "back" is a noun, and the verb's object, whatever
    the word lists say of it elsewhere; a bare adjective before an adverb proves nothing."""
    repair = default_repair("nouns_read_as_adverbs")
    back = repair(graph("weighed the weak back", [
        ("weighed", "VERB", "VBD", ROOT, None), ("the", *D, 2),
        ("weak", "ADJ", "JJ", "amod", 3), ("back", "ADV", "RB", "advmod", 0)]))
    assert [(w.pos, w.tag, w.relation, w.head) for w in back][3] == (
        "NOUN", "NN", "dobj", 0)
    bare = graph("weighed weak back", [
        ("weighed", "VERB", "VBD", ROOT, None), ("weak", "ADJ", "JJ", "amod", 2),
        ("back", "ADV", "RB", "advmod", 0)])
    assert list(repair(bare)) == list(bare)


def test_decades_read_a_year_after_a_singular_article_as_no_count_of_a_plural():
    """"a 1957 Chevrolet convertible cruises/NNS past": "a" opens no counted plural, so the
    year is the convertible's model year; "1000 paper lanterns" stay counted."""
    repair = default_repair("decades")
    year = repair(graph("a 1957 cruises past", [
        ("a", *D, 2), ("1957", "NUM", "CD", "nummod", 2),
        ("cruises", "NOUN", "NNS", ROOT, None), ("past", "ADP", "IN", "prep", 2)]))
    assert (year[1].pos, year[1].relation) == ("ADJ", "amod")
    count = graph("1000 lanterns float", [
        ("1000", "NUM", "CD", "nummod", 1), ("lanterns", "NOUN", "NNS", "nsubj", 2),
        ("float", "VERB", "VBP", ROOT, None)])
    assert list(repair(count)) == list(count)


def test_worn_nouns_read_as_verbs_give_the_wearer_the_verb_of_the_last_thing_worn():
    """"a man in a black suit and tie is smiling", tie the subject of smiling: the tie is worn
    with the suit and the man smiles; "a man in a suit and a tie" (a determiner) and "a man in
    a suit and ran" (no noun) are left alone."""
    repair = default_repair("worn_nouns_read_as_verbs")
    smiling = repair(graph("man in a suit and tie is smiling", [
        ("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 0), ("a", *D, 3),
        ("suit", "NOUN", "NN", "pobj", 1), ("and", "CCONJ", "CC", "cc", 0),
        ("tie", "NOUN", "NN", "nsubj", 7), ("is", "AUX", "VBZ", "aux", 7),
        ("smiling", "VERB", "VBG", "conj", 0)]))
    assert [(w.head, w.relation) for w in smiling] == [
        (7, "nsubj"), (0, "prep"), (3, "det"), (1, "pobj"), (3, "cc"), (3, "conj"),
        (7, "aux"), (None, ROOT)]
    rows = [("man", "NOUN", "NN", ROOT, None), ("in", "ADP", "IN", "prep", 0), ("a", *D, 3),
            ("suit", "NOUN", "NN", "pobj", 1), ("and", "CCONJ", "CC", "cc", 0)]
    ran = graph("man in a suit and ran", [*rows, ("ran", "VERB", "VBD", "conj", 0)])
    assert list(repair(ran)) == list(ran)
    tie = graph("man in a suit and a tie", [
        *rows, ("a", *D, 6), ("tie", "NOUN", "NN", "conj", 3)])
    assert list(repair(tie)) == list(tie)


def test_quoted_text_after_a_noun_that_names_it_describes_the_noun():
    """"a mug with the words 'best dad' printed on it" (words the possessive of dad, the
    quote read as a possessive mark): the words take the text's place, the text describes
    them, and printed is theirs; a quote with no verb of saying or writing and no such noun
    around it ("a man 'popping a wheelie'") is left alone."""
    repair = default_repair("quoted_text")
    mug = repair(graph("mug with the words ' best dad ' printed on it", [
        ("mug", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 0), ("the", *D, 3),
        ("words", "NOUN", "NNS", "poss", 6), ("'", "PART", "POS", "case", 3),
        ("best", "ADJ", "JJS", "amod", 6), ("dad", "NOUN", "NN", "pobj", 1),
        ("'", "PUNCT", "''", "punct", 6), ("printed", "VERB", "VBN", "acl", 0),
        ("on", "ADP", "IN", "prep", 8), ("it", "PRON", "PRP", "pobj", 9)]))
    assert [(w.pos, w.head, w.relation) for w in mug][3:9] == [
        ("NOUN", 1, "pobj"), ("PART", 3, "case"), ("ADJ", 6, "amod"), ("ADJ", 3, "amod"),
        ("PUNCT", 6, "punct"), ("VERB", 3, "acl")]
    # "the letters/poss 'ABC' painted": the noun takes the participle's place, no ring
    letters = repair(graph("sign with the letters ' ABC ' painted", [
        ("sign", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 0), ("the", *D, 3),
        ("letters", "NOUN", "NNS", "poss", 7), ("'", "PUNCT", "``", "case", 3),
        ("ABC", "PROPN", "NNP", "nsubj", 7), ("'", "PUNCT", "''", "punct", 5),
        ("painted", "VERB", "VBN", "pcomp", 1)]))
    assert [(w.pos, w.head, w.relation) for w in letters][3:8] == [
        ("NOUN", 1, "pcomp"), ("PUNCT", 3, "case"), ("ADJ", 3, "amod"), ("PUNCT", 5, "punct"),
        ("VERB", 3, "acl")]
    assert not letters.has_loop()
    # "'ABC'/nsubj painted in red": the text takes the participle's place, describing nothing
    text = repair(graph("sign with ' ABC ' painted", [
        ("sign", "NOUN", "NN", ROOT, None), ("with", "ADP", "IN", "prep", 0),
        ("'", "PUNCT", "``", "punct", 5), ("ABC", "PROPN", "NNP", "nsubj", 5),
        ("'", "PUNCT", "''", "punct", 5), ("painted", "VERB", "VBN", "pcomp", 1)]))
    assert [(w.pos, w.head, w.relation) for w in text][3:6] == [
        ("X", 1, "dep"), ("PUNCT", 5, "punct"), ("VERB", 3, "acl")]
    assert not text.has_loop()
    rows = [("man", "NOUN", "NN", ROOT, None), ('"', "PUNCT", "``", "punct", 2),
            ("popping", "VERB", "VBG", "acl", 0), ("a", *D, 4),
            ("wheelie", "NOUN", "NN", "dobj", 2), ('"', "PUNCT", "''", "punct", 2)]
    wheelie = graph('man " popping a wheelie "', rows)
    assert repair(wheelie) is wheelie


def test_decades_as_tags_of_their_own_bind_nothing():
    """"a vintage car, 1960s, film grain": a decade alone between commas is the picture's
    period, hung on nothing; one before its noun ("a 1950s diner") still describes it."""
    repair = default_repair("decades")
    tag = repair(graph("car , 1960s , grain", [
        ("car", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("1960s", "NUM", "CD", "appos", 0), (",", "PUNCT", ",", "punct", 0),
        ("grain", "NOUN", "NN", "appos", 0)]))
    assert (tag[2].pos, tag[2].head, tag[2].relation) == ("ADJ", 0, "dep")
    last = repair(graph("car , 1960s", [
        ("car", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("1960s", "NUM", "CD", "appos", 0)]))
    assert last[2].relation == "dep"
    before = repair(graph("a 1950s diner", [
        ("a", *D, 2), ("1950s", "NUM", "CD", "nummod", 2), ("diner", "NOUN", "NN", ROOT, None)]))
    assert (before[1].pos, before[1].relation) == ("ADJ", "amod")


def test_subjects_read_as_verbs_make_the_singular_subject_of_a_base_form_a_compound():
    """"chimney smoke/VBP curls/NNS into the sky", chimney the subject of smoke: a singular
    noun with no article before a base form is a compound's first noun, not its subject."""
    repair = default_repair("subjects_read_as_verbs")
    smoke = repair(graph("chimney smoke curls into the sky", [
        ("chimney", "NOUN", "NN", "nsubj", 1), ("smoke", "VERB", "VBP", ROOT, None),
        ("curls", "NOUN", "NNS", "dobj", 1), ("into", "ADP", "IN", "prep", 1), ("the", *D, 5),
        ("sky", "NOUN", "NN", "pobj", 3)]))
    assert [(w.pos, w.tag, w.relation, w.head) for w in smoke][:4] == [
        ("NOUN", "NN", "compound", 1), ("NOUN", "NN", "nsubj", 2),
        ("VERB", "VBZ", ROOT, None), ("ADP", "IN", "prep", 2)]


def test_verbs_of_verbless_clauses_read_past_a_subordinating_conjunction():
    """"..., while a small robot with one red eye hovers/NNS beside her": the clause after
    *while* has its verb like any other between commas."""
    repair = default_repair("verbs_of_verbless_clauses")
    robot = repair(graph("a pilot waits, while a small robot with one red eye hovers beside her", [
        ("a", *D, 1), ("pilot", "NOUN", "NN", "nsubj", 2), ("waits", "VERB", "VBZ", ROOT, None),
        (",", "PUNCT", ",", "punct", 2), ("while", "SCONJ", "IN", "mark", 7), ("a", *D, 7),
        ("small", "ADJ", "JJ", "amod", 7), ("robot", "NOUN", "NN", "advcl", 2),
        ("with", "ADP", "IN", "prep", 7), ("one", "NUM", "CD", "nummod", 12),
        ("red", "ADJ", "JJ", "amod", 12), ("eye", "NOUN", "NN", "compound", 12),
        ("hovers", "NOUN", "NNS", "pobj", 8), ("beside", "ADP", "IN", "prep", 12),
        ("her", "PRON", "PRP", "pobj", 13)]))
    rows = [(w.pos, w.relation, w.head) for w in robot]
    assert rows[7] == ("NOUN", "nsubj", 12)
    assert rows[12][0] == "VERB" and robot[12].tag == "VBZ"
    assert rows[11] == ("NOUN", "compound", 12) or robot[11].head != 12


def test_tag_nouns_leave_a_state_read_for_the_character_and_read_a_coloured_adjective():
    """"1boy, ..., focused/VBD, upper body": tag_adjectives gave focused to the boy, so it is
    no lone noun; "pink tutu/JJ" ending its tag is a noun (a colour describes things)."""
    repair = default_repair("tag_nouns")
    focused = graph("1boy, workshop, focused, upper body", [
        ("1boy", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("workshop", "NOUN", "NN", "conj", 0), (",", "PUNCT", ",", "punct", 2),
        ("focused", "VERB", "VBD", "amod", 0), (",", "PUNCT", ",", "punct", 4),
        ("upper", "ADJ", "JJ", "amod", 7), ("body", "NOUN", "NN", "npadvmod", 0)])
    assert repair(focused)[4] == focused[4]
    tutu = repair(graph("1girl, pink tutu, white tights", [
        ("1girl", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("pink", "ADJ", "JJ", "amod", 3), ("tutu", "ADJ", "JJ", "appos", 0),
        (",", "PUNCT", ",", "punct", 3), ("white", "ADJ", "JJ", "amod", 6),
        ("tights", "NOUN", "NNS", "conj", 3)]))
    assert (tutu[3].pos, tutu[3].tag) == ("NOUN", "NN")


def test_tag_adjectives_give_a_state_above_the_character_to_it_and_keep_the_tags_in_place():
    """"masterpiece, 1boy, dreadlocks, focused, workshop" parsed as a chain of tags under
    focused: focused describes the boy, and the tags it held hang one step up."""
    repair = default_repair("tag_adjectives")
    parsed = graph("masterpiece, 1 boy, solo, dreadlocks, focused, workshop, colors", [
        ("masterpiece", "PROPN", "NNP", "nsubj", 9), (",", "PUNCT", ",", "punct", 0),
        ("1", "NUM", "CD", "nummod", 3), ("boy", "NOUN", "NN", "appos", 0),
        (",", "PUNCT", ",", "punct", 3), ("solo", "ADJ", "JJ", "amod", 7),
        (",", "PUNCT", ",", "punct", 7), ("dreadlocks", "NOUN", "NNS", "conj", 3),
        (",", "PUNCT", ",", "punct", 9), ("focused", "ADJ", "JJ", "amod", 13),
        (",", "PUNCT", ",", "punct", 9), ("workshop", "NOUN", "NN", "conj", 9),
        (",", "PUNCT", ",", "punct", 13), ("colors", "NOUN", "NNS", ROOT, None)])
    out = repair(parsed)
    assert (out[9].relation, out[9].head) == ("amod", 3)
    assert out[0].head == 13 and out[11].head == 13
    assert not out.has_loop(since=parsed)


def test_coordinated_gerunds_read_an_ing_noun_coordinated_with_an_adjective_as_a_participle():
    """"a parrot, green and gleaming/NN, sits": nouns and describing words are not
    coordinated; a known noun ("a red and white building") or one with words of its own
    stays."""
    repair = default_repair("coordinated_gerunds")
    parrot = repair(graph("a parrot, green and gleaming, sits", [
        ("a", *D, 1), ("parrot", "NOUN", "NN", "nsubj", 7), (",", "PUNCT", ",", "punct", 1),
        ("green", "ADJ", "JJ", "conj", 1), ("and", "CCONJ", "CC", "cc", 3),
        ("gleaming", "NOUN", "NN", "conj", 3), (",", "PUNCT", ",", "punct", 1),
        ("sits", "VERB", "VBZ", ROOT, None)]))
    assert (parrot[5].pos, parrot[5].tag, parrot[5].relation, parrot[5].head) == (
        "VERB", "VBG", "conj", 3)
    building = graph("red and building", [
        ("red", "ADJ", "JJ", ROOT, None), ("and", "CCONJ", "CC", "cc", 0),
        ("building", "NOUN", "NN", "conj", 0)])
    assert list(repair(building)) == list(building)


def test_verbs_of_verbless_clauses_read_a_subject_described_between_commas():
    """"where a black locomotive/JJ, huge and gleaming, hisses/NNS beside a row": the
    describing words set off by commas belong to the clause; the "adjective" closing the
    articled phrase before them is its subject, the known verb after them its verb."""
    repair = default_repair("verbs_of_verbless_clauses")
    out = repair(graph("where a black locomotive, huge and gleaming, hisses beside a row", [
        ("where", "SCONJ", "WRB", "advmod", 9), ("a", *D, 3), ("black", "ADJ", "JJ", "amod", 3),
        ("locomotive", "ADJ", "JJ", "amod", 9), (",", "PUNCT", ",", "punct", 3),
        ("huge", "ADJ", "JJ", "conj", 3), ("and", "CCONJ", "CC", "cc", 5),
        ("gleaming", "ADJ", "JJ", "conj", 5), (",", "PUNCT", ",", "punct", 3),
        ("hisses", "NOUN", "NNS", ROOT, None), ("beside", "ADP", "IN", "prep", 9), ("a", *D, 12),
        ("row", "NOUN", "NN", "pobj", 10)]))
    assert (out[3].pos, out[3].tag, out[3].relation, out[3].head) == ("NOUN", "NN", "nsubj", 9)
    assert (out[9].pos, out[9].tag) == ("VERB", "VBZ")
    assert (out[5].relation, out[5].head) == ("conj", 3)


def test_verbs_of_verbless_clauses_read_a_definite_subject_described_between_commas():
    """"the teacher, young and cheerful, kneels beside a boy" (kneels/NNS an apposition of
    teacher): describing words set off by commas close the noun phrase, so the verb after
    them is no compound's head and *the* serves as well as *a*; "the city lights at night"
    (no commas between) stays a phrase."""
    repair = default_repair("verbs_of_verbless_clauses")
    out = repair(graph("a desk, the teacher, young and cheerful, kneels beside a boy", [
        ("a", *D, 1), ("desk", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
        ("the", *D, 4), ("teacher", "NOUN", "NN", "appos", 1), (",", "PUNCT", ",", "punct", 4),
        ("young", "ADJ", "JJ", "amod", 4), ("and", "CCONJ", "CC", "cc", 6),
        ("cheerful", "ADJ", "JJ", "conj", 6), (",", "PUNCT", ",", "punct", 4),
        ("kneels", "NOUN", "NNS", "appos", 4), ("beside", "ADP", "IN", "prep", 10),
        ("a", *D, 13), ("boy", "NOUN", "NN", "pobj", 11)]))
    assert (out[4].relation, out[4].head) == ("nsubj", 10)
    assert (out[10].pos, out[10].tag) == ("VERB", "VBZ")
    rows = [("a", *D, 1), ("desk", "NOUN", "NN", ROOT, None), (",", "PUNCT", ",", "punct", 1),
            ("the", *D, 5), ("city", "NOUN", "NN", "compound", 5),
            ("lights", "NOUN", "NNS", "appos", 1), ("at", "ADP", "IN", "prep", 5),
            ("night", "NOUN", "NN", "pobj", 6)]
    lights = graph("a desk, the city lights at night", rows)
    assert repair(lights) is lights


def test_verbs_of_verbless_clauses_give_the_verb_the_participle_after_it():
    """"far away three walruses lie/NN sprawled/VBD on a floe" (sprawled the clause's verb)
    and "an icebreaker painted red and black cuts/NNS a channel" (a colour of the participle's
    complement before the verb): the known verb is read, its participle hangs on it."""
    repair = default_repair("verbs_of_verbless_clauses")
    walruses = repair(graph("and far away three walruses lie sprawled on a floe", [
        ("and", "CCONJ", "CC", "cc", 6), ("far", "ADV", "RB", "advmod", 2),
        ("away", "ADV", "RB", "advmod", 6), ("three", "NUM", "CD", "nummod", 4),
        ("walruses", "NOUN", "NNS", "compound", 5), ("lie", "NOUN", "NN", "nsubj", 6),
        ("sprawled", "VERB", "VBD", ROOT, None), ("on", "ADP", "IN", "prep", 6), ("a", *D, 9),
        ("floe", "NOUN", "NN", "pobj", 7)]))
    assert (walruses[4].relation, walruses[4].head) == ("nsubj", 5)
    assert (walruses[5].pos, walruses[5].tag) == ("VERB", "VBP")
    assert (walruses[6].tag, walruses[6].relation, walruses[6].head) == ("VBN", "acl", 5)
    ship = repair(graph("an icebreaker painted red and black cuts a channel", [
        ("an", *D, 1), ("icebreaker", "NOUN", "NN", "compound", 6),
        ("painted", "VERB", "VBN", "amod", 6), ("red", "ADJ", "JJ", "amod", 6),
        ("and", "CCONJ", "CC", "cc", 3), ("black", "ADJ", "JJ", "conj", 3),
        ("cuts", "NOUN", "NNS", ROOT, None), ("a", *D, 8), ("channel", "NOUN", "NN", "dobj", 6)]))
    assert (ship[6].pos, ship[6].tag) == ("VERB", "VBZ")
    assert (ship[1].relation, ship[1].head) == ("nsubj", 6)
    assert (ship[2].relation, ship[2].head) == ("acl", 1)


def test_glued_commas_split_a_word_at_its_commas_but_not_a_number():
    """"score_7_up,1girl,solo": the tokenizer kept the comma beside a digit inside one word;
    the pieces become words and commas, the last keeping the word's place; "1,000" stays."""
    repair = default_repair("glued_commas")
    tags = repair(graph("score_7_up,1girl,solo, mecha pilot", [
        ("score_7_up,1girl,solo", "PROPN", "NNP", "nsubj", 3), (",", "PUNCT", ",", "punct", 0),
        ("mecha", "PROPN", "NNP", "compound", 3), ("pilot", "NOUN", "NN", ROOT, None)]))
    assert [(w.text, w.start, w.pos, w.relation, w.head) for w in tags][:6] == [
        ("score_7_up", 0, "PROPN", "dep", 4), (",", 10, "PUNCT", "punct", 4),
        ("1girl", 11, "PROPN", "dep", 4), (",", 16, "PUNCT", "punct", 4),
        ("solo", 17, "PROPN", "nsubj", 7), (",", 21, "PUNCT", "punct", 4)]
    number = graph("1,000 lanterns", [("1,000", "NUM", "CD", "nummod", 1),
                                      ("lanterns", "NOUN", "NNS", ROOT, None)])
    assert list(repair(number)) == list(number)


def test_subject_participles_read_a_linking_verb_tagged_a_noun_as_the_verb():
    """"... and feeling/NN humbled/VBN" (feeling the subject of humbled): the linking verb
    takes the participle's place, the participle is its complement."""
    repair = default_repair("subject_participles")
    out = repair(graph("looking and feeling humbled", [
        ("looking", "VERB", "VBG", ROOT, None), ("and", "CCONJ", "CC", "cc", 0),
        ("feeling", "NOUN", "NN", "nsubj", 3), ("humbled", "VERB", "VBN", "conj", 0)]))
    assert [(w.pos, w.tag, w.relation, w.head) for w in out][2:] == [
        ("VERB", "VBG", "conj", 0), ("VERB", "VBN", "acomp", 2)]


def test_tag_nouns_take_a_noun_hung_on_a_later_tag_as_a_tag_of_its_own():
    """"..., explorer with torch, mist, indiana jones vibes" (explorer an nmod of vibes): an
    apposition, so an entity; a colour opening a list of colours keeps its reading."""
    repair = default_repair("tag_nouns")
    out = repair(graph("ruins, explorer with torch, mist, jones vibes", [
        ("ruins", "NOUN", "NNS", ROOT, None), (",", "PUNCT", ",", "punct", 0),
        ("explorer", "NOUN", "NN", "nmod", 9), ("with", "ADP", "IN", "prep", 2),
        ("torch", "NOUN", "NN", "pobj", 3), (",", "PUNCT", ",", "punct", 4),
        ("mist", "NOUN", "NN", "appos", 4), (",", "PUNCT", ",", "punct", 6),
        ("jones", "PROPN", "NNP", "compound", 9), ("vibes", "NOUN", "NNS", "conj", 0)]))
    assert out[2].relation == "appos"
    colours = graph("Brown, white, and black rams", [
        ("Brown", "NOUN", "NN", "amod", 6), (",", "PUNCT", ",", "punct", 0),
        ("white", "ADJ", "JJ", "conj", 0), (",", "PUNCT", ",", "punct", 2),
        ("and", "CCONJ", "CC", "cc", 2), ("black", "ADJ", "JJ", "conj", 2),
        ("rams", "NOUN", "NNS", ROOT, None)])
    assert repair(colours)[0].relation == "amod"


def test_verbs_by_agreement_read_an_s_word_after_a_plural_in_an_articled_nouns_phrase():
    """"an older professor in thick spectacles peers/NNS through a microscope" (spectacles a
    compound of peers, the object of in): peers is the professor's verb, spectacles the
    object of in again; after a noun run ("a red apron fries dumplings in") it is not."""
    repair = default_repair("verbs_by_agreement")
    out = repair(graph("an old professor in thick spectacles peers through a lens", [
        ("an", *D, 2), ("old", "ADJ", "JJ", "amod", 2), ("professor", "NOUN", "NN", ROOT, None),
        ("in", "ADP", "IN", "prep", 2), ("thick", "ADJ", "JJ", "amod", 5),
        ("spectacles", "NOUN", "NNS", "compound", 6), ("peers", "NOUN", "NNS", "pobj", 3),
        ("through", "ADP", "IN", "prep", 2), ("a", *D, 9), ("lens", "NOUN", "NN", "pobj", 7)]))
    assert (out[6].pos, out[6].tag, out[6].head) == ("VERB", "VBZ", None)
    assert (out[2].relation, out[2].head) == ("nsubj", 6)
    assert (out[5].relation, out[5].head) == ("pobj", 3)


def test_verbs_by_agreement_read_an_s_word_after_a_plural_in_a_participles_phrase():
    """"a wheel tangled in vines towers over a lot, a carousel stands silent" (vines a
    compound of towers, the object of in on tangled; the wheel the subject of stands, the
    carousel its conjunct): the preposition's owner is the noun the participle describes, so
    towers is the wheel's verb, its clause a conjunct of the later one, and the carousel is
    the subject of stands."""
    repair = default_repair("verbs_by_agreement")
    out = repair(graph("a wheel tangled in vines towers over a lot, a carousel stands silent", [
        ("a", *D, 1), ("wheel", "NOUN", "NN", "nsubj", 12), ("tangled", "VERB", "VBN", "acl", 1),
        ("in", "ADP", "IN", "prep", 2), ("vines", "NOUN", "NNS", "compound", 5),
        ("towers", "NOUN", "NNS", "pobj", 3), ("over", "ADP", "IN", "prep", 2), ("a", *D, 8),
        ("lot", "NOUN", "NN", "pobj", 6), (",", "PUNCT", ",", "punct", 1), ("a", *D, 11),
        ("carousel", "NOUN", "NN", "conj", 1), ("stands", "VERB", "VBZ", ROOT, None),
        ("silent", "ADJ", "JJ", "acomp", 12)]))
    assert (out[5].pos, out[5].tag, out[5].head, out[5].relation) == ("VERB", "VBZ", 12, "conj")
    assert [(w.head, w.relation) for w in out][1:5] == [
        (5, "nsubj"), (1, "acl"), (2, "prep"), (3, "pobj")]
    assert (out[11].head, out[11].relation) == (12, "nsubj")


def test_a_passive_after_a_finite_verb_and_a_comma_describes_not_its_subject():
    """"a cook pours soup, petri dishes are stacked by the sink" parsed with petri a verb and
    stacked a conjunct of pours: a passive joins the subject's verb only after a progressive
    ("is wearing a mask and getting vaccinated"); here it is a clause, not the cook's."""
    rows = [("a", *D, 1), ("cook", "NOUN", "NN", "nsubj", 2), ("pours", "VERB", "VBZ", ROOT, None),
            ("soup", "NOUN", "NN", "dobj", 2), (",", "PUNCT", ",", "punct", 2),
            ("petri", "VERB", "VBD", "advcl", 2), ("dishes", "NOUN", "NNS", "dobj", 5),
            ("are", "AUX", "VBP", "auxpass", 8), ("stacked", "VERB", "VBN", "conj", 2),
            ("by", "ADP", "IN", "prep", 8), ("the", *D, 11), ("sink", "NOUN", "NN", "pobj", 9)]
    found = load_grammar("en-clearnlp").bind(
        graph("a cook pours soup, petri dishes are stacked by the sink", rows))
    cook = next(e for e in found.entities if e.text == "cook")
    assert [m.text for m in cook.modifiers] == []


def test_an_unknown_word_with_an_adjective_ending_after_feeling_is_its_complement():
    """"and feeling wonderstruck" (wonderstruck/NN a conjunct of the noun before, feeling its
    amod): the verb takes the noun's place as a conjunct of the clause's verb, the word is its
    complement; "and feeling starstruck" (starstruck/NN the object of watching, the concert
    its nmod): the concert is the object again. A known thing stays ("feeling sunshine")."""
    repair = default_repair("adjectives_read_as_nouns")
    text = "a person is looking at a meteor shower and feeling wonderstruck"
    wonder = repair(graph(text, [
        ("a", *D, 1), ("person", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
        ("looking", "VERB", "VBG", ROOT, None), ("at", "ADP", "IN", "prep", 3), ("a", *D, 7),
        ("meteor", "NOUN", "NN", "compound", 7), ("shower", "NOUN", "NN", "pobj", 4),
        ("and", "CCONJ", "CC", "cc", 7), ("feeling", "VERB", "VBG", "amod", 10),
        ("wonderstruck", "NOUN", "NN", "conj", 7)]))
    assert (wonder[9].head, wonder[9].relation) == (3, "conj")
    assert (wonder[10].pos, wonder[10].head, wonder[10].relation) == ("ADJ", 9, "acomp")
    rows = [("a", *D, 1), ("girl", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
            ("watching", "VERB", "VBG", ROOT, None), ("a", *D, 5),
            ("stage", "NOUN", "NN", "nmod", 8), ("and", "CCONJ", "CC", "cc", 5),
            ("feeling", "VERB", "VBG", "conj", 3), ("starstruck", "NOUN", "NN", "dobj", 3)]
    star = repair(graph("a girl is watching a stage and feeling starstruck", rows))
    assert (star[5].head, star[5].relation) == (3, "dobj")
    assert (star[8].pos, star[8].head, star[8].relation) == ("ADJ", 7, "acomp")
    rows[8] = ("sunshine", "NOUN", "NN", "dobj", 3)
    sun = graph("a girl is watching a stage and feeling sunshine", rows)
    assert repair(sun).words == sun.words


def test_a_degree_adverb_hung_on_its_participle_is_its_modifier():
    """"a skull half hidden" (half a dep of hidden) only relabels half; an adverb already a
    modifier is left alone (the case in CASES: half an apposition, buried hung on it)."""
    repair = default_repair("degree_adverbs")
    hidden = repair(graph("a skull half hidden", [
        ("a", *D, 1), ("skull", "NOUN", "NN", ROOT, None), ("half", "ADV", "RB", "dep", 3),
        ("hidden", "VERB", "VBN", "acl", 1)]))
    assert (hidden[2].head, hidden[2].relation) == (3, "advmod")
    other = graph("a skull mostly hidden", [
        ("a", *D, 1), ("skull", "NOUN", "NN", ROOT, None), ("mostly", "ADV", "RB", "advmod", 3),
        ("hidden", "VERB", "VBN", "acl", 1)])
    assert repair(other) is other


def test_a_wearer_without_words_of_its_own_or_an_animate_object_stays():
    """"a man wearing a hat and a woman" (the woman has no participle or preposition of her
    own) and "a woman holding a baby and a man in a suit" (the baby is animate: she may hold
    the man too, as far as the parse can tell) are left as the parser read them."""
    repair = default_repair("wearer_conjuncts")
    bare = graph("a man wearing a hat and a woman", [
        ("a", *D, 1), ("man", "NOUN", "NN", ROOT, None), ("wearing", "VERB", "VBG", "acl", 1),
        ("a", *D, 4), ("hat", "NOUN", "NN", "dobj", 2), ("and", "CCONJ", "CC", "cc", 4),
        ("a", *D, 7), ("woman", "NOUN", "NN", "conj", 4)])
    assert repair(bare).words == bare.words
    baby = graph("a woman holding a baby and a man in a suit", [
        ("a", *D, 1), ("woman", "NOUN", "NN", ROOT, None), ("holding", "VERB", "VBG", "acl", 1),
        ("a", *D, 4), ("baby", "NOUN", "NN", "dobj", 2), ("and", "CCONJ", "CC", "cc", 4),
        ("a", *D, 7), ("man", "NOUN", "NN", "conj", 4), ("in", "ADP", "IN", "prep", 7),
        ("a", *D, 10), ("suit", "NOUN", "NN", "pobj", 8)])
    assert repair(baby).words == baby.words


def test_a_second_ing_verb_with_a_plural_object_is_read_off_the_first_object():
    """"is holding a calculator and crunching numbers" parsed as one object: numbers, with
    the calculator its nmod, crunching/NN the calculator's conjunct and "a" the article of
    numbers. The singular article before a plural shows it: the calculator is the object,
    crunching a second verb taking numbers. With no singular article, nothing moves."""
    repair = default_repair("coordinated_gerunds")
    rows = [("a", *D, 1), ("man", "NOUN", "NN", "nsubj", 3), ("is", "AUX", "VBZ", "aux", 3),
            ("holding", "VERB", "VBG", ROOT, None), ("a", *D, 8),
            ("calculator", "NOUN", "NN", "nmod", 8), ("and", "CCONJ", "CC", "cc", 5),
            ("crunching", "NOUN", "NN", "conj", 5), ("numbers", "NOUN", "NNS", "dobj", 3)]
    fixed = repair(graph("a man is holding a calculator and crunching numbers", rows))
    assert (fixed[5].head, fixed[5].relation) == (3, "dobj") and fixed[4].head == 5
    assert (fixed[7].pos, fixed[7].tag, fixed[7].head) == ("VERB", "VBG", 3)
    assert fixed[8].head == 7 and fixed[6].head == 3
    rows[4] = ("the", *D, 8)
    definite = graph("a man is holding the calculator and crunching numbers", rows)
    assert repair(definite).words == definite.words
