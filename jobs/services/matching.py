"""Writes of instant hire (即时快招): sign-ups, the station waiting list, dispatch, results,
the outbox messages they write and the import of historical placements.

Every placement state change goes through ``_move_placement`` (logged in PlacementTransition);
confirming locks the job row first, so the headcount is never exceeded.
"""

from __future__ import annotations

import datetime
import logging
import re
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket import facts, notify
from gigmarket.logging import scrub
from gigmarket.models import User
from gigmarket.roles import Role
from gigmarket.services import transition
from gigmarket.tabular import ImportReport
from jobs.models import (
    CONFIRMED_OR_LATER,
    Job,
    Placement,
    PlacementTransition,
    WaitingEntry,
)
from jobs.services.postings import _locked, job_mark_filled, job_reopen
from stations.models import ServiceRecord, Station
from stations.services import service_record_add, service_records_relabel

logger = logging.getLogger(__name__)

__all__ = [
    "PLACEMENT_ALLOWED",
    "placement_cancel",
    "placement_complete",
    "placement_confirm",
    "placement_decline",
    "placement_import",
    "placement_no_show",
    "placement_recommend",
    "placement_result_record",
    "placement_seeker_confirm",
    "placement_sign_up",
    "placement_start",
    "placements_seeker_withdrawn",
    "seeker_for_sign_in",
    "waiting_sign_in",
]

P = Placement.State

#: The placement lifecycle. A dropped placement (declined, cancelled) may be taken up again.
PLACEMENT_ALLOWED = {
    P.APPLIED: [P.RECOMMENDED, P.CONFIRMED, P.DECLINED, P.CANCELLED],
    P.RECOMMENDED: [P.CONFIRMED, P.DECLINED, P.CANCELLED],
    # Completed only after on duty: nobody finishes work they never started.
    P.CONFIRMED: [P.ON_DUTY, P.NO_SHOW, P.CANCELLED],
    P.ON_DUTY: [P.COMPLETED, P.CANCELLED],
    P.COMPLETED: [],
    P.DECLINED: [P.APPLIED, P.RECOMMENDED],
    P.NO_SHOW: [],
    P.CANCELLED: [P.APPLIED, P.RECOMMENDED],
}
DROPPED = {P.DECLINED, P.NO_SHOW, P.CANCELLED}
DISPATCH_ROLES = (Role.STATION_STAFF, Role.COUNTY_ADMIN)


# ---- helpers ----


def _is_dispatcher(user: User | None) -> bool:
    return user is not None and user.is_authenticated and user.has_role(*DISPATCH_ROLES)


def _handling_station(job: Job, by: User | None) -> Station | None:
    """The station that handles a placement: the job's, if the actor works there; else the
    actor's own first station; else the job's."""
    if _is_dispatcher(by):
        stations = Station.objects.writable_by(by)
        if job.station_id and stations.filter(pk=job.station_id).exists():
            return job.station
        own = Station.objects.staffed_by(by).order_by("code").first()
        if own is not None:
            return own
    return job.station


def _label(placement: Placement) -> str:
    return f"{placement.job.title} · {placement.seeker.masked_name}"[:100]


def _ledger(placement: Placement, by: User | None, note: str) -> None:
    """Staff and admins acting on a placement leave a MATCHING line in the handling station's
    service ledger (when they may write there)."""
    if not (_is_dispatcher(by) and placement.station_id):
        return
    if not Station.objects.writable_by(by).filter(pk=placement.station_id).exists():
        return
    service_record_add(
        station=placement.station,
        by=by,
        kind=ServiceRecord.Kind.MATCHING,
        subject=placement,
        subject_label=_label(placement),
        note=note,
        # A placement's steps on one day (recommended, then confirmed) are one service, not the
        # same line listed twice on the workbench and counted twice in the yearly workload.
        once_a_day=True,
    )


def _notify(placement: Placement, kind: str, log: PlacementTransition, variables: dict) -> None:
    """Write one outbox message for this event (the transition's id makes the key unique)."""
    seeker = placement.seeker
    if seeker.mobile:
        channel, to = "sms", seeker.mobile
    elif seeker.user_id:
        channel, to = "site", f"user:{seeker.user_id}"
    else:
        return
    notify.enqueue(
        key=f"placement:{placement.pk}:{kind}:{log.pk}",
        kind=f"placement_{kind}",
        channel=channel,
        to=to,
        recipient=seeker.user_id,
        variables=variables,
        # Work starting today or tomorrow cannot wait for the end of quiet hours.
        urgent=placement.job.start_date <= timezone.localdate() + datetime.timedelta(days=1),
        about=notify.about(seeker),
    )


