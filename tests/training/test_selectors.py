"""The figures the monthly report reads: referrals by state, completions and certificates by
occupation, demand by occupation — for one month and one region subtree."""

import datetime

import pytest
from django.utils import timezone

from tests.gigmarket.factories import RegionFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import DemandOrderFactory, EnrollingProgrammeFactory, occupation
from training import selectors, services
from training.models import ReferralTransition

pytestmark = pytest.mark.django_db


def test_training_figures_for_a_month_and_a_region():
    staff = StationAssignmentFactory(station=StationFactory(code="chengguan")).user
    today = timezone.localdate()
    county = RegionFactory(code="520999")
    welding = EnrollingProgrammeFactory(region=county, capacity=5)
    elsewhere = EnrollingProgrammeFactory(region=RegionFactory(code="520888"), capacity=5)

    done = []
    for _ in range(3):
        referral = services.referral_refer(programme=welding, seeker=SeekerFactory(), by=staff)
        referral = services.referral_enrol(referral=referral, by=staff)
        done.append(services.referral_complete(referral=referral, by=staff))
    services.referral_certify(
        referral=done[0], by=staff, certificate_number="S1", certificate_date=today
    )
    dropped = services.referral_refer(programme=welding, seeker=SeekerFactory(), by=staff)
    services.referral_drop(referral=dropped, by=staff, reason="外出务工")
    services.referral_refer(programme=elsewhere, seeker=SeekerFactory(), by=staff)
    # A referral made last month counts in last month, not this one.
    old = services.referral_refer(programme=welding, seeker=SeekerFactory(), by=staff)
    last_month = today.replace(day=1) - datetime.timedelta(days=1)
    mid_last_month = timezone.make_aware(
        datetime.datetime.combine(last_month.replace(day=15), datetime.time(12))
    )
    ReferralTransition.objects.filter(referral=old).update(at=mid_last_month)

    DemandOrderFactory(region=county, people=4)
    DemandOrderFactory(region=county, people=2, occupation=occupation("6-07"))
    DemandOrderFactory(region=RegionFactory(code="520888"), people=9)

    states = selectors.referrals_by_state(today, county)
    assert states == {
        "signed_up": 0,
        "referred": 4,
        "enrolled": 3,
        "completed": 3,
        "certified": 1,
        "dropped": 1,
    }
    assert selectors.referrals_by_state(today)["referred"] == 5  # the whole deployment
    assert selectors.completions_by_occupation(today, county) == [
        {"occupation_code": "6-07", "occupation": "焊工", "completed": 3}
    ]
    assert selectors.certificates_by_occupation(today, county) == [
        {"occupation_code": "6-07", "occupation": "焊工", "certified": 1}
    ]
    assert selectors.demand_by_occupation(today, county) == [
        {"occupation_code": "4-03", "occupation": "育婴员", "orders": 1, "people": 4},
        {"occupation_code": "6-07", "occupation": "焊工", "orders": 1, "people": 2},
    ]
    assert selectors.referrals_by_state(last_month, county)["referred"] == 1


def test_seats_left_never_below_zero():
    from training.models import Programme

    programme = EnrollingProgrammeFactory(capacity=2)
    staff = StationAssignmentFactory(station=StationFactory(code="chengguan")).user
    for _ in range(2):
        services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)
    # Seats cut below the people on the class (only a raw update can do it): 1 - 2 shows as 0, not -1.
    Programme.objects.filter(pk=programme.pk).update(capacity=1)
    row = Programme.objects.with_seats().get(pk=programme.pk)
    assert (row.seats_taken, row.seats_left) == (2, 0)


def test_a_step_just_after_midnight_in_shanghai_counts_in_the_new_month():
    """Months are Asia/Shanghai calendar months: 1 Nov 01:00 in Shanghai is still 31 Oct in UTC."""
    staff = StationAssignmentFactory(station=StationFactory(code="chengguan")).user
    referral = services.referral_refer(
        programme=EnrollingProgrammeFactory(), seeker=SeekerFactory(), by=staff
    )
    utc_evening = datetime.datetime(2026, 10, 31, 17, 0, tzinfo=datetime.UTC)
    ReferralTransition.objects.filter(referral=referral).update(at=utc_evening)
    assert selectors.referrals_by_state(datetime.date(2026, 11, 1))["referred"] == 1
    assert selectors.referrals_by_state(datetime.date(2026, 10, 1))["referred"] == 0
