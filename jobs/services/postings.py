"""Writes of the jobs app: employers, job orders and every change of a job's status.

Views, commands and imports all come through here; each status change is logged (JobTransition).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket import phone_codes
from gigmarket.logging import scrub
from gigmarket.models import Industry, Region, User
from gigmarket.passwords import check_password_for, give_password
from gigmarket.roles import OPERATING_ROLES
from gigmarket.services import transition
from gigmarket.validators import validate_credit_code, validate_mobile
from jobs import checker
from jobs.insurance import parse_insurance
from jobs.models import Employer, EmployerLog, Job, JobTransition, PostingRule
from stations.models import ServiceRecord, Station
from stations.services import service_record_add

S = Job.Status

#: The job lifecycle: draft → pending → open → filled | closed | expired; pending → rejected.
ALLOWED = {
    S.DRAFT: [S.PENDING, S.CLOSED],
    S.PENDING: [S.OPEN, S.REJECTED, S.CLOSED],
    S.REJECTED: [S.PENDING, S.CLOSED],
    S.OPEN: [S.FILLED, S.CLOSED, S.EXPIRED, S.PENDING],
    S.FILLED: [S.OPEN, S.CLOSED, S.EXPIRED],
    S.CLOSED: [],
    S.EXPIRED: [],
}
ENDED = {S.FILLED, S.CLOSED, S.EXPIRED}

#: Fields whose change on an open job is not "substance" (it stays open without a new review).
NON_SUBSTANCE_FIELDS = frozenset(
    {"valid_through", "headcount", "contact_person", "station", "collected_by"}
)

EMPLOYER_FIELDS = (
    "kind",
    "name",
    "credit_code",
    "contact_name",
    "contact_mobile",
    "region",
    "address",
    "industry",
)


# ---- employers ----


def _is_operator(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*OPERATING_ROLES))


def _clean_identity(
    *, kind: str, credit_code: str, contact_mobile: str, by_staff: bool, override_reason: str
) -> tuple[str, str, str]:
    """Normalised credit code and mobile; the reason kept when staff accept a failing check."""
    errors: dict[str, list[str]] = {}
    try:
        contact_mobile = validate_mobile(contact_mobile)
    except ValidationError as error:
        errors["contact_mobile"] = error.messages
    override = ""
    if credit_code or kind == Employer.Kind.ENTERPRISE:
        if not credit_code:
            errors["credit_code"] = [_("An enterprise needs its unified social credit code.")]
        else:
            try:
                credit_code = validate_credit_code(credit_code)
            except ValidationError as error:
                if error.code == "credit_check" and by_staff and override_reason.strip():
                    credit_code = validate_credit_code(credit_code, allow_bad_check=True)
                    override = override_reason.strip()
                elif error.code == "credit_check" and by_staff:
                    errors["credit_code"] = error.messages + [
                        _(
                            "If the code is right as printed on the licence, give the reason to accept it."
                        )
                    ]
                else:
                    errors["credit_code"] = error.messages
    if errors:
        raise ValidationError(errors)
    return credit_code, contact_mobile, override


def _refuse_duplicates(*, credit_code: str, mobile: str, exclude: int | None = None) -> None:
    match = Employer.objects.matching(credit_code=credit_code, mobile=mobile)
    if exclude:
        match = match.exclude(pk=exclude)
    if credit_code and match.filter(credit_code=credit_code).exists():
        raise ValidationError(
            {"credit_code": _("An employer with this credit code is already registered.")},
            code="duplicate",
        )
    if match.exists():
        raise ValidationError(
            {"contact_mobile": _("An employer with this mobile number is already registered.")},
            code="duplicate",
        )


@transaction.atomic
def employer_create(
    *,
    by: User,
    kind: str,
    name: str,
    contact_name: str,
    contact_mobile: str,
    region: Region,
    credit_code: str = "",
    address: str = "",
    industry=None,
    station: Station | None = None,
    credit_code_override: str = "",
    allow_same_mobile: bool = False,
) -> Employer:
    """Staff register an employer; a second record with the same credit code is refused, one with
    the same mobile only when ``allow_same_mobile`` (staff saw the match and confirmed)."""
    credit_code, contact_mobile, override = _clean_identity(
        kind=kind,
        credit_code=credit_code,
        contact_mobile=contact_mobile,
        by_staff=_is_operator(by),
        override_reason=credit_code_override,
    )
    if credit_code and Employer.objects.filter(credit_code=credit_code).exists():
        raise ValidationError(
            {"credit_code": _("An employer with this credit code is already registered.")},
            code="duplicate",
        )
    if not allow_same_mobile and Employer.objects.filter(contact_mobile=contact_mobile).exists():
        raise ValidationError(
            {"contact_mobile": _("An employer with this mobile number is already registered.")},
            code="duplicate",
        )
    employer = Employer(
        kind=kind,
        name=name.strip(),
        credit_code=credit_code,
        credit_code_override=override,
        contact_name=contact_name.strip(),
        contact_mobile=contact_mobile,
        region=region,
        address=address,
        industry=industry,
        station=station,
        created_by=by,
    )
    _save_new_employer(employer)
    return employer


def _save_new_employer(employer: Employer) -> None:
    """Insert a new employer; one registered meanwhile with the same credit code (two windows at
    once, a double submission) gets the same message as one registered before, not a 500."""
    try:
        employer.full_clean()
        with transaction.atomic():
            employer.save()
    except (ValidationError, IntegrityError):
        if (
            employer.credit_code
            and Employer.objects.filter(credit_code=employer.credit_code).exists()
        ):
            raise ValidationError(
                {"credit_code": _("An employer with this credit code is already registered.")},
                code="duplicate",
            ) from None
        raise


def employer_registration_begin(
    *, kind: str, name: str, mobile: str, password: str, credit_code: str = "", client: str = ""
) -> tuple[str, str, str, str]:
    """Step one of an employer registering online: check what was typed and text the mobile.

    Returns (credit code, mobile, password hash, code hash), normalised. A registered credit code
    (public business information) is refused at the field; whether the *mobile* is registered is
    never shown on the page: a known number is texted how to log in, a new one a code to finish
    with (``gigmarket.phone_codes``), and the next page is the same either way.
    """
    credit_code, mobile, _override = _clean_identity(
        kind=kind,
        credit_code=credit_code,
        contact_mobile=mobile,
        by_staff=False,
        override_reason="",
    )
    if credit_code and Employer.objects.filter(credit_code=credit_code).exists():
        raise ValidationError(
            {"credit_code": _("An employer with this credit code is already registered.")},
            code="duplicate",
        )
    check_password_for(
        password, User(username=mobile, phone=mobile, kind=User.Kind.EMPLOYER, display_name=name)
    )
    known = (
        Employer.objects.filter(contact_mobile=mobile).exists()
        or User.objects.filter(Q(phone=mobile) | Q(username=mobile)).exists()
    )
    code_hash = phone_codes.text_code(
        mobile=mobile,
        purpose="employer",
        known=known,
        known_text=_(
            "%(site)s: this number is already registered. Log in with it; if you forgot the "
            "password, a station can reset it."
        )
        % {"site": settings.SITE_NAME},
        code_text=_(
            "%(site)s: your registration code is %(code)s, valid for %(minutes)d minutes. "
            "Do not give it to anyone."
        )
        % {"site": settings.SITE_NAME, "code": "%(code)s", "minutes": phone_codes.CODE_MINUTES},
        client=client,
    )
    return credit_code, mobile, make_password(password), code_hash


@transaction.atomic
def employer_register(
    *,
    kind: str,
    name: str,
    contact_name: str,
    mobile: str,
    region: Region,
    password: str = "",
    password_hash: str = "",
    credit_code: str = "",
    address: str = "",
    industry=None,
) -> Employer:
    """An employer registers itself online: an unverified Employer and a login (mobile + password).

    The public may not override a failing credit-code check; a known mobile or code is refused.
    The web page calls it only after the texted code came back (``employer_registration_begin``),
    with the password as hashed then; the messages below reach the holder of the number.
    """
    credit_code, mobile, _override = _clean_identity(
        kind=kind,
        credit_code=credit_code,
        contact_mobile=mobile,
        by_staff=False,
        override_reason="",
    )
    _refuse_duplicates(credit_code=credit_code, mobile=mobile)
    if User.objects.filter(phone=mobile).exists() or User.objects.filter(username=mobile).exists():
        raise ValidationError(
            {"contact_mobile": _("This mobile number already has an account; please log in.")},
            code="duplicate",
        )
    user = User(username=mobile, phone=mobile, kind=User.Kind.EMPLOYER, display_name=name.strip())
    give_password(user, password=password, password_hash=password_hash)
    user.full_clean()
    user.save()
    employer = Employer(
        kind=kind,
        name=name.strip(),
        credit_code=credit_code,
        contact_name=contact_name.strip(),
        contact_mobile=mobile,
        region=region,
        address=address,
        industry=industry,
        user=user,
        created_by=user,
    )
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def employer_update(
    *, employer: Employer, by: User, data: Mapping[str, Any], credit_code_override: str = ""
) -> Employer:
    """Change an employer's details (staff or the employer itself); identity rules as on creation."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    fields = {k: v for k, v in data.items() if k in EMPLOYER_FIELDS}
    for key, value in fields.items():
        setattr(employer, key, value)
    employer.credit_code, employer.contact_mobile, override = _clean_identity(
        kind=employer.kind,
        credit_code=employer.credit_code or "",
        contact_mobile=employer.contact_mobile,
        by_staff=_is_operator(by),
        override_reason=credit_code_override,
    )
    if override:
        employer.credit_code_override = override
    if (
        employer.credit_code
        and Employer.objects.filter(credit_code=employer.credit_code)
        .exclude(pk=employer.pk)
        .exists()
    ):
        raise ValidationError(
            {"credit_code": _("An employer with this credit code is already registered.")}
        )
    employer.full_clean()
    employer.save()
    return employer


