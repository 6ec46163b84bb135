"""`policygen site`: the build over the bundled corpus, its cache, its safety, its exports and its links."""

from __future__ import annotations

import csv
import io
import sys
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from policygen.cli import main
from policygen.publish.build import build_site
from site_helpers import CORPUS, broken_links, copy_corpus

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "out"
    build_site(CORPUS, out)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".cache" not in p.parts}


def test_every_page_type_is_built(site):
    bodies = sorted(p.name for p in CORPUS.iterdir() if (p / "meta.yaml").is_file())
    assert (site / "index.html").is_file() and (site / "search.html").is_file()
    for body in bodies:
        folder = site / "bodies" / body
        for name in ("index.html", "comparison.json", "comparison.md", "feed.atom", "amended-draft.docx",
                     "amended-draft.md", "amended-table.docx"):
            assert (folder / name).is_file(), f"{body}/{name}"
    # 002 and 003 carry two versions each: one revision step with its 新旧対照表 page and .docx.
    for body in ("002_771cedfa9ebb355f", "003_07866c46755dc2bc"):
        assert (site / "bodies" / body / "changes" / "1.html").is_file()
        assert (site / "bodies" / body / "changes" / "1.docx").read_bytes()[:2] == b"PK"
    assert (site / "clauses" / "6.8.2.html").is_file()


def test_no_internal_link_anchor_or_download_is_broken(site):
    assert broken_links(site) == []


def test_no_page_is_over_400_kb(site):
    sizes = {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) < 400_000, max(sizes.items(), key=lambda kv: kv[1])


def test_pages_allow_only_the_sites_own_scripts(site):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "default-src &#39;none&#39;; script-src &#39;self&#39;;" in html, page
        assert "<script>" not in html and " style=" not in html and "<style" not in html, page
        assert "http://" not in html.replace('http-equiv', '') and "https://" not in html, page


def test_same_inputs_give_byte_identical_sites(site, tmp_path):
    again = tmp_path / "again"
    build_site(CORPUS, again, workers=1)  # in-process, not on workers: the result must not depend on that
    assert _files(again) == _files(site)


