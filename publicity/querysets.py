"""Reads of articles: what the public sees now, what applies to a station, what a user may edit."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from gigmarket.models import Region, User
from gigmarket.roles import Role


def region_codes_above(region: Region) -> list[str]:
    """The region's code and every code above it its digits imply (no query)."""
    from gigmarket.services import implied_parent_code

    codes, code = [region.code], region.code
    while (code := implied_parent_code(code)) is not None:
        codes.append(code)
    return codes


class ArticleQuerySet(models.QuerySet):
    """Articles (政策宣传)."""

    def published(self) -> ArticleQuerySet:
        return self.filter(state="published")

    def current(self, day: datetime.date | None = None) -> ArticleQuerySet:
        """Published and valid on ``day`` (today, Asia/Shanghai): what the public sees."""
        day = day or timezone.localdate()
        return (
            self.published()
            .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        )

    def region_wide(self) -> ArticleQuerySet:
        """For a whole county or township, not one station's own notice."""
        return self.filter(station__isnull=True)

    def applying_to(self, station) -> ArticleQuerySet:
        """The station's own articles, and those of its township and county."""
        return self.filter(
            Q(station=station)
            | Q(station__isnull=True, region__code__in=region_codes_above(station.region))
        )

    def for_audience(self, code: str) -> ArticleQuerySet:
        from publicity.models import AUDIENCE_FIELDS

        field = AUDIENCE_FIELDS.get(code)
        return self.filter(**{field: True}) if field else self.none()

    def for_listing(self) -> ArticleQuerySet:
        return self.select_related("region", "station")

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-pk")

    def editable_by(self, user: User) -> ArticleQuerySet:
        """A county admin edits the articles of their region; station staff their station's own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN):
            if user.region is None:
                return self
            return self.filter(region__code__startswith=user.region.prefix)
        if user.has_role(Role.STATION_STAFF):
            from stations.models import Station

            return self.filter(station__in=Station.objects.staffed_by(user))
        return self.none()
