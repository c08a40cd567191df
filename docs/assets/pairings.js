// Filters of the pairings on the home page (map, group list and the table after them) by programme
// and by relation. Without JavaScript everything shows and the filter boxes stay hidden. Plain DOM.
// A table row is marked by an empty span carrying its data-programme and data-relation.
(function () {
  "use strict";

  function apply() {
    var off = { programme: {}, relation: {} };
    document.querySelectorAll(".st-pairings input[data-filter]").forEach(function (box) {
      if (!box.checked) { off[box.getAttribute("data-filter")][box.value] = true; }
    });
    var shown = 0;
    document.querySelectorAll("[data-programme][data-relation]").forEach(function (el) {
      var hide = off.programme[el.getAttribute("data-programme")] || off.relation[el.getAttribute("data-relation")];
      var row = el.tagName === "SPAN" ? el.closest("tr") : null;
      (row || el).classList.toggle("st-off", Boolean(hide));
      if (row && !hide) { shown += 1; }
    });
    var count = document.querySelector(".st-pairings-count");
    if (count) { count.textContent = (count.getAttribute("data-template") || "{n}").replace("{n}", String(shown)); }
  }

  function init() {
    var sets = document.querySelectorAll(".st-pairings-filters");
    if (!sets.length) { return; }
    sets.forEach(function (set) {
      set.hidden = false;
      set.addEventListener("change", apply);
    });
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
