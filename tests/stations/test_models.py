"""Open now / closed now (Asia/Shanghai, honouring dated exceptions), compliance gaps, coordinates."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from stations.geo import distance_km, gcj02_to_wgs84, wgs84_to_gcj02
from stations.models import Station
from tests.stations.factories import (
    MarketFactory,
    OpeningExceptionFactory,
    OpeningHoursFactory,
    StationAssignmentFactory,
    StationFactory,
)

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = datetime.date(2026, 11, 16)


def at(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def station():
    station = StationFactory()
    OpeningHoursFactory(
        station=station, weekday=0, opens=datetime.time(8, 30), closes=datetime.time(12)
    )
    OpeningHoursFactory(
        station=station, weekday=0, opens=datetime.time(14), closes=datetime.time(17, 30)
    )
    return Station.objects.with_hours(from_day=MONDAY - datetime.timedelta(days=7)).get(
        pk=station.pk
    )


def test_open_within_the_weekly_hours_in_shanghai_time(station):
    assert station.is_open_at(at(MONDAY, 9))
    assert not station.is_open_at(at(MONDAY, 12, 30)), "lunch break"
    assert not station.is_open_at(at(MONDAY, 17, 30)), "closing time is exclusive"
    assert not station.is_open_at(at(MONDAY + datetime.timedelta(days=1), 9)), "no hours on Tuesday"
    # 01:30 UTC is 09:30 in Shanghai: open.
    assert station.is_open_at(datetime.datetime(2026, 11, 16, 1, 30, tzinfo=datetime.UTC))


def test_a_dated_exception_overrides_the_weekly_hours():
    station = StationFactory()
    OpeningHoursFactory(station=station, weekday=0)
    OpeningExceptionFactory(station=station, date=MONDAY, closed=True, note="节假日")
    OpeningExceptionFactory(
        station=station,
        date=MONDAY + datetime.timedelta(days=1),
        closed=False,
        opens=datetime.time(9),
        closes=datetime.time(11),
    )
    station = Station.objects.with_hours(from_day=MONDAY).get(pk=station.pk)
    assert not station.is_open_at(at(MONDAY, 10))
    assert station.is_open_at(at(MONDAY + datetime.timedelta(days=1), 10)), (
        "special hours on a Tuesday"
    )


def test_a_market_under_90_square_metres_or_3_staff_has_gaps():
    market = MarketFactory(floor_area=Decimal("80"))
    StationAssignmentFactory.create_batch(2, station=market)
    gaps = market.compliance_gaps()
    assert len(gaps) == 2
    market.floor_area = Decimal("90")
    StationAssignmentFactory(station=market)
    assert market.compliance_gaps() == []


def test_a_station_under_7_square_metres_or_without_staff_has_gaps():
    station = StationFactory(floor_area=Decimal("6.5"))
    assert len(station.compliance_gaps()) == 2
    station.floor_area = Decimal("7")
    StationAssignmentFactory(station=station)
    assert station.compliance_gaps() == []
    station.floor_area = None
    assert len(station.compliance_gaps()) == 1, "an unrecorded area is a gap"


def test_gcj02_round_trips_to_wgs84_within_a_metre():
    lat, lng = 26.5823, 106.7139
    glat, glng = wgs84_to_gcj02(lat, lng)
    assert 0.1 < distance_km((lat, lng), (glat, glng)) < 1.0, "GCJ-02 shifts a few hundred metres"
    back = gcj02_to_wgs84(glat, glng)
    assert distance_km((lat, lng), back) < 0.001


def test_a_station_recorded_in_gcj02_is_located_in_wgs84():
    station = StationFactory(located=True, datum=Station.Datum.GCJ02)
    wgs = station.wgs84()
    assert distance_km(wgs, (26.5823, 106.7139)) > 0.1
    station.datum = Station.Datum.WGS84
    assert station.wgs84() == (26.5823, 106.7139)


def test_next_opening_skips_the_lunch_break_closed_days_and_exceptions(station):
    assert station.next_opening(at(MONDAY, 12, 30)) == at(MONDAY, 14)
    assert station.next_opening(at(MONDAY, 18)) == at(MONDAY + datetime.timedelta(days=7), 8, 30)
    OpeningExceptionFactory(station=station, date=MONDAY + datetime.timedelta(days=7), closed=True)
    station = Station.objects.with_hours(from_day=MONDAY).get(pk=station.pk)
    assert station.next_opening(at(MONDAY, 18)) == at(MONDAY + datetime.timedelta(days=14), 8, 30)
