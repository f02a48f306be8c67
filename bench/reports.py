"""Monthly report speed (issue 9): on PostgreSQL, ``monthly_report`` for one month finishes in
< 10 s over a county-to-province-sized history (target 1,000,000 jobs, 500,000 seekers,
1,000,000 placements over 24 months) and within 3× the time of one hand-written SQL aggregate
over the same rows; memory stays flat as data grows (everything is aggregated in the database).

Run against a database of its own (see bench/README.md):
    createdb -h 127.0.0.1 -U postgres gigmarket_bench_reports
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gigmarket_bench_reports
    .venv/bin/python manage.py migrate
    BENCH_JOBS=100000 .venv/bin/python bench/reports.py

BENCH_JOBS (default 100000) sets the volume: seekers = jobs / 2, placements = jobs, over 24 months.
The generator only adds what is missing, so growing the volume step by step reuses earlier rows.
"""

import datetime
import os
import platform
import random
import resource
import statistics
import sys
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from gigmarket.models import Industry, Occupation, Region  # noqa: E402
from gigmarket.reference import load_reference  # noqa: E402
from jobs.models import Employer, Job, Placement  # noqa: E402
from reports.selectors import last_complete_month, monthly_report, totals  # noqa: E402
from seekers.models import Seeker, SeekingPeriod, last_day_of_month_after_next  # noqa: E402
from stations.models import Station  # noqa: E402

JOBS = int(os.environ.get("BENCH_JOBS", "100000"))
SEEKERS = JOBS // 2
PLACEMENTS = JOBS
MONTHS = 24
BATCH = 5000
UNITS = ["day"] * 6 + ["hour"] * 2 + ["month", "piece"]


def _places():
    load_reference()
    county, _ = Region.objects.get_or_create(
        code="520999", defaults={"name": "示范县", "level": "county"}
    )
    towns = []
    for n in range(1, 11):
        town, _ = Region.objects.get_or_create(
            code=f"520999{n:03d}",
            defaults={"name": f"第{n}镇", "level": "township", "parent": county},
        )
        towns.append(town)
    stations = []
    for n, town in enumerate(towns, start=1):
        station, _ = Station.objects.get_or_create(
            code=f"bench-{n}",
            defaults={
                "name": f"第{n}镇零工驿站",
                "kind": "station",
                "region": town,
                "address": "压测路1号",
                "service_phone": "0851-88886666",
                "complaint_phone": "12333",
                "floor_area": Decimal("20"),
            },
        )
        stations.append(station)
    employer, _ = Employer.objects.get_or_create(
        contact_mobile="13799999998",
        defaults={
            "kind": "individual",
            "name": "压测用工方",
            "contact_name": "压测",
            "region": towns[0],
        },
    )
    return towns, stations, employer


