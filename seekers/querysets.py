"""QuerySets of the seeker register and of seeking periods."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone

from gigmarket import crypto
from gigmarket.models import User
from gigmarket.roles import Role
from gigmarket.validators import normalize_mobile, validate_mobile, validate_resident_id

#: "138****8000", "138 8000", "1388000": the first three and last four digits of a mobile.
_MASKED_MOBILE_RE = re.compile(r"^(1[3-9]\d)\**(\d{4})$")


def resident_id_hash(normal_id: str) -> str:
    """The keyed hash a (validated, normalised) resident ID number is found by."""
    return crypto.lookup_hash(normal_id, purpose="resident_id")


def _reaches_site_region(user: User) -> bool:
    """Whether an admin's region covers the whole deployment (settings.SITE_REGION_CODE)."""
    site = settings.SITE_REGION_CODE or ""
    return user.region is not None and site.startswith(user.region.prefix)


class SeekerQuerySet(models.QuerySet):
    """Seekers (求职人员)."""

    def not_withdrawn(self) -> SeekerQuerySet:
        """Everyone still in the register (withdrawn records are anonymised shells)."""
        return self.exclude(status="withdrawn")

    def seeking(self) -> SeekerQuerySet:
        """People looking for work now."""
        return self.filter(status="seeking")

    def in_priority_groups(self) -> SeekerQuerySet:
        """People in at least one priority group (重点群体)."""
        return self.exclude(priority_groups=[])

    def in_priority_group(self, group: str) -> SeekerQuerySet:
        """People in one priority group."""
        return self.filter(priority_groups__icontains=f'"{group}"')

    def homed_at(self, station) -> SeekerQuerySet:
        """People whose home station is ``station``."""
        return self.filter(home_station=station)

    def visible_to(self, user: User) -> SeekerQuerySet:
        """Whom a back-office user may find: station staff the whole deployment (masked where not
        theirs), a county admin their region (and people with no station yet), nobody else."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN):
            if user.region is None:
                return self
            # Someone no station has served yet belongs to their home region if they gave one,
            # else to the deployment's own region: an admin of another county does not reach them.
            stationless = models.Q(home_station__isnull=True) & (
                models.Q(home_region__code__startswith=user.region.prefix)
                | (
                    models.Q(home_region__isnull=True)
                    if _reaches_site_region(user)
                    else models.Q(pk__in=[])
                )
            )
            return self.filter(
                models.Q(home_station__region__code__startswith=user.region.prefix) | stationless
            )
        if user.has_role(Role.STATION_STAFF):
            return self
        return self.none()

    def editable_by(self, user: User) -> SeekerQuerySet:
        """Whose full record ``user`` may see and change: home-station staff, the region's admin."""
        from stations.models import Station

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        stations = Station.objects.writable_by(user)
        if user.has_role(Role.COUNTY_ADMIN):
            return self.visible_to(user).filter(
                models.Q(home_station__in=stations) | models.Q(home_station__isnull=True)
            )
        return self.filter(home_station__in=stations)

    def matching_identity(self, *, mobile: str = "", id_hash: str = "") -> SeekerQuerySet:
        """Existing records with this mobile or this ID number (deduplication)."""
        condition = models.Q(pk__in=[])
        if mobile:
            condition |= models.Q(mobile=mobile)
        if id_hash:
            condition |= models.Q(id_number_hash=id_hash)
        return self.filter(condition)

    def search(self, text: str) -> SeekerQuerySet:
        """Find by full mobile, masked mobile (first 3 + last 4 digits), resident ID, number or name."""
        text = (text or "").strip()
        if not text:
            return self
        try:
            return self.filter(mobile=validate_mobile(text))
        except ValidationError:
            pass
        folded = normalize_mobile(text)
        masked = _MASKED_MOBILE_RE.match(folded)
        if masked:
            return self.filter(mobile__startswith=masked.group(1), mobile__endswith=masked.group(2))
        try:
            return self.filter(id_number_hash=resident_id_hash(validate_resident_id(text)))
        except ValidationError:
            pass
        return self.filter(models.Q(name__icontains=text) | models.Q(number=text.upper()))

    def with_last_contact(self) -> SeekerQuerySet:
        """Annotate ``last_contact_at``: the latest follow-up written in the service ledger."""
        from stations.models import ServiceRecord

        latest = (
            ServiceRecord.objects.filter(
                subject_type="seekers.seeker",
                subject_id=Cast(models.OuterRef("pk"), models.CharField()),
                kind=ServiceRecord.Kind.FOLLOW_UP,
            )
            .order_by("-at")
            .values("at")[:1]
        )
        return self.annotate(last_contact_at=models.Subquery(latest))

    def priority_ledger(self, station) -> SeekerQuerySet:
        """The priority-group ledger of a station: still seeking, longest waiting first."""
        return (
            self.homed_at(station)
            .seeking()
            .in_priority_groups()
            .annotate(waiting_since=models.Max("periods__start"))
            .with_last_contact()
            .select_related("primary_occupation")
            .order_by(models.F("waiting_since").asc(nulls_first=True), "pk")
        )


