"""``binding serve``'s app without a browser: parse, edit, validation, limits, and the things a
page on loopback must refuse (other Hosts, non-JSON posts, big bodies, file names)."""

from __future__ import annotations

import json

import pytest

pytest.importorskip("starlette", reason="binding serve needs the serve extra")
pytest.importorskip("httpx", reason="Starlette's test client needs httpx")

from starlette.testclient import TestClient

from binding.show.server import Settings, create_app, default_settings


@pytest.fixture(scope="module")
def client():
    app = create_app(default_settings(max_prompt_chars=200, max_body_bytes=64 * 1024))
    with TestClient(app, base_url="http://127.0.0.1:8000") as test_client:
        yield test_client


def bind(client, prompt, **more):
    return client.post("/api/parse", json={"prompt": prompt, **more})


def test_the_page_and_its_assets_are_served_with_a_strict_policy(client):
    page = client.get("/")
    assert page.status_code == 200 and "<textarea id=\"prompt\"" in page.text
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    script = client.get("/static/app.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith(
        "text/javascript")
    assert ".innerHTML" not in script.text  # prompts reach the page as text only
    assert client.get("/static/app.css").status_code == 200


@pytest.mark.parametrize("path", ["/static/../server.py", "/static/..%2fserver.py",
                                  "/static/%2e%2e/%2e%2e/spec.py", "/static/index.html",
                                  "/static/..%2f..%2f..%2fetc%2fpasswd", "/../../etc/passwd"])
