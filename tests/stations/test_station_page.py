"""#12: a station's page opens the phone's map app at the station (each scheme in its own datum)
instead of showing raw coordinates, and lists the station's open jobs (one bounded query)."""

from decimal import Decimal
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from stations.geo import gcj02_to_wgs84, wgs84_to_gcj02
from stations.models import Station
from tests.jobs.factories import ExpiredJobFactory, OpenJobFactory
from tests.stations.factories import StationFactory

pytestmark = pytest.mark.django_db

GCJ = (26.5823, 106.7139)


def _links(body: str) -> dict[str, str]:
    import html
    import re

    return {
        scheme: html.unescape(url)
        for url, scheme in re.findall(r'href="([^"]+)"[^>]*data-scheme="(\w+)"', body)
    }


def test_navigate_links_use_each_schemes_datum(client):
    station = StationFactory(
        code="nav", latitude=Decimal("26.582300"), longitude=Decimal("106.713900"), datum="gcj02"
    )
    body = client.get(station.get_absolute_url()).content.decode()
    links = _links(body)
    assert set(links) == {"geo", "amap"}
    # geo: is WGS84 (RFC 5870): the GCJ-02 point converted back.
    lat, lng = map(float, links["geo"][4:].split("?")[0].split(","))
    wlat, wlng = gcj02_to_wgs84(*GCJ)
    assert abs(lat - wlat) < 1e-5 and abs(lng - wlng) < 1e-5
    assert abs(lat - GCJ[0]) > 1e-4  # it was converted, not passed through
    # Amap takes GCJ-02, longitude first, and is told so.
    query = parse_qs(urlparse(links["amap"]).query)
    glng, glat = map(float, query["position"][0].split(","))
    assert abs(glat - GCJ[0]) < 1e-6 and abs(glng - GCJ[1]) < 1e-6
    assert query["coordinate"] == ["gaode"] and query["name"] == [station.name]
    assert "WGS84" not in body  # no raw coordinates for people to copy by hand


def test_a_gps_point_is_converted_for_amap(client):
    wgs = (26.5800, 106.7100)
    station = StationFactory(
        code="gps", latitude=Decimal("26.580000"), longitude=Decimal("106.710000"), datum="wgs84"
    )
    links = _links(client.get(station.get_absolute_url()).content.decode())
    assert links["geo"].startswith("geo:26.580000,106.710000")
    query = parse_qs(urlparse(links["amap"]).query)
    glng, glat = map(float, query["position"][0].split(","))
    expected = wgs84_to_gcj02(*wgs)
    assert abs(glat - expected[0]) < 1e-6 and abs(glng - expected[1]) < 1e-6


def test_no_coordinates_no_navigate_links(client):
    station = StationFactory(code="nowhere", latitude=None, longitude=None)
    assert 'id="navigate"' not in client.get(station.get_absolute_url()).content.decode()


def test_the_station_page_lists_its_open_jobs_in_a_bounded_query(
    client, django_assert_max_num_queries
):
    station = StationFactory(code="jobs-here", located=True)
    other = StationFactory(code="elsewhere")
    jobs = OpenJobFactory.create_batch(12, station=station)
    gone = ExpiredJobFactory(station=station, title="过期的岗位")
    not_ours = OpenJobFactory(station=other, title="别的驿站的岗位")
    with django_assert_max_num_queries(9):
        response = client.get(station.get_absolute_url())
    body = response.content.decode()
    section = body.split('id="station-jobs"')[1].split("</section>")[0]
    assert section.count("<li>") == 10
    assert jobs[-1].get_absolute_url() in section
    assert gone.title not in section and not_ours.title not in section
    assert f"{reverse('jobs:job_list')}?station=jobs-here" in section


def test_a_retired_station_lists_no_jobs(client):
    station = StationFactory(code="retired", active=False)
    OpenJobFactory(station=station)
    response = client.get(station.get_absolute_url())
    if response.status_code == 200:
        assert 'id="station-jobs"' not in response.content.decode()
    assert Station.objects.filter(code="retired").exists()
