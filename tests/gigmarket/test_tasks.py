"""Kernel scheduled jobs (sessions, audit-log retention), the schedule as a whole, and inline mode."""

import datetime
import gzip
import json
import os
import subprocess
import sys

import pytest
from auditlog.models import LogEntry
from celery.schedules import crontab
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from gigmarket import retention, tasks
from gigmarket.celery_app import app, queue_problem, runs_inline
from gigmarket.models import PersonalDataAccess
from tests.gigmarket.factories import AdminFactory

pytestmark = pytest.mark.django_db


def _entry(task: str) -> dict:
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == task]
    assert len(entries) == 1, f"{task} must be scheduled exactly once"
    return entries[0]


def test_every_scheduled_task_exists_and_the_schedule_is_in_local_time():
    app.loader.import_default_modules()  # what a starting worker or beat does: autodiscovery
    registered = set(app.tasks)
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in registered
    assert settings.CELERY_TIMEZONE == "Asia/Shanghai"


def test_tasks_run_inline_without_a_broker_and_the_queue_check_passes(capsys):
    assert runs_inline()
    assert queue_problem() is None
    call_command("queue_info")
    assert "inline" in capsys.readouterr().out


def test_clear_sessions_is_nightly_and_deletes_expired_sessions_only():
    schedule = _entry("gigmarket.tasks.clear_sessions")["schedule"]
    assert isinstance(schedule, crontab) and schedule.hour == {3}
    old, current = SessionStore(), SessionStore()
    old.set_expiry(-60)
    old.create()
    current.create()
    tasks.clear_sessions.delay()
    assert not Session.objects.filter(session_key=old.session_key).exists()
    assert Session.objects.filter(session_key=current.session_key).exists()


def _access(user, days_ago: int) -> PersonalDataAccess:
    return PersonalDataAccess.objects.create(
        at=timezone.now() - datetime.timedelta(days=days_ago),
        user=user,
        content_type=ContentType.objects.get_for_model(user),
        object_id=str(user.pk),
        record_label=f"user #{user.pk}",
        purpose="check",
    )


def test_audit_retention_is_daily_archives_logs_past_six_months_then_deletes_them(settings):
    settings.STORAGES = {**settings.STORAGES}  # a fresh private storage: only this test's archives
    schedule = _entry("gigmarket.tasks.archive_audit_logs")["schedule"]
    assert isinstance(schedule, crontab) and schedule.hour == {3}
    user = AdminFactory()
    old, recent = _access(user, 200), _access(user, 150)
    LogEntry.objects.filter(pk__in=LogEntry.objects.values("pk")).update(
        timestamp=timezone.now() - datetime.timedelta(days=1)
    )
    change = LogEntry.objects.log_create(user, action=LogEntry.Action.UPDATE, changes={"a": [1, 2]})
    LogEntry.objects.filter(pk=change.pk).update(
        timestamp=timezone.now() - datetime.timedelta(days=400)
    )

    dry = retention.archive_audit_logs(dry_run=True)
    assert {(item.log, item.rows) for item in dry} == {("access", 1), ("changes", 1)}
    assert PersonalDataAccess.objects.filter(pk=old.pk).exists()

    assert tasks.archive_audit_logs.delay().get() == 2
    assert not PersonalDataAccess.objects.filter(pk=old.pk).exists()
    assert PersonalDataAccess.objects.filter(pk=recent.pk).exists()
    assert not LogEntry.objects.filter(pk=change.pk).exists()
    # Not dropped: each is in a gzip'd fixture in private storage that loaddata can read back.
    _, names = default_storage.listdir("audit-archive/access")
    with default_storage.open(f"audit-archive/access/{names[0]}", "rb") as handle:
        rows = json.loads(gzip.decompress(handle.read()))
    assert [(r["model"], r["pk"]) for r in rows] == [("gigmarket.personaldataaccess", old.pk)]
    _, names = default_storage.listdir("audit-archive/changes")
    with default_storage.open(f"audit-archive/changes/{names[0]}", "rb") as handle:
        rows = json.loads(gzip.decompress(handle.read()))
    assert [r["pk"] for r in rows] == [change.pk]


def test_audit_retention_refuses_less_than_six_months(settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 90
    with pytest.raises(ImproperlyConfigured):
        retention.archive_audit_logs()


@pytest.fixture
def queued():
    """Tasks go to a broker instead of running inline; the test says which broker.

    Celery reads Django's settings under their CELERY_ names, so those are the keys to change."""
    keys = ("CELERY_TASK_ALWAYS_EAGER", "CELERY_BROKER_URL")
    saved = {key: app.conf[key] for key in keys}

    def use(url: str) -> None:
        app.conf.update(CELERY_TASK_ALWAYS_EAGER=False, CELERY_BROKER_URL=url)

    yield use
    app.conf.update(saved)


def test_health_fails_when_the_broker_cannot_be_reached(client, queued):
    queued("redis://127.0.0.1:9/0")  # nothing listens on the discard port
    assert queue_problem(timeout=0.5).startswith("broker unreachable")
    response = client.get("/health/", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["queue"]["ok"] is False


def test_health_passes_with_a_reachable_broker(client, queued):
    import redis

    url = "redis://127.0.0.1:6379/7"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip(f"Redis is not reachable at {url}")
    queued(url)
    assert queue_problem() is None
    response = client.get("/health/", REMOTE_ADDR="127.0.0.1")
    assert json.loads(response.content)["checks"]["queue"]["ok"] is True


def test_loading_the_queue_does_not_choose_the_settings_for_the_web_process():
    """wsgi.py defaults to production settings: the package's import must not pick local first."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = "import os, gigmarket; print(os.environ.get('DJANGO_SETTINGS_MODULE'))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True
    )
    assert out.stdout.strip() == "None", out.stderr


def test_run_task_runs_a_scheduled_task_here_and_refuses_anything_else(capsys):
    old = SessionStore()
    old.set_expiry(-60)
    old.create()
    call_command("run_task", "--list")
    assert "gigmarket.tasks.clear_sessions" in capsys.readouterr().out
    call_command("run_task", "gigmarket.tasks.clear_sessions")
    assert not Session.objects.filter(session_key=old.session_key).exists()
    with pytest.raises(CommandError):
        call_command("run_task", "celery.backend_cleanup")
