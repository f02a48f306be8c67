"""After the work: asking a known worker again (re-hire), weekly orders that open themselves,
and the two sides' ratings of each other (private to staff)."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobs.models.matching import Placement
from jobs.models.postings import Employer, Job


def new_token() -> str:
    """An unguessable link token (about 128 bits); the only thing a texted link carries."""
    return secrets.token_urlsafe(16)


class RehireRequest(models.Model):
    """An employer asks a worker from a completed placement again, for a new job order."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for the worker")
        ACCEPTED = "accepted", pgettext_lazy("re-hire request", "Accepted")
        DECLINED = "declined", _("Declined")

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    previous = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        related_name="rehire_requests",
        verbose_name=_("earlier placement"),
    )
    job = models.OneToOneField(
        Job, on_delete=models.PROTECT, related_name="rehire_request", verbose_name=_("new job")
    )
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="rehire_requests",
        verbose_name=_("worker"),
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        related_name="rehire_requests",
        verbose_name=_("employer"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=State.choices, default=State.PENDING, db_index=True
    )
    placement = models.OneToOneField(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new placement"),
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("asked by"),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_via = models.CharField(_("answered via"), max_length=16, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("re-hire request")
        verbose_name_plural = _("re-hire requests")

    def __str__(self) -> str:
        return f"{self.employer_id} → {self.seeker_id} ({self.state})"


class RehireRefusal(models.Model):
    """A worker asked not to be asked again by this employer (honoured by every new request)."""

    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.CASCADE,
        related_name="rehire_refusals",
        verbose_name=_("worker"),
    )
    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="+", verbose_name=_("employer")
    )
    request = models.ForeignKey(
        RehireRequest,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in answer to"),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("refusal of re-hire requests")
        verbose_name_plural = _("refusals of re-hire requests")
        constraints = [
            models.UniqueConstraint(fields=["seeker", "employer"], name="rehire_refusal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.seeker_id} ✕ {self.employer_id}"


class RecurringOrder(models.Model):
    """A weekly order: the template job is copied and opened for each week's work day."""

    WEEKDAYS = [
        (0, _("Monday")),
        (1, _("Tuesday")),
        (2, _("Wednesday")),
        (3, _("Thursday")),
        (4, _("Friday")),
        (5, _("Saturday")),
        (6, _("Sunday")),
    ]

    template = models.ForeignKey(
        Job, on_delete=models.PROTECT, related_name="recurring_orders", verbose_name=_("job copied")
    )
    employer = models.ForeignKey(
        Employer,
        on_delete=models.PROTECT,
        related_name="recurring_orders",
        verbose_name=_("employer"),
    )
    weekday = models.PositiveSmallIntegerField(_("every"), choices=WEEKDAYS)
    active = models.BooleanField(_("running"), default=True, db_index=True)
    created_at = models.DateTimeField(_("set up"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("set up by"),
    )
    stopped_at = models.DateTimeField(_("stopped"), null=True, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stopped by"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("weekly order")
        verbose_name_plural = _("weekly orders")

    def __str__(self) -> str:
        return f"{self.template_id} / {self.get_weekday_display()}"


class RecurringOpening(models.Model):
    """The job a weekly order opened for one work day: at most one per order and day."""

    order = models.ForeignKey(
        RecurringOrder, on_delete=models.CASCADE, related_name="openings", verbose_name=_("order")
    )
    work_date = models.DateField(_("work day"))
    job = models.OneToOneField(
        Job, on_delete=models.PROTECT, related_name="+", verbose_name=_("job opened")
    )
    created_at = models.DateTimeField(_("opened"), default=timezone.now)

    class Meta:
        ordering = ["-work_date"]
        verbose_name = _("weekly order opening")
        verbose_name_plural = _("weekly order openings")
        constraints = [
            models.UniqueConstraint(fields=["order", "work_date"], name="recurring_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.work_date}"


class PlacementRating(models.Model):
    """One side's rating of the other after a completed placement (1–5, private to staff).

    The row is written when the placement is completed (the question is asked) and answered
    later through the texted link, the logged-in page or at the window.
    """

    class Side(models.TextChoices):
        WORKER = "worker", _("The worker about the employer")
        EMPLOYER = "employer", _("The employer about the worker")

    token = models.CharField(max_length=32, unique=True, default=new_token, editable=False)
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("placement")
    )
    side = models.CharField(_("who rates"), max_length=16, choices=Side.choices)
    score = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    paid_as_agreed = models.BooleanField(_("paid as agreed"), null=True, blank=True)
    safe = models.BooleanField(_("safe to work"), null=True, blank=True)
    as_described = models.BooleanField(_("work as described"), null=True, blank=True)
    comment = models.CharField(_("comment"), max_length=200, blank=True)
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, db_index=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_via = models.CharField(_("answered via"), max_length=16, blank=True)

    class Meta:
        ordering = ["-asked_at", "-pk"]
        verbose_name = _("rating after the work")
        verbose_name_plural = _("ratings after the work")
        constraints = [
            models.UniqueConstraint(fields=["placement", "side"], name="rating_once_per_side"),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=5),
                name="rating_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.side}: {self.score}"
