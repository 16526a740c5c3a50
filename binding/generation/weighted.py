"""Prompt weights and prompts past 77 tokens, encoded through compel.

A weighted prompt is encoded fragment by fragment with compel's weighting (a weight above 1
scales the fragment's embedding away from the empty prompt's, one below 1 blends towards the
prompt without it), whichever syntax wrote the weights. A prompt past the text encoder's window
is encoded in chunks of 75 tokens, each with its own start and end tokens and padded to 77, the
chunks concatenated (compel's ``BRUTAL`` split, as A1111 does without its comma backtracking):
the layout the spec's positions address. A negative prompt is padded with empty chunks to the
same length, as compel does. Everything else (an ordinary prompt) keeps the pipeline's own
``encode_prompt``, so its pixels do not change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import torch

from binding.errors import BindingError

if TYPE_CHECKING:
    from binding.generation.tokens import PromptTokens


def compel_available() -> bool:
    """Whether compel can be imported (it comes with ``binding[render]``)."""
    try:
        import compel  # noqa: F401
    except ImportError:
        return False
    return True


def require_compel(tokens: PromptTokens) -> None:
    if not compel_available():
        what = "weights" if tokens.fragments else f"{tokens.length} tokens"
        raise BindingError(f"the prompt has {what}: encoding it needs compel, which is not "
                           "installed: pip install compel")


def _providers(pipe: Any, family: str, device: torch.device) -> list[Any]:
    from compel import EmbeddingsProvider, ReturnedEmbeddingsType, SplitLongTextMode

    kind = (ReturnedEmbeddingsType.LAST_HIDDEN_STATES_NORMALIZED if family == "sd"
            else ReturnedEmbeddingsType.PENULTIMATE_HIDDEN_STATES_NON_NORMALIZED)
    pairs = [(pipe.tokenizer, pipe.text_encoder)]
    if family == "sdxl":
        pairs.append((pipe.tokenizer_2, pipe.text_encoder_2))
    return [EmbeddingsProvider(tokenizer=tokenizer, text_encoder=encoder, truncate=False,
                               returned_embeddings_type=kind, device=device,
                               split_long_text_mode=SplitLongTextMode.BRUTAL)
            for tokenizer, encoder in pairs if tokenizer is not None and encoder is not None]


def _embed(providers: list[Any], fragments: list[tuple[str, float]],
           device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """(1, T, D) embeddings, every encoder's concatenated along D, and the first tokenizer's
    (T,) token ids."""
    texts, weights = [t for t, _ in fragments], [w for _, w in fragments]
    outputs = [p.get_embeddings_for_weighted_prompt_fragments(
        text_batch=[texts], fragment_weights_batch=[weights], should_return_tokens=True,
        device=device) for p in providers]
    return torch.cat([z for z, _ in outputs], dim=-1), outputs[0][1][0]


def _check_ids(tokens: PromptTokens, ids: torch.Tensor) -> None:
    """compel must have put every token where the spec's positions say it is."""
    found = ids.tolist()
    expected = list(tokens.ids)
    if len(found) < tokens.size or [found[p] for p in tokens.content] != expected:
        raise BindingError("compel encoded the prompt into other tokens than binding aligned "
                           "(a textual-inversion token?): binding cannot place its words")


def _padded(embeddings: list[torch.Tensor], empty: torch.Tensor) -> list[torch.Tensor]:
    """Pad each (1, T, D) with copies of the empty prompt's chunk to the longest T."""
    longest = max(e.shape[1] for e in embeddings)
    chunk = empty.shape[1]
    return [torch.cat([e, *[empty] * ((longest - e.shape[1]) // chunk)], dim=1)
            for e in embeddings]


def encode_weighted(pipe: Any, family: str, tokens: PromptTokens, negative_prompt: str | None,
                    batch: int, cfg: bool, device: torch.device) -> tuple[Any, ...]:
    """What ``pipe.encode_prompt`` returns, for a weighted or chunked prompt: (cond, uncond)
    for SD 1.x/2.x, (cond, uncond, pooled, uncond pooled) for SDXL; each batch-sized."""
    require_compel(tokens)
    providers = _providers(pipe, family, device)
    fragments = list(tokens.fragments) or [(_clean(tokens), 1.0)]
    cond, ids = _embed(providers, fragments, device)
    _check_ids(tokens, ids)
    uncond = None
    zeros = (family == "sdxl" and negative_prompt is None
             and getattr(pipe.config, "force_zeros_for_empty_prompt", False))
    if cfg:
        if zeros:  # SDXL's own choice for an empty negative prompt, as its pipeline makes it
            uncond = torch.zeros_like(cond)
        else:
            uncond = _embed(providers, [(negative_prompt or "", 1.0)], device)[0]
            empty = _embed(providers, [("", 1.0)], device)[0]
            cond, uncond = _padded([cond, uncond], empty)
    cond = cond.repeat(batch, 1, 1)
    uncond = None if uncond is None else uncond.repeat(batch, 1, 1)
    if family == "sd":
        return cond, uncond
    pooler = providers[-1]
    pooled = pooler.get_pooled_embeddings([_clean(tokens)], device=device)
    uncond_pooled = None
    if cfg:
        uncond_pooled = (torch.zeros_like(pooled) if zeros else
                         pooler.get_pooled_embeddings([negative_prompt or ""], device=device))
        uncond_pooled = uncond_pooled.repeat(batch, 1).to(cond.dtype)
    return cond, uncond, pooled.repeat(batch, 1).to(cond.dtype), uncond_pooled


def _clean(tokens: PromptTokens) -> str:
    """The text the encoder reads: the weighted fragments joined, or the prompt itself."""
    return "".join(t for t, _ in tokens.fragments) if tokens.fragments else tokens.prompt
