"""The command line: ``zzlint check``, ``zzlint rules``, ``zzlint rule NAME``.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 a usage, config,
I/O or internal error (one line on stderr each, never a traceback).
"""
from __future__ import annotations

import gc

# Before anything else is imported: the start-up creates some hundred thousand objects that live
# as long as the process (modules, classes, rules), and looking through them every 700
# allocations cost 4 ms of a one-paragraph check. Linting keeps the same threshold
# (zzlint.runner.GC_THRESHOLD), for the same reason.
gc.set_threshold(100_000, *gc.get_threshold()[1:])

import collections
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from zzlint import __version__
from zzlint.config import ConfigError, Resolver, presets, resolve_selector, unknown_rule
from zzlint.diagnostic import Diagnostic, Severity
from zzlint.files import collect, display_name
from zzlint.cli_language import LocalisedGroup, language_option, start, use_configured
from zzlint.i18n import _, ngettext
from zzlint.reporters import STATISTICS_FORMATS, Report, RunError, formats, needs_sources, render, render_statistics
from zzlint.rule import Rule
from zzlint.runner import FileResult, Job, collecting_rules, cross_file, default_jobs, run

if TYPE_CHECKING:
    from zzlint.cache import Cache

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
#: Where findings are cached unless --cache-dir or $ZZLINT_CACHE_DIR says otherwise.
CACHE_FOLDER = ".zzlint_cache"
#: A run shows its progress on a terminal once it has taken this long (seconds).
PROGRESS_AFTER = 1.0


class UserError(Exception):
    """Stops the run with a one-line message and exit code 2."""


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _err(message: str) -> None:
    click.echo(_("zzlint: error: {message}").format(message=message), err=True)


def _warn(message: str) -> None:
    click.echo(_("zzlint: warning: {message}").format(message=message), err=True)


@click.group(cls=LocalisedGroup, context_settings={"help_option_names": ["-h", "--help"]},
             lazy_commands={"archive": "zzlint.archive.commands:archive"})
@click.version_option(__version__, "--version", prog_name="zzlint", message="%(prog)s %(version)s")
def cli() -> None:
    """zzlint: a proofreading linter for Chinese publications."""


@cli.command()
@language_option
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option("--select", multiple=True, help="Rules or presets to run (comma-separated), replacing the configured set.")
@click.option("--extend-select", multiple=True, help="Rules or presets to add to the selection.")
@click.option("--ignore", multiple=True, help="Rules or presets to leave out.")
@click.option("--format", "output_format", default="text", show_default=True,
              type=click.Choice(sorted(formats())), help="Output format.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, readable=False), help="Write the report here instead of stdout.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]),
              help="Lowest severity that makes the exit code 1 [default: error, or the config's fail-on].")
@click.option("--statistics", is_flag=True, help="Print counts per rule instead of the findings.")
@click.option("--quiet", "-q", is_flag=True, help="Print the findings only, no summary.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file for every path.")
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
@click.option("--show-settings", is_flag=True, help="Print the effective settings for the first path and exit.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Files linted in parallel [default: all cores].")
@click.option("--stdin-filename", help="The name of the text read from '-' (for config and reader).")
@click.option("--encoding", help="Decode every file with this encoding instead of detecting it.")
@click.option("--fix", "fix", is_flag=True,
              help="Apply the safe fixes rules offer, rewriting the files (stdin: print the text).")
@click.option("--diff", "diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply the unsafe fixes too.")
@click.option("--annotate", type=click.Path(),
              help="Write a copy of each Word file with a review comment per finding: a .docx "
                   "file for one Word file, a folder for several.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the findings cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, readable=False),
              help="Where findings are cached [default: .zzlint_cache, or $ZZLINT_CACHE_DIR].")
@click.option("--profile-rules", is_flag=True, help="Print the time spent in each rule (files not cached).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Leave out the findings recorded in this baseline file; report stale entries.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, readable=False),
              help="Record every current finding in this baseline file and exit 0.")
@click.option("--archive", "archive_index", type=click.Path(dir_okay=False),
              help="Report paragraphs already printed in this archive index (rule already-printed).")
