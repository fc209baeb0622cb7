"""Throughput: zzlint's default rules beside autocorrect on a 10 MB file and on the same text as
a folder of one file per story, parallel speed-up on a folder of 100 files and on the stories
beside the machine's own ceiling, cached re-runs, start-up, peak memory per MB of input and the
time spent in each rule.

Inputs are built from ../shared/corpus/bench (CCTV transcripts the tests never read) into
bench/out/. zzlint's modules are compiled to bytecode first, as pip does when it installs a
package (an environment with PYTHONDONTWRITEBYTECODE would otherwise recompile them in every
process). autocorrect (autocorrect-py, its Python binding) is the comparison, not a
dependency: it is installed into bench/out/autocorrect-venv the first time. Every time is the
median of --runs runs of a fresh process, start-up included, with zzlint's cache off unless the
cache is what is measured. Runs that are compared are interleaved (a, b, a, b, …) and each
ratio is the median of the per-pair ratios, because a shared machine's speed drifts by tens of
per cent within a minute. The ceiling of parallel runs is measured the same way, each round:
two CPU-bound Python loops side by side against one after the other.

Run: python bench/throughput.py [--runs 5] [--megabytes 10]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "bench"
OUT = ROOT / "bench" / "out"
AUTOCORRECT_VENV = OUT / "autocorrect-venv"
AUTOCORRECT_LINT = """
import sys, time
from pathlib import Path
import autocorrect_py
paths = [p for a in sys.argv[1:] for p in (sorted(Path(a).rglob("*.txt")) if Path(a).is_dir() else [Path(a)])]
found = sum(len(autocorrect_py.lint_for(p.read_text(encoding="utf-8"), p.name).lines) for p in paths)
print(found)
"""
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
seconds = time.perf_counter() - start
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)
"""


def build_inputs(megabytes: float) -> tuple[Path, Path, Path]:
    """The text as one file, as a folder of one file per story, and as a folder of 100 files."""
    OUT.mkdir(parents=True, exist_ok=True)
    single, folder, hundred = OUT / "single.txt", OUT / "stories", OUT / "hundred"
    data = b"".join(p.read_bytes() for p in sorted(CORPUS.glob("*.txt")))
    cut = data[:int(megabytes * 2**20)]
    cut = cut[:cut.rfind(b"\n\n") + 1]
    single.write_bytes(cut)
    stories = cut.decode("utf-8").split("\n\n")
    for target in (folder, hundred):
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
    for index, story in enumerate(stories):
        (folder / f"story-{index:05d}.txt").write_text(story.strip("\n") + "\n", encoding="utf-8")
    per_file = -(-len(stories) // 100)
    for index in range(100):
        part = "\n\n".join(stories[index * per_file:(index + 1) * per_file]).strip("\n")
        (hundred / f"part-{index:03d}.txt").write_text(part + "\n", encoding="utf-8")
    return single, folder, hundred


def autocorrect_python() -> Path:
    python = AUTOCORRECT_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(AUTOCORRECT_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "autocorrect-py"], check=True)
    return python


def measure(command: list[str], runs: int) -> tuple[float, int]:
    """Median seconds and the largest peak memory (KiB) of ``runs`` fresh runs."""
    seconds, memory = [], 0
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True, text=True,
                             check=True).stdout.split()
        seconds.append(float(out[0]))
        memory = max(memory, int(out[1]))
    return statistics.median(seconds), memory


def paired(first: list[str], second: list[str], runs: int,
           ceiling: bool = False) -> tuple[float, float, float, int, float]:
    """Medians of interleaved runs of two commands, the median of second/first per pair, the
    larger peak memory (KiB) of the second command, and with ``ceiling`` the median of this
    machine's two-loop ceiling measured in the same rounds (else 0)."""
    a, b, ratios, ceilings, memory = [], [], [], [], 0
    for _ in range(runs):
        seconds_a, _ = measure(first, 1)
        seconds_b, memory_b = measure(second, 1)
        a.append(seconds_a)
        b.append(seconds_b)
        ratios.append(seconds_b / seconds_a)
        memory = max(memory, memory_b)
        if ceiling:
            ceilings.append(two_loop_ceiling())
    return (statistics.median(a), statistics.median(b), statistics.median(ratios), memory,
            statistics.median(ceilings) if ceilings else 0.0)


SPIN = "x = 0\nfor i in range(10_000_000): x += i"


def two_loop_ceiling() -> float:
    """How much faster two CPU-bound Python loops run side by side than one after the other:
    2.0 on two free cores, 1.0 when another process holds one of them."""
    one, _ = measure([sys.executable, "-c", SPIN], 1)
    two, _ = measure(["bash", "-c", f"{sys.executable} -c '{SPIN}' & {sys.executable} -c '{SPIN}'; wait"], 1)
    return 2 * one / two


