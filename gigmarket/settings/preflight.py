"""What production settings refuse to start without, each with a message saying what to set.

Plain functions over plain values (no Django import), so the production settings can call them
while they load and tests can call them directly. Every problem is collected and reported at
once (一次性告知), not one per restart.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

#: Placeholders shipped in the repository: a secret that was copied, not made.
PLACEHOLDER_SECRETS = ("dev-only-", "change-me", "changeme", "replace-me", "<")
MIN_SECRET_LENGTH = 50
#: Cache backends that every gunicorn worker and every host share (and that count atomically).
SHARED_CACHE_BACKENDS = (
    "django.core.cache.backends.redis.RedisCache",
    "gigmarket.cache.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
)
HOW_TO_COMPILE = "make messages  (或 .venv/bin/python scripts/compilemessages.py)"


class ProductionRefused(ImproperlyConfigured):
    """Raised while loading production settings; the message lists everything to set."""


def secret_key_problems(value: str | None) -> list[str]:
    if not value:
        return [
            "DJANGO_SECRET_KEY 未设置：请设为至少 50 个字符的随机串，例如 "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(60))'` "
            "(DJANGO_SECRET_KEY is not set: set a random string of 50+ characters)"
        ]
    lowered = value.lower()
    if any(mark in lowered for mark in PLACEHOLDER_SECRETS):
        return [
            "DJANGO_SECRET_KEY 还是示例里的占位值：请换成自己生成的随机串 "
            "(DJANGO_SECRET_KEY is still the example placeholder: generate your own)"
        ]
    if len(value) < MIN_SECRET_LENGTH or len(set(value)) < 5:
        return [
            f"DJANGO_SECRET_KEY 太短或太简单（需要至少 {MIN_SECRET_LENGTH} 个字符、多种字符）"
            f"(DJANGO_SECRET_KEY is too short or too simple: {MIN_SECRET_LENGTH}+ varied characters)"
        ]
    return []


def allowed_hosts_problems(hosts: Iterable[str]) -> list[str]:
    hosts = [h for h in hosts if h]
    if not hosts:
        return [
            "DJANGO_ALLOWED_HOSTS 未设置：请写网站的域名，多个用逗号分隔，例如 "
            "DJANGO_ALLOWED_HOSTS=lg.example.gov.cn "
            "(DJANGO_ALLOWED_HOSTS is not set: list the site's host names, comma-separated)"
        ]
    if "*" in hosts:
        return [
            "DJANGO_ALLOWED_HOSTS 不能是 *：请写出网站的域名 "
            "(DJANGO_ALLOWED_HOSTS must name the hosts, not *)"
        ]
    return []


def field_key_problems(value: str | None) -> list[str]:
    if not value:
        return [
            "FIELD_ENCRYPTION_KEY 未设置：这是加密身份证号等个人信息的密钥，请生成后妥善保管，"
            "换密钥前必须先重新加密 (FIELD_ENCRYPTION_KEY is not set: the key that encrypts "
            "personal data at rest; generate one and keep it safe)"
        ]
    return []


def cache_problems(caches: dict) -> list[str]:
    backend = (caches.get("default") or {}).get("BACKEND", "")
    if backend not in SHARED_CACHE_BACKENDS:
        return [
            f"CACHE_URL 指向的是 {backend or '（空）'}，它不在各进程、各主机之间共享，限流和登录锁定会按"
            "进程数成倍放宽：请设为 Redis，例如 CACHE_URL=redis://127.0.0.1:6379/1 "
            "(CACHE_URL must be a shared cache such as redis://127.0.0.1:6379/1, not "
            "a per-process one)"
        ]
    return []


def broker_problems(url: str | None) -> list[str]:
    """Production runs the scheduled work (expiry, the outbox, last month's figures, sweeps)
    through the queue; without a broker nothing of it would ever run, silently."""
    if not url:
        return [
            "CELERY_BROKER_URL 未设置：没有任务队列，过期岗位、短信通知、月初统计和清理都不会自动运行；"
            "请设为 Redis，例如 CELERY_BROKER_URL=redis://127.0.0.1:6379/2，并启动 worker 和 beat "
            "(CELERY_BROKER_URL is not set: nothing scheduled would ever run; set it to Redis and "
            "start the worker and beat units, see docs/operations.md)"
        ]
    return []


def catalogue_problems(base_dir: Path) -> list[str]:
    """Every translation catalogue (.po) has a compiled .mo at least as new as itself."""
    stale = []
    for po in sorted(base_dir.glob("locale/*/LC_MESSAGES/*.po")) + sorted(
        base_dir.glob("*/locale/*/LC_MESSAGES/*.po")
    ):
        if ".venv" in po.parts:
            continue
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            stale.append(str(po.relative_to(base_dir)))
    if stale:
        return [
            f"翻译没有编译（界面会变成英文）：请在项目目录运行 {HOW_TO_COMPILE}；"
            f"缺少或过期的有 {', '.join(stale)} "
            "(translations are not compiled; the interface would be English)"
        ]
    return []


def refuse_unless_ready(
    *,
    secret_key: str | None,
    allowed_hosts: Iterable[str],
    field_key: str | None,
    caches: dict,
    base_dir: Path,
    broker_url: str | None,
) -> None:
    """Raise ProductionRefused listing every missing or unsafe setting; return if all is well."""
    problems = [
        *secret_key_problems(secret_key),
        *allowed_hosts_problems(allowed_hosts),
        *field_key_problems(field_key),
        *cache_problems(caches),
        *broker_problems(broker_url),
        *catalogue_problems(base_dir),
    ]
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        raise ProductionRefused(
            "正式环境的设置不完整，网站不会启动。请在 .env（或环境变量）里补上：\n"
            f"{lines}\n见 docs/deploy.md 和 deploy/env.production.example。"
        )
