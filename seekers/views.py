"""Pages of the seeker register: staff registration, search, record, ledger; the seeker's own pages."""

from __future__ import annotations

import json

import segno
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket import facts, notify, phone_codes
from gigmarket.forms import add_service_errors
from gigmarket.models import Message, MessageOptOut, Occupation, User
from gigmarket.network import client_ip
from gigmarket.roles import Role, role_required
from gigmarket.services import message_opt_in, message_opt_out, personal_data_opened
from seekers import forms
from seekers.models import JobAlert, JobAlertConsent, Seeker
from seekers.selectors import personal_data_export
from seekers.services import (
    DuplicateSeeker,
    claim_code_issue,
    job_alert_set,
    seeker_claim_account,
    seeker_contact_record,
    seeker_register,
    seeker_renew,
    seeker_self_register,
    seeker_set_status,
    seeker_skills_set,
    seeker_update,
    seeker_withdraw,
    self_registration_begin,
)
from stations.models import Station

#: Who works on the register at a desk.
REGISTER_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
LIST_PAGE_SIZE = 30
BACKEND = "gigmarket.backends.UsernameOrMobileBackend"


_errors_to_form = add_service_errors


def _claim_key(seeker: Seeker) -> str:
    return f"seekers:claim:{seeker.public_id}"


def _staff_station(user: User, seeker: Seeker | None = None) -> Station | None:
    """The station a staff member is acting for: where they work, else the seeker's if theirs."""
    station = Station.objects.staffed_by(user).order_by("code").first()
    if station is None and seeker is not None and seeker.home_station_id:
        station = Station.objects.writable_by(user).filter(pk=seeker.home_station_id).first()
    return station


# ---- staff: search, register, record ----


@require_http_methods(["GET", "POST"])
@role_required(*REGISTER_ROLES)
def seeker_list(request: HttpRequest) -> HttpResponse:
    """Search the register (masked): by name, full or masked mobile, ID number or seeker number.

    The search is a POST so that a typed mobile or ID number never lands in a URL or a log.
    """
    form = forms.SearchForm(request.POST if request.method == "POST" else None)
    seekers = Seeker.objects.visible_to(request.user).not_withdrawn()
    query = form.cleaned_data["q"] if form.is_valid() else ""
    seekers = seekers.search(query).select_related("home_station", "primary_occupation")
    page_number = request.POST.get("page") if request.method == "POST" else request.GET.get("page")
    page = Paginator(seekers, LIST_PAGE_SIZE).get_page(page_number)
    return render(request, "seekers/seeker_list.html", {"form": form, "page": page, "query": query})


@require_http_methods(["GET", "POST"])
@role_required(*REGISTER_ROLES)
def seeker_register_view(request: HttpRequest) -> HttpResponse:
    """Walk-in registration at the window (one screen); a known person is shown, masked, to renew."""
    stations = Station.objects.writable_by(request.user).active().order_by("code")
    default_station = _staff_station(request.user)
    form = forms.WalkInForm(
        request.POST or None, stations=stations, initial={"station": default_station}
    )
    duplicate = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                seeker = seeker_register(
                    by=request.user,
                    name=data["name"],
                    mobile=data["mobile"],
                    id_number=data["id_number"],
                    primary_occupation=data["primary_occupation"],
                    channel=Seeker.Channel.WALK_IN,
                    station=data["station"],
                    details=form.details(),
                    skills=form.skills(),
                )
                code = claim_code_issue(seeker=seeker, by=request.user)
        except DuplicateSeeker as error:
            duplicate = error.existing
            _errors_to_form(form, error)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            request.session[_claim_key(seeker)] = code
            messages.success(request, _("Registered. Print the slip and hand it to the person."))
            return redirect("seekers:seeker_slip", public_id=seeker.public_id)
    return render(
        request,
        "seekers/seeker_register.html",
        {
            "form": form,
            "duplicate": duplicate,
            "has_station": stations.exists(),
        },
    )


def _visible_seeker(request: HttpRequest, public_id) -> Seeker:
    return get_object_or_404(
        Seeker.objects.visible_to(request.user).select_related(
            "home_station", "primary_occupation", "home_region", "intended_industry", "user"
        ),
        public_id=public_id,
    )


def _editable_seeker(request: HttpRequest, public_id) -> Seeker:
    return get_object_or_404(
        Seeker.objects.editable_by(request.user).not_withdrawn().select_related("home_station"),
        public_id=public_id,
    )


