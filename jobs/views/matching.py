"""Pages of instant hire (即时快招): a seeker's sign-up and "jobs for me", the station waiting
list, a job's ranked candidates and dispatch, each placement move, and result confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gigmarket.forms import add_service_errors
from gigmarket.models import User
from gigmarket.roles import Role, role_required
from gigmarket.services import personal_data_opened
from jobs import ranking, services
from jobs.forms import ReasonForm, ResultForm, SeekerResultForm, SignInForm
from jobs.models import Job, Placement, WaitingEntry
from stations.models import Station

__all__ = [
    "alert_digest",
    "candidate_call",
    "job_candidates",
    "job_sign_up",
    "jobs_for_me",
    "my_placement_confirm",
    "my_placement_withdraw",
    "placement_cancel",
    "placement_complete",
    "placement_confirm",
    "placement_decline",
    "placement_no_show",
    "placement_recommend",
    "placement_start",
    "waiting_list",
    "waiting_sign_in",
]

DISPATCH_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)


def _own_seeker(user: User):
    from seekers.models import Seeker

    if not user.is_authenticated or user.kind != User.Kind.SEEKER:
        raise PermissionDenied
    return (
        Seeker.objects.not_withdrawn()
        .filter(user=user)
        .select_related("home_region", "primary_occupation", "home_station")
        .first()
    )


def _errors_to_messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# ---- the seeker's side ----


@require_POST
def job_sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    """One-tap sign-up (报名) from the job page; a second tap changes nothing."""
    seeker = _own_seeker(request.user)
    job = get_object_or_404(Job.objects.public(), pk=pk)
    if seeker is None:
        messages.info(request, _("Register as a seeker first; then you can sign up for jobs."))
        return redirect("seekers:seeker_self_register")
    try:
        placement = services.placement_sign_up(job=job, seeker=seeker, by=request.user)
    except ValidationError as error:
        _errors_to_messages(request, error)
        if error.code == "lapsed":
            return redirect("seekers:own_renew")
        return redirect(job.get_absolute_url())
    messages.success(
        request,
        _("You are signed up (%(state)s). The station will call you.")
        % {"state": placement.get_state_display()},
    )
    return redirect(job.get_absolute_url())


@require_GET
def jobs_for_me(request: HttpRequest) -> HttpResponse:
    """Open jobs ranked for the logged-in seeker by the same rule staff use, with reasons."""
    seeker = _own_seeker(request.user)
    matches = ranking.jobs_for(seeker) if seeker is not None else []
    return render(request, "jobs/jobs_for_me.html", {"seeker": seeker, "matches": matches})


@require_POST
def my_placement_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker confirms their side of a completed job: was the pay in full."""
    seeker = _own_seeker(request.user)
    if seeker is None:
        raise PermissionDenied
    placement = get_object_or_404(Placement.objects.of_seeker(seeker), pk=pk)
    form = SeekerResultForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("core:me")
    try:
        services.placement_seeker_confirm(
            placement=placement,
            by=request.user,
            paid_in_full=form.cleaned_data["paid_in_full"],
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        if form.cleaned_data["paid_in_full"]:
            messages.success(request, _("Thank you: your confirmation is recorded."))
        else:
            messages.warning(
                request,
                _("Recorded. If wages are owed, you can file a complaint: the link is below."),
            )
    return redirect("core:me")


@require_POST
def my_placement_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """The worker withdraws a sign-up nobody has handled yet."""
    seeker = _own_seeker(request.user)
    if seeker is None:
        raise PermissionDenied
    placement = get_object_or_404(Placement.objects.of_seeker(seeker), pk=pk)
    try:
        services.placement_cancel(
            placement=placement, by=request.user, reason=_("Withdrawn by the worker")
        )
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("Your sign-up is withdrawn."))
    return redirect("core:me")


# ---- the station's waiting list (候工登记) ----


def _stations(user: User):
    return Station.objects.writable_by(user).active().order_by("code")


