"""Where the time goes: every default rule on one file or a folder, per rule and per function.

Reads the file (or each file of the folder that `zzlint check` would lint) as `zzlint check`
does and lints it in this process, twice: first plainly, for the seconds of each step
(reading, the derived data the rules share: width folding, paragraphs, structure, numbering
markers; then each rule, as `--profile-rules` times it), then under cProfile, for the functions
with the most time of their own. For a folder, each step's microseconds per file and each
function's calls per file are shown too: a folder of small files is paid for per file. Without
a path it profiles bench/out/single.txt, which bench/throughput.py builds (10 MB of
transcripts); bench/out/stories is the same text as one file per story.

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
from zzlint.files import collect
from zzlint.numbering import document_markers
from zzlint.readers import read_bytes, read_file
from zzlint.runner import GC_THRESHOLD
from zzlint.structure import structure

#: What several rules share, worked out once per document: timed apart from the rule that
#: would otherwise pay for it by coming first.
SHARED: dict[str, Callable[[Document], object]] = {
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
    if not args.path.exists():
        raise SystemExit(f"no file {args.path} (python bench/throughput.py builds bench/out/single.txt)")
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])  # as zzlint check runs
    resolver = Resolver(cli={"select": (args.rules,), "respect_gitignore": False})
    paths = collect([str(args.path)], resolver).files
    steps: dict[str, float] = {}
    started = time.perf_counter()
    findings = sum(_lint(path, resolver, steps) for path in paths)
    total = time.perf_counter() - started
    size = sum(path.stat().st_size for path in paths)
    print(f"{args.path.name}: {len(paths)} file(s), {size / 2**20:.1f} MiB, {findings} findings, "
          f"{total:.2f} s in this process (start-up excluded)\n")
    print(f"{'step':32s} {'seconds':>8s} {'share':>6s} {'µs/file':>8s}")
    for name, seconds in sorted(steps.items(), key=lambda item: (not item[0].startswith("("), -item[1])):
        print(f"{name:32s} {seconds:8.3f} {seconds / total:6.1%} {seconds / len(paths) * 1e6:8.1f}")
    profiler = cProfile.Profile()
    profiler.enable()
    for path in paths:
        settings = resolver.for_file(path)
        lint_document(read_bytes(read_file(path, str(path)), str(path)), settings.rules_for(path),
                      settings.severities())
    profiler.disable()
    print("\nthe same under cProfile, the functions with the most time of their own:\n")
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda item: -item[1][2])[:args.functions]  # type: ignore[attr-defined]
    print(f"{'own s':>7s} {'total s':>8s} {'calls':>9s} {'per file':>8s}  function")
    for (filename, line, function), (_primitive, calls, own, cumulative, _callers) in rows:
        where = f"{Path(filename).name}:{line}" if line else filename
        print(f"{own:7.3f} {cumulative:8.3f} {calls:9d} {calls / len(paths):8.1f}  {function} ({where})")


def _lint(path: Path, resolver: Resolver, steps: dict[str, float]) -> int:
    """Lint ``path`` as `zzlint check` does, adding the seconds of each step to ``steps``;
    the number of findings."""
    settings = resolver.for_file(path)
    rules = settings.rules_for(path)
    started = time.perf_counter()
    doc = read_bytes(read_file(path, str(path)), str(path))
    _add(steps, "(reading and decoding)", time.perf_counter() - started)
    for name, compute in SHARED.items():
        _add(steps, f"({name})", _timed(compute, doc))
    result = lint_document(doc, rules, settings.severities())
    for name, seconds in result.timings.items():
        _add(steps, name, seconds)
    return len(result.diagnostics)


def _add(steps: dict[str, float], name: str, seconds: float) -> None:
    steps[name] = steps.get(name, 0.0) + seconds


if __name__ == "__main__":
    main()
