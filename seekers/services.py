"""Writes of the seeker register: registration, renewal, details, status, withdrawal, claim codes, import."""

from __future__ import annotations

import datetime
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket import crypto, facts, phone_codes
from gigmarket.masking import mask_id_number, mask_mobile, mask_name
from gigmarket.models import Industry, Occupation, User
from gigmarket.passwords import check_password_for, give_password
from gigmarket.services import transition
from gigmarket.tabular import ImportReport
from gigmarket.validators import (
    resident_id_birth_date,
    resident_id_gender,
    validate_mobile,
    validate_resident_id,
)
from seekers.models import (
    PRIVACY_NOTICE_VERSION,
    JobAlert,
    JobAlertConsent,
    JobAlertTarget,
    Seeker,
    SeekerTransition,
    SeekingPeriod,
    Skill,
    Weekday,
    last_day_of_month_after_next,
)
from seekers.querysets import resident_id_hash
from stations.models import ServiceRecord, Station
from stations.services import service_record_add, service_records_relabel

#: Characters of a claim code: no 0/O, 1/I/L, so it reads aloud and types without mistakes.
CLAIM_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CLAIM_CODE_LENGTH = 8
CLAIM_CODE_DAYS = 30

#: Fields of a seeker that the detail forms may change (the identity fields have their own rules).
DETAIL_FIELDS = (
    "name",
    "home_region",
    "address",
    "education",
    "household",
    "priority_groups",
    "primary_occupation",
    "intended_industry",
    "work_natures",
    "available_days",
    "available_slots",
    "min_daily_pay",
    "travel_km",
    "home_station",
)


class DuplicateSeeker(ValidationError):
    """The person is already in the register: carry the existing record so staff continue with it."""

    def __init__(self, existing: Seeker, field: str):
        self.existing = existing
        super().__init__(
            {
                field: _("This person is already registered (seeker number %(number)s).")
                % {"number": existing.number}
            },
            code="duplicate",
        )


@dataclass(frozen=True)
class Identity:
    """A mobile and resident ID number, normalised, with what the ID tells us."""

    mobile: str
    id_number: str
    id_hash: str
    gender: str
    birth_date: datetime.date | None


def check_identity(*, mobile: str, id_number: str = "") -> Identity:
    """Validate and normalise a mobile and an optional ID; every bad field is reported at once."""
    errors: dict[str, list] = {}
    normal_mobile = normal_id = ""
    try:
        normal_mobile = validate_mobile(mobile or "")
    except ValidationError as error:
        errors["mobile"] = error.messages
    if (id_number or "").strip():
        try:
            normal_id = validate_resident_id(id_number)
        except ValidationError as error:
            errors["id_number"] = error.messages
    if errors:
        raise ValidationError(errors)
    return Identity(
        mobile=normal_mobile,
        id_number=normal_id,
        id_hash=resident_id_hash(normal_id) if normal_id else "",
        gender=resident_id_gender(normal_id) if normal_id else "",
        birth_date=resident_id_birth_date(normal_id) if normal_id else None,
    )


def find_existing(identity: Identity, *, exclude: Seeker | None = None) -> DuplicateSeeker | None:
    """The duplicate error for a person already registered with this mobile or ID, if any."""
    if identity.id_hash:
        qs = Seeker.objects.filter(id_number_hash=identity.id_hash)
        if exclude is not None:
            qs = qs.exclude(pk=exclude.pk)
        found = qs.first()
        if found:
            return DuplicateSeeker(found, "id_number")
    qs = Seeker.objects.filter(mobile=identity.mobile)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    found = qs.first()
    return DuplicateSeeker(found, "mobile") if found else None


def _apply_identity(seeker: Seeker, identity: Identity) -> None:
    seeker.mobile = identity.mobile
    if identity.id_number:
        seeker.id_number_encrypted = crypto.encrypt(identity.id_number)
        seeker.id_number_hash = identity.id_hash
        seeker.id_number_masked = mask_id_number(identity.id_number)
        seeker.gender = identity.gender
        seeker.birth_date = identity.birth_date
    else:
        seeker.id_number_encrypted = seeker.id_number_hash = seeker.id_number_masked = ""


