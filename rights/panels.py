"""Panels of the rights app: overdue and my open cases on the workbench; my complaints on "Me"."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import User
from gigmarket.panels import Panel, me, workbench
from gigmarket.roles import Role
from rights.models import Complaint


def _handles_cases(request: HttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)


def workbench_context(request: HttpRequest) -> dict:
    """Overdue cases of my station (or county), my own open cases, new ones nobody has taken, and
    (for a county admin) the cases at stations with nobody in service, which only they can move."""
    today = timezone.localdate()
    handled = Complaint.objects.handled_by(request.user)
    overdue = handled.overdue(today).for_list().order_by("due_date")
    stranded = []
    if request.user.has_role(Role.COUNTY_ADMIN):
        stranded = list(handled.stranded().for_list().order_by("received_at")[:20])
    return {
        "stranded": stranded,
        "overdue": list(overdue[:5]),
        "overdue_count": overdue.count(),
        "mine": list(
            handled.owned_by(request.user).unfinished().for_list().order_by("due_date")[:5]
        ),
        "untaken_count": handled.filter(
            owner__isnull=True, status=Complaint.Status.RECEIVED
        ).count(),
        "today": today,
    }


def me_context(request: HttpRequest) -> dict:
    """The person's own complaints, newest first."""
    return {
        "complaints": list(
            Complaint.objects.of_complainant(request.user).select_related("station")[:10]
        )
    }


def register() -> None:
    workbench.register(
        Panel(
            key="rights-cases",
            title=_("Complaints"),
            template="rights/panels/workbench.html",
            context=workbench_context,
            visible=_handles_cases,
            order=40,
        )
    )
    me.register(
        Panel(
            key="rights-my-complaints",
            title=_("My complaints"),
            template="rights/panels/me.html",
            context=me_context,
            visible=lambda request: (
                request.user.is_authenticated and request.user.kind == User.Kind.SEEKER
            ),
            order=50,
        )
    )
