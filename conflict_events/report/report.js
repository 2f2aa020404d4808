"use strict";
(function () {
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const OUTLINES = JSON.parse(document.getElementById("report-outlines").textContent);
  const SVG = "http://www.w3.org/2000/svg";
  const PAGE = 200;
  const F = {};
  DATA.fields.forEach(function (name, i) { F[name] = i; });
  const EVENTS = DATA.events;
  const COLOUR = {};
  DATA.types.forEach(function (t) { COLOUR[t.name] = t.colour; });
  const state = { text: "", type: "", country: "", from: "", to: "", sortKey: "date",
                  sortDir: -1, shown: PAGE, open: {} };

  // --- small DOM helpers -------------------------------------------------------------------
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function fmt(n) { return Number(n).toLocaleString("en"); }
  function colourOf(type) { return COLOUR[type] || "#999999"; }

  // --- filtering and sorting ---------------------------------------------------------------
  function matches(row) {
    if (state.type && row[F.type] !== state.type) { return false; }
    if (state.country && row[F.country] !== state.country) { return false; }
    if (state.from && row[F.date] < state.from) { return false; }
    if (state.to && row[F.date] > state.to) { return false; }
    if (state.text) {
      const hay = [row[F.actor1], row[F.actor2], row[F.location], row[F.admin1],
                   row[F.country], row[F.notes], row[F.sub_type], row[F.id]]
        .join(" ").toLowerCase();
      const words = state.text.toLowerCase().split(/\s+/).filter(Boolean);
      for (let i = 0; i < words.length; i++) { if (hay.indexOf(words[i]) < 0) { return false; } }
    }
    return true;
  }
  function sorted(rows) {
    const i = F[state.sortKey];
    const dir = state.sortDir;
    return rows.slice().sort(function (a, b) {
      const x = a[i], y = b[i];
      if (x === y) { return a[F.id] < b[F.id] ? -1 : 1; }
      if (x === null) { return 1; }
      if (y === null) { return -1; }
      return (x < y ? -1 : 1) * dir;
    });
  }

  // --- headline cards ----------------------------------------------------------------------
  function renderCards(rows) {
    const box = document.getElementById("cards");
    box.textContent = "";
    let deaths = 0;
    const countries = new Set();
    let first = null, last = null;
    rows.forEach(function (r) {
      deaths += r[F.fatalities]; countries.add(r[F.country]);
      if (first === null || r[F.date] < first) { first = r[F.date]; }
      if (last === null || r[F.date] > last) { last = r[F.date]; }
    });
    const cards = [
      [fmt(rows.length), rows.length === EVENTS.length ? "events" : "events of " + fmt(EVENTS.length)],
      [fmt(deaths), "reported fatalities"],
      [fmt(countries.size), countries.size === 1 ? "country" : "countries"],
      [first ? first + " – " + last : "–", "dates"],
    ];
    cards.forEach(function (c) {
      const card = el("div", { class: "card" });
      card.appendChild(el("div", { class: c[0].length > 12 ? "value small" : "value" }, c[0]));
      card.appendChild(el("div", { class: "label" }, c[1]));
      box.appendChild(card);
    });
  }

  // --- map -----------------------------------------------------------------------------------
  const BOX = (function () {
    let w = 180, e = -180, s = 90, n = -90;
    EVENTS.forEach(function (r) {
      w = Math.min(w, r[F.lon]); e = Math.max(e, r[F.lon]);
      s = Math.min(s, r[F.lat]); n = Math.max(n, r[F.lat]);
    });
    if (!EVENTS.length) { w = -180; e = 180; s = -60; n = 85; }
    const pad = Math.max(2, 0.08 * Math.max(e - w, n - s));
    w -= pad; e += pad; s -= pad; n += pad;
    if (e - w < 10) { const m = (e + w) / 2; w = m - 5; e = m + 5; }
    if (n - s < 8) { const m = (n + s) / 2; s = m - 4; n = m + 4; }
    // keep the map between 1:1 and 2.2:1 (width:height) so it fits the page
    const k0 = Math.cos(((s + n) / 2) * Math.PI / 180);
    const ratio = (e - w) * k0 / (n - s);
    if (ratio < 1) { const m = (e + w) / 2, half = (n - s) / k0 / 2; w = m - half; e = m + half; }
    if (ratio > 2.2) { const m = (n + s) / 2, half = (e - w) * k0 / 2.2 / 2; s = m - half; n = m + half; }
    w = Math.max(w, -180); e = Math.min(e, 180); s = Math.max(s, -85); n = Math.min(n, 85);
    return { w: w, e: e, s: s, n: n, k: Math.cos(((s + n) / 2) * Math.PI / 180) };
  })();
  function project(lon, lat) { return [(lon - BOX.w) * BOX.k, BOX.n - lat]; }
  let pointLayer = null;
  function buildMap() {
    const width = (BOX.e - BOX.w) * BOX.k, height = BOX.n - BOX.s;
    const root = svg("svg", { viewBox: "0 0 " + width.toFixed(3) + " " + height.toFixed(3),
                              role: "img", "aria-label": "Map of events" });
    root.appendChild(svg("rect", { class: "sea", x: 0, y: 0, width: width, height: height }));
    const land = svg("g", {});
    OUTLINES.countries.forEach(function (c) {
      c.polygons.forEach(function (poly) {
        const ring = poly[0];
        let inside = false;
        for (let i = 0; i < ring.length && !inside; i++) {
          const p = ring[i];
          if (p[0] >= BOX.w - 30 && p[0] <= BOX.e + 30 && p[1] >= BOX.s - 30 && p[1] <= BOX.n + 30) {
            inside = true;
          }
        }
        if (!inside) { return; }
        const d = ring.map(function (p, i) {
          const xy = project(p[0], p[1]);
          return (i ? "L" : "M") + xy[0].toFixed(2) + " " + xy[1].toFixed(2);
        }).join("") + "Z";
        const path = svg("path", { class: "country", d: d });
        const t = svg("title", {}); t.textContent = c.name; path.appendChild(t);
        land.appendChild(path);
      });
    });
    root.appendChild(land);
    pointLayer = svg("g", { id: "points" });
    root.appendChild(pointLayer);
    document.getElementById("map").appendChild(root);
    const legend = document.getElementById("legend");
    DATA.types.forEach(function (t) {
      const item = el("span", {});
      const sw = el("span", { class: "swatch" }); sw.style.background = t.colour;
      item.appendChild(sw); item.appendChild(document.createTextNode(t.name));
      legend.appendChild(item);
    });
  }
  function renderMap(rows) {
    pointLayer.textContent = "";
    const unit = (BOX.e - BOX.w) * BOX.k / 200;
    const ordered = rows.slice().sort(function (a, b) { return b[F.fatalities] - a[F.fatalities]; });
    ordered.forEach(function (r) {
      const xy = project(r[F.lon], r[F.lat]);
      const radius = unit * (1.6 + Math.sqrt(Math.min(r[F.fatalities], 400)) * 0.6);
      const dot = svg("circle", { class: "point", cx: xy[0].toFixed(3), cy: xy[1].toFixed(3),
                                  r: radius.toFixed(3), fill: colourOf(r[F.type]) });
      const t = svg("title", {});
      t.textContent = r[F.date] + " · " + r[F.type] + " · " + r[F.location] + ", " + r[F.country] +
        " · " + r[F.fatalities] + " fatalities";
      dot.appendChild(t);
      pointLayer.appendChild(dot);
    });
  }

  // --- timeline ------------------------------------------------------------------------------
  const SPAN_DAYS = (function () {
    if (!EVENTS.length) { return 0; }
    let a = EVENTS[0][F.date], b = a;
    EVENTS.forEach(function (r) { if (r[F.date] < a) { a = r[F.date]; } if (r[F.date] > b) { b = r[F.date]; } });
    return (Date.parse(b) - Date.parse(a)) / 86400000;
  })();
  const UNIT = SPAN_DAYS <= 62 ? "day" : SPAN_DAYS <= 730 ? "week" : "month";
  function periodOf(day) {
    if (UNIT === "day") { return day; }
    if (UNIT === "month") { return day.slice(0, 7) + "-01"; }
    const d = new Date(day + "T00:00:00Z");
    const back = (d.getUTCDay() + 6) % 7;  // weeks start on Monday
    return new Date(d.getTime() - back * 86400000).toISOString().slice(0, 10);
  }
  function nextPeriod(p) {
    const d = new Date(p + "T00:00:00Z");
    if (UNIT === "day") { return new Date(d.getTime() + 86400000).toISOString().slice(0, 10); }
    if (UNIT === "week") { return new Date(d.getTime() + 7 * 86400000).toISOString().slice(0, 10); }
    d.setUTCMonth(d.getUTCMonth() + 1);
    return d.toISOString().slice(0, 10);
  }
  const PERIODS = (function () {
    if (!EVENTS.length) { return []; }
    let first = null, last = null;
    EVENTS.forEach(function (r) { const p = periodOf(r[F.date]);
      if (first === null || p < first) { first = p; } if (last === null || p > last) { last = p; } });
    const out = [];
    for (let p = first; p <= last && out.length < 2000; p = nextPeriod(p)) { out.push(p); }
    return out;
  })();
  function renderTimeline(rows) {
    const box = document.getElementById("timeline");
    box.textContent = "";
    document.getElementById("timeline-caption").textContent =
      "When: events per " + UNIT + " by event type";
    const index = {}; PERIODS.forEach(function (p, i) { index[p] = i; });
    const stacks = PERIODS.map(function () { return {}; });
    rows.forEach(function (r) {
      const s = stacks[index[periodOf(r[F.date])]];
      s[r[F.type]] = (s[r[F.type]] || 0) + 1;
    });
    let top = 1;
    stacks.forEach(function (s) { let t = 0; Object.keys(s).forEach(function (k) { t += s[k]; }); top = Math.max(top, t); });
    const W = 640, H = 230, L = 44, R = 8, T = 10, B = 34;
    const root = svg("svg", { viewBox: "0 0 " + W + " " + H, role: "img",
                              "aria-label": "Events per " + UNIT });
    const step = (W - L - R) / Math.max(PERIODS.length, 1);
    const y = function (v) { return H - B - (v / top) * (H - T - B); };
    const ticks = 4;
    for (let i = 0; i <= ticks; i++) {
      const v = Math.round(top * i / ticks);
      root.appendChild(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eef1f4" }));
      const label = svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" });
      label.textContent = v; root.appendChild(label);
    }
    stacks.forEach(function (s, i) {
      let base = 0;
      DATA.types.forEach(function (t) {
        const v = s[t.name] || 0;
        if (!v) { return; }
        const rect = svg("rect", { x: (L + i * step + step * 0.1).toFixed(2), width: Math.max(step * 0.8, 0.5).toFixed(2),
                                   y: y(base + v).toFixed(2), height: (y(base) - y(base + v)).toFixed(2),
                                   fill: t.colour });
        const tt = svg("title", {}); tt.textContent = UNIT + " of " + PERIODS[i] + ": " + v + " × " + t.name;
        rect.appendChild(tt); root.appendChild(rect);
        base += v;
      });
    });
    const every = Math.max(1, Math.ceil(PERIODS.length / 8));
    PERIODS.forEach(function (p, i) {
      if (i % every) { return; }
      const label = svg("text", { x: L + i * step + step / 2, y: H - B + 14, "text-anchor": "middle" });
      label.textContent = UNIT === "month" ? p.slice(0, 7) : p; root.appendChild(label);
    });
    const xl = svg("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle" });
    xl.textContent = UNIT.charAt(0).toUpperCase() + UNIT.slice(1) + " starting"; root.appendChild(xl);
    const yl = svg("text", { x: 12, y: (T + H - B) / 2, "text-anchor": "middle",
                             transform: "rotate(-90 12 " + (T + H - B) / 2 + ")" });
    yl.textContent = "Events per " + UNIT; root.appendChild(yl);
    box.appendChild(root);
  }

  // --- bar lists -------------------------------------------------------------------------------
  function bars(target, items, onClick) {
    const box = document.getElementById(target);
    box.textContent = "";
    const max = items.reduce(function (m, it) { return Math.max(m, it[1]); }, 1);
    if (!items.length) { box.appendChild(el("p", { class: "muted" }, "No events match the filters.")); }
    items.forEach(function (it) {
      const row = el("div", { class: "bar-row" + (onClick ? " clickable" : ""), title: it[0] });
      row.appendChild(el("span", { class: "bar-label" }, it[0]));
      const track = el("div", { class: "bar-track" });
      const bar = el("div", { class: "bar" });
      bar.style.width = (100 * it[1] / max).toFixed(1) + "%";
      bar.style.background = it[2] || "#8c959f";
      track.appendChild(bar); row.appendChild(track);
      row.appendChild(el("span", { class: "bar-value" }, fmt(it[1])));
      if (onClick) { row.addEventListener("click", function () { onClick(it[0]); }); }
      box.appendChild(row);
    });
  }
  function renderCounts(rows) {
    const types = {}, actors = {};
    rows.forEach(function (r) {
      types[r[F.type]] = (types[r[F.type]] || 0) + 1;
      const seen = {};
      [r[F.actor1], r[F.actor2]].forEach(function (a) {
        if (a && !seen[a]) { seen[a] = true; actors[a] = (actors[a] || 0) + 1; }
      });
    });
    bars("by-type", DATA.types.filter(function (t) { return types[t.name]; }).map(function (t) {
      return [t.name, types[t.name], t.colour];
    }), function (name) { setFilter("type", state.type === name ? "" : name); });
    const top = Object.keys(actors).sort(function (a, b) { return actors[b] - actors[a] || (a < b ? -1 : 1); })
      .slice(0, 12).map(function (a) { return [a, actors[a], null]; });
    bars("by-actor", top, function (name) { setFilter("text", name); });
  }

  // --- table -------------------------------------------------------------------------------------
  function evidenceCell(r) {
    const td = el("td", {});
    r[F.evidence].forEach(function (e, i) {
      if (i) { td.appendChild(document.createTextNode(" ")); }
      const a = el("a", { class: "evidence-link", href: "#ev-" + r[F.id],
                          title: "Show the evidence for this event" },
                   e[0] + ":" + e[1] + "–" + e[2]);
      a.addEventListener("click", function (ev) { ev.preventDefault(); toggle(r[F.id]); });
      td.appendChild(a);
    });
    if (!r[F.evidence].length) { td.appendChild(el("span", { class: "muted" }, "–")); }
    return td;
  }
  function detailRow(r) {
    const tr = el("tr", { class: "detail", id: "ev-" + r[F.id] });
    const td = el("td", { colspan: "9" });
    td.appendChild(el("div", {}, "Event " + r[F.id] + " · " + r[F.sub_type] +
                     " · confidence " + r[F.confidence]));
    if (r[F.notes]) { td.appendChild(el("p", { class: "muted" }, "Notes: " + r[F.notes])); }
    r[F.evidence].forEach(function (e) {
      const head = el("div", {});
      head.appendChild(document.createTextNode("Article " + e[0] + ", characters " + e[1] + "–" + e[2]));
      if (e[5]) { head.appendChild(document.createTextNode(" · " + e[5])); }
      if (e[4] && /^https?:\/\//.test(e[4])) {
        head.appendChild(document.createTextNode(" · "));
        head.appendChild(el("a", { href: e[4], rel: "noopener noreferrer", target: "_blank" }, "article"));
      }
      td.appendChild(head);
      td.appendChild(el("blockquote", {}, e[3] || "(sentence text not available: build the report with --articles)"));
    });
    tr.appendChild(td);
    return tr;
  }
  function toggle(id) {
    state.open[id] = !state.open[id];
    renderTable(current);
  }
  function renderTable(rows) {
    const body = document.querySelector("#events tbody");
    body.textContent = "";
    const ordered = sorted(rows);
    const visible = ordered.slice(0, state.shown);
    visible.forEach(function (r) {
      const tr = el("tr", { class: "event", "data-id": r[F.id] });
      tr.appendChild(el("td", {}, r[F.date]));
      tr.appendChild(el("td", {}, r[F.country]));
      tr.appendChild(el("td", {}, r[F.location] + (r[F.admin1] && r[F.admin1] !== r[F.location] ? " (" + r[F.admin1] + ")" : "")));
      const type = el("td", {});
      const dot = el("span", { class: "type-dot" }); dot.style.background = colourOf(r[F.type]);
      type.appendChild(dot); type.appendChild(document.createTextNode(r[F.type]));
      tr.appendChild(type);
      tr.appendChild(el("td", {}, r[F.sub_type]));
      tr.appendChild(el("td", {}, r[F.actor1]));
      tr.appendChild(el("td", {}, r[F.actor2] || ""));
      tr.appendChild(el("td", { class: "num" }, r[F.fatalities]));
      tr.appendChild(evidenceCell(r));
      body.appendChild(tr);
      if (state.open[r[F.id]]) { body.appendChild(detailRow(r)); }
    });
    document.getElementById("count").textContent =
      "showing " + fmt(visible.length) + " of " + fmt(rows.length) + " matching (" + fmt(EVENTS.length) + " in the release)";
    const more = document.getElementById("more");
    more.hidden = visible.length >= rows.length;
    more.textContent = "Show " + fmt(Math.min(PAGE, rows.length - visible.length)) + " more";
    document.querySelectorAll("#events th[data-key]").forEach(function (th) {
      th.setAttribute("aria-sort", th.dataset.key === state.sortKey
        ? (state.sortDir > 0 ? "ascending" : "descending") : "none");
    });
  }

  // --- wiring --------------------------------------------------------------------------------------
  let current = EVENTS;
  function render() {
    current = EVENTS.filter(matches);
    document.body.dataset.matching = String(current.length);
    renderCards(current); renderMap(current); renderTimeline(current); renderCounts(current);
    renderTable(current);
  }
  const INPUTS = { text: "filter-text", type: "filter-type", country: "filter-country",
                   from: "filter-from", to: "filter-to" };
  function setFilter(name, value) {
    state[name] = value; state.shown = PAGE;
    document.getElementById(INPUTS[name]).value = value;
    render();
  }
  function fillSelect(id, values) {
    const select = document.getElementById(id);
    values.forEach(function (v) { select.appendChild(el("option", { value: v }, v)); });
  }
  function init() {
    document.getElementById("subtitle").textContent = DATA.subtitle;
    fillSelect("filter-type", DATA.types.map(function (t) { return t.name; }));
    fillSelect("filter-country", Array.from(new Set(EVENTS.map(function (r) { return r[F.country]; }))).sort());
    Object.keys(INPUTS).forEach(function (name) {
      const input = document.getElementById(INPUTS[name]);
      input.addEventListener(input.tagName === "SELECT" ? "change" : "input", function () {
        state[name] = input.value; state.shown = PAGE; render();
      });
    });
    document.getElementById("filter-reset").addEventListener("click", function () {
      Object.keys(INPUTS).forEach(function (name) { state[name] = ""; document.getElementById(INPUTS[name]).value = ""; });
      state.shown = PAGE; render();
    });
    document.querySelectorAll("#events th[data-key]").forEach(function (th) {
      th.addEventListener("click", function () {
        const key = th.dataset.key;
        state.sortDir = state.sortKey === key ? -state.sortDir : (key === "date" || key === "fatalities" ? -1 : 1);
        state.sortKey = key; renderTable(current);
      });
    });
    document.getElementById("more").addEventListener("click", function () {
      state.shown += PAGE; renderTable(current);
    });
    document.getElementById("footer").textContent =
      "Country outlines: " + OUTLINES.source + ". Evidence offsets are character positions in the article text" +
      (DATA.articles_with_text ? "; sentences quoted from " + fmt(DATA.articles_with_text) + " articles." : ".");
    buildMap();
    render();
    document.body.dataset.ready = "true";
  }
  init();
})();
