"""Reads of the stations app: gaps in the database, scoping by station and by region."""

from decimal import Decimal

import pytest

from stations.models import Station
from tests.gigmarket.factories import AdminFactory, RegionFactory, ReviewerFactory
from tests.stations.factories import MarketFactory, StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_with_gaps_finds_exactly_the_sites_short_of_the_standard():
    good_market = MarketFactory(floor_area=Decimal("120"))
    StationAssignmentFactory.create_batch(3, station=good_market)
    small_market = MarketFactory(floor_area=Decimal("60"))
    StationAssignmentFactory.create_batch(3, station=small_market)
    thin_market = MarketFactory(floor_area=Decimal("120"))
    StationAssignmentFactory.create_batch(2, station=thin_market)
    good_station = StationFactory(floor_area=Decimal("8"))
    StationAssignmentFactory(station=good_station)
    empty_station = StationFactory(floor_area=Decimal("8"))
    ended = StationAssignmentFactory(station=empty_station)
    ended.active = False
    ended.save()
    assert set(Station.objects.with_gaps()) == {small_market, thin_market, empty_station}


def test_writable_by_staff_is_their_stations_only():
    mine, other = StationFactory(), StationFactory()
    staff = StationAssignmentFactory(station=mine).user
    assert list(Station.objects.writable_by(staff)) == [mine]
    assert other not in Station.objects.writable_by(staff)
    assert not Station.objects.writable_by(ReviewerFactory()).exists()


def test_an_admin_manages_their_region_subtree_only():
    county = RegionFactory(code="520999", name="示范县")
    inside = StationFactory(region=RegionFactory(code="520999100", name="河口镇"))
    outside = StationFactory(region=RegionFactory(code="520111100", name="别县某镇"))
    admin = AdminFactory(region=county)
    assert list(Station.objects.managed_by(admin)) == [inside]
    assert outside not in Station.objects.writable_by(admin)
    assert not Station.objects.managed_by(StationAssignmentFactory(station=inside).user).exists(), (
        "staff work at a station but do not keep the registry"
    )


def test_staff_of_a_retired_station_no_longer_act_for_it():
    from django.core.exceptions import PermissionDenied

    from stations.models import ServiceRecord, Station
    from stations.services import ledger_entry_add, station_retire
    from tests.gigmarket.factories import AdminFactory
    from tests.stations.factories import StationAssignmentFactory, StationFactory

    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    assert Station.objects.writable_by(staff).filter(pk=station.pk).exists()
    station_retire(station=station, by=AdminFactory(), reason="考核不合格，退出")
    assert not Station.objects.staffed_by(staff).exists()
    assert not Station.objects.writable_by(staff).exists()
    with pytest.raises(PermissionDenied):
        ledger_entry_add(station=station, by=staff, kind=ServiceRecord.Kind.CONSULTATION)
