"""#12: a public complaint always lands with someone who can act on it.

A station with nobody in service cannot take a case: it goes to the station's parent market, or
the county's default desk, the filer is told where it went, and what is left with nobody is listed
on the county admin's workbench."""

from decimal import Decimal

import pytest
from django.urls import reverse

from rights import services
from rights.models import Complaint
from tests.gigmarket.factories import RegionFactory
from tests.rights.factories import ComplaintFactory
from tests.stations.factories import MarketFactory, StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


def _file(station, **extra):
    fields = {
        "by": None,
        "station": station,
        "kind": "unpaid_wages",
        "name": "王德明",
        "mobile": "13900000101",
        "description": "干了20天活，老板不给工钱。",
        "respondent_text": "某装修队",
        "amount_owed": Decimal("3200"),
        "people_affected": 4,
    }
    fields.update(extra)
    return services.complaint_file(**fields)[0]


@pytest.fixture
def county():
    return RegionFactory(code="520999")


@pytest.fixture
def empty_station(county):
    """A village station whose only staff member has left."""
    station = StationFactory(code="village", region=RegionFactory(code="520999101"))
    StationAssignmentFactory(station=station, active=False)
    return station


@pytest.fixture
def market(county):
    market = MarketFactory(code="county-market", region=county, name="示范县零工市场")
    StationAssignmentFactory(station=market)
    return market


def test_a_complaint_to_a_station_with_nobody_in_service_goes_to_its_parent_market(
    empty_station, market
):
    complaint = _file(empty_station)
    assert complaint.station == market
    assert complaint.requested_station == empty_station and complaint.was_rerouted
    log = complaint.logs.get()
    assert empty_station.name in log.reason and market.name in log.reason
    assert Complaint.objects.handled_by(market.assignments.get().user).filter(pk=complaint.pk)


def test_a_staffed_station_keeps_its_complaints(market, county):
    station = StationFactory(code="staffed", region=RegionFactory(code="520999102"))
    StationAssignmentFactory(station=station)
    complaint = _file(station)
    assert complaint.station == station and not complaint.was_rerouted
    assert complaint.requested_station is None


def test_a_retired_staff_account_is_nobody_in_service(market):
    station = StationFactory(code="retired-staff", region=RegionFactory(code="520999103"))
    StationAssignmentFactory(station=station, user__is_active=False)
    assert _file(station).station == market


def test_without_a_parent_market_the_default_desk_takes_it(empty_station, county, settings):
    desk = StationFactory(code="desk", region=RegionFactory(code="520999001"))
    StationAssignmentFactory(station=desk)
    StationAssignmentFactory(station=StationFactory(code="aaa", region=county))
    settings.RIGHTS_DEFAULT_DESK = "desk"
    assert _file(empty_station).station == desk


def test_a_market_in_another_county_is_not_a_parent(empty_station):
    elsewhere = MarketFactory(code="far-market", region=RegionFactory(code="520888"))
    StationAssignmentFactory(station=elsewhere)
    assert _file(empty_station).station == empty_station


def test_the_filer_sees_where_the_complaint_went(client, empty_station, market):
    response = client.post(
        reverse("rights:complaint_create"),
        {
            "idempotency_key": "route-1",
            "kind": "unpaid_wages",
            "respondent_text": "某装修队",
            "description": "干了20天，老板不给钱",
            "amount_owed": "3200",
            "people_affected": "4",
            "name": "王德明",
            "mobile": "13900000101",
            "station": empty_station.pk,
        },
    )
    assert response.status_code == 302
    receipt = client.get(reverse("rights:complaint_receipt")).content.decode()
    assert 'id="rerouted"' in receipt
    assert empty_station.name in receipt and market.name in receipt
    number = Complaint.objects.get().number
    status = client.get(reverse("rights:complaint_status", args=[number])).content.decode()
    assert market.name in status and empty_station.name in status


def test_the_county_admin_workbench_lists_cases_nobody_can_act_on(
    login, county, empty_station, market
):
    from tests.gigmarket.factories import AdminFactory

    stranded = ComplaintFactory(station=empty_station)
    taken_elsewhere = ComplaintFactory(station=market)
    admin = AdminFactory(region=county)
    page = login(admin).get("/workbench/").content.decode()
    assert 'id="stranded-cases"' in page and stranded.number in page
    assert taken_elsewhere.number not in page.split('id="stranded-cases"')[1].split("</ul>")[0]
    staff_page = login(market.assignments.get().user).get("/workbench/").content.decode()
    assert 'id="stranded-cases"' not in staff_page


def test_the_county_admin_sends_a_stranded_case_to_a_station_in_service(
    login, county, empty_station, market
):
    from django.core.exceptions import PermissionDenied, ValidationError

    from tests.gigmarket.factories import AdminFactory

    stranded = ComplaintFactory(station=empty_station)
    admin = AdminFactory(region=county)
    market_staff = market.assignments.get().user
    with pytest.raises(PermissionDenied):
        services.complaint_reassign(
            complaint=stranded, by=market_staff, station=market, reason="就近办理"
        )
    other_empty = StationFactory(code="empty-2", region=RegionFactory(code="520999104"))
    with pytest.raises(ValidationError) as caught:
        services.complaint_reassign(complaint=stranded, by=admin, station=other_empty, reason="")
    assert {"station", "reason"} <= set(caught.value.message_dict)

    client = login(admin)
    rerouted = _file(empty_station, idempotency_key="r-2")
    assert 'id="requested-station"' in client.get(rerouted.get_absolute_url()).content.decode()
    page = client.get(stranded.get_absolute_url()).content.decode()
    assert 'id="reassign"' in page and market.name in page.split('id="reassign"')[1]
    response = client.post(
        reverse("rights:complaint_reassign", args=[stranded.public_id]),
        {"station": market.pk, "reason": "驿站暂无人员，转县市场办理"},
    )
    assert response.status_code == 302
    stranded.refresh_from_db()
    assert stranded.station == market and stranded.owner is None
    assert "转县市场办理" in stranded.logs.last().reason
    assert (
        stranded.number
        not in client.get("/workbench/").content.decode().split('id="stranded-cases"')[-1]
    )
    services.complaint_accept(complaint=stranded, by=market_staff)
    stranded.refresh_from_db()
    assert stranded.owner == market_staff
