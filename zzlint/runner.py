"""Lints files: reads each, picks its settings, runs the engine, in parallel processes if asked."""
from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from zzlint import accept, i18n, suppression
from zzlint.config import Resolver, Settings
from zzlint.diagnostic import Diagnostic, Severity
from zzlint.document import Document
from zzlint.engine import InternalError, LintResult, lint_collection, lint_document
from zzlint.readers import ReadError, read_bytes, read_file
from zzlint.readers.decode import encode
from zzlint.rule import Rule

if TYPE_CHECKING:
    from zzlint.cache import Cache


class FileResult:
    """What linting one file gave. A plain class: a dataclass costs a millisecond of every
    start-up to create, and its module brings inspect with it."""

    def __init__(self, path: str, diagnostics: list[Diagnostic] | None = None,
                 internal_errors: list[InternalError] | None = None, read_error: str | None = None,
                 characters: int = 0, failing: bool = False, fail_on: Severity = Severity.ERROR,
                 document: Document | None = None, changed: bool = False, diff: str = "", fixed: int = 0,
                 fixed_bytes: bytes | None = None, unwritable_fixes: int = 0,
                 timings: dict[str, float] | None = None, cache_key: str = "") -> None:
        self.path = path
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.internal_errors = internal_errors if internal_errors is not None else []
        self.read_error = read_error
        self.characters = characters
        self.failing = failing
        #: The lowest severity that fails the run, from the settings the file was linted with.
        self.fail_on = fail_on
        self.document = document
        #: With --fix or --diff: whether fixes changed the file, its diff, and how many fixes.
        self.changed = changed
        self.diff = diff
        self.fixed = fixed
        #: With --fix on stdin: the text to print, fixed or not, in the input's own encoding.
        self.fixed_bytes = fixed_bytes
        #: With --fix or --diff on a format zzlint does not rewrite (Word): the findings with a fix.
        self.unwritable_fixes = unwritable_fixes
        #: Seconds per rule, when the file was linted rather than taken from the cache.
        self.timings = timings if timings is not None else {}
        #: The content key of the file, for the cache (empty when the file was not read).
        self.cache_key = cache_key

    def __reduce__(self) -> tuple[type["FileResult"], tuple[object, ...]]:
        """Pickled as the values of its fields, in their order: a folder run sends thousands of
        results back from its workers, and rebuilding each from a pickled dict took the main
        process several times as long."""
        return FileResult, tuple(vars(self).values())


class Job(NamedTuple):
    path: Path
    display: str
    data: bytes | None = None
    encoding: str | None = None
    keep_document: bool = False
    #: "check", or "fix" (write the fixed file) or "diff" (describe the fixes without writing).
    mode: str = "check"
    #: With "fix" or "diff": apply unsafe fixes too, not only the safe ones.
    unsafe_fixes: bool = False
    #: Whether the run caches findings (the cache itself lives in the main process).
    cacheable: bool = False
    #: How many processes may lint this file (see SPLIT_CHARACTERS).
    cores: int = 1

    def __reduce__(self) -> tuple[Callable[..., "Job"], tuple[object, ...]]:
        """Pickled with its path as a string: a Path is rebuilt from its parts, at several
        times the cost, and where workers are not forked a folder run sends each of them
        thousands of jobs."""
        return _job, (os.fspath(self.path), self.display, self.data, self.encoding, self.keep_document,
                      self.mode, self.unsafe_fixes, self.cacheable, self.cores)


def _job(path: str, *rest: object) -> Job:
    return Job(Path(path), *rest)  # type: ignore[arg-type]


def lint_job(job: Job, resolver: Resolver) -> FileResult:
    result = FileResult(job.display)
    try:
        data = job.data if job.data is not None else read_file(job.path, job.display)
        doc = read_bytes(data, job.display, job.encoding)
    except ReadError as exc:
        result.read_error = str(exc)
        return result
    key = _file_key(data, job.display) if job.cacheable else ""
    if job.mode == "check":
        data = b""  # only the text is linted: a large file is not held twice meanwhile
    settings = resolver.for_file(job.path)
    engine = _split_engine(job, resolver) if job.cores > 1 and len(doc.text) >= SPLIT_CHARACTERS else lint_document
    _lint_decoded(job, doc, data, settings.rules_for(job.path), settings, result, engine)
    if key and not result.internal_errors and not result.read_error:
        result.cache_key = key
    result.fail_on = settings.fail_on
    result.failing = any(d.severity >= settings.fail_on for d in result.diagnostics)
    return result


