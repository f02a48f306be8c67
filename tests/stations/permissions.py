"""Permission matrix rows for the stations app (the matrix's staff user works at "matrix-home")."""

import datetime

from tests.permissions import LOGIN, Check, everyone

ADMIN_ONLY = {"anonymous": LOGIN, "admin": 200}
LEDGER = {"anonymous": LOGIN, "staff": 200, "admin": 200}
HOME = {"code": "matrix-home"}
YEAR = datetime.date.today().year


def _home(world):
    return HOME


def _away(world):
    """A station the matrix's staff member does not work at."""
    from tests.stations.factories import StationFactory

    StationFactory(code="matrix-away")
    return {"code": "matrix-away"}


def _exception(world):
    from stations.models import OpeningException, Station

    station = Station.objects.get(code="matrix-home")
    exception = OpeningException.objects.create(station=station, date=datetime.date(YEAR, 12, 31))
    return {"code": "matrix-home", "pk": exception.pk}


def _assignment(world):
    from stations.models import StationAssignment

    assignment = StationAssignment.objects.get(station__code="matrix-home", user=world["staff"])
    return {"code": "matrix-home", "pk": assignment.pk}


def _self_assessed(world):
    from tests.stations.factories import StationEvaluationFactory

    StationEvaluationFactory(station__code="matrix-home", year=YEAR)
    return {"code": "matrix-home", "year": YEAR}


CHECKS = [
    # Public: the directory, the station page, its QR code.
    Check("stations:station_list", everyone(200)),
    Check(
        "stations:station_list",
        everyone(200),
        query="?lat=26.58&lng=106.71&open_now=on",
        note="nearest first from the browser's location",
    ),
    Check("stations:station_detail", everyone(200), kwargs=_home),
    Check("stations:station_qr", everyone(200), kwargs=_home),
    # The county admin's registry.
    Check("stations:station_registry", ADMIN_ONLY, default=403),
    Check("stations:station_gaps", ADMIN_ONLY, default=403),
    Check("stations:station_create", ADMIN_ONLY, default=403),
    Check(
        "stations:station_create",
        ADMIN_ONLY,
        default=403,
        method="post",
        data=lambda w: {"code": ""},
        note="invalid: the form comes back with errors",
    ),
    Check("stations:station_edit", ADMIN_ONLY, default=403, kwargs=_home),
    Check("stations:station_hours", ADMIN_ONLY, default=403, kwargs=_home),
    Check(
        "stations:exception_add",
        {"anonymous": LOGIN, "admin": 302},
        default=403,
        method="post",
        kwargs=_home,
        data=lambda w: {"date": f"{YEAR}-10-01", "closed": "on", "note": "国庆"},
    ),
    Check(
        "stations:exception_delete",
        {"anonymous": LOGIN, "admin": 302},
        default=403,
        method="post",
        kwargs=_exception,
    ),
    Check("stations:station_staff", ADMIN_ONLY, default=403, kwargs=_home),
    Check(
        "stations:assignment_end",
        {"anonymous": LOGIN, "admin": 302},
        default=403,
        method="post",
        kwargs=_assignment,
    ),
    Check(
        "stations:station_retire",
        {"anonymous": LOGIN, "admin": 302},
        default=403,
        method="post",
        kwargs=_home,
        data=lambda w: {"reason": "撤并"},
    ),
    # The service ledger: the station's own staff and the admin.
    Check("stations:ledger", LEDGER, default=403, kwargs=_home),
    Check(
        "stations:ledger",
        {"anonymous": LOGIN, "staff": 404, "admin": 200},
        default=403,
        kwargs=_away,
        note="staff of one station cannot read another station's ledger",
    ),
    Check("stations:ledger_export", LEDGER, default=403, kwargs=_home, query="?format=xlsx"),
    Check(
        "stations:ledger_export",
        {"anonymous": LOGIN, "staff": 404, "admin": 200},
        default=403,
        kwargs=_away,
    ),
    Check(
        "stations:ledger_entry_add",
        {"anonymous": LOGIN, "staff": 302, "admin": 302},
        default=403,
        method="post",
        kwargs=_home,
        data=lambda w: {"kind": "consultation", "note": "政策咨询"},
    ),
    Check(
        "stations:ledger_entry_add",
        {"anonymous": LOGIN, "staff": 404, "admin": 302},
        default=403,
        method="post",
        kwargs=_away,
        data=lambda w: {"kind": "consultation"},
        note="staff of station A posting to station B's ledger gets 404",
    ),
    # Yearly evaluation.
    Check("stations:evaluation_list", ADMIN_ONLY, default=403),
    Check("stations:retire_followups", ADMIN_ONLY, default=403),
    Check("stations:self_assessment", LEDGER, default=403, kwargs=lambda w: {**HOME, "year": YEAR}),
    Check(
        "stations:self_assessment",
        {"anonymous": LOGIN, "staff": 404, "admin": 200},
        default=403,
        kwargs=lambda w: {**_away(w), "year": YEAR},
    ),
    Check("stations:evaluation_record", ADMIN_ONLY, default=403, kwargs=_self_assessed),
]
