/* The crisis explorer: every view drawn from the JSON in #explorer-data.
   Text from scenarios and sources is only ever set with textContent or attributes, never
   parsed as HTML. The same script serves the static folder (file://) and the local server
   (what-ifs and side-by-side runs through its /api). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("explorer-data").textContent);
  if (D.problems && D.problems.length) { return; }
  var SERVED = document.body.dataset.mode === "served";
  var state = { day: 0, actor: "" };
  var names = {};
  D.actors.forEach(function (a) { names[a.id] = a.name; });
  D.groups.forEach(function (g) { names[g.id] = g.name + " (" + g.count + ")"; });
  var placeNames = {};
  D.places.forEach(function (p) { placeNames[p.id] = p.name; });
  placeNames.away = "Away or travelling";
  var bodyNames = {};
  D.bodies.forEach(function (b) { bodyNames[b.id] = b.name; });
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function nameOf(id) { return names[id] || id; }
  function fmtDay(iso) {
    var d = new Date(iso + "T12:00:00Z");
    return d.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }
  function sideColour(s) { return s < 0 ? "var(--target)" : s > 0 ? "var(--chall)" : "var(--undecl)"; }
  function sideWord(s) { return s < 0 ? "with the target" : s > 0 ? "with the challengers" : "undeclared"; }
  function pct(x) { return (100 * x).toFixed(1) + "%"; }

  /* -- timeline and quotes ------------------------------------------------------------- */
  var timeline = document.getElementById("timeline");
  var eventNodes = [];
  function badge(ev) {
    if (!Object.prototype.hasOwnProperty.call(ev, "documented")) { return null; }
    var doc = ev.documented;
    var word = (doc === true || doc === "documented") ? "documented" : (doc === false || doc === "simulated") ? "simulated" : String(doc);
    return el("span", { "class": "badge " + word }, word);
  }
  function showQuote(ev) {
    var box = clear(document.getElementById("quote"));
    box.appendChild(el("p", null, fmtDay(ev.day) + ": " + ev.text));
    var b = badge(ev);
    if (b) { box.firstChild.insertBefore(b, box.firstChild.firstChild); }
    if (ev.ballots) { box.appendChild(el("p", null, "Ballots: " + Object.keys(ev.ballots).map(function (k) { return nameOf(k) + " " + ev.ballots[k]; }).join(", "))); }
    var cites = ev.cites || [];
    if (!cites.length) { box.appendChild(el("p", { "class": "note" }, "No passage is cited for this event.")); }
    cites.forEach(function (c) {
      var fig = el("figure");
      if (c.quote) {
        fig.appendChild(el("blockquote", { "class": "passage" }, c.quote));
        if (c.reading) { fig.appendChild(el("p", { "class": "reading" }, "Corrected reading: " + c.reading)); }
      } else if (c.assumption) {
        fig.appendChild(el("p", { "class": "assumption" }, "Assumption: " + c.assumption));
      } else if (c.page) {
        fig.appendChild(el("p", null, c.page));
      }
      var cap = el("figcaption", null, (c.source || "") + " \u2014 " + c.fact + " ");
      if (c.href) { cap.appendChild(el("a", { href: c.href }, "open in the source report")); }
      fig.appendChild(cap);
      box.appendChild(fig);
    });
  }
  function buildTimeline() {
    var lastDay = null;
    D.events.forEach(function (ev) {
      if (ev.day !== lastDay) {
        timeline.appendChild(el("li", { "class": "dayhead", "data-day": ev.day }, fmtDay(ev.day)));
        lastDay = ev.day;
      }
      var li = el("li", { "class": "event", tabindex: "0", "data-day": ev.day, "data-i": ev.i, "data-actor": ev.actor || "" });
      var b = badge(ev);
      if (b) { li.appendChild(b); }
      li.appendChild(el("span", { "class": "kind" }, ev.kind));
      li.appendChild(el("span", { "class": "text" }, ev.text));
      if (ev.cites && ev.cites.length) {
        var pc = el("div", { "class": "print-cites" });
        ev.cites.slice(0, 2).forEach(function (c) { if (c.quote) { pc.appendChild(el("div", null, "\u201c" + c.quote + "\u201d (" + c.source + ")")); } });
        li.appendChild(pc);
      }
      li.addEventListener("mouseenter", function () { showQuote(ev); });
      li.addEventListener("focus", function () { showQuote(ev); });
      li.addEventListener("click", function () { setDay(D.days.indexOf(ev.day)); if (ev.actor) { setActor(ev.actor); } });
      timeline.appendChild(li);
      eventNodes.push(li);
    });
    if (!D.events.length) { timeline.appendChild(el("li", null, "The replay has no events.")); }
  }
  function updateTimeline() {
    var day = D.days[state.day];
    var first = null;
    eventNodes.forEach(function (li) {
      var d = li.getAttribute("data-day");
      li.classList.toggle("today", d === day);
      li.classList.toggle("later", d > day);
      li.classList.toggle("focus", !!state.actor && li.getAttribute("data-actor") === state.actor);
      if (d === day && !first) { first = li; }
    });
    if (first) { timeline.scrollTop = first.offsetTop - timeline.offsetTop - 30; }
  }

  /* -- who is where -------------------------------------------------------------------- */
  function updateWhere() {
    var box = clear(document.getElementById("where"));
    var byPlace = {};
    D.actors.forEach(function (a) {
      var row = D.locations[a.id] || [];
      var p = row[state.day] || "unknown";
      (byPlace[p] = byPlace[p] || []).push(a.id);
    });
    Object.keys(byPlace).sort(function (a, b) { return byPlace[b].length - byPlace[a].length; }).forEach(function (p) {
      box.appendChild(el("dt", null, (placeNames[p] || p) + " (" + byPlace[p].length + ")"));
      var dd = el("dd", { "data-place": p });
      byPlace[p].forEach(function (id, k) {
        var span = el("span", { "class": "who" + (id === state.actor ? " focus" : ""), "data-actor": id }, nameOf(id));
        dd.appendChild(span);
        if (k < byPlace[p].length - 1) { dd.appendChild(document.createTextNode(", ")); }
      });
      box.appendChild(dd);
    });
  }

  /* -- votes --------------------------------------------------------------------------- */
  function voteTable(v) {
    var wrap = el("div", { "class": "vote", "data-day": v.day, "data-body": v.body });
    var c = v.counts || {};
    wrap.appendChild(el("h3", null, (bodyNames[v.body] || v.body) + ", " + fmtDay(v.day) + ": " + (v.motion || "motion") + (v.subject ? " (" + nameOf(v.subject) + ")" : "")));
    var tally = (c.yes || 0) + " for, " + (c.no || 0) + " against, " + (c.abstain || 0) + " abstaining";
    var quota = v.needed !== undefined && v.needed !== null ? "; quota " + v.needed + " of " + v.present_voters + " voters present" : "";
    wrap.appendChild(el("p", { "class": "tally" }, tally + quota + "; " + (v.passed ? "carried" : "defeated") + "."));
    var table = el("table");
    var head = el("tr");
    ["Member", "Rank", "Ballot"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    v.seating.forEach(function (s) {
      var ballot = v.ballots[s.member] || (s.group ? "(bloc of " + s.count + ")" : "absent");
      var tr = el("tr", { "class": "ballot-" + String(ballot).replace(/\s+/g, "-") + (s.member === state.actor ? " focus" : "") });
      tr.appendChild(el("th", { scope: "row" }, nameOf(s.member)));
      tr.appendChild(el("td", null, s.rank + (s.votes ? "" : " (no vote)")));
      tr.appendChild(el("td", null, ballot));
      body.appendChild(tr);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    return wrap;
  }
  function updateVotes() {
    var box = clear(document.getElementById("votes"));
    var day = D.days[state.day];
    var today = D.votes.filter(function (v) { return v.day === day; });
    if (!D.votes.length) { box.appendChild(el("p", { "class": "note" }, "No vote in this replay.")); return; }
    if (!today.length) {
      box.appendChild(el("p", { "class": "note" }, "No vote on " + fmtDay(day) + ". Votes fall on:"));
      var ul = el("ul");
      var seen = {};
      D.votes.forEach(function (v) {
        if (seen[v.day]) { return; }
        seen[v.day] = true;
        var li = el("li");
        var btn = el("button", { type: "button" }, fmtDay(v.day));
        btn.addEventListener("click", function () { setDay(D.days.indexOf(v.day)); });
        li.appendChild(btn);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      return;
    }
    today.forEach(function (v) { box.appendChild(voteTable(v)); });
  }

  /* -- power heatmap ------------------------------------------------------------------- */
  var powerSelect = document.getElementById("power-body");
  function buildPowerSelect() {
    Object.keys(D.power).forEach(function (b) { powerSelect.appendChild(el("option", { value: b }, bodyNames[b] || b)); });
    powerSelect.addEventListener("change", updatePower);
  }
  function updatePower() {
    var box = clear(document.getElementById("power"));
    var P = D.power[powerSelect.value];
    if (!P) { box.appendChild(el("p", { "class": "note" }, "No body has voting members.")); return; }
    var cell = 18, left = 190, top = 46;
    var w = left + D.days.length * cell + 10, h = top + P.members.length * cell + 10;
    var max = 0;
    P.values.forEach(function (row) { row.forEach(function (x) { if (x !== null && x > max) { max = x; } }); });
    var s = svg("svg", { width: w, height: h, viewBox: "0 0 " + w + " " + h, role: "img",
      "aria-label": "Voting power in " + (bodyNames[powerSelect.value] || powerSelect.value) + " by member and day" });
    D.days.forEach(function (d, j) {
      if (j % 2 === 0) {
        var t = svg("text", { x: left + j * cell + cell / 2, y: top - 6, transform: "rotate(-60 " + (left + j * cell + cell / 2) + " " + (top - 6) + ")" });
        t.textContent = d.slice(5);
        s.appendChild(t);
      }
    });
    P.members.forEach(function (m, i) {
      var label = svg("text", { x: left - 6, y: top + i * cell + cell * 0.7, "text-anchor": "end" });
      label.textContent = nameOf(m);
      if (m === state.actor) { label.setAttribute("font-weight", "bold"); }
      s.appendChild(label);
      P.values[i].forEach(function (x, j) {
        var r = svg("rect", { x: left + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1,
          fill: x === null ? "#f4f4f4" : "hsl(215,60%," + (95 - 60 * (max ? x / max : 0)).toFixed(0) + "%)" });
        var title = svg("title");
        title.textContent = nameOf(m) + ", " + D.days[j] + ": " + (x === null ? "absent" : x.toFixed(3));
        r.appendChild(title);
        s.appendChild(r);
      });
    });
    s.appendChild(svg("rect", { x: left + state.day * cell - 1, y: top - 1, width: cell + 1, height: P.members.length * cell + 1, fill: "none", stroke: "#f5b700", "stroke-width": 2 }));
    box.appendChild(s);
  }

  /* -- ties network -------------------------------------------------------------------- */
  var TIE_COLOURS = { patron: "#7b4f9e", client: "#7b4f9e", ally: "#2e7d32", rival: "#c62828" };
  function updateTies() {
    var box = clear(document.getElementById("ties"));
    var ids = D.actors.map(function (a) { return a.id; }).concat(D.groups.map(function (g) { return g.id; }));
    var linked = {};
    D.ties.forEach(function (t) { linked[t.from] = true; linked[t.to] = true; });
    ids = ids.filter(function (id) { return linked[id]; });
    if (!ids.length) { box.appendChild(el("p", { "class": "note" }, "The scenario states no ties.")); return; }
    var W = 1100, H = 640, cx = W / 2, cy = H / 2, R = H / 2 - 40;
    var pos = {};
    ids.forEach(function (id, k) {
      var a = 2 * Math.PI * k / ids.length - Math.PI / 2;
      pos[id] = [cx + R * Math.cos(a), cy + R * Math.sin(a), a];
    });
    var s = svg("svg", { width: "100%", viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": "Ties between actors on " + D.days[state.day] + ", coloured by side" });
    D.ties.forEach(function (t) {
      if (!pos[t.from] || !pos[t.to]) { return; }
      var line = svg("line", { x1: pos[t.from][0], y1: pos[t.from][1], x2: pos[t.to][0], y2: pos[t.to][1],
        stroke: TIE_COLOURS[t.kind] || "#888", "stroke-width": (state.actor && (t.from === state.actor || t.to === state.actor)) ? 3 : 1,
        "stroke-opacity": 0.6, "stroke-dasharray": t.kind === "rival" ? "4 3" : "" });
      var title = svg("title");
      title.textContent = nameOf(t.from) + " \u2192 " + nameOf(t.to) + ": " + t.kind;
      line.appendChild(title);
      s.appendChild(line);
    });
    ids.forEach(function (id) {
      var side = (D.sides[id] || [])[state.day] || 0;
      var g = svg("g", { "data-actor": id, "data-side": side });
      var c = svg("circle", { cx: pos[id][0], cy: pos[id][1], r: id === state.actor ? 9 : 6, fill: sideColour(side), stroke: "#000" });
      var title = svg("title");
      title.textContent = nameOf(id) + ": " + sideWord(side);
      c.appendChild(title);
      g.appendChild(c);
      var a = pos[id][2], right = Math.cos(a) >= 0;
      var label = svg("text", { x: pos[id][0] + (right ? 10 : -10), y: pos[id][1] + 4, "text-anchor": right ? "start" : "end" });
      label.textContent = nameOf(id);
      g.appendChild(label);
      g.addEventListener("click", function () { setActor(id); });
      s.appendChild(g);
    });
    box.appendChild(s);
    box.appendChild(el("p", { "class": "legend" }, "Lines: purple patron or client, green ally, dashed red rival."));
  }

  /* -- what-ifs ------------------------------------------------------------------------ */
  function buildWhatif() {
    var list = document.getElementById("whatif-list");
    D.whatifs.forEach(function (w) {
      var li = el("li");
      li.appendChild(el("code", null, w.id));
      li.appendChild(document.createTextNode(": " + w.description));
      list.appendChild(li);
    });
    if (!SERVED) { return; }
    var sel = document.getElementById("wi-name");
    D.whatifs.forEach(function (w) { sel.appendChild(el("option", { value: w.id }, w.id)); });
    var cont = document.getElementById("wi-contested");
    if (!D.contested.length) { cont.appendChild(el("p", { "class": "note" }, "None in this scenario.")); }
    D.contested.forEach(function (c, k) {
      var p = el("p");
      p.appendChild(el("label", { "for": "wi-c" + k }, c.about + " "));
      var s = el("select", { id: "wi-c" + k, "data-contested": c.id });
      s.appendChild(el("option", { value: "" }, "as the sources weigh it (sampled)"));
      c.versions.forEach(function (v) { s.appendChild(el("option", { value: v }, v)); });
      p.appendChild(s);
      cont.appendChild(p);
    });
    var sl = document.getElementById("wi-sliders");
    D.sliders.forEach(function (x, k) {
      var p = el("p");
      p.appendChild(el("label", { "for": "wi-s" + k }, x.label + " "));
      var input = el("input", { id: "wi-s" + k, type: "range", min: x.min, max: x.max, step: x.step, value: x.value, "data-path": x.path, "data-initial": x.value });
      var out = el("output", { "for": "wi-s" + k }, x.value);
      input.addEventListener("input", function () { out.textContent = input.value; });
      p.appendChild(input);
      p.appendChild(out);
      sl.appendChild(p);
    });
    document.getElementById("whatif-form").addEventListener("submit", function (e) { e.preventDefault(); runWhatif(); });
    var cmp = document.getElementById("compare-form");
    if (cmp) { cmp.addEventListener("submit", function (e) { e.preventDefault(); runCompare(); }); }
  }
  function spec() {
    var assume = {}, set = {};
    document.querySelectorAll("#wi-contested select").forEach(function (s) { if (s.value) { assume[s.dataset.contested] = s.value; } });
    document.querySelectorAll("#wi-sliders input").forEach(function (i) { if (i.value !== i.dataset.initial) { set[i.dataset.path] = Number(i.value); } });
    return { whatif: document.getElementById("wi-name").value || null, assume: assume, set: set,
      runs: Number(document.getElementById("wi-runs").value), seed: Number(document.getElementById("wi-seed").value),
      fixed: document.getElementById("wi-fixed").checked };
  }
  function post(url, body) {
    return fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) { throw new Error(j.error || r.statusText); } return j; }); });
  }
  function poll(job, onDone) {
    var status = document.getElementById("wi-status"), bar = document.getElementById("wi-progress");
    fetch("api/jobs/" + encodeURIComponent(job)).then(function (r) { return r.json(); }).then(function (j) {
      bar.max = j.total || 1;
      bar.value = j.done || 0;
      if (j.state === "done") { status.textContent = "Done" + (j.cached ? " (cached)" : "") + "."; onDone(j.result); }
      else if (j.state === "failed") { status.textContent = "Failed: " + j.error; document.getElementById("wi-run").disabled = false; }
      else { status.textContent = "Running: " + (j.done || 0) + " of " + (j.total || "?") + " runs"; setTimeout(function () { poll(job, onDone); }, 150); }
    });
  }
  function runWhatif() {
    var status = document.getElementById("wi-status");
    document.getElementById("wi-run").disabled = true;
    status.textContent = "Starting\u2026";
    post("api/whatif", spec()).then(function (j) { poll(j.job, function (result) { document.getElementById("wi-run").disabled = false; showWhatif(result); }); })
      .catch(function (err) { status.textContent = "Refused: " + err.message; document.getElementById("wi-run").disabled = false; });
  }
  function bar(est) {
    var b = el("div", { "class": "bar", role: "img", "aria-label": pct(est.p) + " (" + pct(est.low) + " to " + pct(est.high) + ")" });
    var f = el("div", { "class": "fill" }); f.style.width = (100 * est.p) + "%"; b.appendChild(f);
    var ci = el("div", { "class": "ci" }); ci.style.left = (100 * est.low) + "%"; ci.style.width = Math.max(0.5, 100 * (est.high - est.low)) + "%"; b.appendChild(ci);
    return b;
  }
  function showWhatif(r) {
    var box = clear(document.getElementById("whatif-result"));
    box.appendChild(el("p", null, r.runs + " runs per arm, seed " + r.seed + "; evidence " + r.evidence + "; 95% intervals; changes paired by run. Intervention: " + r.description));
    var table = el("table", { id: "whatif-table" });
    var head = el("tr");
    ["Outcome", "Unchanged", "", "With the what-if", "", "Change (points)"].forEach(function (h) { head.appendChild(el("th", { scope: "col" }, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = el("tbody");
    r.outcomes.forEach(function (o) {
      var tr = el("tr", { "data-outcome": o.name });
      tr.appendChild(el("th", { scope: "row" }, o.name));
      tr.appendChild(el("td", { "class": "p-base" }, pct(o.base.p) + " [" + pct(o.base.low) + ", " + pct(o.base.high) + "]"));
      tr.appendChild(el("td")).appendChild(bar(o.base));
      tr.appendChild(el("td", { "class": "p-with" }, pct(o["with"].p) + " [" + pct(o["with"].low) + ", " + pct(o["with"].high) + "]"));
      tr.appendChild(el("td")).appendChild(bar(o["with"]));
      var d = o.difference;
      tr.appendChild(el("td", null, (100 * d.p).toFixed(1) + " [" + (100 * d.low).toFixed(1) + ", " + (100 * d.high).toFixed(1) + "]"));
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
  }
  function runCompare() {
    var status = document.getElementById("cmp-status");
    var body = spec();
    body.run = Number(document.getElementById("cmp-run").value);
    status.textContent = "Replaying\u2026";
    post("api/compare", body).then(function (r) { status.textContent = ""; showCompare(r); })
      .catch(function (err) { status.textContent = "Refused: " + err.message; });
  }
  function showCompare(r) {
    var box = clear(document.getElementById("compare"));
    box.appendChild(el("p", { id: "diverge-day" }, r.diverges ? "The runs first differ on " + fmtDay(r.diverges) + " (highlighted)." : "The two runs do not differ."));
    var cols = el("div", { "class": "cols" });
    [["Without: run " + r.run, r.base, r.base_outcome], ["With " + r.description, r.changed, r.changed_outcome]].forEach(function (pair) {
      var col = el("div");
      col.appendChild(el("h3", null, pair[0]));
      var ol = el("ol", { tabindex: "0", "aria-label": pair[0] });
      pair[1].forEach(function (ev) {
        ol.appendChild(el("li", { "class": ev.day === r.diverges ? "diverge" : "", "data-day": ev.day }, ev.day + ": " + ev.text));
      });
      col.appendChild(ol);
      var outcome = pair[2] || {};
      col.appendChild(el("p", null, "Outcome: " + Object.keys(outcome).map(function (k) { return k + " " + outcome[k]; }).join(", ")));
      cols.appendChild(col);
    });
    box.appendChild(cols);
  }

  /* -- evidence and outcome ------------------------------------------------------------ */
  function buildEvidence() {
    var box = document.getElementById("evidence");
    if (!D.sources.length) { box.appendChild(el("p", { "class": "note" }, "The scenario bundles no source text.")); }
    D.sources.forEach(function (s) {
      var sec = el("div", { "class": "source" });
      var h = el("h3", null, s.title + " ");
      h.appendChild(el("a", { href: s.href }, "(full report)"));
      sec.appendChild(h);
      var total = s.mentions.reduce(function (n, m) { return n + m.count; }, 0);
      sec.appendChild(el("p", null, total + " mentions (" + s.close_calls + " close calls), " + s.gaps.length + " gaps, " + s.claims.length + " graded claims."));
      var det = el("details");
      det.appendChild(el("summary", null, "Mentions by actor"));
      det.appendChild(el("p", null, s.mentions.map(function (m) { return nameOf(m.actor) + " " + m.count; }).join(", ")));
      sec.appendChild(det);
      var dc = el("details");
      dc.appendChild(el("summary", null, "Graded claims"));
      var t = el("table");
      var hr = el("tr"); ["Grade", "Claim", "Passage"].forEach(function (x) { hr.appendChild(el("th", { scope: "col" }, x)); });
      t.appendChild(el("thead")).appendChild(hr);
      var tb = el("tbody");
      s.claims.forEach(function (c) {
        var tr = el("tr");
        tr.appendChild(el("td", null, c.grade));
        tr.appendChild(el("td", null, c.text));
        var td = el("td");
        if (c.passage !== null) { td.appendChild(el("a", { href: s.href + "#p" + c.passage }, "p" + c.passage)); }
        tr.appendChild(td);
        tb.appendChild(tr);
      });
      t.appendChild(tb);
      dc.appendChild(t);
      sec.appendChild(dc);
      var dg = el("details");
      dg.appendChild(el("summary", null, "Gaps (lost text)"));
      var ul = el("ul");
      s.gaps.slice(0, 200).forEach(function (g) {
        ul.appendChild(el("li", null, g.mark + ": " + g.reason + (g.candidates.length ? " (candidates: " + g.candidates.join("; ") + ")" : "")));
      });
      dg.appendChild(ul);
      sec.appendChild(dg);
      box.appendChild(sec);
    });
    var out = document.getElementById("outcome");
    var f = D.final || {};
    Object.keys(f.outcome || {}).forEach(function (k) { out.appendChild(el("p", null, "Challenge " + k + ": " + f.outcome[k])); });
    var offices = f.offices || {};
    out.appendChild(el("p", null, "Offices: " + Object.keys(offices).map(function (k) { return k + " " + (offices[k] ? nameOf(offices[k]) : "(vacant)"); }).join(", ")));
    var sanc = f.sanctions || {};
    out.appendChild(el("p", null, "Sanctions: " + (Object.keys(sanc).map(function (k) { return nameOf(k) + " " + sanc[k]; }).join(", ") || "none")));
  }

  /* -- linking ------------------------------------------------------------------------- */
  var slider = document.getElementById("day");
  function setDay(k) {
    if (k < 0 || k >= D.days.length) { return; }
    state.day = k;
    slider.value = String(k);
    document.getElementById("day-label").textContent = fmtDay(D.days[k]);
    update();
  }
  function setActor(id) {
    state.actor = state.actor === id ? "" : id;
    document.getElementById("actor").value = state.actor;
    update();
  }
  function update() { updateTimeline(); updateWhere(); updateVotes(); updatePower(); updateTies(); }

  var actorSelect = document.getElementById("actor");
  D.actors.forEach(function (a) { actorSelect.appendChild(el("option", { value: a.id }, a.name)); });
  actorSelect.addEventListener("change", function () { state.actor = actorSelect.value; update(); });
  slider.addEventListener("input", function () { setDay(Number(slider.value)); });
  document.getElementById("prev").addEventListener("click", function () { setDay(state.day - 1); });
  document.getElementById("next").addEventListener("click", function () { setDay(state.day + 1); });
  buildTimeline();
  buildPowerSelect();
  buildWhatif();
  buildEvidence();
  var firstVote = D.votes.length ? D.days.indexOf(D.votes[0].day) : 0;
  var fromHash = /day=(\d{4}-\d\d-\d\d)/.exec(location.hash);
  setDay(fromHash && D.days.indexOf(fromHash[1]) >= 0 ? D.days.indexOf(fromHash[1]) : Math.max(0, firstVote));
  document.body.setAttribute("data-ready", "1");
}());
