"""Permission matrix rows for the rights app (the matrix's staff works at station ``matrix-home``).

Public pages need no account; the case pages are for staff of the handling station and county
admins (whose matrix user has no region, so reaches every station). A case at another station is
a 404 for the matrix's staff.
"""

from tests.permissions import LOGIN, Check, everyone

DENY = {"anonymous": LOGIN, "seeker": 403, "employer": 403, "reviewer": 403, "auditor": 403}


def _case(code="matrix-home", factory="ComplaintFactory", **extra):
    from tests.rights import factories
    from tests.stations.factories import StationFactory

    return getattr(factories, factory)(station=StationFactory(code=code), **extra)


def _home(world):
    return {"public_id": _case().public_id}


def _other(world):
    return {"public_id": _case("matrix-other").public_id}


def _number(world):
    return {"number": _case().number}


def _closed_number(world):
    return {"number": _case(factory="ClosedComplaintFactory").number}


def _evidence(world):
    from django.core.files.base import ContentFile

    from rights.models import Evidence

    case = _case()
    evidence = Evidence(
        complaint=case, original_name="slip.pdf", content_type="application/pdf", size=9
    )
    evidence.file.save("e.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    evidence.save()
    return {"public_id": case.public_id, "pk": evidence.pk}


def _holiday(world):
    import datetime

    from rights.models import Holiday

    return {"pk": Holiday.objects.create(date=datetime.date(2026, 10, 1), name="国庆节").pk}


HANDLERS_GET = {**DENY, "staff": 200, "admin": 200}
# A POST with an empty body: the form is re-shown with its errors (400) to those who may act.
HANDLERS_POST = {**DENY, "staff": 400, "admin": 400}

CHECKS = [
    # public: filing and tracking, no account needed
    Check("rights:complaint_create", everyone(200)),
    Check(
        "rights:complaint_create",
        everyone(200),
        method="post",
        data=lambda w: {"idempotency_key": "x"},
        note="an incomplete form is shown again with its errors",
    ),
    Check(
        "rights:complaint_receipt",
        everyone(302),
        note="without a case filed in this session: to the look-up",
    ),
    Check("rights:complaint_track", everyone(200)),
    Check(
        "rights:complaint_status",
        everyone(302),
        kwargs=_number,
        note="not verified in this session: back to the look-up form",
    ),
    Check(
        "rights:complaint_rate",
        everyone(404),
        method="post",
        kwargs=_closed_number,
        data=lambda w: {"score": "5"},
        note="not verified in this session",
    ),
    # staff: lists and intake
    Check("rights:complaint_list", HANDLERS_GET),
    Check("rights:complaint_overdue", HANDLERS_GET),
    Check("rights:complaint_intake", HANDLERS_GET),
    # staff: one case at the matrix staff's station
    Check("rights:complaint_detail", HANDLERS_GET, kwargs=_home),
    Check(
        "rights:complaint_detail",
        {**HANDLERS_GET, "staff": 404},
        kwargs=_other,
        note="another station's case is a 404 for its staff",
    ),
    Check("rights:complaint_reveal", HANDLERS_GET, method="post", kwargs=_home),
    Check("rights:complaint_notice", HANDLERS_POST, method="post", kwargs=_home),
    Check(
        "rights:complaint_accept", {**DENY, "staff": 302, "admin": 302}, method="post", kwargs=_home
    ),
    Check(
        "rights:complaint_accept",
        {**DENY, "staff": 404, "admin": 302},
        method="post",
        kwargs=_other,
    ),
    Check("rights:complaint_decline", HANDLERS_POST, method="post", kwargs=_home),
    Check(
        "rights:complaint_mediate",
        HANDLERS_POST,
        method="post",
        kwargs=_home,
        note="a received case cannot go to mediation: the error is shown",
    ),
    Check("rights:complaint_resolve", HANDLERS_POST, method="post", kwargs=_home),
    Check("rights:complaint_transfer", HANDLERS_POST, method="post", kwargs=_home),
    Check("rights:complaint_close", HANDLERS_POST, method="post", kwargs=_home),
    Check("rights:complaint_hand_over", HANDLERS_POST, method="post", kwargs=_home),
    Check(
        "rights:complaint_suspend_employer",
        {**DENY, "staff": 302, "admin": 302},
        method="post",
        kwargs=_home,
        note="not resolved: a message explains, nothing changes",
    ),
    Check(
        "rights:complaint_reassign",
        {**DENY, "staff": 403, "admin": 400},
        method="post",
        kwargs=_home,
        note="only a county admin sends a case to another station",
    ),
    Check("rights:complaint_close_job", HANDLERS_POST, method="post", kwargs=_home),
    Check("rights:evidence_add", HANDLERS_POST, method="post", kwargs=_home),
    Check("rights:evidence_download", HANDLERS_GET, kwargs=_evidence),
    # county admin: working days
    Check("rights:holiday_list", {**DENY, "staff": 403, "admin": 200}),
    Check(
        "rights:holiday_delete",
        {**DENY, "staff": 403, "admin": 302},
        method="post",
        kwargs=_holiday,
    ),
]
