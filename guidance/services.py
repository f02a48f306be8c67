"""Writes of the guidance app: one function per write, each in a transaction, each leaving a log
row (who, when, what); the station's service ledger gets the services a county counts."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket.logging import scrub
from gigmarket.masking import mask_name
from gigmarket.models import User
from gigmarket.services import personal_data_opened, transition
from guidance.models import (
    Guidance,
    GuidanceLog,
    InsuranceAdvice,
    InsuranceAdviceTransition,
    PlanStep,
    Registration,
    RegistrationLog,
)
from stations.models import ServiceRecord, Station
from stations.services import service_record_add

#: The assessment's fields (the health limits among them are shown to staff only, on request).
ASSESSMENT_FIELDS = (
    "work_history",
    "skills",
    "health_limits",
    "availability",
    "transport",
    "wants",
)
#: Most steps one plan may hold (a plan is a handful of steps, not a diary).
MAX_STEPS = 12


# ---- where a step is written ----


def acting_station(by: User, seeker) -> Station:
    """The station a staff member's service counts for: their own station, else the person's home
    station if they may write there. A user with neither may not give the service."""
    if by.is_authenticated and by.kind == User.Kind.STAFF:
        station = Station.objects.staffed_by(by).order_by("code").first()
        if station is not None:
            return station
        writable = Station.objects.writable_by(by)
        if seeker.home_station_id and writable.filter(pk=seeker.home_station_id).exists():
            return writable.get(pk=seeker.home_station_id)
    raise PermissionDenied


def _label(seeker, extra: str = "") -> str:
    return " · ".join(part for part in (mask_name(seeker.name), extra) if part)[:100]


def _ledger(station: Station, by: User, kind: str, seeker, subject, note: str, label: str = ""):
    service_record_add(
        station=station,
        by=by,
        kind=kind,
        subject=subject,
        subject_label=_label(seeker, label),
        note=note,
    )


def _writable(guidance: Guidance, by: User) -> Guidance:
    """The guidance row, locked, if ``by`` may change it."""
    if not Guidance.objects.visible_to(by).filter(pk=guidance.pk).exists():
        raise PermissionDenied
    return Guidance.objects.select_for_update().select_related("seeker").get(pk=guidance.pk)


def _log(guidance: Guidance, by: User, action: str, note: str = "", step=None) -> GuidanceLog:
    return GuidanceLog.objects.create(
        guidance=guidance, by=by, action=action, note=scrub(note)[:300], step=step
    )


# ---- career guidance and its plan ----


def _check_seeker(seeker) -> None:
    if seeker.status == seeker.Status.WITHDRAWN:
        raise ValidationError(_("This person has withdrawn from the register."), code="withdrawn")


def _new_step(guidance: Guidance, *, kind: str, text: str, due_on=None, job=None, referral=None):
    if guidance.steps.count() >= MAX_STEPS:
        raise ValidationError(
            _("A plan holds at most %(n)d steps: mark some done or give new guidance.")
            % {"n": MAX_STEPS}
        )
    if kind == PlanStep.Kind.FOLLOW_UP and due_on is None:
        raise ValidationError({"due_on": _("A follow-up needs a date.")})
    if due_on is not None and due_on < timezone.localdate() - datetime.timedelta(days=1):
        raise ValidationError({"due_on": _("This date has passed.")})
    step = PlanStep(
        guidance=guidance,
        kind=kind,
        text=(text or "").strip(),
        due_on=due_on,
        job=job,
        referral=referral,
    )
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def guidance_give(
    *,
    by: User,
    seeker,
    goals: str,
    steps: Iterable[Mapping] = (),
    programme=None,
    **assessment: str,
) -> Guidance:
    """Record career guidance given to ``seeker`` at the staff member's station: the assessment,
    the plan's goals and its first steps (with a training referral when ``programme`` is given);
    written in the ledger as career guidance."""
    unknown = set(assessment) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"not assessment fields: {sorted(unknown)}")
    _check_seeker(seeker)
    station = acting_station(by, seeker)
    guidance = Guidance(
        seeker=seeker,
        station=station,
        given_by=by,
        goals=(goals or "").strip(),
        **{field: (value or "").strip() for field, value in assessment.items()},
    )
    guidance.full_clean()
    guidance.save()
    _log(guidance, by, GuidanceLog.Action.CREATED)
    for step in steps:
        made = _new_step(guidance, **step)
        _log(guidance, by, GuidanceLog.Action.STEP_ADDED, made.text, step=made)
    if programme is not None:
        _refer(guidance, by, programme)
    _ledger(
        station,
        by,
        ServiceRecord.Kind.CAREER_GUIDANCE,
        seeker,
        guidance,
        _("Career guidance: service plan with %(n)d steps") % {"n": guidance.steps.count()},
    )
    return guidance


@transaction.atomic
def guidance_assess(*, guidance: Guidance, by: User, **changes: str) -> Guidance:
    """Change the assessment (the log names the fields changed, never their contents)."""
    unknown = set(changes) - set(ASSESSMENT_FIELDS) - {"goals"}
    if unknown:
        raise TypeError(f"not assessment fields: {sorted(unknown)}")
    guidance = _writable(guidance, by)
    changed = []
    for field, value in changes.items():
        value = (value or "").strip()
        if getattr(guidance, field) != value:
            setattr(guidance, field, value)
            changed.append(str(Guidance._meta.get_field(field).verbose_name))
    if not changed:
        return guidance
    guidance.full_clean()
    guidance.save()
    _log(guidance, by, GuidanceLog.Action.ASSESSMENT, "、".join(changed))
    return guidance


@transaction.atomic
def step_add(
    *, guidance: Guidance, by: User, kind: str, text: str, due_on=None, job=None
) -> PlanStep:
    """Add an agreed step to the plan (a job to try, documents to bring, a follow-up …)."""
    guidance = _writable(guidance, by)
    if kind == PlanStep.Kind.TRAINING:
        raise ValidationError({"kind": _("Refer the person to a training programme instead.")})
    step = _new_step(guidance, kind=kind, text=text, due_on=due_on, job=job)
    _log(guidance, by, GuidanceLog.Action.STEP_ADDED, step.text, step=step)
    return step


@transaction.atomic
def step_refer_training(
    *, guidance: Guidance, by: User, programme, text: str = "", due_on=None
) -> PlanStep:
    """Refer the person to a training programme through the training app's referral (its seat
    check, its ledger line) and add the referral to the plan as a step."""
    guidance = _writable(guidance, by)
    return _refer(guidance, by, programme, text=text, due_on=due_on)


def _refer(guidance: Guidance, by: User, programme, *, text: str = "", due_on=None) -> PlanStep:
    from training.services import referral_refer

    referral = referral_refer(
        programme=programme, seeker=guidance.seeker, by=by, note=_("Referred in a service plan")
    )
    text = (text or "").strip() or _("Go to the training “%(title)s” from %(start)s") % {
        "title": programme.title,
        "start": programme.start_date.isoformat(),
    }
    step = _new_step(
        guidance,
        kind=PlanStep.Kind.TRAINING,
        text=text[:200],
        due_on=due_on or programme.start_date,
        referral=referral,
    )
    _log(guidance, by, GuidanceLog.Action.STEP_ADDED, step.text, step=step)
    return step


def _locked_step(step: PlanStep, by: User) -> PlanStep:
    if not PlanStep.objects.visible_to(by).filter(pk=step.pk).exists():
        raise PermissionDenied
    return (
        PlanStep.objects.select_for_update()
        .select_related("guidance", "guidance__seeker", "guidance__station")
        .get(pk=step.pk)
    )


@transaction.atomic
def step_mark(*, step: PlanStep, by: User, done: bool, outcome: str = "") -> PlanStep:
    """Mark a step done (with what came of it) or not done after all."""
    step = _locked_step(step, by)
    if step.done == done:
        return step
    step.done = done
    step.done_at = timezone.now() if done else None
    step.outcome = (outcome or "").strip()[:300] if done else ""
    step.full_clean()
    step.save()
    action = GuidanceLog.Action.STEP_DONE if done else GuidanceLog.Action.STEP_REOPENED
    _log(step.guidance, by, action, step.outcome or step.text, step=step)
    return step


@transaction.atomic
def follow_up_record(
    *, step: PlanStep, by: User, note: str, next_on: datetime.date | None = None
) -> PlanStep:
    """Record a follow-up (回访): the step is done with what was learnt, the ledger counts a
    follow-up, and the next follow-up is planned when a date is given."""
    step = _locked_step(step, by)
    if step.kind != PlanStep.Kind.FOLLOW_UP:
        raise ValidationError(_("This step is not a follow-up."))
    if step.done:
        raise ValidationError(_("This follow-up is already recorded."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what you learnt in the follow-up.")})
    guidance = step.guidance
    step.done, step.done_at, step.outcome = True, timezone.now(), note[:300]
    step.save()
    _log(guidance, by, GuidanceLog.Action.FOLLOWED_UP, note, step=step)
    station = acting_station(by, guidance.seeker)
    _ledger(station, by, ServiceRecord.Kind.FOLLOW_UP, guidance.seeker, guidance, note)
    if next_on is not None:
        if next_on <= timezone.localdate():
            raise ValidationError({"next_on": _("The next follow-up must be after today.")})
        nxt = _new_step(guidance, kind=PlanStep.Kind.FOLLOW_UP, text=_("Follow-up"), due_on=next_on)
        _log(guidance, by, GuidanceLog.Action.STEP_ADDED, nxt.text, step=nxt)
    return step


@transaction.atomic
def health_limits_opened(*, guidance: Guidance, by: User, purpose: str) -> Guidance:
    """Show the stated health limits to a staff member, for a purpose: logged in the personal-data
    access log (for the auditor) and in the record's own log."""
    guidance = _writable(guidance, by)
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": _("Say why you need to see this.")})
    personal_data_opened(user=by, record=guidance, purpose=purpose)
    _log(guidance, by, GuidanceLog.Action.HEALTH_VIEWED, purpose)
    return guidance