def _tell_employer(placement: Placement, kind: str, log: PlacementTransition) -> None:
    """The job's employer hears of a sign-up or of a person the station sends (masked name)."""
    from jobs.services import notices

    notices.to_employer(
        placement.job.employer,
        key=f"placement:{placement.pk}:{kind}:{log.pk}",
        kind=kind,
        variables={
            "job": placement.job.title,
            "name": placement.seeker.masked_name,
            "link": notices.link("jobs:employer_placements"),
        },
        urgent=notices.soon(placement.job),
    )


def _count_confirmed(job: Job, exclude: Placement | None = None) -> int:
    qs = Placement.objects.filter(job=job, state__in=CONFIRMED_OR_LATER)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.count()


def _move_placement(
    *, placement: Placement, to: str, by: User | None, reason: str = ""
) -> PlacementTransition:
    """The one door of every placement state change (callers hold the transaction and locks).

    Keeps the job's status in step: filled when the headcount is reached, open again when a
    confirmed person drops out.
    """
    was_counted = placement.state in CONFIRMED_OR_LATER
    if to == P.CONFIRMED and placement.confirmed_at is None:
        placement.confirmed_at = timezone.now()
    if to == P.COMPLETED and placement.completed_at is None:
        placement.completed_at = timezone.now()
    log = transition(
        obj=placement,
        to=to,
        by=by,
        allowed=PLACEMENT_ALLOWED,
        log_model=PlacementTransition,
        log_fk="placement",
        reason=scrub(reason),  # typed by staff or the worker: no mobiles or ID numbers kept
        field="state",
    )
    if to == P.COMPLETED:
        from jobs.services.aftercare import after_completion

        after_completion(placement, by)
    job = placement.job
    if was_counted and to in DROPPED and job.status == Job.Status.FILLED:
        if _count_confirmed(job) < job.headcount:
            try:
                job_reopen(
                    job=job,
                    by=by,
                    reason=_("A confirmed person dropped out: %(label)s")
                    % {"label": placement.seeker.masked_name},
                )
            except ValidationError:
                logger.info("job %s stays filled: it cannot reopen", job.pk)
    return log


def _locked_placement(placement: Placement) -> Placement:
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("job", "seeker", "station", "job__employer")
        .get(pk=placement.pk)
    )


def _check_current(seeker) -> None:
    if seeker.is_withdrawn:
        raise ValidationError(_("This registration has been withdrawn."), code="withdrawn")
    if not seeker.periods.current().exists():
        raise ValidationError(
            _("Your registration has lapsed. Please renew it first, then sign up."),
            code="lapsed",
        )


def _check_taking_people(job: Job) -> None:
    if job.shows_as_expired:
        raise ValidationError(
            _("This job has expired: it no longer takes sign-ups."), code="expired"
        )
    if job.status == Job.Status.FILLED:
        raise ValidationError(_("This job is filled: it no longer takes sign-ups."), code="filled")
    if job.status != Job.Status.OPEN:
        raise ValidationError(_("This job is closed: it no longer takes sign-ups."), code="closed")


# ---- sign-up and dispatch ----


@transaction.atomic
def placement_sign_up(*, job: Job, seeker, by: User | None) -> Placement:
    """A seeker signs up for an open job (报名); signing up again returns the same placement."""
    _check_current(seeker)
    job = Job.objects.select_related("station").get(pk=job.pk)
    existing = Placement.objects.select_for_update().filter(job=job, seeker=seeker).first()
    if existing is not None and existing.state not in (P.DECLINED, P.CANCELLED):
        return existing
    _check_taking_people(job)
    if existing is None:
        placement = Placement(
            job=job,
            seeker=seeker,
            origin=Placement.Origin.APPLIED,
            state=P.APPLIED,
            station=job.station,
            pay_amount=job.pay_min,
            pay_unit=job.pay_unit,
            created_by=by if by is not None and by.is_authenticated else None,
        )
        placement.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                placement.save()
        except IntegrityError:
            # Two taps at the same moment: the other one made it.
            return Placement.objects.get(job=job, seeker=seeker)
        log = PlacementTransition.objects.create(
            placement=placement, by=by, from_state="", to_state=P.APPLIED
        )
    else:
        placement = existing
        log = _move_placement(placement=placement, to=P.APPLIED, by=by)
    _notify(
        placement,
        "signup",
        log,
        {"job": job.title, "date": job.start_date, "phone": job.public_phone},
    )
    _tell_employer(placement, "employer_signup", log)
    return placement


