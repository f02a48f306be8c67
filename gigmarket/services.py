"""Writes of the shared kernel: region import, personal-data access log, state transitions."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from gigmarket.logging import scrub
from gigmarket.models import (
    Message,
    MessageOptOut,
    PersonalDataAccess,
    Region,
    TransitionLog,
    User,
)
from gigmarket.tabular import ImportReport


def normalize_region_code(raw: str) -> str:
    """A 6-, 9- or 12-digit code, with a 12-digit code's trailing zero blocks folded away."""
    code = re.sub(r"\s+", "", raw or "")
    if not re.fullmatch(r"[0-9]{6}|[0-9]{9}|[0-9]{12}", code):
        raise ValidationError(
            _("A region code has 6, 9 or 12 digits; got “%(code)s”.") % {"code": raw}
        )
    if len(code) == 12 and code.endswith("000000"):
        code = code[:6]
    elif len(code) == 12 and code.endswith("000"):
        code = code[:9]
    return code


def implied_parent_code(code: str) -> str | None:
    """The parent a code implies by its digits (None for a province)."""
    level = Region.level_for_code(code)
    if level == Region.Level.VILLAGE:
        return code[:9]
    if level == Region.Level.TOWNSHIP:
        return code[:6]
    if level == Region.Level.COUNTY:
        return code[:4] + "00"
    if level == Region.Level.PREFECTURE:
        return code[:2] + "0000"
    return None


@transaction.atomic
def region_import(
    *, rows: Iterable[tuple[int, Mapping[str, str]]], dry_run: bool = False
) -> ImportReport:
    """Load regions from rows with ``code``, ``name`` and optional ``parent_code``; idempotent by code.

    A bad row is reported with its line number and changes nothing; parents may come in any order.
    """
    report = ImportReport()
    parsed = []
    for line, row in rows:
        try:
            code = normalize_region_code(row.get("code", ""))
            name = (row.get("name") or "").strip()
            if not name:
                raise ValidationError(_("The name is empty."))
            parent_raw = (row.get("parent_code") or "").strip()
            parent_code = (
                normalize_region_code(parent_raw) if parent_raw else implied_parent_code(code)
            )
        except ValidationError as error:
            report.error(line, " ".join(error.messages))
            continue
        parsed.append((line, code, name, parent_code))

    known = dict(Region.objects.values_list("code", "pk"))
    for line, code, name, parent_code in sorted(parsed, key=lambda r: len(r[1])):
        parent_id = None
        if parent_code:
            parent_id = known.get(parent_code)
            if parent_id is None and implied_parent_code(code) != parent_code:
                report.error(
                    line, _("Parent region %(code)s is not known.") % {"code": parent_code}
                )
                continue
            # A missing implied parent (e.g. the file starts at county level) is allowed.
        with report.row(line):
            level = Region.level_for_code(code)
            existing = Region.objects.filter(code=code).first()
            if existing is None:
                region = Region.objects.create(
                    code=code, name=name, level=level, parent_id=parent_id
                )
                report.created += 1
            elif (existing.name, existing.level, existing.parent_id) != (name, level, parent_id):
                existing.name, existing.level, existing.parent_id = name, level, parent_id
                existing.full_clean()
                existing.save()
                region = existing
                report.updated += 1
            else:
                region = existing
                report.unchanged += 1
            known[code] = region.pk
    if dry_run:
        transaction.set_rollback(True)
    return report


def personal_data_opened(
    *, user: User, record: models.Model, purpose: str = ""
) -> PersonalDataAccess:
    """Log that ``user`` opened ``record``'s full personal data, and why. The one door for reveals."""
    return PersonalDataAccess.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(record),
        object_id=str(record.pk),
        record_label=f"{record._meta.verbose_name} #{record.pk}"[:128],
        purpose=scrub(purpose)[:200],  # a typed purpose may quote the very number it reveals
    )


def transition(
    *,
    obj: models.Model,
    to: str,
    by: User | None,
    allowed: Mapping[str, Iterable[str]],
    log_model: type[TransitionLog],
    log_fk: str,
    reason: str = "",
    field: str = "status",
    reason_required: Iterable[str] = (),
) -> TransitionLog:
    """Move ``obj`` from its current state to ``to`` if ``allowed`` permits, and log who, when, why.

    Call inside the app's own ``@transaction.atomic`` service, after locking the row if races matter.
    """
    current = getattr(obj, field)
    if to not in set(allowed.get(current, ())):
        label = dict(obj._meta.get_field(field).choices or ())
        raise ValidationError(
            _("Cannot go from “%(from)s” to “%(to)s”.")
            % {"from": label.get(current, current), "to": label.get(to, to)},
            code="bad_transition",
        )
    if to in set(reason_required) and not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")}, code="reason_required")
    setattr(obj, field, to)
    obj.full_clean()
    obj.save()
    return log_model.objects.create(
        **{log_fk: obj}, by=by, from_state=current, to_state=to, reason=reason.strip()
    )


@transaction.atomic
def message_opt_out(*, to: str, kind: str, how: str, by: User | None = None) -> MessageOptOut:
    """Record that ``to`` refuses ``kind`` (a switch from ``notify.opt_out_choices``, or "*" for
    all that may be refused): who recorded it, when and how. Queued messages of that kind to that
    number are not sent. Recording it twice keeps the first."""
    from gigmarket import notify

    switches = {key for key, _label in notify.opt_out_choices()} | {"*"}
    if kind not in switches:
        raise ValidationError({"kind": _("Choose which messages to stop.")})
    row, _created = MessageOptOut.objects.get_or_create(
        to=to, kind=kind, defaults={"how": how, "by": by}
    )
    affected = [
        name
        for name, spec in notify.KINDS.items()
        if spec.opt_out_kind and (kind == "*" or spec.opt_out_kind == kind)
    ]
    Message.objects.filter(to=to, kind__in=affected, state=Message.State.QUEUED).update(
        state=Message.State.SUPPRESSED, last_error="opted out"
    )
    return row


@transaction.atomic
def message_opt_in(*, to: str, kind: str) -> int:
    """Take back a refusal (the person asked for the messages again); returns rows removed."""
    deleted, _rows = MessageOptOut.objects.filter(to=to, kind=kind).delete()
    return deleted
