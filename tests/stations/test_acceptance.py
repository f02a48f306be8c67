"""The issue's "done when", through the pages: an admin registers a market and two stations,
assigns staff and sees the gaps; a person finds the nearest open station and its phone; a staff
member records a consultation and exports the week's ledger; the year's evaluation is recorded."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from stations.models import ServiceRecord, Station, StationEvaluation
from tests.gigmarket.factories import AdminFactory, RegionFactory, StationStaffFactory

pytestmark = pytest.mark.django_db

HOURS = {
    "hours-TOTAL_FORMS": "1",
    "hours-INITIAL_FORMS": "0",
    "hours-MIN_NUM_FORMS": "0",
    "hours-MAX_NUM_FORMS": "14",
    "hours-0-days": [str(d) for d in range(7)],
    "hours-0-opens": "00:00",
    "hours-0-closes": "23:59",
}


def test_done_when(login):
    county = RegionFactory(code="520999", name="示范县")
    town = RegionFactory(code="520999001", name="城关街道", parent=county)
    village = RegionFactory(code="520999001001", name="和平社区居委会", parent=town)
    hekou = RegionFactory(code="520999100", name="河口镇", parent=county)
    admin = login(AdminFactory(region=county))

    sites = [
        {
            "code": "sfx-market",
            "name": "示范县零工市场",
            "kind": "market",
            "region": town.pk,
            "floor_area": "120",
            "latitude": "26.582300",
            "longitude": "106.713900",
            "service_phone": "0851-86001234",
        },
        {
            "code": "heping",
            "name": "和平社区家政零工驿站",
            "kind": "station",
            "focus": "家政",
            "region": village.pk,
            "floor_area": "20",
            "latitude": "26.588100",
            "longitude": "106.706400",
            "service_phone": "0851-86002345",
        },
        {
            "code": "hekou",
            "name": "河口镇建筑零工驿站",
            "kind": "station",
            "focus": "建筑",
            "region": hekou.pk,
            "floor_area": "6",
            "operating_mode": "contracted",
            "operator_name": "某人力资源公司",
            "latitude": "26.540200",
            "longitude": "106.760800",
            "service_phone": "0851-86003456",
        },
    ]
    for site in sites:
        data = {"operating_mode": "bureau", "datum": "gcj02", "complaint_phone": "12333", **site}
        assert admin.post(reverse("stations:station_create"), data).status_code == 302, site["code"]
        admin.post(reverse("stations:station_hours", kwargs={"code": site["code"]}), HOURS)
    assert Station.objects.count() == 3

    worker = StationStaffFactory(username="worker")
    admin.post(
        reverse("stations:station_staff", kwargs={"code": "sfx-market"}),
        {"user": worker.pk, "role": "lead"},
    )
    admin.post(
        reverse("stations:station_staff", kwargs={"code": "heping"}),
        {"user": StationStaffFactory().pk, "role": "staff"},
    )
    gaps = admin.get(reverse("stations:station_gaps")).content.decode()
    assert 'href="/stations/sfx-market/"' in gaps, "a market with one staff member falls short of 3"
    assert 'href="/stations/hekou/"' in gaps, "6 m² and nobody assigned"
    assert 'href="/stations/heping/"' not in gaps

    person = Client()
    nearest = person.get(
        reverse("stations:station_list"), {"lat": "26.5875", "lng": "106.7010", "open_now": "on"}
    ).content.decode()
    order = [
        nearest.index(f'href="/stations/{code}/"') for code in ("heping", "sfx-market", "hekou")
    ]
    assert order == sorted(order), "nearest first"
    assert 'href="tel:0851-86002345"' in nearest

    staff = login(worker)
    staff.post(
        reverse("stations:ledger_entry_add", kwargs={"code": "sfx-market"}),
        {"kind": "consultation"},
    )
    today = timezone.localdate()
    week = {
        "start": (today - datetime.timedelta(days=today.weekday())).isoformat(),
        "end": today.isoformat(),
    }
    export = staff.get(
        reverse("stations:ledger_export", kwargs={"code": "sfx-market"}), {**week, "format": "csv"}
    )
    assert (
        export["Content-Disposition"].startswith("attachment")
        and len(export.content.decode().splitlines()) == 2
    )
    assert ServiceRecord.objects.get().staff == worker

    year = today.year
    staff.post(
        reverse("stations:self_assessment", kwargs={"code": "sfx-market", "year": year}),
        {"summary": "全年工作总结"},
    )
    admin = login(AdminFactory(region=county))
    admin.post(
        reverse("stations:evaluation_record", kwargs={"code": "sfx-market", "year": year}),
        {"management": "18", "workload": "16", "business": "17", "results": "22", "attitude": "14"},
    )
    evaluation = StationEvaluation.objects.get(station__code="sfx-market", year=year)
    assert (evaluation.total, evaluation.grade) == (87, "pass")
    assert evaluation.workload["consultation"] == 1
