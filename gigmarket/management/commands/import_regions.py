"""manage.py import_regions FILE: load a statistics-bureau style region list (code, name, parent_code)."""

from gigmarket.management.importing import ImportCommand
from gigmarket.services import region_import


class Command(ImportCommand):
    help = "Import regions from a CSV or XLSX with columns code, name, parent_code (idempotent by code)."
    fail_on_rejected_rows = True

    def run_import(self, *, rows, dry_run, **options):
        return region_import(rows=rows, dry_run=dry_run)
