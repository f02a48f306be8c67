"""QuerySets of subsidy schemes and claims."""

from __future__ import annotations

import datetime

from django.db import models

from gigmarket.models import Region, User

#: States a station still has to act on (a returned claim waits for the person's documents).
DUE_STATES = ("drafted", "submitted", "returned")


class SchemeQuerySet(models.QuerySet):
    def open_on(self, day: datetime.date) -> SchemeQuerySet:
        """Schemes open for claims on ``day``."""
        return (
            self.filter(active=True)
            .filter(models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day))
            .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
        )


class ClaimQuerySet(models.QuerySet):
    def handled_by(self, user: User) -> ClaimQuerySet:
        """Claims ``user`` may see and act on: their station's, or a county admin's region's."""
        from stations.models import Station

        if not user.is_authenticated:
            return self.none()
        return self.filter(station__in=Station.objects.writable_by(user))

    def within(self, region: Region | None) -> ClaimQuerySet:
        if region is None:
            return self
        return self.filter(station__region__code__startswith=region.prefix)

    def due(self) -> ClaimQuerySet:
        """Claims the station still has to act on: drafts to submit, submissions to decide,
        returns waiting for documents."""
        return self.filter(status__in=DUE_STATES)

    def of_person(self, user: User) -> ClaimQuerySet:
        """A logged-in seeker's own claims."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(seeker__user=user)

    def approved_between(self, starts, ends) -> ClaimQuerySet:
        """Claims approved in [starts, ends) (paid ones included: they were approved then)."""
        return self.filter(
            status__in=("approved", "paid"), approved_at__gte=starts, approved_at__lt=ends
        )

    def for_list(self) -> ClaimQuerySet:
        return self.select_related("scheme", "seeker", "station")
