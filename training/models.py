"""Training (培训): institutions, programmes and their sessions, referrals (培训推荐) and attendance,
and training demand orders (订单式培训)."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import TransitionLog
from gigmarket.validators import validate_credit_code
from training.querysets import DemandOrderQuerySet, ProgrammeQuerySet, ReferralQuerySet
from training.schedule import schedule_summary


class Institution(models.Model):
    """A training institution (培训机构): who runs the classes."""

    name = models.CharField(_("institution name"), max_length=100, unique=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    filing_number = models.CharField(
        _("filing number"),
        max_length=64,
        blank=True,
        help_text=_("The number under which the human resources bureau filed the institution."),
    )
    contact_name = models.CharField(_("contact person"), max_length=32, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training institution")
        verbose_name_plural = _("training institutions")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.credit_code:
            try:
                self.credit_code = validate_credit_code(self.credit_code)
            except ValidationError as error:
                raise ValidationError({"credit_code": error.messages}) from error


class Programme(models.Model):
    """A training programme (培训班): one class of one occupation, run by an institution."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ENROLLING = "enrolling", _("Enrolling")
        RUNNING = "running", _("In progress")
        FINISHED = "finished", _("Finished")
        CANCELLED = "cancelled", _("Cancelled")

    class Eligibility(models.TextChoices):
        REGISTERED = "registered", _("Registered seekers")
        PRIORITY = "priority", _("Priority groups only")

    TRANSITIONS = {
        Status.PLANNED: (Status.ENROLLING, Status.CANCELLED),
        Status.ENROLLING: (Status.RUNNING, Status.CANCELLED),
        Status.RUNNING: (Status.FINISHED, Status.CANCELLED),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("programme title"), max_length=100)
    occupation = models.ForeignKey(
        "gigmarket.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("occupation trained"),
    )
    institution = models.ForeignKey(
        Institution,
        on_delete=models.PROTECT,
        related_name="programmes",
        verbose_name=_("training institution"),
    )
    region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("held at station"),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Where the class meets, if not at a station."),
    )
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    description = models.TextField(_("what the class teaches"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("seats"))
    fee = models.DecimalField(_("fee (yuan)"), max_digits=8, decimal_places=2, default=0)
    subsidised = models.BooleanField(_("subsidised"), default=False)
    subsidy_amount = models.DecimalField(
        _("subsidy per person (yuan)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    eligibility = models.CharField(
        _("who may join"),
        max_length=16,
        choices=Eligibility.choices,
        default=Eligibility.REGISTERED,
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "pk"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="programme_ends_after_start",
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="programme_has_seats"),
            models.CheckConstraint(
                condition=models.Q(subsidised=False) | models.Q(subsidy_amount__isnull=False),
                name="programme_subsidy_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["status", "start_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("training:programme_detail", kwargs={"public_id": self.public_id})

    def clean(self) -> None:
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The last day cannot be before the first day.")
        if self.subsidised and self.subsidy_amount is None:
            errors["subsidy_amount"] = _("Give the subsidy per person for a subsidised programme.")
        if not self.subsidised:
            self.subsidy_amount = None
        if self.station_id is None and not self.place.strip():
            errors["place"] = _("Give the place, or choose the station where the class meets.")
        if errors:
            raise ValidationError(errors)

    @property
    def where(self) -> str:
        """The place shown to people: the station's name and address, or the place given."""
        if self.station_id and not self.place:
            return f"{self.station.name} {self.station.address}".strip()
        return self.place

    @property
    def schedule(self) -> str:
        """When the class meets, in words, read from its dated sessions (prefetch ``sessions``):
        the sessions are the one source of truth, so the summary cannot contradict them."""
        return schedule_summary(self.sessions.all())

    @property
    def is_open_for_sign_up(self) -> bool:
        return self.status == self.Status.ENROLLING


class Session(models.Model):
    """One dated session (课次) of a programme; attendance is taken per session."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("programme")
    )
    date = models.DateField(_("date"))
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    topic = models.CharField(_("topic"), max_length=100, blank=True)

    class Meta:
        ordering = ["date", "starts", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "date", "starts"], name="one_session_per_slot"
            ),
            models.CheckConstraint(
                condition=models.Q(ends__gt=models.F("starts")), name="session_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.starts:%H:%M}–{self.ends:%H:%M}"

    def clean(self) -> None:
        if self.starts and self.ends and self.ends <= self.starts:
            raise ValidationError({"ends": _("A session ends after it starts.")})
        programme = self.programme if self.programme_id else None
        if (
            programme
            and self.date
            and not (programme.start_date <= self.date <= programme.end_date)
        ):
            raise ValidationError(
                {"date": _("The session must fall between the programme's first and last day.")}
            )


class ProgrammeTransition(TransitionLog):
    """A change of a programme's status: who, when, from, to, why."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("programme status change")
        verbose_name_plural = _("programme status changes")


class Referral(models.Model):
    """One seeker on one programme (培训推荐): from sign-up or referral to certificate, or dropped."""

    class Status(models.TextChoices):
        SIGNED_UP = "signed_up", _("Signed up")
        REFERRED = "referred", _("Referred")
        ENROLLED = "enrolled", _("Enrolled")
        COMPLETED = "completed", _("Completed")
        CERTIFIED = "certified", _("Certified")
        DROPPED = "dropped", _("Dropped")

    class Origin(models.TextChoices):
        SELF = "self", _("Signed up online")
        STAFF = "staff", _("Referred by staff")

    #: Every state but "dropped" holds a seat.
    SEAT_STATES = (
        Status.SIGNED_UP,
        Status.REFERRED,
        Status.ENROLLED,
        Status.COMPLETED,
        Status.CERTIFIED,
    )
    TRANSITIONS = {
        Status.SIGNED_UP: (Status.ENROLLED, Status.DROPPED),
        Status.REFERRED: (Status.ENROLLED, Status.DROPPED),
        Status.ENROLLED: (Status.COMPLETED, Status.DROPPED),
        Status.COMPLETED: (Status.CERTIFIED,),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("programme")
    )
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="training_referrals",
        verbose_name=_("seeker"),
    )
    origin = models.CharField(_("origin"), max_length=8, choices=Origin.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referring station"),
    )
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    certificate_date = models.DateField(_("certificate date"), null=True, blank=True)
    drop_reason = models.CharField(_("why dropped"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("training referral")
        verbose_name_plural = _("training referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "seeker"],
                condition=~models.Q(status="dropped"),
                name="one_live_referral_per_seeker",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="certified")
                | (~models.Q(certificate_number="") & models.Q(certificate_date__isnull=False)),
                name="certified_has_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.seeker}"

    def clean(self) -> None:
        if self.status == self.Status.CERTIFIED:
            errors = {}
            if not self.certificate_number.strip():
                errors["certificate_number"] = _("Give the certificate number.")
            if self.certificate_date is None:
                errors["certificate_date"] = _("Give the date on the certificate.")
            elif self.certificate_date > timezone.localdate():
                errors["certificate_date"] = _("The certificate date cannot be in the future.")
            if errors:
                raise ValidationError(errors)


class ReferralTransition(TransitionLog):
    """A step of a referral: who, when, from, to, why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("referral status change")
        verbose_name_plural = _("referral status changes")


class Attendance(models.Model):
    """Whether one enrolled person attended one session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="attendance")
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "referral"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "referral"], name="one_attendance_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session} {'✓' if self.present else '✗'}"


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


class DemandOrder(models.Model):
    """A training demand order (订单式培训需求): who wants which training, for how many, when."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        SERVED = "served", _("Served")

    class Requester(models.TextChoices):
        SEEKER = "seeker", _("Seeker")
        EMPLOYER = "employer", _("Employer")

    TRANSITIONS = {Status.OPEN: (Status.SERVED,)}

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    occupation = models.ForeignKey(
        "gigmarket.Occupation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("training wanted"),
    )
    people = models.PositiveSmallIntegerField(_("how many people"), default=1)
    month = models.DateField(
        _("wanted in month"), help_text=_("The first day of the month wanted.")
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    requester = models.CharField(_("requested by"), max_length=8, choices=Requester.choices)
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    employer = models.ForeignKey(
        "jobs.Employer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requester_label = models.CharField(
        _("on behalf of"),
        max_length=100,
        blank=True,
        help_text=_("Safe to show: an employer's name, or a masked name."),
    )
    region = models.ForeignKey("gigmarket.Region", on_delete=models.PROTECT, related_name="+")
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("station"),
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    served_by = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="demand_orders",
        verbose_name=_("served by programme"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = DemandOrderQuerySet.as_manager()

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("training demand order")
        verbose_name_plural = _("training demand orders")
        constraints = [
            models.CheckConstraint(condition=models.Q(people__gte=1), name="demand_has_people"),
            models.CheckConstraint(
                condition=models.Q(status="open") | models.Q(served_by__isnull=False),
                name="served_demand_names_programme",
            ),
        ]
        indexes = [models.Index(fields=["occupation", "month"])]

    def __str__(self) -> str:
        return f"{self.occupation} × {self.people} ({self.month:%Y-%m})"

    def clean(self) -> None:
        if self.month:
            self.month = first_of_month(self.month)
        if self.people is not None and self.people > 500:
            raise ValidationError(
                {"people": _("At most 500 people in one order; file several if needed.")}
            )


class DemandOrderTransition(TransitionLog):
    """A change of a demand order's status (marked served): who, when, why."""

    order = models.ForeignKey(DemandOrder, on_delete=models.CASCADE, related_name="transitions")

    class Meta(TransitionLog.Meta):
        verbose_name = _("demand order status change")
        verbose_name_plural = _("demand order status changes")