def generate() -> None:
    """Add jobs, seekers with seeking periods, and placements up to the wanted volume."""
    towns, stations, employer = _places()
    kinds = list(Occupation.objects.kinds())
    industries = list(Industry.objects.all())
    now = timezone.now()
    begin = now - datetime.timedelta(days=30 * MONTHS)
    rng = random.Random(9)

    have = Job.objects.count()
    batch = []
    for n in range(have, JOBS):
        opened = begin + datetime.timedelta(minutes=rng.randint(0, 30 * MONTHS * 24 * 60))
        unit = rng.choice(UNITS)
        base = {"day": 200, "hour": 25, "month": 4500, "piece": 1}[unit]
        pay_min = Decimal(base) * Decimal(rng.randint(70, 140)) / 100
        pay_max = pay_min + Decimal(rng.randint(0, 3)) * pay_min / 10 if n % 3 == 0 else None
        ended = opened + datetime.timedelta(days=rng.randint(1, 40)) if n % 5 else None
        station = rng.choice(stations)
        job = Job(
            employer=employer,
            title=f"压测岗位{n}",
            occupation=rng.choice(kinds),
            industry=rng.choice(industries) if n % 4 else None,
            content="压测",
            region=station.region,
            address="压测路",
            start_date=timezone.localdate(opened),
            headcount=rng.randint(1, 6),
            pay_min=pay_min.quantize(Decimal("0.01")),
            pay_max=pay_max.quantize(Decimal("0.01")) if pay_max else None,
            pay_unit=unit,
            valid_through=timezone.localdate(opened) + datetime.timedelta(days=45),
            station=station,
            status="closed" if ended else "open",
            opened_at=opened,
            ended_at=ended,
        )
        job.pay_per_day = job.compute_pay_per_day()
        batch.append(job)
        if len(batch) == BATCH:
            Job.objects.bulk_create(batch)
            batch = []
    Job.objects.bulk_create(batch)

    have = Seeker.objects.count()
    for start in range(have, SEEKERS, BATCH):
        people = Seeker.objects.bulk_create(
            [
                Seeker(
                    name="压测",
                    consent_at=now,
                    consent_version="1",
                    home_station=stations[n % len(stations)],
                )
                for n in range(start, min(start + BATCH, SEEKERS))
            ]
        )
        periods = []
        for person in people:
            day = timezone.localdate(begin) + datetime.timedelta(days=rng.randint(0, 30 * MONTHS))
            for _ in range(rng.choice([1, 1, 2, 3])):
                periods.append(
                    SeekingPeriod(
                        seeker=person,
                        start=day,
                        end=last_day_of_month_after_next(day),
                        primary_occupation=rng.choice(kinds),
                        intended_industry=rng.choice(industries) if rng.random() < 0.5 else None,
                        station=person.home_station,
                        kind="registration"
                        if not periods or periods[-1].seeker != person
                        else "renewal",
                    )
                )
                day = day + datetime.timedelta(days=rng.randint(20, 120))
        SeekingPeriod.objects.bulk_create(periods)

    have = Placement.objects.count()
    job_ids = list(Job.objects.order_by("pk").values_list("pk", "opened_at"))
    seeker_ids = list(Seeker.objects.order_by("pk").values_list("pk", flat=True))
    batch = []
    for i in range(have, PLACEMENTS):
        job_id, opened = job_ids[i % len(job_ids)]
        seeker_id = seeker_ids[(i // len(job_ids) * 7919 + i) % len(seeker_ids)]
        state = rng.choice(["confirmed", "completed", "completed", "declined", "on_duty"])
        confirmed = (
            opened + datetime.timedelta(hours=rng.randint(1, 96)) if state != "declined" else None
        )
        completed = (
            confirmed + datetime.timedelta(days=rng.randint(1, 5)) if state == "completed" else None
        )
        unit = rng.choice(UNITS)
        base = {"day": 200, "hour": 25, "month": 4500, "piece": 1}[unit]
        batch.append(
            Placement(
                job_id=job_id,
                seeker_id=seeker_id,
                origin="recommended",
                state=state,
                confirmed_at=confirmed,
                completed_at=completed,
                pay_amount=Decimal(base) * Decimal(rng.randint(70, 140)) / 100,
                pay_unit=unit,
                created_at=opened,
            )
        )
        if len(batch) == BATCH:
            Placement.objects.bulk_create(batch)
            batch = []
    Placement.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


HAND_WRITTEN = """
SELECT
  (SELECT COALESCE(SUM(GREATEST(j.headcount - COALESCE(p.n, 0), 0)), 0) FROM jobs_job j
    LEFT JOIN (SELECT job_id, COUNT(*) AS n FROM jobs_placement
               WHERE confirmed_at < %(starts)s GROUP BY job_id) p ON p.job_id = j.id
    WHERE j.opened_at < %(ends)s AND j.valid_through >= %(first)s
      AND (j.ended_at IS NULL OR j.ended_at >= %(starts)s)) AS active_openings,
  (SELECT COUNT(DISTINCT seeker_id) FROM seekers_seekingperiod
    WHERE start <= %(last)s AND "end" >= %(first)s
      AND (ended_on IS NULL OR ended_on >= %(first)s)) AS active_applicants
"""


def _timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def measure() -> None:
    month = last_complete_month()
    params = {
        "first": month.first,
        "last": month.last,
        "starts": month.starts,
        "ends": month.ends,
    }

    def hand_written():
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN, params)
            return cursor.fetchone()

    region = Region.objects.get(code="520999")
    monthly_report(month=month, region=region)  # warm caches
    tracemalloc.start()
    report_times = _timed(lambda: monthly_report(month=month, region=region), 5)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    sql_times = _timed(hand_written, 5)
    totals_times = _timed(lambda: totals(month, region), 5)
    report = monthly_report(month=month, region=region)

    print(
        f"machine: {platform.node()} {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores; database: {connection.vendor}"
    )
    print(
        f"rows: jobs={Job.objects.count():,} seekers={Seeker.objects.count():,} "
        f"periods={SeekingPeriod.objects.count():,} placements={Placement.objects.count():,}"
    )
    print(
        f"month: {month}; active openings {report['totals']['active_openings']:,}, "
        f"active applicants {report['totals']['active_applicants']:,}, "
        f"ratio {report['totals']['active_ratio']}; hand-written SQL gives {hand_written()}"
    )
    median = statistics.median(report_times)
    sql_median = statistics.median(sql_times)
    print(f"monthly_report: median {median:.2f} s, max {max(report_times):.2f} s (target < 10 s)")
    print(
        f"hand-written aggregate: median {sql_median:.3f} s; "
        f"ratio {median / sql_median:.1f}x (target within 3x)"
    )
    print(
        f"headline totals alone (the same two figures through the ORM): median "
        f"{statistics.median(totals_times):.3f} s; "
        f"ratio {statistics.median(totals_times) / sql_median:.1f}x"
    )
    print(
        f"python memory peak during monthly_report: {peak / 1e6:.1f} MB; "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB"
    )


if __name__ == "__main__":
    started = time.perf_counter()
    generate()
    print(f"generated in {time.perf_counter() - started:.0f} s")
    measure()
