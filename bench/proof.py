"""The HTML proof of a 1 MB file: time to write it, its size, and in headless Chromium the time to
open it, its element count, and the time a filter, opening a rule's list of findings and a click on
the last finding take.

Needs the test extra (Playwright) and Chromium (apt-get install chromium).
Run: python bench/proof.py [--repeat N]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, launch  # noqa: E402

PARAGRAPH = "全市各区县要切实加强组织领导，扎实推进冬季供暖保障工作，确保群众温暖过冬，新建换热站十二座。\n"
DEFECT = "他说：“供暖事关群众冷暖，截止目前已完成管网检修的的任务。\n"
NEXT_FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def seconds(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=760, help="blocks of ten paragraphs, one with defects")
    args = parser.parse_args()
    if chromium() is None:
        sys.exit("no Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        page_file, proof = Path(folder) / "big.txt", Path(folder) / "proof.html"
        page_file.write_text((PARAGRAPH * 9 + DEFECT) * args.repeat, encoding="utf-8")
        write = seconds(lambda: subprocess.run(
            [sys.executable, "-m", "zzlint", "check", "-q", "--no-cache", "--format", "html", "-o", str(proof),
             str(page_file)], check=False))
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            load = seconds(lambda: page.goto(proof.as_uri(), wait_until="load"))
            elements = page.evaluate("document.getElementsByTagName('*').length")
            findings = page.evaluate("document.querySelectorAll('li.finding').length")
            toggle = seconds(lambda: (page.click('input[data-filter="r0"]'), page.evaluate(NEXT_FRAME)))
            page.click('input[data-filter="r0"]')
            last = page.locator(f'li.finding[data-f="{findings - 1}"]')
            unfold = seconds(lambda: (page.locator("details", has=last).locator("summary").click(),
                                      page.evaluate(NEXT_FRAME)))
            jump = seconds(lambda: last.locator("a").first.click())
            browser.close()
        print(f"text      {page_file.stat().st_size:>10,} bytes, {findings} findings")
        print(f"proof     {proof.stat().st_size:>10,} bytes, {elements} elements, written in {write:.2f} s")
        print(f"open      {load:10.2f} s")
        print(f"filter    {toggle:10.2f} s  (hide the most frequent rule)")
        print(f"unfold    {unfold:10.2f} s  (open the list of the last finding's rule)")
        print(f"jump      {jump:10.2f} s  (click the last finding)")


if __name__ == "__main__":
    main()
