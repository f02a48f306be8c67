"""Writes of the subsidies app: every step of a claim is one function here, each logged.

drafted → submitted → approved → paid, or returned (一次性告知: everything missing said at once)
→ submitted again, or rejected with a reason. Payment itself happens outside the system: "paid"
records the amount and date finance reports back.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket.models import User
from gigmarket.services import transition
from rights.evidence import check_upload, max_files
from stations.models import Station
from subsidies import eligibility
from subsidies.models import Claim, ClaimDocument, ClaimLog, Scheme

S = Claim.Status

ALLOWED = {
    S.DRAFTED: [S.SUBMITTED],
    S.SUBMITTED: [S.APPROVED, S.RETURNED, S.REJECTED],
    S.RETURNED: [S.SUBMITTED, S.REJECTED],
    S.APPROVED: [S.PAID],
    S.REJECTED: [],
    S.PAID: [],
}


def _log(claim: Claim, by: User | None, reason: str) -> ClaimLog:
    """A step that does not change the state: logged all the same."""
    return ClaimLog.objects.create(
        claim=claim, by=by, from_state=claim.status, to_state=claim.status, reason=reason.strip()
    )


def _move(claim: Claim, *, to: str, by: User, reason: str = "") -> ClaimLog:
    return transition(
        obj=claim,
        to=to,
        by=by,
        allowed=ALLOWED,
        log_model=ClaimLog,
        log_fk="claim",
        reason=reason,
        reason_required=[S.REJECTED],
    )


def _require_handler(claim: Claim, by: User) -> Claim:
    """Only staff of the handling station (or a county admin over it) act on a claim; lock it."""
    if not Claim.objects.handled_by(by).filter(pk=claim.pk).exists():
        raise PermissionDenied(_("This claim is handled by another station."))
    return Claim.objects.select_for_update().get(pk=claim.pk)


def _recheck(claim: Claim) -> None:
    result = eligibility.check(claim.scheme, claim.seeker)
    claim.eligible = result.eligible
    claim.eligibility = result.reasons


@transaction.atomic
def claim_draft(*, seeker, scheme: Scheme, station: Station, by: User) -> Claim:
    """Draft a claim for ``seeker`` under ``scheme`` at ``station``, with eligibility checked now.

    A draft is made even when the person is not eligible (the page says why), so the window can
    show the person the reasons; it cannot be approved unless eligible.
    """
    if not Station.objects.writable_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("You do not work at this station."))
    if seeker.is_withdrawn:
        raise ValidationError({"seeker": _("The person has withdrawn from the register.")})
    open_claim = (
        Claim.objects.filter(seeker=seeker, scheme=scheme)
        .exclude(status__in=(S.REJECTED, S.PAID))
        .first()
    )
    if open_claim is not None:
        raise ValidationError(
            {"scheme": _("The person already has an open claim under this scheme.")}
        )
    claim = Claim(seeker=seeker, scheme=scheme, station=station, created_by=by)
    _recheck(claim)
    claim.full_clean()
    claim.save()
    ClaimLog.objects.create(
        claim=claim,
        by=by,
        from_state="",
        to_state=S.DRAFTED,
        reason="；".join(claim.eligibility),
    )
    return claim


def _document_save(claim: Claim, name: str, upload, by: User | None) -> ClaimDocument:
    content_type, extension = check_upload(upload)
    original = (upload.name or "file").replace("/", "_").replace("\\", "_")[-100:]
    document = ClaimDocument(
        claim=claim,
        name=name,
        original_name=original,
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    document.file.save(f"document.{extension}", upload, save=False)
    document.full_clean()
    document.save()
    return document


@transaction.atomic
def claim_documents_add(
    *, claim: Claim, by: User, name: str, files: Iterable
) -> list[ClaimDocument]:
    """Record documents received for one of the scheme's required documents (images and PDF only,
    checked by content like complaint evidence, kept in private storage)."""
    claim = _require_handler(claim, by)
    if claim.status not in (S.DRAFTED, S.RETURNED, S.SUBMITTED):
        raise ValidationError(_("Documents are received before the claim is decided."))
    if name not in claim.scheme.documents:
        raise ValidationError({"name": _("Choose one of the documents the scheme asks for.")})
    files = list(files)
    if not files:
        raise ValidationError({"files": _("Choose at least one file.")})
    if claim.documents.count() + len(files) > max_files() * max(1, len(claim.scheme.documents)):
        raise ValidationError({"files": _("Too many files on this claim.")})
    for upload in files:
        try:
            check_upload(upload)
        except ValidationError as error:
            raise ValidationError({"files": error.messages}) from error
    saved = [_document_save(claim, name, upload, by) for upload in files]
    _log(claim, by, _("Received: %(name)s (%(n)d file(s)).") % {"name": name, "n": len(saved)})
    return saved


@transaction.atomic
def claim_submit(*, claim: Claim, by: User, note: str = "") -> Claim:
    """Submit the claim for a decision (again after a return); eligibility is checked again."""
    claim = _require_handler(claim, by)
    _recheck(claim)
    claim.submitted_at = timezone.now()
    _move(claim, to=S.SUBMITTED, by=by, reason=note)
    return claim


@transaction.atomic
def claim_return(*, claim: Claim, by: User, missing: Iterable[str], note: str = "") -> Claim:
    """一次性告知: return the claim with every missing document listed in one notice."""
    claim = _require_handler(claim, by)
    missing = [m for m in dict.fromkeys(missing) if m]
    unknown = set(missing) - set(claim.scheme.documents)
    if unknown:
        raise ValidationError(
            {
                "missing": _("Not a document of this scheme: %(names)s.")
                % {"names": "、".join(sorted(unknown))}
            }
        )
    if not missing and not note.strip():
        raise ValidationError({"missing": _("Tick everything that is missing (or describe it).")})
    claim.missing_documents = missing
    claim.return_note = note.strip()[:500]
    listed = "；".join(missing + ([note.strip()] if note.strip() else []))
    _move(
        claim,
        to=S.RETURNED,
        by=by,
        reason=_("One-time notice of everything missing: %(items)s") % {"items": listed},
    )
    return claim


@transaction.atomic
def claim_approve(
    *, claim: Claim, by: User, amount: Decimal | None = None, note: str = ""
) -> Claim:
    """Approve: the person is eligible and every document the scheme asks for was received."""
    claim = _require_handler(claim, by)
    _recheck(claim)
    problems = []
    if not claim.eligible:
        problems.append(
            _("The person is not eligible: %(why)s") % {"why": "；".join(claim.eligibility)}
        )
    missing = claim.still_missing()
    if missing:
        problems.append(_("Documents not received: %(names)s.") % {"names": "、".join(missing)})
    amount = amount if amount is not None else claim.scheme.amount
    if amount is None or amount <= 0:
        problems.append(_("Give the approved amount."))
    if problems:
        raise ValidationError(problems)
    claim.amount = amount
    claim.approved_at = timezone.now()
    claim.missing_documents = []
    _move(
        claim,
        to=S.APPROVED,
        by=by,
        reason=note or _("Approved: %(amount)s yuan.") % {"amount": amount},
    )
    return claim


@transaction.atomic
def claim_reject(*, claim: Claim, by: User, reason: str) -> Claim:
    """Reject, with the reason the person is told."""
    claim = _require_handler(claim, by)
    claim.decision_reason = (reason or "").strip()[:500]
    _move(claim, to=S.REJECTED, by=by, reason=reason or "")
    return claim


@transaction.atomic
def claim_pay(*, claim: Claim, by: User, amount: Decimal, paid_on: datetime.date) -> Claim:
    """Record that finance paid the claim (payment happens outside the system)."""
    claim = _require_handler(claim, by)
    errors = {}
    if amount is None or amount <= 0:
        errors["amount"] = _("Give the amount paid.")
    if paid_on is None:
        errors["paid_on"] = _("Give the date it was paid.")
    elif paid_on > timezone.localdate():
        errors["paid_on"] = _("The payment date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    claim.paid_amount = amount
    claim.paid_on = paid_on
    _move(
        claim,
        to=S.PAID,
        by=by,
        reason=_("Paid %(amount)s yuan on %(date)s.") % {"amount": amount, "date": paid_on},
    )
    return claim
