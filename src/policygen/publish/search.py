"""Build the search index: every clause of every body, a character-bigram index split into script files.

The browser loads only the index shards a query's bigrams fall in and the document shards its candidates
sit in, then checks each candidate really contains the query (bigrams alone can match out of order).
The files are scripts, not JSON fetched with XHR, so the search works from file:// too.
"""

from __future__ import annotations

import json
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
    chars = [c for c in fold(text) if not c.isspace()]
    return {a + b for a, b in zip(chars, chars[1:])}


def shard_of(gram: str, shards: int) -> int:
    """Return the index shard of a bigram (search.js computes the same)."""
    return (ord(gram[0]) * 31 + ord(gram[1])) % shards


def build_index(entries: list[Entry]) -> dict[str, bytes]:
    """Return the search files by their path under assets/search/."""
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
        files[f"i{number}.js"] = _script("index", number, shard)
    for number in range(doc_shards):
        chunk = entries[number * DOCS_PER_SHARD:(number + 1) * DOCS_PER_SHARD]
        files[f"d{number}.js"] = _script("docs", number, [[e.body, e.where, e.url, e.text] for e in chunk])
    meta = {"indexShards": index_shards, "docShards": doc_shards, "docsPerShard": DOCS_PER_SHARD,
            "docs": len(entries)}
    files["meta.js"] = f"PG_SEARCH.meta({json.dumps(meta, sort_keys=True)});\n".encode("utf-8")
    return files


def _script(call: str, number: int, data) -> bytes:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"PG_SEARCH.{call}({number},{body});\n".encode("utf-8")
