// eventwire web page: map, timeline, table and event view over the /api of the same server.
// Plain JS, no library and no request to any other host. The URL holds the filters.
"use strict";

const TYPES = [
  "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];
// Cooperation in greens and blues, verbal conflict in purples, material conflict in reds.
const COLOURS = {
  AGREE: "#2e8b57", CONSULT: "#3a7bd5", SUPPORT: "#4caf50", CONCEDE: "#7cb342",
  COOPERATE: "#00897b", AID: "#26a69a", RETREAT: "#8d6e63", REQUEST: "#5c6bc0",
  ACCUSE: "#8e24aa", REJECT: "#ab47bc", THREATEN: "#d81b60", PROTEST: "#f9a825",
  SANCTION: "#ef6c00", MOBILIZE: "#6d4c41", COERCE: "#e65100", ASSAULT: "#c62828",
};
const FILTERS = ["type", "country", "date_from", "date_to", "q", "include_negated", "bbox"];
const PAGE = 50;
const SVGNS = "http://www.w3.org/2000/svg";
const WORLD = { x: -180, y: -90, w: 360, h: 180 };

const state = {
  filters: {}, sort: "date", order: "desc", offset: 0, event: null,
  view: { ...WORLD }, places: [], world: null, stats: null, seq: 0,
};

const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVGNS, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "text") node.textContent = v;
    else if (k === "bg") node.style.background = v; // CSSOM: allowed by the page's CSP
    else node.setAttribute(k, v);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }
  return node;
}

// -- URL <-> state -----------------------------------------------------------------------

function readURL() {
  const params = new URLSearchParams(location.search);
  state.filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) state.filters[name] = value;
  }
  state.sort = params.get("sort") || "date";
  state.order = params.get("order") || "desc";
  state.offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
  state.event = params.get("event");
}

function writeURL() {
  const params = new URLSearchParams(apiParams());
  if (state.sort !== "date") params.set("sort", state.sort);
  if (state.order !== "desc") params.set("order", state.order);
  if (state.offset) params.set("offset", String(state.offset));
  if (state.event) params.set("event", state.event);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function apiParams() {
  const out = {};
  for (const name of FILTERS) {
    if (state.filters[name]) out[name] = state.filters[name];
  }
  return out;
}

// -- talking to the API ------------------------------------------------------------------

async function getJSON(path, params = {}) {
  const query = new URLSearchParams(params).toString();
  const response = await fetch(query ? `${path}?${query}` : path);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `${response.status} ${response.statusText}`);
  return body;
}

function showMessage(text) {
  const box = $("#message");
  box.textContent = text || "";
  box.hidden = !text;
}

async function refresh() {
  writeURL();
  syncForm();
  const seq = ++state.seq; // a slower earlier answer must not overwrite a later one
  const params = apiParams();
  try {
    const [stats, page] = await Promise.all([
      getJSON("/api/stats", params),
      getJSON("/api/events", {
        ...params, limit: PAGE, offset: state.offset, sort: state.sort, order: state.order,
      }),
    ]);
    if (seq !== state.seq) return;
    state.stats = stats;
    state.places = stats.places;
    showMessage(stats.message || page.message || "");
    renderSummary(page.total);
    renderTypes(stats.by_type);
    renderCountries(stats);
    renderMarkers();
    renderTimeline(stats);
    renderTable(page);
  } catch (error) {
    if (seq === state.seq) showMessage(`Could not load events: ${error.message}`);
  }
}

function setFilter(name, value) {
  if (value) state.filters[name] = value;
  else delete state.filters[name];
  state.offset = 0;
  refresh();
}

// -- filters form ------------------------------------------------------------------------

