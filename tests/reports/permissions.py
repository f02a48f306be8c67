"""Permission matrix rows for the reports app.

The public bulletin (published revisions only) is open to everyone. Computing, downloading and
publishing are for county admins only: station staff and reviewers work on cases, not on the
county's published statistics, and the auditor reads the audit log and nothing else (published
figures are public to them like to anyone)."""

from tests.permissions import LOGIN, Check, everyone

ADMIN_ONLY = {"anonymous": LOGIN, "admin": 200}


def _published(world):
    from reports.selectors import Month
    from reports.services import report_publish

    report = report_publish(month=Month.parse("2026-03"), region=None, by=world["admin"])
    return {"region": "all", "month": report.month_label}


CHECKS = [
    Check("reports:bulletin", everyone(200)),
    Check("reports:bulletin_detail", everyone(200), kwargs=_published),
    Check("reports:report_manage", ADMIN_ONLY, default=403, query="?month=2026-03"),
    Check("reports:report_chart", ADMIN_ONLY, default=403, query="?month=2026-03"),
    Check(
        "reports:report_download",
        ADMIN_ONLY,
        default=403,
        kwargs=lambda w: {"fmt": "xlsx"},
        query="?month=2026-03",
    ),
    Check(
        "reports:report_publish",
        {"anonymous": LOGIN, "admin": 302},
        default=403,
        method="post",
        data=lambda w: {"month": "2026-03"},
        note="a county admin publishes and is sent back to the report page",
    ),
]
