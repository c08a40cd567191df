// Filterable, sortable, paged tables (guides index, indicator explorer). Plain DOM, no libraries.
// The page holds the first rows, so it reads without JavaScript; the rows come from the table's JSON
// files (data-src with {n}, data-chunks of them, same site), each fetched once when first needed:
// paging loads the next file, filtering, sorting or downloading loads them all. Cells are set as
// text, never as HTML.
(function () {
  "use strict";

  function cellText(c) { return c !== null && typeof c === "object" ? c.t : c; }
  function sortValue(c) { return c !== null && typeof c === "object" && "v" in c ? c.v : null; }
  function localHref(url) { return typeof url === "string" && !/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : null; }

  // The formula guard of scripts/stcatalog/core/formula.py (tests/test_formula_guard.py keeps them equal):
  // after leading spaces and line feeds, = + - @ tab or CR makes a spreadsheet run the cell as a formula.
  var FORMULA_START = /^[ \n\u00a0\u3000]*[=+\-@\t\r]/;
  function formulaSafe(t) { return FORMULA_START.test(t) ? "'" + t : t; }

  function csvCell(text) {
    var t = formulaSafe(String(text === null || text === undefined ? "" : text));
    return /[",\r\n]/.test(t) ? '"' + t.replace(/"/g, '""') + '"' : t;
  }

  // The table's JSON files, fetched in order, each once.
  function Chunks(table) {
    this.pattern = table.getAttribute("data-src");
    this.count = parseInt(table.getAttribute("data-chunks"), 10) || 1;
    this.total = parseInt(table.getAttribute("data-rows"), 10) || 0;
    this.rows = [];
    this.loaded = 0;
    this.pending = Promise.resolve();
  }
  Chunks.prototype.next = function () {
    var self = this;
    this.pending = this.pending.then(function () {
      if (self.loaded >= self.count) { return; }
      var url = self.pattern.replace("{n}", String(self.loaded));
      return fetch(url).then(function (r) {
        if (!r.ok) { throw new Error(r.status + " " + r.url); }
        return r.json();
      }).then(function (data) { self.rows = self.rows.concat(data.rows); self.loaded += 1; });
    });
    return this.pending;
  };
  Chunks.prototype.atLeast = function (n) {    // resolves once n rows (or all there are) are loaded
    var self = this;
    if (this.rows.length >= n || this.loaded >= this.count) { return this.pending; }
    return this.next().then(function () { return self.atLeast(n); });
  };
  Chunks.prototype.all = function () { return this.atLeast(Infinity); };
  Chunks.prototype.complete = function () { return this.loaded >= this.count; };

  function DataTable(table, bar, chunks) {
    this.table = table;
    this.bar = bar;
    this.chunks = chunks;
    this.sortKinds = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.getAttribute("data-sort"); });
    this.size = parseInt(table.getAttribute("data-page"), 10) || 100;
    this.page = 0;
    this.sortColumn = -1;
    this.ascending = true;
    this.selects = bar ? Array.prototype.slice.call(bar.querySelectorAll("select[data-filter]")) : [];
    this.count = bar ? bar.querySelector(".st-count") : null;
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-filter"));
      if (wanted !== null && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
      select.addEventListener("change", function () { self.page = 0; self.render(); });
    });
    this.pager = document.createElement("div");
    this.pager.className = "st-pager";
    table.parentNode.insertBefore(this.pager, table.nextSibling);
    var more = table.parentNode.querySelector(".st-more");
    if (more) { more.hidden = true; }
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-sort")) { return; }
      function sort() {
        self.ascending = self.sortColumn === index ? !self.ascending : true;
        self.sortColumn = index;
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", self.ascending ? "ascending" : "descending");
        self.page = 0;
        self.render();
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); } });
    });
    var button = bar ? bar.querySelector(".st-download") : null;
    if (button) { button.addEventListener("click", function () { self.download(); }); }
    this.ready = this.render();
  }

  // Whether the current view needs every row: any filter or sort does; plain paging does not.
  DataTable.prototype.needsAll = function () {
    return this.sortColumn >= 0 || this.selects.some(function (s) { return s.value !== ""; });
  };

  DataTable.prototype.matching = function () {
    var wanted = this.selects.map(function (s, at) {
      return { at: at, option: s.value === "" ? -1 : s.selectedIndex - 1 };
    });
    var rows = this.chunks.rows.filter(function (row) {
      return wanted.every(function (w) { return w.option < 0 || row.f[w.at].indexOf(w.option) >= 0; });
    });
    var col = this.sortColumn;
    if (col >= 0) {
      var numeric = this.sortKinds[col] === "number", sign = this.ascending ? 1 : -1;
      rows = rows.map(function (row, i) { return [row, i]; });
      rows.sort(function (a, b) {
        var r;
        if (numeric) {
          var x = sortValue(a[0].c[col]), y = sortValue(b[0].c[col]);
          r = (x === null ? -Infinity : x) - (y === null ? -Infinity : y);
        } else {
          r = String(cellText(a[0].c[col])).localeCompare(String(cellText(b[0].c[col])));
        }
        return r * sign || a[1] - b[1];   // stable: ties keep the catalog's order
      });
      rows = rows.map(function (pair) { return pair[0]; });
    }
    return rows;
  };

  // Load what the view needs, then draw it; a newer request supersedes an older one still loading.
  DataTable.prototype.render = function () {
    var self = this, ticket = (this.ticket = (this.ticket || 0) + 1);
    var ready = this.needsAll() ? this.chunks.all() : this.chunks.atLeast((this.page + 2) * this.size);
    if (!this.chunks.complete() && this.count) {
      this.count.textContent = this.bar.getAttribute("data-loading") + " " + this.chunks.rows.length + " / " + this.chunks.total;
    }
    return ready.then(function () { if (ticket === self.ticket) { self.draw(); } }).catch(function (e) {
      if (self.count) { self.count.textContent += " · " + e.message; }
    });
  };

  DataTable.prototype.draw = function () {
    var rows = this.matching();
    this.shown = rows;
    var total = this.needsAll() || this.chunks.complete() ? rows.length : this.chunks.total;
    var pages = Math.max(1, Math.ceil(total / this.size));
    this.page = Math.min(this.page, pages - 1);
    var start = this.page * this.size, slice = rows.slice(start, start + this.size);
    var body = document.createElement("tbody");
    slice.forEach(function (row) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-id", row.id);
      row.c.forEach(function (c) {
        var td = document.createElement("td");
        var url = c !== null && typeof c === "object" ? localHref(c.h) : null;
        if (url) {
          var a = document.createElement("a");
          a.href = url;
          a.textContent = cellText(c);
          td.appendChild(a);
        } else {
          td.textContent = cellText(c) === null ? "" : cellText(c);
        }
        if (sortValue(c) !== null) { td.setAttribute("data-value", sortValue(c)); }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    this.table.replaceChild(body, this.table.tBodies[0]);
    if (this.count) {
      var range = rows.length ? (start + 1) + "–" + (start + slice.length) : "0";
      this.count.textContent = this.bar.getAttribute("data-shown") + " " + range + " / " + total
        + (total < this.chunks.total ? " (" + this.bar.getAttribute("data-of") + " " + this.chunks.total + ")" : "");
    }
    this.renderPager(pages);
  };

  DataTable.prototype.renderPager = function (pages) {
    var self = this;
    this.pager.textContent = "";
    if (pages < 2) { return; }
    [["data-prev", -1], ["data-next", 1]].forEach(function (spec) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "md-button st-page-" + (spec[1] < 0 ? "prev" : "next");
      b.textContent = self.bar.getAttribute(spec[0]);
      b.disabled = spec[1] < 0 ? self.page === 0 : self.page >= pages - 1;
      b.addEventListener("click", function () { self.page += spec[1]; self.render(); self.table.scrollIntoView(); });
      self.pager.appendChild(b);
    });
    var where = document.createElement("span");
    where.className = "st-page-number";
    where.textContent = (this.page + 1) + " / " + pages;
    this.pager.insertBefore(where, this.pager.lastChild);
  };

  DataTable.prototype.download = function () {
    var self = this;
    this.chunks.all().then(function () { self.save(); });
  };

  DataTable.prototype.save = function () {
    var labels = Array.prototype.map.call(this.table.tHead.rows[0].cells, function (th) { return th.textContent; });
    var lines = [["id"].concat(labels).map(csvCell).join(",")];
    this.matching().forEach(function (row) { lines.push([row.id].concat(row.c.map(cellText)).map(csvCell).join(",")); });
    var blob = new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = this.table.id.replace(/^st-/, "") + "-filtered.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("table.st-table[data-src]"), function (table) {
      var bar = document.querySelector('.st-filters[data-table="' + table.id + '"]');
      var chunks = new Chunks(table);
      chunks.next()
        .then(function () { table.stTable = new DataTable(table, bar, chunks); return table.stTable.ready; })
        .then(function () { table.setAttribute("data-ready", ""); })
        .catch(function (e) { if (bar) { bar.querySelector(".st-count").textContent += " · " + e.message; } });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
