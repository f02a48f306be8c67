"""Reports, exports and the public bulletin read from the replica; every write goes to the primary.

The replica is a test mirror of the primary (gigmarket/settings/test.py), so both aliases reach
one database and the tests watch which connection each query takes.
"""

import pytest
from django.db import connections, router
from django.test.utils import CaptureQueriesContext

from gigmarket.models import User
from gigmarket.replica import reads_from_replica
from jobs.models import Job
from reports.models import PublishedReport
from tests.gigmarket.factories import AdminFactory, RegionFactory
from tests.jobs.factories import OpenJobFactory

both = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def replica_on(settings):
    settings.DATABASE_REPLICA_READS = True


def _tables(queries) -> str:
    return " ".join(q["sql"] for q in queries)


def test_reads_go_to_the_replica_only_inside_the_block_and_writes_always_to_the_primary(
    replica_on,
):
    assert router.db_for_read(Job) == "default"
    with reads_from_replica():
        assert router.db_for_read(Job) == "replica"
        assert router.db_for_read(PublishedReport) == "replica"
        assert router.db_for_read(User) == "default"  # accounts and sessions: always the primary
        assert router.db_for_write(Job) == "default"
    assert router.allow_migrate("replica", "jobs") is False


def test_without_a_replica_everything_uses_the_primary(settings):
    settings.DATABASE_REPLICA_READS = False
    with reads_from_replica():
        assert router.db_for_read(Job) == "default"


@both
def test_the_public_bulletin_reads_from_the_replica(client, replica_on):
    OpenJobFactory()
    with (
        CaptureQueriesContext(connections["replica"]) as on_replica,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        response = client.get("/reports/")
    assert response.status_code == 200
    assert "reports_publishedreport" in _tables(on_replica.captured_queries)
    assert "reports_" not in _tables(on_primary.captured_queries)


@both
def test_publishing_is_a_write_and_reads_and_writes_the_primary(client, replica_on):
    admin = AdminFactory(region=RegionFactory(code="520999"))
    client.force_login(admin)
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        client.post("/reports/manage/publish/", {"month": "2020-01", "region": ""})
    assert on_replica.captured_queries == []
    assert PublishedReport.objects.using("default").filter(month="2020-01-01").exists()


@both
def test_other_pages_read_the_primary(client, replica_on):
    OpenJobFactory()
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/jobs/").status_code == 200
    assert on_replica.captured_queries == []
