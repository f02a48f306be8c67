"""Pages of the stations app: the public directory and station page, the registry back-office,
the service ledger and the yearly evaluation. Views bind a form, call a service, redirect."""

from __future__ import annotations

import datetime
import io
import json
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from gigmarket import facts
from gigmarket.http import public_page, shared_page
from gigmarket.models import Region
from gigmarket.redirects import redirect_to_next, safe_next_url
from gigmarket.roles import Role, role_required
from gigmarket.tabular import csv_bytes, xlsx_bytes
from stations import hours as hours_text
from stations import scoring, services
from stations.forms import (
    AssignForm,
    DirectoryForm,
    EvaluationForm,
    HoursFormSet,
    LedgerEntryForm,
    LedgerFilterForm,
    OpeningExceptionForm,
    ReasonForm,
    SelfAssessmentForm,
    StationForm,
    apply_errors,
    current_year,
    evaluation_year,
    this_week,
    year_choices,
)
from stations.geo import distance_km, gcj02_to_wgs84, wgs84_to_gcj02
from stations.models import (
    OpeningException,
    ServiceRecord,
    Station,
    StationAssignment,
    StationEvaluation,
)

ADMIN = (Role.COUNTY_ADMIN,)
LEDGER_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
#: Open jobs listed on a station's page (the rest are one tap away in the job list).
STATION_JOBS_SHOWN = 10
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


# ---- public: the directory and the station page ----

DIRECTORY_KEY = "stations:directory"


def _directory_version() -> str:
    """The directory's cached page is kept for the minute ("open now" is worked out per minute)."""
    return f"{timezone.now():%Y%m%d%H%M}"


@login_not_required
@require_safe
@public_page
@shared_page(params=frozenset(["township", "open_now"]), version=_directory_version)
def station_list(request: HttpRequest) -> HttpResponse:
    """The public directory (零工市场电子地图): list first, map when tiles are configured."""
    # The directory changes a few times a year: its rows come from the shared cache (a minute).
    stations = cache.get(DIRECTORY_KEY)
    if stations is None:
        stations = list(Station.objects.for_directory().within(_site_region()))
        cache.set(DIRECTORY_KEY, stations, 60)
    township_codes = {s.region.code[:9] for s in stations if len(s.region.code) >= 9}
    form = DirectoryForm(
        request.GET or None, townships=Region.objects.townships().filter(code__in=township_codes)
    )
    now = timezone.now()
    here = None
    if form.is_valid():
        township = form.cleaned_data["township"]
        if township is not None:
            stations = [s for s in stations if township.contains(s.region)]
        lat, lng = form.cleaned_data["lat"], form.cleaned_data["lng"]
        if lat is not None and lng is not None:
            here = (lat, lng)
    for station in stations:
        station.open_now = station.is_open_at(now)
        station.today_hours = hours_text.spans_label(station.hours_on(timezone.localdate(now)))
        point = station.wgs84()
        station.distance = round(distance_km(here, point), 1) if here and point else None
    if form.is_valid() and form.cleaned_data["open_now"]:
        stations = [s for s in stations if s.open_now]
    if here:
        stations.sort(key=lambda s: (s.distance is None, s.distance or 0, s.code))
    # The cards of the plain directory (no filter, no location) are the same for everyone for a
    # minute: drawn once into the shared cache.
    key = f"stations:directory:cards:{get_language()}:{now:%Y%m%d%H%M}" if not request.GET else None
    cards = cache.get(key) if key else None
    if cards is None:
        cards = render_to_string(
            "stations/includes/_directory_cards.html", {"stations": stations}, request=request
        )
        if key:
            cache.set(key, cards, 60)
    context = {
        "form": form,
        "cards": mark_safe(cards),  # drawn by our own template
        "near": here is not None,
        "map": _map_context(stations),
    }
    return render(request, "stations/station_list.html", context)


def _site_region() -> Region | None:
    return Region.objects.filter(code=settings.SITE_REGION_CODE).first()


