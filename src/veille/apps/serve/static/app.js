// The page: send the article to /analyze, show the record's topics and quotes, and the highlighted article
// as /render draws it (the classify --html view). Text from the record is only ever set as textContent;
// the one HTML inserted is the server's fragment, whose text displaCy escapes.
"use strict";

const $ = (id) => document.getElementById(id);
let labels = { topics: {}, stances: {} };
let current = null; // the last record, for the JSON download

fetch("/version").then((r) => r.json()).then((v) => { labels = v.labels || labels; }).catch(() => {});

function setStatus(message, isError) {
  $("status").textContent = message;
  $("status").className = isError ? "error" : "";
}

async function errorMessage(response) {
  try {
    const body = await response.json();
    const error = body.error || {};
    return `${response.status} — ${error.message || response.statusText}` + (error.id ? ` (id ${error.id})` : "");
  } catch (_) {
    return `${response.status} — ${response.statusText}`;
  }
}

async function analyse(body, contentType, what) {
  $("analyse").disabled = true;
  $("download").disabled = true;
  setStatus(`Analyse de ${what}…`, false);
  try {
    const response = await fetch("/analyze", { method: "POST", headers: { "Content-Type": contentType }, body });
    if (!response.ok) { setStatus(await errorMessage(response), true); return; }
    const record = await response.json();
    const rendered = await fetch("/render", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(record),
    });
    if (!rendered.ok) { setStatus(await errorMessage(rendered), true); return; }
    current = record;
    showSummary(record);
    $("result").innerHTML = await rendered.text();
    $("download").disabled = false;
    const n = (record.quotes || []).length;
    setStatus(`Terminé : ${n} citation${n > 1 ? "s" : ""}, ${(record.entities || []).length} entités.`, false);
  } catch (error) {
    setStatus(`Le serveur ne répond pas (${error.message}).`, true);
  } finally {
    $("analyse").disabled = false;
  }
}

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function showSummary(record) {
  const assigned = new Set((record.topics || []).map((t) => t.label));
  const scores = Object.entries(record.topic_scores || {}).sort((a, b) => b[1] - a[1]);
  const table = $("topics");
  table.replaceChildren();
  for (const [label, score] of scores) {
    const row = table.insertRow();
    if (assigned.has(label)) row.className = "assigned";
    cell(row, labels.topics[label] || label);
    cell(row, score.toFixed(2));
    const meter = document.createElement("div");
    meter.className = "meter";
    meter.style.width = `${Math.round(score * 100)}%`;
    cell(row, "", "bar-cell").appendChild(meter);
  }
  const list = $("quotes");
  list.replaceChildren();
  for (const quote of record.quotes || []) {
    const item = document.createElement("li");
    const speaker = document.createElement("span");
    speaker.className = "speaker";
    speaker.textContent = quote.speaker || "?";
    const type = document.createElement("span");
    type.className = "type";
    type.textContent = ` (${quote.type})`;
    item.append(speaker, type, ` : « ${quote.text} »`);
    list.appendChild(item);
  }
  if (!list.children.length) list.textContent = "Aucune citation.";
  $("summary").hidden = false;
}

function download() {
  if (!current) return;
  const blob = new Blob([JSON.stringify(current, null, 2)], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `${String(current.id || "article").replace(/[^\w.-]+/g, "_")}.json`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// A dropped file goes as it is, its type told by its name: the server decodes it and extracts an HTML page.
function fileType(file) {
  const name = file.name.toLowerCase();
  if (name.endsWith(".html") || name.endsWith(".htm") || file.type === "text/html") return "text/html";
  if (name.endsWith(".json") || file.type === "application/json") return "application/json";
  return "text/plain";
}

function setUpDrop() {
  const form = $("form");
  form.addEventListener("dragover", (event) => { event.preventDefault(); form.classList.add("dragging"); });
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", (event) => {
    event.preventDefault();
    form.classList.remove("dragging");
    const file = event.dataTransfer.files[0];
    if (file) { analyse(file, fileType(file), file.name); return; }
    const text = event.dataTransfer.getData("text/plain");
    if (text) $("text").value = text;
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("text").value;
    if (!text.trim()) { setStatus("Collez d'abord le texte d'un article.", true); return; }
    const body = { text };
    const title = $("title").value.trim();
    if (title) body.title = title;
    analyse(JSON.stringify(body), "application/json", "l'article");
  });
  $("download").addEventListener("click", download);
  setUpDrop();
});
