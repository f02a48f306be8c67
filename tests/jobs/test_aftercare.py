"""After the work: employer notices, the employer's own answers (done and paid), re-hire by a
texted token, re-post, weekly orders (time-machined) and ratings in ranking."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import Message
from jobs import ranking, services
from jobs.models import (
    Job,
    JobTransition,
    Placement,
    PlacementRating,
    PlacementTransition,
    RecurringOpening,
    RehireRefusal,
    RehireRequest,
)
from jobs.tasks import open_weekly_orders
from tests.gigmarket.factories import EmployerUserFactory, ReviewerFactory, SeekerUserFactory
from tests.jobs.factories import (
    EmployerFactory,
    ExpiredJobFactory,
    OpenJobFactory,
    PendingJobFactory,
    PlacementFactory,
)
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 2)  # a Wednesday


@pytest.fixture
def station():
    return StationFactory(code="chengguan")


@pytest.fixture
def staff(station):
    return StationAssignmentFactory(station=station).user


@pytest.fixture
def employer_user():
    return EmployerUserFactory()


@pytest.fixture
def employer(employer_user):
    return EmployerFactory(user=employer_user, kind="household")


def _job(employer, station, **extra):
    start = timezone.localdate() - datetime.timedelta(days=7)
    defaults = {
        "start_date": start,
        "end_date": start,
        "valid_through": timezone.localdate() + datetime.timedelta(days=3),
        "headcount": 1,
    }
    return OpenJobFactory(employer=employer, station=station, **{**defaults, **extra})


def _completed(employer, station, staff, seeker=None):
    """A placement done last week: recommended, confirmed, on duty, completed by staff."""
    job = _job(employer, station)
    seeker = seeker or SeekerFactory(user=SeekerUserFactory())
    placement = services.placement_recommend(job=job, seeker=seeker, by=staff)
    services.placement_confirm(placement=placement, by=staff)
    services.placement_start(placement=placement, by=staff)
    return services.placement_complete(
        placement=placement,
        by=staff,
        result={"end_date": timezone.localdate(), "paid_in_full": True},
    )


def _texts(to):
    return list(Message.objects.filter(to=to).values_list("kind", flat=True))


# ---- employer notices ----


def test_the_employer_hears_of_sign_ups_dispatch_results_approval_and_rejection(
    employer, station, staff
):
    job = _job(employer, station, headcount=3)
    seeker = SeekerFactory(user=SeekerUserFactory())
    services.placement_sign_up(job=job, seeker=seeker, by=seeker.user)
    services.placement_recommend(job=job, seeker=SeekerFactory(), by=staff)
    _completed(employer, station, staff)
    reviewer = ReviewerFactory()
    pending = PendingJobFactory(employer=employer, station=station)
    services.job_reject(job=pending, by=reviewer, reason="工资写得不清楚，请写明每天多少元")
    kinds = _texts(employer.contact_mobile)
    assert kinds.count("employer_signup") == 1
    assert kinds.count("employer_sent") == 2  # the one recommended, and the one completed
    assert kinds.count("employer_result") == 1
    rejected = Message.objects.get(to=employer.contact_mobile, kind="job_rejected")
    assert "工资写得不清楚" in rejected.text  # the reason travels with it
    services.job_submit(job=pending, by=employer.user)
    services.job_approve(job=pending, by=reviewer)
    assert "job_approved" in _texts(employer.contact_mobile)
    # No worker's mobile in what the employer is sent.
    for text in Message.objects.filter(to=employer.contact_mobile).values_list("text", flat=True):
        assert seeker.mobile not in text


# ---- the employer's own answers ----


def test_the_employer_confirms_then_marks_done_and_paid_through_logged_moves(
    employer, station, staff
):
    job = _job(employer, station)
    placement = services.placement_recommend(job=job, seeker=SeekerFactory(), by=staff)
    services.employer_placement_answer(placement=placement, by=employer.user, confirm=True)
    placement = services.employer_placement_done(
        placement=placement, by=employer.user, paid_in_full=True
    )
    assert placement.state == Placement.State.COMPLETED
    assert placement.employer_says_paid is True and placement.employer_confirmed_at
    moves = list(
        PlacementTransition.objects.filter(placement=placement)
        .order_by("pk")
        .values_list("to_state", flat=True)
    )
    assert moves == ["recommended", "confirmed", "on_duty", "completed"]
    # Both sides are asked for a rating, once each; the employer did it itself, so it is not
    # asked to confirm a result.
    assert PlacementRating.objects.filter(placement=placement).count() == 2
    assert "employer_result" not in _texts(employer.contact_mobile)


def test_an_employer_cannot_mark_someone_elses_placement_done(employer, station, staff):
    other = EmployerFactory(user=EmployerUserFactory())
    placement = PlacementFactory(job=_job(other, station), state="confirmed")
    with pytest.raises(PermissionDenied):
        services.employer_placement_done(placement=placement, by=employer.user, paid_in_full=True)


def test_done_before_the_job_starts_is_refused(employer, station, staff):
    job = _job(employer, station, start_date=timezone.localdate() + datetime.timedelta(days=2))
    placement = PlacementFactory(job=job, state="confirmed")
    with pytest.raises(ValidationError):
        services.employer_placement_done(placement=placement, by=employer.user, paid_in_full=True)
    placement.refresh_from_db()
    assert placement.state == "confirmed"


def test_the_employer_confirms_a_result_staff_recorded(employer, station, staff):
    placement = _completed(employer, station, staff)
    placement = services.employer_placement_done(
        placement=placement, by=employer.user, paid_in_full=False
    )
    assert placement.employer_says_paid is False
    assert placement.transitions.filter(from_state="completed", to_state="completed").exists()
    with pytest.raises(ValidationError):  # once is enough
        services.employer_placement_done(placement=placement, by=employer.user, paid_in_full=True)
    placement.refresh_from_db()
    assert placement.employer_says_paid is False


# ---- re-hire ----


def _next_week():
    return timezone.localdate() + datetime.timedelta(days=7)


def test_rehire_copies_the_job_with_new_dates_and_the_worker_accepts_by_link(
    employer, station, staff, client
):
    done = _completed(employer, station, staff)
    request = services.rehire_request(placement=done, by=employer.user, start_date=_next_week())
    new = request.job
    assert new.copied_from == done.job and new.status == Job.Status.PENDING
    assert new.start_date == _next_week() and new.headcount == 1
    assert (new.title, new.pay_min, new.address) == (
        done.job.title,
        done.job.pay_min,
        done.job.address,
    )
    ask = Message.objects.get(key=f"rehire:{request.pk}:ask")
    assert ask.to == done.seeker.mobile
    link = reverse("jobs:rehire_answer", kwargs={"token": request.token})
    assert link in ask.text
    # The link carries only the token: no name, mobile or ID number.
    assert (
        link == f"/jobs/rehire/{request.token}/"
        and done.seeker.mobile not in ask.text.split("http")[-1]
    )
    page = client.get(link)
    assert page.status_code == 200 and done.job.title in page.content.decode()
    response = client.post(link, {"answer": "accept"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "accepted" and request.answered_via == "link"
    placement = request.placement
    assert (
        placement.job == new and placement.origin == "rehire" and placement.state == "recommended"
    )
    assert "rehire_answer" in _texts(employer.contact_mobile)
    # Once the reviewer opens the job, the employer confirms the worker.
    services.job_approve(job=new, by=ReviewerFactory())
    services.employer_placement_answer(placement=placement, by=employer.user, confirm=True)
    placement.refresh_from_db()
    assert placement.state == "confirmed"
    # Answering twice changes nothing.
    with pytest.raises(ValidationError):
        services.rehire_answer(request=request, accept=False)


def test_a_worker_can_refuse_future_requests_and_it_is_honoured(employer, station, staff):
    done = _completed(employer, station, staff)
    request = services.rehire_request(placement=done, by=employer.user, start_date=_next_week())
    services.rehire_answer(request=request, accept=False, refuse_future=True)
    assert RehireRefusal.objects.filter(seeker=done.seeker, employer=employer).exists()
    with pytest.raises(ValidationError) as caught:
        services.rehire_request(
            placement=done, by=employer.user, start_date=_next_week() + datetime.timedelta(days=1)
        )
    assert caught.value.code == "refused"
    assert RehireRequest.objects.count() == 1


def test_rehire_needs_a_completed_placement_of_ones_own_job(employer, station, staff):
    placement = PlacementFactory(job=_job(employer, station), state="confirmed")
    with pytest.raises(ValidationError):
        services.rehire_request(placement=placement, by=employer.user, start_date=_next_week())
    other = EmployerFactory(user=EmployerUserFactory())
    done = _completed(employer, station, staff)
    with pytest.raises(PermissionDenied):
        services.rehire_request(placement=done, by=other.user, start_date=_next_week())


def test_rehire_refuses_a_start_in_the_past_and_saves_nothing(employer, station, staff):
    done = _completed(employer, station, staff)
    before = Job.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.rehire_request(
            placement=done,
            by=employer.user,
            start_date=timezone.localdate() - datetime.timedelta(days=1),
        )
    assert "start_date" in caught.value.message_dict
    assert Job.objects.count() == before


# ---- re-post ----


def test_an_expired_job_is_copied_into_a_draft_that_goes_to_review(employer, station):
    old = ExpiredJobFactory(employer=employer, station=station)
    new = services.job_repost(job=old, by=employer.user, start_date=_next_week())
    assert new.status == Job.Status.DRAFT and new.copied_from == old
    assert new.start_date == _next_week() and new.valid_through == _next_week()
    assert services.job_submit(job=new, by=employer.user).status == Job.Status.PENDING


def test_an_open_job_cannot_be_reposted(employer, station):
    with pytest.raises(ValidationError):
        services.job_repost(job=_job(employer, station), by=employer.user, start_date=_next_week())


# ---- weekly orders ----


class _TimeMachine:
    """Moves "today" (Asia/Shanghai) for the code under test, as the beat task sees it."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def move_to(self, day, tick=False):
        self.monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)


