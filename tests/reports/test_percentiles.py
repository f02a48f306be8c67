"""Percentiles by the database equal linear interpolation between ranks (PostgreSQL's
``percentile_cont``), worked out here in exact decimals, whatever the backend."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.db import transaction
from django.db.models import F
from hypothesis import given, settings
from hypothesis import strategies as st

from jobs.models import Job
from reports.selectors import PERCENTILES, Month, percentiles, wages
from tests.reports import factories as f

pytestmark = pytest.mark.django_db


def reference(values: list[Decimal], p: int) -> Decimal:
    """Rank h = (n − 1)·p/100 counted from 0; between two ranks, the straight line."""
    ordered = sorted(values)
    h = Decimal(len(ordered) - 1) * p / 100
    lo = int(h)
    value = ordered[lo]
    if lo + 1 < len(ordered):
        value += (h - lo) * (ordered[lo + 1] - ordered[lo])
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


amounts = st.lists(
    st.decimals(min_value=Decimal("1.00"), max_value=Decimal("2000.00"), places=2),
    min_size=1,
    max_size=25,
)


@settings(max_examples=30)
@given(values=amounts)
def test_database_percentiles_match_the_definition(values):
    with transaction.atomic():
        town = f.township(f.county())
        template = f.job(region=town, opened="2026-03-02 09:00")
        Job.objects.filter(pk=template.pk).delete()
        Job.objects.bulk_create(
            [
                Job(
                    employer=template.employer,
                    title="t",
                    occupation=template.occupation,
                    content="c",
                    region=town,
                    address="a",
                    start_date=template.start_date,
                    pay_min=v,
                    valid_through=template.valid_through,
                    status="open",
                )
                for v in values
            ]
        )
        rows = percentiles(Job.objects.order_by().annotate(amount=F("pay_min")), [], "amount")
        transaction.set_rollback(True)
    (row,) = rows
    assert row["n"] == len(values)
    for p in PERCENTILES:
        assert row[f"p{p}"] == reference(values, p), (p, sorted(values))


def test_a_pay_range_counts_at_its_exact_midpoint_on_every_database():
    """#12: (171 + 214) / 2 is 192.5, not 192 (SQLite divided integers as integers)."""
    town = f.township(f.county())
    f.job(region=town, opened="2026-03-02 09:00", pay_min="171", pay_max="214")
    f.job(region=town, opened="2026-03-03 09:00", pay_min="171", pay_max="214")
    f.job(region=town, opened="2026-03-04 09:00", pay_min="25", pay_max="26", pay_unit="hour")
    (row,) = [w for w in wages(Month.parse("2026-03"), None) if w["source"] == "postings"]
    # per day: 192.5, 192.5 and 25.5 × 8 = 204; P50 is the middle one, P90 between 192.5 and 204
    assert (row["n"], row["p10"], row["p50"], row["p90"]) == (
        3,
        Decimal("192.50"),
        Decimal("192.50"),
        Decimal("201.70"),
    )
