// Site search with Pagefind: a chunked static index, so a query downloads only the pieces it needs.
// One index per language (this language's pagefind/ folder, in shards), built from pages whose Chinese is spaced
// into single characters (scripts/stcatalog/site/search_index.py). Each word the reader types is asked
// for as an exact phrase (Chinese: of its characters), so 哈萨克斯坦 finds 哈萨克斯坦 inside any longer
// word, nonsense finds nothing, and SCO does not match "scope"; several words must all be on the page.
// The box is an ARIA 1.2 combobox: ArrowUp/ArrowDown move through the results, Enter opens one, Escape
// closes and returns focus to where it was, "/" focuses the box, a live region announces the count.
// Results are built as DOM nodes: titles as text, excerpts keeping only Pagefind's <mark> highlights.
// A result opens at its best-matching section, and the words searched for are highlighted there.
(function () {
  "use strict";
  var root = new URL("../", document.currentScript.src);          // this language's root: <lang>/
  var zh = (document.documentElement.lang || "en").indexOf("zh") === 0;
  var words = zh
    ? { placeholder: "搜索指南、地区、指标…", none: "没有找到结果", label: "搜索", results: "搜索结果",
        more: "更多结果", count: function (n) { return "找到 " + n + " 个结果"; },
        types: { guide: "指南", guides: "指南列表", region: "地区", regions: "地区列表", domain: "领域",
                 domains: "领域列表", indicators: "指标", page: "页面" }, year: function (y) { return y + " 年"; } }
    : { placeholder: "Search guides, regions, indicators…", none: "No results", label: "Search", results: "Search results",
        more: "More results", count: function (n) { return n + (n === 1 ? " result" : " results"); },
        types: { guide: "Guide", guides: "Guide list", region: "Region", regions: "Region list", domain: "Domain",
                 domains: "Domain list", indicators: "Indicators", page: "Page" }, year: function (y) { return y; } };
  var HAN = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])/g;
  var ZWSP = /\u200b/g;
  var HIGHLIGHT = "pagefind-highlight";
  // Each result's text is its own small file: the first few load at once and show as each arrives;
  // moving past the last one (or "More results") loads the next batch.
  var FIRST = 5, MORE = 10, DEBOUNCE_MS = 80;
  var pagefind = null;

  // The index is in shards (search_index.py): pagefind/ holds every page but the guides, and Pagefind's
  // code; the guides are in the folders pagefind/shards.json names, merged into it (mergeIndex), so one
  // changed guide re-indexes only its shard. A merged shard loads only its small metadata file up front.
  function load() {
    if (!pagefind) {
      var bundle = new URL("pagefind/", root);
      // Rank whole documents above short listing pages: no boost for short pages (Pagefind's default
      // favours them), and repeated mentions keep counting for longer. Every shard ranks alike.
      var ranking = { pageLength: 0, termSaturation: 2 };
      var shards = fetch(new URL("shards.json", bundle).href).then(function (r) { return r.json(); });
      pagefind = import(new URL("pagefind.js", bundle).href).then(function (pf) {
        // On the page's own thread: Pagefind's worker is one more script to fetch (40 KB) before the
        // first result, and a search here takes a few milliseconds.
        var own = { baseUrl: root.pathname, ranking: ranking, noWorker: true };
        return Promise.all([pf.options(own), shards]).then(function (all) {
          return Promise.all(all[1].shards.map(function (name) {
            return pf.mergeIndex(new URL(name + "/", bundle).pathname, { baseUrl: root.pathname, ranking: ranking });
          }));
        }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // The words typed; Han characters are spaced apart, as they are indexed.
  function phrases(query) {
    return query.replace(/["“”]/g, " ").split(/\s+/).filter(function (part) { return /[\p{L}\p{N}]/u.test(part); });
  }
  function spaced(part) { return part.replace(HAN, " $1 ").replace(/\s+/g, " ").trim(); }

  // Pages holding every phrase, best first: guides before other pages (the type filter of the index),
  // pages with the words side by side before the others, then by score. Pagefind's exact-phrase search
  // decides which pages match (characters side by side, whole words, no guessing from prefixes) but
  // scores them all alike, so each page's score comes from the plain search for the same words.
  function find(pf, parts) {
    var whole = parts.length > 1 ? pf.search('"' + parts.map(spaced).join(" ") + '"') : Promise.resolve(null);
    return Promise.all([whole].concat(parts.map(function (part) {
      return Promise.all([pf.search('"' + spaced(part) + '"'), pf.search(spaced(part)),
                          pf.search(spaced(part), { filters: { type: "guide" } })]);
    }))).then(function (all) {
      var together = {}, score = {}, loose = {}, guide = {};
      if (all[0]) { all[0].results.forEach(function (r) { together[r.id] = 1; }); }
      var triples = all.slice(1);
      triples.forEach(function (triple) {
        triple[1].results.forEach(function (r) { score[r.id] = (score[r.id] || 0) + r.score; (loose[r.id] = loose[r.id] || []).push(r); });
        triple[2].results.forEach(function (r) { guide[r.id] = 1; });
      });
      var exacts = triples.map(function (triple) { return triple[0].results; });
      return exacts[0].filter(function (r) {
        return exacts.every(function (list) { return list.some(function (o) { return o.id === r.id; }); });
      }).map(function (r) {
        var same = exacts.map(function (list) { return list.filter(function (o) { return o.id === r.id; })[0]; });
        return { id: r.id, key: [guide[r.id] || 0, together[r.id] || 0, score[r.id] || 0], exact: same,
                 loose: (loose[r.id] || []).slice(0, 1) };
      }).sort(function (a, b) { return (b.key[0] - a.key[0]) || (b.key[1] - a.key[1]) || (b.key[2] - a.key[2]); });
    });
  }

  // A result's text: the exact search's (its excerpt marks the phrase) and, for choosing the section,
  // the plain search's sub-results with the positions of the phrase.
  function resultData(result) {
    return Promise.all(result.exact.concat(result.loose).map(function (r) { return r.data(); })).then(function (all) {
      var exact = all.slice(0, result.exact.length);
      var at = {};
      exact.forEach(function (d) { (d.locations || []).forEach(function (l) { at[l] = true; }); });
      var data = exact[0];
      data.sections = (all[result.exact.length] || data).sub_results || [];
      data.at = at;
      return data;
    });
  }

  function excerptNodes(html) {
    var template = document.createElement("template");
    template.innerHTML = html;                                    // inert: nothing in a template runs
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      var text = (node.textContent || "").replace(ZWSP, "");
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = text;
        out.appendChild(mark);
      } else { out.appendChild(document.createTextNode(text)); }
    });
    return out;
  }

  // The section to open (Pagefind's sub-results follow the page's headings): the first whose heading
  // holds every word searched for, else the one where the exact search found the phrase.
  function bestSection(data, parts) {
    var words = parts.map(function (p) { return p.toLowerCase(); });
    var titled = data.sections.filter(function (sub) {
      var title = (sub.title || "").replace(ZWSP, "").toLowerCase();
      return sub.url.indexOf("#") > 0 && words.every(function (w) { return title.indexOf(w) >= 0; });
    });
    if (titled.length) { return titled[0]; }
    return data.sections.filter(function (sub) {
      return (sub.locations || []).some(function (l) { return data.at[l]; });
    })[0] || null;
  }

  function landingUrl(url, parts) {
    var link = new URL(url, window.location.href);
    parts.forEach(function (part) { link.searchParams.append(HIGHLIGHT, part); });
    return link.pathname + link.search + link.hash;
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
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-label", words.label);
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "st-search-listbox");
    input.setAttribute("aria-keyshortcuts", "/");
    var panel = document.createElement("div");
    panel.className = "st-search-results";
    panel.hidden = true;
    var head = document.createElement("p");
    head.className = "st-search-empty";
    var list = document.createElement("ul");
    list.id = "st-search-listbox";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", words.results);
    var status = document.createElement("div");
    status.className = "st-sr-only";
    status.setAttribute("role", "status");
    panel.appendChild(head);
    panel.appendChild(list);
    box.appendChild(input);
    box.appendChild(panel);
    box.appendChild(status);
    inner.appendChild(box);

    var latest = 0, timer = null, current = null, returnTo = null;

    function options() { return Array.prototype.slice.call(list.querySelectorAll("li:not([hidden]) > [role=option]")); }
    function open(yes) {
      panel.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) { activate(null); }
    }
    function clear() {
      latest++;
      current = null;
      list.textContent = "";
      head.textContent = "";
      status.textContent = "";
      panel.removeAttribute("data-busy");
      panel.removeAttribute("data-query");
      open(false);
    }
    function activate(option) {
      options().forEach(function (o) { o.setAttribute("aria-selected", o === option ? "true" : "false"); });
      if (option) {
        input.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      } else { input.removeAttribute("aria-activedescendant"); }
    }
    function active() {
      var id = input.getAttribute("aria-activedescendant");
      return id ? document.getElementById(id) : null;
    }

    function fill(li, data, parts) {
      var section = bestSection(data, parts);
      var a = document.createElement("a");                        // the option itself (a link may be one)
      a.href = landingUrl(section ? section.url : data.url, parts);
      a.tabIndex = -1;                                            // the box keeps focus; arrows move
      a.id = li.getAttribute("data-option");
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      var title = document.createElement("strong");
      title.textContent = ((data.meta && data.meta.title) || data.url).replace(ZWSP, "");
      var about = document.createElement("small");
      var meta = data.meta || {};
      about.textContent = [words.types[meta.type] || words.types.page, meta.year ? words.year(meta.year) : ""]
        .filter(Boolean).join(" · ");
      if (section && section.title && section.url.indexOf("#") > 0) {
        about.textContent += " · " + section.title.replace(ZWSP, "");
      }
      var excerpt = document.createElement("span");
      excerpt.appendChild(excerptNodes(data.excerpt || ""));
      a.appendChild(title);
      a.appendChild(about);
      a.appendChild(excerpt);
      li.appendChild(a);
      li.hidden = false;
    }

    // Add a batch of results in rank order, each shown as soon as its text arrives; the panel is
    // marked data-busy until the whole batch is in.
    function append(search, from, count) {
      var ticket = latest;
      var old = panel.querySelector(".st-search-more");
      if (old) { old.remove(); }
      var batch = search.results.slice(from, from + count);
      panel.setAttribute("data-busy", "");
      var slots = batch.map(function (result, i) {
        var li = document.createElement("li");
        li.className = "st-search-result";
        li.setAttribute("role", "none");
        li.setAttribute("data-option", "st-search-option-" + (from + i));
        li.hidden = true;
        list.appendChild(li);
        return li;
      });
      search.shown = from + batch.length;
      return Promise.all(batch.map(function (result, i) {
        return resultData(result).then(function (data) { if (ticket === latest) { fill(slots[i], data, search.parts); } });
      })).then(function () {
        if (ticket !== latest) { return; }
        if (search.shown < search.results.length) {
          var more = document.createElement("p");
          more.className = "st-search-more";
          var button = document.createElement("button");
          button.type = "button";
          button.className = "md-button";
          button.tabIndex = -1;                                   // reached with ArrowDown from the box
          button.textContent = words.more;
          button.addEventListener("click", function () { append(search, search.shown, MORE); input.focus(); });
          more.appendChild(button);
          panel.appendChild(more);
        }
        panel.removeAttribute("data-busy");
      });
    }

    function run() {
      var query = input.value.trim();
      var parts = phrases(query);
      clearTimeout(timer);
      if (!query) { clear(); return; }
      var ticket = ++latest;
      load().then(function (pf) {
        timer = setTimeout(function () {
          (parts.length ? find(pf, parts) : Promise.resolve([])).then(function (results) {
            if (ticket !== latest) { return; }
            current = { results: results, parts: parts, shown: 0 };
            list.textContent = "";
            head.textContent = results.length ? words.count(results.length) : words.none;
            status.textContent = head.textContent;
            panel.setAttribute("data-query", query);                // what the panel shows (tests wait on it)
            open(true);
            return append(current, 0, FIRST);
          });
        }, DEBOUNCE_MS);
      });
    }

    function move(step) {
      var all = options();
      if (!all.length) { return; }
      var i = all.indexOf(active());
      var next = i < 0 ? (step > 0 ? 0 : all.length - 1) : i + step;
      if (next >= all.length && current && current.shown < current.results.length) {
        append(current, current.shown, MORE).then(function () { activate(options()[next] || null); });
        return;
      }
      activate(all[Math.max(0, Math.min(all.length - 1, next))]);
    }

    function escape() {
      var back = returnTo;
      input.value = "";
      clear();
      returnTo = null;
      if (back && back !== input && document.contains(back)) { back.focus(); }
    }

    input.addEventListener("input", run);
    input.addEventListener("focus", function (e) {
      if (e.relatedTarget && !box.contains(e.relatedTarget)) { returnTo = e.relatedTarget; }
      load();
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        if (panel.hidden && current) { open(true); }
        move(e.key === "ArrowDown" ? 1 : -1);
      } else if (e.key === "Escape") {
        e.preventDefault();
        e.stopPropagation();
        escape();
      } else if (e.key === "Enter") {
        var option = active() || options()[0];
        var link = option;
        if (link) { e.preventDefault(); window.location.href = link.href; }
      }
    });
    // "/" focuses the box from anywhere but a field where it is typed.
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) { return; }
      var t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) { return; }
      e.preventDefault();
      e.stopPropagation();
      returnTo = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
      input.focus();
      input.select();
    }, true);
    list.addEventListener("mousemove", function (e) {
      var option = e.target.closest && e.target.closest("[role=option]");
      if (option) { activate(option); }
    });
    // composedPath, not contains: "More results" removes its own button while the click is handled
    document.addEventListener("click", function (e) { if (e.composedPath().indexOf(box) < 0) { open(false); } });
  }

  // Arriving from a result: highlight the words searched for (Pagefind's bundled highlighter) and bring
  // the first one in the linked section into view.
  function highlightArrival() {
    if (!new URLSearchParams(window.location.search).has(HIGHLIGHT)) { return; }
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function (mod) {
      new mod.default({ highlightParam: HIGHLIGHT, markContext: "article.md-content__inner", addStyles: false,
                        markOptions: { className: "st-hit", exclude: [".headerlink"] } });
      var marks = document.querySelectorAll("mark.st-hit");
      var target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      var first = Array.prototype.find.call(marks, function (m) {
        return !target || (target.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING);
      }) || marks[0];
      if (first) { first.scrollIntoView({ block: "center" }); }
    });
  }

  function start() { build(); highlightArrival(); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
