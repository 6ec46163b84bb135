"""Render the site's pages and exports from the gathered data: a dict of path → bytes, nothing written."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from policygen.publish import views as V
from policygen.publish.gather import BodyData, Gathered, Step
from policygen.publish.outputs import Files, Outputs, Previous, Written, digest
from policygen.publish.search import Entry, build_index, meta_script, search_meta

MATRIX_ROWS = 50  # bodies per matrix page: 47 clause columns × 50 rows stays well under 400 KB
VARIANTS_PER_PAGE = 30
SEARCH_GROUP = 50  # bodies per slice of the search index: a changed body remakes one slice
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
class Rendered:
    """The site's files by path (bytes, or the previous build's file when its inputs are unchanged), and what to remember."""

    files: Files
    groups: dict[str, dict]  # the next build's Previous.groups
    rendered_bodies: int


def theme_digest() -> str:
    """Return the hash of everything that shapes a page besides the data: templates, assets, the page code."""
    hasher = hashlib.sha256()
    here = Path(__file__).resolve().parent
    sources = sorted(p for p in site_dir().rglob("*") if p.is_file())
    sources += [here / name for name in ("render.py", "views.py", "search.py", "outputs.py", "gather.py")]
    for path in sources:
        data = path.read_bytes()
        hasher.update(path.name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return hasher.hexdigest()


def render_site(data: Gathered, problems: list[str], base_url: str = "", previous: Previous | None = None,
                staging: Path | None = None, workers: int = 1) -> Rendered:
    """Return every file of the site by its path under the output folder, each one taken from the previous build
    when what it shows is unchanged (a body's files, a matrix page, a model clause page, a slice of the search index …).

    With a staging folder and more than one worker, the bodies to render are rendered on worker processes,
    which write their files there themselves.
    """
    from policygen import __version__

    env = _environment()
    out = Outputs(previous or Previous(), digest(theme_digest(), __version__, data.model_version, base_url))
    bodies = sorted(data.bodies, key=lambda b: _pref_order(b.body))

    def page(path: str, template: str, into: dict | None = None, **context) -> bytes:
        root = "../" * path.count("/")
        html = env.get_template(template).render(root=root, model_version=data.model_version, **context).encode("utf-8")
        if into is not None:
            into[path] = html
        return html

    todo = []
    for item in bodies:
        # A body's own files depend on its inputs (the job key) and its metadata only, besides the salt.
        name = f"bodies/{item.body.id}"
        key, kept, facts = out.plan(name, [item.key, repr(item.body)], check=_has_facts)
        if kept is None:
            todo.append((item, name, key))
        else:
            out.add(name, key, kept, facts)
            item.facts = facts
    made = _render_bodies(env, [item for item, _, _ in todo], page, base_url, staging, workers)
    for (item, name, key), (files, facts) in zip(todo, made):
        out.add(name, key, files, facts)
        item.facts = facts
    rendered_bodies = len(todo)
    model = _model_columns(bodies)
    _matrix_pages(out, bodies, model, problems, page)
    _clause_pages(out, bodies, model, page)
    _search(out, bodies, page)
    out.file("statuses.csv", [item.facts["csv"] for item in bodies], lambda: _statuses_csv(bodies))
    listing = _bodies_listing(bodies, data.model_version)
    out.file("bodies.json", listing, lambda: _json_bytes(listing))
    steps = [(item, step) for item in bodies for step in _feed_steps(item)]
    out.file("feed.atom", [_step_facts(item, step) for item, step in steps],
             lambda: _feed(env, steps, "feed.atom", base_url, None))
    assets = site_dir() / "assets"
    for asset in sorted(assets.iterdir()):
        if asset.suffix == ".css":  # the status glyphs come from views.STATUS_GLYPH
            out.file(f"assets/{asset.name}", [], partial(_stylesheet, env, asset.name))
        elif asset.is_file():
            out.file(f"assets/{asset.name}", [], asset.read_bytes)
    return Rendered(out.files, out.groups, rendered_bodies)


def _stylesheet(env, name: str) -> bytes:
    return env.get_template(name).render().encode("utf-8")


_FORKED: tuple = ()  # what the render workers inherit: the environment, the bodies to render, page, base URL, staging folder


def _render_bodies(env, items: list[BodyData], page, base_url: str, staging: Path | None,
                   workers: int) -> list[tuple[Mapping[str, bytes | Written], dict]]:
    """Render bodies' own files, in order: on forked workers writing into the staging folder when there are several."""
    import multiprocessing

    global _FORKED
    if staging is None or workers <= 1 or len(items) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [_body_group(env, item, page, base_url) for item in items]
    from concurrent.futures import ProcessPoolExecutor

    for template in ("body.html", "step.html", "feed.xml"):
        env.get_template(template)  # compiled once, before the fork, for every worker
    _FORKED = (env, items, page, base_url, staging)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_render_forked, range(len(items)), chunksize=4))
    finally:
        _FORKED = ()