function buildForm() {
  const box = $("#types");
  for (const type of TYPES) {
    const input = el("input", { type: "checkbox", value: type, name: "type" });
    const label = el("label", { class: "type-chip", "data-type": type, title: type },
      input, el("span", { class: "swatch", bg: COLOURS[type] }),
      type.toLowerCase(), el("span", { class: "n" }));
    box.append(label);
  }
  box.addEventListener("change", () => {
    const chosen = [...box.querySelectorAll("input:checked")].map((i) => i.value);
    setFilter("type", chosen.join(","));
  });
  const form = $("#filters");
  let timer = null;
  for (const name of ["country", "date_from", "date_to", "q"]) {
    const input = form.elements[name];
    const apply = () => {
      const value = input.value.trim();
      if ((state.filters[name] || "") !== value) setFilter(name, value);
    };
    input.addEventListener("change", apply);
    if (name === "q" || name === "country") {
      input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(apply, 350); });
    }
  }
  form.elements.include_negated.addEventListener("change", (e) => {
    setFilter("include_negated", e.target.checked ? "true" : "");
  });
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("reset", (e) => {
    e.preventDefault();
    state.filters = {};
    state.offset = 0;
    state.view = { ...WORLD };
    applyView();
    refresh();
  });
  $("#bbox-chip").addEventListener("click", () => setFilter("bbox", ""));
}

function syncForm() {
  const form = $("#filters");
  const types = (state.filters.type || "").split(",");
  for (const input of form.querySelectorAll("#types input")) {
    input.checked = types.includes(input.value);
    input.parentElement.classList.toggle("on", input.checked);
  }
  for (const name of ["country", "date_from", "date_to", "q"]) {
    const input = form.elements[name];
    if (document.activeElement !== input) input.value = state.filters[name] || "";
  }
  form.elements.include_negated.checked = state.filters.include_negated === "true";
  const chip = $("#bbox-chip");
  chip.hidden = !state.filters.bbox;
  chip.textContent = state.filters.bbox ? "in map area ✕" : "";
}

function renderTypes(byType) {
  for (const label of document.querySelectorAll(".type-chip")) {
    const n = byType[label.dataset.type];
    label.querySelector(".n").textContent = n ? String(n) : "";
  }
}

function renderCountries(stats) {
  const list = $("#countries");
  list.replaceChildren(...stats.by_country.map((c) => el("option", { value: c.country })));
}

function renderSummary(total) {
  const stats = state.stats;
  const span = stats.first_day ? `, ${stats.first_day} to ${stats.last_day}` : "";
  $("#summary").textContent = `${total.toLocaleString("en")} events${span}`;
}

// -- map ---------------------------------------------------------------------------------

async function loadWorld() {
  const response = await fetch("/static/world.json");
  state.world = await response.json();
  const svg = $("#map");
  // Countries that cross the antimeridian come in two copies; the clip shows each half once.
  const clip = el("svg:clipPath", { id: "world-clip" },
    el("svg:rect", { x: WORLD.x, y: WORLD.y, width: WORLD.w, height: WORLD.h }));
  const land = el("svg:g", { class: "land", "clip-path": "url(#world-clip)" });
  for (const feature of state.world.features) {
    let d = "";
    for (const polygon of feature.geometry.coordinates) {
      for (const ring of polygon) {
        d += "M" + ring.map(([lon, lat]) => `${lon},${-lat}`).join("L") + "Z";
      }
    }
    land.append(el("svg:path", {
      d, class: "country", "data-iso3": feature.properties.iso3 || "",
    }, el("svg:title", { text: feature.properties.name })));
  }
  svg.append(el("svg:defs", {}, clip), land, el("svg:g", { class: "markers" }));
  applyView();
}

function applyView() {
  const v = state.view;
  $("#map").setAttribute("viewBox", `${v.x} ${v.y} ${v.w} ${v.h}`);
  renderMarkers();
}

function pixelsPerDegree() {
  const svg = $("#map");
  const box = svg.getBoundingClientRect();
  // preserveAspectRatio "meet": the smaller scale of the two wins
  return Math.min(box.width / state.view.w, box.height / state.view.h) || 1;
}

