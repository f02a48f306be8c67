"""After the work: employers' own answers on their placements, asking a known worker again
(re-hire), copying an ended job (re-post), weekly orders that open themselves, and the two
sides' ratings of each other.

Placement moves go through the matching services' one door (``_move_placement``, logged);
job moves through the postings' (``_move``, logged).
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket import facts
from gigmarket.logging import scrub
from gigmarket.models import User
from jobs import checker
from jobs.models import (
    Job,
    Placement,
    PlacementRating,
    PlacementTransition,
    RecurringOpening,
    RecurringOrder,
    RehireRefusal,
    RehireRequest,
)
from jobs.services import notices
from jobs.services.matching import (
    _check_job_started,
    _locked_placement,
    _move_placement,
    placement_confirm,
    placement_decline,
)
from jobs.services.postings import JOB_FIELDS, _locked, _move, job_create, job_submit

logger = logging.getLogger(__name__)

__all__ = [
    "employer_placement_answer",
    "employer_placement_done",
    "job_repost",
    "rating_answer",
    "ratings_ask",
    "recurring_open_due",
    "recurring_order_start",
    "recurring_order_stop",
    "rehire_answer",
    "rehire_request",
]

P = Placement.State
S = Job.Status


def _employer_user(user: User | None, employer) -> bool:
    return bool(user and user.is_authenticated and employer.user_id == user.pk)


# ---- the employer's own answers ----


def employer_placement_answer(*, placement: Placement, by: User, confirm: bool) -> Placement:
    """The employer confirms or declines a person the station sent (the matching services)."""
    action = placement_confirm if confirm else placement_decline
    return action(
        placement=placement,
        by=by,
        reason=_("By the employer on its placements page"),
    )


@transaction.atomic
def employer_placement_done(*, placement: Placement, by: User, paid_in_full: bool) -> Placement:
    """The employer says the work is done and whether it paid in full.

    A confirmed or on-duty person is moved on duty (if needed) and then completed, each step
    logged; a placement staff already completed gets the employer's confirmation (logged too).
    """
    if not _employer_user(by, placement.job.employer):
        raise PermissionDenied
    _locked(placement.job)
    placement = _locked_placement(placement)
    if placement.state not in (P.CONFIRMED, P.ON_DUTY, P.COMPLETED):
        raise ValidationError(
            _("Only a confirmed person's work can be marked done (this one is %(state)s).")
            % {"state": placement.get_state_display()},
            code="not_confirmed",
        )
    if placement.employer_confirmed_at is not None:
        raise ValidationError(_("You have already confirmed this work."), code="confirmed")
    said = _("Paid in full") if paid_in_full else _("NOT paid in full")
    if placement.state == P.CONFIRMED:
        _check_job_started(placement.job)
        if placement.start_date is None:
            placement.start_date = placement.job.start_date
        _move_placement(
            placement=placement, to=P.ON_DUTY, by=by, reason=_("Marked done by the employer")
        )
    placement.employer_confirmed_at = timezone.now()
    placement.employer_says_paid = paid_in_full
    if placement.paid_in_full is None:
        placement.paid_in_full = paid_in_full
    if placement.state == P.ON_DUTY:
        if placement.end_date is None:
            placement.end_date = min(
                timezone.localdate(), placement.job.end_date or timezone.localdate()
            )
        _move_placement(
            placement=placement,
            to=P.COMPLETED,
            by=by,
            reason=_("Marked done by the employer: %(said)s") % {"said": said},
        )
    else:
        placement.full_clean()
        placement.save()
        PlacementTransition.objects.create(
            placement=placement,
            by=by,
            from_state=P.COMPLETED,
            to_state=P.COMPLETED,
            reason=_("Confirmed by the employer: %(said)s") % {"said": said},
        )
    return placement


def after_completion(placement: Placement, by: User | None) -> None:
    """Called by the placement's one door when it becomes completed: both sides are asked to
    rate, the employer (when staff recorded it) to confirm, and the apps above are told."""
    ratings_ask(placement)
    if not _employer_user(by, placement.job.employer):
        notices.to_employer(
            placement.job.employer,
            key=f"placement:{placement.pk}:employer_result",
            kind="employer_result",
            variables={
                "job": placement.job.title,
                "link": notices.link("jobs:employer_placements"),
            },
        )
    facts.tell(facts.PLACEMENT_COMPLETED, placement=placement, by=by)


# ---- copies of a job ----


def _copy_fields(job: Job) -> dict:
    data = {key: getattr(job, key) for key in JOB_FIELDS}
    for key in ("start_date", "end_date", "valid_through"):
        data.pop(key)
    return data


def _check_dates(start_date, end_date, valid_through) -> None:
    today = timezone.localdate()
    errors = {}
    if start_date is None:
        errors["start_date"] = _("Choose the day the work starts.")
    elif start_date < today:
        errors["start_date"] = _("The work cannot start in the past.")
    if end_date is not None and start_date is not None and end_date < start_date:
        errors["end_date"] = _("The end date cannot be before the start date.")
    if valid_through is not None and valid_through < today:
        errors["valid_through"] = _("The job must be valid through today or later.")
    if errors:
        raise ValidationError(errors)


def _copy_job(
    job: Job, *, by: User | None, start_date, end_date=None, valid_through=None, headcount=None
) -> Job:
    data = _copy_fields(job)
    data.update(
        start_date=start_date,
        end_date=end_date,
        valid_through=valid_through or end_date or start_date,
    )
    if headcount is not None:
        data["headcount"] = headcount
    new = job_create(employer=job.employer, by=by, data=data)
    new.copied_from = job
    new.save(update_fields=["copied_from"])
    return new


def _ensure_owns(job: Job, by: User) -> None:
    """The job's employer, or staff and admins who may edit it."""
    if _employer_user(by, job.employer):
        return
    if by.is_authenticated and by.kind != User.Kind.EMPLOYER:
        if Job.objects.editable_by(by).filter(pk=job.pk).exists():
            return
    raise PermissionDenied


