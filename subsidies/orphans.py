"""Claim document files no row points to (an upload rolled back or killed mid-request), and their sweep.

The same rule as complaint evidence (``rights.orphans``): a file is written before its row commits,
so a request that dies in between leaves a file without a row; the sweep removes such files once
they are older than an hour. Hourly on the schedule (``subsidies.tasks.sweep_document_orphans``) and
by hand with ``manage.py sweep_claim_document_orphans [--dry-run]``.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from rights.orphans import ORPHAN_MIN_AGE, _walk
from subsidies.models import ClaimDocument

logger = logging.getLogger("gigmarket.subsidies")

DOCUMENT_ROOT = "subsidies/documents"


def document_storage():
    return ClaimDocument._meta.get_field("file").storage


def orphan_files(*, now: datetime.datetime | None = None) -> list[str]:
    """Document files older than an hour that no ClaimDocument row names."""
    storage = document_storage()
    cutoff = (now or timezone.now()) - ORPHAN_MIN_AGE
    candidates = list(_walk(storage, DOCUMENT_ROOT))  # files first, rows second (see rights)
    known = set(ClaimDocument.objects.values_list("file", flat=True))
    return [n for n in candidates if n not in known and storage.get_modified_time(n) < cutoff]


def sweep_orphans(*, dry_run: bool = False, now: datetime.datetime | None = None) -> list[str]:
    storage = document_storage()
    orphans = orphan_files(now=now)
    if not dry_run:
        for name in orphans:
            storage.delete(name)
    if orphans:
        logger.info(
            "claim document sweep: %d orphan file(s) %s",
            len(orphans),
            "found" if dry_run else "removed",
        )
    return orphans
