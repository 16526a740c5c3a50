"""Hand edits of a spec (a modifier moved, removed or added), checked by the spec's own model.

The web page edits the spec's JSON and sends it back; here it becomes a ``Spec`` again through
the same validation as any spec file, with its token positions recomputed for the bundled CLIP
tokenizer (an edit changes which modifiers there are, and ``tokens`` must list them in order).
"""

from __future__ import annotations

import json
from typing import Any

from binding.errors import BindingError
from binding.spec import Spec, spec_from_json


def checked_spec(data: Any, max_prompt_chars: int | None = None) -> Spec:
    """``data`` (a decoded JSON object) as a valid spec, token positions re-aligned when they
    are the bundled CLIP tokenizer's. Raises ``BindingError`` with one line naming the problem."""
    from binding.alignment import CLIP_TOKENIZER_NAME, align_entities, clip_tokenizer

    if not isinstance(data, dict):
        raise BindingError("the spec must be a JSON object")
    prompt = data.get("prompt")
    if isinstance(prompt, str) and max_prompt_chars is not None:
        check_length(prompt, max_prompt_chars)
    tokens = data.get("tokens")
    realign = isinstance(tokens, dict) and tokens.get("tokenizer") == CLIP_TOKENIZER_NAME
    if not realign:  # another tokenizer's positions cannot be recomputed here: kept, and checked
        return spec_from_json(json.dumps(data), source="the edited spec")
    bare = spec_from_json(json.dumps({k: v for k, v in data.items() if k != "tokens"}),
                          source="the edited spec")
    aligned = align_entities(bare.read(), bare.entities, clip_tokenizer())
    whole = bare.model_dump(mode="json", by_alias=True)
    whole["tokens"] = aligned.model_dump(mode="json")
    return spec_from_json(json.dumps(whole), source="the edited spec")


def check_length(prompt: str, limit: int) -> None:
    if len(prompt) > limit:
        raise BindingError(f"the prompt is {len(prompt)} characters long; this server takes at "
                           f"most {limit} (start it with --max-prompt-chars to allow more)")
