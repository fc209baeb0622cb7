"""The language server (``zzlint server``): zzlint's findings in any editor that speaks LSP.

A ``.txt`` or ``.md`` document is linted when it is opened, saved, and a moment after typing
stops; a ``.docx`` file is read from disk when it is opened or saved. Each document is linted
in this process with the engine and the readers, under the settings the CLI would use for its
path (the closest config file of its folder, its excludes and per-file ignores, suppression
comments and accept lists), and its messages are in that config's ``language`` (else the
environment's, as for the CLI). Ranges are in the position encoding agreed with the client (UTF-16
unless the client offers UTF-8 or UTF-32 first); a repeat's related information points at the
first occurrence. Every fix a rule offers is a quick fix, preferred when ``zzlint check --fix``
would apply it (a safe fix within one line; unsafe fixes are offered but not preferred), and the
source action ``source.fixAll.zzlint`` applies the safe ones, as ``--fix`` does. A config error is shown as a message and the
document gets no findings until it is fixed; the server goes on.

The client sends the whole text on each change: offsets then never depend on how the client
and the server each split lines (pygls' incremental sync splits at more characters than LSP).
Config files and rule packs are read again when the client reports a change to a ``.toml``,
``.yml`` or ``.yaml`` file (a watcher is registered where the client allows it), or when such a
file is saved in the editor.
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from zzlint import __version__, fixes, i18n
from zzlint.config import ConfigError, Resolver, Settings, forget_read_files
from zzlint.diagnostic import Diagnostic, Related, Severity
from zzlint.document import Document
from zzlint.files import is_excluded
from zzlint.i18n import _
from zzlint.readers import ReadError, lintable_suffixes, read_bytes, read_file
from zzlint.runner import lint_settled

#: Seconds without a change before a document being typed in is linted.
PAUSE = 0.25
FROM_DISK = (".docx",)
SETTINGS_SUFFIXES = (".toml", ".yml", ".yaml")
FIX_ALL = "source.fixAll.zzlint"
SEVERITIES = {Severity.ERROR: types.DiagnosticSeverity.Error,
              Severity.WARNING: types.DiagnosticSeverity.Warning,
              Severity.INFO: types.DiagnosticSeverity.Information}


@dataclass
class Linted:
    """A document as last linted, with its findings (what code actions are built from)."""

    document: Document
    diagnostics: list[Diagnostic]
    version: int | None
    #: The rules whose fixes ``zzlint check --fix`` applies (their ``fix_safety`` is "safe").
    safe: frozenset[str] = frozenset()

    def is_safe(self, diagnostic: Diagnostic) -> bool:
        return diagnostic.rule in self.safe


class Positions:
    """Offsets of a document as LSP positions, counted in the client's position encoding."""

    def __init__(self, document: Document, encoding: str) -> None:
        self.document = document
        self.codec = {types.PositionEncodingKind.Utf8: "utf-8",
                      types.PositionEncodingKind.Utf32: "utf-32-le"}.get(encoding, "utf-16-le")
        self.width = {"utf-8": 1, "utf-32-le": 4, "utf-16-le": 2}[self.codec]

    def at(self, offset: int) -> types.Position:
        line, _column = self.document.position(offset)
        start = self.document.line_starts[line - 1]
        text = self.document.source[start:offset]
        return types.Position(line - 1, len(text.encode(self.codec, "surrogatepass")) // self.width)

    def span(self, start: int, end: int) -> types.Range:
        return types.Range(self.at(start), self.at(end))


class ZzlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("zzlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.resolver = Resolver()
        self.linted: dict[str, Linted] = {}
        self.waiting: dict[str, asyncio.TimerHandle] = {}
        self.shown: set[str] = set()

    def lint_later(self, uri: str) -> None:
        self.cancel(uri)
        self.waiting[uri] = asyncio.get_running_loop().call_later(PAUSE, self.lint, uri)

    def cancel(self, uri: str) -> None:
        waiting = self.waiting.pop(uri, None)
        if waiting is not None:
            waiting.cancel()

    def lint(self, uri: str) -> None:
        """Lint the document and publish its diagnostics (none when it cannot be linted)."""
        self.cancel(uri)
        local = to_fs_path(uri)
        path = Path(local or "")
        if local is None or path.suffix.lower() not in lintable_suffixes():
            return
        version = self.workspace.get_text_document(uri).version
        try:
            linted = self._lint_path(uri, path, version)
        except (ConfigError, ReadError) as exc:
            self.warn(str(exc))
            linted = None
        if linted is None:
            self.linted.pop(uri, None)
            self.publish(uri, [], version)
            return
        self.linted[uri] = linted
        positions = Positions(linted.document, self.encoding())
        self.publish(uri, [self.to_lsp(uri, d, positions) for d in linted.diagnostics], version)

    def _lint_path(self, uri: str, path: Path, version: int | None) -> Linted | None:
        settings = self.speak(path)
        if is_excluded(path, settings):
            return None
        if path.suffix.lower() in FROM_DISK:
            document = read_bytes(read_file(path), str(path))
        else:
            document = read_bytes(self.workspace.get_text_document(uri).source.encode("utf-8"), str(path), "utf-8")
        rules = settings.rules_for(path)
        outcome = lint_settled(document, rules, settings)
        for error in outcome.errors:
            self.warn(str(error))
        return Linted(document, outcome.diagnostics, version,
                      frozenset(rule.name for rule in rules if rule.fix_safety == "safe"))

    def speak(self, path: Path) -> Settings:
        """The settings in force for ``path``, whose ``language`` (else the environment's) the
        messages about the document are then written in."""
        settings = self.resolver.for_file(path)
        i18n.set_language(i18n.choose(None, settings.language, os.environ))
        return settings

    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def warn(self, message: str) -> None:
        """Show a message once (not again on every keystroke while it holds)."""
        if message not in self.shown:
            self.shown.add(message)
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"zzlint: {message}"))

    def publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def to_lsp(self, uri: str, diagnostic: Diagnostic, positions: Positions) -> types.Diagnostic:
        return types.Diagnostic(
            range=positions.span(diagnostic.start, diagnostic.end),
            message=diagnostic.message,
            severity=SEVERITIES[diagnostic.severity],
            code=diagnostic.rule,
            source="zzlint",
            related_information=[self.related(uri, diagnostic, r, positions) for r in diagnostic.related
                                 if r.path == diagnostic.path] or None,
        )

    def related(self, uri: str, diagnostic: Diagnostic, related: Related,
                positions: Positions) -> types.DiagnosticRelatedInformation:
        """A place in the same document; its range is the flagged text again when the same text
        stands there (the first occurrence of a repeat), else the position alone."""
        document = positions.document
        offset = document.offset(related.line, related.column)
        flagged = document.text[diagnostic.start:diagnostic.end]
        end = offset + len(flagged) if document.text[offset:offset + len(flagged)] == flagged else offset
        return types.DiagnosticRelatedInformation(types.Location(uri, positions.span(offset, end)), related.message)

    def reload_settings(self) -> None:
        """Read config files and rule packs again, and lint every open document anew."""
        forget_read_files()
        self.resolver = Resolver()
        self.shown.clear()
        for uri in list(self.workspace.text_documents):
            self.lint(uri)

    def code_actions(self, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        if uri in self.waiting:
            self.lint(uri)
        linted = self.linted.get(uri)
        if linted is None or linted.document.encoding is None:
            return []
        self.speak(Path(linted.document.path))
        positions = Positions(linted.document, self.encoding())
        wanted = params.context.only
        actions = []
        if wanted is None or types.CodeActionKind.QuickFix in wanted:
            actions = [self.quick_fix(uri, d, positions, linted.is_safe(d)) for d in linted.diagnostics
                       if d.fix is not None and _overlaps(positions.span(d.start, d.end), params.range)]
        if wanted and any(FIX_ALL.startswith(kind) for kind in wanted):
            actions.extend(self.fix_all(uri, linted, positions))
        return actions

    def quick_fix(self, uri: str, diagnostic: Diagnostic, positions: Positions, safe: bool) -> types.CodeAction:
        found = positions.document.source[diagnostic.start:diagnostic.end]
        title = (_("Replace 「{found}」 with “{fix}”").format(found=found, fix=diagnostic.fix) if diagnostic.fix
                 else _("Delete 「{found}」").format(found=found))
        edit = types.TextEdit(positions.span(diagnostic.start, diagnostic.end), diagnostic.fix or "")
        return types.CodeAction(
            title=f"{title} [{diagnostic.rule}]",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[self.to_lsp(uri, diagnostic, positions)],
            edit=types.WorkspaceEdit(changes={uri: [edit]}),
            is_preferred=safe and "\n" not in found and "\r" not in found,
        )

    def fix_all(self, uri: str, linted: Linted, positions: Positions) -> list[types.CodeAction]:
        source = linted.document.source
        fixed = fixes.apply(source, linted.diagnostics, linted.is_safe)
        if fixed == source:
            return []
        whole = positions.span(0, len(source))
        return [types.CodeAction(title=_("Fix every problem zzlint can fix"), kind=FIX_ALL,
                                 edit=types.WorkspaceEdit(changes={uri: [types.TextEdit(whole, fixed)]}))]


def _overlaps(span: types.Range, wanted: types.Range) -> bool:
    def key(position: types.Position) -> tuple[int, int]:
        return position.line, position.character
    return key(span.start) <= key(wanted.end) and key(wanted.start) <= key(span.end)


def build() -> ZzlintServer:
    server = ZzlintServer()

    @server.feature(types.INITIALIZED)
    async def watch_settings(ls: ZzlintServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            watcher = types.FileSystemWatcher(glob_pattern="**/*.{toml,yml,yaml}")
            await ls.client_register_capability_async(types.RegistrationParams([types.Registration(
                "zzlint-settings", types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                types.DidChangeWatchedFilesRegistrationOptions([watcher]))]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def settings_changed(ls: ZzlintServer, params: types.DidChangeWatchedFilesParams) -> None:
        ls.reload_settings()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def opened(ls: ZzlintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def changed(ls: ZzlintServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.lint_later(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def saved(ls: ZzlintServer, params: types.DidSaveTextDocumentParams) -> None:
        if Path(to_fs_path(params.text_document.uri) or "").suffix.lower() in SETTINGS_SUFFIXES:
            ls.reload_settings()
        else:
            ls.lint(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def closed(ls: ZzlintServer, params: types.DidCloseTextDocumentParams) -> None:
        ls.cancel(params.text_document.uri)
        ls.linted.pop(params.text_document.uri, None)
        ls.publish(params.text_document.uri, [], None)

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: ZzlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return ls.code_actions(params)

    return server


def serve() -> None:
    build().start_io()
