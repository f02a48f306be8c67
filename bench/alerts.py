"""Who to alert for a new job: ``JobAlertTarget.objects.for_job`` (what ``alerts_job_opened`` runs when
a job first opens) at 50,000 and 500,000 seekers, three in ten with alerts on (issue 16).

    createdb -h 127.0.0.1 -U postgres gm_bench_alerts
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_bench_alerts
    .venv/bin/python manage.py migrate
    .venv/bin/python bench/generate.py --jobs 20000 --seekers 50000
    .venv/bin/python bench/alerts.py            # adds the alerts (COPY), measures
    .venv/bin/python bench/generate.py --jobs 20000 --seekers 500000
    .venv/bin/python bench/alerts.py

Alerts are made afresh by COPY on each run (the old ones truncated): each names the seeker's main kind of work,
one or two townships (the home one; one in three "anywhere"), a lowest pay for half, days for
half. The measure: for 200 open jobs taken at random, the matching rows fetched (seeker, days,
at once) as ``alerts_job_opened`` fetches them — median and p95 wall time, rows matched — and the
plan of one such query (it must read the link tables by index, never every alert).
Target: a few milliseconds, and flat from 50k to 500k apart from the rows returned.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.generate import DAYS  # noqa: E402
from gigmarket.models import Region  # noqa: E402
from jobs.models import Job  # noqa: E402
from jobs.services.alerts import _township_id  # noqa: E402
from seekers.models import JobAlert, Seeker  # noqa: E402

SHARE = 0.3
REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))


def _copy(table: str, columns: list[str], rows) -> int:
    n = 0
    with connection.connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
    return n


def add_alerts() -> int:
    """Alerts for three in ten seekers (COPY into the alert, link and target tables)."""
    import json

    from django.utils import timezone

    from seekers.models import JobAlertTarget

    rng = random.Random(16)
    towns = {r.code: r.pk for r in Region.objects.filter(level="township")}
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {JobAlert._meta.db_table} CASCADE")
    seekers = [
        row
        for row in Seeker.objects.values_list("pk", "primary_occupation_id", "home_region__code")
        if rng.random() < SHARE
    ]
    if not seekers:
        return 0
    now = timezone.now()
    start = 1
    alerts, kinds, places, targets = [], [], [], []
    for offset, (seeker, occupation, home) in enumerate(seekers):
        pk = start + offset
        town = towns.get((home or "")[:9])
        anywhere = town is None or rng.random() < 1 / 3
        alerts.append(
            (
                pk,
                seeker,
                True,
                anywhere,
                Decimal(rng.choice([150, 200, 250])) if rng.random() < 0.5 else None,
                json.dumps(rng.sample(DAYS, rng.randint(2, 7)) if rng.random() < 0.5 else []),
                rng.random() < 0.2,
                now,
            )
        )
        kinds.append((pk, occupation))
        if anywhere:
            targets.append((pk, occupation, None, *alerts[-1][1:2], *alerts[-1][4:7]))
        else:
            places.append((pk, town))
            targets.append((pk, occupation, town, *alerts[-1][1:2], *alerts[-1][4:7]))
            if rng.random() < 0.3:
                other = rng.choice(list(towns.values()))
                if other != town:
                    places.append((pk, other))
                    targets.append((pk, occupation, other, *alerts[-1][1:2], *alerts[-1][4:7]))
    table = JobAlert._meta.db_table
    n = _copy(
        table,
        [
            "id",
            "seeker_id",
            "active",
            "any_township",
            "min_daily_pay",
            "days",
            "at_once",
            "updated_at",
        ],
        alerts,
    )
    _copy(JobAlert.occupations.through._meta.db_table, ["jobalert_id", "occupation_id"], kinds)
    _copy(JobAlert.townships.through._meta.db_table, ["jobalert_id", "region_id"], places)
    _copy(
        JobAlertTarget._meta.db_table,
        [
            "alert_id",
            "occupation_id",
            "township_id",
            "seeker_id",
            "min_daily_pay",
            "days",
            "at_once",
        ],
        targets,
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), {start + n})")
        cursor.execute("ANALYZE")
    return n


def who(job: Job):
    from seekers.models import JobAlertTarget

    return JobAlertTarget.objects.for_job(
        occupation_ids=[job.occupation_id, job.occupation.parent_id],
        township_id=_township_id(job),
        daily_pay=job.pay_per_day,
    )


def main() -> None:
    assert connection.vendor == "postgresql"
    started = time.perf_counter()
    added = add_alerts()
    print(f"added {added} alerts in {time.perf_counter() - started:.0f} s")
    jobs = list(Job.objects.open().select_related("occupation", "region").order_by("?")[:REPEAT])
    timings, rows = [], []
    for job in jobs:
        t = time.perf_counter()
        found = list(who(job))
        timings.append((time.perf_counter() - t) * 1000)
        rows.append(len(found))
    timings.sort()
    job = jobs[0]
    plan = who(job).explain(analyze=True)
    print(plan)
    print(
        f"seekers {Seeker.objects.count()}, alerts on {JobAlert.objects.filter(active=True).count()}; "
        f"{len(jobs)} open jobs: median {statistics.median(timings):.2f} ms, "
        f"p95 {timings[int(len(timings) * 0.95) - 1]:.2f} ms, "
        f"rows matched median {statistics.median(rows):.0f} (max {max(rows)}); "
        f"load {os.getloadavg()[0]:.1f}"
    )
    if "Seq Scan" in plan:
        print("WARNING: the plan reads a whole table")


if __name__ == "__main__":
    main()
