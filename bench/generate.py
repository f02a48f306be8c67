"""Bench data generator: jobs and seekers in bulk through PostgreSQL COPY (not the ORM row by row).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_bench .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_bench .venv/bin/python bench/generate.py \
        --jobs 100000 --seekers 50000

Adds only what is missing (run it again with larger numbers to grow the data: 1,000,000 jobs
takes about a minute, 500,000 seekers about as long). One job in ten is open; each of ten common
words ("搬运", "保洁", …) is in one job in ten. Each row is copied from a prototype saved through
the ORM, so every column the model requires has a valid value; only the columns that vary are
set here. Ends with ANALYZE.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from gigmarket.models import Occupation, Region, User  # noqa: E402
from gigmarket.reference import load_reference  # noqa: E402
from jobs.models import Employer, Job, WaitingEntry  # noqa: E402
from seekers.models import Seeker, SeekingPeriod, Skill  # noqa: E402
from stations.models import Station, StationAssignment  # noqa: E402

TOWNSHIPS = 12
VILLAGES = 8
EMPLOYERS = 300
WORDS = ["搬运", "保洁", "装修", "木工", "采摘", "帮厨", "促销", "保安", "仓库", "配送"]
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
SLOTS = ["morning", "afternoon", "evening", "night"]


def _prototype_row(model, pk: int) -> dict:
    """The stored row of one object, column by column, without its primary key."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])
        names = [c.name for c in cursor.description]
        values = cursor.fetchone()
    row = dict(zip(names, values, strict=True))
    row.pop("id")
    return row


def _copy(model, prototype: dict, rows) -> int:
    """COPY ``rows`` (dicts of the columns that vary) into ``model``'s table, the other columns
    taken from ``prototype``."""
    import json

    columns = list(prototype)
    quoted = ", ".join(f'"{c}"' for c in columns)
    n = 0
    raw = connection.connection  # psycopg 3
    with raw.cursor() as cursor:
        with cursor.copy(f"COPY {model._meta.db_table} ({quoted}) FROM STDIN") as copy:
            for changes in rows:
                row = {**prototype, **changes}
                copy.write_row(
                    [json.dumps(v) if isinstance(v, list | dict) else v for v in row.values()]
                )
                n += 1
    return n


def regions():
    county, _ = Region.objects.get_or_create(
        code="520999", defaults={"name": "示范县", "level": "county"}
    )
    towns, villages = [], []
    for t in range(1, TOWNSHIPS + 1):
        town, _ = Region.objects.get_or_create(
            code=f"520999{100 + t:03d}",
            defaults={"name": f"第{t}镇", "level": "township", "parent": county},
        )
        towns.append(town)
        for v in range(1, VILLAGES + 1):
            village, _ = Region.objects.get_or_create(
                code=f"{town.code}{200 + v:03d}",
                defaults={"name": f"第{t}镇{v}村", "level": "village", "parent": town},
            )
            villages.append(village)
    return towns, villages


def bench_employer(town) -> Employer:
    """The one individual employer the matching and report benchmarks post their jobs under."""
    employer, _ = Employer.objects.get_or_create(
        contact_mobile="13799999998",
        defaults={
            "kind": "individual",
            "name": "压测用工方",
            "contact_name": "压测",
            "region": town,
        },
    )
    return employer


def stations(towns):
    result = []
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
        result.append(station)
    staff, created = User.objects.get_or_create(username="bench-staff", defaults={"kind": "staff"})
    if created:
        staff.groups.add(Group.objects.get(name="station_staff"))
        StationAssignment.objects.create(user=staff, station=result[0])
    return result


def employers(towns):
    have = Employer.objects.filter(contact_mobile__startswith="1379").count()
    for n in range(have, EMPLOYERS):
        Employer.objects.create(
            kind="individual",
            name=f"压测用工方{n}",
            contact_name="压测",
            contact_mobile=f"1379{n:07d}",
            region=towns[n % len(towns)],
        )
    return list(
        Employer.objects.filter(contact_mobile__startswith="1379").values_list("pk", flat=True)
    )