def _render_forked(index: int) -> tuple[Mapping[str, bytes | Written], dict]:
    """Render one body in a worker and write its files; return them as written, and its facts."""
    from policygen.publish.write import write_new

    env, items, page, base_url, staging = _FORKED
    files, facts = _body_group(env, items[index], page, base_url)
    return write_new(staging, files), facts


def _body_group(env, item: BodyData, page, base_url: str) -> tuple[dict[str, bytes], dict]:
    """Render a body's own files and return them with its facts."""
    own = _body_files(item, page)
    feed = f"bodies/{item.body.id}/feed.atom"
    own[feed] = _feed(env, [(item, step) for step in item.steps], feed, base_url, item)
    return own, _facts(item)


FACTS = ("status", "variant", "sample", "coverage", "summary", "steps", "entries", "csv")


def _has_facts(info) -> bool:
    return isinstance(info, dict) and all(name in info for name in FACTS)


def _facts(item: BodyData) -> dict:
    """Return what the corpus-wide pages show of a body, small enough to keep for every body between builds.

    status: the status a reader sees per model clause; variant: the hash of the wording the clause page groups
    it under; sample: the hash of the clause's data, which the clause page shows when the body leads a group;
    steps: its revision steps; entries: its number of search entries; csv: its rows of statuses.csv.
    """
    status, variant, sample = {}, {}, {}
    for clause in item.report["clauses"]:
        model_id = clause["model_id"]
        status[model_id] = code = V.clause_status(clause)
        if code not in ("missing", "not_applicable"):
            variant[model_id] = digest(item.variants.get(model_id, clause["org_text"]))
            sample[model_id] = digest(clause)
    summary = item.report["summary"]
    return {"status": status, "variant": variant, "sample": sample, "coverage": summary["coverage"],
            "summary": summary, "steps": [step.number for step in item.steps],
            "entries": len(_search_entries([item])), "csv": _status_rows(item)}


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


def _matrix_pages(out: Outputs, bodies: list[BodyData], model: list[dict], problems: list[str], page) -> None:
    """Add the matrix pages (MATRIX_ROWS bodies each, the corpus summary on the first) and the filters' data."""
    every_row = [_matrix_row(item, model) for item in bodies]  # the pages show them in runs, the filters' data all
    pages = [every_row[i:i + MATRIX_ROWS] for i in range(0, len(every_row), MATRIX_ROWS)] or [[]]
    paths = ["index.html"] + [f"matrix-{n}.html" for n in range(2, len(pages) + 1)]
    pager = list(zip(range(1, len(pages) + 1), paths))
    summary = _summary(bodies, model)
    filters = _filters(bodies)
    columns = [[c["id"], c["number"], c["heading"], c["depth"]] for c in model]
    for number, (rows, path) in enumerate(zip(pages, paths), start=1):
        first = number == 1
        shown = [columns, [_row_facts(r) for r in rows], number, pager, filters, len(bodies),
                 [[s["id"], dict(s["counts"])] for s in summary] if first else None, problems if first else []]
        out.file(path, shown, partial(
            page, path, "matrix.html", rows=rows, model=model, page=number, pages=pager,
            summary=summary if first else None, problems=problems if first else [], filters=filters, total=len(bodies)))
    data = _matrix_data(every_row, model)
    out.file("assets/matrix-data.js", data, lambda: _matrix_script(data))


