"""The workbench shows county admins the way to the monthly report."""

import pytest
from django.urls import reverse

from tests.gigmarket.factories import AdminFactory, StationStaffFactory

pytestmark = pytest.mark.django_db


def test_admin_workbench_links_to_the_report(login):
    page = login(AdminFactory()).get(reverse("core:workbench")).content.decode()
    assert reverse("reports:report_manage") in page
    assert "尚未发布" in page


def test_station_staff_do_not_see_it(login):
    page = login(StationStaffFactory()).get(reverse("core:workbench")).content.decode()
    assert reverse("reports:report_manage") not in page
