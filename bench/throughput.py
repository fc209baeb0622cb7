"""Throughput: zzlint's default rules beside autocorrect on a 10 MB file and on the same text as
a folder of one file per story, parallel speed-up, cached re-runs, start-up, peak memory and
the time spent in each rule.

Inputs are built from ../shared/corpus/bench (CCTV transcripts the tests never read) into
bench/out/. zzlint's modules are compiled to bytecode first, as pip does when it installs a
package (an environment with PYTHONDONTWRITEBYTECODE would otherwise recompile them in every
process). autocorrect (autocorrect-py, its Python binding) is the comparison, not a
dependency: it is installed into bench/out/autocorrect-venv the first time. Every time is the
median of --runs runs of a fresh process, start-up included, with zzlint's cache off unless the
cache is what is measured. Runs that are compared are interleaved (a, b, a, b, …) and each
ratio is the median of the per-pair ratios, because a shared machine's speed drifts by tens of
per cent within a minute.

Run: python bench/throughput.py [--runs 3] [--megabytes 10]
"""
from __future__ import annotations

import argparse
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


def build_inputs(megabytes: float) -> tuple[Path, Path]:
    OUT.mkdir(parents=True, exist_ok=True)
    single, folder = OUT / "single.txt", OUT / "stories"
    data = b"".join(p.read_bytes() for p in sorted(CORPUS.glob("*.txt")))
    cut = data[:int(megabytes * 2**20)]
    cut = cut[:cut.rfind(b"\n\n") + 1]
    single.write_bytes(cut)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for index, story in enumerate(cut.decode("utf-8").split("\n\n")):
        (folder / f"story-{index:05d}.txt").write_text(story.strip("\n") + "\n", encoding="utf-8")
    return single, folder


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


def paired(first: list[str], second: list[str], runs: int) -> tuple[float, float, float, int]:
    """Medians of interleaved runs of two commands, the median of second/first per pair, and
    the larger peak memory (KiB) of the second command."""
    a, b, ratios, memory = [], [], [], 0
    for _ in range(runs):
        seconds_a, _ = measure(first, 1)
        seconds_b, memory_b = measure(second, 1)
        a.append(seconds_a)
        b.append(seconds_b)
        ratios.append(seconds_b / seconds_a)
        memory = max(memory, memory_b)
    return statistics.median(a), statistics.median(b), statistics.median(ratios), memory


def zzlint(*args: str) -> list[str]:
    """The inputs live in bench/out/, which .gitignore leaves out of a folder search."""
    return [sys.executable, "-m", "zzlint", "check", "-q", "--no-respect-gitignore", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--megabytes", type=float, default=10.0)
    args = parser.parse_args()
    if not CORPUS.is_dir():
        raise SystemExit(f"no corpus at {CORPUS}")
    single, folder = build_inputs(args.megabytes)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "zzlint")], check=True)
    size = single.stat().st_size
    files = len(list(folder.glob("*.txt")))
    python = autocorrect_python()
    print(f"inputs: {single.name} {size / 2**20:.1f} MiB; {folder.name}/ {files} files; "
          f"median of {args.runs} runs, fresh process each\n")

    autocorrect = [str(python), "-c", AUTOCORRECT_LINT]
    ac_single, zz_single, single_ratio, zz_single_memory = paired(
        [*autocorrect, str(single)], zzlint("--no-cache", str(single)), args.runs)
    ac_folder, zz_folder_2, folder_ratio, _ = paired(
        [*autocorrect, str(folder)], zzlint("--no-cache", "--jobs", "2", str(folder)), args.runs)
    zz_folder_1, zz_folder_2b, parallel_ratio, _ = paired(
        zzlint("--no-cache", "--jobs", "1", str(folder)), zzlint("--no-cache", "--jobs", "2", str(folder)),
        args.runs)
    _, ac_single_memory = measure([*autocorrect, str(single)], 1)
    print(f"{'':34s}{'autocorrect':>12s}{'zzlint':>10s}{'ratio':>8s}")
    print(f"{'single 10 MB file':34s}{ac_single:11.2f}s{zz_single:9.2f}s{single_ratio:8.2f}")
    print(f"{'folder, zzlint --jobs 2':34s}{ac_folder:11.2f}s{zz_folder_2:9.2f}s{folder_ratio:8.2f}")
    print(f"\nparallel: folder --jobs 1 {zz_folder_1:.2f}s, --jobs 2 {zz_folder_2b:.2f}s, "
          f"speed-up {1 / parallel_ratio:.2f}x")
    spin = "x = 0\nfor i in range(20_000_000): x += i"
    one, _ = measure([sys.executable, "-c", spin], 1)
    two, _ = measure(["bash", "-c", f"{sys.executable} -c '{spin}' & {sys.executable} -c '{spin}'; wait"], 1)
    print(f"  (this machine: two CPU-bound Python loops run {2 * one / two:.2f}x faster side by side "
          f"than one after the other)")

    cache = OUT / "cache"
    colds, warms = [], []
    for _ in range(args.runs):
        shutil.rmtree(cache, ignore_errors=True)
        colds.append(measure(zzlint("--cache-dir", str(cache), "--jobs", "2", str(folder)), 1)[0])
        warms.append(measure(zzlint("--cache-dir", str(cache), "--jobs", "2", str(folder)), 1)[0])
    cache_ratio = statistics.median(w / c for w, c in zip(warms, colds))
    print(f"cache: first run {statistics.median(colds):.2f}s, unchanged re-run {statistics.median(warms):.2f}s = "
          f"{cache_ratio:.1%} of the first (median of per-pair ratios)")

    page = OUT / "one-paragraph.txt"
    page.write_text("今年以来，全县认真落实“藏粮于地、藏粮于技”战略，秋粮生产再获丰收。\n", encoding="utf-8")
    startup, _ = measure(zzlint("--no-cache", str(page)), max(args.runs, 5))
    baseline, _ = measure([sys.executable, "-c", "pass"], max(args.runs, 5))
    print(f"start-up: one paragraph {startup * 1000:.0f} ms (python -c pass {baseline * 1000:.0f} ms)")
    print(f"peak memory: single file zzlint {zz_single_memory / 1024:.0f} MiB = "
          f"{zz_single_memory * 1024 / size:.1f}x the file; autocorrect {ac_single_memory / 1024:.0f} MiB")

    profile = subprocess.run(zzlint("--no-cache", "--profile-rules", str(single)), capture_output=True,
                             text=True).stderr
    print("\ntime per rule, single file:\n" + "\n".join("  " + line for line in profile.splitlines()))


if __name__ == "__main__":
    main()
