// The report page: sums the counts of the (period, source) cells the filters keep and redraws every chart
// with Plotly.react; filters the evidence list and the quote table the same way. Nothing is fetched.
(function () {
  "use strict";
  const read = (id) => JSON.parse(document.getElementById(id).textContent);
  const D = read("veille-data"), LAYOUTS = read("veille-layouts"), S = read("veille-style");
  const RENDERINGS = read("veille-renderings");
  const $ = (id) => document.getElementById(id);
  const CONFIG = {displaylogo: false, responsive: true};
  const TOP = 15, TOP_ENTITIES = 10, PAGE = 25;
  const GENDER_ONE = {f: "femme", m: "homme"};
  const nBins = D.bins.length;
  const state = {from: 0, to: Math.max(nBins - 1, 0), sources: new Set(D.sources.map((_, i) => i)),
                 pick: null, search: "", sort: {key: "date", dir: -1}, page: 0};

  // ---- filters ------------------------------------------------------------------------------------
  const full = () => state.from === 0 && state.to === Math.max(nBins - 1, 0);
  // Undated articles have no place on a time axis: counted while the whole range is selected.
  const keepBin = (b) => (b < 0 ? full() : b >= state.from && b <= state.to);
  const keep = (b, s) => state.sources.has(s) && keepBin(b);
  const cells = () => D.cells.filter((c) => keep(c.b, c.s));

  function setUpFilters() {
    for (const id of ["from", "to"]) {
      const select = $(id);
      D.bins.forEach((bin, i) => select.add(new Option(bin.label, i)));
      select.disabled = nBins === 0;
    }
    $("to").value = state.to;
    $("from").onchange = () => { state.from = +$("from").value; if (state.to < state.from) { state.to = state.from; $("to").value = state.to; } update(); };
    $("to").onchange = () => { state.to = +$("to").value; if (state.from > state.to) { state.from = state.to; $("from").value = state.from; } update(); };
    D.sources.forEach((name, i) => {
      const label = document.createElement("label");
      const box = Object.assign(document.createElement("input"), {type: "checkbox", checked: true, value: i});
      box.onchange = () => { box.checked ? state.sources.add(i) : state.sources.delete(i); update(); };
      label.append(box, " " + name);
      $("sources").append(label);
    });
    $("reset").onclick = () => {
      state.from = 0; state.to = Math.max(nBins - 1, 0); $("from").value = 0; $("to").value = state.to;
      state.sources = new Set(D.sources.map((_, i) => i));
      document.querySelectorAll("#sources input").forEach((box) => { box.checked = true; });
      update();
    };
  }

  // ---- sums ---------------------------------------------------------------------------------------
  function sums(kept) {
    const nT = S.topics.length, nS = S.stances.length;
    const out = {n: 0, topicsByBin: [], stanceByBin: [], t: Array(nT).fill(0), pairs: {}, stanceTopic: {},
                 qt: [0, 0, 0], k: [0, 0, 0, 0, 0], g: [0, 0, 0], sp: {}, e: {}};
    for (let b = 0; b < nBins; b++) { out.topicsByBin.push(Array(nT).fill(0)); out.stanceByBin.push(Array(nS).fill(0)); }
    const add = (target, key, n) => { target[key] = (target[key] || 0) + n; };
    for (const c of kept) {
      out.n += c.n;
      c.t.forEach((n, i) => { out.t[i] += n; if (c.b >= 0) out.topicsByBin[c.b][i] += n; });
      c.st.forEach((n, i) => { if (c.b >= 0) out.stanceByBin[c.b][i] += n; });
      for (const [a, b, n] of c.p) add(out.pairs, a + "," + b, n);
      for (const [s, t, n] of c.stt) add(out.stanceTopic, s + "," + t, n);
      ["qt", "k", "g"].forEach((key) => c[key].forEach((n, i) => { out[key][i] += n; }));
      for (const [id, n] of c.sp) add(out.sp, id, n);
      for (const [id, n] of c.e) add(out.e, id, n);
    }
    return out;
  }

  // ---- charts -------------------------------------------------------------------------------------
  const binRange = () => D.bins.slice(state.from, state.to + 1);
  const binIndexes = () => binRange().map((_, i) => state.from + i);

  function topicsTime(x) {
    const idx = binIndexes(), labels = binRange().map((b) => b.label);
    return S.topics.map((topic, t) => ({type: "bar", name: topic.name, x: labels,
      y: idx.map((b) => x.topicsByBin[b][t]), marker: {color: topic.color}}));
  }

  function topicsCooc(x) {
    const names = S.topics.map((t) => t.name);
    const z = names.map((_, i) => names.map((_, j) => (i === j ? x.t[i] : x.pairs[Math.min(i, j) + "," + Math.max(i, j)] || 0)));
    return [{type: "heatmap", x: names, y: names, z: z, colorscale: [[0, "#f7fbff"], [1, "#08519c"]], texttemplate: "%{z}",
             hovertemplate: "%{y} × %{x} : %{z} articles<extra></extra>"}];
  }

  function stanceTime(x) {
    const idx = binIndexes(), labels = binRange().map((b) => b.label);
    return S.stances.map((stance, s) => ({type: "bar", name: stance.name, x: labels, marker: {color: stance.color},
      y: idx.map((b) => x.stanceByBin[b][s]), text: idx.map((b) => x.stanceByBin[b][s] || ""),
      textposition: "inside", customdata: idx.map((b) => ["bin", s, b])}));
  }

  function stanceTopic(x) {
    const names = S.topics.map((t) => t.name);
    return S.stances.map((stance, s) => ({type: "bar", orientation: "h", name: stance.name, y: names,
      x: names.map((_, t) => x.stanceTopic[s + "," + t] || 0), marker: {color: stance.color},
      text: names.map((_, t) => x.stanceTopic[s + "," + t] || ""), textposition: "inside",
      customdata: names.map((_, t) => ["topic", s, t])}));
  }

  function speakers(x, kind, color) {
    const ranked = Object.entries(x.sp).filter(([id]) => D.speakers[id].kind === kind)
      .sort((a, b) => b[1] - a[1]).slice(0, TOP);
    const info = ranked.map(([id]) => D.speakers[id]);
    return [{type: "bar", orientation: "h", y: info.map((p) => p.name), x: ranked.map(([, n]) => n),
      marker: {color: color}, text: info.map((p) => [GENDER_ONE[p.gender], p.title, p.org].filter(Boolean).join(" · ")),
      textposition: "auto", hovertemplate: "%{y} : %{x} citations<br>%{text}<extra></extra>"}];
  }

  function shares(counts, names, colors) {
    const total = counts.reduce((a, b) => a + b, 0) || 1;
    return [{type: "bar", x: names, y: counts, marker: {color: colors},
      text: counts.map((n) => n + " (" + Math.round((100 * n) / total) + " %)"), textposition: "auto"}];
  }

  function entities(x) {
    return S.entity_labels.map((label, n) => {
      const ranked = Object.entries(x.e).filter(([id]) => D.entities[id].label === label)
        .sort((a, b) => b[1] - a[1]).slice(0, TOP_ENTITIES);
      const axis = n === 0 ? "" : String(n + 1);
      return {type: "bar", orientation: "h", y: ranked.map(([id]) => D.entities[id].text),
              x: ranked.map(([, c]) => c), xaxis: "x" + axis, yaxis: "y" + axis, name: label};
    });
  }

  function charts(x) {
    const gender = ["f", "m", "unknown"], kinds = ["person", "organisation", "role", "group", "unknown"];
    const errors = Object.entries(D.totals.errors).sort((a, b) => b[1] - a[1]);
    if (D.totals.bad_lines) errors.push(["ligne illisible", D.totals.bad_lines]);
    return {
      "topics-time": topicsTime(x), "topics-cooc": topicsCooc(x), "stance-time": stanceTime(x),
      "stance-topic": stanceTopic(x), "speakers-people": speakers(x, "person", "#4c78a8"),
      "speakers-orgs": speakers(x, "organisation", "#9467bd"),
      "speakers-gender": shares(x.g, gender.map((g) => S.genders[g]), ["#c2185b", "#1565c0", "#bdbdbd"]),
      "speakers-kind": shares(x.k, kinds.map((k) => S.kinds[k]), ["#4c78a8", "#9467bd", "#72b7b2", "#f58518", "#bdbdbd"]),
      "entities": entities(x),
      "quote-types": shares(x.qt, ["directes", "indirectes", "mixtes"], ["#ffd166", "#9fc5ff", "#b9f0a8"]),
      "errors": [{type: "bar", x: errors.map(([t]) => t), y: errors.map(([, n]) => n), marker: {color: "#a00000"},
                  text: errors.map(([, n]) => n), textposition: "auto"}],
    };
  }

  function draw(x) {
    for (const [id, data] of Object.entries(charts(x))) {
      const layout = Object.assign({}, LAYOUTS[id], {template: S.template});
      if (!data.length || data.every((trace) => !(trace.x || []).length)) {
        const text = id === "errors" ? "Aucune erreur ni ligne illisible" : "Rien à montrer pour ce filtre";
        layout.annotations = (layout.annotations || []).concat([{text: text, showarrow: false,
          xref: "paper", yref: "paper", x: 0.5, y: 0.5}]);
      }
      Plotly.react(id, data, layout, CONFIG);
    }
  }

  // ---- evidence behind a stance bar ---------------------------------------------------------------
  function bindClicks() {
    for (const id of ["stance-time", "stance-topic"]) {
      $(id).on("plotly_click", (event) => {
        const data = event.points[0].customdata;
        state.pick = {by: data[0], stance: data[1], value: data[2], count: event.points[0][data[0] === "bin" ? "y" : "x"]};
        showEvidence();
        $("evidence").scrollIntoView({behavior: "smooth", block: "nearest"});
      });
    }
  }

  function showEvidence() {
    const box = $("evidence"), pick = state.pick;
    if (!pick) return;
    const stance = S.stances[pick.stance];
    const what = pick.by === "bin" ? D.bins[pick.value].label : S.topics[pick.value].name;
    const items = D.evidence.filter(([a, label, topics]) => {
      const art = D.articles[a];
      if (label !== stance.id || !keep(art[4], art[3])) return false;
      return pick.by === "bin" ? art[4] === pick.value : topics.includes(S.topics[pick.value].id);
    });
    box.replaceChildren();
    const h = document.createElement("h3");
    h.textContent = `${stance.name} · ${what} : ${pick.count} articles ; ${items.length} avec leurs phrases ci-dessous`
      + (items.length < pick.count ? " (les autres ne sont pas incluses dans le fichier)" : "");
    const list = document.createElement("ul");
    for (const [a, , , sentences] of items) {
      const li = document.createElement("li");
      li.append(articleLink(a), meta(a));
      const quotes = document.createElement("ul");
      for (const sentence of sentences) { const q = document.createElement("li"); q.textContent = sentence; quotes.append(q); }
      li.append(quotes);
      list.append(li);
    }
    box.append(h, list);
  }

  function meta(a) {
    const [, , date, source] = D.articles[a];
    return Object.assign(document.createElement("span"), {className: "meta", textContent: ` — ${date || "sans date"} · ${D.sources[source]}`});
  }

  function articleLink(a) {
    const [id, title] = D.articles[a];
    const button = Object.assign(document.createElement("button"), {type: "button", className: "link", textContent: title || id});
    button.onclick = () => openArticle(a);
    return button;
  }

  async function openArticle(a) {
    const body = $("article-body"), packed = RENDERINGS[a];
    if (packed) {
      const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      body.innerHTML = await new Response(stream).text();  // article_html's output: escaped by veille
    } else {
      const [id, title, date] = D.articles[a];
      body.replaceChildren(Object.assign(document.createElement("p"), {className: "veille-note",
        textContent: `« ${title || id} » (${date || "sans date"}) : le rendu de cet article n'est pas inclus dans ce fichier `
          + `(au plus ${D.totals.rendered_cap} articles le sont). Ouvrez-le avec veille classify --html.`}));
    }
    $("article").showModal();
  }

  // ---- the quote table ----------------------------------------------------------------------------
  const KIND_SHORT = {person: "personne", organisation: "organisation", role: "rôle", group: "groupe"};
  const fold = (text) => (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const ROWS = D.quotes.map(([a, speaker, kind, gender, type, text]) => {
    const art = D.articles[a];
    const row = {a, speaker: speaker || "?", kind: KIND_SHORT[kind] || "", gender, type, text,
                 title: art[1] || art[0] || "", date: art[2] || "", source: D.sources[art[3]], b: art[4], s: art[3]};
    row.haystack = fold([row.speaker, text, row.title, row.source].join(" "));
    return row;
  });

  function tableRows() {
    const needle = fold(state.search.trim());
    const {key, dir} = state.sort;
    return ROWS.filter((r) => keep(r.b, r.s) && (!needle || r.haystack.includes(needle)))
      .sort((x, y) => (x[key] < y[key] ? -dir : x[key] > y[key] ? dir : 0));
  }

  function drawTable() {
    const rows = tableRows(), pages = Math.max(1, Math.ceil(rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    const body = document.querySelector("#quotes tbody");
    body.replaceChildren();
    for (const r of rows.slice(state.page * PAGE, (state.page + 1) * PAGE)) {
      const tr = document.createElement("tr");
      const cell = (text, cls) => { const td = document.createElement("td"); td.textContent = text; if (cls) td.className = cls; tr.append(td); return td; };
      cell(r.speaker + (r.gender ? (r.gender === "f" ? " (f)" : " (m)") : ""));
      cell(r.kind);
      cell(r.text, "text");
      const td = document.createElement("td"); td.append(articleLink(r.a)); tr.append(td);
      cell(r.date); cell(r.source);
      body.append(tr);
    }
    $("quote-count").textContent = `${rows.length} citations`;
    $("page").textContent = `page ${state.page + 1} / ${pages}`;
    $("prev").disabled = state.page === 0; $("next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#quotes th").forEach((th) => {
      th.className = th.dataset.key === state.sort.key ? (state.sort.dir > 0 ? "asc" : "desc") : "";
    });
  }

  function setUpTable() {
    let timer = null;
    $("quote-search").oninput = (event) => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.search = event.target.value; state.page = 0; drawTable(); }, 150);
    };
    document.querySelectorAll("#quotes th").forEach((th) => {
      th.onclick = () => {
        const key = th.dataset.key;
        state.sort = {key, dir: state.sort.key === key ? -state.sort.dir : 1};
        drawTable();
      };
    });
    $("prev").onclick = () => { state.page--; drawTable(); };
    $("next").onclick = () => { state.page++; drawTable(); };
    const t = D.totals;
    $("quote-note").textContent = `${t.quotes_kept} citations sur ${t.quotes} dans ce tableau`
      + (t.quotes_kept < t.quotes ? " (les autres sont comptées dans les graphiques ; le tableau en garde autant de chaque jour et source que possible, les plus récentes d'abord)" : "")
      + `. ${t.rendered} articles s'ouvrent avec leur texte surligné (au plus ${t.rendered_cap}).`;
  }

  // ---- everything ---------------------------------------------------------------------------------
  function summary(x) {
    const t = D.totals, errors = Object.values(t.errors).reduce((a, b) => a + b, 0);
    const known = x.g[0] + x.g[1], people = known + x.g[2];
    $("summary").textContent = `${x.n} articles sur ${t.articles} retenus par le filtre · ${errors} erreurs et `
      + `${t.bad_lines} lignes illisibles (non comptées) · genre connu pour ${people ? Math.round((100 * known) / people) : 0} % `
      + `des citations de personnes (inconnu : ${people ? Math.round((100 * x.g[2]) / people) : 0} %)`;
  }

  function update() {
    const x = sums(cells());
    summary(x);
    draw(x);
    showEvidence();
    state.page = 0;
    drawTable();
  }

  setUpFilters();
  setUpTable();
  update();
  bindClicks();
  window.veilleReport = {state, update};
})();
