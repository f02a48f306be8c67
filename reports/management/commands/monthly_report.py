"""Compute a month's report (求人倍率, wage prices, service figures) and print or save it."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from gigmarket.models import Region
from reports import exports
from reports.selectors import Month, monthly_report


def parse_month(text: str) -> Month:
    try:
        return Month.parse(text)
    except ValueError as error:
        raise CommandError(f"--month must look like 2026-10, got {text!r}") from error


def parse_region(code: str | None) -> Region | None:
    if not code:
        return None
    region = Region.objects.filter(code=code.strip()).first()
    if region is None:
        raise CommandError(f"No region with code {code!r}.")
    return region


class Command(BaseCommand):
    help = "Compute the monthly figures for a month and region; JSON to stdout by default."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help="YYYY-MM (Asia/Shanghai)")
        parser.add_argument("--region", help="region code (default: the whole deployment)")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="write to this file instead of stdout")

    def handle(self, *args, **options):
        month = parse_month(options["month"])
        region = parse_region(options.get("region"))
        if options["format"] == "xlsx" and not options.get("output"):
            raise CommandError("--format xlsx needs --output PATH.")
        report = monthly_report(month=month, region=region)
        body = {"json": exports.as_json, "csv": exports.as_csv, "xlsx": exports.as_xlsx}[
            options["format"]
        ](report)
        if options.get("output"):
            with open(options["output"], "wb") as handle:
                handle.write(body)
            self.stderr.write(f"Wrote {options['output']} ({len(body)} bytes).")
        else:
            self.stdout.write(body.decode("utf-8"), ending="\n")