@transaction.atomic
def job_repost(*, job: Job, by: User, start_date, end_date=None, valid_through=None) -> Job:
    """Copy a closed, filled or expired job into a new draft with new dates; it is then edited
    and sent to review like any other."""
    _ensure_owns(job, by)
    if job.status not in (S.CLOSED, S.FILLED, S.EXPIRED):
        raise ValidationError(_("Only a closed, filled or expired job can be posted again."))
    _check_dates(start_date, end_date, valid_through)
    return _copy_job(
        job, by=by, start_date=start_date, end_date=end_date, valid_through=valid_through
    )


# ---- re-hire ----


@transaction.atomic
def rehire_request(
    *, placement: Placement, by: User, start_date, end_date=None, valid_through=None
) -> RehireRequest:
    """From a completed placement, ask the same worker again: a new job order (copied, with the
    new dates, one place) goes to review, and the worker is asked by text message."""
    job = placement.job
    _ensure_owns(job, by)
    placement = Placement.objects.select_related("seeker", "job__employer").get(pk=placement.pk)
    seeker = placement.seeker
    if placement.state != P.COMPLETED:
        raise ValidationError(_("You can ask a worker again once the earlier work is completed."))
    if seeker.is_withdrawn:
        raise ValidationError(_("This worker is no longer in the register."))
    if RehireRefusal.objects.filter(seeker=seeker, employer=job.employer).exists():
        raise ValidationError(
            _(
                "This worker has asked not to receive requests from you. Ask the station for someone else."
            ),
            code="refused",
        )
    if RehireRequest.objects.filter(
        seeker=seeker, employer=job.employer, state=RehireRequest.State.PENDING
    ).exists():
        raise ValidationError(
            _("You have already asked this worker; wait for the answer."), code="pending"
        )
    _check_dates(start_date, end_date, valid_through)
    new = _copy_job(
        job,
        by=by,
        start_date=start_date,
        end_date=end_date,
        valid_through=valid_through,
        headcount=1,
    )
    new = job_submit(job=new, by=by)
    request = RehireRequest.objects.create(
        previous=placement, job=new, seeker=seeker, employer=job.employer, created_by=by
    )
    notices.to_seeker(
        seeker,
        key=f"rehire:{request.pk}:ask",
        kind="rehire_ask",
        variables={
            "employer": job.employer.name,
            "job": new.title,
            "date": new.start_date.isoformat(),
            "link": notices.link("jobs:rehire_answer", token=request.token),
        },
        urgent=notices.soon(new),
    )
    return request


