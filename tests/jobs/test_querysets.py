"""Reads of jobs: scoping by station and region, the public set, pay per day."""

import pytest

from jobs.models import Job
from tests.gigmarket.factories import (
    AdminFactory,
    EmployerUserFactory,
    RegionFactory,
    ReviewerFactory,
)
from tests.jobs.factories import EmployerFactory, JobFactory, OpenJobFactory, PendingJobFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_staff_edit_only_their_own_stations_jobs():
    home, other = StationFactory(), StationFactory()
    staff = StationAssignmentFactory(station=home).user
    mine, theirs = JobFactory(station=home), JobFactory(station=other)
    assert list(Job.objects.editable_by(staff)) == [mine]
    assert theirs not in Job.objects.visible_to(staff)


def test_an_employer_edits_only_its_own_jobs():
    user = EmployerUserFactory()
    mine = JobFactory(employer=EmployerFactory(user=user))
    JobFactory()
    assert list(Job.objects.editable_by(user)) == [mine]


def test_a_county_admin_and_a_reviewer_reach_their_region_only():
    county = RegionFactory(code="520999")
    inside = JobFactory(region=RegionFactory(code="520999101"))
    outside = JobFactory(region=RegionFactory(code="520888101"))
    admin = AdminFactory(region=county)
    reviewer = ReviewerFactory(region=county)
    assert list(Job.objects.editable_by(admin)) == [inside]
    assert list(Job.objects.reviewable_by(reviewer)) == [inside]
    assert outside not in Job.objects.visible_to(reviewer)


def test_public_jobs_are_the_published_ones_and_pending_review_is_oldest_first():
    opened = OpenJobFactory()
    PendingJobFactory()
    assert list(Job.objects.public()) == [opened]
    first, second = PendingJobFactory(), PendingJobFactory()
    queue = list(Job.objects.pending_review())
    assert queue.index(first) < queue.index(second)


def test_paying_at_least_per_day_uses_pay_normalised_to_a_day():
    hourly = OpenJobFactory(pay_min=30, pay_unit="hour", hours_per_day=8)  # 240 a day
    daily = OpenJobFactory(pay_min=150, pay_unit="day")
    piece = OpenJobFactory(pay_min=2, pay_unit="piece")
    found = set(Job.objects.paying_at_least_per_day(200))
    assert hourly in found and daily not in found and piece not in found
