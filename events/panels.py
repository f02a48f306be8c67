"""Panels of the events app: the station's events on the workbench; my event registrations (seeker)
and events to join (employer) on "Me"."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gigmarket.panels import Panel, me, workbench
from gigmarket.roles import Role

ROWS = 5


def _desk(request: HttpRequest) -> bool:
    user = request.user
    return user.is_authenticated and user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)


def workbench_context(request: HttpRequest) -> dict:
    import datetime

    from django.utils import timezone

    from events.models import Event, Participation

    mine = Event.objects.writable_by(request.user)
    coming = mine.filter(
        state__in=(Event.State.PLANNED, Event.State.OPEN, Event.State.HELD),
        ends_at__gt=timezone.now() - datetime.timedelta(days=7),
    ).order_by("starts_at", "pk")
    return {
        "events": list(coming.select_related("station")[:ROWS]),
        "applications": Participation.objects.filter(
            event__in=mine, state=Participation.State.APPLIED
        ).count(),
    }


def seeker_context(request: HttpRequest) -> dict:
    from events.models import Registration
    from seekers.models import Seeker

    seeker = Seeker.objects.filter(user=request.user).first()
    registrations = []
    if seeker is not None:
        registrations = list(
            Registration.objects.filter(seeker=seeker)
            .select_related("event")
            .order_by("-event__starts_at")[:ROWS]
        )
    return {"registrations": registrations}


def employer_context(request: HttpRequest) -> dict:
    from events.models import Event, Participation
    from jobs.models import Employer

    employer = Employer.objects.filter(user=request.user).first()
    taking_part = []
    if employer is not None:
        taking_part = list(
            Participation.objects.filter(employer=employer)
            .select_related("event")
            .order_by("-event__starts_at")[:ROWS]
        )
    joined = {p.event_id for p in taking_part}
    coming = [
        e
        for e in Event.objects.filter(state__in=(Event.State.PLANNED, Event.State.OPEN)).order_by(
            "starts_at"
        )[: ROWS * 2]
        if e.pk not in joined
    ][:ROWS]
    return {"taking_part": taking_part, "coming": coming, "employer": employer}


def register() -> None:
    workbench.register(
        Panel(
            key="events-coming",
            title=_("Recruitment events"),
            template="events/panels/workbench.html",
            context=workbench_context,
            visible=_desk,
            order=35,
        )
    )
    me.register(
        Panel(
            key="events-seeker",
            title=_("My recruitment events"),
            template="events/panels/me_seeker.html",
            context=seeker_context,
            visible=lambda r: r.user.is_authenticated and r.user.kind == "seeker",
            order=35,
        )
    )
    me.register(
        Panel(
            key="events-employer",
            title=_("Recruitment events"),
            template="events/panels/me_employer.html",
            context=employer_context,
            visible=lambda r: r.user.is_authenticated and r.user.kind == "employer",
            order=35,
        )
    )
