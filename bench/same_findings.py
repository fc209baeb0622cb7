"""Findings before and after a change: the JSON report on the 10 MB file, on the same text as a
folder of one file per story, and on the fixture page.

`--record` saves zzlint's JSON output (every default rule, no cache) for bench/out/single.txt and
bench/out/stories/ (built by bench/throughput.py) and
../shared/fixtures/zhuzhou-daily-2023-12-25.txt into
bench/out/reference/; without it the same run is compared with what was saved, and every
finding that appeared or disappeared is printed. Run it with --record before a change that
must not change any finding, and without after it.

Run: python bench/same_findings.py [--record]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "bench" / "out" / "reference"
INPUTS = {
    "single": ROOT / "bench" / "out" / "single.txt",
    "stories": ROOT / "bench" / "out" / "stories",
    "fixture": ROOT.parent / "shared" / "fixtures" / "zhuzhou-daily-2023-12-25.txt",
}


def report(path: Path) -> dict:  # type: ignore[type-arg]
    command = [sys.executable, "-m", "zzlint", "check", "--no-cache", "--no-respect-gitignore",
               "--format", "json", os.path.relpath(path, ROOT)]
    return json.loads(subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout)


def _keyed(found: dict) -> set[str]:  # type: ignore[type-arg]
    return {json.dumps(d, ensure_ascii=False, sort_keys=True) for d in found["diagnostics"] + found["errors"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="save the reference instead of comparing")
    args = parser.parse_args()
    REFERENCE.mkdir(parents=True, exist_ok=True)
    same = True
    for name, path in INPUTS.items():
        if not path.exists():
            raise SystemExit(f"missing input {path} (python bench/throughput.py builds bench/out/single.txt)")
        found = report(path)
        saved = REFERENCE / f"{name}.json"
        if args.record:
            saved.write_text(json.dumps(found, ensure_ascii=False, indent=1), encoding="utf-8")
            print(f"{name}: recorded {len(found['diagnostics'])} findings, {len(found['errors'])} errors")
            continue
        before, after = _keyed(json.loads(saved.read_text(encoding="utf-8"))), _keyed(found)
        print(f"{name}: {len(after)} findings and errors now, {len(before)} recorded: "
              + ("identical" if before == after else "DIFFERENT"))
        for line in sorted(before - after)[:20]:
            print(f"  gone: {line}")
        for line in sorted(after - before)[:20]:
            print(f"  new:  {line}")
        same = same and before == after
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
