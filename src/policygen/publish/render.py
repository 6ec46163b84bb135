"""Render the site's pages and exports from the gathered data: a dict of path → bytes, nothing written."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policygen.publish import views as V
from policygen.publish.gather import BodyData, Gathered
from policygen.publish.search import Entry, build_index

MATRIX_ROWS = 50  # bodies per matrix page: 47 clause columns × 50 rows stays well under 400 KB
VARIANTS_PER_PAGE = 30
BODIES_JSON_VERSION = 1
# Only the site's own files: no inline script or style, no request anywhere else.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
       "base-uri 'none'; form-action 'none'")
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
    "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
)


def site_dir() -> Path:
    """Return the folder of the site's templates and assets, installed or in a source checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "site"
    if installed.is_dir():
        return installed
    return package.parents[1] / "site"


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(site_dir() / "templates"), str(site_dir() / "assets")]),
        autoescape=True,  # every text from a policy or its metadata is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(V=V, csp=CSP)
    return env


def _pref_order(body) -> tuple:
    name = body.prefecture
    return (PREFECTURES.index(name) if name in PREFECTURES else len(PREFECTURES), name, body.id)


@dataclass
class Reuse:
    """The previous build, to take unchanged files from: its folder and, per body, the key its files were rendered from."""

    folder: Path | None = None
    bodies: dict[str, dict] = field(default_factory=dict)  # body id -> {"key": ..., "files": [...]}


@dataclass
class Rendered:
    """The site's files by path (bytes, or the previous build's file when its inputs are unchanged), and what to remember."""

    files: dict[str, bytes | Path]
    bodies: dict[str, dict]  # the next build's Reuse.bodies
    rendered_bodies: int


def theme_digest() -> str:
    """Return the hash of everything that shapes a page besides the data: templates, assets, the page code."""
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    sources = sorted(p for p in site_dir().rglob("*") if p.is_file())
    sources += [here / name for name in ("render.py", "views.py", "search.py")]
    for path in sources:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def render_site(data: Gathered, problems: list[str], base_url: str = "", reuse: Reuse | None = None) -> Rendered:
    """Return every file of the site by its path under the output folder (a body's files reused when unchanged)."""
    from policygen import __version__

    env = _environment()
    reuse = reuse or Reuse()
    theme = theme_digest()
    bodies = sorted(data.bodies, key=lambda b: _pref_order(b.body))
    model = _model_columns(bodies)
    files: dict[str, bytes | Path] = {}

    def page(path: str, template: str, into: dict | None = None, **context) -> None:
        root = "../" * path.count("/")
        html = env.get_template(template).render(root=root, model_version=data.model_version, **context)
        (files if into is None else into)[path] = html.encode("utf-8")

    pages = [bodies[i:i + MATRIX_ROWS] for i in range(0, len(bodies), MATRIX_ROWS)] or [[]]
    matrix_paths = ["index.html"] + [f"matrix-{n}.html" for n in range(2, len(pages) + 1)]
    summary = _summary(bodies, model)
    for number, (rows, path) in enumerate(zip(pages, matrix_paths), start=1):
        page(path, "matrix.html", rows=[_matrix_row(b, model) for b in rows], model=model,
             page=number, pages=list(zip(range(1, len(pages) + 1), matrix_paths)),
             summary=summary if number == 1 else None, problems=problems if number == 1 else [],
             filters=_filters(bodies), total=len(bodies))
    remembered: dict[str, dict] = {}
    rendered_bodies = 0
    files["assets/matrix-data.js"] = _matrix_data(bodies, model)
    for item in bodies:
        # A body's own files depend on its inputs (the job key), its metadata, the theme, the tool and the feed's base URL only.
        key = hashlib.sha256("\0".join([item.key, repr(item.body), theme, __version__, base_url,
                                         data.model_version]).encode("utf-8")).hexdigest()
        kept = _reusable(reuse, item.body.id, key)
        if kept is None:
            own = _body_files(item, page)
            own[f"bodies/{item.body.id}/feed.atom"] = _feed(env, bodies, f"bodies/{item.body.id}/feed.atom", base_url, item)
            rendered_bodies += 1
        else:
            own = kept
        files.update(own)
        remembered[item.body.id] = {"key": key, "files": sorted(own)}
    for column in model:
        _clause_pages(column, bodies, page)
    entries = _search_entries(bodies)
    for name, content in build_index(entries).items():
        files[f"assets/search/{name}"] = content
    page("search.html", "search.html", docs=len(entries))
    files["statuses.csv"] = _statuses_csv(bodies, model)
    files["bodies.json"] = _bodies_json(bodies, data.model_version)
    files["feed.atom"] = _feed(env, bodies, "feed.atom", base_url, None)
    assets = site_dir() / "assets"
    for asset in sorted(assets.iterdir()):
        if asset.suffix == ".css":  # the status glyphs come from views.STATUS_GLYPH
            files[f"assets/{asset.name}"] = env.get_template(asset.name).render().encode("utf-8")
        elif asset.is_file():
            files[f"assets/{asset.name}"] = asset.read_bytes()
    return Rendered(files, remembered, rendered_bodies)


