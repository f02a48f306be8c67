"""Past one machine: one nginx in front of two gunicorn "hosts" vs one, on one PostgreSQL and one Redis.

What it measures (issue 13): requests/s, p50 and p99 latency and errors for the public job list
(``/jobs/``) and a job page, through nginx over HTTPS with brotli, first with one app host behind
nginx, then with two — interleaved in one run, round after round, because the machine is shared
and noisy (only the ratio of two figures from the same run counts). Then it shows that shared
state holds across the hosts: a session made on host A works on host B, and the complaint
filing limit per mobile counts across both (sequentially, and with 10 simultaneous filings split
between the hosts against a limit of 3).

Each "host" is a gunicorn started from its own environment file (its own bind address, its own
log) and held to its own CPU core (``--no-pin`` to let them float), as a separate machine would
have; besides requests/s and latency it reports the CPU time each request cost the app hosts and
nginx, read from /proc, which is the figure that carries over to real machines; what a second host must share with the first is the
same on both: DJANGO_SECRET_KEY, FIELD_ENCRYPTION_KEY, DATABASE_URL, CACHE_URL and the private
files (here one folder; on two machines S3 or a shared mount — docs/operations.md).

Run (needs PostgreSQL on 127.0.0.1:5432, Redis on 6379, nginx with the brotli modules, wrk —
``apt-get install wrk`` — and compiled catalogues: ``make messages``):

    .venv/bin/python bench/scale_out.py [--db gigmarket_bench_scale] [--redis redis://127.0.0.1:6379/3]
        [--workers 2] [--duration 10] [--rounds 3] [--connections 16]

It makes its scratch database anew, loads the demo data, and stops everything it started. Load
goes only to 127.0.0.1, for a bounded time. Results go in docs/deploy.md (过了一台机器).
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import secrets
import shutil
import signal
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
HOST = "lg.example.gov.cn"
PORTS = {"a": 18101, "b": 18102, "one": 18143, "two": 18144}


def run(cmd, **kwargs):
    result = subprocess.run(cmd, text=True, capture_output=True, **kwargs)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} failed:\n{result.stdout}\n{result.stderr}")
    return result


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(root_pids: list[int]) -> float:
    """User + system CPU time of these processes and their children (from /proc): unlike wall
    time, it hardly changes with what else the shared machine is doing."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        times[int(entry.name)] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    total, wanted = 0.0, set(root_pids)
    for pid, ppid in parents.items():
        if pid in wanted or ppid in wanted:
            total += times[pid]
    return total


def psql(sql: str, db: str = "postgres") -> str:
    return run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qtA", "-d", db, "-c", sql]).stdout


