"""Backups: a consistent database dump and a copy of the private files, named by time, and their retention.

One backup is a folder ``gigmarket-YYYYMMDD-HHMMSS`` (UTC) under the backup directory holding
``database.dump`` (``pg_dump -Fc``; on SQLite ``database.sqlite3`` through SQLite's online backup),
``media.tar`` (every file in private storage, local folder or S3 bucket alike) and
``manifest.json`` (what is inside: each table's row count in the dumped snapshot and a SHA-256 of
every file). The database is dumped first and
the files copied after: evidence is written before its row commits, so every row in the dump finds
its file in the copy (a file newer than the dump is at worst an orphan the sweep removes).

Retention keeps the newest backup of each of the last ``daily`` days and of the last ``monthly``
months; everything else is deleted. See docs/operations.md for restoring and the quarterly drill.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.utils import timezone

PREFIX = "gigmarket-"
STAMP = "%Y%m%d-%H%M%S"


def backup_name(at: datetime.datetime) -> str:
    return f"{PREFIX}{at.astimezone(datetime.UTC):{STAMP}}"


def backup_time(name: str) -> datetime.datetime | None:
    """When a backup folder was made, from its name; None for anything else in the folder."""
    if not name.startswith(PREFIX):
        return None
    try:
        return datetime.datetime.strptime(name[len(PREFIX) :], STAMP).replace(tzinfo=datetime.UTC)
    except ValueError:
        return None


def to_keep(
    times: Iterable[datetime.datetime], *, daily: int, monthly: int
) -> set[datetime.datetime]:
    """The backups the retention rule keeps: the newest of each of the last ``daily`` days that have
    a backup and the newest of each of the last ``monthly`` months that have one (UTC dates)."""
    newest_first = sorted(times, reverse=True)
    keep: set[datetime.datetime] = set()
    days: dict[datetime.date, datetime.datetime] = {}
    months: dict[tuple[int, int], datetime.datetime] = {}
    for at in newest_first:
        days.setdefault(at.date(), at)
        months.setdefault((at.year, at.month), at)
    keep.update(list(days.values())[:daily])
    keep.update(list(months.values())[:monthly])
    return keep


def prune(directory: Path, *, daily: int, monthly: int, dry_run: bool = False) -> list[Path]:
    """Delete the backup folders the retention rule does not keep; returns them."""
    found = {
        at: path
        for path in directory.iterdir()
        if path.is_dir() and (at := backup_time(path.name)) is not None
    }
    kept = to_keep(found, daily=daily, monthly=monthly)
    gone = [found[at] for at in sorted(found) if at not in kept]
    # A run killed half-way leaves a .partial- folder: gone once a later backup has completed.
    newest = max(found, default=None)
    gone += [
        path
        for path in sorted(directory.glob(f".partial-{PREFIX}*"))
        if newest is not None and (at := backup_time(path.name[len(".partial-") :])) and at < newest
    ]
    if not dry_run:
        for path in gone:
            shutil.rmtree(path)
    return gone


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield f"{prefix}{name}"
    for sub in sorted(folders):
        yield from _walk(storage, f"{prefix}{sub}")


def dump_database(target_dir: Path, *, alias: str = "default") -> tuple[Path, dict[str, int]]:
    """A consistent dump of one database into ``target_dir``: the file, and each table's row count
    in the very snapshot that was dumped (what a restore must give back)."""
    connection = connections[alias]
    params = connection.settings_dict
    if connection.vendor == "postgresql":
        target = target_dir / "database.dump"
        env = {**os.environ}
        if params.get("PASSWORD"):
            env["PGPASSWORD"] = str(params["PASSWORD"])
        command = ["pg_dump", "-Fc", "--no-owner", "--no-acl", "-f", str(target)]
        for flag, key in (("-h", "HOST"), ("-p", "PORT"), ("-U", "USER")):
            if params.get(key):
                command += [flag, str(params[key])]
        # One snapshot, held open by a transaction of our own connection, for the counts and for
        # pg_dump: while the site keeps writing, the counts describe exactly what the dump holds.
        own = connections.create_connection(alias)
        try:
            own.set_autocommit(False)
            with own.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                counts = _row_counts(
                    cursor, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
                subprocess.run(
                    [*command, f"--snapshot={snapshot}", str(params["NAME"])], check=True, env=env
                )
            own.rollback()
        finally:
            own.close()
        return target, counts
    if connection.vendor == "sqlite":
        target = target_dir / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            counts = _row_counts(
                copy.cursor(),
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            )
        finally:
            copy.close()
        return target, counts
    raise NotImplementedError(f"No backup for {connection.vendor} databases.")


def _row_counts(cursor, list_tables: str) -> dict[str, int]:
    cursor.execute(list_tables)
    counts = {}
    for (table,) in sorted(cursor.fetchall()):
        cursor.execute(f'SELECT count(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def copy_private_files(target: Path, *, storage: Storage = default_storage) -> dict[str, str]:
    """Every file in private storage into one tar; returns name → SHA-256."""
    sums: dict[str, str] = {}
    with tarfile.open(target, "w") as archive:
        for name in _walk(storage):
            with storage.open(name, "rb") as handle:
                body = handle.read()
            sums[name] = hashlib.sha256(body).hexdigest()
            info = tarfile.TarInfo(name)
            info.size = len(body)
            info.mtime = int(storage.get_modified_time(name).timestamp())
            info.mode = 0o640
            archive.addfile(info, io.BytesIO(body))
    return sums


def make_backup(directory: Path, *, now: datetime.datetime | None = None) -> Path:
    """Dump the database, then copy the private files, into a new folder named by time."""
    at = now or timezone.now()
    folder = directory / backup_name(at)
    partial = directory / f".partial-{folder.name}"
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True, mode=0o700)
    dump, counts = dump_database(partial)
    sums = copy_private_files(partial / "media.tar")
    manifest = {
        "made_at": at.isoformat(),
        "database": {"file": dump.name, "sha256": _sha256(dump), "rows": counts},
        "media": {"file": "media.tar", "files": sums},
    }
    (partial / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    partial.rename(folder)  # only a complete backup ever carries the gigmarket- name
    return folder


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
