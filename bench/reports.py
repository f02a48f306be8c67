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
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.local")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from gigmarket.models import Industry, Occupation, Region  # noqa: E402
from jobs.models import Job, Placement  # noqa: E402
from reports.models import StoredMonth  # noqa: E402
from reports.selectors import (  # noqa: E402
    PERCENTILES,
    last_complete_month,
    month_range_planning,
    monthly_report,
    series_months,
    trend,
)
from reports.services import store_month, trend_figures  # noqa: E402
from seekers.models import Seeker, SeekingPeriod  # noqa: E402
from stations.models import Station  # noqa: E402

REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))


# The hand-written peer: the same figures as monthly_report (every table of the report but the
# training and complaint counts, which come from other apps and have no rows in this data), for
# the county holding every region, in plain SQL a careful person would write: one GROUPING SETS
# pass per table, percentile_cont for the wage prices, DISTINCT ON for each seeker's latest
# period. Until 2026-12-03 the peer computed only the two active totals (5 % of the report's
# figures), so the ratios before that compared unequal work.
HAND_WRITTEN = {
    "openings": """
SELECT GROUPING(j.occupation_id, j.industry_id, j.station_id) AS g,
       j.occupation_id, j.industry_id, j.station_id,
       SUM(CASE WHEN j.opened_at >= %(starts)s AND j.opened_at < %(ends)s
                THEN j.headcount ELSE 0 END) AS new_openings,
       SUM(CASE WHEN j.opened_at < %(ends)s AND j.valid_through >= %(first)s
                 AND (j.ended_at IS NULL OR j.ended_at >= %(starts)s)
                THEN GREATEST(j.headcount - COALESCE(p.n, 0), 0) ELSE 0 END) AS active_openings
FROM jobs_job j
LEFT JOIN LATERAL (SELECT COUNT(*) AS n FROM jobs_placement
                   WHERE job_id = j.id AND confirmed_at < %(starts)s) p ON true
WHERE (j.opened_at >= %(starts)s AND j.opened_at < %(ends)s)
   OR (j.opened_at < %(ends)s AND j.valid_through >= %(first)s
       AND (j.ended_at IS NULL OR j.ended_at >= %(starts)s))
GROUP BY GROUPING SETS ((j.occupation_id), (j.industry_id), (j.station_id), ())
""",
    "applicants": """
SELECT GROUPING(primary_occupation_id, intended_industry_id, station) AS g,
       primary_occupation_id, intended_industry_id, station,
       COUNT(*) FILTER (WHERE start >= %(first)s) AS new_applicants,
       COUNT(*) AS active_applicants
FROM (
  SELECT DISTINCT ON (sp.seeker_id) sp.primary_occupation_id, sp.intended_industry_id, sp.start,
         COALESCE(sp.station_id,
                  (SELECT home_station_id FROM seekers_seeker WHERE id = sp.seeker_id)) AS station
  FROM seekers_seekingperiod sp
  LEFT JOIN stations_station st ON st.id = sp.station_id
  LEFT JOIN gigmarket_region r ON r.id = st.region_id
  WHERE sp.start <= %(last)s AND sp."end" >= %(first)s
    AND (sp.ended_on IS NULL OR sp.ended_on >= %(first)s)
    AND COALESCE(r.code,
                 (SELECT hr.code FROM seekers_seeker s JOIN stations_station hs
                    ON hs.id = s.home_station_id JOIN gigmarket_region hr ON hr.id = hs.region_id
                  WHERE s.id = sp.seeker_id),
                 (SELECT hr.code FROM seekers_seeker s JOIN gigmarket_region hr
                    ON hr.id = s.home_region_id WHERE s.id = sp.seeker_id)) LIKE %(prefix)s
  ORDER BY sp.seeker_id, sp.start DESC, sp.id DESC
) latest
GROUP BY GROUPING SETS ((primary_occupation_id), (intended_industry_id), (station), ())
""",
    "wages": """
SELECT 'postings' AS source, occupation_id,
       CASE WHEN pay_unit IN ('hour', 'day', 'month') THEN 'day' ELSE pay_unit END AS kind,
       COUNT(*),
       percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY (
         (pay_min + COALESCE(pay_max, pay_min)) * 0.5
         * CASE pay_unit WHEN 'hour' THEN 8 ELSE 1 END
         / CASE pay_unit WHEN 'month' THEN 21.75 ELSE 1 END)::float8)
FROM jobs_job
WHERE opened_at >= %(starts)s AND opened_at < %(ends)s
GROUP BY 2, 3
UNION ALL
SELECT 'placements', j.occupation_id,
       CASE WHEN p.pay_unit IN ('hour', 'day', 'month') THEN 'day' ELSE p.pay_unit END,
       COUNT(*),
       percentile_cont(ARRAY[0.1, 0.25, 0.5, 0.75, 0.9]) WITHIN GROUP (ORDER BY (
         p.pay_amount * CASE p.pay_unit WHEN 'hour' THEN 8 ELSE 1 END
         / CASE p.pay_unit WHEN 'month' THEN 21.75 ELSE 1 END)::float8)
FROM jobs_placement p JOIN jobs_job j ON j.id = p.job_id
WHERE p.completed_at >= %(starts)s AND p.completed_at < %(ends)s
  AND p.pay_amount IS NOT NULL AND p.pay_unit <> ''
GROUP BY 2, 3
""",
    "service": """
SELECT
  (SELECT json_build_array(
            COUNT(DISTINCT sp.seeker_id) FILTER (WHERE sp.kind = 'registration'),
            COUNT(DISTINCT sp.seeker_id) FILTER (WHERE sp.kind = 'renewal'))
   FROM seekers_seekingperiod sp
   LEFT JOIN stations_station st ON st.id = sp.station_id
   LEFT JOIN gigmarket_region r ON r.id = st.region_id
   WHERE sp.start >= %(first)s AND sp.start <= %(last)s
     AND COALESCE(r.code,
                  (SELECT hr.code FROM seekers_seeker s JOIN stations_station hs
                     ON hs.id = s.home_station_id JOIN gigmarket_region hr
                     ON hr.id = hs.region_id WHERE s.id = sp.seeker_id),
                  (SELECT hr.code FROM seekers_seeker s JOIN gigmarket_region hr
                     ON hr.id = s.home_region_id WHERE s.id = sp.seeker_id)) LIKE %(prefix)s),
  (SELECT COUNT(*) FROM jobs_employer
   WHERE created_at >= %(starts)s AND created_at < %(ends)s),
  (SELECT COUNT(*) FROM jobs_job WHERE opened_at >= %(starts)s AND opened_at < %(ends)s),
  (SELECT json_object_agg(to_state, n) FROM (
     SELECT to_state, COUNT(DISTINCT placement_id) AS n FROM jobs_placementtransition
     WHERE at >= %(starts)s AND at < %(ends)s GROUP BY to_state) t),
  (SELECT json_build_array(
            COUNT(*) FILTER (WHERE confirmed_at >= %(starts)s AND confirmed_at < %(ends)s),
            COUNT(*) FILTER (WHERE completed_at >= %(starts)s AND completed_at < %(ends)s))
   FROM jobs_placement
   WHERE (confirmed_at >= %(starts)s AND confirmed_at < %(ends)s)
      OR (completed_at >= %(starts)s AND completed_at < %(ends)s)),
  (SELECT percentile_cont(0.5) WITHIN GROUP (
            ORDER BY EXTRACT(EPOCH FROM first_confirmed) - EXTRACT(EPOCH FROM j.opened_at))
   FROM (SELECT p.job_id, MIN(p.confirmed_at) AS first_confirmed FROM jobs_placement p
         WHERE p.confirmed_at >= %(starts)s AND p.confirmed_at < %(ends)s
           AND NOT EXISTS (SELECT 1 FROM jobs_placement q WHERE q.job_id = p.job_id
                           AND q.confirmed_at < p.confirmed_at)
         GROUP BY p.job_id) f
   JOIN jobs_job j ON j.id = f.job_id WHERE j.opened_at IS NOT NULL)
""",
}


