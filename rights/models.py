"""Rights (权益维护): complaints, their evidence and handling log, deadlines and public holidays."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.masking import mask_mobile, mask_name
from gigmarket.models import TransitionLog
from rights.querysets import ComplaintQuerySet


class Kind(models.TextChoices):
    """What a complaint is about."""

    UNPAID_WAGES = "unpaid_wages", _("Unpaid wages")
    FAKE_POSTING = "fake_posting", _("Fake or misleading job posting")
    ILLEGAL_INTERMEDIARY = "illegal_intermediary", _("Illegal intermediary or fees taken")
    DISCRIMINATION = "discrimination", _("Discrimination")
    SAFETY = "safety", _("Safety at work")
    STATION_SERVICE = "station_service", _("A station's service")
    OTHER = "other", _("Other")


#: Working days to close a case (限时办结) when no ``KindDeadline`` row overrides it.
DEFAULT_DEADLINE_DAYS = {
    Kind.UNPAID_WAGES: 5,
    Kind.FAKE_POSTING: 5,
    Kind.ILLEGAL_INTERMEDIARY: 10,
    Kind.DISCRIMINATION: 10,
    Kind.SAFETY: 3,
    Kind.STATION_SERVICE: 5,
    Kind.OTHER: 10,
}


class MissingItem(models.TextChoices):
    """Material that may be missing before a case can be accepted (一次性告知 lists them all)."""

    IDENTITY = "identity", _("A copy of your ID card")
    WAGE_SLIPS = "wage_slips", _("Wage slips or pay records")
    WORK_PROOF = "work_proof", _("Proof of work: contract, work card or attendance records")
    EMPLOYER_DETAILS = "employer_details", _("The employer's full name and address")
    CHAT_RECORDS = "chat_records", _("Chat records or the job advertisement")
    FEE_RECEIPTS = "fee_receipts", _("Receipts for fees you paid")
    WITNESSES = "witnesses", _("Names and phone numbers of co-workers who can confirm")
    SIGNED_STATEMENT = "signed_statement", _("A signed statement of what happened")


class TransferTarget(models.TextChoices):
    """Where a case goes when it is not ours to settle."""

    LABOUR_INSPECTION = "labour_inspection", _("Labour inspection")
    ARBITRATION = "arbitration", _("Labour dispute arbitration")
    LEGAL_AID = "legal_aid", _("Legal aid")
    POLICE = "police", _("Police")


class Holiday(models.Model):
    """A configured public holiday (not a working day), or a weekend day worked in lieu (调休上班)."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=32)
    is_working_day = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_("Tick for a weekend day that is worked in lieu of a holiday."),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class KindDeadline(models.Model):
    """How many working days a kind of complaint has to be closed in (overrides the default)."""

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("deadline by kind")
        verbose_name_plural = _("deadlines by kind")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days}"


