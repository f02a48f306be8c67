"""Ten staff registering the same enterprise at the same moment: one record, nine told so.

A lost race for the unique credit code is the same form message as a plain duplicate, never a
server error. Needs PostgreSQL (tests/concurrency.py).
"""

from django.test import Client
from django.urls import reverse

from jobs.models import Employer
from tests.concurrency import POSTGRES_RACE, run_at_once
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = POSTGRES_RACE

CONTENDERS = 10
CREDIT_CODE = "91350100M000100Y43"


def test_concurrent_registrations_of_one_enterprise_get_the_duplicate_message_not_a_500():
    station = StationFactory(code="chengguan")
    staff = [StationAssignmentFactory(station=station).user for _ in range(CONTENDERS)]

    def post(i):
        client = Client(raise_request_exception=False)
        client.force_login(staff[i], backend="gigmarket.backends.UsernameOrMobileBackend")
        response = client.post(
            reverse("jobs:employer_create"),
            {
                "kind": "enterprise",
                "name": "示范县鑫达建筑劳务有限公司",
                "credit_code": CREDIT_CODE,
                "contact_name": "王经理",
                "contact_mobile": f"1370000{i:04d}",
                "region": station.region_id,
            },
        )
        return response.status_code, response.content.decode()

    results = run_at_once(post, CONTENDERS)
    statuses = sorted(r[0] if isinstance(r, tuple) else repr(r) for r in results)
    assert statuses == [200] * (CONTENDERS - 1) + [302], statuses
    assert Employer.objects.filter(credit_code=CREDIT_CODE).count() == 1
    for status, body in results:
        if status == 200:
            assert "该统一社会信用代码已登记过用工主体。" in body
