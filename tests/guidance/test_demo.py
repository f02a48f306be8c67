"""The guidance demo step: the demo seeker's plan with a follow-up due, an unemployment
registration, insurance prompts on last month's uninsured site work; idempotent."""

import pytest

from gigmarket.demo_steps import seed_kernel
from guidance.demo_steps import seed_guidance
from guidance.models import Guidance, InsuranceAdvice, Registration
from jobs.demo_steps import seed_jobs, seed_matching
from seekers.demo_steps import seed_seekers
from stations.demo_steps import seed_stations

pytestmark = pytest.mark.django_db


def _quiet(message):
    return None


def test_demo_guidance_is_made_once():
    seed_kernel(_quiet)
    seed_stations(_quiet)
    seed_seekers(_quiet)
    seed_jobs(_quiet)
    seed_matching(_quiet)
    seed_guidance(_quiet)
    seed_guidance(_quiet)
    guidance = Guidance.objects.get()
    assert guidance.steps.filter(kind="follow_up", done=False).count() == 1
    assert Registration.objects.filter(kind="unemployment").exclude(reference="").count() == 1
    prompts = InsuranceAdvice.objects.all()
    assert prompts.exists()
    assert {a.placement.job.insurance_kind for a in prompts} == {"none"}


def test_demo_guidance_without_earlier_steps_says_so():
    said = []
    seed_guidance(said.append)
    assert "no staff or demo seeker" in said[0]
