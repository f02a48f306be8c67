"""Fixtures of the subsidies tests: a station with staff, a person with a training certificate."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.gigmarket.factories import AdminFactory, RegionFactory, StationStaffFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import ReferralFactory

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
def other_staff(other_station):
    user = StationStaffFactory(display_name="吴刚")
    StationAssignmentFactory(user=user, station=other_station)
    return user


@pytest.fixture
def county_admin(db):
    return AdminFactory(region=RegionFactory(code="520999"))


@pytest.fixture
def person(station):
    return SeekerFactory(station=station, name="张桂兰", mobile="15800001111")


@pytest.fixture
def certified(person):
    """The person holds a training certificate (电工, dated last week)."""
    return ReferralFactory(
        seeker=person,
        status="certified",
        certificate_number="ZS-2026-0001",
        certificate_date=datetime.date.today() - datetime.timedelta(days=7),
    )


@pytest.fixture
def png():
    return SimpleUploadedFile("id.png", PNG, content_type="image/png")


def upload(name="doc.pdf", content=PDF):
    return SimpleUploadedFile(name, content)