@transaction.atomic
def placement_recommend(*, job: Job, seeker, by: User, reason: str = "") -> Placement:
    """Staff send a seeker to a job (派单); a sign-up becomes a recommendation."""
    if not _is_dispatcher(by):
        raise PermissionDenied
    if not Job.objects.dispatchable_by(by).filter(pk=job.pk).exists():
        raise PermissionDenied
    if seeker.is_withdrawn:
        raise ValidationError(_("This registration has been withdrawn."))
    # Dispatches to one job wait for each other here (the order confirming uses: job, then
    # placement), so a repeated tap finds the first one's placement instead of a duplicate key.
    # NO KEY: a sign-up inserting a placement meanwhile only needs a KEY SHARE on the job row
    # (its foreign key), so the two cannot deadlock.
    job = (
        Job.objects.select_for_update(of=("self",), no_key=True)
        .select_related("employer", "station")
        .get(pk=job.pk)
    )
    _check_taking_people(job)
    existing = _placement_of(job, seeker)
    if existing is None:
        placement = Placement(
            job=job,
            seeker=seeker,
            origin=Placement.Origin.RECOMMENDED,
            state=P.RECOMMENDED,
            station=_handling_station(job, by),
            pay_amount=job.pay_min,
            pay_unit=job.pay_unit,
            created_by=by,
        )
        placement.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                placement.save()
        except IntegrityError:
            # Lost a race the job lock does not cover (the person signing up at that moment):
            # answer exactly as for a plain repeat, below.
            existing = _placement_of(job, seeker)
            if existing is None:
                raise
        else:
            log = PlacementTransition.objects.create(
                placement=placement,
                by=by,
                from_state="",
                to_state=P.RECOMMENDED,
                reason=scrub(reason.strip()),
            )
    if existing is not None:
        if existing.state == P.RECOMMENDED:
            return existing
        if existing.state not in (P.APPLIED, P.DECLINED, P.CANCELLED):
            raise ValidationError(
                _("This person is already on this job (%(state)s).")
                % {"state": existing.get_state_display()},
                code="duplicate",
            )
        placement = existing
        if placement.station_id is None:
            placement.station = _handling_station(job, by)
        log = _move_placement(placement=placement, to=P.RECOMMENDED, by=by, reason=reason)
    _ledger(placement, by, _("Recommended for the job"))
    _notify(
        placement,
        "recommended",
        log,
        {
            "job": job.title,
            "date": job.start_date,
            "pay": f"{job.pay_min} {job.get_pay_unit_display()}",
            "phone": job.public_phone,
        },
    )
    _tell_employer(placement, "employer_sent", log)
    return placement


def _placement_of(job: Job, seeker) -> Placement | None:
    """The one placement of ``seeker`` on ``job`` (locked), if there is one."""
    return (
        Placement.objects.select_for_update(of=("self",))
        .select_related("job", "seeker", "station")
        .filter(job=job, seeker=seeker)
        .first()
    )


def _ensure_handles(placement: Placement, by: User) -> None:
    """Only staff and admins keep the placement record (on duty, no-show, cancel, result)."""
    if not Placement.objects.handled_by(by).filter(pk=placement.pk).exists():
        raise PermissionDenied


def _ensure_answers(placement: Placement, by: User) -> bool:
    """Confirming or declining: staff and admins who handle the placement, or the employer of
    the job. Returns True when ``by`` answers as the employer."""
    if Placement.objects.handled_by(by).filter(pk=placement.pk).exists():
        return False
    if Placement.objects.answerable_by(by).filter(pk=placement.pk).exists():
        return True
    raise PermissionDenied


def _check_employer_answers(placement: Placement, *also: str) -> None:
    """An employer answers only for the people the station sent it (not raw sign-ups)."""
    if placement.state not in (P.RECOMMENDED, *also):
        raise ValidationError(
            _(
                "Only a person the station has sent you can be confirmed or declined here "
                "(this one is %(state)s). Call the station for anything else."
            )
            % {"state": placement.get_state_display()},
            code="not_yours",
        )