def _reusable(reuse: Reuse, body_id: str, key: str) -> dict[str, bytes | Path] | None:
    """Return the previous build's files of a body rendered from the same key, when every one is still there."""
    entry = reuse.bodies.get(body_id)
    if reuse.folder is None or not entry or entry.get("key") != key:
        return None
    prefix = f"bodies/{body_id}/"
    paths = [p for p in entry.get("files", []) if isinstance(p, str) and p.startswith(prefix) and ".." not in p]
    old = {p: reuse.folder / p for p in paths}
    # Only regular files inside the previous site: a link planted there must not bring in a file from elsewhere.
    root = reuse.folder.resolve()
    if not paths or not all(path.is_file() and not path.is_symlink() for path in old.values()):
        return None
    if not all(parent.resolve().is_relative_to(root) for parent in {path.parent for path in old.values()}):
        return None
    return dict(old)


# --- the matrix ---------------------------------------------------------------------------------------------


def _model_columns(bodies: list[BodyData]) -> list[dict]:
    """Return the model clauses in model order (id, printed number, heading, depth) from the first report."""
    if not bodies:
        return []
    return [
        {"id": c["model_id"], "number": c["number"], "heading": c["heading"] or _snippet(c["model_text"]),
         "depth": c["depth"], "model_text": c["model_text"]}
        for c in bodies[0].report["clauses"]
    ]


def _snippet(text: str) -> str:
    from policygen.writers.report.view import snippet

    return snippet(text, 20)


def _clause(item: BodyData, model_id: str) -> dict | None:
    """Return a body's result for one model clause, or None."""
    return item.clauses_by_id.get(model_id)


def _matrix_row(item: BodyData, model: list[dict]) -> dict:
    cells = []
    for column in model:
        clause = _clause(item, column["id"])
        cells.append({"id": column["id"], "status": V.status(V.clause_status(clause) if clause else "missing")})
    body = item.body
    return {"body": body, "cells": cells, "kind": V.kind_word(body.kind, body.subkind),
            "edition": body.current.edition, "coverage": item.report["summary"]["coverage"]}


def _matrix_data(bodies: list[BodyData], model: list[dict]) -> bytes:
    """Return every matrix row as data for the filters, which search all pages: one status digit per model clause."""
    rows = [_matrix_row(item, model) for item in bodies]
    codes = list(V.STATUS_ORDER) + sorted({c["status"].code for r in rows for c in r["cells"]} - set(V.STATUS_ORDER))
    digit = {code: chr(48 + n) for n, code in enumerate(codes)}
    data = {
        "clauses": [column["id"] for column in model],
        "statuses": [[code, V.status(code).word] for code in codes],
        "bodies": [[r["body"].id, r["body"].name, r["body"].prefecture, r["kind"], r["edition"],
                    f"{r['coverage'] * 100:.0f}%", "".join(digit[c["status"].code] for c in r["cells"])] for r in rows],
    }
    return f"window.PG_MATRIX_DATA = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n".encode("utf-8")


