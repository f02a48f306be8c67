"""What people see on the training pages: the public list, masking on the roster and its export,
scoping, panels."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import PersonalDataAccess
from seekers.models import Seeker
from tests.gigmarket.factories import AdminFactory, RegionFactory, SeekerUserFactory
from tests.seekers.factories import SeekerFactory
from tests.stations.factories import StationAssignmentFactory, StationFactory
from tests.training.factories import (
    DemandOrderFactory,
    EnrollingProgrammeFactory,
    ProgrammeFactory,
    ReferralFactory,
    occupation,
)
from training.models import Attendance, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return StationFactory(code="chengguan", name="城关社区零工驿站")


@pytest.fixture
def staff(home):
    return StationAssignmentFactory(station=home).user


def test_public_list_shows_open_classes_with_seats_in_few_queries(
    client, django_assert_max_num_queries
):
    for _ in range(5):
        ReferralFactory(programme=EnrollingProgrammeFactory(capacity=10))
    ProgrammeFactory(title="还没发布的班")
    with django_assert_max_num_queries(6):
        response = client.get(reverse("training:programme_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("剩余 9 个名额") == 5
    assert "还没发布的班" not in html


def test_public_list_filters_by_occupation_and_month(client):
    next_month = (timezone.localdate().replace(day=1) + datetime.timedelta(days=40)).replace(day=3)
    EnrollingProgrammeFactory(
        title="下月焊工班", start_date=next_month, end_date=next_month + datetime.timedelta(days=2)
    )
    EnrollingProgrammeFactory(
        title="育婴员班",
        occupation=occupation("4-03"),
        start_date=next_month,
        end_date=next_month + datetime.timedelta(days=1),
    )
    titles = lambda r: [p.title for p in r.context["page"].object_list]  # noqa: E731
    response = client.get(reverse("training:programme_list"), {"occupation": "4-03"})
    assert titles(response) == ["育婴员班"]
    response = client.get(
        reverse("training:programme_list"), {"month": f"{next_month:%Y-%m}", "occupation": "6-07"}
    )
    assert titles(response) == ["下月焊工班"]
    response = client.get(reverse("training:programme_list"), {"month": "2020-01"})
    assert titles(response) == []
    response = client.get(reverse("training:programme_list"), {"month": "不是月份"})
    assert "请填写月份" in response.content.decode()


def test_the_public_page_has_no_personal_data(client):
    referral = ReferralFactory(seeker=SeekerFactory(name="钱多多"))
    html = client.get(referral.programme.get_absolute_url()).content.decode()
    assert "钱多多" not in html and referral.seeker.mobile not in html
    assert "登录后报名" in html


def test_a_seeker_account_without_registration_is_told_what_to_do(client):
    client.force_login(SeekerUserFactory(), backend="gigmarket.backends.UsernameOrMobileBackend")
    programme = EnrollingProgrammeFactory()
    response = client.post(
        reverse("training:programme_sign_up", args=[programme.public_id]), follow=True
    )
    assert "请先完成求职登记" in response.content.decode()
    assert not programme.referrals.exists()


def test_roster_masks_other_stations_seekers_and_the_export_too(login, staff, home):
    programme = EnrollingProgrammeFactory()
    ReferralFactory(
        programme=programme, seeker=SeekerFactory(station=home, name="孙本站", mobile="13900001111")
    )
    ReferralFactory(
        programme=programme,
        seeker=SeekerFactory(
            station=StationFactory(code="far"), name="李外站", mobile="13900002222"
        ),
    )
    client = login(staff)
    html = client.get(reverse("training:roster", args=[programme.public_id])).content.decode()
    assert "孙本站" in html and "13900001111" in html
    assert "李外站" not in html and "李**" in html and "139****2222" in html
    # Showing the home station's trainees in full is a reveal: logged for the auditor.
    assert PersonalDataAccess.objects.filter(user=staff, object_id=str(programme.pk)).count() == 1

    response = client.get(reverse("training:roster_export", args=[programme.public_id]))
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:2] == ["学员姓名", "手机号"]
    assert ["孙本站", "13900001111"] in [r[:2] for r in rows] and ["李**", "139****2222"] in [
        r[:2] for r in rows
    ]
    assert PersonalDataAccess.objects.filter(user=staff, object_id=str(programme.pk)).exists()

    response = client.get(
        reverse("training:roster_export", args=[programme.public_id]), {"format": "xlsx"}
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_referral_search_masks_other_stations_seekers(login, staff, home):
    programme = EnrollingProgrammeFactory()
    SeekerFactory(station=StationFactory(code="far"), name="周外站", mobile="13800003333")
    response = login(staff).post(
        reverse("training:referral_search", args=[programme.public_id]), {"q": "13800003333"}
    )
    html = response.content.decode()
    assert "周**" in html and "138****3333" in html and "周外站" not in html


def test_an_admin_of_another_region_cannot_see_the_programme(login):
    programme = EnrollingProgrammeFactory()
    outsider = AdminFactory(region=RegionFactory(code="520888"))
    client = login(outsider)
    assert (
        client.get(reverse("training:programme_manage", args=[programme.public_id])).status_code
        == 404
    )
    assert (
        client.post(reverse("training:programme_start", args=[programme.public_id])).status_code
        == 404
    )
    programme.refresh_from_db()
    assert programme.status == Programme.Status.ENROLLING


def test_staff_cannot_publish(login, staff):
    programme = ProgrammeFactory()
    assert (
        login(staff)
        .post(reverse("training:programme_publish", args=[programme.public_id]))
        .status_code
        == 403
    )


def test_a_bad_programme_form_says_what_is_wrong_in_chinese(login):
    admin = AdminFactory(region=RegionFactory(code="520999"))
    response = login(admin).post(
        reverse("training:programme_create"),
        {
            "title": "焊工班",
            "occupation": "6-07",
            "region": admin.region.pk,
            "start_date": "2026-12-05",
            "end_date": "2026-12-01",
            "capacity": 0,
            "fee": "0",
            "eligibility": "registered",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and not Programme.objects.exists()
    assert "这个字段是必填项" in html or "必填" in html


def test_demand_view_aggregates_and_an_order_is_marked_served(login):
    admin = AdminFactory()
    DemandOrderFactory(people=4)
    order = DemandOrderFactory(people=2)
    client = login(admin)
    response = client.get(reverse("training:demand_list"))
    assert [
        (r["occupation__code"], r["orders"], r["people"]) for r in response.context["rows"]
    ] == [("4-03", 2, 6)]
    childcare = ProgrammeFactory(occupation=occupation("4-03"), title="育婴员班")
    html = client.get(reverse("training:demand_list")).content.decode()
    assert "育婴员班" in html
    client.post(
        reverse("training:demand_serve", args=[order.public_id]), {"programme": childcare.pk}
    )
    order.refresh_from_db()
    assert order.status == "served" and order.served_by == childcare


def test_panels_on_workbench_and_me(login, staff):
    programme = EnrollingProgrammeFactory(title="电焊速成班")
    ReferralFactory(programme=programme, status="signed_up", origin="self")
    html = login(staff).get(reverse("core:workbench")).content.decode()
    assert "正在报名的培训班" in html and "电焊速成班" in html and "1 个网上报名待接受" in html

    user = SeekerUserFactory()
    seeker = SeekerFactory()
    Seeker.objects.filter(pk=seeker.pk).update(user=user)
    ReferralFactory(programme=programme, seeker=seeker)
    html = login(user).get(reverse("core:me")).content.decode()
    assert "我的培训" in html and "电焊速成班" in html and "已推荐" in html


def test_back_office_lists_keep_their_query_counts(
    login, staff, home, django_assert_max_num_queries
):
    programme = EnrollingProgrammeFactory(capacity=30)
    for status in ["signed_up", "referred", "enrolled", "enrolled", "completed"] * 2:
        ReferralFactory(programme=programme, status=status, seeker=SeekerFactory(station=home))
    for _ in range(4):
        EnrollingProgrammeFactory()
        DemandOrderFactory()
    client = login(staff)
    client.get(reverse("core:home"))  # the session and the user are loaded once per request anyway
    with django_assert_max_num_queries(14):
        assert client.get(reverse("training:roster", args=[programme.public_id])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("training:manage_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("training:demand_list")).status_code == 200


def test_an_admin_edits_a_programme_and_is_told_when_seats_are_too_few(login, staff):
    programme = EnrollingProgrammeFactory(capacity=3)
    ReferralFactory(programme=programme)
    ReferralFactory(programme=programme)
    admin = AdminFactory()
    client = login(admin)
    url = reverse("training:programme_edit", args=[programme.public_id])
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data = {k: ("" if v is None else v) for k, v in data.items() if v is not False}
    data.update({"capacity": 1, "occupation": "6-07"})
    response = client.post(url, data)
    assert "已经有 2 人" in response.content.decode()
    data["capacity"] = 12
    assert client.post(url, data).status_code == 302
    programme.refresh_from_db()
    assert programme.capacity == 12


def test_a_finished_class_keeps_its_page_but_takes_no_sign_ups(client):
    programme = EnrollingProgrammeFactory(status="finished")
    html = client.get(programme.get_absolute_url()).content.decode()
    assert "已经停止报名" in html
    assert programme.title not in client.get(reverse("training:programme_list")).content.decode()


def test_staff_move_only_trainees_of_their_station_or_on_a_class_it_holds(login, staff, home):
    """SCOPING: staff of station A cannot enrol, drop or mark absent station B's trainee on a class
    station B holds by posting its id; their own station's trainee on that class they can."""
    far = StationFactory(code="far")
    programme = EnrollingProgrammeFactory(station=far, capacity=5)
    theirs = ReferralFactory(
        programme=programme, seeker=SeekerFactory(station=far), station=far, status="referred"
    )
    theirs_enrolled = ReferralFactory(
        programme=programme, seeker=SeekerFactory(station=far), station=far, status="enrolled"
    )
    ours = ReferralFactory(programme=programme, seeker=SeekerFactory(station=home))
    client = login(staff)
    enrol = lambda r: client.post(reverse("training:referral_enrol", args=[r.public_id]))  # noqa: E731
    assert enrol(theirs).status_code == 404
    assert (
        client.post(
            reverse("training:referral_drop", args=[theirs.public_id]), {"reason": "随便"}
        ).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == "referred"
    assert enrol(ours).status_code == 302
    ours.refresh_from_db()
    assert ours.status == "enrolled"

    session = programme.sessions.first()
    client.post(reverse("training:attendance_record", args=[session.pk]), {"present": [ours.pk]})
    marks = dict(Attendance.objects.filter(session=session).values_list("referral_id", "present"))
    assert marks == {ours.pk: True}, "another station's trainee was marked"
    assert theirs_enrolled.pk not in marks

    html = client.get(reverse("training:roster", args=[programme.public_id])).content.decode()
    assert reverse("training:referral_enrol", args=[theirs.public_id]) not in html
