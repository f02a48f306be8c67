"""Consent-slip files no referral points to, and their sweep (the kernel's rule,
``gigmarket.orphans``, as for complaint evidence and claim documents). Hourly on the schedule
(``partners.tasks.sweep_consent_orphans``) and by hand with ``manage.py sweep_consent_orphans
[--dry-run]``."""

from __future__ import annotations

import datetime

from django.core.files.storage import Storage

from gigmarket.orphans import UploadFolder
from partners.models import Referral

CONSENT_ROOT = "partners/consent"
CONSENT = UploadFolder(Referral, "consent_file", CONSENT_ROOT, "consent", "gigmarket.partners")


def consent_storage() -> Storage:
    return CONSENT.storage()


def sweep_orphans(*, dry_run: bool = False, now: datetime.datetime | None = None) -> list[str]:
    return CONSENT.sweep(dry_run=dry_run, now=now)
