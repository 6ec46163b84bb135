"""`pip install .` gives a package that finds its templates outside the source checkout."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_installed_package_renders_from_its_own_templates(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, ROOT],
        check=True,
        cwd=tmp_path,
    )
    wheel = next(wheels.glob("policygen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "policygen/templates/model/basic-policy.yaml" in names
    assert "policygen/templates/reference.docx" in names

    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, wheel], check=True)
    profile = ROOT / "corpus" / "001_4bef1579f8598a41" / "profile.yaml"
    # Run from an empty folder with only the installed copy importable, so no checkout path can be used.
    env = {**os.environ, "PYTHONPATH": str(site)}
    result = subprocess.run(
        [sys.executable, "-c", "import policygen.generate.resources as r, sys; print(r.templates_dir()); "
         "from policygen.cli import main; sys.exit(main(sys.argv[1:]))", "render", str(profile)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    templates_line, markdown = result.stdout.split("\n", 1)
    assert Path(templates_line).is_relative_to(site)
    assert "## 10 情報セキュリティ実施手順の策定" in markdown
