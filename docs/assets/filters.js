// Filterable, sortable, paged tables (guides index, indicator explorer). Plain DOM, no libraries.
// The page holds the first rows, so it reads without JavaScript; the rows come from the table's JSON
// files (data-src with {n}, data-chunks of them, same site), each fetched once when first needed:
// paging loads the next file, filtering, sorting or downloading loads them all. Cells are set as
// text, never as HTML. Filters, the free-text search and the sort are kept in the page's URL
// (?<filter>=…&q=…&sort=<column>&order=desc), so a filtered view can be shared, and read back on load.
(function () {
  "use strict";

  function cellText(c) { return c !== null && typeof c === "object" ? c.t : c; }
  function sortValue(c) { return c !== null && typeof c === "object" && "v" in c ? c.v : null; }
  // A number cell may name its normalised unit (u): values sort within one unit, the units in turn.
  function sortUnit(c) { return c !== null && typeof c === "object" && typeof c.u === "string" ? c.u : ""; }
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
    this.search = bar ? bar.querySelector("input[data-filter-text]") : null;
    this.count = bar ? bar.querySelector(".st-count") : null;
    this.keys = Array.prototype.map.call(table.tHead.rows[0].cells, function (th, i) { return th.getAttribute("data-key") || String(i); });
    var self = this;
    var params = new URLSearchParams(window.location.search);
    this.selects.forEach(function (select) {
      var wanted = params.get(select.getAttribute("data-filter"));
      if (wanted !== null && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
      select.addEventListener("change", function () { self.page = 0; self.render(); });
    });
    if (this.search) {
      this.search.value = params.get(this.search.getAttribute("data-filter-text")) || "";
      this.search.addEventListener("input", function () { self.page = 0; self.render(); });
    }
    var sortKey = params.get("sort"), sortAt = sortKey === null ? -1 : this.keys.indexOf(sortKey);
    if (sortAt >= 0 && this.sortKinds[sortAt]) {
      this.sortColumn = sortAt;
      this.ascending = params.get("order") !== "desc";
      table.tHead.rows[0].cells[sortAt].setAttribute("aria-sort", this.ascending ? "ascending" : "descending");
    }
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
    return this.sortColumn >= 0 || this.query() !== "" || this.selects.some(function (s) { return s.value !== ""; });
  };

  DataTable.prototype.query = function () { return this.search ? this.search.value.trim().toLowerCase() : ""; };

  // The view in the URL: each filter chosen, the search text, the sort; other parameters are kept.
  DataTable.prototype.remember = function () {
    var params = new URLSearchParams(window.location.search);
    this.selects.forEach(function (s) {
      if (s.value === "") { params.delete(s.getAttribute("data-filter")); } else { params.set(s.getAttribute("data-filter"), s.value); }
    });
    if (this.search) {
      var name = this.search.getAttribute("data-filter-text");
      if (this.search.value.trim() === "") { params.delete(name); } else { params.set(name, this.search.value.trim()); }
    }
    if (this.sortColumn >= 0) {
      params.set("sort", this.keys[this.sortColumn]);
      if (this.ascending) { params.delete("order"); } else { params.set("order", "desc"); }
    } else { params.delete("sort"); params.delete("order"); }
    var text = params.toString();
    var url = window.location.pathname + (text ? "?" + text : "") + window.location.hash;
    if (url !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", url);
    }
  };

  DataTable.prototype.matching = function () {
    var wanted = this.selects.map(function (s, at) {
      return { at: at, option: s.value === "" ? -1 : s.selectedIndex - 1 };
    });
    var words = this.query().split(/\s+/).filter(Boolean);
    var rows = this.chunks.rows.filter(function (row) {
      if (!wanted.every(function (w) { return w.option < 0 || row.f[w.at].indexOf(w.option) >= 0; })) { return false; }
      if (!words.length) { return true; }
      var text = row.c.map(function (c) { var t = cellText(c); return t === null ? "" : String(t); }).join(" ").toLowerCase();
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    var col = this.sortColumn;
    if (col >= 0) {
      var numeric = this.sortKinds[col] === "number", sign = this.ascending ? 1 : -1;
      rows = rows.map(function (row, i) { return [row, i]; });
      rows.sort(function (a, b) {
        var r;
        if (numeric) {
          var x = sortValue(a[0].c[col]), y = sortValue(b[0].c[col]);
          if (x === null || y === null) {   // empty values last, whichever the direction
            return (x === null) - (y === null) || a[1] - b[1];
          }
          var ux = sortUnit(a[0].c[col]), uy = sortUnit(b[0].c[col]);
          r = ux === uy ? x - y : (ux < uy ? -1 : 1);
        } else {
          var s = String(cellText(a[0].c[col]) === null ? "" : cellText(a[0].c[col]));
          var t = String(cellText(b[0].c[col]) === null ? "" : cellText(b[0].c[col]));
          if (s === "" || t === "") { return (s === "") - (t === "") || a[1] - b[1]; }
          r = s.localeCompare(t);
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
    this.remember();
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
    var self = this, source = this.table.getAttribute("data-csv");
    var csv = source ? fetch(source).then(function (r) {
      if (!r.ok) { throw new Error(r.status + " " + r.url); }
      return r.text();
    }) : Promise.resolve(null);
    Promise.all([this.chunks.all(), csv]).then(function (got) {
      if (got[1] === null) { self.save(); } else { self.saveRecords(got[1]); }
    }).catch(function (e) { if (self.count) { self.count.textContent += " · " + e.message; } });
  };

  // The records of a CSV file as written (quotes and line breaks inside quotes kept), with their ids.
  function csvRecords(text) {
    var records = [], start = 0, quoted = false;
    for (var i = 0; i < text.length; i += 1) {
      var ch = text.charAt(i);
      if (ch === '"') { quoted = !quoted; }
      else if (!quoted && (ch === "\r" || ch === "\n")) {
        if (i > start) { records.push(text.slice(start, i)); }
        if (ch === "\r" && text.charAt(i + 1) === "\n") { i += 1; }
        start = i + 1;
      }
    }
    if (start < text.length) { records.push(text.slice(start)); }
    return records;
  }
  function firstCell(record) {
    if (record.charAt(0) !== '"') { var comma = record.indexOf(","); return comma < 0 ? record : record.slice(0, comma); }
    var out = "", i = 1;
    while (i < record.length) {
      if (record.charAt(i) === '"') { if (record.charAt(i + 1) === '"') { out += '"'; i += 2; continue; } break; }
      out += record.charAt(i); i += 1;
    }
    return out;
  }

  // "Download filtered": the dataset's own file (data-csv) cut to the rows shown, in their order;
  // its header and records exactly as published.
  DataTable.prototype.saveRecords = function (text) {
    var records = csvRecords(text.replace(/^\ufeff/, "")), byId = {};
    records.slice(1).forEach(function (rec) { byId[firstCell(rec)] = rec; });
    var lines = [records[0]];
    this.matching().forEach(function (row) { if (byId.hasOwnProperty(row.id)) { lines.push(byId[row.id]); } });
    this.offer(lines.join("\r\n") + "\r\n");
  };

  DataTable.prototype.offer = function (text) {
    var blob = new Blob([text], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = this.table.id.replace(/^st-/, "") + "-filtered.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  };

  DataTable.prototype.save = function () {
    var labels = Array.prototype.map.call(this.table.tHead.rows[0].cells, function (th) { return th.textContent; });
    var lines = [["id"].concat(labels).map(csvCell).join(",")];
    this.matching().forEach(function (row) { lines.push([row.id].concat(row.c.map(cellText)).map(csvCell).join(",")); });
    this.offer("\ufeff" + lines.join("\r\n") + "\r\n");
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
