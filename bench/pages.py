"""Public pages under load (issue 14), every figure a ratio within one interleaved run.

Targets: the anonymous /jobs/ (first page and each common filter), a job page and the station
directory each serve >= 50 % of the 404's requests per second under ``wrk -c32`` with 0 errors
and 0 timeouts; uncached, each costs <= 12 ms CPU per request (gunicorn workers + PostgreSQL
backends), i.e. no more than the plain-page peer (bench/wsgi.py: one psycopg query, the same
cards through a Django template); the first screen of /jobs/ is <= 14 KB on the wire, headers
included, gzip and brotli; a repeat visit is a 304.

    createdb -h 127.0.0.1 -U postgres gm_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gm_bench
    .venv/bin/python manage.py migrate && .venv/bin/python bench/generate.py --jobs 100000
    DJANGO_SETTINGS_MODULE=gigmarket.settings.production DJANGO_SECRET_KEY=x... \
        .venv/bin/python manage.py collectstatic --noinput   # once, production static files
    .venv/bin/python bench/pages.py                   # shared cache: Redis (CACHE_URL)
    BENCH_CACHE=cards .venv/bin/python bench/pages.py # cards drawn on every request
    BENCH_CACHE=none .venv/bin/python bench/pages.py  # nothing cached at all

It starts gunicorn with gunicorn.conf.py and production settings on 127.0.0.1 (persistent
database connections, so that backends can be measured), then for BENCH_ROUNDS rounds runs wrk
(-t2 -c32, BENCH_SECONDS each) on every page in turn, reading the CPU time of the gunicorn
workers and of this database's backends from /proc before and after each run. Needs wrk
(Debian: apt-get install wrk) and Linux.
"""

from __future__ import annotations

import gzip
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlsplit

import brotli
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8714"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CACHE = os.environ.get("BENCH_CACHE", "redis")
TICK = os.sysconf("SC_CLK_TCK")


def _env() -> dict:
    url = os.environ["DATABASE_URL"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gigmarket.settings.production",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "bench-" + "x" * 60),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FIELD_ENCRYPTION_KEY": os.environ.get("FIELD_ENCRYPTION_KEY", "bench"),
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url + ("&" if "?" in url else "?") + "conn_max_age=600",
        # Production settings refuse a per-process cache; with BENCH_CACHE=none, bench/wsgi.py
        # swaps in a dummy cache after they have loaded.
        "CACHE_URL": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/8"),
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/8"),
        "GUNICORN_BIND": f"127.0.0.1:{PORT}",
        "PYTHONPATH": str(ROOT),
    }
    return env


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def _backends(monitor) -> list[int]:
    rows = monitor.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
        "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
    ).fetchall()
    return [r[0] for r in rows]


def _cpu(master: int, monitor) -> tuple[float, float]:
    app = sum(_cpu_seconds(p) for p in _children(master))
    db = sum(_cpu_seconds(p) for p in _backends(monitor))
    return app, db


def _wrk(url: str) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", "-c32", f"-d{SECONDS}s", "--timeout", "2s", url],
        capture_output=True,
        text=True,
    ).stdout
    result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["timeouts"] = int(errors.group(4)) if errors else 0
    result["errors"] = sum(int(x) for x in errors.groups()[:3]) if errors else 0
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non2xx"] = int(non2xx.group(1)) if non2xx else 0
    return result


def _get(path: str, headers: dict | None = None) -> tuple[int, int, bytes, dict]:
    """Status, bytes of status line + headers, body, headers of one request."""
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    head = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + 2
    head += sum(len(f"{k}: {v}\r\n") for k, v in response.getheaders())
    conn.close()
    return response.status, head, body, dict(response.getheaders())


