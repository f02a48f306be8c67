"""Pages of the rights app: public filing and tracking; the staff's case list, case page and steps."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket import throttle
from gigmarket.forms import add_service_errors
from gigmarket.models import User
from gigmarket.network import client_ip
from gigmarket.roles import Role, role_required
from gigmarket.services import personal_data_opened
from gigmarket.throttle import Limit
from gigmarket.validators import normalize_mobile
from rights import forms, services
from rights.models import Complaint, Evidence, Holiday, Kind, KindDeadline
from stations.models import Station

#: Who handles cases at a desk.
HANDLER_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
LIST_PAGE_SIZE = 30
SESSION_TRACKED = "rights_tracked"
SESSION_FILED = "rights_last_filed"


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


_errors_to_form = add_service_errors


def _client_ip(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


# ---- rate limits (counted atomically in the shared cache: gigmarket.throttle) ----


def _filing_keys(request: HttpRequest, mobile: str) -> list[Limit]:
    """The limits one filing counts against: per address and per mobile."""
    keys = [
        Limit(
            f"rights:file:ip:{_client_ip(request)}",
            _setting("RIGHTS_FILING_LIMIT_PER_IP", 10),
            _setting("RIGHTS_FILING_WINDOW_SECONDS", 3600),
        )
    ]
    normal = normalize_mobile(mobile or "")
    if normal:
        keys.append(
            Limit(
                f"rights:file:mobile:{normal}",
                _setting("RIGHTS_FILING_LIMIT_PER_MOBILE", 3),
                _setting("RIGHTS_FILING_WINDOW_SECONDS", 3600),
            )
        )
    return keys


def _remember_tracked(request: HttpRequest, complaint: Complaint) -> None:
    tracked = [n for n in request.session.get(SESSION_TRACKED, []) if n != complaint.number]
    request.session[SESSION_TRACKED] = [complaint.number, *tracked][:10]


# ---- public: filing ----


def _reported_job(raw: str | int | None):
    """The public job a "report this job" link names (its id is public: it is in the job page's URL)."""
    from jobs.models import Job

    try:
        pk = int(raw)
    except (TypeError, ValueError):
        return None
    return Job.objects.public().select_related("employer", "station").filter(pk=pk).first()


def _job_label(job) -> str:
    from jobs.schema import employer_public_name

    return f"{job.title} · {employer_public_name(job.employer)}"


@login_not_required
@require_http_methods(["GET", "POST"])
def complaint_create(request: HttpRequest) -> HttpResponse:
    """File a complaint from a phone, no account needed; a tracking number comes back at once."""
    stations = Station.objects.active()
    job = _reported_job(
        request.POST.get("job") if request.method == "POST" else request.GET.get("job")
    )
    if request.method == "POST":
        form = forms.ComplaintForm(request.POST, request.FILES, stations=stations)
        if form.is_bot:
            # A honeypot hit: say nothing useful, save nothing.
            messages.error(request, _("Your complaint could not be sent. Please call the hotline."))
            return redirect("rights:complaint_create")
        existing = Complaint.objects.filter(
            idempotency_key=request.POST.get("idempotency_key") or None
        ).first()
        if existing is not None:
            # The same form sent again (a double tap, a retry on a poor network): one case only.
            _remember_tracked(request, existing)
            request.session[SESSION_FILED] = existing.number
            return redirect("rights:complaint_receipt")
        keys = _filing_keys(request, request.POST.get("mobile", ""))
        too_many = _(
            "Too many complaints have been sent from this phone or number in the last hour. "
            "Please try again later, or call the complaint hotline %(phone)s."
        ) % {"phone": settings.COMPLAINT_HOTLINE}
        if any(throttle.over(limit) for limit in keys):
            form.is_valid()
            form.add_error(None, too_many)
        elif not form.is_valid():
            pass  # the errors are shown next to their fields
        elif not throttle.acquire(keys):
            # Taken atomically before filing: simultaneous filings cannot all slip under the limit.
            form.add_error(None, too_many)
        else:
            data = form.cleaned_data
            user = (
                request.user
                if request.user.is_authenticated and request.user.kind != User.Kind.STAFF
                else None
            )
            try:
                complaint, created = services.complaint_file(
                    by=None,
                    station=data["station"],
                    kind=data["kind"],
                    name=data["name"],
                    mobile=data["mobile"],
                    description=data["description"],
                    job=job,
                    respondent_text=data["respondent_text"],
                    amount_owed=data["amount_owed"],
                    amount_unknown=data["amount_unknown"],
                    people_affected=data["people_affected"],
                    files=data["evidence"],
                    idempotency_key=data["idempotency_key"],
                    complainant_user=user,
                )
            except ValidationError as error:
                throttle.release(keys)
                _errors_to_form(form, error)
            else:
                if not created:  # the same form sent again: it used no new slot
                    throttle.release(keys)
                _remember_tracked(request, complaint)
                request.session[SESSION_FILED] = complaint.number
                return redirect("rights:complaint_receipt")
    else:
        initial = {}
        if job is not None and job.station_id and job.station.active:
            initial["station"] = job.station
        elif request.GET.get("station") and (
            preset := stations.filter(code=request.GET["station"]).first()
        ):
            initial["station"] = preset  # the station's rights QR (维权码) names it
        elif stations.count() == 1:
            initial["station"] = stations.first()
        if request.user.is_authenticated and request.user.kind != User.Kind.STAFF:
            initial["mobile"] = request.user.phone or ""
            profile = (
                getattr(request.user, "seeker_profile", None)
                if request.user.kind == User.Kind.SEEKER
                else None
            )
            initial["name"] = profile.name if profile else request.user.display_name
        if job is not None:
            initial["job"] = job.pk
        if request.GET.get("kind") in Kind.values:  # e.g. the unpaid-wage button after a job
            initial["kind"] = request.GET["kind"]
        form = forms.ComplaintForm(initial=initial, stations=stations)
    return render(
        request,
        "rights/complaint_form.html",
        {
            "form": form,
            "job": job,
            "job_label": _job_label(job) if job else "",
            "hotline": settings.COMPLAINT_HOTLINE,
        },
    )


@login_not_required
@require_GET
def complaint_receipt(request: HttpRequest) -> HttpResponse:
    """The tracking number, right after filing (read from this browser's session, never the URL)."""
    number = request.session.get(SESSION_FILED)
    complaint = (
        Complaint.objects.select_related("station").filter(number=number).first()
        if number
        else None
    )
    if complaint is None:
        return redirect("rights:complaint_track")
    return render(request, "rights/complaint_receipt.html", {"complaint": complaint})


# ---- public: tracking ----


@login_not_required
@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest) -> HttpResponse:
    """Look a case up with tracking number + mobile (POSTed, so the mobile never enters a URL)."""
    form = forms.TrackForm(request.POST or None)
    if request.method == "POST":
        key = Limit(
            f"rights:track:ip:{_client_ip(request)}",
            _setting("RIGHTS_LOOKUP_FAILURES_PER_IP", 10),
            3600,
        )
        # Each try takes a slot atomically; only a failed look-up keeps it, so simultaneous
        # guesses cannot all slip under the limit.
        if not throttle.acquire([key]):
            form.is_valid()
            form.add_error(
                None, _("Too many failed look-ups from this phone. Please try again in an hour.")
            )
        elif not form.is_valid():
            throttle.release([key])  # a badly typed form is not a look-up
        else:
            number = services.normalize_tracking_number(form.cleaned_data["number"])
            mobile = normalize_mobile(form.cleaned_data["mobile"])
            complaint = Complaint.objects.filter(number=number, complainant_mobile=mobile).first()
            if complaint is None:
                form.add_error(
                    None, _("No case matches this tracking number and mobile. Please check both.")
                )
            else:
                throttle.release([key])
                _remember_tracked(request, complaint)
                return redirect("rights:complaint_status", number=complaint.number)
    return render(request, "rights/complaint_track.html", {"form": form})


