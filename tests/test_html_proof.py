"""The HTML proof, opened in a real headless Chromium driven by Playwright: the highlights sit on
the flagged characters, clicking a finding scrolls to it, filters hide what they should, a repeat
links to its first occurrence, everything is escaped, and a 1 MB file stays quick to open."""
from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser import chromium, launch
from zzlint.diagnostic import Diagnostic, Severity
from zzlint.reporters import Report, render

DRAFT = ("关于做好冬季供暖工作的通知\n"
         "各区县要切实加强组织领导，截止目前已完成管网检修的的任务。\n"
         "他说：“供暖事关群众冷暖。\n"
         "今年全市新建换热站十二座，改造老旧供热管网三十公里，惠及居民八万余户。\n"
         "今年全市新建换热站十二座，改造老旧供热管网三十公里，惠及居民八万余户。\n")
#: The text of a finding's marks and the offset of its first one within its file's text.
MARK_TEXT = """k => {
  const marks = [...document.querySelectorAll('mark[data-f="' + k + '"]')];
  const range = document.createRange();
  range.setStart(marks[0].closest("pre"), 0);
  range.setEndBefore(marks[0]);
  return [range.toString().length, marks.map(m => m.textContent).join("")];
}"""
IN_VIEW = """selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
    if chromium() is None:
        pytest.skip("no Chromium here (apt-get install chromium; .ci/run installs it)")
    with sync_api.sync_playwright() as playwright:
        launched = launch(playwright)
        yield launched
        launched.close()


@pytest.fixture
def open_page(browser):  # type: ignore[no-untyped-def]
    pages = []

    def open_(path: Path, height: int = 700):  # type: ignore[no-untyped-def]
        page = browser.new_page(viewport={"width": 1200, "height": height})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
        page.on("request", lambda request: request.url.startswith("file:") or errors.append(request.url))
        page.goto(path.as_uri())
        pages.append((page, errors))
        return page
    yield open_
    for page, errors in pages:
        assert errors == [], "the page raised, opened a dialog or asked the network"
        page.close()


def proof(run_cli, folder: Path, text: str, name: str = "draft.txt", *options: str) -> tuple[Path, list[dict]]:
    """The proof of one file, and its findings as JSON reports them."""
    (folder / name).write_text(text, encoding="utf-8")
    run_cli("check", "--format", "html", "-o", "proof.html", *options, name, cwd=folder)
    findings = json.loads(run_cli("check", "--format", "json", *options, name, cwd=folder).out)["diagnostics"]
    return folder / "proof.html", findings


def flagged(text: str, finding: dict) -> tuple[int, str]:
    """The offset and the text of a finding, from its lines and columns."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:finding["line"] - 1]) + finding["column"] - 1
    end = sum(len(line) + 1 for line in lines[:finding["end_line"] - 1]) + finding["end_column"] - 1
    return start, text[start:end]


def test_highlights_sit_on_the_flagged_characters(run_cli, open_page, tmp_path: Path) -> None:
    path, findings = proof(run_cli, tmp_path, DRAFT)
    assert [f["rule"] for f in findings] == ["cutoff-wording", "repeated-character", "unpaired-punctuation",
                                             "repeated-paragraph"]
    page = open_page(path)
    for k, finding in enumerate(findings):
        assert page.evaluate(MARK_TEXT, k) == list(flagged(DRAFT, finding)), finding["rule"]
    assert page.get_attribute("#f2", "title") == "error [unpaired-punctuation] unclosed “: no ” closes it"
    assert page.get_attribute("#f2", "class") == "r2 s-error"
    background = page.eval_on_selector("#f2", "mark => getComputedStyle(mark).backgroundColor")
    assert background == "rgb(251, 213, 213)"


def test_overlapping_findings_are_split_without_losing_a_character(open_page, tmp_path: Path) -> None:
    text = "甲乙丙丁戊己庚辛壬癸\n"
    spans = [(1, 5, "unpaired-punctuation", Severity.ERROR), (3, 8, "repeated-character", Severity.WARNING),
             (4, 6, "cutoff-wording", Severity.INFO)]
    diagnostics = [Diagnostic("a.txt", 1, s + 1, 1, e + 1, rule, severity, f"{rule} here", start=s, end=e)
                   for s, e, rule, severity in spans]
    path = tmp_path / "proof.html"
    path.write_text(render("html", Report(diagnostics, sources={"a.txt": text}, characters=len(text))),
                    encoding="utf-8")
    page = open_page(path)
    assert [page.evaluate(MARK_TEXT, k) for k in range(3)] == [[1, "乙丙丁戊"], [3, "丁戊己庚辛"], [4, "戊己"]]
    assert page.eval_on_selector("pre", "pre => pre.textContent") == text


