"""Panels of the training app: "my training" on the seeker's Me page, programmes enrolling on the workbench."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel
from gigmarket.roles import Role

WORKBENCH_ROWS = 5


def _me_context(request: HttpRequest) -> dict:
    from seekers.models import Seeker
    from training.models import Referral

    seeker = Seeker.objects.filter(user=request.user).first()
    referrals = []
    if seeker is not None:
        referrals = list(
            Referral.objects.of_seeker(seeker)
            .select_related("programme", "programme__occupation", "programme__station")
            .order_by("-created_at", "-pk")[:10]
        )
    return {"referrals": referrals}


def _workbench_context(request: HttpRequest) -> dict:
    from training.models import DemandOrder, Programme, Referral

    enrolling = (
        Programme.objects.visible_to(request.user)
        .enrolling()
        .for_listing()
        .order_by("start_date", "pk")
    )
    return {
        "programmes": list(enrolling[:WORKBENCH_ROWS]),
        "enrolling_count": enrolling.count(),
        "open_demand": DemandOrder.objects.visible_to(request.user).open().count(),
        "waiting_sign_ups": Referral.objects.visible_to(request.user)
        .in_state(Referral.Status.SIGNED_UP)
        .filter(programme__status__in=[Programme.Status.ENROLLING, Programme.Status.RUNNING])
        .count(),
        "is_admin": request.user.has_role(Role.COUNTY_ADMIN),
    }


me_panel = Panel(
    key="training-mine",
    title=_("My training"),
    template="training/panels/me.html",
    context=_me_context,
    visible=lambda request: request.user.is_authenticated and request.user.kind == "seeker",
    order=30,
)

workbench_panel = Panel(
    key="training-enrolling",
    title=_("Training enrolling"),
    template="training/panels/workbench.html",
    context=_workbench_context,
    visible=lambda request: request.user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN),
    order=40,
)
