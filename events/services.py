"""Writes of the events app: every change to an event, its employers and its seekers, each logged
(``EventLog``: who, when, from which state to which, why) and the results ledgered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, EventLog, EventPlacement, Participation, Registration
from gigmarket.logging import scrub
from gigmarket.models import User
from gigmarket.roles import Role
from gigmarket.services import transition
from jobs.models import Employer, Job
from jobs.services import matching
from stations.models import ServiceRecord, Station
from stations.services import service_record_add

S = Event.State

#: planned → open for registration → held → closed with results; planned or open → cancelled.
ALLOWED = {
    S.PLANNED: [S.OPEN, S.CANCELLED],
    S.OPEN: [S.HELD, S.CANCELLED],
    S.HELD: [S.CLOSED],
    S.CLOSED: [],
    S.CANCELLED: [],
}

EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "region",
    "address",
    "latitude",
    "longitude",
    "datum",
    "stream_url",
    "starts_at",
    "ends_at",
    "capacity",
)


def _log(event: Event, by: User | None, reason: str) -> EventLog:
    """A step that keeps the state (an employer added, a seeker checked in): logged all the same."""
    return EventLog.objects.create(
        event=event,
        by=by if by is not None and by.is_authenticated else None,
        from_state=event.state,
        to_state=event.state,
        reason=scrub(reason.strip())[:500],
    )


def _require_runs(event: Event, by: User) -> None:
    """Only staff of the organising station (or a county admin over it) run an event."""
    if not Event.objects.writable_by(by).filter(pk=event.pk).exists():
        raise PermissionDenied(_("This event is run by another station."))


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


# ---- the event itself ----


@transaction.atomic
def event_create(
    *,
    by: User,
    station: Station,
    data: Mapping[str, Any],
    partner_stations: Iterable[Station] = (),
) -> Event:
    """Plan an event for a station the planner works at (or a county admin's station)."""
    if not Station.objects.writable_by(by).filter(pk=station.pk).exists():
        raise ValidationError({"station": _("You can only plan events for your own station.")})
    fields = {k: v for k, v in data.items() if k in EVENT_FIELDS}
    if fields.get("capacity") == 0:
        fields["capacity"] = None
    event = Event(station=station, organiser=by, **fields)
    if event.region_id is None:
        event.region_id = station.region_id
    event.full_clean()
    event.save()
    partners = [s for s in partner_stations if s.pk != station.pk]
    if partners:
        event.partner_stations.set(partners)
    EventLog.objects.create(event=event, by=by, from_state="", to_state=S.PLANNED)
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, data: Mapping[str, Any]) -> Event:
    """Correct an event before it is held (title, place, times, capacity, link)."""
    _require_runs(event, by)
    event = _locked(event)
    if event.state not in (S.PLANNED, S.OPEN):
        raise ValidationError(
            _("An event that has been held or cancelled can no longer be edited.")
        )
    changed = []
    for key, value in data.items():
        if key in EVENT_FIELDS and getattr(event, key) != value:
            setattr(event, key, value)
            changed.append(str(Event._meta.get_field(key).verbose_name))
    if not changed:
        return event
    event.full_clean()
    event.save()
    _log(event, by, _("Edited: %(fields)s") % {"fields": "、".join(changed)})
    return event


def _move(event: Event, *, to: str, by: User, reason: str = "") -> EventLog:
    return transition(
        obj=event,
        to=to,
        by=by,
        allowed=ALLOWED,
        log_model=EventLog,
        log_fk="event",
        field="state",
        reason=reason,
        reason_required=[S.CANCELLED],
    )


@transaction.atomic
def event_open(*, event: Event, by: User) -> Event:
    """Announce the event: it shows publicly and takes registrations."""
    _require_runs(event, by)
    event = _locked(event)
    _move(event, to=S.OPEN, by=by)
    return event


@transaction.atomic
def event_hold(*, event: Event, by: User, now=None) -> Event:
    """Record that the event took place (not before it has started)."""
    _require_runs(event, by)
    event = _locked(event)
    if event.state == S.OPEN and event.starts_at > (now or timezone.now()):
        raise ValidationError(_("The event has not started yet."))
    _move(event, to=S.HELD, by=by)
    return event


