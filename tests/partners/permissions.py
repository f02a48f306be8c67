"""Permission matrix rows for the partners app.

The partner's own pages are for partner users (the matrix partner acts for "matrix-partner");
the referral pages are for staff of the station referred to and county admins.
"""

from tests.permissions import LOGIN, Check

DENY = {
    "anonymous": LOGIN,
    "seeker": 403,
    "employer": 403,
    "staff": 403,
    "reviewer": 403,
    "admin": 403,
    "auditor": 403,
}
PARTNER_ONLY = {**DENY, "partner": 200}
STATION_DENY = {**DENY, "partner": 403}
HANDLERS_GET = {**STATION_DENY, "staff": 200, "admin": 200}
HANDLERS_POST = {**STATION_DENY, "staff": 400, "admin": 400}


def _referral(code="matrix-home"):
    from tests.partners.factories import PartnerFactory, ReferralFactory
    from tests.stations.factories import StationFactory

    return ReferralFactory(
        station=StationFactory(code=code), partner=PartnerFactory(name="matrix-partner")
    )


def _home(world):
    return {"public_id": _referral().public_id}


def _other(world):
    return {"public_id": _referral("matrix-other").public_id}


def _step(step):
    return lambda world: {"public_id": _referral().public_id, "step": step}


CHECKS = [
    Check("partners:home", PARTNER_ONLY),
    Check("partners:refer", PARTNER_ONLY),
    Check("partners:refer", {**DENY, "partner": 400}, method="post", note="empty form: errors"),
    Check("partners:consent_slip", PARTNER_ONLY),
    Check("partners:referral_list", HANDLERS_GET),
    Check("partners:referral_detail", HANDLERS_GET, kwargs=_home),
    Check(
        "partners:referral_detail",
        {**STATION_DENY, "staff": 404, "admin": 200},
        kwargs=_other,
        note="a referral to another station",
    ),
    Check("partners:consent_download", HANDLERS_GET, kwargs=_home),
    Check("partners:referral_step", HANDLERS_POST, method="post", kwargs=_step("done")),
    Check(
        "partners:referral_step",
        {**STATION_DENY, "staff": 302, "admin": 302},
        method="post",
        kwargs=_step("accept"),
        note="the station accepts",
    ),
]
