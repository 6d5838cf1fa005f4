// BpfTools report: sortable, filterable event tables. Runs inside the page; reaches nothing outside it. Keyboard:
// a column header is a tab stop, Enter or Space sorts by it (again: the other way); the filter box filters as typed.
(function () {
  "use strict";
  function key(cell) {
    return cell ? (cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent) : "";
  }
  function compare(a, b, numeric) {
    if (numeric) {
      var x = parseFloat(a), y = parseFloat(b);
      if (isNaN(x)) { return isNaN(y) ? 0 : 1; }
      if (isNaN(y)) { return -1; }
      return x - y;
    }
    return a < b ? -1 : a > b ? 1 : 0;
  }
  function sort(table, th) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var index = heads.indexOf(th);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    var numeric = th.getAttribute("data-type") === "number";
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, i) { return { row: row, key: key(row.cells[index]), i: i }; });
    rows.sort(function (a, b) {
      var c = compare(a.key, b.key, numeric);
      return (ascending ? c : -c) || a.i - b.i;
    });
    rows.forEach(function (r) { body.appendChild(r.row); });
    heads.forEach(function (h) { h.setAttribute("aria-sort", h === th ? (ascending ? "ascending" : "descending") : "none"); });
  }
  function filter(table, input, status) {
    var text = input.value.toLowerCase();
    var rows = table.tBodies[0].rows, shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var match = text === "" || rows[i].textContent.toLowerCase().indexOf(text) >= 0;
      rows[i].hidden = !match;
      shown += match ? 1 : 0;
    }
    status.textContent = shown + " of " + rows.length + " rows shown";
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.events"), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.addEventListener("click", function () { sort(table, th); });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(table, th); }
      });
    });
    var box = table.parentNode.querySelector("input.filter");
    var status = table.parentNode.querySelector(".shown");
    if (box && status) {
      box.addEventListener("input", function () { filter(table, box, status); });
      filter(table, box, status);
    }
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
