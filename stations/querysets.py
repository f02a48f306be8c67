"""QuerySets of stations, staff assignments, the service ledger and yearly evaluations."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone

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
        """Stations where ``user`` works: a current assignment at a station still in service
        (a retired station's staff no longer act for it)."""
        return self.filter(active=True, assignments__user=user, assignments__active=True).distinct()

    def in_service(self) -> StationQuerySet:
        """Open stations with at least one person in service who can act for them: a current
        assignment of an active station-staff account (a station nobody staffs cannot take a case)."""
        return self.filter(
            active=True,
            assignments__active=True,
            assignments__user__is_active=True,
            assignments__user__groups__name=Role.STATION_STAFF,
        ).distinct()

    def writable_by(self, user: User) -> StationQuerySet:
        """Stations whose records ``user`` may write: a county admin's region, else their own."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN):
            return self.within(user.region)
        return self.staffed_by(user)

    def managed_by(self, user: User) -> StationQuerySet:
        """Stations a county admin keeps in the registry (their region subtree); none for others."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN):
            return self.within(user.region)
        return self.none()

    def with_staff_count(self) -> StationQuerySet:
        """Annotate ``staff_count``: current staff assignments."""
        return self.annotate(
            staff_count=Count("assignments", filter=Q(assignments__active=True), distinct=True)
        )

    def with_gaps(self) -> StationQuerySet:
        """Sites short of their kind's standard: markets under 90 m² or under 3 staff,
        stations under 7 m² or with no staff (an unrecorded area counts as short)."""
        from stations.models import MINIMUMS

        short = Q()
        for kind, (area, staff) in MINIMUMS.items():
            short |= Q(kind=kind) & (
                Q(floor_area__isnull=True) | Q(floor_area__lt=area) | Q(staff_count__lt=staff)
            )
        return self.with_staff_count().filter(short)

    def with_hours(self, *, from_day: datetime.date | None = None) -> StationQuerySet:
        """Prefetch weekly hours and the dated exceptions from ``from_day`` (today) onwards."""
        from stations.models import OpeningException

        day = from_day or timezone.localdate()
        return self.prefetch_related(
            "opening_hours",
            models.Prefetch(
                "opening_exceptions", queryset=OpeningException.objects.filter(date__gte=day)
            ),
        )

    def for_directory(self) -> StationQuerySet:
        """What the public directory lists: active sites with their region and hours."""
        return self.active().select_related("region").with_hours()


class ServiceRecordQuerySet(models.QuerySet):
    """Service ledger entries (工作日志台账)."""

    def for_station(self, station) -> ServiceRecordQuerySet:
        return self.filter(station=station)

    def between(self, start, end) -> ServiceRecordQuerySet:
        """Entries whose local date lies in [start, end]."""
        return self.filter(at__date__gte=start, at__date__lte=end)

    def of_kind(self, kind: str | None) -> ServiceRecordQuerySet:
        """Entries of one kind (all when ``kind`` is empty)."""
        return self.filter(kind=kind) if kind else self

    def in_year(self, year: int) -> ServiceRecordQuerySet:
        return self.between(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def counts_by_kind(self) -> dict[str, int]:
        """{kind: number of entries}."""
        rows = self.order_by().values("kind").annotate(n=Count("pk"))
        return {row["kind"]: row["n"] for row in rows}


class StationEvaluationQuerySet(models.QuerySet):
    """Yearly evaluations of stations (年度考核)."""

    def for_year(self, year: int) -> StationEvaluationQuerySet:
        return self.filter(year=year)

    def of_stations(self, stations: models.QuerySet) -> StationEvaluationQuerySet:
        return self.filter(station__in=stations)

    def retire_followups(self) -> StationEvaluationQuerySet:
        """Failed contracted-out sites still open: to be retired (不合格的委托运营站点退出)."""
        return self.filter(
            grade="fail", station__operating_mode="contracted", station__active=True
        ).select_related("station", "station__region")
