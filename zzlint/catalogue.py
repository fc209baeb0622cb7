"""Building the catalogues: Babel extractors for what is not a ``_()`` call, and one command
that brings the catalogues and the published rule documentation up to date.

``babel.cfg`` maps the sources to the extractors below. Besides the ``_()``, ``N_()``,
``N_plural()`` and ``ngettext()`` calls (Babel's own Python extractor), they take the help of the
command line (``help="…"`` arguments and the docstrings of click commands), the documentation
of every rule (the docstring of a class that has a ``name``, or the module's docstring it takes
with ``__doc__ = __doc__``) and, from the packs in ``rules/``, the ``message`` and ``doc`` of
each ``[[rule]]``, the ``meta.doc`` of a vocabulary and the ``prh`` notes of its entries. A
documentation is split into the units ``zzlint.docs.units`` translates.

``python -m zzlint.catalogue`` (Babel needed: it comes with the ``test`` extra) extracts a
fresh template, merges it into every ``.po`` file, compiles the ``.mo`` files that ship in the
wheel, and writes ``docs/rules.md`` and ``docs/rules.en.md``. Run it after changing a message,
fill in the new ``msgstr`` of ``zzlint/locale/zh_CN/LC_MESSAGES/zzlint.po``, and run it again.
"""
from __future__ import annotations

import ast
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from zzlint import __version__
from zzlint.docs import units
from zzlint.tomlcompat import tomllib

ROOT = Path(__file__).resolve().parent.parent
Extracted = Iterator[tuple[int, str, Any, list[str]]]


def extract_python(fileobj: IO[bytes], keywords: dict, comment_tags: list, options: dict) -> Extracted:
    """Babel's Python extraction, plus the documentation of the rules a module defines."""
    from babel.messages.extract import extract_python as babel_python

    source = fileobj.read()
    yield from babel_python(io.BytesIO(source), keywords, comment_tags, options)
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield from ((k.value.lineno, "", k.value.value, []) for k in node.keywords
                        if k.arg == "help" and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str))
        elif isinstance(node, ast.FunctionDef) and any(_is_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, "", doc, []
        elif isinstance(node, ast.ClassDef) and _assigns(node, "name"):
            documented = node if ast.get_docstring(node) else tree if _assigns(node, "__doc__") else None
            doc = ast.get_docstring(documented, clean=True) if documented else None
            for text in units(doc or ""):
                yield documented.body[0].lineno, "", text, []  # type: ignore[union-attr]


def _is_command(decorator: ast.expr) -> bool:
    """``@cli.command(…)``, ``@click.group(…)``: a command whose docstring is its help."""
    function = decorator.func if isinstance(decorator, ast.Call) else decorator
    return isinstance(function, ast.Attribute) and function.attr in ("command", "group")


def _assigns(node: ast.ClassDef, target: str) -> bool:
    return any(isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == target
                                                         for t in statement.targets)
               for statement in node.body)


#: The translator's comment on a certificate kind's label.
LABEL_COMMENT = "The name of a Chinese document or number, shown before the number in messages."


def extract_pack(fileobj: IO[bytes], keywords: dict, comment_tags: list, options: dict) -> Extracted:
    """The texts of a TOML rule pack that zzlint shows: rule messages and documentation, a
    vocabulary's documentation and notes, and the label and form descriptions of a certificate
    kind (its messages name them)."""
    raw = fileobj.read().decode("utf-8")
    data = tomllib.loads(raw)
    texts: list[tuple[str, list[str]]] = []
    for rule in data.get("rule", []):
        texts.extend((text, []) for text in [rule["message"], *units(rule.get("doc", ""))])
    texts.extend((text, []) for text in units((data.get("meta") or {}).get("doc", "")))
    texts.extend((entry["prh"], []) for entry in data.get("rules", []) if isinstance(entry, dict) and entry.get("prh"))
    for kind in data.get("certificate", []):
        texts.append((kind["label"], [LABEL_COMMENT]))
        texts.extend((form["describe"], []) for form in kind["forms"])
    for text, comments in texts:
        yield _line_of(raw, text), "", text, comments


def _line_of(raw: str, text: str) -> int:
    """The line of the pack where ``text`` starts (its first words), for the template's comments."""
    at = raw.find(text.split("\n")[0][:30])
    return raw.count("\n", 0, at) + 1 if at >= 0 else 0


LOCALE = ROOT / "zzlint" / "locale"
RULE_DOCS = {"zh": ROOT / "docs" / "rules.md", "en": ROOT / "docs" / "rules.en.md"}


def extract_template(output: Path) -> None:
    """Extract every message of the project into the template ``output`` (locations relative
    to the project's root)."""
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        _pybabel("extract", "-F", "babel.cfg", "-k", "N_plural:1,2", "--sort-by-file", "--project", "zzlint",
                 "--version", __version__, "--copyright-holder", "zzlint contributors", "-o", str(output.resolve()), ".")
    finally:
        os.chdir(previous)


def rules_markdown(language: str) -> str:
    """Every built-in and shipped rule's documentation, as Markdown, in ``language``."""
    from zzlint import docs, i18n
    from zzlint.registry import all_rules

    previous = i18n.language()
    i18n.set_language(language)
    try:
        return docs.rules_markdown(all_rules())
    finally:
        i18n.set_language(previous)


def _pybabel(*arguments: str) -> None:
    from babel.messages.frontend import CommandLineInterface

    if CommandLineInterface().run(["pybabel", "-q", *arguments]):
        sys.exit(f"pybabel {arguments[0]} failed")


def main() -> None:
    try:
        import babel  # noqa: F401
    except ImportError:
        sys.exit("zzlint.catalogue needs Babel: pip install -e '.[test]'")
    with tempfile.TemporaryDirectory() as folder:
        template = Path(folder) / "zzlint.pot"
        extract_template(template)
        _pybabel("update", "-i", str(template), "-d", str(LOCALE), "-D", "zzlint", "--ignore-obsolete")
    _pybabel("compile", "-d", str(LOCALE), "-D", "zzlint", "--statistics")
    for language, path in RULE_DOCS.items():
        path.write_text(rules_markdown(language), encoding="utf-8")


if __name__ == "__main__":
    main()