class Bench:
    def __init__(self, args):
        self.args = args
        self.work = Path(tempfile.mkdtemp(prefix="gigmarket-scale."))
        self.procs: list[subprocess.Popen] = []
        self.host_pids: dict[str, int] = {}
        self.nginx_conf = self.work / "nginx.conf"
        self.secret = secrets.token_urlsafe(60)
        self.field_key = secrets.token_urlsafe(48)

    # ---- set-up ----

    def host_env(self, name: str) -> dict[str, str]:
        """The environment file one app host would have (written out, then read back)."""
        lines = {
            "DJANGO_SETTINGS_MODULE": "gigmarket.settings.production",
            "DJANGO_SECRET_KEY": self.secret,  # the same on every host: sessions are signed
            "FIELD_ENCRYPTION_KEY": self.field_key,  # the same on every host: personal data
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{self.args.db}",
            "CACHE_URL": self.args.redis,
            "CELERY_BROKER_URL": self.args.redis,  # production refuses to start without a queue
            "MEDIA_ROOT": str(self.work / "private_media"),
            "AXES_PROXY_COUNT": "1",
            "RIGHTS_FILING_LIMIT_PER_MOBILE": "3",
            "RIGHTS_FILING_LIMIT_PER_IP": "1000",
            "GUNICORN_BIND": f"127.0.0.1:{PORTS[name]}" if name != "single" else "",
            "GUNICORN_WORKERS": str(self.args.workers),
            "GUNICORN_THREADS": "2",
            "REQUEST_LOG_LEVEL": "WARNING",  # the bench measures serving, not log writing
            "LOG_LEVEL": "WARNING",
        }
        path = self.work / f"host-{name}.env"
        path.write_text("".join(f"{k}={v}\n" for k, v in lines.items()))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
        for line in path.read_text().splitlines():
            key, _, value = line.partition("=")
            env[key] = value
        return env

    def prepare_database(self):
        db = self.args.db
        psql(f"drop database if exists {db}")
        psql(
            f"create database {db} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8' "
            "template template0"
        )
        env = self.host_env("a")
        manage = [sys.executable, "manage.py"]
        run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env)
        run([*manage, "seed_demo"], cwd=ROOT, env=env)
        # Into this checkout's staticfiles/ (STATIC_ROOT), where the hosts read the manifest.
        run([*manage, "collectstatic", "--noinput"], cwd=ROOT, env=env)
        self.job_url = (
            run(
                [
                    *manage,
                    "shell",
                    "-c",
                    "from jobs.models import Job; print(Job.objects.public().order_by('pk').first()"
                    ".get_absolute_url())",
                ],
                cwd=ROOT,
                env=env,
            )
            .stdout.strip()
            .splitlines()[-1]
        )

    def start_host(self, name: str):
        env = self.host_env(name)
        log = open(self.work / f"host-{name}.log", "w")  # noqa: SIM115  (closed with the process)
        # A separate machine has its own CPU: each host is held to its own core (A: 0, B: 1), so
        # "one host" gets one core's worth and "two hosts" two, whatever else is running.
        core = {"a": 0, "b": 1}[name] % (os.cpu_count() or 1)
        pin = (lambda: os.sched_setaffinity(0, {core})) if self.args.pin else None
        proc = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "gigmarket.wsgi",
                # two gunicorns on one machine: each its own control socket
                "--control-socket",
                str(self.work / f"gunicorn-{name}.ctl"),
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            preexec_fn=pin,  # noqa: PLW1509  (only sets the CPU affinity)
        )
        self.procs.append(proc)
        self.host_pids[name] = proc.pid
        self.wait_for(lambda: self.direct("GET", name, "/health/")[0] == 200, f"host {name}")

    def start_nginx(self):
        """The shipped site twice: port "one" with host A behind it, port "two" with A and B."""
        tls = self.work / "tls"
        tls.mkdir()
        run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", f"/CN={HOST}", "-keyout", str(tls / "privkey.pem"),
                "-out", str(tls / "fullchain.pem"),
            ]
        )  # fmt: skip
        site = (ROOT / "deploy/nginx-gigmarket.conf").read_text()
        params = self.work / "proxy_params_gigmarket"
        shutil.copy(ROOT / "deploy/proxy_params_gigmarket", params)
        # Only the HTTPS server block of the site, with its upstream, per variant.
        https_block = site[site.index("server {\n    listen 443") :]
        log_format = site[site.index("log_format") : site.index(";", site.index("log_format")) + 1]
        upstream_body = re.search(r"upstream gigmarket_app \{(.*?)\n\}", site, re.S).group(1)
        parts = [log_format]
        for variant, hosts in (("one", ["a"]), ("two", ["a", "b"])):
            servers = "\n".join(
                f"    server 127.0.0.1:{PORTS[h]} max_fails=3 fail_timeout=10s;" for h in hosts
            )
            body = re.sub(r"\n    server 127\.0\.0\.1:8000[^\n]*", "\n" + servers, upstream_body)
            parts.append(f"upstream gigmarket_{variant} {{{body}\n}}")
            block = (
                https_block.replace("gigmarket_app", f"gigmarket_{variant}")
                .replace("listen 443 ssl", f"listen 127.0.0.1:{PORTS[variant]} ssl")
                .replace("/etc/ssl/gigmarket", str(tls))
                .replace("/srv/gigmarket/staticfiles", str(ROOT / "staticfiles"))
                .replace("/var/log/gigmarket", str(self.work))
                .replace("/etc/nginx/proxy_params_gigmarket", str(params))
                .replace("gigmarket_tls", f"gigmarket_tls_{variant}")
                .replace("nginx-access.log", f"nginx-{variant}-access.log")
            )
            block = re.sub(r"\n    listen \[::\][^\n]*", "", block)
            parts.append(block)
        (self.work / "site.conf").write_text("\n".join(parts))
        user = "user root;\n" if os.geteuid() == 0 else ""
        tmp = self.work / "nginx-tmp"
        tmp.mkdir()
        self.nginx_conf.write_text(
            f"""{user}worker_processes 1;
pid {self.work}/nginx.pid;
error_log {self.work}/nginx-main-error.log;
include /etc/nginx/modules-enabled/*.conf;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {self.work}/site.conf;
}}
"""
        )
        run(["nginx", "-c", str(self.nginx_conf), "-t"])
        run(["nginx", "-c", str(self.nginx_conf)])
        self.wait_for(lambda: self.https("one", "/health/") == 200, "nginx")

    def wait_for(self, probe, what: str, seconds: int = 60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if probe():
                    return
            except OSError:
                pass
            time.sleep(0.5)
        raise SystemExit(f"{what} did not come up; logs in {self.work}")

    # ---- requests ----

    def https(self, variant: str, path: str) -> int:
        context = ssl._create_unverified_context()  # the bench's own self-signed certificate
        conn = http.client.HTTPSConnection("127.0.0.1", PORTS[variant], context=context, timeout=10)
        conn.request("GET", path, headers={"Host": HOST})
        status = conn.getresponse().status
        conn.close()
        return status

    def direct(self, method, host, path, *, body=None, cookies=None, client="198.51.100.7"):
        """A request straight to one app host, as nginx would pass it (HTTPS, client address)."""
        headers = {
            "Host": HOST,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": client,
            "Referer": f"https://{HOST}{path}",
        }
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        if body is not None:
            body = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", PORTS[host], timeout=30)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        jar = dict(cookies or {})
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                jar[name] = rest.split(";", 1)[0]
        conn.close()
        return response.status, text, jar, response.getheader("Location", "")

    @staticmethod
    def token(html: str) -> str:
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    # ---- shared state across the two hosts ----

    def session_across_hosts(self) -> str:
        _status, page, jar, _loc = self.direct("GET", "a", "/accounts/login/")
        status, _text, jar, location = self.direct(
            "POST",
            "a",
            "/accounts/login/",
            body={
                "csrfmiddlewaretoken": self.token(page),
                "username": "staff",
                "password": "Demo-Staff-2026",
            },
            cookies=jar,
        )
        assert status == 302 and "sessionid" in jar, (status, location)
        on_b = self.direct("GET", "b", "/workbench/", cookies=jar)
        anonymous_b = self.direct("GET", "b", "/workbench/")
        held = on_b[0] == 200 and anonymous_b[0] == 302
        return (
            f"session made on host A, used on host B: /workbench/ → {on_b[0]} "
            f"(without the cookie → {anonymous_b[0]}): {'holds' if held else 'BROKEN'}"
        )

    def file_complaint(self, host: str, mobile: str, n: int, client: str):
        _status, page, jar, _loc = self.direct("GET", host, "/rights/", client=client)
        station = re.search(r'name="station" value="(\d+)"', page) or re.search(
            r'<option value="(\d+)"', page
        )
        status, text, _jar, _loc = self.direct(
            "POST",
            host,
            "/rights/",
            cookies=jar,
            client=client,
            body={
                "csrfmiddlewaretoken": self.token(page),
                "idempotency_key": f"scale-{mobile}-{n}-{secrets.token_hex(4)}",
                "website": "",
                "kind": "unpaid_wages",
                "respondent_text": "某装修队",
                "description": "干了20天，老板不给钱",
                "amount_owed": "3200",
                "people_affected": "2",
                "name": "王德明",
                "mobile": mobile,
                "station": station.group(1),
            },
        )
        return status

    def limits_across_hosts(self) -> list[str]:
        before = int(psql("select count(*) from rights_complaint", self.args.db))
        sequence = [
            (host, self.file_complaint(host, "13900000301", n, f"198.51.100.{n + 10}"))
            for n, host in enumerate(["a", "b", "a", "b", "a"])
        ]
        saved_sequential = int(psql("select count(*) from rights_complaint", self.args.db)) - before
        results: list[int | str] = [0] * 10
        barrier = threading.Barrier(10)

        def racer(i):
            barrier.wait()
            try:
                results[i] = self.file_complaint(
                    "ab"[i % 2], "13900000302", i, f"198.51.100.{i + 100}"
                )
            except Exception as error:  # noqa: BLE001  (reported)
                results[i] = repr(error)

        threads = [threading.Thread(target=racer, args=(i,)) for i in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        total = int(psql("select count(*) from rights_complaint", self.args.db)) - before
        saved_race = total - saved_sequential
        return [
            "filing limit 3 per mobile, 5 filings alternating A, B, A, B, A: "
            + ", ".join(f"{h.upper()}→{s}" for h, s in sequence)
            + f"; saved {saved_sequential}: {'holds' if saved_sequential == 3 else 'BROKEN'}",
            f"10 simultaneous filings from one mobile, split over A and B: statuses "
            f"{sorted(results, key=str)}; saved {saved_race}: "
            f"{'holds' if saved_race == 3 else 'BROKEN'}",
        ]

    def forget_counters(self):
        """Delete this run's rate-limit counters (only those: the Redis database may be shared)."""
        client = redis.Redis.from_url(self.args.redis)
        for key in client.scan_iter(match="*rights:*"):
            client.delete(key)
        client.close()

    # ---- load ----

    def wrk(self, variant: str, path: str) -> dict:
        nginx_pid = int((self.work / "nginx.pid").read_text())
        app_pids = list(self.host_pids.values())
        app_before, nginx_before = cpu_seconds(app_pids), cpu_seconds([nginx_pid])
        out = run(
            [
                "wrk",
                "-t2",
                f"-c{self.args.connections}",
                f"-d{self.args.duration}s",
                "--timeout",
                "10s",
                "--latency",
                "-H",
                f"Host: {HOST}",
                "-H",
                "Accept-Encoding: br, gzip",
                f"https://127.0.0.1:{PORTS[variant]}{path}",
            ]
        ).stdout

        def ms(label):
            match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)", out, re.M)
            value, unit = float(match.group(1)), match.group(2)
            return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

        app_cpu = cpu_seconds(app_pids) - app_before
        nginx_cpu = cpu_seconds([nginx_pid]) - nginx_before
        errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        requests = int(re.search(r"(\d+) requests in", out).group(1))
        return {
            "app_cpu_ms": app_cpu * 1000 / max(requests, 1),
            "nginx_cpu_ms": nginx_cpu * 1000 / max(requests, 1),
            "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "p50": ms("50"),
            "p99": ms("99"),
            "errors": errors + (int(non2xx.group(1)) if non2xx else 0),
            "requests": requests,
        }

    def load(self) -> list[str]:
        pages = {"/jobs/": "/jobs/", "job page": self.job_url}
        samples: dict[tuple[str, str], list[dict]] = {}
        for round_no in range(self.args.rounds):
            order = ["one", "two"] if round_no % 2 == 0 else ["two", "one"]
            for label, path in pages.items():
                for variant in order:
                    result = self.wrk(variant, path)
                    samples.setdefault((label, variant), []).append(result)
                    print(
                        f"  round {round_no + 1} {label:9} {variant}: {result['rps']:.0f} req/s "
                        f"p50 {result['p50']:.0f} ms p99 {result['p99']:.0f} ms "
                        f"errors {result['errors']}; CPU per request: app "
                        f"{result['app_cpu_ms']:.1f} ms, nginx {result['nginx_cpu_ms']:.1f} ms",
                        flush=True,
                    )
        rows = [
            "| page | app hosts | requests/s (median) | p50 ms | p99 ms | errors / requests "
            "| app CPU ms per request | nginx CPU ms per request |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for label in pages:
            for variant, hosts in (("one", 1), ("two", 2)):
                runs = samples[(label, variant)]
                rows.append(
                    f"| {label} | {hosts} | {statistics.median(r['rps'] for r in runs):.0f} | "
                    f"{statistics.median(r['p50'] for r in runs):.0f} | "
                    f"{statistics.median(r['p99'] for r in runs):.0f} | "
                    f"{sum(r['errors'] for r in runs)} / {sum(r['requests'] for r in runs)} | "
                    f"{statistics.median(r['app_cpu_ms'] for r in runs):.1f} | "
                    f"{statistics.median(r['nginx_cpu_ms'] for r in runs):.1f} |"
                )
            ratios = [
                t["rps"] / o["rps"]
                for o, t in zip(samples[(label, "one")], samples[(label, "two")], strict=True)
            ]
            rows.append(
                f"| {label}: two hosts ÷ one, same round (median) | | {statistics.median(ratios):.2f}× "
                f"(per round: {', '.join(f'{r:.2f}' for r in ratios)}) | | | | | |"
            )
        return rows

    # ---- tear-down ----

    def stop(self):
        if (self.work / "nginx.pid").exists():
            subprocess.run(["nginx", "-c", str(self.nginx_conf), "-s", "quit"], check=False)
        for proc in self.procs:
            proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="gigmarket_bench_scale")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per host")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument(
        "--no-pin", dest="pin", action="store_false", help="do not hold each host to its own core"
    )
    args = parser.parse_args()
    for tool in ("nginx", "wrk", "openssl", "psql"):
        if not shutil.which(tool):
            raise SystemExit(f"needs {tool} (apt-get install {tool})")
    bench = Bench(args)
    try:
        print(f"scratch folder {bench.work}; database {args.db}; cache {args.redis}", flush=True)
        print("load average at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
        bench.prepare_database()
        bench.start_host("a")
        bench.start_host("b")
        bench.start_nginx()
        print("\nshared state across the two hosts:")
        print("  " + bench.session_across_hosts())
        for line in bench.limits_across_hosts():
            print("  " + line)
        bench.forget_counters()
        print(
            f"\nload through nginx (HTTPS, brotli), {args.connections} connections, "
            f"{args.duration} s per run, {args.rounds} interleaved rounds, "
            f"{args.workers} gunicorn workers × 2 threads per host"
            + (", each host held to its own CPU core" if args.pin else "")
            + f"; {os.cpu_count()} cores on the machine, shared with nginx, wrk and others:"
        )
        for row in bench.load():
            print(row)
        print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    finally:
        bench.stop()
        if not args.keep:
            shutil.rmtree(bench.work, ignore_errors=True)
            psql(f"drop database if exists {args.db}")


if __name__ == "__main__":
    main()
