"""RATE LIMITS HOLD EXACTLY under simultaneous requests, counted in the shared Redis cache.

Ten complaints from one mobile at the same moment against a limit of three save exactly three
(counting after filing let six through). Real threads, each with its own database connection,
on PostgreSQL, with Django's Redis cache as production has it.
"""

import pytest
from django.test import Client
from django.urls import reverse

from gigmarket import throttle
from rights.models import Complaint
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.deploy.redis_cache import redis_cache  # noqa: F401  (fixture)
from tests.stations.factories import StationFactory

pytestmark = [*POSTGRES_RACE, pytest.mark.usefixtures("redis_cache")]

SIMULTANEOUS = 10


def _form(station, n, mobile="13900000101"):
    return {
        "idempotency_key": f"race-{n}",
        "website": "",
        "kind": "unpaid_wages",
        "respondent_text": "某装修队",
        "description": "干了20天，老板不给钱",
        "amount_owed": "3200",
        "people_affected": "4",
        "name": "王德明",
        "mobile": mobile,
        "station": station.pk,
    }


def test_ten_simultaneous_complaints_from_one_mobile_save_exactly_the_limit(settings):
    settings.RIGHTS_FILING_LIMIT_PER_MOBILE = 3
    settings.RIGHTS_FILING_LIMIT_PER_IP = 100
    station = StationFactory(code="race")
    url = reverse("rights:complaint_create")

    results = run_at_once(
        lambda i: Client(REMOTE_ADDR=f"10.0.0.{i + 1}").post(url, _form(station, i)),
        SIMULTANEOUS,
    )

    statuses = sorted(getattr(r, "status_code", repr(r)) for r in results)
    assert statuses == [200] * 7 + [302] * 3, results
    assert Complaint.objects.count() == 3
    refused = [r for r in results if r.status_code == 200]
    assert all("太多" in r.content.decode() for r in refused)


def test_ten_simultaneous_complaints_from_one_address_save_exactly_the_address_limit(settings):
    settings.RIGHTS_FILING_LIMIT_PER_MOBILE = 100
    settings.RIGHTS_FILING_LIMIT_PER_IP = 4
    station = StationFactory(code="race")
    url = reverse("rights:complaint_create")

    results = run_at_once(
        lambda i: Client(REMOTE_ADDR="10.0.0.9").post(
            url, _form(station, i, mobile=f"139000002{i:02d}")
        ),
        SIMULTANEOUS,
    )

    assert sorted(r.status_code for r in results) == [200] * 6 + [302] * 4, results
    assert Complaint.objects.count() == 4


def test_a_refused_or_failed_filing_gives_its_slot_back():
    limits = [throttle.Limit("t:ip", 5, 60), throttle.Limit("t:mobile", 1, 60)]
    assert throttle.acquire(limits)
    assert not throttle.acquire(limits)  # the mobile is used up: nothing taken from the address
    assert throttle.used(limits[0]) == 1 and throttle.used(limits[1]) == 1
    throttle.release(limits)
    assert throttle.used(limits[0]) == 0 and throttle.acquire(limits)


def test_simultaneous_failed_look_ups_stop_at_the_limit(settings):
    settings.RIGHTS_LOOKUP_FAILURES_PER_IP = 3
    url = reverse("rights:complaint_track")

    results = run_at_once(
        lambda i: Client(REMOTE_ADDR="10.0.0.7").post(
            url, {"number": f"TS2026{i:06d}", "mobile": "13900000000"}
        ),
        SIMULTANEOUS,
    )

    bodies = [r.content.decode() for r in results]
    assert sum("太多" in b or "Too many" in b for b in bodies) == SIMULTANEOUS - 3, bodies[0][:300]
