"""The spaCy component: ``nlp.add_pipe("binding")`` sets ``doc._.binding`` to the spec.

Found by spaCy through the ``spacy_factories`` entry point, so no import is needed. It sits
beside the pipeline (it needs a ``Binder``), above the front ends it reads Docs with.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from binding.binder import Binder
from binding.frontends.spacy import doc_to_graph, label_scheme, model_name, tag_alternatives
from binding.spec import FrontendInfo

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc


def _register() -> Any:
    from spacy.language import Language
    from spacy.tokens import Doc

    if not Doc.has_extension("binding"):
        Doc.set_extension("binding", default=None)

    @Language.factory(
        "binding",
        default_config={"grammar": None, "tokenizer": "clip"},
        requires=["token.dep", "token.pos", "token.head"],
        assigns=["doc._.binding"],
    )
    def make_binding_component(
        nlp: Language, name: str, grammar: str | None, tokenizer: str | None
    ) -> BindingComponent:
        return BindingComponent(nlp, name, grammar=grammar, tokenizer=tokenizer)

    return make_binding_component


class BindingComponent:
    """Sets ``doc._.binding`` to the prompt's spec (the grammar follows the parser's labels)."""

    def __init__(self, nlp: Language, name: str = "binding", grammar: str | None = None,
                 tokenizer: str | None = "clip") -> None:
        self.name = name
        self.nlp = nlp
        self._grammar = grammar
        self._tokenizer = tokenizer
        self._binder: Binder | None = None

    def _get_binder(self) -> Binder:
        if self._binder is None:  # the parser's labels are known only once it is in the pipeline
            scheme = label_scheme(self.nlp)
            info = FrontendInfo(name="spacy", model=model_name(self.nlp),
                                version=self.nlp.meta.get("version"))
            self._binder = Binder(info, scheme, grammar=self._grammar, tokenizer=self._tokenizer)
        return self._binder

    def __call__(self, doc: Doc) -> Doc:
        binder = self._get_binder()
        alternatives = tag_alternatives(self.nlp, [doc])[0]
        doc._.binding = binder.spec(doc_to_graph(doc, binder.grammar.scheme, alternatives))
        return doc


make_binding_component = _register()
