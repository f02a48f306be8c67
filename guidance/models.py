"""Models of the guidance app: career guidance with its service plan (职业指导, 服务方案), help to
register employment or unemployment (就业登记 / 失业登记), and the accident-insurance
recommendation made when someone is placed on a job without cover (意外伤害保险)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gigmarket.masking import mask_name
from gigmarket.models import TransitionLog
from guidance.querysets import (
    GuidanceQuerySet,
    InsuranceAdviceQuerySet,
    PlanStepQuerySet,
    RegistrationQuerySet,
)


class Guidance(models.Model):
    """One career-guidance session for a person: who gave it, when, where; a short assessment;
    and the service plan agreed (its goals here, its steps in ``PlanStep``)."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="guidance_records",
        verbose_name=_("person"),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("station"),
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("given by"),
    )
    given_at = models.DateTimeField(_("given at"), default=timezone.now, db_index=True)
    # the assessment (评估)
    work_history = models.TextField(_("work history"), max_length=1000, blank=True)
    skills = models.TextField(_("skills and certificates"), max_length=1000, blank=True)
    health_limits = models.TextField(
        _("health limits"),
        max_length=500,
        blank=True,
        help_text=_(
            "Only what the person chooses to say. Shown to staff only, and each viewing is logged."
        ),
    )
    availability = models.CharField(
        _("availability"),
        max_length=200,
        blank=True,
        help_text=_("Which days and hours the person can work."),
    )
    transport = models.CharField(
        _("transport"),
        max_length=100,
        blank=True,
        help_text=_("How the person gets to work, and how far."),
    )
    wants = models.TextField(_("what the person wants"), max_length=1000, blank=True)
    # the plan (服务方案)
    goals = models.TextField(_("goals"), max_length=1000)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GuidanceQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at", "-pk"]
        verbose_name = _("career guidance")
        verbose_name_plural = _("career guidance records")
        indexes = [models.Index(fields=["station", "given_at"])]

    def __str__(self) -> str:
        return f"{mask_name(self.seeker.name)} {self.given_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("guidance:guidance_detail", kwargs={"public_id": self.public_id})


