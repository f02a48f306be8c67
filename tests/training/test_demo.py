"""The training demo step: a subsidised welding class, a 育婴员 class, referrals and 育婴员 demand in
the demo county; idempotent; and it degrades gracefully when earlier steps made nothing."""

import pytest

from gigmarket.demo_steps import seed_kernel
from seekers.demo_steps import seed_seekers
from stations.demo_steps import seed_stations
from training.demo_steps import CHILDCARE_TITLE, WELDING_TITLE, seed_training
from training.models import DemandOrder, Programme, Referral

pytestmark = pytest.mark.django_db


def _quiet(message):
    return None


def test_demo_training_is_made_once():
    seed_kernel(_quiet)
    seed_stations(_quiet)
    seed_seekers(_quiet)
    seed_training(_quiet)
    seed_training(_quiet)
    welding = Programme.objects.get(title=WELDING_TITLE)
    assert welding.subsidised and welding.status == "enrolling" and welding.region.code == "520999"
    assert welding.sessions.count() == 10
    assert welding.schedule.startswith("每天 9:00–12:00、14:00–17:00")
    assert Programme.objects.filter(title=CHILDCARE_TITLE, occupation__code="4-03").count() == 1
    assert Referral.objects.filter(programme=welding).count() == 3
    assert (
        DemandOrder.objects.filter(
            occupation__code="4-03", region__code__startswith="520999"
        ).count()
        == 3
    )


def test_demo_training_without_stations_or_seekers():
    seed_kernel(_quiet)
    seed_training(_quiet)
    assert Programme.objects.filter(title=WELDING_TITLE).exists()
    assert not Referral.objects.exists() and not DemandOrder.objects.exists()
