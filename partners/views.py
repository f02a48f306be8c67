"""Pages of the partners app: the partner's own page, registering and referring a person, a printable
consent slip; the station's list of referrals, one referral and its steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket.forms import add_service_errors
from gigmarket.roles import Role, role_required
from gigmarket.services import personal_data_opened
from partners import forms, services
from partners.models import Referral
from partners.selectors import with_what_became
from seekers.models import PRIVACY_NOTICE_VERSION

HANDLER_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
LIST_PAGE_SIZE = 30


# ---- the partner ----


@role_required(Role.PARTNER)
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The people this organisation referred (masked) and what became of them; nothing else."""
    partner = services.partner_of(request.user)
    page = Paginator(
        Referral.objects.of_partner_user(request.user)
        .select_related("seeker", "station")
        .order_by("-created_at", "-pk"),
        LIST_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    referrals = with_what_became(list(page.object_list))
    return render(
        request,
        "partners/home.html",
        {"partner": partner, "page": page, "referrals": referrals},
    )


@role_required(Role.PARTNER)
@require_http_methods(["GET", "POST"])
def refer(request: HttpRequest) -> HttpResponse:
    """Register a person on their behalf (with their signed consent) and refer them to a station."""
    partner = services.partner_of(request.user)
    stations = services.stations_for(partner)
    form = forms.ReferForm(request.POST or None, request.FILES or None, stations=stations)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_register_and_refer(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Referred. The station will contact the person; follow it here.")
            )
            return redirect("partners:home")
    status = 400 if request.method == "POST" else 200
    return render(request, "partners/refer.html", {"form": form, "partner": partner}, status=status)


@role_required(Role.PARTNER)
@require_GET
def consent_slip(request: HttpRequest) -> HttpResponse:
    """The consent slip to print, read out and have signed (one page)."""
    partner = services.partner_of(request.user)
    return render(
        request,
        "partners/consent_slip.html",
        {"partner": partner, "notice_version": PRIVACY_NOTICE_VERSION},
    )


# ---- the station ----


def _handled(request: HttpRequest, public_id) -> Referral:
    return get_object_or_404(
        Referral.objects.to_stations_of(request.user).for_list(), public_id=public_id
    )


@role_required(*HANDLER_ROLES)
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    """Referrals to my station (a county admin: the region's), open ones unless ``?all=1``."""
    referrals = Referral.objects.to_stations_of(request.user).for_list()
    show_all = request.GET.get("all") == "1"
    if not show_all:
        referrals = referrals.open()
    page = Paginator(referrals.order_by("created_at", "pk"), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "partners/referral_list.html", {"page": page, "show_all": show_all})


def _detail(request, referral: Referral, *, status: int = 200, **bound) -> HttpResponse:
    context = {
        "referral": referral,
        "logs": referral.logs.select_related("by"),
        "allowed": [str(s) for s in services.ALLOWED.get(referral.status, [])],
        "accept_form": forms.NoteForm(auto_id="id_accept_%s"),
        "done_form": forms.OutcomeForm(auto_id="id_done_%s"),
        "decline_form": forms.OutcomeForm(auto_id="id_decline_%s"),
    }
    context.update(bound)
    return render(request, "partners/referral_detail.html", context, status=status)


@role_required(*HANDLER_ROLES)
@require_GET
def referral_detail(request: HttpRequest, public_id) -> HttpResponse:
    """One referral: who sent whom for what, the consent, and the station's steps."""
    return _detail(request, _handled(request, public_id))


STEPS = {
    "accept": (
        lambda data: forms.NoteForm(data, auto_id="id_accept_%s"),
        "accept_form",
        lambda r, by, d: services.referral_accept(referral=r, by=by, note=d["note"]),
        _("Referral accepted."),
    ),
    "done": (
        lambda data: forms.OutcomeForm(data, auto_id="id_done_%s"),
        "done_form",
        lambda r, by, d: services.referral_done(referral=r, by=by, outcome=d["outcome"]),
        _("Outcome recorded; the partner sees it."),
    ),
    "decline": (
        lambda data: forms.OutcomeForm(data, auto_id="id_decline_%s"),
        "decline_form",
        lambda r, by, d: services.referral_decline(referral=r, by=by, reason=d["outcome"]),
        _("Referral declined; the partner sees the reason."),
    ),
}


@role_required(*HANDLER_ROLES)
@require_POST
def referral_step(request: HttpRequest, public_id, step: str) -> HttpResponse:
    """Accept, finish (with the outcome) or decline a referral: one service call each."""
    referral = _handled(request, public_id)
    if step not in STEPS:
        return _detail(request, referral, status=404)
    make_form, form_name, run, done = STEPS[step]
    form = make_form(request.POST)
    if form.is_valid():
        try:
            run(referral, request.user, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(referral)
    referral.refresh_from_db()
    return _detail(request, referral, status=400, **{form_name: form})


@role_required(*HANDLER_ROLES)
@require_GET
def consent_download(request: HttpRequest, public_id) -> HttpResponse:
    """The signed consent slip (it carries the person's name and signature): download, logged."""
    referral = _handled(request, public_id)
    personal_data_opened(user=request.user, record=referral, purpose=_("Opened the consent slip"))
    response = FileResponse(
        referral.consent_file.open("rb"),
        as_attachment=True,
        filename=f"consent-{referral.public_id.hex[:8]}.{referral.consent_file.name.rsplit('.', 1)[-1]}",
        content_type=referral.consent_content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
