"""Rules of the case services: one door per step, logged, ledgered, first responder owns the case."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jobs.models import Job
from rights import services
from rights.models import Complaint, ComplaintLog, Holiday
from stations.models import ServiceRecord
from tests.jobs.factories import EmployerFactory, OpenJobFactory
from tests.rights.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

S = Complaint.Status


def _file(station, **extra):
    fields = {
        "by": None,
        "station": station,
        "kind": "unpaid_wages",
        "name": "王德明",
        "mobile": "139 0000 0101",
        "description": "干了20天活，老板不给工钱。",
        "respondent_text": "某装修队",
        "amount_owed": Decimal("3200"),
        "people_affected": 4,
    }
    fields.update(extra)
    return services.complaint_file(**fields)


def test_done_when_unpaid_worker_to_suspended_employer(station, staff, png):
    """The issue's acceptance path: file, double submit, notice, accept, mediate, recover, close, rate, suspend."""
    employer = EmployerFactory()
    job = OpenJobFactory(employer=employer, station=station)
    complaint, created = _file(station, job=job, idempotency_key="k-1", files=[png])
    again, created_again = _file(station, job=job, idempotency_key="k-1", files=[png])
    assert created and not created_again and again.pk == complaint.pk
    assert Complaint.objects.count() == 1
    assert complaint.number.startswith("TS") and complaint.employer == employer
    assert complaint.complainant_mobile == "13900000101"
    assert complaint.evidence.count() == 1

    services.complaint_request_material(
        complaint=complaint, by=staff, items=["wage_slips", "work_proof"]
    )
    complaint.refresh_from_db()
    assert complaint.first_responder == staff == complaint.owner
    assert len(complaint.missing_item_labels) == 2
    services.complaint_accept(complaint=complaint, by=staff)
    services.complaint_mediate(complaint=complaint, by=staff, note="约双方调解")
    services.complaint_resolve(
        complaint=complaint,
        by=staff,
        outcome="老板结清工资",
        recovered_amount=Decimal("3200"),
        recovered_people=4,
    )
    services.complaint_close(complaint=complaint, by=staff)
    complaint.refresh_from_db()
    assert complaint.status == S.CLOSED and complaint.closed_within_deadline is True
    services.complaint_rate(complaint=complaint, score=5, comment="谢谢")
    services.complaint_suspend_employer(complaint=complaint, by=staff)
    employer.refresh_from_db()
    job.refresh_from_db()
    assert employer.suspended and employer.suspended_reason == "unpaid_wages"
    assert complaint.number in employer.suspended_note
    assert job.status == "closed"
    states = list(complaint.logs.exclude(from_state="").values_list("from_state", "to_state"))
    assert ("received", "accepted") in states and ("resolved", "closed") in states
    ledger = ServiceRecord.objects.filter(subject_id=str(complaint.pk))
    assert ledger.filter(kind="complaint_intake").count() == 1
    # One day's steps on the case by one person are one service in the ledger, every step noted.
    guidance = ledger.get(kind="rights_guidance")
    assert "一次性告知" in guidance.note and "约双方调解" in guidance.note
    assert all("1390000" not in r.subject_label for r in ledger)


def test_filing_requires_name_mobile_and_for_unpaid_wages_amount_and_people(station):
    with pytest.raises(ValidationError) as caught:
        _file(
            station,
            name=" ",
            mobile="123",
            amount_owed=None,
            people_affected=None,
            respondent_text="",
        )
    assert {"name", "mobile", "amount_owed", "people_affected", "respondent_text"} <= set(
        caught.value.message_dict
    )
    assert Complaint.objects.count() == 0


def test_evidence_type_is_checked_by_content_not_name(station):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError) as caught:
        _file(station, files=[fake])
    assert "evidence" in caught.value.message_dict
    assert Complaint.objects.count() == 0


def test_evidence_size_is_limited(station, settings):
    settings.RIGHTS_EVIDENCE_MAX_BYTES = 10
    big = SimpleUploadedFile("slip.pdf", b"%PDF-1.4\n" + b"0" * 20, content_type="application/pdf")
    with pytest.raises(ValidationError):
        _file(station, files=[big])


def test_window_intake_makes_the_staff_member_first_responder(station, staff):
    complaint, _ = _file(station, by=staff)
    assert complaint.channel == "window"
    assert complaint.first_responder == staff == complaint.owner


def test_window_intake_only_at_own_station(other_station, staff):
    with pytest.raises(PermissionDenied):
        _file(other_station, by=staff)


def test_only_the_owner_acts_until_a_logged_hand_over(station, staff, colleague):
    complaint, _ = _file(station, by=staff)
    with pytest.raises(ValidationError):
        services.complaint_accept(complaint=complaint, by=colleague)
    services.complaint_hand_over(complaint=complaint, by=staff, to_user=colleague, reason="出差")
    services.complaint_accept(complaint=complaint, by=colleague)
    complaint.refresh_from_db()
    assert complaint.owner == colleague and complaint.first_responder == staff
    assert complaint.logs.filter(reason__contains="出差").exists()


def test_hand_over_only_to_staff_of_the_station(station, staff, other_staff):
    complaint, _ = _file(station, by=staff)
    with pytest.raises(ValidationError):
        services.complaint_hand_over(complaint=complaint, by=staff, to_user=other_staff, reason="x")


def test_other_stations_staff_cannot_act(station, staff, other_staff):
    complaint, _ = _file(station)
    with pytest.raises(PermissionDenied):
        services.complaint_accept(complaint=complaint, by=other_staff)


