"""Writes of the reports app: publishing a month's figures (the one door; never in place), and
the stored monthly counts that the 12-month trend reads (``store_month``)."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gigmarket.logging import scrub
from gigmarket.models import Region, User
from reports.models import PublishedReport, StoredMonth
from reports.selectors import (
    Month,
    cells,
    last_complete_month,
    monthly_report,
    series_months,
    stored_months,
    trend,
)

logger = logging.getLogger(__name__)


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


# --- stored monthly counts (the trend's source) ----------------------------------------------


@transaction.atomic
def store_month(*, month: Month, region: Region | None) -> StoredMonth:
    """Count a month that has ended and store its counts for the trend, replacing what was
    stored for it (the scheduled task calls this on the 1st for the month before; an import
    that changed rows calls it again for the months it may have reached).

    Only a month that has ended: the running month's counts still move.
    """
    if not month.has_ended():
        raise ValueError(f"{month} has not ended yet: its counts still move")
    counted = cells(month, region).as_json()
    rows = StoredMonth.objects.select_for_update().filter(month=month.first)
    rows = rows.filter(region=region) if region is not None else rows.filter(region__isnull=True)
    stored = rows.first()
    if stored is None:
        stored = StoredMonth(month=month.first, region=region, cells=counted)
        try:
            with transaction.atomic():  # another worker storing the same month at once
                # The unique constraints are the database's to check (a race is the point).
                stored.full_clean(validate_unique=False, validate_constraints=False)
                stored.save()
        except IntegrityError:
            stored = rows.get()
        else:
            logger.info("stored monthly counts for %s, region %s", month, stored.region_id or "*")
            return stored
    stored.cells = counted
    stored.computed_at = timezone.now()
    stored.save(update_fields=["cells", "computed_at"])
    logger.info("stored monthly counts for %s, region %s", month, region.code if region else "*")
    return stored


def trend_figures(*, month: Month, region: Region | None) -> dict:
    """The report page's 12-month trend, storing first the counts of any month in it that has
    ended and is neither published nor stored yet (so each month is counted once, by whichever
    gunicorn worker or task gets there first, and every worker then reads the same rows)."""
    series = series_months(month)
    published = set(
        f"{m:%Y-%m}"
        for m in PublishedReport.objects.latest_revisions()
        .for_region(region)
        .filter(month__in=[m.first for m in series])
        .values_list("month", flat=True)
    )
    stored = stored_months([m for m in series if str(m) not in published], region)
    for m in series:
        if m.has_ended() and str(m) not in published and str(m) not in stored:
            store_month(month=m, region=region)
    return trend(month=month, region=region)


def restore_after_import(*, since: datetime.datetime) -> int:
    """After an import that created or changed rows (registered with the kernel's import
    command): an import can carry dates in months that have ended, so every stored month is
    dropped, and those in the last 12 months are counted again at once; older ones are counted
    when a page next needs them. Returns how many months were counted again."""
    stored = list(StoredMonth.objects.select_related("region").order_by("month"))
    if not stored:
        return 0
    oldest = series_months(last_complete_month())[0].first
    StoredMonth.objects.filter(pk__in=[s.pk for s in stored]).delete()
    again = 0
    for row in stored:
        if row.month >= oldest:
            store_month(month=Month(row.month), region=row.region)
            again += 1
    logger.info("import since %s: %d stored months counted again", since.isoformat(), again)
    return again
