// Filters of the pairings block on the home page (map, group list and table) by programme and by
// relation. Without JavaScript everything shows and the filter boxes stay hidden. Plain DOM.
(function () {
  "use strict";

  function apply(block) {
    var off = { programme: {}, relation: {} };
    block.querySelectorAll("input[data-filter]").forEach(function (box) {
      if (!box.checked) { off[box.getAttribute("data-filter")][box.value] = true; }
    });
    var shown = 0;
    block.querySelectorAll("[data-programme][data-relation]").forEach(function (el) {
      var hide = off.programme[el.getAttribute("data-programme")] || off.relation[el.getAttribute("data-relation")];
      el.classList.toggle("st-off", Boolean(hide));
      if (!hide && el.tagName === "TR") { shown += 1; }
    });
    var count = block.querySelector(".st-pairings-count");
    if (count) { count.textContent = (count.getAttribute("data-template") || "{n}").replace("{n}", String(shown)); }
  }

  function init() {
    document.querySelectorAll(".st-pairings").forEach(function (block) {
      var filters = block.querySelector(".st-pairings-filters");
      if (!filters) { return; }
      filters.hidden = false;
      filters.addEventListener("change", function () { apply(block); });
      apply(block);
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
