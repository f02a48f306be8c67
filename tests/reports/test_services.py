"""Publishing: a published month never changes; a correction makes a visible, reasoned revision."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reports.models import PublishedReport
from reports.selectors import Month
from reports.services import report_publish
from tests.gigmarket.factories import AdminFactory
from tests.reports import factories as f

pytestmark = pytest.mark.django_db

MARCH = Month.parse("2026-03")


@pytest.fixture
def town():
    return f.township(f.county())


def test_publish_stores_the_figures_and_who_published(town):
    admin = AdminFactory()
    f.job(region=town, opened="2026-03-02 09:00", headcount=3)
    f.period(f.seeker(), start="2026-03-03")
    report = report_publish(month=MARCH, region=None, by=admin)
    assert (report.revision, report.published_by, report.reason) == (1, admin, "")
    assert report.data["totals"]["active_ratio"] == 3.0
    assert report.data["month"] == "2026-03"


def test_publishing_again_without_revise_is_refused(town):
    report_publish(month=MARCH, region=None, by=None)
    with pytest.raises(ValidationError) as error:
        report_publish(month=MARCH, region=None, by=None)
    assert error.value.code == "already_published"
    # (Here the "other admin's" row shares this test's transaction, so it rolls back with it.)


def test_a_data_correction_makes_a_new_revision_and_both_stay(town):
    """Rule: recomputing a published month makes a new revision instead of changing it."""
    f.job(region=town, opened="2026-03-02 09:00", headcount=3)
    f.period(f.seeker(), start="2026-03-03")
    first = report_publish(month=MARCH, region=None, by=None)
    f.period(f.seeker(), start="2026-03-20")  # a late registration is entered afterwards

    with pytest.raises(ValidationError) as missing_reason:
        report_publish(month=MARCH, region=None, by=None, revise=True)
    assert "reason" in missing_reason.value.message_dict

    second = report_publish(month=MARCH, region=None, by=None, revise=True, reason="补录登记")
    assert second.revision == 2 and second.reason == "补录登记"
    first.refresh_from_db()
    assert first.data["totals"]["active_ratio"] == 3.0  # unchanged
    assert second.data["totals"]["active_ratio"] == 1.5
    assert PublishedReport.objects.count() == 2


def test_a_revision_with_the_same_figures_is_refused(town):
    report_publish(month=MARCH, region=None, by=None)
    with pytest.raises(ValidationError) as error:
        report_publish(month=MARCH, region=None, by=None, revise=True, reason="重算")
    assert error.value.code == "unchanged"


def test_revising_what_was_never_published_is_refused(town):
    with pytest.raises(ValidationError) as error:
        report_publish(month=MARCH, region=None, by=None, revise=True, reason="x")
    assert error.value.code == "nothing_to_revise"


def test_regions_are_published_separately(town):
    county = town.parent
    report_publish(month=MARCH, region=county, by=None)
    report_publish(month=MARCH, region=None, by=None)
    assert PublishedReport.objects.for_region(county).get().revision == 1
    assert PublishedReport.objects.for_region(None).get().revision == 1


def test_a_published_revision_is_never_updated_or_deleted_in_place(town):
    report = report_publish(month=MARCH, region=None, by=None)
    report.data = {"totals": {"active_ratio": 99}}
    with pytest.raises(ValidationError):
        report.save()
    with pytest.raises(ValidationError):
        report.delete()
    report.refresh_from_db()
    assert report.data["totals"]["active_ratio"] is None
    assert PublishedReport.objects.count() == 1


def test_latest_revisions(town):
    county = town.parent
    report_publish(month=MARCH, region=None, by=None)
    f.period(f.seeker(), start="2026-03-20")
    report_publish(month=MARCH, region=None, by=None, revise=True, reason="补录")
    report_publish(month=MARCH, region=county, by=None)
    latest = PublishedReport.objects.latest_revisions()
    assert {(r.region_id, r.revision) for r in latest} == {(None, 2), (county.pk, 1)}


def test_a_revision_reason_is_public_so_personal_numbers_in_it_are_masked(town):
    f.job(region=town, opened="2026-03-02 09:00", headcount=3)
    f.period(f.seeker(), start="2026-03-03")
    report_publish(month=MARCH, region=None, by=None)
    f.period(f.seeker(), start="2026-03-20")
    revised = report_publish(
        month=MARCH, region=None, by=None, revise=True, reason="补录 13812345678 的登记"
    )
    assert "13812345678" not in revised.reason and "138****5678" in revised.reason


def test_a_first_publication_lost_in_a_race_gets_a_message_not_a_crash(town, monkeypatch):
    """Two admins publish the same month at once: the one whose insert loses is told so."""
    from reports import services

    real_for_region = PublishedReport.objects.for_region

    def racing(region):
        # The other admin's revision 1 lands after this one looked and before it saves.
        monkeypatch.setattr(PublishedReport.objects, "for_region", real_for_region)
        PublishedReport.objects.create(
            month=MARCH.first, region=None, revision=1, data={"month": "2026-03"}
        )
        return real_for_region(region).none()

    monkeypatch.setattr(PublishedReport.objects, "for_region", racing)
    with pytest.raises(ValidationError) as error:
        services.report_publish(month=MARCH, region=None, by=None)
    assert error.value.code == "already_published"
    # (Here the "other admin's" row shares this test's transaction, so it rolls back with it.)


def test_the_current_and_future_months_cannot_be_published(town):
    """Rule (#12): only a month that has ended (Asia/Shanghai) may be published; publishing the
    running month or a future one used to succeed and put "0.00" on the public headline."""
    this_month = Month.of(timezone.localdate())
    for month in (this_month, this_month.next, Month.parse("2099-01")):
        with pytest.raises(ValidationError) as error:
            report_publish(month=month, region=None, by=None)
        assert "还没有结束" in error.value.message_dict["month"][0]
    assert not PublishedReport.objects.exists()
    assert report_publish(month=this_month.previous, region=None, by=None).revision == 1


def test_a_month_ends_at_midnight_beijing_time(monkeypatch):
    """31 March 23:30 in Beijing is still March (15:30 UTC); 00:30 on 1 April it has ended."""
    march = Month.parse("2026-03")
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 3, 31, 15, 30, tzinfo=dt.UTC))
    assert not march.has_ended()
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 3, 31, 16, 30, tzinfo=dt.UTC))
    assert march.has_ended()
