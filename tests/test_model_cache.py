"""The model side kept on disk between runs: what is read back is what would be computed, never stale."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from policygen.compare import model_cache
from policygen.compare.model_side import _prepare, applicable_ids, model_side
from policygen.generate import template
from policygen.generate.resources import model_template_path
from policygen.ja.bodies import KINDS
from revision_cases import seed_path

SRC = Path(__file__).resolve().parents[1] / "src"
SEED = seed_path("003")


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A private, empty cache folder and no model side in this process's memory."""
    monkeypatch.setenv(model_cache.CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(model_cache, "_MEMORY", {})
    return tmp_path / "cache"


def same_side(a, b) -> None:
    """Assert two model sides are equal, the units' feature bags (not compared by Unit's ==) included."""
    assert a == b
    assert [u.features for u in a.units] == [u.features for u in b.units]
    assert [list(u.features) for u in a.units] == [list(u.features) for u in b.units]  # the order sums run in
    assert a.texts == b.texts and a.texts


@pytest.mark.parametrize("kind", ["", *KINDS])
@pytest.mark.parametrize("style", ["numbered", "article"])
def test_side_read_back_from_disk_is_the_computed_one(fresh, kind, style):
    computed = _prepare(template.load_model(), kind, style)
    model_side(None, kind, style)  # computes and writes
    model_cache._MEMORY.clear()  # as a new process: read from the file
    read = model_side(None, kind, style)
    same_side(read, computed)
    if kind:
        assert applicable_ids(kind) == frozenset(template.applicable_model_ids(kind, template.load_model()))


def test_a_changed_template_is_computed_afresh(fresh, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(model_template_path().parent, folder)
    path = folder / model_template_path().name
    before = model_cache.digest(path)
    calls = []
    assert model_cache.cached(path, ("x",), lambda: calls.append(1) or "old") == "old"
    assert model_cache.cached(path, ("x",), lambda: calls.append(1) or "again") == "old"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + "\n# changed\n", encoding="utf-8")
    assert model_cache.digest(path) != before
    assert model_cache.cached(path, ("x",), lambda: calls.append(1) or "new") == "new"
    (folder / "vocabulary.yaml").write_text((folder / "vocabulary.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert model_cache.cached(path, ("x",), lambda: calls.append(1) or "newer") == "newer"
    assert len(calls) == 3


def test_a_damaged_or_foreign_file_is_computed_again(fresh):
    path = model_template_path()
    model_cache.cached(path, ("y",), lambda: "value")
    (stored,) = fresh.glob("model-side-*.pickle")
    stored.write_bytes(b"not a pickle")
    model_cache._MEMORY.clear()
    assert model_cache.cached(path, ("y",), lambda: "recomputed") == "recomputed"
    # A file whose recorded digest is not its name's (copied, or a collision) is not read.
    stored.write_bytes(pickle.dumps({"digest": "other", "key": ("y",), "value": "wrong"}))
    model_cache._MEMORY.clear()
    assert model_cache.cached(path, ("y",), lambda: "right") == "right"
    # Nor is one that holds another key's entry under this key's name.
    stored.write_bytes(pickle.dumps({"digest": model_cache.digest(path), "key": ("z",), "value": "wrong"}))
    model_cache._MEMORY.clear()
    assert model_cache.cached(path, ("y",), lambda: "right again") == "right again"


def test_each_entry_is_a_file_of_its_own_and_other_versions_are_pruned(fresh, monkeypatch):
    path = model_template_path()
    model_cache.cached(path, ("a",), lambda: "A")
    model_cache.cached(path, ("b",), lambda: "B")
    ours = sorted(fresh.glob("model-side-*.pickle"))
    assert len(ours) == 2  # a compare reads the one entry of its kind and style, not every body's
    model_cache._MEMORY.clear()
    assert model_cache.cached(path, ("b",), lambda: "not read") == "B"
    monkeypatch.setattr(model_cache, "_KEEP_FILES", 1)
    for n, version in enumerate(["0" * 40, "1" * 40]):
        old = fresh / f"model-side-{version}-{n:016d}.pickle"
        old.write_bytes(b"old")
        os.utime(old, ns=(n * 10**9, n * 10**9))
    model_cache._MEMORY.clear()
    model_cache.cached(path, ("c",), lambda: "C")
    left = {p.name for p in fresh.glob("model-side-*.pickle")} - {p.name for p in ours}
    assert len(left) == 2 and f"model-side-{'1' * 40}-{1:016d}.pickle" in left  # ("c",) and the newest other


def test_no_folder_or_an_unwritable_one_only_costs_the_computation(monkeypatch, tmp_path):
    monkeypatch.setattr(model_cache, "_MEMORY", {})
    monkeypatch.setenv(model_cache.CACHE_ENV, "")
    assert model_cache.cache_dir() is None
    assert model_cache.cached(model_template_path(), ("z",), lambda: 1) == 1
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would go")
    monkeypatch.setenv(model_cache.CACHE_ENV, str(blocked / "cache"))
    model_cache._MEMORY.clear()
    assert model_cache.cached(model_template_path(), ("z",), lambda: 2) == 2


def test_compare_reports_the_same_with_and_without_the_cache(tmp_path):
    def run(cache: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "PYTHONPATH": str(SRC), model_cache.CACHE_ENV: cache}
        return subprocess.run([sys.executable, "-m", "policygen", "compare", "--format", "json", str(SEED)],
                              env=env, capture_output=True, check=False)

    uncached = run("")
    first = run(str(tmp_path / "cache"))  # computes and writes
    second = run(str(tmp_path / "cache"))  # reads
    assert list((tmp_path / "cache").glob("model-side-*.pickle"))
    assert uncached.returncode == first.returncode == second.returncode == 1
    assert uncached.stdout == first.stdout == second.stdout
    assert uncached.stdout.startswith(b"{")


def test_a_cached_compare_loads_neither_the_template_nor_its_renderer(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(SRC), model_cache.CACHE_ENV: str(tmp_path / "cache")}
    code = ("import sys; from policygen.cli import main; main(['compare', '-o', sys.argv[2], sys.argv[1]]); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('yaml', 'jinja2', 'jsonschema', "
            "'policygen.generate.template', 'policygen.generate.profile')))))")
    argv = [sys.executable, "-c", code, str(SEED), str(tmp_path / "report.txt")]
    subprocess.run(argv, env=env, capture_output=True, check=True)  # fills the cache
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_the_fast_yaml_loader_reads_the_shipped_files_as_the_pure_one():
    import yaml

    for path in sorted(model_template_path().parent.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        assert template.safe_load(text) == yaml.safe_load(text)
    with pytest.raises(yaml.YAMLError) as fast:
        template.safe_load("a: [1, 2\nb: 3\n")
    with pytest.raises(yaml.YAMLError) as pure:
        yaml.safe_load("a: [1, 2\nb: 3\n")
    assert str(fast.value) == str(pure.value)


def test_the_model_sides_prepared_texts_are_what_diff_and_normalize_make_of_them():
    from policygen.compare.diff import diff_tokens, prepare
    from policygen.compare.with_model import _comparable
    from policygen.ja.normalize import normalize_text

    side = _prepare(template.load_model(), "council", "article")
    assert set(side.texts) == {_comparable(u) for u in side.units}
    for text, prepared in side.texts.items():
        assert prepared.normalized.text == normalize_text(text, org=side.names)
        assert prepared == prepare(text, side.names)
        other = text.replace("する", "しなければならない")
        assert diff_tokens(text, other, org_old=side.names, old_prepared=prepared) == diff_tokens(text, other, org_old=side.names)
