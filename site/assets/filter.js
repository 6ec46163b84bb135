// Filters of the matrix: show the bodies of every matrix page whose kind, prefecture and model edition match.
// The rows of other pages come from matrix-data.js (PG_MATRIX_DATA), made from the same results as the pages.
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var table = document.getElementById("matrix");
  var data = window.PG_MATRIX_DATA;
  if (!form || !table || !data) { return; }
  form.hidden = false;
  var selects = form.querySelectorAll("select[data-filter]");
  var tbody = table.tBodies[0];
  var own = Array.prototype.slice.call(tbody.rows);  // this page's rows, shown again when no filter is set
  var pagers = document.querySelectorAll("nav.pager");
  var count = document.getElementById("filter-count");
  var FIELDS = { kind: 3, pref: 2, edition: 4 };

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;  // text, never markup: names come from the corpus
    return a;
  }

  function row(body) {
    var tr = document.createElement("tr");
    var page = "bodies/" + body[0] + "/index.html";
    tr.className = "body-row";
    tr.dataset.kind = body[3];
    tr.dataset.pref = body[2];
    tr.dataset.edition = body[4];
    var th = document.createElement("th");
    th.scope = "row";
    th.className = "body-h";
    th.appendChild(link(page, body[1]));
    tr.appendChild(th);
    [body[2], body[3], body[5]].forEach(function (text, i) {
      var td = document.createElement("td");
      if (i === 2) { td.className = "num"; }
      td.textContent = text;
      tr.appendChild(td);
    });
    for (var i = 0; i < data.clauses.length; i += 1) {
      var code = data.statuses[body[6].charCodeAt(i) - 48];
      var td = document.createElement("td");
      td.className = "st-" + code[0];
      td.appendChild(link(page + "#c-" + data.clauses[i], code[1]));
      tr.appendChild(td);
    }
    return tr;
  }

  function apply() {
    var wanted = [];
    selects.forEach(function (select) {
      if (select.value) { wanted.push([FIELDS[select.dataset.filter], select.value]); }
    });
    var rows = wanted.length ? data.bodies.filter(function (body) {
      return wanted.every(function (w) { return body[w[0]] === w[1]; });
    }).map(row) : own;
    while (tbody.firstChild) { tbody.removeChild(tbody.firstChild); }
    rows.forEach(function (tr) { tbody.appendChild(tr); });
    pagers.forEach(function (pager) { pager.hidden = wanted.length > 0; });
    count.textContent = wanted.length ? rows.length + " / " + data.bodies.length + " 団体を表示（全ページから）"
      : "このページの " + own.length + " 団体を表示（全 " + data.bodies.length + " 団体）";
  }
  selects.forEach(function (select) { select.addEventListener("change", apply); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  apply();
})();