def _map_context(stations: list[Station]) -> dict | None:
    """What the Leaflet map (stations.js) needs: the tile URL, the stations and the upcoming
    events in the tiles' datum (None = no map: the list alone, and no map script is loaded)."""
    tile_url = getattr(settings, "MAP_TILE_URL", "")
    if not tile_url:
        return None
    tile_datum = getattr(settings, "MAP_TILE_DATUM", "gcj02")

    def placed(wgs84: tuple[float, float]) -> tuple[float, float]:
        lat, lng = wgs84_to_gcj02(*wgs84) if tile_datum == "gcj02" else wgs84
        return round(lat, 6), round(lng, 6)

    points = []
    for station in stations:
        point = station.wgs84()
        if point is None:
            continue
        lat, lng = placed(point)
        points.append(
            {
                "lat": lat,
                "lng": lng,
                "name": station.name,
                "url": station.get_absolute_url(),
                "open": station.open_now,
                "kind": station.get_kind_display(),
                "address": f"{station.region.name} {station.address}".strip(),
                "hours": station.today_hours,
                "phone": station.service_phone,
            }
        )
    # The second layer: upcoming recruitment events, asked of the app that keeps them.
    events = []
    for event in facts.ask(facts.MAP_EVENTS, _site_region(), default=[]) or []:
        try:
            lat, lng = float(event["lat"]), float(event["lng"])
        except (KeyError, TypeError, ValueError):
            continue
        if event.get("datum") == "gcj02":
            lat, lng = gcj02_to_wgs84(lat, lng)
        lat, lng = placed((lat, lng))
        starts = event.get("starts")
        if isinstance(starts, datetime.datetime):
            starts = timezone.localtime(starts).strftime("%m-%d %H:%M")
        elif isinstance(starts, datetime.date):
            starts = starts.strftime("%m-%d")
        events.append(
            {
                "lat": lat,
                "lng": lng,
                "title": str(event.get("title", "")),
                "url": str(event.get("url", "")),
                "starts": str(starts or ""),
            }
        )
    if not points and not events:
        return None
    return {"tile_url": tile_url, "points": points, "events": events}


def _visible_station(request: HttpRequest, code: str) -> Station:
    """An active station for everyone; a retired one only for the admin who keeps it."""
    station = get_object_or_404(Station.objects.select_related("region").with_hours(), code=code)
    if (
        not station.active
        and not Station.objects.managed_by(request.user).filter(pk=station.pk).exists()
    ):
        raise Http404
    return station


@login_not_required
@require_GET
def station_detail(request: HttpRequest, code: str) -> HttpResponse:
    """One station: address, hours and open now, tap-to-call phones, facilities, services, QR."""
    station = _visible_station(request, code)
    today = timezone.localdate()
    rows = list(station.opening_hours.all())
    can_write = Station.objects.writable_by(request.user).filter(pk=station.pk).exists()
    can_manage = Station.objects.managed_by(request.user).filter(pk=station.pk).exists()
    staff_count = station.assignments.filter(active=True).count() if can_write else 0
    upcoming = [
        e for e in station.opening_exceptions.all() if e.date <= today + datetime.timedelta(days=60)
    ]
    # One bounded query (asked of the jobs app, which sits above this one): one more than shown
    # says whether to offer "all of this station's jobs".
    open_jobs = (
        facts.ask(facts.STATION_OPEN_JOBS, station, STATION_JOBS_SHOWN + 1, default=[])
        if station.active
        else []
    )
    # Current policies, guides and notices that apply here (asked of the publicity app above).
    articles = facts.ask(facts.STATION_ARTICLES, station, 5, default=[]) if station.active else []
    context = {
        "station": station,
        "articles": articles,
        "open_now": station.is_open_at(),
        "next_opening": station.next_opening(),
        "today_hours": hours_text.spans_label(station.hours_on(today)),
        "today_exception": station.exception_on(today),
        "weekly": hours_text.weekly_lines(rows),
        "exceptions": upcoming,
        "can_write": can_write,
        "can_manage": can_manage,
        "gaps": _station_gaps(station, staff_count) if can_write else [],
        "live_events": facts.ask(facts.STATION_LIVE_EVENTS, station, default=[]),
        # The standing satisfaction survey posted at the station (the feedback app above).
        "survey_url": facts.ask(facts.STATION_SURVEY_URL, station, default=None)
        if station.active
        else None,
        "jsonld": _jsonld(request, station, rows, upcoming),
        "navigation": station.navigation_links(),
        "open_jobs": open_jobs[:STATION_JOBS_SHOWN],
        "more_jobs": len(open_jobs) > STATION_JOBS_SHOWN,
        "year": evaluation_year(),
    }
    return render(request, "stations/station_detail.html", context)


