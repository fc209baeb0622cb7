"""Which files a run lints: named files as they are, folders searched for lintable suffixes,
skipping hidden folders, what the ``.gitignore`` files of the folder's repository ignore, and the
``exclude`` patterns (gitignore syntax) of the config in force. With ``force-exclude``, named
files are held to ``exclude`` too, as pre-commit names every file it passes."""
from __future__ import annotations

import os
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from zzlint.config import Resolver, Settings
from zzlint.i18n import _
from zzlint.readers import lintable_suffixes, readable_suffixes, suffix

if TYPE_CHECKING:
    import pathspec

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages"})


class Collected:
    """The files to lint, the errors met looking for them, and how many lintable files and
    folders ``exclude`` or a .gitignore file left out."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.errors: list[str] = []
        self.excluded = 0


#: Control characters in a file name, escaped as Python writes them: a newline in a name must
#: not split a finding's line, nor an escape sequence reach the terminal.
_CONTROL_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(32), 127)} | {
    ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}

#: Whether a name that is valid text is the same once encoded to bytes and decoded as UTF-8.
_UTF8_NAMES = sys.getfilesystemencoding() == "utf-8"


def display_name(path: Path | str) -> str:
    """A path as zzlint prints it: bytes of a name that are not UTF-8 (a GBK name on a UTF-8
    system) shown as U+FFFD, so that every output stays valid UTF-8, and control characters
    escaped."""
    name = os.fspath(path)
    if _UTF8_NAMES and isinstance(name, str) and name.isprintable():  # most names: nothing to change
        return name
    return os.fsencode(path).decode("utf-8", "replace").translate(_CONTROL_ESCAPES)


@lru_cache(maxsize=256)
def _spec(patterns: tuple[str, ...]) -> "pathspec.GitIgnoreSpec":
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def check_patterns(patterns: tuple[str, ...]) -> str | None:
    """Why one of ``patterns`` is not a valid gitignore pattern, or None when all are."""
    for pattern in patterns:
        try:
            _spec((pattern,))
        except Exception as exc:  # pathspec raises its own error or re.error for a bad pattern
            return _("invalid pattern {pattern!r} ({reason})").format(pattern=pattern, reason=exc)
    return None


def is_excluded(path: Path, settings: Settings, is_dir: bool = False) -> bool:
    if not settings.exclude:
        return False
    try:
        relative = path.resolve().relative_to(settings.exclude_base.resolve())
    except ValueError:
        return False
    suffix = "/" if is_dir else ""
    return _spec(settings.exclude).match_file(relative.as_posix() + suffix)


class IgnoreFile(NamedTuple):
    """The patterns of one .gitignore file (or .git/info/exclude), relative to ``base``."""

    base: Path
    spec: "pathspec.GitIgnoreSpec"

    def verdict(self, path: Path, is_dir: bool) -> bool | None:
        """True: ignored, False: re-included by a ``!`` pattern, None: no pattern matches."""
        relative = os.path.relpath(path, self.base).replace(os.sep, "/") + ("/" if is_dir else "")
        return self.spec.check_file(relative).include


def _read_ignore_file(path: Path, base: Path) -> IgnoreFile | None:
    """The valid lines of an ignore file; git skips a line it cannot parse, and so does zzlint."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    valid = tuple(line for line in lines if check_patterns((line,)) is None)
    return IgnoreFile(base, _spec(valid)) if valid else None


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _inherited_ignores(folder: Path) -> list[IgnoreFile]:
    """The ignore files of ``folder``'s repository that apply to it, from its root down to the
    folder's parent (the folder's own .gitignore is read by the walk)."""
    root = _repository_root(folder)
    if root is None:
        return []
    found = [_read_ignore_file(root / ".git" / "info" / "exclude", root)]
    for ancestor in reversed(folder.relative_to(root).parents):
        here = root / ancestor
        if here != folder:
            found.append(_read_ignore_file(here / ".gitignore", here))
    return [f for f in found if f is not None]


def _ignored(path: Path, is_dir: bool, ignores: list[IgnoreFile]) -> bool:
    """Git's precedence: the deepest ignore file with a matching pattern decides."""
    for ignore in reversed(ignores):
        verdict = ignore.verdict(path, is_dir)
        if verdict is not None:
            return verdict
    return False


class _Walk:
    """One folder named on the command line, searched top-down."""

    def __init__(self, folder: Path, resolver: Resolver, result: Collected) -> None:
        self.resolver = resolver
        self.result = result
        self.suffixes = lintable_suffixes()
        self.folder = folder
        respect = resolver.for_folder(folder).respect_gitignore
        self.inherited = _inherited_ignores(_absolute(folder)) if respect else []

    def files(self) -> list[Path]:
        found: list[Path] = []
        ignores_of: dict[str, list[IgnoreFile]] = {str(self.folder): self.inherited}
        for current, dirs, names in os.walk(self.folder, onerror=self._unreadable):
            here = Path(current)
            settings = self.resolver.for_folder(here)
            ignores = ignores_of.pop(current)
            if settings.respect_gitignore and ".gitignore" in names:
                own = _read_ignore_file(here / ".gitignore", _absolute(here))
                ignores = [*ignores, own] if own else ignores
            dirs[:] = sorted(d for d in dirs if self._keep_folder(here / d, ignores))
            for d in dirs:
                ignores_of[os.path.join(current, d)] = ignores
            for name in sorted(names):
                if suffix(name) not in self.suffixes:
                    continue
                path = here / name
                if is_excluded(path, settings) or (settings.respect_gitignore
                                                   and _ignored(_absolute(path), False, ignores)):
                    self.result.excluded += 1
                else:
                    found.append(path)
        return found

    def _keep_folder(self, folder: Path, ignores: list[IgnoreFile]) -> bool:
        if folder.name.startswith(".") or folder.name in SKIPPED_FOLDERS:
            return False
        settings = self.resolver.for_folder(folder)
        if is_excluded(folder, settings, is_dir=True) or (
                settings.respect_gitignore and _ignored(_absolute(folder), True, ignores)):
            self.result.excluded += 1
            return False
        return True

    def _unreadable(self, error: OSError) -> None:
        name = display_name(Path(error.filename)) if error.filename else display_name(self.folder)
        self.result.errors.append(_("{path}: cannot read folder: {reason}").format(
            path=name, reason=error.strerror or error))


def _absolute(path: Path) -> Path:
    """The absolute path, symbolic links left as they are (as git sees the tree)."""
    return Path(os.path.abspath(path))


def _kind(path: Path) -> str:
    """"folder", "file" or "missing"; a file that cannot be looked at is a "file": reading it
    reports why."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return "file" if os.path.lexists(path) else "missing"
    except OSError:
        return "file"
    return "folder" if stat.S_ISDIR(status.st_mode) else "file"


def collect(paths: list[str], resolver: Resolver) -> Collected:
    result = Collected()
    for name in paths:
        path = Path(name)
        kind = _kind(path)
        if kind == "folder":
            excluded, errors = result.excluded, len(result.errors)
            files = _Walk(path, resolver, result).files()
            if not files and result.excluded == excluded and len(result.errors) == errors:
                wanted = ", ".join(sorted(readable_suffixes()))
                result.errors.append(_("{path}: no files to lint here ({suffixes})").format(
                    path=display_name(name), suffixes=wanted))
            result.files.extend(files)
        elif kind == "file":
            settings = resolver.for_file(path)
            if settings.force_exclude and is_excluded(path, settings):
                result.excluded += 1
            else:
                result.files.append(path)
        else:
            result.errors.append(_("{path}: no such file or directory").format(path=display_name(name)))
    return result