def _tracked_complaint(request: HttpRequest, number: str) -> Complaint | None:
    """The case, if this browser verified it (number + mobile) or it is the logged-in person's own."""
    complaint = Complaint.objects.select_related("station").filter(number=number).first()
    if complaint is None:
        return None
    if number in request.session.get(SESSION_TRACKED, []):
        return complaint
    if Complaint.objects.of_complainant(request.user).filter(pk=complaint.pk).exists():
        return complaint
    return None


@login_not_required
@require_GET
def complaint_status(request: HttpRequest, number: str) -> HttpResponse:
    """The complainant's view of the case: where it stands, what is missing, the outcome, the rating."""
    canonical = services.normalize_tracking_number(number)
    if canonical and canonical != number:  # typed or read out as "ts26 7k3m q9xp": the one spelling
        return redirect("rights:complaint_status", number=canonical)
    complaint = _tracked_complaint(request, number)
    if complaint is None:
        messages.info(request, _("Enter the tracking number and your mobile to see the case."))
        return redirect("rights:complaint_track")
    return _status_page(request, complaint, forms.RateForm())


def _status_page(request: HttpRequest, complaint: Complaint, rate_form) -> HttpResponse:
    steps = [(log.at, log.to_label) for log in complaint.logs.all() if log.is_state_change]
    return render(
        request,
        "rights/complaint_status.html",
        {
            "complaint": complaint,
            "rate_form": rate_form,
            "steps": steps,
        },
    )