class SeekingPeriodQuerySet(models.QuerySet):
    """Seeking periods (求职登记有效期), as the monthly figures count them."""

    def _ends_on_or_after(self, day: datetime.date) -> models.Q:
        return models.Q(ended_on__isnull=True, end__gte=day) | models.Q(
            ended_on__isnull=False, ended_on__gte=day, end__gte=day
        )

    def overlapping(self, first: datetime.date, last: datetime.date) -> SeekingPeriodQuerySet:
        """Periods that count on at least one day of [first, last] (e.g. a calendar month)."""
        return self.filter(models.Q(start__lte=last) & self._ends_on_or_after(first))

    def started_in(self, first: datetime.date, last: datetime.date) -> SeekingPeriodQuerySet:
        """Periods that started within [first, last] (new applicants)."""
        return self.filter(start__gte=first, start__lte=last)

    def current(self, on: datetime.date | None = None) -> SeekingPeriodQuerySet:
        """Periods running on a day (today by default, Asia/Shanghai)."""
        on = on or timezone.localdate()
        return self.overlapping(on, on)

    def running(self, on: datetime.date | None = None) -> SeekingPeriodQuerySet:
        """Periods running on a day and not ended early (a period ended that very day, by
        withdrawal or long-term work, still counts for the day but is no longer running)."""
        return self.current(on).filter(ended_on__isnull=True)

    def latest_first(self) -> SeekingPeriodQuerySet:
        return self.order_by("-start", "-pk")


class JobAlertQuerySet(models.QuerySet):
    """Seekers' job alerts."""

    def switched_on(self) -> JobAlertQuerySet:
        return self.filter(active=True)


class JobAlertTargetQuerySet(models.QuerySet):
    """The (kind of work, township) pairs of switched-on alerts."""

    def for_job(self, *, occupation_ids, township_id: int | None, daily_pay=None):
        """(seeker id, days, at once) of the alerts a new job matches: its kind of work (or the
        kind's parent) among the chosen ones, its township chosen (or none chosen), pay not below
        the lowest asked, the seeker neither paused nor withdrawn. One range of the (kind,
        township) index per kind, then each seeker by its key (bench/alerts.py); days are
        checked on the rows returned."""
        kinds = [pk for pk in occupation_ids if pk]
        where = models.Q(occupation_id__in=kinds, township__isnull=True)
        if township_id:
            where |= models.Q(occupation_id__in=kinds, township_id=township_id)
        qs = self.filter(where).exclude(seeker__status__in=["paused", "withdrawn"])
        if daily_pay is not None:
            qs = qs.filter(
                models.Q(min_daily_pay__isnull=True) | models.Q(min_daily_pay__lte=daily_pay)
            )
        return qs.values_list("seeker_id", "days", "at_once").distinct()
