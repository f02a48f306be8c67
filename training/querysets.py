"""QuerySets of training programmes, referrals and demand orders, named in the domain's words."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Count, F, Q, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from gigmarket.roles import Role

if TYPE_CHECKING:
    from gigmarket.models import Occupation, Region, User

SEAT_STATES = ("signed_up", "referred", "enrolled", "completed", "certified")


def _region_of_reach(user: User) -> tuple[bool, Region | None]:
    """(may see any, region subtree) for a back-office user."""
    if not user.is_authenticated:
        return False, None
    if user.is_superuser:
        return True, None
    if user.has_role(Role.COUNTY_ADMIN):
        return True, user.region
    if user.has_role(Role.STATION_STAFF):
        return True, None
    return False, None


class ProgrammeQuerySet(models.QuerySet):
    """Training programmes (培训班)."""

    def public(self) -> ProgrammeQuerySet:
        """Programmes the public sees: enrolling or in progress."""
        return self.filter(status__in=["enrolling", "running"])

    def published(self) -> ProgrammeQuerySet:
        """Programmes whose public page exists: published at some point (never the planned ones)."""
        return self.exclude(status="planned")

    def enrolling(self) -> ProgrammeQuerySet:
        """Programmes taking sign-ups and referrals now."""
        return self.filter(status="enrolling")

    def planned(self) -> ProgrammeQuerySet:
        """Programmes not yet finished or cancelled (planned, enrolling or running)."""
        return self.filter(status__in=["planned", "enrolling", "running"])

    def for_occupation(self, occupation: Occupation | None) -> ProgrammeQuerySet:
        """Programmes training this occupation (all when None)."""
        return self.filter(occupation=occupation) if occupation else self

    def in_month(self, first: datetime.date | None) -> ProgrammeQuerySet:
        """Programmes with at least one day in the month starting ``first`` (all when None)."""
        if first is None:
            return self
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        return self.filter(start_date__lte=last, end_date__gte=first)

    def within(self, region: Region | None) -> ProgrammeQuerySet:
        """Programmes in a region subtree (all when None)."""
        if region is None:
            return self
        return self.filter(region__code__startswith=region.prefix)

    def visible_to(self, user: User) -> ProgrammeQuerySet:
        """Programmes a back-office user may work with: staff all, a county admin their region."""
        allowed, region = _region_of_reach(user)
        return self.within(region) if allowed else self.none()

    def managed_by(self, user: User) -> ProgrammeQuerySet:
        """Programmes a county admin creates and publishes: whoever keeps the station registry
        (``Station.objects.managed_by``), over the same region subtree; none for others."""
        from stations.models import Station

        if Station.objects.managed_by(user).query.is_empty():
            return self.none()
        return self if user.is_superuser else self.within(user.region)

    def with_seats(self) -> ProgrammeQuerySet:
        """Annotate ``seats_taken`` (every referral not dropped) and ``seats_left`` (never below 0)."""
        taken = Count("referrals", filter=Q(referrals__status__in=SEAT_STATES), distinct=True)
        return self.annotate(seats_taken=taken).annotate(
            seats_left=Greatest(F("capacity") - F("seats_taken"), Value(0))
        )

    def for_listing(self) -> ProgrammeQuerySet:
        """What list pages show: occupation, institution, station, seats."""
        return self.select_related("occupation", "institution", "station", "region").with_seats()


class ReferralQuerySet(models.QuerySet):
    """Training referrals (培训推荐)."""

    def holding_seats(self) -> ReferralQuerySet:
        """Referrals that take a seat (everything but dropped)."""
        return self.filter(status__in=SEAT_STATES)

    def in_state(self, state: str) -> ReferralQuerySet:
        return self.filter(status=state)

    def of_seeker(self, seeker) -> ReferralQuerySet:
        return self.filter(seeker=seeker)

    def within(self, region: Region | None) -> ReferralQuerySet:
        """Referrals to programmes in a region subtree (all when None)."""
        if region is None:
            return self
        return self.filter(programme__region__code__startswith=region.prefix)

    def visible_to(self, user: User) -> ReferralQuerySet:
        """Referrals on programmes the user may work with."""
        allowed, region = _region_of_reach(user)
        return self.within(region) if allowed else self.none()

    def writable_by(self, user: User) -> ReferralQuerySet:
        """Referrals whose steps ``user`` may record: a county admin's region; station staff, those
        their station made, of their station's seekers, or on a class held at their station."""
        from stations.models import Station

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN):
            return self.within(user.region)
        if user.has_role(Role.STATION_STAFF):
            stations = Station.objects.writable_by(user)
            return self.filter(
                Q(station__in=stations)
                | Q(seeker__home_station__in=stations)
                | Q(programme__station__in=stations)
            )
        return self.none()

    def for_roster(self) -> ReferralQuerySet:
        """Roster rows: the seeker and their home station, seat-holders first."""
        return self.select_related("seeker", "seeker__home_station").order_by(
            models.Case(models.When(status="dropped", then=1), default=0), "created_at", "pk"
        )


class DemandOrderQuerySet(models.QuerySet):
    """Training demand orders (订单式培训需求)."""

    def open(self) -> DemandOrderQuerySet:
        return self.filter(status="open")

    def within(self, region: Region | None) -> DemandOrderQuerySet:
        if region is None:
            return self
        return self.filter(region__code__startswith=region.prefix)

    def visible_to(self, user: User) -> DemandOrderQuerySet:
        """Orders a county admin weighs (their region); staff see all; nobody else."""
        allowed, region = _region_of_reach(user)
        return self.within(region) if allowed else self.none()

    def by_occupation_and_month(self) -> list[dict]:
        """[{occupation_id, occupation__name, month, orders, people}] of open orders."""
        return list(
            self.open()
            .order_by()
            .values("occupation_id", "occupation__name", "occupation__code", "month")
            .annotate(orders=Count("pk"), people=Coalesce(Sum("people"), 0))
            .order_by("occupation__code", "month")
        )
