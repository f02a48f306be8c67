"""The shared kernel's records: users, regions, occupations, industries, and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gigmarket.querysets import (
    MessageQuerySet,
    OccupationQuerySet,
    RegionQuerySet,
    UserQuerySet,
)
from gigmarket.validators import validate_mobile


class Region(models.Model):
    """A region (行政区划), GB/T 2260 to county, the statistics bureau's codes below."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        PREFECTURE = "prefecture", _("Prefecture")
        COUNTY = "county", _("County")
        TOWNSHIP = "township", _("Township")
        VILLAGE = "village", _("Village")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    retired = models.BooleanField(_("retired"), default=False)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def level_for_code(code: str) -> str:
        """The level a (normalised) code denotes."""
        if len(code) == 12:
            return Region.Level.VILLAGE
        if len(code) == 9:
            return Region.Level.TOWNSHIP
        if code.endswith("0000"):
            return Region.Level.PROVINCE
        if code.endswith("00"):
            return Region.Level.PREFECTURE
        return Region.Level.COUNTY

    @property
    def prefix(self) -> str:
        """The code prefix every region below this one shares."""
        return {
            self.Level.PROVINCE: self.code[:2],
            self.Level.PREFECTURE: self.code[:4],
        }.get(self.level, self.code)

    def contains(self, other: Region | None) -> bool:
        """Whether ``other`` is this region or lies below it."""
        return other is not None and other.code.startswith(self.prefix)


class Occupation(models.Model):
    """An occupation: one of the 8 major groups, or a concrete kind of gig work under one."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name = models.CharField(_("name"), max_length=64)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("major group"),
    )
    sort = models.PositiveSmallIntegerField(default=0)
    aliases = models.CharField(
        _("also called"),
        max_length=300,
        blank=True,
        help_text=_(
            "What people call this kind of work (e.g. 采茶、摘茶), separated by 、; "
            "the public job search finds its jobs by these words."
        ),
    )

    objects = OccupationQuerySet.as_manager()

    class Meta:
        ordering = ["sort", "code"]
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_major_group(self) -> bool:
        return self.parent_id is None

    @property
    def major_group_code(self) -> str:
        """The major group's code (the first character of every code in the tree)."""
        return self.code.split("-")[0]


class Industry(models.Model):
    """An industry section (门类, A–T) of GB/T 4754-2017."""

    code = models.CharField(_("code"), max_length=4, unique=True)
    name = models.CharField(_("name"), max_length=64)

    class Meta:
        ordering = ["code"]
        verbose_name = _("industry")
        verbose_name_plural = _("industries")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class GigUserManager(UserManager.from_queryset(UserQuerySet)):
    """The user manager with our QuerySet methods."""


class User(AbstractUser):
    """An account: staff of the employment service, a seeker, or an employer."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Staff")
        SEEKER = "seeker", _("Seeker")
        EMPLOYER = "employer", _("Employer")

    kind = models.CharField(
        _("account kind"), max_length=16, choices=Kind.choices, default=Kind.STAFF
    )
    display_name = models.CharField(_("display name"), max_length=64, blank=True)
    phone = models.CharField(
        _("mobile"),
        max_length=11,
        null=True,
        blank=True,
        unique=True,
        error_messages={"unique": _("Another account already uses this mobile number.")},
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region of responsibility"),
        help_text=_("A county admin's reach is this region and everything below it."),
    )

    objects = GigUserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.phone:
            try:
                self.phone = validate_mobile(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error.messages}) from error
        else:
            self.phone = None

    def save(self, *args, **kwargs) -> None:
        if not self.phone:
            self.phone = None
        super().save(*args, **kwargs)

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The names of the roles (groups) this user holds, read once per request."""
        if not self.is_authenticated or not self.pk:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *roles: str) -> bool:
        """Whether the user holds any of ``roles`` (superusers hold them all)."""
        return self.is_active and (self.is_superuser or bool(self.role_names & set(roles)))

    @property
    def is_staff_account(self) -> bool:
        return self.kind == self.Kind.STAFF


class PersonalDataAccess(models.Model):
    """One opening of someone's full personal data: who, when, which record, why."""

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    record_label = models.CharField(_("record"), max_length=128)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data accesses")
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.user} {self.record_label} {self.at:%Y-%m-%d %H:%M}"


