"""QuerySets of the guidance app, named in the domain's words and scoped like the rest: station
staff see the records of their stations and of the people homed there; a county admin those of
the stations in their region.

Other apps (subsidy claims) may ask "was this person registered unemployed?" with
``Registration.objects.of_seeker(seeker).unemployment().filed()`` or
``guidance.selectors.registered_unemployed(seeker, on=day)``.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from gigmarket.models import Region, User


def _writable_stations(user: User):
    from stations.models import Station

    return Station.objects.writable_by(user)


def _scoped(queryset: models.QuerySet, user: User, *paths: str) -> models.QuerySet:
    """Rows whose station (or the person's home station) is one ``user`` may write for."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    stations = _writable_stations(user)
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{path}__in": stations})
    return queryset.filter(condition)


class GuidanceQuerySet(models.QuerySet):
    """Career-guidance records (职业指导)."""

    def of_seeker(self, seeker) -> GuidanceQuerySet:
        return self.filter(seeker=seeker)

    def with_plan(self) -> GuidanceQuerySet:
        """Records whose service plan has at least one agreed step."""
        return self.filter(steps__isnull=False).distinct()

    def given_between(self, starts: datetime.datetime, ends: datetime.datetime) -> GuidanceQuerySet:
        return self.filter(given_at__gte=starts, given_at__lt=ends)

    def within(self, region: Region | None) -> GuidanceQuerySet:
        """Records given at stations in a region subtree (all when None)."""
        if region is None:
            return self
        return self.filter(station__region__code__startswith=region.prefix)

    def visible_to(self, user: User) -> GuidanceQuerySet:
        """Records given at the user's stations, or of people homed there."""
        return _scoped(self, user, "station", "seeker__home_station")

    def for_listing(self) -> GuidanceQuerySet:
        return self.select_related("seeker", "station", "given_by")


class PlanStepQuerySet(models.QuerySet):
    """Steps of service plans."""

    def open(self) -> PlanStepQuerySet:
        return self.filter(done=False)

    def follow_ups_due(self, on: datetime.date) -> PlanStepQuerySet:
        """Follow-ups not yet done whose date is ``on`` or earlier (the workbench's list)."""
        return self.filter(kind="follow_up", done=False, due_on__lte=on)

    def visible_to(self, user: User) -> PlanStepQuerySet:
        return _scoped(self, user, "guidance__station", "guidance__seeker__home_station")


class RegistrationQuerySet(models.QuerySet):
    """The station's records of employment and unemployment registrations it helped file."""

    def employment(self) -> RegistrationQuerySet:
        return self.filter(kind="employment")

    def unemployment(self) -> RegistrationQuerySet:
        return self.filter(kind="unemployment")

    def of_kind(self, kind: str | None) -> RegistrationQuerySet:
        return self.filter(kind=kind) if kind else self

    def of_seeker(self, seeker) -> RegistrationQuerySet:
        return self.filter(seeker=seeker)

    def filed(self) -> RegistrationQuerySet:
        """Registrations the provincial system has answered (its reference number is recorded)."""
        return self.exclude(reference="")

    def unfiled(self) -> RegistrationQuerySet:
        """Registrations still waiting for the provincial reference number (the bulk upload's)."""
        return self.filter(reference="")

    def recorded_between(
        self, starts: datetime.datetime, ends: datetime.datetime
    ) -> RegistrationQuerySet:
        return self.filter(recorded_at__gte=starts, recorded_at__lt=ends)

    def effective_on_or_before(self, day: datetime.date) -> RegistrationQuerySet:
        """Registrations about a day up to ``day`` (start of work, or first day out of work)."""
        return self.filter(
            Q(kind="employment", start_date__lte=day)
            | Q(kind="unemployment", unemployed_on__lte=day)
        )

    def within(self, region: Region | None) -> RegistrationQuerySet:
        if region is None:
            return self
        return self.filter(station__region__code__startswith=region.prefix)

    def visible_to(self, user: User) -> RegistrationQuerySet:
        return _scoped(self, user, "station", "seeker__home_station")

    def for_listing(self) -> RegistrationQuerySet:
        return self.select_related("seeker", "station", "recorded_by")


class InsuranceAdviceQuerySet(models.QuerySet):
    """Accident-insurance recommendations on placements without cover."""

    def due(self) -> InsuranceAdviceQuerySet:
        """Not yet recommended: the prompt staff see."""
        return self.filter(status="due")

    def open(self) -> InsuranceAdviceQuerySet:
        """Waiting for the recommendation or for the person's answer."""
        return self.filter(status__in=("due", "recommended"))

    def bought(self) -> InsuranceAdviceQuerySet:
        return self.filter(status="bought")

    def of_seeker(self, seeker) -> InsuranceAdviceQuerySet:
        return self.filter(seeker=seeker)

    def visible_to(self, user: User) -> InsuranceAdviceQuerySet:
        return _scoped(self, user, "station", "seeker__home_station", "placement__job__station")

    def for_listing(self) -> InsuranceAdviceQuerySet:
        return self.select_related(
            "seeker", "station", "placement", "placement__job", "placement__job__occupation"
        )