@transaction.atomic
def rehire_answer(
    *,
    request: RehireRequest,
    accept: bool,
    by: User | None = None,
    via: str = "link",
    refuse_future: bool = False,
) -> RehireRequest:
    """The worker accepts or declines (by the texted link, logged in, or at the window).

    Accepting puts the worker on the new job as sent by the station (the employer confirms once
    the job is approved); declining may also refuse every future request from this employer.
    """
    request = RehireRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != RehireRequest.State.PENDING:
        raise ValidationError(_("This request has already been answered."), code="answered")
    request.state = RehireRequest.State.ACCEPTED if accept else RehireRequest.State.DECLINED
    request.answered_at = timezone.now()
    request.answered_by = by if by is not None and by.is_authenticated else None
    request.answered_via = via[:16]
    seeker = request.seeker
    if accept:
        job = _locked(request.job)
        if job.status not in (S.PENDING, S.OPEN):
            raise ValidationError(_("The employer no longer needs this job done."), code="gone")
        placement = Placement.objects.filter(job=job, seeker=seeker).first()
        if placement is None:
            placement = Placement(
                job=job,
                seeker=seeker,
                origin=Placement.Origin.REHIRE,
                state=P.RECOMMENDED,
                station=job.station,
                pay_amount=job.pay_min,
                pay_unit=job.pay_unit,
                created_by=request.answered_by,
            )
            placement.full_clean(validate_constraints=False)
            placement.save()
            PlacementTransition.objects.create(
                placement=placement,
                by=request.answered_by,
                from_state="",
                to_state=P.RECOMMENDED,
                reason=_("Accepted the employer's request to work again"),
            )
        request.placement = placement
    elif refuse_future:
        RehireRefusal.objects.get_or_create(
            seeker=seeker, employer=request.employer, defaults={"request": request}
        )
    request.save()
    notices.to_employer(
        request.employer,
        key=f"rehire:{request.pk}:answer",
        kind="rehire_answer",
        variables={
            "name": seeker.masked_name,
            "answer": notices.answer_word(accept),
            "job": request.job.title,
        },
    )
    return request


# ---- weekly orders ----


@transaction.atomic
def recurring_order_start(*, job: Job, by: User, weekday: int) -> RecurringOrder:
    """Set up a weekly order from a job that has been through review: from now on a copy opens
    for each week's ``weekday`` (0 Monday … 6 Sunday) until stopped."""
    _ensure_owns(job, by)
    if job.opened_at is None:
        raise ValidationError(_("A weekly order is made from a job that has been approved once."))
    if job.employer.suspended:
        raise ValidationError(_("This employer is suspended and cannot post jobs."))
    if weekday not in range(7):
        raise ValidationError({"weekday": _("Choose a day of the week.")})
    if RecurringOrder.objects.filter(template=job, weekday=weekday, active=True).exists():
        raise ValidationError(_("This job already repeats on that day."))
    return RecurringOrder.objects.create(
        template=job, employer=job.employer, weekday=weekday, created_by=by
    )


@transaction.atomic
def recurring_order_stop(*, order: RecurringOrder, by: User) -> RecurringOrder:
    """Stop a weekly order: no more jobs open from it (those already open stay)."""
    _ensure_owns(order.template, by)
    order = RecurringOrder.objects.select_for_update().get(pk=order.pk)
    if not order.active:
        return order
    order.active = False
    order.stopped_at = timezone.now()
    order.stopped_by = by
    order.save(update_fields=["active", "stopped_at", "stopped_by"])
    return order