def zzlint(*args: str) -> list[str]:
    """The inputs live in bench/out/, which .gitignore leaves out of a folder search."""
    return [sys.executable, "-m", "zzlint", "check", "-q", "--no-respect-gitignore", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    single, folder, hundred = build_inputs(args.megabytes)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "zzlint")], check=True)
    size = single.stat().st_size
    python = autocorrect_python()
    print(f"inputs: {single.name} {size / 2**20:.1f} MiB; {folder.name}/ {len(list(folder.glob('*.txt')))} files; "
          f"{hundred.name}/ 100 files; median of {args.runs} runs, fresh process each, "
          f"load average before: {os.getloadavg()[0]:.2f}\n")

    autocorrect = [str(python), "-c", AUTOCORRECT_LINT]
    ac_single, zz_single, single_ratio, zz_single_memory, _ = paired(
        [*autocorrect, str(single)], zzlint("--no-cache", str(single)), args.runs)
    ac_folder, zz_folder_2, folder_ratio, _, _ = paired(
        [*autocorrect, str(folder)], zzlint("--no-cache", "--jobs", "2", str(folder)), args.runs)
    print(f"{'':34s}{'autocorrect':>12s}{'zzlint':>10s}{'ratio':>8s}  (zzlint / autocorrect, target <= 1.00)")
    print(f"{'single 10 MB file':34s}{ac_single:11.2f}s{zz_single:9.2f}s{single_ratio:8.2f}")
    print(f"{'folder of stories, zzlint --jobs 2':34s}{ac_folder:11.2f}s{zz_folder_2:9.2f}s{folder_ratio:8.2f}")

    print("\nparallel (--jobs 1 / --jobs 2 time, target >= 1.30, beside this machine's two-loop ceiling):")
    for name, target in (("folder of 100 files", hundred), ("folder of stories", folder), ("single 10 MB file", single)):
        one, two, ratio, _, ceiling = paired(zzlint("--no-cache", "--jobs", "1", str(target)),
                                             zzlint("--no-cache", "--jobs", "2", str(target)), args.runs, ceiling=True)
        print(f"  {name:22s} --jobs 1 {one:6.2f}s  --jobs 2 {two:6.2f}s  speed-up {1 / ratio:4.2f}x  "
              f"(ceiling {ceiling:4.2f}x)")

    cache = OUT / "cache"
    colds, warms = [], []
    for _ in range(args.runs):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(measure(zzlint("--cache-dir", str(cache), "--jobs", "2", str(folder)), 1)[0])
        warms.append(measure(zzlint("--cache-dir", str(cache), "--jobs", "2", str(folder)), 1)[0])
    cache_ratio = statistics.median(w / c for w, c in zip(warms, colds))
    print(f"\ncache: first run {statistics.median(colds):.2f}s, unchanged re-run {statistics.median(warms):.2f}s = "
          f"{cache_ratio:.1%} of the first (median of per-pair ratios)")

    page = OUT / "one-paragraph.txt"
    page.write_text("今年以来，全县认真落实“藏粮于地、藏粮于技”战略，秋粮生产再获丰收。\n", encoding="utf-8")
    baseline, startup, _, _, _ = paired([sys.executable, "-c", "pass"], zzlint("--no-cache", str(page)),
                                        max(args.runs, 20))
    print(f"start-up: one paragraph {startup * 1000:.0f} ms, median of {max(args.runs, 20)} (target < 150 ms; "
          f"python -c pass {baseline * 1000:.0f} ms)")

    _, one_core_memory = measure(zzlint("--no-cache", "--jobs", "1", str(single)), 1)
    _, ac_single_memory = measure([*autocorrect, str(single)], 1)
    _, folder_memory = measure(zzlint("--no-cache", "--jobs", "2", str(folder)), 1)
    megabytes = size / 2**20
    print(f"peak memory (largest process): single file --jobs 1 {one_core_memory / 1024:.0f} MiB = "
          f"{one_core_memory / 1024 / megabytes:.1f} MiB per MiB of input (target <= 5); default --jobs "
          f"{zz_single_memory / 1024:.0f} MiB; folder of stories --jobs 2 {folder_memory / 1024:.0f} MiB; "
          f"autocorrect {ac_single_memory / 1024:.0f} MiB")

    profile = subprocess.run(zzlint("--no-cache", "--jobs", "1", "--profile-rules", str(single)), capture_output=True,
                             text=True).stderr
    print("\ntime per rule, single file, --jobs 1 (python bench/rule_profile.py: per function too):\n"
          + "\n".join("  " + line for line in profile.splitlines()))


if __name__ == "__main__":
    main()
