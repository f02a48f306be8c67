"""Event pages: the public list and page, one-tap registration and the slip, check-in by the
slip's QR and by mobile look-up, feeds, figures, gaps and the facts the lower apps ask."""

import datetime
import re
from decimal import Decimal

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.figures import market_event_gaps, month_figures
from events.models import Event, Registration
from gigmarket import facts
from reports.selectors import Month, service
from stations.models import Station
from tests.events.factories import EventFactory, OpenEventFactory
from tests.gigmarket.factories import AdminFactory
from tests.stations.factories import MarketFactory

pytestmark = pytest.mark.django_db


def test_the_public_list_shows_announced_events_only(client, station, django_assert_num_queries):
    shown = OpenEventFactory(station=station, title="开放报名的招聘会")
    EventFactory(station=station, title="还在筹备的招聘会")
    for _ in range(3):
        OpenEventFactory(station=station)
    with django_assert_num_queries(2):  # count + page
        response = client.get(reverse("events:event_list"))
    text = response.content.decode()
    assert shown.title in text and "还在筹备的招聘会" not in text


def test_a_planned_event_has_no_public_page(client, station):
    event = EventFactory(station=station)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_a_seeker_registers_in_one_tap_and_gets_a_slip_without_personal_data_in_the_url(
    login, seeker, station, staff, employer, jobs
):
    event = OpenEventFactory(station=station)
    services.participation_add(event=event, employer=employer, jobs=jobs, by=staff)
    client = login(seeker.user)
    page = client.get(event.get_absolute_url()).content.decode()
    assert employer.name in page and jobs[0].title in page
    response = client.post(reverse("events:event_register", args=[event.public_id]))
    registration = Registration.objects.get(event=event, seeker=seeker)
    assert response.status_code == 302 and response["Location"] == registration.get_slip_url()
    slip = client.get(registration.get_slip_url()).content.decode()
    assert "王*山" in slip or seeker.masked_name in slip
    assert seeker.mobile not in registration.get_slip_url() + registration.get_check_in_url()
    assert "13912345678" not in slip


def test_a_slip_is_for_its_seeker_and_the_events_staff_only(login, seeker, station, other_staff):
    event = OpenEventFactory(station=station)
    registration = services.registration_add(event=event, seeker=seeker, by=seeker.user)
    assert login(other_staff).get(registration.get_slip_url()).status_code == 403


def test_staff_check_in_by_the_slips_qr(login, seeker, station, staff):
    event = OpenEventFactory(station=station)
    registration = services.registration_add(event=event, seeker=seeker, by=seeker.user)
    client = login(staff)
    page = client.get(registration.get_check_in_url()).content.decode()
    assert seeker.masked_name in page and "13912345678" not in page
    client.post(registration.get_check_in_url())
    registration.refresh_from_db()
    assert registration.attended_at is not None and registration.checked_in_by == staff


def test_another_stations_staff_cannot_check_in(login, seeker, station, other_staff):
    event = OpenEventFactory(station=station)
    registration = services.registration_add(event=event, seeker=seeker, by=seeker.user)
    assert login(other_staff).post(registration.get_check_in_url()).status_code == 404
    registration.refresh_from_db()
    assert registration.attended_at is None


def test_the_door_looks_up_by_mobile_and_shows_it_masked(login, seeker, station, staff):
    event = OpenEventFactory(station=station)
    client = login(staff)
    response = client.post(
        reverse("events:door_check_in", args=[event.public_id]),
        {"query": "13912345678"},
        follow=True,
    )
    text = response.content.decode()
    assert "139****5678" in text and "13912345678" not in text
    assert Registration.objects.get(event=event, seeker=seeker).attended_at is not None


def test_the_door_takes_a_scanned_slip_code(login, seeker, station, staff):
    event = OpenEventFactory(station=station)
    registration = services.registration_add(event=event, seeker=seeker, by=seeker.user)
    login(staff).post(
        reverse("events:door_check_in", args=[event.public_id]),
        {"query": "https://example.cn" + registration.get_check_in_url()},
    )
    registration.refresh_from_db()
    assert registration.attended_at is not None


def test_staff_plan_an_event_through_the_form(login, staff, station):
    start = timezone.localtime() + datetime.timedelta(days=5)
    response = login(staff).post(
        reverse("events:event_create"),
        {
            "kind": "fair",
            "title": "周六零工专场",
            "station": station.pk,
            "starts_at": f"{start:%Y-%m-%dT09:00}",
            "ends_at": f"{start:%Y-%m-%dT08:00}",
            "address": "广场",
            "datum": "gcj02",
        },
    )
    assert response.status_code == 400
    assert "结束时间必须晚于开始时间" in response.content.decode()
    assert not Event.objects.exists()


