"""Instant hire speed (issue 6): with 50,000 seekers and 100,000 jobs on PostgreSQL, the ranked
candidate list for a job renders in < 200 ms server time at the median; 20 concurrent
confirmations on a job with headcount 5 end with exactly 5 confirmed and no server errors.

Run against a database of its own (see bench/README.md):
    createdb -h 127.0.0.1 -U postgres gm_matching_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_matching_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_matching_bench .venv/bin/python bench/matching.py
BENCH_SEEKERS (default 50000) and BENCH_JOBS (default 100000) set the volume; the generator
only adds what is missing.
"""

import datetime
import os
import platform
import random
import statistics
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.generate import bench_employer, regions  # noqa: E402
from gigmarket.models import Occupation, User  # noqa: E402
from gigmarket.reference import load_reference  # noqa: E402
from jobs import ranking  # noqa: E402
from jobs.models import Employer, Job, Placement, WaitingEntry  # noqa: E402
from seekers.models import Seeker, SeekingPeriod, Skill  # noqa: E402
from stations.models import Station, StationAssignment  # noqa: E402

SEEKERS = int(os.environ.get("BENCH_SEEKERS", "50000"))
JOBS = int(os.environ.get("BENCH_JOBS", "100000"))
BACKEND = "gigmarket.backends.UsernameOrMobileBackend"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SLOTS = ["morning", "afternoon", "evening", "night"]


