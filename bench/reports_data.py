"""Data for the report benchmarks: jobs, seekers with seeking periods, and placements over 24
months, made by PostgreSQL itself (INSERT … SELECT over generate_series with a seeded random(),
never the ORM and no rows through Python), so that 1,000,000 jobs take about 2 minutes and
5,000,000 about 37 (most of it building the jobs table's trigram indexes, on a loaded machine).

    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_bench_1m
    .venv/bin/python manage.py migrate
    BENCH_JOBS=1000000 .venv/bin/python bench/reports_data.py

BENCH_JOBS (default 200000) sets the volume: seekers = jobs / 2 (each with 1–3 seeking periods),
placements = jobs. Rows are only added up to the volume, so 200k → 1M → 5M reuses what is there.
The shape follows a county's ledgers: 10 townships with a station each, one employer, every kind
of gig work, a quarter of the jobs without an industry, pay by day, hour, month and piece.
For the load, each table's indexes (other than constraints') are dropped and built again after
it, and foreign keys are not checked row by row (the rows are made from existing keys); VACUUM
ANALYZE at the end sets the visibility map as autovacuum would.
"""

from __future__ import annotations

import datetime
import os
import sys
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.generate import bench_employer  # noqa: E402
from gigmarket.models import Industry, Occupation, Region  # noqa: E402
from gigmarket.reference import load_reference  # noqa: E402
from jobs.models import Job, Placement  # noqa: E402
from seekers.models import Seeker, SeekingPeriod  # noqa: E402
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


class Template:
    """Every column of one model's table from a template instance (its defaults, prepared by
    Django once); the columns that vary are given as SQL expressions over a generated row."""

    def __init__(self, template, varying: dict[str, str]):
        model = type(template)
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.table = model._meta.db_table
        self.columns = [f.column for f in fields]
        self.values = {
            f.column: f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in fields
        }
        self.varying = varying

    def insert(self, source: str, params: dict) -> int:
        """INSERT INTO the table SELECT the fixed values and the varying expressions FROM
        ``source`` (a FROM clause with %(name)s parameters): the rows are made by the server."""
        qn = connection.ops.quote_name
        select, values = [], dict(params)
        for column in self.columns:
            if column in self.varying:
                select.append(self.varying[column])
            else:
                values[f"fixed_{column}"] = self.values[column]
                select.append(f"%(fixed_{column})s")
        statement = (
            f"INSERT INTO {self.table} ({', '.join(qn(c) for c in self.columns)}) "
            f"SELECT {', '.join(select)} FROM {source}"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, values)
            return cursor.rowcount


