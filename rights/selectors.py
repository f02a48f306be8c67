"""Figures of complaints for the monthly report (reports reads these; nothing here writes).

For a calendar month M (Asia/Shanghai) and a region subtree (of the handling station):
- received: cases received in M;
- accepted: cases accepted in M;
- closed_within_deadline: cases finished (closed, or not accepted) in M on or before their due date;
- overdue: cases whose due date fell in M and that were not finished by then;
- transferred: cases transferred in M;
- wages_recovered / people_paid: amounts recorded on cases resolved in M.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from gigmarket.models import Region
from rights.models import Complaint, Kind

FIGURES = (
    "received",
    "accepted",
    "closed_within_deadline",
    "overdue",
    "transferred",
    "wages_recovered",
    "people_paid",
)


@dataclass
class ComplaintFigures:
    """One row of figures (for a kind, a station, or the total)."""

    received: int = 0
    accepted: int = 0
    closed_within_deadline: int = 0
    overdue: int = 0
    transferred: int = 0
    wages_recovered: Decimal = Decimal("0.00")
    people_paid: int = 0


@dataclass
class MonthlyComplaints:
    month: datetime.date
    total: ComplaintFigures = field(default_factory=ComplaintFigures)
    by_kind: dict[str, ComplaintFigures] = field(default_factory=dict)
    by_station: dict[str, ComplaintFigures] = field(default_factory=dict)  # station code → figures
    station_names: dict[str, str] = field(default_factory=dict)


def _bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def _local(qs, field_name: str):
    """Annotate the local (Asia/Shanghai) date of a datetime field, for month bounds."""
    return qs.annotate(**{f"{field_name}_day": TruncDate(field_name)})


def monthly_complaints(*, month: datetime.date, region: Region | None = None) -> MonthlyComplaints:
    """Complaint figures of a month, by kind and by station, for a region subtree (all when None)."""
    first, last = _bounds(month)
    base = Complaint.objects.within(region)
    result = MonthlyComplaints(month=first)
    for value, _label in Kind.choices:
        result.by_kind[value] = ComplaintFigures()

    def add(rows, attr: str, value_key: str = "n") -> None:
        for row in rows:
            value = row[value_key] or 0
            for target in (
                result.total,
                result.by_kind.setdefault(row["kind"], ComplaintFigures()),
                result.by_station.setdefault(row["station__code"], ComplaintFigures()),
            ):
                setattr(target, attr, getattr(target, attr) + value)
            result.station_names[row["station__code"]] = row["station__name"]

    keys = ("kind", "station__code", "station__name")

    def counted(qs, attr: str) -> None:
        add(qs.order_by().values(*keys).annotate(n=Count("pk")), attr)

    counted(_local(base, "received_at").filter(received_at_day__range=(first, last)), "received")
    counted(_local(base, "accepted_at").filter(accepted_at_day__range=(first, last)), "accepted")
    counted(
        _local(base, "transferred_at").filter(transferred_at_day__range=(first, last)),
        "transferred",
    )
    counted(
        _local(base, "done_at").filter(
            done_at_day__range=(first, last), done_at_day__lte=F("due_date")
        ),
        "closed_within_deadline",
    )
    today = timezone.localdate()
    counted(
        _local(base, "done_at")
        .filter(due_date__range=(first, last))
        .filter(Q(done_at__isnull=True, due_date__lt=today) | Q(done_at_day__gt=F("due_date"))),
        "overdue",
    )
    resolved = _local(base, "resolved_at").filter(resolved_at_day__range=(first, last))
    add(resolved.order_by().values(*keys).annotate(n=Sum("recovered_amount")), "wages_recovered")
    add(resolved.order_by().values(*keys).annotate(n=Sum("recovered_people")), "people_paid")
    return result