#: lint_document, or a function that gives the same result otherwise.
Engine = Callable[[Document, Sequence[Rule], dict[str, Severity]], LintResult]


def lint_settled(document: Document, rules: list[Rule], settings: Settings,
                 engine: Engine = lint_document) -> LintResult:
    """The engine's result for ``document``, less the findings that its suppression comments
    and the accept lists of ``settings`` silence."""
    outcome = engine(document, rules, settings.severities())
    outcome.diagnostics = accept.apply(suppression.apply(outcome.diagnostics, document.directives),
                                       document.text, settings.accepted)
    return outcome


def _lint_decoded(job: Job, doc: Document, data: bytes, rules: list[Rule], settings: Settings,
                  result: FileResult, engine: Engine) -> None:
    """Lint ``doc``, and with --fix or --diff fix it (``data``: the bytes it was read from)."""

    def lint(document: Document) -> list[Diagnostic]:
        outcome = lint_settled(document, rules, settings, engine)
        result.internal_errors = outcome.errors
        result.timings = outcome.timings
        return outcome.diagnostics

    if job.mode == "check":
        result.diagnostics = lint(doc)
    elif doc.encoding is None:  # a format zzlint reads but does not write
        result.diagnostics = lint(doc)
        result.unwritable_fixes = sum(1 for d in result.diagnostics if d.fix is not None)
        if job.data is not None and job.mode == "fix":
            result.fixed_bytes = data
    else:
        doc, result.diagnostics = _fix(job, doc, data, rules, lint, result)
    result.characters = len(doc.text)
    if job.keep_document:
        result.document = doc


class Digests:
    """The cache's settings digest of each job, worked out once per folder."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._by_folder: dict[str, tuple[str, Settings]] = {}

    def __call__(self, job: Job) -> tuple[str, Settings]:
        from zzlint import cache

        folder = str(job.path.parent)
        known = self._by_folder.get(folder)
        if known is not None and not known[1].per_file_ignores:
            return known
        settings = self.resolver.for_file(job.path)
        rules = settings.rules_for(job.path)
        accepted = tuple((rule.name, settings.accepted(rule.name)) for rule in rules)
        digest = cache.settings_digest(rules, settings.severities(), settings.rule_packs, accepted)
        self._by_folder[folder] = (digest, settings)
        return digest, settings


def _file_key(data: bytes, display: str) -> str:
    from zzlint import cache  # here and in Digests: a run without the cache needs neither it nor hashlib

    return cache.file_key(data, display)


def cached_result(job: Job, digests: Digests, store: Cache) -> FileResult | None:
    """The job's result from the cache, or None. The file is read and hashed every time: a
    time stamp can be put back, its content cannot."""
    digest, settings = digests(job)
    try:
        key = _file_key(read_file(job.path, job.display), job.display)
    except ReadError:
        return None
    found = store.load(digest, key)
    if found is None:
        return None
    result = FileResult(job.display, found[0], characters=found[1], fail_on=settings.fail_on)
    result.failing = any(d.severity >= settings.fail_on for d in result.diagnostics)
    return result


def _fix(job: Job, doc: Document, data: bytes, rules: list[Rule], lint,  # type: ignore[no-untyped-def]
         result: FileResult) -> tuple[Document, list[Diagnostic]]:
    from zzlint import fixes

    safe = {rule.name for rule in rules if rule.fix_safety == "safe"}
    encoding, bom = doc.encoding or "utf-8", doc.bom

    def allowed(diagnostic: Diagnostic) -> bool:
        return job.unsafe_fixes or diagnostic.rule in safe

    def reread(text: str) -> Document:
        return read_bytes(encode(text, encoding, bom), job.display, encoding)

    fixed, diagnostics, applied = fixes.fix_until_stable(doc, lint, reread, allowed)
    changed = fixed.source != doc.source
    new_data = encode(fixed.source, encoding, bom) if changed else data
    if job.data is not None and job.mode == "fix":
        result.fixed_bytes = new_data
    if not changed:
        return fixed, diagnostics
    if job.mode == "diff":
        result.diff = fixes.unified_diff(job.display, doc.source, fixed.source)
    elif job.data is None:
        try:
            fixes.write_fixed(job.path, data, new_data, job.display)
        except fixes.WriteRefused as exc:
            result.read_error = str(exc)
            return doc, lint(doc)
    result.changed, result.fixed = True, applied
    return fixed, diagnostics


_worker_resolver: Resolver | None = None
#: The jobs of a folder run, given to each worker as it starts: a forked worker shares them with
#: the main process (elsewhere they are pickled once per worker), and a chunk names its jobs by
#: their index, where pickling and unpickling thousands of jobs cost both sides.
_worker_jobs: Sequence[Job] = ()


#: Linting a document allocates hundreds of thousands of small objects that live as long as the
#: document and form no cycles; Python's default (a collection every 700 allocations, each
#: looking at every young object) spends a third of the rules' time on them.
GC_THRESHOLD = 100_000


def _collect_rarely() -> None:
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])


def _start_worker(resolver: Resolver, language: str, jobs: Sequence[Job] = ()) -> None:
    global _worker_resolver, _worker_jobs
    _collect_rarely()
    _worker_resolver = resolver
    _worker_jobs = jobs
    i18n.set_language(language)


def _lint_in_worker(chunk: list[int], timings: bool) -> list[FileResult]:
    """The results of the jobs whose indices are ``chunk``, without the seconds per rule unless
    they are asked for: they would be most of what a small file's result sends back."""
    assert _worker_resolver is not None
    results = [lint_job(_worker_jobs[index], _worker_resolver) for index in chunk]
    if not timings:
        for result in results:
            result.timings = {}
    return results


