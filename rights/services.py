"""Writes of the rights app: filing a complaint and every step of its case, each logged and ledgered."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket import facts, notify
from gigmarket.models import User
from gigmarket.roles import Role
from gigmarket.services import transition
from gigmarket.validators import validate_mobile
from rights.deadlines import due_date_for
from rights.evidence import check_upload, max_files
from rights.models import (
    Complaint,
    ComplaintLog,
    Evidence,
    Holiday,
    Kind,
    MissingItem,
    TransferTarget,
)
from stations.models import ServiceRecord, Station
from stations.services import service_record_add

S = Complaint.Status

#: received → accepted (or not accepted) → in mediation → resolved, or transferred → closed.
ALLOWED = {
    S.RECEIVED: [S.ACCEPTED, S.NOT_ACCEPTED, S.TRANSFERRED],
    S.ACCEPTED: [S.MEDIATING, S.RESOLVED, S.TRANSFERRED],
    S.MEDIATING: [S.RESOLVED, S.TRANSFERRED],
    S.RESOLVED: [S.CLOSED],
    S.TRANSFERRED: [S.CLOSED],
    S.NOT_ACCEPTED: [],
    S.CLOSED: [],
}

#: Kinds where the complainant must say against whom.
NEEDS_RESPONDENT = {
    Kind.UNPAID_WAGES,
    Kind.FAKE_POSTING,
    Kind.ILLEGAL_INTERMEDIARY,
    Kind.DISCRIMINATION,
}

#: Words that mean "I do not know the amount" (workers often do not know the exact sum owed).
UNKNOWN_AMOUNT_WORDS = frozenset(
    {"不清楚", "不知道", "不确定", "说不清", "不详", "未知", "unknown", "?", "？"}
)


def required_for(kind: str, *, respondent_known: bool = False) -> list[str]:
    """The fields a kind of complaint needs beyond name, mobile, what happened and the station
    (一次性告知: the form marks them when the kind is chosen and names all that is missing)."""
    fields = []
    if kind in NEEDS_RESPONDENT and not respondent_known:
        fields.append("respondent_text")
    if kind == Kind.UNPAID_WAGES:
        fields += ["amount_owed", "people_affected"]
    return fields


#: Tracking numbers use letters and digits nobody confuses (no 0/O, 1/I/L).
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_tracking_number() -> str:
    """TS26-7K3M-Q9XP: the year, then eight random characters (31⁸ ≈ 850 billion possibilities)."""
    while True:
        body = "".join(secrets.choice(NUMBER_ALPHABET) for _i in range(8))
        number = f"TS{timezone.localdate():%y}-{body[:4]}-{body[4:]}"
        if not Complaint.objects.filter(number=number).exists():
            return number


def normalize_tracking_number(value: str) -> str:
    """The canonical TS26-7K3M-Q9XP from however it was typed or read over the phone: any case,
    full-width characters, spaces, dashes or none ("ts26 7k3m q9xp", "TS267K3MQ9XP")."""
    folded = unicodedata.normalize("NFKC", value or "").upper()
    body = "".join(ch for ch in folded if ch.isascii() and ch.isalnum())
    match = re.fullmatch(r"TS(\d{2})([0-9A-Z]{4})([0-9A-Z]{4})", body)
    if match is None:
        return body
    return "TS{}-{}-{}".format(*match.groups())


# ---- helpers ----


def _ledger(complaint: Complaint, by: User | None, note: str, *, intake: bool = False) -> None:
    """Each step goes into the handling station's service ledger (工作日志台账)."""
    service_record_add(
        station=complaint.station,
        by=by,
        kind=ServiceRecord.Kind.COMPLAINT_INTAKE if intake else ServiceRecord.Kind.RIGHTS_GUIDANCE,
        note=note[:500],
        subject=complaint,
        subject_label=complaint.ledger_label,
        once_a_day=not intake,
    )


def _log(complaint: Complaint, by: User | None, reason: str) -> ComplaintLog:
    """A step that does not change the state (hand-over, notice, suspension): logged all the same."""
    return ComplaintLog.objects.create(
        complaint=complaint,
        by=by,
        from_state=complaint.status,
        to_state=complaint.status,
        reason=reason.strip(),
    )


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


