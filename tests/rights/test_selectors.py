"""The monthly figures of complaints (for the reports issue): definitions pinned by example."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from rights.selectors import monthly_complaints
from tests.gigmarket.factories import RegionFactory
from tests.rights.factories import ComplaintFactory
from tests.stations.factories import StationFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def at(day, hour=10):
    return datetime.datetime(2026, 5, day, hour, tzinfo=TZ)


def test_monthly_figures_by_kind_and_station_within_a_region(station):
    far = StationFactory(code="far", region=RegionFactory(code="520111"))
    # Received 1 May 00:30 local (30 April UTC): counts in May.
    ComplaintFactory(
        station=station,
        received_at=datetime.datetime(2026, 5, 1, 0, 30, tzinfo=TZ),
        due_date=datetime.date(2026, 5, 8),
    )
    # Accepted and resolved in May with wages recovered, closed on time.
    ComplaintFactory(
        station=station,
        received_at=at(4),
        accepted_at=at(5),
        resolved_at=at(6),
        done_at=at(7),
        status="closed",
        due_date=datetime.date(2026, 5, 11),
        recovered_amount=Decimal("3200"),
        recovered_people=4,
    )
    # Due in May, still open: overdue.
    ComplaintFactory(
        station=station, kind="fake_posting", received_at=at(2), due_date=datetime.date(2026, 5, 9)
    )
    # Closed late in May: overdue, not within deadline.
    ComplaintFactory(
        station=station,
        kind="fake_posting",
        received_at=at(2),
        done_at=at(20),
        status="closed",
        due_date=datetime.date(2026, 5, 9),
    )
    # Transferred in May.
    ComplaintFactory(
        station=station,
        kind="other",
        received_at=at(3),
        transferred_at=at(5),
        status="transferred",
        due_date=datetime.date(2026, 5, 15),
    )
    # Another region: left out.
    ComplaintFactory(station=far, received_at=at(3), due_date=datetime.date(2026, 5, 9))
    # April: left out.
    ComplaintFactory(
        station=station,
        received_at=datetime.datetime(2026, 4, 30, 23, 0, tzinfo=TZ),
        due_date=datetime.date(2026, 4, 30),
    )

    figures = monthly_complaints(
        month=datetime.date(2026, 5, 1),
        region=RegionFactory(code="520999"),
    )
    total = figures.total
    assert total.received == 5
    assert total.accepted == 1
    assert total.closed_within_deadline == 1
    # due in May and not finished by then: the two fake postings, the open case of 1 May, and the
    # transferred case (a transfer still has to be closed).
    assert total.overdue == 4
    assert total.transferred == 1
    assert total.wages_recovered == Decimal("3200") and total.people_paid == 4
    assert figures.by_kind["fake_posting"].overdue == 2
    assert figures.by_kind["unpaid_wages"].received == 2
    assert set(figures.by_station) == {"home"}
    assert figures.by_station["home"].received == 5
