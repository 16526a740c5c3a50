"""``binding serve``: a small local web app over the library (Starlette; plain HTML and JS).

Type a prompt, pick a front end and grammar, and see the graph and the spec; edit the spec (move
a modifier to another entity, remove or add one), validated by the spec's own pydantic model,
and download it. With a model, render plain and guided side by side with per-entity heat maps.

Safe by default: it listens on loopback; only Host headers naming this server are answered
(no DNS rebinding); requests must be JSON (a cross-site form cannot post one) and are size-
limited; prompts over a length limit are refused with a message; no request names a file (the
page's own two assets are served from a fixed table, grammars by bundled name only, front ends
that read files are not offered); every page carries a strict Content-Security-Policy.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
import traceback
import warnings
from dataclasses import dataclass, field
from importlib.resources import files
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from binding.errors import BindingError
from binding.show.edit import check_length, checked_spec
from binding.spec import Spec

MAX_PROMPT_CHARS = 1000
MAX_BODY_BYTES = 256 * 1024  # a spec with a 77 x 77 text-attention matrix fits
MAX_STEPS = 200
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
_ASSETS = {"app.js": "text/javascript; charset=utf-8", "app.css": "text/css; charset=utf-8"}
_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data: blob:; connect-src 'self'; "
                               "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ParseRequest(_Request):
    prompt: str
    frontend: str = "spacy"
    grammar: str | None = None


class SpecRequest(_Request):
    spec: dict[str, Any]


class RenderRequest(_Request):
    spec: dict[str, Any]
    method: str = "syngen"
    seed: int = Field(default=0, ge=0, le=2**31 - 1)
    steps: int | None = Field(default=None, ge=1, le=MAX_STEPS)


class HTTPProblem(Exception):
    """An answer with a status and a one-line ``error`` for the page to show."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Settings:
    """What the app offers: front ends, grammars, limits, and an optional image model."""

    frontends: tuple[str, ...] = ()
    grammars: dict[str, str] = field(default_factory=dict)
    max_prompt_chars: int = MAX_PROMPT_CHARS
    max_body_bytes: int = MAX_BODY_BYTES
    renderer: Any = None  # binding.show.images.Renderer, when a model was loaded


def default_frontends() -> tuple[str, ...]:
    """Front ends that read a typed prompt and nothing else: spaCy always, Stanza where it is
    installed (its models must be on disk). conllu reads a file and clip a model folder: not
    offered to a page."""
    return ("spacy", "stanza") if importlib.util.find_spec("stanza") else ("spacy",)


def default_settings(**given: Any) -> Settings:
    from binding.grammars import available_grammars

    return Settings(frontends=default_frontends(), grammars=available_grammars(), **given)


def _words(spec: Spec) -> list[dict[str, Any]]:
    """Words a modifier can be made of (for the page's 'add' control): text and span."""
    from binding.show.layout import layout

    return [{"text": c.text, "span": [c.start, c.end]} for c in layout(spec).columns
            if any(ch.isalnum() for ch in c.text)]


def answer(spec: Spec, notes: list[str] | None = None) -> dict[str, Any]:
    """What the page gets for a spec: the spec, its picture, its words, and any notes."""
    from binding.show import to_svg

    return {"spec": json.loads(spec.model_dump_json()), "svg": to_svg(spec),
            "words": _words(spec), "notes": notes or []}


