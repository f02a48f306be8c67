"""The real queue: a task sent through Redis is run by a separate `celery worker` process.

Needs Redis (REDIS_TEST_URL, default redis://127.0.0.1:6379/7) and PostgreSQL (the worker process
must reach the test database); skips with the reason otherwise. CI has both.
"""

import datetime
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from jobs.models import Job
from tests.jobs.factories import OpenJobFactory

REDIS_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/7")


def _redis_reachable() -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.mark.django_db(transaction=True)
def test_a_task_sent_through_redis_is_run_by_a_worker_process():
    if connection.vendor != "postgresql":
        pytest.skip("the worker process needs to reach the test database: PostgreSQL only")
    if not _redis_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL}; .ci/run starts it")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    job = OpenJobFactory(valid_through=timezone.localdate() - datetime.timedelta(days=1))
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    queue = f"gigmarket-test-{uuid.uuid4().hex[:8]}"  # nobody else's worker takes it
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gigmarket.settings.local",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": REDIS_URL,
    }
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    celery = str(Path(sys.executable).with_name("celery"))
    worker = subprocess.Popen(
        [celery, "-A", "gigmarket.celery_app:app", "worker", "--pool", "solo", "-Q", queue,
         "--without-heartbeat", "--without-mingle", "--without-gossip", "--loglevel", "WARNING"],
        env=env,
        cwd=settings.BASE_DIR,
    )  # fmt: skip
    producer = Celery(broker=REDIS_URL)
    try:
        producer.send_task("jobs.tasks.expire_jobs", queue=queue)
        for _ in range(1200):  # the worker may take a while to start on a busy machine
            if Job.objects.get(pk=job.pk).status == Job.Status.EXPIRED:
                break
            assert worker.poll() is None, "the worker exited"
            time.sleep(0.1)
        assert Job.objects.get(pk=job.pk).status == Job.Status.EXPIRED
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        with producer.connection_for_write() as conn:
            conn.default_channel.queue_delete(queue)