def _apply_details(seeker: Seeker, details: Mapping[str, Any]) -> list:
    """Set detail fields; return the other occupations to set after saving (a many-to-many)."""
    for field in DETAIL_FIELDS:
        if field in details:
            value = details[field]
            if field in ("priority_groups", "work_natures", "available_days", "available_slots"):
                value = sorted(set(value or []), key=list(value or []).index)
            if value is None and field in ("address", "education", "household"):
                value = ""
            setattr(seeker, field, value)
    if "gender" in details and not seeker.id_number_hash:
        seeker.gender = details["gender"] or ""
    if "birth_date" in details and not seeker.id_number_hash:
        seeker.birth_date = details["birth_date"]
    return list(details.get("other_occupations") or [])


def _label(seeker: Seeker) -> str:
    """A ledger label that is safe to show anywhere (masked)."""
    return f"{seeker.number} {mask_name(seeker.name)} {mask_mobile(seeker.mobile or '')}".strip()


def _local_date(at: datetime.datetime | None) -> datetime.date:
    return timezone.localdate(at) if at is not None else timezone.localdate()


def _open_period(
    *,
    seeker: Seeker,
    by: User | None,
    kind: str,
    on: datetime.date,
    station: Station | None,
    primary_occupation: Occupation,
    intended_industry: Industry | None,
) -> SeekingPeriod:
    """Open a seeking period on ``on``; a still-running earlier period ends that day (renewed)."""
    for running in seeker.periods.running(on).filter(start__lt=on):
        running.ended_on = on
        running.end_reason = SeekingPeriod.EndReason.RENEWED
        running.full_clean()
        running.save(update_fields=["ended_on", "end_reason"])
    period = SeekingPeriod(
        seeker=seeker,
        kind=kind,
        start=on,
        end=last_day_of_month_after_next(on),
        station=station,
        primary_occupation=primary_occupation,
        intended_industry=intended_industry,
        created_by=by,
    )
    period.full_clean()
    period.save()
    return period


def _save_new_seeker(seeker: Seeker, identity: Identity) -> None:
    """Insert a new seeker; someone registered with the same mobile or ID meanwhile (a double
    submission, two windows at once) is the same ``DuplicateSeeker`` as one registered before."""
    try:
        seeker.full_clean()
        with transaction.atomic():
            seeker.save()
    except (ValidationError, IntegrityError):
        duplicate = find_existing(identity)
        if duplicate is not None:
            raise duplicate from None
        raise


@transaction.atomic
def seeker_register(
    *,
    by: User | None,
    name: str,
    mobile: str,
    primary_occupation: Occupation,
    channel: str,
    station: Station | None = None,
    id_number: str = "",
    details: Mapping[str, Any] | None = None,
    skills: Iterable[Mapping[str, Any]] = (),
    user: User | None = None,
    registered_at: datetime.datetime | None = None,
) -> Seeker:
    """Register a new person and open their first seeking period; raises ``DuplicateSeeker`` if known.

    A staff registration writes a REGISTRATION entry in the station's service ledger. The person
    has agreed to the privacy notice (the form asks; the version and time are kept).
    """
    identity = check_identity(mobile=mobile, id_number=id_number)
    duplicate = find_existing(identity)
    if duplicate is not None:
        raise duplicate
    details = dict(details or {})
    details.setdefault("home_station", station)
    seeker = Seeker(
        name=(name or "").strip(),
        channel=channel,
        registered_by=by if by and by.is_authenticated else None,
        primary_occupation=primary_occupation,
        user=user,
        consent_version=PRIVACY_NOTICE_VERSION,
        consent_at=timezone.now(),
    )
    if registered_at is not None:
        seeker.registered_at = registered_at
    _apply_identity(seeker, identity)
    others = _apply_details(seeker, details)
    seeker.primary_occupation = primary_occupation
    _save_new_seeker(seeker, identity)
    seeker.number = f"{_local_date(seeker.registered_at):%Y}{seeker.pk:06d}"
    seeker.save(update_fields=["number"])
    if others:
        seeker.other_occupations.set(others)
    _set_skills(seeker, skills)
    _open_period(
        seeker=seeker,
        by=by,
        kind=SeekingPeriod.Kind.REGISTRATION,
        on=_local_date(registered_at),
        station=station,
        primary_occupation=primary_occupation,
        intended_industry=details.get("intended_industry"),
    )
    if station is not None and channel == Seeker.Channel.WALK_IN:
        service_record_add(
            station=station,
            by=by,
            kind=ServiceRecord.Kind.REGISTRATION,
            subject=seeker,
            subject_label=_label(seeker),
            note=_("Seeker registered"),
            at=registered_at,
        )
    return seeker


