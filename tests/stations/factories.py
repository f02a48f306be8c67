"""Factories for stations, hours, staff assignments, the service ledger and evaluations."""

import datetime
from decimal import Decimal

import factory

from stations.models import (
    OpeningException,
    OpeningHours,
    ServiceRecord,
    Station,
    StationAssignment,
    StationEvaluation,
)
from tests.gigmarket.factories import RegionFactory, StationStaffFactory


class StationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Station
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"st{n:03d}")
    name = factory.Sequence(lambda n: f"城关第{n}社区零工驿站")
    kind = Station.Kind.STATION
    region = factory.SubFactory(RegionFactory)
    address = factory.Faker("street_address", locale="zh_CN")
    service_phone = "0851-88886666"
    complaint_phone = "12333"
    floor_area = Decimal("20.0")

    class Params:
        #: StationFactory(located=True): coordinates in the demo county (GCJ-02).
        located = factory.Trait(latitude=Decimal("26.582300"), longitude=Decimal("106.713900"))
        contracted = factory.Trait(
            operating_mode=Station.OperatingMode.CONTRACTED, operator_name="某人力资源公司"
        )


class MarketFactory(StationFactory):
    kind = Station.Kind.MARKET
    name = factory.Sequence(lambda n: f"示范县第{n}零工市场")
    floor_area = Decimal("120.0")


class OpeningHoursFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningHours

    station = factory.SubFactory(StationFactory)
    weekday = 0
    opens = datetime.time(8, 30)
    closes = datetime.time(17, 30)


class OpeningExceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningException

    station = factory.SubFactory(StationFactory)
    date = factory.LazyFunction(datetime.date.today)
    closed = True


class StationAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StationAssignment

    user = factory.SubFactory(StationStaffFactory)
    station = factory.SubFactory(StationFactory)


class ServiceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceRecord

    station = factory.SubFactory(StationFactory)
    kind = ServiceRecord.Kind.CONSULTATION
    note = "咨询用工政策"


class StationEvaluationFactory(factory.django.DjangoModelFactory):
    """A year the station has self-assessed (the centre has not evaluated it yet)."""

    class Meta:
        model = StationEvaluation

    station = factory.SubFactory(StationFactory)
    year = factory.LazyFunction(lambda: datetime.date.today().year)
    self_summary = "全年开展求职登记和即时快招服务。"
    self_assessed_by = factory.SubFactory(StationStaffFactory)