@transaction.atomic
def employer_verify(*, employer: Employer, by: User) -> Employer:
    """Staff confirm they checked the employer (licence, identity, place)."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    was = "verified" if employer.verified_at else "unverified"
    employer.verified_by = by
    employer.verified_at = timezone.now()
    employer.full_clean()
    employer.save()
    EmployerLog.objects.create(employer=employer, by=by, from_state=was, to_state="verified")
    return employer


@transaction.atomic
def employer_suspend(*, employer: Employer, by: User, reason: str, note: str = "") -> Employer:
    """Suspend an employer (fraud, unpaid wages …): its open jobs close and it cannot open more."""
    if reason not in Employer.SuspensionReason.values:
        raise ValidationError({"reason": _("Choose why the employer is suspended.")})
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    was = "suspended" if employer.suspended else "active"
    employer.suspended = True
    employer.suspended_reason = reason
    employer.suspended_note = scrub(note.strip())  # shown to staff: no mobiles or ID numbers
    employer.full_clean()
    employer.save()
    label = str(Employer.SuspensionReason(reason).label)
    EmployerLog.objects.create(
        employer=employer,
        by=by,
        from_state=was,
        to_state="suspended",
        reason=" ".join(filter(None, [label, employer.suspended_note])),
    )
    for job in employer.jobs.filter(status__in=[S.OPEN, S.PENDING]):
        _move(
            job=job,
            to=S.CLOSED,
            by=by,
            reason=_("Employer suspended: %(reason)s") % {"reason": label},
        )
    return employer


@transaction.atomic
def employer_unsuspend(*, employer: Employer, by: User, reason: str = "") -> Employer:
    """Lift a suspension."""
    employer = Employer.objects.select_for_update().get(pk=employer.pk)
    if not employer.suspended:
        raise ValidationError(_("This employer is not suspended."))
    employer.suspended = False
    employer.suspended_reason = ""
    employer.suspended_note = ""
    employer.full_clean()
    employer.save()
    EmployerLog.objects.create(
        employer=employer, by=by, from_state="suspended", to_state="active", reason=reason.strip()
    )
    return employer


# ---- jobs ----

#: The job order's fields as staff and employers fill them in (the job form lists these too).
JOB_FIELDS = (
    "title",
    "occupation",
    "nature",
    "industry",
    "content",
    "skills",
    "region",
    "address",
    "latitude",
    "longitude",
    "start_date",
    "end_date",
    "work_hours",
    "hours_per_day",
    "headcount",
    "pay_min",
    "pay_max",
    "pay_unit",
    "settlement",
    "meals",
    "lodging",
    "transport",
    "insurance_kind",
    "insurer",
    "insurance_cover",
    "insurance_note",
    "contact_person",
    "contact_phone",
    "publish_contact_phone",
    "valid_through",
    "station",
)


def _ledger(job: Job, by: User | None, note: str) -> None:
    """Staff writing a job order leave a line in their station's service ledger."""
    if job.station_id and _is_operator(by) and by.kind == User.Kind.STAFF and not by.is_superuser:
        if Station.objects.writable_by(by).filter(pk=job.station_id).exists():
            service_record_add(
                station=job.station,
                by=by,
                kind=ServiceRecord.Kind.JOB_ORDER,
                note=note,
                subject=job,
                subject_label=job.title,
            )