def _set_skills(seeker: Seeker, skills: Iterable[Mapping[str, Any]]) -> None:
    for data in skills:
        if not data or not data.get("occupation"):
            continue
        skill = Skill(
            seeker=seeker,
            occupation=data["occupation"],
            level=data.get("level") or "",
            certificate_number=(data.get("certificate_number") or "").strip(),
            years=data.get("years") or 0,
        )
        skill.full_clean()
        skill.save()


@transaction.atomic
def seeker_skills_set(
    *, seeker: Seeker, by: User | None, skills: Iterable[Mapping[str, Any]]
) -> Seeker:
    """Replace a seeker's skills with ``skills`` (occupation, level, certificate number, years)."""
    seeker.skills.all().delete()
    _set_skills(seeker, skills)
    return seeker


@transaction.atomic
def seeker_update(
    *,
    seeker: Seeker,
    by: User | None,
    details: Mapping[str, Any],
    mobile: str | None = None,
    id_number: str | None = None,
) -> Seeker:
    """Correct a seeker's details (by staff of the home station, or by the seeker themself).

    ``id_number`` None leaves the stored number alone; "" erases it; a new one is validated,
    checked against the register and stored encrypted.
    """
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.is_withdrawn:
        raise ValidationError(_("This record has been withdrawn and can no longer be changed."))
    current_id = seeker.id_number if seeker.id_number_encrypted else ""
    identity = check_identity(
        mobile=seeker.mobile if mobile is None else mobile,
        id_number=current_id if id_number is None else id_number,
    )
    duplicate = find_existing(identity, exclude=seeker)
    if duplicate is not None:
        raise duplicate
    _apply_identity(seeker, identity)
    others = _apply_details(seeker, details)
    seeker.full_clean()
    seeker.save()
    if "other_occupations" in details:
        seeker.other_occupations.set(others)
    if seeker.user_id and seeker.user.phone != seeker.mobile:
        seeker.user.phone = seeker.mobile
        seeker.user.full_clean()
        seeker.user.save(update_fields=["phone"])
    return seeker