def _detail_context(request: HttpRequest, seeker: Seeker, *, can_see: bool, **extra) -> dict:
    is_home = Seeker.objects.editable_by(request.user).filter(pk=seeker.pk).exists()
    return {
        "seeker": seeker,
        "can_see": can_see,
        "can_edit": is_home and not seeker.is_withdrawn,
        "periods": seeker.periods.select_related("primary_occupation", "station")[:12],
        "skills": seeker.skills.select_related("occupation"),
        "transitions": seeker.transitions.select_related("by")[:12],
        "other_occupations": seeker.other_occupations.all(),
        "reveal_form": extra.pop("reveal_form", None) or forms.RevealForm(),
        "status_form": forms.StatusForm(initial={"to": seeker.status}),
        "withdraw_form": forms.StaffWithdrawForm(),
        "renew_form": forms.RenewForm(
            initial={
                "primary_occupation": seeker.primary_occupation,
                "intended_industry": seeker.intended_industry,
            }
        ),
        "message_rows": Message.objects.for_person(seeker, seeker.mobile)[:20],
        "opt_outs": set(
            MessageOptOut.objects.filter(to=seeker.mobile).values_list("kind", flat=True)
        )
        if seeker.mobile
        else set(),
        "opt_out_choices": notify.opt_out_choices(),
        "job_alert": JobAlert.objects.filter(seeker=seeker)
        .prefetch_related("occupations", "townships")
        .first(),
        "id_number": seeker.id_number
        if can_see and seeker.id_number_encrypted
        else seeker.id_number_masked,
        **extra,
    }


@require_GET
@role_required(*REGISTER_ROLES)
def seeker_detail(request: HttpRequest, public_id) -> HttpResponse:
    """A seeker's record: in full (and logged) for the home station, masked for other stations."""
    seeker = _visible_seeker(request, public_id)
    can_see = (
        Seeker.objects.editable_by(request.user).filter(pk=seeker.pk).exists()
        and not seeker.is_withdrawn
    )
    if can_see:
        personal_data_opened(
            user=request.user, record=seeker, purpose=_("Home station: viewed the record")
        )
    return render(
        request, "seekers/seeker_detail.html", _detail_context(request, seeker, can_see=can_see)
    )


@require_POST
@role_required(*REGISTER_ROLES)
def seeker_reveal(request: HttpRequest, public_id) -> HttpResponse:
    """Show another station's seeker in full, once, for a stated purpose (logged for the auditor)."""
    seeker = _visible_seeker(request, public_id)
    form = forms.RevealForm(request.POST)
    if seeker.is_withdrawn or not form.is_valid():
        return render(
            request,
            "seekers/seeker_detail.html",
            _detail_context(request, seeker, can_see=False, reveal_form=form),
        )
    personal_data_opened(user=request.user, record=seeker, purpose=form.cleaned_data["purpose"])
    return render(
        request,
        "seekers/seeker_detail.html",
        _detail_context(request, seeker, can_see=True, revealed=True),
    )


@require_http_methods(["GET", "POST"])
@role_required(*REGISTER_ROLES)
def seeker_edit(request: HttpRequest, public_id) -> HttpResponse:
    """Correct a seeker's details and skills (staff of the home station)."""
    seeker = _editable_seeker(request, public_id)
    return _edit(
        request,
        seeker,
        staff=True,
        template="seekers/seeker_form.html",
        done=lambda: redirect("seekers:seeker_detail", public_id=seeker.public_id),
    )


def _edit(
    request: HttpRequest, seeker: Seeker, *, staff: bool, template: str, done
) -> HttpResponse:
    stations = Station.objects.writable_by(request.user).active() if staff else None
    if staff and seeker.home_station_id:
        stations = Station.objects.filter(
            pk__in=[*stations.values_list("pk", flat=True), seeker.home_station_id]
        )
    form = forms.SeekerDetailsForm(
        request.POST or None,
        initial=forms.SeekerDetailsForm.initial_for(seeker),
        stations=stations,
        staff=staff,
    )
    skills = forms.SkillFormSet(
        request.POST or None,
        prefix="skills",
        initial=[
            {
                "occupation": s.occupation,
                "level": s.level,
                "certificate_number": s.certificate_number,
                "years": s.years,
            }
            for s in seeker.skills.select_related("occupation")
        ],
    )
    if request.method == "POST" and form.is_valid() and skills.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                seeker_update(
                    seeker=seeker,
                    by=request.user,
                    details=form.details(),
                    mobile=data["mobile"],
                    id_number=data["id_number"],
                )
                seeker_skills_set(
                    seeker=seeker,
                    by=request.user,
                    skills=[
                        f.cleaned_data for f in skills.forms if f.cleaned_data.get("occupation")
                    ],
                )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return done()
    elif request.method == "GET" and staff:
        personal_data_opened(
            user=request.user,
            record=seeker,
            purpose=_("Home station: opened the record to correct it"),
        )
    return render(
        request, template, {"form": form, "skills": skills, "seeker": seeker, "staff": staff}
    )