@transaction.atomic
def placement_confirm(*, placement: Placement, by: User, reason: str = "") -> Placement:
    """The employer or staff confirm a person for the job. Locks the job row, counts the
    confirmed-or-later placements and refuses when the headcount is reached; the job becomes
    filled when this one fills the last place."""
    as_employer = _ensure_answers(placement, by)
    job = _locked(placement.job)  # every confirmation of this job waits here, one at a time
    placement = _locked_placement(placement)
    placement.job = job
    if as_employer:
        _check_employer_answers(placement, P.CONFIRMED)
    if placement.state == P.CONFIRMED:
        return placement
    if job.status not in (Job.Status.OPEN, Job.Status.FILLED):
        raise ValidationError(
            _("This job is %(status)s: nobody more can be confirmed on it.")
            % {"status": job.get_status_display()}
        )
    taken = _count_confirmed(job, exclude=placement)
    if taken >= job.headcount:
        raise ValidationError(
            _("This job is full: %(taken)s of %(headcount)s places are already confirmed.")
            % {"taken": taken, "headcount": job.headcount},
            code="full",
        )
    log = _move_placement(placement=placement, to=P.CONFIRMED, by=by, reason=reason)
    if taken + 1 >= job.headcount and job.status == Job.Status.OPEN:
        job_mark_filled(
            job=job,
            by=by,
            reason=_("Headcount reached: %(n)s confirmed") % {"n": taken + 1},
        )
    _ledger(placement, by, _("Confirmed for the job"))
    facts.tell(facts.PLACEMENT_CONFIRMED, placement=placement, by=by)
    _notify(
        placement,
        "confirmed",
        log,
        {
            "job": job.title,
            "date": job.start_date,
            "hours": job.work_hours,
            "place": job.region.name,
            "phone": job.public_phone,
        },
    )
    return placement


def _simple_move(
    placement: Placement, *, to: str, by: User, reason: str, note: str, before=None
) -> Placement:
    """Lock, check (``before``), move and write the ledger line; the caller checked who acts."""
    # Always the job first, then the placement (the order confirming uses): whether this move
    # is a drop-out that reopens the job is only known once the placement is locked.
    _locked(placement.job)
    placement = _locked_placement(placement)
    if before is not None:
        before(placement)
    _move_placement(placement=placement, to=to, by=by, reason=reason)
    _ledger(placement, by, note)
    return placement


def _check_job_started(job: Job) -> None:
    """Nobody is on duty before the job's first day (Asia/Shanghai)."""
    if not job.has_started:
        raise ValidationError(
            _(
                "This job starts on %(date)s: the person can be marked on duty from that day, "
                "not before."
            )
            % {"date": job.start_date.isoformat()},
            code="not_started",
        )


def _start_work(placement: Placement) -> None:
    _check_job_started(placement.job)
    if placement.state == P.CONFIRMED and placement.start_date is None:
        placement.start_date = timezone.localdate()


@transaction.atomic
def placement_start(*, placement: Placement, by: User, reason: str = "") -> Placement:
    """The person turned up: on duty (from the job's first day on; the day is kept as the start)."""
    _ensure_handles(placement, by)
    return _simple_move(
        placement, to=P.ON_DUTY, by=by, reason=reason, note=_("On duty"), before=_start_work
    )


@transaction.atomic
def placement_decline(*, placement: Placement, by: User, reason: str = "") -> Placement:
    """The employer or the person said no before confirming (the employer itself only for
    people the station sent it)."""
    as_employer = _ensure_answers(placement, by)
    return _simple_move(
        placement,
        to=P.DECLINED,
        by=by,
        reason=reason,
        note=_("Declined"),
        before=_check_employer_answers if as_employer else None,
    )


@transaction.atomic
def placement_no_show(*, placement: Placement, by: User, reason: str = "") -> Placement:
    """A confirmed person did not turn up (counts against them for a while); only from the
    job's first day on."""
    _ensure_handles(placement, by)
    return _simple_move(
        placement,
        to=P.NO_SHOW,
        by=by,
        reason=reason,
        note=_("No-show"),
        before=lambda p: _check_job_started(p.job),
    )


