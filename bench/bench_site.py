"""Time `policygen site` on a synthetic corpus: cold build, warm rebuilds, peak memory, site size, largest page.

The corpus is made here: the model rendered for bodies of every kind (numbered and article style), then
changed at random the way real policies differ from the model — paragraphs deleted, words reworded,
neighbouring items swapped — and a fifth of the bodies get two or three versions, each a further change
of the last. Baseline, in the same process: one in-process comparison of one of the synthetic policies,
so that the build's time per policy reads as a ratio. Prints figures; asserts nothing.

Run: python bench/bench_site.py [--bodies 1000] [--jobs 2] [--keep DIR]
     python bench/bench_site.py --split 16   (a cold build of 16 bodies in one process, time split by stage)
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import tempfile
import time
from pathlib import Path

KINDS = (("prefecture", ""), ("city", ""), ("special_ward", ""), ("town", ""), ("village", ""), ("council", ""),
         ("joint_body", "union"), ("joint_body", "regional_union"), ("joint_body", "consultative_council"))
SUFFIX = {"prefecture": "県", "city": "市", "special_ward": "区", "town": "町", "village": "村", "council": "市議会"}
JOINT = {"union": "事務組合", "regional_union": "広域連合", "consultative_council": "共同運営協議会"}
PREFECTURES = ("北海道", "青森県", "岩手県", "宮城県", "東京都", "神奈川県", "愛知県", "大阪府", "福岡県", "沖縄県")
REWORDINGS = (("実施する", "行う"), ("確保する", "保持する"), ("情報資産", "情報の資産"), ("定める", "規定する"),
              ("職員等", "職員"), ("必要な", "所要の"), ("対策", "措置"), ("講じる", "講ずる"))
SEED = 20261202


def _name(index: int, kind: str, subkind: str) -> str:
    stem = "".join(chr(0x4E00 + (index * 7919 + k * 104729) % 20000) for k in range(2))  # two CJK characters
    return f"{stem}{JOINT[subkind]}" if kind == "joint_body" else f"{stem}{SUFFIX[kind]}"


def _profile(name: str, kind: str, subkind: str, style: str) -> str:
    org = f"organization:\n  name: {name}\n  kind: {kind}\n" + (f"  subkind: {subkind}\n" if subkind else "")
    return org + f"document:\n  style: {style}\n"


def _mutate(text: str, rng: random.Random, strength: float) -> str:
    """Delete, reword and reorder parts of a rendered policy (Markdown)."""
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        is_heading = block.startswith("#")
        if not is_heading and len(out) > 2 and rng.random() < 0.06 * strength:
            continue  # a deleted paragraph
        if not is_heading and rng.random() < 0.3 * strength:
            old, new = rng.choice(REWORDINGS)
            block = block.replace(old, new, 1)
        if not is_heading and rng.random() < 0.08 * strength:
            block = block.rstrip("。") + "。ただし、別に定める場合はこの限りでない。"
        out.append(block)
    # Swap two neighbouring items (paragraphs) once or twice.
    for _ in range(rng.randint(0, 2)):
        i = rng.randrange(2, len(out) - 2)
        if not out[i].startswith("#") and not out[i + 1].startswith("#"):
            out[i], out[i + 1] = out[i + 1], out[i]
    return "\n\n".join(out)


def make_corpus(folder: Path, bodies: int) -> int:
    """Write a synthetic corpus of `bodies` bodies; return the number of policy files."""
    from policygen.generate.profile import profile_from_data
    from policygen.generate.template import render
    from policygen.writers.markdown import to_markdown
    import yaml

    rng = random.Random(SEED)
    files = 0
    for index in range(bodies):
        kind, subkind = KINDS[index % len(KINDS)]
        style = "article" if index % 4 == 3 else "numbered"
        name = _name(index, kind, subkind)
        profile_text = _profile(name, kind, subkind, style)
        base = to_markdown(render(profile_from_data(yaml.safe_load(profile_text), name)))
        body = folder / f"b{index:04d}"
        body.mkdir(parents=True)
        (body / "profile.yaml").write_text(profile_text, encoding="utf-8")
        count = rng.choice((2, 3)) if rng.random() < 0.2 else 1
        text = _mutate(base, rng, 1.0 + rng.random() * 2)
        versions = []
        for number in range(1, count + 1):
            if number > 1:
                text = _mutate(text, rng, 0.5)
            file = f"v{number}.md"
            (body / file).write_text(text, encoding="utf-8")
            versions.append(f"  - {{file: {file}, date: {2015 + number * 3}-04-01, label: 第{number}版}}\n")
            files += 1
        (body / "meta.yaml").write_text(
            f"organization: {name}\nkind: {kind}\n" + (f"subkind: {subkind}\n" if subkind else "")
            + f"prefecture: {PREFECTURES[index % len(PREFECTURES)]}\nprofile: profile.yaml\nversions:\n"
            + "".join(versions), encoding="utf-8")
    return files


def _peak_mb() -> tuple[float, float]:
    """Return the peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


