"""The seekers app's panels: "my registration" on the seeker's Me page, priority groups on the workbench."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel
from gigmarket.roles import Role

WORKBENCH_ROWS = 5


def _me_context(request: HttpRequest) -> dict:
    from seekers.models import Seeker

    seeker = Seeker.objects.filter(user=request.user).select_related("home_station").first()
    period = None
    if seeker is not None:
        period = seeker.periods.latest_first().select_related("primary_occupation").first()
    today = timezone.localdate()
    return {
        "seeker": seeker,
        "period": period,
        "period_running": bool(period and period.is_current(today)),
        "days_left": (period.effective_end - today).days if period else 0,
    }


def _workbench_context(request: HttpRequest) -> dict:
    from seekers.models import Seeker
    from stations.models import Station

    station = (
        Station.objects.staffed_by(request.user).order_by("code").first()
        or Station.objects.writable_by(request.user).active().order_by("code").first()
    )
    rows = list(Seeker.objects.priority_ledger(station)[:WORKBENCH_ROWS]) if station else []
    today = timezone.localdate()
    for row in rows:
        row.days_waiting = (today - row.waiting_since).days if row.waiting_since else None
    return {"station": station, "rows": rows}


me_panel = Panel(
    key="seekers-registration",
    title=_("My registration"),
    template="seekers/panels/me.html",
    context=_me_context,
    visible=lambda request: request.user.is_authenticated and request.user.kind == "seeker",
    order=10,
)

workbench_panel = Panel(
    key="seekers-priority",
    title=_("Seekers and priority groups"),
    template="seekers/panels/workbench.html",
    context=_workbench_context,
    visible=lambda request: request.user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN),
    order=20,
)


def _alerts_context(request: HttpRequest) -> dict:
    from seekers.models import JobAlert

    alert = (
        JobAlert.objects.filter(seeker__user=request.user).prefetch_related("occupations").first()
    )
    return {"alert": alert}


alerts_panel = Panel(
    key="seekers-alerts",
    title=_("Job alerts by text message"),
    template="seekers/panels/alerts.html",
    context=_alerts_context,
    visible=lambda request: request.user.is_authenticated and request.user.kind == "seeker",
    order=12,
)
