"use strict";
// Click a claim or figure: outline its spans in every article and scroll each article to
// its first one. Hover a span: light up its item in the list and its spans elsewhere.
(function () {
  function marksOf(item) {
    return document.querySelectorAll('mark[data-item="' + item + '"]');
  }
  document.querySelectorAll("[data-target]").forEach(function (entry) {
    entry.addEventListener("click", function () {
      var marks = marksOf(entry.getAttribute("data-target"));
      document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
      var first = {};
      marks.forEach(function (m) {
        m.classList.add("active");
        var column = m.closest(".article");
        var key = column ? column.getAttribute("data-article") : "";
        if (!first[key]) {
          first[key] = m;
          m.scrollIntoView({ block: "center", inline: "nearest" });
        }
      });
    });
  });
  document.querySelectorAll("mark[data-item]").forEach(function (mark) {
    var item = mark.getAttribute("data-item");
    var entry = document.querySelector('[data-target="' + item + '"]');
    mark.addEventListener("mouseenter", function () {
      if (entry) { entry.classList.add("hover"); }
      marksOf(item).forEach(function (m) { m.classList.add("linked"); });
    });
    mark.addEventListener("mouseleave", function () {
      if (entry) { entry.classList.remove("hover"); }
      marksOf(item).forEach(function (m) { m.classList.remove("linked"); });
    });
  });
})();
