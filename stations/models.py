"""Stations (零工市场 / 零工驿站), their staff, opening hours, the service ledger and evaluations."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import TransitionLog
from stations.querysets import (
    ServiceRecordQuerySet,
    StationEvaluationQuerySet,
    StationQuerySet,
)

#: Codes that would clash with the stations app's own pages (/stations/<code>/).
RESERVED_CODES = frozenset({"registry", "gaps", "evaluations", "new"})

#: A published phone: a landline with area code, a mobile or a hotline such as 12333.
PHONE_RE = re.compile(r"\+?[0-9][0-9\-() ]{2,30}")

#: Minimum floor area (m²) and assigned staff by kind (Chongqing 2024 service standard §4, §14).
MINIMUMS = {"market": (Decimal("90"), 3), "station": (Decimal("7"), 1)}


class Station(models.Model):
    """A market (零工市场, ≥ 90 m², ≥ 3 staff) or a station (零工驿站, ≥ 7 m², ≥ 1 staff)."""

    class Kind(models.TextChoices):
        MARKET = "market", _("Gig market")
        STATION = "station", _("Gig station")

    class OperatingMode(models.TextChoices):
        BUREAU = "bureau", _("Run by the bureau")
        CENTRE_WINDOW = "centre_window", _("A window in the employment-service centre")
        CONTRACTED = "contracted", _("Contracted out")

    class Datum(models.TextChoices):
        WGS84 = "wgs84", _("WGS84 (GPS)")
        GCJ02 = "gcj02", _("GCJ-02 (Chinese web maps)")

    class Facility(models.TextChoices):
        DRINKING_WATER = "drinking_water", _("Drinking water")
        FIRST_AID = "first_aid", _("First-aid kit")
        PHONE_CHARGING = "phone_charging", _("Phone charging")
        REST_SEATS = "rest_seats", _("Rest seats")
        AIR_CONDITIONING = "air_conditioning", _("Air conditioning")
        TOOL_LENDING = "tool_lending", _("Tool storage and lending")
        PARKING = "parking", _("Parking")
        BIG_SCREEN = "big_screen", _("Job information screen")
        NOTICE_BOARD = "notice_board", _("Notice board")
        SELF_SERVICE_KIOSK = "self_service_kiosk", _("Self-service kiosk")
        ACCESSIBLE_ENTRANCE = "accessible_entrance", _("Accessible entrance")
        TOILET = "toilet", _("Toilet")
        WIFI = "wifi", _("Free Wi-Fi")

    class Service(models.TextChoices):
        JOB_SEEKER_REGISTRATION = "seeker_registration", _("Job-seeker registration")
        JOB_POSTING = "job_posting", _("Job posting for employers")
        INSTANT_HIRE = "instant_hire", _("Instant quick hire")
        POLICY_CONSULTATION = "policy_consultation", _("Employment policy advice")
        CAREER_GUIDANCE = "career_guidance", _("Career guidance")
        TRAINING_REFERRAL = "training_referral", _("Training information and referral")
        RIGHTS_PROTECTION = "rights_protection", _("Rights protection and complaints")
        ENTREPRENEURSHIP = "entrepreneurship", _("Business start-up services")
        INSURANCE_GUIDANCE = (
            "insurance_guidance",
            _("Accident and occupational injury insurance advice"),
        )
        RECRUITMENT_EVENTS = "recruitment_events", _("Recruitment events")

    code = models.SlugField(
        _("code"),
        max_length=32,
        unique=True,
        help_text=_("Short and stable; used in imports and links."),
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.STATION)
    focus = models.CharField(
        _("focus"),
        max_length=32,
        blank=True,
        help_text=_("The industry or group it mainly serves, e.g. 家政 or 建筑; part of the name."),
    )
    operating_mode = models.CharField(
        _("operating mode"),
        max_length=16,
        choices=OperatingMode.choices,
        default=OperatingMode.BUREAU,
    )
    operator_name = models.CharField(
        _("operator"),
        max_length=100,
        blank=True,
        help_text=_("The organisation running a contracted-out site."),
    )
    region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.PROTECT,
        related_name="stations",
        verbose_name=_("region"),
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    datum = models.CharField(
        _("coordinate datum"),
        max_length=8,
        choices=Datum.choices,
        default=Datum.GCJ02,
        help_text=_("Coordinates picked on a Chinese web map are GCJ-02; a GPS reading is WGS84."),
    )
    floor_area = models.DecimalField(
        _("floor area (m²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    service_phone = models.CharField(_("service phone"), max_length=32, blank=True)
    complaint_phone = models.CharField(_("complaint phone"), max_length=32, blank=True)
    facilities = models.JSONField(_("facilities"), default=list, blank=True)
    services = models.JSONField(_("services offered"), default=list, blank=True)
    hours_note = models.CharField(
        _("note on hours"),
        max_length=100,
        blank=True,
        help_text=_("Shown under the opening hours, e.g. closed on public holidays."),
    )
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    naming_note = models.CharField(
        _("why the name departs from the rule"),
        max_length=200,
        blank=True,
    )
    active = models.BooleanField(_("active"), default=True)

    objects = StationQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("station")
        verbose_name_plural = _("stations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(opened_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="station_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stations:station_detail", kwargs={"code": self.code})

    def clean(self) -> None:
        errors = {}
        if self.code in RESERVED_CODES:
            errors["code"] = _("This code is reserved for a page of the site; choose another.")
        if self.operating_mode == self.OperatingMode.CONTRACTED and not self.operator_name.strip():
            errors["operator_name"] = _("A contracted-out site needs the operator's name.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Give both latitude and longitude, or neither.")
        if self.latitude is not None and not (-90 <= self.latitude <= 90):
            errors["latitude"] = _("Latitude lies between -90 and 90.")
        if self.longitude is not None and not (-180 <= self.longitude <= 180):
            errors["longitude"] = _("Longitude lies between -180 and 180.")
        for field in ("service_phone", "complaint_phone"):
            value = getattr(self, field).strip()
            setattr(self, field, value)
            if value and not PHONE_RE.fullmatch(value):
                errors[field] = _(
                    "A phone number has digits, and may have - ( ) + or spaces, e.g. 0851-86001234."
                )
        if self.floor_area is not None and self.floor_area <= 0:
            errors["floor_area"] = _("The floor area must be more than 0 m².")
        unknown = set(self.facilities or []) - set(self.Facility.values)
        if unknown:
            errors["facilities"] = _("Unknown facilities: %(codes)s.") % {
                "codes": ", ".join(sorted(unknown))
            }
        unknown = set(self.services or []) - set(self.Service.values)
        if unknown:
            errors["services"] = _("Unknown services: %(codes)s.") % {
                "codes": ", ".join(sorted(unknown))
            }
        if self.opened_on and self.closed_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A site cannot close before it opened.")
        if errors:
            raise ValidationError(errors)

    # ---- reading the registry ----

    @property
    def facility_labels(self) -> list[str]:
        labels = dict(self.Facility.choices)
        return [labels[c] for c in self.facilities or [] if c in labels]

    @property
    def service_labels(self) -> list[str]:
        labels = dict(self.Service.choices)
        return [labels[c] for c in self.services or [] if c in labels]

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def is_contracted(self) -> bool:
        return self.operating_mode == self.OperatingMode.CONTRACTED

    def wgs84(self) -> tuple[float, float] | None:
        """(latitude, longitude) in WGS84, converting from GCJ-02 when that is what was recorded."""
        from stations.geo import gcj02_to_wgs84

        if not self.has_coordinates:
            return None
        lat, lng = float(self.latitude), float(self.longitude)
        if self.datum == self.Datum.GCJ02:
            return gcj02_to_wgs84(lat, lng)
        return lat, lng

    def gcj02(self) -> tuple[float, float] | None:
        """(latitude, longitude) as Chinese web maps place it: as recorded, or converted from GPS."""
        from stations.geo import wgs84_to_gcj02

        if not self.has_coordinates:
            return None
        lat, lng = float(self.latitude), float(self.longitude)
        if self.datum == self.Datum.WGS84:
            return wgs84_to_gcj02(lat, lng)
        return lat, lng

    def navigation_links(self) -> list[dict[str, str]]:
        """Links that open the phone's map app here (empty without coordinates)."""
        from stations.geo import navigation_links

        if not self.has_coordinates:
            return []
        return navigation_links(name=self.name, wgs84=self.wgs84(), gcj02=self.gcj02())

    def compliance_gaps(self, staff_count: int | None = None) -> list[str]:
        """What falls short of the standard for its kind (floor area, assigned staff)."""
        if staff_count is None:
            staff_count = getattr(self, "staff_count", None)
        if staff_count is None:
            staff_count = self.assignments.filter(active=True).count()
        min_area, min_staff = MINIMUMS[self.kind]
        gaps = []
        if self.floor_area is None:
            gaps.append(
                _("Floor area not recorded (needs at least %(area)s m²).") % {"area": min_area}
            )
        elif self.floor_area < min_area:
            gaps.append(
                _("Floor area %(area)s m² is under the minimum of %(min)s m².")
                % {"area": self.floor_area, "min": min_area}
            )
        if staff_count < min_staff:
            gaps.append(
                _("%(count)s staff assigned; a %(kind)s needs at least %(min)s.")
                % {"count": staff_count, "kind": self.get_kind_display(), "min": min_staff}
            )
        return gaps

    # ---- opening hours ----

    def hours_on(self, day: datetime.date) -> list[tuple[datetime.time, datetime.time]]:
        """The opening periods on a given local date: its exception if any, else the weekly rules."""
        for exception in self.opening_exceptions.all():
            if exception.date == day:
                if exception.closed:
                    return []
                return [(exception.opens, exception.closes)]
        return [(r.opens, r.closes) for r in self.opening_hours.all() if r.weekday == day.weekday()]

    def is_open_at(self, moment: datetime.datetime | None = None) -> bool:
        """Whether the site is open at ``moment`` (now by default), in Asia/Shanghai time."""
        local = timezone.localtime(moment or timezone.now())
        now = local.time()
        return any(opens <= now < closes for opens, closes in self.hours_on(local.date()))

    def next_opening(self, moment: datetime.datetime | None = None) -> datetime.datetime | None:
        """When the site next opens after ``moment`` (within two weeks), in Asia/Shanghai time."""
        local = timezone.localtime(moment or timezone.now())
        for offset in range(15):
            day = local.date() + datetime.timedelta(days=offset)
            for opens, _closes in sorted(self.hours_on(day)):
                start = datetime.datetime.combine(day, opens, tzinfo=local.tzinfo)
                if start > local:
                    return start
        return None

    def exception_on(self, day: datetime.date) -> OpeningException | None:
        for exception in self.opening_exceptions.all():
            if exception.date == day:
                return exception
        return None


