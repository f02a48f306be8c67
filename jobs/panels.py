"""The jobs app's matching panels: today's waiting list and jobs short of people on the
workbench; a seeker's sign-ups and placements on their Me page."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel
from gigmarket.roles import Role

ROWS = 5


def _waiting_context(request: HttpRequest) -> dict:
    from jobs.models import WaitingEntry
    from stations.models import Station

    entries = WaitingEntry.objects.on().at(Station.objects.writable_by(request.user)).for_list()
    rows = list(entries[: ROWS + 1])
    return {"rows": rows[:ROWS], "count": entries.count() if len(rows) > ROWS else len(rows)}


def _short_context(request: HttpRequest) -> dict:
    from jobs.models import Job

    jobs = list(
        Job.objects.dispatchable_by(request.user).short_of_people().select_related("region")[:ROWS]
    )
    return {"jobs": jobs}


def _me_context(request: HttpRequest) -> dict:
    from jobs.forms import SeekerResultForm
    from jobs.models import Placement

    placements = list(
        Placement.objects.filter(seeker__user=request.user)
        .select_related("job", "job__station")
        .order_by("-created_at", "-pk")[:10]
    )
    complaint = reverse("rights:complaint_create")
    for p in placements:
        p.complaint_url = f"{complaint}?job={p.job_id}&kind=unpaid_wages"
        p.result_form = SeekerResultForm(auto_id=f"id_p{p.pk}_%s")
    from jobs.models import PlacementRating, RehireRequest

    # Asked again by an employer, and ratings still to give: the same pages as the texted links.
    rehires = list(
        RehireRequest.objects.filter(seeker__user=request.user, state="pending").select_related(
            "job", "employer"
        )[:5]
    )
    ratings = list(
        PlacementRating.objects.filter(
            placement__seeker__user=request.user, side="worker", answered_at__isnull=True
        ).select_related("placement__job")[:5]
    )
    return {"placements": placements, "rehires": rehires, "ratings": ratings}


def _is_dispatcher(request: HttpRequest) -> bool:
    return request.user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)


waiting_panel = Panel(
    key="jobs-waiting",
    title=_("Today's waiting list"),
    template="jobs/includes/_panel_waiting.html",
    context=_waiting_context,
    visible=_is_dispatcher,
    order=15,
)
short_panel = Panel(
    key="jobs-short",
    title=_("Open jobs still short of people"),
    template="jobs/includes/_panel_short.html",
    context=_short_context,
    visible=_is_dispatcher,
    order=16,
)
me_panel = Panel(
    key="jobs-placements",
    title=_("My sign-ups and jobs"),
    template="jobs/includes/_panel_me.html",
    context=_me_context,
    visible=lambda request: request.user.is_authenticated and request.user.kind == "seeker",
    order=20,
)