@transaction.atomic
def guidance_forget_withdrawn(*, seeker, by: User | None = None) -> int:
    """A person withdrew from the register: the assessment (health limits, work history, what
    they want …) is erased from their guidance records, each erasure logged; the plan's steps and
    the counts stay. Told by the seekers app through ``gigmarket.facts``. Returns how many."""
    erased = 0
    for guidance in Guidance.objects.select_for_update().filter(seeker=seeker):
        if not any(getattr(guidance, field) for field in ASSESSMENT_FIELDS):
            continue
        for field in ASSESSMENT_FIELDS:
            setattr(guidance, field, "")
        guidance.save()
        _log(guidance, by, GuidanceLog.Action.ASSESSMENT, _("Erased: the person withdrew"))
        erased += 1
    return erased


# ---- employment and unemployment registration ----


@transaction.atomic
def registration_record(
    *,
    by: User,
    seeker,
    kind: str,
    employer_name: str = "",
    employer_credit_code: str = "",
    placement=None,
    start_date: datetime.date | None = None,
    unemployed_on: datetime.date | None = None,
    reason: str = "",
    reason_note: str = "",
    reference: str = "",
) -> Registration:
    """Record that the station helped ``seeker`` register employment (employer, start date) or
    unemployment (date, reason) in the provincial system, with its reference number if known."""
    _check_seeker(seeker)
    station = acting_station(by, seeker)
    errors = {}
    today = timezone.localdate()
    if kind == Registration.Kind.EMPLOYMENT:
        if not (employer_name or "").strip():
            errors["employer_name"] = _("Name the employer.")
        if start_date is None:
            errors["start_date"] = _("Give the day the work started.")
        elif start_date > today + datetime.timedelta(days=31):
            errors["start_date"] = _("The start date is more than a month away.")
        unemployed_on, reason, reason_note = None, "", ""
    elif kind == Registration.Kind.UNEMPLOYMENT:
        if unemployed_on is None:
            errors["unemployed_on"] = _("Give the first day out of work.")
        elif unemployed_on > today:
            errors["unemployed_on"] = _("This date is in the future.")
        if not reason:
            errors["reason"] = _("Choose the reason.")
        employer_name, employer_credit_code, placement, start_date = "", "", None, None
    else:
        errors["kind"] = _("Choose employment or unemployment registration.")
    if placement is not None and placement.seeker_id != seeker.pk:
        errors["placement"] = _("This placement is someone else's.")
    if errors:
        raise ValidationError(errors)
    registration = Registration(
        seeker=seeker,
        kind=kind,
        station=station,
        recorded_by=by,
        employer_name=(employer_name or "").strip(),
        employer_credit_code=(employer_credit_code or "").strip().upper(),
        placement=placement,
        start_date=start_date,
        unemployed_on=unemployed_on,
        reason=reason,
        reason_note=(reason_note or "").strip(),
        reference=(reference or "").strip(),
    )
    registration.full_clean()
    registration.save()
    RegistrationLog.objects.create(
        registration=registration,
        by=by,
        from_state="",
        to_state="filed" if registration.reference else "recorded",
        reason=registration.reference,
    )
    _ledger(
        station,
        by,
        ServiceRecord.Kind.CONSULTATION,
        seeker,
        registration,
        _("Helped with %(kind)s") % {"kind": registration.get_kind_display()},
    )
    return registration


