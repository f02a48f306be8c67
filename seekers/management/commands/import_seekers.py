"""Import seekers from a CSV/XLSX file (see docs/seekers.md for the columns)."""

from django.core.management.base import BaseCommand, CommandError

from gigmarket.models import User
from gigmarket.tabular import read_rows
from seekers.services import IMPORT_COLUMNS, seeker_import


class Command(BaseCommand):
    help = "Import seekers from CSV/XLSX; idempotent by mobile/ID; reports bad rows by line number."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check and report, change nothing.")
        parser.add_argument("--by", default="", help="Username recorded as the registering staff member.")

    def handle(self, *args, file: str, dry_run: bool, by: str, **options):
        user = None
        if by:
            user = User.objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"No user named {by!r}.")
        try:
            rows = list(read_rows(file))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        if rows and "mobile" not in rows[0][1]:
            raise CommandError("Columns must include: " + ", ".join(IMPORT_COLUMNS))
        report = seeker_import(rows=rows, by=user, dry_run=dry_run)
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        prefix = "[dry run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}{report.created} created, {report.updated} renewed, {report.unchanged} unchanged, "
            f"{len(report.errors)} rejected"
        )
