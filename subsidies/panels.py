"""Panels of the subsidies app: claims due on the workbench; my claims and what is missing on "Me"."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gigmarket.models import User
from gigmarket.panels import Panel, me, workbench
from gigmarket.roles import Role
from subsidies.models import Claim


def _handles_claims(request: HttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)


def workbench_context(request: HttpRequest) -> dict:
    """Claims due at my station (county admin: region): to submit, to decide, waiting for documents."""
    due = Claim.objects.handled_by(request.user).due()
    return {
        "due": list(due.for_list().order_by("created_at")[:5]),
        "due_count": due.count(),
        "is_admin": request.user.has_role(Role.COUNTY_ADMIN),
    }


def me_context(request: HttpRequest) -> dict:
    """The person's own claims, newest first, each with what is still missing."""
    claims = list(
        Claim.objects.of_person(request.user)
        .select_related("scheme", "station")
        .prefetch_related("documents")[:10]
    )
    for claim in claims:
        claim.missing_now = claim.still_missing() if claim.status in ("drafted", "returned") else []
    return {"claims": claims}


def register() -> None:
    workbench.register(
        Panel(
            key="subsidies-claims",
            title=_("Subsidy claims"),
            template="subsidies/panels/workbench.html",
            context=workbench_context,
            visible=_handles_claims,
            order=45,
        )
    )
    me.register(
        Panel(
            key="subsidies-my-claims",
            title=_("My subsidy claims"),
            template="subsidies/panels/me.html",
            context=me_context,
            visible=lambda request: (
                request.user.is_authenticated and request.user.kind == User.Kind.SEEKER
            ),
            order=55,
        )
    )
