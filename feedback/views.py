"""Pages of the feedback app: the survey (by a texted link or the station's walk-in link),
the stations' monthly satisfaction for the county, and the staff's follow-up list of employers
workers say did not pay as agreed (with the ratings, private to staff)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from feedback import querysets, services
from feedback.forms import SurveyForm
from feedback.models import Survey
from gigmarket.forms import add_service_errors
from gigmarket.roles import Role, role_required
from jobs.models import Employer
from stations.models import Station

STAFF = (Role.STATION_STAFF, Role.COUNTY_ADMIN)


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """The three questions, by the texted link (the token is the only key)."""
    row = get_object_or_404(Survey.objects.select_related("station"), token=token)
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and row.answered_at is None and form.is_valid():
        try:
            services.survey_answer(survey=row, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you: your answer helps the station do better."))
            return redirect("feedback:survey", token=token)
    return render(
        request,
        "feedback/survey.html",
        {"station": row.station, "survey": row, "form": form},
        status=400 if request.method == "POST" and row.answered_at is None else 200,
    )


def _quarter_key(station: Station) -> str:
    today = timezone.localdate()
    return f"feedback-walk-in:{station.code}:{today.year}Q{(today.month - 1) // 3 + 1}"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def station_survey(request: HttpRequest, code: str) -> HttpResponse:
    """The survey linked (and printed as a QR code) at each station; one answer per browser
    and quarter."""
    station = get_object_or_404(Station.objects.active(), code=code)
    done = bool(request.session.get(_quarter_key(station)))
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and not done and form.is_valid():
        try:
            services.survey_walk_in(station=station, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            request.session[_quarter_key(station)] = True
            messages.success(request, _("Thank you: your answer helps the station do better."))
            return redirect("feedback:station_survey", code=code)
    return render(
        request,
        "feedback/survey.html",
        {"station": station, "survey": None, "done": done, "form": form},
        status=400 if request.method == "POST" and not done else 200,
    )


@require_GET
@role_required(*STAFF)
def satisfaction(request: HttpRequest) -> HttpResponse:
    """Answered surveys per station and month for the year (county admins: their area; staff:
    their stations)."""
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    if request.user.has_role(Role.COUNTY_ADMIN):
        stations = Station.objects.managed_by(request.user)
    else:
        stations = Station.objects.staffed_by(request.user)
    stations = {s.pk: s for s in stations.order_by("code")}
    rows = Survey.objects.filter(station__in=list(stations)).in_year(year).monthly()
    table: dict[int, dict] = {}
    for row in rows:
        month = services._month_day(row["month"]).month
        table.setdefault(row["station_id"], {})[month] = row
    lines = [
        (station, [table.get(pk, {}).get(m) for m in range(1, 13)])
        for pk, station in stations.items()
    ]
    return render(
        request,
        "feedback/satisfaction.html",
        {"year": year, "lines": lines, "months": range(1, 13)},
    )


@require_GET
@role_required(*STAFF)
def followups(request: HttpRequest) -> HttpResponse:
    """Employers workers say did not pay as agreed (repeatedly), and the latest ratings."""
    return render(
        request,
        "feedback/followups.html",
        {
            "employers": querysets.low_pay_employers(request.user),
            "ratings": querysets.ratings_for_staff(request.user),
            "can_file": request.user.has_role(Role.STATION_STAFF),
            "min_answers": querysets.LOW_PAY_ANSWERS,
        },
    )


@require_POST
@role_required(Role.STATION_STAFF)
def wage_complaint(request: HttpRequest, uuid) -> HttpResponse:
    """Open an unpaid-wage complaint about a followed-up employer in one step."""
    listed = {row["employer"].pk for row in querysets.low_pay_employers(request.user)}
    employer = get_object_or_404(Employer, uuid=uuid)
    if employer.pk not in listed:
        raise PermissionDenied
    try:
        complaint, created = services.wage_complaint_open(employer=employer, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("feedback:followups")
    messages.success(
        request,
        (
            _("Complaint %(number)s opened.")
            if created
            else _("Complaint %(number)s was already open.")
        )
        % {"number": complaint.number},
    )
    return redirect(complaint.get_absolute_url())
