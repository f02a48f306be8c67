"""Production settings refuse to start without what a real deployment needs, saying what to set."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gigmarket.settings import preflight

ROOT = Path(__file__).resolve().parent.parent.parent
REAL_SECRET = "Zq8-vN3_kLm9PwXr2TtYb7HcJd4FgS6eUa1QoRiVx0ZnMyLbKw5Cs"
REDIS = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache"}}
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _catalogues(tmp_path, *, compiled=True):
    folder = tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text('msgid ""\nmsgstr ""\n')
    if compiled:
        (folder / "django.mo").write_bytes(b"compiled")
    return tmp_path


def _refuse(tmp_path, **overrides):
    values = {
        "secret_key": REAL_SECRET,
        "allowed_hosts": ["lg.example.gov.cn"],
        "field_key": "a-field-key",
        "caches": REDIS,
        "broker_url": "redis://127.0.0.1:6379/2",
    }
    values.update(overrides)
    if "base_dir" not in values:
        values["base_dir"] = _catalogues(tmp_path)
    preflight.refuse_unless_ready(**values)


def test_a_complete_production_environment_is_accepted(tmp_path):
    _refuse(tmp_path)


@pytest.mark.parametrize(
    ("override", "names"),
    [
        ({"secret_key": ""}, "DJANGO_SECRET_KEY"),
        ({"secret_key": "change-me-to-a-long-random-string-of-at-least-50-characters"}, "占位"),
        ({"secret_key": "dev-only-not-secret-change-me-in-production-0123456789"}, "占位"),
        ({"secret_key": "short-secret"}, "太短"),
        ({"allowed_hosts": []}, "DJANGO_ALLOWED_HOSTS"),
        ({"allowed_hosts": ["*"]}, "DJANGO_ALLOWED_HOSTS"),
        ({"field_key": ""}, "FIELD_ENCRYPTION_KEY"),
        ({"caches": LOCMEM}, "CACHE_URL=redis://"),
        (
            {"caches": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}},
            "CACHE_URL",
        ),
        ({"broker_url": ""}, "CELERY_BROKER_URL"),
    ],
)
def test_each_missing_setting_is_refused_with_what_to_set(tmp_path, override, names):
    with pytest.raises(preflight.ProductionRefused) as refused:
        _refuse(tmp_path, **override)
    assert names in str(refused.value)


def test_missing_or_stale_catalogues_are_refused_with_the_command_to_run(tmp_path):
    base = _catalogues(tmp_path / "site", compiled=False)
    with pytest.raises(preflight.ProductionRefused, match="make messages"):
        _refuse(tmp_path, base_dir=base)
    mo = base / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.mo"
    mo.write_bytes(b"compiled")
    old = time.time() - 3600
    os.utime(mo, (old, old))  # the .po changed after the last compile
    with pytest.raises(preflight.ProductionRefused, match="zh_Hans"):
        _refuse(tmp_path, base_dir=base)


def test_every_problem_is_listed_at_once(tmp_path):
    with pytest.raises(preflight.ProductionRefused) as refused:
        _refuse(tmp_path, secret_key="", allowed_hosts=[], field_key="", caches=LOCMEM)
    message = str(refused.value)
    for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "FIELD_ENCRYPTION_KEY", "CACHE_URL"):
        assert name in message


def test_the_production_settings_module_itself_refuses_to_load():
    # Set empty rather than removed, so a developer's .env cannot fill them in.
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gigmarket.settings.production",
        "DJANGO_SECRET_KEY": "",
        "DJANGO_ALLOWED_HOSTS": "",
        "FIELD_ENCRYPTION_KEY": "",
        "CACHE_URL": "locmemcache://",
        "CELERY_BROKER_URL": "",
    }
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "ProductionRefused" in result.stderr
    for name in (
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "FIELD_ENCRYPTION_KEY",
        "CACHE_URL",
        "CELERY_BROKER_URL",
    ):
        assert name in result.stderr
