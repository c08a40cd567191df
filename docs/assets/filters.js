// Filters, sorting and CSV download for the catalog's tables. Plain DOM, no libraries, no requests.
(function () {
  "use strict";

  function rowsOf(table) { return Array.prototype.slice.call(table.tBodies[0].rows); }
  function values(row, key) { var v = row.getAttribute("data-" + key) || ""; return v ? v.split("|") : []; }

  function setupFilters(bar) {
    var table = document.getElementById(bar.getAttribute("data-table"));
    if (!table) { return; }
    var selects = Array.prototype.slice.call(bar.querySelectorAll("select[data-filter]"));
    var count = bar.querySelector(".st-count");
    selects.forEach(function (select) {
      var key = select.getAttribute("data-filter");
      var seen = {};
      rowsOf(table).forEach(function (row) { values(row, key).forEach(function (v) { seen[v] = true; }); });
      Object.keys(seen).sort(function (a, b) { return a.localeCompare(b, undefined, { numeric: true }); })
        .forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = v;
          select.appendChild(option);
        });
      select.addEventListener("change", apply);
    });
    function apply() {
      var shown = 0;
      rowsOf(table).forEach(function (row) {
        var ok = selects.every(function (s) {
          return !s.value || values(row, s.getAttribute("data-filter")).indexOf(s.value) >= 0;
        });
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      if (count) { count.textContent = bar.getAttribute("data-shown") + " " + shown + " / " + rowsOf(table).length; }
    }
    apply();
    var button = bar.querySelector(".st-download");
    if (button) { button.addEventListener("click", function () { download(table); }); }
  }

  function setupSorting(table) {
    var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      if (!th.hasAttribute("data-sort")) { return; }
      function sort() {
        var numeric = th.getAttribute("data-sort") === "number";
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = rowsOf(table);
        rows.sort(function (a, b) {
          var x = a.cells[index], y = b.cells[index], r;
          if (numeric) {
            var xv = parseFloat(x.getAttribute("data-value")), yv = parseFloat(y.getAttribute("data-value"));
            if (isNaN(xv)) { xv = -Infinity; }
            if (isNaN(yv)) { yv = -Infinity; }
            r = xv - yv;
          } else {
            r = x.textContent.localeCompare(y.textContent);
          }
          return ascending ? r : -r;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
  }

  function csvCell(text) {
    var t = String(text);
    if (/^[=+\-@\t\r]/.test(t)) { t = "'" + t; }   // never a spreadsheet formula
    return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }

  function download(table) {
    var lines = [];
    lines.push(["id"].concat(Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent; }))
      .map(csvCell).join(","));
    rowsOf(table).forEach(function (row) {
      if (row.hidden) { return; }
      lines.push([row.getAttribute("data-id") || ""].concat(Array.prototype.map.call(row.cells, function (c) { return c.textContent.trim(); }))
        .map(csvCell).join(","));
    });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = table.id.replace(/^st-/, "") + "-filtered.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".st-filters"), setupFilters);
    Array.prototype.forEach.call(document.querySelectorAll("table.st-table"), setupSorting);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