@click.option("--force-exclude/--no-force-exclude", default=None,
              help="Apply 'exclude' to files named on the command line too (as pre-commit names them).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None,
              help="Leave out what .gitignore files ignore when searching folders [default: respect].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when there are findings (errors still exit 2).")
@click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
              show_default=True, help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
def check(paths: tuple[str, ...], select: tuple[str, ...], extend_select: tuple[str, ...],
          ignore: tuple[str, ...], output_format: str, output_file: str | None, fail_on: str | None,
          statistics: bool, quiet: bool, config_path: str | None, isolated: bool,
          show_settings: bool, jobs: int | None, stdin_filename: str | None,
          encoding: str | None, fix: bool, diff: bool, unsafe_fixes: bool, annotate: str | None,
          no_cache: bool, cache_dir: str | None, profile_rules: bool, baseline_file: str | None,
          write_baseline: str | None, archive_index: str | None, force_exclude: bool | None,
          respect_gitignore: bool | None, exit_zero: bool, color: str) -> None:
    """Lint PATHS (files, folders, or - for stdin; default: the current folder)."""
    if statistics and output_format not in STATISTICS_FORMATS:
        raise click.UsageError(_("--statistics is written as text or json, not {format}").format(format=output_format))
    cli_selection: dict[str, object] = {
        "extend_select": _split(extend_select),
        "ignore": _split(ignore),
        "fail_on": Severity.parse(fail_on) if fail_on else None,
        "force_exclude": force_exclude,
        "respect_gitignore": respect_gitignore,
    }
    if select:
        cli_selection["select"] = _split(select)
    if archive_index:
        cli_selection["archive"] = Path(archive_index).resolve()
    if config_path and not Path(config_path).is_file():
        raise UserError(_("{path}: config file not found").format(path=display_name(config_path)))
    if encoding:
        _check_encoding(encoding)
    resolver = Resolver(Path(config_path) if config_path else None, isolated, cli_selection)
    use_configured(resolver.for_path(Path(".")).language)
    targets = list(paths) or ["."]
    if show_settings:
        import json

        target = Path(stdin_filename or "-") if targets[0] == "-" else Path(targets[0])
        click.echo(json.dumps(resolver.for_path(target).effective(target), ensure_ascii=False, indent=2))
        return
    if unsafe_fixes and not (fix or diff):
        raise UserError(_("--unsafe-fixes goes with --fix or --diff"))
    if annotate and "-" in targets:
        raise UserError(_("--annotate writes copies of Word files named as paths, not of stdin"))
    collect_documents = bool(collecting_rules(resolver))
    keep = collect_documents or needs_sources(output_format)
    mode = "diff" if diff else "fix" if fix else "check"
    cache_folder = None if no_cache else cache_dir or os.environ.get("ZZLINT_CACHE_DIR") or CACHE_FOLDER
    job_list, errors = _jobs(targets, resolver, stdin_filename, encoding, keep, mode, cache_folder, unsafe_fixes)
    if not job_list and not errors:
        click.echo(_("Nothing to lint: every file found is excluded ('exclude' in config, or .gitignore)."),
                   err=True)
        sys.exit(EXIT_OK)
    _validate_all(job_list, resolver)
    store = _cache(Path(cache_folder)) if cache_folder and mode == "check" else None
    with Progress() as progress:
        results = run(job_list, resolver, jobs or default_jobs(), store, progress, timings=profile_rules)
    if store is not None and store.problem:
        _warn(store.problem)
    if profile_rules:
        _print_profile(results)
    registry = resolver.for_path(Path(".")).registry()
    if mode != "check":
        _report_fixes(results, mode, errors, registry, unsafe_fixes)
        if mode == "diff":
            pending = any(r.changed or r.unwritable_fixes for r in results) and not exit_zero
            sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if pending else EXIT_OK)
    if collect_documents:
        results.append(cross_file(results, resolver))
    diagnostics, failing = _gather(results, errors)
    if write_baseline:
        count = _write_baseline(diagnostics, Path(write_baseline))
        click.echo(ngettext("Wrote {count} finding to {path}.", "Wrote {count} findings to {path}.", count).format(
            count=count, path=write_baseline), err=True)
        sys.exit(EXIT_ERROR if errors else EXIT_OK)
    if baseline_file:
        diagnostics, stale = _apply_baseline(diagnostics, Path(baseline_file))
        failing = any(d.severity >= resolver.for_path(Path(d.path)).fail_on for d in diagnostics)
        for line in stale:
            _warn(line)
    if annotate:
        _annotate(results, diagnostics, Path(annotate), errors)
    report = Report(sorted(diagnostics, key=Diagnostic.sort_key), registry,
                    {r.path: r.document.source for r in results if r.document is not None},
                    characters=sum(r.characters for r in results), errors=errors,
                    linted={r.path: r.fail_on for r in results if r.path != "<run>" and not r.read_error},
                    color=_use_colour(color, output_file))
    text_on_stdout = any(r.fixed_bytes is not None for r in results)
    _emit(report, output_format, output_file, statistics, quiet, len(report.linted), text_on_stdout)
    for error in errors:
        _err(str(error))
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