@transaction.atomic
def placement_cancel(*, placement: Placement, by: User, reason: str = "") -> Placement:
    """Called off: by staff (the station's record), or by the person withdrawing their own
    sign-up. An employer cannot cancel; it declines, or calls the station."""
    if placement.seeker.user_id and by.pk == placement.seeker.user_id:
        # The person withdraws their own sign-up.
        placement = _locked_placement(placement)
        if placement.state != P.APPLIED:
            raise ValidationError(_("Only a sign-up not yet handled can be withdrawn here."))
        _move_placement(placement=placement, to=P.CANCELLED, by=by, reason=reason)
        return placement
    _ensure_handles(placement, by)
    placement = _simple_move(placement, to=P.CANCELLED, by=by, reason=reason, note=_("Cancelled"))
    job = placement.job
    _notify(
        placement,
        "cancelled",
        PlacementTransition.objects.filter(placement=placement).latest("pk"),
        {"job": job.title, "date": job.start_date, "phone": job.public_phone},
    )
    return placement


RESULT_FIELDS = (
    "start_date",
    "end_date",
    "actual_days",
    "actual_hours",
    "pay_amount",
    "pay_unit",
    "paid_amount",
    "paid_in_full",
    "paid_on_time",
)


def _check_work_dates(start: datetime.date | None, end: datetime.date | None) -> dict:
    """What is wrong with the days the work started and ended: {field: message}."""
    today = timezone.localdate()
    errors = {}
    if start is not None and start > today:
        errors["start_date"] = _("The work cannot have started in the future (%(date)s).") % {
            "date": start.isoformat()
        }
    if end is not None and end > today:
        errors["end_date"] = _(
            "The work cannot have ended in the future (%(date)s): record the result once it is done."
        ) % {"date": end.isoformat()}
    elif end is not None and start is not None and end < start:
        errors["end_date"] = _("The work cannot end before it started (%(date)s).") % {
            "date": start.isoformat()
        }
    return errors


def _apply_result(placement: Placement, result: Mapping, by: User) -> None:
    for key in RESULT_FIELDS:
        if key in result:
            setattr(placement, key, result[key])
    if placement.paid_in_full is None and placement.paid_amount is not None:
        raise ValidationError({"paid_in_full": _("Say whether the pay came in full.")})
    errors = _check_work_dates(placement.start_date, placement.end_date)
    if errors:
        raise ValidationError(errors)
    placement.result_confirmed_by = by
    placement.result_confirmed_at = timezone.now()


@transaction.atomic
def placement_complete(*, placement: Placement, by: User, result: Mapping) -> Placement:
    """The work is done (结果确认): record the days and hours worked, pay agreed and paid, and
    whether it came in full and on time."""
    _ensure_handles(placement, by)
    placement = _locked_placement(placement)
    if placement.state == P.CONFIRMED:
        raise ValidationError(
            _("Mark the person on duty first: work is completed only after it has started."),
            code="not_on_duty",
        )
    _check_job_started(placement.job)
    _apply_result(placement, result, by)
    _move_placement(placement=placement, to=P.COMPLETED, by=by, reason=result.get("reason", ""))
    _ledger(placement, by, _("Result confirmed"))
    return placement


@transaction.atomic
def placement_result_record(*, placement: Placement, by: User, result: Mapping) -> Placement:
    """Correct or complete the result of a completed placement (e.g. the pay came later)."""
    _ensure_handles(placement, by)
    placement = _locked_placement(placement)
    if placement.state != P.COMPLETED:
        raise ValidationError(_("Only a completed placement has a result to record."))
    _apply_result(placement, result, by)
    placement.full_clean()
    placement.save()
    PlacementTransition.objects.create(
        placement=placement,
        by=by,
        from_state=P.COMPLETED,
        to_state=P.COMPLETED,
        reason=_("Result updated"),
    )
    _ledger(placement, by, _("Result updated"))
    return placement