@transaction.atomic
def seeker_renew(
    *,
    seeker: Seeker,
    by: User | None,
    station: Station | None = None,
    primary_occupation: Occupation | None = None,
    intended_industry: Industry | None = None,
    on: datetime.date | None = None,
) -> SeekingPeriod:
    """Renew a seeker's registration (staff re-registering a returning person, or the person online).

    Opens a new seeking period (at most one per day), puts the seeker back to "seeking", and, when
    staff do it, writes a REGISTRATION entry in their station's ledger.
    """
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.is_withdrawn:
        raise ValidationError(
            _("This record has been withdrawn; register the person again instead.")
        )
    on = on or timezone.localdate()
    occupation = primary_occupation or seeker.primary_occupation
    if occupation is None:
        raise ValidationError({"primary_occupation": _("Choose the main kind of work wanted.")})
    if seeker.status != Seeker.Status.SEEKING:
        transition(
            obj=seeker,
            to=Seeker.Status.SEEKING,
            by=by,
            allowed=Seeker.TRANSITIONS,
            log_model=SeekerTransition,
            log_fk="seeker",
            reason=_("Renewed registration"),
        )
    if primary_occupation is not None and seeker.primary_occupation_id != primary_occupation.pk:
        seeker.primary_occupation = primary_occupation
        seeker.save(update_fields=["primary_occupation", "updated_at"])
    if station is not None and seeker.home_station_id is None:
        # Someone who registered online is adopted by the first station that serves them.
        seeker.home_station = station
        seeker.save(update_fields=["home_station", "updated_at"])
    if intended_industry is not None and seeker.intended_industry_id != intended_industry.pk:
        seeker.intended_industry = intended_industry
        seeker.save(update_fields=["intended_industry", "updated_at"])
    today = seeker.periods.filter(start=on).first()
    if today is not None:
        return today
    period = _open_period(
        seeker=seeker,
        by=by,
        kind=SeekingPeriod.Kind.RENEWAL,
        on=on,
        station=station,
        primary_occupation=occupation,
        intended_industry=intended_industry
        if intended_industry is not None
        else seeker.intended_industry,
    )
    if station is not None:
        # A renewal dated in the past (an imported spreadsheet) goes in the ledger on its own day.
        at = (
            None
            if on == timezone.localdate()
            else timezone.make_aware(datetime.datetime.combine(on, datetime.time(9, 0)))
        )
        service_record_add(
            station=station,
            by=by,
            kind=ServiceRecord.Kind.REGISTRATION,
            subject=seeker,
            subject_label=_label(seeker),
            note=_("Registration renewed"),
            at=at,
        )
    return period


@transaction.atomic
def seeker_set_status(
    *, seeker: Seeker, to: str, by: User | None, reason: str = "", long_term: bool = False
) -> Seeker:
    """Change a seeker's status (seeking, working, paused), logged; long-term work ends the period.

    Back to "seeking" with no period running (after long-term work, or a pause that outlasted the
    period) starts a new seeking period: the person is an applicant again from today.
    """
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    transition(
        obj=seeker,
        to=to,
        by=by,
        allowed=Seeker.TRANSITIONS,
        log_model=SeekerTransition,
        log_fk="seeker",
        reason=reason,
    )
    today = timezone.localdate()
    if to == Seeker.Status.WORKING and long_term:
        _end_periods(seeker, SeekingPeriod.EndReason.PLACED)
    elif to == Seeker.Status.SEEKING and not seeker.periods.running(today).exists():
        if seeker.primary_occupation is None:
            raise ValidationError({"primary_occupation": _("Choose the main kind of work wanted.")})
        _open_period(
            seeker=seeker,
            by=by,
            kind=SeekingPeriod.Kind.RENEWAL,
            on=today,
            station=seeker.home_station,
            primary_occupation=seeker.primary_occupation,
            intended_industry=seeker.intended_industry,
        )
    return seeker


def _end_periods(seeker: Seeker, reason: str) -> None:
    today = timezone.localdate()
    for period in seeker.periods.running(today):
        period.ended_on = today
        period.end_reason = reason
        period.full_clean()
        period.save(update_fields=["ended_on", "end_reason"])


@transaction.atomic
def seeker_withdraw(*, seeker: Seeker, by: User | None, reason: str = "") -> Seeker:
    """Withdraw a seeker at their request: end the period, erase name, mobile, ID and address.

    The record and its seeking periods stay (anonymised) so past months' counts do not change;
    the online account is closed.
    """
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.is_withdrawn:
        return seeker
    seeker.status, previous = Seeker.Status.WITHDRAWN, seeker.status
    _end_periods(seeker, SeekingPeriod.EndReason.WITHDRAWN)
    seeker.name = _("(withdrawn)")
    seeker.mobile = None
    seeker.id_number_encrypted = seeker.id_number_hash = seeker.id_number_masked = ""
    seeker.address = ""
    seeker.birth_date = None
    seeker.claim_code_hash, seeker.claim_code_expires = "", None
    seeker.withdrawn_at = timezone.now()
    seeker.skills.update(certificate_number="")
    account = seeker.user
    seeker.user = None
    seeker.full_clean()
    seeker.save()
    service_records_relabel(subject=seeker, label=seeker.number)
    SeekerTransition.objects.create(
        seeker=seeker,
        by=by if by and by.pk else None,
        from_state=previous,
        to_state=Seeker.Status.WITHDRAWN,
        reason=reason.strip(),
    )
    # The apps above (jobs, training) free what the person held and take the name off their records.
    facts.tell(facts.SEEKER_WITHDRAWN, seeker=seeker, by=by if by and by.pk else None)
    if account is not None:
        account.phone = None
        account.username = f"withdrawn-{uuid.uuid4().hex[:12]}"
        account.display_name = account.first_name = account.last_name = account.email = ""
        account.is_active = False
        account.set_unusable_password()
        account.save()
    return seeker