function zoom(factor, cx, cy) {
  const v = state.view;
  const w = Math.min(WORLD.w, Math.max(0.05, v.w / factor));
  const h = w * (WORLD.h / WORLD.w);
  const x0 = cx === undefined ? v.x + v.w / 2 : cx;
  const y0 = cy === undefined ? v.y + v.h / 2 : cy;
  const fx = (x0 - v.x) / v.w;
  const fy = (y0 - v.y) / v.h;
  state.view = clampView({ x: x0 - fx * w, y: y0 - fy * h, w, h });
  applyView();
}

function clampView(v) {
  const x = Math.min(Math.max(v.x, WORLD.x - v.w / 2), WORLD.x + WORLD.w - v.w / 2);
  const y = Math.min(Math.max(v.y, WORLD.y - v.h / 2), WORLD.y + WORLD.h - v.h / 2);
  return { x, y, w: v.w, h: v.h };
}

function svgPoint(event) {
  const svg = $("#map");
  const point = svg.createSVGPoint();
  point.x = event.clientX;
  point.y = event.clientY;
  return point.matrixTransform(svg.getScreenCTM().inverse());
}

function setupMapControls() {
  const svg = $("#map");
  svg.addEventListener("wheel", (e) => {
    e.preventDefault();
    const p = svgPoint(e);
    zoom(e.deltaY < 0 ? 1.4 : 1 / 1.4, p.x, p.y);
  }, { passive: false });
  let drag = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.target.classList.contains("marker")) return;
    drag = { x: e.clientX, y: e.clientY, view: { ...state.view }, moved: false };
    svg.setPointerCapture(e.pointerId);
  });
  svg.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const scale = pixelsPerDegree();
    const dx = (e.clientX - drag.x) / scale;
    const dy = (e.clientY - drag.y) / scale;
    if (Math.abs(dx) + Math.abs(dy) > 0) drag.moved = true;
    state.view = clampView({ ...drag.view, x: drag.view.x - dx, y: drag.view.y - dy });
    svg.classList.add("dragging");
    svg.setAttribute("viewBox", `${state.view.x} ${state.view.y} ${state.view.w} ${state.view.h}`);
  });
  const end = () => {
    if (drag && drag.moved) renderMarkers();
    drag = null;
    svg.classList.remove("dragging");
  };
  svg.addEventListener("pointerup", end);
  svg.addEventListener("pointercancel", end);
  $("#zoom-in").addEventListener("click", () => zoom(2));
  $("#zoom-out").addEventListener("click", () => zoom(0.5));
  $("#zoom-reset").addEventListener("click", () => { state.view = { ...WORLD }; applyView(); });
  $("#view-filter").addEventListener("click", () => {
    const v = state.view;
    const clamp = (n, lo, hi) => Math.min(hi, Math.max(lo, n));
    const box = [clamp(v.x, -180, 180), clamp(-(v.y + v.h), -90, 90),
      clamp(v.x + v.w, -180, 180), clamp(-v.y, -90, 90)].map((n) => n.toFixed(3));
    setFilter("bbox", box.join(","));
  });
  window.addEventListener("resize", () => renderMarkers());
}

// Places close together on screen are drawn as one marker, sized by its count and coloured
// by its most frequent type; clicking zooms in, or (one place) filters to it.
function clusters() {
  const scale = pixelsPerDegree();
  const cell = 36 / scale;
  const groups = new Map();
  for (const place of state.places) {
    const x = place.lon;
    const y = -place.lat;
    const key = `${Math.floor(x / cell)}:${Math.floor(y / cell)}`;
    let group = groups.get(key);
    if (!group) {
      group = { sx: 0, sy: 0, count: 0, types: {}, places: [] };
      groups.set(key, group);
    }
    group.sx += x * place.count;
    group.sy += y * place.count;
    group.count += place.count;
    group.places.push(place);
    for (const [type, n] of Object.entries(place.types)) group.types[type] = (group.types[type] || 0) + n;
  }
  return [...groups.values()].map((g) => ({
    ...g, x: g.sx / g.count, y: g.sy / g.count,
    top: Object.entries(g.types).sort((a, b) => b[1] - a[1])[0][0],
  }));
}