def _jsonld(request, station: Station, rows, exceptions) -> str:
    """schema.org markup (GovernmentOffice: a Place with hours and telephones), safe inside <script>."""
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": station.name,
        "url": request.build_absolute_uri(station.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": station.address,
            "addressLocality": station.region.name,
            "addressCountry": "CN",
        },
        "openingHoursSpecification": hours_text.schema_specification(rows)
        + [
            {
                "@type": "OpeningHoursSpecification",
                "validFrom": e.date.isoformat(),
                "validThrough": e.date.isoformat(),
                "opens": "00:00" if e.closed else f"{e.opens:%H:%M}",
                "closes": "00:00" if e.closed else f"{e.closes:%H:%M}",
            }
            for e in exceptions
        ],
        "amenityFeature": [
            {"@type": "LocationFeatureSpecification", "name": str(label), "value": True}
            for label in station.facility_labels
        ],
    }
    if station.service_phone:
        data["telephone"] = station.service_phone
    contact = []
    if station.service_phone:
        contact.append(
            {
                "@type": "ContactPoint",
                "telephone": station.service_phone,
                "contactType": "customer service",
            }
        )
    if station.complaint_phone:
        contact.append(
            {
                "@type": "ContactPoint",
                "telephone": station.complaint_phone,
                "contactType": "complaints",
            }
        )
    if contact:
        data["contactPoint"] = contact
    point = station.wgs84()
    if point:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": round(point[0], 6),
            "longitude": round(point[1], 6),
        }
    if station.service_labels:
        data["description"] = "、".join(str(s) for s in station.service_labels)
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES))  # noqa: S308


@login_not_required
@require_GET
def station_qr(request: HttpRequest, code: str) -> HttpResponse:
    """The station page's address as a QR code (SVG), for posters at the door."""
    station = _visible_station(request, code)
    qr = segno.make(request.build_absolute_uri(station.get_absolute_url()), error="m")
    buffer = io.BytesIO()
    qr.save(
        buffer, kind="svg", scale=6, border=2, title=station.name, dark="#000000", light="#ffffff"
    )
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# ---- back-office: the registry ----


def _managed(request: HttpRequest, code: str) -> Station:
    return get_object_or_404(
        Station.objects.managed_by(request.user).select_related("region"), code=code
    )


def _writable(request: HttpRequest, code: str) -> Station:
    return get_object_or_404(
        Station.objects.writable_by(request.user).select_related("region"), code=code
    )


@require_GET
@role_required(*ADMIN)
def station_registry(request: HttpRequest) -> HttpResponse:
    """The county admin's registry: every site in their area, active or retired, with its gaps."""
    stations = list(
        Station.objects.managed_by(request.user)
        .select_related("region")
        .with_staff_count()
        .order_by("-active", "kind", "code")
    )
    for station in stations:
        station.gap_list = station.compliance_gaps(station.staff_count)
    return render(request, "stations/station_registry.html", {"stations": stations})


