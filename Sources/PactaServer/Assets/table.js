// Pacta: sortable columns and a filter box for the tables marked data-sortable. The page works without it.
(function () {
  "use strict";
  function key(cell) {
    var value = cell.getAttribute("data-sort");
    return (value === null ? cell.textContent : value).trim().toLowerCase();
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    var body = table.tBodies[0];
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      button.title = "Sort by " + th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          if (x === y) { return 0; }
          if (x === "") { return 1; }
          if (y === "") { return -1; }
          return x.localeCompare(y, undefined, { numeric: true }) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    var input = document.querySelector('input[data-filter-for="' + table.id + '"]');
    var count = document.querySelector('[data-count-for="' + table.id + '"]');
    if (!input) { return; }
    var box = input.closest("[hidden]");
    if (box) { box.hidden = false; }
    input.addEventListener("input", function () {
      var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var text = row.getAttribute("data-filter") || row.textContent.toLowerCase();
        var match = words.every(function (word) { return text.indexOf(word) >= 0; });
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      if (count) { count.textContent = words.length ? shown + " of " + body.rows.length + " shown" : ""; }
    });
  });
})();
