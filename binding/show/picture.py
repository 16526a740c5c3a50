"""A spec as a self-contained SVG or HTML picture, from jinja2 templates that escape everything.

Every piece of text the prompt or the spec brings (words, relation names, ids, tooltips, the
JSON) goes through jinja2's autoescape, and first through ``xml_text``: XML 1.0 cannot carry
most control characters even escaped, so they are drawn as their visible Unicode pictures.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Literal

from binding.errors import BindingError
from binding.show.layout import Layout, layout
from binding.spec import Spec

Format = Literal["svg", "html"]
FORMATS = ("svg", "html")
# kind -> colour; one colour per kind, the same in the picture, its legend and the web page
COLOURS = {"entity": "#1d4ed8", "attribute": "#c2410c", "compound": "#7e22ce",
           "count": "#047857", "relation": "#525252", "cut": "#a3a3a3"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def xml_text(value: Any) -> Any:
    """Characters XML 1.0 forbids (C0 controls but tab and newlines, DEL, U+FFFE/U+FFFF) as
    visible pictures (U+2400 block, U+FFFD): a prompt can hold any of them."""
    if not isinstance(value, str) or hasattr(value, "__html__"):  # markup: ours, made safe
        return value

    def picture(match: re.Match[str]) -> str:
        code = ord(match.group())
        return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"

    return _NOT_XML.sub(picture, value)


@lru_cache(maxsize=1)
def _environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("binding.show", "templates"),
        autoescape=True, finalize=xml_text, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    env.filters["num"] = lambda v: f"{v:.1f}"
    return env


def _context(spec: Spec, picture: Layout) -> dict[str, Any]:
    frontend = spec.frontend
    about = " ".join(x for x in (frontend.name, frontend.model, frontend.version) if x)
    if spec.grammar is not None:
        about += f" | grammar {spec.grammar.name}"
    return {"spec": spec, "layout": picture, "colours": COLOURS, "about": about}


def to_svg(spec: Spec) -> str:
    """The binding graph of ``spec`` as one standalone SVG document (no scripts, no styles
    sheets, no external references: colours are attributes)."""
    return _environment().get_template("graph.svg.j2").render(**_context(spec, layout(spec)))


def to_html(spec: Spec) -> str:
    """A standalone HTML page: the prompt, the picture, a legend and the spec's JSON."""
    picture = layout(spec)
    svg = _environment().get_template("graph.svg.j2").render(**_context(spec, picture))
    return _environment().get_template("page.html.j2").render(
        svg=_markup(svg), json=spec.model_dump_json(indent=2), **_context(spec, picture))


def to_fragment(spec: Spec) -> str:
    """The picture for embedding in a page (Jupyter's ``_repr_html_``, the web app)."""
    svg = to_svg(spec)
    return f'<div class="binding-show" style="overflow-x: auto">{svg}</div>'


def _markup(text: str) -> Any:
    from markupsafe import Markup

    return Markup(text)  # our own template's output, escaped already


def render(spec: Spec, format: str = "svg") -> str:
    """``to_svg`` or ``to_html`` by name."""
    if format not in FORMATS:
        raise BindingError(f"unknown format {format!r}: use svg or html")
    return to_svg(spec) if format == "svg" else to_html(spec)
