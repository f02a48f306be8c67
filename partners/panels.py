"""Panels of the partners app: referrals waiting at my station, on the workbench."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel, workbench
from gigmarket.roles import Role
from partners.models import Referral


def _handles_referrals(request: HttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)


def workbench_context(request: HttpRequest) -> dict:
    waiting = Referral.objects.to_stations_of(request.user).open()
    return {
        "waiting": list(waiting.for_list().order_by("created_at")[:5]),
        "waiting_count": waiting.count(),
    }


def register() -> None:
    workbench.register(
        Panel(
            key="partners-referrals",
            title=_("Referrals from partners"),
            template="partners/panels/workbench.html",
            context=workbench_context,
            visible=_handles_referrals,
            order=47,
        )
    )
