"""Generated documents through every rule: no rule raises, every finding lies inside the text
with start <= end, and its lines and columns agree with its offsets, as plain text and as
Markdown. CI runs the "ci" profile (2,000 documents); ``python bench/fuzz.py`` runs 50,000."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zzlint.document import Document
from zzlint.engine import lint_document
from zzlint.readers import ReadError, read_bytes
from zzlint.registry import all_rules

settings.register_profile("ci", max_examples=2_000, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PROSE = ["今年全县秋粮再获丰收", "严格落实中央八项规定精神", "降低运行成本", "提高办事水平", "的的", "在在",
         "本报北京1月1日电", "同志们，朋友们：", "据新华社", "遗失", "身份证号", "株洲市", "荷塘区"]
PUNCTUATION = list("，。、；：？！“”‘’（）《》【】……——·,.;:?!\"'()[]<>-~ \u3000\t")
MARKERS = ["一、", "二、", "五、", "（一）", "（三）", "1.", "2．", "（1）", "①", "②", "第一条", "第三条",
           "一是", "二是", "首先", "其次", "最后"]
NUMBERS = ["2023年2月30日", "2024年12月31日", "１９９８年", "3.14", "50%", "1,000", "第3季度",
           "430202199001011234", "43020219900101123X", "湘B12345", "0731-12345678", "12万元"]
MARKDOWN = ["# ", "## ", "- ", "> ", "`代码`", "```\n", "<!-- zzlint-disable-next-line -->", "[链接](http://x.cn)",
            "*强调*", "---", "| 表 | 格 |", "\n\n"]
BREAKS = ["\n", "\r\n", "\r", "\n\n"]


def fragments() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(PROSE), st.sampled_from(PUNCTUATION), st.sampled_from(MARKERS),
                     st.sampled_from(NUMBERS), st.sampled_from(MARKDOWN), st.sampled_from(BREAKS),
                     st.text(max_size=4))


def documents() -> st.SearchStrategy[str]:
    """Mixed scripts, punctuation, numbering markers, numbers and Markdown, in lines."""
    return st.lists(fragments(), max_size=30).map("".join)


RULES = [cls() for cls in all_rules().values()]


def check_placed(doc: Document) -> None:
    result = lint_document(doc, RULES)
    assert result.errors == [], [str(e) for e in result.errors]
    for d in result.diagnostics:
        assert 0 <= d.start <= d.end <= len(doc.text), d
        assert (d.line, d.column) == doc.position(d.start), d
        assert (d.end_line, d.end_column) == doc.position(d.end), d
        assert (d.line, d.column) <= (d.end_line, d.end_column), d
        for related in d.related:
            assert 1 <= related.line <= len(doc.line_starts) and related.column >= 1, d


def check_document(text: str) -> None:
    check_placed(Document(text, "page.txt"))
    try:
        markdown = read_bytes(text.encode("utf-8"), "page.md")
    except ReadError:  # a NUL makes it a binary file: refused, as it should be
        assert "\x00" in text
        return
    check_placed(markdown)


@settings(settings.get_profile("ci"))
@given(documents())
def test_every_rule_places_every_finding_inside_the_text(text: str) -> None:
    check_document(text)
