"""HEADCOUNT IS NEVER EXCEEDED, even when several staff confirm at the same moment.

``placement_confirm`` locks the job row (SELECT … FOR UPDATE) before counting the confirmed-or-
later placements; these tests fire real concurrent calls and requests (threads, each with its
own database connection) at PostgreSQL.
"""

from django.test import Client
from django.urls import reverse

from gigmarket.models import Message
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


def test_ten_identical_dispatches_make_one_placement_and_no_server_error():
    """Ten staff taps on "dispatch" for the same person and job at once (issue 12: 7 of them
    were 500s). One placement, one log row, one ledger line, one message; every tap gets the
    same answer as a plain repeat: back to the candidates page, "recommended"."""
    from seekers.models import Seeker
    from stations.models import ServiceRecord
    from tests.seekers.factories import SeekerFactory

    station = StationFactory(code="chengguan")
    job = OpenJobFactory(station=station, headcount=3)
    seeker = SeekerFactory(station=station)
    user = StationAssignmentFactory(station=station).user
    clients = []
    for _ in range(10):
        client = Client(raise_request_exception=False)
        client.force_login(user, backend="gigmarket.backends.UsernameOrMobileBackend")
        clients.append(client)
    url = reverse("jobs:placement_recommend", kwargs={"pk": job.pk, "public_id": seeker.public_id})

    def post(i):
        response = clients[i].post(url, follow=True)
        return response.status_code, [str(m) for m in response.context["messages"]]

    results = run_at_once(post, 10)
    assert [status for status, _ in results] == [200] * 10, results
    assert len({tuple(texts) for _, texts in results}) == 1, results  # one message for all
    placement = Placement.objects.get(job=job, seeker=Seeker.objects.get(pk=seeker.pk))
    assert placement.state == "recommended"
    assert placement.transitions.count() == 1
    assert ServiceRecord.objects.filter(kind="matching", subject_id=str(placement.pk)).count() == 1
    # One message to the worker and one to the employer, however many desks pressed the button.
    sent = Message.objects.filter(key__startswith=f"placement:{placement.pk}:")
    assert sorted(sent.values_list("kind", flat=True)) == ["employer_sent", "placement_recommended"]


def test_a_sign_up_racing_a_dispatch_is_no_error():
    """The person taps "sign up" while staff dispatch them: one placement, nobody sees an error."""
    from tests.gigmarket.factories import SeekerUserFactory
    from tests.seekers.factories import SeekerFactory

    station = StationFactory(code="chengguan")
    job = OpenJobFactory(station=station, headcount=3)
    account = SeekerUserFactory()
    seeker = SeekerFactory(station=station, user=account)
    user = StationAssignmentFactory(station=station).user

    def work(i):
        if i % 2:
            return services.placement_sign_up(job=job, seeker=seeker, by=account)
        return services.placement_recommend(job=job, seeker=seeker, by=user)

    results = run_at_once(work, 8)
    assert all(isinstance(r, Placement) for r in results), results
    assert Placement.objects.filter(job=job).count() == 1
