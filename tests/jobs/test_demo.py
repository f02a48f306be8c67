"""The matching demo step: months of completed, paid placements on past jobs, today's waiting
list, a sign-up and a dispatch; idempotent; skipped when earlier steps made nothing."""

import pytest
from django.db.models import Count

from gigmarket.demo_steps import seed_kernel
from jobs.demo_steps import HISTORY, HISTORY_MONTHS, seed_jobs, seed_matching
from jobs.models import Job, Placement, WaitingEntry
from seekers.demo_steps import seed_seekers
from stations.demo_steps import seed_stations

pytestmark = pytest.mark.django_db


def _quiet(message):
    return None


def test_demo_matching_history_is_made_once():
    seed_kernel(_quiet)
    seed_stations(_quiet)
    seed_seekers(_quiet)
    seed_jobs(_quiet)
    seed_matching(_quiet)
    counts = dict(Placement.objects.values_list("state").annotate(n=Count("pk")))
    seed_matching(_quiet)
    assert dict(Placement.objects.values_list("state").annotate(n=Count("pk"))) == counts
    assert Job.objects.filter(external_ref__startswith="demo-h").count() == HISTORY_MONTHS * len(
        HISTORY
    )
    completed = Placement.objects.completed()
    assert completed.count() >= 20
    assert (
        completed.filter(paid_in_full=True).count()
        > completed.filter(paid_in_full=False).count()
        > 0
    )
    months = {p.completed_at.month for p in completed}
    assert len(months) >= 3  # months of history, not all today
    assert all(p.confirmed_at is not None for p in completed)
    assert WaitingEntry.objects.on().count() == 5
    assert Placement.objects.filter(state="applied", seeker__mobile="13900000001").exists()
    for job in Job.objects.filter(external_ref__startswith="demo-h"):
        assert job.placements.confirmed_or_later().count() <= job.headcount


def test_demo_matching_without_seekers_is_skipped():
    seed_kernel(_quiet)
    seed_matching(_quiet)
    assert not Placement.objects.exists()
