"""Publish a month's report as a stored revision that never changes (or a new, reasoned revision)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reports.management.commands.monthly_report import parse_month, parse_region
from reports.services import report_publish


class Command(BaseCommand):
    help = "Publish the monthly figures; --revise --reason '...' publishes a new revision."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM (Asia/Shanghai)")
        parser.add_argument("--region", help="region code (default: the whole deployment)")
        parser.add_argument("--revise", action="store_true", help="publish a new revision")
        parser.add_argument("--reason", default="", help="why the figures are revised")

    def handle(self, *args, **options):
        month = parse_month(options["month"])
        region = parse_region(options.get("region"))
        try:
            report = report_publish(
                month=month,
                region=region,
                by=None,
                revise=options["revise"],
                reason=options["reason"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Published {report.month:%Y-%m} {report.region_code or 'all regions'}, "
            f"revision {report.revision}."
        )
