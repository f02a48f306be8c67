"""The guidance app's monthly figures, for the monthly report's service figures
(reports/selectors.py ``service()`` calls ``month_figures``)."""

from __future__ import annotations

import calendar
import datetime
import zoneinfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

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
    guidance = Guidance.objects.order_by().within(region).given_between(starts, ends)
    plans = guidance.filter(Exists(PlanStep.objects.filter(guidance=OuterRef("pk"))))
    registrations = Registration.objects.order_by().within(region).recorded_between(starts, ends)
    by_kind = {kind: registrations.filter(kind=kind).count() for kind in Registration.Kind.values}
    placements = Placement.objects.order_by().filter(
        confirmed_at__gte=starts, confirmed_at__lt=ends
    )
    if region is not None:
        placements = placements.filter(job__region__code__startswith=region.prefix)
    covered = ~Q(job__insurance_kind="none") | Q(
        Exists(InsuranceAdvice.objects.filter(placement=OuterRef("pk"), status="bought"))
    )
    with_cover = placements.filter(covered).count()
    advice = InsuranceAdvice.objects.order_by().filter(
        placement__confirmed_at__gte=starts, placement__confirmed_at__lt=ends
    )
    if region is not None:
        advice = advice.filter(placement__job__region__code__startswith=region.prefix)
    return {
        "guidance_people": guidance.values("seeker").distinct().count(),
        "guidance_plans": plans.count(),
        "guidance_placed_30_days": plans.filter(_placed_within(30)).count(),
        "guidance_placed_90_days": plans.filter(_placed_within(90)).count(),
        "registrations_employment": by_kind[Registration.Kind.EMPLOYMENT],
        "registrations_unemployment": by_kind[Registration.Kind.UNEMPLOYMENT],
        "placements_with_cover": with_cover,
        "placements_without_cover": placements.count() - with_cover,
        "insurance_recommended": advice.exclude(status="due").count(),
        "insurance_bought": advice.filter(status="bought").count(),
    }