@transaction.atomic
def registration_set_reference(
    *, registration: Registration, by: User, reference: str
) -> Registration:
    """Record (or correct) the reference number the provincial system returned."""
    if not Registration.objects.visible_to(by).filter(pk=registration.pk).exists():
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    reference = (reference or "").strip()
    if not reference:
        raise ValidationError({"reference": _("Enter the reference number.")})
    if reference == registration.reference:
        return registration
    before = registration.reference
    registration.reference = reference
    registration.full_clean()
    registration.save()
    RegistrationLog.objects.create(
        registration=registration,
        by=by,
        from_state="filed" if before else "recorded",
        to_state="filed",
        reason=_("Reference %(old)s → %(new)s") % {"old": before or "—", "new": reference},
    )
    return registration


def registrations_exported(*, by: User, registrations: Iterable[Registration]) -> int:
    """Log the export of the provincial upload file: it carries ID numbers, so each person's
    record counts as opened (personal-data access log). Returns how many were logged."""
    n = 0
    for registration in registrations:
        personal_data_opened(
            user=by,
            record=registration.seeker,
            purpose=_("Provincial bulk upload of %(kind)s")
            % {"kind": registration.get_kind_display()},
        )
        n += 1
    return n


# ---- accident-insurance recommendation ----


def _advice_station(placement, by: User | None) -> Station | None:
    if by is not None and by.is_authenticated and by.kind == User.Kind.STAFF:
        station = Station.objects.staffed_by(by).order_by("code").first()
        if station is not None:
            return station
    return placement.station or placement.job.station or placement.seeker.home_station