@role_required(*DISPATCH_ROLES)
@require_GET
def waiting_list(request: HttpRequest) -> HttpResponse:
    """Today's waiting list at the user's stations, with the sign-in box."""
    stations = _stations(request.user)
    entries = WaitingEntry.objects.on().at(stations).for_list()
    return render(
        request,
        "jobs/waiting_list.html",
        {
            "form": SignInForm(stations=stations),
            "entries": entries,
            "today": timezone.localdate(),
            "short_jobs": Job.objects.dispatchable_by(request.user)
            .short_of_people()
            .select_related("occupation", "region")[:10],
        },
    )


@role_required(*DISPATCH_ROLES)
@require_POST
def waiting_sign_in(request: HttpRequest) -> HttpResponse:
    """Sign a seeker in for today and give them the next queue number."""
    stations = _stations(request.user)
    form = SignInForm(request.POST, stations=stations)
    if form.is_valid():
        try:
            seeker = services.seeker_for_sign_in(form.cleaned_data["query"])
            entry, created = services.waiting_sign_in(
                station=form.cleaned_data["station"], seeker=seeker, by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            text = (
                _("%(name)s signed in: number %(n)s.")
                if created
                else _("%(name)s was already signed in today: number %(n)s.")
            )
            messages.success(request, text % {"name": seeker.masked_name, "n": entry.queue_number})
            return redirect("jobs:waiting_list")
    entries = WaitingEntry.objects.on().at(stations).for_list()
    return render(
        request,
        "jobs/waiting_list.html",
        {"form": form, "entries": entries, "today": timezone.localdate(), "short_jobs": []},
        status=400,
    )


# ---- candidates and dispatch ----


def _dispatch_job(request: HttpRequest, pk: int) -> Job:
    if not request.user.has_role(*DISPATCH_ROLES):
        raise PermissionDenied
    return get_object_or_404(
        Job.objects.dispatchable_by(request.user).select_related(
            "employer", "station", "occupation", "region"
        ),
        pk=pk,
    )


@require_GET
def job_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's placements, and its ranked candidates with the reasons for each."""
    from seekers.models import Seeker

    job = _dispatch_job(request, pk)
    candidates = ranking.candidates_for(job) if job.is_taking_signups else []
    placements = list(
        job.placements.exclude(state=Placement.State.APPLIED)
        .select_related("seeker", "station")
        .order_by("state", "pk")
    )
    ids = [c.seeker.pk for c in candidates] + [p.seeker_id for p in placements]
    own = set(
        Seeker.objects.editable_by(request.user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    for c in candidates:
        c.can_see = c.seeker.pk in own
    for p in placements:
        p.can_see = p.seeker_id in own
    taken = sum(1 for p in placements if p.counts_toward_headcount)
    return render(
        request,
        "jobs/job_candidates.html",
        {
            "job": job,
            "candidates": candidates,
            "placements": placements,
            "taken": taken,
            "free": max(job.headcount - taken, 0),
            "reason_form": ReasonForm(),
        },
    )


@require_POST
def placement_recommend(request: HttpRequest, pk: int, public_id) -> HttpResponse:
    """Send a seeker to the job (派单)."""
    from seekers.models import Seeker

    job = _dispatch_job(request, pk)
    seeker = get_object_or_404(
        Seeker.objects.visible_to(request.user).not_withdrawn(), public_id=public_id
    )
    try:
        services.placement_recommend(job=job, seeker=seeker, by=request.user)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, _("%(name)s recommended.") % {"name": seeker.masked_name})
    return redirect("jobs:job_candidates", pk=job.pk)


@never_cache
@require_POST
def candidate_call(request: HttpRequest, pk: int, public_id) -> HttpResponse:
    """Call a candidate about a job: the full mobile is shown once, as a tap-to-call link, and
    the opening is logged for the auditor (a reveal, as on the seeker page)."""
    from seekers.models import Seeker

    job = _dispatch_job(request, pk)
    seeker = get_object_or_404(
        Seeker.objects.visible_to(request.user).not_withdrawn(), public_id=public_id
    )
    if not seeker.mobile:
        messages.error(
            request, _("%(name)s has no mobile on record.") % {"name": seeker.masked_name}
        )
        return redirect("jobs:job_candidates", pk=job.pk)
    personal_data_opened(
        user=request.user,
        record=seeker,
        purpose=_("Call about job #%(pk)s “%(title)s”") % {"pk": job.pk, "title": job.title},
    )
    return render(request, "jobs/candidate_call.html", {"job": job, "seeker": seeker})


def _placement_for(request: HttpRequest, pk: int, *, answer: bool = False) -> Placement:
    """The placement, if the user keeps its record (staff, admins) or, with ``answer``, may
    confirm or decline it (also the job's employer); else 404."""
    scope = Placement.objects.answerable_by if answer else Placement.objects.handled_by
    return get_object_or_404(scope(request.user).select_related("job", "seeker"), pk=pk)


def _back(request: HttpRequest, placement: Placement) -> HttpResponse:
    if request.user.has_role(*DISPATCH_ROLES) and (
        Job.objects.dispatchable_by(request.user).filter(pk=placement.job_id).exists()
    ):
        return redirect("jobs:job_candidates", pk=placement.job_id)
    return redirect("jobs:job_manage", pk=placement.job_id)


def _move(request: HttpRequest, pk: int, action, ok: str, *, answer: bool = False) -> HttpResponse:
    placement = _placement_for(request, pk, answer=answer)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        action(placement=placement, by=request.user, reason=reason)
    except ValidationError as error:
        _errors_to_messages(request, error)
    else:
        messages.success(request, ok % {"name": placement.seeker.masked_name})
    return _back(request, placement)


@require_POST
def placement_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm a person for the job (refused with a clear message when it is full)."""
    return _move(request, pk, services.placement_confirm, _("%(name)s confirmed."), answer=True)


@require_POST
def placement_start(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.placement_start, _("%(name)s is on duty."))


@require_POST
def placement_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.placement_decline, _("%(name)s declined."), answer=True)


@require_POST
def placement_no_show(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.placement_no_show, _("%(name)s recorded as a no-show."))


@require_POST
def placement_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _move(request, pk, services.placement_cancel, _("%(name)s cancelled."))


@require_http_methods(["GET", "POST"])
def placement_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Result confirmation (结果确认): complete the placement, or correct a completed one's result."""
    if not request.user.has_role(*DISPATCH_ROLES):
        raise PermissionDenied
    placement = _placement_for(request, pk)
    job = placement.job
    initial = {
        "end_date": placement.end_date or timezone.localdate(),
        "actual_days": placement.actual_days,
        "actual_hours": placement.actual_hours,
        "pay_amount": placement.pay_amount if placement.pay_amount is not None else job.pay_min,
        "pay_unit": placement.pay_unit or job.pay_unit,
        "paid_amount": placement.paid_amount,
        "paid_in_full": {True: "yes", False: "no"}.get(placement.paid_in_full, ""),
        "paid_on_time": {True: "yes", False: "no"}.get(placement.paid_on_time, ""),
    }
    form = ResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        service = (
            services.placement_result_record
            if placement.state == Placement.State.COMPLETED
            else services.placement_complete
        )
        try:
            service(placement=placement, by=request.user, result=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The result is recorded."))
            return _back(request, placement)
    return render(
        request,
        "jobs/placement_complete.html",
        {
            "placement": placement,
            "job": job,
            "form": form,
            "complaint_url": reverse("rights:complaint_create")
            + f"?job={job.pk}&kind=unpaid_wages",
        },
        status=400 if request.method == "POST" else 200,
    )


@login_not_required
@require_GET
def alert_digest(request: HttpRequest, digest: str) -> HttpResponse:
    """The jobs of one alert text (the link in it; no login, nothing personal on the page)."""
    from jobs.models import AlertMatch

    if not AlertMatch.objects.filter(digest=digest).exists():
        raise Http404
    jobs = (
        Job.objects.listed()
        .filter(alert_matches__digest=digest)
        .select_related("region", "occupation")
        .order_by("start_date", "-pay_per_day", "pk")
    )
    return render(request, "jobs/alert_digest.html", {"jobs": jobs})
