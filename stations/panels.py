"""Workbench panels of the stations app: my station's day, and the registry at a glance."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel, workbench
from gigmarket.roles import Role
from stations.forms import evaluation_year
from stations.models import ServiceRecord, Station, StationEvaluation


def _my_stations(request: HttpRequest) -> list[Station]:
    if not request.user.is_authenticated:
        return []
    if not hasattr(request, "_my_stations"):
        request._my_stations = list(Station.objects.staffed_by(request.user).active())
    return request._my_stations


def my_station_context(request: HttpRequest) -> dict:
    """Each of the user's stations: today's ledger and the quick consultation form."""
    today = timezone.localdate()
    rows = []
    for station in _my_stations(request):
        today_records = ServiceRecord.objects.for_station(station).between(today, today)
        rows.append(
            {
                "station": station,
                "count": today_records.count(),
                "latest": list(today_records.select_related("staff")[:5]),
            }
        )
    return {"rows": rows, "next_url": request.get_full_path(), "year": evaluation_year()}


def registry_context(request: HttpRequest) -> dict:
    """Counts the county admin acts on: gaps, self-assessments waiting, sites to retire."""
    managed = Station.objects.managed_by(request.user)
    return {
        "station_count": managed.active().count(),
        "gap_count": managed.active().with_gaps().count(),
        "waiting_count": StationEvaluation.objects.filter(
            station__in=managed, status="self_assessed"
        ).count(),
        "retire_count": StationEvaluation.objects.retire_followups()
        .filter(station__in=managed)
        .count(),
    }


def register() -> None:
    workbench.register(
        Panel(
            key="stations-my-station",
            title=_("My station today"),
            template="stations/panels/_my_station.html",
            context=my_station_context,
            visible=lambda request: bool(_my_stations(request)),
            order=10,
        )
    )
    workbench.register(
        Panel(
            key="stations-registry",
            title=_("Stations"),
            template="stations/panels/_registry.html",
            context=registry_context,
            visible=lambda request: (
                request.user.is_authenticated and request.user.has_role(Role.COUNTY_ADMIN)
            ),
            order=15,
        )
    )
