"""The language server end to end: a real LSP client starts ``python -m zzlint server`` and talks
to it over stdio, as an editor does."""
from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import docx
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

#: 𠀀 (U+20000) lies outside the BMP: two UTF-16 code units, so every column after it on its
#: line is one more in UTF-16 than in code points.
OPENING = "𠀀字头的报告说，全体队员再接再砺，争取在下一个赛季取得更好的成绩和更大的进步。"
MIDDLE = "街道今年新建三处老年食堂，并为高龄独居老人安装了紧急呼叫装置。"
CONFIG = 'select = ["idiom-variant", "repeated-paragraph"]\n'
TIMEOUT = 20


class Session:
    """A client connected to a server subprocess, with what the server sent it."""

    def __init__(self, client: LanguageClient) -> None:
        self.client = client
        self.diagnostics: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
        self.messages: asyncio.Queue[types.ShowMessageParams] = asyncio.Queue()
        self.encoding: str | None = None

    async def next_diagnostics(self) -> types.PublishDiagnosticsParams:
        return await asyncio.wait_for(self.diagnostics.get(), TIMEOUT)

    def open(self, uri: str, text: str, language: str = "plaintext") -> None:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))

    def change(self, uri: str, version: int, text: str) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))


@asynccontextmanager
async def session(folder: Path, encodings: list[str] | None = None) -> AsyncIterator[Session]:
    client = LanguageClient("zzlint-test", "1")
    connected = Session(client)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        connected.diagnostics.put_nowait(params)

    @client.feature(types.WINDOW_SHOW_MESSAGE)
    def message(params: types.ShowMessageParams) -> None:
        connected.messages.put_nowait(params)

    await client.start_io(sys.executable, "-m", "zzlint", "server", cwd=str(folder))
    capabilities = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings),
        text_document=types.TextDocumentClientCapabilities(
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True)))
    result = await asyncio.wait_for(client.initialize_async(types.InitializeParams(
        capabilities=capabilities, process_id=None, root_uri=from_fs_path(str(folder)))), TIMEOUT)
    connected.encoding = result.capabilities.position_encoding
    client.initialized(types.InitializedParams())
    try:
        yield connected
    finally:
        await asyncio.wait_for(client.shutdown_async(None), TIMEOUT)
        client.exit(None)
        await asyncio.wait_for(client.stop(), TIMEOUT)


def run(test: Callable[[], Any]) -> None:
    asyncio.run(test())


def span(start: tuple[int, int], end: tuple[int, int]) -> types.Range:
    return types.Range(types.Position(*start), types.Position(*end))


