"""A paragraph that stops mid-sentence and continues in the next paragraph.

Page layout and copy-and-paste leave hard line breaks inside a sentence: printed, one sentence
becomes two paragraphs. Many lines end without final punctuation by design, though: titles and
headlines, headings (一、… （一）… 第一章 …), bylines and datelines, photo credits (…摄),
editor's signatures (———编者), list items, table rows, verse, signatures and dates. So a
paragraph that ends without final punctuation is reported only on evidence that the next
paragraph finishes its sentence.

A pair of paragraphs is looked at when the first has at least ``min-length`` characters, ends
without final punctuation and is no credit or signature, and the next ends like prose (。！？；…,
perhaps followed by bracketed notes) or closes a quotation the first opened, and opens no list
item, story (本报讯, 新华社…电, 央视网消息：) or editor's note (编者按). Two lines of at most 16
characters each are verse and are left alone. The evidence, any one piece of which is enough,
is looked for in this order:

- Punctuation: the paragraph ends on a mark that leads on (，、“（《), the next opens with one
  that closes or continues (，。）”), or a quotation or bracket opened in the paragraph closes
  in the next (a parenthesis that opens the paragraph is a note, which may run over lines).
- An article of a regulation (第十条 …): articles are prose and never end without final
  punctuation.
- Prose, not a title: the paragraph holds a finished sentence, opens like a story
  (本报北京1月1日电…), dates its news the way a report does (今天（5月8日）), or is longer than
  any title (50 characters; a bulleted notice may be longer). Not so when its last clause is a
  rhetorical question that only lost its question mark (难道…, 岂…).

Past this point a line is taken for a headline, and gets no more evidence, when it separates
its phrases with a space (乌称… 俄称…) or when the next paragraph opens by repeating its first
four characters (a lead restating its headline).

- Clauses, unless the paragraph opens as a heading or list item (一、 （一） 29． 镜头之一：
  国际人士：; an article number such as 第十条 opens prose, not a heading) or is the title of a
  story (the paragraph that opens an article after a blank line or at the top of the file): it
  has three clauses or more; opens with a clause that only begins sentences (a time: 近日，
  去年以来，; a link: 此外，; who says it: 他表示，; a setting: 在…，, not the 在…之际， of a
  greeting headline); goes on with a clause that cannot open a sentence (…，并…); or a list
  joined by 、 runs on across the break (…李文华、司马|晓东、…).
- Words, looked up in jieba's dictionary in a window of 8 characters on either side of the
  break (the document itself is never segmented): a word spans the break (进|一步, 资|源),
  either of three characters or more, or a pair that holds together (``lexicon.cohesion`` at
  least 2.0) and is not two whole words side by side (回顾|过去); the paragraph ends on a word
  no sentence ends on (a preposition, a conjunction, 的 unless after 是, a modal verb, an adverb
  that needs its verb: 在 和 的 要 正在 进一步; not a measure word after a numeral, 12对, nor a
  character that makes a word with the one before it, 碳中和), or the next begins with one no
  sentence begins with (a particle or suffix: 的 了 们 性 等; a verb's complement: 起来 下去); a numeral is cut from its measure
  word (三万五千|个); the next paragraph's first sentence is one word (…持续|攀升。).
- Weaker signs, when the paragraph has clauses (a comma, a colon or 、 after any heading
  marker, and it is no story's title): a compound or loosely bound word across the break, a
  first sentence of at most six characters, or a first clause of one bare word (…发布行动|方案，)
  that is neither a time, a link nor a word of the paragraph itself (the topic a headline
  announces).

The thresholds come from 30 MB of news and government text (People's Daily 1998, 新闻联播
transcripts 2023–2025, government work reports, local regulations). The longest line without
final punctuation that a prose paragraph follows has 49 characters, hence 50 for a title. The
most cohesive pair found across such a legitimate line end scores 1.6 (倍|受: a headline ending
…17倍 above a paragraph opening 受…), hence 2.0. The longest line of verse that ends on a comma
has 11 characters, hence 16 for a line of verse.

Wrong::

    下一步，县交通运输局将会同各乡镇进

    一步完善农村客运站点布局。

Right::

    下一步，县交通运输局将会同各乡镇进一步完善农村客运站点布局。
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from zzlint.diagnostic import Finding, RelatedSpan, Severity
from zzlint.document import Document, Paragraph
from zzlint.i18n import _
from zzlint.lazyre import lazy
from zzlint.rule import Rule
from zzlint.structure import SALUTATION, STORY_LEAD, structure
from zzlint.text import HAN_RANGES

#: The thresholds, derived as the docstring says.
TITLE_MAX = 50
COHESION_MIN = 2.0
VERSE_LINE = 16
WINDOW = 8
RESTATED = 4

# ---------------------------------------------------------------- punctuation
FINAL = set("。！？!?…；;：:”’」』）)】〕》〉\"'—－-~～/")
SENTENCE_END = lazy(r"[。！？!?]+[”’」』）)]*")
OPENERS = "“‘「『（(《〈【〔［"
CLOSERS = "”’」』）)》〉】〕］"
MATCHING = dict(zip(OPENERS, CLOSERS))
BRACKET = lazy(f"[{re.escape(OPENERS + CLOSERS)}]")
LEADS_ON = set("，,、") | set(OPENERS)
CANNOT_OPEN = set("，,、。.；;：:！!？?") | set(CLOSERS)
PROSE_END = lazy(r"[。！？!?；;…][”’」』]*(?:[（(][^（()）]*[）)])*[”’」』）)]*$")
CLAUSE_MARK = lazy(r"[，,、；;：:]")
CLAUSE_END = lazy(r"[，,；;：:]")
CLAUSE_BREAK = lazy(r"[，,、；;：:。！？!?]")

# ---------------------------------------------------------------- lines that are no prose
BULLETS = "●·•■□◆◇▲△★☆※○◎►▶-—－*#"
LIST_MARKER = (f"[{re.escape(BULLETS)}]" r"|[（(]?[一二三四五六七八九十百零〇]+[、）)．.]"
               r"|[（(]?\d{1,3}[、）)．.]|[①-⑳]|第[一二三四五六七八九十百零〇\d]+[章节条部分篇]")
ITEM_START = lazy(f"^(?:{LIST_MARKER}|[一二三四五六七八九十]是|首先|其次|再次|最后|附[:：件])")
#: 第一，… 其二，… 镜头之一：… and a short label before a colon (国际人士：…).
LABEL = lazy(r"^(?:(?:第[一二三四五六七八九十]+|其[一二三四五六七八九十]"
                   r"|\S{1,6}之[一二三四五六七八九十]+)[，,、：:]|[^，,。：:]{1,8}[：:])")
NOTE_START = lazy(r"^(?:编者按|编后|附记|按[:：]|注[:：])")
#: A photo credit or a signature after a dash (…记者陈晨摄, 。———编者).
CREDIT_TAIL = lazy(r"(?:(?:^|[。！？!?…”])[—－-]{2,}[^，。；！？,;!?—－-]{1,16}"
                         r"|(?:摄|摄影|供图|制图|编者|编者按)[)）]?)$")
HEADLINE_SPACE = lazy(f"[{HAN_RANGES}][ \u3000]+[{HAN_RANGES}]")
QUOTED = lazy(r"“[^”]*”|《[^》]*》|「[^」]*」")
#: An article of a regulation: its number opens a paragraph of prose, never a heading, so an
#: article without final punctuation followed by prose is cut off.
ARTICLE_START = lazy(r"第[一二三四五六七八九十百零〇\d]+条")
BLANKS = " \t\u3000\u00a0\u2002\u2003"
#: Chapter, section and article markers of regulations, which a space follows by convention.
ARTICLE_MARKER = lazy(r"第[一二三四五六七八九十百零〇\d]+[章节条款编]")
#: 难道…, 岂…: a rhetorical question, complete though its question mark is missing.
RHETORICAL = lazy(r"难道|岂")

# ---------------------------------------------------------------- how prose opens
LEAD = lazy(r"(?:(?:据)?(?:本报|新华社|中新社)\S{0,20}?[0-9０-９一二三四五六七八九十]日电|本报讯"
                  r"|(?:央视网|新华网|人民网|中新网)消息)(?:[（(][^）)]*[）)])?[：:\s]*"
                  r"(?!记者|通讯员|特约|评论员)\S{2}")
DATED = lazy(r"(?:今天|昨天|明天|今晚|昨晚|当天|当晚|日前|近日)[（(][^）)]*日[）)]")
SPEAKER = (r"[^，,：:。]{0,30}?(?:表示|称|说|指出|强调|认为|介绍|透露|宣布|获悉|了解到|显示|预计|报道"
           r"|发现|提出|要求|坦言|证实|通报)")
TIME = (r"(?:[^，,：:。]{0,14}?(?:[0-9０-９一二三四五六七八九十]日|年|月|年代|以来|期间|时|后|前|初|底|末"
        r"|假期|季度)|今天|昨天|明天|今晚|昨晚|近日|日前|近期|连日来|近年来|不久前|前不久|此前|随后)"
        r"(?:[（(][^）)]*[）)])?")
LINK = (r"此外|同时|其中|目前|当前|眼下|如今|据悉|另外|对此|为此|然而|因此|但是|可见|看来|总之|其实|比如"
        r"|例如|首先|其次|最后|当然|显然|最近|今年|去年|与此同时|据了解|据介绍|据统计|会上")
#: A first clause that only opens sentences: who says it, when, a link, where (not the
#: 在…之际， of a greeting headline).
OPENING = lazy(f"(?:{SPEAKER}|{TIME}|{LINK}|在[^，,：:。]{{1,24}}?(?<!之际))[，,]")
#: A clause that goes on from the one before and cannot open a sentence (…，并…; not …，也是…).
CONTINUING_CLAUSE = lazy(r"[，,；;](?:并|而|且|但|却|又|还|也|就|才|都|便|从而|进而)(?!是)")
#: Times and links that may stand alone as a paragraph's first clause (目前，去年底，据了解，).
ADVERBIAL = lazy(
    r"(?:[日天年月期来前后初底末夜晚时间中上下里外]|此外|同时|其中|目前|当前|眼下|如今|据悉|另外|对此|为此"
    r"|然而|因此|但是|可见|看来|总之|其实|比如|例如|首先|其次|再次|最后|当然|显然|诚然|最近|不久|预计|经查|不过"
    r"|可是|所以|于是|接着|随后|此后|今后|从此|届时|原来|后来|不可否认|毋庸置疑|毋庸讳言|众所周知|总的来说"
    r"|总而言之|一般来说|换言之|也就是说|事实上|实际上|说到底|归根结底|据统计|据了解|据介绍|据报道)$")

# ---------------------------------------------------------------- words
HAN = lazy(f"[{HAN_RANGES}]")
NUMERAL_END = lazy(r"[0-9０-９零〇一二三四五六七八九十百千万亿两几多]$")
#: Words a sentence cannot end on: prepositions, conjunctions, structural particles, modal
#: verbs, adverbs that stand before their verb, the copula, determiners, the ordinal prefix.
CANNOT_END = frozenset("""
在 对 把 从 向 于 为 以 由 将 给 让 使 自 往 朝 按 当 经 据 跟 同 与 和 及 以及 或 或者 并 并且 而 而且
但 但是 且 的 得 要 应 应当 应该 能够 可 可以 必须 须 需 愿 敢 不 没 未 不会 不能 不要 不得 不应 也 都
就 才 还 又 再 更 很 太 已 已经 曾 曾经 正 正在 即将 仍 仍然 始终 一直 逐步 进一步 务必 均 亦 却 更加
日益 相互 互相 共 全 及时 近日 日前 近期 此前 是 就是 也是 都是 这 该 各 每 某 其 诸 第 关于 对于 按照
依照 围绕 针对
""".split())
#: Words a sentence cannot begin with: particles, suffixes, conjunctions that join words, the
#: complements that follow a verb (富起来, 走下去).
CANNOT_START = frozenset("的 地 得 之 了 着 们 吗 呢 吧 啊 呀 嘛 么 和 及 以及 等 等等 性 化 者 率 间 里 份"
                         " 起来 下去 下来 出来 过来 上来 进来 回来".split())
#: The same words, as ``str.endswith`` and ``str.startswith`` take them.
ENDINGS, BEGINNINGS = tuple(CANNOT_END), tuple(CANNOT_START)
#: Measure words and units that follow a numeral.
MEASURE = frozenset("个项名位件条次种座台辆架艘只匹本册篇部批套份张片块粒根支颗幅首场届期轮层级倍岁元角分"
                    "年月日天周时秒米吨")
SHORT_SENTENCE = lazy(f"[{HAN_RANGES}]{{1,6}}[。；;]")
BARE_CLAUSE = lazy(f"([{HAN_RANGES}]{{1,6}})[，,]")


class Options(NamedTuple):
    min_length: int = 12


class BrokenParagraph(Rule):
    __doc__ = __doc__
    name = "broken-paragraph"
    severity = Severity.ERROR
    Options = Options
    cost = 0.04
    shares = ("lexicon",)

    def check(self, doc: Document) -> Iterator[Finding]:
        paragraphs = doc.paragraphs
        min_length = self.options.min_length
        story_titles: set[int] | None = None
        current, text = None, ""
        for following in paragraphs:
            after = following.text  # each paragraph's text taken once, as the next and then as the current
            # Most paragraphs are short or end on final punctuation: told here, without a call.
            if (current is not None and len(text) >= min_length and text[-1] not in FINAL
                    and self._candidate(text, after)):
                if story_titles is None:
                    story_titles = _story_titles(doc)
                word = _evidence(text, after, current.index in story_titles)
                if word is None and ARTICLE_START.match(text):
                    word = ""
                if word is not None:
                    yield _finding(current, following, word)
            current, text = following, after

    @staticmethod
    def _candidate(text: str, after: str) -> bool:
        """Whether ``text``, long enough and ending without final punctuation, is no credit and
        ``after`` could finish its sentence."""
        if CREDIT_TAIL.search(text):
            return False
        if len(text) <= VERSE_LINE and len(after) <= VERSE_LINE:
            return False
        return bool(PROSE_END.search(after) or _open_across(text, after)) and not (
            ITEM_START.match(after) or STORY_LEAD.match(after) or SALUTATION.match(after)
            or NOTE_START.match(after))


def _story_titles(doc: Document) -> set[int]:
    """The paragraphs that open a story after a blank line or at the top of the file."""
    paragraphs = doc.paragraphs
    return {story.paragraphs.start for story in structure(doc).stories
            if story.paragraphs.start == 0 or paragraphs[story.paragraphs.start].blank_before}


def _evidence(text: str, after: str, story_title: bool) -> str | None:
    """None when nothing shows that ``after`` continues the sentence of ``text``; else the word
    the break splits, or "" when the evidence is no split word."""
    if text[-1] in LEADS_ON or after[0] in CANNOT_OPEN or _open_across(text, after):
        return ""
    question = RHETORICAL.search(_last_clause(text)) is not None
    if not question and _prose(text):
        return ""
    if _headline(text, after):
        return None
    marker = ITEM_START.match(text) or LABEL.match(text)
    body = text[marker.end():].lstrip(BLANKS) if marker else text
    heading = marker is not None and not ARTICLE_START.match(text)
    clauses = not (story_title and marker is None) and bool(CLAUSE_MARK.search(body))
    if clauses and not heading and not question and _sentence_of_clauses(body):
        return ""
    if clauses and _enumeration_across(text, after):
        return ""
    if not (HAN.match(text[-1]) and HAN.match(after[0])):
        return None
    return _words(text, after, clauses, heading)


def _prose(text: str) -> bool:
    """A finished sentence, a story's opening, a dated report, or more than any title holds."""
    return bool(SENTENCE_END.search(text) or LEAD.match(text) or DATED.search(text)
                or len(text) > TITLE_MAX and text[0] not in BULLETS)


