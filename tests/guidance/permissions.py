"""Permission matrix rows for guidance: the desk's pages (station staff and county admin), the
provincial export (county admin only), and the seeker's own plan.

The matrix's "staff" works at station ``matrix-home``; the records in these rows are made there.
"""

import datetime

from django.utils import timezone

from tests.permissions import LOGIN, Check

DESK = {"anonymous": LOGIN, "staff": 200, "admin": 200}
DESK_POST = {"anonymous": LOGIN, "staff": 302, "admin": 302}


def _home_seeker():
    from seekers.models import Seeker
    from tests.guidance.factories import resident_id
    from tests.seekers.factories import SeekerFactory
    from tests.stations.factories import StationFactory

    n = Seeker.objects.count() + 500
    return SeekerFactory(station=StationFactory(code="matrix-home"), id_number=resident_id(n))


def seeker(world) -> dict:
    return {"public_id": _home_seeker().public_id}


def _guidance(world):
    from guidance.services import guidance_give

    return guidance_give(
        by=world["staff"],
        seeker=_home_seeker(),
        goals="找日结的活",
        health_limits="腰不好",
        steps=[
            {"kind": "documents", "text": "带身份证"},
            {"kind": "follow_up", "text": "回访", "due_on": timezone.localdate()},
        ],
    )


def guidance(world) -> dict:
    return {"public_id": _guidance(world).public_id}


def step(world) -> dict:
    return {"pk": _guidance(world).steps.get(kind="documents").pk}


def follow_up(world) -> dict:
    return {"pk": _guidance(world).steps.get(kind="follow_up").pk}


def registration(world) -> dict:
    from guidance.services import registration_record

    made = registration_record(
        by=world["staff"],
        seeker=_home_seeker(),
        kind="unemployment",
        unemployed_on=timezone.localdate() - datetime.timedelta(days=2),
        reason="contract_ended",
    )
    return {"public_id": made.public_id}


def advice(world) -> dict:
    from guidance.services import insurance_advice_open
    from tests.jobs.factories import OpenJobFactory, PlacementFactory
    from tests.stations.factories import StationFactory

    job = OpenJobFactory(station=StationFactory(code="matrix-home"))
    placement = PlacementFactory(
        job=job, seeker=_home_seeker(), state="confirmed", confirmed_at=timezone.now()
    )
    return {"public_id": insurance_advice_open(placement=placement).public_id}


def programme_data(world) -> dict:
    from tests.training.factories import EnrollingProgrammeFactory

    return {"programme": EnrollingProgrammeFactory().pk}


def guidance_data(world) -> dict:
    return {
        "goals": "找一份离家近的活",
        "work_history": "做过保洁",
        "documents_step": "带身份证",
        "follow_up_on": str(timezone.localdate() + datetime.timedelta(days=7)),
    }


CHECKS = [
    Check("guidance:index", DESK, default=403),
    Check(
        "guidance:index",
        DESK,
        default=403,
        method="post",
        data=lambda w: {"q": "张"},
        note="search is a POST so typed numbers stay out of URLs",
    ),
    Check(
        "guidance:my_plan",
        {"anonymous": LOGIN},
        default=403,
        note="only a seeker with a record has a plan page; the matrix seeker has no record",
    ),
    Check("guidance:guidance_create", DESK, default=403, kwargs=seeker),
    Check(
        "guidance:guidance_create",
        DESK_POST,
        default=403,
        method="post",
        kwargs=seeker,
        data=guidance_data,
    ),
    Check("guidance:guidance_detail", DESK, default=403, kwargs=guidance),
    Check("guidance:guidance_edit", DESK, default=403, kwargs=guidance),
    Check(
        "guidance:guidance_edit",
        DESK_POST,
        default=403,
        method="post",
        kwargs=guidance,
        data=lambda w: {"goals": "学一门手艺", "transport": "公交"},
    ),
    Check(
        "guidance:health_reveal",
        DESK,
        default=403,
        method="post",
        kwargs=guidance,
        data=lambda w: {"purpose": "推荐岗位前确认"},
        note="the page re-renders with the health limits shown (logged)",
    ),
    Check(
        "guidance:step_add",
        DESK_POST,
        default=403,
        method="post",
        kwargs=guidance,
        data=lambda w: {"kind": "job", "text": "去物流园试工"},
    ),
    Check(
        "guidance:step_refer",
        DESK_POST,
        default=403,
        method="post",
        kwargs=guidance,
        data=programme_data,
    ),
    Check("guidance:plan_print", DESK, default=403, kwargs=guidance),
    Check(
        "guidance:step_mark",
        DESK_POST,
        default=403,
        method="post",
        kwargs=step,
        data=lambda w: {"done": "on", "outcome": "带来了"},
    ),
    Check(
        "guidance:follow_up",
        DESK_POST,
        default=403,
        method="post",
        kwargs=follow_up,
        data=lambda w: {"note": "已上岗"},
    ),
    Check("guidance:registration_list", DESK, default=403),
    Check(
        "guidance:registration_export",
        {"anonymous": LOGIN, "admin": 200},
        default=403,
        query="?month=2026-12&unfiled=on",
        note="full ID numbers: county admin only, logged",
    ),
    Check("guidance:registration_create", DESK, default=403, kwargs=seeker),
    Check(
        "guidance:registration_create",
        DESK_POST,
        default=403,
        method="post",
        kwargs=seeker,
        data=lambda w: {
            "kind": "unemployment",
            "unemployed_on": str(timezone.localdate()),
            "reason": "resigned",
        },
    ),
    Check("guidance:registration_detail", DESK, default=403, kwargs=registration),
    Check(
        "guidance:registration_reference",
        DESK_POST,
        default=403,
        method="post",
        kwargs=registration,
        data=lambda w: {"reference": "SY2026001"},
    ),
    Check("guidance:advice_list", DESK, default=403),
    Check(
        "guidance:advice_record",
        DESK_POST,
        default=403,
        method="post",
        kwargs=advice,
        data=lambda w: {"to": "recommended"},
    ),
]
