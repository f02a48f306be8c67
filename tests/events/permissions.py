"""Permission matrix rows for the events app (the matrix's staff works at station ``matrix-home``).

Public pages and feeds need no account; registering is for seekers, joining for employers; the
back office is for staff of the organising station and county admins (whose matrix user has no
region, so reaches every station). Another station's event is a 404 for the matrix's staff.
"""

from tests.permissions import LOGIN, Check, everyone

DENY = {"anonymous": LOGIN, "seeker": 403, "employer": 403, "reviewer": 403, "auditor": 403}
DESK_GET = {**DENY, "staff": 200, "admin": 200}
DESK_POST = {**DENY, "staff": 302, "admin": 302}


def _event(code="matrix-home", state="open"):
    from tests.events.factories import EventFactory
    from tests.stations.factories import StationFactory

    return EventFactory(station=StationFactory(code=code), state=state)


def _home(world):
    return {"public_id": _event().public_id}


def _planned(world):
    return {"public_id": _event(state="planned").public_id}


def _other(world):
    return {"public_id": _event("matrix-other").public_id}


def _participation(world):
    from events.models import Participation
    from tests.jobs.factories import EmployerFactory

    event = _event()
    p = Participation.objects.create(event=event, employer=EmployerFactory(), state="applied")
    return {"public_id": event.public_id, "pk": p.pk}


def _registration(world):
    from events.models import Registration
    from tests.seekers.factories import SeekerFactory

    return Registration.objects.create(event=_event(), seeker=SeekerFactory())


def _token(world):
    return {"token": _registration(world).token}


def _own_token(world):
    """The matrix seeker's own slip."""
    from events.models import Registration
    from tests.seekers.factories import SeekerFactory

    seeker = SeekerFactory()
    if world.get("seeker") is not None:
        seeker.user = world["seeker"]
        seeker.save(update_fields=["user"])
    return {"token": Registration.objects.create(event=_event(), seeker=seeker).token}


def _station(world):
    from tests.stations.factories import StationFactory

    return {"code": StationFactory(code="matrix-home").code}


def _job(world):
    from tests.jobs.factories import OpenJobFactory

    return {"public_id": _event().public_id, "pk": OpenJobFactory().pk}


CHECKS = [
    # public
    Check("events:event_list", everyone(200)),
    Check("events:county_calendar", everyone(200)),
    Check("events:station_calendar", everyone(200), kwargs=_station),
    Check("events:feed_json", everyone(200)),
    Check("events:event_detail", everyone(200), kwargs=_home),
    Check(
        "events:event_detail",
        everyone(404),
        kwargs=_planned,
        note="a planned event is not announced yet",
    ),
    # seekers: one tap (the matrix seeker has no registration: sent back with a message)
    Check(
        "events:event_register",
        {**DENY, "seeker": 302, "staff": 403, "admin": 403},
        method="post",
        kwargs=_home,
    ),
    Check(
        "events:event_job_sign_up",
        {**DENY, "seeker": 302, "staff": 403, "admin": 403},
        method="post",
        kwargs=_job,
    ),
    Check(
        "events:registration_slip",
        {**DENY, "staff": 200, "admin": 200},
        kwargs=_token,
        note="a slip is for its seeker and the event's staff",
    ),
    Check(
        "events:registration_slip",
        {**DENY, "seeker": 200, "staff": 200, "admin": 200},
        kwargs=_own_token,
        note="the seeker's own slip",
    ),
    # employers (the matrix employer has no employer record: refused)
    Check(
        "events:event_join",
        {**DENY, "staff": 403, "admin": 403},
        kwargs=_home,
    ),
    # staff
    Check("events:check_in", DESK_GET, kwargs=_token),
    Check("events:check_in", DESK_POST, method="post", kwargs=_token),
    Check("events:manage_list", DESK_GET),
    Check("events:event_create", DESK_GET),
    Check(
        "events:event_create",
        {**DENY, "staff": 400, "admin": 400},
        method="post",
        note="an empty form is shown again with its errors",
    ),
    Check("events:event_manage", DESK_GET, kwargs=_home),
    Check(
        "events:event_manage",
        {**DESK_GET, "staff": 404},
        kwargs=_other,
        note="another station's event is a 404 for its staff",
    ),
    Check("events:event_edit", DESK_GET, kwargs=_home),
    Check("events:event_move", DESK_POST, method="post", kwargs=_home),
    Check(
        "events:event_move",
        {**DESK_POST, "staff": 404},
        method="post",
        kwargs=_other,
    ),
    Check("events:participants_add", DESK_POST, method="post", kwargs=_home),
    Check("events:participation_decide", DESK_POST, method="post", kwargs=_participation),
    Check("events:participation_present", DESK_POST, method="post", kwargs=_participation),
    Check("events:door_check_in", DESK_POST, method="post", kwargs=_home),
    Check("events:event_dispatch", DESK_POST, method="post", kwargs=_home),
]
