"""HEADCOUNT IS NEVER EXCEEDED, even when several staff confirm at the same moment.

``placement_confirm`` locks the job row (SELECT … FOR UPDATE) before counting the confirmed-or-
later placements; these tests fire real concurrent calls and requests (threads, each with its
own database connection) at PostgreSQL.
"""

from django.test import Client
from django.urls import reverse

from jobs import services
from jobs.models import Job, Placement
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.gigmarket.factories import PASSWORD
from tests.jobs.factories import OpenJobFactory, PlacementFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = POSTGRES_RACE

CONTENDERS = 8


def _run_at_once(work, n=CONTENDERS) -> list:
    return run_at_once(work, n)


def test_two_staff_racing_for_the_last_place_exactly_one_wins():
    station = StationFactory(code="chengguan")
    job = OpenJobFactory(station=station, headcount=3)
    for _ in range(2):
        PlacementFactory(job=job, state="confirmed")
    racers = [PlacementFactory(job=job) for _ in range(2)]
    staff = [StationAssignmentFactory(station=station).user for _ in range(2)]

    results = _run_at_once(
        lambda i: services.placement_confirm(placement=racers[i], by=staff[i]), n=2
    )

    won = [r for r in results if isinstance(r, Placement)]
    lost = [r for r in results if not isinstance(r, Placement)]
    assert len(won) == 1 and len(lost) == 1, results
    assert "已满" in " ".join(lost[0].messages)
    assert Placement.objects.filter(job=job).confirmed_or_later().count() == 3
    job.refresh_from_db()
    assert job.status == Job.Status.FILLED


def test_concurrent_confirm_requests_never_exceed_the_headcount():
    station = StationFactory(code="chengguan")
    job = OpenJobFactory(station=station, headcount=3)
    placements = [PlacementFactory(job=job) for _ in range(CONTENDERS)]
    staff = [StationAssignmentFactory(station=station).user for _ in range(CONTENDERS)]

    clients = []
    for user in staff:  # logged in first, through the login form (a real request, as axes expects)
        client = Client()
        client.post(reverse("core:login"), {"username": user.username, "password": PASSWORD})
        clients.append(client)

    def post(i):
        url = reverse("jobs:placement_confirm", kwargs={"pk": placements[i].pk})
        return clients[i].post(url).status_code

    assert _run_at_once(post) == [302] * CONTENDERS
    assert Placement.objects.filter(job=job).confirmed_or_later().count() == 3
    job.refresh_from_db()
    assert job.status == Job.Status.FILLED
