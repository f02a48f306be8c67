"""Pages after the work: the employer's "my placements" (who is coming, confirm or decline,
done and paid), re-hire (ask a worker again; the worker answers by a texted link), re-post and
weekly orders, and the ratings both sides give after a completed placement."""

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

from gigmarket import facts
from gigmarket.forms import add_service_errors
from gigmarket.models import User
from gigmarket.roles import Role, role_required
from jobs import services
from jobs.forms import DoneForm, NewDatesForm, RatingForm, RehireAnswerForm, WeeklyForm
from jobs.models import (
    Employer,
    Job,
    Placement,
    PlacementRating,
    RecurringOrder,
    RehireRefusal,
    RehireRequest,
)

__all__ = [
    "employer_placement_answer",
    "employer_placement_done",
    "employer_placements",
    "job_repost",
    "rate",
    "recurring_start",
    "recurring_stop",
    "rehire_answer",
    "rehire_create",
    "rehire_list",
]

STAFF_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)


def _employer(request: HttpRequest) -> Employer:
    user = request.user
    if not user.is_authenticated or user.kind != User.Kind.EMPLOYER:
        raise PermissionDenied
    employer = Employer.objects.filter(user=user).first()
    if employer is None:
        raise PermissionDenied
    return employer


def _own_placement(request: HttpRequest, pk: int) -> Placement:
    employer = _employer(request)
    return get_object_or_404(
        Placement.objects.filter(job__employer=employer).select_related(
            "job__employer", "seeker", "job__station"
        ),
        pk=pk,
    )


