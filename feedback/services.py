"""Writes of the feedback app: survey invitations and answers, and the one-step wage complaint
from the staff's follow-up list of employers workers say did not pay as agreed."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Survey
from gigmarket.logging import scrub
from gigmarket.models import User
from gigmarket.roles import Role
from jobs.services import notices
from stations.models import Station

__all__ = [
    "on_complaint_closed",
    "on_placement_completed",
    "on_training_completed",
    "placement_survey_url",
    "station_satisfaction",
    "station_survey_url",
    "survey_answer",
    "survey_invite",
    "survey_walk_in",
    "wage_complaint_open",
]


def survey_invite(
    *,
    station: Station | None,
    context: str,
    respondent: str,
    subject_key: str,
    to: str = "",
    recipient: User | None = None,
    what: str = "",
) -> Survey | None:
    """Ask for a survey once per subject; text the link when ``to`` (a mobile) is given."""
    if station is None:
        return None
    survey = Survey.objects.filter(subject_key=subject_key).first()
    if survey is None:
        try:
            with transaction.atomic():
                survey = Survey.objects.create(
                    station=station, context=context, respondent=respondent, subject_key=subject_key
                )
        except IntegrityError:
            survey = Survey.objects.get(subject_key=subject_key)
    if to:
        notices.send(
            key=f"survey:{survey.pk}:ask",
            kind="survey",
            to=to,
            variables={"what": what, "link": notices.link("feedback:survey", token=survey.token)},
            recipient=recipient,
        )
    return survey


def _scores(environment, process, result) -> dict:
    errors = {}
    values = {"environment": environment, "process": process, "result": result}
    for key, value in values.items():
        if value not in range(1, 6):
            errors[key] = _("Choose from 1 to 5.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def survey_answer(
    *, survey: Survey, by: User | None, environment: int, process: int, result: int, comment=""
) -> Survey:
    """Record the three scores (once)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.answered_at is not None:
        raise ValidationError(_("This survey has already been answered. Thank you."))
    for key, value in _scores(environment, process, result).items():
        setattr(survey, key, value)
    survey.comment = scrub((comment or "").strip())[:200]
    survey.answered_at = timezone.now()
    survey.answered_by = by if by is not None and by.is_authenticated else None
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def survey_walk_in(
    *, station: Station, by: User | None, environment: int, process: int, result: int, comment=""
) -> Survey:
    """A visitor answers the survey linked at the station (no invitation)."""
    survey = Survey(
        station=station,
        context=Survey.Context.STATION,
        respondent=Survey.Respondent.PUBLIC,
        comment=scrub((comment or "").strip())[:200],
        answered_at=timezone.now(),
        answered_by=by if by is not None and by.is_authenticated else None,
        **_scores(environment, process, result),
    )
    survey.full_clean()
    survey.save()
    return survey


# ---- listeners (registered in FeedbackConfig.ready) ----


def on_placement_completed(*, placement, by=None) -> None:
    """Both sides of a completed placement get a survey; the rating page links to it."""
    station = placement.station or placement.job.station
    for side, respondent in (("worker", Survey.Respondent.SEEKER), ("employer", "employer")):
        survey_invite(
            station=station,
            context=Survey.Context.PLACEMENT,
            respondent=respondent,
            subject_key=f"placement:{placement.pk}:{side}",
        )


def placement_survey_url(placement, side: str) -> str | None:
    survey = Survey.objects.filter(
        subject_key=f"placement:{placement.pk}:{side}", answered_at__isnull=True
    ).first()
    return None if survey is None else reverse("feedback:survey", kwargs={"token": survey.token})


def station_survey_url(station) -> str:
    """The standing survey of a station (its page links it; staff print it as a QR code)."""
    return reverse("feedback:station_survey", kwargs={"code": station.code})


def on_training_completed(*, referral, by=None) -> None:
    seeker = referral.seeker
    station = referral.station or referral.programme.station or seeker.home_station
    survey_invite(
        station=station,
        context=Survey.Context.TRAINING,
        respondent=Survey.Respondent.SEEKER,
        subject_key=f"training:{referral.pk}",
        to=seeker.mobile or "",
        recipient=seeker.user,
        what=_("training"),
    )


def on_complaint_closed(*, complaint, by=None) -> None:
    survey_invite(
        station=complaint.station,
        context=Survey.Context.COMPLAINT,
        respondent=Survey.Respondent.SEEKER,
        subject_key=f"complaint:{complaint.pk}",
        to=complaint.complainant_mobile,
        recipient=complaint.complainant_user,
        what=_("your complaint"),
    )


def station_satisfaction(station: Station, year: int) -> dict:
    """The fact the stations' yearly evaluation asks: the year's monthly figures (out of 5)."""
    months = Survey.objects.filter(station=station).in_year(year).monthly()
    count = sum(m["n"] for m in months)
    average = None
    if count:
        total = sum(float(m["overall"]) * m["n"] for m in months if m["overall"] is not None)
        average = Decimal(str(total / count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return {
        "months": [
            {"month": _month_day(m["month"]), "n": m["n"], "overall": m["overall"]} for m in months
        ],
        "count": count,
        "average": average,
    }


def _month_day(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


# ---- the wage complaint from the follow-up list ----


@transaction.atomic
def wage_complaint_open(*, employer, by: User):
    """Open an unpaid-wage complaint at the window for the latest worker who said the employer
    did not pay as agreed (one step from the follow-up list); returns (complaint, created)."""
    from jobs.models import PlacementRating
    from rights.models import Kind
    from rights.services import complaint_file

    if not by.has_role(Role.STATION_STAFF):
        raise PermissionDenied
    station = Station.objects.staffed_by(by).order_by("code").first()
    if station is None:
        raise PermissionDenied
    rating = (
        PlacementRating.objects.filter(
            side=PlacementRating.Side.WORKER,
            paid_as_agreed=False,
            placement__job__employer=employer,
        )
        .select_related("placement__seeker", "placement__job")
        .order_by("-answered_at", "-pk")
        .first()
    )
    if rating is None:
        raise ValidationError(_("No worker has said this employer did not pay as agreed."))
    placement = rating.placement
    seeker = placement.seeker
    if not seeker.mobile:
        raise ValidationError(
            _("The worker has no mobile in the register: take the complaint at the window.")
        )
    return complaint_file(
        by=by,
        station=station,
        kind=Kind.UNPAID_WAGES,
        name=seeker.name,
        mobile=seeker.mobile,
        description=_(
            "Opened from the follow-up list: workers said in their ratings that the employer "
            "did not pay as agreed (job “%(job)s”)."
        )
        % {"job": placement.job.title},
        job=placement.job,
        amount_unknown=True,
        people_affected=1,
        idempotency_key=f"wage-followup:{rating.pk}",
        complainant_user=seeker.user,
    )
