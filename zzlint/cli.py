"""The command line: ``zzlint check``, ``zzlint rules``, ``zzlint rule NAME``.

Exit codes: 0 nothing at or above the fail level, 1 findings at or above it, 2 a usage, config,
I/O or internal error (one line on stderr each, never a traceback).
"""
from __future__ import annotations

import collections
import json
import os
import sys
import time
from pathlib import Path

import click

from zzlint import __version__, baseline
from zzlint.cache import DEFAULT_FOLDER, Cache
from zzlint.config import ConfigError, Resolver, presets, resolve_selector
from zzlint.diagnostic import Diagnostic, Severity
from zzlint.files import collect, display_name
from zzlint.i18n import _
from zzlint.reporters import Report, formats, render
from zzlint.rule import Rule
from zzlint.runner import FileResult, Job, collecting_rules, cross_file, default_jobs, run
from zzlint.workers import WorkerDied

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
#: A run shows its progress on a terminal once it has taken this long (seconds).
PROGRESS_AFTER = 1.0


class UserError(Exception):
    """Stops the run with a one-line message and exit code 2."""


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _err(message: str) -> None:
    click.echo(f"zzlint: error: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="zzlint", message="%(prog)s %(version)s")
def cli() -> None:
    """zzlint: a proofreading linter for Chinese publications."""


@cli.command()
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
@click.option("--fix", "fix", is_flag=True, help="Apply the fixes rules offer, rewriting the files (stdin: print the text).")
@click.option("--diff", "diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the findings cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False, readable=False),
              help="Where findings are cached [default: .zzlint_cache, or $ZZLINT_CACHE_DIR].")
@click.option("--profile-rules", is_flag=True, help="Print the time spent in each rule (files not cached).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Leave out the findings recorded in this baseline file; report stale entries.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, readable=False),
              help="Record every current finding in this baseline file and exit 0.")
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
          encoding: str | None, fix: bool, diff: bool, no_cache: bool, cache_dir: str | None,
          profile_rules: bool, baseline_file: str | None, write_baseline: str | None,
          force_exclude: bool | None, respect_gitignore: bool | None, exit_zero: bool, color: str) -> None:
    """Lint PATHS (files, folders, or - for stdin; default: the current folder)."""
    cli_selection: dict[str, object] = {
        "extend_select": _split(extend_select),
        "ignore": _split(ignore),
        "fail_on": Severity.parse(fail_on) if fail_on else None,
        "force_exclude": force_exclude,
        "respect_gitignore": respect_gitignore,
    }
    if select:
        cli_selection["select"] = _split(select)
    if config_path and not Path(config_path).is_file():
        raise UserError(_("{path}: config file not found").format(path=display_name(config_path)))
    if encoding:
        _check_encoding(encoding)
    resolver = Resolver(Path(config_path) if config_path else None, isolated, cli_selection)
    targets = list(paths) or ["."]
    if show_settings:
        target = Path(stdin_filename or "-") if targets[0] == "-" else Path(targets[0])
        click.echo(json.dumps(resolver.for_path(target).effective(target), ensure_ascii=False, indent=2))
        return
    collect_documents = bool(collecting_rules(resolver))
    keep = collect_documents or output_format == "full"
    mode = "diff" if diff else "fix" if fix else "check"
    cache_folder = None if no_cache else cache_dir or os.environ.get("ZZLINT_CACHE_DIR") or DEFAULT_FOLDER
    job_list, errors = _jobs(targets, resolver, stdin_filename, encoding, keep, mode, cache_folder)
    if not job_list and not errors:
        click.echo(_("Nothing to lint: every file found is excluded ('exclude' in config, or .gitignore)."),
                   err=True)
        sys.exit(EXIT_OK)
    _validate_all(job_list, resolver)
    store = Cache(Path(cache_folder)) if cache_folder and mode == "check" else None
    with Progress() as progress:
        results = run(job_list, resolver, jobs or default_jobs(), store, progress)
    if store is not None and store.problem:
        click.echo(_("zzlint: warning: {problem}").format(problem=store.problem), err=True)
    if profile_rules:
        _print_profile(results)
    if mode != "check":
        _report_fixes(results, mode, errors)
        if mode == "diff" or any(r.fixed_text is not None for r in results):
            changed = any(r.changed for r in results) and not exit_zero
            sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if changed else EXIT_OK)
    if collect_documents:
        results.append(cross_file(results, resolver))
    diagnostics, failing = _gather(results, errors)
    if write_baseline:
        count = baseline.write(diagnostics, Path(write_baseline))
        click.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to {write_baseline}.", err=True)
        sys.exit(EXIT_ERROR if errors else EXIT_OK)
    if baseline_file:
        diagnostics, stale = baseline.apply(diagnostics, Path(baseline_file))
        failing = any(d.severity >= resolver.for_path(Path(d.path)).fail_on for d in diagnostics)
        for line in stale:
            click.echo(f"zzlint: warning: {line}", err=True)
    report = Report(sorted(diagnostics, key=Diagnostic.sort_key),
                    resolver.for_path(Path(".")).registry(),
                    {r.path: r.document.text for r in results if r.document is not None},
                    characters=sum(r.characters for r in results),
                    color=_use_colour(color, output_file))
    linted = sum(1 for r in results if r.path != "<run>" and not r.read_error)
    _emit(report, output_format, output_file, statistics, quiet, linted)
    for message in errors:
        _err(message)
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failing and not exit_zero else EXIT_OK)


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


