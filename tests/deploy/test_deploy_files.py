"""The files in deploy/ agree with the settings and with each other (they drift apart otherwise)."""

import math
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
VARIABLE = re.compile(r"^#?\s*([A-Z][A-Z0-9_]+)=", re.M)


def test_nginx_takes_the_largest_evidence_upload_and_not_much_more():
    site = (DEPLOY / "nginx-gigmarket.conf").read_text()
    limit_mb = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    evidence = settings.RIGHTS_EVIDENCE_MAX_FILES * settings.RIGHTS_EVIDENCE_MAX_BYTES
    assert limit_mb == math.ceil(evidence / 2**20) + 1, "files × bytes per file + 1 MB of form"


def test_the_smoke_test_runs_the_services_command_line():
    unit = (DEPLOY / "gigmarket-web.service").read_text()
    command = re.search(r"^ExecStart=/srv/gigmarket/(.+)$", unit, re.M).group(1)
    assert command == ".venv/bin/gunicorn -c /srv/gigmarket/gunicorn.conf.py gigmarket.wsgi"
    smoke = (DEPLOY / "smoke.sh").read_text()
    assert '.venv/bin/gunicorn -c "$APP/gunicorn.conf.py" gigmarket.wsgi' in smoke


def test_logrotate_keeps_every_log_the_services_write_for_six_months():
    rule = (DEPLOY / "gigmarket.logrotate").read_text()
    site = (DEPLOY / "nginx-gigmarket.conf").read_text()
    written = set(
        re.findall(
            r"append:(/var/log/\S+)", "".join(p.read_text() for p in DEPLOY.glob("*.service"))
        )
    )
    written |= set(re.findall(r"(?:access|error)_log\s+(/var/log/\S+?)[\s;]", site))
    assert written, "no log paths found"
    for path in written:
        assert path in rule, f"{path} is not rotated"
    assert all(int(n) >= 183 for n in re.findall(r"rotate (\d+)", rule)), "MLPS: 6 months"


def test_the_production_template_lists_every_variable_the_settings_read():
    development = set(VARIABLE.findall((ROOT / ".env.example").read_text()))
    production = set(VARIABLE.findall((DEPLOY / "env.production.example").read_text()))
    assert development - production == set()
    assert {"CACHE_URL", "FIELD_ENCRYPTION_KEY", "AXES_PROXY_COUNT"} <= production