def _matrix_row(item: BodyData, model: list[dict]) -> dict:
    status = item.facts["status"]
    cells = [{"id": column["id"], "status": V.status(status.get(column["id"], "missing"))} for column in model]
    body = item.body
    return {"body": body, "cells": cells, "kind": V.kind_word(body.kind, body.subkind),
            "edition": body.current.edition, "coverage": item.facts["coverage"]}


def _row_facts(row: dict) -> list:
    """Return what a matrix row shows, as data."""
    body = row["body"]
    return [body.id, body.name, body.prefecture, row["kind"], row["edition"], row["coverage"],
            [cell["status"].code for cell in row["cells"]]]


def _matrix_data(rows: list[dict], model: list[dict]) -> dict:
    """Return every matrix row as data for the filters, which search all pages: one status digit per model clause."""
    codes = list(V.STATUS_ORDER) + sorted({c["status"].code for r in rows for c in r["cells"]} - set(V.STATUS_ORDER))
    digit = {code: chr(48 + n) for n, code in enumerate(codes)}
    return {
        "clauses": [column["id"] for column in model],
        "statuses": [[code, V.status(code).word] for code in codes],
        "bodies": [[r["body"].id, r["body"].name, r["body"].prefecture, r["kind"], r["edition"],
                    f"{r['coverage'] * 100:.0f}%", "".join(digit[c["status"].code] for c in r["cells"])] for r in rows],
    }


def _matrix_script(data: dict) -> bytes:
    return f"window.PG_MATRIX_DATA = {json.dumps(data, ensure_ascii=False, separators=(',', ':'))};\n".encode("utf-8")


def _summary(bodies: list[BodyData], model: list[dict]) -> list[dict]:
    """Return per model clause how many bodies have each status and how many cover it."""
    out = []
    for column in model:
        counts: Counter = Counter(item.facts["status"].get(column["id"], "missing") for item in bodies)
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


def _body_files(item: BodyData, page) -> dict[str, bytes]:
    body = item.body
    base = f"bodies/{body.id}"
    blobs = item.blobs()
    files: dict[str, bytes] = {}
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


def _clause_pages(out: Outputs, bodies: list[BodyData], model: list[dict], page) -> None:
    """Add every model clause's pages: its text and the bodies' wordings grouped, VARIANTS_PER_PAGE groups a page."""
    for column in model:
        model_id = column["id"]
        groups: dict[str, list[BodyData]] = {}
        missing, not_applicable = [], []
        for item in bodies:
            code = item.facts["status"].get(model_id)
            if code is None:
                continue
            if code == "not_applicable":
                not_applicable.append(item)
            elif code == "missing":
                missing.append(item)
            else:
                groups.setdefault(item.facts["variant"][model_id], []).append(item)
        variants = sorted(groups.values(), key=lambda members: (-len(members), members[0].body.id))
        chunks = [variants[i:i + VARIANTS_PER_PAGE] for i in range(0, len(variants), VARIANTS_PER_PAGE)] or [[]]
        pages = [(n, V.clause_url(model_id, n)) for n in range(1, len(chunks) + 1)]
        covered = sum(len(m) for m in variants)
        for number, chunk in enumerate(chunks, start=1):
            first = (number - 1) * VARIANTS_PER_PAGE
            path = V.clause_url(model_id, number)
            shown = [column, number, pages, len(variants), covered,
                     [[m[0].facts["sample"][model_id], m[0].facts["status"][model_id], _names(m)] for m in chunk],
                     [_names(missing), _names(not_applicable)] if number == 1 else None]
            out.file(path, shown, partial(_clause_page, page, path, chunk, model_id, column=column, first=first,
                                          total_variants=len(variants), covered=covered, missing=missing,
                                          not_applicable=not_applicable, page=number, pages=pages))


def _clause_page(render, path: str, chunk: list[list[BodyData]], model_id: str, **context) -> bytes:
    return render(path, "clause.html", variants=[_variant(members, model_id) for members in chunk], **context)


