"""Permission matrix rows for training: public list and page, the seeker's sign-up, demand orders,
and the back office (programmes for the county admin; referrals, roster and attendance for the desk).

The matrix's "staff" works at station ``matrix-home``; the seeker referred in these rows lives there.
"""

import datetime

from django.utils import timezone

from tests.permissions import LOGIN, Check, everyone

DESK = {"anonymous": LOGIN, "staff": 200, "admin": 200}
DESK_POST = {"anonymous": LOGIN, "staff": 302, "admin": 302}
ADMIN = {"anonymous": LOGIN, "admin": 200}
ADMIN_POST = {"anonymous": LOGIN, "admin": 302}


def _enrolling():
    from tests.training.factories import EnrollingProgrammeFactory

    return EnrollingProgrammeFactory()


def programme(world) -> dict:
    return {"public_id": _enrolling().public_id}


def planned(world) -> dict:
    from tests.training.factories import SessionFactory

    return {"public_id": SessionFactory().programme.public_id}


def _home_seeker():
    from tests.seekers.factories import SeekerFactory
    from tests.stations.factories import StationFactory

    return SeekerFactory(station=StationFactory(code="matrix-home"))


def _referral(status: str):
    from tests.training.factories import ReferralFactory

    return ReferralFactory(seeker=_home_seeker(), status=status)


def referred(world) -> dict:
    return {"public_id": _referral("referred").public_id}


def enrolled(world) -> dict:
    return {"public_id": _referral("enrolled").public_id}


def completed(world) -> dict:
    return {"public_id": _referral("completed").public_id}


def session(world) -> dict:
    return {"pk": _referral("enrolled").programme.sessions.first().pk}


def order(world) -> dict:
    from tests.training.factories import DemandOrderFactory

    return {"public_id": DemandOrderFactory().public_id}


def serve_data(world) -> dict:
    from tests.training.factories import ProgrammeFactory, occupation

    return {"programme": ProgrammeFactory(occupation=occupation("4-03")).pk}


def refer_data(world) -> dict:
    return {"seeker": str(_home_seeker().public_id), "note": "驿站推荐"}


def _next_month() -> str:
    day = timezone.localdate().replace(day=1) + datetime.timedelta(days=40)
    return f"{day:%Y-%m}"


def demand_data(world) -> dict:
    from tests.stations.factories import StationFactory

    return {
        "occupation": "4-03",
        "people": 5,
        "month": _next_month(),
        "note": "",
        "requester": "employer",
        "requester_label": "某家政公司",
        "station": StationFactory(code="matrix-home").pk,
    }


CHECKS = [
    Check("training:programme_list", everyone(200)),
    Check("training:programme_list", everyone(200), query="?occupation=6-07&month=2026-12"),
    Check("training:programme_detail", everyone(200), kwargs=programme),
    Check(
        "training:programme_detail", everyone(404), kwargs=planned, note="not published: not public"
    ),
    Check(
        "training:programme_sign_up",
        {"anonymous": LOGIN, "seeker": 302},
        default=403,
        method="post",
        kwargs=programme,
        note="a seeker account without a registration is sent back with a message",
    ),
    Check(
        "training:demand_create",
        {"anonymous": LOGIN, "seeker": 200, "employer": 200, "staff": 200, "admin": 200},
        default=403,
    ),
    Check(
        "training:demand_create",
        {"anonymous": LOGIN, "staff": 302, "admin": 302, "seeker": 200, "employer": 200},
        default=403,
        method="post",
        data=demand_data,
        note="staff and admin record on someone's behalf; accounts without a record are told so",
    ),
    Check("training:demand_list", DESK, default=403),
    Check(
        "training:demand_serve",
        ADMIN_POST,
        default=403,
        method="post",
        kwargs=order,
        data=serve_data,
    ),
    Check("training:manage_list", DESK, default=403),
    Check("training:programme_create", ADMIN, default=403),
    Check("training:institution_list", ADMIN, default=403),
    Check("training:institution_create", ADMIN, default=403),
    Check("training:programme_manage", DESK, default=403, kwargs=programme),
    Check("training:programme_edit", ADMIN, default=403, kwargs=programme),
    Check(
        "training:session_add",
        ADMIN,
        default=403,
        method="post",
        kwargs=planned,
        data=lambda w: {"date": "", "starts": "09:00", "ends": "12:00"},
        note="an invalid session re-shows the page",
    ),
    Check("training:programme_publish", ADMIN_POST, default=403, method="post", kwargs=planned),
    Check("training:programme_start", ADMIN_POST, default=403, method="post", kwargs=programme),
    Check("training:programme_finish", ADMIN_POST, default=403, method="post", kwargs=programme),
    Check(
        "training:programme_cancel",
        ADMIN_POST,
        default=403,
        method="post",
        kwargs=programme,
        data=lambda w: {"reason": "报名人数不足"},
    ),
    Check("training:referral_search", DESK, default=403, kwargs=programme),
    Check(
        "training:referral_search",
        DESK,
        default=403,
        method="post",
        kwargs=programme,
        data=lambda w: {"q": "138****8000"},
        note="search is a POST so typed numbers stay out of URLs",
    ),
    Check(
        "training:referral_create",
        DESK_POST,
        default=403,
        method="post",
        kwargs=programme,
        data=refer_data,
    ),
    Check("training:roster", DESK, default=403, kwargs=programme),
    Check("training:roster_export", DESK, default=403, kwargs=programme),
    Check(
        "training:attendance_record",
        DESK_POST,
        default=403,
        method="post",
        kwargs=session,
        data=lambda w: {"present": []},
    ),
    Check("training:referral_enrol", DESK_POST, default=403, method="post", kwargs=referred),
    Check("training:referral_complete", DESK_POST, default=403, method="post", kwargs=enrolled),
    Check(
        "training:referral_certify",
        DESK_POST,
        default=403,
        method="post",
        kwargs=completed,
        data=lambda w: {
            "certificate_number": "S5209990001",
            "certificate_date": str(timezone.localdate()),
        },
    ),
    Check(
        "training:referral_drop",
        DESK_POST,
        default=403,
        method="post",
        kwargs=referred,
        data=lambda w: {"reason": "找到长期工作"},
    ),
]
