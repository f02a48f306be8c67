"""Fixtures of the rights tests: a station with a staff member, files of each kind."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.gigmarket.factories import AdminFactory, RegionFactory, StationStaffFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%test\n"


@pytest.fixture
def station(db):
    return StationFactory(code="home", region=RegionFactory(code="520999001"))


@pytest.fixture
def other_station(db):
    return StationFactory(code="other", region=RegionFactory(code="520999002"))


@pytest.fixture
def staff(station):
    user = StationStaffFactory(display_name="李红")
    StationAssignmentFactory(user=user, station=station)
    return user


@pytest.fixture
def colleague(station):
    user = StationStaffFactory(display_name="周明")
    StationAssignmentFactory(user=user, station=station)
    return user


@pytest.fixture
def other_staff(other_station):
    user = StationStaffFactory(display_name="吴刚")
    StationAssignmentFactory(user=user, station=other_station)
    return user


@pytest.fixture
def county_admin(db):
    return AdminFactory(region=RegionFactory(code="520999"))


@pytest.fixture
def png():
    return SimpleUploadedFile("slip.png", PNG, content_type="image/png")


@pytest.fixture
def pdf():
    return SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf")
