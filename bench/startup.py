"""Start-up time: `zzlint check` on a one-paragraph file beside `python -c pass`.

Prints the median wall time of several runs of each, and which heavy modules the check
imported. zzlint is compiled to bytecode first, as an installed package is. Run: python bench/startup.py [--runs N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PARAGRAPH = "今年以来，全县认真落实“藏粮于地、藏粮于技”战略，秋粮生产再获丰收。\n"
HEAVY = ("jieba", "stdnum", "charset_normalizer", "docx", "markdown_it", "yaml", "pygls", "lsprotocol")


def median_time(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def imported_heavy_modules(page: Path) -> list[str]:
    probe = ("import sys\nfrom zzlint.cli import main\nsys.argv=['zzlint','check','-q',"
             f"{str(page)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    return [m for m in out.strip().splitlines()[-1].split(",") if m] if out.strip() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parent.parent / "zzlint")],
                   check=True)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "one-paragraph.txt"
        page.write_text(PARAGRAPH, encoding="utf-8")
        baseline = median_time([sys.executable, "-c", "pass"], args.runs)
        check = median_time([sys.executable, "-m", "zzlint", "check", "-q", "--no-cache", str(page)], args.runs)
        heavy = imported_heavy_modules(page)
    print(f"python -c pass                      {baseline * 1000:7.1f} ms (median of {args.runs})")
    print(f"zzlint check one-paragraph file     {check * 1000:7.1f} ms (median of {args.runs})")
    print(f"zzlint's own start-up and checking  {(check - baseline) * 1000:7.1f} ms")
    print(f"heavy modules imported: {', '.join(heavy) or 'none'}")
    print("verdict: " + ("under 0.3 s" if check < 0.3 else "OVER 0.3 s"))


if __name__ == "__main__":
    main()
