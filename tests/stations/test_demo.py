"""The stations demo step: one market and two stations in the demo county, named by the rule."""

import pytest

from gigmarket.demo_steps import seed_kernel
from stations.demo_steps import seed_stations
from stations.models import ServiceRecord, Station
from stations.services import naming_problems

pytestmark = pytest.mark.django_db


def test_demo_stations_follow_the_rule_have_hours_and_the_demo_staff_works_at_the_market():
    seed_kernel(lambda message: None)
    seed_stations(lambda message: None)
    seed_stations(lambda message: None)
    stations = Station.objects.filter(region__code__startswith="520999")
    assert sorted(stations.values_list("kind", flat=True)) == ["market", "station", "station"]
    for station in stations:
        assert (
            naming_problems(
                name=station.name, kind=station.kind, focus=station.focus, region=station.region
            )
            == []
        )
        assert station.opening_hours.exists() and station.facilities and station.service_phone
    market = stations.get(kind="market")
    assert market.assignments.filter(user__username="staff", active=True).exists()
    assert ServiceRecord.objects.filter(station=market).count() == 6, (
        "ledger entries are added once"
    )
    assert Station.objects.with_gaps().exists(), "the demo shows the admin some compliance gaps"
