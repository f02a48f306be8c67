"""manage.py import_stations FILE: load the station registry from CSV/XLSX, idempotent by code."""

from django.core.management.base import BaseCommand, CommandError

from gigmarket.tabular import read_rows
from stations.services import station_import


class Command(BaseCommand):
    help = (
        "Import stations from a CSV or XLSX (columns: code, name, kind, region_code, address, focus, "
        "operating_mode, operator_name, latitude, longitude, datum, floor_area, service_phone, "
        "complaint_phone, facilities, services, hours, hours_note, opened_on, closed_on, active, "
        "naming_note). Re-importing the same file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; change nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            rows = list(read_rows(file))
        except (OSError, UnicodeDecodeError, KeyError, ValueError) as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        report = station_import(rows=rows, dry_run=dry_run)
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        self.stdout.write(
            f"{'dry run: ' if dry_run else ''}{report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged, {len(report.errors)} rejected"
        )
        if report.errors:
            raise CommandError(f"{len(report.errors)} rows rejected")
