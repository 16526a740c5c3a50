"""Loading models by hub id or folder, with one clear line when the weights are not there.

A hub id (``openai/clip-vit-large-patch14``) is looked up in the local Hugging Face cache and,
when the hub can be reached, on the hub. Offline, ``huggingface_hub`` retries every file for
about half a minute before giving up and transformers then blames "outgoing traffic"; binding
checks first, in at most a few seconds, whether the hub's host answers at all, and if it does
not, loads from the cache alone and says so in one line when the model is not there.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from binding.errors import BindingError

PROBE_SECONDS = 3.0
_PROXIES = ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")


def hub_endpoint() -> str:
    try:
        from huggingface_hub import constants

        return str(constants.ENDPOINT)
    except ImportError:
        return os.environ.get("HF_ENDPOINT", "https://huggingface.co")


def cache_folder() -> str:
    try:
        from huggingface_hub import constants

        return str(constants.HF_HUB_CACHE)
    except ImportError:
        return "~/.cache/huggingface/hub"


def offline_by_setting() -> bool:
    """``HF_HUB_OFFLINE=1`` (or transformers' ``TRANSFORMERS_OFFLINE``) is set."""
    return any(os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")
               for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"))


@lru_cache(maxsize=1)
def hub_reachable(timeout: float = PROBE_SECONDS) -> bool:
    """Whether the hub's host resolves and takes a connection (through the proxy, when one is
    set, which is then trusted to reach it). Asked once per process."""
    if offline_by_setting():
        return False
    proxy = next((os.environ[p] for p in _PROXIES if os.environ.get(p)), None)
    url = urlsplit(proxy if proxy else hub_endpoint())
    if not url.hostname:
        return True  # nothing to probe: let the library try
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        with socket.create_connection((url.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def looks_like_path(model: str) -> bool:
    """A folder the user meant (``./sd15``, ``~/models/x``, ``a/b/c``), not a hub id."""
    return model.startswith((".", "/", "~")) or model.count("/") > 1


def load(loader: Callable[..., Any], model: str, *, what: str, option: str,
         local_files_only: bool = False, expects: str = "the model's files",
         **kwargs: Any) -> Any:
    """``loader(source, local_files_only=..., **kwargs)`` for a local folder or a hub id;
    every way it can fail is one ``BindingError`` line naming ``option``."""
    local = Path(model).expanduser()
    if local.exists():
        try:
            return loader(str(local), local_files_only=local_files_only, **kwargs)
        except (OSError, ValueError, TypeError) as exc:
            raise BindingError(f"cannot load {what} from the folder {model}: "
                               f"{first_sentence(exc)}; {option} needs a folder holding "
                               f"{expects}") from None
    if looks_like_path(model):
        raise BindingError(f"{what} folder {model} does not exist: pass {option} with a folder "
                           f"holding {expects}, or a hub id")
    offline = local_files_only or not hub_reachable()
    try:
        return loader(model, local_files_only=offline, **kwargs)
    except (OSError, ValueError, TypeError) as exc:
        if offline:
            why = ("--local-files-only is set" if local_files_only else
                   f"the hub ({urlsplit(hub_endpoint()).hostname}) cannot be reached")
            raise BindingError(
                f"{what} {model!r} is not in the local Hugging Face cache ({cache_folder()}) "
                f"and {why}: pass {option} with a local folder, or set HF_HOME to a cache "
                "that holds it") from None
        raise BindingError(f"cannot load {what} {model!r} from the Hugging Face Hub: "
                           f"{first_sentence(exc)}; pass {option} with a hub id or a folder "
                           f"holding {expects}") from None


def first_sentence(exc: BaseException) -> str:
    """The first sentence of an exception's message, with balanced parentheses."""
    text = str(exc).strip()
    if not text:
        return type(exc).__name__
    sentence = text.splitlines()[0].split(". ")[0].rstrip(".")
    while sentence.count("(") > sentence.count(")"):
        sentence = sentence[: sentence.rindex("(")].rstrip()
    return sentence or type(exc).__name__