def test_the_calendar_feeds_parse_and_hold_announced_events(client, station, staff):
    event = _announced(station, staff)
    EventFactory(station=station, title="未公布")
    for url in (
        reverse("events:county_calendar"),
        reverse("events:station_calendar", args=[station.code]),
    ):
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        titles = [str(c["summary"]) for c in calendar.walk("VEVENT")]
        assert titles == [event.title]


def test_the_json_feed_lists_schema_org_events(client, station, staff):
    event = _announced(station, staff)
    data = client.get(reverse("events:feed_json")).json()
    assert data["itemListElement"][0]["name"] == event.title
    assert data["itemListElement"][0]["@type"] == "Event"


def _announced(station, staff):
    start = timezone.now() + datetime.timedelta(days=2)
    event = services.event_create(
        by=staff,
        station=station,
        data={
            "kind": "fair",
            "title": "公开招聘会",
            "address": "广场",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=2),
            "latitude": station.latitude,
            "longitude": station.longitude,
        },
    )
    return services.event_open(event=event, by=staff)


def _held_last_month(station, staff, seeker=None, employer=None, jobs=()):
    first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=10)
    start = datetime.datetime.combine(
        first, datetime.time(9), tzinfo=timezone.get_current_timezone()
    )
    event = OpenEventFactory(
        station=station, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
    )
    if employer is not None:
        p = services.participation_add(event=event, employer=employer, jobs=jobs, by=staff)
        services.participation_present(participation=p, by=staff)
    if seeker is not None:
        services.door_check_in(event=event, seeker=seeker, by=staff)
        link = services.event_dispatch(event=event, job=jobs[0], seeker=seeker, by=staff)
        placement = link.placement
        placement.state = "confirmed"
        placement.save()
    services.event_hold(event=event, by=staff)
    return event


def test_month_figures_count_events_held_employers_seekers_and_placements(
    staff, seeker, station, employer, jobs
):
    event = _held_last_month(station, staff, seeker, employer, jobs)
    month = Month.of(timezone.localtime(event.starts_at).date())
    figures = month_figures(month, None)
    assert figures == {
        "events_held": 1,
        "event_employers_present": 1,
        "event_seekers_present": 1,
        "event_placements": 1,
    }
    assert service(month, None)["events_held"] == 1
    assert month_figures(month.previous, None)["events_held"] == 0


def test_a_market_without_an_event_last_month_is_a_gap(staff, station):
    idle = MarketFactory(code="idle")
    _held_last_month(station, staff)
    first = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    gaps = market_event_gaps(Station.objects.all(), first)
    assert idle.pk in gaps and station.pk not in gaps
    assert f"{first:%Y-%m}" in gaps[idle.pk]
    assert facts.ask(facts.MARKET_EVENT_GAPS, Station.objects.all(), first) == gaps


def test_the_countys_gap_list_shows_the_month_gap(login, staff, station):
    idle = MarketFactory(code="idle", floor_area=200)
    for _ in range(3):
        from tests.stations.factories import StationAssignmentFactory

        StationAssignmentFactory(station=idle)
    _held_last_month(station, staff)
    text = login(AdminFactory()).get(reverse("stations:station_gaps")).content.decode()
    assert idle.name in text and "没有举办招聘活动" in text


def test_the_map_fact_gives_upcoming_events_in_wgs84(station, staff):
    station.latitude, station.longitude, station.datum = (
        Decimal("26.5823"),
        Decimal("106.7139"),
        "gcj02",
    )
    station.save()
    event = _announced(station, staff)
    (row,) = facts.ask(facts.MAP_EVENTS, None, default=[])
    assert row["title"] == event.title and row["url"] == event.get_absolute_url()
    lat, lng = event.wgs84()
    assert (row["lat"], row["lng"]) == (round(lat, 6), round(lng, 6))
    assert abs(row["lat"] - 26.5823) > 0.001  # converted from GCJ-02


def test_a_live_stream_shows_now_live_on_the_station_page_and_big_screen(client, station, staff):
    now = timezone.now()
    event = services.event_create(
        by=staff,
        station=station,
        data={
            "kind": "live_stream",
            "title": "直播带岗专场",
            "stream_url": "https://live.example.cn/1",
            "starts_at": now - datetime.timedelta(minutes=5),
            "ends_at": now + datetime.timedelta(hours=1),
        },
    )
    services.event_open(event=event, by=staff)
    for url in (station.get_absolute_url(), reverse("jobs:station_screen", args=[station.code])):
        text = client.get(url).content.decode()
        assert "正在直播" in text and "直播带岗专场" in text


def test_the_manage_page_lists_registrations_masked(login, staff, seeker, station):
    event = OpenEventFactory(station=station)
    services.registration_add(event=event, seeker=seeker, by=seeker.user)
    text = login(staff).get(event.get_manage_url()).content.decode()
    assert "139****5678" in text and "13912345678" not in text
    assert re.search(r"王\*?山|王\*", text)
