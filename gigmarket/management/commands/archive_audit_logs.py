"""Archive access and change logs past the retention period to private storage, then delete them."""

from django.core.management.base import BaseCommand

from gigmarket.retention import archive_audit_logs, retention_days


class Command(BaseCommand):
    help = "Move access and change logs older than AUDIT_LOG_RETENTION_DAYS into gzip archives."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count them; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        done = archive_audit_logs(dry_run=dry_run)
        for item in done:
            self.stdout.write(f"{item.log}: {item.rows} row(s) → {item.name}")
        self.stdout.write(
            f"{sum(i.rows for i in done)} row(s) older than {retention_days()} days "
            f"{'would be archived' if dry_run else 'archived'}."
        )
