"""Large inputs from the bad-input table, with the default rules: a 50 MB single line, a million
short lines, and 100,000 findings in one file with LF against CRLF line ends (placing a finding
once cost the whole text before it, so LF files took minutes). The tests run the first two with
one cheap rule only; here each is timed in a fresh process, with peak memory.

Run: python bench/large_inputs.py [--only NAME]
"""
from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "large"
#: Characters of the single line: the common Han block and Chinese punctuation, drawn at random,
#: so that the line repeats itself no more than prose does.
HAN = "".join(chr(code) for code in range(0x4E00, 0x4E00 + 3000)) + "，" * 120 + "。" * 40 + "、" * 20


def single_line(path: Path) -> None:
    rng = random.Random(0)
    path.write_text("".join(rng.choices(HAN, k=50 * 2**20 // 3)) + "\n", encoding="utf-8")


def short_lines(path: Path) -> None:
    path.write_text("今年全县秋粮再获丰收。\n" * 1_000_000, encoding="utf-8")


def findings(newline: str):  # type: ignore[no-untyped-def]
    def make(path: Path) -> None:
        path.write_bytes(("解决基层人手不足的的问题。" + newline).encode() * 100_000)
    return make


CASES = {
    "50 MB single line": (single_line, "single.txt", []),
    "a million short lines": (short_lines, "lines.txt", []),
    "100,000 findings, LF": (findings("\n"), "lf.txt", ["--select", "repeated-character"]),
    "100,000 findings, CRLF": (findings("\r\n"), "crlf.txt", ["--select", "repeated-character"]),
}


#: Runs its arguments and prints the largest peak memory (KiB) of the processes it waited for.
#: The bench's own RUSAGE_CHILDREN would give every case the peak of the largest case before it,
#: and count the bench itself: a child forked from it shares its pages (the 50 MB line drawn at
#: random, some 1.5 GB) until it starts zzlint.
MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.stdout.count("\\n"))
"""


def run(path: Path, extra: list[str]) -> tuple[float, int, int]:
    zzlint = [sys.executable, "-m", "zzlint", "check", "-q", "--no-cache", *extra, str(path)]
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", MEASURE, *zzlint], capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    memory, found = map(int, done.stdout.split())
    return seconds, memory, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(CASES))
    arguments = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (make, file, extra) in CASES.items():
        if arguments.only and name != arguments.only:
            continue
        path = OUT / file
        make(path)
        seconds, memory, found = run(path, extra)
        print(f"{name:24s} {path.stat().st_size / 2**20:6.1f} MB  {seconds:7.1f} s  "
              f"peak {memory / 1024:6.0f} MB  {found} findings")
        path.unlink()


if __name__ == "__main__":
    main()
