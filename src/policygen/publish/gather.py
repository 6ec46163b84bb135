"""Gather everything the site shows: each body's comparison with the model, its revision steps, its amended draft."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from policygen.publish.cache import Cache, job_key
from policygen.publish.corpus import Body, Corpus, Problem, Version


@dataclass(frozen=True)
class Step:
    """One revision step of a body: from one version to the next, with its counts of clause changes."""

    number: int  # 1 for versions[0] → versions[1]
    old: Version
    new: Version
    counts: dict[str, int]


@dataclass
class BodyData:
    """A body with everything computed for it; the large parts (tables, .docx) stay in the cache until asked for."""

    body: Body
    key: str  # the cache key of its job: the hash of every input of its pages
    report: dict
    variants: dict[str, str]
    cache: Cache
    steps: list[Step] = field(default_factory=list)
    amended: bool = False

    @cached_property
    def clauses_by_id(self) -> dict[str, dict]:
        """Return the report's clauses keyed by model ID."""
        return {c["model_id"]: c for c in self.report["clauses"]}

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
        if "error" in result:
            problems.append(Problem(str(body.current.file), result["error"]))
            continue
        data = BodyData(body, key, result["report"], result["variants"], cache)
        for number, step in enumerate(result["steps"], start=1):
            old, new = body.versions[number - 1], body.versions[number]
            if "error" in step:
                problems.append(Problem(f"{old.file} → {new.file.name}", step["error"]))
                continue
            data.steps.append(Step(number, old, new, step["counts"]))
        if result["amended"] is not None:
            if "error" in result["amended"]:
                problems.append(Problem(f"{body.profile} (amend)", result["amended"]["error"]))
            else:
                data.amended = True
        out.append(data)
    return Gathered(out, problems, model_version, computed=computed, cached=len(jobs) - computed)


def _run(jobs: dict[str, tuple], cache: Cache, workers: int | None, progress: Progress | None) -> tuple[dict, int]:
    """Return every job's result, running the uncached ones on worker processes (one per core, at most 2 by default)."""
    from policygen.publish import jobs as job_functions

    results: dict[str, dict] = {}
    todo = []
    for key, job in jobs.items():
        hit = cache.get(key)
        if hit is not None:
            results[key] = hit
        else:
            todo.append(key)
    total, done = len(jobs), len(results)
    if progress:
        progress(done, total)
    workers = workers or min(2, os.cpu_count() or 1)
    if workers <= 1 or len(todo) <= 1:
        for key in todo:
            results[key] = _keep(cache, key, job_functions.run(jobs[key]))
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
        futures = {pool.submit(job_functions.run, jobs[key]): key for key in todo}
        for future in as_completed(futures):
            key = futures[future]
            results[key] = _keep(cache, key, future.result())
            done += 1
            if progress:
                progress(done, total)
    return results, len(todo)


def _keep(cache: Cache, key: str, result: dict) -> dict:
    """Store a result in the cache and return its small part; one with a failed part is recomputed next time (the input may be fixed)."""
    if "error" in result:
        return result
    summary = result["summary"]
    failed = any("error" in s for s in summary["steps"]) or "error" in (summary["amended"] or {})
    cache.put(key, summary, result["blobs"], keep=not failed)
    return summary
