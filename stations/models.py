"""Stations (零工市场 / 零工驿站), their staff, and the service ledger (工作日志台账)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from stations.querysets import ServiceRecordQuerySet, StationQuerySet


class Station(models.Model):
    """A market (零工市场, ≥ 90 m², ≥ 3 staff) or a station (零工驿站, ≥ 7 m², ≥ 1 staff)."""

    class Kind(models.TextChoices):
        MARKET = "market", _("Gig market")
        STATION = "station", _("Gig station")

    code = models.SlugField(_("code"), max_length=32, unique=True,
                            help_text=_("Short and stable; used in imports and links."))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STATION)
    region = models.ForeignKey("gigmarket.Region", on_delete=models.PROTECT, related_name="stations",
                               verbose_name=_("region"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    service_phone = models.CharField(_("service phone"), max_length=32, blank=True)
    complaint_phone = models.CharField(_("complaint phone"), max_length=32, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("station")
        verbose_name_plural = _("stations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stations:station_detail", kwargs={"code": self.code})


class StationAssignment(models.Model):
    """A user working at a station, as staff or as its lead."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Staff")
        LEAD = "lead", _("Lead")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="station_assignments", verbose_name=_("user"))
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="assignments",
                                verbose_name=_("station"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.STAFF)
    active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "station"], name="one_assignment_per_user_station"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.station}"


class ServiceRecord(models.Model):
    """One service a station gave (工作日志台账): most are written by other services, some by hand."""

    class Kind(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        JOB_ORDER = "job_order", _("Job order")
        MATCHING = "matching", _("Matching")
        CONSULTATION = "consultation", _("Consultation")
        CAREER_GUIDANCE = "career_guidance", _("Career guidance")
        TRAINING_REFERRAL = "training_referral", _("Training referral")
        COMPLAINT_INTAKE = "complaint_intake", _("Complaint intake")
        RIGHTS_GUIDANCE = "rights_guidance", _("Rights guidance")
        FOLLOW_UP = "follow_up", _("Follow-up")
        OTHER = "other", _("Other")

    station = models.ForeignKey(Station, on_delete=models.PROTECT, related_name="service_records",
                                verbose_name=_("station"))
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                              blank=True, related_name="+", verbose_name=_("staff member"))
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    # About whom or what (optional): a label safe to show (masked), and a generic reference.
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    subject_label = models.CharField(_("about"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)

    objects = ServiceRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("service record")
        verbose_name_plural = _("service records")
        indexes = [models.Index(fields=["station", "at"]), models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.station} {self.get_kind_display()} {self.at:%Y-%m-%d}"
