"""Feedback: surveys after a placement, training and a complaint, the station's walk-in
survey, monthly figures into the evaluation, and the follow-up list's wage complaint."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback import querysets, services
from feedback.models import Survey
from gigmarket import facts
from gigmarket.models import Message
from jobs import services as jobs_services
from jobs.models import PlacementRating
from rights import services as rights_services
from rights.models import Complaint
from stations import scoring
from tests.gigmarket.factories import AdminFactory, EmployerUserFactory, SeekerUserFactory
from tests.jobs.factories import EmployerFactory, OpenJobFactory, PlacementFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import EnrollingProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def station():
    return StationFactory(code="chengguan")


@pytest.fixture
def staff(station):
    return StationAssignmentFactory(station=station).user


def _completed(station, staff):
    employer = EmployerFactory(user=EmployerUserFactory())
    job = OpenJobFactory(employer=employer, station=station, headcount=1)
    placement = jobs_services.placement_recommend(
        job=job, seeker=SeekerFactory(user=SeekerUserFactory()), by=staff
    )
    jobs_services.placement_confirm(placement=placement, by=staff)
    jobs_services.placement_start(placement=placement, by=staff)
    return jobs_services.placement_complete(
        placement=placement, by=staff, result={"end_date": timezone.localdate()}
    )


def test_a_completed_placement_brings_both_sides_a_survey_linked_from_the_rating(
    station, staff, client
):
    placement = _completed(station, staff)
    surveys = Survey.objects.filter(subject_key__startswith=f"placement:{placement.pk}:")
    assert sorted(surveys.values_list("respondent", flat=True)) == ["employer", "seeker"]
    assert all(s.station == station for s in surveys)
    rating = PlacementRating.objects.get(placement=placement, side="worker")
    url = reverse("jobs:rate", kwargs={"token": rating.token})
    client.post(url, {"score": "5", "paid_as_agreed": "yes"})
    page = client.get(url).content.decode()
    worker_survey = surveys.get(respondent="seeker")
    survey_url = reverse("feedback:survey", kwargs={"token": worker_survey.token})
    assert survey_url in page
    response = client.post(survey_url, {"environment": "5", "process": "4", "result": "3"})
    assert response.status_code == 302
    worker_survey.refresh_from_db()
    assert (worker_survey.environment, worker_survey.process, worker_survey.result) == (5, 4, 3)
    assert survey_url not in client.get(url).content.decode()  # answered: no second link


def test_a_survey_with_a_missing_answer_saves_nothing(station):
    survey = services.survey_invite(
        station=station, context="training", respondent="seeker", subject_key="training:1"
    )
    from django.test import Client

    response = Client().post(
        reverse("feedback:survey", kwargs={"token": survey.token}), {"environment": "5"}
    )
    assert response.status_code == 400
    survey.refresh_from_db()
    assert survey.answered_at is None and survey.environment is None


def test_training_completion_texts_a_survey_once(staff):
    from training import services as training_services

    seeker = SeekerFactory()
    programme = EnrollingProgrammeFactory()
    referral = training_services.referral_refer(programme=programme, seeker=seeker, by=staff)
    referral = training_services.referral_enrol(referral=referral, by=staff)
    training_services.referral_complete(referral=referral, by=staff)
    survey = Survey.objects.get(subject_key=f"training:{referral.pk}")
    assert survey.context == "training"
    sms = Message.objects.get(key=f"survey:{survey.pk}:ask")
    assert sms.to == seeker.mobile and survey.token in sms.text


def test_closing_a_complaint_texts_the_complainant_a_survey(station, staff):
    complaint, _ = rights_services.complaint_file(
        by=None,
        station=station,
        kind="other",
        name="王德明",
        mobile="13900000101",
        description="驿站窗口排队太久。",
    )
    rights_services.complaint_accept(complaint=complaint, by=staff)
    rights_services.complaint_resolve(complaint=complaint, by=staff, outcome="已改进")
    rights_services.complaint_close(complaint=complaint, by=staff)
    survey = Survey.objects.get(subject_key=f"complaint:{complaint.pk}")
    assert Message.objects.filter(key=f"survey:{survey.pk}:ask", to="13900000101").exists()


def test_the_walk_in_survey_takes_one_answer_per_browser_and_quarter(station, client):
    url = reverse("feedback:station_survey", kwargs={"code": station.code})
    answer = {"environment": "4", "process": "4", "result": "5"}
    assert client.post(url, answer).status_code == 302
    assert client.post(url, answer).status_code == 200  # already answered: thanked, not saved
    assert Survey.objects.filter(station=station, context="station").count() == 1


def test_the_station_page_links_its_survey(station, client):
    page = client.get(reverse("stations:station_detail", kwargs={"code": station.code}))
    assert (
        reverse("feedback:station_survey", kwargs={"code": station.code}) in page.content.decode()
    )


def _answered(station, when, scores):
    Survey.objects.create(
        station=station,
        context="station",
        respondent="public",
        environment=scores[0],
        process=scores[1],
        result=scores[2],
        answered_at=when,
    )


def test_monthly_figures_reach_the_evaluation_form(station, client):
    tz = timezone.get_current_timezone()
    year = timezone.localdate().year - 1
    _answered(station, datetime.datetime(year, 3, 31, 23, 30, tzinfo=tz), (5, 5, 5))  # March
    _answered(station, datetime.datetime(year, 4, 2, 10, tzinfo=tz), (4, 4, 4))
    _answered(station, datetime.datetime(year, 4, 3, 10, tzinfo=tz), (2, 2, 2))
    _answered(station, datetime.datetime(year + 1, 1, 1, 1, tzinfo=tz), (1, 1, 1))  # next year
    figures = facts.ask(facts.STATION_SATISFACTION, station, year)
    months = {row["month"].month: (row["n"], row["overall"]) for row in figures["months"]}
    assert months == {3: (1, Decimal("5.0")), 4: (2, Decimal("3.0"))}
    assert figures["count"] == 3 and figures["average"] == Decimal("3.7")
    points = scoring.attitude_from_satisfaction(figures)
    assert points == (Decimal("3.7") / 5 * scoring.weights()["attitude"]).quantize(Decimal("0.1"))
    # The county admin's evaluation form shows the months and starts from those points.
    from tests.stations.factories import StationEvaluationFactory

    StationEvaluationFactory(station=station, year=year)
    admin = AdminFactory(region=station.region)
    client.force_login(admin)
    page = client.get(
        reverse("stations:evaluation_record", kwargs={"code": station.code, "year": year})
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{year}-04" in text and f'value="{points}"' in text


def test_repeated_low_paid_answers_list_the_employer_and_open_a_complaint_in_one_step(
    station, staff, client
):
    employer = EmployerFactory()
    seekers = []
    for score in (1, 2):
        placement = PlacementFactory(
            job=OpenJobFactory(employer=employer, station=station), state="completed"
        )
        seekers.append(placement.seeker)
        PlacementRating.objects.create(
            placement=placement,
            side="worker",
            score=score,
            paid_as_agreed=False,
            answered_at=timezone.now(),
        )
    once = EmployerFactory()
    PlacementRating.objects.create(
        placement=PlacementFactory(
            job=OpenJobFactory(employer=once, station=station), state="completed"
        ),
        side="worker",
        score=1,
        paid_as_agreed=False,
        answered_at=timezone.now(),
    )
    listed = [row["employer"] for row in querysets.low_pay_employers(staff)]
    assert listed == [employer]  # one answer is not "repeated"
    client.force_login(staff)
    page = client.get(reverse("feedback:followups")).content.decode()
    listed_part = page.split('id="low-pay"')[1].split("</section>")[0]
    assert employer.name in listed_part and once.name not in listed_part
    url = reverse("feedback:wage_complaint", kwargs={"uuid": employer.uuid})
    response = client.post(url)
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == complaint.get_absolute_url()
    assert complaint.kind == "unpaid_wages" and complaint.job.employer == employer
    assert complaint.complainant_mobile in [s.mobile for s in seekers]
    client.post(url)  # a second tap gives the same case
    assert Complaint.objects.count() == 1
