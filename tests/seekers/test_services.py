"""Rules of the seeker register's writes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from gigmarket.models import User
from seekers.models import Seeker, SeekerTransition, SeekingPeriod, last_day_of_month_after_next
from seekers.services import (
    DuplicateSeeker,
    claim_code_issue,
    seeker_claim_account,
    seeker_contact_record,
    seeker_register,
    seeker_renew,
    seeker_self_register,
    seeker_set_status,
    seeker_update,
    seeker_withdraw,
)
from stations.models import ServiceRecord
from tests.gigmarket.factories import StationStaffFactory
from tests.seekers.factories import VALID_IDS, SeekerFactory, occupation
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


def test_period_ends_on_the_last_day_of_the_month_after_next():
    assert last_day_of_month_after_next(datetime.date(2026, 5, 15)) == datetime.date(2026, 7, 31)
    assert last_day_of_month_after_next(datetime.date(2026, 11, 30)) == datetime.date(2027, 1, 31)
    assert last_day_of_month_after_next(datetime.date(2026, 12, 1)) == datetime.date(2027, 2, 28)


def test_walk_in_registration_opens_a_period_and_writes_the_station_ledger():
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    seeker = seeker_register(
        by=staff,
        name="王建国",
        mobile="139 0000 1234",
        id_number=VALID_IDS[0],
        primary_occupation=occupation(),
        channel=Seeker.Channel.WALK_IN,
        station=station,
    )
    assert seeker.mobile == "13900001234"
    assert seeker.home_station == station
    assert seeker.number.endswith(f"{seeker.pk:06d}")
    assert seeker.gender == "female" and seeker.birth_date == datetime.date(1949, 12, 31)
    assert seeker.consent_version and seeker.consent_at
    period = seeker.periods.get()
    assert period.kind == SeekingPeriod.Kind.REGISTRATION and period.station == station
    assert period.end == last_day_of_month_after_next(period.start)
    record = ServiceRecord.objects.get(kind=ServiceRecord.Kind.REGISTRATION)
    assert record.station == station and record.staff == staff
    assert "13900001234" not in record.subject_label and "王建国" not in record.subject_label


def test_id_number_is_stored_encrypted_never_in_plaintext():
    seeker = SeekerFactory(id_number=VALID_IDS[2])
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM seekers_seeker WHERE id = %s", [seeker.pk])
        row = cursor.fetchone()
    assert not any(VALID_IDS[2] in str(value) for value in row)
    assert Seeker.objects.get(pk=seeker.pk).id_number == VALID_IDS[2]
    assert seeker.id_number_masked == "52**************36"


@pytest.mark.parametrize("field,value", [("mobile", "15800000000"), ("id_number", VALID_IDS[1])])
def test_a_known_person_is_caught_by_mobile_or_id(field, value):
    existing = SeekerFactory(mobile="15800000000", id_number=VALID_IDS[1])
    data = {"mobile": "13700000000", "id_number": ""} | {field: value}
    with pytest.raises(DuplicateSeeker) as caught:
        seeker_register(
            by=None,
            name="李四",
            primary_occupation=occupation(),
            channel=Seeker.Channel.WALK_IN,
            **data,
        )
    assert caught.value.existing == existing
    assert Seeker.objects.count() == 1


@pytest.mark.parametrize(
    "mobile,id_number,field,fragment",
    [
        ("12345678901", "", "mobile", "11 位手机号"),
        ("13800138000", "110105194912310021", "id_number", "校验码不对"),
        ("13800138000", "110105194902300021", "id_number", "出生日期不存在"),
        ("13800138000", "110105209912310021", "id_number", "晚于今天"),
    ],
)
def test_bad_input_is_reported_at_the_field_and_nothing_is_saved(
    mobile, id_number, field, fragment
):
    with pytest.raises(ValidationError) as caught:
        seeker_register(
            by=None,
            name="李四",
            mobile=mobile,
            id_number=id_number,
            primary_occupation=occupation(),
            channel=Seeker.Channel.WALK_IN,
        )
    assert field in caught.value.message_dict
    assert fragment in " ".join(caught.value.message_dict[field])
    assert not Seeker.objects.exists() and not SeekingPeriod.objects.exists()


def test_full_width_digits_are_folded():
    seeker = SeekerFactory(mobile="１３９００００５６７８")
    assert seeker.mobile == "13900005678"


def test_renewal_opens_a_new_period_ends_the_running_one_and_logs_at_the_station():
    seeker = SeekerFactory(registered_at=None)
    first = seeker.periods.get()
    other_station = StationFactory()
    staff = StationStaffFactory()
    later = first.start + datetime.timedelta(days=40)
    period = seeker_renew(seeker=seeker, by=staff, station=other_station, on=later)
    first.refresh_from_db()
    assert first.ended_on == later and first.end_reason == SeekingPeriod.EndReason.RENEWED
    assert period.kind == SeekingPeriod.Kind.RENEWAL and period.start == later
    assert ServiceRecord.objects.filter(station=other_station, kind="registration").count() == 1
    # Renewing twice on one day opens nothing new.
    assert seeker_renew(seeker=seeker, by=staff, on=later) == period


def test_renewal_puts_a_paused_seeker_back_to_seeking_with_a_log_row():
    seeker = SeekerFactory()
    seeker_set_status(seeker=seeker, to=Seeker.Status.PAUSED, by=None, reason="生病")
    seeker_renew(seeker=seeker, by=None, on=datetime.date.today() + datetime.timedelta(days=3))
    seeker.refresh_from_db()
    assert seeker.status == Seeker.Status.SEEKING
    assert list(SeekerTransition.objects.values_list("from_state", "to_state")) == [
        ("seeking", "paused"),
        ("paused", "seeking"),
    ]


def test_long_term_placement_ends_the_period_early():
    seeker = SeekerFactory()
    seeker_set_status(seeker=seeker, to=Seeker.Status.WORKING, by=None, long_term=True)
    period = seeker.periods.get()
    assert period.end_reason == SeekingPeriod.EndReason.PLACED and period.ended_on


def test_withdrawal_erases_personal_data_but_keeps_periods_and_closes_the_account():
    seeker = seeker_self_register(
        name="赵六",
        mobile="13611112222",
        password="Long-Pass-2026",
        primary_occupation=occupation(),
    )
    seeker_update(
        seeker=seeker,
        by=seeker.user,
        details={"address": "城关镇幸福路1号"},
        id_number=VALID_IDS[0],
    )
    user = seeker.user
    seeker_withdraw(seeker=seeker, by=user, reason="不再需要")
    seeker.refresh_from_db()
    user.refresh_from_db()
    assert seeker.status == Seeker.Status.WITHDRAWN
    assert (
        seeker.mobile is None and seeker.id_number_hash == "" and seeker.id_number_encrypted == ""
    )
    assert seeker.address == "" and "赵六" not in seeker.name
    assert seeker.periods.count() == 1 and seeker.periods.get().end_reason == "withdrawn"
    assert not user.is_active and user.phone is None and not user.has_usable_password()
    # The same person can register again afterwards.
    seeker_self_register(
        name="赵六",
        mobile="13611112222",
        password="Long-Pass-2026",
        primary_occupation=occupation(),
    )


def test_withdrawal_leaves_only_the_seeker_number_in_the_station_ledger():
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    seeker = seeker_register(
        by=staff,
        name="王建国",
        mobile="13900001234",
        primary_occupation=occupation(),
        channel=Seeker.Channel.WALK_IN,
        station=station,
    )
    record = ServiceRecord.objects.get(kind=ServiceRecord.Kind.REGISTRATION)
    assert "王*" in record.subject_label and "139****1234" in record.subject_label
    seeker_withdraw(seeker=seeker, by=staff, reason="本人要求")
    record.refresh_from_db()
    assert record.subject_label == seeker.number


def test_self_registration_creates_a_seeker_account_and_a_period():
    seeker = seeker_self_register(
        name="孙七",
        mobile="13622223333",
        password="Long-Pass-2026",
        primary_occupation=occupation(),
    )
    assert seeker.user.kind == User.Kind.SEEKER and seeker.user.phone == "13622223333"
    assert seeker.user.check_password("Long-Pass-2026")
    assert seeker.channel == Seeker.Channel.SELF and seeker.periods.count() == 1


def test_self_registration_rejects_a_weak_password_and_saves_nothing():
    with pytest.raises(ValidationError) as caught:
        seeker_self_register(
            name="孙七", mobile="13622223333", password="123", primary_occupation=occupation()
        )
    assert "password" in caught.value.message_dict
    assert not User.objects.filter(phone="13622223333").exists()
    assert not Seeker.objects.exists()


def test_claim_code_is_stored_hashed_and_works_once():
    seeker = SeekerFactory(mobile="13633334444")
    code = claim_code_issue(seeker=seeker, by=None)
    seeker.refresh_from_db()
    assert code not in seeker.claim_code_hash
    with pytest.raises(ValidationError):
        seeker_claim_account(mobile="13633334444", code="WRONG123", password="Long-Pass-2026")
    user = seeker_claim_account(mobile="13633334444", code=code.lower(), password="Long-Pass-2026")
    seeker.refresh_from_db()
    assert seeker.user == user and seeker.claim_code_hash == ""
    with pytest.raises(ValidationError):
        seeker_claim_account(mobile="13633334444", code=code, password="Long-Pass-2026")


def test_correcting_the_id_to_someone_elses_is_refused():
    SeekerFactory(id_number=VALID_IDS[0])
    other = SeekerFactory()
    with pytest.raises(DuplicateSeeker):
        seeker_update(seeker=other, by=None, details={}, id_number=VALID_IDS[0])


def test_contact_record_writes_a_follow_up_entry():
    seeker = SeekerFactory()
    staff = StationStaffFactory()
    record = seeker_contact_record(
        seeker=seeker, station=seeker.home_station, by=staff, note="电话回访，推荐保洁岗位"
    )
    assert record.kind == ServiceRecord.Kind.FOLLOW_UP and record.subject_id == str(seeker.pk)
    with pytest.raises(ValidationError):
        seeker_contact_record(seeker=seeker, station=seeker.home_station, by=staff, note=" ")


def test_the_audit_log_records_changes_but_never_the_personal_data():
    from auditlog.models import LogEntry

    seeker = SeekerFactory(name="欧阳秀英", mobile="13944445555", id_number=VALID_IDS[0])
    seeker_update(seeker=seeker, by=None, details={"address": "幸福路8号", "education": "junior"})
    entries = LogEntry.objects.filter(object_pk=str(seeker.pk))
    assert entries.exists()
    dump = " ".join(f"{e.object_repr} {e.changes}" for e in entries)
    for secret in ("欧阳秀英", "13944445555", VALID_IDS[0], "幸福路8号"):
        assert secret not in dump
    assert "junior" in dump


def test_a_station_renewing_an_online_registration_becomes_its_home_station():
    seeker = seeker_self_register(
        name="周八",
        mobile="13655556666",
        password="Long-Pass-2026",
        primary_occupation=occupation(),
    )
    assert seeker.home_station is None
    station = StationFactory()
    seeker_renew(seeker=seeker, by=StationStaffFactory(), station=station)
    seeker.refresh_from_db()
    assert seeker.home_station == station


def test_back_to_seeking_after_long_term_work_starts_a_new_seeking_period():
    """Issue 12: the monthly applicants count seeking periods; a person back from long-term work
    is an applicant again from that day."""
    seeker = SeekerFactory()
    seeker_set_status(seeker=seeker, to=Seeker.Status.WORKING, by=None, long_term=True)
    placed = seeker.periods.get()
    seeker_set_status(seeker=seeker, to=Seeker.Status.SEEKING, by=None, reason="合同到期")
    placed.refresh_from_db()
    assert placed.end_reason == SeekingPeriod.EndReason.PLACED  # its ending is kept as it was
    new = seeker.periods.running().get()
    assert new.pk != placed.pk and new.start == timezone.localdate()
    assert new.kind == SeekingPeriod.Kind.RENEWAL
    assert new.primary_occupation == seeker.primary_occupation
    today = timezone.localdate()
    assert SeekingPeriod.objects.started_in(today, today).filter(seeker=seeker).count() == 2


def test_back_to_seeking_with_a_period_still_running_opens_nothing_new():
    seeker = SeekerFactory()
    seeker_set_status(seeker=seeker, to=Seeker.Status.PAUSED, by=None, reason="生病")
    seeker_set_status(seeker=seeker, to=Seeker.Status.SEEKING, by=None, reason="病好了")
    assert seeker.periods.count() == 1
