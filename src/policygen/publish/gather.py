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
    """One revision step of a body: from one version to the next, with the computed 新旧対照表."""

    number: int  # 1 for versions[0] → versions[1]
    old: Version
    new: Version
    result: dict


@dataclass
class BodyData:
    """A body with everything computed for it."""

    body: Body
    report: dict
    markdown: str
    variants: dict[str, str]
    steps: list[Step] = field(default_factory=list)
    amended: dict | None = None

    @cached_property
    def clauses_by_id(self) -> dict[str, dict]:
        """Return the report's clauses keyed by model ID."""
        return {c["model_id"]: c for c in self.report["clauses"]}


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
    plan: list[tuple[Body, str, list[tuple[int, str]], str | None]] = []
    for body in corpus.bodies:
        try:
            contents = {v.file: read_input(v.file) for v in body.versions}  # bounded: policygen/limits.py
            profile_bytes = read_input(body.profile, what="profile") if body.profile else None
        except PolicygenError as exc:
            where, _, what = str(exc).partition(": ")
            problems.append(Problem(where, what))
            continue
        current = body.current
        name = _name(body, current)
        compare = ("compare", (str(current.file), body.kind, name))
        compare_key = job_key("compare", [contents[current.file], body.kind.encode(), name.encode()],
                              model_version, __version__)
        jobs[compare_key] = compare
        steps = []
        for number, (old, new) in enumerate(zip(body.versions, body.versions[1:]), start=1):
            names = (_name(body, old), _name(body, new))
            key = job_key("revision", [contents[old.file], contents[new.file], *(n.encode() for n in names)],
                          model_version, __version__)
            jobs[key] = ("revision", (str(old.file), str(new.file), *names))
            steps.append((number, key))
        amend_key = None
        if profile_bytes is not None:
            amend_key = job_key("amend", [contents[current.file], profile_bytes, body.kind.encode(), name.encode()],
                                model_version, __version__)
            jobs[amend_key] = ("amend", (str(current.file), str(body.profile), body.kind, name))
        plan.append((body, compare_key, steps, amend_key))

    results, computed = _run(jobs, cache, workers, progress)
    out = []
    for body, compare_key, steps, amend_key in plan:
        compared = results[compare_key]
        if "error" in compared:
            problems.append(Problem(str(body.current.file), compared["error"]))
            continue
        data = BodyData(body, compared["report"], compared["markdown"], compared["variants"])
        for number, key in steps:
            result = results[key]
            old, new = body.versions[number - 1], body.versions[number]
            if "error" in result:
                problems.append(Problem(f"{old.file} → {new.file.name}", result["error"]))
                continue
            data.steps.append(Step(number, old, new, result))
        if amend_key is not None:
            if "error" in results[amend_key]:
                problems.append(Problem(f"{body.profile} (amend)", results[amend_key]["error"]))
            else:
                data.amended = results[amend_key]
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

    # fork: the workers start with the model and the tokenizer's imports already paid for.
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
    """Store a successful result in the cache (errors are recomputed next time: the input may be fixed)."""
    if "error" not in result:
        cache.put(key, result)
    return result
