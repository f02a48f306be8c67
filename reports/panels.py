"""The reports app's workbench panel (county admins): last published month and the way in."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel
from gigmarket.roles import Role


def _context(request: HttpRequest) -> dict:
    from reports.models import PublishedReport

    latest = (
        PublishedReport.objects.within(request.user.region).order_by("-month", "-revision").first()
    )
    return {"latest_report": latest}


workbench_panel = Panel(
    key="reports",
    title=_("Monthly report (demand ratio)"),
    template="reports/panels/workbench.html",
    context=_context,
    visible=lambda request: request.user.has_role(Role.COUNTY_ADMIN),
    order=90,
)