def _claim_hash(code: str) -> str:
    return crypto.lookup_hash(code.strip().upper(), purpose="claim_code")


@transaction.atomic
def claim_code_issue(*, seeker: Seeker, by: User | None) -> str:
    """Issue a one-time code (shown once on the slip) that lets a walk-in claim an online account,
    or, for a person who already has one and forgot the password, set a new password (staff check
    who they are at the desk first: there is no SMS code).

    Only its keyed hash is stored; a new code replaces the old one.
    """
    if seeker.is_withdrawn:
        raise ValidationError(_("This registration has been withdrawn."))
    code = "".join(secrets.choice(CLAIM_ALPHABET) for _i in range(CLAIM_CODE_LENGTH))
    seeker.claim_code_hash = _claim_hash(code)
    seeker.claim_code_expires = timezone.now() + datetime.timedelta(days=CLAIM_CODE_DAYS)
    seeker.save(update_fields=["claim_code_hash", "claim_code_expires", "updated_at"])
    return code


def _new_seeker_user(
    *, mobile: str, name: str, password: str = "", password_hash: str = ""
) -> User:
    user = User(
        username=f"s-{uuid.uuid4().hex[:12]}",
        kind=User.Kind.SEEKER,
        phone=mobile,
        display_name=name,
    )
    give_password(user, password=password, password_hash=password_hash)
    user.full_clean()
    user.save()
    return user


@dataclass(frozen=True)
class PendingRegistration:
    """Step one of a self-registration: what was typed (the password only as a hash) and the
    hash of the code texted to the mobile; empty when the number was already registered."""

    mobile: str
    password_hash: str
    code_hash: str


def self_registration_begin(
    *, name: str, mobile: str, password: str, client: str = ""
) -> PendingRegistration:
    """Step one of registering on a phone: check what was typed and text the mobile.

    What the visitor sees next is the same whether or not the number is in the register (so the
    page never tells a stranger who is registered): a new number gets a code to finish with; a
    registered one gets, by text to that number only, the way to log in or open the account
    (the slip's code, or any station). A number is sent at most a few texts an hour.
    """
    identity = check_identity(mobile=mobile)
    check_password_for(
        password, User(kind=User.Kind.SEEKER, phone=identity.mobile, display_name=name)
    )
    known = (
        find_existing(identity) is not None or User.objects.filter(phone=identity.mobile).exists()
    )
    code_hash = phone_codes.text_code(
        mobile=identity.mobile,
        purpose="seeker",
        known=known,
        known_text=_(
            "%(site)s: this number is already registered. Log in with it. If you registered at a "
            "station, open your account with the code on your slip, or ask any station."
        )
        % {"site": settings.SITE_NAME},
        code_text=_(
            "%(site)s: your registration code is %(code)s, valid for %(minutes)d minutes. "
            "Do not give it to anyone."
        )
        % {"site": settings.SITE_NAME, "code": "%(code)s", "minutes": phone_codes.CODE_MINUTES},
        client=client,
    )
    return PendingRegistration(
        mobile=identity.mobile, password_hash=make_password(password), code_hash=code_hash
    )


