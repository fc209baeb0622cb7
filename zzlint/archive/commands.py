"""``zzlint archive``: add files to the archive index, remove them, describe it, and find every
repeat inside it. Errors are one line each and exit 2, as everywhere in zzlint."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from zzlint.cli_language import LocalisedGroup, language_option
from zzlint.i18n import N_, _, use_configured

if TYPE_CHECKING:
    from zzlint.archive.index import Archive
    from zzlint.archive.selfcheck import Repeat

EXIT_OK, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
#: What ``archive stats`` calls each figure in its text output (the JSON keeps the keys).
FIGURES = {
    "format": N_("index format"), "sources": N_("files"), "paragraphs": N_("paragraphs"),
    "near": N_("paragraphs matched nearly"), "band_keys": N_("band keys"), "dated": N_("dated paragraphs"),
    "first_date": N_("first date"), "last_date": N_("last date"), "bytes": N_("bytes"),
    "bytes_per_paragraph": N_("bytes per paragraph"), "parameters": N_("parameters"),
}

index_option = click.option("--index", "index_path", required=True, type=click.Path(dir_okay=False),
                            help="The archive index file (SQLite).")
scheduler_option = click.option(
    "--scheduler", help="Compute on a Dask cluster: tcp://HOST:8786, or 'local' for one on this machine.")


def _error(message: str) -> None:
    click.echo(_("zzlint: error: {message}").format(message=message), err=True)


@contextmanager
def _archive(index_path: str, create: bool = False) -> Iterator["Archive"]:
    from zzlint.archive import ArchiveError

    try:
        from zzlint.archive.index import Archive

        archive = Archive.create(Path(index_path)) if create else Archive.open(Path(index_path), read_only=False)
    except ArchiveError as exc:
        raise click.ClickException(str(exc)) from None
    with archive:
        try:
            yield archive
        except ArchiveError as exc:
            raise click.ClickException(str(exc)) from None


@click.group("archive", cls=LocalisedGroup)
@language_option
def archive() -> None:
    """The archive index of what was already printed (rule already-printed)."""
    from zzlint.config import Resolver

    use_configured(Resolver().for_path(Path(".")).language)


@archive.command("add")
@language_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@index_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True,
              help="Files read in parallel on this machine.")
@scheduler_option
@click.option("--encoding", help="Decode every file with this encoding instead of detecting it.")
def add(paths: tuple[str, ...], index_path: str, jobs: int, scheduler: str | None, encoding: str | None) -> None:
    """Index the paragraphs of PATHS (files or folders, read as zzlint check reads them).

    A file already indexed with the same bytes is skipped; a changed one is replaced.
    """
    from zzlint.archive import build

    with _archive(index_path, create=True) as index:
        if scheduler:
            from zzlint.archive import cluster

            with cluster.connect(scheduler, jobs if jobs > 1 else _cores()) as client:
                outcome = build.add(index, list(paths), cluster.mapper(client), encoding)
        else:
            mapper = build.process_pool(jobs) if jobs > 1 else build.in_process
            outcome = build.add(index, list(paths), mapper, encoding)
    click.echo(_("Indexed {paragraphs} paragraphs of {added} files ({unchanged} unchanged) in {index}.").format(
        paragraphs=outcome.paragraphs, added=outcome.added, unchanged=outcome.unchanged, index=index_path),
        err=True)
    for message in outcome.errors:
        _error(message)
    sys.exit(EXIT_ERROR if outcome.errors else EXIT_OK)


def _cores() -> int:
    from zzlint.runner import default_jobs

    return default_jobs()


@archive.command("remove")
@language_option
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@index_option
def remove(paths: tuple[str, ...], index_path: str) -> None:
    """Forget PATHS (files, or folders: every indexed file under them), even if they are gone."""
    missing = []
    files = paragraphs = 0
    with _archive(index_path) as index:
        known = index.sources()
        for name in paths:
            stored = index.stored(Path(name))
            chosen = [s for s in known if s == stored or s.startswith(stored.rstrip("/") + "/")]
            if not chosen:
                missing.append(name)
            for source in chosen:
                paragraphs += index.remove(source)
                files += 1
    click.echo(_("Removed {files} files ({paragraphs} paragraphs) from {index}.").format(
        files=files, paragraphs=paragraphs, index=index_path), err=True)
    for name in missing:
        _error(_("{path}: not in the archive index").format(path=name))
    sys.exit(EXIT_ERROR if missing else EXIT_OK)


@archive.command("stats")
@language_option
@index_option
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
def stats(index_path: str, output_format: str) -> None:
    """Describe the index: files, paragraphs, dates, size."""
    with _archive(index_path) as index:
        figures = index.stats()
    if output_format == "json":
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for name, value in figures.items():
        shown = json.dumps(value, ensure_ascii=False) if isinstance(value, dict) else value
        click.echo(_("{figure}: {value}").format(figure=_(FIGURES[name]), value=shown))


@archive.command("duplicates")
@language_option
@index_option
@scheduler_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Workers of a local cluster [default: all cores].")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
def duplicates(index_path: str, scheduler: str | None, jobs: int | None, output_format: str) -> None:
    """Find every paragraph of the archive that repeats an earlier one (exit 1 if any)."""
    from zzlint.archive import selfcheck

    with _archive(index_path) as index:
        if scheduler:
            from zzlint.archive import cluster

            with cluster.connect(scheduler, jobs or _cores()) as client:
                repeats = cluster.find(client, index)
        else:
            repeats = selfcheck.find(index)
        lines = [_describe(index, r, output_format) for r in repeats]
    for line in lines:
        click.echo(line)
    sys.exit(EXIT_FOUND if repeats else EXIT_OK)


def _describe(index: "Archive", repeat: "Repeat", output_format: str) -> str:
    later, earlier = repeat.later, repeat.earlier
    if output_format == "json":
        return json.dumps({"path": index.shown(later.path), "line": later.line, "column": later.column,
                           "date": later.date, "similarity": round(repeat.similarity, 1),
                           "earlier": {"path": index.shown(earlier.path), "line": earlier.line,
                                       "column": earlier.column, "date": earlier.date}},
                          ensure_ascii=False)
    date = earlier.date or _("date unknown")
    if repeat.similarity >= 100:
        message = _("repeats {path}:{line} ({date}) word for word").format(
            path=index.shown(earlier.path), line=earlier.line, date=date)
    else:
        message = _("nearly repeats {path}:{line} ({date}), similarity {similarity}%").format(
            path=index.shown(earlier.path), line=earlier.line, date=date, similarity=f"{repeat.similarity:.0f}")
    return f"{index.shown(later.path)}:{later.line}:{later.column}: {message}"
