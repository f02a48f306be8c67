"""CAPACITY IS NEVER EXCEEDED, even when many staff refer and seekers sign up at the same moment.

The services lock the programme row (SELECT … FOR UPDATE) before counting seats; these tests fire
real concurrent requests (threads, each with its own database connection) at PostgreSQL.
"""

from django.urls import reverse

from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import EnrollingProgrammeFactory
from training import services
from training.models import Referral

pytestmark = POSTGRES_RACE

CAPACITY = 3
CONTENDERS = 8


def _run_at_once(work, n=CONTENDERS) -> list:
    return run_at_once(work, n)


def test_concurrent_referrals_never_overfill_a_class():
    programme = EnrollingProgrammeFactory(capacity=CAPACITY)
    staff = StationAssignmentFactory(station=StationFactory(code="chengguan")).user
    seekers = [SeekerFactory() for _ in range(CONTENDERS)]

    results = _run_at_once(
        lambda i: services.referral_refer(programme=programme, seeker=seekers[i], by=staff)
    )

    made = [r for r in results if isinstance(r, Referral)]
    refused = [r for r in results if not isinstance(r, Referral)]
    assert len(made) == CAPACITY
    assert len(refused) == CONTENDERS - CAPACITY
    assert all("本班已满" in " ".join(getattr(r, "messages", [str(r)])) for r in refused), refused
    assert Referral.objects.holding_seats().filter(programme=programme).count() == CAPACITY


def test_concurrent_referral_requests_never_overfill_a_class():
    from django.test import Client

    programme = EnrollingProgrammeFactory(capacity=CAPACITY)
    station = StationFactory(code="chengguan")
    staff = [StationAssignmentFactory(station=station).user for _ in range(CONTENDERS)]
    seekers = [SeekerFactory(station=station) for _ in range(CONTENDERS)]
    url = reverse("training:referral_create", kwargs={"public_id": programme.public_id})

    def post(i):
        client = Client()
        client.force_login(staff[i], backend="gigmarket.backends.UsernameOrMobileBackend")
        return client.post(url, {"seeker": str(seekers[i].public_id)}).status_code

    assert _run_at_once(post) == [302] * CONTENDERS
    assert Referral.objects.holding_seats().filter(programme=programme).count() == CAPACITY
