"""Where the time goes: every default rule on one file, per rule and per function.

Reads the file as `zzlint check` does and lints it in this process, twice: first plainly, for
the seconds of each step (reading, the derived data the rules share: width folding,
paragraphs, structure, numbering markers; then each rule, as `--profile-rules` times it), then
under cProfile, for the functions with the most time of their own. Without a path it profiles bench/out/single.txt, which
bench/throughput.py builds (10 MB of transcripts).

Run: python bench/rule_profile.py [PATH] [--functions 30] [--rules default]
"""
from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import time
from collections.abc import Callable
from pathlib import Path

from zzlint.config import Resolver
from zzlint.document import Document
from zzlint.engine import lint_document
from zzlint.numbering import document_markers
from zzlint.readers import read_bytes, read_file
from zzlint.runner import GC_THRESHOLD
from zzlint.structure import structure

#: What several rules share, worked out once per document: timed apart from the rule that
#: would otherwise pay for it by coming first.
SHARED: dict[str, Callable[[Document], object]] = {
    "width folding": lambda doc: doc.folded,
    "paragraphs": lambda doc: doc.paragraphs,
    "structure": structure,
    "numbering markers": document_markers,
}

DEFAULT_INPUT = Path(__file__).resolve().parent / "out" / "single.txt"


def _timed(compute: Callable[[Document], object], doc: Document) -> float:
    started = time.perf_counter()
    compute(doc)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--functions", type=int, default=30, help="rows of the function table")
    parser.add_argument("--rules", default="default", help="a selector, as for --select")
    args = parser.parse_args()
    if not args.path.is_file():
        raise SystemExit(f"no file {args.path} (python bench/throughput.py builds bench/out/single.txt)")
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])  # as zzlint check runs
    settings = Resolver(cli={"select": (args.rules,)}).for_path(args.path)
    rules = settings.rules_for(args.path)
    started = time.perf_counter()
    doc = read_bytes(read_file(args.path, str(args.path)), str(args.path))
    read = time.perf_counter() - started
    shared = {name: _timed(compute, doc) for name, compute in SHARED.items()}
    result = lint_document(doc, rules, settings.severities())
    total = time.perf_counter() - started
    print(f"{args.path.name}: {args.path.stat().st_size / 2**20:.1f} MiB, {len(rules)} rules, "
          f"{len(result.diagnostics)} findings, {total:.2f} s in this process (start-up excluded)\n")
    print(f"{'step':32s} {'seconds':>8s} {'share':>6s}")
    rows = [("(reading and decoding)", read), *((f"({name})", seconds) for name, seconds in shared.items()),
            *sorted(result.timings.items(), key=lambda item: -item[1])]
    for name, seconds in rows:
        print(f"{name:32s} {seconds:8.3f} {seconds / total:6.1%}")
    profiler = cProfile.Profile()
    profiler.enable()
    lint_document(read_bytes(read_file(args.path, str(args.path)), str(args.path)), rules, settings.severities())
    profiler.disable()
    print("\nthe same under cProfile, the functions with the most time of their own:\n")
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:args.functions]  # type: ignore[attr-defined]
    print(f"{'own s':>7s} {'total s':>8s} {'calls':>9s}  function")
    for (filename, line, function), (_primitive, calls, own, cumulative, _callers) in rows:
        where = f"{Path(filename).name}:{line}" if line else filename
        print(f"{own:7.3f} {cumulative:8.3f} {calls:9d}  {function} ({where})")


if __name__ == "__main__":
    main()
