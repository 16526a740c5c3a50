// binding serve: the page. Plain DOM; every text from a prompt or a spec goes in through
// textContent, and the picture through DOMParser (never innerHTML).
"use strict";

const $ = (id) => document.getElementById(id);
let current = null; // the last answer the server accepted: {spec, svg, words, notes}
let options = null;

function element(tag, text, attributes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  return node;
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

async function post(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(body),
    });
  } catch (error) {
    throw new Error("the server cannot be reached: is binding serve still running?");
  }
  const data = await response.json().catch(() => ({error: `the server answered ${response.status}`}));
  if (!response.ok) throw new Error(data.error || `the server answered ${response.status}`);
  return data;
}

function showPicture(svgText) {
  const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const graph = $("graph");
  graph.replaceChildren();
  if (parsed.getElementsByTagName("parsererror").length) {
    graph.append(element("p", "the picture could not be read"));
    return;
  }
  graph.append(document.importNode(parsed.documentElement, true));
}

function entityLabel(entity) {
  return `${entity.id} ${entity.text}`;
}

function showBindings(spec) {
  const body = $("bindings").querySelector("tbody");
  body.replaceChildren();
  for (const entity of spec.entities) {
    const row = element("tr", null, {class: "entity-row", "data-entity": entity.id});
    row.append(element("th", entityLabel(entity), {class: "word", colspan: "6"}));
    body.append(row);
    entity.modifiers.forEach((modifier, index) => {
      const tr = element("tr", null, {
        class: "modifier-row", "data-entity": entity.id, "data-index": String(index),
        "data-text": modifier.text,
      });
      tr.append(element("td", ""), element("td", modifier.text, {class: "word"}),
                element("td", modifier.relation), element("td", modifier.kind));
      const move = element("select", null, {class: "move", "aria-label": `entity of ${modifier.text}`});
      for (const target of spec.entities) {
        const option = element("option", entityLabel(target), {value: target.id});
        if (target.id === entity.id) option.selected = true;
        move.append(option);
      }
      move.addEventListener("change", () => moveModifier(entity.id, index, move.value));
      const remove = element("button", "remove", {type: "button", class: "remove"});
      remove.addEventListener("click", () => removeModifier(entity.id, index));
      const cell = element("td");
      cell.append(move);
      const last = element("td");
      last.append(remove);
      tr.append(cell, last);
      body.append(tr);
    });
  }
  const word = $("add-word");
  word.replaceChildren();
  for (const w of current.words) {
    word.append(element("option", w.text, {value: JSON.stringify(w.span)}));
  }
  const target = $("add-entity");
  target.replaceChildren();
  for (const entity of spec.entities) target.append(element("option", entityLabel(entity), {value: entity.id}));
  $("add").hidden = !spec.entities.length;
}

function show(answer) {
  current = answer;
  showError("");
  const notes = $("notes");
  notes.replaceChildren(...(answer.notes || []).map((note) => element("li", note)));
  $("result").hidden = false;
  showPicture(answer.svg);
  showBindings(answer.spec);
  $("spec-json").textContent = JSON.stringify(answer.spec, null, 2);
  $("render").hidden = !(options && options.model);
}

// --- edits: change a copy of the spec, let the server check it, keep it only if it passes

async function submitEdit(change) {
  const spec = structuredClone(current.spec);
  change(spec);
  for (const entity of spec.entities) entity.modifiers.sort((a, b) => a.span[0] - b.span[0]);
  try {
    show(await post("/api/spec", {spec}));
  } catch (error) {
    showError(error.message);
    showBindings(current.spec); // put the controls back as the kept spec has them
  }
}

function findEntity(spec, id) {
  return spec.entities.find((e) => e.id === id);
}

function moveModifier(fromId, index, toId) {
  if (fromId === toId) return;
  submitEdit((spec) => {
    const [modifier] = findEntity(spec, fromId).modifiers.splice(index, 1);
    findEntity(spec, toId).modifiers.push(modifier);
  });
}

