"""Ten identical walk-in registrations at the same moment: one person registered, nine told so.

A lost race (the unique mobile taken between the duplicate check and the insert) is the same
form message as a plain duplicate, never a server error. Needs PostgreSQL (tests/concurrency.py).
"""

from django.test import Client
from django.urls import reverse

from seekers.models import Seeker
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.seekers.factories import occupation
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = POSTGRES_RACE

CONTENDERS = 10


def test_concurrent_duplicate_walk_in_registrations_get_the_duplicate_message_not_a_500():
    station = StationFactory(code="home")
    staff = [StationAssignmentFactory(station=station).user for _ in range(CONTENDERS)]
    data = {
        "name": "王秀英",
        "mobile": "13912345678",
        "primary_occupation": occupation().pk,
        "consent": "on",
        "work_natures": ["daily"],
        "station": station.pk,
    }
    url = reverse("seekers:seeker_register")

    def post(i):
        client = Client(raise_request_exception=False)
        client.force_login(staff[i], backend="gigmarket.backends.UsernameOrMobileBackend")
        response = client.post(url, data)
        return response.status_code, response.content.decode()

    results = run_at_once(post, CONTENDERS)
    statuses = sorted(r[0] if isinstance(r, tuple) else repr(r) for r in results)
    assert statuses == [200] * (CONTENDERS - 1) + [302], statuses
    seeker = Seeker.objects.get()
    for status, body in results:
        if status == 200:
            assert f"此人已经登记过（登记编号 {seeker.number}）" in body
