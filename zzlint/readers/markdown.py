"""Markdown (.md): markdown-it-py finds the prose, everything else is blanked out.

The Document keeps the source's exact length and line breaks: code blocks, inline code, HTML,
front matter, link destinations, bare URLs and emphasis marks become spaces, so every offset,
line and column of a finding is the source file's own. Each paragraph, heading, list item and
table cell is one paragraph of the Document. ``<!-- zzlint-… -->`` comments that markdown-it-py
parses as HTML (not those inside code) are collected as suppression directives (see
``zzlint.suppression``). Blockquotes and lists nest as deep as the parser's recursion allows
(hundreds of levels); a file nested deeper is an error, never a file without prose.
"""
from __future__ import annotations

import re

from zzlint.document import LINE_BREAK, Document
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.readers import ReadError
from zzlint.readers.decode import decode_or_fail
from zzlint.suppression import COMMENT, comments_in, parse as parse_directives

SUFFIXES = (".md", ".markdown")

FRONT_MATTER = lazy(r"\A(?:---|\+\+\+)[ \t]*\n.*?\n(?:---|\+\+\+)[ \t]*(?:\n|\Z)", re.S)
INLINE_NOISE = lazy(
    r"`+[^`]*`+"                       # inline code
    r"|!\[[^\]]*\]\([^)]*\)"           # an image, alt text and all
    r"|\]\([^)]*\)"                    # a link destination, after the link text
    r"|<[a-zA-Z/!][^>]*>"              # inline HTML and autolinks
    r"|https?://[^\s）)>\]]+"          # bare URLs
    r"|[*_~]{1,3}(?=\S)|(?<=\S)[*_~]{1,3}"  # emphasis marks
    r"|^\s{0,3}#{1,6}\s|\s#+\s*$"      # heading marks
    r"|^\s*(?:[-+*]|\d{1,9}[.)])\s+"   # list markers
    r"|^\s*>\s?"                       # blockquote marks
    r"|\\(?=[!-/:-@\[-`{-~])"          # backslash escapes
    r"|\|",                            # table pipes
    re.M)


#: markdown-it-py stops parsing blocks nested deeper than its maxNesting (20 in the CommonMark
#: preset) and drops their text; Python's recursion limit is the real bound.
MAX_NESTING = 100_000


def read(data: bytes, path: str, encoding: str | None = None) -> Document:
    source, used, bom = decode_or_fail(data, path, encoding, ReadError)
    try:
        document = parse(source, path)
    except RecursionError:
        raise ReadError(_("{path}: Markdown nested too deeply to parse").format(path=path)) from None
    document.encoding, document.bom = used, bom
    return document


def parse(source: str, path: str = "<markdown>") -> Document:
    from markdown_it import MarkdownIt

    masked = list(source)
    _blank(masked, 0, len(source))
    # markdown-it counts lines as zzlint does: \r\n, \r and \n each end one.
    line_starts = [0] + [m.end() for m in LINE_BREAK.finditer(source)]
    line_starts.append(len(source))
    front = FRONT_MATTER.match(source)
    body_start = front.end() if front else 0
    spans: list[tuple[int, int]] = []
    comments: list[re.Match[str]] = []
    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table")
    body_line = len(LINE_BREAK.findall(source, 0, body_start))
    for token in parser.parse(source[body_start:]):
        if token.type not in ("inline", "html_block") or token.map is None:
            continue
        first, last = token.map[0] + body_line, token.map[1] + body_line
        start, end = line_starts[first], line_starts[min(last, len(line_starts) - 1)]
        if token.type == "html_block":
            comments.extend(comments_in(source, start, end))
            continue
        comments.extend(_html_comments(source, start, end, token.children or []))
        if spans and spans[-1] == (start, end):
            continue
        for match in _prose(source, start, end):
            masked[match[0]:match[1]] = source[match[0]:match[1]]
        spans.append((start, end))
    document = Document("".join(masked), path, paragraph_spans=spans)
    document.source = source
    document.directives = parse_directives(source, comments, line_starts, spans)
    return document


def _html_comments(source: str, start: int, end: int, children: list) -> list[re.Match[str]]:  # type: ignore[type-arg]
    """The zzlint comments in ``source[start:end]`` that markdown-it parsed as inline HTML.

    The same text can stand in inline code or as escaped text; the parsed children say, in
    order, which kind each occurrence is. Should the two counts ever disagree, none is taken:
    a finding then stays reported rather than being hidden by text that is not a comment."""
    found = comments_in(source, start, end)
    kinds = [child.type == "html_inline" for child in children for _match in COMMENT.finditer(child.content)]
    if len(kinds) != len(found):
        return []
    return [match for match, is_html in zip(found, kinds) if is_html]


def _prose(source: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of ``source[start:end]`` that are prose, between pieces of markup."""
    pieces, position = [], start
    for noise in INLINE_NOISE.finditer(source, start, end):
        if noise.start() > position:
            pieces.append((position, noise.start()))
        position = max(position, noise.end())
    if position < end:
        pieces.append((position, end))
    return pieces


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\r\n":
            chars[i] = " "
