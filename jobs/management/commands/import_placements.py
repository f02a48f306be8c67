"""Import historical placements from a CSV/XLSX file; columns in docs/jobs.md."""

from django.core.management.base import BaseCommand, CommandError

from gigmarket.tabular import read_rows
from jobs.services import placement_import


class Command(BaseCommand):
    help = "Import historical placements from CSV or XLSX (idempotent: one per job and seeker)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check every row; save nothing.")

    def handle(self, *args, file, dry_run=False, **options):
        try:
            rows = list(read_rows(file))
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        report = placement_import(rows=rows, dry_run=dry_run)
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        prefix = "dry run: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.errors)} rejected"
        )