@transaction.atomic
def seeker_claim_account(*, mobile: str, code: str, password: str) -> User:
    """Create the online account of a walk-in seeker who brings their mobile and slip code; if the
    account exists already (a forgotten password), the code sets its new password instead."""
    wrong = ValidationError(
        {"code": _("The mobile number or the code is wrong, or the code has expired.")}
    )
    try:
        normal = validate_mobile(mobile)
    except ValidationError as error:
        raise ValidationError({"mobile": error.messages}) from error
    seeker = Seeker.objects.not_withdrawn().select_for_update().filter(mobile=normal).first()
    if (
        seeker is None
        or not seeker.claim_code_hash
        or seeker.claim_code_expires is None
        or seeker.claim_code_expires < timezone.now()
        or not any(  # under any listed key: a code issued before a key rotation still works
            secrets.compare_digest(seeker.claim_code_hash, candidate)
            for candidate in crypto.lookup_hashes(
                (code or "").strip().upper(), purpose="claim_code"
            )
        )
    ):
        raise wrong
    if seeker.user_id:
        user = seeker.user
        check_password_for(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        seeker.claim_code_hash, seeker.claim_code_expires = "", None
        seeker.save(update_fields=["claim_code_hash", "claim_code_expires", "updated_at"])
        return user
    if User.objects.filter(phone=normal).exists():
        raise ValidationError({"mobile": _("Another account already uses this mobile number.")})
    user = _new_seeker_user(mobile=normal, name=seeker.name, password=password)
    seeker.user = user
    seeker.claim_code_hash, seeker.claim_code_expires = "", None
    seeker.save(update_fields=["user", "claim_code_hash", "claim_code_expires", "updated_at"])
    return user


@transaction.atomic
def seeker_self_register(
    *,
    name: str,
    mobile: str,
    password: str = "",
    primary_occupation: Occupation,
    home_station: Station | None = None,
    password_hash: str = "",
) -> Seeker:
    """A person registers themself on a phone: an online account and a seeker record, one period.

    The web page calls it only after the code texted by ``self_registration_begin`` came back, so
    the messages below reach the owner of the number (who may see that it is registered).
    """
    identity = check_identity(mobile=mobile)
    duplicate = find_existing(identity)
    if duplicate is not None:
        raise ValidationError(
            {
                "mobile": _(
                    "This mobile number is already registered. If you registered at a station, use the code "
                    "on your registration slip to open your account; otherwise log in."
                )
            }
        )
    if User.objects.filter(phone=identity.mobile).exists():
        raise ValidationError({"mobile": _("Another account already uses this mobile number.")})
    user = _new_seeker_user(
        mobile=identity.mobile, name=name, password=password, password_hash=password_hash
    )
    return seeker_register(
        by=user,
        name=name,
        mobile=identity.mobile,
        primary_occupation=primary_occupation,
        channel=Seeker.Channel.SELF,
        station=None,
        details={"home_station": home_station},
        user=user,
    )


@transaction.atomic
def seeker_contact_record(
    *, seeker: Seeker, station: Station, by: User, note: str
) -> ServiceRecord:
    """Record a one-to-one follow-up with a priority-group seeker in the station's ledger."""
    if not (note or "").strip():
        raise ValidationError({"note": _("Say what was discussed.")})
    return service_record_add(
        station=station,
        by=by,
        kind=ServiceRecord.Kind.FOLLOW_UP,
        subject=seeker,
        subject_label=_label(seeker),
        note=note.strip(),
    )


# ---- import from a spreadsheet ----

IMPORT_COLUMNS = (
    "name",
    "mobile",
    "id_number",
    "registered_on",
    "primary_occupation",
    "intended_industry",
    "station_code",
    "priority_groups",
    "education",
    "household",
    "address",
)


def _parse_date(raw: str) -> datetime.date:
    raw = (raw or "").strip().replace("/", "-").replace(".", "-")
    try:
        day = datetime.date.fromisoformat(raw[:10])
    except ValueError as error:
        raise ValidationError(
            _("Registration date “%(value)s” is not a date like 2026-05-15.") % {"value": raw}
        ) from error
    if day > timezone.localdate():
        raise ValidationError(_("Registration date “%(value)s” is in the future.") % {"value": raw})
    return day


@transaction.atomic
def seeker_import(
    *, rows: Iterable[tuple[int, Mapping[str, str]]], by: User | None = None, dry_run: bool = False
) -> ImportReport:
    """Import seekers from spreadsheet rows (columns: ``IMPORT_COLUMNS``); idempotent by mobile/ID.

    A known person is left alone unless the row's registration date is later than their latest
    period's start, in which case that is a renewal. Historical dates are kept, so past months count.
    """
    from seekers.models import PriorityGroup

    report = ImportReport()
    occupations = {o.code: o for o in Occupation.objects.kinds()} | {
        o.name: o for o in Occupation.objects.kinds()
    }
    industries = {i.code: i for i in Industry.objects.all()} | {
        i.name: i for i in Industry.objects.all()
    }
    groups = {str(label): value for value, label in PriorityGroup.choices} | {
        v: v for v in PriorityGroup.values
    }
    for line, row in rows:
        with report.row(line):
            identity = check_identity(
                mobile=row.get("mobile", ""), id_number=row.get("id_number", "")
            )
            on = _parse_date(row.get("registered_on", ""))
            occupation = occupations.get((row.get("primary_occupation") or "").strip())
            if occupation is None:
                raise ValidationError(
                    _("Unknown kind of work “%(value)s”.")
                    % {"value": row.get("primary_occupation", "")}
                )
            industry_raw = (row.get("intended_industry") or "").strip()
            industry = industries.get(industry_raw) if industry_raw else None
            if industry_raw and industry is None:
                raise ValidationError(_("Unknown industry “%(value)s”.") % {"value": industry_raw})
            station_code = (row.get("station_code") or "").strip()
            station = Station.objects.filter(code=station_code).first() if station_code else None
            if station_code and station is None:
                raise ValidationError(
                    _("Unknown station code “%(value)s”.") % {"value": station_code}
                )
            wanted = [
                g.strip()
                for g in (row.get("priority_groups") or "")
                .replace("，", ",")
                .replace("、", ",")
                .split(",")
                if g.strip()
            ]
            unknown = [g for g in wanted if g not in groups]
            if unknown:
                raise ValidationError(
                    _("Unknown priority group “%(value)s”.") % {"value": "、".join(unknown)}
                )
            existing = find_existing(identity)
            if existing is not None:
                seeker = existing.existing
                latest = seeker.periods.latest_first().first()
                if latest is None or on > latest.start:
                    seeker_renew(
                        seeker=seeker,
                        by=by,
                        station=station,
                        primary_occupation=occupation,
                        intended_industry=industry,
                        on=on,
                    )
                    report.updated += 1
                else:
                    report.unchanged += 1
                continue
            at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(9, 0)))
            details = {
                "priority_groups": [groups[g] for g in wanted],
                "education": _choice(row.get("education"), Seeker.Education),
                "household": _choice(row.get("household"), Seeker.Household),
                "address": (row.get("address") or "").strip(),
                "intended_industry": industry,
            }
            seeker_register(
                by=by,
                name=row.get("name", ""),
                mobile=identity.mobile,
                id_number=identity.id_number,
                primary_occupation=occupation,
                channel=Seeker.Channel.IMPORT,
                station=station,
                details=details,
                registered_at=at,
            )
            report.created += 1
    if dry_run:
        transaction.set_rollback(True)
    return report


