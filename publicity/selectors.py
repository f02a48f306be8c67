"""Reads that gather from more than articles: the facts other apps ask for, the consultation counts."""

from __future__ import annotations

import datetime

from django.db.models import Count

from gigmarket.models import User
from publicity.models import Article
from stations.models import ServiceRecord, Station

#: Articles shown on a station's page and the home page.
SHOWN = 5


def station_articles(station: Station, limit: int = SHOWN) -> list[Article]:
    """Current articles that apply at ``station`` (its own, its township's, the county's)."""
    return list(Article.objects.current().applying_to(station).newest_first()[:limit])


def home_articles(limit: int = SHOWN) -> list[Article]:
    """Current region-wide articles for the home page."""
    return list(Article.objects.current().region_wide().newest_first()[:limit])


def consultation_counts(
    user: User, start: datetime.date, end: datetime.date
) -> list[tuple[Article, int]]:
    """How many consultations about each article the stations in ``user``'s reach logged between
    ``start`` and ``end``, most asked first (articles since deleted drop out)."""
    rows = (
        ServiceRecord.objects.filter(
            station__in=Station.objects.writable_by(user),
            kind=ServiceRecord.Kind.CONSULTATION,
            subject_type=Article._meta.label_lower,
        )
        .between(start, end)
        .order_by()
        .values("subject_id")
        .annotate(n=Count("pk"))
    )
    counts = {int(row["subject_id"]): row["n"] for row in rows if row["subject_id"].isdigit()}
    articles = Article.objects.filter(pk__in=counts).select_related("region")
    return sorted(((a, counts[a.pk]) for a in articles), key=lambda pair: (-pair[1], pair[0].pk))
