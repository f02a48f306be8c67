"""The people of the permission matrix: one user per role, built on demand.

Later issues may extend a role's user (e.g. assign the station staff to a station) by adding
a builder to ``ROLE_EXTENDERS``: each receives the role name and the user.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.gigmarket import factories

ROLES = ("anonymous", "seeker", "employer", "staff", "reviewer", "admin", "auditor", "partner")

_BUILDERS: dict[str, Callable] = {
    "seeker": factories.SeekerUserFactory,
    "employer": factories.EmployerUserFactory,
    "staff": factories.StationStaffFactory,
    "reviewer": factories.ReviewerFactory,
    "admin": factories.AdminFactory,
    "auditor": factories.AuditorFactory,
    "partner": factories.PartnerUserFactory,
}


def _station_staff_work_at_home_station(role: str, user) -> None:
    """The matrix's station staff works at station ``matrix-home`` (other stations are not theirs)."""
    if role == "staff":
        from tests.stations.factories import StationAssignmentFactory, StationFactory

        StationAssignmentFactory(user=user, station=StationFactory(code="matrix-home"))


def _partner_acts_for_matrix_partner(role: str, user) -> None:
    """The matrix's partner user acts for partner organisation "matrix-partner" in the region of
    station ``matrix-home``."""
    if role == "partner":
        from tests.partners.factories import PartnerFactory, PartnerMemberFactory

        PartnerMemberFactory(user=user, partner=PartnerFactory(name="matrix-partner"))


#: Functions run on each newly built role user: ``extend(role, user)``.
ROLE_EXTENDERS: list[Callable] = [
    _station_staff_work_at_home_station,
    _partner_acts_for_matrix_partner,
]


def build_role_user(role: str):
    """A fresh user holding ``role`` (None for anonymous)."""
    if role == "anonymous":
        return None
    user = _BUILDERS[role](username=f"matrix_{role}")
    for extend in ROLE_EXTENDERS:
        extend(role, user)
    return user
