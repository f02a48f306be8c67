"""Rules of the training services: seats, states, logs, the ledger, demand orders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from seekers.models import Seeker
from stations.models import ServiceRecord
from tests.gigmarket.factories import AdminFactory, RegionFactory, SeekerUserFactory
from tests.seekers.factories import PrioritySeekerFactory, SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import (
    DemandOrderFactory,
    EnrollingProgrammeFactory,
    InstitutionFactory,
    ProgrammeFactory,
    SessionFactory,
    occupation,
)
from training import services
from training.models import Programme, ProgrammeTransition, Referral, ReferralTransition

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StationAssignmentFactory(station=StationFactory(code="chengguan")).user


def _self_registered_seeker():
    user = SeekerUserFactory()
    seeker = SeekerFactory(station=StationFactory(code="chengguan"))
    Seeker.objects.filter(pk=seeker.pk).update(user=user)
    seeker.refresh_from_db()
    return user, seeker


def test_programme_is_planned_then_published_and_each_step_logged():
    admin = AdminFactory(region=RegionFactory(code="520999"))
    programme = services.programme_create(
        by=admin,
        title="焊工培训班",
        occupation=occupation(),
        institution=InstitutionFactory(),
        region=admin.region,
        start_date=datetime.date(2026, 12, 1),
        end_date=datetime.date(2026, 12, 3),
        capacity=3,
        place="实训楼",
        subsidised=True,
        subsidy_amount=1500,
    )
    assert programme.status == Programme.Status.PLANNED
    with pytest.raises(ValidationError, match="至少"):
        services.programme_publish(programme=programme, by=admin)
    services.session_add(
        programme=programme,
        by=admin,
        date=datetime.date(2026, 12, 1),
        starts=datetime.time(9),
        ends=datetime.time(12),
    )
    programme = services.programme_publish(programme=programme, by=admin)
    assert programme.status == Programme.Status.ENROLLING
    log = list(
        ProgrammeTransition.objects.filter(programme=programme).values_list(
            "from_state", "to_state", "by"
        )
    )
    assert log == [("", "planned", admin.pk), ("planned", "enrolling", admin.pk)]


def test_an_admin_cannot_plan_outside_their_region():
    admin = AdminFactory(region=RegionFactory(code="520999"))
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            by=admin,
            title="焊工培训班",
            occupation=occupation(),
            institution=InstitutionFactory(),
            region=RegionFactory(code="520888"),
            start_date=datetime.date(2026, 12, 1),
            end_date=datetime.date(2026, 12, 3),
            capacity=3,
            place="实训楼",
        )
    assert "region" in error.value.message_dict


def test_a_subsidised_programme_needs_its_amount_and_a_place():
    admin = AdminFactory()
    with pytest.raises(ValidationError) as error:
        services.programme_create(
            by=admin,
            title="焊工培训班",
            occupation=occupation(),
            institution=InstitutionFactory(),
            region=RegionFactory(code="520999"),
            start_date=datetime.date(2026, 12, 3),
            end_date=datetime.date(2026, 12, 1),
            capacity=3,
            subsidised=True,
        )
    assert {"subsidy_amount", "place", "end_date"} <= set(error.value.message_dict)
    assert not Programme.objects.exists()


def test_institution_credit_code_is_checked():
    with pytest.raises(ValidationError) as error:
        services.institution_create(
            by=AdminFactory(), name="某培训学校", credit_code="91350100M000100Y44"
        )
    assert "credit_code" in error.value.message_dict


def test_session_outside_the_programme_dates_is_refused():
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError) as error:
        services.session_add(
            programme=programme,
            by=AdminFactory(),
            date=programme.end_date + datetime.timedelta(days=1),
            starts=datetime.time(9),
            ends=datetime.time(12),
        )
    assert "date" in error.value.message_dict


def test_capacity_is_never_exceeded_and_the_fourth_gets_a_clear_message(staff):
    programme = EnrollingProgrammeFactory(capacity=3)
    user, seeker = _self_registered_seeker()
    services.referral_sign_up(programme=programme, seeker=seeker, by=user)
    for _ in range(2):
        services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)
    with pytest.raises(ValidationError) as error:
        services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)
    assert "已满" in error.value.messages[0]
    assert Referral.objects.holding_seats().filter(programme=programme).count() == 3


def test_a_dropped_referral_frees_its_seat(staff):
    programme = EnrollingProgrammeFactory(capacity=1)
    first = services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)
    services.referral_drop(referral=first, by=staff, reason="找到长期工作")
    services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)
    assert Referral.objects.holding_seats().filter(programme=programme).count() == 1


def test_the_same_person_cannot_take_two_seats(staff):
    programme = EnrollingProgrammeFactory()
    seeker = SeekerFactory()
    services.referral_refer(programme=programme, seeker=seeker, by=staff)
    with pytest.raises(ValidationError, match="已经"):
        services.referral_refer(programme=programme, seeker=seeker, by=staff)


def test_sign_ups_only_while_enrolling(staff):
    programme = ProgrammeFactory()
    with pytest.raises(ValidationError):
        services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)


def test_priority_only_programme_refuses_others(staff):
    programme = EnrollingProgrammeFactory(eligibility=Programme.Eligibility.PRIORITY)
    with pytest.raises(ValidationError, match="重点群体"):
        services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)
    services.referral_refer(programme=programme, seeker=PrioritySeekerFactory(), by=staff)


def test_a_seeker_signs_up_only_themself():
    programme = EnrollingProgrammeFactory()
    _user, seeker = _self_registered_seeker()
    with pytest.raises(PermissionDenied):
        services.referral_sign_up(programme=programme, seeker=seeker, by=SeekerUserFactory())


def test_referral_walks_to_certificate_logged_and_in_the_ledger(staff):
    programme = EnrollingProgrammeFactory()
    referral = services.referral_refer(
        programme=programme, seeker=SeekerFactory(), by=staff, note="驿站推荐"
    )
    referral = services.referral_enrol(referral=referral, by=staff)
    referral = services.referral_complete(referral=referral, by=staff)
    with pytest.raises(ValidationError) as error:
        services.referral_certify(
            referral=referral, by=staff, certificate_number="", certificate_date=None
        )
    assert {"certificate_number", "certificate_date"} <= set(error.value.message_dict)
    referral = services.referral_certify(
        referral=referral,
        by=staff,
        certificate_number="S000052099900123",
        certificate_date=timezone.localdate(),
    )
    assert referral.status == Referral.Status.CERTIFIED
    steps = list(
        ReferralTransition.objects.filter(referral=referral).values_list("from_state", "to_state")
    )
    assert steps == [
        ("", "referred"),
        ("referred", "enrolled"),
        ("enrolled", "completed"),
        ("completed", "certified"),
    ]
    ledger = ServiceRecord.objects.filter(
        kind=ServiceRecord.Kind.TRAINING_REFERRAL, station__code="chengguan"
    )
    assert ledger.count() == 4
    assert all(
        programme.title in entry.subject_label and referral.seeker.name not in entry.subject_label
        for entry in ledger
    )
    # A certificate number identifies the person (seekers keep it out of the audit log too).
    assert not ledger.filter(note__contains="S000052099900123").exists()


def test_drop_needs_a_reason_and_certified_is_final(staff):
    referral = services.referral_refer(
        programme=EnrollingProgrammeFactory(), seeker=SeekerFactory(), by=staff
    )
    with pytest.raises(ValidationError):
        services.referral_drop(referral=referral, by=staff, reason=" ")
    referral = services.referral_drop(referral=referral, by=staff, reason="家中有事")
    assert referral.drop_reason == "家中有事"
    with pytest.raises(ValidationError):
        services.referral_enrol(referral=referral, by=staff)


def test_attendance_marks_enrolled_people_present_or_absent(staff):
    programme = EnrollingProgrammeFactory()
    a = services.referral_enrol(
        referral=services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff),
        by=staff,
    )
    b = services.referral_enrol(
        referral=services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff),
        by=staff,
    )
    services.referral_refer(
        programme=programme, seeker=SeekerFactory(), by=staff
    )  # not enrolled: not on the sheet
    session = programme.sessions.first()
    rows = services.attendance_record(session=session, by=staff, present=[a.pk])
    assert {(r.referral_id, r.present) for r in rows} == {(a.pk, True), (b.pk, False)}
    rows = services.attendance_record(session=session, by=staff, present=[a.pk, b.pk])
    assert session.attendance.filter(present=True).count() == 2


def test_demand_orders_from_a_seeker_an_employer_and_staff(staff):
    from tests.jobs.factories import EmployerFactory

    month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=15)
    _user, seeker = _self_registered_seeker()
    mine = services.demand_order_create(
        by=seeker.user, occupation=occupation("4-03"), people=1, month=month, seeker=seeker
    )
    assert (
        mine.requester == "seeker"
        and mine.month.day == 1
        and seeker.name not in mine.requester_label
    )
    employer = EmployerFactory()
    theirs = services.demand_order_create(
        by=staff, occupation=occupation("4-03"), people=6, month=month, employer=employer
    )
    assert theirs.requester == "employer" and theirs.region == employer.region
    on_behalf = services.demand_order_create(
        by=staff,
        occupation=occupation("4-03"),
        people=2,
        month=month,
        requester="employer",
        requester_label="城关镇月嫂服务部",
        station=StationFactory(code="chengguan"),
    )
    assert on_behalf.station.code == "chengguan"
    with pytest.raises(ValidationError) as error:
        services.demand_order_create(
            by=staff,
            occupation=occupation("4-03"),
            people=2,
            month=month,
            requester_label="某公司",
            station=StationFactory(code="elsewhere"),
        )
    assert "station" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.demand_order_create(
            by=seeker.user,
            occupation=occupation("4-03"),
            people=1,
            seeker=seeker,
            month=datetime.date(2020, 1, 1),
        )
    assert "month" in error.value.message_dict


def test_an_order_is_served_by_a_programme_of_its_occupation():
    admin = AdminFactory()
    order = DemandOrderFactory()
    with pytest.raises(ValidationError):
        services.demand_order_serve(order=order, programme=ProgrammeFactory(), by=admin)
    childcare = ProgrammeFactory(occupation=occupation("4-03"))
    order = services.demand_order_serve(order=order, programme=childcare, by=admin)
    assert order.status == "served" and order.served_by == childcare
    assert order.transitions.last().to_state == "served"


def test_sessions_cannot_collide():
    session = SessionFactory()
    with pytest.raises(ValidationError):
        services.session_add(
            programme=session.programme,
            by=AdminFactory(),
            date=session.date,
            starts=session.starts,
            ends=session.ends,
        )


def test_seats_cannot_be_cut_below_the_people_on_the_class(staff):
    programme = EnrollingProgrammeFactory(capacity=3)
    for _ in range(2):
        services.referral_refer(programme=programme, seeker=SeekerFactory(), by=staff)
    admin = AdminFactory()
    with pytest.raises(ValidationError) as error:
        services.programme_update(programme=programme, by=admin, capacity=1)
    assert "capacity" in error.value.message_dict
    programme = services.programme_update(
        programme=programme, by=admin, capacity=2, title="焊工提高班"
    )
    assert (programme.capacity, programme.title) == (2, "焊工提高班")


def test_a_cancelled_programme_takes_no_more_steps_but_drops(staff):
    """Nobody is enrolled in, completes or is certified by a class that was cancelled."""
    admin = AdminFactory()
    referral = services.referral_refer(
        programme=EnrollingProgrammeFactory(), seeker=SeekerFactory(), by=staff
    )
    services.programme_cancel(programme=referral.programme, by=admin, reason="报名人数不足")
    with pytest.raises(ValidationError, match="已取消"):
        services.referral_enrol(referral=referral, by=staff)
    referral.refresh_from_db()
    assert referral.status == Referral.Status.REFERRED
    referral = services.referral_drop(referral=referral, by=staff, reason="培训班取消")
    assert referral.status == Referral.Status.DROPPED


def test_a_mobile_typed_into_a_demand_order_is_masked(staff):
    """The demand page lists orders to every desk: no full mobile in its note or label."""
    order = services.demand_order_create(
        by=staff,
        occupation=occupation("4-03"),
        people=1,
        month=timezone.localdate().replace(day=1),
        note="请打 13912345678 联系",
        requester="seeker",
        requester_label="王女士 13912345678",
        station=StationFactory(code="chengguan"),
    )
    assert "13912345678" not in order.note and "13912345678" not in order.requester_label
    assert "139****5678" in order.note


def test_new_dates_must_still_cover_the_sessions():
    """A session never falls outside its programme's first and last day, even after an edit."""
    programme = EnrollingProgrammeFactory()  # one session on each of its three days
    admin = AdminFactory()
    with pytest.raises(ValidationError) as error:
        services.programme_update(
            programme=programme,
            by=admin,
            start_date=programme.start_date + datetime.timedelta(days=1),
        )
    assert "start_date" in error.value.message_dict
    programme.refresh_from_db()
    assert programme.sessions.exclude(date__gte=programme.start_date).count() == 0


def test_a_seeker_who_withdraws_frees_their_seats_but_keeps_finished_courses(staff):
    """Issue 12: after withdrawal the referrals kept their seats. The seekers app tells training
    through gigmarket.facts (seekers imports neither jobs nor training)."""
    from seekers.services import seeker_withdraw
    from tests.training.factories import ReferralFactory

    full = EnrollingProgrammeFactory(capacity=1)
    user, seeker = _self_registered_seeker()
    services.referral_sign_up(programme=full, seeker=seeker, by=user)
    finished = ReferralFactory(
        seeker=seeker,
        status=Referral.Status.COMPLETED,
        programme=ProgrammeFactory(status="finished"),
    )
    seeker_withdraw(seeker=seeker, by=user, reason="不再需要")
    held = Referral.objects.get(programme=full, seeker=seeker)
    assert held.status == Referral.Status.DROPPED and held.drop_reason
    assert held.transitions.filter(to_state="dropped").exists()
    finished.refresh_from_db()
    assert finished.status == Referral.Status.COMPLETED
    # The seat is free for the next person.
    services.referral_refer(programme=full, seeker=SeekerFactory(), by=staff)
    assert Referral.objects.holding_seats().filter(programme=full).count() == 1
