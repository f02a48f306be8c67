"""Pages of the guidance app: the window's guidance desk (find a person, give guidance, keep the
plan), the person's own plan, registration help with its slip and the provincial export, and the
accident-insurance recommendations."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket.forms import add_service_errors
from gigmarket.models import User
from gigmarket.roles import Role, role_required
from gigmarket.tabular import csv_bytes
from guidance import forms, selectors, services
from guidance.models import Guidance, InsuranceAdvice, PlanStep, Registration
from seekers.models import Seeker
from training.models import Programme

DESK = (Role.STATION_STAFF, Role.COUNTY_ADMIN)
LIST_PAGE_SIZE = 30


def _programmes(user: User):
    return Programme.objects.visible_to(user).enrolling().order_by("start_date", "pk")


def _seeker(request: HttpRequest, public_id) -> Seeker:
    return get_object_or_404(
        Seeker.objects.visible_to(request.user).not_withdrawn(), public_id=public_id
    )


def _guidance(request: HttpRequest, public_id) -> Guidance:
    return get_object_or_404(
        Guidance.objects.visible_to(request.user).for_listing(), public_id=public_id
    )


def _step(request: HttpRequest, pk: int) -> PlanStep:
    return get_object_or_404(
        PlanStep.objects.visible_to(request.user).select_related("guidance"), pk=pk
    )


# ---- the guidance desk ----


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def index(request: HttpRequest) -> HttpResponse:
    """Find the person at the window (a POST, so typed numbers stay out of URLs); follow-ups
    due; the latest guidance of my stations."""
    form = forms.SeekerSearchForm(request.POST if request.method == "POST" else None)
    found = []
    if form.is_valid() and form.cleaned_data["q"]:
        found = list(
            Seeker.objects.visible_to(request.user)
            .not_withdrawn()
            .search(form.cleaned_data["q"])
            .select_related("home_station")
            .order_by("-registered_at", "-pk")[:10]
        )
    today = timezone.localdate()
    due = (
        PlanStep.objects.visible_to(request.user)
        .follow_ups_due(today)
        .select_related("guidance", "guidance__seeker")
        .order_by("due_on", "pk")[:20]
    )
    recent = Paginator(Guidance.objects.visible_to(request.user).for_listing(), LIST_PAGE_SIZE)
    return render(
        request,
        "guidance/index.html",
        {
            "form": form,
            "found": found,
            "searched": form.is_bound,
            "due": list(due),
            "page": recent.get_page(request.GET.get("page")),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def guidance_create(request: HttpRequest, public_id) -> HttpResponse:
    """Give guidance to the person: the assessment, the goals and the first steps of the plan."""
    seeker = _seeker(request, public_id)
    form = forms.GuidanceForm(
        request.POST if request.method == "POST" else None, programmes=_programmes(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            guidance = services.guidance_give(
                by=request.user,
                seeker=seeker,
                goals=data["goals"],
                steps=form.steps(),
                programme=data.get("programme"),
                **{f: data[f] for f in services.ASSESSMENT_FIELDS},
            )
        except PermissionDenied:
            form.add_error(None, _("You can only give guidance at a station you work at."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Guidance recorded. Print the plan for the person."))
            return redirect(guidance)
    return render(request, "guidance/guidance_form.html", {"form": form, "seeker": seeker})


def _detail(request: HttpRequest, guidance: Guidance, **extra) -> HttpResponse:
    context = {
        "guidance": guidance,
        "seeker": guidance.seeker,
        "steps": guidance.steps.select_related("referral__programme", "job").order_by(
            "created_at", "pk"
        ),
        "logs": guidance.logs.select_related("by").order_by("-at", "-pk")[:30],
        "step_form": extra.pop("step_form", None) or forms.StepForm(),
        "refer_form": extra.pop("refer_form", None)
        or forms.ReferForm(programmes=_programmes(request.user)),
        "reveal_form": extra.pop("reveal_form", None) or forms.RevealForm(),
        "follow_up_form": forms.FollowUpForm(),
        "today": timezone.localdate(),
        **extra,
    }
    return render(request, "guidance/guidance_detail.html", context)


@require_GET
@role_required(*DESK)
def guidance_detail(request: HttpRequest, public_id) -> HttpResponse:
    """A guidance record: the assessment (health limits hidden until asked), the plan, its log."""
    return _detail(request, _guidance(request, public_id))


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def guidance_edit(request: HttpRequest, public_id) -> HttpResponse:
    """Change the assessment and goals."""
    guidance = _guidance(request, public_id)
    form = forms.AssessmentForm(
        request.POST if request.method == "POST" else None, instance=guidance
    )
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in forms.AssessmentForm.Meta.fields}
        guidance.refresh_from_db()
        try:
            services.guidance_assess(guidance=guidance, by=request.user, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Assessment saved."))
            return redirect(guidance)
    return render(request, "guidance/guidance_edit.html", {"form": form, "guidance": guidance})


@require_POST
@role_required(*DESK)
def health_reveal(request: HttpRequest, public_id) -> HttpResponse:
    """Show the stated health limits once, for a purpose (logged for the auditor)."""
    guidance = _guidance(request, public_id)
    form = forms.RevealForm(request.POST)
    if not form.is_valid():
        return _detail(request, guidance, reveal_form=form)
    services.health_limits_opened(
        guidance=guidance, by=request.user, purpose=form.cleaned_data["purpose"]
    )
    return _detail(request, guidance, health_shown=True)


@require_POST
@role_required(*DESK)
def step_add(request: HttpRequest, public_id) -> HttpResponse:
    guidance = _guidance(request, public_id)
    form = forms.StepForm(request.POST)
    if form.is_valid():
        try:
            services.step_add(guidance=guidance, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Step added to the plan."))
            return redirect(guidance)
    return _detail(request, guidance, step_form=form)


@require_POST
@role_required(*DESK)
def step_refer(request: HttpRequest, public_id) -> HttpResponse:
    """Refer the person to training (the training app's referral) as a step of the plan."""
    guidance = _guidance(request, public_id)
    form = forms.ReferForm(request.POST, programmes=_programmes(request.user))
    if form.is_valid():
        try:
            services.step_refer_training(
                guidance=guidance, by=request.user, programme=form.cleaned_data["programme"]
            )
        except ValidationError as error:
            form.add_error("programme", " ".join(error.messages))
        else:
            messages.success(request, _("Referred to training; the step is in the plan."))
            return redirect(guidance)
    return _detail(request, guidance, refer_form=form)


@require_POST
@role_required(*DESK)
def step_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a step done (with what came of it) or not done."""
    step = _step(request, pk)
    form = forms.StepDoneForm(request.POST)
    if form.is_valid():
        services.step_mark(
            step=step,
            by=request.user,
            done=form.cleaned_data["done"],
            outcome=form.cleaned_data["outcome"],
        )
    return redirect(step.guidance)


@require_POST
@role_required(*DESK)
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a follow-up and plan the next one."""
    step = _step(request, pk)
    form = forms.FollowUpForm(request.POST)
    if form.is_valid():
        try:
            services.follow_up_record(step=step, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Follow-up recorded."))
    else:
        messages.error(request, _("Say what you learnt in the follow-up."))
    return redirect(step.guidance)


@require_GET
@role_required(*DESK)
def plan_print(request: HttpRequest, public_id) -> HttpResponse:
    """The plan on one A4 page for the person to take home."""
    guidance = _guidance(request, public_id)
    return render(request, "guidance/plan_print.html", _plan_context(guidance, staff=True))


def _plan_context(guidance: Guidance, *, staff: bool) -> dict:
    return {
        "guidance": guidance,
        "steps": guidance.steps.select_related("referral__programme", "job").order_by(
            "created_at", "pk"
        ),
        "staff": staff,
    }


@require_GET
def my_plan(request: HttpRequest) -> HttpResponse:
    """The person's own latest plan, in plain words; prints on one page."""
    seeker = Seeker.objects.filter(user=request.user).first()
    if seeker is None:
        raise PermissionDenied
    guidance = selectors.latest_plan(seeker)
    if guidance is None:
        return render(request, "guidance/plan_print.html", {"guidance": None, "staff": False})
    return render(request, "guidance/plan_print.html", _plan_context(guidance, staff=False))


# ---- employment and unemployment registration ----


@require_GET
@role_required(*DESK)
def registration_list(request: HttpRequest) -> HttpResponse:
    """Registrations the user's stations helped with, newest first; the export for admins."""
    kind = request.GET.get("kind") if request.GET.get("kind") in Registration.Kind.values else None
    rows = Registration.objects.visible_to(request.user).of_kind(kind).for_listing()
    page = Paginator(rows, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "guidance/registration_list.html",
        {
            "page": page,
            "kind": kind,
            "kinds": Registration.Kind.choices,
            "can_export": request.user.has_role(Role.COUNTY_ADMIN),
            "export_form": forms.ExportForm(initial={"month": f"{today:%Y-%m}", "unfiled": True}),
        },
    )


@require_http_methods(["GET", "POST"])
@role_required(*DESK)
def registration_create(request: HttpRequest, public_id) -> HttpResponse:
    """Record registration help; employment is prefilled from the person's long-term placement."""
    seeker = _seeker(request, public_id)
    placement = selectors.long_term_placement(seeker)
    initial = {"kind": Registration.Kind.UNEMPLOYMENT}
    if placement is not None:
        initial = {
            "kind": Registration.Kind.EMPLOYMENT,
            "employer_name": placement.job.employer.name,
            "employer_credit_code": placement.job.employer.credit_code,
            "start_date": placement.start_date or placement.job.start_date,
            "placement": placement.pk,
        }
    form = forms.RegistrationForm(
        request.POST if request.method == "POST" else None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        chosen = data.pop("placement")
        linked = placement if placement is not None and chosen == placement.pk else None
        try:
            registration = services.registration_record(
                by=request.user, seeker=seeker, placement=linked, **data
            )
        except PermissionDenied:
            form.add_error(None, _("You can only record this at a station you work at."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Registration help recorded. Print the slip."))
            return redirect(registration)
    return render(
        request,
        "guidance/registration_form.html",
        {"form": form, "seeker": seeker, "placement": placement},
    )


def _registration(request: HttpRequest, public_id) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(request.user).for_listing(), public_id=public_id
    )


@require_GET
@role_required(*DESK)
def registration_detail(request: HttpRequest, public_id) -> HttpResponse:
    """The record and the printable slip for the person."""
    registration = _registration(request, public_id)
    return render(
        request,
        "guidance/registration_slip.html",
        {
            "registration": registration,
            "reference_form": forms.ReferenceForm(initial={"reference": registration.reference}),
            "logs": registration.logs.select_related("by").order_by("-at", "-pk")[:10],
        },
    )


@require_POST
@role_required(*DESK)
def registration_reference(request: HttpRequest, public_id) -> HttpResponse:
    """Record the reference number the provincial system returned."""
    registration = _registration(request, public_id)
    form = forms.ReferenceForm(request.POST)
    if form.is_valid():
        try:
            services.registration_set_reference(
                registration=registration, by=request.user, reference=form.cleaned_data["reference"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Reference number saved."))
            return redirect(registration)
    return render(
        request,
        "guidance/registration_slip.html",
        {"registration": registration, "reference_form": form, "logs": []},
        status=400,
    )


#: The provincial bulk upload's columns (docs/guidance.md explains each).
EXPORT_HEADER = [
    "证件类型",
    "证件号码",
    "姓名",
    "登记类别",
    "单位名称",
    "统一社会信用代码",
    "就业日期",
    "失业日期",
    "失业原因",
    "经办机构代码",
    "经办日期",
    "本地记录号",
]
#: 登记类别 codes of the upload.
EXPORT_KIND = {"employment": "1", "unemployment": "2"}


@require_GET
@role_required(Role.COUNTY_ADMIN)
def registration_export(request: HttpRequest) -> HttpResponse:
    """The month's registrations as the provincial bulk-upload CSV (ID numbers in full: the
    download is logged as a personal-data access of every person in it)."""
    form = forms.ExportForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Write the month as YYYY-MM."))
        return redirect("guidance:registration_list")
    from guidance.figures import _bounds

    _first, starts, ends = _bounds(form.cleaned_data["month"])
    rows = (
        Registration.objects.visible_to(request.user)
        .within(request.user.region)
        .of_kind(form.cleaned_data["kind"] or None)
        .recorded_between(starts, ends)
        .select_related("seeker", "station")
        .order_by("recorded_at", "pk")
    )
    if form.cleaned_data["unfiled"]:
        rows = rows.unfiled()
    rows = list(rows)
    with transaction.atomic():
        services.registrations_exported(by=request.user, registrations=rows)
    body = [
        [
            "01",  # 居民身份证
            r.seeker.id_number if r.seeker.id_number_encrypted else "",
            r.seeker.name,
            EXPORT_KIND[r.kind],
            r.employer_name,
            r.employer_credit_code,
            r.start_date.strftime("%Y%m%d") if r.start_date else "",
            r.unemployed_on.strftime("%Y%m%d") if r.unemployed_on else "",
            r.reason,
            r.station.code,
            timezone.localtime(r.recorded_at).strftime("%Y%m%d"),
            r.public_id.hex[:12],
        ]
        for r in rows
    ]
    response = HttpResponse(csv_bytes(EXPORT_HEADER, body), content_type="text/csv; charset=utf-8")
    name = f"registrations-{form.cleaned_data['month']:%Y%m}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# ---- accident insurance ----


@require_GET
@role_required(*DESK)
def advice_list(request: HttpRequest) -> HttpResponse:
    """Placements on jobs without insurance: recommend cover and record the answer."""
    rows = InsuranceAdvice.objects.visible_to(request.user).for_listing()
    open_rows = rows.open().order_by("created_at", "pk")
    return render(
        request,
        "guidance/advice_list.html",
        {
            "open": list(open_rows[:50]),
            "open_count": open_rows.count(),
            "closed": list(rows.exclude(status__in=("due", "recommended"))[:20]),
            "form": forms.AdviceForm(),
        },
    )


@require_POST
@role_required(*DESK)
def advice_record(request: HttpRequest, public_id) -> HttpResponse:
    advice = get_object_or_404(
        InsuranceAdvice.objects.visible_to(request.user), public_id=public_id
    )
    form = forms.AdviceForm(request.POST)
    if form.is_valid():
        try:
            services.insurance_advice_record(advice=advice, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The answer is recorded."))
    else:
        messages.error(request, _("Choose the answer."))
    return redirect("guidance:advice_list")