def first_screen() -> list[str]:
    """The first screen of /jobs/ on the wire: HTML, CSS and JS with their headers, gzip as
    served by the app, brotli as nginx would serve it; and the repeat visit."""
    lines = []
    status, head, html, headers = _get("/jobs/", {"Accept-Encoding": "gzip"})
    assert status == 200 and headers.get("Content-Encoding") == "gzip", headers
    raw = gzip.decompress(html)
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', raw)
    gz_total, br_total = head + len(html), head + len(brotli.compress(raw, quality=5))
    for asset in assets:
        s, h, body, hd = _get(asset.decode(), {"Accept-Encoding": "gzip"})
        plain = gzip.decompress(body) if hd.get("Content-Encoding") == "gzip" else body
        gz_total += h + len(body)
        br_total += h + len(brotli.compress(plain, quality=5))
    lines.append(
        f"first screen of /jobs/ on the wire (HTML {len(raw)} B raw, {len(html)} B gzip, "
        f"+ {len(assets)} assets, headers included): gzip {gz_total / 1024:.1f} KB, "
        f"brotli {br_total / 1024:.1f} KB (target <= 14 KB)"
    )
    lines.append(f"cookies set on an anonymous visit: {headers.get('Set-Cookie', 'none')}")
    lines.append(f"Cache-Control: {headers.get('Cache-Control')}; Vary: {headers.get('Vary')}")
    again = _get("/jobs/", {"Accept-Encoding": "gzip", "If-None-Match": headers["ETag"]})
    lines.append(f"repeat visit with its ETag: {again[0]} ({again[1] + len(again[2])} B)")
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    conn.request("HEAD", "/jobs/")
    lines.append(f"HEAD /jobs/: {conn.getresponse().status}")
    return lines


def main() -> None:
    env = _env()
    dbname = urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/")
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-c", "gunicorn.conf.py", "bench.wsgi:application"],
        cwd=ROOT,
        env={**env, "GUNICORN_CMD_ARGS": "--access-logfile /dev/null"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        for _ in range(60):
            try:
                if _get("/bench/plain/")[0] == 200:
                    break
            except OSError:
                time.sleep(0.5)
        monitor = psycopg.connect(
            os.environ["DATABASE_URL"].split("?")[0], autocommit=True, dbname=dbname
        )
        job = monitor.execute(
            "SELECT id FROM jobs_job WHERE status = 'open' ORDER BY opened_at DESC LIMIT 1"
        ).fetchone()[0]
        jobs, kinds = monitor.execute(
            "SELECT count(*), count(*) FILTER (WHERE status = 'open') FROM jobs_job"
        ).fetchone()
        pages = {
            "404 (ceiling)": "/no-such-page/",
            "plain peer": "/bench/plain/",
            "/jobs/": "/jobs/",
            "keyword 搬运": "/jobs/?q=" + quote("搬运"),
            "kind+pay+week": "/jobs/?occupation=4-09&min_pay=200&when=week",
            "township": "/jobs/?place=520999101",
            "page 50": "/jobs/?page=50",
            "job page": f"/jobs/{job}/",
            "stations": "/stations/",
        }
        for path in pages.values():  # warm every worker a little
            for _ in range(10):
                _get(path)
        results = {name: [] for name in pages}
        for _round in range(ROUNDS):
            for name, path in pages.items():
                app0, db0 = _cpu(server.pid, monitor)
                run = _wrk(f"http://127.0.0.1:{PORT}{path}")
                app1, db1 = _cpu(server.pid, monitor)
                n = max(run["requests"], 1)
                run["app_ms"] = (app1 - app0) * 1000 / n
                run["db_ms"] = (db1 - db0) * 1000 / n
                results[name].append(run)
        print(
            f"{jobs} jobs ({kinds} open); cache: {CACHE}; {ROUNDS} rounds x {SECONDS} s per "
            f"page, wrk -t2 -c32, interleaved; gunicorn as configured, production settings"
        )
        ceiling = statistics.median(r["rps"] for r in results["404 (ceiling)"])
        peer_cpu = statistics.median(r["app_ms"] + r["db_ms"] for r in results["plain peer"])
        print(
            f"{'page':16} {'req/s':>8} {'vs 404':>7} {'CPU ms/req':>10} {'(app+db)':>13} "
            f"{'vs peer':>7} {'errors':>6} {'timeouts':>8}"
        )
        for name, runs in results.items():
            rps = statistics.median(r["rps"] for r in runs)
            app = statistics.median(r["app_ms"] for r in runs)
            db = statistics.median(r["db_ms"] for r in runs)
            errors = sum(r["errors"] + (r["non2xx"] if "404" not in name else 0) for r in runs)
            timeouts = sum(r["timeouts"] for r in runs)
            print(
                f"{name:16} {rps:8.0f} {rps / ceiling:7.0%} {app + db:10.1f} "
                f"({app:5.1f}+{db:4.1f}) {(app + db) / peer_cpu:6.2f}x {errors:6} {timeouts:8}"
            )
        for line in first_screen():
            print(line)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
