"""Helpers of the site tests: build a site, and check every internal link, anchor and download of one."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def copy_corpus(target: Path, names: list[str] | None = None) -> Path:
    """Copy the bundled corpus (or some of its bodies) to target and return it."""
    target.mkdir(parents=True, exist_ok=True)
    for folder in sorted(CORPUS.iterdir()):
        if folder.is_dir() and (names is None or folder.name[:3] in names):
            shutil.copytree(folder, target / folder.name)
    return target


class _Links(HTMLParser):
    """Collect a page's ids and its href/src links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name):
                self.links.append(values[name])


def parse(path: Path) -> _Links:
    """Return the ids and links of one HTML page."""
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> list[str]:
    """Return every internal link of the site's pages whose file or anchor does not exist."""
    pages = {p: parse(p) for p in sorted(site.rglob("*.html"))}
    broken = []
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//"):
                broken.append(f"{page.relative_to(site)}: external link {link}")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_file() or not target.is_relative_to(site.resolve()):
                broken.append(f"{page.relative_to(site)}: {link}: no such file")
                continue
            if parts.fragment:
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{page.relative_to(site)}: {link}: no such anchor")
    return broken
