"""Remove consent-slip files that no row points to (left by a killed or rolled-back upload)."""

from django.core.management.base import BaseCommand

from partners.orphans import sweep_orphans


class Command(BaseCommand):
    help = "Delete consent-slip files older than an hour that no referral points to."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List them; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        orphans = sweep_orphans(dry_run=dry_run)
        for name in orphans:
            self.stdout.write(f"{'would remove' if dry_run else 'removed'}: {name}")
        self.stdout.write(f"{len(orphans)} orphan file(s).")