class TransitionLog(models.Model):
    """Abstract base of every state-change log row: who, when, from which state to which, why.

    Each app subclasses it with a foreign key to its own record (a job, a placement, a case), and
    names the record's state choices in ``states`` so the log can show states by their labels.
    """

    #: The TextChoices of the logged record's state field (set by each subclass).
    states: type[models.TextChoices] | None = None

    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def _label(self, state: str, empty: str) -> str:
        if not state:
            return empty
        labels = dict(self.states.choices) if self.states is not None else {}
        return str(labels.get(state, state))

    @property
    def from_label(self) -> str:
        """The state before, by its label ("—" when there was none)."""
        return self._label(self.from_state, "—")

    @property
    def to_label(self) -> str:
        """The state after, by its label."""
        return self._label(self.to_state, "")


def _message_token() -> str:
    import secrets

    return secrets.token_urlsafe(12)


class Message(models.Model):
    """One message in the kernel outbox: what kind, to whom, by which channel, and how it went.

    Any app writes it through ``gigmarket.notify.enqueue``; ``key`` names the event (e.g.
    ``placement:12:confirmed:40``), so one event never makes a second message. ``variables`` are
    what the SMS provider's approved template is filled with; ``text`` is the same message
    rendered from the kind's local template (what the log sender writes and the site shows).
    """

    class Channel(models.TextChoices):
        SMS = "sms", _("Text message")
        SITE = "site", _("On the site")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")
        SUPPRESSED = "suppressed", _("Not sent (opted out)")

    key = models.CharField(_("event key"), max_length=150, unique=True)
    kind = models.CharField(pgettext_lazy("text message", "what"), max_length=40, db_index=True)
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.SMS
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("account"),
    )
    to = models.CharField(pgettext_lazy("text message", "to"), max_length=64, db_index=True)
    #: Whose page lists the message: "<app label>.<model>:<pk>", e.g. "seekers.seeker:12".
    about = models.CharField(
        pgettext_lazy("text message", "about"), max_length=64, blank=True, db_index=True
    )
    variables = models.JSONField(_("template variables"), default=dict, blank=True)
    text = models.TextField(_("text"))
    urgent = models.BooleanField(_("urgent"), default=False)
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.QUEUED)
    #: Not sent before this time (quiet hours, the daily cap, back-off after a failure).
    due_at = models.DateTimeField(pgettext_lazy("text message", "due"), default=timezone.now)
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    sent_at = models.DateTimeField(pgettext_lazy("text message", "sent"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("reason"), max_length=200, blank=True)
    provider_id = models.CharField(_("provider's id"), max_length=64, blank=True)
    #: Unguessable; names the message in its opt-out link.
    token = models.CharField(max_length=24, unique=True, default=_message_token, editable=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        indexes = [
            models.Index(fields=["state", "due_at"], name="message_state_due"),
            models.Index(fields=["to", "sent_at"], name="message_to_sent"),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def kind_label(self) -> str:
        from gigmarket import notify

        spec = notify.KINDS.get(self.kind)
        return str(spec.label) if spec else self.kind

    @property
    def masked_to(self) -> str:
        from gigmarket.masking import mask_mobile

        return mask_mobile(self.to) if self.channel == self.Channel.SMS else self.to

    @property
    def state_note(self) -> str:
        """The reason for a failure or a hold, or what is waiting for what."""
        return self.last_error


class MessageAttempt(models.Model):
    """One try at handing a message to the provider, with the provider's answer."""

    class Outcome(models.TextChoices):
        SENT = "sent", pgettext_lazy("text message", "Accepted")
        RETRY = "retry", _("Failed, will retry")
        FAILED = "failed", _("Failed for good")

    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, related_name="attempt_rows", verbose_name=_("message")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    code = models.CharField(_("provider's code"), max_length=64, blank=True)
    detail = models.CharField(_("provider's answer"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("sending attempt")
        verbose_name_plural = _("sending attempts")

    def __str__(self) -> str:
        return f"{self.message_id} {self.outcome} {self.code}"


class MessageOptOut(models.Model):
    """A number that asked not to get one kind of message (``kind`` "*" means every kind that
    may be refused). Who recorded it, when, and how."""

    class How(models.TextChoices):
        LINK = "link", _("By the link in a message")
        WINDOW = "window", _("At a station's window")
        SELF = "self", _("On their own page")
        REPLY = "reply", _("By replying to a message")

    to = models.CharField(pgettext_lazy("text message", "to"), max_length=64)
    kind = models.CharField(pgettext_lazy("text message", "what"), max_length=40)
    at = models.DateTimeField(_("at"), default=timezone.now)
    how = models.CharField(_("how"), max_length=8, choices=How.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=pgettext_lazy("text message", "recorded by"),
    )

    class Meta:
        ordering = ["-at"]
        verbose_name = _("opt-out")
        verbose_name_plural = _("opt-outs")
        constraints = [models.UniqueConstraint(fields=["to", "kind"], name="message_optout_unique")]

    def __str__(self) -> str:
        return f"{self.kind}"
