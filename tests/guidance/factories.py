"""Builders for the guidance tests: a station with its staff member and a person homed there."""

from __future__ import annotations

from tests.gigmarket.factories import AdminFactory, StationStaffFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory


def desk(code: str = "gd-home"):
    """(station, staff working there, a person homed there)."""
    station = StationFactory(code=code)
    staff = StationStaffFactory()
    StationAssignmentFactory(user=staff, station=station)
    seeker = SeekerFactory(station=station, name="张桂兰", id_number="520102195501010024")
    return station, staff, seeker


def admin():
    return AdminFactory()


def give(staff, seeker, **extra):
    from guidance.services import guidance_give

    data = {
        "goals": "找一份离家近的日结活",
        "work_history": "做过保洁",
        "health_limits": "腰不好",
        "steps": [],
    }
    data.update(extra)
    return guidance_give(by=staff, seeker=seeker, **data)
