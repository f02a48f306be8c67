"""Permission matrix rows for the feedback app (the matrix's staff works at ``matrix-home``)."""

from tests.permissions import LOGIN, Check, everyone

DENY = {
    "anonymous": LOGIN,
    "seeker": 403,
    "employer": 403,
    "staff": 403,
    "reviewer": 403,
    "admin": 403,
    "auditor": 403,
}
STAFF_AND_ADMIN = {**DENY, "staff": 200, "admin": 200}


def _station(code="matrix-home"):
    from tests.stations.factories import StationFactory

    return StationFactory(code=code)


def _survey_token(world):
    from feedback.models import Survey

    return {
        "token": Survey.objects.create(
            station=_station(), context="training", respondent="seeker"
        ).token
    }


def _low_pay_employer(world, station="matrix-home"):
    """An employer two workers said did not pay as agreed, on a job of ``station``."""
    from django.utils import timezone

    from jobs.models import PlacementRating
    from tests.jobs.factories import EmployerFactory, OpenJobFactory, PlacementFactory

    employer = EmployerFactory()
    for _ in range(2):
        placement = PlacementFactory(
            job=OpenJobFactory(employer=employer, station=_station(station)), state="completed"
        )
        PlacementRating.objects.create(
            placement=placement,
            side="worker",
            score=1,
            paid_as_agreed=False,
            answered_at=timezone.now(),
        )
    return {"uuid": employer.uuid}


CHECKS = [
    Check("feedback:survey", everyone(200), kwargs=_survey_token),
    Check(
        "feedback:survey",
        everyone(302),
        method="post",
        kwargs=_survey_token,
        data=lambda w: {"environment": "5", "process": "4", "result": "4"},
    ),
    Check("feedback:station_survey", everyone(200), kwargs=lambda w: {"code": _station().code}),
    Check(
        "feedback:station_survey",
        everyone(302),
        method="post",
        kwargs=lambda w: {"code": _station().code},
        data=lambda w: {"environment": "5", "process": "4", "result": "4"},
    ),
    Check("feedback:satisfaction", STAFF_AND_ADMIN),
    Check("feedback:followups", STAFF_AND_ADMIN),
    Check(
        "feedback:wage_complaint",
        {**DENY, "staff": 302},
        method="post",
        kwargs=_low_pay_employer,
        note="station staff open the complaint at their window",
    ),
    Check(
        "feedback:wage_complaint",
        {**DENY, "staff": 403},
        method="post",
        kwargs=lambda w: _low_pay_employer(w, station="matrix-other"),
        note="not for an employer on another station's list",
    ),
]
