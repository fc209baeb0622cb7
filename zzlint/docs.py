"""A rule's documentation, translated and rendered as plain text (the terminal) or Markdown.

A rule's documentation is written in English in a small subset of reStructuredText: the first
line is the summary; then paragraphs, ``- `` lists, ``inline literals`` and examples, a
paragraph ending in ``::`` followed by an indented block (``Wrong::`` and ``Right::`` label the
wrong and the right example). Each summary, paragraph, list item and example label is one unit
of translation (its lines joined, see ``units``); examples are printed as written, in every
language. Renderers show no markup: examples are labelled (错误示例 / 正确示例) and indented in
plain text, fenced in Markdown. Option defaults are printed as TOML.
"""
from __future__ import annotations

import dataclasses
import re
import textwrap
from dataclasses import dataclass

from zzlint.i18n import N_, _, language

#: Labels of the two examples every rule shows.
LABELS = {"Wrong": N_("Wrong"), "Right": N_("Right")}
WIDTH = 88
INLINE_LITERAL = re.compile(r"``(.+?)``")
#: No line of wrapped text starts with one of these, or ends with one of OPENING.
CLOSING = set("，。、；：？！）》〉」』”’】…—,.;:?!)%")
OPENING = set("（《〈「『“‘【(")
#: What wrapping never breaks: a word, a number in full-width digits, an inline literal (whose
#: spaces are NO-BREAK SPACE while it is wrapped).
ATOM = re.compile(r"[^\S\xa0]+|[\x21-\x7e\xa0]+|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+|.")


@dataclass(frozen=True)
class Block:
    """``kind`` is "summary", "paragraph", "item" (of a list) or "example"; an example has
    its ``label`` (the text before ``::``) and keeps its lines as written."""

    kind: str
    text: str
    label: str = ""


def parse(doc: str) -> list[Block]:
    lines = textwrap.dedent(doc).strip("\n").splitlines()
    if not lines:
        return []
    blocks = [Block("summary", lines[0].strip())]
    index = 1
    while index < len(lines):
        line = lines[index]
        if not line.strip():
            index += 1
        elif line.startswith("- "):
            end = _until(lines, index + 1, lambda s: s.startswith("  ") and bool(s.strip()))
            blocks.append(Block("item", _join([line[2:], *lines[index + 1:end]])))
            index = end
        else:
            end = _until(lines, index + 1, lambda s: bool(s.strip()) and not s.startswith("- "))
            text = _join(lines[index:end])
            if not text.endswith("::"):
                blocks.append(Block("paragraph", text))
                index = end
                continue
            label = text[:-2].rstrip()
            example_end = _until(lines, end, lambda s: not s.strip() or s.startswith(" "))
            while example_end > end and not lines[example_end - 1].strip():
                example_end -= 1
            blocks.append(Block("example", textwrap.dedent("\n".join(lines[end:example_end])).strip("\n"), label))
            index = example_end
    return blocks


def _until(lines: list[str], start: int, keeps: object) -> int:
    end = start
    while end < len(lines) and keeps(lines[end]):  # type: ignore[operator]
        end += 1
    return end


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line: joined by a space, except between two characters
    that are not ASCII (a Chinese sentence broken across lines)."""
    text = ""
    for line in (part.strip() for part in lines):
        if text and not (ord(text[-1]) > 0x7F and ord(line[0]) > 0x7F):
            text += " "
        text += line
    return text


def units(doc: str) -> list[str]:
    """The texts of ``doc`` a catalogue translates, in order."""
    found = []
    for block in parse(doc):
        text = block.label if block.kind == "example" else block.text
        if text:
            found.append(text)
    return found


def translated(doc: str) -> list[Block]:
    """``doc`` parsed, each unit in the language in force."""
    return [dataclasses.replace(block, label=_(block.label)) if block.kind == "example"
            else dataclasses.replace(block, text=_(block.text)) for block in parse(doc)]


def summary(doc: str) -> str:
    blocks = parse(doc)
    return _(blocks[0].text) if blocks else ""


def _colon() -> str:
    return "：" if language() == "zh" else ":"


def toml_value(value: object) -> str:
    """``value`` written as TOML: strings quoted, booleans lower-case, tuples as arrays."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    return str(value)


@dataclass(frozen=True)
class RuleFacts:
    """What ``zzlint rule NAME`` shows besides the documentation."""

    name: str
    severity: str
    enabled: bool
    doc: str
    #: (kebab-case name, default as TOML, description or "") of each option.
    options: tuple[tuple[str, str, str], ...]
    #: "safe" (applied by --fix), "unsafe" (only with --unsafe-fixes) or None (no fix).
    fix_safety: str | None = None


def facts(cls: type) -> RuleFacts:
    defaults = cls.Options()  # type: ignore[attr-defined]
    options = tuple((key, toml_value(getattr(defaults, f.name)), f.doc)
                    for key, f in cls.option_fields().items())  # type: ignore[attr-defined]
    return RuleFacts(cls.name, str(cls.severity), cls.default_enabled, cls.documentation(),  # type: ignore[attr-defined]
                     options, cls.fix_safety)  # type: ignore[attr-defined]


