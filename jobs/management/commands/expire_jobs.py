"""Expire open jobs past their valid-through date (safe to run every few minutes)."""

from django.core.management.base import BaseCommand

from jobs.services import expire_due_jobs


class Command(BaseCommand):
    help = "Expire open jobs whose valid-through date has passed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would expire; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        jobs = expire_due_jobs(dry_run=dry_run)
        for job in jobs:
            self.stdout.write(
                f"{'would expire' if dry_run else 'expired'}: #{job.pk} {job.title} (valid through {job.valid_through})"
            )
        self.stdout.write(f"{len(jobs)} job(s) {'due' if dry_run else 'expired'}.")
