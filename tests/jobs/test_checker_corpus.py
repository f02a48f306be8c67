"""The posting checker against its own corpus of realistic postings (tests/jobs/checker_corpus/).

``dev*.csv`` are what the rules were tuned on; ``heldout*.csv`` are never tuned on (see
docs/jobs.md): ``heldout.csv`` was written before any rule change. A held-out set whose failures
somebody looked at becomes a dev set (``dev2.csv`` was the second held-out set) and a fresh one
is written. Each row: id, expected verdict (block / warn / clean),
the rule (category) the verdict must come from (several joined by ";"; for a clean posting, the
topic it mentions innocently), and the text.

Print the scores with ``.venv/bin/python -m tests.jobs.test_checker_corpus`` (add ``--failures``
to list the dev sets' failures; a held-out set's failures are listed only with
``--heldout-failures`` / ``--heldout3-failures``,
and whoever looks at them must then write a fresh held-out set before tuning again).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from jobs.checker import BLOCK, CATEGORIES, WARN, Finding, check_text

CORPUS = Path(__file__).parent / "checker_corpus"
VERDICTS = ("block", "warn", "clean")
#: Each held-out set on its own (their failures are not printed: nobody is to tune on them).
HELDOUT = sorted(path.stem for path in CORPUS.glob("heldout*.csv"))


@dataclass(frozen=True)
class Posting:
    id: str
    verdict: str
    rules: tuple[str, ...]
    text: str


def load(name: str) -> list[Posting]:
    """The postings of ``<name>.csv``; for "dev", of every ``dev*.csv``."""
    postings = []
    pattern = "dev*.csv" if name == "dev" else f"{name}.csv"
    for path in sorted(CORPUS.glob(pattern)):
        with path.open(encoding="utf-8", newline="") as handle:
            postings += [
                Posting(row["id"], row["verdict"], tuple(row["rule"].split(";")), row["text"])
                for row in csv.DictReader(handle)
            ]
    return postings


def verdict(findings: list[Finding]) -> str:
    if any(f.severity == BLOCK for f in findings):
        return "block"
    if any(f.severity == WARN for f in findings):
        return "warn"
    return "clean"


def is_right(posting: Posting, findings: list[Finding]) -> bool:
    """The verdict matches, and a block or warning comes from every rule the posting offends."""
    if verdict(findings) != posting.verdict:
        return False
    if posting.verdict == "clean":
        return True
    severity = BLOCK if posting.verdict == "block" else WARN
    found = {f.category for f in findings if f.severity == severity}
    return set(posting.rules) <= found


def is_false_block(posting: Posting, findings: list[Finding]) -> bool:
    return posting.verdict != "block" and verdict(findings) == "block"


def score(postings: list[Posting]) -> tuple[int, list[tuple[Posting, list[Finding]]], int]:
    """(number right, the wrong ones with their findings, number of false blocks)."""
    right, wrong, false_blocks = 0, [], 0
    for posting in postings:
        findings = check_text(posting.text)
        if is_right(posting, findings):
            right += 1
        else:
            wrong.append((posting, findings))
        false_blocks += is_false_block(posting, findings)
    return right, wrong, false_blocks


def test_the_corpus_is_well_formed_and_large_enough():
    dev = load("dev")
    postings = dev + [p for name in HELDOUT for p in load(name)]
    assert len(postings) >= 200
    assert len({p.id for p in postings}) == len(postings)
    assert len({p.text for p in postings}) == len(postings)
    for posting in postings:
        assert posting.verdict in VERDICTS, posting
        assert all(rule in CATEGORIES for rule in posting.rules), posting
    for part in [dev] + [load(name) for name in HELDOUT]:
        assert {p.verdict for p in part} == set(VERDICTS)
    # Negations of every blocking rule are in the clean postings.
    blocking = {c for c, (_, _, severity) in CATEGORIES.items() if severity == BLOCK}
    assert blocking <= {r for p in postings if p.verdict == "clean" for r in p.rules}


def test_no_posting_of_the_corpus_is_blocked_wrongly():
    wrongly = [
        (p.id, p.text, [(f.category, f.phrase) for f in check_text(p.text) if f.is_block])
        for p in load("dev") + [p for name in HELDOUT for p in load(name)]
        if is_false_block(p, check_text(p.text))
    ]
    assert wrongly == []


@pytest.mark.parametrize("name", HELDOUT)
def test_the_checker_is_right_on_at_least_95_percent_of_each_held_out_set(name):
    postings = load(name)
    right, _, _ = score(postings)
    assert right / len(postings) >= 0.95


def test_the_checker_is_right_on_at_least_95_percent_of_the_dev_postings():
    postings = load("dev")
    right, wrong, _ = score(postings)
    assert right / len(postings) >= 0.95, [(p.id, p.verdict, p.rules) for p, _ in wrong]


if __name__ == "__main__":  # pragma: no cover - a report for docs/jobs.md
    import os
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.test")
    django.setup()
    for name in ["dev", *HELDOUT]:
        postings = load(name)
        right, wrong, false_blocks = score(postings)
        print(
            f"{name}: {right}/{len(postings)} right ({100 * right / len(postings):.1f} %), "
            f"{false_blocks} false blocks"
        )
        show = "--failures" if name == "dev" else f"--{name}-failures"
        if show in sys.argv:
            for posting, findings in wrong:
                got = [(f.category, f.severity, f.phrase) for f in findings]
                print(
                    f"  {posting.id} want {posting.verdict} {posting.rules} got {got}: {posting.text}"
                )
