// Site search with Pagefind: a chunked static index, so a query downloads only the pieces it needs.
// One index per language (this language's pagefind/ folder). Results are built as DOM nodes:
// titles as text, excerpts keeping only Pagefind's <mark> highlights.
(function () {
  "use strict";
  var root = new URL("../", document.currentScript.src);          // this language's root: <lang>/
  var lang = document.documentElement.lang || "en";
  var words = lang.indexOf("zh") === 0
    ? { placeholder: "搜索指南、地区、指标…", none: "没有找到结果", label: "搜索", more: "更多结果", count: "个结果" }
    : { placeholder: "Search guides, regions, indicators…", none: "No results", label: "Search", more: "More results", count: "results" };
  var PAGE = 10;  // each result's text is its own small file, so results load ten at a time
  var pagefind = null;

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        // Rank whole documents above short listing pages (Pagefind boosts short pages by default).
        return pf.options({ baseUrl: root.pathname, ranking: { pageLength: 0.1 } }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function excerptNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = html;                                    // inert: nothing in a template runs
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) { out.appendChild(document.createTextNode(node.textContent)); }
      else if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else { out.appendChild(document.createTextNode(node.textContent || "")); }
    });
    return out;
  }

  function build() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner) { return; }
    var box = document.createElement("div");
    box.className = "st-search";
    box.setAttribute("role", "search");
    var input = document.createElement("input");
    input.type = "search";
    input.id = "st-search-input";
    input.placeholder = words.placeholder;
    input.setAttribute("aria-label", words.label);
    input.autocomplete = "off";
    var panel = document.createElement("ol");
    panel.className = "st-search-results";
    panel.hidden = true;
    box.appendChild(input);
    box.appendChild(panel);
    inner.appendChild(box);

    var latest = 0;
    function show(items, query, search) {
      if (!query) { panel.textContent = ""; panel.hidden = true; return; }
      var old = panel.querySelector(".st-search-more");
      if (old) { old.remove(); }
      if (!panel.childElementCount) {
        var head = document.createElement("li");
        head.className = "st-search-empty";
        head.textContent = search && search.results.length ? search.results.length + " " + words.count : words.none;
        panel.appendChild(head);
      }
      items.forEach(function (data) {
        var li = document.createElement("li");
        li.className = "st-search-result";
        var a = document.createElement("a");
        a.href = data.url;
        var title = document.createElement("strong");
        title.textContent = (data.meta && data.meta.title) || data.url;
        var excerpt = document.createElement("span");
        excerpt.appendChild(excerptNodes(data.excerpt || ""));
        a.appendChild(title);
        a.appendChild(excerpt);
        li.appendChild(a);
        panel.appendChild(li);
      });
      var shown = panel.querySelectorAll(".st-search-result").length;
      if (search && shown < search.results.length) {
        var more = document.createElement("li");
        more.className = "st-search-more";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "md-button";
        button.textContent = words.more;
        button.addEventListener("click", function () {
          var ticket = latest;
          Promise.all(search.results.slice(shown, shown + PAGE).map(function (r) { return r.data(); }))
            .then(function (next) { if (ticket === latest) { show(next, query, search); } });
        });
        more.appendChild(button);
        panel.appendChild(more);
      }
      panel.hidden = false;
    }
    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { show([], ""); return; }
      load().then(function (pf) { return pf.debouncedSearch(query, {}, 150); }).then(function (search) {
        if (!search || ticket !== latest) { return null; }
        return Promise.all(search.results.slice(0, PAGE).map(function (r) { return r.data(); }))
          .then(function (items) { return [items, search]; });
      }).then(function (found) {
        if (found && ticket === latest) { panel.textContent = ""; show(found[0], query, found[1]); }
      });
    }
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { load(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; show([], ""); input.blur(); }
      if (e.key === "Enter") {
        var first = panel.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
    document.addEventListener("click", function (e) { if (!box.contains(e.target)) { panel.hidden = true; } });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", build); } else { build(); }
})();
