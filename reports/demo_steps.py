"""Demo data of the reports app: publish last month's figures for the demo county, once."""

from __future__ import annotations

from gigmarket import demo

DEMO_COUNTY = "520999"


@demo.register(90, "reports")
def seed_reports(say) -> None:
    """Publish last month's report for the demo county if there is anything to count (idempotent)."""
    from gigmarket.models import Region, User
    from reports.models import PublishedReport
    from reports.selectors import (
        active_applicant_periods,
        jobs_open_in,
        last_complete_month,
    )
    from reports.services import report_publish

    region = Region.objects.filter(code=DEMO_COUNTY).first()
    if region is None:
        say("reports: no demo county, nothing published")
        return
    month = last_complete_month()
    if PublishedReport.objects.for_region(region).filter(month=month.first).exists():
        say(f"reports: {month} already published")
        return
    if not (
        jobs_open_in(month, region).exists() or active_applicant_periods(month, region).exists()
    ):
        say(f"reports: no jobs or seekers in {month}, nothing published")
        return
    admin = User.objects.filter(username="admin").first()
    report = report_publish(month=month, region=region, by=admin)
    say(f"reports: published {month} for {region.name} (revision {report.revision})")