def test_clicking_a_finding_scrolls_to_it(run_cli, open_page, tmp_path: Path) -> None:
    text = "今年全县秋粮再获丰收。\n" + "\n" * 300 + "他说：“明天再议。\n"
    path, findings = proof(run_cli, tmp_path, text)
    assert [(f["line"], f["rule"]) for f in findings] == [(302, "unpaired-punctuation")]
    page = open_page(path)
    assert not page.evaluate(IN_VIEW, "#f0")
    page.click('li.finding[data-f="0"] a')
    page.wait_for_function(f"({IN_VIEW})('#f0')")
    assert page.get_attribute("#f0", "class") == "r0 s-error current"
    assert page.get_attribute('li.finding[data-f="0"]', "class") == "finding r0 s-error current"


def test_filters_hide_rules_and_severities(run_cli, open_page, tmp_path: Path) -> None:
    path, _findings = proof(run_cli, tmp_path, DRAFT)
    page = open_page(path)

    def shown() -> list[str]:
        marks = page.eval_on_selector_all(
            "mark", "marks => marks.filter(m => getComputedStyle(m).backgroundColor !== 'rgba(0, 0, 0, 0)')"
                    ".map(m => m.dataset.f)")
        items = [item.get_attribute("data-f") for item in page.query_selector_all("li.finding") if item.is_visible()]
        assert sorted(set(marks)) == items
        return items

    assert shown() == ["0", "1", "2", "3"]
    page.uncheck('input[aria-label="unpaired-punctuation"]')
    assert shown() == ["0", "1", "3"]
    page.uncheck('input[data-filter="s-warning"]')
    assert shown() == ["3"]
    page.check('input[aria-label="unpaired-punctuation"]')
    assert shown() == ["2", "3"]


def test_a_repeat_links_to_its_first_occurrence_and_back(run_cli, open_page, tmp_path: Path) -> None:
    first = "全市新建换热站十二座，改造老旧供热管网三十公里，惠及居民八万余户。\n"
    text = first + "\n" * 200 + first
    path, findings = proof(run_cli, tmp_path, text)
    (repeat,) = findings
    assert (repeat["rule"], repeat["related"][0]["line"]) == ("repeated-paragraph", 1)
    page = open_page(path)
    page.click('li.finding[data-f="0"] a.related')
    page.wait_for_function(f"({IN_VIEW})('#t0-0')")
    assert page.get_attribute("#t0-0", "class") == "target current"
    page.click("#t0-0")
    page.wait_for_function(f"({IN_VIEW})('#f0')")


def test_everything_shown_is_escaped(run_cli, open_page, tmp_path: Path) -> None:
    text = '他说：“<img src=x onerror=alert(1)>&amp;</pre><script>alert(2)</script>\x0b。\n'
    path, findings = proof(run_cli, tmp_path, text, "<b onclick=alert(3)>稿件.txt")
    assert [f["rule"] for f in findings] == ["unpaired-punctuation"]
    page = open_page(path)
    assert page.eval_on_selector_all("img, script:not(body > script), b", "found => found.length") == 0
    assert page.inner_text("main h2") == "<b onclick=alert(3)>稿件.txt"
    assert page.eval_on_selector("pre", "pre => pre.textContent") == text.replace("\x0b", "␋")


def test_a_one_megabyte_file_opens_quickly_with_an_element_per_finding(run_cli, open_page, tmp_path: Path) -> None:
    paragraph = "全市各区县要切实加强组织领导，扎实推进冬季供暖保障工作，确保群众温暖过冬，新建换热站十二座。\n"
    defect = "他说：“供暖事关群众冷暖，截止目前已完成管网检修的的任务。\n"
    text = (paragraph * 9 + defect) * 760
    path, findings = proof(run_cli, tmp_path, text, "big.txt", "--select", "unpaired-punctuation,repeated-character")
    assert len(text.encode()) > 1_000_000 and len(findings) == 1520
    started = time.perf_counter()
    page = open_page(path)
    assert time.perf_counter() - started < 30, "a generous bound: it takes about a second here"
    elements = page.evaluate("document.getElementsByTagName('*').length")
    assert elements < 6 * len(findings) + 100
    last = page.locator('li.finding[data-f="1519"]')
    assert not last.is_visible(), "a group of 760 findings starts closed"
    page.locator("details", has=last).locator("summary").click()
    last.locator("a").click()
    page.wait_for_function(f"({IN_VIEW})('#f1519')")


def test_a_leading_blank_line_and_crlf_line_ends_keep_the_text_whole(run_cli, open_page, tmp_path: Path) -> None:
    text = "\r\n今年全县秋粮再获丰收。\r\n他说：“明天再议。\r\n"
    path, findings = proof(run_cli, tmp_path, text)
    assert [(f["line"], f["column"]) for f in findings] == [(3, 4)]
    page = open_page(path)
    assert page.eval_on_selector("pre", "pre => pre.textContent") == text.replace("\r\n", "\n")
    assert page.evaluate(MARK_TEXT, 0) == [16, "“"]
