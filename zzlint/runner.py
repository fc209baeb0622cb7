"""Lints files: reads each, picks its settings, runs the engine, in parallel processes if asked."""
from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from zzlint import fixes, suppression
from zzlint.config import Resolver
from zzlint.diagnostic import Diagnostic
from zzlint.document import Document
from zzlint.engine import InternalError, lint_collection, lint_document
from zzlint.readers import ReadError, read_bytes, read_path
from zzlint.readers.decode import encode
from zzlint.rule import Rule


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    internal_errors: list[InternalError] = field(default_factory=list)
    read_error: str | None = None
    characters: int = 0
    failing: bool = False
    document: Document | None = None
    #: With --fix or --diff: whether fixes changed the file, its diff, and how many fixes.
    changed: bool = False
    diff: str = ""
    fixed: int = 0
    fixed_text: str | None = None


@dataclass(frozen=True)
class Job:
    path: Path
    display: str
    data: bytes | None = None
    encoding: str | None = None
    keep_document: bool = False
    #: "check", or "fix" (write the fixed file) or "diff" (describe the fixes without writing).
    mode: str = "check"


def lint_job(job: Job, resolver: Resolver) -> FileResult:
    result = FileResult(job.display)
    try:
        doc = (read_bytes(job.data, job.display, job.encoding) if job.data is not None
               else read_path(job.path, job.display, job.encoding))
    except ReadError as exc:
        result.read_error = str(exc)
        return result
    settings = resolver.for_path(job.path)
    rules = settings.rules_for(job.path)

    def lint(document: Document) -> list[Diagnostic]:
        outcome = lint_document(document, rules, settings.severities())
        result.internal_errors = outcome.errors
        return suppression.apply(outcome.diagnostics, document.directives)

    if job.mode == "check" or doc.encoding is None:
        result.diagnostics = lint(doc)
    else:
        doc, result.diagnostics = _fix(job, doc, lint, result)
    result.characters = len(doc.text)
    result.failing = any(d.severity >= settings.fail_on for d in result.diagnostics)
    if job.keep_document:
        result.document = doc
    return result


def _fix(job: Job, doc: Document, lint, result: FileResult) -> tuple[Document, list[Diagnostic]]:  # type: ignore[no-untyped-def]
    encoding, bom = doc.encoding or "utf-8", doc.bom
    original = doc.source
    before = len([d for d in lint(doc) if d.fix is not None])

    def reread(text: str) -> Document:
        return read_bytes(encode(text, encoding, bom), job.display, encoding)

    doc, diagnostics = fixes.fix_until_stable(doc, lint, reread)
    if doc.source == original:
        return doc, diagnostics
    result.changed = True
    result.fixed = before - len([d for d in diagnostics if d.fix is not None])
    if job.mode == "diff":
        result.diff = fixes.unified_diff(job.display, original, doc.source)
    elif job.data is not None:
        result.fixed_text = doc.source
    else:
        fixes.write_atomically(job.path, encode(doc.source, encoding, bom))
    return doc, diagnostics


def _lint_job_star(args: tuple[Job, Resolver]) -> FileResult:
    return lint_job(*args)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(jobs: list[Job], resolver: Resolver, workers: int) -> Iterator[FileResult]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield lint_job(job, resolver)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(32, len(jobs) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_lint_job_star, [(job, resolver) for job in jobs], chunksize=chunk)


def collecting_rules(resolver: Resolver) -> list[Rule]:
    """The rules that compare the files of a run, under the settings of the current folder."""
    settings = resolver.for_path(Path("."))
    return [rule for rule in settings.rules_for(None) if rule.collects()]


def cross_file(results: list[FileResult], resolver: Resolver) -> FileResult:
    """Findings of rules that compare the files of one run (repeats across articles)."""
    docs = [r.document for r in results if r.document is not None]
    settings = resolver.for_path(Path("."))
    outcome = lint_collection(docs, collecting_rules(resolver), settings.severities())
    return FileResult("<run>", outcome.diagnostics, outcome.errors,
                      failing=any(d.severity >= settings.fail_on for d in outcome.diagnostics))
