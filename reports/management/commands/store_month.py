"""Count a month that has ended and store its counts for the report page's trend (StoredMonth)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from reports.management.commands.monthly_report import parse_month, parse_region
from reports.selectors import last_complete_month
from reports.services import store_month


class Command(BaseCommand):
    help = (
        "Store a month's counts for the 12-month trend (default: last month); run again after a "
        "correction typed in by hand, since only imports count stored months again by themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (Asia/Shanghai); default: last month")
        parser.add_argument("--region", help="region code (default: the whole deployment)")

    def handle(self, *args, **options):
        month = parse_month(options["month"]) if options.get("month") else last_complete_month()
        region = parse_region(options.get("region"))
        try:
            stored = store_month(month=month, region=region)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Stored the counts of {month} for {region.code if region else 'all regions'} "
            f"at {stored.computed_at:%Y-%m-%d %H:%M}."
        )
