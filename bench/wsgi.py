"""The site as gunicorn serves it, plus one bench-only page, the plain-page peer: one hand-written
psycopg query for the newest 20 open jobs and the list's card markup drawn with a Django
template. It is how fast a page of this shape can be on this stack; ``bench/pages.py`` measures
every public page against it and against the 404 in the same run. Never deployed."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gigmarket.settings.production")

from django.conf import settings  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

if os.environ.get("BENCH_CACHE") == "none":
    # Nothing cached at all: the production settings load (and pass their checks) with Redis,
    # then the cache is swapped for one that keeps nothing, before anything uses it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

django_application = get_wsgi_application()

if os.environ.get("BENCH_CACHE") == "cards":
    # Measure the pages drawn on every request: no whole page from the shared cache, the list's
    # cards drawn every time (the filter form still cached).
    from gigmarket import http
    from jobs import listing

    http.PAGE_SECONDS = 0
    listing.FRAGMENT_SECONDS = 0

from django.db import connection  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.utils import timezone  # noqa: E402

PLAIN_PATH = "/bench/plain/"
SQL = """
SELECT j.id, j.title, j.pay_min, j.pay_max, j.pay_unit, j.nature, j.settlement, j.start_date,
       j.end_date, j.headcount, j.opened_at, o.name, r.name, s.name
FROM jobs_job j
JOIN gigmarket_occupation o ON o.id = j.occupation_id
JOIN gigmarket_region r ON r.id = j.region_id
LEFT JOIN stations_station s ON s.id = j.station_id
WHERE j.status = 'open' AND j.valid_through >= %s
ORDER BY j.opened_at DESC, j.id DESC
LIMIT 20
"""
CARDS = Template(
    """{% load humanize %}<!DOCTYPE html><html lang="zh-hans"><head><meta charset="utf-8">
<title>找活干</title></head><body><main><h1>找活干</h1><ul class="job-cards">
{% for job in jobs %}<li class="job-card card">
  <h2 class="job-card__title"><a href="/jobs/{{ job.id }}/">{{ job.title }}</a></h2>
  <p class="job-card__pay"><strong>{{ job.pay_min }}{% if job.pay_max %}–{{ job.pay_max }}{% endif %}</strong> 元 {{ job.pay_unit }}</p>
  <p class="job-card__facts"><span>{{ job.occupation }}</span> · <span>{{ job.nature }}</span> · <span>{{ job.region }}</span></p>
  <p class="job-card__facts">{{ job.start_date|date:"n月j日" }}起{% if job.end_date %} – {{ job.end_date|date:"n月j日" }}{% endif %} · {{ job.headcount }}人 · {{ job.settlement }}</p>
  <p class="muted job-card__age">{{ job.opened_at|naturaltime }}发布{% if job.station %} · {{ job.station }}{% endif %}</p>
</li>{% endfor %}</ul></main></body></html>"""
)
KEYS = (
    "id title pay_min pay_max pay_unit nature settlement start_date end_date headcount "
    "opened_at occupation region station"
).split()


def plain_page() -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(SQL, [timezone.localdate()])
        jobs = [dict(zip(KEYS, row, strict=True)) for row in cursor.fetchall()]
    return CARDS.render(Context({"jobs": jobs})).encode()


def application(environ, start_response):
    if environ.get("PATH_INFO") != PLAIN_PATH:
        return django_application(environ, start_response)
    from django.db import close_old_connections

    close_old_connections()
    body = plain_page()
    start_response(
        "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    )
    return [body]
