"""Consent-slip files no referral points to (an upload rolled back or killed mid-request), and
their sweep: the same rule as complaint evidence and claim documents (older than an hour).
Hourly on the schedule (``partners.tasks.sweep_consent_orphans``) and by hand with
``manage.py sweep_consent_orphans [--dry-run]``."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from partners.models import Referral
from rights.orphans import ORPHAN_MIN_AGE, _walk

logger = logging.getLogger("gigmarket.partners")

CONSENT_ROOT = "partners/consent"


def consent_storage():
    return Referral._meta.get_field("consent_file").storage


def orphan_files(*, now: datetime.datetime | None = None) -> list[str]:
    """Consent files older than an hour that no Referral row names."""
    storage = consent_storage()
    cutoff = (now or timezone.now()) - ORPHAN_MIN_AGE
    candidates = list(_walk(storage, CONSENT_ROOT))  # files first, rows second (see rights)
    known = set(Referral.objects.values_list("consent_file", flat=True))
    return [n for n in candidates if n not in known and storage.get_modified_time(n) < cutoff]


def sweep_orphans(*, dry_run: bool = False, now: datetime.datetime | None = None) -> list[str]:
    storage = consent_storage()
    orphans = orphan_files(now=now)
    if not dry_run:
        for name in orphans:
            storage.delete(name)
    if orphans:
        logger.info(
            "consent sweep: %d orphan file(s) %s", len(orphans), "found" if dry_run else "removed"
        )
    return orphans
