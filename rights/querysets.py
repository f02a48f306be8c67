"""QuerySets of complaints (投诉)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils import timezone

from gigmarket.models import Region, User

DONE_STATES = ("closed", "not_accepted")


class ComplaintQuerySet(models.QuerySet):
    """Complaints and their cases."""

    def handled_by(self, user: User) -> ComplaintQuerySet:
        """Cases ``user`` may see and act on: their station's, or a county admin's region's."""
        from stations.models import Station

        if not user.is_authenticated:
            return self.none()
        return self.filter(station__in=Station.objects.writable_by(user))

    def within(self, region: Region | None) -> ComplaintQuerySet:
        """Cases handled by stations in a region subtree (all when ``region`` is None)."""
        if region is None:
            return self
        return self.filter(station__region__code__startswith=region.prefix)

    def at_station(self, station) -> ComplaintQuerySet:
        return self.filter(station=station)

    def unfinished(self) -> ComplaintQuerySet:
        """Cases not yet closed or declined."""
        return self.exclude(status__in=DONE_STATES)

    def overdue(self, today: datetime.date | None = None) -> ComplaintQuerySet:
        """Unfinished cases past their due date (限时办结 missed)."""
        return self.unfinished().filter(due_date__lt=today or timezone.localdate())

    def stranded(self) -> ComplaintQuerySet:
        """Unfinished cases nobody has taken at a station with nobody in service: no one but the
        county can act on them (the staff left, or nobody was anywhere when it was filed)."""
        from stations.models import Station

        return (
            self.unfinished()
            .filter(owner__isnull=True)
            .exclude(station__in=Station.objects.in_service())
        )

    def owned_by(self, user: User) -> ComplaintQuerySet:
        """Cases ``user`` currently owns (首问负责 until handed over)."""
        return self.filter(owner=user)

    def of_complainant(self, user: User) -> ComplaintQuerySet:
        """A logged-in person's own complaints: those filed from their account.

        Not every case with the account's mobile: nobody verifies the mobile an account is opened
        with, so matching on it would show a case to whoever registers the complainant's number
        (the employer complained about, say). Other cases open with tracking number + mobile.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(complainant_user=user)

    def of_status(self, status: str | None) -> ComplaintQuerySet:
        return self.filter(status=status) if status else self

    def for_list(self) -> ComplaintQuerySet:
        """What list pages show, in one query."""
        return self.select_related("station", "owner", "employer", "job", "job__employer")
