"""Pictures of a spec: the binding graph as SVG or an HTML page (``binding show``), and the
local web app that edits it (``binding serve``, in ``binding.show.server``).

    >>> import binding
    >>> svg = binding.parse("a pink sunflower and a yellow flamingo").to_svg()

Torch-free: only jinja2 and the bundled CLIP tokenizer (for token positions) are needed.
"""

from __future__ import annotations

from binding.show.layout import Layout, layout
from binding.show.picture import FORMATS, render, to_fragment, to_html, to_svg

__all__ = ["FORMATS", "Layout", "layout", "render", "to_fragment", "to_html", "to_svg"]
