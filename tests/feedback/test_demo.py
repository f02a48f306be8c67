"""The after-the-work and feedback demo steps: ratings, a re-hire, a weekly order and months of
satisfaction surveys, made once however often seed_demo runs."""

import pytest

from feedback.demo_steps import seed_feedback
from feedback.models import Survey
from gigmarket.demo_steps import seed_kernel
from jobs.demo_steps import seed_aftercare, seed_jobs, seed_matching
from jobs.models import PlacementRating, RecurringOrder, RehireRequest
from seekers.demo_steps import seed_seekers
from stations.demo_steps import seed_stations

pytestmark = pytest.mark.django_db


def _quiet(message):
    return None


def test_demo_after_the_work_is_made_once():
    for step in (seed_kernel, seed_stations, seed_seekers, seed_jobs, seed_matching):
        step(_quiet)
    for _ in range(2):
        seed_aftercare(_quiet)
        seed_feedback(_quiet)
    assert RehireRequest.objects.count() == 1
    assert RecurringOrder.objects.count() == 1
    assert PlacementRating.objects.filter(answered_at__isnull=False).count() > 10
    assert PlacementRating.objects.filter(side="worker", paid_as_agreed=False).exists()
    surveys = Survey.objects.filter(context="station")
    assert surveys.count() >= 18
    assert len({s.answered_at.month for s in surveys}) >= 5
