// Filters of the matrix: hide the rows whose kind, prefecture or model edition does not match.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("matrix");
  if (!form || !table) { return; }
  form.hidden = false;
  var selects = form.querySelectorAll("select[data-filter]");
  var rows = table.querySelectorAll("tbody tr.body-row");
  var count = document.getElementById("filter-count");
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = true;
      selects.forEach(function (select) {
        if (select.value && row.dataset[select.dataset.filter] !== select.value) { keep = false; }
      });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    count.textContent = shown + " / " + rows.length + " 団体を表示";
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
