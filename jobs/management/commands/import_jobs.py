"""Import jobs (with their employers) from a CSV/XLSX file; columns in docs/jobs.md."""

from gigmarket.management.importing import ImportCommand
from jobs.services import job_import


class Command(ImportCommand):
    help = "Import jobs with their employers from CSV or XLSX (idempotent by external_ref)."

    def run_import(self, *, rows, dry_run, **options):
        return job_import(rows=rows, dry_run=dry_run)
