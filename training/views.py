"""Pages of the training app: the public programme list, sign-up, the back office's programmes,
referrals, roster and attendance, and training demand orders."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket.forms import add_service_errors
from gigmarket.masking import mask_unless
from gigmarket.models import Region, User
from gigmarket.roles import Role, role_required
from gigmarket.services import personal_data_opened
from gigmarket.tabular import csv_bytes, xlsx_bytes
from seekers.forms import SearchForm
from seekers.models import Seeker
from stations.models import Station
from training import forms, services
from training.models import Attendance, DemandOrder, Institution, Programme, Referral, Session

DESK = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
ADMIN = (Role.COUNTY_ADMIN,)
PAGE_SIZE = 20


def _own_seeker(user: User) -> Seeker | None:
    if not user.is_authenticated or user.kind != User.Kind.SEEKER:
        return None
    return Seeker.objects.filter(user=user).not_withdrawn().select_related("home_station").first()


# ---- public ----


@login_not_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    """Training open to sign-ups, filterable by kind of work and month, with seats left."""
    form = forms.ProgrammeFilterForm(request.GET or None)
    occupation = month = None
    if form.is_valid():
        occupation, month = form.cleaned_data["occupation"], form.cleaned_data["month"]
    programmes = (
        Programme.objects.public()
        .for_occupation(occupation)
        .in_month(month)
        .for_listing()
        .order_by("start_date", "pk")
    )
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "training/programme_list.html", {"form": form, "page": page})


def _public_programme(public_id) -> Programme:
    return get_object_or_404(
        Programme.objects.published().for_listing().prefetch_related("sessions"),
        public_id=public_id,
    )


@login_not_required
@require_GET
def programme_detail(request: HttpRequest, public_id) -> HttpResponse:
    """One programme on the phone: what, where, when, cost and subsidy, seats left; sign up in one tap."""
    programme = _public_programme(public_id)
    seeker = _own_seeker(request.user)
    mine = None
    if seeker is not None:
        mine = Referral.objects.holding_seats().filter(programme=programme, seeker=seeker).first()
    return render(
        request,
        "training/programme_detail.html",
        {
            "programme": programme,
            "seeker": seeker,
            "mine": mine,
            "is_seeker": request.user.is_authenticated and request.user.kind == User.Kind.SEEKER,
        },
    )


@require_POST
def programme_sign_up(request: HttpRequest, public_id) -> HttpResponse:
    """A registered seeker signs up (one tap); anyone else is refused."""
    if request.user.kind != User.Kind.SEEKER:
        raise PermissionDenied
    programme = _public_programme(public_id)
    seeker = _own_seeker(request.user)
    if seeker is None:
        messages.error(request, _("Please complete your seeker registration before signing up."))
        return redirect(programme)
    try:
        services.referral_sign_up(programme=programme, seeker=seeker, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Signed up. A station will call you to confirm your place."))
    return redirect(programme)


# ---- demand orders ----


@require_http_methods(["GET", "POST"])
def demand_create(request: HttpRequest) -> HttpResponse:
    """Record a training wish (订单式培训): a seeker or an employer for themselves, staff on someone's behalf."""
    user = request.user
    seeker = employer = None
    stations = None
    if user.kind == User.Kind.SEEKER:
        seeker = _own_seeker(user)
        form_class = forms.DemandOrderForm
    elif user.kind == User.Kind.EMPLOYER:
        from jobs.models import Employer

        employer = Employer.objects.filter(user=user).first()
        form_class = forms.DemandOrderForm
    elif user.has_role(*DESK):
        stations = Station.objects.writable_by(user).active().order_by("code")
        form_class = forms.StaffDemandOrderForm
    else:
        raise PermissionDenied
    missing_profile = (
        user.kind in (User.Kind.SEEKER, User.Kind.EMPLOYER) and seeker is None and employer is None
    )
    kwargs = {"stations": stations} if stations is not None else {}
    initial = {}
    if stations is not None:
        initial["station"] = Station.objects.staffed_by(user).order_by("code").first()
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and not missing_profile and form.is_valid():
        data = form.cleaned_data
        try:
            services.demand_order_create(
                by=user,
                occupation=data["occupation"],
                people=data["people"],
                month=data["month"],
                note=data["note"],
                seeker=seeker,
                employer=employer,
                requester=data.get("requester", ""),
                requester_label=data.get("requester_label", ""),
                station=data.get("station"),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Thank you. Your training wish is recorded; the county plans classes from these."
                ),
            )
            if stations is not None:
                return redirect("training:demand_create")
            return redirect("training:programme_list")
    return render(
        request,
        "training/demand_form.html",
        {
            "form": form,
            "missing_profile": missing_profile,
            "on_behalf": stations is not None,
        },
    )


