"""Opening hours as people read them: weekdays grouped into runs with the same hours."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from stations.models import OpeningHours

SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def spans_by_day(
    rows: Iterable[OpeningHours],
) -> dict[int, tuple[tuple[datetime.time, datetime.time], ...]]:
    days: dict[int, list] = {}
    for row in rows:
        days.setdefault(row.weekday, []).append((row.opens, row.closes))
    return {day: tuple(sorted(spans)) for day, spans in days.items()}


def grouped(rows: Iterable[OpeningHours]) -> list[tuple[list[int], tuple]]:
    """[(weekdays, spans)]: consecutive weekdays with identical hours share one entry."""
    by_day = spans_by_day(rows)
    groups: list[tuple[list[int], tuple]] = []
    for day in range(7):
        spans = by_day.get(day)
        if not spans:
            continue
        if groups and groups[-1][1] == spans and groups[-1][0][-1] == day - 1:
            groups[-1][0].append(day)
        else:
            groups.append(([day], spans))
    return groups


def days_label(days: list[int]) -> str:
    names = dict(OpeningHours.Weekday.choices)
    if len(days) == 1:
        return str(names[days[0]])
    return _("%(first)s to %(last)s") % {"first": names[days[0]], "last": names[days[-1]]}


def spans_label(spans: Iterable[tuple[datetime.time, datetime.time]]) -> str:
    return ", ".join(f"{o:%H:%M}–{c:%H:%M}" for o, c in spans)


def weekly_lines(rows: Iterable[OpeningHours]) -> list[dict]:
    """[{days: "Monday to Friday", hours: "08:30–12:00, 14:00–17:30"}] for the page."""
    return [
        {"days": days_label(days), "hours": spans_label(spans)} for days, spans in grouped(rows)
    ]


def schema_specification(rows: Iterable[OpeningHours]) -> list[dict]:
    """schema.org OpeningHoursSpecification entries for the weekly hours."""
    specs = []
    for days, spans in grouped(rows):
        for opens, closes in spans:
            specs.append(
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in days],
                    "opens": f"{opens:%H:%M}",
                    "closes": f"{closes:%H:%M}",
                }
            )
    return specs
