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

from gigmarket.querysets import OccupationQuerySet, RegionQuerySet, UserQuerySet
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