def generate():
    load_reference()
    towns, villages = regions()
    stations = []
    for i, town in enumerate(towns):
        station, _ = Station.objects.get_or_create(
            code=f"bench-{i:02d}",
            defaults={
                "name": f"第{i + 1}镇零工驿站",
                "kind": "station",
                "region": town,
                "address": "镇政府旁",
                "floor_area": Decimal("20"),
                "service_phone": "0851-88886666",
            },
        )
        stations.append(station)
    staff, created = User.objects.get_or_create(username="bench-staff", defaults={"kind": "staff"})
    if created:
        staff.groups.add(Group.objects.get(name="station_staff"))
        StationAssignment.objects.create(user=staff, station=stations[0])
    kinds = list(Occupation.objects.kinds())
    rng = random.Random(6)
    today = timezone.localdate()
    now = timezone.now()

    have = Seeker.objects.count()
    batch = []
    for n in range(have, SEEKERS):
        village = rng.choice(villages)
        batch.append(
            Seeker(
                number=f"B{n:09d}",
                name=f"压测{n}",
                mobile=f"15{n:09d}",
                home_region=village,
                home_station=stations[towns.index(village.parent)] if rng.random() < 0.9 else None,
                primary_occupation=rng.choice(kinds),
                priority_groups=["older"] if rng.random() < 0.15 else [],
                work_natures=["daily", "hourly"],
                available_days=rng.sample(DAYS, rng.randint(3, 7)),
                available_slots=rng.sample(SLOTS, rng.randint(1, 3)),
                min_daily_pay=Decimal(rng.randint(100, 300)),
                consent_version="2026-01",
                consent_at=now,
                status="seeking" if rng.random() < 0.85 else "paused",
            )
        )
        if len(batch) == 5000:
            Seeker.objects.bulk_create(batch)
            batch = []
    if batch:
        Seeker.objects.bulk_create(batch)
    if not SeekingPeriod.objects.exists():
        periods, skills = [], []
        for seeker_id, occ_id in Seeker.objects.values_list("pk", "primary_occupation_id"):
            start = today - datetime.timedelta(days=rng.randint(0, 120))
            periods.append(
                SeekingPeriod(
                    seeker_id=seeker_id,
                    start=start,
                    end=start + datetime.timedelta(days=75),
                    primary_occupation_id=occ_id,
                )
            )
            if rng.random() < 0.3:
                skills.append(
                    Skill(
                        seeker_id=seeker_id,
                        occupation_id=occ_id,
                        level=rng.choice("54321"),
                        years=rng.randint(0, 10),
                    )
                )
        SeekingPeriod.objects.bulk_create(periods, batch_size=5000)
        Skill.objects.bulk_create(skills, batch_size=5000)

    employer = bench_employer(towns[0])
    have = Job.objects.count()
    batch = []
    for n in range(have, JOBS):
        is_open = n % 10 == 0
        start = (
            today + datetime.timedelta(days=rng.randint(0, 10))
            if is_open
            else today - datetime.timedelta(days=rng.randint(1, 700))
        )
        job = Job(
            employer=employer,
            title=f"压测岗位{n}",
            occupation=rng.choice(kinds),
            nature="daily",
            content="按时到岗。",
            region=rng.choice(towns),
            address="建设路",
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randint(0, 5)),
            work_hours="08:00-17:00",
            headcount=rng.randint(1, 10),
            pay_min=Decimal(rng.randint(150, 400)),
            pay_unit="day",
            settlement="daily",
            valid_through=today + datetime.timedelta(days=30) if is_open else start,
            status="open" if is_open else "expired",
            opened_at=now,
            station=rng.choice(stations),
        )
        job.pay_per_day = job.compute_pay_per_day()
        batch.append(job)
        if len(batch) == 5000:
            Job.objects.bulk_create(batch)
            batch = []
    if batch:
        Job.objects.bulk_create(batch)
    # A morning's waiting list at the first station.
    if not WaitingEntry.objects.on(today).exists():
        ids = list(
            Seeker.objects.filter(home_station=stations[0]).values_list("pk", flat=True)[:30]
        )
        WaitingEntry.objects.bulk_create(
            WaitingEntry(station=stations[0], seeker_id=pk, day=today, queue_number=i + 1)
            for i, pk in enumerate(ids)
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")
    return staff, stations


def measure_candidates(staff, stations, runs: int = 40):
    client = Client()
    client.force_login(staff, backend=BACKEND)
    jobs = list(
        Job.objects.listed()
        .filter(station=stations[0])
        .order_by("pk")
        .values_list("pk", flat=True)[:runs]
    )
    page_times, rank_times, sizes = [], [], []
    client.get(f"/jobs/{jobs[0]}/candidates/")  # warm
    for pk in jobs:
        started = time.perf_counter()
        response = client.get(f"/jobs/{pk}/candidates/")
        page_times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        job = Job.objects.select_related("occupation", "region", "station").get(pk=pk)
        started = time.perf_counter()
        sizes.append(len(ranking.candidates_for(job)))
        rank_times.append((time.perf_counter() - started) * 1000)
    page_times.sort()
    rank_times.sort()
    return (
        statistics.median(page_times),
        page_times[int(len(page_times) * 0.95) - 1],
        statistics.median(rank_times),
        statistics.median(sizes),
        len(jobs),
    )


def race(staff_users, contenders: int = 20, headcount: int = 5):
    """20 staff confirm 20 different people on one job with headcount 5, at the same moment."""
    station = Station.objects.get(code="bench-00")
    job = Job.objects.create(
        employer=Employer.objects.get(contact_mobile="13799999998"),
        title="压测抢确认",
        occupation=Occupation.objects.kinds().first(),
        nature="daily",
        content="按时到岗。",
        region=station.region,
        address="建设路",
        start_date=timezone.localdate(),
        headcount=headcount,
        pay_min=Decimal("200"),
        valid_through=timezone.localdate() + datetime.timedelta(days=3),
        status="open",
        opened_at=timezone.now(),
        station=station,
    )
    seekers = list(Seeker.objects.seeking().order_by("pk")[:contenders])
    placements = [
        Placement.objects.create(
            job=job, seeker=s, origin="recommended", state="recommended", station=station
        )
        for s in seekers
    ]
    barrier = threading.Barrier(contenders)
    statuses = [None] * contenders

    def run(i):
        client = Client()
        client.force_login(staff_users[i % len(staff_users)], backend=BACKEND)
        barrier.wait(timeout=30)
        try:
            statuses[i] = client.post(f"/jobs/placements/{placements[i].pk}/confirm/").status_code
        finally:
            connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(contenders)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    confirmed = Placement.objects.filter(job=job).confirmed_or_later().count()
    job.refresh_from_db()
    return statuses, confirmed, job.status, elapsed


def main() -> None:
    started = time.perf_counter()
    staff, stations = generate()
    settings.ALLOWED_HOSTS = ["*"]
    print(
        f"machine: {platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
        f"database: {connection.vendor}; data ready in {time.perf_counter() - started:.0f} s"
    )
    print(
        f"seekers: {Seeker.objects.count()} ({Seeker.objects.seeking().count()} seeking), "
        f"jobs: {Job.objects.count()} ({Job.objects.open().count()} open)"
    )
    median, p95, rank_median, pool, n = measure_candidates(staff, stations)
    print(
        f"candidates page ({n} jobs): median {median:.1f} ms  p95 {p95:.1f} ms; "
        f"ranking alone median {rank_median:.1f} ms; {pool:.0f} candidates shown"
    )
    staff_users = [staff]
    for i in range(1, 5):
        user, created = User.objects.get_or_create(
            username=f"bench-staff-{i}", defaults={"kind": "staff"}
        )
        if created:
            user.groups.add(Group.objects.get(name="station_staff"))
            StationAssignment.objects.create(user=user, station=stations[0])
        staff_users.append(user)
    statuses, confirmed, status, elapsed = race(staff_users)
    print(
        f"20 concurrent confirmations, headcount 5: {confirmed} confirmed, job {status}, "
        f"responses {sorted(set(statuses))} in {elapsed:.0f} ms"
    )
    assert confirmed == 5 and all(s == 302 for s in statuses), statuses


if __name__ == "__main__":
    main()
