"""The publicity demo step: five published articles for the demo county and two consultations
about the subsidy explainer at the demo staff's station; idempotent."""

import pytest

from gigmarket.demo_steps import seed_kernel
from publicity.demo_steps import ARTICLES, SUBSIDY_TITLE, seed_publicity
from publicity.models import Article
from publicity.selectors import home_articles
from stations.demo_steps import seed_stations
from stations.models import ServiceRecord

pytestmark = pytest.mark.django_db


def _quiet(message):
    return None


def test_demo_publicity_is_made_once():
    seed_kernel(_quiet)
    seed_stations(_quiet)
    seed_publicity(_quiet)
    seed_publicity(_quiet)
    assert Article.objects.count() == len(ARTICLES)
    assert Article.objects.current().count() == len(ARTICLES)
    subsidy = Article.objects.get(title=SUBSIDY_TITLE)
    assert subsidy in home_articles() and subsidy.for_older
    assert (
        ServiceRecord.objects.filter(subject_id=str(subsidy.pk), kind="consultation").count() == 2
    )


def test_demo_publicity_without_stations():
    seed_kernel(_quiet)
    seed_publicity(_quiet)
    assert Article.objects.count() == len(ARTICLES)
    assert not ServiceRecord.objects.exists()
