"""Panels of the guidance app: follow-ups due and insurance to recommend on the workbench; the
person's plan and how to buy accident insurance on their Me page."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import User
from gigmarket.panels import Panel
from gigmarket.roles import Role

WORKBENCH_ROWS = 5


def _at_desk(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.has_role(
        Role.STATION_STAFF, Role.COUNTY_ADMIN
    )


def _is_seeker(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.kind == User.Kind.SEEKER


def _workbench_context(request: HttpRequest) -> dict:
    from guidance.models import InsuranceAdvice, PlanStep

    today = timezone.localdate()
    due = (
        PlanStep.objects.visible_to(request.user)
        .follow_ups_due(today)
        .select_related("guidance", "guidance__seeker")
        .order_by("due_on", "pk")
    )
    advice = InsuranceAdvice.objects.visible_to(request.user).due().for_listing()
    return {
        "follow_ups": list(due[:WORKBENCH_ROWS]),
        "follow_ups_count": due.count(),
        "advice": list(advice.order_by("created_at", "pk")[:WORKBENCH_ROWS]),
        "advice_count": advice.count(),
        "today": today,
    }


def _own_seeker(request: HttpRequest):
    """The logged-in person's registration, looked up once for both of this app's "me" panels."""
    from seekers.models import Seeker

    if not hasattr(request, "_guidance_seeker"):
        request._guidance_seeker = Seeker.objects.filter(user=request.user).first()
    return request._guidance_seeker


def _me_context(request: HttpRequest) -> dict:
    from guidance.selectors import latest_plan

    seeker = _own_seeker(request)
    return {"plan": latest_plan(seeker) if seeker is not None else None}


def _insurance_context(request: HttpRequest) -> dict:
    from guidance.selectors import advice_for

    seeker = _own_seeker(request)
    return {"advice": advice_for(seeker) if seeker is not None else []}


workbench_panel = Panel(
    key="guidance-follow-ups",
    title=_("Guidance follow-ups and insurance"),
    template="guidance/panels/workbench.html",
    context=_workbench_context,
    visible=_at_desk,
    order=35,
)

me_panel = Panel(
    key="guidance-my-plan",
    title=_("My service plan"),
    template="guidance/panels/me.html",
    context=_me_context,
    visible=_is_seeker,
    order=25,
)

insurance_panel = Panel(
    key="guidance-insurance",
    title=_("Accident insurance for gig work"),
    template="guidance/panels/insurance.html",
    context=_insurance_context,
    visible=_is_seeker,
    order=26,
)
