"""Candidates page cost at two register sizes (issue 14): with 50,000 and 500,000 seekers the
ranked candidates page costs the same within 1.5x (CPU of this process + its database backend
per page, so that a busy machine does not blur it).

    # two databases, one per size (bench/generate.py --jobs 100000 --seekers 50000 / 500000)
    .venv/bin/python bench/candidates.py gm_bench_50k gm_bench_500k

Runs BENCH_ROUNDS rounds; in each, a child process per database (in turn) opens the candidates
page of the same 20 open jobs of station bench-00 as station staff and reports CPU ms per page.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PAGES = 20


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from gigmarket.models import User
    from jobs.models import Job
    from seekers.models import Seeker

    setup_test_environment()  # so that responses carry their template context
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    client.force_login(
        User.objects.get(username="bench-staff"),
        backend="gigmarket.backends.UsernameOrMobileBackend",
    )
    jobs = list(
        Job.objects.listed()
        .filter(station__code="bench-00")
        .order_by("pk")
        .values_list("pk", flat=True)[:PAGES]
    )
    client.get(f"/jobs/{jobs[0]}/candidates/")  # warm
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    started, db_started, wall = time.process_time(), _cpu(backend), time.perf_counter()
    shown = []
    for pk in jobs:
        response = client.get(f"/jobs/{pk}/candidates/")
        assert response.status_code == 200
        shown.append(len(response.context["candidates"]))
    app = (time.process_time() - started) * 1000 / len(jobs)
    db = (_cpu(backend) - db_started) * 1000 / len(jobs)
    print(
        json.dumps(
            {
                "seekers": Seeker.objects.count(),
                "app_ms": app,
                "db_ms": db,
                "wall_ms": (time.perf_counter() - wall) * 1000 / len(jobs),
                "shown": statistics.median(shown),
            }
        )
    )


def main(databases: list[str]) -> None:
    results = {db: [] for db in databases}
    for _round in range(ROUNDS):
        for db in databases:
            env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}"}
            out = subprocess.run(
                [sys.executable, __file__, "--child"], env=env, capture_output=True, text=True
            )
            line = [x for x in out.stdout.splitlines() if x.startswith("{")]
            assert line, out.stderr[-2000:]
            results[db].append(json.loads(line[0]))
    base = None
    for db, runs in results.items():
        cpu = statistics.median(r["app_ms"] + r["db_ms"] for r in runs)
        base = base or cpu
        app = statistics.median(r["app_ms"] for r in runs)
        dbms = statistics.median(r["db_ms"] for r in runs)
        print(
            f"{db}: {runs[0]['seekers']} seekers, candidates page CPU {cpu:.1f} ms "
            f"({app:.1f} app + {dbms:.1f} db), {cpu / base:.2f}x the first; "
            f"wall {statistics.median(r['wall_ms'] for r in runs):.0f} ms; "
            f"{runs[0]['shown']:.0f} shown"
        )


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        child()
    else:
        main(sys.argv[1:])