function removeModifier(entityId, index) {
  submitEdit((spec) => { findEntity(spec, entityId).modifiers.splice(index, 1); });
}

function addModifier() {
  const span = JSON.parse($("add-word").value);
  const entityId = $("add-entity").value;
  const kind = $("add-kind").value;
  const relation = $("add-relation").value.trim() || kind;
  submitEdit((spec) => {
    findEntity(spec, entityId).modifiers.push({
      text: spec.prompt.slice(span[0], span[1]), span, relation, kind,
    });
  });
}

// --- parse, open, download, render

async function bind(event) {
  event.preventDefault();
  const prompt = $("prompt").value;
  const body = {prompt, frontend: $("frontend").value, grammar: $("grammar").value || null};
  $("bind").disabled = true;
  try {
    show(await post("/api/parse", body));
  } catch (error) {
    showError(error.message);
  } finally {
    $("bind").disabled = false;
  }
}

async function openSpec() {
  const file = $("open-spec").files[0];
  if (!file) return;
  let spec;
  try {
    spec = JSON.parse(await file.text());
  } catch (error) {
    showError(`${file.name} is not valid JSON`);
    return;
  }
  try {
    show(await post("/api/spec", {spec}));
    $("prompt").value = current.spec.prompt;
  } catch (error) {
    showError(error.message);
  }
}

function download() {
  if (!current) return;
  const text = JSON.stringify(current.spec, null, 2) + "\n";
  const url = URL.createObjectURL(new Blob([text], {type: "application/json"}));
  const link = element("a", null, {href: url, download: "spec.json"});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function renderColumn(title, result) {
  const column = element("div", null, {class: "render-column"});
  column.append(element("h3", `${title} (${result.seconds} s)`));
  column.append(element("img", null, {class: "main", src: result.image, alt: title}));
  const heat = element("div", null, {class: "heat"});
  for (const entry of result.heat) {
    const figure = element("figure", null, {"data-entity": entry.id});
    if (entry.image) figure.append(element("img", null, {src: entry.image, alt: `attention of ${entry.text}`}));
    figure.append(element("figcaption", entry.image ? entry.text : `${entry.text}: ${entry.note}`));
    heat.append(figure);
  }
  column.append(heat);
  for (const note of result.notes) column.append(element("p", note, {class: "hint"}));
  return column;
}

async function renderImages() {
  const button = $("render-button");
  button.disabled = true;
  $("renders").replaceChildren(element("p", "rendering…", {class: "hint"}));
  try {
    const steps = $("steps").value ? Number($("steps").value) : null;
    const answer = await post("/api/render", {
      spec: current.spec, method: $("method").value, seed: Number($("seed").value || 0), steps,
    });
    $("renders").replaceChildren(renderColumn("plain (none)", answer.plain),
                                 renderColumn(`guided (${answer.guided.method})`, answer.guided));
  } catch (error) {
    $("renders").replaceChildren();
    showError(error.message);
  } finally {
    button.disabled = false;
  }
}

async function start() {
  options = await (await fetch("/api/options")).json();
  for (const name of options.frontends) $("frontend").append(element("option", name, {value: name}));
  for (const [name, scheme] of Object.entries(options.grammars)) {
    $("grammar").append(element("option", `${name} (${scheme} labels)`, {value: name}));
  }
  $("prompt").maxLength = options.max_prompt_chars;
  if (options.model) {
    for (const name of options.model.methods) $("method").append(element("option", name, {value: name}));
    $("steps").value = options.model.steps;
    $("model-info").textContent = `model: ${options.model.model}`;
  }
  $("parse-form").addEventListener("submit", bind);
  $("prompt").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) bind(event);
  });
  $("open-spec").addEventListener("change", openSpec);
  $("add-button").addEventListener("click", addModifier);
  $("download").addEventListener("click", download);
  $("render-button").addEventListener("click", renderImages);
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", () => {
  start().catch((error) => showError(`the page could not start: ${error.message}`));
});
