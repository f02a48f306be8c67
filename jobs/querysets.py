"""QuerySets of employers and jobs, named in the domain's words."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.postgres.fields import ArrayField
from django.core.cache import cache
from django.db import connections, models
from django.db.models import Q, Value
from django.db.models.functions import StrIndex
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from gigmarket.roles import Role

if TYPE_CHECKING:
    from gigmarket.models import Occupation, Region, User


def _station_model():
    from django.apps import apps

    return apps.get_model("stations", "Station")


#: The kinds of work's names and aliases for the keyword search (reused for a few minutes).
KIND_WORDS_KEY = "jobs:kind-words"
KIND_WORDS_SECONDS = 300


class _Bigrams(models.Func):
    """``gm_bigrams(column)`` (PostgreSQL, migration job_list_indexes): the column's
    two-character pieces, as the keyword indexes hold them."""

    function = "gm_bigrams"

    def __init__(self, column: str):
        super().__init__(models.F(column), output_field=ArrayField(models.TextField()))


class EmployerQuerySet(models.QuerySet):
    """Employers (用工主体)."""

    def matching(self, *, credit_code: str = "", mobile: str = "") -> EmployerQuerySet:
        """Employers that look like the same one: the same credit code or the same contact mobile."""
        condition = Q(pk__in=[])
        if credit_code:
            condition |= Q(credit_code=credit_code)
        if mobile:
            condition |= Q(contact_mobile=mobile)
        return self.filter(condition)

    def active(self) -> EmployerQuerySet:
        """Employers not suspended."""
        return self.filter(suspended=False)

    def search(self, text: str) -> EmployerQuerySet:
        """By name, credit code or mobile."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__contains=text) | Q(credit_code=text.upper()) | Q(contact_mobile=text)
        )

    def visible_to(self, user: User) -> EmployerQuerySet:
        """Employers a back-office user may look up: staff, reviewers and admins see the county's."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN, Role.REVIEWER) and user.region_id:
            return self.filter(region__code__startswith=user.region.prefix)
        if user.has_role(Role.COUNTY_ADMIN, Role.REVIEWER, Role.STATION_STAFF):
            return self
        return self.none()

    def writable_by(self, user: User) -> EmployerQuerySet:
        """Employers a user may correct, verify or suspend: a county admin's region; for station
        staff, the employers their station registered, and employers with no station (registered
        online) that have a job with their station (the station answers for it). An online
        employer with no job yet is the county admin's: no station's staff may open its mobile."""
        from stations.models import Station

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.COUNTY_ADMIN):
            if user.region_id:
                return self.filter(region__code__startswith=user.region.prefix)
            return self
        if not user.has_role(Role.STATION_STAFF):
            return self.none()
        stations = list(Station.objects.staffed_by(user))
        if not stations:
            return self.none()
        jobs = self.model._meta.get_field("jobs").related_model
        with_a_job_here = jobs.objects.filter(station__in=stations).values("employer_id")
        return self.filter(
            Q(station__in=stations) | Q(station__isnull=True, pk__in=with_a_job_here)
        )


class JobQuerySet(models.QuerySet):
    """Jobs (岗位)."""

    def open(self) -> JobQuerySet:
        """Jobs open to sign-ups (published, not filled, closed or expired)."""
        return self.filter(status="open")

    def listed(self, today: datetime.date | None = None) -> JobQuerySet:
        """Open jobs still within their valid-through date: what lists, feeds and screens show,
        even before ``expire_jobs`` has run."""
        return self.open().filter(valid_through__gte=today or timezone.localdate())

    def public(self) -> JobQuerySet:
        """Jobs whose public page exists: published at least once and not back in review."""
        return self.filter(
            opened_at__isnull=False, status__in=["open", "filled", "closed", "expired"]
        )

    def pending_review(self) -> JobQuerySet:
        """Jobs waiting for a reviewer, oldest first."""
        return self.filter(status="pending").order_by("updated_at", "pk")

    def past_valid_through(self, today: datetime.date | None = None) -> JobQuerySet:
        """Open jobs whose valid-through date has passed."""
        today = today or timezone.localdate()
        return self.open().filter(valid_through__lt=today)

    def near(self, region: Region | None) -> JobQuerySet:
        """Jobs whose place lies in ``region`` (a township, or a county)."""
        if region is None:
            return self
        return self.filter(region__code__startswith=region.prefix)

    def for_occupation(self, occupation: Occupation | None) -> JobQuerySet:
        """Jobs of a kind of work, or of any kind under a major group."""
        if occupation is None:
            return self
        if occupation.parent_id is None:
            return self.filter(occupation_id__in=occupation.children.values("pk"))
        return self.filter(occupation=occupation)

    def at_station(self, station) -> JobQuerySet:
        if station is None:
            return self
        return self.filter(station=station)

    def paying_at_least_per_day(self, amount) -> JobQuerySet:
        """Jobs whose pay, normalised to a day, is at least ``amount`` yuan."""
        if amount in (None, ""):
            return self
        return self.filter(pay_per_day__gte=amount)

    def starting_within(self, days: int, today: datetime.date | None = None) -> JobQuerySet:
        """Jobs with work on some day from today to today + ``days`` (0 = today)."""
        today = today or timezone.localdate()
        last = today + datetime.timedelta(days=days)
        return self.filter(start_date__lte=last).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )

    def _kind_words(self) -> list[tuple[int, str]]:
        """(id, name and colloquial aliases) of every kind of work: one query for the small
        occupation table, kept in the shared cache for a few minutes (as the filter's choices),
        so a keyword search costs the same number of queries however many words it has."""
        table = cache.get(KIND_WORDS_KEY)
        if table is None:
            occupations = self.model._meta.get_field("occupation").related_model.objects
            table = [
                (pk, f"{name}、{aliases}")
                for pk, name, aliases in occupations.values_list("pk", "name", "aliases")
            ]
            cache.set(KIND_WORDS_KEY, table, KIND_WORDS_SECONDS)
        return table

    def matching_text(self, text: str, *, open_only: bool = False) -> JobQuerySet:
        """Keyword search over title, work content and the kind of work's name and colloquial
        aliases ("采茶" finds 茶叶采摘工's jobs) — containment, so it works on Chinese; on
        PostgreSQL the trigram indexes of migration 0004 serve title and content. With
        ``open_only`` (the public list, which shows open jobs only) PostgreSQL looks each word of
        two characters or more up in the open jobs' bigram indexes instead (migration
        job_list_indexes): they serve common short words such as "搬运", from which pg_trgm
        takes no trigram."""
        text = (text or "").strip()
        if not text:
            return self
        bigrams = open_only and connections[self.db].vendor == "postgresql"
        query = Q()
        for word in text.split()[:5]:
            # Kinds of work whose name or aliases hold the word: a short list of ids, so that
            # the jobs' clause stays indexable.
            kinds = [pk for pk, words in self._kind_words() if word in words]
            by_kind = Q(occupation_id__in=kinds) if kinds else Q(pk__in=[])
            if bigrams and len(word) >= 2:
                # strpos, not LIKE: the rows come from the bigram bitmap, and LIKE would make
                # the planner AND in the whole table's trigram index as well.
                pieces = sorted({word[i : i + 2] for i in range(len(word) - 1)})
                query &= (
                    Q(title_bigrams__contains=pieces)
                    | Q(content_bigrams__contains=pieces)
                    | by_kind
                )
                query &= (
                    Q(GreaterThan(StrIndex("title", Value(word)), 0))
                    | Q(GreaterThan(StrIndex("content", Value(word)), 0))
                    | by_kind
                )
            else:
                query &= Q(title__contains=word) | Q(content__contains=word) | by_kind
        if bigrams:
            return self.alias(
                title_bigrams=_Bigrams("title"), content_bigrams=_Bigrams("content")
            ).filter(query)
        return self.filter(query)

    def for_cards(self) -> JobQuerySet:
        """With what a list card shows, in one query."""
        return self.select_related("occupation", "region", "station")

    def editable_by(self, user: User) -> JobQuerySet:
        """Jobs ``user`` may edit and move along: an employer's own; a station's for its staff;
        a county admin's region."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.kind == "employer":
            return self.filter(employer__user=user)
        if user.has_role(Role.COUNTY_ADMIN):
            if user.region_id is None:
                return self
            return self.filter(region__code__startswith=user.region.prefix)
        if user.has_role(Role.STATION_STAFF):
            return self.filter(station__in=_station_model().objects.staffed_by(user))
        return self.none()

    def reviewable_by(self, user: User) -> JobQuerySet:
        """Jobs ``user`` may approve or reject: reviewers' and county admins' region."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if user.has_role(Role.REVIEWER, Role.COUNTY_ADMIN):
            if user.region_id is None:
                return self
            return self.filter(region__code__startswith=user.region.prefix)
        return self.none()

    def dispatchable_by(self, user: User) -> JobQuerySet:
        """Jobs ``user`` may send people to and keep the placement record of: staff and admins
        on the jobs they edit (their station's, their region's). Never an employer's: an
        employer only answers for the people sent to it (``PlacementQuerySet.answerable_by``)."""
        if not user.is_authenticated:
            return self.none()
        if not (user.is_superuser or user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)):
            return self.none()
        return self.editable_by(user)

    def short_of_people(self) -> JobQuerySet:
        """Listed jobs with fewer confirmed-or-later placements than their headcount, soonest
        start first, annotated with ``confirmed_count``."""
        confirmed = models.Count(
            "placements", filter=Q(placements__state__in=CONFIRMED_OR_LATER_STATES)
        )
        return (
            self.listed()
            .annotate(confirmed_count=confirmed)
            .filter(confirmed_count__lt=models.F("headcount"))
            .order_by("start_date", "pk")
        )

    def visible_to(self, user: User) -> JobQuerySet:
        """Jobs whose back-office page ``user`` may open: the ones they edit or review."""
        return self.filter(pk__in=self.editable_by(user).values("pk")) | self.filter(
            pk__in=self.reviewable_by(user).values("pk")
        )


CONFIRMED_OR_LATER_STATES = ("confirmed", "on_duty", "completed")
ACTIVE_STATES = ("applied", "recommended", "confirmed", "on_duty")


class PlacementQuerySet(models.QuerySet):
    """Placements (匹配/派单): one seeker on one job."""

    def confirmed_or_later(self) -> PlacementQuerySet:
        """Placements that count against the job's headcount (confirmed, on duty, completed)."""
        return self.filter(state__in=CONFIRMED_OR_LATER_STATES)

    def active(self) -> PlacementQuerySet:
        """Placements still in play: signed up, recommended, confirmed or on duty."""
        return self.filter(state__in=ACTIVE_STATES)

    def pending(self) -> PlacementQuerySet:
        """Sign-ups and recommendations waiting for a confirmation."""
        return self.filter(state__in=("applied", "recommended"))

    def completed(self) -> PlacementQuerySet:
        return self.filter(state="completed")

    def completed_between(
        self, start: datetime.datetime, end: datetime.datetime
    ) -> PlacementQuerySet:
        """Completed at or after ``start`` and before ``end``."""
        return self.completed().filter(completed_at__gte=start, completed_at__lt=end)

    def no_shows_since(self, day: datetime.date) -> PlacementQuerySet:
        """No-shows on jobs created on or after ``day`` (recent no-shows rank a seeker last)."""
        return self.filter(state="no_show", updated_at__date__gte=day)

    def last_placed_on(self, seeker_ids) -> dict[int, datetime.date]:
        """The day (Asia/Shanghai) each seeker was last confirmed on a placement that still
        stands (confirmed, on duty, completed): {seeker id: date}; people never placed are left
        out. For "days since last placement" on the priority-group ledger (重点群体台账)."""
        rows = (
            self.confirmed_or_later()
            .filter(seeker_id__in=seeker_ids, confirmed_at__isnull=False)
            .values("seeker_id")
            .annotate(last=models.Max("confirmed_at"))
        )
        return {row["seeker_id"]: timezone.localdate(row["last"]) for row in rows}

    def of_seeker(self, seeker) -> PlacementQuerySet:
        return self.filter(seeker=seeker)

    def for_list(self) -> PlacementQuerySet:
        """With what a list row shows, in one query."""
        return self.select_related("job", "job__employer", "seeker", "station")

    def handled_by(self, user: User) -> PlacementQuerySet:
        """Placements whose record ``user`` keeps (the station's record: on duty, no-show,
        cancelled, the result): staff and admins, on jobs they may dispatch to (see
        ``JobQuerySet.dispatchable_by``) or handled by a station they work at. Never employers."""
        from jobs.models import Job

        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        if not user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN):
            return self.none()
        return self.filter(
            Q(job__in=Job.objects.dispatchable_by(user))
            | Q(station__in=_station_model().objects.writable_by(user))
        )

    def answerable_by(self, user: User) -> PlacementQuerySet:
        """Placements ``user`` may confirm or decline: the ones they handle, and for an
        employer, the placements on its own jobs (the service lets it answer only the people
        the station sent)."""
        if not user.is_authenticated:
            return self.none()
        if user.kind == "employer" and not user.is_superuser:
            return self.filter(job__employer__user=user)
        return self.handled_by(user)


class WaitingEntryQuerySet(models.QuerySet):
    """The waiting list at the stations (候工登记)."""

    def on(self, day: datetime.date | None = None) -> WaitingEntryQuerySet:
        """Entries of ``day`` (today by default, Asia/Shanghai)."""
        return self.filter(day=day or timezone.localdate())

    def at(self, stations) -> WaitingEntryQuerySet:
        """At one station or a queryset of stations."""
        if isinstance(stations, models.QuerySet):
            return self.filter(station__in=stations)
        return self.filter(station=stations)

    def for_list(self) -> WaitingEntryQuerySet:
        return self.select_related("seeker", "station", "seeker__primary_occupation").order_by(
            "station__name", "queue_number"
        )
