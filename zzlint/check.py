"""``zzlint check``: lint paths and report, as a plain function of one options record.

``CheckOptions`` holds every option of the command with its default: the click command
(``zzlint.commands``) is built from those defaults, and a command line of paths and ``FLAGS``
only (what the pre-commit hook runs) is read straight into it by ``zzlint.cli`` without click.
Both call ``run``. No ``from __future__ import annotations`` here: a NamedTuple compiles each
string annotation it is given, and CheckOptions is built at every start.
"""
import collections
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from zzlint.config import Resolver
from zzlint.console import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, UserError, echo, error, warn
from zzlint.diagnostic import Diagnostic, Severity
from zzlint.files import collect, display_name
from zzlint.i18n import _, ngettext, use_configured
from zzlint.reporters import STATISTICS_FORMATS, Report, RunError, needs_sources, render, render_statistics
from zzlint.rule import Rule
from zzlint.runner import FileResult, Job, collecting_rules, cross_file, default_jobs, run as lint

if TYPE_CHECKING:
    from zzlint.cache import Cache

#: Where findings are cached unless --cache-dir or $ZZLINT_CACHE_DIR says otherwise.
CACHE_FOLDER = ".zzlint_cache"
#: A run shows its progress on a terminal once it has taken this long (seconds).
PROGRESS_AFTER = 1.0


class CheckOptions(NamedTuple):
    """The options of ``zzlint check``; each default here is the command's default."""

    paths: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    output_format: str = "text"
    output_file: str | None = None
    fail_on: str | None = None
    statistics: bool = False
    quiet: bool = False
    config_path: str | None = None
    isolated: bool = False
    show_settings: bool = False
    jobs: int | None = None
    stdin_filename: str | None = None
    encoding: str | None = None
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    annotate: str | None = None
    no_cache: bool = False
    cache_dir: str | None = None
    profile_rules: bool = False
    baseline_file: str | None = None
    write_baseline: str | None = None
    archive_index: str | None = None
    force_exclude: bool | None = None
    respect_gitignore: bool | None = None
    exit_zero: bool = False
    color: str = "auto"


#: The switches a command line may hold besides paths and still be read without click, by the
#: field each sets; the click command declares its options with these same names. ``--on/--off``
#: sets the field true or false.
FLAGS = {
    "quiet": ("--quiet", "-q"),
    "isolated": ("--isolated",),
    "no_cache": ("--no-cache",),
    "force_exclude": ("--force-exclude/--no-force-exclude",),
    "respect_gitignore": ("--respect-gitignore/--no-respect-gitignore",),
    "exit_zero": ("--exit-zero",),
}