def _cache(folder: Path) -> Cache:
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
            click.echo(result.diff, nl=False)
        elif result.fixed_bytes is not None:
            sys.stdout.buffer.write(result.fixed_bytes)
            sys.stdout.buffer.flush()
        if result.unwritable_fixes:
            _warn(_("{path}: Word files are not rewritten ({count} findings have a fix); "
                    "--annotate REVIEWED.docx writes a copy with a review comment on each finding")
                  .format(path=result.path, count=result.unwritable_fixes))
    fixed = sum(r.fixed for r in results)
    if mode == "fix" and fixed:
        files = sum(1 for r in results if r.changed)
        click.echo(ngettext("Fixed {fixed} problem in {files}.", "Fixed {fixed} problems in {files}.", fixed).format(
            fixed=fixed, files=_files(files)), err=True)
    hidden = 0 if unsafe_fixes else sum(
        1 for r in results if not r.unwritable_fixes for d in r.diagnostics
        if d.fix is not None and getattr(registry.get(d.rule), "fix_safety", None) != "safe")
    if hidden:
        click.echo(ngettext("{count} more fix is available with --unsafe-fixes.",
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
        click.echo(ngettext("{path}: wrote {count} review comment to {output}",
                            "{path}: wrote {count} review comments to {output}", count).format(
            path=target.display, count=count, output=target.output), err=True)


def _print_profile(results: list[FileResult]) -> None:
    totals: collections.Counter[str] = collections.Counter()
    for result in results:
        totals.update(result.timings)
    overall = sum(totals.values()) or 1.0
    header = (_padded(_("rule"), 32), _padded(_("seconds"), 8, right=True), _padded(_("share"), 6, right=True))
    click.echo(" ".join(header), err=True)
    for name, seconds in totals.most_common():
        click.echo(f"{name:32s} {seconds:8.3f} {seconds / overall:6.1%}", err=True)


def _padded(text: str, cells: int, right: bool = False) -> str:
    """``text`` padded with spaces to ``cells`` terminal cells (a Chinese character takes two)."""
    from zzlint.reporters.full import width

    room = " " * max(0, cells - width(text))
    return room + text if right else text + room


def _jobs(targets: list[str], resolver: Resolver, stdin_filename: str | None, encoding: str | None,
          keep_documents: bool, mode: str, cache_folder: str | None,
          unsafe_fixes: bool) -> tuple[list[Job], list[RunError]]:
    jobs: list[Job] = []
    named = [t for t in targets if t != "-"]
    collected = collect(named, resolver)
    if "-" in targets:
        display = display_name(stdin_filename or "-")
        jobs.append(Job(Path(stdin_filename or "stdin.txt"), display, sys.stdin.buffer.read(),
                        encoding, keep_documents, mode, unsafe_fixes))
    cacheable = cache_folder is not None and mode == "check" and not keep_documents
    jobs.extend(Job(path, display_name(path), None, encoding, keep_documents, mode, unsafe_fixes, cacheable)
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


def _emit(report: Report, output_format: str, output_file: str | None, statistics: bool,
          quiet: bool, file_count: int, text_on_stdout: bool) -> None:
    """Print the report, on stderr when stdout carries the fixed text of stdin."""
    text = render_statistics(report, output_format) if statistics else render(output_format, report)
    if output_file:
        try:
            Path(output_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(_("{path}: cannot write: {error}").format(path=output_file, error=exc.strerror or exc)) from None
    else:
        click.echo(text, nl=False, err=text_on_stdout, color=report.color or None)
    if not quiet and output_format in ("text", "full") and not statistics and file_count:
        click.echo(_summary(report.diagnostics, file_count), err=True)


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


def _known_rules() -> dict[str, type[Rule]]:
    """The rules known here: built in, plug-ins, and the packs of the current folder's config
    (which also says the language, unless --lang did)."""
    settings = Resolver().for_path(Path("."))
    use_configured(settings.language)
    return settings.registry()


DOC_FORMAT = click.option("--format", "output_format", type=click.Choice(["text", "markdown"]), default="text",
                          help="Plain text for the terminal, or Markdown to publish [default: text].")


@cli.command("rules")
@language_option
@DOC_FORMAT
def list_rules(output_format: str) -> None:
    """List every rule: name, default severity, on by default, summary."""
    from zzlint import docs

    known = _known_rules()
    if output_format == "markdown":
        click.echo(docs.rules_markdown(known), nl=False)
        return
    click.echo(docs.rule_table(known))


@cli.command("rule")
@language_option
@click.argument("name")
@DOC_FORMAT
def show_rule(name: str, output_format: str) -> None:
    """Print the documentation of rule NAME."""
    from zzlint import docs

    known = _known_rules()
    if name not in known:
        if name in presets(known) or name in ("default", "ALL"):
            _show_preset(name, known)
            return
        raise UserError(unknown_rule(name, [*known, *presets(known)]))
    facts = docs.facts(known[name])
    click.echo(docs.render_markdown(facts) if output_format == "markdown" else docs.render_text(facts), nl=False)


def _show_preset(name: str, known: dict[str, type[Rule]]) -> None:
    chosen = sorted(resolve_selector(name, known))
    click.echo(_("{name} is a preset: it selects {count} rules.").format(name=name, count=len(chosen)))
    click.echo("")
    width = max(len(n) for n in chosen)
    for rule in chosen:
        cls = known[rule]
        click.echo(f"  {rule:{width}}  {_padded(_(str(cls.severity)), 8)}  {cls.summary()}")


@cli.command("structure")
@language_option
@click.argument("path", type=click.Path())
@click.option("--format", "output_format", default="text", show_default=True, type=click.Choice(["text", "json"]),
              help="Output format.")
@click.option("--encoding", help="Decode the file with this encoding instead of detecting it.")
def show_structure(path: str, output_format: str, encoding: str | None) -> None:
    """Print what zzlint believes about PATH: stories, headings, numbering, quotations, formulas."""
    import json

    from zzlint import outline
    from zzlint.readers import ReadError, read_bytes, read_file

    use_configured(Resolver().for_path(Path(path)).language)
    try:
        doc = read_bytes(read_file(Path(path), path), path, encoding)
    except ReadError as exc:
        raise UserError(str(exc)) from None
    described = outline.describe(doc)
    click.echo(json.dumps(described, ensure_ascii=False, indent=2) if output_format == "json"
               else outline.render(described), nl=output_format == "json")


@cli.command("server")
def language_server() -> None:
    """Run the language server on stdin and stdout, for editors (LSP)."""
    from zzlint.server import serve

    serve()


def _print_help() -> None:
    with click.Context(cli, info_name="zzlint") as context:
        click.echo(cli.get_help(context), err=True)


def main() -> None:
    start()
    if len(sys.argv) <= 1:
        _print_help()
        sys.exit(EXIT_ERROR)
    try:
        code = cli.main(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else EXIT_OK)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            sys.exit(EXIT_INTERRUPTED)
        _err(_("aborted"))
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        _err(exc.format_message().replace("\n", " "))
        sys.exit(EXIT_ERROR)
    except (UserError, ConfigError) as exc:
        _err(str(exc))
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # a bug of zzlint's own, or a worker that died: one line, never a traceback
        from zzlint.workers import WorkerDied  # here: only a run in several processes imports it

        if isinstance(exc, WorkerDied):
            _err(str(exc))
            sys.exit(EXIT_ERROR)
        _err(_("internal error: {kind}: {detail} (please report it)").format(kind=type(exc).__name__, detail=exc))
        sys.exit(EXIT_ERROR)
