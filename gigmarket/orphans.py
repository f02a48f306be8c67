"""Uploaded files that no row points to, and their sweep: one rule for every upload folder.

An upload is written to storage before its row commits, so a committed row always has its file;
a request that dies in between leaves a file without a row. The sweep removes such files once
they are older than ``ORPHAN_MIN_AGE`` (an hour), so an upload still in flight is never touched.
Each app with private uploads (complaint evidence, claim documents, consent slips) describes its
folder with an ``UploadFolder`` and runs ``sweep`` hourly from its tasks and by hand from its
command.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.files.storage import Storage
from django.db import models
from django.utils import timezone

ORPHAN_MIN_AGE = datetime.timedelta(hours=1)


def walk(storage: Storage, folder: str) -> Iterator[str]:
    """Every file's name below ``folder`` (nothing when the folder was never written)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing uploaded yet
        return
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from walk(storage, f"{folder}/{sub}")


@dataclass(frozen=True)
class UploadFolder:
    """The files under ``root`` that rows of ``model`` name in their ``field``."""

    model: type[models.Model]
    field: str
    root: str
    label: str  # for the log line, e.g. "evidence"
    logger: str = "gigmarket"

    def storage(self) -> Storage:
        return self.model._meta.get_field(self.field).storage

    def orphan_files(self, *, now: datetime.datetime | None = None) -> list[str]:
        """Files older than an hour that no row names."""
        storage = self.storage()
        cutoff = (now or timezone.now()) - ORPHAN_MIN_AGE
        # Read the files first, the rows second: a row committed meanwhile is then still seen.
        candidates = list(walk(storage, self.root))
        known = set(self.model.objects.values_list(self.field, flat=True))
        return [
            name
            for name in candidates
            if name not in known and storage.get_modified_time(name) < cutoff
        ]

    def sweep(self, *, dry_run: bool = False, now: datetime.datetime | None = None) -> list[str]:
        """Delete the orphan files (older than an hour); returns their names."""
        storage = self.storage()
        orphans = self.orphan_files(now=now)
        if not dry_run:
            for name in orphans:
                storage.delete(name)
        if orphans:
            logging.getLogger(self.logger).info(
                "%s sweep: %d orphan file(s) %s",
                self.label,
                len(orphans),
                "found" if dry_run else "removed",
            )
        return orphans