#: A text this long (characters, some 1.5 MB) is linted on two cores when --jobs allows it:
#: half of the rules in a worker process, the others here. For a shorter one, starting the
#: worker and sending it the text would cost more than the rules it takes over.
SPLIT_CHARACTERS = 500_000


def halves(rules: Sequence[Rule]) -> tuple[list[int], list[int]]:
    """The indices of ``rules`` in two halves of about equal ``Rule.cost``, the rules that share
    a name in ``Rule.shares`` in the same half (its process derives what they share once): the
    costliest group first, each group to the half that has cost less so far."""
    groups: list[list[int]] = []
    group_of: dict[str, list[int]] = {}
    for index, rule in enumerate(rules):
        joined = {id(group_of[name]): group_of[name] for name in rule.shares if name in group_of}
        group = [i for earlier in joined.values() for i in earlier] + [index]
        groups = [g for g in groups if id(g) not in joined] + [group]
        for i in group:
            for name in rules[i].shares:
                group_of[name] = group
    found: tuple[list[int], list[int]] = ([], [])
    loads = [0.0, 0.0]
    for group in sorted(groups, key=lambda g: -sum(rules[i].cost for i in g)):
        lighter = loads.index(min(loads))
        found[lighter].extend(group)
        loads[lighter] += sum(rules[i].cost for i in group)
    return sorted(found[0]), sorted(found[1])


def _split_engine(job: Job, resolver: Resolver) -> Engine:
    """lint_document with half of the rules (see ``halves``) run by a worker process, which
    builds the same rules from its own settings and derives what it needs from the text; the
    results are merged as one run's (the diagnostics sorted as lint_document sorts them, errors
    in rule order)."""

    def engine(document: Document, rules: Sequence[Rule], severities: dict[str, Severity]) -> LintResult:
        from zzlint import workers  # here: a run in one process needs neither it nor signal

        here, there = halves(rules)
        if not here or not there:
            return lint_document(document, rules, severities)
        # The worker is given the document as it starts: a forked worker shares it with this
        # process, where sending it would pickle and unpickle megabytes of text on the way.
        with workers.pool(1, _start_split_worker, (resolver, i18n.language(), document)) as executor:
            future = executor.submit(_lint_rules_in_worker, job.path, there)
            outcome = lint_document(document, [rules[i] for i in here], severities)
            other = future.result()
        order = {rule.name: index for index, rule in enumerate(rules)}
        outcome.diagnostics = sorted(outcome.diagnostics + other.diagnostics, key=Diagnostic.sort_key)
        outcome.errors = sorted(outcome.errors + other.errors, key=lambda error: order[error.rule])
        outcome.timings.update(other.timings)
        return outcome

    return engine


_worker_document: Document | None = None


def _start_split_worker(resolver: Resolver, language: str, document: Document) -> None:
    global _worker_document
    _start_worker(resolver, language)
    _worker_document = document


def _lint_rules_in_worker(path: Path, indices: list[int]) -> LintResult:
    assert _worker_resolver is not None and _worker_document is not None
    settings = _worker_resolver.for_file(path)
    rules = settings.rules_for(path)
    return lint_document(_worker_document, [rules[i] for i in indices], settings.severities())


