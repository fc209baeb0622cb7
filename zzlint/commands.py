"""The command line as click reads it: ``zzlint check``, ``rules``, ``rule NAME``,
``structure``, ``server`` and ``archive``, with their help pages and usage errors.

``zzlint.cli`` hands over every command line except a check of paths and plain flags, which it
runs itself; the check command here calls the same function with the same defaults
(``zzlint.check``).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from zzlint import VERSION_LINE, __version__
from zzlint.check import FLAGS, CheckOptions, run as run_check
from zzlint.cli_language import LocalisedGroup, language_option, localise_click
from zzlint.config import Resolver, presets, resolve_selector, unknown_rule
from zzlint.console import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, UserError, error, guarded
from zzlint.i18n import _, use_configured
from zzlint.reporters import formats
from zzlint.rule import Rule

DEFAULTS = CheckOptions._field_defaults
#: Click joins the sentences of a message with a space, which a full-width stop does without.
AFTER_FULL_STOP = re.compile(r"(?<=[。？！])\s+")


@click.group(cls=LocalisedGroup, context_settings={"help_option_names": ["-h", "--help"]},
             lazy_commands={"archive": "zzlint.archive.commands:archive"})
@click.version_option(__version__, "--version", message=VERSION_LINE)
def cli() -> None:
    """zzlint: a proofreading linter for Chinese publications."""


def _option(field: str, *declarations: str, **settings: Any) -> Any:
    """The option that sets ``field`` of CheckOptions, with that field's default."""
    return click.option(*declarations, field, default=DEFAULTS[field], **settings)


def _flag(field: str, **settings: Any) -> Any:
    """A flag that the command line also reads without click (``FLAGS``); click takes an
    ``--on/--off`` declaration for a flag by itself."""
    if not any("/" in declaration for declaration in FLAGS[field]):
        settings["is_flag"] = True
    return _option(field, *FLAGS[field], **settings)


@cli.command()
@language_option
@click.argument("paths", nargs=-1, type=click.Path(readable=False), default=DEFAULTS["paths"])
@_option("select", "--select", multiple=True, help="Rules or presets to run (comma-separated), replacing the configured set.")
@_option("extend_select", "--extend-select", multiple=True, help="Rules or presets to add to the selection.")
@_option("ignore", "--ignore", multiple=True, help="Rules or presets to leave out.")
@_option("output_format", "--format", show_default=True, type=click.Choice(sorted(formats())), help="Output format.")
@_option("output_file", "--output-file", "-o", type=click.Path(dir_okay=False, readable=False),
         help="Write the report here instead of stdout.")
@_option("fail_on", "--fail-on", type=click.Choice(["error", "warning", "info"]),
         help="Lowest severity that makes the exit code 1 [default: error, or the config's fail-on].")
@_option("statistics", "--statistics", is_flag=True, help="Print counts per rule instead of the findings.")
@_flag("quiet", help="Print the findings only, no summary.")
@_option("config_path", "--config", type=click.Path(dir_okay=False), help="Use this config file for every path.")
@_flag("isolated", help="Ignore every config file.")
@_option("show_settings", "--show-settings", is_flag=True, help="Print the effective settings for the first path and exit.")
@_option("jobs", "--jobs", "-j", type=click.IntRange(min=1), help="Files linted in parallel [default: all cores].")
@_option("stdin_filename", "--stdin-filename", help="The name of the text read from '-' (for config and reader).")
@_option("encoding", "--encoding", help="Decode every file with this encoding instead of detecting it.")
@_option("fix", "--fix", is_flag=True, help="Apply the safe fixes rules offer, rewriting the files (stdin: print the text).")
@_option("diff", "--diff", is_flag=True, help="Print the fixes as a unified diff; change nothing.")
@_option("unsafe_fixes", "--unsafe-fixes", is_flag=True, help="With --fix or --diff: apply the unsafe fixes too.")
@_option("annotate", "--annotate", type=click.Path(),
         help="Write a copy of each Word file with a review comment per finding: a .docx "
              "file for one Word file, a folder for several.")
@_flag("no_cache", help="Neither read nor write the findings cache.")
@_option("cache_dir", "--cache-dir", type=click.Path(file_okay=False, readable=False),
         help="Where findings are cached [default: .zzlint_cache, or $ZZLINT_CACHE_DIR].")
@_option("profile_rules", "--profile-rules", is_flag=True, help="Print the time spent in each rule (files not cached).")
@_option("baseline_file", "--baseline", type=click.Path(dir_okay=False),
         help="Leave out the findings recorded in this baseline file; report stale entries.")
@_option("write_baseline", "--write-baseline", type=click.Path(dir_okay=False, readable=False),
         help="Record every current finding in this baseline file and exit 0.")
@_option("archive_index", "--archive", type=click.Path(dir_okay=False),
         help="Report paragraphs already printed in this archive index (rule already-printed).")
@_flag("force_exclude", help="Apply 'exclude' to files named on the command line too (as pre-commit names them).")
@_flag("respect_gitignore", help="Leave out what .gitignore files ignore when searching folders [default: respect].")
@_flag("exit_zero", help="Exit 0 even when there are findings (errors still exit 2).")
@_option("color", "--color", type=click.Choice(["auto", "always", "never"]), show_default=True,
         help="Colour the text output (auto: on a terminal, unless NO_COLOR is set).")
def check(**values: Any) -> None:
    """Lint PATHS (files, folders, or - for stdin; default: the current folder)."""
    # Ended here, not by click, so that a check ends (a closed pipe, Ctrl-C) as one run without
    # click does.
    guarded(lambda: run_check(CheckOptions(**values)))


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
    from zzlint.reporters.full import padded

    chosen = sorted(resolve_selector(name, known))
    click.echo(_("{name} is a preset: it selects {count} rules.").format(name=name, count=len(chosen)))
    click.echo("")
    width = max(len(n) for n in chosen)
    for rule in chosen:
        cls = known[rule]
        click.echo(f"  {rule:{width}}  {padded(_(str(cls.severity)), 8)}  {cls.summary()}")


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


def run() -> int:
    """Read the command line with click and run it; the exit code."""
    if len(sys.argv) <= 1:
        _print_help()
        return EXIT_ERROR
    localise_click(sys.argv[1:])
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):
            return EXIT_INTERRUPTED
        error(_("aborted"))
        return EXIT_ERROR
    except click.ClickException as exc:
        error(AFTER_FULL_STOP.sub("", exc.format_message().replace("\n", " ")))
        return EXIT_ERROR
    return code if isinstance(code, int) else EXIT_OK
