"""``binding show`` and ``Spec.to_svg``: the picture's structure (words, token positions, arcs,
the cut), and that nothing a prompt holds can break out of the markup."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from conftest import error_line
from hypothesis import given, settings
from hypothesis import strategies as st

from binding.alignment import align_entities, clip_tokenizer
from binding.show import layout, to_fragment, to_html, to_svg
from binding.show.layout import EN_DASH
from binding.spec import Entity, FrontendInfo, Modifier, Relation, Spec

SVG = "{http://www.w3.org/2000/svg}"


def svg_tree(text: str) -> ET.Element:
    """The SVG parsed as XML: fails on anything unescaped or not well-formed."""
    return ET.fromstring(text)


def classes(node: ET.Element) -> set[str]:
    return set(node.get("class", "").split())


def groups(root: ET.Element, cls: str) -> list[ET.Element]:
    return [g for g in root.iter(f"{SVG}g") if cls in classes(g)]


def word_texts(root: ET.Element) -> list[str]:
    return [g.find(f"{SVG}text").text for g in groups(root, "word")]


def tokens_under(root: ET.Element) -> dict[str, str]:
    return {g.find(f"{SVG}text").text: g.findall(f"{SVG}text")[1].text or ""
            for g in groups(root, "word")}


def hand_spec(prompt: str, entities: list[tuple[str, list[tuple[str, str, str]]]],
              relations: list[tuple[int, int, str]] = (), tokens: bool = True,
              chunked: bool = True) -> Spec:
    """A spec written by hand: entity words and (word, relation, kind) modifiers, found in the
    prompt by their first occurrence; aligned with the bundled CLIP tokenizer (past its window
    in chunks, or cut there)."""

    def span(word: str) -> tuple[int, int]:
        start = prompt.index(word)
        return start, start + len(word)

    made = [Entity(id=f"e{n}", text=text, span=span(text),
                   modifiers=[Modifier(text=m, span=span(m), relation=r, kind=k)
                              for m, r, k in mods])
            for n, (text, mods) in enumerate(entities)]
    return Spec(prompt=prompt, frontend=FrontendInfo(name="hand"), entities=made,
                relations=[Relation(source=f"e{a}", target=f"e{b}", type=t)
                           for a, b, t in relations],
                tokens=align_entities(prompt, made, clip_tokenizer(), chunked=chunked)
                if tokens else None)


@pytest.fixture(scope="module")
def cat_spec(parse):
    return parse("a cat with blue eyes next to three sleeping dogs")


def test_words_token_positions_and_arcs(cat_spec):
    root = svg_tree(cat_spec.to_svg())
    assert root.tag == f"{SVG}svg"
    assert word_texts(root) == "a cat with blue eyes next to three sleeping dogs".split()
    under = tokens_under(root)
    # positions count the start token as 0, as the spec and the table do
    assert under["cat"] == "2" and under["blue"] == "4" and under["dogs"] == "10"
    assert under["cat"] == " ".join(map(str, cat_spec.token_indices("e0").indices))
    arcs = {(a.get("data-source"), a.get("data-target")): a for a in groups(root, "arc")}
    blue = arcs[("e1/m0", "e1")]
    assert "arc-attribute" in classes(blue)
    assert blue.find(f"{SVG}text").text == "amod · attribute"
    assert blue.find(f"{SVG}path").get("d").startswith("M")
    with_ = arcs[("e0", "e1")]
    assert "arc-relation" in classes(with_) and with_.find(f"{SVG}text").text == "with"
    assert "arc-relation" in classes(arcs[("e0", "e2")])


def test_counts_are_drawn_apart_below_the_words(cat_spec):
    picture = layout(cat_spec)
    count = next(a for a in picture.arcs if a.kind == "count")
    others = [a for a in picture.arcs if a.kind != "count"]
    assert count.source_text == "three" and count.below
    assert not any(a.below for a in others)
    # below: the curve starts under the token positions and bends down
    assert count.label_y > picture.token_y
    assert all(a.label_y < picture.word_y for a in others)


def test_entities_modifiers_and_kinds_are_marked_on_the_words(cat_spec):
    root = svg_tree(cat_spec.to_svg())
    by_word = {g.find(f"{SVG}text").text: classes(g) for g in groups(root, "word")}
    assert "entity" in by_word["cat"] and "entity" in by_word["dogs"]
    assert "attribute" in by_word["blue"] and "count" in by_word["three"]
    assert "relation" in by_word["with"]
    assert by_word["a"] == {"word"}


def test_levels_keep_nested_arcs_apart(parse):
    picture = layout(parse("a very tall tree"))
    levels = {a.source_text: a.level for a in picture.arcs}
    assert levels["tall"] < levels["very"]


def test_labels_fit_between_the_words_they_join(parse):
    picture = layout(parse("a red cube and a blue ball"))
    for arc in picture.arcs:
        assert abs(arc.x2 - arc.x1) >= 60, arc


LONG_WORDS = [f"{c} {n}" for c, n in zip(
    "red blue green pink black white grey brown golden silver teal tall small wooden "
    "striped spotted shiny dusty round square".split(),
    "cube ball cone vase chair table lamp cat dog horse bird crown spoon boat kite rose "
    "tree fish house shirt".split(), strict=True)]
LONG_PROMPT = "a photo of " + ", ".join(f"a {w}" for w in LONG_WORDS)
LONG_ENTITIES = [(w.split()[1], [(w.split()[0], "amod", "attribute")]) for w in LONG_WORDS]


def test_a_prompt_past_the_window_in_chunks_has_positions_past_77_and_no_cut():
    spec = hand_spec(LONG_PROMPT, LONG_ENTITIES)
    assert spec.tokens.chunks == 2
    root = svg_tree(spec.to_svg())
    assert not [g for g in groups(root, "word") if "cut" in classes(g)]
    assert not groups(root, "cut-line")
    shown = tokens_under(root)
    last = spec.entities[-1]
    assert shown[last.text] == " ".join(map(str, spec.token_indices(last.id).indices))
    assert spec.token_indices(last.id).indices[0] > 77
    caption = next(n for n in root.iter(f"{SVG}text") if n.get("class") == "caption").text
    assert caption.endswith("in 2 chunks of 77")


def test_words_past_the_77_token_cut_are_marked():
    spec = hand_spec(LONG_PROMPT, LONG_ENTITIES, chunked=False)
    assert spec.tokens.truncated
    root = svg_tree(spec.to_svg())
    cut = [g for g in groups(root, "word") if "cut" in classes(g)]
    kept = [g for g in groups(root, "word") if "cut" not in classes(g)]
    assert cut and kept
    assert all(g.findall(f"{SVG}text")[1].text == "cut" for g in cut)
    # the cut words are exactly those the spec gives no token positions
    cut_words = {g.find(f"{SVG}text").text for g in cut}
    for entity, aligned in zip(spec.entities, spec.tokens.entities, strict=True):
        assert (entity.text in cut_words) == (aligned.indices == [])
    line = groups(root, "cut-line")
    assert len(line) == 1 and "77-token cut" in line[0].find(f"{SVG}text").text
    assert any("cut" in classes(a) for a in groups(root, "arc"))
    caption = next(n for n in root.iter(f"{SVG}text") if n.get("class") == "caption").text
    assert caption.startswith(f"{spec.tokens.length} tokens of 77")
    assert "past the 77-token cut" in caption


def test_a_word_of_several_pieces_lists_them_all_and_long_runs_are_ranges():
    spec = hand_spec("a chrysanthemum", [("chrysanthemum", [])])
    positions = spec.token_indices("e0").indices
    assert len(positions) > 1
    assert tokens_under(svg_tree(spec.to_svg()))["chrysanthemum"] == " ".join(map(str,
                                                                                 positions))
    long = "xq" * 20
    spec = hand_spec(f"a {long} cube", [("cube", [(long, "compound", "compound")])])
    assert not spec.tokens.truncated and len(spec.token_indices("e0").modifiers[0]) >= 5
    root = svg_tree(spec.to_svg())
    word = next(g for g in groups(root, "word") if g.get("data-start") == "2")
    assert word.find(f"{SVG}title").text == long  # the whole word in the tooltip
    shown = word.find(f"{SVG}text").text
    assert shown.endswith("…") and len(shown) <= 32
    assert EN_DASH in word.findall(f"{SVG}text")[1].text  # first-last, not every number


def test_a_spec_without_token_alignment_draws_no_positions():
    spec = hand_spec("a red cube", [("cube", [("red", "amod", "attribute")])], tokens=False)
    root = svg_tree(spec.to_svg())
    assert set(tokens_under(root).values()) == {""}
    assert len(groups(root, "arc")) == 1


HOSTILE = [
    '<script>alert("x")</script> a red cube',
    "a \"quoted\" 'red' cube & a <b>blue</b> ball",
    "a red\x00\x01\x07\x1b\x7f cube\ufffe",
    "\u05d7\u05ea\u05d5\u05dc \u05d0\u05d3\u05d5\u05dd a red cube \u202eevil\u202c",
    "a red ]]> <!-- --> <?xml?> cube",
    "a red {{ 7*7 }} {% raw %} cube",
]


@pytest.mark.parametrize("prompt", HOSTILE)
def test_hostile_prompts_are_escaped(prompt, parse):
    spec = parse(prompt)
    for text in (to_svg(spec), to_fragment(spec).removeprefix(
            '<div class="binding-show" style="overflow-x: auto">').removesuffix("</div>")):
        root = svg_tree(text)  # well-formed XML: nothing broke out
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
        assert not [n for n in root.iter() if n.tag in ("b", "{http://www.w3.org/2000/svg}b")]
        assert "<script" not in text and "<b>" not in text
        assert "49" not in " ".join(word_texts(root))  # no template evaluation
    html = to_html(spec)
    assert "<script" not in html and "<b>" not in html
    assert ("&lt;" in html) == ("<" in prompt)
    assert not any(c in html for c in "\x00\x01\x07\x1b\x7f\ufffe")


def test_control_characters_become_visible_pictures():
    spec = hand_spec("a red\x00\x1b cube", [("cube", [("red", "amod", "attribute")])])
    text = spec.to_svg()
    svg_tree(text)
    assert "\x00" not in text and "\x1b" not in text
    assert "\u2400" in text and "\u241b" in text  # ␀ and ␛


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=60).filter(str.strip), st.data())
def test_any_text_makes_a_well_formed_svg(prompt, data):
    try:
        prompt.encode("utf-8")
    except UnicodeEncodeError:
        return  # not a prompt (unpaired surrogates are refused before parsing)
    start = data.draw(st.integers(0, len(prompt) - 1))
    end = data.draw(st.integers(start + 1, len(prompt)))
    entity = Entity(id="e0", text=prompt[start:end], span=(start, end))
    spec = Spec(prompt=prompt, frontend=FrontendInfo(name="hand"), entities=[entity],
                relations=[Relation(source="e0", target="e0", type=prompt[:10])],
                tokens=align_entities(prompt, [entity], clip_tokenizer()))
    root = svg_tree(spec.to_svg())
    assert any("entity" in classes(g) for g in groups(root, "word"))


def test_html_page_is_standalone_with_the_spec_json(cat_spec):
    html = cat_spec.to_html()
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html and "<script" not in html and "http://" not in html.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")
    block = html.split('<pre class="spec-json">')[1].split("</pre>")[0]
    import html as html_lib

    assert json.loads(html_lib.unescape(block)) == json.loads(cat_spec.model_dump_json())


def test_jupyter_shows_the_picture(cat_spec):
    assert cat_spec._repr_html_().startswith('<div class="binding-show"')
    assert "<svg" in cat_spec._repr_html_()


# --- the command -------------------------------------------------------------------------

def test_show_writes_svg_or_html_by_suffix_or_format(run, tmp_path):
    out = tmp_path / "graph.svg"
    result = run("show", "a pink sunflower and a yellow flamingo", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    root = svg_tree(out.read_text(encoding="utf-8"))
    assert len(groups(root, "arc")) == 2
    page = tmp_path / "page.html"
    assert run("show", "a red cube", "-o", str(page)).exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    forced = tmp_path / "other.txt"
    assert run("show", "a red cube", "--format", "html", "-o", str(forced)).exit_code == 0
    assert forced.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    to_stdout = run("show", "a red cube")
    assert to_stdout.stdout.startswith("<svg")


def test_show_reads_a_spec_file(run, tmp_path, parse):
    spec = parse("a cat with blue eyes")
    path = tmp_path / "spec.json"
    path.write_text(spec.model_dump_json(), encoding="utf-8")
    result = run("show", str(path))
    assert result.exit_code == 0
    assert result.stdout == spec.to_svg()


def test_show_bad_input_is_one_error_line_and_no_file(run, tmp_path):
    missing = run("show", str(tmp_path / "nope.json"))
    assert "does not exist" in error_line(missing)
    bad = tmp_path / "bad.json"
    bad.write_text('{"prompt": "a red cube"}', encoding="utf-8")
    assert "invalid spec" in error_line(run("show", str(bad)))
    out = tmp_path / "out.svg"
    assert "grammar" in error_line(run("show", "a red cube", "--grammar", "nope", "-o",
                                       str(out)))
    assert not out.exists()
    assert "does not exist" in error_line(run("show", "a red cube", "-o",
                                              str(tmp_path / "no" / "x.svg")))


def test_a_weighted_prompt_shows_the_positions_of_its_clean_text(parse):
    spec = parse("a (pink:1.3) sunflower and a [[yellow]] flamingo")
    shown = tokens_under(svg_tree(spec.to_svg()))
    assert (shown["pink"], shown["sunflower"], shown["yellow"], shown["flamingo"]) == (
        "2", "3", "6", "7")
