"""`pip install .` ships the site's templates and stylesheet: the installed package builds a site on its own."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from site_helpers import ROOT, copy_corpus


def test_installed_package_builds_the_site_from_its_own_templates(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT], check=True, cwd=tmp_path)
    wheel = next(wheels.glob("policygen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("base.html", "matrix.html", "body.html", "step.html", "clause.html", "search.html", "feed.xml"):
        assert f"policygen/site/templates/{name}" in names
    for name in ("site.css", "filter.js", "search.js"):
        assert f"policygen/site/assets/{name}" in names

    target = tmp_path / "installed"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", target, wheel], check=True)
    corpus = copy_corpus(tmp_path / "corpus", ["004"])
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-c", "import policygen.publish.render as r, sys; print(r.site_dir()); "
         "from policygen.cli import main; sys.exit(main(sys.argv[1:]))", "site", str(corpus), "-o", "out"],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert Path(result.stdout.strip()).is_relative_to(target)
    assert "鎌倉市議会" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert (tmp_path / "out" / "assets" / "site.css").read_text(encoding="utf-8").count("::before") >= 6