def _require_handler(complaint: Complaint, by: User) -> None:
    """Only staff of the handling station (or a county admin over it) act on a case."""
    if not Complaint.objects.handled_by(by).filter(pk=complaint.pk).exists():
        raise PermissionDenied(_("This case is handled by another station."))


def _take(complaint: Complaint, by: User) -> None:
    """首问负责: the first staff member to act owns the case; others act only after a hand-over."""
    if complaint.owner_id is None:
        complaint.first_responder = complaint.first_responder or by
        complaint.owner = by
        complaint.save(update_fields=["first_responder", "owner"])
        _log(complaint, by, _("Took the case as first responder."))
    elif complaint.owner_id != by.pk and not by.has_role(Role.COUNTY_ADMIN):
        raise ValidationError(
            _("%(owner)s owns this case; ask them to hand it over first.")
            % {"owner": complaint.owner}
        )


def _move(complaint: Complaint, *, to: str, by: User, reason: str = "") -> ComplaintLog:
    now = timezone.now()
    if to == S.ACCEPTED:
        complaint.accepted_at = now
    elif to == S.RESOLVED:
        complaint.resolved_at = now
    elif to == S.TRANSFERRED:
        complaint.transferred_at = now
    if to in (S.CLOSED, S.NOT_ACCEPTED):
        complaint.done_at = now
    log = transition(
        obj=complaint,
        to=to,
        by=by,
        allowed=ALLOWED,
        log_model=ComplaintLog,
        log_fk="complaint",
        reason=reason,
        reason_required=[S.NOT_ACCEPTED],
    )
    _ledger(complaint, by, f"{complaint.get_status_display()} {reason}".strip())
    if complaint.complainant_mobile:
        # The person who complained hears of each step (the tracking page says more).
        notify.enqueue(
            key=f"complaint:{complaint.pk}:{log.pk}",
            kind="complaint_state",
            to=complaint.complainant_mobile,
            variables={
                "number": complaint.number,
                "state": complaint.get_status_display(),
                "link": notify.site_link(reverse("rights:complaint_track")),
            },
        )
    return log


def _step(complaint: Complaint, by: User) -> Complaint:
    """Lock the case, check the actor may handle it and owns it (taking it if nobody does)."""
    _require_handler(complaint, by)
    complaint = _locked(complaint)
    _take(complaint, by)
    return complaint


# ---- filing ----


def handling_station_for(station: Station) -> Station:
    """Where an online complaint goes so that someone can act on it.

    The chosen station if somebody is in service there; else its parent market (the nearest market
    in service whose region contains the station's); else the default desk
    (``RIGHTS_DEFAULT_DESK``, a station code); else any station in service in the same county,
    markets first. With nobody in service anywhere it stays where it was sent, and the county
    admin's workbench lists it among the cases nobody can act on.
    """
    in_service = Station.objects.in_service()
    if in_service.filter(pk=station.pk).exists():
        return station
    region = station.region
    markets = [
        market
        for market in in_service.filter(
            kind=Station.Kind.MARKET, region__code__startswith=region.code[:2]
        ).select_related("region")
        if market.region.contains(region)
    ]
    if markets:
        return max(markets, key=lambda market: (len(market.region.prefix), -market.pk))
    desk_code = getattr(settings, "RIGHTS_DEFAULT_DESK", "")
    desk = in_service.filter(code=desk_code).first() if desk_code else None
    if desk is not None:
        return desk
    nearby = in_service.filter(region__code__startswith=region.code[:6]).order_by("kind", "code")
    return nearby.first() or station


