"""A function character typed twice: 的的, 在在, 对对 (an accidental doubling).

Typing slips double the small words of Chinese: 人手不足的的问题, 他在在北京工作. Reduplication is
also grammar (常常, 看看, 的的确确, 不了了之, 等等), and two words can meet on the same character
(反对|对俄, 研究所|所长, 目的|的, 拥有|有效). jieba's dictionary tells them apart: a doubling is
reported only when the first character ends no word, the second starts none, and the pair lies
inside no word. Only the characters in ``characters`` (function words: 的 了 在 是 和 对 把 …)
are considered; doubled content characters are mostly names (沈跃跃) and classifiers (座座). 地
and 啊 are left out: 见地地, 脚踏实地地 and 啊啊 are idiomatic. A character typed three times or
more is not a slip of this kind: 交界处的的的喀喀湖 is 的 before the name 的的喀喀湖. The fix removes
one character, which may be part of a name the dictionary does not know, so it is unsafe:
only ``--unsafe-fixes`` applies it.

Wrong::

    着力解决基层人手不足的的问题

Right::

    着力解决基层人手不足的问题
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, NamedTuple

from zzlint.diagnostic import Finding, Severity
from zzlint.document import Document
from zzlint.i18n import N_, _
from zzlint.rule import Rule

LONGEST_WORD = 4


class Options(NamedTuple):
    characters: Annotated[str, N_("The characters whose doubling is reported.")] = (
        "的了在是和与对把被将向从为以及也都就这那有不并而或之其于由给让使又还再很更最所着过吗呢吧得")


class RepeatedCharacter(Rule):
    __doc__ = __doc__
    name = "repeated-character"
    severity = Severity.WARNING
    Options = Options
    presets = ("gb",)
    fix_safety = "unsafe"
    shares = ("lexicon",)

    def __init__(self, options: object | None = None, packs: tuple = ()) -> None:  # type: ignore[type-arg]
        super().__init__(options, packs)
        self._pattern = re.compile(f"([{re.escape(self.options.characters)}])\\1")

    def check(self, doc: Document) -> Iterator[Finding]:
        text = doc.text
        for match in self._pattern.finditer(text):
            tripled = text[match.end():match.end() + 1] == match.group(1) or (
                match.start() > 0 and text[match.start() - 1] == match.group(1))
            if not tripled and not _legitimate(text, match.start()):
                doubled = match.group()
                yield Finding(match.start() + 1, match.end(),
                              _("「{doubled}」: {character} typed twice?").format(
                                  doubled=doubled, character=doubled[0]), fix="")


def _legitimate(text: str, at: int) -> bool:
    """Whether the pair at ``at`` belongs to words: first ends one, second starts one, or both
    lie inside one."""
    from zzlint.lexicon import is_word

    if any(is_word(text[start:at + 1]) for start in range(max(0, at - LONGEST_WORD + 1), at)):
        return True
    if any(is_word(text[at + 1:end]) for end in range(at + 3, min(len(text), at + 1 + LONGEST_WORD) + 1)):
        return True
    return any(is_word(text[start:end])
               for start in range(max(0, at - LONGEST_WORD + 2), at + 1)
               for end in range(at + 2, min(len(text), start + LONGEST_WORD + 2) + 1))
