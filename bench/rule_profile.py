"""Where the time goes: every default rule on one file, per rule and per function.

Reads the file as `zzlint check` does, then lints it in this process under cProfile and prints
two tables: seconds per rule (the engine's own timings, the same as `--profile-rules`) and the
functions with the most time of their own, with the shared steps (reading, width folding,
paragraphs, the structure) among them. Without a path it profiles bench/out/single.txt, which
bench/throughput.py builds (10 MB of transcripts).

Run: python bench/rule_profile.py [PATH] [--functions 30] [--rules default]
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from pathlib import Path

from zzlint.config import Resolver
from zzlint.engine import lint_document
from zzlint.readers import read_bytes, read_file

DEFAULT_INPUT = Path(__file__).resolve().parent / "out" / "single.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_INPUT)
    parser.add_argument("--functions", type=int, default=30, help="rows of the function table")
    parser.add_argument("--rules", default="default", help="a selector, as for --select")
    args = parser.parse_args()
    if not args.path.is_file():
        raise SystemExit(f"no file {args.path} (python bench/throughput.py builds bench/out/single.txt)")
    settings = Resolver(cli={"select": (args.rules,)}).for_path(args.path)
    rules = settings.rules_for(args.path)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    doc = read_bytes(read_file(args.path, str(args.path)), str(args.path))
    result = lint_document(doc, rules, settings.severities())
    profiler.disable()
    total = time.perf_counter() - started
    print(f"{args.path.name}: {args.path.stat().st_size / 2**20:.1f} MiB, {len(rules)} rules, "
          f"{len(result.diagnostics)} findings, {total:.2f} s under the profiler\n")
    print(f"{'rule':32s} {'seconds':>8s} {'share':>6s}")
    ruled = sum(result.timings.values()) or 1.0
    for name, seconds in sorted(result.timings.items(), key=lambda item: -item[1]):
        print(f"{name:32s} {seconds:8.3f} {seconds / ruled:6.1%}")
    print(f"{'(outside the rules)':32s} {total - ruled:8.3f}\n")
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:args.functions]  # type: ignore[attr-defined]
    print(f"{'own s':>7s} {'total s':>8s} {'calls':>9s}  function")
    for (filename, line, function), (_primitive, calls, own, cumulative, _callers) in rows:
        where = f"{Path(filename).name}:{line}" if line else filename
        print(f"{own:7.3f} {cumulative:8.3f} {calls:9d}  {function} ({where})")


if __name__ == "__main__":
    main()
