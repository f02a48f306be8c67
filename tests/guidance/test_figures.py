"""The guidance app's monthly figures, and the monthly report's service figures and export
carrying them with their labels."""

import datetime

import pytest
from django.utils import timezone

from guidance import services
from guidance.figures import KEYS, month_figures
from guidance.models import InsuranceAdvice
from reports.exports import service_labels, service_rows
from reports.selectors import Month, service
from tests.guidance.factories import desk, give
from tests.jobs.factories import OpenJobFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def test_people_guided_plans_and_placements_within_30_and_90_days():
    station, staff, seeker = desk()
    _s, _staff2, other = desk("gd-fig")
    first = give(staff, seeker, steps=[{"kind": "documents", "text": "带身份证"}])
    give(staff, seeker, steps=[{"kind": "documents", "text": "带户口本"}])  # same person again
    give(staff, other)  # guidance without a plan step
    PlacementFactory(
        seeker=seeker, state="confirmed", confirmed_at=first.given_at + datetime.timedelta(days=40)
    )
    figures = month_figures(timezone.localdate(), None)
    assert figures["guidance_people"] == 2
    assert figures["guidance_plans"] == 2
    assert figures["guidance_placed_30_days"] == 0
    assert figures["guidance_placed_90_days"] == 2  # both of the person's plans preceded it


def test_registrations_and_cover_are_counted_and_a_region_outside_sees_none():
    station, staff, seeker = desk()
    today = timezone.localdate()
    services.registration_record(
        by=staff, seeker=seeker, kind="unemployment", unemployed_on=today, reason="resigned"
    )
    services.registration_record(
        by=staff, seeker=seeker, kind="employment", employer_name="某公司", start_date=today
    )
    now = timezone.now()
    covered = OpenJobFactory(insurance_kind="platform_injury", station=station)
    bare = OpenJobFactory(station=station)
    PlacementFactory(job=covered, state="confirmed", confirmed_at=now)
    bought = PlacementFactory(job=bare, state="confirmed", confirmed_at=now)
    PlacementFactory(job=bare, state="confirmed", confirmed_at=now)
    advice = services.insurance_advice_open(placement=bought, by=staff)
    services.insurance_advice_record(advice=advice, by=staff, to="bought", insurer="人保")
    figures = month_figures(today, None)
    assert figures["registrations_employment"] == 1
    assert figures["registrations_unemployment"] == 1
    assert figures["placements_with_cover"] == 2  # the job's cover, or bought on advice
    assert figures["placements_without_cover"] == 1
    assert figures["insurance_recommended"] == 1 and figures["insurance_bought"] == 1
    assert InsuranceAdvice.objects.bought().count() == 1
    from tests.gigmarket.factories import RegionFactory

    elsewhere = RegionFactory(code="110101")
    assert set(month_figures(today, elsewhere).values()) == {0}


def test_the_monthly_report_carries_the_figures_with_labels():
    _station, staff, seeker = desk()
    give(staff, seeker, steps=[{"kind": "documents", "text": "带身份证"}])
    figures = service(Month.of(timezone.localdate()), None)
    assert figures["guidance_plans"] == 1
    labels = service_labels()
    assert set(KEYS) <= set(labels)
    rows = dict((str(label), value) for label, value in service_rows(figures))
    assert rows["制定服务方案数"] == 1