function renderMarkers() {
  const layer = document.querySelector("#map .markers");
  if (!layer) return;
  const scale = pixelsPerDegree();
  const nodes = [];
  for (const group of clusters()) {
    const r = (5 + 3 * Math.log2(group.count)) / scale;
    const names = group.places.slice(0, 5).map((p) => p.name || p.country || "?").join(", ");
    const more = group.places.length > 5 ? ` and ${group.places.length - 5} more places` : "";
    const types = Object.entries(group.types).sort((a, b) => b[1] - a[1])
      .map(([t, n]) => `${t} ${n}`).join(", ");
    const circle = el("svg:circle", {
      cx: group.x, cy: group.y, r, class: "marker", fill: COLOURS[group.top] || "#555",
      "data-count": group.count, "data-type": group.top, tabindex: "0",
    }, el("svg:title", { text: `${names}${more}: ${group.count} events (${types})` }));
    circle.addEventListener("click", () => markerClicked(group));
    nodes.push(circle);
    if (group.count > 1) {
      nodes.push(el("svg:text", {
        x: group.x, y: group.y, class: "marker-label", "text-anchor": "middle",
        "dominant-baseline": "central", "font-size": 11 / scale, text: String(group.count),
      }));
    }
  }
  layer.replaceChildren(...nodes);
}

function markerClicked(group) {
  const lons = group.places.map((p) => p.lon);
  const lats = group.places.map((p) => p.lat);
  const pad = 0.06;
  const box = [Math.min(...lons) - pad, Math.min(...lats) - pad,
    Math.max(...lons) + pad, Math.max(...lats) + pad];
  const clamp = (n, lo, hi) => Math.min(hi, Math.max(lo, n));
  const bbox = [clamp(box[0], -180, 180), clamp(box[1], -90, 90), clamp(box[2], -180, 180),
    clamp(box[3], -90, 90)].map((n) => n.toFixed(3)).join(",");
  if (group.places.length > 1 && state.view.w > 2) {
    zoom(4, group.x, group.y);
  } else {
    setFilter("bbox", bbox);
  }
}

// -- timeline ----------------------------------------------------------------------------

function periodEnd(start, interval) {
  const d = new Date(`${start}T00:00:00Z`);
  if (interval === "day") d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === "week") d.setUTCDate(d.getUTCDate() + 7);
  else if (interval === "month") d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCFullYear(d.getUTCFullYear() + 1);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function renderTimeline(stats) {
  const svg = $("#timeline");
  const width = svg.clientWidth || 600;
  const height = svg.clientHeight || 120;
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  $("#interval").textContent = stats.interval;
  const bars = stats.by_period;
  const nodes = [];
  const axis = 16;
  if (!bars.length) {
    nodes.push(el("svg:text", { x: width / 2, y: height / 2, class: "axis", "text-anchor": "middle",
      text: "no dated events" }));
    svg.replaceChildren(...nodes);
    svg._bars = [];
    return;
  }
  const max = Math.max(...bars.map((b) => b.count));
  const step = width / bars.length;
  bars.forEach((b, i) => {
    const h = ((height - axis - 4) * b.count) / max;
    nodes.push(el("svg:rect", {
      x: i * step + 0.5, y: height - axis - h, width: Math.max(1, step - 1), height: h,
      class: "bar", "data-period": b.period,
    }, el("svg:title", { text: `${b.period}: ${b.count}` })));
  });
  const labels = Math.min(bars.length, Math.max(2, Math.floor(width / 90)));
  for (let k = 0; k < labels; k++) {
    const i = Math.round((k * (bars.length - 1)) / Math.max(1, labels - 1));
    nodes.push(el("svg:text", {
      x: Math.min(width - 30, Math.max(30, i * step + step / 2)), y: height - 3,
      class: "axis", "text-anchor": "middle", text: bars[i].period,
    }));
  }
  svg.replaceChildren(...nodes);
  svg._bars = bars.map((b) => ({ ...b, end: periodEnd(b.period, stats.interval) }));
  svg._step = step;
}