def test_no_path_reaches_a_file(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "binding" not in response.text and "root:" not in response.text


def test_parse_answers_spec_picture_and_words(client):
    response = bind(client, "a red cube and a blue ball")
    assert response.status_code == 200
    data = response.json()
    assert [e["text"] for e in data["spec"]["entities"]] == ["cube", "ball"]
    assert data["svg"].startswith("<svg") and data["svg"].count('class="arc ') == 2
    assert {"text": "red", "span": [2, 5]} in data["words"]
    assert data["notes"] == []


def test_options_offer_front_ends_that_read_text_and_bundled_grammars(client):
    options = client.get("/api/options").json()
    assert "spacy" in options["frontends"]
    assert "conllu" not in options["frontends"] and "clip" not in options["frontends"]
    assert "en-clearnlp" in options["grammars"]
    assert options["model"] is None and options["max_prompt_chars"] == 200


def test_grammar_and_front_end_are_chosen_by_name_only(client):
    ok = bind(client, "a red cube", grammar="syngen-2023")
    assert ok.json()["spec"]["grammar"]["name"] == "syngen-2023"
    for grammar in ("/etc/passwd", "../binding/grammars/en_clearnlp.toml"):
        refused = bind(client, "a red cube", grammar=grammar)
        assert refused.status_code == 400 and "unknown grammar" in refused.json()["error"]
    refused = bind(client, "a red cube", frontend="conllu")
    assert refused.status_code == 400 and "not offered" in refused.json()["error"]
    wrong = bind(client, "a red cube", grammar="en-ud")  # UD rules on ClearNLP labels
    assert wrong.status_code == 400 and "choose a grammar" in wrong.json()["error"]


def test_over_long_and_empty_prompts_get_a_clear_message(client):
    long = bind(client, "a red cube " * 30)
    assert long.status_code == 400
    assert long.json()["error"].startswith("the prompt is 330 characters long; this server "
                                           "takes at most 200")
    empty = bind(client, "   ")
    assert empty.status_code == 400 and "empty" in empty.json()["error"]


def test_a_prompt_past_the_token_window_is_laid_out_in_chunks():
    app = create_app(default_settings())
    with TestClient(app, base_url="http://127.0.0.1") as client:
        data = bind(client, "a red cube, " * 30).json()
    tokens = data["spec"]["tokens"]
    assert tokens["chunks"] == 2 and not tokens["truncated"]
    assert max(i for e in tokens["entities"] for i in e["indices"]) > 77
    assert data["notes"] == [] and 'class="cut-line"' not in data["svg"]


def move(spec, source, index, target):
    modifier = spec["entities"][source]["modifiers"].pop(index)
    spec["entities"][target]["modifiers"].append(modifier)
    return spec


def test_an_edit_is_validated_and_realigned(client):
    spec = bind(client, "a red cube and a blue ball").json()["spec"]
    moved = client.post("/api/spec", json={"spec": move(json.loads(json.dumps(spec)), 0, 0, 1)})
    assert moved.status_code == 200
    edited = moved.json()["spec"]
    assert [m["text"] for m in edited["entities"][1]["modifiers"]] == ["blue", "red"]
    assert edited["entities"][0]["modifiers"] == []
    # token positions follow the modifiers, recomputed for the spec's tokenizer
    assert edited["tokens"]["entities"][1]["modifiers"] == [[6], [2]]
    assert edited["tokens"]["entities"][0]["modifiers"] == []
    assert 'data-source="e1/m1" data-target="e1"' in moved.json()["svg"]


def test_an_invalid_edit_is_refused_with_the_models_message(client):
    spec = bind(client, "a red cube and a blue ball").json()["spec"]
    twice = json.loads(json.dumps(spec))
    twice["entities"][0]["modifiers"].append(twice["entities"][0]["modifiers"][0])
    answer = client.post("/api/spec", json={"spec": twice})
    assert answer.status_code == 400 and "lists a modifier twice" in answer.json()["error"]
    wrong_text = json.loads(json.dumps(spec))
    wrong_text["entities"][0]["modifiers"][0]["text"] = "green"
    answer = client.post("/api/spec", json={"spec": wrong_text})
    assert answer.status_code == 400 and "!= prompt[2:5]" in answer.json()["error"]
    kind = json.loads(json.dumps(spec))
    kind["entities"][0]["modifiers"][0]["kind"] = "colour"
    answer = client.post("/api/spec", json={"spec": kind})
    assert answer.status_code == 400 and "kind" in answer.json()["error"]
    not_an_object = client.post("/api/spec", json={"spec": [1, 2]})
    assert not_an_object.status_code == 400


def test_adding_a_modifier(client):
    spec = bind(client, "a red cube and a shiny ball").json()["spec"]
    spec["entities"][0]["modifiers"].append(
        {"text": "shiny", "span": [17, 22], "relation": "amod", "kind": "attribute"})
    data = client.post("/api/spec", json={"spec": spec}).json()
    assert [m["text"] for m in data["spec"]["entities"][0]["modifiers"]] == ["red", "shiny"]


def test_requests_must_be_json_of_a_known_shape(client):
    form = client.post("/api/parse", data={"prompt": "a red cube"})
    assert form.status_code == 415  # a cross-site form cannot post JSON
    text = client.post("/api/parse", content=b"{", headers={"content-type": "application/json"})
    assert text.status_code == 400 and "not valid JSON" in text.json()["error"]
    extra = client.post("/api/parse", json={"prompt": "a red cube", "model": "/tmp/x"})
    assert extra.status_code == 400 and "model" in extra.json()["error"]
    assert client.get("/api/parse").status_code == 405


def test_big_bodies_are_refused_however_they_come(client):
    big = {"prompt": "a red cube", "grammar": "x" * 70_000}
    declared = client.post("/api/parse", json=big)
    assert declared.status_code == 413 and "at most 65536" in declared.json()["error"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(100):
            yield b" " * 1024

    streamed = client.post("/api/parse", content=chunks(),
                           headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_other_hosts_are_not_answered_on_loopback(client):
    # a page on another site that rebinds its name to 127.0.0.1 sends its own Host
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_render_without_a_model_says_how_to_load_one(client):
    spec = bind(client, "a red cube").json()["spec"]
    answer = client.post("/api/render", json={"spec": spec})
    assert answer.status_code == 404 and "--model" in answer.json()["error"]


def test_render_side_by_side_with_a_tiny_model(tiny_sd_path):
    """Plain and guided from one seed, a heat map per entity; the real render path on a tiny
    random pipeline (the images mean nothing)."""
    from binding.show.images import Renderer

    renderer = Renderer(str(tiny_sd_path), device="cpu", dtype="fp32", local_files_only=True,
                        steps=1)
    app = create_app(Settings(frontends=("spacy",), grammars={}, renderer=renderer))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/api/options").json()["model"]["methods"]
        spec = bind(client, "a red cube and a blue ball").json()["spec"]
        answer = client.post("/api/render", json={"spec": spec, "method": "syngen", "seed": 3})
        assert answer.status_code == 200, answer.text
        data = answer.json()
        assert data["plain"]["method"] == "none" and data["guided"]["method"] == "syngen"
        assert data["seed"] == 3 and data["steps"] == 1
        for side in ("plain", "guided"):
            assert data[side]["image"].startswith("data:image/png;base64,")
            assert [h["id"] for h in data[side]["heat"]] == ["e0", "e1"]
            assert all(h["image"].startswith("data:image/png;base64,")
                       for h in data[side]["heat"])
        bad = client.post("/api/render", json={"spec": spec, "method": "nope"})
        assert bad.status_code == 400 and "nope" in bad.json()["error"]
        steps = client.post("/api/render", json={"spec": spec, "steps": 100_000})
        assert steps.status_code == 400


def test_serve_refuses_a_port_in_use(run):
    import socket

    from conftest import error_line

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    try:
        port = str(taken.getsockname()[1])
        line = error_line(run("serve", "--port", port))
        assert f"cannot listen on 127.0.0.1:{port}" in line
    finally:
        taken.close()