#: The first line of a rule's documentation, by how safe its fix is.
HEADINGS = {
    None: N_("{name} ({severity}, {enabled})"),
    "safe": N_("{name} ({severity}, {enabled}); safe fix, applied by --fix"),
    "unsafe": N_("{name} ({severity}, {enabled}); unsafe fix, applied with --unsafe-fixes"),
}


def _heading(rule: RuleFacts) -> str:
    severity = {"error": _("error"), "warning": _("warning"), "info": _("info")}[rule.severity]
    on = _("on by default") if rule.enabled else _("off by default")
    return _(HEADINGS[rule.fix_safety]).format(name=rule.name, severity=severity, enabled=on)


def render_text(rule: RuleFacts, width: int = WIDTH) -> str:
    out = [_heading(rule), ""]
    blocks = translated(rule.doc)
    for block, following in zip(blocks, [*blocks[1:], None]):
        if block.kind == "example":
            label = LABELS.get(block.label, block.label)
            out.append(_(label) + _colon())
            out.extend("    " + line if line else "" for line in block.text.splitlines())
        elif block.kind == "item":
            out.extend(wrap("- " + _plain(block.text), width, "  "))
        else:
            out.extend(wrap(_plain(block.text), width))
        if not (block.kind == following.kind == "item" if following else False):
            out.append("")
    if rule.options:
        out.append(_("Options (defaults, as written in the config):"))
        for key, value, doc in rule.options:
            out.append(f"  {key} = {value}")
            if doc:
                out.extend(wrap(_(doc), width, "      ", "      "))
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def render_markdown(rule: RuleFacts) -> str:
    out = [f"## {rule.name}", "", _heading(rule).replace(rule.name, f"`{rule.name}`", 1), ""]
    for block in translated(rule.doc):
        if block.kind == "summary":
            out.append(f"**{_markdown(block.text)}**")
        elif block.kind == "example":
            out.extend([f"{_markdown(_(LABELS.get(block.label, block.label)))}{_colon()}", "", "```text",
                        block.text, "```"])
        elif block.kind == "item":
            out.append("- " + _markdown(block.text))
        else:
            out.append(_markdown(block.text))
        out.append("")
    if rule.options:
        out.extend([_("Options (defaults, as written in the config):"), "", "```toml"])
        out.extend(f"{key} = {value}" for key, value, _doc in rule.options)
        out.extend(["```", ""])
        out.extend(f"- `{key}`: {_markdown(_(doc))}" for key, _value, doc in rule.options if doc)
        if any(doc for *_rest, doc in rule.options):
            out.append("")
    return _tight_lists("\n".join(out)).rstrip("\n") + "\n"


def _tight_lists(text: str) -> str:
    return re.sub(r"(?m)^(- .*)\n\n(?=- )", r"\1\n", text)


def _plain(text: str) -> str:
    return INLINE_LITERAL.sub(lambda m: m.group(1).replace(" ", "\xa0"), text)


def _markdown(text: str) -> str:
    parts = INLINE_LITERAL.split(text)
    return "".join(f"`{part}`" if odd else re.sub(r"([\\*_<\[\]])", r"\\\1", part)
                   for odd, part in ((i % 2 == 1, p) for i, p in enumerate(parts)))


def wrap(text: str, width: int = WIDTH, indent: str = "", first: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells (a Chinese character takes two),
    broken at spaces or between Chinese characters, never before closing punctuation or after
    opening punctuation; later lines start with ``indent``."""
    from zzlint.reporters.full import width as cells

    lines: list[str] = []
    line, room = first, width - cells(first)
    for atom in ATOM.findall(text):
        if atom.isspace():
            if line.strip():
                line, room = line + " ", room - 1
            continue
        size = cells(atom)
        if size > room and line.strip() and atom[0] not in CLOSING and line.rstrip()[-1] not in OPENING:
            lines.append(line.rstrip())
            line, room = indent, width - cells(indent)
        line, room = line + atom, room - size
    if line.strip():
        lines.append(line.rstrip())
    return [line.replace("\xa0", " ") for line in lines]


def rules_markdown(rules: dict[str, type]) -> str:
    """The documentation of ``rules`` as one Markdown page."""
    return "# " + _("zzlint rules") + "\n\n" + "\n".join(render_markdown(facts(cls)) for cls in rules.values())


def rule_table(rules: dict[str, type]) -> str:
    """``zzlint rules``: name, default severity, on by default and summary of each rule, in
    columns aligned for the terminal (a Chinese character takes two cells)."""
    from zzlint.reporters.full import width as cells

    rows = [(_("rule"), _("severity"), _("default"), _("summary"))]
    rows.extend((name, _(str(cls.severity)), _("yes") if cls.default_enabled else _("no"), cls.summary())
                for name, cls in rules.items())
    widths = [max(cells(row[i]) for row in rows) for i in range(3)]
    return "\n".join("  ".join([*(text + " " * (w - cells(text)) for text, w in zip(row, widths)), row[3]])
                     for row in rows)