function setupTimeline() {
  const svg = $("#timeline");
  let start = null;
  let brush = null;
  const index = (e) => {
    const box = svg.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * (svg.viewBox.baseVal.width || box.width);
    return Math.max(0, Math.min((svg._bars || []).length - 1, Math.floor(x / (svg._step || 1))));
  };
  svg.addEventListener("pointerdown", (e) => {
    if (!(svg._bars || []).length) return;
    start = index(e);
    brush = el("svg:rect", { class: "brush", y: 0, height: svg.viewBox.baseVal.height - 16 });
    svg.append(brush);
    svg.setPointerCapture(e.pointerId);
    draw(start);
  });
  const draw = (i) => {
    const lo = Math.min(start, i);
    const hi = Math.max(start, i);
    brush.setAttribute("x", lo * svg._step);
    brush.setAttribute("width", (hi - lo + 1) * svg._step);
  };
  svg.addEventListener("pointermove", (e) => { if (brush) draw(index(e)); });
  svg.addEventListener("pointerup", (e) => {
    if (start === null) return;
    const i = index(e);
    const lo = svg._bars[Math.min(start, i)];
    const hi = svg._bars[Math.max(start, i)];
    start = null;
    brush = null;
    state.filters.date_from = lo.period;
    state.filters.date_to = hi.end;
    state.offset = 0;
    refresh();
  });
  svg.addEventListener("dblclick", () => {
    delete state.filters.date_from;
    delete state.filters.date_to;
    state.offset = 0;
    refresh();
  });
}

// -- table -------------------------------------------------------------------------------

function parties(list) {
  return (list || []).map((p) => (p.country ? `${p.text} (${p.country})` : p.text)).join("; ");
}

function placeName(event) {
  const loc = event.location;
  if (!loc) return "";
  const name = loc.canonical || loc.name;
  return loc.country ? `${name}, ${loc.country}` : name;
}

function renderTable(page) {
  const rows = page.events.map((event) => {
    const row = el("tr", { tabindex: "0", "data-id": event.id, class: event.flags.negated ? "negated" : null },
      el("td", { text: event.date || "" }),
      el("td", { class: "type-cell" },
        el("span", { class: "swatch", bg: COLOURS[event.type] || "#555" }), event.type),
      el("td", { class: "wide", text: event.mode || "" }),
      el("td", { text: parties(event.actor) }),
      el("td", { class: "wide", text: parties(event.recipient) }),
      el("td", { text: placeName(event) }),
      el("td", { class: "num", text: event.dead ?? "" }),
      el("td", { class: "num wide", text: event.confidence.toFixed(2) }));
    row.addEventListener("click", () => openEvent(event.id));
    row.addEventListener("keydown", (e) => { if (e.key === "Enter") openEvent(event.id); });
    return row;
  });
  $("#events tbody").replaceChildren(...rows);
  const first = page.total ? page.offset + 1 : 0;
  $("#page").textContent = `${first}–${page.offset + page.events.length} of ${page.total}`;
  $("#prev").disabled = page.offset === 0;
  $("#next").disabled = page.next_offset === null;
  for (const button of document.querySelectorAll("th button")) {
    button.classList.remove("asc", "desc");
    if (button.dataset.sort === state.sort) button.classList.add(state.order);
  }
}

function setupTable() {
  for (const button of document.querySelectorAll("th button")) {
    button.addEventListener("click", () => {
      const key = button.dataset.sort;
      state.order = state.sort === key && state.order === "desc" ? "asc" : "desc";
      state.sort = key;
      state.offset = 0;
      refresh();
    });
  }
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - PAGE); refresh(); });
  $("#next").addEventListener("click", () => { state.offset += PAGE; refresh(); });
}

// -- event view --------------------------------------------------------------------------

async function openEvent(id) {
  state.event = id;
  writeURL();
  const view = $("#event-view");
  view.hidden = false;
  $("#event-title").textContent = "…";
  try {
    const event = await getJSON(`/api/events/${encodeURIComponent(id)}`);
    if (state.event !== id) return;
    let article = null;
    try {
      article = await getJSON(`/api/articles/${encodeURIComponent(event.article_id)}`);
    } catch (error) {
      article = null; // the event view still shows the evidence sentences
    }
    if (state.event !== id) return;
    renderEvent(event, article);
  } catch (error) {
    $("#event-title").textContent = `Could not load event: ${error.message}`;
  }
}