def hand_written_figures(params: dict) -> dict:
    """Every statement of the peer, in one transaction with the planner settings the report's
    transaction has (``month_range_planning``), so that both are planned alike."""
    results = {}
    with month_range_planning(), connection.cursor() as cursor:
        for name, statement in HAND_WRITTEN.items():
            cursor.execute(statement, params)
            results[name] = cursor.fetchall()
    return results


def _money(value) -> float | None:
    if value is None:
        return None
    exact = Decimal(str(value)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    return float(exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def compare(report: dict, peer: dict) -> list[str]:
    """Where the peer's figures differ from the report's (empty: the same figures)."""
    occupations = dict(Occupation.objects.values_list("pk", "code"))
    industries = dict(Industry.objects.values_list("pk", "code"))
    stations = dict(Station.objects.values_list("pk", "code"))
    counted: dict = {}
    for statement, keys in (
        ("openings", ("new_openings", "active_openings")),
        ("applicants", ("new_applicants", "active_applicants")),
    ):
        for g, occupation, industry, station, *numbers in peer[statement]:
            # GROUPING bits: occupation 4, industry 2, station 1 (1 = not grouped by it).
            if g == 7:
                where = ("totals", None)
            elif g == 3:
                where = ("by_occupation", occupations[occupation])
            elif g == 5:
                where = ("by_industry", industries.get(industry, ""))
            else:
                where = ("by_station", stations.get(station, ""))
            for key, n in zip(keys, numbers, strict=True):
                if n:
                    counted.setdefault(where, {})[key] = int(n)
    differences = []
    expected: dict = {("totals", None): report["totals"]}
    for table in ("by_occupation", "by_industry", "by_station"):
        for row in report[table]:
            expected[(table, row["code"])] = row
    for where in set(expected) | set(counted):
        for key in ("new_openings", "active_openings", "new_applicants", "active_applicants"):
            theirs = expected.get(where, {}).get(key, 0)
            ours = counted.get(where, {}).get(key, 0)
            if theirs != ours:
                differences.append(f"{where} {key}: report {theirs}, peer {ours}")
    wages = {
        (occupations[occ], source, kind): [n, *(_money(x) for x in values)]
        for source, occ, kind, n, values in peer["wages"]
    }
    reported = {
        (r["code"], r["source"], r["unit"]): [r["n"], *(r[f"p{p}"] for p in PERCENTILES)]
        for r in report["wages"]
    }
    for key in set(wages) | set(reported):
        if wages.get(key) != reported.get(key):
            differences.append(f"wages {key}: report {reported.get(key)}, peer {wages.get(key)}")
    (registrations, employers, opened, by_state, reached, fill) = peer["service"][0]
    service = report["service"]
    fill_hours = (
        None
        if fill is None
        else float((_decimal_seconds(fill) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    )
    mine = {
        "seekers_registered": registrations[0],
        "seekers_renewed": registrations[1],
        "employers_registered": employers,
        "jobs_opened": opened,
        "placements_confirmed": reached[0],
        "placements_completed": reached[1],
        "median_hours_to_first_confirmed": fill_hours,
    }
    for key, value in mine.items():
        if service[key] != value:
            differences.append(f"service {key}: report {service[key]}, peer {value}")
    states = {k: v for k, v in service["placements_by_state"].items() if v}
    if states != (by_state or {}):
        differences.append(f"placements by state: report {states}, peer {by_state}")
    return differences


def _decimal_seconds(value) -> Decimal:
    exact = Decimal(str(value)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    return exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


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

    params["prefix"] = "520999%"

    def hand_written():
        return hand_written_figures(params)

    region = Region.objects.get(code="520999")
    with connection.cursor() as cursor:
        # One backend does all the work on both sides, so that its CPU is all there is to count
        # (parallel workers would be other processes); a shared 2-core machine gains nothing
        # from them anyway.
        cursor.execute("SET max_parallel_workers_per_gather = 0")
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]
    report = monthly_report(month=month, region=region)  # warm the database's caches
    differences = compare(report, hand_written())
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
        f"active applicants {report['totals']['active_applicants']:,}; the hand-written SQL "
        f"gives {'the same figures' if not differences else differences}"
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
