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
  // Each result's text is its own small file: the first few load at once and show as each arrives;
  // "More results" loads the next batch.
  var FIRST = 5, MORE = 10, DEBOUNCE_MS = 60;
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
    function clear() { panel.textContent = ""; panel.hidden = true; panel.removeAttribute("data-busy"); }

    function fill(li, data) {
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
      li.hidden = false;
    }

    // Add a batch of results in rank order, each shown as soon as its text arrives; the panel is
    // marked data-busy until the whole batch is in.
    function append(search, from, count, ticket) {
      var old = panel.querySelector(".st-search-more");
      if (old) { old.remove(); }
      var batch = search.results.slice(from, from + count);
      panel.setAttribute("data-busy", "");
      var slots = batch.map(function () {
        var li = document.createElement("li");
        li.hidden = true;
        panel.appendChild(li);
        return li;
      });
      return Promise.all(batch.map(function (result, i) {
        return result.data().then(function (data) { if (ticket === latest) { fill(slots[i], data); } });
      })).then(function () {
        if (ticket !== latest) { return; }
        var shown = from + batch.length;
        if (shown < search.results.length) {
          var more = document.createElement("li");
          more.className = "st-search-more";
          var button = document.createElement("button");
          button.type = "button";
          button.className = "md-button";
          button.textContent = words.more;
          button.addEventListener("click", function () { append(search, shown, MORE, ticket); });
          more.appendChild(button);
          panel.appendChild(more);
        }
        panel.removeAttribute("data-busy");
      });
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) { clear(); return; }
      load().then(function (pf) {
        pf.preload(query);                                        // fetch the index chunks while the debounce waits
        return pf.debouncedSearch(query, {}, DEBOUNCE_MS);
      }).then(function (search) {
        if (!search || ticket !== latest) { return; }
        panel.textContent = "";
        var head = document.createElement("li");
        head.className = "st-search-empty";
        head.textContent = search.results.length ? search.results.length + " " + words.count : words.none;
        panel.appendChild(head);
        panel.hidden = false;
        return append(search, 0, FIRST, ticket);
      });
    }
    input.addEventListener("input", run);
    input.addEventListener("focus", function () { load(); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { input.value = ""; clear(); input.blur(); }
      if (e.key === "Enter") {
        var first = panel.querySelector("a");
        if (first) { window.location.href = first.href; }
      }
    });
    // composedPath, not contains: "More results" removes its own button while the click is handled
    document.addEventListener("click", function (e) { if (e.composedPath().indexOf(box) < 0) { panel.hidden = true; } });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", build); } else { build(); }
})();
