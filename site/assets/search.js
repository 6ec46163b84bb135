// Client-side search over a prebuilt character-bigram index in slices (each over a run of bodies): in every
// slice, load the index shards of the query's bigrams as scripts (works from file://), intersect the
// postings, then keep only the clauses that really contain the query (a bigram index alone matches
// bigrams out of order). Hits come in the slices' order, which is the site's order of bodies.
(function () {
  "use strict";
  var root = document.currentScript.src.replace(/assets\/search\.js(\?.*)?$/, "");
  var meta = null;
  var index = {};
  var docs = {};
  var pending = {};
  var MAX_RESULTS = 200;

  window.PG_SEARCH = {
    meta: function (m) { meta = m; start(); },
    index: function (n, data) { index[n] = data; },
    docs: function (n, data) { docs[n] = data; }
  };

  function load(name) {
    if (!pending[name]) {
      pending[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = root + "assets/search/" + name + ".js";
        script.onload = resolve;
        script.onerror = function () { reject(new Error(name)); };
        document.head.appendChild(script);
      });
    }
    return pending[name];
  }

  function fold(text) { return text.normalize("NFKC").toLowerCase(); }

  function grams(text) {
    var chars = Array.from(fold(text)).filter(function (c) { return !/\s/.test(c); });
    var out = {};
    for (var i = 0; i + 1 < chars.length; i++) { out[chars[i] + chars[i + 1]] = true; }
    return Object.keys(out);
  }

  function shardOf(gram, shards) {
    var chars = Array.from(gram);
    return (chars[0].codePointAt(0) * 31 + chars[1].codePointAt(0)) % shards;
  }

  function squash(text) { return fold(text).replace(/\s+/g, ""); }

  function searchSlice(slice, list, wanted) {
    var shards = {};
    list.forEach(function (g) { shards[shardOf(g, slice.indexShards)] = true; });
    return Promise.all(Object.keys(shards).map(function (n) { return load(slice.name + "/i" + n); })).then(function () {
      var candidates = null;
      list.forEach(function (g) {
        var posting = index[slice.name + "/i" + shardOf(g, slice.indexShards)][g] || [];
        if (candidates === null) { candidates = posting.slice(); return; }
        var set = new Set(posting);
        candidates = candidates.filter(function (d) { return set.has(d); });
      });
      candidates = candidates || [];
      var need = {};
      candidates.forEach(function (d) { need[Math.floor(d / meta.docsPerShard)] = true; });
      return Promise.all(Object.keys(need).map(function (n) { return load(slice.name + "/d" + n); })).then(function () {
        return candidates.map(function (d) {
          return docs[slice.name + "/d" + Math.floor(d / meta.docsPerShard)][d % meta.docsPerShard];
        }).filter(function (doc) { return squash(doc[3]).indexOf(wanted) >= 0; });
      });
    });
  }

  function search(query) {
    var list = grams(query);
    if (list.length === 0) { return Promise.resolve(null); }
    var wanted = squash(query);
    return Promise.all(meta.slices.map(function (slice) { return searchSlice(slice, list, wanted); }))
      .then(function (found) { return [].concat.apply([], found); });
  }

  function excerpt(text, query) {
    var flat = text.replace(/\s+/g, " ");
    var at = fold(flat).indexOf(fold(query).trim());
    var from = Math.max(0, at - 30);
    var li = document.createDocumentFragment();
    if (at < 0) { li.appendChild(document.createTextNode(flat.slice(0, 80))); return li; }
    li.appendChild(document.createTextNode((from > 0 ? "…" : "") + flat.slice(from, at)));
    var mark = document.createElement("mark");
    mark.textContent = flat.slice(at, at + query.trim().length);
    li.appendChild(mark);
    li.appendChild(document.createTextNode(flat.slice(at + query.trim().length, at + query.trim().length + 50) + "…"));
    return li;
  }

  function show(query, hits) {
    var status = document.getElementById("search-status");
    var results = document.getElementById("results");
    results.textContent = "";
    if (hits === null) { status.textContent = "2文字以上の語句を入力してください。"; return; }
    status.textContent = "「" + query + "」: " + hits.length + "件" + (hits.length > MAX_RESULTS ? "（先頭の" + MAX_RESULTS + "件を表示）" : "");
    hits.slice(0, MAX_RESULTS).forEach(function (doc) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + doc[2];
      a.textContent = doc[0] + " " + doc[1];
      var p = document.createElement("p");
      p.appendChild(excerpt(doc[3], query));
      li.appendChild(a);
      li.appendChild(p);
      results.appendChild(li);
    });
  }

  function start() {
    var form = document.getElementById("search");
    var input = document.getElementById("q");
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value;
      search(query).then(function (hits) { show(query, hits); }, function (error) {
        document.getElementById("search-status").textContent = "索引を読み込めませんでした: " + error.message;
      });
    });
    var given = new URLSearchParams(location.search).get("q");
    if (given) { input.value = given; form.requestSubmit(); }
  }
})();
