"""Control characters (NUL and friends) never reach a view, a form, a filter or the database."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from gigmarket.middleware import ControlCharacterMiddleware
from gigmarket.validators import strip_control_characters
from jobs.models import Employer
from tests.gigmarket.factories import StationStaffFactory
from tests.jobs.factories import EmployerFactory, OpenJobFactory
from tests.stations.factories import StationAssignmentFactory

pytestmark = pytest.mark.django_db


def test_control_characters_go_but_tabs_line_breaks_and_chinese_stay():
    assert strip_control_characters("张\x00三\x1b\x7f\x85") == "张三"
    assert strip_control_characters("第一行\r\n第二行\t完") == "第一行\r\n第二行\t完"


def test_the_middleware_cleans_query_string_and_form_values_and_keys():
    seen = {}

    def view(request):
        seen["get"], seen["post"] = request.GET.copy(), request.POST.copy()

    request = RequestFactory().post("/x/?q=a%00b&page=2", {"name\x00": "王\x00五", "ok": "不变"})
    ControlCharacterMiddleware(lambda r: None).process_view(request, view, (), {})
    view(request)
    assert seen["get"]["q"] == "ab" and seen["get"]["page"] == "2"
    assert seen["post"]["name"] == "王五" and seen["post"]["ok"] == "不变"


def test_a_nul_byte_in_the_staff_job_search_is_not_a_server_error(login):
    """Issue #12: ``/jobs/manage/?q=%00`` answered 500 on PostgreSQL (the search is now a POST)."""
    job = OpenJobFactory(title="搬运工")
    client = login(StationAssignmentFactory(station=job.station).user)
    response = client.post(reverse("jobs:manage_list"), {"q": "搬\x00运"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "\x00" not in body and "搬运工" in body


def test_a_nul_byte_in_the_employer_search_is_not_a_server_error(login):
    """Issue #12: the employer search's POST ``q`` with a NUL answered 500 on PostgreSQL."""
    employer = EmployerFactory(name="好运搬家")
    response = login(StationStaffFactory()).post(reverse("jobs:employer_list"), {"q": "好运\x00"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "\x00" not in body and employer.name in body


def test_a_nul_byte_in_a_form_field_is_saved_without_it(login):
    assignment = StationAssignmentFactory()
    response = login(assignment.user).post(
        reverse("jobs:employer_create"),
        {
            "kind": "individual",
            "name": "李\x00四",
            "contact_name": "李四",
            "contact_mobile": "13812340000",
            "region": assignment.station.region_id,
            "address": "某镇\x00某村",
        },
    )
    assert response.status_code == 302
    employer = Employer.objects.get(contact_mobile="13812340000")
    assert (employer.name, employer.address) == ("李四", "某镇某村")