def _headline(text: str, after: str) -> bool:
    """Phrases set apart by a space, or a next paragraph that opens by restating the line."""
    if HEADLINE_SPACE.search(QUOTED.sub("", ARTICLE_MARKER.sub("#", text))):
        return True
    return bool(HAN.match(text[0])) and after.startswith(text[:RESTATED])


def _sentence_of_clauses(body: str) -> bool:
    """Three clauses or more, a first clause that only opens sentences, or one that goes on."""
    return bool(len(CLAUSE_END.findall(body)) >= 2 or OPENING.match(body)
                or CONTINUING_CLAUSE.search(body))


def _words(text: str, after: str, clauses: bool, heading: bool) -> str | None:
    """The evidence of the words on either side of the break (see the module's docstring)."""
    from zzlint.lexicon import word_boundaries

    left, right = text[-WINDOW:], after[:WINDOW]
    cut = len(left)
    if not (clauses or _may_show_in_words(text, after)):
        return None
    joint = sorted(word_boundaries(left + right))
    before = max(b for b in joint if b < cut)
    past = min(b for b in joint if b > cut)
    if cut not in joint:
        return _split_word(text, right, before, past, clauses, heading)
    last, first = left[before:], right[:past - cut]
    if _cannot_end(last, text[:len(text) - len(last)]) or first in CANNOT_START:
        return ""
    if NUMERAL_END.search(left) and first in MEASURE:
        return ""
    short = SHORT_SENTENCE.match(after)
    if short and short.end() - 1 == len(first):
        return ""
    return "" if clauses and _bare_start(text, after, len(first)) else None