def _clean_filing(
    *,
    kind: str,
    name: str,
    mobile: str,
    description: str,
    employer,
    job,
    respondent_text: str,
    amount_owed: Decimal | None,
    people_affected: int | None,
    files: list,
    amount_unknown: bool = False,
) -> dict:
    errors: dict[str, list[str]] = {}
    if kind not in Kind.values:
        errors["kind"] = [_("Choose what the complaint is about.")]
    if not (name or "").strip():
        errors["name"] = [_("Please give your name so that we can reach you.")]
    try:
        mobile = validate_mobile(mobile or "")
    except ValidationError as error:
        errors["mobile"] = error.messages
    if not (description or "").strip():
        errors["description"] = [_("Please say what happened.")]
    if kind in NEEDS_RESPONDENT and not (employer or job or (respondent_text or "").strip()):
        errors["respondent_text"] = [
            _("Please say against whom: pick the employer or write its name.")
        ]
    if kind == Kind.UNPAID_WAGES:
        said_unknown = amount_unknown and amount_owed is None
        if not said_unknown and (amount_owed is None or amount_owed <= 0):
            errors["amount_owed"] = [
                _(
                    "Please give the amount you are owed, in yuan (or write 不清楚 if you do not know)."
                )
            ]
        if not people_affected or people_affected < 1:
            errors["people_affected"] = [
                _("Please say how many people are owed wages (at least 1).")
            ]
    elif amount_owed is not None and amount_owed < 0:
        errors["amount_owed"] = [_("The amount cannot be negative.")]
    if len(files) > max_files():
        errors["evidence"] = [_("At most %(n)d files can be attached.") % {"n": max_files()}]
    else:
        for upload in files:
            try:
                check_upload(upload)
            except ValidationError as error:
                errors.setdefault("evidence", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return {"mobile": mobile}


@transaction.atomic
def complaint_file(
    *,
    by: User | None,
    station: Station,
    kind: str,
    name: str,
    mobile: str,
    description: str,
    employer=None,
    job=None,
    respondent_text: str = "",
    amount_owed: Decimal | None = None,
    amount_unknown: bool = False,
    people_affected: int | None = None,
    files: Iterable = (),
    idempotency_key: str = "",
    complainant_user: User | None = None,
) -> tuple[Complaint, bool]:
    """File a complaint online (``by`` None or a non-staff account) or take one at the window (staff).

    Returns (complaint, created): the same ``idempotency_key`` twice gives the first case back.
    At the window the staff member is the first responder and the station must be theirs.
    """
    key = (idempotency_key or "").strip()[:64] or None
    if key:
        existing = Complaint.objects.filter(idempotency_key=key).first()
        if existing is not None:
            return existing, False
    files = list(files)
    if job is not None:
        employer = job.employer
    cleaned = _clean_filing(
        kind=kind,
        name=name,
        mobile=mobile,
        description=description,
        employer=employer,
        job=job,
        respondent_text=respondent_text,
        amount_owed=amount_owed,
        people_affected=people_affected,
        files=files,
        amount_unknown=amount_unknown,
    )
    at_window = by is not None and by.is_authenticated and by.kind == User.Kind.STAFF
    if at_window and not Station.objects.writable_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("You do not work at this station."))
    requested = station
    if not at_window:
        station = handling_station_for(station)
    now = timezone.now()
    complaint = Complaint(
        number=new_tracking_number(),
        idempotency_key=key,
        kind=kind,
        channel=Complaint.Channel.WINDOW if at_window else Complaint.Channel.ONLINE,
        complainant_name=name.strip(),
        complainant_mobile=cleaned["mobile"],
        complainant_user=complainant_user
        if complainant_user is not None and not at_window
        else None,
        employer=employer,
        job=job,
        respondent_text=(respondent_text or "").strip(),
        description=description.strip(),
        amount_owed=amount_owed,
        amount_unknown=bool(amount_unknown) and amount_owed is None,
        people_affected=people_affected,
        station=station,
        requested_station=requested if requested != station else None,
        first_responder=by if at_window else None,
        owner=by if at_window else None,
        received_at=now,
        due_date=due_date_for(kind, timezone.localdate(now)),
    )
    complaint.full_clean(exclude=["idempotency_key"])
    try:
        with transaction.atomic():
            complaint.save()
    except IntegrityError:
        # The same form sent twice at once: the other request won; give its case back.
        existing = Complaint.objects.filter(idempotency_key=key).first() if key else None
        if existing is None:
            raise
        return existing, False
    if at_window:
        how = _("Taken at the window.")
    elif requested == station:
        how = _("Filed online.")
    else:
        how = _(
            "Filed online for %(chosen)s, which has nobody in service; sent to %(station)s."
        ) % {
            "chosen": requested.name,
            "station": station.name,
        }
    ComplaintLog.objects.create(
        complaint=complaint,
        by=by if at_window else None,
        from_state="",
        to_state=S.RECEIVED,
        reason=how,
    )
    for upload in files:
        _evidence_save(complaint, upload, by if at_window else None)
    _ledger(complaint, by if at_window else None, str(complaint.get_channel_display()), intake=True)
    return complaint, True


