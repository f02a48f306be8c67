"""Pages of the events app: the public list, event pages and calendar/JSON feeds; the seeker's
one-tap registration and slip; the employer's request to join; the staff's planning, employers,
door (QR and mobile look-up), dispatch and results."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict

import icalendar
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from events import forms, services
from events.figures import event_results
from events.models import Event, EventLog, Participation, Registration
from gigmarket.forms import add_service_errors
from gigmarket.models import User
from gigmarket.roles import Role, role_required
from jobs.models import Employer, Job
from jobs.services.matching import seeker_for_sign_in
from seekers.models import Seeker
from stations.models import Station

DESK = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
PAGE_SIZE = 20


def _own_seeker(user: User) -> Seeker | None:
    if not user.is_authenticated or user.kind != User.Kind.SEEKER:
        return None
    return Seeker.objects.filter(user=user).not_withdrawn().first()


def _own_employer(user: User) -> Employer | None:
    if not user.is_authenticated or user.kind != User.Kind.EMPLOYER:
        return None
    return Employer.objects.filter(user=user).first()


def _booths(event: Event) -> list[Participation]:
    """The employers taking part, each with its jobs (two queries)."""
    return list(
        event.participations.filter(state=Participation.State.ACCEPTED)
        .select_related("employer")
        .prefetch_related("jobs")
    )


# ---- public ----


@login_not_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """Upcoming events, soonest first: where, when, what kind."""
    events = Event.objects.upcoming().for_list()
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"page": page})


def _public_event(public_id) -> Event:
    return get_object_or_404(
        Event.objects.public().select_related("station", "region"), public_id=public_id
    )


@login_not_required
@require_GET
def event_detail(request: HttpRequest, public_id) -> HttpResponse:
    """One event on the phone: when, where (or the stream), its employers and jobs; register in
    one tap; after it, its results."""
    event = _public_event(public_id)
    seeker = _own_seeker(request.user)
    mine = None
    if seeker is not None:
        mine = Registration.objects.filter(event=event, seeker=seeker).first()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "booths": _booths(event),
            "seeker": seeker,
            "mine": mine,
            "is_seeker": request.user.is_authenticated and request.user.kind == User.Kind.SEEKER,
            "is_employer": request.user.is_authenticated
            and request.user.kind == User.Kind.EMPLOYER,
            "results": event_results(event) if event.state == Event.State.CLOSED else None,
            "live": event.is_live(),
        },
    )


@require_POST
def event_register(request: HttpRequest, public_id) -> HttpResponse:
    """A logged-in seeker registers interest in one tap; anyone else is refused."""
    if request.user.kind != User.Kind.SEEKER:
        raise PermissionDenied
    event = _public_event(public_id)
    seeker = _own_seeker(request.user)
    if seeker is None:
        messages.error(request, _("Please complete your seeker registration first."))
        return redirect(event)
    try:
        registration = services.registration_add(event=event, seeker=seeker, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(event)
    messages.success(request, _("Registered. Show your slip at the door."))
    return redirect(registration.get_slip_url())


@require_POST
def event_job_sign_up(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    """A logged-in seeker signs up for one of the event's jobs from the event's page."""
    if request.user.kind != User.Kind.SEEKER:
        raise PermissionDenied
    event = _public_event(public_id)
    job = get_object_or_404(Job, pk=pk)
    seeker = _own_seeker(request.user)
    if seeker is None:
        messages.error(request, _("Please complete your seeker registration first."))
        return redirect(event)
    try:
        services.event_sign_up(event=event, job=job, seeker=seeker, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Signed up for “%(job)s”. The station will call you.") % {"job": job.title}
        )
    return redirect(event)


def _slip_registration(request: HttpRequest, token: str) -> Registration:
    """A slip is shown to the seeker it belongs to and to staff running the event."""
    registration = get_object_or_404(
        Registration.objects.select_related("event", "event__station", "seeker"), token=token
    )
    own = registration.seeker.user_id == request.user.pk
    runs = Event.objects.writable_by(request.user).filter(pk=registration.event_id).exists()
    if not (own or runs):
        raise PermissionDenied
    return registration


@require_GET
def registration_slip(request: HttpRequest, token: str) -> HttpResponse:
    """The printable registration slip: the event, the masked name, and a QR that opens the
    check-in page for staff (the QR carries the slip's token only)."""
    registration = _slip_registration(request, token)
    url = request.build_absolute_uri(registration.get_check_in_url())
    qr = segno.make(url, error="m").svg_data_uri(scale=5, border=2)
    return render(
        request,
        "events/registration_slip.html",
        {"registration": registration, "event": registration.event, "qr": qr},
    )


# ---- feeds ----


def _ics(events, name: str, request: HttpRequest) -> HttpResponse:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//gigmarket//recruitment events//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for event in events:
        item = icalendar.Event()
        item.add("uid", f"{event.public_id}@gigmarket")
        item.add("summary", event.title)
        item.add("dtstart", event.starts_at)
        item.add("dtend", event.ends_at)
        item.add("dtstamp", event.created_at)
        item.add("location", event.stream_url if event.is_remote else event.address)
        item.add("url", request.build_absolute_uri(event.get_absolute_url()))
        item.add("description", f"{event.get_kind_display()}\n{event.description}".strip())
        item.add("status", "CANCELLED" if event.state == Event.State.CANCELLED else "CONFIRMED")
        point = event.wgs84()
        if point:
            item.add("geo", (round(point[0], 6), round(point[1], 6)))
        calendar.add_component(item)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "public, max-age=600"
    return response


def _feed_events(station: Station | None = None):
    """Announced events from 30 days back onwards, for calendars and the provincial platform."""
    since = timezone.now() - datetime.timedelta(days=30)
    events = Event.objects.of_station(station) if station is not None else Event.objects.all()
    return (
        events.filter(
            state__in=("open", "held", "closed", "cancelled"),
            ends_at__gte=since,
            logs__to_state=Event.State.OPEN,
        )
        .distinct()
        .select_related("station", "region")
        .order_by("starts_at", "pk")[:200]
    )


@login_not_required
@require_GET
def county_calendar(request: HttpRequest) -> HttpResponse:
    """Every station's announced events as an iCalendar (.ics) feed."""
    return _ics(_feed_events(), _("Recruitment events"), request)


@login_not_required
@require_GET
def station_calendar(request: HttpRequest, code: str) -> HttpResponse:
    """One station's announced events as an iCalendar (.ics) feed."""
    station = get_object_or_404(Station.objects.active(), code=code)
    events = _feed_events(station)
    return _ics(events, f"{station.name} · {_('Recruitment events')}", request)


@login_not_required
@require_GET
def feed_json(request: HttpRequest) -> JsonResponse:
    """Announced events as schema.org Event items (beside the jobs feed, for the province)."""
    status = {
        Event.State.CANCELLED: "https://schema.org/EventCancelled",
    }
    items = []
    for event in _feed_events():
        item = {
            "@type": "Event",
            "identifier": str(event.public_id),
            "name": event.title,
            "description": event.description,
            "startDate": timezone.localtime(event.starts_at).isoformat(),
            "endDate": timezone.localtime(event.ends_at).isoformat(),
            "eventStatus": status.get(event.state, "https://schema.org/EventScheduled"),
            "url": request.build_absolute_uri(event.get_absolute_url()),
            "organizer": {"@type": "GovernmentOffice", "name": event.station.name},
            "additionalType": event.kind,
        }
        if event.is_remote:
            item["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
            item["location"] = {"@type": "VirtualLocation", "url": event.stream_url}
        else:
            item["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
            place = {
                "@type": "Place",
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.address,
                    "addressLocality": event.region.name,
                    "addressCountry": "CN",
                },
            }
            point = event.wgs84()
            if point:
                place["geo"] = {
                    "@type": "GeoCoordinates",
                    "latitude": round(point[0], 6),
                    "longitude": round(point[1], 6),
                }
            item["location"] = place
        items.append(item)
    return JsonResponse(
        {
            "@context": "https://schema.org",
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": items,
        },
        json_dumps_params={"ensure_ascii": False},
    )


# ---- employers ----


@require_http_methods(["GET", "POST"])
def event_join(request: HttpRequest, public_id) -> HttpResponse:
    """An employer asks to take part with some of its open jobs; staff then accept or decline."""
    employer = _own_employer(request.user)
    if employer is None:
        raise PermissionDenied
    event = get_object_or_404(
        Event.objects.filter(state__in=(Event.State.PLANNED, Event.State.OPEN)),
        public_id=public_id,
    )
    form = forms.JoinForm(request.POST if request.method == "POST" else None, employer=employer)
    if request.method == "POST" and form.is_valid():
        try:
            services.participation_apply(
                event=event, employer=employer, jobs=form.cleaned_data["jobs"], by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Your request to take part is sent; the station will answer.")
            )
            return redirect("core:me")
    mine = Participation.objects.filter(event=event, employer=employer).first()
    return render(
        request,
        "events/event_join.html",
        {"event": event, "form": form, "mine": mine},
        status=400 if form.errors else 200,
    )


# ---- staff ----


def _run(request: HttpRequest, public_id) -> Event:
    return get_object_or_404(
        Event.objects.writable_by(request.user).select_related("station", "region", "organiser"),
        public_id=public_id,
    )


@require_GET
@role_required(*DESK)
def manage_list(request: HttpRequest) -> HttpResponse:
    """The events my station (or my county) runs, newest first."""
    events = Event.objects.writable_by(request.user).for_list().order_by("-starts_at", "-pk")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/manage_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def event_create(request: HttpRequest) -> HttpResponse:
    """Plan an event."""
    form = forms.EventForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        station = data.pop("station")
        partners = data.pop("partner_stations")
        try:
            event = services.event_create(
                by=request.user, station=station, data=data, partner_stations=partners
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Event planned. Add employers, then open registration."))
            return redirect(event.get_manage_url())
    return render(
        request,
        "events/event_form.html",
        {"form": form, "title": _("Plan a recruitment event")},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def event_edit(request: HttpRequest, public_id) -> HttpResponse:
    """Correct an event before it is held."""
    event = _run(request, public_id)
    form = forms.EventForm(
        request.POST if request.method == "POST" else None,
        instance=event,
        user=request.user,
        editing=True,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=Event.objects.get(pk=event.pk), by=request.user, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Event saved."))
            return redirect(event.get_manage_url())
    return render(
        request,
        "events/event_form.html",
        {"form": form, "title": event.title, "event": event},
        status=400 if form.errors else 200,
    )


@require_GET
@role_required(*DESK)
def event_manage(request: HttpRequest, public_id) -> HttpResponse:
    """The event's back office: state and actions, employers and jobs, registrations, results."""
    event = _run(request, public_id)
    participations = list(event.participations.select_related("employer").prefetch_related("jobs"))
    registrations = list(event.registrations.for_list())
    links = list(
        event.placements.select_related("placement", "placement__job", "placement__seeker")
    )
    return render(
        request,
        "events/event_manage.html",
        {
            "event": event,
            "participations": participations,
            "registrations": registrations,
            "links": links,
            "results": event_results(event),
            "logs": EventLog.objects.filter(event=event).select_related("by"),
            "participants_form": forms.ParticipantsForm(user=request.user),
            "door_form": forms.DoorForm(),
            "dispatch_form": forms.DispatchForm(event=event),
            "next_states": services.ALLOWED.get(event.state, []),
        },
    )


@require_POST
@role_required(*DESK)
def event_move(request: HttpRequest, public_id) -> HttpResponse:
    """Open, hold, close with results, or cancel."""
    event = _run(request, public_id)
    form = forms.MoveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(event.get_manage_url())
    data = form.cleaned_data
    to = data["to"]
    try:
        if to == Event.State.OPEN:
            services.event_open(event=event, by=request.user)
        elif to == Event.State.HELD:
            services.event_hold(event=event, by=request.user)
        elif to == Event.State.CLOSED:
            services.event_close(
                event=event,
                by=request.user,
                intentions_reached=data["intentions_reached"],
                note=data["reason"],
            )
        elif to == Event.State.CANCELLED:
            services.event_cancel(event=event, by=request.user, reason=data["reason"])
        else:
            raise ValidationError(_("This change is not possible."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Event updated."))
    return redirect(event.get_manage_url())


@require_POST
@role_required(*DESK)
def participants_add(request: HttpRequest, public_id) -> HttpResponse:
    """Add employers with the open jobs they bring (ticked jobs are grouped by employer)."""
    event = _run(request, public_id)
    form = forms.ParticipantsForm(request.POST, user=request.user)
    if form.is_valid():
        by_employer: dict[Employer, list[Job]] = defaultdict(list)
        for job in form.cleaned_data["jobs"]:
            by_employer[job.employer].append(job)
        if form.cleaned_data["employer"] is not None:
            by_employer.setdefault(form.cleaned_data["employer"], [])
        try:
            for employer, jobs in by_employer.items():
                services.participation_add(
                    event=event, employer=employer, jobs=jobs, by=request.user
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(n)s employers taking part.") % {"n": len(by_employer)})
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(event.get_manage_url())


@require_POST
@role_required(*DESK)
def participation_decide(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    event = _run(request, public_id)
    participation = get_object_or_404(Participation, event=event, pk=pk)
    form = forms.DecideForm(request.POST)
    form.is_valid()
    try:
        services.participation_decide(
            participation=participation,
            accept=form.cleaned_data.get("accept", False),
            by=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Answer recorded."))
    return redirect(event.get_manage_url())


@require_POST
@role_required(*DESK)
def participation_present(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    event = _run(request, public_id)
    participation = get_object_or_404(Participation, event=event, pk=pk)
    try:
        services.participation_present(participation=participation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(event.get_manage_url())


_SLIP_RE = re.compile(r"(?:check-in/)?([A-Za-z0-9_-]{20,32})/?\s*$")


def _slip_in(event: Event, query: str) -> Registration | None:
    """The registration a scanned slip code (the check-in URL, or its token) names, if any."""
    match = _SLIP_RE.search(query.strip())
    if match is None:
        return None
    return (
        Registration.objects.filter(event=event, token=match.group(1))
        .select_related("seeker")
        .first()
    )


@require_POST
@role_required(*DESK)
def door_check_in(request: HttpRequest, public_id) -> HttpResponse:
    """At the door: look the seeker up (mobile, seeker number or slip code), register if need be,
    check in. Only the masked name is shown back."""
    event = _run(request, public_id)
    form = forms.DoorForm(request.POST)
    if form.is_valid():
        query = form.cleaned_data["query"]
        try:
            slip = _slip_in(event, query)
            seeker = slip.seeker if slip else seeker_for_sign_in(query)
            registration = services.door_check_in(event=event, seeker=seeker, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("%(name)s %(mobile)s checked in.")
                % {
                    "name": registration.seeker.masked_name,
                    "mobile": registration.seeker.masked_mobile,
                },
            )
    else:
        messages.error(request, _("Enter a mobile number or a seeker number."))
    return redirect(event.get_manage_url())


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def check_in(request: HttpRequest, token: str) -> HttpResponse:
    """The page a slip's QR opens: staff running the event see who (masked) and check them in."""
    registration = get_object_or_404(
        Registration.objects.filter(
            event__in=Event.objects.writable_by(request.user)
        ).select_related("event", "seeker"),
        token=token,
    )
    if request.method == "POST":
        try:
            services.registration_check_in(registration=registration, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s checked in.") % {"name": registration.seeker.masked_name}
            )
        return redirect("events:check_in", token=token)
    return render(
        request,
        "events/check_in.html",
        {"registration": registration, "event": registration.event},
    )


@require_POST
@role_required(*DESK)
def event_dispatch(request: HttpRequest, public_id) -> HttpResponse:
    """Send a registered seeker to one of the event's jobs; the placement remembers the event."""
    event = _run(request, public_id)
    form = forms.DispatchForm(request.POST, event=event)
    if form.is_valid():
        try:
            services.event_dispatch(
                event=event,
                job=form.cleaned_data["job"],
                seeker=form.cleaned_data["registration"].seeker,
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            text = (
                " ".join(error.messages)
                if isinstance(error, ValidationError)
                else _("You cannot send people to this job.")
            )
            messages.error(request, text)
        else:
            messages.success(request, _("Sent to the job; confirm the placement as usual."))
    else:
        messages.error(request, _("Pick a job and a seeker."))
    return redirect(event.get_manage_url())