class PlanStep(models.Model):
    """One agreed step of a service plan, done or not."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        JOB = "job", _("A job to try")
        DOCUMENTS = "documents", _("Documents to bring")
        FOLLOW_UP = "follow_up", _("Follow-up")
        OTHER = "other", _("Other")

    guidance = models.ForeignKey(
        Guidance, on_delete=models.CASCADE, related_name="steps", verbose_name=_("guidance")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    text = models.CharField(
        _("what to do"), max_length=200, help_text=_("In plain words the person understands.")
    )
    due_on = models.DateField(_("by"), null=True, blank=True)
    referral = models.ForeignKey(
        "training.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("training referral"),
    )
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("job"),
    )
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    objects = PlanStepQuerySet.as_manager()

    class Meta:
        ordering = ["guidance", "created_at", "pk"]
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        indexes = [models.Index(fields=["kind", "done", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="follow_up") | models.Q(due_on__isnull=False),
                name="guidance_follow_up_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_overdue(self) -> bool:
        return not self.done and self.due_on is not None and self.due_on < timezone.localdate()


class GuidanceLog(models.Model):
    """Every change to a guidance record or its plan: who, when, what, and a note."""

    class Action(models.TextChoices):
        CREATED = "created", _("Guidance given")
        ASSESSMENT = "assessment", _("Assessment changed")
        STEP_ADDED = "step_added", _("Step added")
        STEP_DONE = "step_done", _("Step done")
        STEP_REOPENED = "step_reopened", _("Step not done after all")
        FOLLOWED_UP = "followed_up", _("Followed up")
        HEALTH_VIEWED = "health_viewed", _("Health limits viewed")

    guidance = models.ForeignKey(
        Guidance, on_delete=models.CASCADE, related_name="logs", verbose_name=_("guidance")
    )
    step = models.ForeignKey(
        PlanStep,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("step"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("what"), max_length=16, choices=Action.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("guidance log entry")
        verbose_name_plural = _("guidance log")

    def __str__(self) -> str:
        return f"{self.guidance_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class Registration(models.Model):
    """The station helped a person register employment or unemployment in the provincial system
    (the legal register lives there); this is the station's record of it, and the number the
    provincial system returned once it is known."""

    class Kind(models.TextChoices):
        EMPLOYMENT = "employment", _("Employment registration")
        UNEMPLOYMENT = "unemployment", _("Unemployment registration")

    class Reason(models.TextChoices):
        CONTRACT_ENDED = "contract_ended", _("Contract or work ended")
        DISMISSED = "dismissed", _("Dismissed")
        RESIGNED = "resigned", _("Resigned")
        BUSINESS_CLOSED = "business_closed", _("Business closed")
        GRADUATED = "graduated", _("Left school without work")
        RETURNED = "returned", _("Came back from work elsewhere")
        OTHER = "other", _("Other")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="employment_registrations",
        verbose_name=_("person"),
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    station = models.ForeignKey(
        "stations.Station", on_delete=models.PROTECT, related_name="+", verbose_name=_("station")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)
    # employment
    employer_name = models.CharField(_("employer"), max_length=100, blank=True)
    employer_credit_code = models.CharField(_("employer's credit code"), max_length=18, blank=True)
    placement = models.ForeignKey(
        "jobs.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placement"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    # unemployment
    unemployed_on = models.DateField(_("unemployed since"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices, blank=True)
    reason_note = models.CharField(_("more about the reason"), max_length=200, blank=True)
    # the provincial system's answer
    reference = models.CharField(
        _("provincial reference number"),
        max_length=40,
        blank=True,
        help_text=_("The number the provincial system returned; add it later if not known yet."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("employment or unemployment registration")
        verbose_name_plural = _("employment and unemployment registrations")
        indexes = [models.Index(fields=["kind", "recorded_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="employment")
                | (models.Q(start_date__isnull=False) & ~models.Q(employer_name="")),
                name="guidance_employment_has_employer_and_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="unemployment")
                | (models.Q(unemployed_on__isnull=False) & ~models.Q(reason="")),
                name="guidance_unemployment_has_date_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {mask_name(self.seeker.name)}"

    def get_absolute_url(self) -> str:
        return reverse("guidance:registration_detail", kwargs={"public_id": self.public_id})

    @property
    def is_filed(self) -> bool:
        return bool(self.reference)

    @property
    def effective_on(self):
        """The day the registration is about: the start of work, or the first day out of work."""
        return self.start_date if self.kind == self.Kind.EMPLOYMENT else self.unemployed_on


class RegistrationLog(TransitionLog):
    """Each step of a registration record: recorded, reference added or corrected."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="logs", verbose_name=_("registration")
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("registration log entry")
        verbose_name_plural = _("registration log")

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.to_state}"


class InsuranceAdvice(models.Model):
    """A placement confirmed on a job without insurance: staff recommend accident-injury cover
    to the person and record the answer (recommended → bought / declined)."""

    class Status(models.TextChoices):
        DUE = "due", _("To recommend")
        RECOMMENDED = "recommended", _("Recommended")
        BOUGHT = "bought", _("Bought")
        DECLINED = "declined", _("Declined")

    TRANSITIONS = {
        Status.DUE: (Status.RECOMMENDED,),
        Status.RECOMMENDED: (Status.BOUGHT, Status.DECLINED),
        Status.DECLINED: (Status.BOUGHT,),
    }

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    placement = models.OneToOneField(
        "jobs.Placement",
        on_delete=models.PROTECT,
        related_name="insurance_advice",
        verbose_name=_("placement"),
    )
    seeker = models.ForeignKey(
        "seekers.Seeker",
        on_delete=models.PROTECT,
        related_name="insurance_advice",
        verbose_name=_("person"),
    )
    station = models.ForeignKey(
        "stations.Station",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("station"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DUE, db_index=True
    )
    insurer = models.CharField(_("insurer"), max_length=60, blank=True)
    cover = models.CharField(_("cover"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InsuranceAdviceQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("insurance recommendation")
        verbose_name_plural = _("insurance recommendations")

    def __str__(self) -> str:
        return f"{mask_name(self.seeker.name)} {self.get_status_display()}"


class InsuranceAdviceTransition(TransitionLog):
    """One step of an insurance recommendation: who, when, from, to, the person's reason."""

    states = InsuranceAdvice.Status

    advice = models.ForeignKey(
        InsuranceAdvice,
        on_delete=models.CASCADE,
        related_name="transitions",
        verbose_name=_("insurance recommendation"),
    )

    class Meta(TransitionLog.Meta):
        verbose_name = _("insurance recommendation step")
        verbose_name_plural = _("insurance recommendation steps")

    def __str__(self) -> str:
        return f"{self.advice_id}: {self.from_state} → {self.to_state}"