function closeEvent() {
  state.event = null;
  $("#event-view").hidden = true;
  writeURL();
}

function renderEvent(event, article) {
  $("#event-title").textContent = `${event.type}${event.mode ? ` · ${event.mode}` : ""}`
    + `${event.date ? ` · ${event.date}` : ""}`;
  const fields = [
    ["type", event.type], ["mode", event.mode], ["CAMEO", event.cameo],
    ["actor", parties(event.actor)], ["recipient", parties(event.recipient)],
    ["place", placeName(event)],
    ["coordinates", event.location && event.location.lat !== null
      ? `${event.location.lat}, ${event.location.lon}` : null],
    ["date", event.date && [event.date, event.date_end].filter(Boolean).join(" to ")
      + (event.date_precision ? ` (${event.date_precision})` : "")],
    ["dead", event.dead], ["injured", event.injured], ["arrested", event.arrested],
    ["reported by", event.reported_by && event.reported_by.text],
    ["flags", Object.entries(event.flags).filter(([, v]) => v).map(([k]) => k).join(", ")],
    ["confidence", event.confidence.toFixed(2)], ["incident", event.incident_id],
    ["id", event.id],
  ];
  $("#event-fields").replaceChildren(...definitions(fields));
  const reasons = Object.entries(event.reasons || {});
  $("#event-reasons").replaceChildren(...definitions(reasons));
  const meta = event.article || {};
  $("#event-article-meta").replaceChildren(
    [meta.publisher, meta.published, meta.lang].filter(Boolean).join(" · "),
    meta.url ? " · " : "", meta.url ? el("span", { text: meta.url }) : "");
  const box = $("#event-article");
  if (article && article.text) {
    box.replaceChildren(...highlighted(article.text, event.evidence));
  } else {
    box.replaceChildren(...event.evidence.map((ev) => el("p", {}, el("mark", { class: "evidence", text: ev.sentence }))));
  }
  const mark = box.querySelector("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}

function definitions(pairs) {
  const out = [];
  for (const [name, value] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    out.push(el("dt", { text: name }), el("dd", { text: String(value) }));
  }
  return out;
}

// The article text with each evidence sentence in <mark> and its trigger words in bold.
function highlighted(text, evidence) {
  const spans = evidence
    .filter((ev) => Number.isInteger(ev.start) && text.slice(ev.start, ev.end) === ev.sentence)
    .sort((a, b) => a.start - b.start);
  const out = [];
  let at = 0;
  for (const ev of spans) {
    if (ev.start < at) continue;
    out.push(text.slice(at, ev.start));
    const mark = el("mark", { class: "evidence" });
    let inner = ev.start;
    const triggers = (ev.triggers || []).filter((t) => t.start >= ev.start && t.end <= ev.end)
      .sort((a, b) => a.start - b.start);
    for (const t of triggers) {
      if (t.start < inner) continue;
      mark.append(text.slice(inner, t.start), el("span", { class: "trigger", text: text.slice(t.start, t.end) }));
      inner = t.end;
    }
    mark.append(text.slice(inner, ev.end));
    out.push(mark);
    at = ev.end;
  }
  out.push(text.slice(at));
  return out;
}

// -- start -------------------------------------------------------------------------------

function start() {
  readURL();
  buildForm();
  setupMapControls();
  setupTimeline();
  setupTable();
  $("#event-close").addEventListener("click", closeEvent);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape" && state.event) closeEvent(); });
  loadWorld().then(refresh, (error) => { showMessage(`Could not load the map: ${error.message}`); refresh(); });
  if (state.event) openEvent(state.event);
  window.addEventListener("resize", () => { if (state.stats) renderTimeline(state.stats); });
}

document.addEventListener("DOMContentLoaded", start);