def _summary(bodies: list[BodyData], model: list[dict]) -> list[dict]:
    """Return per model clause how many bodies have each status and how many cover it."""
    out = []
    for column in model:
        counts: Counter = Counter()
        for item in bodies:
            clause = _clause(item, column["id"])
            counts[V.clause_status(clause) if clause else "missing"] += 1
        applicable = sum(n for s, n in counts.items() if s != "not_applicable")
        covered = applicable - counts["missing"]
        out.append({**column, "counts": counts, "applicable": applicable, "covered": covered})
    return out


def _filters(bodies: list[BodyData]) -> dict[str, list[str]]:
    kinds = sorted({V.kind_word(b.body.kind, b.body.subkind) for b in bodies})
    prefectures = sorted({b.body.prefecture for b in bodies}, key=lambda p: (PREFECTURES.index(p) if p in PREFECTURES else 99, p))
    editions = sorted({b.body.current.edition for b in bodies})
    return {"kind": kinds, "pref": prefectures, "edition": editions}


# --- a body ------------------------------------------------------------------------------------------------


def _body_files(item: BodyData, page) -> dict[str, bytes | Path]:
    body = item.body
    base = f"bodies/{body.id}"
    blobs = item.blobs()
    files: dict[str, bytes | Path] = {}
    files[f"{base}/comparison.json"] = _comparison_json(item)
    files[f"{base}/comparison.md"] = blobs["markdown"].encode("utf-8")
    for version in body.versions:
        files[f"{base}/versions/{version.file.name}"] = version.file.read_bytes()
    downloads = [("comparison.json", "比較結果 (JSON)"), ("comparison.md", "比較結果 (Markdown)")]
    if item.amended:
        amended = blobs["amended"]
        files[f"{base}/amended-draft.md"] = amended["draft_md"].encode("utf-8")
        files[f"{base}/amended-draft.docx"] = base64.b64decode(amended["draft_docx_b64"])
        files[f"{base}/amended-table.docx"] = base64.b64decode(amended["table_docx_b64"])
        downloads += [("amended-draft.docx", "改正案 (Word)"), ("amended-draft.md", "改正案 (Markdown)"),
                      ("amended-table.docx", "改正案の新旧対照表 (Word)")]
    for step in item.steps:
        blob = blobs["steps"][step.number - 1]
        files[f"{base}/changes/{step.number}.docx"] = base64.b64decode(blob["docx_b64"])
        files[f"{base}/changes/{step.number}.json"] = blob["changes"].encode("utf-8")
        page(f"{base}/changes/{step.number}.html", "step.html", files, item=item, step=step, table=blob["table"])
    clauses = item.report["clauses"]
    missing = [c for c in clauses if V.clause_status(c) == "missing"]
    rest = [c for c in clauses if V.clause_status(c) != "missing"]
    page(f"{base}/index.html", "body.html", files, item=item, missing=missing, ordered=missing + rest,
         downloads=downloads, summary=item.report["summary"],
         step_to={step.new.file.name: step for step in item.steps})
    return files


