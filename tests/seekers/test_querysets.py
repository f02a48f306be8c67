"""Reads the monthly figures and the ledgers rely on."""

import datetime

import pytest
from django.utils import timezone

from seekers.models import Seeker, SeekingPeriod
from seekers.services import seeker_renew, seeker_withdraw
from tests.gigmarket.factories import (
    AdminFactory,
    RegionFactory,
    ReviewerFactory,
    StationStaffFactory,
)
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

MAY = (datetime.date(2026, 5, 1), datetime.date(2026, 5, 31))
AUGUST = (datetime.date(2026, 8, 1), datetime.date(2026, 8, 31))


def _registered_on(day: datetime.date, **kwargs) -> Seeker:
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 30)))
    return SeekerFactory(registered_at=at, **kwargs)


def test_period_start_is_the_shanghai_date_of_registration():
    # 2026-05-14 23:30 UTC is already 15 May in Asia/Shanghai.
    at = datetime.datetime(2026, 5, 14, 23, 30, tzinfo=datetime.UTC)
    period = SeekerFactory(registered_at=at).periods.get()
    assert period.start == datetime.date(2026, 5, 15) and period.end == datetime.date(2026, 7, 31)


def test_overlapping_and_started_in_count_as_the_monthly_figures_define():
    march = _registered_on(datetime.date(2026, 3, 10))  # runs to 31 May: counts in May, not August
    may = _registered_on(datetime.date(2026, 5, 31))  # starts in May
    june = _registered_on(datetime.date(2026, 6, 1))  # runs to 31 August
    periods = SeekingPeriod.objects
    assert set(periods.overlapping(*MAY).values_list("seeker", flat=True)) == {march.pk, may.pk}
    assert set(periods.started_in(*MAY).values_list("seeker", flat=True)) == {may.pk}
    assert set(periods.overlapping(*AUGUST).values_list("seeker", flat=True)) == {june.pk}
    assert not periods.overlapping(datetime.date(2026, 9, 1), datetime.date(2026, 9, 30)).exists()


def test_a_period_ended_early_stops_counting_after_that_day():
    seeker = SeekerFactory()
    period = seeker.periods.get()
    seeker_withdraw(seeker=seeker, by=None)
    period.refresh_from_db()
    assert period.ended_on == timezone.localdate()
    later = period.ended_on + datetime.timedelta(days=1)
    assert not SeekingPeriod.objects.current(later).exists()
    assert SeekingPeriod.objects.current(period.ended_on).exists()


def test_renewal_keeps_one_current_period_per_day_boundary():
    seeker = SeekerFactory()
    start = seeker.periods.get().start
    renewed = seeker_renew(seeker=seeker, by=None, on=start + datetime.timedelta(days=20))
    assert list(SeekingPeriod.objects.current(start + datetime.timedelta(days=21))) == [renewed]


def test_search_matches_name_number_and_masked_mobile():
    target = SeekerFactory(name="欧阳秀英", mobile="13712345678")
    SeekerFactory(name="李四", mobile="13712340000")
    assert list(Seeker.objects.search("欧阳")) == [target]
    assert list(Seeker.objects.search(target.number)) == [target]
    assert list(Seeker.objects.search("137****5678")) == [target]
    assert list(Seeker.objects.search("１３７ １２３４ ５６７８")) == [target]


def test_priority_ledger_is_the_stations_priority_seekers_still_seeking():
    station = StationFactory()
    older = SeekerFactory(station=station, details={"priority_groups": ["older"]})
    SeekerFactory(station=station)
    SeekerFactory(station=StationFactory(), details={"priority_groups": ["older"]})
    paused = SeekerFactory(station=station, details={"priority_groups": ["disabled"]})
    Seeker.objects.filter(pk=paused.pk).update(status="paused")
    assert list(Seeker.objects.priority_ledger(station)) == [older]
    assert list(Seeker.objects.in_priority_group("older").filter(home_station=station)) == [older]


def test_scoping_staff_find_all_edit_own_admin_region_reviewer_none():
    county = RegionFactory(code="520999")
    home = StationFactory(region=RegionFactory(code="520999001"))
    elsewhere = StationFactory(region=RegionFactory(code="520888001"))
    mine, theirs = SeekerFactory(station=home), SeekerFactory(station=elsewhere)
    staff = StationAssignmentFactory(station=home, user=StationStaffFactory()).user
    assert set(Seeker.objects.visible_to(staff)) == {mine, theirs}
    assert set(Seeker.objects.editable_by(staff)) == {mine}
    admin = AdminFactory(region=county)
    assert set(Seeker.objects.visible_to(admin)) == {mine}
    assert set(Seeker.objects.editable_by(admin)) == {mine}
    assert not Seeker.objects.visible_to(ReviewerFactory()).exists()


def test_a_person_no_station_has_served_is_out_of_reach_of_another_countys_admin(settings):
    """Self-registered, no station yet: the deployment's admin reaches them, another county's not."""
    settings.SITE_REGION_CODE = "520999"
    online = SeekerFactory(station=None)
    assert online.home_station_id is None and online.home_region_id is None
    ours = AdminFactory(region=RegionFactory(code="520999"))
    theirs = AdminFactory(region=RegionFactory(code="520888"))
    assert set(Seeker.objects.editable_by(ours)) == {online}
    assert not Seeker.objects.visible_to(theirs).exists()
    assert not Seeker.objects.editable_by(theirs).exists()
    online.home_region = RegionFactory(code="520888001")
    online.save()
    assert set(Seeker.objects.visible_to(theirs)) == {online}
