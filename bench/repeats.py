"""Scale of the repeat rules: time on distinct real text at 1x, 2x and 4x input size.

Builds inputs from ../shared/corpus/news and ../shared/corpus/bench (whole lines, no text
repeated artificially), runs repeated-paragraph and repeated-passage through the engine in this
process (reading and output excluded), and prints seconds, characters per second and the
ratio to the 1x time. Run: python bench/repeats.py [--base-mb 5] [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from zzlint.document import Document
from zzlint.engine import lint_document
from zzlint.registry import all_rules

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
RULES = ("repeated-paragraph", "repeated-passage")


def corpus_text(megabytes: float) -> str:
    wanted = int(megabytes * 1024 * 1024)
    lines: list[str] = []
    size = 0
    for path in sorted((CORPUS / "bench").glob("*.txt")) + sorted((CORPUS / "news").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            lines.append(line)
            size += len(line.encode("utf-8"))
            if size >= wanted:
                return "".join(lines)
    raise SystemExit(f"the corpus has less than {megabytes} MB of text")


def timed(text: str, scope: str, runs: int) -> tuple[float, int]:
    known = all_rules()
    rules = [known[name](known[name].make_options({"scope": scope})) for name in RULES]
    times, found = [], 0
    for _ in range(runs):
        doc = Document(text, "bench.txt")
        start = time.perf_counter()
        found = len(lint_document(doc, rules).diagnostics)
        times.append(time.perf_counter() - start)
    return statistics.median(times), found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    for scope in ("story", "file"):
        print(f"scope = {scope!r} (median of {args.runs} runs)")
        base = None
        for factor in (1, 2, 4):
            text = corpus_text(args.base_mb * factor)
            seconds, found = timed(text, scope, args.runs)
            base = base or seconds
            print(f"  {factor}x  {len(text.encode()) / 2**20:5.1f} MB  {len(text):>10,} chars  "
                  f"{seconds:6.2f} s  {len(text) / seconds / 1e6:5.2f} M chars/s  "
                  f"ratio to 1x {seconds / base:4.2f}  findings {found}")


if __name__ == "__main__":
    main()
