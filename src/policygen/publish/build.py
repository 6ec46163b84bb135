"""Build the site of a corpus: gather (compare, from the cache where possible), render, write, swap in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from policygen.errors import PolicygenError
from policygen.publish.gather import Progress


@dataclass(frozen=True)
class BuildReport:
    """What a build did: bodies shown, files and bytes written, jobs computed or taken from the cache."""

    bodies: int
    files: int
    size: int
    largest_page: tuple[str, int]
    computed: int
    cached: int
    problems: tuple[str, ...]
    rendered_bodies: int = 0  # bodies whose files were rendered (the rest were taken from the previous build)


def build_site(corpus_path: Path, out: Path, *, workers: int | None = None, progress: Progress | None = None,
               base_url: str = "") -> BuildReport:
    """Build the site of the corpus into out, replacing a previous build there as a whole."""
    from policygen.publish import write
    from policygen.publish.cache import Cache
    from policygen.publish.corpus import load_corpus
    from policygen.publish.gather import gather
    from policygen.publish.render import render_site

    write.check_target(out)
    if not corpus_path.is_dir():
        load_corpus(corpus_path)  # says what is wrong with it, before anything is made
    with write.staging(out) as tmp:
        cache = Cache(tmp / write.CACHE)
        previous = write.previous_build(out, tmp)
        corpus = load_corpus(corpus_path, previous.meta)
        data = gather(corpus, cache, workers=workers, progress=progress)
        problems = tuple(_relative(str(p), corpus_path) for p in data.problems)
        if not data.bodies:
            raise PolicygenError(f"{corpus_path}: no body could be read ({len(problems)} skipped)")
        rendered = render_site(data, list(problems), base_url=base_url, previous=previous, staging=tmp,
                               workers=workers or min(2, os.cpu_count() or 1))
        sizes = write.write_files(tmp, rendered.files)
        write.remember_build(tmp, rendered.groups, corpus.parsed)
        cache.prune()
        write.swap_in(tmp, out)
    pages = {name: size for name, size in sizes.items() if name.endswith(".html")}
    largest = max(pages.items(), key=lambda kv: (kv[1], kv[0]))
    return BuildReport(
        bodies=len(data.bodies),
        files=len(sizes),
        size=sum(sizes.values()),
        largest_page=largest,
        computed=data.computed,
        cached=data.cached,
        problems=problems,
        rendered_bodies=rendered.rendered_bodies,
    )


def _relative(text: str, root: Path) -> str:
    """Name corpus files relative to the corpus, so that the site does not show where it was built."""
    prefix = str(root.resolve()) + "/"
    text = text.replace(prefix, "")
    return text.replace(str(root).rstrip("/") + "/", "")
