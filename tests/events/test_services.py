"""The events services: the state machine and its log, employers, registration, check-in,
placements remembered, results into the ledger."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.models import Event, EventLog, EventPlacement, Participation, Registration
from stations.models import ServiceRecord
from tests.events.factories import EventFactory, OpenEventFactory
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def _plan(staff, station, **extra):
    start = timezone.now() + datetime.timedelta(days=3)
    data = {
        "kind": Event.Kind.FAIR,
        "title": "春季专场招聘会",
        "address": "人民广场",
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        **extra,
    }
    return services.event_create(by=staff, station=station, data=data)


def test_planning_logs_the_first_state_and_takes_the_stations_region(staff, station):
    event = _plan(staff, station)
    assert event.state == Event.State.PLANNED
    assert event.region == station.region
    assert list(event.logs.values_list("from_state", "to_state", "by")) == [
        ("", "planned", staff.pk)
    ]


def test_staff_cannot_plan_for_another_station(staff, other_station):
    with pytest.raises(ValidationError) as error:
        _plan(staff, other_station)
    assert "station" in error.value.message_dict


def test_a_live_stream_needs_its_link_and_a_fair_its_place(staff, station):
    with pytest.raises(ValidationError) as error:
        _plan(staff, station, kind=Event.Kind.LIVE_STREAM, address="")
    assert "stream_url" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _plan(staff, station, address=" ")
    assert "address" in error.value.message_dict
    assert not Event.objects.exists()


def test_the_state_machine_runs_planned_open_held_closed_with_a_log_row_each(staff, station):
    event = _plan(staff, station)
    services.event_open(event=event, by=staff)
    with pytest.raises(ValidationError):  # not before it starts
        services.event_hold(event=event, by=staff)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1))
    event.refresh_from_db()
    services.event_hold(event=event, by=staff)
    event = services.event_close(event=event, by=staff, intentions_reached=4, note="效果好")
    assert event.state == Event.State.CLOSED and event.intentions_reached == 4
    steps = [(log.from_state, log.to_state) for log in event.logs.all() if log.is_state_change]
    assert steps == [("", "planned"), ("planned", "open"), ("open", "held"), ("held", "closed")]


def test_a_closed_or_cancelled_event_moves_no_more(staff, station):
    event = _plan(staff, station)
    with pytest.raises(ValidationError):
        services.event_cancel(event=event, by=staff, reason=" ")
    services.event_cancel(event=event, by=staff, reason="暴雨预警")
    event.refresh_from_db()
    assert event.cancel_reason == "暴雨预警"
    with pytest.raises(ValidationError):
        services.event_open(event=event, by=staff)
    with pytest.raises(ValidationError):
        services.event_hold(event=event, by=staff)


def test_another_stations_staff_cannot_move_the_event(staff, station, other_staff):
    event = _plan(staff, station)
    with pytest.raises(PermissionDenied):
        services.event_open(event=event, by=other_staff)
    assert Event.objects.get(pk=event.pk).state == Event.State.PLANNED


def test_staff_add_employers_with_open_jobs_only(staff, station, employer, jobs):
    event = EventFactory(station=station)
    participation = services.participation_add(event=event, employer=employer, jobs=jobs, by=staff)
    assert participation.state == Participation.State.ACCEPTED
    assert set(participation.jobs.all()) == set(jobs)
    jobs[0].status = "closed"
    jobs[0].save()
    with pytest.raises(ValidationError):
        services.participation_add(event=event, employer=employer, jobs=[jobs[0]], by=staff)
    assert participation.jobs.count() == 2
    assert EventLog.objects.filter(event=event, reason__contains=employer.name).exists()


def test_an_employer_applies_and_staff_decline_with_a_reason(staff, station, employer, jobs):
    from tests.gigmarket.factories import EmployerUserFactory

    employer.user = EmployerUserFactory()
    employer.save()
    event = OpenEventFactory(station=station)
    participation = services.participation_apply(
        event=event, employer=employer, jobs=jobs[:1], by=employer.user
    )
    assert participation.state == Participation.State.APPLIED
    with pytest.raises(ValidationError):
        services.participation_decide(participation=participation, accept=False, by=staff)
    services.participation_decide(
        participation=participation, accept=False, by=staff, reason="岗位与活动主题不符"
    )
    participation.refresh_from_db()
    assert participation.state == Participation.State.DECLINED
    assert participation.decline_reason == "岗位与活动主题不符"


def test_registering_twice_keeps_one_registration_with_an_unguessable_token(seeker, station):
    event = OpenEventFactory(station=station)
    first = services.registration_add(event=event, seeker=seeker, by=seeker.user)
    again = services.registration_add(event=event, seeker=seeker, by=seeker.user)
    assert first.pk == again.pk
    assert len(first.token) >= 20 and seeker.mobile not in first.token
    assert Registration.objects.count() == 1


def test_a_planned_event_takes_no_registrations(seeker, station):
    event = EventFactory(station=station)
    with pytest.raises(ValidationError):
        services.registration_add(event=event, seeker=seeker, by=seeker.user)


def test_a_seeker_registers_only_themselves(seeker, station):
    other = SeekerFactory(station=station)
    event = OpenEventFactory(station=station)
    with pytest.raises(PermissionDenied):
        services.registration_add(event=event, seeker=other, by=seeker.user)


def test_the_door_registers_and_checks_in_in_one_step(staff, seeker, station):
    event = OpenEventFactory(station=station)
    registration = services.door_check_in(event=event, seeker=seeker, by=staff)
    assert registration.channel == Registration.Channel.DOOR
    assert registration.attended_at is not None and registration.checked_in_by == staff
    again = services.door_check_in(event=event, seeker=seeker, by=staff)
    assert again.attended_at == registration.attended_at


def test_a_dispatch_from_the_event_remembers_the_event(staff, seeker, station, employer, jobs):
    event = OpenEventFactory(station=station)
    services.participation_add(event=event, employer=employer, jobs=jobs, by=staff)
    link = services.event_dispatch(event=event, job=jobs[0], seeker=seeker, by=staff)
    assert link.event == event and link.placement.job == jobs[0]
    assert link.placement.state == "recommended"
    other_job_event = OpenEventFactory(station=station)
    with pytest.raises(ValidationError):
        services.event_dispatch(event=other_job_event, job=jobs[1], seeker=seeker, by=staff)
    assert EventPlacement.objects.count() == 1


def test_closing_writes_the_results_into_each_organisers_ledger(
    staff, seeker, station, other_station, employer, jobs
):
    event = OpenEventFactory(
        station=station, starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    event.partner_stations.add(other_station)
    participation = services.participation_add(event=event, employer=employer, jobs=jobs, by=staff)
    services.participation_present(participation=participation, by=staff)
    services.door_check_in(event=event, seeker=seeker, by=staff)
    services.event_hold(event=event, by=staff)
    services.event_close(event=event, by=staff, intentions_reached=2)
    records = ServiceRecord.objects.filter(kind=ServiceRecord.Kind.RECRUITMENT_EVENT)
    assert {r.station_id for r in records} == {station.pk, other_station.pk}
    assert "1" in records.first().note
