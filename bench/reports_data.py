"""Data for the report benchmarks: jobs, seekers with seeking periods, and placements over 24
months, written with PostgreSQL's COPY (never the ORM row by row), so that 1,000,000 jobs take
minutes, not hours.

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gigmarket_bench_reports
    .venv/bin/python manage.py migrate
    BENCH_JOBS=200000 .venv/bin/python bench/reports_data.py

BENCH_JOBS (default 200000) sets the volume: seekers = jobs / 2 (each with 1–3 seeking periods),
placements = jobs. Rows are only added up to the volume, so 200k → 1M → 5M reuses what is there.
The shape follows a county's ledgers: 10 townships with a station each, one employer, every kind
of gig work, a quarter of the jobs without an industry, pay by day, hour, month and piece.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time
import uuid
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.generate import bench_employer  # noqa: E402
from gigmarket.models import Industry, Occupation, Region  # noqa: E402
from gigmarket.reference import load_reference  # noqa: E402
from jobs.models import Job, Placement  # noqa: E402
from seekers.models import Seeker, SeekingPeriod, last_day_of_month_after_next  # noqa: E402
from stations.models import Station  # noqa: E402

JOBS = int(os.environ.get("BENCH_JOBS", "200000"))
SEEKERS = JOBS // 2
PLACEMENTS = JOBS
MONTHS = 24
UNITS = ["day"] * 6 + ["hour"] * 2 + ["month", "piece"]
BASE_PAY = {"day": 200, "hour": 25, "month": 4500, "piece": 1}


def places():
    """The county, its 10 townships and stations, and the one employer (through the ORM)."""
    load_reference()
    county, _ = Region.objects.get_or_create(
        code="520999", defaults={"name": "示范县", "level": "county"}
    )
    towns = [
        Region.objects.get_or_create(
            code=f"520999{n:03d}",
            defaults={"name": f"第{n}镇", "level": "township", "parent": county},
        )[0]
        for n in range(1, 11)
    ]
    stations = [
        Station.objects.get_or_create(
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
        )[0]
        for n, town in enumerate(towns, start=1)
    ]
    employer = bench_employer(towns[0])
    return stations, employer


class Copier:
    """Rows for one model's table: every column from a template instance (its defaults, prepared
    by Django once), with the columns that vary given per row."""

    def __init__(self, template, varying: list[str]):
        model = type(template)
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.table = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.fixed = [
            f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in fields
        ]
        self.slots = [self.columns.index(name) for name in varying]

    def copy(self, rows) -> int:
        """COPY the rows (tuples of the varying columns, in order) into the table."""
        quoted = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        n = 0
        with connection.cursor() as cursor:
            with cursor.copy(f"COPY {self.table} ({quoted}) FROM STDIN") as copy:
                row = list(self.fixed)
                for values in rows:
                    for slot, value in zip(self.slots, values, strict=True):
                        row[slot] = value
                    copy.write_row(row)
                    n += 1
        return n


def jobs(stations, kinds, industries, begin, rng, have: int):
    """The varying columns of each new job (JOB_COLUMNS)."""
    minutes = 30 * MONTHS * 24 * 60
    for n in range(have, JOBS):
        opened = begin + datetime.timedelta(minutes=rng.randint(0, minutes))
        unit = rng.choice(UNITS)
        pay_min = (Decimal(BASE_PAY[unit]) * rng.randint(70, 140) / 100).quantize(Decimal("0.01"))
        pay_max = (
            (pay_min + rng.randint(0, 3) * pay_min / 10).quantize(Decimal("0.01"))
            if n % 3 == 0
            else None
        )
        middle = (pay_min + (pay_max or pay_min)) / 2
        per_day = {"day": middle, "hour": middle * 8, "month": middle / Decimal("21.75")}.get(unit)
        ended = opened + datetime.timedelta(days=rng.randint(1, 40)) if n % 5 else None
        station = rng.choice(stations)
        day = timezone.localdate(opened)
        yield (
            rng.choice(kinds).pk,
            rng.choice(industries).pk if n % 4 else None,
            station.region_id,
            station.pk,
            day,
            rng.randint(1, 6),
            pay_min,
            pay_max,
            unit,
            per_day.quantize(Decimal("0.01")) if per_day is not None else None,
            day + datetime.timedelta(days=45),
            "closed" if ended else "open",
            opened,
            ended,
        )


def seekers(stations, have: int):
    for n in range(have, SEEKERS):
        yield (uuid.uuid4(), stations[n % len(stations)].pk)


def periods(people, kinds, industries, begin, rng):
    for seeker_id, station_id in people:
        day = timezone.localdate(begin) + datetime.timedelta(days=rng.randint(0, 30 * MONTHS))
        for index in range(rng.choice([1, 1, 2, 3])):
            yield (
                seeker_id,
                "registration" if index == 0 else "renewal",
                day,
                last_day_of_month_after_next(day),
                rng.choice(kinds).pk,
                rng.choice(industries).pk if rng.random() < 0.5 else None,
                station_id,
            )
            day = day + datetime.timedelta(days=rng.randint(20, 120))


def placements(job_rows, seeker_ids, rng, have: int):
    for i in range(have, PLACEMENTS):
        job_id, opened = job_rows[i % len(job_rows)]
        seeker_id = seeker_ids[(i // len(job_rows) * 7919 + i) % len(seeker_ids)]
        state = rng.choice(["confirmed", "completed", "completed", "declined", "on_duty"])
        confirmed = (
            opened + datetime.timedelta(hours=rng.randint(1, 96)) if state != "declined" else None
        )
        completed = (
            confirmed + datetime.timedelta(days=rng.randint(1, 5)) if state == "completed" else None
        )
        unit = rng.choice(UNITS)
        amount = (Decimal(BASE_PAY[unit]) * rng.randint(70, 140) / 100).quantize(Decimal("0.01"))
        yield (job_id, seeker_id, state, confirmed, completed, amount, unit, opened)


def generate() -> dict:
    """Add rows up to the wanted volume; returns how many of each were added."""
    stations, employer = places()
    kinds = list(Occupation.objects.kinds())
    industries = list(Industry.objects.all())
    now = timezone.now()
    begin = now - datetime.timedelta(days=30 * MONTHS)
    rng = random.Random(9 + Job.objects.count())
    added = {}

    template = Job(
        employer=employer,
        title="压测岗位",
        occupation=kinds[0],
        content="压测",
        region=stations[0].region,
        address="压测路",
        start_date=begin.date(),
        pay_min=Decimal("200"),
        valid_through=begin.date(),
    )
    copier = Copier(
        template,
        [
            "occupation_id",
            "industry_id",
            "region_id",
            "station_id",
            "start_date",
            "headcount",
            "pay_min",
            "pay_max",
            "pay_unit",
            "pay_per_day",
            "valid_through",
            "status",
            "opened_at",
            "ended_at",
        ],
    )
    added["jobs"] = copier.copy(jobs(stations, kinds, industries, begin, rng, Job.objects.count()))

    have = Seeker.objects.count()
    copier = Copier(
        Seeker(name="压测", consent_at=now, consent_version="1", home_station=stations[0]),
        ["public_id", "home_station_id"],
    )
    added["seekers"] = copier.copy(seekers(stations, have))
    new_people = list(Seeker.objects.order_by("pk").values_list("pk", "home_station_id")[have:])
    copier = Copier(
        SeekingPeriod(
            seeker_id=new_people[0][0] if new_people else 0,
            start=now.date(),
            end=now.date(),
            primary_occupation=kinds[0],
        ),
        [
            "seeker_id",
            "kind",
            "start",
            "end",
            "primary_occupation_id",
            "intended_industry_id",
            "station_id",
        ],
    )
    added["periods"] = copier.copy(periods(new_people, kinds, industries, begin, rng))

    have = Placement.objects.count()
    if have < PLACEMENTS:
        job_rows = list(Job.objects.order_by("pk").values_list("pk", "opened_at"))
        seeker_ids = list(Seeker.objects.order_by("pk").values_list("pk", flat=True))
        first_job = Job.objects.order_by("pk").first()
        copier = Copier(
            Placement(job=first_job, seeker_id=seeker_ids[0], origin="recommended"),
            [
                "job_id",
                "seeker_id",
                "state",
                "confirmed_at",
                "completed_at",
                "pay_amount",
                "pay_unit",
                "created_at",
            ],
        )
        added["placements"] = copier.copy(placements(job_rows, seeker_ids, rng, have))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return added


if __name__ == "__main__":
    started = time.perf_counter()
    added = generate()
    print(
        f"added {added} in {time.perf_counter() - started:.0f} s; now "
        f"jobs={Job.objects.count():,} seekers={Seeker.objects.count():,} "
        f"periods={SeekingPeriod.objects.count():,} placements={Placement.objects.count():,}"
    )
