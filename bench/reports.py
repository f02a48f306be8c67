"""Monthly report speed (issues 9 and 14), on PostgreSQL:

- ``monthly_report`` for one month within 2x the time of one hand-written SQL aggregate over the
  same rows (issue 14: at 200,000, 1,000,000 and 5,000,000 jobs), measured interleaved in one
  run (report, aggregate, report, aggregate, ...) so that the machine's load hits both alike;
  memory stays flat (everything is aggregated in the database);
- the report page's 12-month trend, cold (a fresh database connection, no cache in the process),
  at most 1 s at 1,000,000 jobs: it reads stored monthly counts (``StoredMonth``); the one-time
  cost of storing the 12 months is printed too.

Data: bench/reports_data.py (COPY). Run against a database of its own (see bench/README.md):
    createdb -h 127.0.0.1 -U postgres gigmarket_bench_reports
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gigmarket_bench_reports
    .venv/bin/python manage.py migrate
    BENCH_JOBS=200000 .venv/bin/python bench/reports_data.py
    .venv/bin/python bench/reports.py

BENCH_REPEAT (default 7) sets how many interleaved pairs are timed.
"""

import os
import platform
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from gigmarket.models import Region  # noqa: E402
from jobs.models import Job, Placement  # noqa: E402
from reports.models import StoredMonth  # noqa: E402
from reports.selectors import (  # noqa: E402
    last_complete_month,
    monthly_report,
    series_months,
    trend,
)
from reports.services import store_month, trend_figures  # noqa: E402
from seekers.models import Seeker, SeekingPeriod  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))


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


def _time(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _backend_cpu(pid: int) -> float:
    """CPU seconds (user + system) the database backend has used so far (/proc, same host)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu(fn, backend: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process plus the database backend) for one call."""
    own, db, started = time.process_time(), _backend_cpu(backend), time.perf_counter()
    fn()
    wall = time.perf_counter() - started
    return wall, (time.process_time() - own) + (_backend_cpu(backend) - db)


def measure(trend_too: bool = True) -> None:
    month = last_complete_month()
    params = {"first": month.first, "last": month.last, "starts": month.starts, "ends": month.ends}

    def hand_written():
        with connection.cursor() as cursor:
            cursor.execute(HAND_WRITTEN, params)
            return cursor.fetchone()

    region = Region.objects.get(code="520999")
    with connection.cursor() as cursor:
        # One backend does all the work on both sides, so that its CPU is all there is to count
        # (parallel workers would be other processes); a shared 2-core machine gains nothing
        # from them anyway.
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    report = monthly_report(month=month, region=region)  # warm the database's caches
    hand_written()
    report_runs, sql_runs = [], []
    for _ in range(REPEAT):  # interleaved: the machine's load hits both alike
        report_runs.append(_cpu(lambda: monthly_report(month=month, region=region), backend))
        sql_runs.append(_cpu(hand_written, backend))
    tracemalloc.start()  # once more, apart: tracing memory slows Python down
    monthly_report(month=month, region=region)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    report_times = [wall for wall, _cpu_s in report_runs]
    sql_times = [wall for wall, _cpu_s in sql_runs]
    ratios = [r / q for r, q in zip(report_times, sql_times, strict=True)]
    cpu_ratios = [r[1] / q[1] for r, q in zip(report_runs, sql_runs, strict=True)]

    print(
        f"machine: {platform.node()} {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; database: {connection.vendor}"
    )
    print(
        f"rows: jobs={Job.objects.count():,} seekers={Seeker.objects.count():,} "
        f"periods={SeekingPeriod.objects.count():,} placements={Placement.objects.count():,}"
    )
    print(
        f"month: {month}; active openings {report['totals']['active_openings']:,}, "
        f"active applicants {report['totals']['active_applicants']:,}; "
        f"hand-written SQL gives {hand_written()}"
    )
    print(
        f"monthly_report: median {statistics.median(report_times):.3f} s; hand-written aggregate: "
        f"median {statistics.median(sql_times):.3f} s; ratio per pair median "
        f"{statistics.median(ratios):.2f}x (min {min(ratios):.2f}x, max {max(ratios):.2f}x; "
        f"target <= 2x), {REPEAT} interleaved pairs"
    )
    print(
        f"CPU (this process + the database backend): monthly_report median "
        f"{statistics.median(r[1] for r in report_runs):.3f} s, aggregate median "
        f"{statistics.median(q[1] for q in sql_runs):.3f} s; ratio per pair median "
        f"{statistics.median(cpu_ratios):.2f}x (min {min(cpu_ratios):.2f}x, "
        f"max {max(cpu_ratios):.2f}x; target <= 2x)"
    )
    print(
        f"python memory peak during monthly_report: {peak / 1e6:.1f} MB; "
        f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3:.0f} MB"
    )

    if not trend_too:
        return
    # The trend: storing the 12 months once (what the task on the 1st and the first page do),
    # then cold reads in a fresh connection each time.
    months = series_months(month)
    StoredMonth.objects.filter(month__in=[m.first for m in months], region=region).delete()
    computed = _time(lambda: trend(month=month, region=region))  # everything counted now
    connection.close()
    storing = _time(lambda: [store_month(month=m, region=region) for m in months])
    cold = []
    for _ in range(REPEAT):
        connection.close()
        cold.append(_time(lambda: trend_figures(month=month, region=region)))
    print(
        f"trend, 12 months counted now (as before stored counts): {computed:.2f} s; storing the "
        f"12 months once: {storing:.2f} s; cold trend from stored counts: median "
        f"{statistics.median(cold) * 1000:.1f} ms, max {max(cold) * 1000:.1f} ms (target <= 1 s)"
    )


if __name__ == "__main__":
    measure(trend_too=os.environ.get("BENCH_TREND", "1") == "1")