def _names(items: list[BodyData]) -> list[list[str]]:
    return [[item.body.id, item.body.name] for item in items]


def _variant(members: list[BodyData], model_id: str) -> dict:
    """Return one wording of a clause page: its bodies, and the first one's clause to show."""
    sample = members[0].clauses_by_id[model_id]
    return {"members": members, "sample": sample, "status": V.status(V.clause_status(sample))}


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


def _search(out: Outputs, bodies: list[BodyData], page) -> None:
    """Add the search index, one slice per SEARCH_GROUP bodies (a changed body remakes its slice only), and its page."""
    groups = [bodies[i:i + SEARCH_GROUP] for i in range(0, len(bodies), SEARCH_GROUP)]
    slices = []
    for number, members in enumerate(groups):
        name = f"assets/search/g{number}"
        inputs = [[item.body.id, out.groups[f"bodies/{item.body.id}"]["digest"]] for item in members]
        info, _ = out.group(name, inputs, partial(_search_slice, name, members), check=lambda info: isinstance(info, dict))
        slices.append(info)
    meta = search_meta(slices)
    out.file("assets/search/meta.js", meta, lambda: meta_script(meta))
    docs = sum(item.facts["entries"] for item in bodies)
    out.file("search.html", [docs], lambda: page("search.html", "search.html", docs=docs))


def _search_slice(name: str, members: list[BodyData]) -> tuple[dict[str, bytes], dict]:
    files, info = build_index(_search_entries(members), name.rsplit("/", 1)[1])
    return {f"{name}/{file}": content for file, content in files.items()}, info


def _status_rows(item: BodyData) -> str:
    """Return a body's rows of statuses.csv: one per model clause."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    body = item.body
    for clause in item.report["clauses"]:
        code = V.clause_status(clause)
        best = max((m["similarity"] for m in clause["matches"]), default="")
        writer.writerow([body.id, body.name, body.kind, body.prefecture, body.code,
                         body.current.date.isoformat() if body.current.date else "", clause["model_id"],
                         clause["number"], clause["status"], V.status(code).word,
                         "true" if clause["applicable"] else "false", best])
    return out.getvalue()


def _statuses_csv(bodies: list[BodyData]) -> bytes:
    """Return one row per body and model clause, UTF-8 with a BOM so that Excel reads the Japanese."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(
        ["body_id", "name", "kind", "prefecture", "code", "version_date", "model_id", "number",
         "status", "status_ja", "applicable", "similarity"])
    return ("\ufeff" + out.getvalue() + "".join(item.facts["csv"] for item in bodies)).encode("utf-8")


def _bodies_listing(bodies: list[BodyData], model_version: str) -> dict:
    return {
        "schema_version": BODIES_JSON_VERSION,
        "model_version": model_version,
        "bodies": [
            {**_body_meta(item.body), "versions": [_version_meta(v) for v in item.body.versions],
             "summary": item.facts["summary"], "page": V.body_url(item.body.id),
             "comparison": f"bodies/{item.body.id}/comparison.json"}
            for item in bodies
        ],
    }


def _json_bytes(data: dict) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _feed_steps(item: BodyData) -> list[Step]:
    """Return a body's revision steps as the corpus feed lists them (from its facts: no stored result is read)."""
    versions = item.body.versions
    return [Step(number, versions[number - 1], versions[number], {}) for number in item.facts["steps"]]


def _step_facts(item: BodyData, step: Step) -> list:
    """Return what a feed entry shows of a step."""
    return [item.body.id, item.body.name, step.number, *[[v.file.name, v.label, v.date_text, v.made_by]
                                                          for v in (step.old, step.new)]]


def _feed(env, steps: list[tuple[BodyData, Step]], path: str, base_url: str, only: BodyData | None) -> bytes:
    """Return an Atom feed of revision steps, newest first; it depends on the corpus only, never on the tool."""
    root = base_url.rstrip("/") + "/" if base_url else "../" * path.count("/")
    entries: list[dict[str, Any]] = []
    for item, step in steps:
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
