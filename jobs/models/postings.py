"""Jobs (岗位): employers (用工主体), job orders (用工需求), their review and lifecycle."""

from __future__ import annotations

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import TransitionLog
from jobs import listing
from jobs.querysets import EmployerQuerySet, JobQuerySet

#: Working days per month and hours per day used to turn pay into a daily figure (DESIGN.md).
DAYS_PER_MONTH = Decimal("21.75")
HOURS_PER_DAY = Decimal("8")


class Employer(models.Model):
    """An employer (用工主体): an enterprise, an individual or a household that needs workers."""

    class Kind(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise")
        INDIVIDUAL = "individual", _("Individual")
        HOUSEHOLD = "household", _("Household")

    class SuspensionReason(models.TextChoices):
        FRAUD = "fraud", _("Fraudulent posting")
        UNPAID_WAGES = "unpaid_wages", _("Unpaid wages")
        DISCRIMINATION = "discrimination", _("Discrimination")
        OTHER = "other", _("Other")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ENTERPRISE)
    name = models.CharField(_("name"), max_length=100)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        blank=True,
        db_index=True,
        help_text=_("18 characters, for enterprises."),
    )
    credit_code_override = models.CharField(
        _("reason for accepting a failing check character"), max_length=200, blank=True
    )
    contact_name = models.CharField(_("contact name"), max_length=32)
    contact_mobile = models.CharField(_("contact mobile"), max_length=11, db_index=True)
    region = models.ForeignKey(
        "gigmarket.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    industry = models.ForeignKey(
        "gigmarket.Industry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("industry"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employer",
        verbose_name=_("account"),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registering station"),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    suspended = models.BooleanField(_("suspended"), default=False)
    suspended_reason = models.CharField(
        _("suspension reason"), max_length=16, choices=SuspensionReason.choices, blank=True
    )
    suspended_note = models.CharField(_("suspension note"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~Q(credit_code=""),
                name="employer_unique_credit_code",
                # The service's wording too: a form that meets a record saved a moment ago by
                # another desk says the same as for an old one.
                violation_error_message=_(
                    "An employer with this credit code is already registered."
                ),
            ),
            models.CheckConstraint(
                condition=Q(suspended=False) | ~Q(suspended_reason=""),
                name="employer_suspension_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("jobs:employer_detail", kwargs={"uuid": self.uuid})

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class Job(models.Model):
    """A job order (岗位 / 用工需求): one posted need with a headcount, reviewed before it opens."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING = "pending", _("Pending review")
        REJECTED = "rejected", _("Rejected")
        OPEN = "open", _("Open")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    class Nature(models.TextChoices):
        HOURLY = "hourly", _("Hourly")
        DAILY = "daily", _("Daily")
        SHORT_TERM = "short_term", _("Short-term")
        SEASONAL = "seasonal", _("Seasonal")
        PART_TIME = "part_time", _("Part-time")

    class PayUnit(models.TextChoices):
        HOUR = "hour", _("per hour")
        DAY = "day", _("per day")
        PIECE = "piece", _("per piece")
        TASK = "task", _("per task")
        MONTH = "month", _("per month")

    class Insurance(models.TextChoices):
        NONE = "none", _("No insurance")
        EMPLOYER_ACCIDENT = "employer_accident", _("Employer buys accident insurance")
        PLATFORM_INJURY = "platform_injury", _("Occupational-injury protection (platform work)")
        OTHER = "other", _("Other")

    class Settlement(models.TextChoices):
        DAILY = "daily", _("Paid daily")
        WEEKLY = "weekly", _("Paid weekly")
        MONTHLY = "monthly", _("Paid monthly")
        ON_COMPLETION = "on_completion", _("Paid on completion")

    employer = models.ForeignKey(
        Employer, on_delete=models.PROTECT, related_name="jobs", verbose_name=_("employer")
    )
    title = models.CharField(_("title"), max_length=60)
    occupation = models.ForeignKey(
        "gigmarket.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kind of work"),
    )
    industry = models.ForeignKey(
        "gigmarket.Industry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("industry"),
    )
    nature = models.CharField(
        _("nature of work"), max_length=16, choices=Nature.choices, default=Nature.DAILY
    )
    content = models.TextField(_("work content"))
    skills = models.TextField(_("skill requirements"), blank=True)
    region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("place (township)"),
    )
    address = models.CharField(_("address"), max_length=200)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    work_hours = models.CharField(
        _("daily hours"), max_length=40, blank=True, help_text=_("For example 08:00–17:00.")
    )
    hours_per_day = models.DecimalField(
        _("hours per day"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.5"))],
    )
    headcount = models.PositiveIntegerField(
        _("headcount"), default=1, validators=[MinValueValidator(1)]
    )
    pay_min = models.DecimalField(
        _("pay"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("The amount, or the lower end of a range."),
    )
    pay_max = models.DecimalField(
        _("pay up to"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty for a fixed amount."),
    )
    pay_unit = models.CharField(
        _("pay unit"), max_length=8, choices=PayUnit.choices, default=PayUnit.DAY
    )
    pay_per_day = models.DecimalField(
        max_digits=9, decimal_places=2, null=True, blank=True, editable=False, db_index=True
    )
    settlement = models.CharField(
        _("pay settlement"), max_length=16, choices=Settlement.choices, default=Settlement.DAILY
    )
    meals = models.BooleanField(_("meals provided"), default=False)
    lodging = models.BooleanField(_("lodging provided"), default=False)
    transport = models.BooleanField(_("transport provided"), default=False)
    insurance_kind = models.CharField(
        _("insurance"),
        max_length=20,
        choices=Insurance.choices,
        default=Insurance.NONE,
        help_text=_("Accident cover for the people doing the work."),
    )
    insurer = models.CharField(_("insurer"), max_length=60, blank=True)
    insurance_cover = models.CharField(
        _("cover"),
        max_length=100,
        blank=True,
        help_text=_("For example: 500,000 yuan for death or disability, 50,000 for medical costs."),
    )
    insurance_note = models.CharField(
        _("other insurance"),
        max_length=60,
        blank=True,
        help_text=_("Say what it is when the insurance is “other”."),
    )
    contact_person = models.CharField(_("contact person"), max_length=32, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    publish_contact_phone = models.BooleanField(
        _("publish the contact phone"),
        default=False,
        help_text=_("Otherwise workers call the station that collected the job."),
    )
    valid_through = models.DateField(_("valid through"))
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="jobs",
        verbose_name=_("collecting station"),
    )
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("collected by"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    opened_at = models.DateTimeField(_("first opened"), null=True, blank=True, db_index=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    external_ref = models.CharField(
        _("external reference"), max_length=64, null=True, blank=True, unique=True
    )
    copied_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [
            models.Index(fields=["status", "-opened_at"]),
            # The public list's shapes: open jobs only (a tenth of the table, or less), newest
            # first. The first index carries every column a filter reads, so that the count and
            # a page's ids are an index-only scan whatever the filter; the others serve one kind
            # of work, township or station. Keywords: migration job_list_indexes.
            models.Index(
                fields=["-opened_at", "-id"],
                include=[
                    "valid_through",
                    "occupation",
                    "region",
                    "station",
                    "nature",
                    "pay_per_day",
                    "start_date",
                    "end_date",
                ],
                condition=Q(status="open"),
                name="job_open_recent",
            ),
            models.Index(
                fields=["occupation", "-opened_at", "-id"],
                condition=Q(status="open"),
                name="job_open_occupation",
            ),
            models.Index(
                fields=["region", "-opened_at", "-id"],
                condition=Q(status="open"),
                name="job_open_region",
            ),
            models.Index(
                fields=["station", "-opened_at", "-id"],
                condition=Q(status="open"),
                name="job_open_station",
            ),
            # The monthly report: jobs open in a month are valid through its first day or later.
            models.Index(fields=["valid_through"], name="job_valid_through"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(pay_max__isnull=True) | Q(pay_max__gte=models.F("pay_min")),
                name="job_pay_range_ordered",
            ),
            models.CheckConstraint(condition=Q(headcount__gte=1), name="job_headcount_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.pay_per_day = self.compute_pay_per_day()
        super().save(*args, **kwargs)
        listing.forget_lists()

    def get_absolute_url(self) -> str:
        return reverse("jobs:job_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.pay_max is not None and self.pay_min is not None and self.pay_max < self.pay_min:
            errors["pay_max"] = _("The upper end of the pay cannot be below the lower end.")
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.insurance_kind == self.Insurance.OTHER and not self.insurance_note.strip():
            errors["insurance_note"] = _("Say what the other insurance is.")
        if self.insurance_kind == self.Insurance.NONE and (self.insurer or self.insurance_cover):
            errors["insurance_kind"] = _(
                "Choose the kind of insurance the insurer and cover are for."
            )
        if errors:
            raise ValidationError(errors)

    def compute_pay_per_day(self) -> Decimal | None:
        """Pay normalised to a day (hour × hours/day or 8; month ÷ 21.75); none for piece/task."""
        if self.pay_min is None:
            return None
        amount = Decimal(self.pay_min)
        if self.pay_max is not None:
            amount = (amount + Decimal(self.pay_max)) / 2
        if self.pay_unit == self.PayUnit.HOUR:
            amount *= Decimal(self.hours_per_day or HOURS_PER_DAY)
        elif self.pay_unit == self.PayUnit.MONTH:
            amount /= DAYS_PER_MONTH
        elif self.pay_unit != self.PayUnit.DAY:
            return None
        return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)

    @property
    def pay_hourly_min(self) -> Decimal | None:
        """The lower end of pay per hour (for the minimum-wage check); none for piece/task."""
        amount = Decimal(self.pay_min)
        hours = Decimal(self.hours_per_day or HOURS_PER_DAY)
        if self.pay_unit == self.PayUnit.HOUR:
            return amount
        if self.pay_unit == self.PayUnit.DAY:
            return amount / hours
        if self.pay_unit == self.PayUnit.MONTH:
            return amount / DAYS_PER_MONTH / hours
        return None

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_taking_signups(self) -> bool:
        """Open and not past its valid-through date (even if ``expire_jobs`` has not run yet)."""
        return self.status == self.Status.OPEN and self.valid_through >= timezone.localdate()

    @property
    def has_started(self) -> bool:
        """The job's first day has come (Asia/Shanghai): people can be on duty from now on."""
        return self.start_date <= timezone.localdate()

    @property
    def shows_as_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.OPEN and self.valid_through < timezone.localdate()
        )

    @property
    def is_public(self) -> bool:
        """Whether the public job page exists (published at least once)."""
        return self.opened_at is not None and self.status in (
            self.Status.OPEN,
            self.Status.FILLED,
            self.Status.CLOSED,
            self.Status.EXPIRED,
        )

    @property
    def is_editable(self) -> bool:
        return self.status in (
            self.Status.DRAFT,
            self.Status.REJECTED,
            self.Status.OPEN,
            self.Status.PENDING,
        )

    @property
    def public_phone(self) -> str:
        """The number workers call: the collecting station's, or the employer's when published."""
        if self.publish_contact_phone and self.contact_phone:
            return self.contact_phone
        if self.station_id and self.station.service_phone:
            return self.station.service_phone
        return settings.SERVICE_HOTLINE

    @property
    def checked_text(self) -> str:
        """The free text the posting checker reads."""
        return "\n".join(
            part for part in (self.title, self.content, self.skills, self.insurance_note) if part
        )

    @property
    def has_insurance(self) -> bool:
        """The job states some accident cover (anything but "none")."""
        return self.insurance_kind != self.Insurance.NONE

    @property
    def insurance_text(self) -> str:
        """The insurance in one line for the job page and the feed: kind, insurer, cover."""
        kind = self.insurance_note if self.insurance_kind == self.Insurance.OTHER else ""
        parts = [kind or str(self.get_insurance_kind_display())]
        parts += [part for part in (self.insurer, self.insurance_cover) if part]
        return " · ".join(parts)


class EmployerLog(TransitionLog):
    """One change of an employer's standing (verified, suspended, suspension lifted): who, when, why."""

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="logs", verbose_name=_("employer")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("employer standing change")
        verbose_name_plural = _("employer standing changes")

    def __str__(self) -> str:
        return f"{self.employer_id}: {self.from_state} → {self.to_state}"


class JobTransition(TransitionLog):
    """One change of a job's status: who, when, from, to, why."""

    states = Job.Status

    job = models.ForeignKey(
        Job, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("job")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("job status change")
        verbose_name_plural = _("job status changes")

    def __str__(self) -> str:
        return f"{self.job_id}: {self.from_state} → {self.to_state}"


class PostingRule(models.Model):
    """A phrase rule of the posting checker, kept as data so the county admin can edit the list."""

    class Severity(models.TextChoices):
        BLOCK = "block", _("Block")
        WARN = "warn", _("Warn")

    category = models.CharField(_("category"), max_length=16)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    pattern = models.CharField(
        _("pattern"),
        max_length=1000,
        help_text=_(
            "A phrase or a regular expression, matched after removing spaces and folding full-width characters."
        ),
    )
    active = models.BooleanField(_("rule in use"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["severity", "category", "pk"]
        verbose_name = _("posting rule")
        verbose_name_plural = _("posting rules")
        constraints = [
            models.UniqueConstraint(fields=["category", "pattern"], name="posting_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.pattern}"

    def clean(self) -> None:
        import re

        try:
            re.compile(self.pattern)
        except re.error as error:
            raise ValidationError(
                {"pattern": _("This is not a valid pattern: %(e)s") % {"e": error}}
            ) from error
