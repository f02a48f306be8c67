"""Evidence files that no row points to (a request rolled back or killed mid-upload), and their sweep.

An evidence file is written before its row commits, so a committed row always has its file; a
request that dies in between leaves a file without a row. The sweep removes such files once they
are older than ``ORPHAN_MIN_AGE`` (an hour), so an upload still in flight is never touched. It runs
hourly on the schedule (``rights.tasks.sweep_evidence_orphans``) and by hand with
``manage.py sweep_evidence_orphans [--dry-run]``.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator

from django.core.files.storage import Storage
from django.utils import timezone

from rights.models import Evidence

logger = logging.getLogger("gigmarket.rights")

EVIDENCE_ROOT = "rights/evidence"
ORPHAN_MIN_AGE = datetime.timedelta(hours=1)


def evidence_storage() -> Storage:
    return Evidence._meta.get_field("file").storage


def _walk(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(storage, f"{folder}/{sub}")


def orphan_files(*, now: datetime.datetime | None = None) -> list[str]:
    """Evidence files older than an hour that no Evidence row names."""
    storage = evidence_storage()
    cutoff = (now or timezone.now()) - ORPHAN_MIN_AGE
    # Read the files first, the rows second: a row committed meanwhile is then still seen.
    candidates = list(_walk(storage, EVIDENCE_ROOT))
    known = set(Evidence.objects.values_list("file", flat=True))
    return [
        name
        for name in candidates
        if name not in known and storage.get_modified_time(name) < cutoff
    ]


def sweep_orphans(*, dry_run: bool = False, now: datetime.datetime | None = None) -> list[str]:
    """Delete evidence files no row points to (older than an hour); returns their names."""
    storage = evidence_storage()
    orphans = orphan_files(now=now)
    if not dry_run:
        for name in orphans:
            storage.delete(name)
    if orphans:
        logger.info(
            "evidence sweep: %d orphan file(s) %s", len(orphans), "found" if dry_run else "removed"
        )
    return orphans