class Service:
    """The app's work, free of HTTP: parse, check an edit, render. One parse at a time (a
    spaCy pipeline is not shared between threads) and one render at a time."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._parse_lock = threading.Lock()
        self._render_lock = threading.Lock()

    def options(self) -> dict[str, Any]:
        renderer = self.settings.renderer
        return {"frontends": list(self.settings.frontends),
                "grammars": self.settings.grammars,
                "max_prompt_chars": self.settings.max_prompt_chars,
                "model": renderer.describe() if renderer is not None else None}

    def parse(self, request: ParseRequest) -> dict[str, Any]:
        from binding.prompt import check_prompt

        check_prompt(request.prompt, "the prompt")
        check_length(request.prompt, self.settings.max_prompt_chars)
        if request.frontend not in self.settings.frontends:
            raise BindingError(f"front end {request.frontend!r} is not offered here: use one "
                               f"of {', '.join(self.settings.frontends)}")
        if request.grammar is not None and request.grammar not in self.settings.grammars:
            raise BindingError(f"unknown grammar {request.grammar!r}: use one of "
                               f"{', '.join(self.settings.grammars)}")
        import binding
        from binding.pipeline import TruncationWarning

        with self._parse_lock, warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", TruncationWarning)
            spec = binding.parse(request.prompt, frontend=request.frontend,
                                 grammar=request.grammar)
        notes = [str(w.message) for w in caught if issubclass(w.category, TruncationWarning)]
        return answer(spec, notes)

    def edit(self, request: SpecRequest) -> dict[str, Any]:
        return answer(checked_spec(request.spec, self.settings.max_prompt_chars))

    def render(self, request: RenderRequest) -> dict[str, Any]:
        renderer = self.settings.renderer
        if renderer is None:
            raise HTTPProblem(404, "no image model is loaded: start the server with "
                                   "binding serve --model ID|PATH")
        spec = checked_spec(request.spec, self.settings.max_prompt_chars)
        with self._render_lock:
            return renderer.side_by_side(spec, request.method, request.seed, request.steps)


def _one_line(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "request"
    return f"{where}: {first['msg']}"


async def read_json(request: Any, limit: int) -> Any:
    """The request's JSON body, refusing other content types and bodies over ``limit`` bytes
    (counted as they arrive, whatever Content-Length says)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/json":
        raise HTTPProblem(415, "send JSON (Content-Type: application/json)")
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPProblem(413, f"the request is {declared} bytes; at most {limit} are taken")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise HTTPProblem(413, f"the request is over {limit} bytes")
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise HTTPProblem(400, "the request body is not valid JSON") from None


class SecurityHeaders:
    """ASGI middleware: the same protective headers on every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        from starlette.datastructures import MutableHeaders

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in _HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(settings: Settings | None = None, host: str = "127.0.0.1") -> Any:
    """The Starlette application. ``host`` is where it listens: loopback answers only Host
    headers naming loopback; a host given on purpose (``0.0.0.0``) answers any."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    service = Service(settings or default_settings())
    limit = service.settings.max_body_bytes
    page = (files("binding.show") / "static" / "index.html").read_text(encoding="utf-8")
    assets = {name: (files("binding.show") / "static" / name).read_bytes() for name in _ASSETS}

    def endpoint(work: Any, model: type[_Request]) -> Any:
        async def handle(request: Any) -> Response:
            try:
                data = await read_json(request, limit)
                try:
                    parsed = model.model_validate(data)
                except ValidationError as exc:
                    raise HTTPProblem(400, _one_line(exc)) from None
                return JSONResponse(await run_in_threadpool(work, parsed))
            except HTTPProblem as exc:
                return JSONResponse({"error": str(exc)}, status_code=exc.status)
            except BindingError as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            except Exception as exc:  # the page shows a line, the terminal the traceback
                traceback.print_exc(file=sys.stderr)
                return JSONResponse({"error": f"internal error: {type(exc).__name__}: {exc}"},
                                    status_code=500)
        return handle

    async def index(request: Any) -> Response:
        return HTMLResponse(page)

    async def asset(request: Any) -> Response:
        name = request.path_params["name"]
        if name not in assets:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response(assets[name], media_type=_ASSETS[name])

    async def options(request: Any) -> Response:
        return JSONResponse(service.options())

    routes = [
        Route("/", index),
        Route("/static/{name}", asset),
        Route("/api/options", options),
        Route("/api/parse", endpoint(service.parse, ParseRequest), methods=["POST"]),
        Route("/api/spec", endpoint(service.edit, SpecRequest), methods=["POST"]),
        Route("/api/render", endpoint(service.render, RenderRequest), methods=["POST"]),
    ]
    hosts = ["*"] if host not in LOOPBACK else list(LOOPBACK)
    middleware = [Middleware(SecurityHeaders), Middleware(TrustedHostMiddleware,
                                                          allowed_hosts=hosts)]
    return Starlette(routes=routes, middleware=middleware)
