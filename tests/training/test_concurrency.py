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


def test_staff_saving_attendance_at_the_same_instant_all_succeed(monkeypatch):
    """Issue #12: two staff saving the same session's attendance at once got a server error.

    Each request may read the class list in another order (an admin's query and a station's
    differ in plan): here half read it forwards and half backwards, as happened.
    """
    from django.test import Client

    from training.models import Attendance
    from training.querysets import ReferralQuerySet

    writable_by = ReferralQuerySet.writable_by

    def in_either_order(self, user):
        return writable_by(self, user).order_by("pk" if user.pk % 2 else "-pk")

    monkeypatch.setattr(ReferralQuerySet, "writable_by", in_either_order)

    programme = EnrollingProgrammeFactory(capacity=CONTENDERS)
    station = StationFactory(code="chengguan")
    staff = [StationAssignmentFactory(station=station).user for _ in range(CONTENDERS)]
    referrals = [
        services.referral_enrol(
            referral=services.referral_refer(
                programme=programme, seeker=SeekerFactory(station=station), by=staff[0]
            ),
            by=staff[0],
        )
        for _ in range(6)
    ]
    session = programme.sessions.first()
    url = reverse("training:attendance_record", args=[session.pk])

    def post(i):
        client = Client(raise_request_exception=False)
        client.force_login(staff[i], backend="gigmarket.backends.UsernameOrMobileBackend")
        present = [str(r.pk) for r in referrals[: i % len(referrals)]]
        return client.post(url, {"present": present}).status_code

    assert _run_at_once(post) == [302] * CONTENDERS
    assert Attendance.objects.filter(session=session).count() == len(referrals)