@transaction.atomic
def event_close(*, event: Event, by: User, intentions_reached: int, note: str = "") -> Event:
    """Close a held event with its results; one line in each organising station's ledger."""
    _require_runs(event, by)
    event = _locked(event)
    if intentions_reached is None or intentions_reached < 0:
        raise ValidationError({"intentions_reached": _("Enter a whole number, 0 or more.")})
    event.intentions_reached = intentions_reached
    event.results_note = note.strip()
    _move(event, to=S.CLOSED, by=by, reason=note)
    from events.figures import event_results

    results = event_results(event)
    line = _(
        "Recruitment event held: %(employers)s employers present, %(seekers)s seekers present, "
        "%(signups)s job sign-ups, %(placements)s placements, %(intentions)s intentions reached"
    ) % {
        "employers": results["employers_present"],
        "seekers": results["seekers_present"],
        "signups": results["sign_ups"],
        "placements": results["placements"],
        "intentions": results["intentions_reached"],
    }
    for station in [event.station, *event.partner_stations.all()]:
        service_record_add(
            station=station,
            by=by,
            kind=ServiceRecord.Kind.RECRUITMENT_EVENT,
            note=line,
            subject=event,
            subject_label=event.title[:100],
        )
    return event


@transaction.atomic
def event_cancel(*, event: Event, by: User, reason: str) -> Event:
    """Cancel a planned or open event, with the reason (shown on its page)."""
    _require_runs(event, by)
    event = _locked(event)
    event.cancel_reason = reason.strip()[:200]
    _move(event, to=S.CANCELLED, by=by, reason=reason)
    return event


# ---- employers ----


def _check_jobs(employer: Employer, jobs: Iterable[Job]) -> list[Job]:
    jobs = list(jobs)
    for job in jobs:
        if job.employer_id != employer.pk:
            raise ValidationError({"jobs": _("Pick only this employer's jobs.")})
        if job.status != Job.Status.OPEN:
            raise ValidationError(
                {"jobs": _("“%(job)s” is not open; only open jobs go to an event.") % {"job": job}}
            )
    return jobs


def _check_taking_employers(event: Event) -> None:
    if event.state not in (S.PLANNED, S.OPEN, S.HELD):
        raise ValidationError(_("This event no longer takes employers."))


@transaction.atomic
def participation_add(
    *, event: Event, employer: Employer, jobs: Iterable[Job], by: User
) -> Participation:
    """Staff add an employer and the open jobs it brings (adding again updates the jobs)."""
    _require_runs(event, by)
    event = _locked(event)
    _check_taking_employers(event)
    if employer.suspended:
        raise ValidationError({"employer": _("This employer is suspended.")})
    jobs = _check_jobs(employer, jobs)
    participation, created = Participation.objects.get_or_create(
        event=event, employer=employer, defaults={"state": Participation.State.ACCEPTED}
    )
    if not created and participation.state != Participation.State.ACCEPTED:
        participation.state = Participation.State.ACCEPTED
        participation.decline_reason = ""
        participation.save(update_fields=["state", "decline_reason"])
    participation.jobs.set(jobs)
    _log(
        event,
        by,
        _("Employer %(employer)s taking part with %(n)s jobs")
        % {"employer": employer.name, "n": len(jobs)},
    )
    return participation


@transaction.atomic
def participation_apply(
    *, event: Event, employer: Employer, jobs: Iterable[Job], by: User
) -> Participation:
    """An employer asks to join an event with some of its open jobs; staff then accept or decline."""
    if employer.user_id != by.pk:
        raise PermissionDenied
    event = _locked(event)
    if event.state not in (S.PLANNED, S.OPEN):
        raise ValidationError(_("This event no longer takes employers."))
    if employer.suspended:
        raise ValidationError(_("Your account is suspended; ask a station."))
    jobs = _check_jobs(employer, jobs)
    if not jobs:
        raise ValidationError({"jobs": _("Pick at least one of your open jobs.")})
    participation = Participation.objects.filter(event=event, employer=employer).first()
    if participation is not None and participation.state == Participation.State.ACCEPTED:
        participation.jobs.set(jobs)
        _log(event, by, _("Employer %(employer)s changed its jobs") % {"employer": employer.name})
        return participation
    if participation is None:
        participation = Participation.objects.create(
            event=event, employer=employer, state=Participation.State.APPLIED
        )
    else:
        participation.state = Participation.State.APPLIED
        participation.decline_reason = ""
        participation.save(update_fields=["state", "decline_reason"])
    participation.jobs.set(jobs)
    _log(event, by, _("Employer %(employer)s applied to join") % {"employer": employer.name})
    return participation


@transaction.atomic
def participation_decide(
    *, participation: Participation, accept: bool, by: User, reason: str = ""
) -> Participation:
    """Staff accept an employer's application, or decline it with a reason."""
    event = participation.event
    _require_runs(event, by)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.state != Participation.State.APPLIED:
        raise ValidationError(_("This application has already been decided."))
    if accept:
        participation.state = Participation.State.ACCEPTED
        note = _("Accepted employer %(employer)s")
    else:
        if not reason.strip():
            raise ValidationError({"reason": _("Please give a reason.")})
        participation.state = Participation.State.DECLINED
        participation.decline_reason = reason.strip()[:200]
        note = _("Declined employer %(employer)s")
    participation.save(update_fields=["state", "decline_reason"])
    _log(event, by, f"{note % {'employer': participation.employer.name}} {reason}".strip())
    return participation