def _comparison_json(item: BodyData) -> bytes:
    """Return the per-body comparison: compare's JSON report with the body's metadata around it."""
    body = item.body
    data = {
        "schema_version": BODIES_JSON_VERSION,
        "body": _body_meta(body),
        "version": _version_meta(body.current),
        "comparison": item.report,  # compare --format json, with its own schema_version
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _version_meta(version) -> dict:
    return {"file": version.file.name, "date": version.date.isoformat() if version.date else None,
            "label": version.label, "edition": version.edition, "made_by": version.made_by or None}


def _body_meta(body) -> dict:
    return {"id": body.id, "name": body.name, "kind": body.kind, "subkind": body.subkind or None,
            "prefecture": body.prefecture, "code": body.code or None}


# --- a model clause -----------------------------------------------------------------------------------------


def _clause_pages(column: dict, bodies: list[BodyData], page) -> None:
    groups: dict[str, list[tuple[BodyData, dict]]] = {}
    missing, not_applicable = [], []
    for item in bodies:
        clause = _clause(item, column["id"])
        if clause is None:
            continue
        code = V.clause_status(clause)
        if code == "not_applicable":
            not_applicable.append(item)
        elif code == "missing":
            missing.append(item)
        else:
            key = item.variants.get(column["id"], clause["org_text"])
            groups.setdefault(key, []).append((item, clause))
    variants = sorted(groups.values(), key=lambda members: (-len(members), members[0][0].body.id))
    chunks = [variants[i:i + VARIANTS_PER_PAGE] for i in range(0, len(variants), VARIANTS_PER_PAGE)] or [[]]
    pages = [(n, V.clause_url(column["id"], n)) for n in range(1, len(chunks) + 1)]
    for number, chunk in enumerate(chunks, start=1):
        shown = [{"members": m, "sample": m[0][1], "status": V.status(V.clause_status(m[0][1]))} for m in chunk]
        first = (number - 1) * VARIANTS_PER_PAGE
        page(V.clause_url(column["id"], number), "clause.html", column=column, variants=shown, first=first,
             total_variants=len(variants), covered=sum(len(m) for m in variants), missing=missing,
             not_applicable=not_applicable, page=number, pages=pages)


# --- search, exports, feeds ---------------------------------------------------------------------------------


def _search_entries(bodies: list[BodyData]) -> list[Entry]:
    entries = []
    for item in bodies:
        body = item.body
        for clause in item.report["clauses"]:
            if clause["org_text"]:
                where = f"{clause['number']} {clause['heading']}".strip()
                url = f"{V.body_url(body.id)}#{V.anchor(clause['model_id'])}"
                entries.append(Entry(body.name, where, url, clause["org_text"]))
        for extra in item.report["extra"]:
            text = "\n".join(p for p in (extra["heading"], extra["text"]) if p)
            url = f"{V.body_url(body.id)}#{V.extra_anchor(extra['path'])}"
            entries.append(Entry(body.name, f"{extra['label']} {extra['heading']}（独自）".strip(), url, text))
    return entries


def _statuses_csv(bodies: list[BodyData], model: list[dict]) -> bytes:
    """Return one row per body and model clause, UTF-8 with a BOM so that Excel reads the Japanese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["body_id", "name", "kind", "prefecture", "code", "version_date", "model_id", "number",
                     "status", "status_ja", "applicable", "similarity"])
    for item in bodies:
        body = item.body
        for clause in item.report["clauses"]:
            code = V.clause_status(clause)
            best = max((m["similarity"] for m in clause["matches"]), default="")
            writer.writerow([body.id, body.name, body.kind, body.prefecture, body.code,
                             body.current.date.isoformat() if body.current.date else "", clause["model_id"],
                             clause["number"], clause["status"], V.status(code).word,
                             "true" if clause["applicable"] else "false", best])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _bodies_json(bodies: list[BodyData], model_version: str) -> bytes:
    data = {
        "schema_version": BODIES_JSON_VERSION,
        "model_version": model_version,
        "bodies": [
            {**_body_meta(item.body), "versions": [_version_meta(v) for v in item.body.versions],
             "summary": item.report["summary"], "page": V.body_url(item.body.id),
             "comparison": f"bodies/{item.body.id}/comparison.json"}
            for item in bodies
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _feed(env, bodies: list[BodyData], path: str, base_url: str, only: BodyData | None) -> bytes:
    """Return an Atom feed of revision steps, newest first; it depends on the corpus only, never on the tool."""
    root = base_url.rstrip("/") + "/" if base_url else "../" * path.count("/")
    entries: list[dict[str, Any]] = []
    for item in [only] if only else bodies:
        for step in item.steps:
            entries.append({"item": item, "step": step, "url": root + V.step_url(item.body.id, step.number),
                            "updated": (step.new.date.isoformat() if step.new.date else "1970-01-01")})
    entries.sort(key=lambda e: (e["updated"], e["item"].body.id, e["step"].number), reverse=True)
    updated = entries[0]["updated"] if entries else "1970-01-01"
    title = f"{only.body.name}の基本方針の改正" if only else "情報セキュリティ基本方針の改正（コーパス全体）"
    feed_id = f"urn:policygen:site:{only.body.id}" if only else "urn:policygen:site"
    page_url = root + (V.body_url(only.body.id) if only else "index.html")
    xml = env.get_template("feed.xml").render(entries=entries, updated=updated, title=title, feed_id=feed_id,
                                               page_url=page_url, self_url=root + path)
    return xml.encode("utf-8")


