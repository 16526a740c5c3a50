"""Front ends: parser adapters. Each turns text into the neutral ``DependencyGraph``.

Only the module of a front end knows its parser; everything downstream reads graphs.
"""

from __future__ import annotations

FRONTENDS = ("spacy",)
