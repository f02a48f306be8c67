"""Claims: eligibility from what the system knows, documents, the one-time return, each step logged."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jobs.models import Job
from subsidies import eligibility, services
from subsidies.models import Claim, ClaimLog, Rule
from tests.subsidies.conftest import upload
from tests.subsidies.factories import SchemeFactory, scheme

pytestmark = pytest.mark.django_db


def test_the_three_schemes_of_the_issue_are_seeded():
    assert scheme("training-certificate").rule == Rule.CERTIFICATE
    assert scheme("flexible-social-insurance").rule == Rule.HARD_TO_EMPLOY
    assert scheme("accident-insurance").rule == Rule.INSURED_PLACEMENT


def test_eligible_with_a_certificate_and_the_reason_names_it(person, certified, station, staff):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    assert claim.eligible
    assert any("ZS-2026-0001" in r for r in claim.eligibility)
    assert claim.logs.get().to_state == "drafted"


def test_not_eligible_without_a_certificate_says_why(person, station, staff):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    assert not claim.eligible
    assert claim.eligibility == ["系统中没有此人这一类的培训证书记录。"]


def test_priority_group_rule_and_closed_scheme(person):
    older = SchemeFactory(rule_value="older")
    assert not eligibility.check(older, person).eligible
    person.priority_groups = ["older"]
    assert eligibility.check(older, person).eligible
    older.valid_until = datetime.date(2020, 1, 1)
    result = eligibility.check(older, person)
    assert not result.eligible and "不受理" in result.reasons[0]


def test_hard_to_employ_reads_the_registration_hook_first(person, monkeypatch):
    social = scheme("flexible-social-insurance")
    assert not eligibility.check(social, person).eligible
    from gigmarket import facts

    facts.provide(
        eligibility.REGISTRATION_FACT,
        lambda seeker: [{"kind": "unemployment", "hard_to_employ": True, "date": "2026-11-02"}],
    )
    try:
        result = eligibility.check(social, person)
    finally:
        facts.provide(eligibility.REGISTRATION_FACT, lambda seeker: [])
    assert result.eligible and "2026-11-02" in result.reasons[0]


def test_insured_placement_rule(person):
    from jobs.models import Placement
    from tests.jobs.factories import JobFactory, PlacementFactory

    accident = scheme("accident-insurance")
    PlacementFactory(
        seeker=person,
        job=JobFactory(insurance_kind=Job.Insurance.NONE),
        state=Placement.State.COMPLETED,
    )
    assert not eligibility.check(accident, person).eligible
    PlacementFactory(
        seeker=person,
        job=JobFactory(insurance_kind=Job.Insurance.EMPLOYER_ACCIDENT),
        state=Placement.State.CONFIRMED,
    )
    assert eligibility.check(accident, person).eligible


def test_one_return_lists_every_missing_document_then_approve_and_pay(
    person, certified, station, staff
):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    services.claim_documents_add(claim=claim, by=staff, name="身份证复印件", files=[upload()])
    services.claim_submit(claim=claim, by=staff)
    claim.refresh_from_db()
    missing = claim.still_missing()
    assert missing == ["培训合格证书", "社会保障卡或银行卡复印件"]
    with pytest.raises(ValidationError) as error:
        services.claim_approve(claim=claim, by=staff)
    assert "培训合格证书" in str(error.value)
    services.claim_return(claim=claim, by=staff, missing=missing, note="证书复印件要盖章")
    claim.refresh_from_db()
    assert claim.status == "returned"
    assert claim.missing_documents == missing
    notice = claim.logs.filter(to_state="returned").get().reason
    assert "培训合格证书" in notice and "社会保障卡或银行卡复印件" in notice and "盖章" in notice
    for name in missing:
        services.claim_documents_add(claim=claim, by=staff, name=name, files=[upload()])
    services.claim_submit(claim=claim, by=staff)
    services.claim_approve(claim=claim, by=staff)
    claim.refresh_from_db()
    assert claim.status == "approved" and claim.amount == Decimal("1000.00")
    services.claim_pay(claim=claim, by=staff, amount=Decimal("1000"), paid_on=datetime.date.today())
    claim.refresh_from_db()
    assert claim.status == "paid"
    assert list(claim.logs.values_list("to_state", flat=True)) == [
        "drafted",
        "drafted",
        "submitted",
        "returned",
        "returned",
        "returned",
        "submitted",
        "approved",
        "paid",
    ]


def test_not_eligible_cannot_be_approved_only_rejected_with_a_reason(person, station, staff):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    for name in claim.scheme.documents:
        services.claim_documents_add(claim=claim, by=staff, name=name, files=[upload()])
    services.claim_submit(claim=claim, by=staff)
    with pytest.raises(ValidationError, match="不符合条件"):
        services.claim_approve(claim=claim, by=staff)
    with pytest.raises(ValidationError):
        services.claim_reject(claim=claim, by=staff, reason="  ")
    services.claim_reject(claim=claim, by=staff, reason="无培训证书")
    claim.refresh_from_db()
    assert claim.status == "rejected" and claim.decision_reason == "无培训证书"


def test_a_return_needs_something_missing_and_only_the_schemes_documents(
    person, certified, station, staff
):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    services.claim_submit(claim=claim, by=staff)
    with pytest.raises(ValidationError):
        services.claim_return(claim=claim, by=staff, missing=[])
    with pytest.raises(ValidationError, match="户口本"):
        services.claim_return(claim=claim, by=staff, missing=["户口本"])
    assert Claim.objects.get(pk=claim.pk).status == "submitted"


def test_documents_are_checked_by_content_and_nothing_half_saved(person, station, staff):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    with pytest.raises(ValidationError):
        services.claim_documents_add(
            claim=claim,
            by=staff,
            name="身份证复印件",
            files=[upload(), upload("virus.pdf", b"MZ\x90\x00")],
        )
    assert claim.documents.count() == 0
    with pytest.raises(ValidationError):
        services.claim_documents_add(claim=claim, by=staff, name="户口本", files=[upload()])


def test_another_station_cannot_act_and_one_open_claim_per_scheme(
    person, certified, station, staff, other_staff
):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    with pytest.raises(PermissionDenied):
        services.claim_submit(claim=claim, by=other_staff)
    with pytest.raises(PermissionDenied):
        services.claim_draft(seeker=person, scheme=scheme(), station=station, by=other_staff)
    with pytest.raises(ValidationError):
        services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    assert ClaimLog.objects.count() == 1


def test_payment_needs_amount_and_a_past_date(person, certified, station, staff):
    claim = services.claim_draft(seeker=person, scheme=scheme(), station=station, by=staff)
    for name in claim.scheme.documents:
        services.claim_documents_add(claim=claim, by=staff, name=name, files=[upload()])
    services.claim_submit(claim=claim, by=staff)
    services.claim_approve(claim=claim, by=staff)
    with pytest.raises(ValidationError) as error:
        services.claim_pay(
            claim=claim,
            by=staff,
            amount=Decimal("0"),
            paid_on=datetime.date.today() + datetime.timedelta(days=2),
        )
    assert set(error.value.message_dict) == {"amount", "paid_on"}
