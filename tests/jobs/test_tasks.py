"""The scheduled jobs of the jobs app: in beat's schedule, and doing their work when run (eager)."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from gigmarket import tasks as kernel_tasks
from gigmarket.models import Message
from jobs import services, tasks
from jobs.models import Job
from tests.jobs.factories import OpenJobFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


def _every_seconds(task: str) -> float:
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == task]
    assert len(entries) == 1, f"{task} must be scheduled exactly once"
    return float(entries[0]["schedule"])


def test_expire_jobs_is_scheduled_every_few_minutes_and_expires_past_valid_through():
    assert _every_seconds("jobs.tasks.expire_jobs") <= 10 * 60
    due = OpenJobFactory(valid_through=timezone.localdate() - datetime.timedelta(days=1))
    current = OpenJobFactory(valid_through=timezone.localdate() + datetime.timedelta(days=3))
    assert tasks.expire_jobs.delay().get() == 1
    assert Job.objects.get(pk=due.pk).status == Job.Status.EXPIRED
    assert Job.objects.get(pk=current.pk).status == Job.Status.OPEN


class _Recorder:
    sent: list = []

    def send(self, *, channel, to, text, kind, variables):
        _Recorder.sent.append((channel, to, text))
        return "id-1"


def test_send_notifications_is_scheduled_every_minute_and_sends_the_outbox_once(settings):
    assert _every_seconds("gigmarket.tasks.send_notifications") <= 60
    settings.NOTIFICATION_SENDER = "tests.jobs.test_tasks._Recorder"
    _Recorder.sent = []
    station = StationFactory(code="chengguan")
    staff = StationAssignmentFactory(station=station).user
    job = OpenJobFactory(station=station, headcount=2)
    services.placement_recommend(job=job, seeker=SeekerFactory(), by=staff)
    # Two messages: the worker hears of the recommendation, the employer that someone is sent.
    assert set(Message.objects.filter(state="queued").values_list("kind", flat=True)) == {
        "placement_recommended",
        "employer_sent",
    }
    assert kernel_tasks.send_notifications.delay().get() == 2
    assert kernel_tasks.send_notifications.delay().get() == 0
    assert len(_Recorder.sent) == 2
    assert Message.objects.filter(state="queued").count() == 0