def offset(text: str, position: types.Position) -> int:
    """A position counted in UTF-16 code units, as an offset into ``text``."""
    line_start = sum(len(line) for line in text.splitlines(keepends=True)[:position.line])
    units = 0
    for index, char in enumerate(text[line_start:]):
        if units >= position.character:
            return line_start + index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def apply_edit(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    assert edit.changes is not None
    for change in sorted(edit.changes[uri], key=lambda e: (e.range.start.line, e.range.start.character),
                         reverse=True):
        text = text[:offset(text, change.range.start)] + change.new_text + text[offset(text, change.range.end):]
    return text


def test_open_edit_fix_a_draft_and_open_a_word_file(tmp_path: Path) -> None:
    (tmp_path / "zzlint.toml").write_text(CONFIG, encoding="utf-8")
    uri = from_fs_path(str(tmp_path / "draft.txt"))
    text = f"{OPENING}\n{MIDDLE}\n{OPENING}\n"
    line_units = len(OPENING) + 1  # 𠀀 counts two
    word = docx.Document()
    word.add_paragraph(OPENING)
    word.save(tmp_path / "draft.docx")
    word_uri = from_fs_path(str(tmp_path / "draft.docx"))

    async def test() -> None:
        async with session(tmp_path) as server:
            assert server.encoding == types.PositionEncodingKind.Utf16
            server.open(uri, text)
            published = await server.next_diagnostics()
            assert (published.uri, published.version) == (uri, 1)
            found = [(d.code, d.range, d.severity, d.message) for d in published.diagnostics]
            assert found == [
                ("idiom-variant", span((0, 13), (0, 17)), types.DiagnosticSeverity.Warning,
                 "「再接再砺」: write “再接再厉”"),
                ("repeated-paragraph", span((2, 0), (2, line_units)), types.DiagnosticSeverity.Error,
                 "paragraph repeats the paragraph at line 1 word for word"),
                ("idiom-variant", span((2, 13), (2, 17)), types.DiagnosticSeverity.Warning,
                 "「再接再砺」: write “再接再厉”"),
            ]
            (related,) = published.diagnostics[1].related_information
            assert (related.location.uri, related.location.range, related.message) == (
                uri, span((0, 0), (0, line_units)), "first occurrence")

            edited = f"{MIDDLE}\n{OPENING}\n"
            server.change(uri, 2, edited)
            published = await server.next_diagnostics()
            assert published.version == 2
            assert [(d.code, d.range) for d in published.diagnostics] == [("idiom-variant", span((1, 13), (1, 17)))]

            actions = await asyncio.wait_for(server.client.text_document_code_action_async(types.CodeActionParams(
                types.TextDocumentIdentifier(uri), span((1, 15), (1, 15)),
                types.CodeActionContext(diagnostics=published.diagnostics))), TIMEOUT)
            (action,) = actions
            assert (action.title, action.kind, action.is_preferred) == (
                "Replace 「再接再砺」 with “再接再厉” [idiom-variant]", types.CodeActionKind.QuickFix, True)
            assert apply_edit(edited, action.edit, uri) == f"{MIDDLE}\n{OPENING.replace('再接再砺', '再接再厉')}\n"

            server.open(word_uri, "")
            published = await server.next_diagnostics()
            assert published.uri == word_uri
            assert [(d.code, d.range) for d in published.diagnostics] == [("idiom-variant", span((0, 13), (0, 17)))]

    run(test)


def test_a_config_error_then_utf32_positions_and_fix_all(tmp_path: Path) -> None:
    (tmp_path / "zzlint.toml").write_text('select = ["idiom-variants"]\n', encoding="utf-8")
    uri = from_fs_path(str(tmp_path / "draft.md"))
    text = f"# 标题\n\n{OPENING}\n"

    async def test() -> None:
        async with session(tmp_path, [types.PositionEncodingKind.Utf32, types.PositionEncodingKind.Utf16]) as server:
            assert server.encoding == types.PositionEncodingKind.Utf32
            server.open(uri, text, "markdown")
            message = await asyncio.wait_for(server.messages.get(), TIMEOUT)
            assert (message.type, message.message) == (
                types.MessageType.Error,
                f"zzlint: {tmp_path / 'zzlint.toml'}: unknown rule 'idiom-variants' (did you mean 'idiom-variant'?)")
            assert list((await server.next_diagnostics()).diagnostics) == []

            (tmp_path / "zzlint.toml").write_text(CONFIG, encoding="utf-8")
            server.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
                [types.FileEvent(from_fs_path(str(tmp_path / "zzlint.toml")), types.FileChangeType.Changed)]))
            published = await server.next_diagnostics()
            assert [(d.code, d.range) for d in published.diagnostics] == [("idiom-variant", span((2, 12), (2, 16)))]

            actions = await asyncio.wait_for(server.client.text_document_code_action_async(types.CodeActionParams(
                types.TextDocumentIdentifier(uri), span((0, 0), (0, 0)),
                types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.SourceFixAll]))), TIMEOUT)
            assert [(a.kind, a.edit.changes[uri][0].new_text) for a in actions] == [
                ("source.fixAll.zzlint", f"# 标题\n\n{OPENING.replace('再接再砺', '再接再厉')}\n")]

    run(test)


def test_messages_in_the_language_of_the_config(tmp_path: Path) -> None:
    """The environment asks for English (the suite's locale); the config's language wins."""
    (tmp_path / "zzlint.toml").write_text(CONFIG + 'language = "zh"\n', encoding="utf-8")
    uri = from_fs_path(str(tmp_path / "draft.txt"))

    async def test() -> None:
        async with session(tmp_path) as server:
            server.open(uri, f"{OPENING}\n")
            published = await server.next_diagnostics()
            assert [d.message for d in published.diagnostics] == ["「再接再砺」：应写作“再接再厉”"]
            actions = await asyncio.wait_for(server.client.text_document_code_action_async(
                types.CodeActionParams(types.TextDocumentIdentifier(uri), span((0, 0), (0, 20)),
                                       types.CodeActionContext(diagnostics=[]))), TIMEOUT)
            assert [a.title for a in actions or []] == ["把「再接再砺」改为“再接再厉” [idiom-variant]"]

    run(test)
