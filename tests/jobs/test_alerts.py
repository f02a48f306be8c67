"""Job alerts: consent, who a new job matches (the "for me" rule from the job's side), one digest
a day, same-day jobs at once, the digest's link, switching off and opting out; reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from gigmarket import notify
from gigmarket import services as kernel
from gigmarket.models import Message
from jobs import services
from jobs.models import AlertMatch
from seekers.models import JobAlertConsent
from seekers.services import job_alert_set, period_reminders_send
from tests.gigmarket.factories import RegionFactory, ReviewerFactory, StationStaffFactory
from tests.jobs.factories import EmployerFactory, JobFactory
from tests.seekers.factories import SeekerFactory, occupation

pytestmark = pytest.mark.django_db

SH = notify.SHANGHAI


@pytest.fixture
def clock(monkeypatch):
    """Set the time (Shanghai); starts at 8:00 on Thursday 3 December 2026."""

    def set_to(hour, minute=0, day=3):
        moment = dt.datetime(2026, 12, day, hour, minute, tzinfo=SH)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    set_to(8)
    return set_to


@pytest.fixture
def town():
    return RegionFactory(code="520999101", name="城关镇")


def _cleaner(town, **alert):
    seeker = SeekerFactory(primary_occupation=occupation("4-01"))
    job_alert_set(
        seeker=seeker,
        by=None,
        how=JobAlertConsent.How.SELF,
        active=True,
        occupations=[occupation("4-01")],
        townships=alert.pop("townships", [town]),
        **alert,
    )
    return seeker


def _approve(town, *, code="4-01", pay="180", start=None, **extra):
    job = JobFactory(
        employer=EmployerFactory(region=town),
        occupation=occupation(code),
        title=extra.pop("title", "家庭保洁"),
        pay_min=Decimal(pay),
        **({"start_date": start} if start else {}),
        **extra,
    )
    services.job_submit(job=job, by=StationStaffFactory())
    return services.job_approve(job=job, by=ReviewerFactory())


def test_alerts_are_off_until_the_seeker_chooses_and_consent_is_recorded(clock, town):
    seeker = SeekerFactory(primary_occupation=occupation("4-01"))
    _approve(town)
    assert not AlertMatch.objects.exists()
    job_alert_set(
        seeker=seeker,
        by=seeker.user,
        how="self",
        active=True,
        occupations=[occupation("4-01")],
        townships=[town],
    )
    consent = JobAlertConsent.objects.get(seeker=seeker)
    assert consent.active and consent.how == "self" and "保洁员" in consent.summary


def test_only_kinds_of_work_from_the_registration_may_be_chosen(clock, town):
    seeker = SeekerFactory(primary_occupation=occupation("4-01"))
    with pytest.raises(Exception) as error:
        job_alert_set(
            seeker=seeker, by=None, how="self", active=True, occupations=[occupation("4-09")]
        )
    assert "occupations" in error.value.message_dict


def test_a_matching_job_approved_at_eight_leaves_as_an_sms_through_the_provider(
    clock, town, fake_sms
):
    seeker = _cleaner(town)
    _approve(town)
    assert services.job_alerts_send() == 1
    assert notify.deliver() == 1
    [sent] = fake_sms.sent
    assert sent["to"] == seeker.mobile and sent["template"] == "SMS_100010"
    assert sent["variables"]["job"] == "家庭保洁" and sent["variables"]["count"] == "1"
    assert "/jobs/alerts/" in sent["variables"]["link"]


def test_who_matches_kind_township_pay_and_days(clock, town):
    other_town = RegionFactory(code="520999102", name="河坝乡")
    near = _cleaner(town)
    anywhere = _cleaner(town, townships=[])
    dear = _cleaner(town, min_daily_pay=Decimal("300"))
    weekend = _cleaner(town, days=["sat", "sun"])  # the job runs Thu-Sat
    sunday_only = _cleaner(town, days=["sun"])
    job = _approve(town)
    matched = set(AlertMatch.objects.filter(job=job).values_list("seeker_id", flat=True))
    assert matched == {near.pk, anywhere.pk, weekend.pk}
    assert dear.pk not in matched and sunday_only.pk not in matched
    elsewhere = _approve(other_town)
    assert set(AlertMatch.objects.filter(job=elsewhere).values_list("seeker_id", flat=True)) == {
        anywhere.pk
    }
    movers = _approve(town, code="4-09", title="搬家")
    assert not AlertMatch.objects.filter(job=movers).exists()


def test_at_most_one_digest_a_day_with_the_best_first(clock, town, settings):
    settings.NOTIFICATION_SENDER = "gigmarket.notify.MemorySender"
    seeker = _cleaner(town)
    _approve(town, title="周末保洁", start=dt.date(2026, 12, 5))
    _approve(town, title="明天保洁", start=dt.date(2026, 12, 4))
    assert services.job_alerts_send() == 1
    clock(10)
    _approve(town, title="后来的保洁", start=dt.date(2026, 12, 4))
    assert services.job_alerts_send() == 0
    digests = Message.objects.filter(kind="job_alert", to=seeker.mobile)
    assert digests.count() == 1
    assert digests.get().variables["job"] == "明天保洁" and digests.get().variables["count"] == "2"
    clock(8, day=4)
    assert services.job_alerts_send() == 1
    assert digests.count() == 2


def test_a_same_day_job_goes_at_once_to_those_who_asked(clock, town):
    clock(22)  # even in quiet hours: same-day work is urgent
    eager = _cleaner(town, at_once=True)
    calm = _cleaner(town)
    _approve(town, start=dt.date(2026, 12, 3))
    now = Message.objects.get(kind="job_alert_now")
    assert now.to == eager.mobile and now.urgent and now.due_at <= timezone.now()
    assert not Message.objects.filter(kind="job_alert_now", to=calm.mobile).exists()


def test_switched_off_or_opted_out_seekers_get_nothing(clock, town):
    off = _cleaner(town)
    refused = _cleaner(town)
    _approve(town)
    job_alert_set(seeker=off, by=None, how="window", active=False)
    kernel.message_opt_out(to=refused.mobile, kind="job_alert", how="link")
    services.job_alerts_send()
    assert not Message.objects.filter(kind="job_alert", to=off.mobile).exists()
    assert Message.objects.get(kind="job_alert", to=refused.mobile).state == "suppressed"
    assert [c.active for c in JobAlertConsent.objects.filter(seeker=off)] == [False, True]


def test_the_digest_link_lists_its_open_jobs_without_login(
    clock, town, client, django_assert_num_queries
):
    _cleaner(town)
    job = _approve(town)
    services.job_alerts_send()
    digest = AlertMatch.objects.get(job=job).digest
    with django_assert_num_queries(2):
        page = client.get(f"/jobs/alerts/{digest}/")
    assert page.status_code == 200 and "家庭保洁" in page.content.decode()
    assert client.get("/jobs/alerts/nothing-here/").status_code == 404


def test_the_period_ending_reminder_goes_seven_days_before_once(clock, settings):
    seeker = SeekerFactory()
    period = seeker.periods.get()
    today = period.end - dt.timedelta(days=7)
    assert period_reminders_send(today=today) == 1
    assert period_reminders_send(today=today) == 1  # same key: still one message
    message = Message.objects.get(kind="seeker_period_ending")
    assert message.to == seeker.mobile and "/seekers/me/renew/" in message.text
    assert period_reminders_send(today=today - dt.timedelta(days=1)) == 0


def test_staff_see_a_persons_messages_with_state_and_reason(clock, client, settings):
    from tests.gigmarket.factories import AdminFactory
    from tests.stations.factories import StationAssignmentFactory

    settings.NOTIFICATION_SENDER = "gigmarket.notify.MemorySender"
    seeker = SeekerFactory()
    staff = StationAssignmentFactory(station=seeker.home_station).user
    notify.enqueue(
        key="t:1",
        kind="seeker_period_ending",
        to=seeker.mobile,
        variables={"end": "2026-12-10", "link": "x"},
        about=notify.about(seeker),
    )
    failed = notify.enqueue(
        key="t:2", kind="complaint_state", to=seeker.mobile, variables={"number": "1"}
    )
    Message.objects.filter(pk=failed.pk).update(
        state="failed", last_error="isv.MOBILE_NUMBER_ILLEGAL: 非法手机号"
    )
    client.force_login(staff)
    page = client.get(f"/seekers/staff/{seeker.public_id}/").content.decode()
    assert "求职登记即将到期" in page and "待发" in page
    assert "isv.MOBILE_NUMBER_ILLEGAL" in page
    employer = EmployerFactory()
    notify.enqueue(
        key="t:3",
        kind="placement_signup",
        to=employer.contact_mobile,
        variables={},
        about=notify.about(employer),
    )
    admin = AdminFactory()
    client.force_login(admin)
    employer_page = client.get(f"/jobs/employers/{employer.uuid}/").content.decode()
    assert 'id="messages"' in employer_page and "待发" in employer_page
    failures = client.get("/messages/failed/").content.decode()
    assert "isv.MOBILE_NUMBER_ILLEGAL" in failures