@login_not_required
@require_POST
def complaint_rate(request: HttpRequest, number: str) -> HttpResponse:
    """The complainant rates the handling (1–5 and a comment) once the case is closed."""
    complaint = _tracked_complaint(request, number)
    if complaint is None:
        raise Http404
    form = forms.RateForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_rate(
                complaint=complaint,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("rights:complaint_status", number=complaint.number)
    return _status_page(request, complaint, form)


# ---- staff: intake, lists ----


@role_required(*HANDLER_ROLES)
@require_http_methods(["GET", "POST"])
def complaint_intake(request: HttpRequest) -> HttpResponse:
    """Take a complaint at the window: the staff member becomes its first responder."""
    from jobs.models import Employer

    stations = Station.objects.writable_by(request.user).active()
    if not stations.exists():
        raise PermissionDenied
    employers = Employer.objects.visible_to(request.user)
    if request.method == "POST":
        form = forms.StaffComplaintForm(
            request.POST, request.FILES, stations=stations, employers=employers
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint, _created = services.complaint_file(
                    by=request.user,
                    station=data["station"],
                    kind=data["kind"],
                    name=data["name"],
                    mobile=data["mobile"],
                    description=data["description"],
                    employer=data["employer"],
                    job=_reported_job(data["job"]),
                    respondent_text=data["respondent_text"],
                    amount_owed=data["amount_owed"],
                    amount_unknown=data["amount_unknown"],
                    people_affected=data["people_affected"],
                    files=data["evidence"],
                    idempotency_key=data["idempotency_key"],
                )
            except ValidationError as error:
                _errors_to_form(form, error)
            else:
                messages.success(
                    request,
                    _("Complaint %(number)s taken; give the complainant this number.")
                    % {"number": complaint.number},
                )
                return redirect(complaint)
    else:
        form = forms.StaffComplaintForm(
            stations=stations,
            employers=employers,
            initial={"station": stations.first(), "job": request.GET.get("job") or None},
        )
    return render(request, "rights/complaint_intake.html", {"form": form})


@role_required(*HANDLER_ROLES)
@require_GET
def complaint_list(request: HttpRequest) -> HttpResponse:
    """The cases of my station (a county admin: the region's), newest first, filtered by state."""
    status = request.GET.get("status") or ""
    if status not in Complaint.Status.values:
        status = ""
    cases = Complaint.objects.handled_by(request.user).of_status(status)
    if request.GET.get("mine") == "1":
        cases = cases.owned_by(request.user).unfinished()
    page = Paginator(cases.for_list(), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "rights/complaint_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Complaint.Status.choices,
            "mine": request.GET.get("mine") == "1",
            "today": timezone.localdate(),
        },
    )


@role_required(*HANDLER_ROLES)
@require_GET
def complaint_overdue(request: HttpRequest) -> HttpResponse:
    """Overdue cases (限时办结 missed): a station's own, or every station's in the admin's county."""
    today = timezone.localdate()
    cases = list(
        Complaint.objects.handled_by(request.user)
        .overdue(today)
        .for_list()
        .order_by("station__code", "due_date")
    )
    by_station: dict[Station, list[Complaint]] = {}
    for case in cases:
        by_station.setdefault(case.station, []).append(case)
    return render(
        request,
        "rights/complaint_overdue.html",
        {
            "groups": list(by_station.items()),
            "total": len(cases),
            "today": today,
        },
    )


# ---- staff: one case ----


def _handled(request: HttpRequest, public_id) -> Complaint:
    """The case if the user handles it; a 404 otherwise (no leak of other stations' cases)."""
    return get_object_or_404(
        Complaint.objects.handled_by(request.user).select_related(
            "station", "owner", "first_responder", "employer", "job", "job__employer"
        ),
        public_id=public_id,
    )


def _can_see_personal_data(user: User, complaint: Complaint) -> bool:
    """Staff of the handling station see the complainant in full; others see it masked."""
    return Station.objects.staffed_by(user).filter(pk=complaint.station_id).exists()


def _colleagues(complaint: Complaint):
    return User.objects.filter(
        station_assignments__station=complaint.station,
        station_assignments__active=True,
        is_active=True,
    ).distinct()


def _ids(form_name: str) -> dict:
    """Each step's form on the case page gets its own element ids (several have a "note")."""
    return {"auto_id": f"id_{form_name}_%s"}


def _detail(
    request: HttpRequest,
    complaint: Complaint,
    *,
    status: int = 200,
    can_see: bool | None = None,
    **bound,
) -> HttpResponse:
    """The case page; a step's bound form with errors replaces the blank one."""
    context = {
        "complaint": complaint,
        "can_see": _can_see_personal_data(request.user, complaint) if can_see is None else can_see,
        "logs": complaint.logs.select_related("by"),
        "evidence": complaint.evidence.all(),
        "is_owner": complaint.owner_id in (None, request.user.pk)
        or request.user.has_role(Role.COUNTY_ADMIN),
        "allowed": [str(s) for s in services.ALLOWED.get(complaint.status, [])],
        "overdue": complaint.is_overdue(),
        "notice_form": forms.NoticeForm(
            initial={"items": complaint.missing_items, "note": complaint.missing_note},
            **_ids("notice_form"),
        ),
        "accept_form": forms.NoteForm(**_ids("accept_form")),
        "decline_form": forms.DeclineForm(**_ids("decline_form")),
        "mediate_form": forms.NoteForm(**_ids("mediate_form")),
        "resolve_form": forms.ResolveForm(
            initial={
                "recovered_people": complaint.people_affected
                if complaint.kind == "unpaid_wages"
                else None,
            },
            **_ids("resolve_form"),
        ),
        "transfer_form": forms.TransferForm(**_ids("transfer_form")),
        "close_form": forms.NoteForm(**_ids("close_form")),
        "hand_over_form": forms.HandOverForm(
            colleagues=_colleagues(complaint).exclude(pk=complaint.owner_id),
            **_ids("hand_over_form"),
        ),
        "close_job_form": forms.CloseJobForm(**_ids("close_job_form")),
        "reassign_form": forms.ReassignForm(
            stations=_reassign_targets(request.user, complaint), **_ids("reassign_form")
        )
        if request.user.has_role(Role.COUNTY_ADMIN) and not complaint.is_done
        else None,
        "evidence_form": forms.EvidenceForm(**_ids("evidence_form")),
        "can_suspend": complaint.is_wage_or_fraud
        and complaint.status in (Complaint.Status.RESOLVED, Complaint.Status.CLOSED)
        and complaint.employer_suspended_at is None
        and (complaint.employer_id is not None or complaint.job_id is not None),
        "job_on_board": complaint.job_id is not None
        and complaint.job.status in ("open", "pending", "filled", "draft"),
    }
    context.update(bound)
    return render(request, "rights/complaint_detail.html", context, status=status)


@role_required(*HANDLER_ROLES)
@require_GET
def complaint_detail(request: HttpRequest, public_id) -> HttpResponse:
    """Everything about one case, and a form for each step it can take next.

    The handling station sees the complainant in full; each such view is logged, as a reveal is.
    """
    complaint = _handled(request, public_id)
    can_see = _can_see_personal_data(request.user, complaint)
    if can_see:
        personal_data_opened(
            user=request.user, record=complaint, purpose=_("Handling station: viewed the case")
        )
    return _detail(request, complaint, can_see=can_see)


@role_required(*HANDLER_ROLES)
@require_POST
def complaint_reveal(request: HttpRequest, public_id) -> HttpResponse:
    """Show the complainant's name and mobile to a handler outside the station; logged for the auditor."""
    complaint = _handled(request, public_id)
    personal_data_opened(user=request.user, record=complaint, purpose=_("Complaint case handling"))
    return _detail(request, complaint, can_see=True)


def _step_view(
    form_class: type,
    form_name: str,
    run: Callable,
    done,
    *,
    files: bool = False,
    form_kwargs: Callable | None = None,
):
    """A POST view for one step of a case: bind the form, call the service, message, redirect."""

    @role_required(*HANDLER_ROLES)
    @require_POST
    def view(request: HttpRequest, public_id) -> HttpResponse:
        complaint = _handled(request, public_id)
        extra = form_kwargs(complaint) if form_kwargs else {}
        form = form_class(
            request.POST, request.FILES if files else None, **_ids(form_name), **extra
        )
        if form.is_valid():
            try:
                run(complaint=complaint, by=request.user, data=form.cleaned_data)
            except ValidationError as error:
                _errors_to_form(form, error)
            except PermissionDenied:
                raise
            else:
                messages.success(request, done)
                return redirect(complaint)
        complaint.refresh_from_db()
        return _detail(request, complaint, status=400, **{form_name: form})

    view.__doc__ = run.__doc__
    return view


def _run_notice(*, complaint, by, data):
    """Send the one-time notice listing every missing item."""
    services.complaint_request_material(
        complaint=complaint, by=by, items=data["items"], note=data["note"]
    )


def _run_accept(*, complaint, by, data):
    """Accept the case."""
    services.complaint_accept(complaint=complaint, by=by, note=data["note"])


def _run_decline(*, complaint, by, data):
    """Decline the case with the reason and where to go instead."""
    services.complaint_decline(
        complaint=complaint, by=by, reason=data["reason"], refer_to=data["refer_to"]
    )


def _run_mediate(*, complaint, by, data):
    """Start mediation."""
    services.complaint_mediate(complaint=complaint, by=by, note=data["note"])


def _run_resolve(*, complaint, by, data):
    """Record the outcome and what was recovered."""
    services.complaint_resolve(
        complaint=complaint,
        by=by,
        outcome=data["outcome"],
        recovered_amount=data["recovered_amount"],
        recovered_people=data["recovered_people"],
    )


def _run_transfer(*, complaint, by, data):
    """Transfer the case to another authority."""
    services.complaint_transfer(complaint=complaint, by=by, to=data["to"], note=data["note"])


def _run_close(*, complaint, by, data):
    """Close the case."""
    services.complaint_close(complaint=complaint, by=by, note=data["note"])


def _run_hand_over(*, complaint, by, data):
    """Hand the case over to a colleague."""
    services.complaint_hand_over(
        complaint=complaint, by=by, to_user=data["to_user"], reason=data["reason"]
    )


def _run_reassign(*, complaint, by, data):
    """Send the case to another station with staff in service (county admin)."""
    services.complaint_reassign(
        complaint=complaint, by=by, station=data["station"], reason=data["reason"]
    )


def _reassign_targets(user: User, complaint: Complaint):
    """Stations a county admin may send the case to: in their region, with staff in service."""
    return (
        Station.objects.writable_by(user)
        .in_service()
        .exclude(pk=complaint.station_id)
        .order_by("kind", "code")
    )


def _run_close_job(*, complaint, by, data):
    """Take the reported job off the board."""
    services.complaint_close_job(complaint=complaint, by=by, reason=data["reason"])


def _run_evidence(*, complaint, by, data):
    """Attach files to the case."""
    services.evidence_add(complaint=complaint, by=by, files=data["evidence"])


complaint_notice = _step_view(
    forms.NoticeForm,
    "notice_form",
    _run_notice,
    gettext_lazy("The one-time notice is recorded; the complainant sees the full list."),
)
complaint_accept = _step_view(
    forms.NoteForm, "accept_form", _run_accept, gettext_lazy("Case accepted.")
)
complaint_decline = _step_view(
    forms.DeclineForm,
    "decline_form",
    _run_decline,
    gettext_lazy("Case not accepted; the reason is recorded."),
)
complaint_mediate = _step_view(
    forms.NoteForm, "mediate_form", _run_mediate, gettext_lazy("Mediation started.")
)
complaint_resolve = _step_view(
    forms.ResolveForm, "resolve_form", _run_resolve, gettext_lazy("Outcome recorded.")
)
complaint_transfer = _step_view(
    forms.TransferForm, "transfer_form", _run_transfer, gettext_lazy("Case transferred.")
)
complaint_close = _step_view(forms.NoteForm, "close_form", _run_close, gettext_lazy("Case closed."))
complaint_hand_over = _step_view(
    forms.HandOverForm,
    "hand_over_form",
    _run_hand_over,
    gettext_lazy("Case handed over."),
    form_kwargs=lambda c: {"colleagues": _colleagues(c)},
)
# Only a county admin sends a case elsewhere: staff are refused before the form is read.
complaint_reassign = role_required(Role.COUNTY_ADMIN)(
    _step_view(
        forms.ReassignForm,
        "reassign_form",
        _run_reassign,
        gettext_lazy("The case is sent to the other station."),
        form_kwargs=lambda c: {"stations": Station.objects.in_service().exclude(pk=c.station_id)},
    )
)
complaint_close_job = _step_view(
    forms.CloseJobForm, "close_job_form", _run_close_job, gettext_lazy("The job is off the board.")
)
evidence_add = _step_view(
    forms.EvidenceForm, "evidence_form", _run_evidence, gettext_lazy("Files added."), files=True
)


@role_required(*HANDLER_ROLES)
@require_POST
def complaint_suspend_employer(request: HttpRequest, public_id) -> HttpResponse:
    """Suspend the employer of a resolved unpaid-wage or fraud case, with the case as the reason."""
    complaint = _handled(request, public_id)
    try:
        services.complaint_suspend_employer(complaint=complaint, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The employer is suspended; its open jobs are closed."))
    return redirect(complaint)


@role_required(*HANDLER_ROLES)
@require_GET
def evidence_download(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    """An evidence file, only for staff handling the case; always downloaded, never rendered inline."""
    complaint = _handled(request, public_id)
    evidence = get_object_or_404(Evidence, complaint=complaint, pk=pk)
    # Evidence is often an ID card copy or a wage slip: opening it is logged like any reveal.
    personal_data_opened(
        user=request.user,
        record=complaint,
        purpose=_("Opened evidence file #%(pk)d") % {"pk": evidence.pk},
    )
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- county admin: working days ----


@role_required(Role.COUNTY_ADMIN)
@require_http_methods(["GET", "POST"])
def holiday_list(request: HttpRequest) -> HttpResponse:
    """Public holidays and make-up working days that deadlines skip or count; deadlines by kind."""
    form = forms.HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.holiday_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("rights:holiday_list")
    deadlines = dict(KindDeadline.objects.values_list("kind", "working_days"))
    from rights.models import DEFAULT_DEADLINE_DAYS, Kind

    kinds = [
        (label, deadlines.get(value, DEFAULT_DEADLINE_DAYS[value])) for value, label in Kind.choices
    ]
    return render(
        request,
        "rights/holiday_list.html",
        {
            "form": form,
            "holidays": Holiday.objects.filter(
                date__gte=timezone.localdate().replace(month=1, day=1)
            ),
            "kinds": kinds,
        },
    )


@role_required(Role.COUNTY_ADMIN)
@require_POST
def holiday_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove a configured holiday."""
    holiday = get_object_or_404(Holiday, pk=pk)
    services.holiday_remove(holiday=holiday, by=request.user)
    messages.success(request, _("Removed."))
    return redirect("rights:holiday_list")
