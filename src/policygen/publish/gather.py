"""Gather everything the site shows: each body's comparison with the model, its revision steps, its amended draft."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from policygen.publish.cache import Cache, job_key
from policygen.publish.corpus import Body, Corpus, Problem, Version


@dataclass(frozen=True)
class Step:
    """One revision step of a body: from one version to the next, with its counts of clause changes."""

    number: int  # 1 for versions[0] → versions[1]
    old: Version
    new: Version
    counts: dict[str, int]


class BodyData:
    """A body with everything computed for it, read from the cache only when a page being rendered asks for it.

    A rebuild renders few bodies, so it does not parse the stored result of every body; the large parts
    (tables, .docx) stay in the cache until the body's own files are made.
    """

    def __init__(self, body: Body, key: str, cache: Cache, job: tuple, summary: dict | None = None) -> None:
        self.body = body
        self.key = key  # the cache key of its job: the hash of every input of its pages
        self.cache = cache
        self.job = job  # to compute it again should its cache entry be damaged meanwhile
        self._summary = summary
        self.facts: dict = {}  # what the corpus-wide pages show of it (render._facts), set while rendering

    @property
    def summary(self) -> dict:
        """Return the job's small part: "report", "variants", "steps", "amended"."""
        if self._summary is None:
            hit = self.cache.get(self.key)
            if hit is None:
                from policygen.errors import PolicygenError

                hit = _kept(self.cache, self.key, _compute(self.cache.folder, self.key, self.job))
                if "error" in hit:
                    raise PolicygenError(f"{self.body.current.file}: {hit['error']}")
            self._summary = hit
        return self._summary

    @property
    def report(self) -> dict:
        """Return compare's JSON report data of the current version."""
        return self.summary["report"]

    @property
    def variants(self) -> dict[str, str]:
        """Return each clause's wording as the model clause pages group it (model ID -> normalized text)."""
        return self.summary["variants"]

    @cached_property
    def clauses_by_id(self) -> dict[str, dict]:
        """Return the report's clauses keyed by model ID."""
        return {c["model_id"]: c for c in self.report["clauses"]}

    @cached_property
    def steps(self) -> list[Step]:
        """Return the revision steps that could be computed."""
        versions = self.body.versions
        return [Step(number, versions[number - 1], versions[number], step["counts"])
                for number, step in enumerate(self.summary["steps"], start=1) if "error" not in step]

    @property
    def amended(self) -> bool:
        """Say whether the body has an amended draft."""
        amended = self.summary["amended"]
        return amended is not None and "error" not in amended

    def blobs(self) -> dict:
        """Return the large parts: "markdown", "steps" (one per version step) and "amended"."""
        return self.cache.blobs(self.key)


@dataclass
class Gathered:
    """The whole corpus, computed: bodies in corpus order, plus every entry that was skipped."""

    bodies: list[BodyData]
    problems: list[Problem]
    model_version: str
    computed: int = 0  # jobs run in this build (the rest came from the cache)
    cached: int = 0


Progress = Callable[[int, int], None]


def _name(body: Body, version: Version) -> str:
    """Return a version's path as the site names it (stable wherever the corpus lies)."""
    return f"{body.id}/{version.file.name}"


def gather(corpus: Corpus, cache: Cache, *, workers: int | None = None, progress: Progress | None = None) -> Gathered:
    """Compute every comparison (from the cache where inputs are unchanged) and collect the results."""
    from policygen import __version__
    from policygen.errors import PolicygenError
    from policygen.generate import template
    from policygen.limits import read_input

    model_version = str(template.model_document().meta.get("guideline") or "")
    problems = list(corpus.problems)
    jobs: dict[str, tuple] = {}  # key -> job, so that identical inputs are computed once
    plan: list[tuple[Body, str]] = []
    for body in corpus.bodies:
        try:
            contents = [read_input(v.file) for v in body.versions]  # bounded: policygen/limits.py
            profile_bytes = read_input(body.profile, what="profile") if body.profile else b""
        except PolicygenError as exc:
            where, _, what = str(exc).partition(": ")
            problems.append(Problem(where, what))
            continue
        names = [_name(body, v) for v in body.versions]
        key = job_key("body", [*contents, *(n.encode() for n in names), body.kind.encode(),
                               b"profile" if body.profile else b"", profile_bytes], model_version, __version__)
        jobs[key] = ("body", ([str(v.file) for v in body.versions], names, body.kind,
                              str(body.profile) if body.profile else None))
        plan.append((body, key))

    results, computed = _run(jobs, cache, workers, progress)
    out = []
    for body, key in plan:
        result = results[key]
        if result is not None:  # computed in this build: it may carry failures (a stored result never does)
            if "error" in result:
                problems.append(Problem(str(body.current.file), result["error"]))
                continue
            for number, step in enumerate(result["steps"], start=1):
                if "error" in step:
                    old, new = body.versions[number - 1], body.versions[number]
                    problems.append(Problem(f"{old.file} → {new.file.name}", step["error"]))
            if result["amended"] is not None and "error" in result["amended"]:
                problems.append(Problem(f"{body.profile} (amend)", result["amended"]["error"]))
        out.append(BodyData(body, key, cache, jobs[key], result))
    return Gathered(out, problems, model_version, computed=computed, cached=len(jobs) - computed)


def _run(jobs: dict[str, tuple], cache: Cache, workers: int | None,
         progress: Progress | None) -> tuple[dict[str, dict | None], int]:
    """Return every computed job's result (None for one in the cache, read when asked for), running the rest on
    worker processes (one per core, at most 2 by default)."""
    from policygen.publish import jobs as job_functions

    results: dict[str, dict | None] = {}
    todo = []
    for key in jobs:
        if cache.has(key):
            results[key] = None
        else:
            todo.append(key)
    total, done = len(jobs), len(results)
    if progress:
        progress(done, total)
    workers = workers or min(2, os.cpu_count() or 1)
    if workers <= 1 or len(todo) <= 1:
        for key in todo:
            results[key] = _kept(cache, key, _compute(cache.folder, key, jobs[key]))
            done += 1
            if progress:
                progress(done, total)
        return results, len(todo)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork: the workers start with the model side prepared and the tokenizer's imports already paid for.
    from policygen.compare.model_side import model_side

    model_side(None)
    context = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(_compute, cache.folder, key, jobs[key]): key for key in todo}
        for future in as_completed(futures):
            key = futures[future]
            results[key] = _kept(cache, key, future.result())
            done += 1
            if progress:
                progress(done, total)
    return results, len(todo)


def _compute(folder: Path, key: str, job: tuple) -> tuple[dict, bool]:
    """Run a job and store its result (in the worker: the large parts never travel back); return its small part and
    whether it failed in part (such a result is recomputed next time: the input may be fixed)."""
    from policygen.publish import jobs as job_functions

    result = job_functions.run(job)
    if "error" in result:
        return result, True
    summary = result["summary"]
    failed = any("error" in s for s in summary["steps"]) or "error" in (summary["amended"] or {})
    Cache(folder).put(key, summary, result["blobs"])
    return summary, failed


def _kept(cache: Cache, key: str, computed: tuple[dict, bool]) -> dict:
    """Keep a computed result in the cache beyond this build unless it failed; return its small part."""
    summary, failed = computed
    if not failed:
        cache.used.add(key)
    return summary