def _choice(raw: str | None, choices) -> str:
    raw = (raw or "").strip()
    if not raw:
        return ""
    for value, label in choices.choices:
        if raw in (value, str(label)):
            return value
    raise ValidationError(
        _("“%(value)s” is not one of: %(options)s.")
        % {"value": raw, "options": "、".join(str(label) for _v, label in choices.choices)}
    )


# ---- job alerts and reminders ----


def intent_occupations(seeker: Seeker):
    """The kinds of work a seeker registered (main, others, skills): what alerts may name."""
    ids = {seeker.primary_occupation_id} if seeker.primary_occupation_id else set()
    ids |= set(seeker.other_occupations.values_list("pk", flat=True))
    ids |= set(seeker.skills.values_list("occupation_id", flat=True))
    return Occupation.objects.filter(pk__in=ids).order_by("code")


@transaction.atomic
def job_alert_set(
    *,
    seeker: Seeker,
    by: User | None,
    how: str,
    active: bool,
    occupations: Iterable[Occupation] = (),
    townships: Iterable = (),
    min_daily_pay=None,
    days: Iterable[str] = (),
    at_once: bool = False,
) -> JobAlert:
    """Switch a seeker's job alerts on (with what they want), change them, or switch them off,
    and record the consent: who, when, how (their own page, or staff at the window)."""
    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.is_withdrawn:
        raise ValidationError(_("This record has been withdrawn."))
    occupations, townships = list(occupations), list(townships)
    if active:
        allowed = set(intent_occupations(seeker).values_list("pk", flat=True))
        if not occupations:
            raise ValidationError({"occupations": _("Choose at least one kind of work.")})
        if any(o.pk not in allowed for o in occupations):
            raise ValidationError(
                {"occupations": _("Choose among the kinds of work in the registration.")}
            )
        if not seeker.mobile:
            raise ValidationError(
                _("Alerts are sent by text message: record a mobile number first.")
            )
    alert, _created = JobAlert.objects.get_or_create(seeker=seeker)
    alert.active = active
    alert.min_daily_pay = min_daily_pay if active else alert.min_daily_pay
    alert.days = sorted(set(days), key=[d.value for d in Weekday].index) if active else alert.days
    alert.at_once = bool(at_once) if active else alert.at_once
    alert.updated_at = timezone.now()
    if active:
        alert.any_township = not townships
    alert.save()
    alert.targets.all().delete()
    if active:
        alert.occupations.set(occupations)
        alert.townships.set(townships)
        JobAlertTarget.objects.bulk_create(
            JobAlertTarget(
                alert=alert,
                occupation=occupation,
                township=township,
                seeker=seeker,
                min_daily_pay=alert.min_daily_pay,
                days=alert.days,
                at_once=alert.at_once,
            )
            for occupation in occupations
            for township in (townships or [None])
        )
    summary = ""
    if active:
        parts = ["、".join(o.name for o in occupations)]
        parts.append("、".join(t.name for t in townships) or str(_("anywhere in the county")))
        if min_daily_pay:
            parts.append(_("at least %(pay)s yuan a day") % {"pay": min_daily_pay})
        if at_once:
            parts.append(str(_("same-day jobs at once")))
        summary = "；".join(str(p) for p in parts)[:300]
    JobAlertConsent.objects.create(seeker=seeker, by=by, how=how, active=active, summary=summary)
    return alert


