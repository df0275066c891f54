"use strict";
// Click an item: scroll its span into view and flash it. Hover a span: light up its item.
(function () {
  function spansOf(id) {
    return document.querySelectorAll('mark[data-ev="' + id + '"]');
  }
  document.querySelectorAll("[data-target]").forEach(function (item) {
    item.addEventListener("click", function () {
      var marks = spansOf(item.getAttribute("data-target"));
      if (!marks.length) { return; }
      document.querySelectorAll("mark.active").forEach(function (m) { m.classList.remove("active"); });
      marks.forEach(function (m) { m.classList.add("active"); });
      marks[0].scrollIntoView({ block: "center" });
    });
  });
  document.querySelectorAll("mark[data-ev]").forEach(function (mark) {
    var item = document.querySelector('[data-target="' + mark.getAttribute("data-item") + '"]');
    mark.addEventListener("mouseenter", function () { if (item) { item.classList.add("hover"); } });
    mark.addEventListener("mouseleave", function () { if (item) { item.classList.remove("hover"); } });
  });
})();
