"""Seekers (人员库): the register of people looking for gig work, their skills and seeking periods."""

from __future__ import annotations

import calendar
import datetime
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket import crypto
from gigmarket.masking import mask_mobile, mask_name
from gigmarket.models import TransitionLog
from seekers.querysets import (
    JobAlertQuerySet,
    JobAlertTargetQuerySet,
    SeekerQuerySet,
    SeekingPeriodQuerySet,
)

#: The version of the privacy notice people consent to; bump it when the notice changes.
PRIVACY_NOTICE_VERSION = "2026-01"


class PriorityGroup(models.TextChoices):
    """Groups served first (重点群体); several may apply to one person."""

    HARD_TO_EMPLOY = "hard_to_employ", _("Hard to employ")
    OLDER = "older", _("Older worker")
    DISABLED = "disabled", _("Person with a disability")
    LOW_INCOME = "low_income", _("Low income")
    RELOCATED = "relocated", _("Relocated from poverty areas")
    OUT_OF_POVERTY = "out_of_poverty", _("Lifted out of poverty")


class WorkNature(models.TextChoices):
    """Natures of gig work a person will take."""

    HOURLY = "hourly", _("Hourly")
    DAILY = "daily", _("Daily")
    SHORT_TERM = "short_term", _("Short-term")
    SEASONAL = "seasonal", _("Seasonal")
    PART_TIME = "part_time", _("Part-time")


class Weekday(models.TextChoices):
    MON = "mon", _("Mon")
    TUE = "tue", _("Tue")
    WED = "wed", _("Wed")
    THU = "thu", _("Thu")
    FRI = "fri", _("Fri")
    SAT = "sat", _("Sat")
    SUN = "sun", _("Sun")


class TimeSlot(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")


def last_day_of_month_after_next(day: datetime.date) -> datetime.date:
    """Registered 15 May → valid to 31 July (the seeking period's natural end)."""
    month_index = day.month - 1 + 2
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


class Seeker(models.Model):
    """A person in the register (求职人员): who they are, what work they want, where they are served."""

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    class Education(models.TextChoices):
        PRIMARY = "primary", _("Primary school or less")
        JUNIOR = "junior", _("Junior secondary")
        SENIOR = "senior", _("Senior secondary")
        VOCATIONAL = "vocational", _("Vocational school")
        COLLEGE = "college", _("College")
        BACHELOR = "bachelor", _("Bachelor or above")

    class Household(models.TextChoices):
        RURAL = "rural", _("Rural household")
        URBAN = "urban", _("Urban household")

    class Status(models.TextChoices):
        SEEKING = "seeking", _("Seeking work")
        WORKING = "working", _("Working")
        PAUSED = "paused", _("Paused")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Channel(models.TextChoices):
        WALK_IN = "walk_in", _("Walk-in at a station")
        SELF = "self", _("Self-registered online")
        IMPORT = "import", _("Imported")

    #: Allowed status changes (withdrawal has its own service: it also anonymises).
    TRANSITIONS = {
        Status.SEEKING: (Status.WORKING, Status.PAUSED),
        Status.WORKING: (Status.SEEKING, Status.PAUSED),
        Status.PAUSED: (Status.SEEKING, Status.WORKING),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("seeker number"), max_length=16, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="seeker_profile",
        verbose_name=_("online account"),
    )
    name = models.CharField(_("full name"), max_length=64)
    mobile = models.CharField(
        _("mobile"),
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        error_messages={"unique": _("This mobile number is already registered.")},
    )
    id_number_encrypted = models.TextField(blank=True, editable=False)
    id_number_hash = models.CharField(max_length=64, blank=True, editable=False)
    id_number_masked = models.CharField(_("ID number"), max_length=18, blank=True, editable=False)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    home_region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home region"),
    )
    address = models.CharField(_("home address"), max_length=200, blank=True)
    education = models.CharField(
        _("education"), max_length=16, choices=Education.choices, blank=True
    )
    household = models.CharField(
        _("household type"), max_length=8, choices=Household.choices, blank=True
    )
    priority_groups = models.JSONField(_("priority groups"), default=list, blank=True)
    # Wanted work.
    primary_occupation = models.ForeignKey(
        "gigmarket.Occupation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("main kind of work wanted"),
    )
    other_occupations = models.ManyToManyField(
        "gigmarket.Occupation", blank=True, related_name="+", verbose_name=_("other kinds of work")
    )
    intended_industry = models.ForeignKey(
        "gigmarket.Industry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intended industry"),
    )
    work_natures = models.JSONField(_("natures of work"), default=list, blank=True)
    available_days = models.JSONField(_("days available"), default=list, blank=True)
    available_slots = models.JSONField(_("hours available"), default=list, blank=True)
    min_daily_pay = models.DecimalField(
        _("lowest acceptable daily pay (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    travel_km = models.PositiveSmallIntegerField(
        _("how far they will travel (km)"), null=True, blank=True
    )
    home_station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seekers",
        verbose_name=_("home station"),
    )
    consent_version = models.CharField(_("privacy notice version"), max_length=16, blank=True)
    consent_at = models.DateTimeField(_("consented at"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SEEKING
    )
    channel = models.CharField(
        _("registered by"), max_length=16, choices=Channel.choices, default=Channel.WALK_IN
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    claim_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    claim_code_expires = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SeekerQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("seeker")
        verbose_name_plural = _("seekers")
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_hash"],
                condition=~models.Q(id_number_hash=""),
                name="seeker_unique_id_number",
            ),
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="seeker_unique_number"
            ),
            models.CheckConstraint(
                condition=models.Q(status="withdrawn") | models.Q(consent_at__isnull=False),
                name="seeker_consented_unless_withdrawn",
            ),
        ]
        indexes = [
            models.Index(fields=["home_station", "status"]),
            # The candidates pool reads seeking people newest first, tier by tier, and stops
            # after the rows it needs (jobs.ranking.register_pool).
            models.Index(
                fields=["-registered_at", "id"],
                condition=models.Q(status="seeking"),
                name="seeker_seeking_recent",
            ),
            models.Index(
                fields=["home_region", "-registered_at", "id"],
                condition=models.Q(status="seeking"),
                name="seeker_seeking_by_place",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or self.pk} {mask_name(self.name)}"

    def get_absolute_url(self) -> str:
        return reverse("seekers:seeker_detail", kwargs={"public_id": self.public_id})

    @property
    def id_number(self) -> str:
        """The full resident ID number (decrypted); only for viewers allowed to see it."""
        return crypto.decrypt(self.id_number_encrypted)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.mobile or "")

    @property
    def is_withdrawn(self) -> bool:
        return self.status == self.Status.WITHDRAWN

    @property
    def priority_group_labels(self) -> list[str]:
        labels = dict(PriorityGroup.choices)
        return [str(labels.get(g, g)) for g in self.priority_groups]

    def age_on(self, day: datetime.date) -> int | None:
        if not self.birth_date:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