@transaction.atomic
def participation_present(*, participation: Participation, by: User) -> Participation:
    """Staff record that a taking-part employer came (its stand was staffed)."""
    event = participation.event
    _require_runs(event, by)
    if participation.state != Participation.State.ACCEPTED:
        raise ValidationError(_("Only an employer taking part can be marked present."))
    if event.state not in (S.OPEN, S.HELD):
        raise ValidationError(_("Attendance is recorded while the event is open or held."))
    if not participation.present:
        participation.present = True
        participation.save(update_fields=["present"])
        _log(
            event,
            by,
            _("Employer %(employer)s present") % {"employer": participation.employer.name},
        )
    return participation


# ---- seekers ----


def _check_registrations(event: Event) -> None:
    if not event.takes_registrations:
        raise ValidationError(_("This event is not taking registrations."))


@transaction.atomic
def registration_add(*, event: Event, seeker, by: User, at_door: bool = False) -> Registration:
    """A seeker registers interest (one tap, or staff at the door); again returns the same one."""
    if at_door:
        _require_runs(event, by)
    elif seeker.user_id != by.pk:
        raise PermissionDenied
    if seeker.is_withdrawn:
        raise ValidationError(_("This registration has been withdrawn."))
    event = _locked(event)
    _check_registrations(event)
    existing = Registration.objects.filter(event=event, seeker=seeker).first()
    if existing is not None:
        return existing
    if event.capacity and event.registrations.count() >= event.capacity and not at_door:
        raise ValidationError(_("This event is full. You can still come and register at the door."))
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                seeker=seeker,
                channel=Registration.Channel.DOOR if at_door else Registration.Channel.ONLINE,
            )
    except IntegrityError:
        return Registration.objects.get(event=event, seeker=seeker)
    _log(
        event,
        by,
        _("%(name)s registered (%(channel)s)")
        % {"name": seeker.masked_name, "channel": registration.get_channel_display()},
    )
    return registration


@transaction.atomic
def registration_check_in(*, registration: Registration, by: User) -> Registration:
    """Staff record at the door that the seeker came (by the slip's QR or a mobile look-up)."""
    event = registration.event
    _require_runs(event, by)
    _check_registrations(event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.attended_at is None:
        registration.attended_at = timezone.now()
        registration.checked_in_by = by
        registration.save(update_fields=["attended_at", "checked_in_by"])
        _log(event, by, _("%(name)s checked in") % {"name": registration.seeker.masked_name})
    return registration


@transaction.atomic
def door_check_in(*, event: Event, seeker, by: User) -> Registration:
    """At the door: register the seeker if need be, and check them in, in one step."""
    registration = registration_add(event=event, seeker=seeker, by=by, at_door=True)
    return registration_check_in(registration=registration, by=by)


# ---- placements from the event ----


def _event_job(event: Event, job: Job) -> Job:
    accepted = Participation.objects.filter(
        event=event, state=Participation.State.ACCEPTED, jobs=job
    )
    if not accepted.exists():
        raise ValidationError({"job": _("This job is not at this event.")})
    return job


@transaction.atomic
def event_dispatch(*, event: Event, job: Job, seeker, by: User) -> EventPlacement:
    """Staff send a seeker to one of the event's jobs (派单); the placement remembers the event."""
    _require_runs(event, by)
    if event.state not in (S.OPEN, S.HELD):
        raise ValidationError(_("Dispatch from an event while it is open or held."))
    _event_job(event, job)
    placement = matching.placement_recommend(
        job=job, seeker=seeker, by=by, reason=_("At event: %(event)s") % {"event": event.title}
    )
    link, _created = EventPlacement.objects.get_or_create(
        placement=placement, defaults={"event": event}
    )
    return link


@transaction.atomic
def event_sign_up(*, event: Event, job: Job, seeker, by: User) -> EventPlacement:
    """A seeker signs up for one of the event's jobs from the event's page."""
    if seeker.user_id != by.pk:
        raise PermissionDenied
    if event.state not in (S.OPEN, S.HELD):
        raise ValidationError(_("This event is not taking sign-ups."))
    _event_job(event, job)
    placement = matching.placement_sign_up(job=job, seeker=seeker, by=by)
    link, _created = EventPlacement.objects.get_or_create(
        placement=placement, defaults={"event": event}
    )
    return link


def is_event_staff(user: User) -> bool:
    return user.is_authenticated and user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN)
