"""A suppression comment that names an unknown rule or directive, and so suppresses nothing.

``<!-- zzlint-disable numbering-sequense -->`` turns nothing off: the rule's name is misspelt,
and the findings it was meant to silence are still reported, or a reader trusts that the block
was reviewed when it was not. The same goes for a misspelt directive (``zzlint-disabel``). Each
unknown name is reported at its comment, with the closest known name. A suppression comment can
never silence this rule.

Wrong::

    <!-- zzlint-disable numbering-sequense -->

Right::

    <!-- zzlint-disable numbering-sequence -->
"""
from __future__ import annotations

from collections.abc import Iterator

from zzlint.diagnostic import Finding, Severity
from zzlint.document import Document
from zzlint.i18n import _
from zzlint.rule import Rule
from zzlint.suppression import CHECKER, KINDS


class InvalidSuppression(Rule):
    __doc__ = __doc__
    name = CHECKER
    severity = Severity.ERROR

    def check(self, doc: Document) -> Iterator[Finding]:
        if not doc.directives:
            return
        from zzlint.config import did_you_mean
        from zzlint.registry import all_rules

        known = all_rules(self.packs)
        for directive in doc.directives:
            if directive.kind not in KINDS:
                yield Finding(directive.start, directive.end, _(
                    "unknown suppression comment zzlint-{kind}: zzlint-disable, zzlint-enable or "
                    "zzlint-disable-next-line").format(kind=directive.kind))
                continue
            for rule in directive.rules:
                if rule not in known:
                    yield Finding(directive.start, directive.end, did_you_mean(
                        rule, known, _("unknown rule {rule} in a suppression comment: it suppresses nothing"),
                        _("unknown rule {rule} in a suppression comment (did you mean {choice!r}?): it "
                          "suppresses nothing"), rule=rule))