@pytest.fixture
def time_machine(monkeypatch):
    return _TimeMachine(monkeypatch)


def _at(day):
    return day


def test_a_weekly_order_opens_itself_for_next_tuesday_once(employer, station, time_machine):
    time_machine.move_to(_at(TODAY), tick=False)
    template = _job(employer, station)
    order = services.recurring_order_start(job=template, by=employer.user, weekday=1)
    # Wednesday to Sunday: nothing is due.
    for ahead in range(0, 5):
        time_machine.move_to(_at(TODAY + datetime.timedelta(days=ahead)), tick=False)
        assert open_weekly_orders() == 0
    # Monday (the day before, by default) the job for Tuesday opens; a second run adds nothing.
    monday = TODAY + datetime.timedelta(days=5)
    tuesday = monday + datetime.timedelta(days=1)
    time_machine.move_to(_at(monday), tick=False)
    assert open_weekly_orders() == 1
    assert open_weekly_orders() == 0
    time_machine.move_to(_at(tuesday), tick=False)
    assert open_weekly_orders() == 0
    opening = RecurringOpening.objects.get(order=order)
    job = opening.job
    assert opening.work_date == tuesday and job.start_date == tuesday
    assert job.status == Job.Status.OPEN and job.copied_from == template
    assert JobTransition.objects.filter(job=job, to_state="open", by=None).exists()
    # The next week again, until stopped.
    time_machine.move_to(_at(monday + datetime.timedelta(days=7)), tick=False)
    assert open_weekly_orders() == 1
    services.recurring_order_stop(order=order, by=employer.user)
    time_machine.move_to(_at(monday + datetime.timedelta(days=14)), tick=False)
    assert open_weekly_orders() == 0
    assert RecurringOpening.objects.filter(order=order).count() == 2


