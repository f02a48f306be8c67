"""Claim document files no row points to, and their sweep (the kernel's rule, ``gigmarket.orphans``,
as for complaint evidence). Hourly on the schedule (``subsidies.tasks.sweep_document_orphans``) and
by hand with ``manage.py sweep_claim_document_orphans [--dry-run]``.
"""

from __future__ import annotations

import datetime

from django.core.files.storage import Storage

from gigmarket.orphans import UploadFolder
from subsidies.models import ClaimDocument

DOCUMENT_ROOT = "subsidies/documents"
DOCUMENTS = UploadFolder(
    ClaimDocument, "file", DOCUMENT_ROOT, "claim document", "gigmarket.subsidies"
)


def document_storage() -> Storage:
    return DOCUMENTS.storage()


def sweep_orphans(*, dry_run: bool = False, now: datetime.datetime | None = None) -> list[str]:
    return DOCUMENTS.sweep(dry_run=dry_run, now=now)
