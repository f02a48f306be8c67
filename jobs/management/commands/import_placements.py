"""Import historical placements from a CSV/XLSX file; columns in docs/jobs.md."""

from gigmarket.management.importing import ImportCommand
from jobs.services import placement_import


class Command(ImportCommand):
    help = "Import historical placements from CSV or XLSX (idempotent: one per job and seeker)."

    def run_import(self, *, rows, dry_run, **options):
        return placement_import(rows=rows, dry_run=dry_run)