def _report_fixes(results: list[FileResult], mode: str, errors: list[str]) -> None:
    """--diff prints the diffs; --fix on stdin prints the fixed text; --fix on files counts."""
    for result in results:
        if result.read_error:
            errors.append(result.read_error)
            result.read_error = None
        if mode == "diff":
            click.echo(result.diff, nl=False)
        elif result.fixed_text is not None:
            click.echo(result.fixed_text, nl=False)
    fixed = sum(r.fixed for r in results)
    if mode == "fix" and fixed:
        files = sum(1 for r in results if r.changed)
        click.echo(f"Fixed {fixed} problem{'s' if fixed != 1 else ''} in {files} file{'s' if files != 1 else ''}.", err=True)


def _print_profile(results: list[FileResult]) -> None:
    totals: collections.Counter[str] = collections.Counter()
    for result in results:
        totals.update(result.timings)
    overall = sum(totals.values()) or 1.0
    click.echo(f"{'rule':32s} {'seconds':>8s} {'share':>6s}", err=True)
    for name, seconds in totals.most_common():
        click.echo(f"{name:32s} {seconds:8.3f} {seconds / overall:6.1%}", err=True)


def _jobs(targets: list[str], resolver: Resolver, stdin_filename: str | None, encoding: str | None,
          keep_documents: bool, mode: str, cache_folder: str | None) -> tuple[list[Job], list[str]]:
    jobs: list[Job] = []
    named = [t for t in targets if t != "-"]
    collected = collect(named, resolver)
    if "-" in targets:
        display = display_name(stdin_filename or "-")
        jobs.append(Job(Path(stdin_filename or "stdin.txt"), display, sys.stdin.buffer.read(),
                        encoding, keep_documents, mode))
    cacheable = cache_folder is not None and mode == "check" and not keep_documents
    jobs.extend(Job(path, display_name(path), None, encoding, keep_documents, mode, cacheable)
                for path in collected.files)
    return jobs, collected.errors


def _validate_all(jobs: list[Job], resolver: Resolver) -> None:
    """Read every config in force before linting, so a bad one stops the run at once."""
    for folder in {job.path.parent for job in jobs}:
        resolver.for_folder(folder).rules_for(None)


def _gather(results: list[FileResult], errors: list[str]) -> tuple[list[Diagnostic], bool]:
    diagnostics: list[Diagnostic] = []
    failing = False
    for result in results:
        if result.read_error:
            errors.append(result.read_error)
        errors.extend(str(e) for e in result.internal_errors)
        diagnostics.extend(result.diagnostics)
        failing = failing or result.failing
    return diagnostics, failing