def test_a_weekly_order_needs_a_job_that_passed_review(employer, station):
    draft = _job(employer, station, status="draft", opened_at=None)
    with pytest.raises(ValidationError):
        services.recurring_order_start(job=draft, by=employer.user, weekday=1)


def test_the_weekly_task_is_in_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "jobs.tasks.open_weekly_orders" in tasks


# ---- ratings ----


def test_both_sides_rate_once_through_their_links(employer, station, staff, client):
    done = _completed(employer, station, staff)
    worker = PlacementRating.objects.get(placement=done, side="worker")
    boss = PlacementRating.objects.get(placement=done, side="employer")
    assert Message.objects.filter(key=f"rating:{worker.pk}:ask", to=done.seeker.mobile).exists()
    assert Message.objects.filter(key=f"rating:{boss.pk}:ask", to=employer.contact_mobile).exists()
    url = reverse("jobs:rate", kwargs={"token": worker.token})
    bad = client.post(url, {"score": "9"})
    assert bad.status_code == 400
    client.post(url, {"score": "2", "paid_as_agreed": "no", "safe": "yes", "comment": "少给了50元"})
    worker.refresh_from_db()
    assert (worker.score, worker.paid_as_agreed, worker.safe) == (2, False, True)
    client.post(reverse("jobs:rate", kwargs={"token": boss.token}), {"score": "5"})
    boss.refresh_from_db()
    assert boss.score == 5 and boss.paid_as_agreed is None
    with pytest.raises(ValidationError):
        services.rating_answer(rating=boss, by=None, score=1)


