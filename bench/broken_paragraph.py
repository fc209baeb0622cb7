"""Cost of broken-paragraph on the 10 MB transcript files of ../shared/corpus/bench.

The rule segments text with jieba only around candidate breaks, never the whole document. For
each file this prints its paragraphs, the rule's findings, how many short windows it segmented
and how many characters they hold (against the characters of the file), and the seconds the
rule took in this process (the median of --runs, jieba already loaded); then, once, the seconds
that loading jieba's dictionary takes.
Run: python bench/broken_paragraph.py [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from unittest import mock

from zzlint import lexicon
from zzlint.document import Document
from zzlint.registry import all_rules

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def jieba_load_seconds() -> float:
    start = time.perf_counter()
    lexicon.word_boundaries("一")
    return time.perf_counter() - start


def segmented(text: str) -> tuple[int, int, int]:
    """Findings, windows segmented and their characters, in one run of the rule."""
    rule = all_rules()["broken-paragraph"]()
    with mock.patch.object(lexicon, "word_boundaries", wraps=lexicon.word_boundaries) as cut:
        found = len(list(rule.check(Document(text, "bench.txt"))))
    return found, cut.call_count, sum(len(call.args[0]) for call in cut.call_args_list)


def seconds(text: str, runs: int) -> float:
    rule = all_rules()["broken-paragraph"]()
    times = []
    for _ in range(runs):
        doc = Document(text, "bench.txt")
        doc.articles  # the document model is built once for all rules; time the rule alone
        start = time.perf_counter()
        list(rule.check(doc))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    files = sorted((CORPUS / "bench").glob("*.txt"))
    if not files:
        raise SystemExit(f"no corpus at {CORPUS / 'bench'}")
    print(f"loading jieba's dictionary: {jieba_load_seconds():.2f} s")
    print(f"{'file':24s} {'MB':>5s} {'paragraphs':>10s} {'found':>5s} {'windows':>7s} "
          f"{'characters segmented':>22s} {'seconds':>7s}")
    for path in files:
        text = path.read_text(encoding="utf-8")
        found, windows, characters = segmented(text)
        share = f"{characters:,} ({characters / len(text):.1%})"
        print(f"{path.name:24s} {len(text.encode('utf-8')) / 1e6:5.1f} "
              f"{len(Document(text).paragraphs):10d} {found:5d} {windows:7d} {share:>22s} "
              f"{seconds(text, args.runs):7.2f}")


if __name__ == "__main__":
    main()
