"""Instant hire services: sign-up, the waiting list, dispatch, the headcount, results, outbox."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from gigmarket.models import Message
from jobs import services
from jobs.models import Job, Placement, PlacementTransition, WaitingEntry
from stations.models import ServiceRecord
from tests.gigmarket.factories import SeekerUserFactory
from tests.jobs.factories import OpenJobFactory, PlacementFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def station():
    return StationFactory(code="chengguan")


@pytest.fixture
def staff(station):
    return StationAssignmentFactory(station=station).user


@pytest.fixture
def job(station):
    return OpenJobFactory(station=station, headcount=2)


def _seeker_with_account(**kwargs):
    user = SeekerUserFactory()
    return SeekerFactory(user=user, **kwargs), user


# ---- sign-up ----


def test_sign_up_is_one_placement_and_repeating_it_changes_nothing(job):
    seeker, user = _seeker_with_account()
    first = services.placement_sign_up(job=job, seeker=seeker, by=user)
    again = services.placement_sign_up(job=job, seeker=seeker, by=user)
    assert first.pk == again.pk
    assert first.state == Placement.State.APPLIED and first.origin == Placement.Origin.APPLIED
    assert Placement.objects.filter(job=job).count() == 1
    assert PlacementTransition.objects.filter(placement=first).count() == 1
    assert (
        Message.objects.filter(
            key__startswith=f"placement:{first.pk}:", kind="placement_signup"
        ).count()
        == 1
    )


@pytest.mark.parametrize(
    "status, valid_days, code",
    [("filled", 7, "filled"), ("closed", 7, "closed"), ("open", -1, "expired")],
)
def test_sign_up_refused_for_filled_closed_or_expired_jobs(station, status, valid_days, code):
    job = OpenJobFactory(
        station=station,
        status=status,
        valid_through=timezone.localdate() + datetime.timedelta(days=valid_days),
    )
    seeker, user = _seeker_with_account()
    with pytest.raises(ValidationError) as error:
        services.placement_sign_up(job=job, seeker=seeker, by=user)
    assert error.value.code == code
    assert not Placement.objects.exists()


def test_sign_up_refused_when_the_seeking_period_has_lapsed(job):
    seeker, user = _seeker_with_account()
    seeker.periods.update(
        start=timezone.localdate() - datetime.timedelta(days=200),
        end=timezone.localdate() - datetime.timedelta(days=100),
    )
    with pytest.raises(ValidationError) as error:
        services.placement_sign_up(job=job, seeker=seeker, by=user)
    assert error.value.code == "lapsed"


# ---- dispatch and the headcount ----


def test_recommend_writes_a_log_a_ledger_line_and_a_notification(job, staff):
    seeker = SeekerFactory()
    placement = services.placement_recommend(job=job, seeker=seeker, by=staff)
    assert placement.state == "recommended" and placement.origin == "recommended"
    assert placement.station == job.station
    assert ServiceRecord.objects.filter(
        kind=ServiceRecord.Kind.MATCHING, subject_id=str(placement.pk)
    ).exists()
    assert Message.objects.filter(
        key__startswith=f"placement:{placement.pk}:", kind="placement_recommended"
    ).exists()


def test_a_days_steps_on_a_placement_are_one_ledger_line_not_the_same_line_twice(job, staff):
    """#12: the workbench listed the same service twice at the same minute because every step
    wrote its own ledger entry; a placement recommended and confirmed on one day is one service."""
    placement = services.placement_recommend(job=job, seeker=SeekerFactory(), by=staff)
    services.placement_confirm(placement=placement, by=staff)
    lines = ServiceRecord.objects.filter(
        kind=ServiceRecord.Kind.MATCHING, subject_id=str(placement.pk)
    )
    assert lines.count() == 1
    assert "；" in lines.get().note  # both steps are in the one line's note


def test_staff_of_another_station_cannot_dispatch_to_this_job(job):
    other = StationAssignmentFactory(station=StationFactory(code="other")).user
    with pytest.raises(PermissionDenied):
        services.placement_recommend(job=job, seeker=SeekerFactory(), by=other)


def test_headcount_never_exceeded_job_fills_then_reopens_on_drop_out(job, staff):
    a, b, c = (PlacementFactory(job=job) for _ in range(3))
    services.placement_confirm(placement=a, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN
    services.placement_confirm(placement=b, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.FILLED
    with pytest.raises(ValidationError) as error:
        services.placement_confirm(placement=c, by=staff)
    assert "已满" in " ".join(error.value.messages) or "full" in " ".join(error.value.messages)
    c.refresh_from_db()
    assert c.state == "recommended"
    assert Placement.objects.filter(job=job).confirmed_or_later().count() == 2
    # One confirmed person drops out: the job reopens and the third can be confirmed.
    services.placement_no_show(placement=a, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN
    services.placement_confirm(placement=c, by=staff)
    job.refresh_from_db()
    assert job.status == Job.Status.FILLED


def test_confirmed_at_is_set_once_and_never_cleared(job, staff):
    p = PlacementFactory(job=job)
    services.placement_confirm(placement=p, by=staff)
    p.refresh_from_db()
    first = p.confirmed_at
    assert first is not None
    services.placement_cancel(placement=p, by=staff, reason="家里有事")
    p.refresh_from_db()
    assert p.state == "cancelled" and p.confirmed_at == first


def test_full_lifecycle_completed_with_result(job, staff):
    p = PlacementFactory(job=job)
    services.placement_confirm(placement=p, by=staff)
    services.placement_start(placement=p, by=staff)
    p = services.placement_complete(
        placement=p,
        by=staff,
        result={
            "actual_days": Decimal("2"),
            "actual_hours": Decimal("16"),
            "pay_amount": Decimal("25"),
            "pay_unit": "hour",
            "paid_amount": Decimal("400"),
            "paid_in_full": True,
            "paid_on_time": True,
        },
    )
    p.refresh_from_db()
    assert p.state == "completed" and p.completed_at is not None
    assert p.pay_per_day == Decimal("200.00")  # 25 an hour × 8
    assert p.result_confirmed_by == staff
    states = list(p.transitions.values_list("to_state", flat=True))
    assert states == ["confirmed", "on_duty", "completed"]


def test_pay_per_day_normalised_like_jobs():
    assert Placement(pay_amount=Decimal("4350"), pay_unit="month").compute_pay_per_day() == Decimal(
        "200.00"
    )
    assert Placement(pay_amount=Decimal("180"), pay_unit="day").compute_pay_per_day() == Decimal(
        "180.00"
    )
    assert Placement(pay_amount=Decimal("5"), pay_unit="piece").compute_pay_per_day() is None


def test_illegal_moves_are_refused(job, staff):
    p = PlacementFactory(job=job)
    with pytest.raises(ValidationError):
        services.placement_start(placement=p, by=staff)  # not confirmed yet


def test_seeker_confirms_their_side_only_for_their_own_completed_placement(job):
    seeker, user = _seeker_with_account()
    p = PlacementFactory(job=job, seeker=seeker, state="completed")
    services.placement_seeker_confirm(placement=p, by=user, paid_in_full=False, note="少付100元")
    p.refresh_from_db()
    assert p.seeker_says_paid is False and p.looks_unpaid
    stranger = SeekerUserFactory()
    with pytest.raises(PermissionDenied):
        services.placement_seeker_confirm(placement=p, by=stranger, paid_in_full=True)


# ---- the waiting list ----


def test_sign_in_gives_the_next_queue_number_once_per_day(station, staff):
    a, b = SeekerFactory(), SeekerFactory()
    first, created = services.waiting_sign_in(station=station, seeker=a, by=staff)
    second, _ = services.waiting_sign_in(station=station, seeker=b, by=staff)
    again, created_again = services.waiting_sign_in(station=station, seeker=a, by=staff)
    assert (first.queue_number, second.queue_number) == (1, 2)
    assert created and not created_again and again.pk == first.pk
    assert WaitingEntry.objects.on().at(station).count() == 2


def test_sign_in_only_at_your_own_station(staff):
    with pytest.raises(PermissionDenied):
        services.waiting_sign_in(station=StationFactory(code="x"), seeker=SeekerFactory(), by=staff)


def test_seeker_for_sign_in_by_mobile_number_or_slip_code():
    seeker = SeekerFactory(mobile="13800001234")
    assert services.seeker_for_sign_in("13800001234") == seeker
    assert services.seeker_for_sign_in(seeker.number) == seeker
    assert services.seeker_for_sign_in(f"https://x/seekers/staff/{seeker.public_id}/") == seeker
    with pytest.raises(ValidationError):
        services.seeker_for_sign_in("13900009999")


# ---- notifications ----


class _Recorder:
    sent: list = []

    def send(self, *, channel, to, text, kind, variables):
        _Recorder.sent.append((channel, to, text))
        return "id-1"


def test_notifications_are_sent_once(job, staff, settings):
    settings.NOTIFICATION_SENDER = "tests.jobs.test_matching_services._Recorder"
    settings.SMS_QUIET_HOURS = (24, 0)  # whatever the hour the test runs at
    _Recorder.sent = []
    seeker = SeekerFactory()
    services.placement_recommend(job=job, seeker=seeker, by=staff)
    call_command("send_notifications")
    call_command("send_notifications")
    # One to the person sent, one to the employer the station sends them to; each once.
    assert sorted(to for _channel, to, _text in _Recorder.sent) == sorted(
        [seeker.mobile, job.employer.contact_mobile]
    )
    assert Message.objects.filter(state="queued").count() == 0


# ---- import ----


def test_import_placements_is_idempotent_and_reports_bad_rows(job):
    job.external_ref = "J-1"
    job.save()
    seeker = SeekerFactory(mobile="13800005678")
    rows = [
        (
            2,
            {
                "job_ref": "J-1",
                "seeker_mobile": "13800005678",
                "state": "完成",
                "start_date": "2026-03-02",
                "end_date": "2026-03-03",
                "pay_amount": "200",
                "pay_unit": "天",
                "paid_amount": "400",
                "paid_in_full": "是",
                "paid_on_time": "是",
                "actual_days": "2",
            },
        ),
        (3, {"job_ref": "J-404", "seeker_mobile": "13800005678", "state": "完成"}),
        (4, {"job_ref": "J-1", "seeker_mobile": "13800005678", "state": "飞了"}),
    ]
    report = services.placement_import(rows=rows)
    assert report.created == 1 and [line for line, _ in report.errors] == [3, 4]
    p = Placement.objects.get(job=job, seeker=seeker)
    assert p.state == "completed" and p.origin == "imported" and p.pay_per_day == Decimal("200.00")
    assert p.confirmed_at is not None and p.completed_at is not None
    again = services.placement_import(rows=rows[:1])
    assert again.unchanged == 1 and Placement.objects.count() == 1
    dry = services.placement_import(rows=[(2, {**rows[0][1], "paid_amount": "300"})], dry_run=True)
    assert dry.updated == 1
    p.refresh_from_db()
    assert p.paid_amount == Decimal("400")


def test_last_placed_on_counts_placements_that_stand_not_drop_outs(job, staff):
    placed, dropped, never = SeekerFactory(), SeekerFactory(), SeekerFactory()
    for seeker in (placed, dropped):
        services.placement_confirm(placement=PlacementFactory(job=job, seeker=seeker), by=staff)
    services.placement_no_show(placement=Placement.objects.get(seeker=dropped), by=staff)
    PlacementFactory(seeker=never, state="recommended")
    last = Placement.objects.last_placed_on([placed.pk, dropped.pk, never.pk])
    assert last == {placed.pk: timezone.localdate()}


def test_headcount_cannot_be_cut_below_the_people_confirmed(job, staff):
    for _ in range(2):
        PlacementFactory(job=job, state="confirmed")
    job.headcount = 3
    job.save()
    with pytest.raises(ValidationError) as error:
        services.job_update(job=job, by=staff, data={"headcount": 1})
    assert "headcount" in error.value.message_dict
    services.job_update(job=job, by=staff, data={"headcount": 2})
    job.refresh_from_db()
    assert job.headcount == 2 and job.status == Job.Status.FILLED


# ---- on duty and completed only once the work can have happened (issue 12) ----


def _tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def test_nobody_is_on_duty_or_a_no_show_before_the_jobs_first_day(station, staff):
    job = OpenJobFactory(station=station, start_date=_tomorrow())
    p = PlacementFactory(job=job)
    services.placement_confirm(placement=p, by=staff)
    for move in (services.placement_start, services.placement_no_show):
        with pytest.raises(ValidationError) as error:
            move(placement=p, by=staff)
        assert error.value.code == "not_started"
        assert _tomorrow().isoformat() in error.value.messages[0]
    p.refresh_from_db()
    assert p.state == "confirmed"


def test_completed_needs_on_duty_first(job, staff):
    p = PlacementFactory(job=job)
    services.placement_confirm(placement=p, by=staff)
    with pytest.raises(ValidationError) as error:
        services.placement_complete(placement=p, by=staff, result={})
    assert error.value.code == "not_on_duty"
    services.placement_start(placement=p, by=staff)
    p.refresh_from_db()
    assert p.start_date == timezone.localdate()  # the day on duty is the day the work started
    services.placement_complete(placement=p, by=staff, result={})
    p.refresh_from_db()
    assert p.state == "completed"


def test_completion_date_cannot_be_in_the_future_or_before_the_start(job, staff):
    p = PlacementFactory(job=job, state="on_duty", start_date=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        services.placement_complete(placement=p, by=staff, result={"end_date": _tomorrow()})
    assert "end_date" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.placement_complete(
            placement=p,
            by=staff,
            result={"end_date": timezone.localdate() - datetime.timedelta(days=1)},
        )
    assert "end_date" in error.value.message_dict
    p.refresh_from_db()
    assert p.state == "on_duty" and p.completed_at is None


def test_import_refuses_on_duty_or_completed_before_the_job_starts_or_in_the_future(station):
    today = timezone.localdate()
    soon = OpenJobFactory(station=station, start_date=_tomorrow(), external_ref="J-SOON")
    past = OpenJobFactory(
        station=station,
        start_date=today - datetime.timedelta(days=5),
        end_date=today + datetime.timedelta(days=3),
        external_ref="J-PAST",
    )
    SeekerFactory(mobile="13800005601")
    rows = [
        (2, {"job_ref": "J-SOON", "seeker_mobile": "13800005601", "state": "在岗"}),
        (3, {"job_ref": "J-SOON", "seeker_mobile": "13800005601", "state": "完成"}),
        # Completed, but its days default to the job's end date, three days from now.
        (4, {"job_ref": "J-PAST", "seeker_mobile": "13800005601", "state": "完成"}),
        (
            5,
            {
                "job_ref": "J-PAST",
                "seeker_mobile": "13800005601",
                "state": "完成",
                "completed_on": _tomorrow().isoformat(),
            },
        ),
        (
            6,
            {
                "job_ref": "J-PAST",
                "seeker_mobile": "13800005601",
                "state": "在岗",
                "start_date": _tomorrow().isoformat(),
            },
        ),
    ]
    report = services.placement_import(rows=rows)
    assert [line for line, _ in report.errors] == [2, 3, 4, 5, 6]
    assert not Placement.objects.filter(job__in=[soon, past]).exists()
    ok = services.placement_import(
        rows=[
            (
                7,
                {
                    "job_ref": "J-PAST",
                    "seeker_mobile": "13800005601",
                    "state": "完成",
                    "start_date": (today - datetime.timedelta(days=5)).isoformat(),
                    "end_date": (today - datetime.timedelta(days=4)).isoformat(),
                },
            )
        ]
    )
    assert ok.created == 1 and not ok.errors


# ---- free-text notes on placements keep no personal numbers (issue 12) ----


def test_placement_notes_are_stored_with_personal_numbers_masked(job, staff):
    seeker, user = _seeker_with_account()
    p = services.placement_recommend(
        job=job, seeker=seeker, by=staff, reason="本人电话13800138000，已联系"
    )
    services.placement_decline(
        placement=p, by=staff, reason="用工方说身份证520102199001011234对不上"
    )
    services.placement_recommend(job=job, seeker=seeker, by=staff)
    services.placement_confirm(placement=p, by=staff)
    services.placement_start(placement=p, by=staff)
    services.placement_complete(placement=p, by=staff, result={})
    services.placement_seeker_confirm(
        placement=p, by=user, paid_in_full=False, note="老板电话 13912345678 不接"
    )
    p.refresh_from_db()
    reasons = " ".join(p.transitions.values_list("reason", flat=True))
    assert "13800138000" not in reasons and "138****8000" in reasons
    assert "520102199001011234" not in reasons
    assert "13912345678" not in p.seeker_note and "139****5678" in p.seeker_note


# ---- withdrawal takes the name off the placement ledger (issue 12) ----


def test_withdrawal_relabels_the_ledger_lines_about_the_persons_placements(job, staff):
    from seekers.services import seeker_withdraw

    seeker = SeekerFactory(name="王小明")
    p = services.placement_recommend(job=job, seeker=seeker, by=staff)
    services.placement_confirm(placement=p, by=staff)
    lines = ServiceRecord.objects.filter(subject_type="jobs.placement", subject_id=str(p.pk))
    assert lines.count() == 1 and all("王" in line.subject_label for line in lines)
    seeker_withdraw(seeker=seeker, by=staff, reason="本人到窗口提出")
    seeker.refresh_from_db()
    assert all(line.subject_label == f"{job.title} · {seeker.number}" for line in lines.all())


def test_withdrawal_frees_the_places_held_on_work_not_yet_over(station, staff):
    from seekers.services import seeker_withdraw

    seeker = SeekerFactory()
    full = OpenJobFactory(station=station, headcount=1)
    place = services.placement_recommend(job=full, seeker=seeker, by=staff)
    services.placement_confirm(placement=place, by=staff)
    full.refresh_from_db()
    assert full.status == Job.Status.FILLED
    working = PlacementFactory(seeker=seeker, state="on_duty", job=OpenJobFactory(station=station))
    past = OpenJobFactory(
        station=station,
        start_date=timezone.localdate() - datetime.timedelta(days=10),
        end_date=timezone.localdate() - datetime.timedelta(days=9),
    )
    old = PlacementFactory(seeker=seeker, state="confirmed", job=past)
    seeker_withdraw(seeker=seeker, by=staff, reason="本人要求")
    place.refresh_from_db()
    full.refresh_from_db()
    assert place.state == "cancelled" and place.transitions.last().reason
    assert full.status == Job.Status.OPEN  # the place is free for someone else
    working.refresh_from_db()
    old.refresh_from_db()
    assert working.state == "on_duty" and old.state == "confirmed"  # history is left alone