def _may_show_in_words(text: str, after: str) -> bool:
    """Whether ``_words`` may find evidence in a paragraph without clauses, told without
    segmenting: a word of the dictionary runs across the break, or the words next to it may be
    ones no sentence ends or begins on, a measure word after a numeral, or a whole sentence.
    Segmenting is most of the rule's time, and most lines that reach it are titles."""
    from zzlint.lexicon import joins_across

    left = text[-WINDOW:]
    return bool(text.endswith(ENDINGS) or after.startswith(BEGINNINGS)
                or NUMERAL_END.search(left) and after[0] in MEASURE or SHORT_SENTENCE.match(after)
                or joins_across(left + after[:WINDOW], len(left)))


def _split_word(text: str, right: str, before: int, past: int, clauses: bool,
                heading: bool) -> str | None:
    """The word from ``before`` to ``past`` in the window ``text[-WINDOW:] + right`` that spans
    the break, if it is evidence; the two sides segmented on their own may also end or begin on
    a function word."""
    from zzlint.lexicon import cohesion, word_boundaries

    left = text[-WINDOW:]
    cut = len(left)
    own_left, own_right = sorted(word_boundaries(left)), sorted(word_boundaries(right))
    last, first = left[own_left[-2]:], right[:own_right[1]]
    if _cannot_end(last, text[:len(text) - len(last)]) or first in CANNOT_START:
        return ""
    word = (left + right)[before:past]
    if before not in own_left or past - cut not in own_right:
        # the word cuts a word of one side segmented alone (董伟|大庆 read as 伟大)
        return word if len(word) >= 3 or clauses and not heading else None
    score = cohesion(left[before:], right[:past - cut])
    bound = len(word) >= 3 or score is not None and score >= COHESION_MIN
    whole_words = len(last) > 1 and len(first) > 1
    return word if clauses or bound and not whole_words else None


