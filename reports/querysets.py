"""Reads of published reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from gigmarket.models import Region


class PublishedReportQuerySet(models.QuerySet):
    """Published monthly reports (每个修订版一行)."""

    def for_region(self, region: Region | None) -> PublishedReportQuerySet:
        """Reports of exactly this region (None: the whole deployment)."""
        if region is None:
            return self.filter(region__isnull=True)
        return self.filter(region=region)

    def within(self, region: Region | None) -> PublishedReportQuerySet:
        """Reports of the region and everything below it (all when None)."""
        if region is None:
            return self
        return self.filter(region__code__startswith=region.prefix)

    def latest_revisions(self) -> PublishedReportQuerySet:
        """Only the newest revision of each (month, region)."""
        newer = self.model.objects.filter(
            month=models.OuterRef("month"),
            region=models.OuterRef("region"),
            revision__gt=models.OuterRef("revision"),
        )
        newer_all = self.model.objects.filter(
            month=models.OuterRef("month"),
            region__isnull=True,
            revision__gt=models.OuterRef("revision"),
        )
        return self.filter(
            (models.Q(region__isnull=False) & ~models.Exists(newer))
            | (models.Q(region__isnull=True) & ~models.Exists(newer_all))
        )
