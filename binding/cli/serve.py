"""``binding serve``: the local web page (binding.show.server) under uvicorn."""

from __future__ import annotations

import socket

import click

from binding.errors import BindingError
from binding.extras import install_hint


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback lets other machines in: "
                   "only on a network you trust.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--model", metavar="ID|PATH", default=None,
              help="A Stable Diffusion model, as `binding render --model` takes it: adds plain "
                   "and guided renders side by side, with per-entity heat maps.")
@click.option("--steps", type=click.IntRange(1, 200), default=50, show_default=True,
              help="Denoising steps of a render (the page can change it).")
@click.option("--device", default=None, metavar="cuda|cpu|...",
              help="Where --model renders [default: cuda if available, else cpu].")
@click.option("--dtype", type=click.Choice(["fp16", "bf16", "fp32"]), default=None,
              help="--model's precision [default: fp16 on a GPU, fp32 on the CPU].")
@click.option("--local-files-only", is_flag=True,
              help="--model from local folders and the Hugging Face cache only.")
@click.option("--max-prompt-chars", type=click.IntRange(1), default=1000, show_default=True,
              help="Longer prompts are refused with a message.")
def serve_command(host: str, port: int, model: str | None, steps: int, device: str | None,
                  dtype: str | None, local_files_only: bool, max_prompt_chars: int) -> None:
    """A local web page: type a prompt, see and edit its binding graph, download the spec.

    \b
      binding serve                      # then open http://127.0.0.1:8000
      binding serve --model ./sd15 --steps 30
    """
    try:
        import uvicorn

        from binding.show.server import LOOPBACK, create_app, default_settings
    except ImportError as exc:
        raise BindingError(f"binding serve needs {exc.name}: {install_hint('serve')}"
                           ) from None
    renderer = None
    if model is not None:
        from binding.show.images import Renderer

        click.echo(f"loading {model} ...", err=True)
        renderer = Renderer(model, device=device, dtype=dtype,
                            local_files_only=local_files_only, steps=steps)
    settings = default_settings(max_prompt_chars=max_prompt_chars, renderer=renderer)
    app = create_app(settings, host=host)
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: anyone who can reach this machine can use "
                   "the page (and its model)", err=True)
    sock = listening_socket(host, port)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"binding serve: http://{shown}:{sock.getsockname()[1]}  (Ctrl-C stops it)",
               err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (the real port once bound, for ``--port 0``), so a port
    in use is one clear error before anything starts."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise BindingError(f"cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
    except OSError as exc:
        sock.close()
        raise BindingError(f"cannot listen on {host}:{port}: {exc.strerror} (--port 0 picks "
                           "a free port)") from None
    sock.listen(64)
    return sock
