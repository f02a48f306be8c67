"""The shape every spreadsheet import command shares: read the file, hand the rows to the app's
import service (the one door), print each rejected row with its line number and a summary.

Each import service runs every row inside ``report.row(line)`` (``gigmarket.tabular.RowGuard``):
its own savepoint, so a row the rules or the database refuse is reported and the rest go in."""

from __future__ import annotations

import csv
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gigmarket.tabular import ImportReport, read_rows

#: Called as ``hook(since=<when the import began>)`` after an import that created or changed
#: rows. Upper apps register here from their AppConfig.ready (reports counts again the stored
#: monthly figures, since an import can carry dates in months that have ended).
AFTER_IMPORT: list[Callable[..., object]] = []


class ImportCommand(BaseCommand):
    """Subclasses set ``help`` and implement ``run_import``; ``--dry-run`` changes nothing."""

    #: Exit non-zero when any row was rejected (the good rows are still imported).
    fail_on_rejected_rows = False
    #: How the summary names updated rows (e.g. "renewed" for seekers).
    updated_word = "updated"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report every row; change nothing."
        )

    def run_import(self, *, rows: list, dry_run: bool, **options) -> ImportReport:
        raise NotImplementedError

    def handle(self, *args, file, dry_run=False, **options):
        try:
            rows = list(read_rows(file))
        except (OSError, UnicodeDecodeError, KeyError, ValueError, csv.Error) as error:
            raise CommandError(f"cannot read {file}: {error}") from error
        started = timezone.now()
        report = self.run_import(rows=rows, dry_run=dry_run, **options)
        if not dry_run and (report.created or report.updated):
            for hook in AFTER_IMPORT:
                hook(since=started)
        for line, message in report.errors:
            self.stderr.write(f"line {line}: {message}")
        self.stdout.write(
            f"{'dry run: ' if dry_run else ''}{report.created} created, "
            f"{report.updated} {self.updated_word}, {report.unchanged} unchanged, "
            f"{len(report.errors)} rejected"
        )
        if report.errors and self.fail_on_rejected_rows:
            raise CommandError(f"{len(report.errors)} rows rejected")
