"""Front ends: parser adapters. Each turns text into the neutral ``DependencyGraph``.

Only the module of a front end knows its parser; everything downstream reads graphs. Each front
end registers in ``registry.frontends`` (another package adds one through the entry point group
``binding_frontends``) with the options object it takes; its module is imported only when it is
built, so the heavy ones (Stanza, torch) stay unloaded.

- ``spacy``: a spaCy pipeline (ClearNLP labels for English; the default).
- ``stanza``: a local Stanza pipeline (UD v2 labels).
- ``conllu``: any UD parser's output, read from a CoNLL-U file.
- ``clip``: no parser: bindings from a CLIP text encoder's self-attention, parts of speech from
  another front end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from binding.errors import BindingError
from binding.registry import lookup, names, registry

if TYPE_CHECKING:
    from binding.graph import DependencyGraph
    from binding.spec import FrontendInfo

FRONTENDS = ("spacy", "stanza", "conllu", "clip")  # the bundled ones
DEFAULT_SPACY_MODEL = "en_core_web_sm"


class Frontend(Protocol):
    """What the pipeline needs of a front end: its label scheme, its identity for the spec,
    and graphs for texts in order (``ids`` let a file-backed front end find its sentences)."""

    name: str
    scheme: str
    info: FrontendInfo

    def graphs(self, texts: Iterable[str], batch_size: int = 256,
               ids: Iterable[str | None] | None = None) -> Iterator[DependencyGraph]: ...


class FrontendOptions(BaseModel):
    """Base of the options objects: an option a front end does not take is refused."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SpacyOptions(FrontendOptions):
    model: str = DEFAULT_SPACY_MODEL  # a spaCy pipeline: package name or folder


class StanzaOptions(FrontendOptions):
    stanza_dir: str | None = None  # folder of Stanza's models
    download: bool = False  # may Stanza fetch its English models


class ConlluOptions(FrontendOptions):
    conllu: str | None = None  # the CoNLL-U file
    scheme: str | None = None  # the label scheme to assume where the file does not tell


class ClipOptions(FrontendOptions):
    model: str | None = None  # the diffusers model folder or hub id whose text encoder is read
    conllu: str | None = None  # parts of speech from this CoNLL-U file ...
    scheme: str | None = None
    pos: Literal["spacy", "stanza"] = "spacy"  # ... or from this tagger
    stanza_dir: str | None = None
    download: bool = False  # may the hub and Stanza fetch models
    layers: tuple[int, ...] | None = None
    heads: tuple[int, ...] | None = None
    aggregate: Literal["mean", "max"] = "mean"
    device: str = "cpu"
    text_attention: bool = False  # put the matrix in the spec


Options = TypeVar("Options", bound=FrontendOptions)


@dataclass(frozen=True)
class FrontendFactory(Generic[Options]):
    """A registered front end: the options it takes and how it is built from them."""

    options: type[Options]
    build: Callable[[Options], Any]


def _spacy(options: SpacyOptions) -> Any:
    from binding.frontends.spacy import SpacyFrontend

    return SpacyFrontend(options.model)


def _stanza(options: StanzaOptions) -> Any:
    from binding.frontends.stanza import StanzaFrontend

    return StanzaFrontend(options.stanza_dir, download=options.download)


def _conllu(options: ConlluOptions) -> Any:
    if options.conllu is None:
        raise BindingError("the conllu front end reads a file: pass --conllu FILE")
    from binding.frontends.conllu import ConlluFrontend

    return ConlluFrontend(options.conllu, scheme=options.scheme)


def _clip(options: ClipOptions) -> Any:
    if options.model is None:
        raise BindingError("the clip front end reads a text encoder: pass --model with a "
                           "diffusers model folder or hub id (e.g. "
                           "stable-diffusion-v1-5/stable-diffusion-v1-5)")
    from binding.frontends.clip import AttentionSettings, ClipFrontend

    settings = AttentionSettings(layers=options.layers, heads=options.heads,
                                 aggregate=options.aggregate)
    if options.conllu is not None:
        source = make_frontend("conllu", conllu=options.conllu, scheme=options.scheme)
    elif options.pos == "stanza":
        source = make_frontend("stanza", stanza_dir=options.stanza_dir,
                               download=options.download)
    else:
        source = make_frontend("spacy")
    return ClipFrontend(options.model, source, settings, local_files_only=not options.download,
                        device=options.device, export_attention=options.text_attention)


registry.frontends.register("spacy", func=FrontendFactory(SpacyOptions, _spacy))
registry.frontends.register("stanza", func=FrontendFactory(StanzaOptions, _stanza))
registry.frontends.register("conllu", func=FrontendFactory(ConlluOptions, _conllu))
registry.frontends.register("clip", func=FrontendFactory(ClipOptions, _clip))


def frontend_names() -> list[str]:
    return names(registry.frontends)


def frontend_factory(name: str) -> FrontendFactory[Any]:
    """The registered front end ``name``."""
    return lookup(registry.frontends, name, "front end")


def frontend_options(name: str, **given: Any) -> FrontendOptions:
    """The options object of front end ``name``; an option it does not take is an error that
    names the options it does take."""
    options = frontend_factory(name).options
    unknown = sorted(set(given) - set(options.model_fields))
    if unknown:
        raise BindingError(f"the {name} front end takes no option {unknown[0]!r}: its options "
                           f"are {', '.join(options.model_fields) or 'none'}")
    try:
        return options(**given)
    except ValidationError as exc:
        problem = exc.errors()[0]
        key = ".".join(str(k) for k in problem["loc"])
        raise BindingError(f"the {name} front end's option {key!r}: "
                           f"{problem['msg'][:1].lower()}{problem['msg'][1:]}") from None


def make_frontend(name: str, options: FrontendOptions | None = None, **given: Any) -> Any:
    """A front end by name, from its options object or from keyword options."""
    factory = frontend_factory(name)
    if options is None:
        options = frontend_options(name, **given)
    elif given or not isinstance(options, factory.options):
        raise BindingError(f"the {name} front end takes {factory.options.__name__}")
    return factory.build(options)