@transaction.atomic
def placement_seeker_confirm(
    *, placement: Placement, by: User, paid_in_full: bool, note: str = ""
) -> Placement:
    """The worker confirms their side of the result from the phone: was the pay in full."""
    placement = _locked_placement(placement)
    if placement.seeker.user_id != by.pk:
        raise PermissionDenied
    if placement.state != P.COMPLETED:
        raise ValidationError(_("You can confirm the result once the work is marked completed."))
    placement.seeker_confirmed_at = timezone.now()
    placement.seeker_says_paid = paid_in_full
    placement.seeker_note = scrub((note or "").strip())  # shown to staff: no personal numbers
    placement.full_clean()
    placement.save()
    PlacementTransition.objects.create(
        placement=placement,
        by=by,
        from_state=P.COMPLETED,
        to_state=P.COMPLETED,
        reason=_("Confirmed by the worker: paid in full")
        if paid_in_full
        else _("Confirmed by the worker: NOT paid in full"),
    )
    return placement


@transaction.atomic
def placements_seeker_withdrawn(*, seeker, by: User | None = None) -> list[Placement]:
    """A seeker withdrew from the register (told by the seekers app through ``gigmarket.facts``):
    their sign-ups, recommendations and confirmations on work not yet over are cancelled (logged;
    a confirmed place is freed and a filled job opens again), work under way and finished work
    stay as they were, and the ledger lines about all their placements name them by seeker
    number only. Returns the placements cancelled."""
    today = timezone.localdate()
    not_over = Q(job__end_date__gte=today) | Q(
        job__end_date__isnull=True, job__start_date__gte=today
    )
    cancelled = []
    for placement in Placement.objects.filter(
        not_over, seeker=seeker, state__in=(P.APPLIED, P.RECOMMENDED, P.CONFIRMED)
    ):
        _locked(placement.job)  # job first, then placement, as every other move
        placement = _locked_placement(placement)
        _move_placement(
            placement=placement, to=P.CANCELLED, by=by, reason=_("Withdrew from the register")
        )
        cancelled.append(placement)
    for placement in Placement.objects.filter(seeker=seeker).select_related("job"):
        service_records_relabel(subject=placement, label=f"{placement.job.title} · {seeker.number}")
    return cancelled


# ---- the waiting list at the station (候工登记) ----


_UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


def seeker_for_sign_in(text: str):
    """The one seeker a scanned slip code, a seeker number or a full mobile points to."""
    from gigmarket.validators import validate_mobile
    from seekers.models import Seeker

    text = (text or "").strip()
    if not text:
        raise ValidationError({"query": _("Enter a mobile number or a seeker number.")})
    found = _UUID_RE.search(text)
    qs = Seeker.objects.not_withdrawn()
    if found:
        seeker = qs.filter(public_id=found.group(0).lower()).first()
    else:
        try:
            seeker = qs.filter(mobile=validate_mobile(text)).first()
        except ValidationError:
            seeker = qs.filter(number=text.upper()).first()
    if seeker is None:
        raise ValidationError(
            {
                "query": _(
                    "Nobody in the register has this mobile or seeker number. Register them first."
                )
            }
        )
    return seeker


@transaction.atomic
def waiting_sign_in(
    *, station: Station, seeker, by: User, day: datetime.date | None = None
) -> tuple[WaitingEntry, bool]:
    """Record that a seeker is at the station today waiting for work, with the day's next queue
    number; signing in twice keeps the first number. Returns (entry, created)."""
    if not Station.objects.writable_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("You do not work at this station."))
    if seeker.is_withdrawn:
        raise ValidationError(_("This registration has been withdrawn."))
    day = day or timezone.localdate()
    Station.objects.select_for_update().filter(pk=station.pk).first()  # one number at a time
    existing = WaitingEntry.objects.filter(station=station, day=day, seeker=seeker).first()
    if existing is not None:
        return existing, False
    last = WaitingEntry.objects.filter(station=station, day=day).aggregate(n=Max("queue_number"))
    entry = WaitingEntry(
        station=station,
        seeker=seeker,
        day=day,
        queue_number=(last["n"] or 0) + 1,
        signed_in_by=by,
    )
    entry.full_clean()
    entry.save()
    service_record_add(
        station=station,
        by=by,
        kind=ServiceRecord.Kind.MATCHING,
        subject=seeker,
        subject_label=f"{seeker.masked_name}"[:100],
        note=_("Signed in to wait for work, number %(n)s") % {"n": entry.queue_number},
    )
    return entry, True


# ---- import of historical placements ----