def _last_month() -> datetime.date:
    """The first day of the month before this one (the last whole month)."""
    return (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _event_gaps(stations) -> dict[int, str]:
    """{station id: gap} for markets that held no recruitment event last month (events app)."""
    return facts.ask(facts.MARKET_EVENT_GAPS, stations, _last_month(), default={})


def _station_gaps(station: Station, staff_count: int) -> list:
    """One station's gaps: the standard's (area, staff) and last month's missing event."""
    extra = None
    if station.active:
        extra = _event_gaps(Station.objects.filter(pk=station.pk)).get(station.pk)
    return station.compliance_gaps(staff_count) + ([extra] if extra else [])


@require_GET
@role_required(*ADMIN)
def station_gaps(request: HttpRequest) -> HttpResponse:
    """Sites short of the standard (area, staff), and markets that held no recruitment event
    last month, for the admin to put right."""
    managed = Station.objects.managed_by(request.user).active()
    event_gaps = _event_gaps(managed)
    short = managed.with_gaps().values("pk")
    stations = list(
        managed.with_staff_count()
        .filter(Q(pk__in=short) | Q(pk__in=list(event_gaps)))
        .select_related("region")
        .order_by("code")
    )
    for station in stations:
        station.gap_list = station.compliance_gaps(station.staff_count)
        if station.pk in event_gaps:
            station.gap_list.append(event_gaps[station.pk])
    return render(request, "stations/station_gaps.html", {"stations": stations})


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def station_create(request: HttpRequest) -> HttpResponse:
    """Register a market or station."""
    form = StationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            station = services.station_register(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Registered %(name)s. Now set its hours and staff.") % {"name": station}
            )
            return redirect("stations:station_hours", code=station.code)
    return render(request, "stations/station_form.html", {"form": form, "station": None})


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def station_edit(request: HttpRequest, code: str) -> HttpResponse:
    """Change a station's registry fields."""
    station = _managed(request, code)
    form = StationForm(request.POST or None, instance=station, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "code"}
        try:
            services.station_update(station=station, by=request.user, **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(station)
    return render(request, "stations/station_form.html", {"form": form, "station": station})


def _hours_initial(station: Station) -> list[dict]:
    """The weekly hours as form rows: one per run of days and period (a lunch break makes two)."""
    return [
        {"days": days, "opens": opens, "closes": closes}
        for days, spans in hours_text.grouped(station.opening_hours.all())
        for opens, closes in spans
    ]


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def station_hours(request: HttpRequest, code: str) -> HttpResponse:
    """Weekly opening hours (rules) and dated exceptions (holidays)."""
    station = _managed(request, code)
    formset = HoursFormSet(request.POST or None, initial=_hours_initial(station), prefix="hours")
    if request.method == "POST" and formset.is_valid():
        rules = [
            (f.cleaned_data["days"], f.cleaned_data["opens"], f.cleaned_data["closes"])
            for f in formset.forms
            if f.cleaned_data.get("days")
        ]
        try:
            services.station_hours_set(station=station, by=request.user, rules=rules)
        except ValidationError as error:
            formset._non_form_errors = formset.error_class(error.messages)
        else:
            messages.success(request, _("Opening hours saved."))
            return redirect("stations:station_hours", code=station.code)
    exceptions = station.opening_exceptions.filter(
        date__gte=timezone.localdate() - datetime.timedelta(days=30)
    )
    return render(
        request,
        "stations/station_hours.html",
        {
            "station": station,
            "formset": formset,
            "exceptions": exceptions,
            "exception_form": OpeningExceptionForm(),
            "weekly": hours_text.weekly_lines(station.opening_hours.all()),
        },
    )


@require_POST
@role_required(*ADMIN)
def exception_add(request: HttpRequest, code: str) -> HttpResponse:
    """Add a dated exception (a holiday closure or other hours)."""
    station = _managed(request, code)
    form = OpeningExceptionForm(request.POST)
    if form.is_valid():
        try:
            services.opening_exception_set(station=station, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
    if form.errors:
        formset = HoursFormSet(prefix="hours", initial=_hours_initial(station))
        return render(
            request,
            "stations/station_hours.html",
            {
                "station": station,
                "formset": formset,
                "exception_form": form,
                "exceptions": station.opening_exceptions.all(),
                "weekly": hours_text.weekly_lines(station.opening_hours.all()),
            },
            status=400,
        )
    messages.success(request, _("Exception saved."))
    return redirect("stations:station_hours", code=station.code)


@require_POST
@role_required(*ADMIN)
def exception_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    station = _managed(request, code)
    exception = get_object_or_404(OpeningException, station=station, pk=pk)
    services.opening_exception_remove(exception=exception, by=request.user)
    messages.success(request, _("Exception removed."))
    return redirect("stations:station_hours", code=station.code)


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def station_staff(request: HttpRequest, code: str) -> HttpResponse:
    """Who works at the station (staff / lead); assign someone."""
    station = _managed(request, code)
    form = AssignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.staff_assign(station=station, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Assigned %(user)s.") % {"user": form.cleaned_data["user"]})
            return redirect("stations:station_staff", code=station.code)
    assignments = station.assignments.select_related("user").order_by(
        "-active", "role", "user__username"
    )
    active_count = sum(1 for a in assignments if a.active)
    return render(
        request,
        "stations/station_staff.html",
        {
            "station": station,
            "form": form,
            "assignments": assignments,
            "gaps": station.compliance_gaps(active_count),
        },
    )


@require_POST
@role_required(*ADMIN)
def assignment_end(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    station = _managed(request, code)
    assignment = get_object_or_404(StationAssignment, station=station, pk=pk, active=True)
    services.assignment_end(assignment=assignment, by=request.user)
    messages.success(
        request, _("%(user)s no longer works at this station.") % {"user": assignment.user}
    )
    return redirect("stations:station_staff", code=station.code)


@require_POST
@role_required(*ADMIN)
def station_retire(request: HttpRequest, code: str) -> HttpResponse:
    """Retire a site (退出), with a reason."""
    station = _managed(request, code)
    form = ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.station_retire(
                station=station, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("%(name)s is retired and no longer listed.") % {"name": station}
            )
    else:
        messages.error(request, _("Please give a reason."))
    return redirect_to_next(request, reverse("stations:station_registry"))


# ---- the service ledger ----


def _ledger_params(request: HttpRequest) -> dict:
    """The ledger's filters from the query string; today when no dates are given."""
    today = timezone.localdate().isoformat()
    params = {"start": today, "end": "", "kind": ""}
    params.update(
        {k: request.GET.get(k, "") for k in ("start", "end", "kind") if request.GET.get(k)}
    )
    if not params["end"]:
        params["end"] = max(params["start"], today)
    return params


@require_GET
@role_required(*LEDGER_ROLES)
def ledger(request: HttpRequest, code: str) -> HttpResponse:
    """A station's service ledger (工作日志台账), by date range and kind."""
    station = _writable(request, code)
    form = LedgerFilterForm(_ledger_params(request))
    records = ServiceRecord.objects.none()
    counts = {}
    data = None
    if form.is_valid():
        data = form.cleaned_data
        base = ServiceRecord.objects.for_station(station).between(data["start"], data["end"])
        counts = base.counts_by_kind()
        records = base.of_kind(data["kind"]).select_related("staff")
    page = Paginator(records, 100).get_page(request.GET.get("page"))
    labels = dict(ServiceRecord.Kind.choices)
    week = this_week()
    return render(
        request,
        "stations/ledger.html",
        {
            "station": station,
            "form": form,
            "page": page,
            "range": data,
            "counts": [(labels[k], n) for k, n in sorted(counts.items(), key=lambda kv: -kv[1])],
            "total": sum(counts.values()),
            "entry_form": LedgerEntryForm(),
            "query": urlencode(_ledger_params(request)),
            "week_start": week[0],
            "week_end": week[1],
        },
    )


@require_GET
@role_required(*LEDGER_ROLES)
def ledger_export(request: HttpRequest, code: str) -> HttpResponse:
    """The ledger for a date range as CSV (UTF-8 BOM) or XLSX."""
    station = _writable(request, code)
    form = LedgerFilterForm(_ledger_params(request))
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or _("Check the dates."))
        return redirect("stations:ledger", code=station.code)
    data = form.cleaned_data
    records = (
        ServiceRecord.objects.for_station(station)
        .between(data["start"], data["end"])
        .of_kind(data["kind"])
        .select_related("staff")
        .order_by("at", "pk")
    )
    header = [_("Date"), _("Time"), _("Kind"), _("Staff member"), _("About"), _("Note")]
    rows = [
        [
            timezone.localtime(r.at).strftime("%Y-%m-%d"),
            timezone.localtime(r.at).strftime("%H:%M"),
            r.get_kind_display(),
            str(r.staff) if r.staff else "",
            r.subject_label,
            r.note,
        ]
        for r in records
    ]
    name = f"ledger-{station.code}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
    if request.GET.get("format") == "xlsx":
        body = xlsx_bytes([(str(_("Service ledger")), header, rows)])
        response = HttpResponse(
            body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_POST
@role_required(*LEDGER_ROLES)
def ledger_entry_add(request: HttpRequest, code: str) -> HttpResponse:
    """Record a consultation (or another service) by hand: the quick form's target."""
    station = _writable(request, code)
    form = LedgerEntryForm(request.POST)
    back = safe_next_url(request, reverse("stations:ledger", kwargs={"code": station.code}))
    if not form.is_valid():
        messages.error(request, " ".join(m for errs in form.errors.values() for m in errs))
        return HttpResponseRedirect(back)
    try:
        record = services.ledger_entry_add(station=station, by=request.user, **form.cleaned_data)
    except PermissionDenied:
        raise
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Recorded: %(kind)s at %(time)s.")
            % {
                "kind": record.get_kind_display(),
                "time": timezone.localtime(record.at).strftime("%H:%M"),
            },
        )
    return HttpResponseRedirect(back)


# ---- yearly evaluation ----


@require_GET
@role_required(*ADMIN)
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """The year's evaluations across the admin's area: who has self-assessed, who is evaluated."""
    try:
        year = int(request.GET.get("year") or current_year())
    except ValueError:
        year = current_year()
    stations = list(Station.objects.managed_by(request.user).active().select_related("region"))
    evaluations = {
        e.station_id: e
        for e in StationEvaluation.objects.for_year(year).filter(
            station__in=[s.pk for s in stations]
        )
    }
    rows = [(s, evaluations.get(s.pk)) for s in stations]
    followups = StationEvaluation.objects.retire_followups().filter(
        station__in=Station.objects.managed_by(request.user)
    )
    return render(
        request,
        "stations/evaluation_list.html",
        {
            "rows": rows,
            "year": year,
            "years": year_choices(),
            "followup_count": followups.count(),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*LEDGER_ROLES)
def self_assessment(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The station's self-assessment for a year, with the ledger's workload figures."""
    _check_year(year)
    station = _writable(request, code)
    evaluation = StationEvaluation.objects.filter(station=station, year=year).first()
    ledger_figures = services.workload_for(station=station, year=year)
    reported = evaluation.workload if evaluation and evaluation.workload else ledger_figures
    form = SelfAssessmentForm(
        request.POST or None,
        initial={
            "summary": evaluation.self_summary if evaluation else "",
            **{k: reported.get(k, 0) for k in ServiceRecord.Kind.values},
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.self_assessment_submit(
                station=station,
                year=year,
                by=request.user,
                summary=form.cleaned_data["summary"],
                workload=form.workload(ledger_figures),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Self-assessment for %(year)s saved.") % {"year": year})
            return redirect("stations:self_assessment", code=station.code, year=year)
    return render(
        request,
        "stations/self_assessment.html",
        {
            "station": station,
            "year": year,
            "form": form,
            "evaluation": evaluation,
            "workload": _workload_rows(ledger_figures),
        },
    )


def _check_year(year: int) -> None:
    """A year in the URL that no evaluation can be about is a 404 (year 0 would crash the dates)."""
    if not 2000 <= year <= current_year() + 1:
        raise Http404


def _workload_rows(figures: dict) -> list[tuple[str, int]]:
    labels = dict(ServiceRecord.Kind.choices)
    return [(labels[k], figures.get(k, 0)) for k in ServiceRecord.Kind.values] + [
        (_("Total"), figures.get("total", 0))
    ]


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def evaluation_record(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The centre's evaluation of a station's year: scores, total, grade."""
    _check_year(year)
    station = _managed(request, code)
    evaluation = StationEvaluation.objects.filter(station=station, year=year).first()
    if evaluation is None:
        messages.error(
            request,
            _("The station has not sent its self-assessment for %(year)s yet.") % {"year": year},
        )
        return redirect(reverse("stations:evaluation_list") + f"?year={year}")
    satisfaction = facts.ask(facts.STATION_SATISFACTION, station, year, default=None)
    form = EvaluationForm(
        request.POST or None,
        initial={"attitude": scoring.attitude_from_satisfaction(satisfaction)},
    )
    if request.method == "POST" and form.is_valid():
        scores = {k: form.cleaned_data[k] for k in scoring.CRITERIA}
        try:
            evaluation = services.evaluation_record(
                evaluation=evaluation,
                by=request.user,
                scores=scores,
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Evaluated: %(total)s points, %(grade)s.")
                % {"total": evaluation.total, "grade": evaluation.get_grade_display()},
            )
            if evaluation.needs_retirement:
                return redirect("stations:retire_followups")
            return redirect(reverse("stations:evaluation_list") + f"?year={year}")
    return render(
        request,
        "stations/evaluation_form.html",
        {
            "station": station,
            "year": year,
            "form": form,
            "evaluation": evaluation,
            "workload": _workload_rows(
                evaluation.workload or services.workload_for(station=station, year=year)
            ),
            "live_workload": _workload_rows(services.workload_for(station=station, year=year)),
            "weights": scoring.weights(),
            "satisfaction": satisfaction,
        },
    )


@require_GET
@role_required(*ADMIN)
def retire_followups(request: HttpRequest) -> HttpResponse:
    """Contracted-out sites that failed their evaluation and are still open: retire them."""
    followups = StationEvaluation.objects.retire_followups().filter(
        station__in=Station.objects.managed_by(request.user)
    )
    return render(
        request, "stations/retire_followups.html", {"followups": followups, "form": ReasonForm()}
    )