def test_decline_needs_reason_and_where_to_go(station, staff):
    complaint, _ = _file(station)
    with pytest.raises(ValidationError) as caught:
        services.complaint_decline(complaint=complaint, by=staff, reason="", refer_to="")
    assert set(caught.value.message_dict) == {"reason", "refer_to"}
    services.complaint_decline(
        complaint=complaint, by=staff, reason="属劳动争议", refer_to="县劳动人事争议仲裁院"
    )
    complaint.refresh_from_db()
    assert complaint.status == S.NOT_ACCEPTED and complaint.done_at is not None


def test_transfer_then_close(station, staff):
    complaint, _ = _file(station)
    services.complaint_accept(complaint=complaint, by=staff)
    services.complaint_transfer(complaint=complaint, by=staff, to="arbitration", note="")
    services.complaint_close(complaint=complaint, by=staff)
    complaint.refresh_from_db()
    assert complaint.transferred_to == "arbitration" and complaint.status == S.CLOSED


def test_no_skipping_states(station, staff):
    complaint, _ = _file(station)
    with pytest.raises(ValidationError):
        services.complaint_close(complaint=complaint, by=staff)
    with pytest.raises(ValidationError):
        services.complaint_resolve(complaint=complaint, by=staff, outcome="x")


def test_rating_only_once_and_only_when_done(station, staff):
    complaint, _ = _file(station)
    with pytest.raises(ValidationError):
        services.complaint_rate(complaint=complaint, score=5)
    services.complaint_decline(complaint=complaint, by=staff, reason="r", refer_to="t")
    services.complaint_rate(complaint=complaint, score=2, comment="慢")
    with pytest.raises(ValidationError):
        services.complaint_rate(complaint=complaint, score=5)


def test_suspension_needs_a_resolved_wage_or_fraud_case(station, staff):
    complaint, _ = _file(
        station,
        kind="discrimination",
        employer=EmployerFactory(),
        amount_owed=None,
        people_affected=None,
    )
    services.complaint_accept(complaint=complaint, by=staff)
    services.complaint_resolve(complaint=complaint, by=staff, outcome="道歉")
    with pytest.raises(ValidationError):
        services.complaint_suspend_employer(complaint=complaint, by=staff)


def test_reported_job_comes_off_the_board_and_back_to_review(station, staff):
    job = OpenJobFactory(station=station)
    complaint, _ = _file(
        station, kind="fake_posting", job=job, amount_owed=None, people_affected=None
    )
    services.complaint_close_job(complaint=complaint, by=staff, reason="收取服装费")
    job.refresh_from_db()
    assert job.status == "pending"  # off the public board; a reviewer decides
    assert complaint.number in job.transitions.last().reason
    assert not Job.objects.filter(pk=job.pk, status="open").exists()


def test_due_date_skips_weekends_and_configured_holidays(station, settings):
    from rights.deadlines import add_working_days

    friday = datetime.date(2026, 9, 25)
    assert add_working_days(friday, 5) == datetime.date(2026, 10, 2)
    Holiday.objects.create(date=datetime.date(2026, 10, 1), name="国庆节")
    Holiday.objects.create(date=datetime.date(2026, 10, 2), name="国庆节")
    assert add_working_days(friday, 5) == datetime.date(2026, 10, 6)
    Holiday.objects.create(date=datetime.date(2026, 9, 27), name="调休", is_working_day=True)
    assert add_working_days(friday, 5) == datetime.date(2026, 10, 5)


def test_deadline_per_kind_is_configurable(station):
    from rights.models import KindDeadline

    KindDeadline.objects.create(kind="unpaid_wages", working_days=1)
    complaint, _ = _file(station)
    from rights.deadlines import add_working_days

    assert complaint.due_date == add_working_days(complaint.received_at.astimezone().date(), 1)


def test_tracking_numbers_are_unique_and_unambiguous(station):
    numbers = {services.new_tracking_number() for _ in range(200)}
    assert len(numbers) == 200
    assert not any(c in "".join(numbers).split("-", 1)[-1] for c in "01OIL")


def test_every_state_change_is_logged(station, staff):
    complaint = ComplaintFactory(station=station)
    services.complaint_accept(complaint=complaint, by=staff)
    log = ComplaintLog.objects.filter(complaint=complaint, to_state="accepted").get()
    assert log.by == staff and log.from_state == "received"


def test_a_days_steps_on_a_case_are_one_ledger_entry_not_the_same_line_twice(station, staff, login):
    """#12: the workbench and ledger listed "维权指导 · TS26-…" twice at the same minute: each step
    of a case wrote its own entry. Steps by one person on one day are one service; a step sent
    twice (a double tap) adds nothing; another day's step is a new entry."""
    complaint, _created = _file(station)
    services.complaint_request_material(complaint=complaint, by=staff, items=["wage_slips"])
    # The same notice sent again (a second tap) adds no step.
    services.complaint_request_material(complaint=complaint, by=staff, items=["wage_slips"])
    services.complaint_accept(complaint=complaint, by=staff, note="材料已补齐")
    services.complaint_mediate(complaint=complaint, by=staff, note="约双方调解")
    guidance = ServiceRecord.objects.filter(kind="rights_guidance", subject_id=str(complaint.pk))
    assert guidance.count() == 1
    assert guidance.get().note.count("；") == 2

    page = login(staff).get("/workbench/").content.decode()
    assert page.count(f"维权指导 · {complaint.number}") == 1

    # Tomorrow's step is tomorrow's service.
    ServiceRecord.objects.filter(pk=guidance.get().pk).update(
        at=guidance.get().at - datetime.timedelta(days=1)
    )
    services.complaint_resolve(
        complaint=Complaint.objects.get(pk=complaint.pk), by=staff, outcome="已结清"
    )
    assert guidance.count() == 2
