"""QuerySets of stations, staff assignments and the service ledger."""

from __future__ import annotations

from django.db import models

from gigmarket.models import Region, User
from gigmarket.roles import Role


class StationQuerySet(models.QuerySet):
    """Stations (零工市场 / 零工驿站)."""

    def active(self) -> StationQuerySet:
        """Stations open to the public."""
        return self.filter(active=True)

    def within(self, region: Region | None) -> StationQuerySet:
        """Stations in a region subtree (all when ``region`` is None)."""
        if region is None:
            return self
        return self.filter(region__code__startswith=region.prefix)

    def staffed_by(self, user: User) -> StationQuerySet:
        """Stations where ``user`` works (has a current assignment)."""
        return self.filter(assignments__user=user, assignments__active=True).distinct()

    def writable_by(self, user: User) -> StationQuerySet:
        """Stations whose records ``user`` may write: a county admin's region, else their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN):
            return self.within(user.region)
        return self.staffed_by(user)


class ServiceRecordQuerySet(models.QuerySet):
    """Service ledger entries (工作日志台账)."""

    def for_station(self, station) -> ServiceRecordQuerySet:
        return self.filter(station=station)

    def between(self, start, end) -> ServiceRecordQuerySet:
        """Entries whose local date lies in [start, end]."""
        return self.filter(at__date__gte=start, at__date__lte=end)
