"""Rules of the stations app's writes: naming, reach, staff scoping, hours, retirement, evaluation."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from stations import services
from stations.models import (
    ServiceRecord,
    Station,
    StationEvaluation,
    StationEvaluationLog,
    StationLog,
)
from tests.gigmarket.factories import AdminFactory, RegionFactory, StationStaffFactory
from tests.stations.factories import (
    ServiceRecordFactory,
    StationAssignmentFactory,
    StationEvaluationFactory,
    StationFactory,
)

pytestmark = pytest.mark.django_db
T = datetime.time


@pytest.fixture
def county():
    return RegionFactory(code="520999", name="示范县")


@pytest.fixture
def township(county):
    return RegionFactory(code="520999001", name="城关街道", parent=county)


@pytest.fixture
def admin(county):
    return AdminFactory(region=county)


def _fields(region, **extra):
    return {
        "code": "cg-jz",
        "name": "城关街道家政零工驿站",
        "kind": "station",
        "focus": "家政",
        "region": region,
        "floor_area": Decimal("12"),
        **extra,
    }


def test_a_name_following_the_rule_registers_and_is_logged(admin, township):
    station = services.station_register(by=admin, **_fields(township))
    assert station.pk and station.active
    assert StationLog.objects.filter(station=station, to_state="active", by=admin).exists()


@pytest.mark.parametrize(
    "name, problem",
    [
        ("城关街道家政服务点", "零工驿站"),  # wrong ending
        ("幸福家政零工驿站", "place"),  # no place at the start
        ("城关街道零工驿站", "家政"),  # the focus is missing
    ],
)
def test_the_naming_rule_warns_until_the_admin_gives_a_note(admin, township, name, problem):
    with pytest.raises(ValidationError) as error:
        services.station_register(by=admin, **_fields(township, name=name))
    assert "name" in error.value.message_dict
    station = services.station_register(
        by=admin, **_fields(township, name=name, naming_note="沿用群众熟知的老名字")
    )
    assert station.naming_note == "沿用群众熟知的老名字"


def test_the_place_may_be_the_township_without_its_suffix_or_the_county(admin, township):
    assert (
        services.naming_problems(
            name="城关家政零工驿站", kind="station", focus="家政", region=township
        )
        == []
    )
    assert (
        services.naming_problems(name="示范县零工市场", kind="market", focus="", region=township)
        == []
    )


def test_an_admin_cannot_register_outside_their_region(admin):
    elsewhere = RegionFactory(code="520111001", name="外县街道")
    with pytest.raises(ValidationError) as error:
        services.station_register(by=admin, **_fields(elsewhere, name="外县街道家政零工驿站"))
    assert "region" in error.value.message_dict


def test_only_a_county_admin_keeps_the_registry(township):
    with pytest.raises(PermissionDenied):
        services.station_register(by=StationStaffFactory(), **_fields(township))


def test_a_contracted_out_site_needs_its_operator(admin, township):
    with pytest.raises(ValidationError) as error:
        services.station_register(by=admin, **_fields(township, operating_mode="contracted"))
    assert "operator_name" in error.value.message_dict


def test_staff_write_only_their_own_stations_ledger():
    """A staff member of station A cannot record a service at station B (service-level scoping)."""
    a, b = StationFactory(), StationFactory()
    staff = StationAssignmentFactory(station=a).user
    record = services.ledger_entry_add(station=a, by=staff, note="政策咨询")
    assert record.staff == staff and record.kind == ServiceRecord.Kind.CONSULTATION
    with pytest.raises(PermissionDenied):
        services.ledger_entry_add(station=b, by=staff)
    assert not ServiceRecord.objects.filter(station=b).exists()


def test_a_mobile_or_id_number_typed_into_the_ledger_is_masked():
    """The ledger is listed and exported: personal numbers never go into it in full."""
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    record = services.ledger_entry_add(
        station=station,
        by=staff,
        subject_label="王秀英 13912345678",
        note="身份证 11010519491231002X，回电 13912345678",
    )
    assert "13912345678" not in record.subject_label + record.note
    assert "11010519491231002X" not in record.note
    assert "139****5678" in record.subject_label and "139****5678" in record.note


def test_an_ended_assignment_no_longer_writes(township):
    assignment = StationAssignmentFactory()
    services.assignment_end(assignment=assignment, by=None)
    with pytest.raises(PermissionDenied):
        services.ledger_entry_add(station=assignment.station, by=assignment.user)


def test_assigning_staff_reactivates_and_sets_the_role(admin):
    station = StationFactory()
    user = StationStaffFactory()
    services.staff_assign(station=station, user=user, role="lead", by=admin)
    assignment = station.assignments.get()
    services.assignment_end(assignment=assignment, by=admin)
    services.staff_assign(station=station, user=user, role="staff", by=admin)
    assignment.refresh_from_db()
    assert assignment.active and assignment.role == "staff" and station.assignments.count() == 1


def test_a_seeker_account_cannot_be_assigned(admin):
    from tests.gigmarket.factories import SeekerUserFactory

    with pytest.raises(ValidationError):
        services.staff_assign(
            station=StationFactory(), user=SeekerUserFactory(), role="staff", by=admin
        )


def test_weekly_hours_replace_the_old_ones_and_reject_overlaps(admin):
    station = StationFactory()
    services.station_hours_set(
        station=station,
        by=admin,
        rules=[([0, 1, 2, 3, 4], T(8, 30), T(12)), ([0, 1, 2, 3, 4], T(14), T(17, 30))],
    )
    assert station.opening_hours.count() == 10
    services.station_hours_set(station=station, by=admin, rules=[([5], T(9), T(12))])
    assert list(station.opening_hours.values_list("weekday", flat=True)) == [5]
    with pytest.raises(ValidationError):
        services.station_hours_set(
            station=station, by=admin, rules=[([0], T(8), T(12)), ([0], T(11), T(13))]
        )
    with pytest.raises(ValidationError):
        services.station_hours_set(station=station, by=admin, rules=[([0], T(12), T(8))])
    assert list(station.opening_hours.values_list("weekday", flat=True)) == [5], (
        "nothing half-saved"
    )


def test_an_exception_needs_hours_unless_closed(admin):
    station = StationFactory()
    with pytest.raises(ValidationError):
        services.opening_exception_set(
            station=station, by=admin, date=datetime.date(2026, 10, 1), closed=False
        )
    services.opening_exception_set(
        station=station, by=admin, date=datetime.date(2026, 10, 1), closed=True
    )
    services.opening_exception_set(
        station=station,
        by=admin,
        date=datetime.date(2026, 10, 1),
        closed=False,
        opens=T(9),
        closes=T(12),
        note="半天",
    )
    assert station.opening_exceptions.get().opens == T(9)


def test_retiring_a_station_logs_who_and_why(admin):
    station = StationFactory()
    services.station_retire(station=station, by=admin, reason="评估不合格")
    station.refresh_from_db()
    assert not station.active and station.closed_on is not None
    log = StationLog.objects.get(station=station, to_state="retired")
    assert (log.by, log.reason) == (admin, "评估不合格")
    with pytest.raises(ValidationError):
        services.station_retire(station=station, by=admin, reason="again")


def test_self_assessment_prefills_workload_from_the_ledger():
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    year = datetime.date.today().year
    ServiceRecordFactory.create_batch(3, station=station, kind="consultation")
    ServiceRecordFactory(station=station, kind="registration")
    ServiceRecordFactory(
        station=station,
        kind="registration",
        at=datetime.datetime(year - 1, 6, 1, tzinfo=datetime.UTC),
    )
    evaluation = services.self_assessment_submit(
        station=station, year=year, by=staff, summary="全年工作总结"
    )
    assert evaluation.workload["consultation"] == 3
    assert evaluation.workload["registration"] == 1
    assert evaluation.workload["total"] == 4
    assert StationEvaluationLog.objects.filter(
        evaluation=evaluation, to_state="self_assessed"
    ).exists()


def test_staff_of_another_station_cannot_self_assess_it():
    with pytest.raises(PermissionDenied):
        services.self_assessment_submit(
            station=StationFactory(), year=2025, by=StationAssignmentFactory().user, summary="x"
        )


@pytest.mark.parametrize(
    "scores, total, grade",
    [
        (
            {"management": 19, "workload": 18, "business": 18, "results": 23, "attitude": 14},
            Decimal("92"),
            "excellent",
        ),
        (
            {"management": 14, "workload": 12, "business": 12, "results": 15, "attitude": 10},
            Decimal("63"),
            "pass",
        ),
        (
            {"management": 10, "workload": 10, "business": 10, "results": 15, "attitude": 10},
            Decimal("55"),
            "fail",
        ),
    ],
)
def test_the_centre_scores_out_of_100_and_grades(admin, scores, total, grade):
    evaluation = StationEvaluationFactory()
    evaluation = services.evaluation_record(
        evaluation=evaluation, by=admin, scores=scores, comment=""
    )
    assert (evaluation.total, evaluation.grade, evaluation.status) == (total, grade, "evaluated")
    assert StationEvaluationLog.objects.filter(
        evaluation=evaluation, from_state="self_assessed", to_state="evaluated", by=admin
    ).exists()


def test_a_score_above_its_weight_is_refused(admin):
    evaluation = StationEvaluationFactory()
    with pytest.raises(ValidationError) as error:
        services.evaluation_record(
            evaluation=evaluation,
            by=admin,
            scores={
                "management": 21,
                "workload": 10,
                "business": 10,
                "results": 10,
                "attitude": 10,
            },
        )
    assert "management" in error.value.message_dict
    evaluation.refresh_from_db()
    assert evaluation.status == "self_assessed" and evaluation.total is None


def test_weights_are_configurable(admin, settings):
    settings.STATION_EVALUATION_WEIGHTS = {
        "management": 10,
        "workload": 30,
        "business": 20,
        "results": 30,
        "attitude": 10,
    }
    evaluation = services.evaluation_record(
        evaluation=StationEvaluationFactory(),
        by=admin,
        scores={"management": 10, "workload": 30, "business": 20, "results": 30, "attitude": 10},
    )
    assert evaluation.total == 100


def test_a_failed_contracted_out_site_is_listed_for_retirement_until_retired(admin):
    contracted = StationFactory(contracted=True)
    own = StationFactory()
    fail = {"management": 5, "workload": 5, "business": 5, "results": 5, "attitude": 5}
    services.evaluation_record(
        evaluation=StationEvaluationFactory(station=contracted), by=admin, scores=fail
    )
    services.evaluation_record(
        evaluation=StationEvaluationFactory(station=own), by=admin, scores=fail
    )
    assert [e.station for e in StationEvaluation.objects.retire_followups()] == [contracted]
    services.station_retire(station=contracted, by=admin, reason="考核不合格，退出")
    assert not StationEvaluation.objects.retire_followups().exists()


def test_an_evaluated_year_cannot_be_self_assessed_again(admin):
    evaluation = StationEvaluationFactory()
    staff = StationAssignmentFactory(station=evaluation.station).user
    services.evaluation_record(
        evaluation=evaluation,
        by=admin,
        scores={"management": 15, "workload": 15, "business": 15, "results": 15, "attitude": 10},
    )
    with pytest.raises(ValidationError):
        services.self_assessment_submit(
            station=evaluation.station, year=evaluation.year, by=staff, summary="改"
        )


def test_reserved_codes_are_refused(admin, township):
    with pytest.raises(ValidationError) as error:
        services.station_register(by=admin, **_fields(township, code="registry"))
    assert "code" in error.value.message_dict
    assert not Station.objects.filter(code="registry").exists()


def test_the_station_may_report_workload_beyond_the_ledger_and_the_total_is_recomputed():
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    ServiceRecordFactory(station=station, kind="consultation")
    evaluation = services.self_assessment_submit(
        station=station,
        year=datetime.date.today().year,
        by=staff,
        summary="纸质台账另有 5 次咨询",
        workload={"consultation": 6, "registration": 2, "total": 999},
    )
    assert evaluation.workload["consultation"] == 6 and evaluation.workload["total"] == 8
    with pytest.raises(ValidationError):
        services.self_assessment_submit(
            station=station,
            year=datetime.date.today().year,
            by=staff,
            summary="x",
            workload={"consultation": -1},
        )


@pytest.mark.parametrize(
    "phone, ok",
    [
        ("0851-86001234", True),
        ("12333", True),
        ("138 0013 8000", True),
        ("+86 851 8600 1234", True),
        ("call us", False),
        ("1", False),
    ],
)
def test_published_phones_must_be_dialable(admin, township, phone, ok):
    fields = _fields(township, service_phone=phone)
    if ok:
        assert services.station_register(by=admin, **fields).service_phone == phone
    else:
        with pytest.raises(ValidationError) as error:
            services.station_register(by=admin, **fields)
        assert "service_phone" in error.value.message_dict
