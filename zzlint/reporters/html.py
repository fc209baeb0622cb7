"""A proof to read in a browser: one self-contained page per run (inline CSS and JS, nothing
fetched; its Content-Security-Policy forbids any request).

Each file's text is shown as the file holds it, with every flagged span highlighted in the colour
of its severity and its message on hover. A side panel counts findings per rule (with the rate
per 10,000 characters), filters by rule and severity, and lists the findings: clicking one
scrolls to it, and a repeat links to its first occurrence, which links back.

A finding is one ``<mark>`` (a few when it overlaps another: marks nest, so the one that sticks
out is split), never an element per character, so a 1 MB file stays quick to open. Filters only
toggle a class on ``<body>``. Everything taken from the files or the findings is escaped.
"""
from __future__ import annotations

import html
import re
from collections import Counter, defaultdict

from zzlint.diagnostic import Diagnostic, Related, Severity
from zzlint.document import Document
from zzlint.i18n import N_, _
from zzlint.reporters import Report, per_10000, visible

NEEDS_SOURCES = True
#: Characters a browser would not draw as they are: shown as visible symbols (see ``visible``).
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
SEVERITIES = [str(s) for s in sorted(Severity, reverse=True)]
#: The largest group of findings whose list is open when the page opens.
OPEN_GROUP = 200

#: Headings and labels of the page, translated when it is written.
TITLE = N_("zzlint proof")
NOT_LINTED = N_("Not linted")
SEVERITY = N_("Severity")
RULE_COLUMN = N_("rule")
FINDINGS_COLUMN = N_("findings")
RATE_COLUMN = N_("per 10,000 characters")
RULES = N_("Rules")
FINDINGS = N_("Findings")


def shown(text: str) -> str:
    """``text`` made safe to place in an HTML page, as text or as a quoted attribute value."""
    return html.escape(INVISIBLE.sub(lambda m: visible(m[0]), text), quote=True)


