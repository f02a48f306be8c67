"""manage.py backup: dump the database and copy the private files into a folder named by time."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gigmarket import backups


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump -Fc) and the private files into BACKUP_DIR/gigmarket-<time>/, "
        "then delete backups the retention rule does not keep (dailies and monthlies)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dest", default=settings.BACKUP_DIR, help="backup directory")
        parser.add_argument("--keep-daily", type=int, default=settings.BACKUP_KEEP_DAILY)
        parser.add_argument("--keep-monthly", type=int, default=settings.BACKUP_KEEP_MONTHLY)
        parser.add_argument("--no-prune", action="store_true", help="keep every old backup")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="make no backup; list the old backups the retention rule would delete",
        )

    def handle(self, *args, dest, keep_daily, keep_monthly, no_prune, dry_run, **options):
        if not dest:
            raise CommandError("Give --dest or set BACKUP_DIR.")
        if keep_daily < 1:
            raise CommandError("--keep-daily must be at least 1.")
        directory = Path(dest)
        if not dry_run:
            directory.mkdir(parents=True, exist_ok=True, mode=0o700)
            folder = backups.make_backup(directory)
            self.stdout.write(f"backup: {folder}")
        if no_prune or not directory.exists():
            return
        for path in backups.prune(
            directory, daily=keep_daily, monthly=keep_monthly, dry_run=dry_run
        ):
            self.stdout.write(f"{'would delete' if dry_run else 'deleted'}: {path}")
