"""Satisfaction surveys (满意度调查, service standard §17): three questions (environment,
process, result) after a placement, a training completion and a complaint's closure, and the
walk-in survey linked at each station; counted per station and month."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.querysets import SurveyQuerySet
from jobs.models.rehire import new_token

_SCORE = [MinValueValidator(1), MaxValueValidator(5)]


class Survey(models.Model):
    """One survey: asked (a row with a token) and, once answered, three scores from 1 to 5."""

    class Context(models.TextChoices):
        PLACEMENT = "placement", _("After a job")
        TRAINING = "training", _("After training")
        COMPLAINT = "complaint", _("After a complaint")
        STATION = "station", _("At the station")

    class Respondent(models.TextChoices):
        SEEKER = "seeker", _("Worker")
        EMPLOYER = "employer", _("Employer")
        PUBLIC = "public", _("Visitor")

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("station"),
    )
    context = models.CharField(_("after"), max_length=16, choices=Context.choices)
    respondent = models.CharField(_("who answers"), max_length=16, choices=Respondent.choices)
    subject_key = models.CharField(_("about"), max_length=64, blank=True)
    environment = models.PositiveSmallIntegerField(
        _("environment"), null=True, blank=True, validators=_SCORE
    )
    process = models.PositiveSmallIntegerField(
        _("process"), null=True, blank=True, validators=_SCORE
    )
    result = models.PositiveSmallIntegerField(_("result"), null=True, blank=True, validators=_SCORE)
    comment = models.CharField(_("comment"), max_length=200, blank=True)
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )

    objects = SurveyQuerySet.as_manager()

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        indexes = [models.Index(fields=["station", "answered_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_key"], condition=~Q(subject_key=""), name="survey_once_per_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.station_id} {self.context} {self.subject_key}"

    @property
    def average(self):
        scores = [s for s in (self.environment, self.process, self.result) if s is not None]
        return sum(scores) / len(scores) if scores else None