def _check_station(station: Station | None, by: User) -> None:
    if station is not None and _is_operator(by) and not by.is_superuser:
        if not Station.objects.writable_by(by).filter(pk=station.pk).exists():
            raise ValidationError(
                {"station": _("You can only take job orders for your own station.")}
            )


@transaction.atomic
def job_create(*, employer: Employer, by: User, data: Mapping[str, Any]) -> Job:
    """A new job order as a draft; the industry defaults from the employer's."""
    if employer.suspended:
        raise ValidationError(_("This employer is suspended and cannot post jobs."))
    fields = {k: v for k, v in data.items() if k in JOB_FIELDS}
    job = Job(employer=employer, created_by=by, **fields)
    if job.industry_id is None:
        job.industry_id = employer.industry_id
    _check_station(job.station, by)
    if _is_operator(by) and by.kind == User.Kind.STAFF:
        job.collected_by = by
    job.full_clean()
    job.save()
    JobTransition.objects.create(job=job, by=by, from_state="", to_state=S.DRAFT)
    _ledger(job, by, _("Job order taken"))
    return job


@transaction.atomic
def job_update(*, job: Job, by: User, data: Mapping[str, Any]) -> Job:
    """Edit a job; a change of substance on an open job sends it back to review."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    if not job.is_editable:
        raise ValidationError(
            _("A job that is %(status)s can no longer be edited.")
            % {"status": job.get_status_display()}
        )
    changed = []
    for key, value in data.items():
        if key in JOB_FIELDS and getattr(job, key) != value:
            setattr(job, key, value)
            changed.append(key)
    if "station" in changed:
        _check_station(job.station, by)
    confirmed = job.placements.filter(state__in=("confirmed", "on_duty", "completed")).count()
    if "headcount" in changed and job.headcount is not None and job.headcount < confirmed:
        raise ValidationError(
            {
                "headcount": _(
                    "%(n)s people are already confirmed on this job: the headcount cannot be lower."
                )
                % {"n": confirmed}
            }
        )
    job.full_clean()
    job.save()
    substance = [f for f in changed if f not in NON_SUBSTANCE_FIELDS]
    if job.status == S.OPEN and not substance and confirmed and confirmed >= job.headcount:
        _move(job=job, to=S.FILLED, by=by, reason=_("Headcount lowered to the people confirmed"))
    if job.status == S.OPEN and substance:
        _move(
            job=job,
            to=S.PENDING,
            by=by,
            reason=_("Edited while open: %(fields)s")
            % {"fields": "、".join(str(Job._meta.get_field(f).verbose_name) for f in substance)},
        )
    if changed:
        _ledger(job, by, _("Job order changed"))
    return job


def _move(*, job: Job, to: str, by: User | None, reason: str = "") -> JobTransition:
    """The one door of every status change (callers hold the transaction)."""
    first_opening = to == S.OPEN and job.opened_at is None
    if first_opening:
        job.opened_at = timezone.now()
    if to in ENDED:
        job.ended_at = timezone.now()
    elif to == S.OPEN:
        job.ended_at = None
    log = transition(
        obj=job,
        to=to,
        by=by,
        allowed=ALLOWED,
        log_model=JobTransition,
        log_fk="job",
        reason=reason,
        reason_required=[S.REJECTED],
    )
    if first_opening:
        # Seekers whose job alerts it matches hear of it (jobs.services.alerts).
        from jobs.services.alerts import alerts_job_opened

        alerts_job_opened(job)
    return log


def _locked(job: Job) -> Job:
    return (
        Job.objects.select_for_update(of=("self",))
        .select_related("employer", "station")
        .get(pk=job.pk)
    )


def findings_message(findings: list[checker.Finding]) -> str:
    """One line per finding: the phrase, what is wrong with it, the law."""
    return "；".join(
        _("“%(phrase)s”: %(label)s (%(law)s)")
        % {"phrase": f.phrase, "label": f.label, "law": f.law}
        for f in findings
    )


@transaction.atomic
def job_submit(*, job: Job, by: User) -> Job:
    """Send a draft (or a rejected job, after editing) to review. Blocked phrases must go first;
    staff may pass a sex finding on to the reviewer, who alone may accept a lawful reason."""
    job = _locked(job)
    if job.employer.suspended:
        raise ValidationError(_("This employer is suspended and cannot post jobs."))
    found = checker.check_job(job)
    findings = checker.blocks(found)
    if _is_operator(by):
        findings = [f for f in findings if not f.overridable]
    if findings:
        message = _("The posting cannot be submitted as written. Please change: %(list)s") % {
            "list": findings_message(findings)
        }
        if checker.warnings(found):
            message += " " + _("The reviewer will also ask about: %(list)s") % {
                "list": findings_message(checker.warnings(found))
            }
        raise ValidationError(message, code="blocked")
    _move(job=job, to=S.PENDING, by=by)
    return job


@transaction.atomic
def job_approve(*, job: Job, by: User, reason: str = "", lawful_reason: str = "") -> Job:
    """Publish a pending job. Never over a block (except the sex rule with a recorded lawful
    reason); over a warning only with the reviewer's reason."""
    job = _locked(job)
    if job.employer.suspended:
        raise ValidationError(_("This employer is suspended and cannot open jobs."))
    findings = checker.check_job(job)
    hard = [f for f in checker.blocks(findings) if not f.overridable]
    if hard:
        raise ValidationError(
            _("This posting cannot be published: %(list)s") % {"list": findings_message(hard)},
            code="blocked",
        )
    notes = []
    soft = [f for f in checker.blocks(findings) if f.overridable]
    if soft:
        if not lawful_reason.strip():
            raise ValidationError(
                {
                    "lawful_reason": _(
                        "A limit by sex needs a lawful reason (e.g. work forbidden to women by law): %(list)s"
                    )
                    % {"list": findings_message(soft)}
                },
                code="lawful_reason_required",
            )
        notes.append(_("Lawful reason: %(reason)s") % {"reason": lawful_reason.strip()})
    warned = checker.warnings(findings)
    if warned:
        if not reason.strip():
            raise ValidationError(
                {
                    "reason": _("Record why you publish despite: %(list)s")
                    % {"list": findings_message(warned)}
                },
                code="reason_required",
            )
    if reason.strip():
        notes.append(reason.strip())
    _move(job=job, to=S.OPEN, by=by, reason="\n".join(notes))
    _tell_employer(job, "job_approved")
    return job


