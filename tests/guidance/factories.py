"""Builders for the guidance tests: a station with its staff member and a person homed there."""

from __future__ import annotations

from tests.gigmarket.factories import AdminFactory, StationStaffFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

_serial = iter(range(1, 999))


def resident_id(serial: int) -> str:
    """A valid resident ID number (born 1955: an older walk-in) with the right check digit."""
    body = f"52010219550101{serial:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]


def desk(code: str = "gd-home"):
    """(station, staff working there, a person homed there with an ID number)."""
    station = StationFactory(code=code)
    staff = StationStaffFactory()
    StationAssignmentFactory(user=staff, station=station)
    seeker = SeekerFactory(station=station, name="张桂兰", id_number=resident_id(next(_serial)))
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
