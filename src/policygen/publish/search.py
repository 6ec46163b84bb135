"""Build the search index: every clause of every body, a character-bigram index split into script files.

The index comes in slices, each over a run of bodies (so that a rebuild remakes only the slice of a changed
body), and each slice in shards. For every slice the browser loads only the index shards a query's bigrams
fall in and the document shards its candidates sit in, then checks each candidate really contains the
query (bigrams alone can match out of order). The files are scripts, not JSON fetched with XHR, so the
search works from file:// too.
"""

from __future__ import annotations

import json
import operator
import unicodedata
from dataclasses import dataclass

DOCS_PER_SHARD = 400
POSTINGS_PER_SHARD = 60_000


@dataclass(frozen=True)
class Entry:
    """One searchable clause: where it is (body, clause) and its text."""

    body: str
    where: str
    url: str
    text: str


def fold(text: str) -> str:
    """Return text as search compares it: NFKC (full-width Latin and digits fold) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def bigrams(text: str) -> set[str]:
    """Return the distinct two-character windows of folded text, whitespace excluded."""
    chars = "".join(fold(text).split())  # split() drops exactly the characters str.isspace() names
    return set(map(operator.add, chars, chars[1:]))


def shard_of(gram: str, shards: int) -> int:
    """Return the index shard of a bigram (search.js computes the same)."""
    return (ord(gram[0]) * 31 + ord(gram[1])) % shards


def build_index(entries: list[Entry], name: str) -> tuple[dict[str, bytes], dict]:
    """Return one slice's files by their path under its folder (assets/search/<name>/), and its shape for meta.js."""
    postings: dict[str, list[int]] = {}
    for number, entry in enumerate(entries):
        for gram in bigrams(entry.text):
            postings.setdefault(gram, []).append(number)
    total = sum(len(p) for p in postings.values())
    index_shards = max(1, -(-total // POSTINGS_PER_SHARD))
    doc_shards = max(1, -(-len(entries) // DOCS_PER_SHARD))
    files: dict[str, bytes] = {}
    by_shard: list[dict[str, list[int]]] = [{} for _ in range(index_shards)]
    for gram in sorted(postings):
        by_shard[shard_of(gram, index_shards)][gram] = postings[gram]
    for number, shard in enumerate(by_shard):
        files[f"i{number}.js"] = _script("index", f"{name}/i{number}", shard)
    for number in range(doc_shards):
        chunk = entries[number * DOCS_PER_SHARD:(number + 1) * DOCS_PER_SHARD]
        files[f"d{number}.js"] = _script("docs", f"{name}/d{number}", [[e.body, e.where, e.url, e.text] for e in chunk])
    return files, {"name": name, "indexShards": index_shards, "docShards": doc_shards, "docs": len(entries)}


def search_meta(slices: list[dict]) -> dict:
    """Return what search.js needs to know of the index: its slices in order and their shards."""
    return {"slices": slices, "docsPerShard": DOCS_PER_SHARD, "docs": sum(s["docs"] for s in slices)}


def meta_script(meta: dict) -> bytes:
    """Return assets/search/meta.js."""
    return f"PG_SEARCH.meta({json.dumps(meta, ensure_ascii=False, sort_keys=True)});\n".encode("utf-8")


def _script(call: str, name: str, data) -> bytes:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"PG_SEARCH.{call}({json.dumps(name)},{body});\n".encode("utf-8")
