"""The issue's "done when", through the pages: an admin publishes a subsidised welding programme; a
seeker signs up on the phone; staff refer two more; the class fills and a fourth is refused with a
clear message; attendance is taken; two complete and get certificates; demand orders for 育婴员
show up in the admin's view."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import Occupation
from seekers.models import Seeker
from stations.models import ServiceRecord
from tests.gigmarket.factories import AdminFactory, RegionFactory, SeekerUserFactory
from tests.jobs.factories import EmployerFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import InstitutionFactory
from training.models import Attendance, DemandOrder, Programme, Referral

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user, backend="gigmarket.backends.UsernameOrMobileBackend")
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_done_when():
    county = RegionFactory(code="520999", name="示范县")
    station = StationFactory(code="chengguan", name="城关社区零工驿站", region=county)
    admin = _client(AdminFactory(region=county))
    staff_user = StationAssignmentFactory(station=station).user
    staff = _client(staff_user)
    institution = InstitutionFactory(name="示范县职业技能培训学校")
    start = timezone.localdate() + datetime.timedelta(days=7)

    # An admin plans and publishes a subsidised welding programme with three sessions.
    response = admin.post(
        reverse("training:programme_create"),
        {
            "title": "焊工（初级）培训班",
            "occupation": "6-07",
            "institution": institution.pk,
            "region": county.pk,
            "station": station.pk,
            "place": "",
            "start_date": start,
            "end_date": start + datetime.timedelta(days=2),
            "capacity": 3,
            "fee": "1800",
            "subsidised": "on",
            "subsidy_amount": "1500",
            "eligibility": "registered",
            "description": "电焊基础与安全",
        },
    )
    programme = Programme.objects.get(title="焊工（初级）培训班")
    assert response.status_code == 302
    for offset in range(3):
        admin.post(
            reverse("training:session_add", args=[programme.public_id]),
            {"date": start + datetime.timedelta(days=offset), "starts": "09:00", "ends": "12:00"},
        )
    admin.post(reverse("training:programme_publish", args=[programme.public_id]))
    programme.refresh_from_db()
    assert programme.status == "enrolling" and programme.sessions.count() == 3

    # The public list shows it with its seats; a seeker signs up in one tap.
    listing = Client().get(reverse("training:programme_list"), {"occupation": "6-07"})
    assert (
        "焊工（初级）培训班" in listing.content.decode() and "3 个名额" in listing.content.decode()
    )
    seeker_user = SeekerUserFactory()
    seeker = SeekerFactory(station=station, name="赵铁柱")
    Seeker.objects.filter(pk=seeker.pk).update(user=seeker_user)
    phone = _client(seeker_user)
    response = phone.post(
        reverse("training:programme_sign_up", args=[programme.public_id]), follow=True
    )
    assert "报名成功" in _messages(response)

    # Staff refer two more; the class fills; a fourth is refused with a clear message.
    others = [SeekerFactory(station=station) for _ in range(3)]
    for other in others[:2]:
        response = staff.post(
            reverse("training:referral_create", args=[programme.public_id]),
            {"seeker": str(other.public_id)},
        )
        assert response.status_code == 302
    response = staff.post(
        reverse("training:referral_create", args=[programme.public_id]),
        {"seeker": str(others[2].public_id)},
        follow=True,
    )
    assert "本班已满" in _messages(response)
    assert Referral.objects.holding_seats().filter(programme=programme).count() == 3
    assert "已报满" in Client().get(programme.get_absolute_url()).content.decode()

    # Staff accept the sign-up and enrol the referrals; attendance is taken for the first session.
    referrals = list(Referral.objects.filter(programme=programme).order_by("pk"))
    for referral in referrals:
        staff.post(reverse("training:referral_enrol", args=[referral.public_id]))
    first = programme.sessions.first()
    staff.post(
        reverse("training:attendance_record", args=[first.pk]),
        {"present": [referrals[0].pk, referrals[1].pk]},
    )
    marks = dict(Attendance.objects.filter(session=first).values_list("referral_id", "present"))
    assert marks == {referrals[0].pk: True, referrals[1].pk: True, referrals[2].pk: False}
    roster = staff.get(reverse("training:roster", args=[programme.public_id])).content.decode()
    assert "赵铁柱" in roster  # staff of the seeker's home station see the name

    # Two complete and get certificates.
    for number, referral in enumerate(referrals[:2], start=1):
        staff.post(reverse("training:referral_complete", args=[referral.public_id]))
        staff.post(
            reverse("training:referral_certify", args=[referral.public_id]),
            {
                "certificate_number": f"S52099926{number:04d}",
                "certificate_date": timezone.localdate(),
            },
        )
    states = sorted(Referral.objects.filter(programme=programme).values_list("status", flat=True))
    assert states == ["certified", "certified", "enrolled"]
    assert ServiceRecord.objects.filter(station=station, kind="training_referral").count() >= 9

    # The seeker sees the step on "Me".
    me = phone.get(reverse("core:me")).content.decode()
    assert "我的培训" in me and "焊工（初级）培训班" in me and "已取证" in me

    # Demand orders for 育婴员 show up in the admin's view, by occupation and month.
    month = f"{(start.replace(day=1) + datetime.timedelta(days=32)):%Y-%m}"
    employer_user = SeekerUserFactory(kind="employer", phone="13711112222")
    EmployerFactory(user=employer_user, region=county, name="爱家家政")
    _client(employer_user).post(
        reverse("training:demand_create"),
        {"occupation": "4-03", "people": 6, "month": month, "note": "客户要持证"},
    )
    phone.post(
        reverse("training:demand_create"), {"occupation": "4-03", "people": 1, "month": month}
    )
    staff.post(
        reverse("training:demand_create"),
        {
            "occupation": "4-03",
            "people": 2,
            "month": month,
            "requester": "employer",
            "requester_label": "城关镇月嫂服务部",
            "station": station.pk,
        },
    )
    assert DemandOrder.objects.filter(occupation__code="4-03").count() == 3
    view = admin.get(reverse("training:demand_list"))
    row = next(r for r in view.context["rows"] if r["occupation__code"] == "4-03")
    assert (row["orders"], row["people"]) == (3, 9)
    assert "育婴员" in view.content.decode() and "尚未安排" in view.content.decode()
    assert Occupation.objects.get(code="4-03").name == "育婴员"
