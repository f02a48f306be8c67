"""Evidence files that no row points to, and their sweep (the kernel's rule, ``gigmarket.orphans``).

Hourly on the schedule (``rights.tasks.sweep_evidence_orphans``) and by hand with
``manage.py sweep_evidence_orphans [--dry-run]``.
"""

from __future__ import annotations

import datetime

from django.core.files.storage import Storage
from django.utils import timezone

from gigmarket.orphans import ORPHAN_MIN_AGE, UploadFolder  # noqa: F401 — re-exported
from rights.models import Evidence

EVIDENCE_ROOT = "rights/evidence"
EVIDENCE = UploadFolder(Evidence, "file", EVIDENCE_ROOT, "evidence", "gigmarket.rights")


def evidence_storage() -> Storage:
    return EVIDENCE.storage()


def orphan_files(*, now: datetime.datetime | None = None) -> list[str]:
    """Evidence files older than an hour that no Evidence row names."""
    return EVIDENCE.orphan_files(now=now or timezone.now())


def sweep_orphans(*, dry_run: bool = False, now: datetime.datetime | None = None) -> list[str]:
    """Delete evidence files no row points to (older than an hour); returns their names."""
    return EVIDENCE.sweep(dry_run=dry_run, now=now or timezone.now())