def run(options: CheckOptions) -> int:
    """Lint ``options.paths`` (the current folder when there are none) and report; the exit code."""
    if options.statistics and options.output_format not in STATISTICS_FORMATS:
        raise UserError(_("--statistics is written as text or json, not {format}").format(format=options.output_format))
    resolver = _resolver(options)
    targets = list(options.paths) or ["."]
    if options.show_settings:
        import json

        target = Path(options.stdin_filename or "-") if targets[0] == "-" else Path(targets[0])
        echo(json.dumps(resolver.for_path(target).effective(target), ensure_ascii=False, indent=2))
        return EXIT_OK
    if options.unsafe_fixes and not (options.fix or options.diff):
        raise UserError(_("--unsafe-fixes goes with --fix or --diff"))
    if options.annotate and "-" in targets:
        raise UserError(_("--annotate writes copies of Word files named as paths, not of stdin"))
    collect_documents = bool(collecting_rules(resolver))
    keep = collect_documents or needs_sources(options.output_format)
    mode = "diff" if options.diff else "fix" if options.fix else "check"
    cache_folder = None if options.no_cache else (
        options.cache_dir or os.environ.get("ZZLINT_CACHE_DIR") or CACHE_FOLDER)
    job_list, errors = _jobs(targets, resolver, options, keep, mode, cache_folder)
    if not job_list and not errors:
        echo(_("Nothing to lint: every file found is excluded ('exclude' in config, or .gitignore)."), err=True)
        return EXIT_OK
    _validate_all(job_list, resolver)
    store = _cache(Path(cache_folder)) if cache_folder and mode == "check" else None
    with Progress() as progress:
        results = lint(job_list, resolver, options.jobs or default_jobs(), store, progress,
                       timings=options.profile_rules)
    if store is not None and store.problem:
        warn(store.problem)
    if options.profile_rules:
        _print_profile(results)
    registry = resolver.for_path(Path(".")).registry()
    if mode != "check":
        _report_fixes(results, mode, errors, registry, options.unsafe_fixes)
        if mode == "diff":
            pending = any(r.changed or r.unwritable_fixes for r in results) and not options.exit_zero
            return EXIT_ERROR if errors else EXIT_FINDINGS if pending else EXIT_OK
    if collect_documents:
        results.append(cross_file(results, resolver))
    diagnostics, failing = _gather(results, errors)
    if options.write_baseline:
        count = _write_baseline(diagnostics, Path(options.write_baseline))
        echo(ngettext("Wrote {count} finding to {path}.", "Wrote {count} findings to {path}.", count).format(
            count=count, path=options.write_baseline), err=True)
        return EXIT_ERROR if errors else EXIT_OK
    if options.baseline_file:
        diagnostics, stale = _apply_baseline(diagnostics, Path(options.baseline_file))
        failing = any(d.severity >= resolver.for_path(Path(d.path)).fail_on for d in diagnostics)
        for line in stale:
            warn(line)
    if options.annotate:
        _annotate(results, diagnostics, Path(options.annotate), errors)
    report = Report(sorted(diagnostics, key=Diagnostic.sort_key), registry,
                    {r.path: r.document.source for r in results if r.document is not None},
                    characters=sum(r.characters for r in results), errors=errors,
                    linted={r.path: r.fail_on for r in results if r.path != "<run>" and not r.read_error},
                    color=_use_colour(options.color, options.output_file))
    text_on_stdout = any(r.fixed_bytes is not None for r in results)
    _emit(report, options, len(report.linted), text_on_stdout)
    for problem in errors:
        error(str(problem))
    return EXIT_ERROR if errors else EXIT_FINDINGS if failing and not options.exit_zero else EXIT_OK


def _resolver(options: CheckOptions) -> Resolver:
    """The settings for every path: the config files in force, the command line on top; the
    config's language is spoken from here on unless --lang chose one."""
    cli_selection: dict[str, object] = {
        "extend_select": _split(options.extend_select),
        "ignore": _split(options.ignore),
        "fail_on": Severity.parse(options.fail_on) if options.fail_on else None,
        "force_exclude": options.force_exclude,
        "respect_gitignore": options.respect_gitignore,
    }
    if options.select:
        cli_selection["select"] = _split(options.select)
    if options.archive_index:
        cli_selection["archive"] = Path(options.archive_index).resolve()
    if options.config_path and not Path(options.config_path).is_file():
        raise UserError(_("{path}: config file not found").format(path=display_name(options.config_path)))
    if options.encoding:
        _check_encoding(options.encoding)
    config_path = Path(options.config_path) if options.config_path else None
    resolver = Resolver(config_path, options.isolated, cli_selection)
    use_configured(resolver.for_path(Path(".")).language)
    return resolver


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _cache(folder: Path) -> "Cache":
    from zzlint.cache import Cache  # here: --no-cache runs need neither it nor hashlib

    return Cache(folder)


def _write_baseline(diagnostics: list[Diagnostic], file: Path) -> int:
    from zzlint import baseline

    try:
        return baseline.write(diagnostics, file)
    except baseline.BaselineError as exc:
        raise UserError(str(exc)) from None


def _apply_baseline(diagnostics: list[Diagnostic], file: Path) -> tuple[list[Diagnostic], list[str]]:
    from zzlint import baseline

    try:
        return baseline.apply(diagnostics, file)
    except baseline.BaselineError as exc:
        raise UserError(str(exc)) from None


