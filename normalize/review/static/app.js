// Redline review page: plain DOM, no framework, nothing fetched but this server's API.
// Every text from the server goes in through textContent, never as HTML.
"use strict";

const TOKEN = new URLSearchParams(location.search).get("token") || "";
const LABELS = { accept: "accepted", reject: "rejected", edit: "edited", keep: "kept (dictionary)" };
const state = { items: [], shown: [], sel: 0, selId: null, diff: false };
const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

async function api(path, body) {
  const opts = { headers: { "X-Redline-Token": TOKEN } };
  if (body !== undefined) {
    opts.method = "POST";
    opts.headers["Content-Type"] = "application/json";
    opts.body = JSON.stringify(body);
  }
  const r = await fetch(path, opts);
  const data = await r.json().catch(() => ({ error: r.statusText }));
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function note(text) {
  $("notes").appendChild(el("p", "", text));
}

function progress(p) {
  $("progress").textContent = `${p.decided} / ${p.total} decided`;
}

async function load() {
  const data = await api("/api/items");
  state.items = data.items;
  progress(data.progress);
  $("notes").replaceChildren();
  data.notes.forEach(note);
  const kinds = [...new Set(state.items.map((i) => i.kind))].sort();
  for (const id of ["kind", "bulk-kind"]) {
    const s = $(id);
    const keep = id === "kind" ? [s.options[0]] : [];
    s.replaceChildren(...keep);
    kinds.forEach((k) => s.appendChild(new Option(k, k)));
  }
  render();
}

function filtered() {
  const kind = $("kind").value;
  const undecided = $("undecided").checked;
  let list = state.items.filter((i) => (!kind || i.kind === kind) && (!undecided || !i.decision));
  if ($("order").value === "confidence") {
    list = list.slice().sort((a, b) => a.confidence - b.confidence);
  }
  return list;
}

function row(it) {
  const li = el("li", "item" + (it.decision ? " " + it.decision : ""));
  li.dataset.id = it.id;
  const head = el("div", "head");
  const where = `${it.source}:${it.line}` + (it.label ? ` · ${it.label}` : "");
  head.appendChild(el("span", "where", where));
  const change = el("span", "change");
  change.appendChild(el("span", "orig", it.original));
  change.appendChild(document.createTextNode(" → "));
  change.appendChild(el("span", "sugg", it.suggestion));
  head.appendChild(change);
  const dflt = it.flag ? "flag: not applied unless accepted" : "applied unless rejected";
  head.appendChild(el("span", "meta", `${it.kind} · ${it.confidence.toFixed(2)} · ${dflt}`));
  let status = it.decision ? LABELS[it.decision] : "undecided";
  if (it.decision === "edit") status += `: ${it.text}`;
  head.appendChild(el("span", "state", status));
  li.appendChild(head);
  const ctx = el("div", "context");
  const [s, e] = it.at;
  ctx.appendChild(document.createTextNode(it.context.slice(0, s)));
  ctx.appendChild(el("mark", "", it.context.slice(s, e)));
  ctx.appendChild(document.createTextNode(it.context.slice(e)));
  li.appendChild(ctx);
  return li;
}

// The buttons are only on the selected row: a long list stays light.
function actions() {
  const box = el("div", "actions");
  for (const [act, label] of [
    ["accept", "Accept (a)"], ["reject", "Reject (r)"], ["edit", "Edit (e)"],
    ["keep", "Always keep this word (w)"], ["clear", "Undecide (u)"],
  ]) {
    const b = el("button", "", label);
    b.type = "button";
    b.dataset.act = act;
    box.appendChild(b);
  }
  return box;
}

function render() {
  state.shown = filtered();
  const at = state.shown.findIndex((i) => i.id === state.selId);
  if (at >= 0) state.sel = at;
  if (state.sel >= state.shown.length) state.sel = Math.max(0, state.shown.length - 1);
  const ol = $("items");
  ol.replaceChildren(...state.shown.map((it) => row(it)));
  if (!state.shown.length) ol.appendChild(el("li", "item", "Nothing to review here."));
  select(state.sel, false);
}

// Replace (or, showing undecided only, remove) just the rows that changed: a long list
// stays fast.  The selection follows its item.
function patch(changed) {
  const ol = $("items");
  const undecidedOnly = $("undecided").checked;
  for (const c of changed) {
    const at = state.shown.findIndex((i) => i.id === c.id);
    if (at < 0) continue;
    const old = ol.querySelector(`.item[data-id="${CSS.escape(c.id)}"]`);
    if (undecidedOnly && c.decision) {
      state.shown.splice(at, 1);
      if (old) old.remove();
    } else {
      state.shown[at] = c;
      if (old) old.replaceWith(row(c));
    }
  }
  const at = state.shown.findIndex((i) => i.id === state.selId);
  select(at >= 0 ? at : state.sel, false);
}

function select(i, scroll = true) {
  const rows = $("items").querySelectorAll(".item[data-id]");
  for (const r of $("items").querySelectorAll(".item.sel")) {
    r.classList.remove("sel");
    const box = r.querySelector(".actions");
    if (box) box.remove();
  }
  if (!rows.length) return;
  state.sel = Math.min(Math.max(i, 0), rows.length - 1);
  const r = rows[state.sel];
  state.selId = r.dataset.id;
  r.classList.add("sel");
  r.appendChild(actions());
  if (scroll) r.scrollIntoView({ block: "nearest" });
}

function merge(changed) {
  const byId = new Map(changed.map((c) => [c.id, c]));
  state.items = state.items.map((i) => byId.get(i.id) || i);
}

// Decisions go to the server one after another, in the order they were made; the
// selection moves on at once, so fast typing (j a j r ...) acts on the rows it sees.
let queue = Promise.resolve();

function decide(it, decision, text) {
  const body = { id: it.id, decision };
  if (text !== undefined) body.text = text;
  const next = state.shown[state.sel + 1];
  if (state.shown[state.sel] && state.shown[state.sel].id === it.id && next) {
    state.selId = next.id;
    select(state.sel + 1);
  }
  queue = queue.then(async () => {
    try {
      const data = await api("/api/decisions", body);
      merge(data.changed);
      progress(data.progress);
      patch(data.changed);
      if (state.diff) await showDiff();
    } catch (err) {
      note(`Not saved: ${err.message}`);
      render();
    }
  });
  return queue;
}

function edit(it) {
  const li = $("items").querySelector(`.item[data-id="${CSS.escape(it.id)}"]`);
  if (!li) return;
  const box = li.querySelector(".actions");
  if (!box) return;
  const input = el("input");
  input.value = it.decision === "edit" ? it.text : it.suggestion;
  input.setAttribute("aria-label", `replacement for ${it.original}`);
  const save = el("button", "", "Save (Enter)");
  save.type = "button";
  box.replaceChildren(input, save, el("span", "meta", " Esc cancels"));
  input.addEventListener("keydown", (ev) => {
    ev.stopPropagation();
    if (ev.key === "Enter") decide(it, "edit", input.value);
    else if (ev.key === "Escape") render();
  });
  save.addEventListener("click", () => decide(it, "edit", input.value));
  input.focus();
  input.select();
}

async function showDiff() {
  const data = await api("/api/diff");
  const sec = $("diff");
  sec.replaceChildren();
  for (const src of data.sources) {
    sec.appendChild(el("h2", "", src.source));
    const changedOnly = $("diff-changed").checked;
    for (const p of src.paragraphs) {
      if (changedOnly && p.segments.every((seg) => seg[0] === "same")) continue;
      const para = el("p");
      para.appendChild(el("span", "ln", p.line));
      for (const seg of p.segments) {
        const [kind, text] = seg;
        if (kind === "same") para.appendChild(document.createTextNode(text));
        else if (kind === "del") para.appendChild(el("del", "", text));
        else if (kind === "ins") para.appendChild(el("ins", "", text));
        else {
          const m = el("mark", "", text);
          m.title = `suggested: ${seg[2]}`;
          para.appendChild(m);
        }
      }
      sec.appendChild(para);
    }
  }
}

async function toggleView() {
  state.diff = !state.diff;
  $("diff").hidden = !state.diff;
  $("items").hidden = state.diff;
  $("view-toggle").textContent = state.diff ? "Corrections list" : "Text with decisions";
  if (state.diff) await showDiff();
}

async function bulk(body) {
  try {
    const data = await api("/api/bulk", body);
    note(`Accepted ${data.accepted} item(s).`);
    await load();
  } catch (err) {
    note(`Not saved: ${err.message}`);
  }
}

document.addEventListener("keydown", (ev) => {
  const t = ev.target;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const typing = t instanceof HTMLInputElement && t.type !== "checkbox";
  if (typing || t instanceof HTMLSelectElement || t instanceof HTMLTextAreaElement) return;
  const it = state.shown[state.sel];
  const keys = {
    j: () => select(state.sel + 1),
    k: () => select(state.sel - 1),
    v: () => toggleView(),
    a: () => it && decide(it, "accept"),
    r: () => it && decide(it, "reject"),
    w: () => it && decide(it, "keep"),
    u: () => it && decide(it, "clear"),
    e: () => it && edit(it),
  };
  const f = keys[ev.key];
  if (f && (!state.diff || ev.key === "v")) {
    ev.preventDefault();
    f();
  }
});

$("items").addEventListener("click", (ev) => {
  const li = ev.target.closest(".item[data-id]");
  if (!li) return;
  select(state.shown.findIndex((i) => i.id === li.dataset.id), false);
  const act = ev.target.dataset && ev.target.dataset.act;
  const it = state.shown[state.sel];
  if (!act || !it) return;
  if (act === "edit") edit(it);
  else decide(it, act);
});
// after a filter changes, the keyboard goes back to the list
for (const id of ["order", "kind", "undecided"]) {
  $(id).addEventListener("change", (ev) => {
    render();
    ev.target.blur();
  });
}
$("diff-changed").addEventListener("change", () => state.diff && showDiff());
$("view-toggle").addEventListener("click", toggleView);
$("bulk-conf-go").addEventListener("click", () =>
  bulk({ min_confidence: Number($("bulk-conf").value) }));
$("bulk-kind-go").addEventListener("click", () => bulk({ kind: $("bulk-kind").value }));

load().catch((err) => note(`Cannot load the items: ${err.message}`));
