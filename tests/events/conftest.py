"""Fixtures of the events tests: a market with a staff member, a seeker with an account, an
employer with two open jobs."""

import pytest

from tests.gigmarket.factories import RegionFactory, SeekerUserFactory, StationStaffFactory
from tests.jobs.factories import EmployerFactory, OpenJobFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import MarketFactory, StationAssignmentFactory, StationFactory


@pytest.fixture
def station(db):
    return MarketFactory(code="home", region=RegionFactory(code="520999001"))


@pytest.fixture
def other_station(db):
    return StationFactory(code="other", region=RegionFactory(code="520999002"))


@pytest.fixture
def staff(station):
    user = StationStaffFactory(display_name="李红")
    StationAssignmentFactory(user=user, station=station)
    return user


@pytest.fixture
def other_staff(other_station):
    user = StationStaffFactory()
    StationAssignmentFactory(user=user, station=other_station)
    return user


@pytest.fixture
def seeker(station):
    seeker = SeekerFactory(station=station, name="王大山", mobile="13912345678")
    seeker.user = SeekerUserFactory(username="13912345678")
    seeker.save(update_fields=["user"])
    return seeker


@pytest.fixture
def employer(station):
    return EmployerFactory(region=station.region, station=station, name="示范县建工劳务")


@pytest.fixture
def jobs(employer, station):
    return [OpenJobFactory(employer=employer, station=station) for _ in range(2)]