@transaction.atomic
def job_reject(*, job: Job, by: User, reason: str) -> Job:
    """Send a pending job back to the employer with the reason; they can edit and resubmit."""
    job = _locked(job)
    log = _move(job=job, to=S.REJECTED, by=by, reason=reason)
    _tell_employer(job, "job_rejected", reason=scrub(log.reason), log=log)
    return job


def _tell_employer(job: Job, kind: str, *, reason: str = "", log: JobTransition | None = None):
    """The employer hears that its posting is approved, or rejected and why."""
    from jobs.services import notices

    log = log or job.transitions.order_by("-pk").first()
    notices.to_employer(
        job.employer,
        key=f"job:{job.pk}:{kind}:{log.pk if log else ''}",
        kind=kind,
        variables={"job": job.title, "reason": reason},
    )


@transaction.atomic
def job_close(*, job: Job, by: User, reason: str = "") -> Job:
    """Close a job early (no longer needed)."""
    job = _locked(job)
    _move(job=job, to=S.CLOSED, by=by, reason=reason)
    return job


@transaction.atomic
def job_hold_for_review(*, job: Job, by: User, reason: str) -> Job:
    """Take an open job off the board and back to review (e.g. while a complaint about it is
    looked into); a reviewer then approves it again or rejects it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    job = _locked(job)
    if job.status != S.OPEN:
        raise ValidationError(_("Only a job on the board can be held for review."))
    _move(job=job, to=S.PENDING, by=by, reason=reason)
    return job


@transaction.atomic
def job_mark_filled(*, job: Job, by: User | None = None, reason: str = "") -> Job:
    """The headcount is reached (called by matching): the job stops taking sign-ups."""
    job = _locked(job)
    _move(job=job, to=S.FILLED, by=by, reason=reason)
    return job


@transaction.atomic
def job_reopen(*, job: Job, by: User | None = None, reason: str = "") -> Job:
    """A filled job has room again (a placement fell through): it is open again."""
    job = _locked(job)
    if job.employer.suspended:
        raise ValidationError(_("This employer is suspended and cannot open jobs."))
    if job.valid_through < timezone.localdate():
        _move(job=job, to=S.EXPIRED, by=by, reason=_("Past its valid-through date."))
        return job
    _move(job=job, to=S.OPEN, by=by, reason=reason)
    return job


@transaction.atomic
def job_expire(*, job: Job, by: User | None = None) -> Job:
    """An open job past its valid-through date expires (run by ``manage.py expire_jobs``)."""
    job = _locked(job)
    _move(job=job, to=S.EXPIRED, by=by, reason=_("Past its valid-through date."))
    return job


def expire_due_jobs(*, dry_run: bool = False, today=None) -> list[Job]:
    """Expire every open job past its valid-through date; each in its own transaction."""
    due = list(Job.objects.past_valid_through(today))
    if not dry_run:
        for job in due:
            try:
                job_expire(job=job)
            except ValidationError:
                continue  # changed meanwhile (e.g. closed by staff): nothing to do
    return due


def ensure_can_act(user: User, job: Job, *, review: bool = False) -> None:
    """Raise PermissionDenied unless ``user`` may act on ``job``."""
    qs = Job.objects.reviewable_by(user) if review else Job.objects.editable_by(user)
    if not qs.filter(pk=job.pk).exists():
        raise PermissionDenied


# ---- the checker's rule list ----


@transaction.atomic
def posting_rule_add(
    *, by: User, category: str, severity: str, pattern: str, note: str = ""
) -> PostingRule:
    """Add a phrase to the checker (county admin)."""
    if category not in checker.CATEGORIES:
        raise ValidationError({"category": _("Unknown category.")})
    rule = PostingRule(category=category, severity=severity, pattern=pattern.strip(), note=note)
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def posting_rule_toggle(*, rule: PostingRule, by: User) -> PostingRule:
    """Switch a rule on or off."""
    rule = PostingRule.objects.select_for_update().get(pk=rule.pk)
    rule.active = not rule.active
    rule.full_clean()
    rule.save()
    return rule


# ---- import from a spreadsheet ----

IMPORT_CHOICES = {
    "employer_kind": {
        "企业": "enterprise",
        "个人": "individual",
        "个体": "individual",
        "家庭": "household",
    },
    "nature": {
        "小时工": "hourly",
        "日结": "daily",
        "日结零工": "daily",
        "短期工": "short_term",
        "短期": "short_term",
        "季节工": "seasonal",
        "季节性": "seasonal",
        "兼职": "part_time",
    },
    "pay_unit": {
        "小时": "hour",
        "时": "hour",
        "天": "day",
        "日": "day",
        "件": "piece",
        "单": "task",
        "次": "task",
        "月": "month",
    },
    "settlement": {"日结": "daily", "周结": "weekly", "月结": "monthly", "完工结": "on_completion"},
    "status": {
        "草稿": "draft",
        "待审核": "pending",
        "已退回": "rejected",
        "招聘中": "open",
        "已招满": "filled",
        "已关闭": "closed",
        "已过期": "expired",
    },
}
TRUE_WORDS = {"是", "有", "提供", "包", "1", "yes", "true", "y"}


def _choice(row: Mapping[str, str], column: str, allowed, default: str = "") -> str:
    raw = (row.get(column) or "").strip()
    if not raw:
        if default:
            return default
        raise ValidationError(_("Column %(col)s is empty.") % {"col": column})
    value = IMPORT_CHOICES.get(column, {}).get(raw, raw.lower())
    if value not in allowed:
        raise ValidationError(
            _("Column %(col)s: “%(value)s” is not one of %(allowed)s.")
            % {"col": column, "value": raw, "allowed": "、".join(allowed)}
        )
    return value


def _date(row: Mapping[str, str], column: str, required: bool = True):
    import datetime as dt

    raw = (row.get(column) or "").strip()[:10].replace("/", "-").replace(".", "-")
    if not raw:
        if required:
            raise ValidationError(_("Column %(col)s is empty.") % {"col": column})
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as error:
        raise ValidationError(
            _("Column %(col)s: “%(value)s” is not a date (YYYY-MM-DD).")
            % {"col": column, "value": raw}
        ) from error


def _decimal(row: Mapping[str, str], column: str, required: bool = True):
    from decimal import Decimal, InvalidOperation

    raw = (row.get(column) or "").strip().replace(",", "")
    if not raw:
        if required:
            raise ValidationError(_("Column %(col)s is empty.") % {"col": column})
        return None
    try:
        return Decimal(raw)
    except InvalidOperation as error:
        raise ValidationError(
            _("Column %(col)s: “%(value)s” is not a number.") % {"col": column, "value": raw}
        ) from error


def _insurance(row: Mapping[str, str]) -> dict:
    """The structured insurance of an imported row: column ``insurance`` holds a kind (none,
    employer_accident, platform_injury, other) or words read as the old free text was
    (jobs/insurance.py); ``insurer`` and ``insurance_cover`` columns, when present, win."""
    kind, insurer, cover, note = parse_insurance(row.get("insurance") or "")
    insurer = (row.get("insurer") or "").strip() or insurer
    cover = (row.get("insurance_cover") or "").strip() or cover
    if kind == "none" and (insurer or cover):
        kind = "other" if note else "employer_accident"
    return {
        "insurance_kind": kind,
        "insurer": insurer[:60],
        "insurance_cover": cover[:100],
        "insurance_note": note,
    }


def _industry(row: Mapping[str, str], column: str):
    """An industry section of GB/T 4754 from its letter ("E"), its name ("建筑业") or both
    ("E 建筑业"); None when the cell is blank."""
    raw = unicodedata.normalize("NFKC", row.get(column) or "").strip()
    if not raw:
        return None
    letter = raw[0].upper() if raw[0].isascii() else ""
    name = raw[1:].strip() if letter and len(raw) > 1 else ("" if letter else raw)
    found = Industry.objects.filter(code=letter).first() if letter else None
    if found is None and name:
        found = Industry.objects.filter(name=name).first()
    if found is None or (letter and name and found.name != name):
        raise ValidationError(
            _(
                "Column %(col)s: “%(value)s” is not an industry section of GB/T 4754 (a letter A–T or its name)."
            )
            % {"col": column, "value": raw}
        )
    return found


def _import_employer(row: Mapping[str, str], by: User | None) -> Employer:
    from gigmarket.validators import normalize_credit_code, normalize_mobile

    code = normalize_credit_code(row.get("credit_code", ""))
    mobile = normalize_mobile(row.get("contact_mobile", ""))
    found = Employer.objects.matching(credit_code=code, mobile=mobile).order_by("pk").first()
    if found is not None:
        return found
    region = Region.objects.filter(
        code=(row.get("employer_region") or row.get("region") or "").strip()
    ).first()
    if region is None:
        raise ValidationError(_("Unknown region code in employer_region."))
    return employer_create(
        by=by,
        kind=_choice(
            row, "employer_kind", Employer.Kind.values, "enterprise" if code else "individual"
        ),
        name=(row.get("employer_name") or "").strip(),
        contact_name=(row.get("contact_name") or "").strip(),
        contact_mobile=mobile,
        region=region,
        credit_code=code,
        industry=_industry(row, "employer_industry"),
    )


def _import_job_fields(row: Mapping[str, str]) -> dict:
    from gigmarket.models import Occupation

    occupation_raw = (row.get("occupation") or "").strip()
    occupation = (
        Occupation.objects.filter(code=occupation_raw).first()
        or Occupation.objects.filter(name=occupation_raw).first()
    )
    if occupation is None:
        raise ValidationError(_("Unknown occupation “%(value)s”.") % {"value": occupation_raw})
    region = Region.objects.filter(code=(row.get("region") or "").strip()).first()
    if region is None:
        raise ValidationError(_("Unknown region code in region."))
    station = None
    if (row.get("station") or "").strip():
        station = Station.objects.filter(code=row["station"].strip()).first()
        if station is None:
            raise ValidationError(
                _("Unknown station code “%(value)s”.") % {"value": row["station"]}
            )
    headcount = (row.get("headcount") or "1").strip()
    if not headcount.isdigit():
        raise ValidationError(
            _("Column %(col)s: “%(value)s” is not a number.")
            % {"col": "headcount", "value": headcount}
        )
    return {
        "title": (row.get("title") or "").strip(),
        "occupation": occupation,
        "nature": _choice(row, "nature", Job.Nature.values, "daily"),
        "content": (row.get("content") or "").strip(),
        "skills": (row.get("skills") or "").strip(),
        "region": region,
        "address": (row.get("address") or "").strip(),
        "start_date": _date(row, "start_date"),
        "end_date": _date(row, "end_date", required=False),
        "work_hours": (row.get("work_hours") or "").strip(),
        "hours_per_day": _decimal(row, "hours_per_day", required=False),
        "headcount": int(headcount),
        "pay_min": _decimal(row, "pay_min"),
        "pay_max": _decimal(row, "pay_max", required=False),
        "pay_unit": _choice(row, "pay_unit", Job.PayUnit.values, "day"),
        "settlement": _choice(row, "settlement", Job.Settlement.values, "daily"),
        "meals": (row.get("meals") or "").strip().lower() in TRUE_WORDS,
        "lodging": (row.get("lodging") or "").strip().lower() in TRUE_WORDS,
        "transport": (row.get("transport") or "").strip().lower() in TRUE_WORDS,
        **_insurance(row),
        "contact_person": (row.get("contact_name") or "").strip(),
        "valid_through": _date(row, "valid_through"),
        "station": station,
        "industry": _industry(row, "industry"),
    }


def job_import(*, rows, by: User | None = None, dry_run: bool = False):
    """Import jobs with their employers from spreadsheet rows; idempotent by ``external_ref``.

    Imported jobs keep their historical status and dates (opened_at, ended_at) so that monthly
    reports over past months count them; each row is all-or-nothing and errors carry the line.
    """
    import datetime as dt

    from gigmarket.tabular import ROW_ERRORS, ImportReport, describe_row_error

    report = ImportReport()
    with transaction.atomic():
        for line, row in rows:
            ref = (row.get("external_ref") or "").strip()
            try:
                with transaction.atomic():
                    if not ref:
                        raise ValidationError(_("Column external_ref is empty."))
                    fields = _import_job_fields(row)
                    status = _choice(row, "status", Job.Status.values, "open")
                    opened = _date(row, "opened_at", required=False)
                    ended = _date(row, "ended_at", required=False)
                    if status in (S.OPEN, S.FILLED, S.CLOSED, S.EXPIRED) and opened is None:
                        opened = fields["start_date"]
                    moments = {
                        "opened_at": timezone.make_aware(dt.datetime.combine(opened, dt.time(9)))
                        if opened
                        else None,
                        "ended_at": timezone.make_aware(dt.datetime.combine(ended, dt.time(18)))
                        if ended
                        else None,
                    }
                    existing = Job.objects.filter(external_ref=ref).first()
                    if existing is not None:
                        if fields["industry"] is None:  # blank: the employer's, as when created
                            fields["industry"] = existing.employer.industry
                        wanted = {**fields, **moments, "status": status}
                        if all(getattr(existing, k) == v for k, v in wanted.items()):
                            report.unchanged += 1
                            continue
                        before = existing.status
                        for key, value in wanted.items():
                            setattr(existing, key, value)
                        existing.full_clean()
                        existing.save()
                        if before != status:
                            JobTransition.objects.create(
                                job=existing,
                                by=by,
                                from_state=before,
                                to_state=status,
                                reason=_("Imported (line %(line)d)") % {"line": line},
                            )
                        report.updated += 1
                        continue
                    employer = _import_employer(row, by)
                    if fields["industry"] is None:  # blank: the employer's industry
                        fields["industry"] = employer.industry
                    job = Job(
                        employer=employer,
                        external_ref=ref,
                        status=status,
                        created_by=by,
                        **fields,
                        **moments,
                    )
                    job.full_clean()
                    job.save()
                    JobTransition.objects.create(
                        job=job,
                        by=by,
                        from_state="",
                        to_state=status,
                        reason=_("Imported (line %(line)d)") % {"line": line},
                    )
                    report.created += 1
            except ROW_ERRORS as error:
                report.error(line, describe_row_error(error))
        if dry_run:
            transaction.set_rollback(True)
    return report