def _next_work_day(order: RecurringOrder, today: datetime.date) -> datetime.date | None:
    """The order's work day within the lead time (today … today + lead), if there is one."""
    lead = getattr(settings, "RECURRING_ORDER_LEAD_DAYS", 1)
    for ahead in range(lead + 1):
        day = today + datetime.timedelta(days=ahead)
        if day.weekday() == order.weekday:
            return day
    return None


def recurring_open_due(*, today: datetime.date | None = None) -> list[Job]:
    """Open this week's job of every running weekly order whose day is near (the day before,
    by default). One job per order and day, however often it runs: the order row is locked
    and the (order, day) pair is unique. Returns the jobs opened now."""
    today = today or timezone.localdate()
    opened = []
    for order_id in RecurringOrder.objects.filter(active=True).values_list("pk", flat=True):
        try:
            job = _open_one(order_id, today)
        except ValidationError as error:
            logger.warning("weekly order %s not opened: %s", order_id, error.messages)
            continue
        if job is not None:
            opened.append(job)
    return opened


@transaction.atomic
def _open_one(order_id: int, today: datetime.date) -> Job | None:
    order = (
        RecurringOrder.objects.select_for_update(of=("self",))
        .select_related("template__employer")
        .filter(pk=order_id, active=True)
        .first()
    )
    if order is None:
        return None
    day = _next_work_day(order, today)
    if day is None or RecurringOpening.objects.filter(order=order, work_date=day).exists():
        return None
    template = order.template
    if template.employer.suspended:
        return None
    job = _copy_job(template, by=None, start_date=day, end_date=day, valid_through=day)
    try:
        with transaction.atomic():
            RecurringOpening.objects.create(order=order, work_date=day, job=job)
    except IntegrityError:
        transaction.set_rollback(True)
        return None
    reason = _("Weekly order #%(n)s: %(day)s") % {"n": order.pk, "day": day.isoformat()}
    _move(job=job, to=S.PENDING, by=None, reason=reason)
    # The template passed review; a copy opens unless the checker's rules now block it, in
    # which case it waits for a reviewer like any posting.
    if checker.blocks(checker.check_job(job)):
        return job
    _move(job=job, to=S.OPEN, by=None, reason=reason)
    return job


# ---- ratings after the work ----


def ratings_ask(placement: Placement) -> list[PlacementRating]:
    """Ask both sides of a completed placement for a rating (once each), by text message."""
    job = placement.job
    asked = []
    for side in (PlacementRating.Side.WORKER, PlacementRating.Side.EMPLOYER):
        rating, created = PlacementRating.objects.get_or_create(placement=placement, side=side)
        asked.append(rating)
        if not created:
            continue
        variables = {"job": job.title, "link": notices.link("jobs:rate", token=rating.token)}
        key = f"rating:{rating.pk}:ask"
        if side == PlacementRating.Side.WORKER:
            notices.to_seeker(placement.seeker, key=key, kind="rate", variables=variables)
        else:
            notices.to_employer(job.employer, key=key, kind="rate", variables=variables)
    return asked


@transaction.atomic
def rating_answer(
    *,
    rating: PlacementRating,
    by: User | None,
    score: int,
    comment: str = "",
    paid_as_agreed: bool | None = None,
    safe: bool | None = None,
    as_described: bool | None = None,
    via: str = "link",
) -> PlacementRating:
    """Record one side's rating (1–5, optional comment; the worker also says whether the pay
    was as agreed, the work safe and as described). Answered once."""
    rating = PlacementRating.objects.select_for_update().get(pk=rating.pk)
    if rating.answered_at is not None:
        raise ValidationError(_("This has already been rated. Thank you."), code="answered")
    if score not in range(1, 6):
        raise ValidationError({"score": _("Choose from 1 to 5.")})
    rating.score = score
    rating.comment = scrub((comment or "").strip())[:200]
    if rating.side == PlacementRating.Side.WORKER:
        rating.paid_as_agreed, rating.safe, rating.as_described = paid_as_agreed, safe, as_described
    rating.answered_at = timezone.now()
    rating.answered_by = by if by is not None and by.is_authenticated else None
    rating.answered_via = via[:16]
    rating.full_clean()
    rating.save()
    return rating
