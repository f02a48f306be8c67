"""Public job list speed (issue 4): with 100,000 jobs (10,000 open) on PostgreSQL, the list and a
keyword search each render in < 50 ms server time at the median; the first visit transfers
< 100 KB compressed (HTML + CSS + JS).

Run against a database of its own (see bench/README.md):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gigmarket_bench .venv/bin/python bench/jobs_list.py
BENCH_JOBS (default 100000) sets the volume; the generator only adds what is missing.
"""

import datetime
import gzip
import os
import platform
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

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from gigmarket.models import Occupation, Region  # noqa: E402
from gigmarket.reference import load_reference  # noqa: E402
from jobs.models import Employer, Job  # noqa: E402

TOTAL = int(os.environ.get("BENCH_JOBS", "100000"))
WORDS = ["搬运", "保洁", "装修", "木工", "采摘", "帮厨", "促销", "保安", "仓库", "配送"]


def generate() -> None:
    load_reference()
    county, _ = Region.objects.get_or_create(
        code="520999", defaults={"name": "示范县", "level": "county"}
    )
    town, _ = Region.objects.get_or_create(
        code="520999001", defaults={"name": "城关街道", "level": "township", "parent": county}
    )
    employer, _ = Employer.objects.get_or_create(
        contact_mobile="13799999999",
        defaults={
            "kind": "individual",
            "name": "压测用工方",
            "contact_name": "压测",
            "region": town,
        },
    )
    have = Job.objects.count()
    kinds = list(Occupation.objects.kinds())
    today = timezone.localdate()
    rng = random.Random(4)
    batch = []
    for n in range(have, TOTAL):
        is_open = n % 10 == 0
        start = today - datetime.timedelta(days=rng.randint(0, 700))
        word = rng.choice(WORDS)
        job = Job(
            employer=employer,
            title=f"{word}工{n}",
            occupation=rng.choice(kinds),
            nature="daily",
            content=f"{word}相关工作，按时到岗，第{n}号岗位。",
            region=town,
            address="建设路",
            start_date=start,
            headcount=rng.randint(1, 10),
            pay_min=Decimal(rng.randint(150, 400)),
            pay_unit="day",
            settlement="daily",
            valid_through=today + datetime.timedelta(days=30) if is_open else start,
            status="open" if is_open else "expired",
            opened_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(9))),
        )
        job.pay_per_day = job.compute_pay_per_day()
        batch.append(job)
        if len(batch) == 5000:
            Job.objects.bulk_create(batch)
            batch = []
    if batch:
        Job.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ANALYZE")


def measure(client: Client, url: str, runs: int = 30) -> tuple[float, float, int]:
    client.get(url)  # warm
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], len(response.content)


def main() -> None:
    generate()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    print(
        f"machine: {platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} cores; "
        f"database: {connection.vendor}"
    )
    print(f"jobs: {Job.objects.count()} ({Job.objects.open().count()} open)")
    for label, url in (
        ("list", "/jobs/"),
        ("keyword", "/jobs/?q=%E6%90%AC%E8%BF%90"),
        ("filtered", "/jobs/?occupation=4&min_pay=200&when=week"),
        ("page 50", "/jobs/?page=50"),
    ):
        median, p95, size = measure(client, url)
        print(f"{label:9} median {median:6.1f} ms   p95 {p95:6.1f} ms   html {size} bytes")
    html = client.get("/jobs/").content
    total = len(gzip.compress(html))
    for asset in ("css/site.css", "css/jobs.css", "js/site.js"):
        total += len(gzip.compress(Path(finders.find(asset)).read_bytes()))
    print(
        f"first visit, gzip: {total / 1024:.1f} KB (HTML + CSS + JS; QR codes are only on job pages)"
    )


if __name__ == "__main__":
    main()