# Stages of a body's job and of the build, timed where the site's code calls them; a stage called from inside
# another counts as that other one (compare's own normalization is compare's time).
STAGES = (
    ("read", "policygen.readers", "read_path"),
    ("compare", "policygen.compare.with_model", "compare_document"),
    ("report JSON / Markdown", "policygen.writers.report.json", "report_data"),
    ("report JSON / Markdown", "policygen.writers.report.markdown", "render"),
    ("wordings for the clause pages", "policygen.compare.features", "org_names"),
    ("wordings for the clause pages", "policygen.ja.normalize", "normalize_text"),
    ("diff of versions and of the amended draft", "policygen.revise.versions", "compare_revisions"),
    ("amend", "policygen.revise.amend", "amend_document"),
    ("amend", "policygen.generate.profile", "load_profile"),
    ("新旧対照表 rows of revision steps", "policygen.writers.old_new_table.rows", "build_table"),
    ("新旧対照表 .docx of revision steps", "policygen.writers.old_new_table.docx", "table_docx"),
    ("amended draft's 新旧対照表 (rows + .docx)", "policygen.writers.old_new_table.docx", "old_new_table_docx"),
    ("amended draft .docx", "policygen.writers.docx", "to_docx"),
    ("draft .md, changes.json", "policygen.writers.markdown", "to_markdown"),
    ("draft .md, changes.json", "policygen.writers.changes_json", "changes_json"),
    ("cache write", "policygen.publish.cache", "Cache.put"),
    ("load corpus", "policygen.publish.corpus", "load_corpus"),
    ("HTML pages and exports", "policygen.publish.render", "render_site"),
    ("write files, swap in", "policygen.publish.write", "write_files"),
    ("write files, swap in", "policygen.publish.write", "swap_in"),
)


def split(corpus: Path, bodies: int, work: Path) -> None:
    """Build the first bodies of the corpus cold in this process and print the time of each stage per body."""
    import importlib
    from collections import defaultdict

    from policygen.publish.build import build_site

    spent: dict[str, float] = defaultdict(float)
    active: list[str] = []

    def timed(label, function):
        def call(*args, **kwargs):
            if active:
                return function(*args, **kwargs)
            active.append(label)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[label] += time.perf_counter() - start
                active.pop()
        return call

    for label, module_name, name in STAGES:
        owner = importlib.import_module(module_name)
        *path, attribute = name.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, attribute, timed(label, getattr(owner, attribute)))
    part = work / "part"
    for folder in sorted(corpus.iterdir())[:bodies]:
        shutil.copytree(folder, part / folder.name)
    start = time.perf_counter()
    build_site(part, work / "split-site", workers=1)
    total = time.perf_counter() - start
    print(f"cold build of {bodies} bodies in one process: {total:.1f} s, {total / bodies * 1e3:.0f} ms per body")
    spent["other"] = total - sum(spent.values())
    for label, seconds in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {label:45s} {seconds / bodies * 1e3:6.0f} ms per body  {seconds / total * 100:5.1f}%")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="build the site here and keep it (default: a temporary folder)")
    parser.add_argument("--split", type=int, metavar="N", help="only time the stages of a cold build of N bodies")
    args = parser.parse_args()

    from policygen.compare.with_model import compare_document
    from policygen.publish.build import build_site
    from policygen.readers import read_path

    work = Path(tempfile.mkdtemp(prefix="bench-site-"))
    try:
        corpus = work / "corpus"
        start = time.perf_counter()
        if args.split:
            make_corpus(corpus, args.split)
            split(corpus, args.split, work)
            return
        files = make_corpus(corpus, args.bodies)
        print(f"synthetic corpus: {args.bodies} bodies, {files} policy files ({time.perf_counter() - start:.1f} s to make)")
        out = args.keep or work / "site"
        if out.exists():
            shutil.rmtree(out)

        sample = read_path(corpus / "b0001" / "v1.md")
        compare_document(sample)  # warm the tokenizer and the model
        start = time.perf_counter()
        compare_document(sample)
        baseline = time.perf_counter() - start

        start = time.perf_counter()
        cold = build_site(corpus, out, workers=args.jobs)
        t_cold = time.perf_counter() - start
        own, child = _peak_mb()

        start = time.perf_counter()
        same = build_site(corpus, out, workers=args.jobs)
        t_same = time.perf_counter() - start

        changed = corpus / "b0002" / "v1.md"
        changed.write_text(changed.read_text(encoding="utf-8").replace("情報", "情 報", 1), encoding="utf-8")
        start = time.perf_counter()
        warm = build_site(corpus, out, workers=args.jobs)
        t_warm = time.perf_counter() - start

        print(f"baseline: one in-process compare of a synthetic policy {baseline * 1e3:.0f} ms")
        print(f"cold build: {t_cold:.1f} s ({cold.computed} jobs on {args.jobs} workers; "
              f"{t_cold / files * 1e3:.0f} ms per policy file = {t_cold / files / baseline:.1f}× one compare)")
        print(f"rebuild, nothing changed: {t_same:.1f} s ({same.computed} jobs recomputed, "
              f"{getattr(same, 'rendered_bodies', 'all')} bodies rendered)")
        print(f"rebuild after changing one policy: {t_warm:.1f} s ({warm.computed} jobs recomputed, {warm.cached} cached, "
              f"{getattr(warm, 'rendered_bodies', 'all')} bodies rendered)")
        print(f"peak memory: build process {own:.0f} MB, largest worker {child:.0f} MB")
        name, size = cold.largest_page
        print(f"site: {cold.files} files, {cold.size / 1e6:.1f} MB (without the cache); largest page {name} {size / 1e3:.0f} KB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