def test_statuses_csv_opens_in_excel_and_has_a_row_per_body_and_clause(site):
    data = (site / "statuses.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    bodies = json.loads((site / "bodies.json").read_text(encoding="utf-8"))["bodies"]
    clauses = {r["model_id"] for r in rows}
    assert len(rows) == len(bodies) * len(clauses) == 5 * 47
    kamakura = {r["model_id"]: r for r in rows if r["name"] == "鎌倉市議会"}
    assert kamakura["2.8"]["status_ja"] == "対象外" and kamakura["2.8"]["applicable"] == "false"


def test_bodies_json_and_comparison_json_carry_metadata_and_schema_versions(site):
    data = json.loads((site / "bodies.json").read_text(encoding="utf-8"))
    assert data["schema_version"] == 1
    by_id = {b["id"]: b for b in data["bodies"]}
    assert by_id["001_4bef1579f8598a41"]["code"] == "022055"
    assert by_id["001_4bef1579f8598a41"]["prefecture"] == "青森県"
    versions = by_id["002_771cedfa9ebb355f"]["versions"]
    assert [v["date"] for v in versions] == ["2010-02-09", "2026-12-02"]
    assert versions[1]["made_by"] == "policygen amend" and "実際の改正ではない" in versions[1]["label"]
    comparison = json.loads((site / "bodies/004_645209a511fff9bc/comparison.json").read_text(encoding="utf-8"))
    assert comparison["schema_version"] == 1 and comparison["comparison"]["schema_version"] == 1
    assert comparison["body"]["name"] == "鎌倉市議会"
    assert {c["model_id"]: c["status"] for c in comparison["comparison"]["clauses"]}["4.1"] == "missing"


def test_feeds_list_the_revision_steps_and_link_to_their_tables(site):
    feed = ET.parse(site / "feed.atom").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 2
    links = sorted(e.find(f"{ATOM}link").get("href") for e in entries)
    assert links == ["bodies/002_771cedfa9ebb355f/changes/1.html", "bodies/003_07866c46755dc2bc/changes/1.html"]
    assert feed.find(f"{ATOM}updated").text == "2026-12-02T00:00:00Z"
    body_feed = ET.parse(site / "bodies/002_771cedfa9ebb355f/feed.atom").getroot()
    (entry,) = body_feed.findall(f"{ATOM}entry")
    href = entry.find(f"{ATOM}link").get("href")
    assert (site / "bodies/002_771cedfa9ebb355f" / href).resolve() == (site / "bodies/002_771cedfa9ebb355f/changes/1.html").resolve()
    assert ET.parse(site / "bodies/001_4bef1579f8598a41/feed.atom").getroot().findall(f"{ATOM}entry") == []


def test_feeds_stay_the_same_when_only_the_tool_or_theme_changes(site, tmp_path, monkeypatch):
    import policygen
    from policygen.publish import render

    monkeypatch.setattr(policygen, "__version__", "99.0")
    theme = tmp_path / "theme"
    import shutil

    shutil.copytree(render.site_dir(), theme)
    (theme / "assets" / "site.css").write_text("body { color: red; }\n", encoding="utf-8")
    monkeypatch.setattr(render, "site_dir", lambda: theme)
    out = tmp_path / "out"
    build_site(CORPUS, out)
    assert (out / "assets" / "site.css").read_bytes() != (site / "assets" / "site.css").read_bytes()
    for feed in site.rglob("*.atom"):
        assert (out / feed.relative_to(site)).read_bytes() == feed.read_bytes(), feed


def test_a_rebuild_after_changing_one_policy_recomputes_only_that_policy(tmp_path, monkeypatch):
    from policygen.publish import render

    corpus = copy_corpus(tmp_path / "corpus", ["000", "001", "004"])
    out = tmp_path / "out"
    first = build_site(corpus, out)
    assert first.computed == 3 and first.cached == 0 and first.rendered_bodies == 3  # one job per body
    second = build_site(corpus, out)
    assert second.computed == 0 and second.cached == 3 and second.rendered_bodies == 0
    policy = corpus / "001_4bef1579f8598a41" / "001_4bef1579f8598a41.txt"
    policy.write_text(policy.read_text(encoding="utf-8").replace("情報資産", "情報の資産", 1), encoding="utf-8")
    third = build_site(corpus, out)
    assert third.computed == 1 and third.cached == 2 and third.rendered_bodies == 1
    assert "情報の資産" in (out / "bodies/001_4bef1579f8598a41/comparison.json").read_text(encoding="utf-8")
    # A changed theme renders every body again, though nothing is recomputed.
    monkeypatch.setattr(render, "theme_digest", lambda: "another theme")
    fourth = build_site(corpus, out)
    assert fourth.computed == 0 and fourth.rendered_bodies == 3


def test_a_rebuild_after_changing_one_policy_gives_the_cold_builds_bytes(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", ["000", "001", "002"])  # 002 has two versions: a revision step
    warm = tmp_path / "warm"
    build_site(corpus, warm)
    policy = corpus / "002_771cedfa9ebb355f" / "002_771cedfa9ebb355f.txt"
    old_files = _files(warm)
    policy.write_text(policy.read_text(encoding="utf-8").replace("情報資産", "情報の資産", 1), encoding="utf-8")
    report = build_site(corpus, warm)
    assert report.computed == 1 and report.rendered_bodies == 1
    cold = tmp_path / "cold"
    build_site(corpus, cold)
    assert _files(warm) == _files(cold)
    changed = {name for name in old_files if old_files[name] != _files(cold).get(name)}
    assert "bodies/002_771cedfa9ebb355f/changes/1.html" in changed  # the edit (to its older version) did reach the site
    assert not any(name.startswith("bodies/000_") for name in changed)


def test_a_rebuild_renders_a_body_again_when_its_previous_files_are_gone(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", ["004"])
    out = tmp_path / "out"
    build_site(corpus, out)
    before = _files(out)
    (out / "bodies/004_645209a511fff9bc/comparison.md").unlink()
    again = build_site(corpus, out)
    assert again.computed == 0 and again.rendered_bodies == 1
    assert _files(out) == before


def test_bad_entries_are_reported_and_skipped(tmp_path, capsys):
    corpus = copy_corpus(tmp_path / "corpus", ["001", "004"])
    (corpus / "bad_yaml").mkdir()
    (corpus / "bad_yaml" / "meta.yaml").write_text("organization: [unclosed\n", encoding="utf-8")
    (corpus / "no_file").mkdir()
    (corpus / "no_file" / "meta.yaml").write_text(
        "organization: 架空町\nkind: town\nversions:\n  - {file: gone.txt, date: 2020-01-01}\n", encoding="utf-8")
    (corpus / "not_policy").mkdir()
    (corpus / "not_policy" / "meta.yaml").write_text(
        "organization: 架空村\nkind: village\nversions:\n  - {file: a.pdf, date: 2020-01-01}\n", encoding="utf-8")
    (corpus / "not_policy" / "a.pdf").write_bytes(b"%PDF-1.4 this is not really a PDF")
    out = tmp_path / "out"
    assert main(["site", str(corpus), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    skipped = [line for line in err.splitlines() if line.startswith("policygen: warning: skipped")]
    assert len(skipped) == 3, err
    assert any("bad_yaml/meta.yaml: not valid YAML" in line for line in skipped)
    assert any("no_file/meta.yaml: version 1: gone.txt: no such file" in line for line in skipped)
    assert any("not_policy/a.pdf" in line for line in skipped)
    assert "Traceback" not in err
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "読み込めなかった項目（3件" in index and str(tmp_path) not in index
    assert index.count('class="body-row"') == 2


def test_a_folder_that_is_not_a_site_is_never_replaced(tmp_path, capsys):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("keep me", encoding="utf-8")
    assert main(["site", str(CORPUS / ".." / "corpus"), "-o", str(out)]) == 2
    assert "is not empty and is not a policygen site" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_a_failed_build_leaves_the_previous_site_and_nothing_beside_it(tmp_path, monkeypatch, capsys):
    corpus = copy_corpus(tmp_path / "corpus", ["004"])
    out = tmp_path / "out"
    build_site(corpus, out)
    before = _files(out)
    from policygen.publish import render

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render, "render_site", broken)
    with pytest.raises(OSError):
        build_site(corpus, out)
    assert _files(out) == before
    assert (out / ".cache").is_dir()  # the cache went back where it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out"]


def test_texts_from_policies_and_metadata_are_escaped(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", ["004"])
    body = corpus / "004_645209a511fff9bc"
    meta = (body / "meta.yaml").read_text(encoding="utf-8")
    (body / "meta.yaml").write_text(meta.replace("organization: 鎌倉市議会", 'organization: "<script>alert(1)</script>市議会"'),
                                    encoding="utf-8")
    policy = body / "004_645209a511fff9bc.txt"
    policy.write_text(policy.read_text(encoding="utf-8").replace("目的", "目的<img src=x onerror=alert(2)>", 1),
                      encoding="utf-8")
    out = tmp_path / "out"
    build_site(corpus, out)
    for page in out.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;市議会" in (out / "index.html").read_text(encoding="utf-8")
    ET.parse(out / "feed.atom")  # still well-formed XML


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["site", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err.strip() == f"policygen: error: {tmp_path / 'nowhere'}: no such folder"
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    assert main(["site", str(CORPUS), "-o", str(tmp_path / "file.txt")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_progress_bar_shows_on_a_terminal_only():
    from policygen.progress import ProgressBar

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    bar = ProgressBar(terminal)
    bar(0, 4)
    bar(2, 4)
    bar(4, 4)
    bar.close()
    assert terminal.getvalue().endswith(f"\rpolicygen: comparing [{'#' * 30}] 4/4\n")
    assert f"[{'#' * 15}{'-' * 15}] 2/4" in terminal.getvalue()
    pipe = io.StringIO()
    quiet = ProgressBar(pipe)
    quiet(1, 2)
    quiet.close()
    assert pipe.getvalue() == ""


def test_the_site_command_draws_on_the_command_lines_one_bar(tmp_path, monkeypatch):
    from policygen.cli import main

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    corpus = copy_corpus(tmp_path / "corpus", ["004"])
    assert main(["site", str(corpus), "-o", str(tmp_path / "out"), "--jobs", "1"]) == 0
    bar, summary, end = terminal.getvalue().split("\n")  # the bar's line ended once, the summary, nothing after
    assert summary.startswith("policygen: wrote ") and end == ""
    # compare's steps and the build's share the line: each redraw blanks what a longer one left before it.
    drawn = bar.split("\r")[1:]
    assert drawn[-1].rstrip().endswith("comparing [" + "#" * 30 + "] 1/1")
    assert all(len(later) >= len(earlier.rstrip()) for earlier, later in zip(drawn, drawn[1:]))


def test_a_rebuild_never_takes_a_file_from_outside_the_previous_site(tmp_path):
    corpus = copy_corpus(tmp_path / "corpus", ["004"])
    out = tmp_path / "out"
    build_site(corpus, out)
    before = _files(out)
    secret = tmp_path / "secret.txt"
    secret.write_text("not part of any site", encoding="utf-8")
    page = out / "bodies/004_645209a511fff9bc/comparison.md"
    page.unlink()
    page.symlink_to(secret)
    again = build_site(corpus, out)
    assert again.rendered_bodies == 1 and not (out / "bodies/004_645209a511fff9bc/comparison.md").is_symlink()
    assert _files(out) == before and secret.read_text(encoding="utf-8") == "not part of any site"


def _inodes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_ino for p in folder.rglob("*")
            if p.is_file() and ".cache" not in p.parts}


def _change_policy(corpus: Path) -> None:
    policy = corpus / "000_a7593d4c9a7344db" / "000_a7593d4c9a7344db.txt"
    policy.write_text(policy.read_text(encoding="utf-8").replace("情報資産", "情報の資産", 1), encoding="utf-8")


def _rename_body(corpus: Path) -> None:
    meta = corpus / "001_4bef1579f8598a41" / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("五所川原市", "架空市"), encoding="utf-8")


def _remove_body(corpus: Path) -> None:
    import shutil

    shutil.rmtree(corpus / "003_07866c46755dc2bc")


def _add_body(corpus: Path) -> None:
    import shutil

    shutil.copytree(corpus / "004_645209a511fff9bc", corpus / "005_copy")
    meta = corpus / "005_copy" / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("鎌倉市議会", "写し市議会"), encoding="utf-8")


@pytest.mark.parametrize("change", [_change_policy, _rename_body, _remove_body, _add_body])
def test_a_rebuild_after_a_change_gives_the_tree_of_a_cold_build(tmp_path, monkeypatch, change):
    from policygen.publish import render

    # Small pages and index slices, so that the five bodies spread over several of each.
    monkeypatch.setattr(render, "MATRIX_ROWS", 2)
    monkeypatch.setattr(render, "VARIANTS_PER_PAGE", 1)
    monkeypatch.setattr(render, "SEARCH_GROUP", 2)
    corpus = copy_corpus(tmp_path / "corpus")
    warm = tmp_path / "warm"
    build_site(corpus, warm)
    change(corpus)
    build_site(corpus, warm)
    cold = tmp_path / "cold"
    build_site(corpus, cold)
    assert _files(warm) == _files(cold)


def test_a_rebuild_renders_only_the_corpus_wide_files_that_show_the_changed_body(tmp_path, monkeypatch):
    from policygen.publish import render

    monkeypatch.setattr(render, "MATRIX_ROWS", 2)
    monkeypatch.setattr(render, "SEARCH_GROUP", 2)
    corpus = copy_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    build_site(corpus, out)
    before, old_bytes = _inodes(out), _files(out)
    _change_policy(corpus)
    report = build_site(corpus, out)
    assert report.computed == 1 and report.rendered_bodies == 1
    after, new_bytes = _inodes(out), _files(out)
    made = {name for name in after if after[name] != before.get(name)}  # written anew, not linked from before
    changed = {name for name in new_bytes if new_bytes[name] != old_bytes.get(name)}
    assert changed <= made
    # 000 is on the first matrix page (with the summary) and in the first search slice, nowhere else.
    order = [b["id"] for b in json.loads(new_bytes["bodies.json"])["bodies"]]
    page_of_000 = order.index("000_a7593d4c9a7344db") // 2
    assert page_of_000 == 0, order
    assert {"index.html", "statuses.csv", "bodies.json", "assets/matrix-data.js"} <= made
    assert not {"matrix-2.html", "matrix-3.html", "feed.atom", "assets/site.css", "assets/search.js"} & made
    assert not any(name.startswith(("bodies/001_", "bodies/002_", "bodies/003_", "bodies/004_")) for name in made)
    assert {name for name in made if name.startswith("assets/search/g")} == {
        name for name in after if name.startswith("assets/search/g0/")}
    clause_pages = [name for name in after if name.startswith("clauses/")]
    assert len([name for name in clause_pages if name in made]) < len(clause_pages) / 2
    cold = tmp_path / "cold"
    build_site(corpus, cold)
    assert new_bytes == _files(cold)
