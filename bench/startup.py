"""Start-up time: `zzlint check` on a one-paragraph file beside `python -c pass` and
`zzlint --version`, and on a one-paragraph lost-item notice (its certificate number brings in
the region tables and python-stdnum).

Prints the median wall time of several runs of each (interleaved: a shared machine's speed
drifts), the verdict against 150 ms, which heavy modules the check imported, and the modules
that took longest to import (`python -X importtime`). zzlint is compiled to bytecode first, as
an installed package is. Run: python bench/startup.py [--runs 20]
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
NOTICE = "株洲市芦淞区某某商贸有限公司遗失营业执照副本，统一社会信用代码：91430203MA4L0XXXX1，声明作废。\n"
HEAVY = ("jieba", "stdnum", "charset_normalizer", "docx", "markdown_it", "yaml", "pygls", "lsprotocol")


TARGET = 0.150


def interleaved(commands: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The median wall time of each command, the commands run in turn ``runs`` times."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def slowest_imports(page: Path, count: int = 12) -> list[tuple[float, str]]:
    err = subprocess.run([sys.executable, "-X", "importtime", "-m", "zzlint", "check", "-q", "--no-cache", str(page)],
                         capture_output=True, text=True).stderr
    rows = []
    for line in err.splitlines():
        if line.startswith("import time:") and "|" in line:
            own, _cumulative, name = line.split(":", 1)[1].split("|")
            if own.strip().isdigit():
                rows.append((int(own) / 1000, name.strip()))
    return sorted(rows, reverse=True)[:count]


def imported_heavy_modules(page: Path) -> list[str]:
    probe = ("import sys\nfrom zzlint.cli import main\nsys.argv=['zzlint','check','-q',"
             f"{str(page)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
             f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    return [m for m in out.strip().splitlines()[-1].split(",") if m] if out.strip() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).resolve().parent.parent / "zzlint")],
                   check=True)
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "one-paragraph.txt"
        page.write_text(PARAGRAPH, encoding="utf-8")
        notice = Path(folder) / "one-notice.txt"
        notice.write_text(NOTICE, encoding="utf-8")
        medians = interleaved({
            "python -c pass": [sys.executable, "-c", "pass"],
            "zzlint --version": [sys.executable, "-m", "zzlint", "--version"],
            "zzlint check one-paragraph file": [sys.executable, "-m", "zzlint", "check", "-q", "--no-cache", str(page)],
            "zzlint check one-paragraph notice": [sys.executable, "-m", "zzlint", "check", "-q", "--no-cache",
                                                  str(notice)],
        }, args.runs)
        heavy = imported_heavy_modules(page)
        imports = slowest_imports(page)
    for name, seconds in medians.items():
        print(f"{name:34s} {seconds * 1000:7.1f} ms (median of {args.runs}, interleaved)")
    check = medians["zzlint check one-paragraph file"]
    print(f"zzlint's own start-up and checking {(check - medians['python -c pass']) * 1000:7.1f} ms")
    print(f"heavy modules imported: {', '.join(heavy) or 'none'}")
    print("slowest imports (own time): " + ", ".join(f"{name} {ms:.1f} ms" for ms, name in imports))
    print(f"verdict: {'under' if check < TARGET else 'OVER'} {TARGET * 1000:.0f} ms")


if __name__ == "__main__":
    main()
