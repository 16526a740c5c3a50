"""End to end in a real browser: Playwright drives Debian's chromium (no browser download) on
``binding serve``'s page and on ``binding show``'s HTML, as a user would.

Skipped, with the reason shown, where Playwright or chromium is missing; install the browser
with ``apt-get install -y chromium`` (README, set-up). ``BINDING_UPDATE_SCREENSHOT=1`` writes the
README's picture, docs/show.png, from this run.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
from pathlib import Path

import pytest

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright is not installed (pip install -e '.[dev]')")
pytest.importorskip("uvicorn", reason="binding serve needs the serve extra")

import uvicorn  # noqa: E402

import binding  # noqa: E402
from binding.show.server import Settings, create_app, default_settings  # noqa: E402

CHROMIUM = os.environ.get("BINDING_CHROMIUM") or shutil.which("chromium") or \
    shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no chromium to drive: install it with `apt-get install -y chromium` "
                "(or name one in BINDING_CHROMIUM)", allow_module_level=True)

FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DOCS = Path(__file__).resolve().parent.parent / "docs"
README_PROMPT = "a cat with blue eyes next to three sleeping dogs wearing red hats"


class Served:
    """``binding serve``'s app under uvicorn on a free loopback port, in a thread."""

    def __init__(self, settings: Settings) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/"
        config = uvicorn.Config(create_app(settings), log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                       daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            self.thread.join(0.05)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()


@pytest.fixture
def browser(tmp_path):
    """A fresh headless chromium profile that accepts downloads."""
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, headless=True, args=FLAGS,
            accept_downloads=True, viewport={"width": 1280, "height": 900})
        try:
            yield context
        finally:
            context.close()


def open_page(browser, url):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    refused = "the server responded with a status of 400"  # an answer the page shows

    def console(message):
        if message.type == "error" and refused not in message.text:
            errors.append(message.text)

    page.on("console", console)
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]")
    return page, errors


def bind(page, prompt):
    page.fill("#prompt", prompt)
    page.click("#bind")


def arcs(page):
    """(source, target, label) of every arc drawn, with the drawn path's size in pixels."""
    return page.eval_on_selector_all("#graph svg g.arc", """nodes => nodes.map(g => {
        const box = g.querySelector('path.arc-path').getBoundingClientRect();
        return [g.dataset.source, g.dataset.target, g.querySelector('text').textContent,
                box.width, box.height];
    })""")


def test_type_bind_edit_and_download(browser, tmp_path):
    with Served(default_settings(max_prompt_chars=300)) as served:
        page, errors = open_page(browser, served.url)
        bind(page, "a red cube and a blue ball")
        page.wait_for_selector("#graph svg g.arc")
        drawn = arcs(page)
        assert [a[:3] for a in drawn] == [["e0/m0", "e0", "amod · attribute"],
                                          ["e1/m0", "e1", "amod · attribute"]]
        assert all(width > 20 and height > 10 for *_, width, height in drawn)  # really drawn
        # the arc ends over its entity's word, on screen
        end = page.eval_on_selector("#graph svg g.arc[data-target=e1] path.arc-head",
                                    "p => p.getBoundingClientRect().x")
        ball = page.eval_on_selector("#graph svg g.word.entity[data-ids=e1] text",
                                     "t => { const b = t.getBoundingClientRect(); "
                                     "return [b.left, b.right]; }")
        assert ball[0] - 12 <= end <= ball[1] + 12
        shown = json.loads(page.text_content("#spec-json"))
        assert [e["text"] for e in shown["entities"]] == ["cube", "ball"]

        # move 'red' from the cube to the ball
        page.select_option("tr.modifier-row[data-text=red] select.move", "e1")
        page.wait_for_selector("#graph svg g.arc[data-source='e1/m1']")
        assert [a[:2] for a in arcs(page)] == [["e1/m0", "e1"], ["e1/m1", "e1"]]
        assert page.is_hidden("#error")

        # an edit the spec's model refuses is shown, and the kept spec stays as it was
        page.select_option("#add-word", label="blue")
        page.select_option("#add-entity", "e1")
        page.click("#add-button")
        page.wait_for_selector("#error:not([hidden])")
        assert "lists a modifier twice" in page.text_content("#error")
        assert len(arcs(page)) == 2

        with page.expect_download() as download:
            page.click("#download")
        assert download.value.suggested_filename == "spec.json"
        saved = tmp_path / "spec.json"
        download.value.save_as(saved)
        spec = binding.load_spec(saved)  # validated as any spec file
        assert [(e.text, [m.text for m in e.modifiers]) for e in spec.entities] == \
            [("cube", []), ("ball", ["red", "blue"])]
        assert spec.token_indices("e1").modifiers == [[2], [6]]  # realigned to the edit
        assert json.loads(saved.read_text()) == json.loads(page.text_content("#spec-json"))
        assert errors == []


