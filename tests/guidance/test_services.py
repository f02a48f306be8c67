"""Guidance services: the plan and its log, follow-ups, the training referral, the health limits'
logged viewing, registration help, and the insurance recommendation on an uninsured placement."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gigmarket.models import PersonalDataAccess
from guidance import selectors, services
from guidance.models import GuidanceLog, InsuranceAdvice, PlanStep, Registration
from stations.models import ServiceRecord
from tests.gigmarket.factories import StationStaffFactory
from tests.guidance.factories import desk, give
from tests.jobs.factories import OpenJobFactory, PlacementFactory
from tests.training.factories import EnrollingProgrammeFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def test_guidance_with_two_steps_and_a_follow_up_is_logged_and_in_the_ledger():
    station, staff, seeker = desk()
    guidance = give(
        staff,
        seeker,
        steps=[
            {"kind": "job", "text": "去物流园试工"},
            {"kind": "documents", "text": "带身份证"},
            {"kind": "follow_up", "text": "回访", "due_on": TODAY() + datetime.timedelta(days=7)},
        ],
    )
    assert guidance.station == station and guidance.given_by == staff
    assert guidance.steps.count() == 3
    actions = list(guidance.logs.values_list("action", flat=True))
    assert actions == ["created", "step_added", "step_added", "step_added"]
    record = ServiceRecord.objects.get(kind="career_guidance", station=station)
    assert seeker.name not in record.subject_label  # masked


def test_someone_who_works_at_no_station_cannot_give_guidance():
    _station, _staff, seeker = desk()
    with pytest.raises(PermissionDenied):
        give(StationStaffFactory(), seeker)


def test_a_follow_up_needs_a_date_and_nothing_is_half_saved():
    _station, staff, seeker = desk()
    with pytest.raises(ValidationError):
        give(staff, seeker, steps=[{"kind": "follow_up", "text": "回访"}])
    assert not seeker.guidance_records.exists()
    assert not ServiceRecord.objects.filter(kind="career_guidance").exists()


def test_recording_a_follow_up_marks_it_done_counts_in_the_ledger_and_plans_the_next():
    station, staff, seeker = desk()
    guidance = give(staff, seeker, steps=[{"kind": "follow_up", "text": "回访", "due_on": TODAY()}])
    step = guidance.steps.get()
    assert list(PlanStep.objects.visible_to(staff).follow_ups_due(TODAY())) == [step]
    services.follow_up_record(
        step=step, by=staff, note="已上岗三天", next_on=TODAY() + datetime.timedelta(days=30)
    )
    step.refresh_from_db()
    assert step.done and step.outcome == "已上岗三天"
    assert not PlanStep.objects.follow_ups_due(TODAY()).exists()
    assert guidance.steps.filter(kind="follow_up", done=False).count() == 1
    assert ServiceRecord.objects.filter(kind="follow_up", station=station).count() == 1
    assert guidance.logs.filter(action="followed_up").exists()


def test_marking_a_step_done_and_undone_logs_each_change():
    _station, staff, seeker = desk()
    guidance = give(staff, seeker, steps=[{"kind": "documents", "text": "带身份证"}])
    step = guidance.steps.get()
    services.step_mark(step=step, by=staff, done=True, outcome="已带来")
    services.step_mark(step=step, by=staff, done=False)
    step.refresh_from_db()
    assert not step.done and step.done_at is None
    assert list(guidance.logs.filter(step=step).values_list("action", flat=True)) == [
        "step_added",
        "step_done",
        "step_reopened",
    ]


def test_staff_of_another_station_cannot_change_the_plan():
    _station, staff, seeker = desk()
    guidance = give(staff, seeker, steps=[{"kind": "documents", "text": "带身份证"}])
    _other, stranger, _someone = desk("gd-other")
    with pytest.raises(PermissionDenied):
        services.step_mark(step=guidance.steps.get(), by=stranger, done=True)
    with pytest.raises(PermissionDenied):
        services.step_add(guidance=guidance, by=stranger, kind="other", text="x")


def test_the_training_referral_goes_through_the_training_service_and_holds_a_seat():
    _station, staff, seeker = desk()
    programme = EnrollingProgrammeFactory(capacity=1)
    guidance = give(staff, seeker, programme=programme)
    step = guidance.steps.get(kind="training")
    assert step.referral.programme == programme and step.referral.status == "referred"
    assert ServiceRecord.objects.filter(kind="training_referral").exists()
    # The class is now full: a second person cannot be referred, and nothing is left behind.
    _s, _staff2, other = desk("gd-two")
    other_guidance = give(staff, other)
    with pytest.raises(ValidationError):
        services.step_refer_training(guidance=other_guidance, by=staff, programme=programme)
    assert not other_guidance.steps.exists()


def test_viewing_the_health_limits_needs_a_purpose_and_is_logged_for_the_auditor():
    _station, staff, seeker = desk()
    guidance = give(staff, seeker)
    with pytest.raises(ValidationError):
        services.health_limits_opened(guidance=guidance, by=staff, purpose=" ")
    services.health_limits_opened(guidance=guidance, by=staff, purpose="推荐岗位前确认")
    access = PersonalDataAccess.objects.get(user=staff)
    assert access.object_id == str(guidance.pk)
    assert guidance.logs.filter(action=GuidanceLog.Action.HEALTH_VIEWED).count() == 1


def test_the_assessment_log_names_the_fields_changed_not_their_contents():
    _station, staff, seeker = desk()
    guidance = give(staff, seeker)
    services.guidance_assess(guidance=guidance, by=staff, transport="骑电动车")
    log = guidance.logs.get(action="assessment")
    assert "骑电动车" not in log.note


# ---- registration ----


def test_employment_registration_needs_employer_and_start_unemployment_date_and_reason():
    _station, staff, seeker = desk()
    with pytest.raises(ValidationError) as caught:
        services.registration_record(by=staff, seeker=seeker, kind="employment")
    assert set(caught.value.message_dict) == {"employer_name", "start_date"}
    with pytest.raises(ValidationError) as caught:
        services.registration_record(by=staff, seeker=seeker, kind="unemployment")
    assert set(caught.value.message_dict) == {"unemployed_on", "reason"}
    assert not Registration.objects.exists()


def test_a_registration_reference_added_later_is_logged_and_counts_as_registered_unemployed():
    station, staff, seeker = desk()
    registration = services.registration_record(
        by=staff,
        seeker=seeker,
        kind="unemployment",
        unemployed_on=TODAY() - datetime.timedelta(days=3),
        reason="contract_ended",
    )
    assert registration.station == station
    assert not selectors.registered_unemployed(seeker)
    assert list(Registration.objects.unfiled()) == [registration]
    services.registration_set_reference(registration=registration, by=staff, reference="SY001")
    assert selectors.registered_unemployed(seeker)
    assert list(Registration.objects.of_seeker(seeker).unemployment().filed()) == [registration]
    assert [log.to_state for log in registration.logs.all()] == ["recorded", "filed"]
    # A later employment registration ends it.
    services.registration_record(
        by=staff, seeker=seeker, kind="employment", employer_name="某物流公司", start_date=TODAY()
    )
    assert not selectors.registered_unemployed(seeker)


def test_a_long_term_placement_prefills_employment_a_two_day_job_does_not():
    _station, _staff, seeker = desk()
    PlacementFactory(seeker=seeker, state="confirmed", confirmed_at=timezone.now())
    assert selectors.long_term_placement(seeker) is None
    job = OpenJobFactory(end_date=None)
    placement = PlacementFactory(
        seeker=seeker, job=job, state="on_duty", confirmed_at=timezone.now()
    )
    assert selectors.long_term_placement(seeker) == placement


# ---- insurance ----


def _confirm(job, seeker, staff):
    from jobs.services.matching import placement_confirm

    placement = PlacementFactory(job=job, seeker=seeker, station=job.station)
    return placement_confirm(placement=placement, by=staff)


def test_confirming_a_placement_on_an_uninsured_job_prompts_a_recommendation():
    station, staff, seeker = desk()
    job = OpenJobFactory(station=station, start_date=TODAY() + datetime.timedelta(days=1))
    placement = _confirm(job, seeker, staff)
    advice = InsuranceAdvice.objects.get(placement=placement)
    assert advice.status == "due" and advice.seeker == seeker
    assert list(InsuranceAdvice.objects.visible_to(staff).due()) == [advice]


def test_no_prompt_when_the_job_states_insurance():
    station, staff, seeker = desk()
    job = OpenJobFactory(
        station=station,
        insurance_kind="employer_accident",
        start_date=TODAY() + datetime.timedelta(days=1),
    )
    _confirm(job, seeker, staff)
    assert not InsuranceAdvice.objects.exists()


def test_an_answer_given_at_once_logs_the_recommendation_first_and_a_decline_needs_a_reason():
    station, staff, seeker = desk()
    job = OpenJobFactory(station=station, start_date=TODAY() + datetime.timedelta(days=1))
    advice = InsuranceAdvice.objects.get(placement=_confirm(job, seeker, staff))
    with pytest.raises(ValidationError):
        services.insurance_advice_record(advice=advice, by=staff, to="declined")
    services.insurance_advice_record(
        advice=advice, by=staff, to="bought", insurer="中国人寿", cover="50万"
    )
    advice.refresh_from_db()
    assert advice.status == "bought" and advice.insurer == "中国人寿"
    steps = [(t.from_state, t.to_state) for t in advice.transitions.order_by("at", "pk")]
    assert steps == [("", "due"), ("due", "recommended"), ("recommended", "bought")]
    assert ServiceRecord.objects.filter(kind="consultation", station=station).count() == 1


def test_a_withdrawn_persons_assessment_is_erased_and_the_plan_kept():
    from seekers.services import seeker_withdraw

    _station, staff, seeker = desk()
    guidance = give(staff, seeker, steps=[{"kind": "documents", "text": "带身份证"}])
    seeker_withdraw(seeker=seeker, by=staff, reason="本人要求")
    guidance.refresh_from_db()
    assert guidance.health_limits == "" and guidance.work_history == ""
    assert guidance.steps.count() == 1
    assert guidance.logs.filter(action="assessment").exists()
