"""QuerySets of recruitment events, scoped as the other apps scope theirs (station / region)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone

from gigmarket.models import Region, User
from gigmarket.roles import Role

#: States an event is shown to the public in (a planned one is not announced yet).
PUBLIC_STATES = ("open", "held", "closed")
#: States of an event that took place.
HELD_STATES = ("held", "closed")


class EventQuerySet(models.QuerySet):
    """Recruitment events."""

    def public(self) -> EventQuerySet:
        return self.filter(state__in=PUBLIC_STATES)

    def upcoming(self, now: datetime.datetime | None = None) -> EventQuerySet:
        """Announced events not yet over (open or held, ending after now), soonest first."""
        return self.filter(state__in=("open", "held"), ends_at__gt=now or timezone.now()).order_by(
            "starts_at", "pk"
        )

    def held(self) -> EventQuerySet:
        return self.filter(state__in=HELD_STATES)

    def starting_between(self, start: datetime.datetime, end: datetime.datetime) -> EventQuerySet:
        """Events starting in [start, end)."""
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def within(self, region: Region | None) -> EventQuerySet:
        if region is None:
            return self
        return self.filter(region__code__startswith=region.prefix)

    def of_station(self, station) -> EventQuerySet:
        """Events a station organises, alone or with others."""
        return self.filter(Q(station=station) | Q(partner_stations=station)).distinct()

    def writable_by(self, user: User) -> EventQuerySet:
        """Events ``user`` runs: a county admin's region's, or their own station's."""
        from stations.models import Station

        if not user.is_authenticated:
            return self.none()
        if not (user.is_superuser or user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)):
            return self.none()
        return self.filter(station__in=Station.objects.writable_by(user))

    def for_list(self) -> EventQuerySet:
        return self.select_related("station", "region")


class RegistrationQuerySet(models.QuerySet):
    """Seekers registered for events."""

    def attended(self) -> RegistrationQuerySet:
        return self.filter(attended_at__isnull=False)

    def for_list(self) -> RegistrationQuerySet:
        return self.select_related("seeker", "checked_in_by")
