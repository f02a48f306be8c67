"""Rotating FIELD_ENCRYPTION_KEY: re-encrypt personal fields and re-hash their lookup keys.

The operator puts the new key first and keeps the old one second
(``FIELD_ENCRYPTION_KEY=new,old``), restarts the site, then runs
``manage.py rotate_field_key``: every seeker's resident ID is decrypted (with either key),
encrypted under the new key and its lookup hash recomputed under it, in batches. Progress (the
last row done) is kept in private storage under the new key's fingerprint, so a stopped run goes
on where it stopped; each row is also checked, so a row already under the new key is left alone.
When the run reports nothing left, the old key can be taken out of the list. docs/operations.md
has the whole procedure.

One-time claim codes keep only a hash of a code nobody stored, so they cannot be re-hashed; they
keep working while the old key is listed (``crypto.lookup_hashes``) and expire after 30 days.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from gigmarket import crypto
from seekers.models import Seeker

logger = logging.getLogger("gigmarket.crypto")

#: (encrypted field, lookup-hash field, hash purpose) of each personal field kept encrypted.
ENCRYPTED_FIELDS = (("id_number_encrypted", "id_number_hash", "resident_id"),)


@dataclass
class Progress:
    """How far a rotation to one key has got."""

    key: str
    last_pk: int = 0
    rotated: int = 0
    current: int = 0
    unreadable: list[int] = field(default_factory=list)
    finished: bool = False

    @property
    def name(self) -> str:
        return f"key-rotation/{self.key}.json"

    def save(self) -> None:
        if default_storage.exists(self.name):
            default_storage.delete(self.name)
        default_storage.save(self.name, ContentFile(json.dumps(asdict(self)).encode()))

    @classmethod
    def load(cls, key: str) -> Progress:
        progress = cls(key=key)
        if default_storage.exists(progress.name):
            with default_storage.open(progress.name, "rb") as handle:
                progress = cls(**json.loads(handle.read()))
        return progress


def live_claim_codes() -> int:
    """One-time codes still valid: they work only while the old key stays listed."""
    return (
        Seeker.objects.exclude(claim_code_hash="")
        .filter(claim_code_expires__gt=timezone.now())
        .count()
    )


def rotate_field_key(
    *,
    batch: int = 500,
    dry_run: bool = False,
    restart: bool = False,
    max_batches: int | None = None,
) -> Progress:
    """Bring every encrypted field and lookup hash under the current key; resumable."""
    key = crypto.key_fingerprint()
    progress = Progress(key=key) if (restart or dry_run) else Progress.load(key)
    done_batches = 0
    rows = Seeker.objects.exclude(id_number_encrypted="").order_by("pk")
    while max_batches is None or done_batches < max_batches:
        chunk = list(
            rows.filter(pk__gt=progress.last_pk).values(
                "pk", *[f for f, _h, _p in ENCRYPTED_FIELDS], *[h for _f, h, _p in ENCRYPTED_FIELDS]
            )[:batch]
        )
        if not chunk:
            progress.finished = True
            break
        with transaction.atomic():
            for row in chunk:
                _rotate_row(row, progress, dry_run=dry_run)
        progress.last_pk = chunk[-1]["pk"]
        done_batches += 1
        if not dry_run:
            progress.save()
    if not dry_run:
        progress.save()
    logger.info(
        "key rotation to %s: %d rotated, %d already current, %d unreadable%s",
        key, progress.rotated, progress.current, len(progress.unreadable),
        " (dry run)" if dry_run else "",
    )  # fmt: skip
    return progress


def _rotate_row(row: dict, progress: Progress, *, dry_run: bool) -> None:
    changes: dict[str, str] = {}
    for encrypted, hashed, purpose in ENCRYPTED_FIELDS:
        token = row[encrypted]
        if not token:
            continue
        try:
            plain = crypto.decrypt(token)
        except crypto.InvalidToken:
            progress.unreadable.append(
                row["pk"]
            )  # its key is no longer listed: say so, touch nothing
            return
        new_hash = crypto.lookup_hash(plain, purpose=purpose)
        if not crypto.is_current(token):
            changes[encrypted] = crypto.encrypt(plain)
        if row[hashed] != new_hash:
            changes[hashed] = new_hash
    if not changes:
        progress.current += 1
        return
    progress.rotated += 1
    if not dry_run:
        # Only if the row is as read: a row the site changed meanwhile is already under the new key.
        unchanged = {f: row[f] for f in changes}
        Seeker.objects.filter(pk=row["pk"], **unchanged).update(**changes)
