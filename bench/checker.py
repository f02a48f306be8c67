"""Posting checker speed (issue 12): the checker runs on every save and, through htmx, while an
employer types, so it must stay fast. Measures ``check_text`` with the built-in rules on every
posting of the checker's corpus (median and p95 per posting) and on one 20,000-character text
(the live check's cap). No database needed:
    .venv/bin/python bench/checker.py
"""

import csv
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.test")

import django  # noqa: E402

django.setup()

from jobs.checker import DEFAULT_RULES, check_text  # noqa: E402

CORPUS = ROOT / "tests" / "jobs" / "checker_corpus"


def main() -> None:
    texts = [
        row["text"]
        for path in sorted(CORPUS.glob("*.csv"))
        for row in csv.DictReader(path.open(encoding="utf-8"))
    ]
    rules = list(DEFAULT_RULES)
    check_text(texts[0], rules)  # compile once, as the first request after start does
    times = []
    for _ in range(20):
        for text in texts:
            start = time.perf_counter()
            check_text(text, rules)
            times.append(time.perf_counter() - start)
    times.sort()
    big = "。".join(texts * 20)[:20000]
    long_times = []
    for _ in range(5):
        start = time.perf_counter()
        check_text(big, rules)
        long_times.append(time.perf_counter() - start)
    print(f"{platform.node()} · Python {platform.python_version()} · {len(rules)} rules")
    print(
        f"{len(texts)} postings × 20: median {statistics.median(times) * 1e6:.0f} µs, "
        f"p95 {times[int(len(times) * 0.95)] * 1e6:.0f} µs per posting"
    )
    print(f"one 20,000-character text: median {statistics.median(long_times) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