def test_staff_take_a_rating_at_the_window_for_someone_without_the_link(
    employer, station, staff, client
):
    done = _completed(employer, station, staff)
    worker = PlacementRating.objects.get(placement=done, side="worker")
    client.force_login(staff)
    listing = client.get(reverse("jobs:rehire_list")).content.decode()
    url = reverse("jobs:rate", kwargs={"token": worker.token})
    assert url in listing  # the desk finds the question still open
    client.post(url, {"score": "4", "paid_as_agreed": "yes", "safe": "yes", "as_described": "yes"})
    worker.refresh_from_db()
    assert (worker.score, worker.answered_via, worker.answered_by) == (4, "window", staff)
    assert url not in client.get(reverse("jobs:rehire_list")).content.decode()


def _rated(seeker, scores):
    for score in scores:
        p = PlacementFactory(seeker=seeker, state="completed")
        PlacementRating.objects.create(
            placement=p, side="employer", score=score, answered_at=timezone.now()
        )


def test_ratings_only_break_ties_and_only_from_the_minimum_sample(station):
    job = OpenJobFactory(station=station)
    good, few, plain = SeekerFactory(), SeekerFactory(), SeekerFactory()
    _rated(good, [5] * ranking.MIN_RATINGS)
    _rated(few, [5] * (ranking.MIN_RATINGS - 1))
    candidates = [
        ranking.Candidate(seeker=s, tier=ranking.TIER_REGISTER, score=50)
        for s in (plain, few, good)
    ]
    facts = ranking.worker_ratings([s.pk for s in (plain, few, good)])
    for c in candidates:
        average, count = facts.get(c.seeker.pk, (ranking.NEUTRAL_RATING, 0))
        if count >= ranking.MIN_RATINGS:
            c.rating = average
    ordered = sorted(candidates, key=ranking.Candidate.sort_key)
    assert ordered[0].seeker == good
    # Below the sample a rating counts as nothing: ``few`` is ordered like the unrated.
    assert [c.seeker for c in ordered[1:]] == sorted([plain, few], key=lambda s: s.pk)
    # A better score still wins over any rating.
    better = ranking.Candidate(seeker=plain, tier=ranking.TIER_REGISTER, score=51)
    assert sorted([ordered[0], better], key=ranking.Candidate.sort_key)[0] is better
    del job


# ---- the list pages keep a fixed number of queries ----


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_employer_placements_page_costs_the_same_for_one_or_many(
    employer, station, staff, client
):
    client.force_login(employer.user)
    url = reverse("jobs:employer_placements")
    _completed(employer, station, staff)
    one = _queries(client, url)
    for _ in range(3):
        _completed(employer, station, staff)
    PlacementFactory(job=_job(employer, station), state="recommended")
    assert _queries(client, url) == one
    assert one <= 14


def test_the_staff_rehire_list_costs_the_same_for_one_or_many(employer, station, staff, client):
    client.force_login(staff)
    url = reverse("jobs:rehire_list")
    for n in range(4):
        done = _completed(employer, station, staff)
        services.rehire_request(
            placement=done,
            by=employer.user,
            start_date=_next_week() + datetime.timedelta(days=n),
        )
        if n == 0:
            one = _queries(client, url)
    assert _queries(client, url) == one
    assert client.get(url).content.decode().count("<tr>") == 5  # header and four requests
