"""Hand-built records for the report tests: jobs, seekers, seeking periods and placements with
exact dates (Asia/Shanghai), created directly so that each test states every number it counts."""

from __future__ import annotations

import datetime
import itertools
import zoneinfo
from decimal import Decimal

from django.utils import timezone

from gigmarket.models import Industry, Occupation, Region
from jobs.models import Job, Placement, PlacementTransition
from seekers.models import Seeker, SeekingPeriod, last_day_of_month_after_next
from tests.gigmarket.factories import RegionFactory
from tests.jobs.factories import EmployerFactory, JobFactory
from tests.stations.factories import StationFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
_numbers = itertools.count(1)


def at(text: str) -> datetime.datetime:
    """'2026-03-31 23:30' in Asia/Shanghai, as an aware datetime."""
    return datetime.datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code)


def industry(code: str) -> Industry:
    return Industry.objects.get(code=code)


def county(code: str = "520999", name: str = "示范县") -> Region:
    return RegionFactory(code=code, name=name)


def township(county_region: Region, suffix: str = "001") -> Region:
    return RegionFactory(
        code=county_region.code + suffix, name=f"第{suffix}镇", parent=county_region
    )


def station(region: Region, code: str | None = None):
    return StationFactory(code=code or f"rep{next(_numbers)}", region=region)


def job(
    *,
    region: Region,
    opened: str | None,
    occupation_code: str = "4-01",
    headcount: int = 1,
    status: str = Job.Status.OPEN,
    ended: str | None = None,
    valid_through: str = "2027-12-31",
    pay_min: str = "200",
    pay_max: str | None = None,
    pay_unit: str = Job.PayUnit.DAY,
    industry_code: str | None = None,
    at_station=None,
) -> Job:
    """A job opened at ``opened`` (Shanghai time), ended at ``ended`` (if any)."""
    employer = EmployerFactory(region=region)
    return JobFactory(
        employer=employer,
        region=region,
        occupation=occupation(occupation_code),
        industry=industry(industry_code) if industry_code else None,
        headcount=headcount,
        status=status,
        opened_at=at(opened) if opened else None,
        ended_at=at(ended) if ended else None,
        valid_through=day(valid_through),
        start_date=day("2026-01-01"),
        end_date=None,
        pay_min=Decimal(pay_min),
        pay_max=Decimal(pay_max) if pay_max else None,
        pay_unit=pay_unit,
        station=at_station,
    )


def seeker(*, home_station=None, home_region: Region | None = None) -> Seeker:
    return Seeker.objects.create(
        name="测试求职者",
        consent_at=timezone.now(),
        consent_version="1",
        home_station=home_station,
        home_region=home_region,
    )


def period(
    person: Seeker,
    *,
    start: str,
    occupation_code: str = "4-01",
    ended_on: str | None = None,
    industry_code: str | None = None,
    at_station=None,
    kind: str = SeekingPeriod.Kind.REGISTRATION,
) -> SeekingPeriod:
    """A seeking period from ``start`` to the last day of the month after next (or ended early)."""
    first = day(start)
    return SeekingPeriod.objects.create(
        seeker=person,
        kind=kind,
        start=first,
        end=last_day_of_month_after_next(first),
        ended_on=day(ended_on) if ended_on else None,
        end_reason=SeekingPeriod.EndReason.PLACED if ended_on else "",
        primary_occupation=occupation(occupation_code),
        intended_industry=industry(industry_code) if industry_code else None,
        station=at_station,
    )


def placement(
    on_job: Job,
    *,
    state: str = Placement.State.CONFIRMED,
    confirmed: str | None = None,
    completed: str | None = None,
    pay_amount: str | None = None,
    pay_unit: str = "",
    person: Seeker | None = None,
    created: str | None = None,
) -> Placement:
    """A placement on ``on_job`` (a new seeker unless ``person``), its log rows dated as given."""
    row = Placement.objects.create(
        job=on_job,
        seeker=person or seeker(),
        origin=Placement.Origin.RECOMMENDED,
        state=state,
        station=on_job.station,
        confirmed_at=at(confirmed) if confirmed else None,
        completed_at=at(completed) if completed else None,
        pay_amount=Decimal(pay_amount) if pay_amount else None,
        pay_unit=pay_unit,
        created_at=at(created) if created else timezone.now(),
    )
    if created:
        PlacementTransition.objects.create(
            placement=row, from_state="", to_state="recommended", at=at(created)
        )
    if confirmed:
        PlacementTransition.objects.create(
            placement=row, from_state="recommended", to_state="confirmed", at=at(confirmed)
        )
    if completed:
        PlacementTransition.objects.create(
            placement=row, from_state="on_duty", to_state="completed", at=at(completed)
        )
    return row