def test_hostile_and_over_long_prompts_in_the_page(browser):
    with Served(default_settings(max_prompt_chars=120)) as served:
        page, errors = open_page(browser, served.url)
        hostile = ('<img src=x onerror="window.pwned=1"> a "red" cube </svg>'
                   "<script>window.pwned=2</script>")
        bind(page, hostile)
        page.wait_for_selector("#graph svg g.word")
        assert page.evaluate("window.pwned") is None
        assert page.locator("#graph img, #graph script, #bindings script").count() == 0
        words = page.eval_on_selector_all("#graph svg g.word text.word-text",
                                          "ts => ts.map(t => t.textContent)")
        assert "<img" in words and "cube" in words
        assert json.loads(page.text_content("#spec-json"))["prompt"] == hostile

        page.fill("#prompt", "a red cube, " * 20)
        assert len(page.input_value("#prompt")) == 120  # the box stops at the server's limit
        page.eval_on_selector("#prompt", "(box, text) => { box.value = text; }",
                              "a red cube, " * 20)  # past the box, as a script could
        page.click("#bind")
        page.wait_for_selector("#error:not([hidden])")
        assert "takes at most 120" in page.text_content("#error")
        assert page.evaluate("window.pwned") is None
        assert errors == []


def test_binding_show_page_in_the_browser(browser, tmp_path, run):
    """``binding show``'s HTML as a browser draws it; the README's screenshot comes from here."""
    out = tmp_path / "show.html"
    assert run("show", README_PROMPT, "-o", str(out)).exit_code == 0
    page = browser.new_page()
    page.goto(out.as_uri())
    drawn = page.eval_on_selector_all(
        "svg g.arc", "nodes => nodes.map(g => [g.dataset.kind, "
        "g.querySelector('path').getBoundingClientRect().width])")
    spec = binding.parse(README_PROMPT)
    expected = [m.kind for e in spec.entities for m in e.modifiers] + \
        ["relation"] * len(spec.relations)
    assert sorted(kind for kind, _ in drawn) == sorted(expected)
    assert "count" in expected and "relation" in expected
    assert all(width > 20 for _, width in drawn)
    shot = tmp_path / "show.png"
    page.locator("svg.binding-graph").screenshot(path=str(shot))
    assert shot.stat().st_size > 5000
    if os.environ.get("BINDING_UPDATE_SCREENSHOT"):
        shutil.copyfile(shot, DOCS / "show.png")


def test_render_plain_and_guided_in_the_page(browser, tiny_sd_path):
    from binding.show.images import Renderer

    renderer = Renderer(str(tiny_sd_path), device="cpu", dtype="fp32", local_files_only=True,
                        steps=1)
    with Served(default_settings(renderer=renderer)) as served:
        page, errors = open_page(browser, served.url)
        bind(page, "a red cube and a blue ball")
        page.wait_for_selector("#render:not([hidden])")
        page.click("#render-button")
        page.wait_for_selector(".render-column", timeout=120_000)
        titles = page.eval_on_selector_all(".render-column h3", "hs => hs.map(h => h.textContent)")
        assert titles[0].startswith("plain (none)") and titles[1].startswith("guided (")
        heat = page.eval_on_selector_all(".render-column .heat figure img",
                                         "imgs => imgs.map(i => i.naturalWidth)")
        assert len(heat) == 4 and all(width > 0 for width in heat)  # 2 entities x 2 renders
        assert errors == []