@require_POST
@role_required(*REGISTER_ROLES)
def seeker_renew_view(request: HttpRequest, public_id) -> HttpResponse:
    """Staff re-register a returning seeker (any station may): a new seeking period, and a slip."""
    seeker = _visible_seeker(request, public_id)
    form = forms.RenewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the main kind of work wanted."))
        return redirect("seekers:seeker_detail", public_id=seeker.public_id)
    try:
        period = seeker_renew(
            seeker=seeker,
            by=request.user,
            station=_staff_station(request.user, seeker),
            **form.cleaned_data,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("seekers:seeker_detail", public_id=seeker.public_id)
    messages.success(request, _("Registration renewed: valid until %(end)s.") % {"end": period.end})
    return redirect("seekers:seeker_slip", public_id=seeker.public_id)


@require_POST
@role_required(*REGISTER_ROLES)
def seeker_status(request: HttpRequest, public_id) -> HttpResponse:
    """Change a seeker's status (home station), logged with who and why."""
    seeker = _editable_seeker(request, public_id)
    form = forms.StatusForm(request.POST)
    if form.is_valid():
        try:
            seeker_set_status(seeker=seeker, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Status changed."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("seekers:seeker_detail", public_id=seeker.public_id)


@require_POST
@role_required(*REGISTER_ROLES)
def seeker_withdraw_view(request: HttpRequest, public_id) -> HttpResponse:
    """Withdraw a person at their request made at the window (home station): data erased, logged."""
    seeker = _editable_seeker(request, public_id)
    form = forms.StaffWithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Confirm that the person asked for it, and say how."))
        return redirect("seekers:seeker_detail", public_id=seeker.public_id)
    seeker_withdraw(seeker=seeker, by=request.user, reason=form.cleaned_data["reason"])
    messages.success(request, _("The person's data has been erased."))
    return redirect("seekers:seeker_list")


@require_GET
@role_required(*REGISTER_ROLES)
def seeker_slip(request: HttpRequest, public_id) -> HttpResponse:
    """The printable registration slip (登记回执); a fresh claim code is shown once, then forgotten."""
    seeker = _visible_seeker(request, public_id)
    can_see = Seeker.objects.editable_by(request.user).filter(pk=seeker.pk).exists()
    code = request.session.pop(_claim_key(seeker), "")
    period = seeker.periods.latest_first().select_related("station", "primary_occupation").first()
    claim_url = request.build_absolute_uri(reverse("seekers:account_claim"))
    return render(
        request,
        "seekers/seeker_slip.html",
        {
            "seeker": seeker,
            "can_see": can_see,
            "claim_code": code,
            "period": period,
            "claim_url": claim_url,
            "claim_qr": segno.make(claim_url, error="m").svg_data_uri(scale=3) if code else "",
            # The station scans this at the window to sign the person in for today's work (候工登记).
            "checkin_qr": segno.make(str(seeker.public_id), error="m").svg_data_uri(scale=3),
            "station": (period.station if period and period.station_id else None)
            or seeker.home_station,
        },
    )


@require_POST
@role_required(*REGISTER_ROLES)
def seeker_claim_code(request: HttpRequest, public_id) -> HttpResponse:
    """Issue a new one-time account code (the old one stops working) and show it on the slip."""
    seeker = _editable_seeker(request, public_id)
    try:
        code = claim_code_issue(seeker=seeker, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("seekers:seeker_detail", public_id=seeker.public_id)
    request.session[_claim_key(seeker)] = code
    return redirect("seekers:seeker_slip", public_id=seeker.public_id)


# ---- staff: the priority-group ledger ----


@require_GET
@role_required(*REGISTER_ROLES)
def priority_ledger(request: HttpRequest) -> HttpResponse:
    """Priority-group seekers of a station still seeking, longest waiting first, for follow-up."""
    stations = Station.objects.writable_by(request.user).active().order_by("code")
    station = (
        stations.filter(code=request.GET.get("station", "")).first()
        or _staff_station(request.user)
        or stations.first()
    )
    rows = list(Seeker.objects.priority_ledger(station)) if station else []
    today = timezone.localdate()
    last_placed = facts.ask(facts.LAST_PLACED_ON, [row.pk for row in rows], default={})
    for row in rows:
        row.days_waiting = (today - row.waiting_since).days if row.waiting_since else None
        placed = last_placed.get(row.pk)
        row.days_since_placed = (today - placed).days if placed else None
        row.contact_form = forms.ContactForm(auto_id=f"id_%s_{row.pk}")
    return render(
        request,
        "seekers/priority_ledger.html",
        {"stations": stations, "station": station, "rows": rows},
    )


@require_POST
@role_required(*REGISTER_ROLES)
def seeker_contact(request: HttpRequest, public_id) -> HttpResponse:
    """Record a follow-up contact with a priority-group seeker in the home station's ledger."""
    seeker = _editable_seeker(request, public_id)
    form = forms.ContactForm(request.POST)
    if form.is_valid() and seeker.home_station_id:
        try:
            seeker_contact_record(
                seeker=seeker,
                station=seeker.home_station,
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Contact recorded in the service ledger."))
    else:
        messages.error(request, _("Say what was discussed."))
    station_code = seeker.home_station.code if seeker.home_station_id else ""
    return redirect(f"{reverse('seekers:priority_ledger')}?station={station_code}")


# ---- the person: self-registration, claiming an account ----


@login_not_required
@require_http_methods(["GET", "POST"])
def seeker_self_register_view(request: HttpRequest) -> HttpResponse:
    """Register on a phone, step one: name, mobile, password, the work wanted; then a code by text.

    The next page is the same whether or not the mobile is already registered: only the text
    sent to that mobile says which (so the page never confirms a number to a stranger).
    """
    if request.user.is_authenticated:
        return redirect("core:after_login")
    form = forms.SelfRegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pending = self_registration_begin(
                name=data["name"],
                mobile=data["mobile"],
                password=data["password1"],
                client=client_ip(request) or "",
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "password" in error.message_dict:
                form.add_error("password1", error.message_dict.pop("password"))
                error = ValidationError(error.message_dict) if error.message_dict else None
            if error is not None:
                _errors_to_form(form, error)
        else:
            phone_codes.PendingRegistration.begin(
                request.session,
                SELF_REGISTRATION_KEY,
                mobile=pending.mobile,
                code_hash=pending.code_hash,
                name=data["name"],
                password_hash=pending.password_hash,
                primary_occupation=data["primary_occupation"].pk,
                home_station=data["home_station"].pk if data["home_station"] else None,
            )
            return redirect("seekers:self_register_confirm")
    return render(request, "seekers/self_register.html", {"form": form})


SELF_REGISTRATION_KEY = "seekers:self-registration"


@login_not_required
@require_http_methods(["GET", "POST"])
def self_register_confirm(request: HttpRequest) -> HttpResponse:
    """Register on a phone, step two: the code texted to the mobile finishes the registration."""

    def register(pending: phone_codes.PendingRegistration) -> User:
        return seeker_self_register(
            name=pending["name"],
            mobile=pending["mobile"],
            password_hash=pending["password_hash"],
            primary_occupation=Occupation.objects.get(pk=pending["primary_occupation"]),
            home_station=Station.objects.filter(pk=pending["home_station"]).first(),
        ).user

    return phone_codes.code_page(
        request,
        key=SELF_REGISTRATION_KEY,
        start="seekers:seeker_self_register",
        template="seekers/self_register_confirm.html",
        register=register,
        welcome=_("You are registered. You can add your skills and details any time."),
        done="core:me",
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def account_claim(request: HttpRequest) -> HttpResponse:
    """Open the online account of a station registration with the code on the slip."""
    if request.user.is_authenticated:
        return redirect("core:after_login")
    form = forms.ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = seeker_claim_account(
                mobile=data["mobile"], code=data["code"], password=data["password1"]
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "password" in error.message_dict:
                form.add_error("password1", error.message_dict["password"])
            else:
                _errors_to_form(form, error)
        else:
            login(request, user, backend=BACKEND)
            messages.success(request, _("Your account is open."))
            return redirect("core:me")
    return render(request, "seekers/claim.html", {"form": form})


# ---- the person's own record ----


def _own_seeker(request: HttpRequest) -> Seeker:
    if request.user.kind != User.Kind.SEEKER:
        raise PermissionDenied
    seeker = (
        Seeker.objects.filter(user=request.user)
        .select_related("home_station", "primary_occupation", "home_region", "intended_industry")
        .first()
    )
    if seeker is None:
        raise Http404
    return seeker


@require_GET
def own_record(request: HttpRequest) -> HttpResponse:
    """My registration in full: what the service keeps about me."""
    seeker = _own_seeker(request)
    return render(
        request,
        "seekers/own_record.html",
        {
            "seeker": seeker,
            "can_see": True,
            "id_number": seeker.id_number if seeker.id_number_encrypted else "",
            "periods": seeker.periods.select_related("primary_occupation", "station")[:12],
            "skills": seeker.skills.select_related("occupation"),
            "other_occupations": seeker.other_occupations.all(),
        },
    )


@require_http_methods(["GET", "POST"])
def own_edit(request: HttpRequest) -> HttpResponse:
    """Correct or complete my details and skills."""
    seeker = _own_seeker(request)
    return _edit(
        request,
        seeker,
        staff=False,
        template="seekers/seeker_form.html",
        done=lambda: redirect("seekers:own_record"),
    )


@require_http_methods(["GET", "POST"])
def own_renew(request: HttpRequest) -> HttpResponse:
    """Renew my registration on the phone: a new seeking period from today."""
    seeker = _own_seeker(request)
    form = forms.RenewForm(
        request.POST or None,
        initial={
            "primary_occupation": seeker.primary_occupation,
            "intended_industry": seeker.intended_industry,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            period = seeker_renew(seeker=seeker, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(
                request,
                _("Renewed: your registration is valid until %(end)s.") % {"end": period.end},
            )
            return redirect("core:me")
    period = seeker.periods.latest_first().first()
    return render(
        request, "seekers/own_renew.html", {"form": form, "seeker": seeker, "period": period}
    )


@require_GET
def own_download(request: HttpRequest) -> HttpResponse:
    """Download everything the register keeps about me, as JSON."""
    seeker = _own_seeker(request)
    body = json.dumps(personal_data_export(seeker), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-registration.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def own_withdraw(request: HttpRequest) -> HttpResponse:
    """Withdraw from the register: my personal data is erased and my account closed."""
    seeker = _own_seeker(request)
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        seeker_withdraw(seeker=seeker, by=request.user, reason=form.cleaned_data["reason"])
        logout(request)
        messages.success(request, _("Your personal data has been erased and your account closed."))
        return redirect("core:home")
    return render(request, "seekers/own_withdraw.html", {"form": form, "seeker": seeker})


# ---- job alerts and messages ----


def _alerts_page(request: HttpRequest, seeker: Seeker, *, how: str, staff_view: bool, done):
    form = forms.JobAlertForm(request.POST or None, seeker=seeker)
    if request.method == "POST" and form.is_valid():
        try:
            job_alert_set(seeker=seeker, by=request.user, how=how, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("Job alerts saved."))
            return redirect(done)
    return render(
        request,
        "seekers/alerts_form.html",
        {
            "form": form,
            "seeker": seeker,
            "staff_view": staff_view,
            "consents": seeker.alert_consents.all()[:10],
        },
    )


@require_http_methods(["GET", "POST"])
def own_alerts(request: HttpRequest) -> HttpResponse:
    """My job alerts: switch on (consent), choose from my registered kinds of work, switch off."""
    seeker = _own_seeker(request)
    return _alerts_page(
        request, seeker, how=JobAlertConsent.How.SELF, staff_view=False, done="core:me"
    )


@require_http_methods(["GET", "POST"])
@role_required(*REGISTER_ROLES)
def seeker_alerts(request: HttpRequest, public_id) -> HttpResponse:
    """Staff of the home station set a person's job alerts at the window, with their consent."""
    seeker = _editable_seeker(request, public_id)
    return _alerts_page(
        request,
        seeker,
        how=JobAlertConsent.How.WINDOW,
        staff_view=True,
        done=reverse("seekers:seeker_detail", args=[seeker.public_id]),
    )


@require_POST
@role_required(*REGISTER_ROLES)
def seeker_messages_opt_out(request: HttpRequest, public_id) -> HttpResponse:
    """At the window: stop (or resume) one kind of text message to the person's mobile."""
    seeker = _editable_seeker(request, public_id)
    kind = request.POST.get("kind", "")
    if not seeker.mobile:
        messages.error(request, _("No mobile number on the record."))
    elif request.POST.get("resume") == "1":
        message_opt_in(to=seeker.mobile, kind=kind)
        messages.success(request, _("These messages will be sent again."))
    else:
        try:
            message_opt_out(
                to=seeker.mobile, kind=kind, how=MessageOptOut.How.WINDOW, by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("These messages will no longer be sent."))
    return redirect("seekers:seeker_detail", public_id=seeker.public_id)