@require_GET
@role_required(*DESK)
def demand_list(request: HttpRequest) -> HttpResponse:
    """Demand by occupation and month, beside the programmes planned; open orders to mark served."""
    orders = DemandOrder.objects.visible_to(request.user)
    programmes = Programme.objects.visible_to(request.user).planned()
    planned_by_occupation: dict[int, list[Programme]] = {}
    for programme in programmes.select_related("occupation").with_seats().order_by("start_date"):
        planned_by_occupation.setdefault(programme.occupation_id, []).append(programme)
    rows = []
    for row in orders.by_occupation_and_month():
        rows.append({**row, "planned": planned_by_occupation.get(row["occupation_id"], [])})
    open_orders = list(
        orders.open().select_related("occupation", "station").order_by("month", "pk")[:100]
    )
    can_serve = request.user.has_role(Role.COUNTY_ADMIN)
    for order in open_orders:
        order.serve_choices = (
            planned_by_occupation.get(order.occupation_id, []) if can_serve else []
        )
    return render(
        request,
        "training/demand_list.html",
        {
            "rows": rows,
            "open_orders": open_orders,
            "can_serve": can_serve,
        },
    )


@require_POST
@role_required(*ADMIN)
def demand_serve(request: HttpRequest, public_id) -> HttpResponse:
    """Mark an order served by a programme that covers it."""
    order = get_object_or_404(DemandOrder.objects.visible_to(request.user), public_id=public_id)
    form = forms.ServeForm(request.POST, programmes=Programme.objects.managed_by(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose the programme that covers this order."))
        return redirect("training:demand_list")
    try:
        services.demand_order_serve(
            order=order, programme=form.cleaned_data["programme"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked served."))
    return redirect("training:demand_list")


# ---- the back office: institutions and programmes ----


@require_GET
@role_required(*DESK)
def manage_list(request: HttpRequest) -> HttpResponse:
    """Programmes of the region: status, dates, seats."""
    programmes = (
        Programme.objects.visible_to(request.user).for_listing().order_by("-start_date", "-pk")
    )
    page = Paginator(programmes, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/manage_list.html",
        {
            "page": page,
            "is_admin": request.user.has_role(Role.COUNTY_ADMIN),
        },
    )


@require_GET
@role_required(*ADMIN)
def institution_list(request: HttpRequest) -> HttpResponse:
    """Training institutions."""
    return render(
        request, "training/institution_list.html", {"institutions": Institution.objects.all()}
    )


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def institution_create(request: HttpRequest) -> HttpResponse:
    """Record a training institution."""
    form = forms.InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.institution_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Institution recorded."))
            return redirect("training:institution_list")
    return render(
        request,
        "training/form_page.html",
        {
            "form": form,
            "title": _("New training institution"),
            "submit": _("Save"),
            "institution_hint": False,
        },
    )


def _admin_regions(user: User):
    regions = Region.objects.current().filter(
        level__in=["province", "prefecture", "county", "township"]
    )
    return regions.within(user.region) if not user.is_superuser else regions


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def programme_create(request: HttpRequest) -> HttpResponse:
    """Plan a programme; sessions are added on its page, then it is published."""
    stations = Station.objects.managed_by(request.user).active().order_by("code")
    form = forms.ProgrammeForm(
        request.POST or None,
        regions=_admin_regions(request.user),
        stations=stations,
        initial={"region": request.user.region},
    )
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Programme planned. Add its dated sessions, then publish it.")
            )
            return redirect("training:programme_manage", public_id=programme.public_id)
    return render(
        request,
        "training/form_page.html",
        {
            "form": form,
            "title": _("New training programme"),
            "submit": _("Save"),
            "institution_hint": not Institution.objects.exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*ADMIN)
def programme_edit(request: HttpRequest, public_id) -> HttpResponse:
    """Change a programme's details (title, dates, place, seats, fee and subsidy, who may join)."""
    programme = _managed_programme(request, public_id)
    initial = {field: getattr(programme, field) for field in services.EDITABLE_FIELDS}
    initial["occupation"] = programme.occupation.code
    form = forms.ProgrammeForm(
        request.POST or None,
        initial=initial,
        regions=_admin_regions(request.user),
        stations=Station.objects.managed_by(request.user).active().order_by("code"),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Programme updated."))
            return redirect("training:programme_manage", public_id=programme.public_id)
    return render(
        request,
        "training/form_page.html",
        {
            "form": form,
            "title": programme.title,
            "submit": _("Save"),
            "institution_hint": False,
        },
    )


def _visible_programme(request: HttpRequest, public_id) -> Programme:
    return get_object_or_404(
        Programme.objects.visible_to(request.user).for_listing(), public_id=public_id
    )


def _managed_programme(request: HttpRequest, public_id) -> Programme:
    return get_object_or_404(Programme.objects.managed_by(request.user), public_id=public_id)


@require_GET
@role_required(*DESK)
def programme_manage(request: HttpRequest, public_id) -> HttpResponse:
    """A programme in the back office: details, sessions, status actions, history."""
    programme = _visible_programme(request, public_id)
    is_admin = Programme.objects.managed_by(request.user).filter(pk=programme.pk).exists()
    return _manage_page(request, programme, is_admin=is_admin, session_form=forms.SessionForm())


def _manage_page(request: HttpRequest, programme: Programme, *, is_admin: bool, session_form):
    return render(
        request,
        "training/programme_manage.html",
        {
            "programme": programme,
            "sessions": programme.sessions.all(),
            "history": programme.transitions.select_related("by"),
            "is_admin": is_admin,
            "session_form": session_form,
            "cancel_form": forms.CancelForm(),
            "can_refer": programme.status == Programme.Status.ENROLLING,
        },
    )


@require_POST
@role_required(*ADMIN)
def session_add(request: HttpRequest, public_id) -> HttpResponse:
    """Add a dated session."""
    programme = _managed_programme(request, public_id)
    form = forms.SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_add(programme=programme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session added."))
            return redirect("training:programme_manage", public_id=programme.public_id)
    programme = _visible_programme(request, public_id)
    return _manage_page(request, programme, is_admin=True, session_form=form)


def _status_view(service: Callable, done: str) -> Callable:
    @require_POST
    @role_required(*ADMIN)
    def view(request: HttpRequest, public_id) -> HttpResponse:
        programme = _managed_programme(request, public_id)
        try:
            service(programme=programme, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect("training:programme_manage", public_id=programme.public_id)

    view.__doc__ = service.__doc__
    return view


programme_publish = _status_view(
    services.programme_publish, gettext_lazy("Published: the programme is open for sign-ups.")
)
programme_start = _status_view(services.programme_start, gettext_lazy("Marked as started."))
programme_finish = _status_view(services.programme_finish, gettext_lazy("Marked as finished."))


@require_POST
@role_required(*ADMIN)
def programme_cancel(request: HttpRequest, public_id) -> HttpResponse:
    """Cancel a programme, with a reason."""
    programme = _managed_programme(request, public_id)
    form = forms.CancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Please give a reason."))
    else:
        try:
            services.programme_cancel(
                programme=programme, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Programme cancelled."))
    return redirect("training:programme_manage", public_id=programme.public_id)


# ---- referrals ----


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def referral_search(request: HttpRequest, public_id) -> HttpResponse:
    """Find a seeker to refer (masked unless theirs). The search is a POST: numbers stay out of URLs."""
    programme = _visible_programme(request, public_id)
    form = SearchForm(request.POST if request.method == "POST" else None)
    results = []
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if query:
        results = list(
            Seeker.objects.visible_to(request.user)
            .not_withdrawn()
            .search(query)
            .select_related("home_station", "primary_occupation")[:20]
        )
        mine = set(
            Seeker.objects.editable_by(request.user)
            .filter(pk__in=[s.pk for s in results])
            .values_list("pk", flat=True)
        )
        on_programme = set(
            Referral.objects.holding_seats()
            .filter(programme=programme, seeker__in=results)
            .values_list("seeker_id", flat=True)
        )
        for seeker in results:
            seeker.can_see = seeker.pk in mine
            seeker.shown_name = mask_unless(seeker.name, seeker.can_see, "name")
            seeker.shown_mobile = mask_unless(seeker.mobile or "", seeker.can_see, "mobile")
            seeker.on_programme = seeker.pk in on_programme
    return render(
        request,
        "training/referral_search.html",
        {
            "programme": programme,
            "form": form,
            "results": results,
            "query": query,
            "refer_form": forms.ReferForm(),
        },
    )


@require_POST
@role_required(*DESK)
def referral_create(request: HttpRequest, public_id) -> HttpResponse:
    """Refer the chosen seeker; a full class is refused with a clear message."""
    programme = _visible_programme(request, public_id)
    seeker_id = request.POST.get("seeker", "")
    if not _is_uuid(seeker_id):
        raise Http404
    seeker = get_object_or_404(
        Seeker.objects.visible_to(request.user).not_withdrawn(), public_id=seeker_id
    )
    form = forms.ReferForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.referral_refer(programme=programme, seeker=seeker, by=request.user, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training:referral_search", public_id=programme.public_id)
    messages.success(request, _("Referred. The person is on the roster."))
    return redirect("training:roster", public_id=programme.public_id)


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _roster_rows(
    request: HttpRequest, programme: Programme
) -> tuple[list[Referral], list[Session]]:
    sessions = list(programme.sessions.all())
    referrals = list(
        Referral.objects.filter(programme=programme)
        .for_roster()
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=Attendance.objects.only("session_id", "referral_id", "present"),
            )
        )
    )
    mine = set(
        Seeker.objects.editable_by(request.user)
        .filter(pk__in=[r.seeker_id for r in referrals])
        .values_list("pk", flat=True)
    )
    writable = set(
        Referral.objects.writable_by(request.user)
        .filter(programme=programme)
        .values_list("pk", flat=True)
    )
    for referral in referrals:
        referral.can_act = referral.pk in writable
        can_see = referral.can_see = referral.seeker_id in mine
        referral.shown_name = mask_unless(referral.seeker.name, can_see, "name")
        referral.shown_mobile = mask_unless(referral.seeker.mobile or "", can_see, "mobile")
        marks = {a.session_id: a.present for a in referral.attendance.all()}
        referral.marks = [marks.get(s.pk) for s in sessions]
        referral.attended = sum(1 for m in referral.marks if m)
    return referrals, sessions


@require_GET
@role_required(*DESK)
def roster(request: HttpRequest, public_id) -> HttpResponse:
    """The roster: everyone referred or signed up, their state, attendance per session, the next step."""
    programme = _visible_programme(request, public_id)
    referrals, sessions = _roster_rows(request, programme)
    if any(r.can_see for r in referrals):
        # The home station sees its own trainees' names and mobiles in full: logged like the export.
        personal_data_opened(user=request.user, record=programme, purpose=_("Roster"))
    attending = [
        r for r in referrals if r.can_act and r.status in ("enrolled", "completed", "certified")
    ]
    session_id = request.GET.get("session")
    current = next((s for s in sessions if str(s.pk) == session_id), None)
    if current is None:
        today = timezone.localdate()
        current = next((s for s in sessions if s.date >= today), sessions[-1] if sessions else None)
    if current is not None:
        index = sessions.index(current)
        for referral in attending:
            referral.current_mark = referral.marks[index]
    return render(
        request,
        "training/roster.html",
        {
            "programme": programme,
            "referrals": referrals,
            "sessions": sessions,
            "attending": attending,
            "current": current,
            "certify_form": forms.CertifyForm(),
            "drop_form": forms.DropForm(),
        },
    )


@require_GET
@role_required(*DESK)
def roster_export(request: HttpRequest, public_id) -> HttpResponse:
    """The roster as CSV (default) or XLSX (?format=xlsx), masked unless the seeker is the viewer's."""
    programme = _visible_programme(request, public_id)
    referrals, sessions = _roster_rows(request, programme)
    header = [
        _("Trainee name"),
        _("Mobile"),
        _("Home station"),
        _("Status"),
        _("Certificate number"),
        _("Certificate date"),
        _("Sessions attended"),
    ] + [str(s) for s in sessions]
    labels = {True: _("present"), False: _("absent"), None: ""}
    rows = [
        [
            r.shown_name,
            r.shown_mobile,
            str(r.seeker.home_station or ""),
            r.get_status_display(),
            r.certificate_number,
            r.certificate_date.isoformat() if r.certificate_date else "",
            r.attended,
        ]
        + [labels[m] for m in r.marks]
        for r in referrals
    ]
    personal_data_opened(user=request.user, record=programme, purpose=_("Roster export"))
    name = f"roster-{programme.public_id.hex[:8]}"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            xlsx_bytes([(_("Roster"), header, rows)]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@require_POST
@role_required(*DESK)
def attendance_record(request: HttpRequest, pk: int) -> HttpResponse:
    """Take attendance for one session: ticked people present, the others absent."""
    session = get_object_or_404(
        Session.objects.filter(programme__in=Programme.objects.visible_to(request.user)), pk=pk
    )
    present = [v for v in request.POST.getlist("present") if v.isdigit()]
    rows = services.attendance_record(session=session, by=request.user, present=present)
    messages.success(
        request,
        _("Attendance saved for %(session)s: %(n)d present.")
        % {"session": session, "n": sum(1 for r in rows if r.present)},
    )
    return redirect(f"{_roster_url(session.programme)}?session={session.pk}")


def _roster_url(programme: Programme) -> str:
    return reverse("training:roster", kwargs={"public_id": programme.public_id})


def _writable_referral(request: HttpRequest, public_id) -> Referral:
    """A referral the user may move on: another station's trainee on another station's class is a 404."""
    return get_object_or_404(
        Referral.objects.writable_by(request.user).select_related("programme", "seeker"),
        public_id=public_id,
    )


def _referral_step(service: Callable, done: str, form_class=None) -> Callable:
    @require_POST
    @role_required(*DESK)
    def view(request: HttpRequest, public_id) -> HttpResponse:
        referral = _writable_referral(request, public_id)
        data = {}
        if form_class is not None:
            form = form_class(request.POST)
            if not form.is_valid():
                messages.error(
                    request, " ".join(e for errors in form.errors.values() for e in errors)
                )
                return redirect(_roster_url(referral.programme))
            data = form.cleaned_data
        try:
            service(referral=referral, by=request.user, **data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
        return redirect(_roster_url(referral.programme))

    view.__doc__ = service.__doc__
    return view


referral_enrol = _referral_step(services.referral_enrol, gettext_lazy("Enrolled."))
referral_complete = _referral_step(services.referral_complete, gettext_lazy("Marked as completed."))
referral_certify = _referral_step(
    services.referral_certify, gettext_lazy("Certificate recorded."), forms.CertifyForm
)
referral_drop = _referral_step(
    services.referral_drop, gettext_lazy("Dropped; the seat is free again."), forms.DropForm
)
