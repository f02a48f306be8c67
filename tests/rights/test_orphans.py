"""Evidence files without a row (#12: a killed or rolled-back upload) are swept after an hour."""

import datetime
from unittest import mock

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from rights import services, tasks
from rights.models import Complaint
from rights.orphans import evidence_storage, orphan_files, sweep_orphans

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_storage(settings):
    """A fresh in-memory storage: files other tests left behind are not this test's orphans."""
    settings.STORAGES = {**settings.STORAGES}


def _later(hours: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=hours)


def _file(station, png):
    return services.complaint_file(
        by=None,
        station=station,
        kind="other",
        name="王德明",
        mobile="13900000101",
        description="押金不退。",
        respondent_text="某公司",
        files=[png],
    )


def test_a_rolled_back_filing_leaves_a_file_that_the_sweep_removes_after_an_hour(station, png):
    with pytest.raises(RuntimeError), transaction.atomic():
        _file(station, png)
        raise RuntimeError("the request dies before it commits")
    assert not Complaint.objects.exists()
    [orphan] = orphan_files(now=_later(2))
    assert orphan.startswith("rights/evidence/")
    assert orphan_files() == []  # younger than an hour: could still be an upload in flight
    assert sweep_orphans(now=_later(2)) == [orphan]
    assert not evidence_storage().exists(orphan)


def test_the_sweep_keeps_every_file_a_row_points_to_and_dry_run_deletes_nothing(station, png):
    complaint, _ = _file(station, png)
    kept = complaint.evidence.get().file.name
    stray = evidence_storage().save("rights/evidence/2026/01/stray.png", ContentFile(b"x"))
    assert sweep_orphans(dry_run=True, now=_later(2)) == [stray]
    assert evidence_storage().exists(stray)
    call_command("sweep_evidence_orphans", "--dry-run")
    assert evidence_storage().exists(stray)
    assert sweep_orphans(now=_later(2)) == [stray]
    assert evidence_storage().exists(kept)


def test_the_sweep_is_scheduled_hourly_and_runs_as_a_task(station):
    [entry] = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "rights.tasks.sweep_evidence_orphans"
    ]
    assert isinstance(entry["schedule"], crontab) and len(entry["schedule"].hour) == 24
    stray = evidence_storage().save("rights/evidence/2026/01/old.pdf", ContentFile(b"%PDF-"))
    with mock.patch("rights.orphans.timezone.now", return_value=_later(2)):
        assert tasks.sweep_evidence_orphans.delay().get() == 1
    assert not evidence_storage().exists(stray)