def _emit(report: Report, output_format: str, output_file: str | None, statistics: bool,
          quiet: bool, file_count: int) -> None:
    text = _statistics(report) if statistics else render(output_format, report)
    if output_file:
        try:
            Path(output_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{output_file}: cannot write: {exc.strerror or exc}") from None
    else:
        click.echo(text, nl=False, color=report.color or None)
    if not quiet and output_format in ("text", "full") and not statistics and file_count:
        click.echo(_summary(report.diagnostics, file_count), err=True)


def _summary(diagnostics: list[Diagnostic], file_count: int) -> str:
    counts = collections.Counter(d.severity for d in diagnostics)
    files = f"{file_count} file{'s' if file_count != 1 else ''}"
    if not diagnostics:
        return f"No problems found in {files}."
    parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                      for s in sorted(counts, reverse=True))
    return f"Found {len(diagnostics)} problem{'s' if len(diagnostics) != 1 else ''} ({parts}) in {files}."


def _statistics(report: Report) -> str:
    counts = collections.Counter(d.rule for d in report.diagnostics)
    lines = [f"{n:6d}  {rule}" for rule, n in counts.most_common()]
    total = len(report.diagnostics)
    rate = total / report.characters * 10_000 if report.characters else 0.0
    lines.append(f"{total} findings in {report.characters:,} characters: "
                 f"{rate:.2f} per 10,000 characters")
    return "\n".join(lines) + "\n"


def _known_rules() -> dict[str, type[Rule]]:
    """Every rule the config in force for the current folder knows (its rule packs included)."""
    return Resolver().for_path(Path(".")).registry()


@cli.command("rules")
def list_rules() -> None:
    """List every rule: name, default severity, on by default, summary."""
    known = _known_rules()
    width = max(len(n) for n in known)
    click.echo(f"{'rule':{width}}  {'severity':8}  {'default':7}  summary")
    for name, cls in known.items():
        on = "yes" if cls.default_enabled else "no"
        click.echo(f"{name:{width}}  {str(cls.severity):8}  {on:7}  {cls.summary()}")


@cli.command("rule")
@click.argument("name")
def show_rule(name: str) -> None:
    """Print the documentation of rule NAME, or what preset NAME selects."""
    known = _known_rules()
    if name not in known:
        if name in presets(known) or name in ("default", "ALL"):
            _show_preset(name, known)
            return
        from zzlint.config import did_you_mean
        raise UserError(_("unknown rule {name!r}{hint}").format(
            name=name, hint=did_you_mean(name, [*known, *presets(known)])))
    cls = known[name]
    on = "on" if cls.default_enabled else "off"
    click.echo(f"{name} ({cls.severity}, {on} by default)\n")
    click.echo(cls.documentation())
    fields = cls.option_fields()
    if fields:
        click.echo(_("\nOptions:"))
        defaults = cls.Options()
        for key, field in fields.items():
            click.echo(f"  {key} = {toml_value(getattr(defaults, field.name))}")


def _show_preset(name: str, known: dict[str, type[Rule]]) -> None:
    chosen = sorted(resolve_selector(name, known))
    click.echo(_("{name} is a preset: it selects {count} rules.").format(name=name, count=len(chosen)))
    click.echo("")
    width = max(len(n) for n in chosen)
    for rule in chosen:
        cls = known[rule]
        click.echo(f"  {rule:{width}}  {str(cls.severity):8}  {cls.summary()}")


def toml_value(value: object) -> str:
    """``value`` as it is written in a TOML config: true, 12, "text", ["a", "b"]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return repr(value)


def _print_help() -> None:
    with click.Context(cli, info_name="zzlint") as context:
        click.echo(cli.get_help(context), err=True)


def main() -> None:
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
    except (UserError, ConfigError, baseline.BaselineError, WorkerDied) as exc:
        _err(str(exc))
        sys.exit(EXIT_ERROR)
    except BrokenPipeError:
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
