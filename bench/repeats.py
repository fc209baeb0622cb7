"""Scale of the repeat rules: time at 1x, 2x, 4x and 8x input size, on distinct text and on text
with reruns, compared over the whole file (``scope = "file"``) and story by story.

Inputs are built from ../shared/corpus/news and ../shared/corpus/bench (whole lines), three
ways: `distinct` is a month of a newspaper and a year of broadcasts read on side by side, half
of each at every size (no text repeated artificially); `year` is CCTV transcripts read on, whose
stories rerun across days and weeks as a year of broadcasts does; `reruns` is one base of
transcripts printed k times over, every story a rerun k times. Each rule runs through the engine
in this process (reading and output excluded); the sizes are timed in turns (1x, 2x, 4x, 8x,
then again), and each size's time is its fastest run: the same work on this machine takes from
0.19 s to 0.31 s from one run to the next, and what a slower run adds is the machine, not the
rules (timeit's advice). The table gives those seconds, characters per second and the ratio to
the 1x time, and the verdict is whether 8x took at most nine times 1x (linear growth, with
some room for noise). Much of the rules' work is per paragraph, per story and per repeated
passage: each input's first line says how many of each 1x and 8x hold.

Run: python bench/repeats.py [--base-mb 1.25] [--runs 5]
"""
from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Callable
from pathlib import Path

from zzlint.document import Document
from zzlint.engine import lint_document
from zzlint.registry import all_rules
from zzlint.repeats import repeated_runs
from zzlint.runner import GC_THRESHOLD
from zzlint.structure import structure

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
RULES = ("repeated-paragraph", "repeated-passage")
FACTORS = (1, 2, 4, 8)
LINEAR = 9.0


def corpus_text(megabytes: float, folders: tuple[str, ...]) -> str:
    wanted = int(megabytes * 1024 * 1024)
    lines: list[str] = []
    size = 0
    for folder in folders:
        for path in sorted((CORPUS / folder).glob("*.txt")):
            for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
                lines.append(line)
                size += len(line.encode("utf-8"))
                if size >= wanted:
                    return "".join(lines)
    raise SystemExit(f"the corpus has less than {megabytes} MB of text in {', '.join(folders)}")


def mixed_text(megabytes: float, paths: tuple[Path, ...]) -> str:
    """The first ``megabytes / len(paths)`` of each of ``paths``, one after the other."""
    wanted = int(megabytes * 1024 * 1024 / len(paths))
    parts: list[str] = []
    for path in paths:
        size = 0
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            parts.append(line)
            size += len(line.encode("utf-8"))
            if size >= wanted:
                break
        else:
            raise SystemExit(f"{path} has less than {wanted / 2**20:.1f} MB of text")
    return "".join(parts)


def timed(texts: dict[int, str], rule: str, scope: str, runs: int) -> dict[int, tuple[float, int]]:
    """The fastest run's seconds and the number of findings for each size, the sizes timed in turns."""
    known = all_rules()
    rules = [known[rule](known[rule].make_options({"scope": scope}))]
    times: dict[int, list[float]] = {k: [] for k in texts}
    found: dict[int, int] = {}
    for _ in range(runs):
        for k, text in texts.items():
            doc = Document(text, "bench.txt")
            start = time.perf_counter()
            found[k] = len(lint_document(doc, rules).diagnostics)
            times[k].append(time.perf_counter() - start)
    return {k: (min(times[k]), found[k]) for k in texts}


def units(text: str) -> str:
    """How many paragraphs and stories the repeat rules see in ``text``, and how many passages
    of 50 characters or more occur twice in it (compared over the whole file): repeated-passage
    examines each, and a longer stretch of a year of broadcasts repeats more of itself."""
    doc = Document(text)
    passages = sum(1 for _ in repeated_runs([doc.paragraphs], 50))
    return (f"{len(doc.paragraphs):,} paragraphs, {len(structure(doc).stories):,} stories, "
            f"{passages:,} repeated passages")


def inputs(base_mb: float) -> dict[str, Callable[[int], str]]:
    base = corpus_text(base_mb, ("bench",))
    return {
        "distinct": lambda k: mixed_text(base_mb * k, (CORPUS / "news" / "peoples_daily_1998-01.txt",
                                                      CORPUS / "news" / "xinwenlianbo_2025.txt")),
        "year": lambda k: corpus_text(base_mb * k, ("bench",)),
        "reruns": lambda k: base * k,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-mb", type=float, default=1.25)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])  # as zzlint check runs
    worst = 0.0
    for name, make in inputs(args.base_mb).items():
        texts = {k: make(k) for k in FACTORS}
        print(f"{name}: 1x {units(texts[1])}; {FACTORS[-1]}x {units(texts[FACTORS[-1]])}")
        for scope in ("file", "story"):
            for rule in RULES:
                print(f"{name}, scope = {scope!r}, {rule} (fastest of {args.runs} runs)")
                measured = timed(texts, rule, scope, args.runs)
                base = measured[FACTORS[0]][0]
                for k, (seconds, found) in measured.items():
                    print(f"  {k}x  {len(texts[k].encode()) / 2**20:5.1f} MB  {seconds:6.2f} s  "
                          f"{len(texts[k]) / seconds / 1e6:5.2f} M chars/s  ratio to 1x {seconds / base:5.2f}  "
                          f"findings {found}")
                worst = max(worst, seconds / base)
    print(f"\nlargest 8x/1x ratio: {worst:.2f} (linear: at most {LINEAR:.0f}) -> "
          + ("linear" if worst <= LINEAR else "GROWS FASTER THAN THE TEXT"))


if __name__ == "__main__":
    main()
