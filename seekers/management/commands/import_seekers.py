"""Import seekers from a CSV/XLSX file (see docs/seekers.md for the columns)."""

from django.core.management.base import CommandError

from gigmarket.management.importing import ImportCommand
from gigmarket.models import User
from seekers.services import IMPORT_COLUMNS, seeker_import


class Command(ImportCommand):
    help = "Import seekers from CSV/XLSX; idempotent by mobile/ID; reports bad rows by line number."
    updated_word = "renewed"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--by", default="", help="Username recorded as the registering staff member."
        )

    def run_import(self, *, rows, dry_run, by="", **options):
        user = None
        if by:
            user = User.objects.filter(username=by).first()
            if user is None:
                raise CommandError(f"No user named {by!r}.")
        if rows and "mobile" not in rows[0][1]:
            raise CommandError("Columns must include: " + ", ".join(IMPORT_COLUMNS))
        return seeker_import(rows=rows, by=user, dry_run=dry_run)
