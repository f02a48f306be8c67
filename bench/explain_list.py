"""EXPLAIN (ANALYZE, BUFFERS) of every query the public job list runs, for each common shape of
the list (issue 14: no query reads the whole jobs table; deep pages cost what page 1 costs).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_bench .venv/bin/python bench/explain_list.py

Runs each URL through the test client with the shared cache empty, captures its SQL and prints
the plan of every query that touches jobs_job (the plan only, one block per query).
"""

import os
import sys
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

URLS = [
    "/jobs/",
    "/jobs/?q=" + quote("搬运"),
    "/jobs/?q=" + quote("搬运工"),
    "/jobs/?occupation=4-09",
    "/jobs/?occupation=4&min_pay=200&when=week",
    "/jobs/?place=520999101",
    "/jobs/?station=bench-03",
    "/jobs/?nature=daily&min_pay=300",
    "/jobs/?page=50",
]


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), count(*) FILTER (WHERE status = 'open') FROM jobs_job")
        total, open_ = cursor.fetchone()
    print(f"{total} jobs, {open_} open")
    for url in URLS:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        print(f"\n### {url} ({len(captured.captured_queries)} queries)")
        for query in captured.captured_queries:
            sql = query["sql"]
            if "jobs_job" not in sql:
                continue
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = [row[0] for row in cursor.fetchall()]
            print(f"\n{sql[:160]}…\n")
            print("\n".join("    " + line for line in plan if "Planning:" not in line))


if __name__ == "__main__":
    main()