def _bare_start(text: str, after: str, first_word: int) -> bool:
    """Whether ``after`` opens with a sentence of one short phrase (推进。) or a clause of one bare
    word (方案，) that is no time, link or topic of ``text`` (first_word: the first word's length)."""
    if SHORT_SENTENCE.match(after):
        return True
    clause = BARE_CLAUSE.match(after)
    return bool(clause and len(clause.group(1)) == first_word and clause.group(1) not in text
                and not ADVERBIAL.search(clause.group(1)))


def _cannot_end(word: str, before: str) -> bool:
    """Whether ``word``, after the text ``before`` it, cannot end a sentence: 是…的 can, a
    measure word after a numeral (12对) is no preposition, and a character that makes a word
    with the one before it (碳中和) is no function word."""
    from zzlint.lexicon import cohesion

    if word not in CANNOT_END or NUMERAL_END.search(before):
        return False
    if len(word) == 1 and before and cohesion(before[-1], word) is not None:
        return False
    return not (word == "的" and "是" in _last_clause(before))


def _enumeration_across(text: str, after: str) -> bool:
    """Whether a list of items joined by 、 runs on across the break (…李文华、司马|晓东、…),
    the next paragraph's first item being no word of ``text`` (a lead repeating its headline)."""
    marks = CLAUSE_BREAK.findall(text)
    first = CLAUSE_BREAK.search(after)
    return (bool(marks) and marks[-1] == "、" and first is not None and first.group() == "、"
            and after[:first.start()] not in text)


