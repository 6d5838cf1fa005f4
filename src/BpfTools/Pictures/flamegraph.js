// BpfTools flame graph: hover details, click to zoom, search. Runs inside the SVG; reaches nothing outside it.
// The page's address can drive it, for links and headless checks: ?s=regexp searches, ?zoom=name zooms to the
// widest frame of that name (also after '#').
(function () {
  "use strict";
  var svg = document.documentElement;
  var total = +svg.getAttribute("data-total") || 1;
  var unit = svg.getAttribute("data-unit");
  var pad = +svg.getAttribute("data-pad");
  var plot = +svg.getAttribute("width") - 2 * pad;
  var frames = Array.prototype.slice.call(document.querySelectorAll(".frame"));
  var details = document.getElementById("details");
  var matched = document.getElementById("matched");
  var unzoom = document.getElementById("unzoom");
  var searchButton = document.getElementById("search");
  var fontWidth = 12 * 0.59;
  var zoomed = null;

  function info(g) {
    return { name: g.getAttribute("data-n"), s: +g.getAttribute("data-s"), c: +g.getAttribute("data-c"), d: +g.getAttribute("data-d") };
  }
  function fit(g, width) {
    var name = info(g).name;
    var chars = Math.floor((width - 6) / fontWidth);
    g.querySelector("text").textContent = chars < 3 ? "" : name.length <= chars ? name : name.substring(0, chars - 2) + "..";
  }
  function place(g, x, width) {
    var rect = g.querySelector("rect");
    rect.setAttribute("x", x.toFixed(2));
    rect.setAttribute("width", width.toFixed(2));
    g.querySelector("text").setAttribute("x", (x + 3).toFixed(2));
    fit(g, width);
  }

  // Zoom: the frame fills the width, its descendants widen with it, its ancestors stay (faded), the rest hide.
  function zoom(target) {
    var t = info(target);
    var scale = plot / t.c;
    frames.forEach(function (g) {
      var f = info(g);
      var inside = f.s >= t.s && f.s + f.c <= t.s + t.c;
      g.classList.remove("hide", "faded");
      if (f.d < t.d && f.s <= t.s && f.s + f.c >= t.s + t.c) {
        g.classList.add("faded");
        place(g, pad, plot);
      } else if (f.d >= t.d && inside) {
        place(g, pad + (f.s - t.s) * scale, f.c * scale);
      } else {
        g.classList.add("hide");
      }
    });
    zoomed = target;
    unzoom.classList.remove("hide");
  }
  function reset() {
    var scale = plot / total;
    frames.forEach(function (g) {
      var f = info(g);
      g.classList.remove("hide", "faded");
      place(g, pad + f.s * scale, f.c * scale);
    });
    zoomed = null;
    unzoom.classList.add("hide");
  }

  // Search: matching frames turn purple; the total counts a nested match once, as flamegraph.pl does.
  function search(term) {
    var re;
    try { re = new RegExp(term); } catch (e) { re = new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")); }
    var hits = [];
    frames.forEach(function (g) {
      var rect = g.querySelector("rect");
      if (!rect.hasAttribute("data-fill")) rect.setAttribute("data-fill", rect.getAttribute("fill"));
      var hit = term !== "" && re.test(info(g).name);
      rect.setAttribute("fill", hit ? "rgb(230,0,230)" : rect.getAttribute("data-fill"));
      g.classList.toggle("match", hit);
      if (hit) hits.push(info(g));
    });
    hits.sort(function (a, b) { return a.s - b.s || a.d - b.d; });
    var sum = 0, end = -1;
    hits.forEach(function (h) { if (h.s >= end) { sum += h.c; end = h.s + h.c; } });
    matched.textContent = term === "" ? " " : "Matched: " + (100 * sum / total).toFixed(2) + "% (" + sum + " " + unit + ")";
    matched.setAttribute("data-matched", sum);
    searchButton.textContent = term === "" ? "Search" : "Reset Search";
  }

  frames.forEach(function (g) {
    g.addEventListener("mouseover", function () { details.textContent = "Function: " + g.querySelector("title").textContent; });
    g.addEventListener("mouseout", function () { details.textContent = " "; });
    g.addEventListener("click", function () { zoom(g); });
  });
  unzoom.addEventListener("click", reset);
  searchButton.addEventListener("click", function () {
    if (searchButton.textContent !== "Search") { search(""); return; }
    var term = window.prompt("Search for (regular expression):", "");
    if (term) search(term);
  });

  var query = new URLSearchParams((location.search || "").replace(/^\?/, "") + "&" + (location.hash || "").replace(/^#/, ""));
  var zoomTo = query.get("zoom");
  if (zoomTo) {
    var widest = null;
    frames.forEach(function (g) { if (info(g).name === zoomTo && (!widest || info(g).c > info(widest).c)) widest = g; });
    if (widest) zoom(widest);
  }
  if (query.get("s")) search(query.get("s"));
  svg.setAttribute("data-ready", "1");
})();
