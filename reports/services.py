"""Writes of the reports app: publishing a month's figures (the one door; never in place)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gigmarket.logging import scrub
from gigmarket.models import Region, User
from reports.models import PublishedReport
from reports.selectors import Month, last_complete_month, monthly_report


def _figures(data: dict) -> dict:
    """The published figures without the moment they were computed (for "did anything change")."""
    return {k: v for k, v in data.items() if k != "generated_at"}


def refuse_unfinished(month: Month) -> None:
    """Refuse a month that has not ended yet (Asia/Shanghai): its figures are still moving, and a
    future month would be published as zeros."""
    if not month.has_ended():
        raise ValidationError(
            {
                "month": _(
                    "%(month)s has not ended yet: only a month that has ended (Beijing time) can "
                    "be published. The latest month you can publish is %(last)s."
                )
                % {"month": month, "last": last_complete_month()}
            },
            code="month_not_ended",
        )


@transaction.atomic
def report_publish(
    *,
    month: Month,
    region: Region | None,
    by: User | None,
    revise: bool = False,
    reason: str = "",
) -> PublishedReport:
    """Compute and publish a month's report for a region as a new, never-changing revision.

    The first publication needs no reason; publishing again needs ``revise`` and a reason, and is
    refused when the figures are the same as the latest revision's.
    """
    refuse_unfinished(month)
    reason = scrub(reason.strip())  # shown on the public bulletin: no mobiles or ID numbers
    existing = PublishedReport.objects.for_region(region).filter(month=month.first)
    latest = existing.select_for_update().order_by("-revision").first()
    if latest is not None and not revise:
        raise ValidationError(
            _(
                "%(month)s is already published (revision %(revision)s). To change it, publish a "
                "revision and say why."
            )
            % {"month": month, "revision": latest.revision},
            code="already_published",
        )
    if latest is None and revise:
        raise ValidationError(
            _("%(month)s has not been published yet: publish it first.") % {"month": month},
            code="nothing_to_revise",
        )
    if revise and not reason:
        raise ValidationError(
            {"reason": _("Please say why the published figures are being revised.")},
            code="reason_required",
        )
    data = monthly_report(month=month, region=region)
    if latest is not None and _figures(latest.data) == _figures(data):
        raise ValidationError(
            _("The figures are the same as revision %(revision)s: nothing to revise.")
            % {"revision": latest.revision},
            code="unchanged",
        )
    report = PublishedReport(
        month=month.first,
        region=region,
        revision=(latest.revision + 1) if latest else 1,
        data=data,
        published_by=by,
        reason=reason,
    )
    try:
        with transaction.atomic():  # two admins publishing the same first revision at once
            report.full_clean()
            report.save()
    except (IntegrityError, ValidationError) as error:
        if (
            PublishedReport.objects.for_region(region)
            .filter(month=month.first, revision=report.revision)
            .exists()
        ):
            raise ValidationError(
                _("Someone has just published revision %(revision)s of %(month)s; reload the page.")
                % {"revision": report.revision, "month": month},
                code="already_published",
            ) from error
        raise
    return report