_STATE_WORDS = {
    **{s.value: s.value for s in P},
    **{str(s.label): s.value for s in P},
    "报名": P.APPLIED,
    "推荐": P.RECOMMENDED,
    "已推荐": P.RECOMMENDED,
    "确认": P.CONFIRMED,
    "已确认": P.CONFIRMED,
    "在岗": P.ON_DUTY,
    "上岗": P.ON_DUTY,
    "完成": P.COMPLETED,
    "已完成": P.COMPLETED,
    "拒绝": P.DECLINED,
    "婉拒": P.DECLINED,
    "爽约": P.NO_SHOW,
    "未到岗": P.NO_SHOW,
    "取消": P.CANCELLED,
    "已取消": P.CANCELLED,
}
_UNIT_WORDS = {
    **{u.value: u.value for u in Job.PayUnit},
    "时": "hour",
    "小时": "hour",
    "元/小时": "hour",
    "天": "day",
    "日": "day",
    "元/天": "day",
    "件": "piece",
    "计件": "piece",
    "次": "task",
    "单": "task",
    "月": "month",
    "元/月": "month",
}
_YES = {"是", "y", "yes", "true", "1", "已付", "足额", "按时"}
_NO = {"否", "n", "no", "false", "0", "未付", "未足额", "拖欠"}


def _cell(row: Mapping[str, str], key: str) -> str:
    return (row.get(key) or "").strip()


def _import_date(row, key) -> datetime.date | None:
    raw = _cell(row, key)
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw.replace("/", "-")[:10])
    except ValueError as error:
        raise ValidationError(
            _("%(col)s: “%(v)s” is not a date (YYYY-MM-DD).") % {"col": key, "v": raw}
        ) from error


