"""Subsidy schemes (补贴项目) as data, claims (补贴申领) for a person and a scheme, their documents and log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.masking import mask_name
from gigmarket.models import TransitionLog
from subsidies.querysets import ClaimQuerySet, SchemeQuerySet


class Rule(models.TextChoices):
    """Who is eligible: one rule from a small fixed vocabulary, checked against what the system knows."""

    CERTIFICATE = "certificate", _("Holds a training certificate (of the scheme's kind of work)")
    PRIORITY_GROUP = "priority_group", _("Belongs to a priority group")
    HARD_TO_EMPLOY = "hard_to_employ", _("Registered as hard to employ")
    INSURED_PLACEMENT = "insured_placement", _("Has a placement on a job with accident insurance")


class Scheme(models.Model):
    """A subsidy scheme: what it is, on what legal basis, who qualifies, how much, what to bring."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    rule = models.CharField(_("who is eligible"), max_length=32, choices=Rule.choices)
    rule_value = models.CharField(
        _("rule detail"),
        max_length=40,
        blank=True,
        help_text=_(
            "For a priority-group rule: the group's code (e.g. older, disabled). For a certificate "
            "rule: an occupation code to require a certificate of that kind of work (blank: any)."
        ),
    )
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_rule = models.CharField(
        _("amount rule"),
        max_length=200,
        blank=True,
        help_text=_("When the amount is not fixed: how it is worked out."),
    )
    documents = models.JSONField(
        _("documents needed"),
        default=list,
        blank=True,
        help_text=_('A list of document names, e.g. ["身份证复印件", "培训合格证书"].'),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)

    objects = SchemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end date is before the start date.")
        if self.amount is None and not self.amount_rule.strip():
            errors["amount"] = _("Give the amount or the rule that works it out.")
        if not isinstance(self.documents, list) or not all(
            isinstance(d, str) and d.strip() for d in self.documents
        ):
            errors["documents"] = _("A list of document names.")
        elif len(set(self.documents)) != len(self.documents):
            errors["documents"] = _("A document is listed twice.")
        if self.rule == Rule.PRIORITY_GROUP:
            from seekers.models import PriorityGroup

            if self.rule_value not in PriorityGroup.values:
                errors["rule_value"] = _("Give one of the priority group codes: %(codes)s.") % {
                    "codes": ", ".join(PriorityGroup.values)
                }
        if errors:
            raise ValidationError(errors)

    def is_open_on(self, day) -> bool:
        return (
            self.active
            and (self.valid_from is None or self.valid_from <= day)
            and (self.valid_until is None or day <= self.valid_until)
        )


class Claim(models.Model):
    """One claim (申领) of one scheme by one person, handled by one station."""

    class Status(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        SUBMITTED = "submitted", _("Submitted")
        RETURNED = "returned", _("Returned for documents")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        PAID = "paid", _("Paid")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    scheme = models.ForeignKey(
        Scheme, on_delete=models.PROTECT, related_name="claims", verbose_name=_("scheme")
    )
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="subsidy_claims",
        verbose_name=_("person"),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="subsidy_claims",
        verbose_name=_("handling station"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFTED
    )
    eligible = models.BooleanField(_("eligible"), default=False)
    eligibility = models.JSONField(
        _("why (not) eligible"), default=list, blank=True, editable=False
    )
    missing_documents = models.JSONField(
        _("documents missing (last return)"), default=list, blank=True
    )
    return_note = models.CharField(_("note on the return"), max_length=500, blank=True)
    decision_reason = models.CharField(_("reason"), max_length=500, blank=True)
    amount = models.DecimalField(
        _("approved amount (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    paid_amount = models.DecimalField(
        _("paid amount (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    created_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("drafted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subsidy claim")
        verbose_name_plural = _("subsidy claims")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="paid")
                | (models.Q(paid_amount__isnull=False) & models.Q(paid_on__isnull=False)),
                name="subsidy_paid_has_amount_and_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["approved", "paid"])
                | models.Q(amount__isnull=False),
                name="subsidy_approved_has_amount",
            ),
        ]
        indexes = [models.Index(fields=["station", "status"])]

    def __str__(self) -> str:
        return f"{self.scheme} · {self.masked_name}"

    def get_absolute_url(self) -> str:
        return reverse("subsidies:claim_detail", kwargs={"public_id": self.public_id})

    @property
    def masked_name(self) -> str:
        return mask_name(self.seeker.name)

    def received_names(self) -> set[str]:
        return {d.name for d in self.documents.all()}

    def still_missing(self) -> list[str]:
        """The scheme's documents not yet received, in the scheme's order."""
        received = self.received_names()
        return [name for name in self.scheme.documents if name not in received]


def document_path(instance: ClaimDocument, filename: str) -> str:
    """A random name under subsidies/documents/: nothing of the original name reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"subsidies/documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class ClaimDocument(models.Model):
    """A document received for a claim: an image or a PDF, in private storage (like complaint evidence)."""

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="documents", verbose_name=_("claim")
    )
    name = models.CharField(_("document"), max_length=100)
    file = models.FileField(_("file"), upload_to=document_path)
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
        verbose_name = _("claim document")
        verbose_name_plural = _("claim documents")

    def __str__(self) -> str:
        return self.name


class ClaimLog(TransitionLog):
    """One step of a claim: a change of state, documents received, eligibility rechecked."""

    states = Claim.Status

    claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="logs", verbose_name=_("claim")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("claim log entry")
        verbose_name_plural = _("claim log")
