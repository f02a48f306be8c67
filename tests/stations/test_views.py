"""Pages of the stations app: what people see, and the effect of each action."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from stations.models import ServiceRecord, Station, StationEvaluation
from tests.gigmarket.factories import AdminFactory, RegionFactory, StationStaffFactory
from tests.stations.factories import (
    MarketFactory,
    OpeningHoursFactory,
    ServiceRecordFactory,
    StationAssignmentFactory,
    StationEvaluationFactory,
    StationFactory,
)

pytestmark = pytest.mark.django_db


def open_all_week(station):
    for day in range(7):
        OpeningHoursFactory(
            station=station, weekday=day, opens=datetime.time(0, 0), closes=datetime.time(23, 59)
        )


# ---- the public directory ----


def test_the_directory_lists_active_stations_with_tap_to_call_and_no_script_needed(client):
    shown = StationFactory(name="和平社区零工驿站", service_phone="0851-86002345")
    StationFactory(name="已撤销零工驿站", active=False)
    response = client.get(reverse("stations:station_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert shown.name in html and "已撤销零工驿站" not in html
    assert 'href="tel:0851-86002345"' in html
    assert 'id="station-map"' not in html, "no map without a tile URL"


def test_nearest_first_sorts_by_distance_from_the_given_location(client):
    far = StationFactory(
        name="远处零工驿站", latitude=Decimal("26.700000"), longitude=Decimal("106.900000")
    )
    near = StationFactory(
        name="近处零工驿站", latitude=Decimal("26.583000"), longitude=Decimal("106.714000")
    )
    unknown = StationFactory(name="无坐标零工驿站")
    html = client.get(
        reverse("stations:station_list"), {"lat": "26.58", "lng": "106.71"}
    ).content.decode()
    assert html.index(near.name) < html.index(far.name) < html.index(unknown.name)
    assert "公里" in html or "km" in html


def test_the_township_filter_keeps_that_township_and_its_villages(client):
    county = RegionFactory(code="520999", name="示范县")
    town = RegionFactory(code="520999100", name="河口镇", parent=county)
    village = RegionFactory(code="520999100201", name="河口村", parent=town)
    other = RegionFactory(code="520999200", name="石桥乡", parent=county)
    StationFactory(name="河口村零工驿站", region=village)
    StationFactory(name="石桥乡零工驿站", region=other)
    html = client.get(reverse("stations:station_list"), {"township": "520999100"}).content.decode()
    assert "河口村零工驿站" in html and "石桥乡零工驿站" not in html


def test_open_now_only_hides_closed_stations(client):
    open_station = StationFactory(name="开着的零工驿站")
    open_all_week(open_station)
    StationFactory(name="没开的零工驿站")
    html = client.get(reverse("stations:station_list"), {"open_now": "on"}).content.decode()
    assert "开着的零工驿站" in html and "没开的零工驿站" not in html


def test_the_map_appears_only_with_a_tile_url(client, settings):
    settings.MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    StationFactory(located=True)
    html = client.get(reverse("stations:station_list")).content.decode()
    assert 'id="station-map"' in html and 'id="station-points"' in html


def test_the_directory_query_count_does_not_grow_with_stations(
    client, django_assert_max_num_queries
):
    for _ in range(12):
        station = StationFactory(located=True)
        open_all_week(station)
    with django_assert_max_num_queries(8):
        client.get(reverse("stations:station_list"), {"lat": "26.58", "lng": "106.71"})


# ---- the station page ----


def test_the_station_page_shows_hours_open_now_phones_facilities_qr_and_schema_markup(client):
    station = StationFactory(
        name="和平社区家政零工驿站",
        service_phone="0851-86002345",
        complaint_phone="12333",
        facilities=["drinking_water", "first_aid"],
        services=["instant_hire"],
        located=True,
    )
    open_all_week(station)
    response = client.get(station.get_absolute_url())
    html = response.content.decode()
    assert 'href="tel:0851-86002345"' in html and 'href="tel:12333"' in html
    assert "data-open-state" in html
    assert reverse("stations:station_qr", kwargs={"code": station.code}) in html
    nonce = re.search(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    assert nonce and nonce.group(1), "JSON-LD carries the CSP nonce"
    data = json.loads(nonce.group(2))
    assert data["@type"] == "GovernmentOffice" and data["telephone"] == "0851-86002345"
    assert data["openingHoursSpecification"][0]["dayOfWeek"][0] == "https://schema.org/Monday"
    assert "geo" in data and data["address"]["streetAddress"] == station.address
    assert "Content-Security-Policy" in response.headers


def test_the_qr_code_is_an_svg_linking_to_the_page(client):
    station = StationFactory()
    response = client.get(reverse("stations:station_qr", kwargs={"code": station.code}))
    assert response.status_code == 200 and response["Content-Type"].startswith("image/svg+xml")
    svg = response.content.decode()
    assert "<svg" in svg and 'xmlns="http://www.w3.org/2000/svg"' in svg, (
        "an <img> needs a standalone SVG"
    )
    assert station.name in svg


def test_a_retired_station_is_not_public(client):
    station = StationFactory(active=False)
    assert client.get(station.get_absolute_url()).status_code == 404


def test_gaps_show_on_the_station_page_to_its_admin_not_to_the_public(client, login):
    station = MarketFactory(floor_area=Decimal("60"))
    assert 'id="gaps-title"' not in client.get(station.get_absolute_url()).content.decode()
    html = login(AdminFactory()).get(station.get_absolute_url()).content.decode()
    assert 'id="gaps-title"' in html


# ---- the registry back-office ----


def test_an_admin_registers_a_station_after_the_naming_warning(login):
    county = RegionFactory(code="520999", name="示范县")
    town = RegionFactory(code="520999001", name="城关街道", parent=county)
    client = login(AdminFactory(region=county))
    data = {
        "code": "cg-new",
        "name": "幸福驿站",
        "kind": "station",
        "focus": "",
        "region": town.pk,
        "operating_mode": "bureau",
        "datum": "gcj02",
        "floor_area": "10",
        "facilities": ["drinking_water"],
    }
    response = client.post(reverse("stations:station_create"), data)
    assert response.status_code == 200 and not Station.objects.filter(code="cg-new").exists()
    assert "零工驿站" in response.content.decode()
    response = client.post(
        reverse("stations:station_create"), {**data, "naming_note": "群众叫惯了的名字"}
    )
    assert response.status_code == 302
    assert Station.objects.get(code="cg-new").facilities == ["drinking_water"]


def test_an_admin_sets_weekly_hours_with_rules(login):
    station = StationFactory()
    client = login(AdminFactory())
    response = client.post(
        reverse("stations:station_hours", kwargs={"code": station.code}),
        {
            "hours-TOTAL_FORMS": "2",
            "hours-INITIAL_FORMS": "0",
            "hours-MIN_NUM_FORMS": "0",
            "hours-MAX_NUM_FORMS": "14",
            "hours-0-days": ["0", "1", "2", "3", "4"],
            "hours-0-opens": "08:30",
            "hours-0-closes": "17:30",
            "hours-1-days": [],
            "hours-1-opens": "",
            "hours-1-closes": "",
        },
    )
    assert response.status_code == 302
    assert station.opening_hours.count() == 5


def test_an_admin_assigns_staff_and_the_gap_closes(login):
    station = StationFactory(floor_area=Decimal("10"))
    client = login(AdminFactory())
    assert station.compliance_gaps()
    worker = StationStaffFactory()
    response = client.post(
        reverse("stations:station_staff", kwargs={"code": station.code}),
        {"user": worker.pk, "role": "lead"},
    )
    assert response.status_code == 302
    assert station.compliance_gaps() == []
    gaps_page = client.get(reverse("stations:station_gaps")).content.decode()
    assert station.name not in gaps_page


def test_the_gaps_list_names_each_gap(login):
    MarketFactory(name="小市场零工市场", floor_area=Decimal("50"))
    html = login(AdminFactory()).get(reverse("stations:station_gaps")).content.decode()
    assert "小市场零工市场" in html and "90" in html


def test_an_admin_of_another_county_gets_404_on_our_station(login):
    station = StationFactory(region=RegionFactory(code="520999100"))
    other_admin = AdminFactory(region=RegionFactory(code="520111", name="别县"))
    assert (
        login(other_admin)
        .get(reverse("stations:station_edit", kwargs={"code": station.code}))
        .status_code
        == 404
    )


# ---- the service ledger ----


def test_staff_record_a_consultation_in_two_taps_from_the_workbench(login):
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    client = login(staff)
    workbench = client.get(reverse("core:workbench")).content.decode()
    action = reverse("stations:ledger_entry_add", kwargs={"code": station.code})
    assert action in workbench, "the quick form is on the workbench"
    response = client.post(action, {"kind": "consultation", "next": reverse("core:workbench")})
    assert response.status_code == 302 and response["Location"] == reverse("core:workbench")
    record = ServiceRecord.objects.get()
    assert (record.station, record.staff, record.kind) == (station, staff, "consultation")


def test_staff_of_station_a_posting_to_station_b_gets_404_and_nothing_is_written(login):
    a, b = StationFactory(), StationFactory()
    client = login(StationAssignmentFactory(station=a).user)
    response = client.post(
        reverse("stations:ledger_entry_add", kwargs={"code": b.code}), {"kind": "consultation"}
    )
    assert response.status_code == 404
    assert not ServiceRecord.objects.exists()


def test_the_ledger_filters_by_date_range_and_kind(login):
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    today = timezone.localdate()
    ServiceRecordFactory(station=station, kind="consultation", note="今天的咨询")
    ServiceRecordFactory(station=station, kind="registration", note="今天的登记")
    ServiceRecordFactory(
        station=station,
        kind="consultation",
        note="上个月的咨询",
        at=timezone.now() - datetime.timedelta(days=40),
    )
    client = login(staff)
    url = reverse("stations:ledger", kwargs={"code": station.code})
    html = client.get(url).content.decode()
    assert "今天的咨询" in html and "今天的登记" in html and "上个月的咨询" not in html
    start = (today - datetime.timedelta(days=60)).isoformat()
    html = client.get(
        url, {"start": start, "end": today.isoformat(), "kind": "consultation"}
    ).content.decode()
    assert "上个月的咨询" in html and "今天的咨询" in html and "今天的登记" not in html


def test_the_weeks_ledger_exports_as_csv_and_xlsx(login):
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    ServiceRecordFactory(station=station, staff=staff, kind="consultation", note="=1+1 公式不执行")
    client = login(staff)
    today = timezone.localdate()
    week = {
        "start": (today - datetime.timedelta(days=today.weekday())).isoformat(),
        "end": today.isoformat(),
    }
    url = reverse("stations:ledger_export", kwargs={"code": station.code})
    csv_response = client.get(url, {**week, "format": "csv"})
    body = csv_response.content.decode("utf-8")
    assert body.startswith("\ufeff") and "'=1+1" in body
    xlsx_response = client.get(url, {**week, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert sheet.max_row == 2 and sheet.cell(2, 6).data_type == "s"


# ---- yearly evaluation ----


def test_self_assessment_then_evaluation_then_retirement_of_a_failed_contracted_site(login):
    station = StationFactory(contracted=True)
    staff = StationAssignmentFactory(station=station).user
    year = timezone.localdate().year
    ServiceRecordFactory.create_batch(2, station=station, kind="consultation")
    response = login(staff).post(
        reverse("stations:self_assessment", kwargs={"code": station.code, "year": year}),
        {"summary": "全年服务 2 人次"},
    )
    assert response.status_code == 302
    evaluation = StationEvaluation.objects.get(station=station, year=year)
    assert evaluation.workload["consultation"] == 2

    client = login(AdminFactory())
    form_page = client.get(
        reverse("stations:evaluation_record", kwargs={"code": station.code, "year": year})
    )
    assert "全年服务 2 人次" in form_page.content.decode()
    response = client.post(
        reverse("stations:evaluation_record", kwargs={"code": station.code, "year": year}),
        {
            "management": "10",
            "workload": "10",
            "business": "10",
            "results": "10",
            "attitude": "10",
            "comment": "差",
        },
    )
    assert response["Location"] == reverse("stations:retire_followups")
    assert (
        reverse("stations:station_retire", kwargs={"code": station.code})
        in client.get(reverse("stations:retire_followups")).content.decode()
    )
    client.post(
        reverse("stations:station_retire", kwargs={"code": station.code}),
        {"reason": "考核不合格", "next": reverse("stations:retire_followups")},
    )
    station.refresh_from_db()
    assert not station.active
    retire_action = reverse("stations:station_retire", kwargs={"code": station.code})
    assert retire_action not in client.get(reverse("stations:retire_followups")).content.decode()


def test_a_score_over_its_weight_comes_back_next_to_the_field(login):
    evaluation = StationEvaluationFactory()
    response = login(AdminFactory()).post(
        reverse(
            "stations:evaluation_record",
            kwargs={"code": evaluation.station.code, "year": evaluation.year},
        ),
        {"management": "50", "workload": "10", "business": "10", "results": "10", "attitude": "10"},
    )
    assert response.status_code == 200 and "field--error" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.status == "self_assessed"


def test_the_admin_panel_counts_gaps(login):
    MarketFactory(floor_area=Decimal("50"))
    html = login(AdminFactory()).get(reverse("core:workbench")).content.decode()
    assert reverse("stations:station_gaps") in html


@pytest.mark.parametrize(
    "name", ["stations:station_registry", "stations:station_gaps", "stations:evaluation_list"]
)
def test_back_office_lists_do_not_grow_queries_with_stations(
    login, name, django_assert_max_num_queries
):
    client = login(AdminFactory())
    for _ in range(10):
        StationAssignmentFactory(station=MarketFactory(floor_area=Decimal("50")))
        StationEvaluationFactory(station=StationFactory())
    with django_assert_max_num_queries(12):
        assert client.get(reverse(name)).status_code == 200


def test_the_ledger_page_query_count_is_pinned(login, django_assert_max_num_queries):
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    ServiceRecordFactory.create_batch(30, station=station, staff=staff)
    client = login(staff)
    with django_assert_max_num_queries(12):
        assert (
            client.get(reverse("stations:ledger", kwargs={"code": station.code})).status_code == 200
        )


def test_the_hours_form_shows_each_period_of_the_published_hours(login):
    station = StationFactory()
    for day in range(5):
        OpeningHoursFactory(
            station=station, weekday=day, opens=datetime.time(8, 30), closes=datetime.time(12)
        )
        OpeningHoursFactory(
            station=station, weekday=day, opens=datetime.time(14), closes=datetime.time(17, 30)
        )
    html = (
        login(AdminFactory())
        .get(reverse("stations:station_hours", kwargs={"code": station.code}))
        .content.decode()
    )
    assert 'value="08:30"' in html and 'value="14:00"' in html and 'value="17:30"' in html


def test_the_self_assessment_form_is_prefilled_from_the_ledger(login):
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    ServiceRecordFactory.create_batch(3, station=station, kind="matching")
    year = timezone.localdate().year
    html = (
        login(staff)
        .get(reverse("stations:self_assessment", kwargs={"code": station.code, "year": year}))
        .content.decode()
    )
    assert re.search(r'name="matching" value="3"', html)


def test_the_django_admin_cannot_rewrite_the_ledger_the_log_or_a_grade(admin_client):
    """Superusers read the ledger and logs in the admin; states change only through the services."""
    from django.contrib import admin as django_admin

    record = ServiceRecordFactory()
    page = admin_client.get(reverse("admin:stations_servicerecord_change", args=[record.pk]))
    assert page.status_code == 200 and 'name="note"' not in page.content.decode()
    assert admin_client.get(reverse("admin:stations_servicerecord_add")).status_code == 403
    evaluation_admin = django_admin.site._registry[StationEvaluation]
    assert {"status", "grade", "total"} <= set(evaluation_admin.readonly_fields)
    assert "active" in django_admin.site._registry[Station].readonly_fields


@pytest.mark.parametrize("year", [0, 1999, 9999])
def test_an_impossible_year_in_the_evaluation_urls_is_a_404_not_a_crash(login, year):
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    url = reverse("stations:self_assessment", kwargs={"code": station.code, "year": year})
    assert login(staff).get(url).status_code == 404
    admin_url = reverse("stations:evaluation_record", kwargs={"code": station.code, "year": year})
    assert login(AdminFactory()).get(admin_url).status_code == 404
