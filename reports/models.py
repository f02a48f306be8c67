"""Records of the reports app: published monthly reports (月度报表), one row per revision."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reports.querysets import PublishedReportQuerySet


class PublishedReport(models.Model):
    """One published revision of a month's figures for a region (None: the whole deployment).

    Rows are never updated or deleted: recomputing a published month makes a new revision, with a
    reason, and every revision stays visible.
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    revision = models.PositiveIntegerField(_("revision"), default=1)
    data = models.JSONField(_("figures"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    reason = models.TextField(_("reason for the revision"), blank=True)

    objects = PublishedReportQuerySet.as_manager()

    class Meta:
        ordering = ["-month", "region__code", "-revision"]
        verbose_name = _("published report")
        verbose_name_plural = _("published reports")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "region", "revision"],
                condition=models.Q(region__isnull=False),
                name="report_one_revision_number_per_region_month",
            ),
            models.UniqueConstraint(
                fields=["month", "revision"],
                condition=models.Q(region__isnull=True),
                name="report_one_revision_number_per_month",
            ),
            models.CheckConstraint(
                condition=models.Q(revision__gte=1), name="report_revision_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.region_code or '*'} r{self.revision}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("A published report is never changed: publish a revision."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return (
            reverse(
                "reports:bulletin_detail",
                kwargs={"region": self.region_code or "all", "month": self.month_label},
            )
            + f"?revision={self.revision}"
        )

    @property
    def region_code(self) -> str:
        return self.data.get("region") or ""

    @property
    def month_label(self) -> str:
        return f"{self.month:%Y-%m}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A published report is never deleted."))


class StoredMonth(models.Model):
    """A month's counts (openings and applicants by occupation, industry and station), stored once
    the month has ended so that the report page's 12-month trend reads 12 rows instead of
    recounting a year of jobs and seekers (月度汇总，供趋势图使用).

    Derived data, not a record anyone edits: ``reports.services.store_month`` writes it (the
    scheduled task on the 1st, the first page that needs it, and every import that changed rows,
    since an import can reach back into ended months); nothing else does.
    """

    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
    )
    cells = models.JSONField(
        _("counts"),
        help_text=_("{count: {dimension: [[key, n], …]}} as reports.selectors.cells counts them."),
    )
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("stored monthly counts")
        verbose_name_plural = _("stored monthly counts")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "region"],
                condition=models.Q(region__isnull=False),
                name="stored_month_one_per_region_month",
            ),
            models.UniqueConstraint(
                fields=["month"],
                condition=models.Q(region__isnull=True),
                name="stored_month_one_per_month",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.region_id or '*'}"