def _last_clause(text: str) -> str:
    return CLAUSE_BREAK.split(text)[-1]


def _open_across(text: str, after: str) -> bool:
    """A quotation or bracket opened in ``text`` that ``after`` closes before it opens another;
    a parenthesis that opens ``text`` is a note, which may run over several lines."""
    opened: list[int] = []
    for mark in BRACKET.finditer(text):  # the marks alone, not every character
        if mark.group() in OPENERS:
            opened.append(mark.start())
        elif opened:
            opened.pop()
    if not opened or opened[-1] == 0 and text[0] in "（(":
        return False
    first = BRACKET.search(after)
    return first is not None and first.group() == MATCHING[text[opened[-1]]]


def _finding(current: Paragraph, following: Paragraph, word: str) -> Finding:
    ends = list(SENTENCE_END.finditer(current.text))
    start = current.start + (ends[-1].end() if ends else 0)
    tail = _tail(current.text)
    if word:
        message = _("paragraph ends mid-word (“{tail}”): “{word}” continues in the next "
                    "paragraph").format(tail=tail, word=word)
    else:
        message = _("paragraph ends mid-sentence (“{tail}”); the sentence seems to continue in the "
                    "next paragraph").format(tail=tail)
    return Finding(start, current.end, message,
                   (RelatedSpan(following.start, _("the sentence continues here")),))


def _tail(text: str, width: int = 12) -> str:
    return ("…" + text[-width:]) if len(text) > width else text
