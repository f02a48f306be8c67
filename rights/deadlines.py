"""Deadlines in working days (限时办结): weekends and configured public holidays are skipped."""

from __future__ import annotations

import datetime

from rights.models import DEFAULT_DEADLINE_DAYS, Holiday, KindDeadline


def working_days_for(kind: str) -> int:
    """The working days a kind of complaint has: its ``KindDeadline`` row, else the default."""
    row = KindDeadline.objects.filter(kind=kind).values_list("working_days", flat=True).first()
    return row if row is not None else DEFAULT_DEADLINE_DAYS.get(kind, 10)


def add_working_days(start: datetime.date, days: int) -> datetime.date:
    """The ``days``-th working day after ``start`` (a day received counts as day 0).

    A configured holiday is not a working day; a configured working day (调休) is one even on a weekend.
    """
    horizon = start + datetime.timedelta(days=days * 3 + 60)
    special = dict(
        Holiday.objects.filter(date__gt=start, date__lte=horizon).values_list(
            "date", "is_working_day"
        )
    )
    day, left = start, days
    while left > 0:
        day += datetime.timedelta(days=1)
        working = special.get(day, day.weekday() < 5)
        if working:
            left -= 1
    return day


def due_date_for(kind: str, received: datetime.date) -> datetime.date:
    """When a case of ``kind`` received on ``received`` must be closed."""
    return add_working_days(received, working_days_for(kind))