def jobs(total: int, towns, station_list, employer_ids) -> int:
    have = Job.objects.count()
    if have >= total:
        return 0
    kinds = list(Occupation.objects.kinds().values_list("pk", flat=True))
    today = timezone.localdate()
    now = timezone.now()
    proto = Job.objects.create(
        employer_id=employer_ids[0],
        title="压测原型",
        occupation_id=kinds[0],
        nature="daily",
        content="原型",
        region=towns[0],
        address="建设路",
        start_date=today,
        work_hours="08:00-17:00",
        headcount=1,
        pay_min=Decimal("200"),
        valid_through=today,
        status="expired",
        opened_at=now,
        station=station_list[0],
    )
    prototype = _prototype_row(Job, proto.pk)
    rng = random.Random(have)

    def rows():
        for n in range(have + 1, total):
            is_open = n % 10 == 0
            if is_open:
                start = today + datetime.timedelta(days=rng.randint(-3, 10))
                opened = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 30))
            else:
                start = today - datetime.timedelta(days=rng.randint(1, 700))
                opened = timezone.make_aware(
                    datetime.datetime.combine(start, datetime.time(9))
                ) - datetime.timedelta(days=rng.randint(0, 5))
            word = WORDS[(n // 10) % len(WORDS)] if rng.random() < 0.5 else rng.choice(WORDS)
            pay = Decimal(rng.randint(150, 400))
            yield {
                "employer_id": rng.choice(employer_ids),
                "title": f"{word}工{n}",
                "occupation_id": rng.choice(kinds),
                "nature": rng.choice(["daily", "hourly", "short_term", "seasonal", "part_time"]),
                "content": f"{word}相关工作，按时到岗，第{n}号岗位。",
                "region_id": rng.choice(towns).pk,
                "start_date": start,
                "end_date": start + datetime.timedelta(days=rng.randint(0, 5)),
                "headcount": rng.randint(1, 10),
                "pay_min": pay,
                "pay_per_day": pay,
                "valid_through": today + datetime.timedelta(days=30) if is_open else start,
                "status": "open" if is_open else "expired",
                "opened_at": opened,
                "ended_at": None if is_open else opened + datetime.timedelta(days=3),
                "created_at": opened,
                "updated_at": opened,
                "station_id": rng.choice(station_list).pk,
            }

    return _copy(Job, prototype, rows())


def seekers(total: int, towns, villages, station_list) -> int:
    have = Seeker.objects.count()
    if have >= total:
        return 0
    kinds = list(Occupation.objects.kinds().values_list("pk", flat=True))
    now = timezone.now()
    today = timezone.localdate()
    proto = Seeker.objects.create(
        number=f"B{have:09d}",
        name="压测原型",
        mobile=f"15{have:09d}",
        home_region=villages[0],
        primary_occupation_id=kinds[0],
        work_natures=["daily"],
        available_days=DAYS,
        available_slots=SLOTS[:1],
        min_daily_pay=Decimal(150),
        consent_version="2026-01",
        consent_at=now,
        status="seeking",
    )
    prototype = _prototype_row(Seeker, proto.pk)
    rng = random.Random(have)
    town_index = {t.pk: i for i, t in enumerate(towns)}
    import uuid

    def rows():
        for n in range(have + 1, total):
            village = rng.choice(villages)
            yield {
                "public_id": uuid.UUID(int=rng.getrandbits(128), version=4),
                "number": f"B{n:09d}",
                "name": f"压测{n}",
                "mobile": f"15{n:09d}",
                "home_region_id": village.pk,
                "home_station_id": station_list[town_index[village.parent_id]].pk
                if rng.random() < 0.9
                else None,
                "primary_occupation_id": rng.choice(kinds),
                "priority_groups": ["older"] if rng.random() < 0.15 else [],
                "work_natures": ["daily", "hourly"],
                "available_days": rng.sample(DAYS, rng.randint(3, 7)),
                "available_slots": rng.sample(SLOTS, rng.randint(1, 3)),
                "min_daily_pay": Decimal(rng.randint(100, 300)),
                "status": "seeking" if rng.random() < 0.85 else "paused",
            }

    added = _copy(Seeker, prototype, rows())
    # One seeking period each (valid for most), skills for three in ten.
    period_proto = SeekingPeriod.objects.create(
        seeker=proto,
        start=today,
        end=today + datetime.timedelta(days=75),
        primary_occupation_id=kinds[0],
    )
    period_row = _prototype_row(SeekingPeriod, period_proto.pk)
    new = list(Seeker.objects.filter(pk__gt=proto.pk).values_list("pk", "primary_occupation_id"))

    def periods():
        for pk, occ in new:
            start = today - datetime.timedelta(days=rng.randint(0, 120))
            yield {
                "seeker_id": pk,
                "start": start,
                "end": start + datetime.timedelta(days=75),
                "primary_occupation_id": occ,
            }

    _copy(SeekingPeriod, period_row, periods())
    skill_proto = Skill.objects.create(seeker=proto, occupation_id=kinds[0], level="3", years=1)
    skill_row = _prototype_row(Skill, skill_proto.pk)

    def skills():
        for pk, occ in new:
            if rng.random() < 0.3:
                yield {
                    "seeker_id": pk,
                    "occupation_id": occ,
                    "level": rng.choice("54321"),
                    "years": rng.randint(0, 10),
                }

    _copy(Skill, skill_row, skills())
    # A morning's waiting list at the first station.
    if not WaitingEntry.objects.on(today).exists():
        ids = list(
            Seeker.objects.filter(home_station=station_list[0]).values_list("pk", flat=True)[:30]
        )
        WaitingEntry.objects.bulk_create(
            WaitingEntry(station=station_list[0], seeker_id=pk, day=today, queue_number=i + 1)
            for i, pk in enumerate(ids)
        )
    return added + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--seekers", type=int, default=0)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "COPY needs PostgreSQL"
    started = time.perf_counter()
    load_reference()
    towns, villages = regions()
    station_list = stations(towns)
    employer_ids = employers(towns)
    added_jobs = jobs(args.jobs, towns, station_list, employer_ids)
    added_seekers = seekers(args.seekers, towns, villages, station_list) if args.seekers else 0
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"added {added_jobs} jobs, {added_seekers} seekers in {time.perf_counter() - started:.0f} s; "
        f"now {Job.objects.count()} jobs ({Job.objects.open().count()} open), "
        f"{Seeker.objects.count()} seekers"
    )


if __name__ == "__main__":
    main()
