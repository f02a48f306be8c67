"""Factories for stations, staff assignments and the service ledger."""

import factory

from stations.models import ServiceRecord, Station, StationAssignment
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


class MarketFactory(StationFactory):
    kind = Station.Kind.MARKET
    name = factory.Sequence(lambda n: f"示范县第{n}零工市场")


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
