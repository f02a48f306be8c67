"""The guidance app's monthly figures, for the monthly report's service figures
(reports/selectors.py ``service()`` calls ``month_figures``)."""

from __future__ import annotations

import calendar
import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from guidance.models import Guidance, InsuranceAdvice, PlanStep, Registration

#: The figures' keys, in the order the report lists them.
KEYS = (
    "guidance_people",
    "guidance_plans",
    "guidance_placed_30_days",
    "guidance_placed_90_days",
    "registrations_employment",
    "registrations_unemployment",
    "placements_with_cover",
    "placements_without_cover",
    "insurance_recommended",
    "insurance_bought",
)


def _bounds(month) -> tuple[datetime.date, datetime.datetime, datetime.datetime]:
    """(first day, start, end) of ``month``: a date in it or anything with ``.first``."""
    first = getattr(month, "first", month).replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    starts = datetime.datetime.combine(first, datetime.time(0), tzinfo=zone)
    ends = datetime.datetime.combine(
        last + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone
    )
    return first, starts, ends


def _placed_within(days: int):
    from jobs.models import Placement

    return Exists(
        Placement.objects.filter(
            seeker=OuterRef("seeker"),
            confirmed_at__gte=OuterRef("given_at"),
            confirmed_at__lt=OuterRef("given_at") + datetime.timedelta(days=days),
        )
    )


def month_figures(month, region=None) -> dict:
    """What guidance, registration help and insurance advice did in the month, in ``region``
    (its subtree; None for all): people guided, plans made, plans whose person was placed within
    30 and 90 days of the guidance, registrations of each kind, and placements confirmed in the
    month with accident cover (the job's, or bought on recommendation) and without."""
    from jobs.models import Placement

    _first, starts, ends = _bounds(month)
    # Four queries in all (the monthly report's page pins its query count).
    step = Exists(PlanStep.objects.filter(guidance=OuterRef("pk")))
    guided = (
        Guidance.objects.order_by()
        .within(region)
        .given_between(starts, ends)
        .annotate(is_planned=step, is_placed_30=_placed_within(30), is_placed_90=_placed_within(90))
        .aggregate(
            people=Count("seeker", distinct=True),
            plans=Count("pk", filter=Q(is_planned=True)),
            placed_30=Count("pk", filter=Q(is_planned=True, is_placed_30=True)),
            placed_90=Count("pk", filter=Q(is_planned=True, is_placed_90=True)),
        )
    )
    registrations = (
        Registration.objects.order_by()
        .within(region)
        .recorded_between(starts, ends)
        .aggregate(
            employment=Count("pk", filter=Q(kind=Registration.Kind.EMPLOYMENT)),
            unemployment=Count("pk", filter=Q(kind=Registration.Kind.UNEMPLOYMENT)),
        )
    )
    placements = Placement.objects.order_by().filter(
        confirmed_at__gte=starts, confirmed_at__lt=ends
    )
    if region is not None:
        placements = placements.filter(job__region__code__startswith=region.prefix)
    bought = Exists(InsuranceAdvice.objects.filter(placement=OuterRef("pk"), status="bought"))
    cover = placements.annotate(is_bought=bought).aggregate(
        total=Count("pk"),
        covered=Count("pk", filter=~Q(job__insurance_kind="none") | Q(is_bought=True)),
    )
    advice = InsuranceAdvice.objects.order_by().filter(
        placement__confirmed_at__gte=starts, placement__confirmed_at__lt=ends
    )
    if region is not None:
        advice = advice.filter(placement__job__region__code__startswith=region.prefix)
    advised = advice.aggregate(
        recommended=Count("pk", filter=~Q(status="due")),
        bought=Count("pk", filter=Q(status="bought")),
    )
    return {
        "guidance_people": guided["people"],
        "guidance_plans": guided["plans"],
        "guidance_placed_30_days": guided["placed_30"],
        "guidance_placed_90_days": guided["placed_90"],
        "registrations_employment": registrations["employment"],
        "registrations_unemployment": registrations["unemployment"],
        "placements_with_cover": cover["covered"],
        "placements_without_cover": cover["total"] - cover["covered"],
        "insurance_recommended": advised["recommended"],
        "insurance_bought": advised["bought"],
    }
