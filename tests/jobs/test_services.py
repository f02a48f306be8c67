"""The jobs services: employers' identity rules, the job lifecycle, review, and the ledger."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gigmarket.models import User
from jobs import services
from jobs.models import Employer, Job, JobTransition
from stations.models import ServiceRecord
from tests.gigmarket.factories import (
    EmployerUserFactory,
    RegionFactory,
    ReviewerFactory,
    StationStaffFactory,
)
from tests.jobs.factories import EmployerFactory, EnterpriseFactory, JobFactory, OpenJobFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db

GOOD_CODE = "91350100M000100Y43"
BAD_CHECK = "91350100M000100Y44"


def _staff_at(station):
    return StationAssignmentFactory(station=station).user


# ---- employers ----


def test_the_public_cannot_register_an_enterprise_whose_credit_code_fails_its_check():
    with pytest.raises(ValidationError) as error:
        services.employer_register(
            kind="enterprise",
            name="某公司",
            credit_code=BAD_CHECK,
            contact_name="陈",
            mobile="13700001111",
            password="Pass-word-2026x",
            region=RegionFactory(),
        )
    assert "credit_code" in error.value.message_dict
    assert not Employer.objects.exists() and not User.objects.filter(phone="13700001111").exists()


def test_staff_may_accept_a_failing_check_character_only_with_a_recorded_reason():
    staff = StationStaffFactory()
    with pytest.raises(ValidationError):
        services.employer_create(
            by=staff,
            kind="enterprise",
            name="某公司",
            credit_code=BAD_CHECK,
            contact_name="陈",
            contact_mobile="13700001111",
            region=RegionFactory(),
        )
    employer = services.employer_create(
        by=staff,
        kind="enterprise",
        name="某公司",
        credit_code=BAD_CHECK,
        contact_name="陈",
        contact_mobile="13700001111",
        region=RegionFactory(),
        credit_code_override="营业执照原件核对无误",
    )
    assert employer.credit_code == BAD_CHECK
    assert employer.credit_code_override == "营业执照原件核对无误"


def test_employer_registration_makes_an_employer_account_that_logs_in_by_mobile():
    employer = services.employer_register(
        kind="household",
        name="李家",
        contact_name="李秀英",
        mobile="137 0000 2222",
        password="Pass-word-2026x",
        region=RegionFactory(),
    )
    assert employer.user.kind == User.Kind.EMPLOYER
    assert employer.user.phone == employer.contact_mobile == "13700002222"
    assert employer.user.check_password("Pass-word-2026x")
    assert not employer.is_verified


def test_a_second_employer_with_the_same_credit_code_is_refused():
    EnterpriseFactory(credit_code=GOOD_CODE)
    with pytest.raises(ValidationError) as error:
        services.employer_create(
            by=StationStaffFactory(),
            kind="enterprise",
            name="另一家",
            credit_code=GOOD_CODE.lower(),
            contact_name="赵",
            contact_mobile="13700003333",
            region=RegionFactory(),
        )
    assert "credit_code" in error.value.message_dict


def test_a_same_mobile_employer_needs_staff_to_confirm_they_saw_the_match():
    EmployerFactory(contact_mobile="13700004444")
    staff = StationStaffFactory()
    kwargs = dict(
        by=staff,
        kind="household",
        name="张家",
        contact_name="张",
        contact_mobile="13700004444",
        region=RegionFactory(),
    )
    with pytest.raises(ValidationError) as error:
        services.employer_create(**kwargs)
    assert "contact_mobile" in error.value.message_dict
    assert services.employer_create(**kwargs, allow_same_mobile=True).pk
    assert Employer.objects.matching(mobile="13700004444").count() == 2


def test_a_suspended_employer_cannot_open_jobs_and_its_open_jobs_close():
    job = OpenJobFactory()
    services.employer_suspend(
        employer=job.employer, by=StationStaffFactory(), reason="unpaid_wages"
    )
    job.refresh_from_db()
    assert job.status == Job.Status.CLOSED
    assert str(Employer.SuspensionReason.UNPAID_WAGES.label) in job.transitions.last().reason
    with pytest.raises(ValidationError):
        services.job_create(employer=job.employer, by=StationStaffFactory(), data={})


# ---- the lifecycle ----


def _submit_and_approve(job, **approve):
    services.job_submit(job=job, by=job.created_by or StationStaffFactory())
    return services.job_approve(job=job, by=ReviewerFactory(), **approve)


def test_draft_to_pending_to_open_records_every_step_and_the_first_opening():
    job = JobFactory()
    reviewer = ReviewerFactory()
    services.job_submit(job=job, by=StationStaffFactory())
    services.job_approve(job=job, by=reviewer)
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN and job.opened_at is not None
    last = job.transitions.last()
    assert (last.from_state, last.to_state, last.by) == ("pending", "open", reviewer)


def test_opened_at_keeps_the_first_publication_when_a_job_goes_back_to_review():
    job = JobFactory()
    _submit_and_approve(job)
    first = Job.objects.get(pk=job.pk).opened_at
    services.job_update(job=job, by=StationStaffFactory(), data={"title": "搬运工（改）"})
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    services.job_approve(job=job, by=ReviewerFactory())
    job.refresh_from_db()
    assert job.opened_at == first


def test_editing_the_substance_of_an_open_job_sends_it_back_to_review_but_not_the_valid_through():
    job = OpenJobFactory()
    services.job_update(
        job=job,
        by=StationStaffFactory(),
        data={"valid_through": job.valid_through + datetime.timedelta(days=3)},
    )
    assert Job.objects.get(pk=job.pk).status == Job.Status.OPEN
    services.job_update(job=job, by=StationStaffFactory(), data={"pay_min": Decimal("150")})
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.transitions.last().to_state == "pending"


def test_rejection_needs_a_reason_and_the_employer_can_resubmit():
    job = JobFactory()
    services.job_submit(job=job, by=StationStaffFactory())
    with pytest.raises(ValidationError):
        services.job_reject(job=job, by=ReviewerFactory(), reason="  ")
    services.job_reject(job=job, by=ReviewerFactory(), reason="请写明工作时间")
    services.job_update(job=job, by=StationStaffFactory(), data={"work_hours": "08:00–17:00"})
    services.job_submit(job=job, by=StationStaffFactory())
    assert Job.objects.get(pk=job.pk).status == Job.Status.PENDING


def test_an_employer_cannot_submit_a_posting_with_blocked_phrases_and_is_told_each_one():
    job = JobFactory(content="招搬运工，男性优先, 35岁以下, 押金200元")
    with pytest.raises(ValidationError) as error:
        services.job_submit(job=job, by=EmployerUserFactory())
    message = " ".join(error.value.messages)
    assert "男性优先" in message and "押金" in message and "35岁以下" in message
    assert Job.objects.get(pk=job.pk).status == Job.Status.DRAFT


def test_a_reviewer_never_publishes_over_a_block():
    job = JobFactory(content="招搬运工，押金200元", status=Job.Status.PENDING)
    with pytest.raises(ValidationError):
        services.job_approve(job=job, by=ReviewerFactory(), reason="我同意", lawful_reason="无")
    assert Job.objects.get(pk=job.pk).status == Job.Status.PENDING


def test_only_the_sex_rule_may_be_overridden_and_only_with_a_lawful_reason():
    job = JobFactory(content="井下作业，限男性", status=Job.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        services.job_approve(job=job, by=ReviewerFactory())
    assert "lawful_reason" in error.value.message_dict
    services.job_approve(
        job=job, by=ReviewerFactory(), lawful_reason="矿山井下作业，女职工禁忌劳动范围"
    )
    job.refresh_from_db()
    assert job.status == Job.Status.OPEN
    assert "女职工禁忌劳动范围" in job.transitions.last().reason


def test_a_warning_needs_the_reviewers_reason_which_is_recorded():
    job = JobFactory(content="促销员，身高160以上", status=Job.Status.PENDING)
    with pytest.raises(ValidationError) as error:
        services.job_approve(job=job, by=ReviewerFactory())
    assert "reason" in error.value.message_dict
    services.job_approve(job=job, by=ReviewerFactory(), reason="需要够到货架高处，已与用工方确认")
    assert "货架" in Job.objects.get(pk=job.pk).transitions.last().reason


def test_pay_below_the_minimum_hourly_wage_warns(settings):
    settings.JOBS_MIN_HOURLY_WAGE = "18.00"
    job = JobFactory(
        pay_min=Decimal("100"),
        pay_unit="day",
        hours_per_day=Decimal("8"),
        status=Job.Status.PENDING,
    )
    with pytest.raises(ValidationError):
        services.job_approve(job=job, by=ReviewerFactory())


def test_hourly_work_paid_monthly_warns():
    from jobs.checker import check_terms

    job = JobFactory.build(
        nature="hourly", pay_min=Decimal("25"), pay_unit="hour", settlement="monthly"
    )
    assert [f.category for f in check_terms(job)] == ["settlement"]


def test_filled_and_reopen_for_the_matching_issue():
    job = OpenJobFactory()
    services.job_mark_filled(job=job, reason="人数已满")
    assert Job.objects.get(pk=job.pk).status == Job.Status.FILLED
    services.job_reopen(job=job, reason="一人未到岗")
    assert Job.objects.get(pk=job.pk).status == Job.Status.OPEN


def test_closed_and_expired_jobs_cannot_move_on():
    job = OpenJobFactory()
    services.job_close(job=job, by=StationStaffFactory())
    with pytest.raises(ValidationError):
        services.job_submit(job=job, by=StationStaffFactory())


def test_expire_due_jobs_expires_only_open_jobs_past_valid_through_and_dry_run_changes_nothing():
    today = timezone.localdate()
    due = OpenJobFactory(valid_through=today - datetime.timedelta(days=1))
    fresh = OpenJobFactory(valid_through=today)
    assert services.expire_due_jobs(dry_run=True) == [due]
    assert Job.objects.get(pk=due.pk).status == Job.Status.OPEN
    services.expire_due_jobs()
    assert Job.objects.get(pk=due.pk).status == Job.Status.EXPIRED
    assert Job.objects.get(pk=fresh.pk).status == Job.Status.OPEN
    assert services.expire_due_jobs() == []  # safe to run again


def test_every_transition_is_logged():
    job = JobFactory()
    services.job_submit(job=job, by=StationStaffFactory())
    services.job_approve(job=job, by=ReviewerFactory())
    services.job_close(job=job, by=StationStaffFactory(), reason="不再需要")
    assert list(JobTransition.objects.filter(job=job).values_list("from_state", "to_state")) == [
        ("draft", "pending"),
        ("pending", "open"),
        ("open", "closed"),
    ]


# ---- staff, stations, the ledger ----


def test_staff_taking_a_job_order_write_a_job_order_line_in_their_station_ledger():
    station = StationFactory()
    staff = _staff_at(station)
    employer = EmployerFactory(industry=None)
    job = services.job_create(employer=employer, by=staff, data=_job_data(station))
    assert job.collected_by == staff
    record = ServiceRecord.objects.get(kind=ServiceRecord.Kind.JOB_ORDER)
    assert (record.station, record.staff, record.subject_label) == (station, staff, job.title)


def test_staff_cannot_take_a_job_order_for_another_station():
    staff = _staff_at(StationFactory())
    with pytest.raises(ValidationError) as error:
        services.job_create(employer=EmployerFactory(), by=staff, data=_job_data(StationFactory()))
    assert "station" in error.value.message_dict


def test_the_industry_defaults_from_the_employer():
    from gigmarket.models import Industry

    employer = EmployerFactory(industry=Industry.objects.get(code="E"))
    station = StationFactory()
    job = services.job_create(employer=employer, by=_staff_at(station), data=_job_data(station))
    assert job.industry.code == "E"


def _job_data(station):
    from gigmarket.models import Occupation

    today = timezone.localdate()
    return {
        "title": "搬运工",
        "occupation": Occupation.objects.get(code="4-09"),
        "nature": "daily",
        "content": "卸货",
        "region": station.region,
        "address": "建设路1号",
        "start_date": today,
        "headcount": 2,
        "pay_min": Decimal("200"),
        "pay_unit": "day",
        "settlement": "daily",
        "valid_through": today + datetime.timedelta(days=3),
        "station": station,
    }


def test_pay_per_day_is_normalised():
    assert JobFactory.build(
        pay_min=Decimal("25"), pay_unit="hour", hours_per_day=None
    ).compute_pay_per_day() == Decimal("200.00")
    assert JobFactory.build(
        pay_min=Decimal("4350"), pay_unit="month"
    ).compute_pay_per_day() == Decimal("200.00")
    assert JobFactory.build(
        pay_min=Decimal("200"), pay_max=Decimal("300"), pay_unit="day"
    ).compute_pay_per_day() == Decimal("250.00")
    assert JobFactory.build(pay_min=Decimal("2"), pay_unit="piece").compute_pay_per_day() is None


def test_a_pending_job_of_an_employer_suspended_meanwhile_cannot_be_published():
    job = JobFactory(status=Job.Status.PENDING)
    Employer.objects.filter(pk=job.employer_id).update(suspended=True, suspended_reason="fraud")
    with pytest.raises(ValidationError):
        services.job_approve(job=job, by=ReviewerFactory())
    assert Job.objects.get(pk=job.pk).status == Job.Status.PENDING


def test_lifting_a_suspension_lets_the_employer_post_again():
    employer = EmployerFactory(suspended=True, suspended_reason="unpaid_wages")
    services.employer_unsuspend(employer=employer, by=StationStaffFactory())
    station = StationFactory()
    assert services.job_create(
        employer=Employer.objects.get(pk=employer.pk),
        by=_staff_at(station),
        data=_job_data(station),
    ).pk


def test_holding_an_open_job_for_review_needs_a_reason_and_takes_it_off_the_board():
    from django.core.exceptions import ValidationError

    from jobs.services import job_hold_for_review
    from tests.gigmarket.factories import ReviewerFactory
    from tests.jobs.factories import OpenJobFactory

    job = OpenJobFactory()
    reviewer = ReviewerFactory()
    with pytest.raises(ValidationError):
        job_hold_for_review(job=job, by=reviewer, reason=" ")
    job_hold_for_review(job=job, by=reviewer, reason="投诉核查中")
    job.refresh_from_db()
    assert job.status == "pending"
    assert job.transitions.last().reason == "投诉核查中"
    with pytest.raises(ValidationError):
        job_hold_for_review(job=job, by=reviewer, reason="again")


def test_an_employer_s_standing_changes_leave_a_row_saying_who_and_why():
    from jobs.models import EmployerLog
    from jobs.services import employer_suspend, employer_unsuspend, employer_verify
    from tests.gigmarket.factories import AdminFactory

    admin = AdminFactory()
    employer = EmployerFactory()
    employer_verify(employer=employer, by=admin)
    employer_suspend(
        employer=employer, by=admin, reason="unpaid_wages", note="工人 13812345678 投诉"
    )
    employer_unsuspend(employer=employer, by=admin, reason="已结清工资")
    rows = list(
        EmployerLog.objects.filter(employer=employer).values_list("by", "from_state", "to_state")
    )
    assert rows == [
        (admin.pk, "unverified", "verified"),
        (admin.pk, "active", "suspended"),
        (admin.pk, "suspended", "active"),
    ]
    suspended = EmployerLog.objects.get(employer=employer, to_state="suspended")
    assert "13812345678" not in suspended.reason and "138****5678" in suspended.reason
    with pytest.raises(ValidationError):
        employer_unsuspend(employer=employer, by=admin)