def _check_encoding(name: str) -> None:
    """Refuse, before reading anything, a name that is no codec or a codec that is not a text
    encoding (rot13, base64, zlib)."""
    try:
        b"\x00".decode(name, "ignore")  # empty bytes would be decoded without looking the codec up
    except LookupError:
        import codecs

        try:
            codecs.lookup(name)
        except LookupError:
            raise UserError(_("--encoding: unknown encoding {name!r}").format(name=name)) from None
        raise UserError(_("--encoding: {name!r} is not a text encoding").format(name=name)) from None


def _use_colour(choice: str, output_file: str | None) -> bool:
    if choice != "auto":
        return choice == "always"
    return not output_file and not os.environ.get("NO_COLOR") and sys.stdout.isatty()


class Progress:
    """``done/total files`` on stderr, rewritten in place, only on a terminal and only once a
    run has taken PROGRESS_AFTER seconds; erased when the run ends."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.shown = False
        self.terminal = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.terminal and time.monotonic() - self.started >= PROGRESS_AFTER:
            sys.stderr.write("\r" + _("zzlint: {done}/{total} files").format(done=done, total=total))
            sys.stderr.flush()
            self.shown = True

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


def _report_fixes(results: list[FileResult], mode: str, errors: list[RunError], registry: dict[str, type[Rule]],
                  unsafe_fixes: bool) -> None:
    """--diff prints the diffs; --fix on stdin prints the text, fixed or not; --fix on files
    counts. Both say what is left: fixes only --unsafe-fixes applies, Word files not rewritten."""
    for result in results:
        if result.read_error:
            errors.append(RunError.of(result.path, result.read_error))
            result.read_error = None
        if mode == "diff":
            echo(result.diff, nl=False)
        elif result.fixed_bytes is not None:
            sys.stdout.buffer.write(result.fixed_bytes)
            sys.stdout.buffer.flush()
        if result.unwritable_fixes:
            warn(_("{path}: Word files are not rewritten ({count} findings have a fix); "
                   "--annotate REVIEWED.docx writes a copy with a review comment on each finding")
                 .format(path=result.path, count=result.unwritable_fixes))
    fixed = sum(r.fixed for r in results)
    if mode == "fix" and fixed:
        files = sum(1 for r in results if r.changed)
        echo(ngettext("Fixed {fixed} problem in {files}.", "Fixed {fixed} problems in {files}.", fixed).format(
            fixed=fixed, files=_files(files)), err=True)
    hidden = 0 if unsafe_fixes else sum(
        1 for r in results if not r.unwritable_fixes for d in r.diagnostics
        if d.fix is not None and getattr(registry.get(d.rule), "fix_safety", None) != "safe")
    if hidden:
        echo(ngettext("{count} more fix is available with --unsafe-fixes.",
                      "{count} more fixes are available with --unsafe-fixes.", hidden).format(count=hidden),
             err=True)


def _annotate(results: list[FileResult], diagnostics: list[Diagnostic], destination: Path, errors: list[RunError]) -> None:
    """--annotate: a copy of each Word file linted, with the findings reported as review comments."""
    from zzlint import annotate

    words = [(Path(r.path), r.path) for r in results
             if Path(r.path).suffix.lower() == annotate.SUFFIX and not r.read_error and r.path != "<run>"]
    try:
        targets = annotate.targets(words, destination)
    except annotate.AnnotateError as exc:
        raise UserError(str(exc)) from None
    for target in targets:
        mine = [d for d in diagnostics if d.path == target.display]
        try:
            count = annotate.annotate(target, mine)
        except annotate.AnnotateError as exc:
            errors.append(RunError.of(target.display, str(exc)))
            continue
        echo(ngettext("{path}: wrote {count} review comment to {output}",
                      "{path}: wrote {count} review comments to {output}", count).format(
            path=target.display, count=count, output=target.output), err=True)


def _print_profile(results: list[FileResult]) -> None:
    from zzlint.reporters.full import padded

    totals: collections.Counter[str] = collections.Counter()
    for result in results:
        totals.update(result.timings)
    overall = sum(totals.values()) or 1.0
    header = (padded(_("rule"), 32), padded(_("seconds"), 8, right=True), padded(_("share"), 6, right=True))
    echo(" ".join(header), err=True)
    for name, seconds in totals.most_common():
        echo(f"{name:32s} {seconds:8.3f} {seconds / overall:6.1%}", err=True)


def _jobs(targets: list[str], resolver: Resolver, options: CheckOptions, keep_documents: bool, mode: str,
          cache_folder: str | None) -> tuple[list[Job], list[RunError]]:
    jobs: list[Job] = []
    named = [t for t in targets if t != "-"]
    collected = collect(named, resolver)
    if "-" in targets:
        display = display_name(options.stdin_filename or "-")
        jobs.append(Job(Path(options.stdin_filename or "stdin.txt"), display, sys.stdin.buffer.read(),
                        options.encoding, keep_documents, mode, options.unsafe_fixes))
    cacheable = cache_folder is not None and mode == "check" and not keep_documents
    jobs.extend(Job(path, display_name(path), None, options.encoding, keep_documents, mode, options.unsafe_fixes,
                    cacheable)
                for path in collected.files)
    return jobs, [RunError(None, message) for message in collected.errors]


def _validate_all(jobs: list[Job], resolver: Resolver) -> None:
    """Read every config in force before linting, so a bad one stops the run at once."""
    # Folders as strings: a set of thousands of Paths, each built and hashed, took longer than
    # the configs it leads to.
    for folder in {os.path.dirname(job.path) for job in jobs}:
        resolver.for_folder(Path(folder)).rules_for(None)


def _gather(results: list[FileResult], errors: list[RunError]) -> tuple[list[Diagnostic], bool]:
    diagnostics: list[Diagnostic] = []
    failing = False
    for result in results:
        if result.read_error:
            errors.append(RunError.of(result.path, result.read_error))
        errors.extend(RunError.of(e.path, str(e), e.rule) for e in result.internal_errors)
        diagnostics.extend(result.diagnostics)
        failing = failing or result.failing
    return diagnostics, failing


def _emit(report: Report, options: CheckOptions, file_count: int, text_on_stdout: bool) -> None:
    """Print the report, on stderr when stdout carries the fixed text of stdin."""
    statistics = options.statistics
    text = render_statistics(report, options.output_format) if statistics else render(options.output_format, report)
    if options.output_file:
        try:
            Path(options.output_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(_("{path}: cannot write: {error}").format(
                path=options.output_file, error=exc.strerror or exc)) from None
    else:
        echo(text, nl=False, err=text_on_stdout, color=report.color or None)
    if not options.quiet and options.output_format in ("text", "full") and not statistics and file_count:
        echo(_summary(report.diagnostics, file_count), err=True)


SEVERITY_COUNTS = {
    Severity.ERROR: lambda count: ngettext("{count} error", "{count} errors", count),
    Severity.WARNING: lambda count: ngettext("{count} warning", "{count} warnings", count),
    Severity.INFO: lambda count: ngettext("{count} info", "{count} infos", count),
}


def _files(count: int) -> str:
    return ngettext("{count} file", "{count} files", count).format(count=count)


def _summary(diagnostics: list[Diagnostic], file_count: int) -> str:
    counts = collections.Counter(d.severity for d in diagnostics)
    if not diagnostics:
        return _("No problems found in {files}.").format(files=_files(file_count))
    parts = _(", ").join(SEVERITY_COUNTS[s](counts[s]).format(count=counts[s])
                         for s in sorted(counts, reverse=True))
    return ngettext("Found {count} problem ({parts}) in {files}.", "Found {count} problems ({parts}) in {files}.",
                    len(diagnostics)).format(count=len(diagnostics), parts=parts, files=_files(file_count))
