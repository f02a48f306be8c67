"""Pages of the subsidies app: the desk's claims (list, draft, one claim and its steps, documents)
and the county admin's monthly export of approved claims for finance."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket.forms import add_service_errors
from gigmarket.roles import Role, role_required
from gigmarket.services import personal_data_opened
from gigmarket.tabular import csv_bytes, xlsx_bytes
from stations.models import Station
from subsidies import forms, services
from subsidies.models import Claim, ClaimDocument

#: Who handles claims at a desk.
HANDLER_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
LIST_PAGE_SIZE = 30


def _handled(request: HttpRequest, public_id) -> Claim:
    """The claim if the user handles it; a 404 otherwise (no leak of other stations' claims)."""
    return get_object_or_404(Claim.objects.handled_by(request.user).for_list(), public_id=public_id)


@role_required(*HANDLER_ROLES)
@require_GET
def claim_list(request: HttpRequest) -> HttpResponse:
    """Claims of my station (a county admin: the region), those still due first."""
    status = request.GET.get("status", "")
    claims = Claim.objects.handled_by(request.user).for_list()
    if status in Claim.Status.values:
        claims = claims.filter(status=status)
    else:
        claims = claims.due()
    page = Paginator(claims.order_by("created_at", "pk"), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "subsidies/claim_list.html",
        {"page": page, "status": status, "statuses": Claim.Status.choices},
    )


@role_required(*HANDLER_ROLES)
@require_http_methods(["GET", "POST"])
def claim_new(request: HttpRequest) -> HttpResponse:
    """Draft a claim: the person, the scheme, the station; eligibility is checked on saving."""
    form = forms.DraftForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            claim = services.claim_draft(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Claim drafted; eligibility is shown below."))
            return redirect(claim)
    status = 400 if request.method == "POST" else 200
    return render(request, "subsidies/claim_new.html", {"form": form}, status=status)


def _can_see(request: HttpRequest, claim: Claim) -> bool:
    """Staff of the handling station see the person in full; a county admin sees them masked."""
    return Station.objects.staffed_by(request.user).filter(pk=claim.station_id).exists()


def _detail(request: HttpRequest, claim: Claim, *, status: int = 200, **bound) -> HttpResponse:
    context = {
        "claim": claim,
        "can_see": _can_see(request, claim),
        "logs": claim.logs.select_related("by"),
        "documents": claim.documents.all(),
        "still_missing": claim.still_missing(),
        "allowed": [str(s) for s in services.ALLOWED.get(claim.status, [])],
        "documents_form": forms.DocumentsForm(claim=claim, auto_id="id_documents_%s"),
        "submit_form": forms.NoteForm(auto_id="id_submit_%s"),
        "return_form": forms.ReturnForm(claim=claim, auto_id="id_return_%s"),
        "approve_form": forms.ApproveForm(
            initial={"amount": claim.scheme.amount}, auto_id="id_approve_%s"
        ),
        "reject_form": forms.RejectForm(auto_id="id_reject_%s"),
        "pay_form": forms.PayForm(initial={"amount": claim.amount}, auto_id="id_pay_%s"),
        "can_receive": claim.status in ("drafted", "submitted", "returned"),
    }
    context.update(bound)
    return render(request, "subsidies/claim_detail.html", context, status=status)


@role_required(*HANDLER_ROLES)
@require_GET
def claim_detail(request: HttpRequest, public_id) -> HttpResponse:
    """One claim: the person (masked unless the station's), why eligible or not, documents, steps."""
    claim = _handled(request, public_id)
    if _can_see(request, claim):
        personal_data_opened(
            user=request.user, record=claim, purpose=_("Handling station: viewed the claim")
        )
    return _detail(request, claim)


@role_required(*HANDLER_ROLES)
@require_POST
def claim_documents(request: HttpRequest, public_id) -> HttpResponse:
    """Record documents the person brought (images and PDF, checked by content)."""
    claim = _handled(request, public_id)
    form = forms.DocumentsForm(request.POST, request.FILES, claim=claim, auto_id="id_documents_%s")
    if form.is_valid():
        try:
            services.claim_documents_add(
                claim=claim,
                by=request.user,
                name=form.cleaned_data["name"],
                files=form.cleaned_data["files"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Documents received."))
            return redirect(claim)
    return _detail(request, claim, status=400, documents_form=form)


#: step → (form, form name on the page, service call, success message)
STEPS = {
    "submit": (
        lambda data, claim: forms.NoteForm(data, auto_id="id_submit_%s"),
        "submit_form",
        lambda claim, by, d: services.claim_submit(claim=claim, by=by, note=d["note"]),
        _("Claim submitted."),
    ),
    "return": (
        lambda data, claim: forms.ReturnForm(data, claim=claim, auto_id="id_return_%s"),
        "return_form",
        lambda claim, by, d: services.claim_return(
            claim=claim, by=by, missing=d["missing"], note=d["note"]
        ),
        _("Returned; the person sees everything missing in one notice."),
    ),
    "approve": (
        lambda data, claim: forms.ApproveForm(data, auto_id="id_approve_%s"),
        "approve_form",
        lambda claim, by, d: services.claim_approve(
            claim=claim, by=by, amount=d["amount"], note=d["note"]
        ),
        _("Claim approved."),
    ),
    "reject": (
        lambda data, claim: forms.RejectForm(data, auto_id="id_reject_%s"),
        "reject_form",
        lambda claim, by, d: services.claim_reject(claim=claim, by=by, reason=d["reason"]),
        _("Claim rejected; the reason is recorded."),
    ),
    "pay": (
        lambda data, claim: forms.PayForm(data, auto_id="id_pay_%s"),
        "pay_form",
        lambda claim, by, d: services.claim_pay(
            claim=claim, by=by, amount=d["amount"], paid_on=d["paid_on"]
        ),
        _("Payment recorded."),
    ),
}


@role_required(*HANDLER_ROLES)
@require_POST
def claim_step(request: HttpRequest, public_id, step: str) -> HttpResponse:
    """One step of the claim (submit, return, approve, reject, pay): one service call each."""
    claim = _handled(request, public_id)
    if step not in STEPS:
        return _detail(request, claim, status=404)
    make_form, form_name, run, done = STEPS[step]
    form = make_form(request.POST, claim)
    if form.is_valid():
        try:
            run(claim, request.user, form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(claim)
    claim.refresh_from_db()
    return _detail(request, claim, status=400, **{form_name: form})


@role_required(*HANDLER_ROLES)
@require_GET
def document_download(request: HttpRequest, public_id, pk: int) -> HttpResponse:
    """A claim document, only for staff handling the claim; always downloaded, never inline."""
    claim = _handled(request, public_id)
    document = get_object_or_404(ClaimDocument, claim=claim, pk=pk)
    personal_data_opened(
        user=request.user,
        record=claim,
        purpose=_("Opened claim document #%(pk)d") % {"pk": document.pk},
    )
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@role_required(Role.COUNTY_ADMIN)
@require_GET
def claim_export(request: HttpRequest) -> HttpResponse:
    """Approved claims of a month for finance (CSV or XLSX). Finance pays to the person, so the
    name and full ID number are in it; every person's record in it is logged as opened."""
    form = forms.ExportForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return render(request, "subsidies/claim_export.html", {"form": form})
    first = form.cleaned_data["month"]
    claims = list(export_claims(request.user, first))
    header = [
        _("Claim"),
        _("Scheme"),
        _("Name"),
        _("ID number"),
        _("Handling station"),
        _("Approved on"),
        _("Approved amount (yuan)"),
        _("Status"),
        _("Paid on"),
    ]
    rows = []
    for claim in claims:
        personal_data_opened(
            user=request.user, record=claim, purpose=_("Approved claims export for finance")
        )
        rows.append(
            [
                claim.public_id.hex[:12],
                claim.scheme.name,
                claim.seeker.name,
                claim.seeker.id_number,
                claim.station.name,
                timezone.localtime(claim.approved_at).date().isoformat(),
                claim.amount,
                claim.get_status_display(),
                claim.paid_on.isoformat() if claim.paid_on else "",
            ]
        )
    name = f"subsidy-claims-approved-{first:%Y-%m}"
    if form.cleaned_data["format"] == "xlsx":
        response = HttpResponse(
            xlsx_bytes([(_("Approved claims"), header, rows)]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    else:
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_claims(user, first: datetime.date):
    """Claims approved in the month starting ``first`` (local time), in the user's reach."""
    starts = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    ends = timezone.make_aware(datetime.datetime.combine(following, datetime.time()))
    return (
        Claim.objects.handled_by(user)
        .approved_between(starts, ends)
        .for_list()
        .order_by("approved_at", "pk")
    )
