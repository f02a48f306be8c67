"""Reads of satisfaction surveys: answered ones, per station and month."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Avg, Count
from django.db.models.functions import TruncMonth
from django.utils import timezone


class SurveyQuerySet(models.QuerySet):
    def answered(self):
        return self.filter(answered_at__isnull=False)

    def in_year(self, year: int):
        tz = timezone.get_current_timezone()
        start = datetime.datetime(year, 1, 1, tzinfo=tz)
        end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
        return self.filter(answered_at__gte=start, answered_at__lt=end)

    def monthly(self) -> list[dict]:
        """Answered surveys per station and month (Asia/Shanghai): count and the three averages."""
        rows = (
            self.answered()
            .annotate(month=TruncMonth("answered_at", tzinfo=timezone.get_current_timezone()))
            .values("station_id", "month")
            .annotate(
                n=Count("pk"),
                environment=Avg("environment"),
                process=Avg("process"),
                result=Avg("result"),
            )
            .order_by("station_id", "month")
        )
        return [{**row, "overall": overall(row)} for row in rows]


def overall(row: dict) -> Decimal | None:
    """The mean of the three averages, to one decimal (out of 5)."""
    values = [row[k] for k in ("environment", "process", "result") if row.get(k) is not None]
    if not values:
        return None
    mean = Decimal(str(sum(float(v) for v in values) / len(values)))
    return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


#: An employer is followed up once this many workers said it did not pay as agreed.
LOW_PAY_ANSWERS = 2
#: ... within this many days.
LOW_PAY_DAYS = 365


def low_pay_employers(user, *, today: datetime.date | None = None) -> list[dict]:
    """Employers (on jobs ``user`` may dispatch to) that at least ``LOW_PAY_ANSWERS`` workers
    said did not pay as agreed in the last ``LOW_PAY_DAYS`` days: [{employer, n, last}]."""
    from jobs.models import Employer, Job, PlacementRating

    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=LOW_PAY_DAYS)
    rows = (
        PlacementRating.objects.filter(
            side=PlacementRating.Side.WORKER,
            paid_as_agreed=False,
            answered_at__date__gte=since,
            placement__job__in=Job.objects.dispatchable_by(user),
        )
        .values("placement__job__employer_id")
        .annotate(n=Count("pk"), last=models.Max("answered_at"))
        .filter(n__gte=LOW_PAY_ANSWERS)
        .order_by("-n", "-last")
    )
    rows = list(rows[:100])
    employers = Employer.objects.in_bulk([r["placement__job__employer_id"] for r in rows])
    return [
        {"employer": employers[r["placement__job__employer_id"]], "n": r["n"], "last": r["last"]}
        for r in rows
    ]


def ratings_for_staff(user, limit: int = 50):
    """The latest answered ratings on jobs ``user`` may dispatch to (private to staff)."""
    from jobs.models import Job, PlacementRating

    return (
        PlacementRating.objects.filter(
            answered_at__isnull=False, placement__job__in=Job.objects.dispatchable_by(user)
        )
        .select_related("placement__job__employer", "placement__seeker")
        .order_by("-answered_at", "-pk")[:limit]
    )
