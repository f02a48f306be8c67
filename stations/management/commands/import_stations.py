"""manage.py import_stations FILE: load the station registry from CSV/XLSX, idempotent by code."""

from gigmarket.management.importing import ImportCommand
from stations.services import station_import


class Command(ImportCommand):
    help = (
        "Import stations from a CSV or XLSX (columns: code, name, kind, region_code, address, focus, "
        "operating_mode, operator_name, latitude, longitude, datum, floor_area, service_phone, "
        "complaint_phone, facilities, services, hours, hours_note, opened_on, closed_on, active, "
        "naming_note). Re-importing the same file changes nothing."
    )
    fail_on_rejected_rows = True

    def run_import(self, *, rows, dry_run, **options):
        return station_import(rows=rows, dry_run=dry_run)