def _evidence_save(complaint: Complaint, upload, by: User | None) -> Evidence:
    content_type, extension = check_upload(upload)
    original = (upload.name or "file").replace("/", "_").replace("\\", "_")[-100:]
    evidence = Evidence(
        complaint=complaint,
        original_name=original,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    evidence.file.save(f"evidence.{extension}", upload, save=False)
    evidence.full_clean()
    evidence.save()
    return evidence


@transaction.atomic
def evidence_add(*, complaint: Complaint, by: User, files: Iterable) -> list[Evidence]:
    """Staff attach material the complainant brought in (images and PDF only)."""
    _require_handler(complaint, by)
    files = list(files)
    if not files:
        raise ValidationError({"evidence": _("Choose at least one file.")})
    for upload in files:
        try:
            check_upload(upload)
        except ValidationError as error:
            raise ValidationError({"evidence": error.messages}) from error
    saved = [_evidence_save(complaint, upload, by) for upload in files]
    _log(complaint, by, _("%(n)d evidence file(s) added.") % {"n": len(saved)})
    return saved


# ---- handling ----


@transaction.atomic
def complaint_request_material(
    *, complaint: Complaint, by: User, items: Iterable[str], note: str = ""
) -> Complaint:
    """一次性告知: tell the complainant, in one notice, everything missing before the case can be accepted."""
    complaint = _step(complaint, by)
    items = [i for i in dict.fromkeys(items) if i]
    unknown = set(items) - set(MissingItem.values)
    if unknown:
        raise ValidationError(
            {"items": _("Unknown material: %(items)s.") % {"items": ", ".join(sorted(unknown))}}
        )
    if not items and not note.strip():
        raise ValidationError({"items": _("Tick everything that is missing (or describe it).")})
    if complaint.status != S.RECEIVED:
        raise ValidationError(_("Material is asked for before the case is accepted."))
    complaint.missing_items = items
    complaint.missing_note = note.strip()
    complaint.notice_at = timezone.now()
    complaint.full_clean()
    complaint.save()
    listed = "；".join(complaint.missing_item_labels)
    _log(complaint, by, _("One-time notice of missing material: %(items)s") % {"items": listed})
    _ledger(complaint, by, _("One-time notice: %(items)s") % {"items": listed})
    return complaint


@transaction.atomic
def complaint_accept(*, complaint: Complaint, by: User, note: str = "") -> Complaint:
    """Accept the case (受理): its handling starts; the deadline stays the one set on receipt."""
    complaint = _step(complaint, by)
    _move(complaint, to=S.ACCEPTED, by=by, reason=note)
    return complaint


@transaction.atomic
def complaint_decline(*, complaint: Complaint, by: User, reason: str, refer_to: str) -> Complaint:
    """Do not accept the case: say why and where the complainant should go instead."""
    complaint = _step(complaint, by)
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Please give the reason.")
    if not refer_to.strip():
        errors["refer_to"] = _("Please say where the complainant can go instead.")
    if errors:
        raise ValidationError(errors)
    complaint.not_accepted_reason = reason.strip()
    complaint.refer_to = refer_to.strip()
    _move(complaint, to=S.NOT_ACCEPTED, by=by, reason=reason)
    return complaint


@transaction.atomic
def complaint_mediate(*, complaint: Complaint, by: User, note: str = "") -> Complaint:
    """Start mediating between the complainant and the other side."""
    complaint = _step(complaint, by)
    _move(complaint, to=S.MEDIATING, by=by, reason=note)
    return complaint


@transaction.atomic
def complaint_resolve(
    *,
    complaint: Complaint,
    by: User,
    outcome: str,
    recovered_amount: Decimal | None = None,
    recovered_people: int | None = None,
) -> Complaint:
    """Record what was done and what was recovered (wages, people paid)."""
    complaint = _step(complaint, by)
    errors = {}
    if not outcome.strip():
        errors["outcome"] = _("Please say what was done.")
    if recovered_amount is not None and recovered_amount < 0:
        errors["recovered_amount"] = _("The amount cannot be negative.")
    if recovered_amount and not recovered_people:
        errors["recovered_people"] = _("Please say how many people were paid.")
    if errors:
        raise ValidationError(errors)
    complaint.outcome = outcome.strip()
    complaint.recovered_amount = recovered_amount
    complaint.recovered_people = recovered_people
    _move(complaint, to=S.RESOLVED, by=by, reason=outcome)
    return complaint


@transaction.atomic
def complaint_transfer(*, complaint: Complaint, by: User, to: str, note: str = "") -> Complaint:
    """Send the case to labour inspection, arbitration, legal aid or the police."""
    complaint = _step(complaint, by)
    if to not in TransferTarget.values:
        raise ValidationError({"to": _("Choose where the case goes.")})
    complaint.transferred_to = to
    complaint.outcome = note.strip() or complaint.outcome
    label = TransferTarget(to).label
    _move(complaint, to=S.TRANSFERRED, by=by, reason=f"{label} {note.strip()}".strip())
    return complaint


@transaction.atomic
def complaint_close(*, complaint: Complaint, by: User, note: str = "") -> Complaint:
    """Close a resolved or transferred case; the complainant is then asked to rate it."""
    complaint = _step(complaint, by)
    _move(complaint, to=S.CLOSED, by=by, reason=note)
    facts.tell(facts.COMPLAINT_CLOSED, complaint=complaint, by=by)
    return complaint


@transaction.atomic
def complaint_hand_over(*, complaint: Complaint, by: User, to_user: User, reason: str) -> Complaint:
    """Hand the case to a colleague at the same station; logged, and the new owner answers for it."""
    _require_handler(complaint, by)
    complaint = _locked(complaint)
    if complaint.owner_id and complaint.owner_id != by.pk and not by.has_role(Role.COUNTY_ADMIN):
        raise ValidationError(_("Only the case owner or a county admin can hand it over."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    if not Station.objects.staffed_by(to_user).filter(pk=complaint.station_id).exists():
        raise ValidationError(
            {"to_user": _("Hand over to someone who works at the handling station.")}
        )
    if to_user.pk == complaint.owner_id:
        raise ValidationError({"to_user": _("They already own this case.")})
    previous = complaint.owner
    complaint.owner = to_user
    complaint.first_responder = complaint.first_responder or by
    complaint.save(update_fields=["owner", "first_responder"])
    _log(
        complaint,
        by,
        _("Handed over from %(old)s to %(new)s: %(reason)s")
        % {"old": previous or "—", "new": to_user, "reason": reason.strip()},
    )
    return complaint


@transaction.atomic
def complaint_reassign(
    *, complaint: Complaint, by: User, station: Station, reason: str
) -> Complaint:
    """A county admin sends a case to another station in service (its own has nobody, or it is
    the wrong place); the new station's first staff member to act becomes first responder."""
    if not by.has_role(Role.COUNTY_ADMIN):
        raise PermissionDenied(_("Only a county admin sends a case to another station."))
    _require_handler(complaint, by)
    complaint = _locked(complaint)
    errors = {}
    if complaint.is_done:
        raise ValidationError(_("This case is finished."))
    if not Station.objects.writable_by(by).in_service().filter(pk=station.pk).exists():
        errors["station"] = _("Choose a station in your region with staff in service.")
    elif station.pk == complaint.station_id:
        errors["station"] = _("The case is already at this station.")
    if not reason.strip():
        errors["reason"] = _("Please give a reason.")
    if errors:
        raise ValidationError(errors)
    previous = complaint.station
    complaint.station = station
    complaint.owner = None
    complaint.save(update_fields=["station", "owner"])
    _log(
        complaint,
        by,
        _("Sent from %(old)s to %(new)s: %(reason)s")
        % {"old": previous.name, "new": station.name, "reason": reason.strip()},
    )
    return complaint


@transaction.atomic
def complaint_rate(*, complaint: Complaint, score: int, comment: str = "") -> Complaint:
    """The complainant rates the handling (1–5) once the case is finished; once only."""
    complaint = _locked(complaint)
    if not complaint.is_done:
        raise ValidationError(_("You can rate the handling once the case is closed."))
    if complaint.rated_at is not None:
        raise ValidationError(_("You have already rated this case. Thank you."))
    if score not in (1, 2, 3, 4, 5):
        raise ValidationError({"score": _("Choose from 1 to 5.")})
    complaint.satisfaction = score
    complaint.satisfaction_comment = comment.strip()[:500]
    complaint.rated_at = timezone.now()
    complaint.full_clean()
    complaint.save()
    _log(complaint, None, _("Complainant rated the handling %(score)d/5.") % {"score": score})
    return complaint


@transaction.atomic
def complaint_suspend_employer(*, complaint: Complaint, by: User) -> Complaint:
    """A resolved fraud or unpaid-wage case suspends the employer, with the case as the reason."""
    from jobs.models import Employer
    from jobs.services import employer_suspend

    complaint = _step(complaint, by)
    employer = complaint.employer or (complaint.job.employer if complaint.job_id else None)
    if employer is None:
        raise ValidationError(_("This case names no employer in the system."))
    if not complaint.is_wage_or_fraud:
        raise ValidationError(_("Only unpaid-wage and fraud cases suspend an employer."))
    if complaint.status not in (S.RESOLVED, S.CLOSED):
        raise ValidationError(_("Suspend the employer once the case is resolved."))
    if complaint.employer_suspended_at is not None:
        raise ValidationError(_("The employer has already been suspended for this case."))
    reason = (
        Employer.SuspensionReason.UNPAID_WAGES
        if complaint.kind == Kind.UNPAID_WAGES
        else Employer.SuspensionReason.FRAUD
    )
    note = _("Complaint %(number)s") % {"number": complaint.number}
    employer_suspend(employer=employer, by=by, reason=reason, note=note)
    complaint.employer_suspended_at = timezone.now()
    complaint.save(update_fields=["employer_suspended_at"])
    _log(complaint, by, _("Employer %(employer)s suspended.") % {"employer": employer})
    _ledger(complaint, by, _("Employer %(employer)s suspended.") % {"employer": employer})
    return complaint


@transaction.atomic
def complaint_close_job(*, complaint: Complaint, by: User, reason: str) -> Complaint:
    """Take the reported job off the board while the complaint is looked into: an open job goes
    back to review (a reviewer decides whether it returns); a draft or pending one is closed."""
    from jobs.models import Job
    from jobs.services import job_close, job_hold_for_review

    complaint = _step(complaint, by)
    if not complaint.job_id:
        raise ValidationError(_("This case is not about a job in the system."))
    if complaint.job.status not in (
        Job.Status.OPEN,
        Job.Status.PENDING,
        Job.Status.FILLED,
        Job.Status.DRAFT,
    ):
        raise ValidationError(_("The job is no longer on the board."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    text = _("Complaint %(number)s: %(reason)s") % {
        "number": complaint.number,
        "reason": reason.strip(),
    }
    if complaint.job.status == Job.Status.OPEN:
        job_hold_for_review(job=complaint.job, by=by, reason=text)
    else:
        job_close(job=complaint.job, by=by, reason=text)
    _log(
        complaint,
        by,
        _("Job “%(job)s” taken off the board: %(reason)s")
        % {"job": complaint.job.title, "reason": reason.strip()},
    )
    _ledger(complaint, by, _("Reported job closed."))
    return complaint


# ---- working days ----


@transaction.atomic
def holiday_set(*, by: User, date, name: str, is_working_day: bool = False) -> Holiday:
    """Record a public holiday (or a weekend day worked in lieu); deadlines set from now on use it."""
    if not by.has_role(Role.COUNTY_ADMIN):
        raise PermissionDenied
    holiday = Holiday.objects.filter(date=date).first() or Holiday(date=date)
    holiday.name = name.strip()
    holiday.is_working_day = is_working_day
    holiday.full_clean()
    holiday.save()
    return holiday


@transaction.atomic
def holiday_remove(*, holiday: Holiday, by: User) -> None:
    """Remove a configured holiday."""
    if not by.has_role(Role.COUNTY_ADMIN):
        raise PermissionDenied
    holiday.delete()