@transaction.atomic
def insurance_advice_open(*, placement, by: User | None = None) -> InsuranceAdvice | None:
    """A placement was confirmed: when its job states no insurance, open a recommendation for
    staff to make (the prompt on their workbench). Nothing when the job is covered or one exists.

    Listens to ``gigmarket.facts.PLACEMENT_CONFIRMED`` (registered in GuidanceConfig.ready)."""
    job = placement.job
    if job.has_insurance:
        return None
    if InsuranceAdvice.objects.filter(placement=placement).exists():
        return None
    advice = InsuranceAdvice.objects.create(
        placement=placement, seeker=placement.seeker, station=_advice_station(placement, by)
    )
    InsuranceAdviceTransition.objects.create(
        advice=advice,
        by=by if by is not None and by.is_authenticated else None,
        from_state="",
        to_state=advice.status,
        reason=_("Confirmed on “%(job)s”, which has no insurance") % {"job": job.title[:60]},
    )
    return advice


@transaction.atomic
def insurance_advice_record(
    *,
    advice: InsuranceAdvice,
    by: User,
    to: str,
    reason: str = "",
    insurer: str = "",
    cover: str = "",
) -> InsuranceAdvice:
    """Record the recommendation and the person's answer. From "to recommend", an answer given
    at once (bought / declined) logs the recommendation first, so every step is on record."""
    if not InsuranceAdvice.objects.visible_to(by).filter(pk=advice.pk).exists():
        raise PermissionDenied
    advice = (
        InsuranceAdvice.objects.select_for_update()
        .select_related("seeker", "placement", "placement__job")
        .get(pk=advice.pk)
    )
    S = InsuranceAdvice.Status
    if to == S.DECLINED and not reason.strip():
        raise ValidationError({"reason": _("Note why the person declined.")})
    steps = [to]
    if advice.status == S.DUE and to in (S.BOUGHT, S.DECLINED):
        steps = [S.RECOMMENDED, to]
    if to == S.BOUGHT:
        advice.insurer = (insurer or "").strip()[:60]
        advice.cover = (cover or "").strip()[:100]
    for state in steps:
        transition(
            obj=advice,
            to=state,
            by=by,
            allowed=InsuranceAdvice.TRANSITIONS,
            log_model=InsuranceAdviceTransition,
            log_fk="advice",
            reason=reason if state == to else "",
        )
        if state == S.RECOMMENDED:
            station = advice.station or acting_station(by, advice.seeker)
            _ledger(
                station,
                by,
                ServiceRecord.Kind.CONSULTATION,
                advice.seeker,
                advice,
                _("Recommended accident insurance for gig work"),
                advice.placement.job.title,
            )
    return advice