#: Days before a seeking period ends that the reminder goes.
PERIOD_REMINDER_DAYS = 7


def period_reminders_send(*, today: datetime.date | None = None) -> int:
    """Text each seeker whose seeking period ends in ``PERIOD_REMINDER_DAYS`` days (one message
    per period; the daily beat task ``seekers.tasks.remind_period_ending``). Returns how many."""
    from gigmarket import notify

    today = today or timezone.localdate()
    due = today + datetime.timedelta(days=PERIOD_REMINDER_DAYS)
    periods = (
        SeekingPeriod.objects.filter(end=due, ended_on__isnull=True)
        .exclude(seeker__status=Seeker.Status.WITHDRAWN)
        .exclude(seeker__mobile="")
        .select_related("seeker")
    )
    written = 0
    for period in periods.iterator():
        seeker = period.seeker
        if seeker.periods.filter(start__gt=period.start).exists():
            continue  # already renewed
        notify.enqueue(
            key=f"seeker-period-ending:{period.pk}",
            kind="seeker_period_ending",
            to=seeker.mobile,
            recipient=seeker.user_id,
            variables={
                "end": period.end.isoformat(),
                "link": notify.site_link("/seekers/me/renew/"),
            },
            about=notify.about(seeker),
        )
        written += 1
    return written
