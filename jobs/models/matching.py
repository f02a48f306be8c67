"""Matching (即时快招): placements of seekers on jobs, the station waiting list (候工登记),
and the notification outbox."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import TransitionLog
from jobs.models.postings import DAYS_PER_MONTH, HOURS_PER_DAY, Job
from jobs.querysets import PlacementQuerySet, WaitingEntryQuerySet


class Placement(models.Model):
    """One seeker on one job (匹配/派单): how it started, where it stands, what was agreed and paid."""

    class Origin(models.TextChoices):
        APPLIED = "applied", _("Signed up")
        RECOMMENDED = "recommended", _("Dispatched by staff")
        IMPORTED = "imported", _("Imported")
        REHIRE = "rehire", _("Asked again by the employer")

    class State(models.TextChoices):
        APPLIED = "applied", _("Signed up")
        RECOMMENDED = "recommended", _("Recommended")
        CONFIRMED = "confirmed", _("Confirmed")
        ON_DUTY = "on_duty", _("On duty")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")
        NO_SHOW = "no_show", _("No-show")
        CANCELLED = "cancelled", _("Cancelled")

    job = models.ForeignKey(
        Job, on_delete=models.PROTECT, related_name="placements", verbose_name=_("job")
    )
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("seeker"),
    )
    origin = models.CharField(_("how it started"), max_length=16, choices=Origin.choices)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.APPLIED, db_index=True
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
        verbose_name=_("handling station"),
    )
    confirmed_at = models.DateTimeField(_("first confirmed"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    start_date = models.DateField(_("work started"), null=True, blank=True)
    end_date = models.DateField(_("work ended"), null=True, blank=True)
    pay_amount = models.DecimalField(
        _("agreed pay"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    pay_unit = models.CharField(
        _("pay unit"), max_length=8, choices=Job.PayUnit.choices, blank=True
    )
    pay_per_day = models.DecimalField(
        _("agreed pay per day"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
    )
    paid_amount = models.DecimalField(
        _("amount paid"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    paid_in_full = models.BooleanField(_("paid in full"), null=True, blank=True)
    paid_on_time = models.BooleanField(_("paid on time"), null=True, blank=True)
    actual_days = models.DecimalField(
        _("days worked"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    actual_hours = models.DecimalField(
        _("hours worked"),
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    result_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("result confirmed by"),
    )
    result_confirmed_at = models.DateTimeField(_("result confirmed at"), null=True, blank=True)
    # The seeker's own side of the result, from the phone.
    seeker_confirmed_at = models.DateTimeField(
        _("confirmed by the worker at"), null=True, blank=True
    )
    seeker_says_paid = models.BooleanField(_("worker says paid in full"), null=True, blank=True)
    seeker_note = models.CharField(_("worker's note"), max_length=200, blank=True)
    # The employer's side of the result, from its "my placements" page.
    employer_confirmed_at = models.DateTimeField(
        _("confirmed by the employer at"), null=True, blank=True
    )
    employer_says_paid = models.BooleanField(_("employer says paid in full"), null=True, blank=True)
    external_ref = models.CharField(
        _("external reference"), max_length=64, null=True, blank=True, unique=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = PlacementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        indexes = [
            models.Index(fields=["seeker", "state"]),
            models.Index(fields=["job", "state"]),
            models.Index(fields=["state", "completed_at"]),
            # The monthly report: a month's confirmations and completions, and each job's
            # confirmations before a month (reports/selectors.py).
            models.Index(fields=["confirmed_at"], name="placement_confirmed_at"),
            models.Index(fields=["completed_at"], name="placement_completed_at"),
            models.Index(fields=["job", "confirmed_at"], name="placement_job_confirmed_at"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["job", "seeker"], name="placement_one_per_job_seeker"),
            models.CheckConstraint(
                condition=Q(paid_amount__isnull=True) | Q(paid_amount__gte=0),
                name="placement_paid_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job_id}/{self.seeker_id} {self.get_state_display()}"

    def save(self, *args, **kwargs) -> None:
        self.pay_per_day = self.compute_pay_per_day()
        super().save(*args, **kwargs)

    def compute_pay_per_day(self) -> Decimal | None:
        """Agreed pay normalised to a day exactly as jobs are: hour × 8, day × 1, month ÷ 21.75."""
        if self.pay_amount is None:
            return None
        amount = Decimal(self.pay_amount)
        if self.pay_unit == Job.PayUnit.HOUR:
            amount *= HOURS_PER_DAY
        elif self.pay_unit == Job.PayUnit.MONTH:
            amount /= DAYS_PER_MONTH
        elif self.pay_unit != Job.PayUnit.DAY:
            return None
        return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def counts_toward_headcount(self) -> bool:
        return self.state in CONFIRMED_OR_LATER

    @property
    def is_active(self) -> bool:
        """Still in play (not declined, no-show or cancelled, not yet completed)."""
        return self.state in (
            self.State.APPLIED,
            self.State.RECOMMENDED,
            self.State.CONFIRMED,
            self.State.ON_DUTY,
        )

    @property
    def looks_unpaid(self) -> bool:
        """Completed, and either side says the pay did not come in full."""
        return self.state == self.State.COMPLETED and (
            self.paid_in_full is False or self.seeker_says_paid is False
        )


#: The states that count against a job's headcount ("confirmed or later").
CONFIRMED_OR_LATER = (
    Placement.State.CONFIRMED,
    Placement.State.ON_DUTY,
    Placement.State.COMPLETED,
)


class PlacementTransition(TransitionLog):
    """One change of a placement's state: who, when, from, to, why."""

    states = Placement.State

    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("placement")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("placement state change")
        verbose_name_plural = _("placement state changes")

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.from_state} → {self.to_state}"


class WaitingEntry(models.Model):
    """A seeker signed in at a station today, waiting for work (候工登记), with a queue number."""

    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="waiting_entries",
        verbose_name=_("station"),
    )
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.CASCADE,
        related_name="waiting_entries",
        verbose_name=_("seeker"),
    )
    day = models.DateField(_("day"))
    queue_number = models.PositiveIntegerField(_("queue number"))
    signed_in_at = models.DateTimeField(_("signed in at"), default=timezone.now)
    signed_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed in by"),
    )

    objects = WaitingEntryQuerySet.as_manager()

    class Meta:
        ordering = ["day", "station", "queue_number"]
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting list")
        constraints = [
            models.UniqueConstraint(
                fields=["station", "day", "seeker"], name="waiting_once_per_station_day"
            ),
            models.UniqueConstraint(
                fields=["station", "day", "queue_number"], name="waiting_queue_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["day", "station"])]

    def __str__(self) -> str:
        return f"{self.day} #{self.queue_number}"


class AlertMatch(models.Model):
    """A new job that matched a seeker's job alert, waiting for (or sent in) their daily digest.

    ``digest`` is the unguessable name of the digest it went in: the digest's link lists its jobs
    without a login (``/jobs/alerts/<digest>/``)."""

    seeker = models.ForeignKey(
        "seekers.Seeker", on_delete=models.CASCADE, related_name="+", verbose_name=_("seeker")
    )
    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="alert_matches", verbose_name=_("job")
    )
    at = models.DateTimeField(_("matched at"), default=timezone.now)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    digest = models.CharField(max_length=16, blank=True, db_index=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("job alert match")
        verbose_name_plural = _("job alert matches")
        constraints = [
            models.UniqueConstraint(fields=["seeker", "job"], name="alertmatch_once_per_job")
        ]
        indexes = [
            models.Index(
                fields=["seeker"], name="alertmatch_waiting", condition=Q(sent_on__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.seeker_id}:{self.job_id}"