#: What a file costs beside its text, in bytes of text that cost as much to lint: reading it,
#: making its document and the rules' own work per document. A folder of small stories costs
#: mostly this.
FILE_COST_BYTES = 1024
#: Each chunk is about this fraction of what is left to lint, per worker: the first chunks are
#: large (few messages), the last ones small, so that the workers finish together.
CHUNK_SHARE = 2
#: No chunk is smaller than this (bytes, FILE_COST_BYTES per file included) but the last, so
#: that many small files travel together.
MIN_CHUNK_BYTES = 64 * 1024


def _size(job: Job) -> int:
    if job.data is not None:
        return len(job.data)
    try:
        return os.stat(job.path).st_size
    except OSError:
        return 0


def chunks(jobs: list[Job], workers_wanted: int) -> list[list[int]]:
    """The indices of ``jobs`` in chunks, the largest files first, each chunk about a
    1 / (CHUNK_SHARE × workers) share of the cost left: one message to a worker per chunk
    rather than per file, and no worker left alone with a large file or a large chunk at the
    end. A file's cost is its size plus FILE_COST_BYTES."""
    costs = [_size(job) + FILE_COST_BYTES for job in jobs]
    left = sum(costs)
    found: list[list[int]] = []
    current: list[int] = []
    weight = 0
    for index in sorted(range(len(jobs)), key=lambda i: -costs[i]):
        current.append(index)
        weight += costs[index]
        if weight >= max(MIN_CHUNK_BYTES, left // (CHUNK_SHARE * workers_wanted)):
            found.append(current)
            left -= weight
            current, weight = [], 0
    return found + [current] if current else found


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


#: Called with the number of files done and the number of files, as files finish.
Progress = Callable[[int, int], None]


def run(jobs: list[Job], resolver: Resolver, workers_wanted: int, store: Cache | None = None,
        progress: Progress | None = None, timings: bool = False) -> list[FileResult]:
    """Results in the order of ``jobs``: cached ones from ``store``, the others from a worker
    pool (or from this process for a single job), which are then added to the store. Results
    from workers carry their seconds per rule only with ``timings``."""
    _collect_rarely()
    digests = Digests(resolver)
    results: list[FileResult | None] = [
        cached_result(job, digests, store) if store is not None and job.cacheable else None for job in jobs]
    pending = [i for i, result in enumerate(results) if result is None]
    report = progress or (lambda done, total: None)
    cached = len(jobs) - len(pending)

    done = cached

    def take(indices: list[int], fresh: Iterable[FileResult]) -> None:
        nonlocal done
        for i, result in zip(indices, fresh):
            results[i] = result
            done += 1
            report(done, len(jobs))

    if workers_wanted <= 1 or len(pending) <= 1:
        # a single job may take the cores of the run
        take(pending, (lint_job(jobs[i]._replace(cores=workers_wanted), resolver) for i in pending))
    else:
        from concurrent.futures import as_completed

        from zzlint import workers  # here: a run in one process needs neither it nor signal

        with workers.pool(workers_wanted, _start_worker, (resolver, i18n.language(), jobs)) as executor:
            submitted = {executor.submit(_lint_in_worker, indices, timings): indices
                         for indices in ([pending[i] for i in chunk]
                                         for chunk in chunks([jobs[i] for i in pending], workers_wanted))}
            for future in as_completed(submitted):
                take(submitted[future], future.result())
    if store is not None:
        for i in pending:
            linted = results[i]
            if linted is not None and linted.cache_key:
                store.store(digests(jobs[i])[0], linted.cache_key, linted.diagnostics, linted.characters)
        store.save()
    return [r for r in results if r is not None]


def collecting_rules(resolver: Resolver) -> list[Rule]:
    """The rules that compare the files of a run, under the settings of the current folder."""
    settings = resolver.for_path(Path("."))
    return [rule for rule in settings.rules_for(None) if rule.collects()]


def cross_file(results: list[FileResult], resolver: Resolver) -> FileResult:
    """Findings of rules that compare the files of one run (repeats across articles)."""
    docs = [r.document for r in results if r.document is not None]
    settings = resolver.for_path(Path("."))
    outcome = lint_collection(docs, collecting_rules(resolver), settings.severities())
    kept: list[Diagnostic] = []
    for doc in docs:
        found = [d for d in outcome.diagnostics if d.path == doc.path]
        kept.extend(accept.apply(found, doc.text, settings.accepted))
    return FileResult("<run>", kept, outcome.errors, failing=any(d.severity >= settings.fail_on for d in kept))
