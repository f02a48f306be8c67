"""Training figures for the monthly report (月度报表), for a calendar month and a region subtree.

- referrals by state: referrals that reached each state during the month (from the transition log:
  the first state of a referral is "signed_up" or "referred"); a referral counts once per state;
- completions by occupation: referrals that reached "completed" during the month, by the
  programme's occupation;
- certificates by occupation: referrals certified with a certificate dated in the month;
- demand by occupation: demand orders recorded during the month (orders and people), whatever their
  status now, by the occupation wanted.

Months are Asia/Shanghai calendar months (the project's TIME_ZONE).
"""

from __future__ import annotations

import calendar
import datetime

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce

from gigmarket.models import Region
from training.models import DemandOrder, Referral, ReferralTransition


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month containing ``month``."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def _transitions(month: datetime.date, region: Region | None):
    first, last = month_bounds(month)
    rows = ReferralTransition.objects.filter(at__date__gte=first, at__date__lte=last)
    if region is not None:
        rows = rows.filter(referral__programme__region__code__startswith=region.prefix)
    return rows


def referrals_by_state(month: datetime.date, region: Region | None = None) -> dict[str, int]:
    """{state: referrals that reached it in the month}, every state present (zero when none)."""
    counts = dict.fromkeys(Referral.Status.values, 0)
    rows = (
        _transitions(month, region)
        .order_by()
        .values("to_state")
        .annotate(n=Count("referral", distinct=True))
    )
    for row in rows:
        counts[row["to_state"]] = row["n"]
    return counts


def completions_by_occupation(month: datetime.date, region: Region | None = None) -> list[dict]:
    """[{occupation_code, occupation, completed}] of referrals completed in the month."""
    rows = (
        _transitions(month, region)
        .filter(to_state=Referral.Status.COMPLETED)
        .order_by()
        .values("referral__programme__occupation__code", "referral__programme__occupation__name")
        .annotate(completed=Count("referral", distinct=True))
        .order_by("referral__programme__occupation__code")
    )
    return [
        {
            "occupation_code": r["referral__programme__occupation__code"],
            "occupation": r["referral__programme__occupation__name"],
            "completed": r["completed"],
        }
        for r in rows
    ]


def certificates_by_occupation(month: datetime.date, region: Region | None = None) -> list[dict]:
    """[{occupation_code, occupation, certified}] of certificates dated in the month."""
    first, last = month_bounds(month)
    referrals = Referral.objects.filter(
        status=Referral.Status.CERTIFIED, certificate_date__gte=first, certificate_date__lte=last
    ).within(region)
    rows = (
        referrals.order_by()
        .values("programme__occupation__code", "programme__occupation__name")
        .annotate(certified=Count("pk"))
        .order_by("programme__occupation__code")
    )
    return [
        {
            "occupation_code": r["programme__occupation__code"],
            "occupation": r["programme__occupation__name"],
            "certified": r["certified"],
        }
        for r in rows
    ]


def demand_by_occupation(month: datetime.date, region: Region | None = None) -> list[dict]:
    """[{occupation_code, occupation, orders, people}] of demand orders recorded in the month."""
    first, last = month_bounds(month)
    rows = (
        DemandOrder.objects.within(region)
        .filter(created_at__date__gte=first, created_at__date__lte=last)
        .order_by()
        .values("occupation__code", "occupation__name")
        .annotate(orders=Count("pk"), people=Coalesce(Sum("people"), 0))
        .order_by("occupation__code")
    )
    return [
        {
            "occupation_code": r["occupation__code"],
            "occupation": r["occupation__name"],
            "orders": r["orders"],
            "people": r["people"],
        }
        for r in rows
    ]
