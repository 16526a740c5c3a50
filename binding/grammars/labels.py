"""The ``[labels]`` table of a grammar: the label scheme's words, by the role they play.

Repairs and the entity, modifier and relation passes never name a relation label or a
fine-grained tag in Python; they ask for a role (``labels.conj``, ``labels.subjects``) and the
grammar file says what that role is called in its scheme (``conj``; ``nsubj`` and
``nsubjpass`` in ClearNLP, ``nsubj`` and ``nsubj:pass`` in UD). A role a scheme lacks is left
out; a repair that needs it is refused when the grammar loads (``Repair.needs``).
Universal parts of speech (NOUN, VERB, ...) are the neutral graph's own and need no table.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

LabelSet = frozenset[str]


class Labels(BaseModel):
    """Relation labels and fine-grained tags by role; None where the scheme has none."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    # relations a repair writes or looks for
    subject: str | None = Field(None, description="nominal subject (nsubj)")
    subjects: LabelSet | None = Field(None, description="any subject (nsubj, nsubjpass)")
    object: str | None = Field(None, description="direct object (dobj; UD obj)")
    preposition: str | None = Field(None, description="a preposition on its head (prep)")
    prepositional_objects: tuple[str, ...] | None = Field(
        None, description="object of a preposition, the first written by repairs (pobj; UD: "
                          "nmod, obl)")
    prepositional_complement: str | None = Field(
        None, description="clause or -ing word as a preposition's object (pcomp)")
    case: LabelSet | None = Field(
        None, description="prepositions marked on their noun (UD case); unset where "
                          "prepositions head their noun")
    participle: str | None = Field(None, description="clause on a noun (acl)")
    relative_clause: str | None = Field(None, description="relative clause (relcl)")
    adverbial_clause: str | None = Field(None, description="adverbial clause (advcl)")
    conj: str | None = Field(None, description="conjunct (conj)")
    coordinator: str | None = Field(None, description="coordinating conjunction (cc)")
    punct: str | None = Field(None, description="punctuation (punct)")
    apposition: str | None = Field(None, description="apposition (appos)")
    possessive: str | None = Field(None, description="possessive (poss; UD nmod:poss)")
    compound: str | None = Field(None, description="noun compound (compound)")
    adjectival: str | None = Field(None, description="adjectival modifier (amod)")
    numeric: str | None = Field(None, description="numeric modifier (nummod)")
    determiner: str | None = Field(None, description="determiner (det)")
    unknown: str | None = Field(None, description="unclassified dependent (dep)")
    # fine-grained tags
    present_participle: str | None = Field(None, description="-ing form (VBG)")
    past_participle: str | None = Field(None, description="past participle (VBN)")
    past_tense: str | None = Field(None, description="past tense (VBD)")
    base_verb: str | None = Field(None, description="base form (VB)")
    present_verb: str | None = Field(None, description="present, not 3rd person (VBP)")
    third_person_verb: str | None = Field(None, description="present, 3rd person (VBZ)")
    finite_verbs: LabelSet | None = Field(None, description="finite verb tags (VB, VBP, VBZ)")
    singular_verbs: LabelSet | None = Field(None, description="singular verb tags (VBZ)")
    singular_noun: str | None = Field(None, description="singular common noun (NN)")
    plural_noun: str | None = Field(None, description="plural common noun (NNS)")
    plural_nouns: LabelSet | None = Field(None, description="plural noun tags (NNS, NNPS)")
    adverb: str | None = Field(None, description="adverb (RB)")
    adjective: str | None = Field(None, description="adjective (JJ)")
    numeral: str | None = Field(None, description="cardinal number (CD)")
    relative_pronouns: LabelSet | None = Field(None, description="relative pronoun tags (WDT)")
    quotes: LabelSet | None = Field(None, description="quotation mark tags (``, '')")

    # every role's labels as a set, made once from the fields (so equal tables stay equal):
    # repairs ask for them on every graph
    _sets: dict[str, frozenset[str]] = PrivateAttr(default_factory=dict)

    def model_post_init(self, context: object, /) -> None:
        for role in type(self).model_fields:
            value = getattr(self, role)
            self._sets[role] = (frozenset() if value is None else frozenset([value])
                                if isinstance(value, str) else frozenset(value))
        # derived: the tags of a verb with a tense of its own, present or past (a clause's
        # verb, never a participle), which several repairs read
        self._sets["tensed_verbs"] = self._sets["finite_verbs"] | self._sets["past_tense"]

    def set(self, role: str) -> frozenset[str]:
        """The labels of a role as a set (empty where the scheme has none); also the derived
        ``tensed_verbs`` (``finite_verbs`` and ``past_tense``)."""
        # (read from the private store itself: pydantic's look-up of a private attribute
        # costs twenty times the dictionary's)
        return self.__pydantic_private__["_sets"][role]  # type: ignore[index]

    def missing(self, roles: tuple[str, ...]) -> list[str]:
        """The roles of ``roles`` this table leaves unset."""
        return [role for role in roles if getattr(self, role) is None]