def _errors(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# ---- the employer's placements ----


@require_GET
def employer_placements(request: HttpRequest) -> HttpResponse:
    """Who is coming when, on the employer's jobs: the people to answer, those confirmed and at
    work (mark done and paid), and the completed ones (rate, ask again)."""
    user = request.user
    if user.kind != User.Kind.EMPLOYER:
        raise PermissionDenied
    employer = Employer.objects.filter(user=user).first()
    if employer is None:
        return render(request, "jobs/employer_placements.html", {"employer": None, "groups": []})
    today = timezone.localdate()
    placements = list(
        Placement.objects.filter(job__employer=employer)
        .exclude(state__in=("declined", "cancelled", "no_show"))
        .select_related("job", "seeker")
        .order_by("job__start_date", "pk")[:200]
    )
    ratings = {
        r.placement_id: r
        for r in PlacementRating.objects.filter(
            placement__in=[p.pk for p in placements], side=PlacementRating.Side.EMPLOYER
        )
    }
    pending = {
        r.previous_id: r
        for r in RehireRequest.objects.filter(employer=employer).select_related("job")
    }
    refused = set(
        RehireRefusal.objects.filter(employer=employer).values_list("seeker_id", flat=True)
    )
    rows = []
    for p in placements:
        rows.append(
            {
                "p": p,
                "rating": ratings.get(p.pk),
                "rehire": pending.get(p.pk),
                "refused": p.seeker_id in refused,
                "started": p.job.start_date <= today,
            }
        )
    groups = [
        (_("To answer"), [r for r in rows if r["p"].state in ("applied", "recommended")]),
        (_("Coming and at work"), [r for r in rows if r["p"].state in ("confirmed", "on_duty")]),
        (_("Done"), [r for r in rows if r["p"].state == "completed"]),
    ]
    return render(
        request,
        "jobs/employer_placements.html",
        {
            "employer": employer,
            "groups": groups,
            "done_form": DoneForm(),
            "orders": RecurringOrder.objects.filter(employer=employer, active=True).select_related(
                "template"
            ),
        },
    )


@require_POST
def employer_placement_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm or decline a person the station sent."""
    placement = _own_placement(request, pk)
    confirm = request.POST.get("answer") == "confirm"
    try:
        services.employer_placement_answer(placement=placement, by=request.user, confirm=confirm)
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            (_("%(name)s confirmed.") if confirm else _("%(name)s declined."))
            % {"name": placement.seeker.masked_name},
        )
    return redirect("jobs:employer_placements")


@require_POST
def employer_placement_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the work done and say whether it was paid in full."""
    placement = _own_placement(request, pk)
    form = DoneForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether you paid all that was agreed."))
        return redirect("jobs:employer_placements")
    try:
        services.employer_placement_done(
            placement=placement, by=request.user, paid_in_full=form.cleaned_data["paid_in_full"]
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(request, _("Recorded as done. Thank you."))
    return redirect("jobs:employer_placements")


# ---- re-hire ----


@require_http_methods(["GET", "POST"])
def rehire_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the worker of a completed placement again: a copied job with new dates."""
    placement = _own_placement(request, pk)
    form = NewDatesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rehire_request(placement=placement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Asked. %(name)s gets a text message; the new job goes to the station for "
                    "review."
                )
                % {"name": placement.seeker.masked_name},
            )
            return redirect("jobs:employer_placements")
    return render(
        request,
        "jobs/rehire_create.html",
        {"placement": placement, "job": placement.job, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def rehire_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The worker's answer, by the texted link (the token is the only key; no login needed)."""
    rehire = get_object_or_404(
        RehireRequest.objects.select_related("job__region", "employer", "seeker"), token=token
    )
    form = RehireAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["answer"] == "accept"
        try:
            services.rehire_answer(
                request=rehire,
                accept=accept,
                by=request.user,
                via=_answered_via(request.user),
                refuse_future=form.cleaned_data["refuse_future"],
            )
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("Thank you: you accepted. The station will confirm the day with you.")
                if accept
                else _("Thank you: you declined."),
            )
        return redirect("jobs:rehire_answer", token=token)
    return render(
        request, "jobs/rehire_answer.html", {"rehire": rehire, "job": rehire.job, "form": form}
    )


@require_GET
@role_required(*STAFF_ROLES)
def rehire_list(request: HttpRequest) -> HttpResponse:
    """Re-hire requests on jobs this staff member may dispatch to, newest first; and the ratings
    still to collect on those jobs' completed placements, for people who answer at the window
    rather than by the texted link."""
    jobs = Job.objects.dispatchable_by(request.user)
    rows = (
        RehireRequest.objects.filter(job__in=jobs)
        .select_related("job", "employer", "seeker")
        .order_by("-created_at", "-pk")[:100]
    )
    unrated = (
        PlacementRating.objects.filter(placement__job__in=jobs, answered_at__isnull=True)
        .select_related("placement__job__employer", "placement__seeker")
        .order_by("-pk")[:50]
    )
    return render(request, "jobs/rehire_list.html", {"rows": rows, "unrated": unrated})


# ---- re-post and weekly orders ----


def _editable_job(request: HttpRequest, pk: int) -> Job:
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    if user.kind == User.Kind.EMPLOYER:
        return get_object_or_404(Job.objects.filter(employer__user=user), pk=pk)
    if not user.has_role(*STAFF_ROLES):
        raise PermissionDenied
    return get_object_or_404(Job.objects.editable_by(user), pk=pk)


@require_http_methods(["GET", "POST"])
def job_repost(request: HttpRequest, pk: int) -> HttpResponse:
    """Copy an ended job into a new draft with new dates (then edit and submit as usual)."""
    job = _editable_job(request, pk)
    form = NewDatesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.job_repost(job=job, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("A new draft is ready: check it and submit it for review."))
            return redirect("jobs:job_manage", pk=new.pk)
    return render(
        request,
        "jobs/job_repost.html",
        {"job": job, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def recurring_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Set up a weekly order from this job."""
    job = _editable_job(request, pk)
    form = WeeklyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a day of the week."))
        return redirect("jobs:job_manage", pk=job.pk)
    try:
        order = services.recurring_order_start(
            job=job, by=request.user, weekday=form.cleaned_data["weekday"]
        )
    except ValidationError as error:
        _errors(request, error)
    else:
        messages.success(
            request,
            _("A copy of this job will open every %(day)s until you stop it.")
            % {"day": order.get_weekday_display()},
        )
    return redirect("jobs:job_manage", pk=job.pk)


@require_POST
def recurring_stop(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop a weekly order."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    if user.kind == User.Kind.EMPLOYER:
        scope = RecurringOrder.objects.filter(employer__user=user)
    elif user.has_role(*STAFF_ROLES):
        scope = RecurringOrder.objects.filter(template__in=Job.objects.editable_by(user))
    else:
        raise PermissionDenied
    order = get_object_or_404(scope, pk=pk)
    services.recurring_order_stop(order=order, by=user)
    messages.success(request, _("The weekly order is stopped."))
    return redirect("jobs:job_manage", pk=order.template_id)


# ---- ratings ----


def _answered_via(user) -> str:
    """How an answer (a rating, a re-hire reply) came in: staff typing it at the window, the person logged in, or the link."""
    if not user.is_authenticated:
        return "link"
    return "window" if user.has_role(*STAFF_ROLES) else "site"


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def rate(request: HttpRequest, token: str) -> HttpResponse:
    """One side rates the other after the work, by the texted link (the token is the key)."""
    rating = get_object_or_404(
        PlacementRating.objects.select_related("placement__job__employer", "placement__seeker"),
        token=token,
    )
    worker_side = rating.side == PlacementRating.Side.WORKER
    form = RatingForm(request.POST or None, worker_side=worker_side)
    if request.method == "POST" and rating.answered_at is None and form.is_valid():
        try:
            services.rating_answer(
                rating=rating,
                by=request.user,
                via=_answered_via(request.user),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you for your rating."))
            return redirect("jobs:rate", token=token)
    placement = rating.placement
    return render(
        request,
        "jobs/rate.html",
        {
            "rating": rating,
            "placement": placement,
            "job": placement.job,
            "worker_side": worker_side,
            "form": form,
            # The station's short satisfaction survey, when an app above provides one.
            "survey_url": facts.ask(
                facts.PLACEMENT_SURVEY_URL, placement, rating.side, default=None
            )
            if rating.answered_at
            else None,
        },
        status=400 if request.method == "POST" and rating.answered_at is None else 200,
    )
