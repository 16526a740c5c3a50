"""The human-readable view of a spec (``binding parse`` without ``--json``).

Every text from a spec is escaped (``binding.printable.escape``): a spec may come from anyone,
and a control character printed raw drives the terminal.
"""

from __future__ import annotations

from binding.printable import escape
from binding.spec import Spec


def _indices(values: list[int] | None) -> str:
    if values is None:
        return ""
    return " ".join(str(i) for i in values) if values else "(cut off)"


def columns(rows: list[tuple[str, ...]], rule: bool = False) -> list[str]:
    """Rows as left-aligned columns two spaces apart; ``rule`` underlines the first row.
    Cells are escaped, so each row stays one line of printable text."""
    rows = [tuple(escape(cell) for cell in row) for row in rows]
    widths = [max(len(row[c]) for row in rows) for c in range(len(rows[0]))]
    if rule:
        rows = [rows[0], tuple("-" * w for w in widths), *rows[1:]]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            for row in rows]


def format_spec(spec: Spec) -> str:
    """Entities, their modifiers, relations and token positions as an aligned table."""
    tokens = {t.id: t for t in spec.tokens.entities} if spec.tokens else {}
    rows: list[tuple[str, str, str, str, str]] = []
    for entity in spec.entities:
        aligned = tokens.get(entity.id)
        indices = _indices(aligned.indices if aligned else None)
        rows.append((entity.id, entity.text, "", "", indices))
        for k, modifier in enumerate(entity.modifiers):
            rows.append(("", f"  {modifier.text}", modifier.relation, modifier.kind,
                         _indices(aligned.modifiers[k] if aligned else None)))
    header = ("id", "entity / modifier", "relation", "kind",
              f"tokens ({spec.tokens.tokenizer})" if spec.tokens else "tokens")
    frontend = spec.frontend
    about = " ".join(x for x in (frontend.name, frontend.model, frontend.version) if x)
    if spec.grammar:
        about += f" | grammar {spec.grammar.name}"
    out = [f"prompt: {escape(spec.prompt)}", f"parsed by {escape(about)}", ""]
    if rows:
        out += columns([header, *rows], rule=True)
    else:
        out.append("no entities found")
    if spec.relations:
        out += ["", "relations:"]
        for relation in spec.relations:
            source, target = spec.entity(relation.source), spec.entity(relation.target)
            out.append(escape(f"  {relation.source} {source.text} --{relation.type}--> "
                              f"{relation.target} {target.text}"))
    if spec.weights:
        weighted = [f"{f.text.strip()!r} {f.weight:g}" for f in spec.weights.fragments
                    if f.weight != 1.0 and f.text.strip()]
        out += ["", escape(f"weights ({spec.weights.syntax}): {', '.join(weighted) or 'none'}")]
    if spec.tokens:
        note = ", truncated: words past the cut have no indices" if spec.tokens.truncated else ""
        if spec.tokens.chunks:
            note = f", in {spec.tokens.chunks} chunks of {spec.tokens.max_length}"
        out += ["", f"{spec.tokens.length} tokens of {spec.tokens.max_length}{note}"]
    return "\n".join(out)