class Complaint(models.Model):
    """A complaint (投诉) and its case: who, against whom, what happened, who owns it, by when."""

    Kind = Kind

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        MEDIATING = "mediating", _("In mediation")
        RESOLVED = "resolved", _("Resolved")
        TRANSFERRED = "transferred", _("Transferred")
        CLOSED = "closed", _("Closed")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        WINDOW = "window", _("At the window")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.CharField(_("tracking number"), max_length=16, unique=True, editable=False)
    idempotency_key = models.CharField(
        max_length=64, unique=True, null=True, blank=True, editable=False
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.ONLINE
    )
    # Who complains.
    complainant_name = models.CharField(_("your name"), max_length=64)
    complainant_mobile = models.CharField(_("your mobile"), max_length=11, db_index=True)
    complainant_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("complainant's account"),
    )
    # Against whom.
    employer = models.ForeignKey(
        "jobs.Employer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("employer"),
    )
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("job"),
    )
    respondent_text = models.CharField(
        _("against whom"),
        max_length=200,
        blank=True,
        help_text=_("The employer, intermediary or person, if not picked from the list."),
    )
    description = models.TextField(_("what happened"))
    amount_owed = models.DecimalField(
        _("amount owed (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_unknown = models.BooleanField(
        _("amount not known"),
        default=False,
        help_text=_("The complainant does not know the exact amount owed (不清楚)."),
    )
    people_affected = models.PositiveIntegerField(_("people affected"), null=True, blank=True)
    # Who handles it.
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="complaints",
        verbose_name=_("handling station"),
    )
    requested_station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("station chosen by the complainant"),
        help_text=_("Set when that station had nobody in service and the case went elsewhere."),
    )
    first_responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first responder"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("case owner"),
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    due_date = models.DateField(_("due date"), db_index=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    transferred_at = models.DateTimeField(_("transferred"), null=True, blank=True)
    done_at = models.DateTimeField(
        _("finished"), null=True, blank=True, help_text=_("When it was closed or not accepted.")
    )
    # Not accepted.
    not_accepted_reason = models.TextField(_("why it is not accepted"), blank=True)
    refer_to = models.CharField(_("where to go instead"), max_length=200, blank=True)
    # One-time notice (一次性告知).
    missing_items = models.JSONField(_("missing material"), default=list, blank=True)
    missing_note = models.CharField(_("other missing material"), max_length=200, blank=True)
    notice_at = models.DateTimeField(_("notice given"), null=True, blank=True)
    # Transfer.
    transferred_to = models.CharField(
        _("transferred to"), max_length=32, choices=TransferTarget.choices, blank=True
    )
    # Outcome.
    outcome = models.TextField(_("what was done"), blank=True)
    recovered_amount = models.DecimalField(
        _("wages recovered (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    recovered_people = models.PositiveIntegerField(_("people paid"), null=True, blank=True)
    employer_suspended_at = models.DateTimeField(_("employer suspended"), null=True, blank=True)
    # The complainant's rating, asked on closure.
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    satisfaction_comment = models.CharField(_("comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [models.Index(fields=["station", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="complaint_satisfaction_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(recovered_amount__isnull=True) | Q(recovered_amount__gte=0),
                name="complaint_recovered_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("rights:complaint_detail", kwargs={"public_id": self.public_id})

    # ---- reading the case ----

    @property
    def is_done(self) -> bool:
        return self.status in (self.Status.CLOSED, self.Status.NOT_ACCEPTED)

    def is_overdue(self, today=None) -> bool:
        """Past its due date and not finished."""
        return not self.is_done and self.due_date < (today or timezone.localdate())

    @property
    def closed_within_deadline(self) -> bool | None:
        if self.done_at is None:
            return None
        return timezone.localdate(self.done_at) <= self.due_date

    @property
    def is_wage_or_fraud(self) -> bool:
        return self.kind in (Kind.UNPAID_WAGES, Kind.FAKE_POSTING)

    @property
    def respondent_label(self) -> str:
        """Against whom, as the case shows it."""
        if self.job_id:
            return f"{self.job.employer} · {self.job.title}"
        if self.employer_id:
            return str(self.employer)
        return self.respondent_text

    @property
    def missing_item_labels(self) -> list[str]:
        labels = dict(MissingItem.choices)
        items = [str(labels[c]) for c in self.missing_items or [] if c in labels]
        if self.missing_note:
            items.append(self.missing_note)
        return items

    @property
    def was_rerouted(self) -> bool:
        """The complainant chose a station with nobody in service; another one took the case."""
        return (
            self.requested_station_id is not None and self.requested_station_id != self.station_id
        )

    @property
    def masked_name(self) -> str:
        return mask_name(self.complainant_name)

    @property
    def masked_mobile(self) -> str:
        return mask_mobile(self.complainant_mobile)

    @property
    def ledger_label(self) -> str:
        """What the service ledger shows: the number and the kind, no personal data."""
        return f"{self.number} {self.get_kind_display()}"


def evidence_path(instance: Evidence, filename: str) -> str:
    """A random name under rights/evidence/: nothing of the original name reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"rights/evidence/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Evidence(models.Model):
    """A file the complainant or staff attached: an image or a PDF, in private storage."""

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("complaint")
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=100)
    content_type = models.CharField(_("type"), max_length=32)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.original_name


class ComplaintLog(TransitionLog):
    """One step of a case: a change of state, a hand-over, a one-time notice, a suspension."""

    states = Complaint.Status

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="logs", verbose_name=_("complaint")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("complaint log entry")
        verbose_name_plural = _("complaint log")

    @property
    def is_state_change(self) -> bool:
        return self.from_state != self.to_state
