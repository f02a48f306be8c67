"""Policy publicity (政策宣传): articles (policies, subsidy explainers, service guides, notices),
their PDF attachments and the log of their states."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.models import TransitionLog
from publicity.querysets import ArticleQuerySet


class Audience(models.TextChoices):
    """The groups the "what can I get" entry points speak to (each maps to a flag on Article)."""

    OLDER = "older", _("Older workers")
    HARD_TO_EMPLOY = "hard_to_employ", _("People who find work hard to get")
    RELOCATED = "relocated", _("Relocated households")
    GRADUATES = "graduates", _("Graduates")


#: Audience code → the Article field flagging it.
AUDIENCE_FIELDS = {
    Audience.OLDER: "for_older",
    Audience.HARD_TO_EMPLOY: "for_hard_to_employ",
    Audience.RELOCATED: "for_relocated",
    Audience.GRADUATES: "for_graduates",
}


class Article(models.Model):
    """One piece of publicity: written in Markdown (stored as typed, never as HTML), shown sanitised."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        SUBSIDY = "subsidy", _("Subsidy explainer")
        GUIDE = "guide", _("Service guide")
        NOTICE = "notice", _("Notice")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    TRANSITIONS = {
        State.DRAFT: (State.PUBLISHED, State.ARCHIVED),
        State.PUBLISHED: (State.ARCHIVED,),
        State.ARCHIVED: (State.DRAFT,),
    }

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.POLICY)
    title = models.CharField(_("title"), max_length=100)
    summary = models.CharField(
        _("plain-language summary"),
        max_length=200,
        help_text=_("One sentence a worker understands: who can get what, and where to ask."),
    )
    body = models.TextField(
        _("body"),
        max_length=20000,
        help_text=_(
            "Plain text with simple marks: a blank line between paragraphs, ## for a heading, "
            "- for a list item, **bold**. HTML is not allowed."
        ),
    )
    region = models.ForeignKey(
        "gigmarket.Region",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("applies in"),
        help_text=_("The county, or one township."),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("station"),
        help_text=_("Only for one station's own notices and guides; empty for the whole region."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source_office = models.CharField(_("issuing office"), max_length=100, blank=True)
    document_number = models.CharField(_("document number"), max_length=64, blank=True)
    for_older = models.BooleanField(_("for older workers"), default=False)
    for_hard_to_employ = models.BooleanField(
        _("for people who find work hard to get"), default=False
    )
    for_relocated = models.BooleanField(_("for relocated households"), default=False)
    for_graduates = models.BooleanField(_("for graduates"), default=False)
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["state", "valid_to"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="article_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publicity:article_detail", kwargs={"pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = _("The end date cannot be before the start date.")
        if self.region_id and self.region.level not in ("county", "township"):
            errors["region"] = _("Choose the county or one township.")
        if self.station_id and self.region_id and not self.region.contains(self.station.region):
            errors["station"] = _("This station is not in the chosen region.")
        if "\n" in self.summary:
            errors["summary"] = _("The summary is one sentence on one line.")
        if errors:
            raise ValidationError(errors)

    @property
    def audiences(self) -> list[str]:
        return [code for code, field in AUDIENCE_FIELDS.items() if getattr(self, field)]

    @property
    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [labels[code] for code in self.audiences]

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return (
            self.state == self.State.PUBLISHED
            and (self.valid_from is None or self.valid_from <= today)
            and (self.valid_to is None or self.valid_to >= today)
        )

    @property
    def scope_label(self) -> str:
        """Where it applies: the station's name, else the region's."""
        return self.station.name if self.station_id else self.region.name

    @property
    def source(self) -> str:
        return " ".join(part for part in (self.source_office, self.document_number) if part)


class ArticleLog(TransitionLog):
    """Each change of an article's state (written, published, archived, back to draft): who, when."""

    states = Article.State

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="logs", verbose_name=_("article")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("article log entry")
        verbose_name_plural = _("article log")


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random name under publicity/: nothing of the original name reaches the disk."""
    return f"publicity/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class Attachment(models.Model):
    """A PDF attached to an article (the policy document itself); served through the app."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("article")
    )
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "publicity:attachment_download", kwargs={"pk": self.article_id, "file_pk": self.pk}
        )
