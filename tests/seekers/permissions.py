"""Permission matrix rows for the seeker register, including cross-station access.

The matrix's "staff" works at station ``matrix-home``; a seeker at ``matrix-other`` belongs to
another station: staff see that record masked (and may reveal it, logged, or renew it) but cannot
change it (404).
"""

from gigmarket.models import Occupation
from tests.permissions import LOGIN, Check

DESK = {"anonymous": LOGIN, "staff": 200, "admin": 200}
DESK_REDIRECT = {"anonymous": LOGIN, "staff": 302, "admin": 302}
OWN = {"anonymous": LOGIN, "seeker": 200}
PUBLIC_FORM = {"anonymous": 200}


def _seeker_at(code: str, **extra):
    from tests.seekers.factories import SeekerFactory
    from tests.stations.factories import StationFactory

    return SeekerFactory(station=StationFactory(code=code), **extra)


def home(world) -> dict:
    return {
        "public_id": _seeker_at("matrix-home", details={"priority_groups": ["older"]}).public_id
    }


def other(world) -> dict:
    return {"public_id": _seeker_at("matrix-other").public_id}


def own(world) -> dict:
    """Give the matrix's seeker account its own registration; the URL takes no arguments."""
    from seekers.models import Seeker

    seeker = _seeker_at("matrix-home")
    Seeker.objects.filter(pk=seeker.pk).update(user=world["seeker"], mobile=world["seeker"].phone)
    return {}


def occupation(world) -> dict:
    return {"primary_occupation": Occupation.objects.kinds().first().pk}


def own_alert_data(world) -> dict:
    from seekers.models import Seeker

    seeker = Seeker.objects.get(user=world["seeker"])
    return {"active": "on", "occupations": [seeker.primary_occupation_id]}


def home_alert_data(world) -> dict:
    return {"active": ""}


CHECKS = [
    Check("seekers:seeker_alerts", DESK, default=403, kwargs=home),
    Check("seekers:seeker_alerts", {**DESK, "staff": 404}, default=403, kwargs=other),
    Check(
        "seekers:seeker_alerts",
        DESK_REDIRECT,
        default=403,
        method="post",
        kwargs=home,
        data=home_alert_data,
        note="switching off at the window, recorded as consent withdrawn",
    ),
    Check(
        "seekers:seeker_messages_opt_out",
        DESK_REDIRECT,
        default=403,
        method="post",
        kwargs=home,
        data=lambda w: {"kind": "job_alert"},
    ),
    Check(
        "seekers:seeker_messages_opt_out",
        {**DESK_REDIRECT, "staff": 404},
        default=403,
        method="post",
        kwargs=other,
        data=lambda w: {"kind": "job_alert"},
    ),
    Check("seekers:own_alerts", OWN, default=403, kwargs=own),
    Check(
        "seekers:own_alerts",
        {"anonymous": LOGIN, "seeker": 302},
        default=403,
        method="post",
        kwargs=own,
        data=own_alert_data,
    ),
    Check("seekers:seeker_list", DESK, default=403),
    Check(
        "seekers:seeker_list",
        DESK,
        default=403,
        method="post",
        data=lambda w: {"q": "138****8000"},
        note="search is a POST so typed numbers stay out of URLs",
    ),
    Check("seekers:seeker_register", DESK, default=403),
    Check("seekers:priority_ledger", DESK, default=403),
    Check(
        "seekers:seeker_detail", DESK, default=403, kwargs=home, note="home station: full, logged"
    ),
    Check("seekers:seeker_detail", DESK, default=403, kwargs=other, note="other station: masked"),
    Check(
        "seekers:seeker_reveal",
        DESK,
        default=403,
        method="post",
        kwargs=other,
        data=lambda w: {"purpose": "电话通知保洁岗位"},
    ),
    Check("seekers:seeker_edit", DESK, default=403, kwargs=home),
    Check(
        "seekers:seeker_edit",
        {**DESK, "staff": 404},
        default=403,
        kwargs=other,
        note="another station's seeker cannot be changed",
    ),
    Check("seekers:seeker_edit", {"anonymous": LOGIN}, default=405, method="put", kwargs=home),
    Check(
        "seekers:seeker_renew",
        DESK_REDIRECT,
        default=403,
        method="post",
        kwargs=other,
        data=occupation,
        note="any station may re-register a returning seeker",
    ),
    Check(
        "seekers:seeker_renew",
        {"anonymous": LOGIN},
        default=405,
        kwargs=home,
        note="renewal is a POST",
    ),
    Check(
        "seekers:seeker_status",
        DESK_REDIRECT,
        default=403,
        method="post",
        kwargs=home,
        data=lambda w: {"to": "paused", "reason": "外出"},
    ),
    Check(
        "seekers:seeker_status",
        {**DESK_REDIRECT, "staff": 404},
        default=403,
        method="post",
        kwargs=other,
        data=lambda w: {"to": "paused"},
    ),
    Check(
        "seekers:seeker_withdraw",
        DESK_REDIRECT,
        default=403,
        method="post",
        kwargs=home,
        data=lambda w: {"confirm": "on", "reason": "本人到窗口提出"},
    ),
    Check(
        "seekers:seeker_withdraw",
        {**DESK_REDIRECT, "staff": 404},
        default=403,
        method="post",
        kwargs=other,
        data=lambda w: {"confirm": "on", "reason": "本人到窗口提出"},
    ),
    Check("seekers:seeker_slip", DESK, default=403, kwargs=home),
    Check("seekers:seeker_claim_code", DESK_REDIRECT, default=403, method="post", kwargs=home),
    Check(
        "seekers:seeker_claim_code",
        {**DESK_REDIRECT, "staff": 404},
        default=403,
        method="post",
        kwargs=other,
    ),
    Check(
        "seekers:seeker_contact",
        DESK_REDIRECT,
        default=403,
        method="post",
        kwargs=home,
        data=lambda w: {"note": "电话回访"},
    ),
    Check(
        "seekers:seeker_contact",
        {**DESK_REDIRECT, "staff": 404},
        default=403,
        method="post",
        kwargs=other,
        data=lambda w: {"note": "电话回访"},
    ),
    Check(
        "seekers:seeker_self_register",
        PUBLIC_FORM,
        default=302,
        note="logged-in users are sent on to their start page",
    ),
    Check("seekers:account_claim", PUBLIC_FORM, default=302),
    Check(
        "seekers:self_register_confirm",
        {"anonymous": 302},
        default=302,
        note="without a registration in progress it sends back to step one; logged-in users on",
    ),
    Check("seekers:own_record", OWN, default=403, kwargs=own),
    Check("seekers:own_edit", OWN, default=403, kwargs=own),
    Check("seekers:own_renew", OWN, default=403, kwargs=own),
    Check(
        "seekers:own_renew",
        {"anonymous": LOGIN, "seeker": 302},
        default=403,
        method="post",
        kwargs=own,
        data=occupation,
    ),
    Check("seekers:own_download", OWN, default=403, kwargs=own),
    Check("seekers:own_withdraw", OWN, default=403, kwargs=own),
]