class Skill(models.Model):
    """A skill a seeker has: the kind of work, the level, a certificate, years of experience."""

    class Level(models.TextChoices):
        NONE = "", _("No certificate")
        LEVEL5 = "5", _("Level 5 (junior)")
        LEVEL4 = "4", _("Level 4 (intermediate)")
        LEVEL3 = "3", _("Level 3 (senior)")
        LEVEL2 = "2", _("Level 2 (technician)")
        LEVEL1 = "1", _("Level 1 (senior technician)")

    seeker = models.ForeignKey(
        Seeker, on_delete=models.CASCADE, related_name="skills", verbose_name=_("seeker")
    )
    occupation = models.ForeignKey(
        "gigmarket.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kind of work"),
    )
    level = models.CharField(_("skill level"), max_length=2, choices=Level.choices, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    years = models.PositiveSmallIntegerField(_("years of experience"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "occupation"], name="one_skill_per_occupation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occupation} {self.get_level_display()}"


class SeekerTransition(TransitionLog):
    """A change of a seeker's status: who, when, from, to, why."""

    seeker = models.ForeignKey(Seeker, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("seeker status change")
        verbose_name_plural = _("seeker status changes")


class SeekingPeriod(models.Model):
    """A seeking period (求职登记有效期): what the monthly "applicants" figures count.

    Starts on the (Asia/Shanghai) date of a registration or renewal and runs to the last day of
    the month after next, unless ended earlier (withdrawal, long-term placement, renewal).
    """

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        RENEWAL = "renewal", _("Renewal")

    class EndReason(models.TextChoices):
        WITHDRAWN = "withdrawn", _("Withdrawn")
        PLACED = "placed", _("Placed in long-term work")
        RENEWED = "renewed", _("Renewed")

    seeker = models.ForeignKey(
        Seeker, on_delete=models.PROTECT, related_name="periods", verbose_name=_("seeker")
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.REGISTRATION
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("valid until"))
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended early"), max_length=16, choices=EndReason.choices, blank=True
    )
    primary_occupation = models.ForeignKey(
        "gigmarket.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("main kind of work"),
    )
    intended_industry = models.ForeignKey(
        "gigmarket.Industry",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intended industry"),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("station"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SeekingPeriodQuerySet.as_manager()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("seeking period")
        verbose_name_plural = _("seeking periods")
        indexes = [
            models.Index(fields=["start", "end"]),
            # The monthly report: periods overlapping a month end in it or later; a seeker's
            # later periods (the latest counts).
            models.Index(fields=["end"], name="period_end"),
            models.Index(fields=["seeker", "start"], name="period_seeker_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start} – {self.effective_end}"

    @property
    def effective_end(self) -> datetime.date:
        """The last day the period counts: its natural end, or the day it was ended early."""
        return self.ended_on if self.ended_on and self.ended_on < self.end else self.end

    def is_current(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start <= on <= self.effective_end


class JobAlert(models.Model):
    """What new jobs a seeker asked to be texted about (默认关闭), chosen from their registered
    intents: kinds of work, townships (none = anywhere in the county), lowest daily pay, days.

    At most one digest a day; ``at_once`` also texts a job that starts the same day as soon as it
    opens. Every switch on, change and switch off is in ``JobAlertConsent`` (who, when, how).
    """

    seeker = models.OneToOneField(
        Seeker, on_delete=models.CASCADE, related_name="job_alert", verbose_name=_("seeker")
    )
    active = models.BooleanField(_("alerts on"), default=False)
    occupations = models.ManyToManyField(
        "gigmarket.Occupation", related_name="+", verbose_name=_("kinds of work")
    )
    townships = models.ManyToManyField(
        "gigmarket.Region", related_name="+", blank=True, verbose_name=_("townships")
    )
    #: True when no township was chosen (kept so "who to alert" needs no outer join).
    any_township = models.BooleanField(_("anywhere in the county"), default=True)
    min_daily_pay = models.DecimalField(
        _("lowest daily pay (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    days = models.JSONField(_("days available"), default=list, blank=True)
    at_once = models.BooleanField(_("same-day jobs at once"), default=False)
    updated_at = models.DateTimeField(_("changed"), default=timezone.now)

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("job alert")
        verbose_name_plural = _("job alerts")
        indexes = [
            models.Index(
                fields=["any_township"], name="jobalert_active", condition=models.Q(active=True)
            )
        ]

    def __str__(self) -> str:
        return f"{self.seeker_id} {'on' if self.active else 'off'}"


class JobAlertConsent(models.Model):
    """One switch on, change or switch off of a seeker's job alerts: who, when, how, what."""

    class How(models.TextChoices):
        SELF = "self", _("On their own page")
        WINDOW = "window", _("At a station's window")
        LINK = "link", _("By the link in a message")

    seeker = models.ForeignKey(
        Seeker, on_delete=models.CASCADE, related_name="alert_consents", verbose_name=_("seeker")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    how = models.CharField(_("how"), max_length=8, choices=How.choices)
    active = models.BooleanField(_("alerts on"))
    summary = models.CharField(_("what was chosen"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("job alert consent")
        verbose_name_plural = _("job alert consents")

    def __str__(self) -> str:
        return f"{self.seeker_id} {self.at:%Y-%m-%d}"


class JobAlertTarget(models.Model):
    """One (kind of work, township) pair a switched-on alert asks for; township empty means
    anywhere. Written by ``job_alert_set`` from the alert's choices (and deleted when it is
    switched off), with the alert's pay, days and "at once" copied, so "who to alert for this job"
    is one index range per kind in this table alone (bench/alerts.py)."""

    alert = models.ForeignKey(JobAlert, on_delete=models.CASCADE, related_name="targets")
    occupation = models.ForeignKey(
        "gigmarket.Occupation", on_delete=models.CASCADE, related_name="+"
    )
    township = models.ForeignKey(
        "gigmarket.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Copied from the alert, so that the answer needs no other table.
    seeker = models.ForeignKey(Seeker, on_delete=models.CASCADE, related_name="+")
    min_daily_pay = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    days = models.JSONField(default=list, blank=True)
    at_once = models.BooleanField(default=False)

    objects = JobAlertTargetQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["occupation", "township"], name="alerttarget_kind_town")]

    def __str__(self) -> str:
        return f"{self.alert_id}:{self.occupation_id}:{self.township_id}"