@contextmanager
def bulk_load(tables: list[str]):
    """Indexes other than constraints' are dropped before the load and built after it (one
    sort each instead of millions of insertions); foreign keys are not checked row by row
    (session_replication_role = replica: the rows are made from existing keys)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [tables],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET session_replication_role = replica")
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '512MB'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = origin")
            started = time.perf_counter()
            for _name, definition in indexes:
                cursor.execute(definition)
            print(f"  {len(indexes)} indexes built in {time.perf_counter() - started:.0f} s")


def _pick(array: str) -> str:
    """A random element of an array parameter."""
    return f"(%({array})s::bigint[])[1 + floor(random() * cardinality(%({array})s::bigint[]))::int]"


UNIT_ARRAY = "ARRAY[" + ", ".join(f"'{u}'" for u in UNITS) + "]"
BASE_PAY_SQL = "CASE {u} " + " ".join(f"WHEN '{k}' THEN {v}" for k, v in BASE_PAY.items()) + " END"


def generate() -> dict:
    """Add rows up to the wanted volume; returns how many of each were added. Every row is made
    by the database (generate_series and random(), seeded), none passes through Python."""
    stations, employer = places()
    kinds = list(Occupation.objects.kinds())
    industries = list(Industry.objects.all())
    now = timezone.now()
    begin = now - datetime.timedelta(days=30 * MONTHS)
    have_jobs = Job.objects.count()
    params = {
        "kinds": [k.pk for k in kinds],
        "industries": [i.pk for i in industries],
        "stations": [s.pk for s in stations],
        "station_regions": [s.region_id for s in stations],
        "begin": begin,
        "begin_day": timezone.localdate(begin),
        "zone": settings.TIME_ZONE,
        "minutes": 30 * MONTHS * 24 * 60,
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(%s)", [1 / (2 + have_jobs)])
    added = {}

    job = Template(
        Job(
            employer=employer,
            title="压测岗位",
            occupation=kinds[0],
            content="压测",
            region=stations[0].region,
            address="压测路",
            start_date=begin.date(),
            pay_min=Decimal("200"),
            valid_through=begin.date(),
        ),
        {
            "occupation_id": "kind",
            "industry_id": "CASE WHEN n %% 4 <> 0 THEN industry END",
            "region_id": "(%(station_regions)s::bigint[])[station]",
            "station_id": "(%(stations)s::bigint[])[station]",
            "start_date": "day",
            "headcount": "headcount",
            "pay_min": "pay_min",
            "pay_max": "pay_max",
            "pay_unit": "unit",
            "pay_per_day": "round(CASE unit WHEN 'day' THEN middle WHEN 'hour' THEN middle * 8 "
            "WHEN 'month' THEN middle / 21.75 END, 2)",
            "valid_through": "day + 45",
            "status": "CASE WHEN ended IS NULL THEN 'open' ELSE 'closed' END",
            "opened_at": "opened",
            "ended_at": "ended",
        },
    )
    rows = f"""(
      SELECT *, (pay_min + COALESCE(pay_max, pay_min)) / 2 AS middle,
             (opened AT TIME ZONE %(zone)s)::date AS day
      FROM (
        SELECT n, kind, industry, station, unit, headcount, opened, ended, pay_min,
               CASE WHEN n %% 3 = 0 THEN round(pay_min + tenths * pay_min / 10, 2) END AS pay_max
        FROM (
          SELECT n, {_pick("kinds")} AS kind, {_pick("industries")} AS industry,
                 1 + floor(random() * cardinality(%(stations)s::bigint[]))::int AS station,
                 1 + floor(random() * 6)::int AS headcount,
                 floor(random() * 4)::int AS tenths, o.opened,
                 CASE WHEN n %% 5 <> 0
                      THEN o.opened + (1 + floor(random() * 40)) * interval '1 day' END AS ended,
                 u.unit,
                 round({BASE_PAY_SQL.format(u="u.unit")} * (70 + floor(random() * 71)::int) / 100.0, 2)
                   AS pay_min
          FROM generate_series(%(have)s::bigint, %(total)s::bigint - 1) AS n,
               LATERAL (SELECT %(begin)s::timestamptz
                               + floor(random() * (%(minutes)s + 1)) * interval '1 minute'
                               + n * interval '0'  AS opened) o,
               LATERAL (SELECT ({UNIT_ARRAY})[1 + floor(random() * {len(UNITS)})::int]
                               || left(n::text, 0) AS unit) u
          OFFSET 0
        ) r OFFSET 0
      ) s
    ) AS rows"""
    started = time.perf_counter()
    if have_jobs < JOBS:
        with bulk_load(["jobs_job"]):
            added["jobs"] = job.insert(rows, {**params, "have": have_jobs, "total": JOBS})
    print(f"  jobs: {time.perf_counter() - started:.0f} s")

    have = Seeker.objects.count()
    started = time.perf_counter()
    if have < SEEKERS or not SeekingPeriod.objects.exists():
        seeker = Template(
            Seeker(name="压测", consent_at=now, consent_version="1", home_station=stations[0]),
            {
                "public_id": "gen_random_uuid()",
                "home_station_id": "(%(stations)s::bigint[])"
                "[1 + n %% cardinality(%(stations)s::bigint[])]",
            },
        )
        # Each new seeker has 1–3 seeking periods (1 twice as often), the first a registration,
        # each next one 20–120 days after the previous.
        period = Template(
            SeekingPeriod(
                seeker_id=0, start=now.date(), end=now.date(), primary_occupation=kinds[0]
            ),
            {
                "seeker_id": "s.id",
                "kind": "CASE WHEN i = 0 THEN 'registration' ELSE 'renewal' END",
                "start": "s.day + CASE WHEN i >= 1 THEN s.gap1 ELSE 0 END "
                "+ CASE WHEN i >= 2 THEN s.gap2 ELSE 0 END",
                "end": "(date_trunc('month', s.day + CASE WHEN i >= 1 THEN s.gap1 ELSE 0 END "
                "+ CASE WHEN i >= 2 THEN s.gap2 ELSE 0 END) + interval '3 months' "
                "- interval '1 day')::date",
                "primary_occupation_id": _pick("kinds"),
                "intended_industry_id": "CASE WHEN random() < 0.5 THEN "
                + _pick("industries")
                + " END",
                "station_id": "s.home_station_id",
            },
        )
        with bulk_load(["seekers_seeker", "seekers_seekingperiod"]):
            added["seekers"] = seeker.insert(
                "generate_series(%(have)s::bigint, %(total)s::bigint - 1) AS n",
                {**params, "have": have, "total": SEEKERS},
            )
            added["periods"] = period.insert(
                """(
                  SELECT id, home_station_id,
                         %(begin_day)s::date + floor(random() * (30 * %(months)s + 1))::int
                           AS day,
                         (ARRAY[1, 1, 2, 3])[1 + floor(random() * 4)::int] AS periods,
                         20 + floor(random() * 101)::int AS gap1,
                         20 + floor(random() * 101)::int AS gap2
                  FROM seekers_seeker AS p WHERE NOT EXISTS (
                    SELECT 1 FROM seekers_seekingperiod AS q WHERE q.seeker_id = p.id
                  ) OFFSET 0
                ) AS s, LATERAL generate_series(0, s.periods - 1) AS i""",
                {**params, "months": MONTHS},
            )
    print(f"  seekers and periods: {time.perf_counter() - started:.0f} s")

    have = Placement.objects.count()
    started = time.perf_counter()
    if have < PLACEMENTS:
        # Placement i: the i-th job (by key, cycling), the seeker (i // jobs · 7919 + i) mod
        # seekers; one of five states; pay by one of the units.
        placement = Template(
            Placement(
                job_id=0, seeker_id=0, origin="recommended", pay_unit="day", state="completed"
            ),
            {
                "job_id": "j.id",
                "seeker_id": "p.id",
                "state": "r.state",
                "confirmed_at": "r.confirmed",
                "completed_at": "CASE WHEN r.state = 'completed' "
                "THEN r.confirmed + (1 + floor(random() * 5)) * interval '1 day' END",
                "pay_amount": f"round({BASE_PAY_SQL.format(u='r.unit')} "
                "* (70 + floor(random() * 71)::int) / 100.0, 2)",
                "pay_unit": "r.unit",
                "created_at": "j.opened_at",
            },
        )
        with bulk_load(["jobs_placement"]):
            added["placements"] = placement.insert(
                f"""generate_series(%(have)s::bigint, %(total)s::bigint - 1) AS i
                JOIN (SELECT id, opened_at, row_number() OVER (ORDER BY id) - 1 AS k
                      FROM jobs_job) j
                  ON j.k = i %% (SELECT count(*) FROM jobs_job)
                JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k
                      FROM seekers_seeker) p
                  ON p.k = (i / (SELECT count(*) FROM jobs_job) * 7919 + i)
                           %% (SELECT count(*) FROM seekers_seeker),
                LATERAL (
                  SELECT state, unit,
                         CASE WHEN state <> 'declined'
                              THEN j.opened_at + (1 + floor(random() * 96)) * interval '1 hour'
                         END AS confirmed
                  FROM (SELECT (ARRAY['confirmed', 'completed', 'completed', 'declined',
                                      'on_duty'])[1 + floor(random() * 5)::int + i * 0] AS state,
                               ({UNIT_ARRAY})[1 + floor(random() * {len(UNITS)})::int + i * 0]
                                 AS unit OFFSET 0) x
                ) r""",
                {"have": have, "total": PLACEMENTS},
            )
    print(f"  placements: {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # VACUUM sets the visibility map (index-only scans), as autovacuum would in production.
        for table in ("jobs_job", "seekers_seeker", "seekers_seekingperiod", "jobs_placement"):
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"  vacuum analyze: {time.perf_counter() - started:.0f} s")
    return added


if __name__ == "__main__":
    started = time.perf_counter()
    added = generate()
    print(
        f"added {added} in {time.perf_counter() - started:.0f} s; now "
        f"jobs={Job.objects.count():,} seekers={Seeker.objects.count():,} "
        f"periods={SeekingPeriod.objects.count():,} placements={Placement.objects.count():,}"
    )