class OpeningHours(models.Model):
    """One weekly opening period (HSDS regular_schedule): a weekday, opens, closes."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("station")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class OpeningException(models.Model):
    """A dated exception to the weekly hours (HSDS holiday_schedule): closed, or other hours."""

    station = models.ForeignKey(
        Station,
        on_delete=models.CASCADE,
        related_name="opening_exceptions",
        verbose_name=_("station"),
    )
    date = models.DateField(_("date"))
    closed = models.BooleanField(_("closed all day"), default=True)
    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("opening exception")
        verbose_name_plural = _("opening exceptions")
        constraints = [
            models.UniqueConstraint(
                fields=["station", "date"], name="one_exception_per_station_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.date}"

    def clean(self) -> None:
        if not self.closed:
            if self.opens is None or self.closes is None:
                raise ValidationError({"opens": _("Give the hours, or tick “closed all day”.")})
            if self.closes <= self.opens:
                raise ValidationError({"closes": _("Closing time must be after opening time.")})
        else:
            self.opens = self.closes = None


class StationAssignment(models.Model):
    """A user working at a station, as staff or as its lead."""

    class Role(models.TextChoices):
        STAFF = "staff", _("Staff")
        LEAD = "lead", _("Lead")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="station_assignments",
        verbose_name=_("user"),
    )
    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("station")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.STAFF)
    active = models.BooleanField(_("active"), default=True)
    since = models.DateField(_("since"), default=timezone.localdate)

    class Meta:
        verbose_name = _("staff assignment")
        verbose_name_plural = _("staff assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "station"], name="one_assignment_per_user_station"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.station}"


class StationLog(TransitionLog):
    """A change in a station's standing (registered, retired, reopened), with who and why."""

    station = models.ForeignKey(
        Station, on_delete=models.CASCADE, related_name="logs", verbose_name=_("station")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("station log entry")
        verbose_name_plural = _("station log")


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
        RECRUITMENT_EVENT = "recruitment_event", _("Recruitment event")
        OTHER = "other", _("Other")

    station = models.ForeignKey(
        Station, on_delete=models.PROTECT, related_name="service_records", verbose_name=_("station")
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("staff member"),
    )
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
        indexes = [
            models.Index(fields=["station", "at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.get_kind_display()} {self.at:%Y-%m-%d}"


class StationEvaluation(models.Model):
    """A station's year: its self-assessment (自评), then the centre's evaluation (年度考核)."""

    class Status(models.TextChoices):
        SELF_ASSESSED = "self_assessed", _("Self-assessed")
        EVALUATED = "evaluated", _("Evaluated")

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent")
        PASS = "pass", _("Pass")
        FAIL = "fail", _("Fail")

    station = models.ForeignKey(
        Station, on_delete=models.PROTECT, related_name="evaluations", verbose_name=_("station")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SELF_ASSESSED
    )
    # The station's own account of its year.
    self_summary = models.TextField(_("self-assessment"))
    workload = models.JSONField(
        _("workload figures"),
        default=dict,
        blank=True,
        help_text=_("Services by kind in the year, from the ledger."),
    )
    self_assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("self-assessed by"),
    )
    self_assessed_at = models.DateTimeField(_("self-assessed at"), default=timezone.now)
    # The centre's evaluation: each score is out of its configured weight; the total out of 100.
    management = models.DecimalField(
        _("management"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    workload_score = models.DecimalField(
        _("workload"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    business = models.DecimalField(
        _("business level"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    results = models.DecimalField(
        _("results"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    attitude = models.DecimalField(
        _("service attitude"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    total = models.DecimalField(_("total"), max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("grade"), max_length=16, choices=Grade.choices, blank=True)
    centre_comment = models.TextField(_("centre's comment"), blank=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("evaluated by"),
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)

    objects = StationEvaluationQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "station__code"]
        verbose_name = _("station evaluation")
        verbose_name_plural = _("station evaluations")
        constraints = [
            models.UniqueConstraint(
                fields=["station", "year"], name="one_evaluation_per_station_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.year}"

    @property
    def needs_retirement(self) -> bool:
        """A contracted-out site that failed, still open: the admin should retire it."""
        return self.grade == self.Grade.FAIL and self.station.is_contracted and self.station.active


class StationEvaluationLog(TransitionLog):
    """Each step of a station's yearly evaluation: who, when, from which state to which."""

    evaluation = models.ForeignKey(
        StationEvaluation,
        on_delete=models.CASCADE,
        related_name="logs",
        verbose_name=_("evaluation"),
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("evaluation log entry")
        verbose_name_plural = _("evaluation log")
