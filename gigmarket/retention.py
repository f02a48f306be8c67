"""Audit-log retention (MLPS level 2: keep at least six months): old rows go to a compressed archive.

Access logs (``PersonalDataAccess``) and change logs (django-auditlog's ``LogEntry``) older than
``AUDIT_LOG_RETENTION_DAYS`` are written, in batches, to gzip'd Django JSON fixtures in private
storage (``audit-archive/<log>/…json.gz``), read back, and only then deleted. An archive loads
again with ``manage.py loaddata`` after copying it out of storage.
"""

from __future__ import annotations

import datetime
import gzip
import logging
from dataclasses import dataclass

from auditlog.models import LogEntry
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from gigmarket.models import PersonalDataAccess

logger = logging.getLogger("gigmarket.retention")

#: MLPS level 2 asks for at least six months of logs; a shorter setting is refused.
MINIMUM_DAYS = 183
BATCH = 5000


@dataclass(frozen=True)
class Archived:
    """One archive file written (or, in a dry run, that would be)."""

    log: str
    name: str
    rows: int


def _logs() -> tuple[tuple[str, type[models.Model], str], ...]:
    """(name, model, time field) of each log kept under the retention rule."""
    return (("access", PersonalDataAccess, "at"), ("changes", LogEntry, "timestamp"))


def retention_days() -> int:
    days = int(getattr(settings, "AUDIT_LOG_RETENTION_DAYS", MINIMUM_DAYS))
    if days < MINIMUM_DAYS:
        raise ImproperlyConfigured(
            f"AUDIT_LOG_RETENTION_DAYS is {days}; logs must be kept at least {MINIMUM_DAYS} days."
        )
    return days


def archive_audit_logs(
    *, now: datetime.datetime | None = None, dry_run: bool = False, batch: int = BATCH
) -> list[Archived]:
    """Archive then delete access and change logs older than the retention period."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days())
    done: list[Archived] = []
    for log, model, field in _logs():
        old = model.objects.filter(**{f"{field}__lt": cutoff}).order_by("pk")
        if dry_run:
            count = old.count()
            if count:
                done.append(Archived(log, f"audit-archive/{log}/(dry run)", count))
            continue
        last_pk = None
        while rows := list(old[:batch]):
            if rows[0].pk == last_pk:  # the delete did not take: stop rather than archive forever
                raise RuntimeError(f"{log} rows up to #{last_pk} were archived but not deleted")
            done.append(_archive_batch(log, model, rows, cutoff))
            last_pk = rows[0].pk
    for item in done:
        logger.info("audit retention: %s %d row(s) → %s", item.log, item.rows, item.name)
    return done


def _archive_batch(log: str, model: type[models.Model], rows: list, cutoff) -> Archived:
    """Write one batch to storage, check it reads back whole, then delete exactly those rows."""
    body = gzip.compress(serializers.serialize("json", rows).encode("utf-8"))
    stem = f"audit-archive/{log}/{cutoff:%Y%m%d}-{rows[0].pk}-{rows[-1].pk}"
    name = default_storage.save(f"{stem}.json.gz", ContentFile(body))
    with default_storage.open(name, "rb") as handle:
        if handle.read() != body:
            raise OSError(f"archive {name} did not read back intact; nothing deleted")
    with transaction.atomic():
        model.objects.filter(pk__in=[row.pk for row in rows]).delete()
    return Archived(log, name, len(rows))
