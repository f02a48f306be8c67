"""manage.py backup: a dump and the private files in a folder named by time; dailies and monthlies kept."""

import datetime
import json
import shutil
import tarfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from gigmarket import backups

UTC = datetime.UTC


def _at(y, m, d, h=2):
    return datetime.datetime(y, m, d, h, 0, tzinfo=UTC)


def test_retention_keeps_the_newest_of_each_recent_day_and_month():
    # Twice a day through the whole of 2026 up to 15 November.
    times = []
    day = datetime.date(2026, 1, 1)
    while day <= datetime.date(2026, 11, 15):
        times += [_at(day.year, day.month, day.day, 2), _at(day.year, day.month, day.day, 14)]
        day += datetime.timedelta(days=1)
    kept = backups.to_keep(times, daily=7, monthly=6)
    dailies = {_at(2026, 11, d, 14) for d in range(9, 16)}
    monthlies = {_at(2026, 11, 15, 14)} | {
        _at(2026, m, d, 14) for m, d in ((10, 31), (9, 30), (8, 31), (7, 31), (6, 30))
    }
    assert kept == dailies | monthlies
    assert _at(2026, 11, 15, 2) not in kept  # only the newest of a day
    assert backups.to_keep([], daily=7, monthly=12) == set()


def test_prune_deletes_only_backups_outside_the_rule_and_nothing_else(tmp_path):
    for at in (_at(2026, 9, 1), _at(2026, 10, 1), _at(2026, 10, 2), _at(2026, 10, 3)):
        (tmp_path / backups.backup_name(at)).mkdir()
    (tmp_path / "notes").mkdir()
    (tmp_path / ".partial-gigmarket-20261001-030000").mkdir()  # a run killed half-way
    assert backups.prune(tmp_path, daily=2, monthly=1, dry_run=True) == [
        tmp_path / "gigmarket-20260901-020000",
        tmp_path / "gigmarket-20261001-020000",
        tmp_path / ".partial-gigmarket-20261001-030000",
    ]
    assert len(list(tmp_path.iterdir())) == 6
    backups.prune(tmp_path, daily=2, monthly=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gigmarket-20261002-020000",
        "gigmarket-20261003-020000",
        "notes",
    ]


@pytest.mark.django_db
def test_backup_holds_the_database_dump_and_every_private_file_with_its_checksum(
    tmp_path, settings
):
    if connection.vendor == "postgresql" and not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed (the PostgreSQL client)")
    settings.STORAGES = {**settings.STORAGES}  # a fresh in-memory storage
    default_storage.save("rights/evidence/2026/10/a.png", ContentFile(b"\x89PNG one"))
    default_storage.save("audit-archive/access/x.json.gz", ContentFile(b"gz"))
    call_command("backup", "--dest", str(tmp_path))
    [folder] = list(tmp_path.iterdir())
    assert backups.backup_time(folder.name) is not None
    manifest = json.loads((folder / "manifest.json").read_text())
    assert (folder / manifest["database"]["file"]).stat().st_size > 0
    # Row counts of the dumped snapshot, which the restore drill checks the restore against.
    assert "rights_evidence" in manifest["database"]["rows"]
    assert manifest["database"]["rows"]["gigmarket_region"] >= 0
    assert set(manifest["media"]["files"]) == {
        "rights/evidence/2026/10/a.png",
        "audit-archive/access/x.json.gz",
    }
    with tarfile.open(folder / "media.tar") as archive:
        member = archive.extractfile("rights/evidence/2026/10/a.png")
        assert member.read() == b"\x89PNG one"