class Page:
    """What the page numbers: rules as ``r0, r1 …``, files as ``file0 …``, findings as ``f0 …``;
    and for each file, its findings' spans and the places findings refer to."""

    def __init__(self, report: Report) -> None:
        self.report = report
        counts = Counter(d.rule for d in report.diagnostics)
        self.rule_ids = {rule: f"r{i}" for i, (rule, _n) in enumerate(counts.most_common())}
        self.file_ids = {path: i for i, path in enumerate(sorted(report.sources))}
        self.documents: dict[str, Document] = {}
        #: (finding, start, end) of each finding in a file shown.
        self.spans: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
        #: Offsets that findings refer to, in each file, with the findings and what they say of it.
        self.targets: dict[str, dict[int, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
        for k, d in enumerate(report.diagnostics):
            if d.path in self.file_ids:
                self.spans[d.path].append((k, *_span(d, len(report.sources[d.path]))))
            for related in d.related:
                target = self.target(related)
                if target is not None:
                    self.targets[related.path][target[1]].append((k, related.message))

    def target(self, related: Related) -> tuple[int, int] | None:
        """Where in the page a related place is (file index, offset), if its file is shown."""
        if related.path not in self.file_ids:
            return None
        if related.path not in self.documents:
            self.documents[related.path] = Document(self.report.sources[related.path])
        try:
            offset = self.documents[related.path].offset(related.line, related.column)
        except ValueError:
            return None
        return self.file_ids[related.path], offset

    def classes(self, d: Diagnostic) -> str:
        return f"{self.rule_ids[d.rule]} s-{d.severity}"


def render(report: Report) -> str:
    page = Page(report)
    files = "".join(_file_section(page, path) for path in page.file_ids)
    return TEMPLATE.format(
        lang="zh-CN", title=shown(_(TITLE)), style=STYLE + _filter_css(page), script=SCRIPT,
        panel=_panel(page), files=files)


# --- the text with its marks -------------------------------------------------------------------

def _file_section(page: Page, path: str) -> str:
    i = page.file_ids[path]
    body = "".join(_marked(page, page.report.sources[path], page.spans[path], page.targets[path], i))
    # The parser drops one line break right after <pre>: this one, not the file's own.
    return (f'<section class="file" id="file{i}"><h2>{shown(path)}</h2>'
            f'<pre class="text" data-file="{i}">\n{body}</pre></section>\n')


def _span(d: Diagnostic, length: int) -> tuple[int, int]:
    start = min(d.start, length)
    return start, min(max(d.end, start + 1), length)


def _marked(page: Page, source: str, spans: list[tuple[int, int, int]],
            anchors: dict[int, list[tuple[int, str]]], file_index: int):  # type: ignore[no-untyped-def]
    """The HTML of ``source`` with a mark per span, split where spans overlap without nesting."""
    starting: dict[int, list[tuple[int, int]]] = defaultdict(list)
    ending: dict[int, set[int]] = defaultdict(set)
    for k, start, end in spans:
        starting[start].append((end, k))
        ending[end].add(k)
    bounds = sorted({0, len(source), *starting, *ending, *anchors})
    open_marks: list[int] = []
    opened: set[int] = set()
    for here, after in zip(bounds, bounds[1:] + [len(source)]):
        yield from _close(page, open_marks, ending.get(here, set()))
        if here in anchors:
            yield _anchor(file_index, here, anchors[here])
        for _end, k in sorted(starting.get(here, []), reverse=True):
            open_marks.append(k)
            yield _open(page, k, first=k not in opened)
            opened.add(k)
        yield _text(source, here, after)
    yield "</mark>" * len(open_marks)


def _close(page: Page, open_marks: list[int], ending: set[int]):  # type: ignore[no-untyped-def]
    """Close the marks that end here; marks opened inside them that go on are reopened."""
    if not ending.intersection(open_marks):
        return
    depth = min(i for i, k in enumerate(open_marks) if k in ending)
    going_on = [k for k in open_marks[depth:] if k not in ending]
    yield "</mark>" * (len(open_marks) - depth)
    del open_marks[depth:]
    for k in going_on:
        open_marks.append(k)
        yield _open(page, k, first=False)


def _open(page: Page, k: int, first: bool) -> str:
    d = page.report.diagnostics[k]
    where = f' id="f{k}"' if first else ""
    tip = shown(f"{_(str(d.severity))} [{d.rule}] {d.message}")
    return f'<mark{where} class="{page.classes(d)}" data-f="{k}" title="{tip}">'


def _anchor(file_index: int, offset: int, findings: list[tuple[int, str]]) -> str:
    """The place findings refer to (a first occurrence), linking back to the first of them."""
    first = findings[0][0]
    tip = shown("; ".join(dict.fromkeys(message for _k, message in findings)))
    return f'<a class="target" id="t{file_index}-{offset}" href="#f{first}" data-goto="f{first}" title="{tip}"></a>'


def _text(source: str, start: int, end: int) -> str:
    """The text between two marks; line breaks as ``\\n`` (as an HTML parser would read them)."""
    text = source[start:end]
    if text.endswith("\r") and source.startswith("\n", end):
        text = text[:-1]
    return shown(text.replace("\r\n", "\n").replace("\r", "\n"))


# --- the side panel ----------------------------------------------------------------------------

def _panel(page: Page) -> str:
    report = page.report
    total = len(report.diagnostics)
    summary = _("Findings: {total}. Files: {files}. Characters: {characters}. Findings per 10,000 characters: {rate}.").format(
        total=total, files=len(report.sources), characters=f"{report.characters:,}",
        rate=f"{per_10000(total, report.characters):.2f}")
    return (f"<h1>{shown(_(TITLE))}</h1><p class=\"summary\">{shown(summary)}</p>"
            + _errors(report) + _severity_filters(report) + _rule_table(page) + _finding_list(page))


def _errors(report: Report) -> str:
    if not report.errors:
        return ""
    items = "".join(f"<li>{shown(str(e))}</li>" for e in report.errors)
    return f'<section id="errors"><h2>{shown(_(NOT_LINTED))}</h2><ul>{items}</ul></section>'


def _severity_filters(report: Report) -> str:
    counts = Counter(str(d.severity) for d in report.diagnostics)
    boxes = "".join(
        f'<label class="s-{s}"><input type="checkbox" checked data-filter="s-{s}"> {shown(_(s))} '
        f'<span class="count">{counts[s]}</span></label>'
        for s in SEVERITIES if counts[s])
    return f'<h2>{shown(_(SEVERITY))}</h2><div id="severities">{boxes}</div>'


def _rule_table(page: Page) -> str:
    report = page.report
    counts = Counter(d.rule for d in report.diagnostics)
    rows = []
    for rule, rule_id in page.rule_ids.items():
        cls = report.rules.get(rule)
        summary = shown(cls.summary()) if cls else ""
        rows.append(
            f'<tr class="{rule_id}"><td><input type="checkbox" checked data-filter="{rule_id}" '
            f'aria-label="{shown(rule)}"></td><td title="{summary}">{shown(rule)}</td>'
            f'<td class="n">{counts[rule]}</td>'
            f'<td class="n">{per_10000(counts[rule], report.characters):.2f}</td></tr>')
    head = (f'<tr><th></th><th>{shown(_(RULE_COLUMN))}</th><th>{shown(_(FINDINGS_COLUMN))}</th>'
            f'<th>{shown(_(RATE_COLUMN))}</th></tr>')
    return f'<h2>{shown(_(RULES))}</h2><table id="rules"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _finding_list(page: Page) -> str:
    """The findings grouped by rule; a large group starts closed, as the page opens faster
    without laying out thousands of items no one has asked to see yet."""
    groups: dict[str, list[str]] = defaultdict(list)
    several_files = len({d.path for d in page.report.diagnostics}) > 1
    for k, d in enumerate(page.report.diagnostics):
        groups[d.rule].append(_finding_item(page, k, d, several_files))
    parts = [f'<details class="{page.rule_ids[rule]}"{" open" if len(groups[rule]) <= OPEN_GROUP else ""}>'
             f'<summary>{shown(rule)} <span class="count">{len(groups[rule])}</span></summary>'
             f'<ol class="findings">{"".join(groups[rule])}</ol></details>'
             for rule in page.rule_ids]
    return f'<h2>{shown(_(FINDINGS))}</h2><div id="findings">{"".join(parts)}</div>'


def _finding_item(page: Page, k: int, d: Diagnostic, with_path: bool) -> str:
    place = shown(f"{d.path}:{d.line}:{d.column}" if with_path else f"{d.line}:{d.column}")
    link = f'<a href="#f{k}" data-goto="f{k}">{place}</a>' if d.path in page.file_ids else place
    related = "".join(_related(page, r, with_path or r.path != d.path) for r in d.related)
    return f'<li class="finding {page.classes(d)}" data-f="{k}">{link} {shown(d.message)}{related}</li>'


def _related(page: Page, related: Related, with_path: bool) -> str:
    place = shown(f"{related.path}:{related.line}:{related.column}" if with_path else f"{related.line}:{related.column}")
    target = page.target(related)
    if target is not None:
        anchor = f"t{target[0]}-{target[1]}"
        place = f'<a class="related" href="#{anchor}" data-goto="{anchor}">{place}</a>'
    return f"<br>↳ {shown(related.message)}: {place}"


def _filter_css(page: Page) -> str:
    names = [*page.rule_ids.values(), *(f"s-{s}" for s in SEVERITIES)]
    marks = ",".join(f".hide-{n} mark.{n}" for n in names)
    items = ",".join(f".hide-{n} li.{n},.hide-{n} details.{n}" for n in names)
    return f"{marks}{{background:none;border-bottom-color:transparent}}{items}{{display:none}}"


TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<aside id="panel">{panel}</aside>
<main>
{files}</main>
<script>{script}</script>
</body>
</html>
"""

STYLE = """
body{margin:0;display:grid;grid-template-columns:minmax(18rem,27rem) 1fr;color:#222;
 font:14px/1.5 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif}
aside{position:sticky;top:0;height:100vh;overflow:auto;box-sizing:border-box;padding:0 1rem 2rem;
 background:#f6f6f4;border-right:1px solid #ddd}
main{padding:0 2rem 50vh;min-width:0}
h1{font-size:1.2rem}h2{font-size:1rem;margin:1.2rem 0 .4rem}h3{font-size:.9rem;margin:.6rem 0 .2rem}
main h2{font-size:1.1rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
pre.text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:inherit;font-size:17px;line-height:2;margin:0}
mark{color:inherit;background:#eee;border-bottom:2px solid #999;cursor:pointer}
mark.s-error{background:#fbd5d5;border-bottom-color:#c62828}
mark.s-warning{background:#fdebc8;border-bottom-color:#e08e00}
mark.s-info{background:#d8e8fb;border-bottom-color:#1e6fd0}
mark.current{outline:2px solid #222;outline-offset:1px}
a.target{text-decoration:none;color:#1e6fd0}
a.target::before{content:"\\25C6";font-size:.7em;vertical-align:super}
a.target.current::before{color:#c62828}
#severities label{display:inline-block;margin-right:.8rem;white-space:nowrap}
table{border-collapse:collapse;width:100%}td,th{padding:.1rem .3rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
#rules td:nth-child(2){white-space:nowrap;font-size:.9em}
ol.findings{padding-left:1.6rem;margin:0}
li.finding{margin:.25rem 0;padding:.1rem .2rem;border-left:3px solid transparent}
li.finding.s-error{border-left-color:#c62828}li.finding.s-warning{border-left-color:#e08e00}
li.finding.s-info{border-left-color:#1e6fd0}li.finding.current{background:#fff3a8}
summary{cursor:pointer;margin:.3rem 0}summary .count{color:#666}
#errors li{color:#c62828}
"""

SCRIPT = """
"use strict";
let current = [];
function select(id) {
  for (const el of current) el.classList.remove("current");
  const k = id.startsWith("f") ? id.slice(1) : null;
  current = k === null ? [document.getElementById(id)]
    : [...document.querySelectorAll('mark[data-f="' + k + '"], li.finding[data-f="' + k + '"]')];
  for (const el of current) el.classList.add("current");
}
function go(id) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({block: "center"});
  select(id);
}
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-goto]");
  if (link) {
    event.preventDefault();
    go(link.dataset.goto);
    return;
  }
  const mark = event.target.closest("mark");
  if (mark) {
    select("f" + mark.dataset.f);
    const item = document.querySelector('li.finding[data-f="' + mark.dataset.f + '"]');
    if (item) {
      item.closest("details").open = true;
      item.scrollIntoView({block: "nearest"});
    }
  }
});
for (const box of document.querySelectorAll("input[data-filter]")) {
  box.addEventListener("change", () => document.body.classList.toggle("hide-" + box.dataset.filter, !box.checked));
}
"""
