"""Partner organisations (合作单位) that bring people in, their users, and their referrals (推荐)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gigmarket.masking import mask_name
from gigmarket.models import TransitionLog
from partners.querysets import ReferralQuerySet


class Partner(models.Model):
    """A village committee, community, federation or office that refers people to the stations."""

    class Kind(models.TextChoices):
        VILLAGE_COMMITTEE = "village_committee", _("Village committee")
        COMMUNITY = "community", _("Community (residents' committee)")
        DISABLED_FEDERATION = "disabled_federation", _("Disabled persons' federation")
        CIVIL_AFFAIRS = "civil_affairs", _("Civil-affairs office")
        WOMEN_FEDERATION = "women_federation", _("Women's federation")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Its users refer people to stations of this region (and below)."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name


class PartnerMember(models.Model):
    """A user acting for a partner organisation (holds the role "partner")."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="members", verbose_name=_("partner")
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_membership",
        verbose_name=_("user"),
    )
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("partner user")
        verbose_name_plural = _("partner users")

    def __str__(self) -> str:
        return f"{self.partner} · {self.user}"


def consent_path(instance: Referral, filename: str) -> str:
    """A random name under partners/consent/: nothing of the original name reaches the disk."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"partners/consent/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class Referral(models.Model):
    """One person referred by a partner to a station, for guidance, a job or training."""

    class Purpose(models.TextChoices):
        GUIDANCE = "guidance", _("Career guidance")
        JOB = "job", _("A job")
        TRAINING = "training", _("Training")

    class Status(models.TextChoices):
        SENT = "sent", _("Sent to the station")
        ACCEPTED = "accepted", _("Accepted by the station")
        DONE = "done", pgettext_lazy("referral", "Done")
        DECLINED = "declined", _("Declined by the station")

    class Consent(models.TextChoices):
        SIGNED_SLIP = "signed_slip", _("Signed consent slip")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("partner")
    )
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="partner_referrals",
        verbose_name=_("person"),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="partner_referrals",
        verbose_name=_("station"),
    )
    purpose = models.CharField(_("referred for"), max_length=16, choices=Purpose.choices)
    note = models.CharField(_("note for the station"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    outcome = models.CharField(_("outcome"), max_length=500, blank=True)
    registered_by_partner = models.BooleanField(
        _("registered by the partner"), default=False, editable=False
    )
    consent = models.CharField(_("consent"), max_length=16, choices=Consent.choices)
    consent_file = models.FileField(_("consent slip"), upload_to=consent_path)
    consent_content_type = models.CharField(max_length=32, editable=False)
    consent_at = models.DateTimeField(_("consent recorded at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(_("referred at"), default=timezone.now)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("partner referral")
        verbose_name_plural = _("partner referrals")
        indexes = [
            models.Index(fields=["station", "status"]),
            models.Index(fields=["partner", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.partner} → {self.station} · {self.masked_name}"

    def get_absolute_url(self) -> str:
        return reverse("partners:referral_detail", kwargs={"public_id": self.public_id})

    @property
    def masked_name(self) -> str:
        return mask_name(self.seeker.name)


class ReferralLog(TransitionLog):
    """One step of a referral: sent, accepted, done (with the outcome), declined."""

    states = Referral.Status

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="logs", verbose_name=_("referral")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("referral log entry")
        verbose_name_plural = _("referral log")