def _import_decimal(row, key) -> Decimal | None:
    raw = _cell(row, key).replace(",", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation as error:
        raise ValidationError(
            _("%(col)s: “%(v)s” is not a number.") % {"col": key, "v": raw}
        ) from error
    if value < 0:
        raise ValidationError(_("%(col)s cannot be negative.") % {"col": key})
    return value


def _import_bool(row, key) -> bool | None:
    raw = _cell(row, key).lower()
    if not raw:
        return None
    if raw in _YES:
        return True
    if raw in _NO:
        return False
    raise ValidationError(_("%(col)s: write 是 or 否, not “%(v)s”.") % {"col": key, "v": raw})


def _import_job(row) -> Job:
    ref = _cell(row, "job_ref")
    if not ref:
        raise ValidationError(_("job_ref is empty."))
    job = Job.objects.filter(external_ref=ref).first()
    if job is None and ref.lstrip("#").isdigit():
        job = Job.objects.filter(pk=int(ref.lstrip("#"))).first()
    if job is None:
        raise ValidationError(_("No job with reference “%(ref)s”.") % {"ref": ref})
    return job


def _import_seeker(row):
    from gigmarket.validators import validate_mobile, validate_resident_id
    from seekers.models import Seeker
    from seekers.querysets import resident_id_hash

    mobile, id_number = _cell(row, "seeker_mobile"), _cell(row, "seeker_id_number")
    if not mobile and not id_number:
        raise ValidationError(_("Give the seeker's mobile or ID number."))
    qs = Seeker.objects.not_withdrawn()
    seeker = None
    if mobile:
        seeker = qs.filter(mobile=validate_mobile(mobile)).first()
    if seeker is None and id_number:
        seeker = qs.filter(id_number_hash=resident_id_hash(validate_resident_id(id_number))).first()
    if seeker is None:
        raise ValidationError(_("Nobody in the register with this mobile or ID number."))
    return seeker


@transaction.atomic
def placement_import(
    *, rows: Iterable[tuple[int, Mapping[str, str]]], by: User | None = None, dry_run: bool = False
) -> ImportReport:
    """Load historical placements (one per job and seeker; re-importing changes nothing).

    Columns: job_ref (a job's external reference or #id), seeker_mobile or seeker_id_number,
    state, start_date, end_date, confirmed_on, completed_on, pay_amount, pay_unit,
    paid_amount, paid_in_full, paid_on_time, actual_days, actual_hours.
    A bad row is reported with its line number and changes nothing.
    """
    report = ImportReport()
    for line, row in rows:
        with report.row(line):
            outcome = _import_row(row, by)
            setattr(report, outcome, getattr(report, outcome) + 1)
    if dry_run:
        transaction.set_rollback(True)
    return report


def _completion_day(job: Job, start, end, completed_on) -> datetime.date:
    return completed_on or end or start or job.end_date or job.start_date


def _check_import_dates(job: Job, state: str, start, end, completed_on) -> None:
    """The rules of on duty and completed, for a historical row: the job's first day has come,
    no day of work lies in the future, and the work ended after it started."""
    if state not in (P.ON_DUTY, P.COMPLETED):
        return
    if not job.has_started:
        raise ValidationError(
            _("state: the job starts on %(date)s; nobody can be on duty or done before then.")
            % {"date": job.start_date.isoformat()}
        )
    errors = _check_work_dates(start, end)
    if errors:
        raise ValidationError(" ".join(f"{key}: {text}" for key, text in errors.items()))
    if state == P.COMPLETED:
        day = _completion_day(job, start, end, completed_on)
        if day > timezone.localdate():
            raise ValidationError(
                _(
                    "completed_on: %(date)s is in the future; a placement is completed once the work is done."
                )
                % {"date": day.isoformat()}
            )
        if start is not None and day < start:
            raise ValidationError(
                _("completed_on: %(date)s is before the work started.") % {"date": day.isoformat()}
            )


def _import_row(row: Mapping[str, str], by: User | None) -> str:
    job = Job.objects.select_for_update(of=("self",)).get(pk=_import_job(row).pk)
    seeker = _import_seeker(row)
    state_raw = _cell(row, "state")
    state = _STATE_WORDS.get(state_raw) or _STATE_WORDS.get(state_raw.lower())
    if state is None:
        raise ValidationError(_("state: “%(v)s” is not a placement state.") % {"v": state_raw})
    unit_raw = _cell(row, "pay_unit")
    unit = (
        _UNIT_WORDS.get(unit_raw) or _UNIT_WORDS.get(unit_raw.lower()) if unit_raw else job.pay_unit
    )
    if unit is None:
        raise ValidationError(_("pay_unit: “%(v)s” is not a pay unit.") % {"v": unit_raw})
    tz = timezone.get_current_timezone()

    def moment(day):
        return datetime.datetime.combine(day, datetime.time(12), tzinfo=tz) if day else None

    confirmed_on = _import_date(row, "confirmed_on")
    completed_on = _import_date(row, "completed_on")
    start = _import_date(row, "start_date")
    values = {
        "state": state,
        "start_date": start,
        "end_date": _import_date(row, "end_date"),
        "pay_amount": _import_decimal(row, "pay_amount"),
        "pay_unit": unit,
        "paid_amount": _import_decimal(row, "paid_amount"),
        "paid_in_full": _import_bool(row, "paid_in_full"),
        "paid_on_time": _import_bool(row, "paid_on_time"),
        "actual_days": _import_decimal(row, "actual_days"),
        "actual_hours": _import_decimal(row, "actual_hours"),
    }
    _check_import_dates(job, state, start, values["end_date"], completed_on)
    if state in CONFIRMED_OR_LATER or state == P.NO_SHOW:
        values["confirmed_at"] = moment(confirmed_on or start or job.start_date)
    if state == P.COMPLETED:
        values["completed_at"] = moment(
            _completion_day(job, start, values["end_date"], completed_on)
        )
    existing = Placement.objects.filter(job=job, seeker=seeker).first()
    if existing is not None and existing.confirmed_at is not None:
        values["confirmed_at"] = existing.confirmed_at  # set once, never moved or cleared
    if existing is not None:
        current = {k: getattr(existing, k) for k in values}
        if current == values:
            return "unchanged"
        placement = existing
    else:
        placement = Placement(
            job=job,
            seeker=seeker,
            origin=Placement.Origin.IMPORTED,
            station=job.station,
            created_by=by,
        )
    old_state = placement.state if existing is not None else ""
    if state in CONFIRMED_OR_LATER and old_state not in CONFIRMED_OR_LATER:
        taken = _count_confirmed(job, exclude=placement if existing else None)
        if taken >= job.headcount:
            raise ValidationError(
                _("The job is full: %(taken)s of %(headcount)s places are already confirmed.")
                % {"taken": taken, "headcount": job.headcount}
            )
    for key, value in values.items():
        setattr(placement, key, value)
    placement.full_clean(validate_constraints=False)
    placement.save()
    PlacementTransition.objects.create(
        placement=placement, by=by, from_state=old_state, to_state=state, reason=_("Imported")
    )
    return "updated" if existing is not None else "created"
