"""Fuzzing at scale: the generated documents of tests/test_fuzz.py (mixed scripts, punctuation,
numbering markers, numbers, Markdown) through every rule, as plain text and as Markdown, checking
that nothing raises and every finding is placed inside the text. Prints how many documents ran,
how long it took and what failed (Hypothesis shrinks a failure to a minimal document).

Run: python bench/fuzz.py [--documents 50000] [--seed 0]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from tests.test_fuzz import check_document, documents  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    checked = 0

    @settings(max_examples=arguments.documents, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(documents())
    def fuzz(text: str) -> None:
        nonlocal checked
        checked += 1
        check_document(text)

    started = time.perf_counter()
    try:
        fuzz._hypothesis_internal_use_seed = arguments.seed  # type: ignore[attr-defined]
        fuzz()
        failure = None
    except Exception as exc:  # the shrunk failure, with the document Hypothesis found
        failure = exc
    seconds = time.perf_counter() - started
    print(f"{checked} documents (plain text and Markdown each) in {seconds:.1f} s, "
          f"{checked / seconds:.0f} a second: {'1 failure' if failure else 'no failure'}")
    if failure:
        print(f"{type(failure).__name__}: {failure}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
