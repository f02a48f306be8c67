"""manage.py import_regions FILE: load a statistics-bureau style region list (code, name, parent_code)."""

from django.core.management.base import BaseCommand, CommandError

from gigmarket.services import region_import
from gigmarket.tabular import read_rows


class Command(BaseCommand):
    help = "Import regions from a CSV or XLSX with columns code, name, parent_code (idempotent by code)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            rows = list(read_rows(file))
        except (OSError, UnicodeDecodeError, KeyError) as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        report = region_import(rows=rows, dry_run=dry_run)
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        self.stdout.write(
            f"{'dry run: ' if dry_run else ''}{report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.errors)} rejected"
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} rows rejected")
