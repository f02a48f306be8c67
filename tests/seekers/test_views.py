"""What staff and seekers see and do on the register's pages."""

import json
import re

import pytest
from django.urls import reverse

from gigmarket.models import PersonalDataAccess, User
from seekers.models import Seeker
from stations.models import ServiceRecord
from tests.seekers.factories import VALID_IDS, SeekerFactory, occupation
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return StationFactory(code="home")


@pytest.fixture
def staff(home):
    return StationAssignmentFactory(station=home).user


def _walk_in(**extra):
    return {
        "name": "王秀英",
        "mobile": "13912345678",
        "primary_occupation": occupation().pk,
        "consent": "on",
        "work_natures": ["daily"],
        **extra,
    }


def test_walk_in_registration_is_one_post_with_the_station_prefilled(login, staff, home):
    client = login(staff)
    page = client.get(reverse("seekers:seeker_register"))
    assert page.context["form"].initial["station"] == home
    response = client.post(
        reverse("seekers:seeker_register"),
        _walk_in(station=home.pk, id_number=VALID_IDS[0], priority_groups=["older"]),
    )
    seeker = Seeker.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "seekers:seeker_slip", kwargs={"public_id": seeker.public_id}
    )
    assert seeker.home_station == home and seeker.priority_groups == ["older"]
    assert ServiceRecord.objects.filter(station=home, kind="registration", staff=staff).count() == 1
    # The slip shows the number and, once, the claim code.
    slip = client.get(response["Location"])
    assert seeker.number in slip.content.decode()
    code = slip.context["claim_code"]
    assert len(code) == 8 and code in slip.content.decode()
    assert client.get(response["Location"]).context["claim_code"] == ""
    # No personal data in the URL.
    assert "13912345678" not in response["Location"] and VALID_IDS[0] not in response["Location"]


def test_a_known_person_is_shown_masked_and_renewed_instead_of_duplicated(login, staff, home):
    existing = SeekerFactory(
        mobile="13912345678", name="王秀英", station=StationFactory(code="far")
    )
    client = login(staff)
    response = client.post(reverse("seekers:seeker_register"), _walk_in(station=home.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["duplicate"] == existing
    assert "139****5678" in html and "13912345678" not in html.replace('value="13912345678"', "")
    assert Seeker.objects.count() == 1
    renew = client.post(
        reverse("seekers:seeker_renew", kwargs={"public_id": existing.public_id}),
        {"primary_occupation": occupation().pk},
    )
    assert renew.status_code == 302
    assert existing.periods.count() in (1, 2)  # same day: the registration's period is reused
    assert ServiceRecord.objects.filter(station=home, kind="registration").count() == (
        existing.periods.count() - 1
    )


def test_bad_input_gets_chinese_messages_at_the_field_and_nothing_is_saved(login, staff, home):
    response = login(staff).post(
        reverse("seekers:seeker_register"),
        _walk_in(station=home.pk, mobile="12345678901", id_number="110105194912310021"),
    )
    form = response.context["form"]
    assert "11 位手机号" in form.errors["mobile"][0]
    assert "校验码" in form.errors["id_number"][0]
    assert not Seeker.objects.exists()


def test_home_station_sees_full_details_and_the_view_is_logged(login, staff, home):
    seeker = SeekerFactory(station=home, mobile="13911112222", id_number=VALID_IDS[2])
    html = login(staff).get(seeker.get_absolute_url()).content.decode()
    assert "13911112222" in html and VALID_IDS[2] in html
    access = PersonalDataAccess.objects.get()
    assert access.user == staff and access.object_id == str(seeker.pk)


def test_other_station_sees_masked_and_reveal_needs_a_purpose_and_is_logged(login, staff):
    seeker = SeekerFactory(
        station=StationFactory(code="far"), mobile="13911112222", id_number=VALID_IDS[2]
    )
    client = login(staff)
    html = client.get(seeker.get_absolute_url()).content.decode()
    assert "13911112222" not in html and VALID_IDS[2] not in html and "139****2222" in html
    assert not PersonalDataAccess.objects.exists()
    url = reverse("seekers:seeker_reveal", kwargs={"public_id": seeker.public_id})
    refused = client.post(url, {"purpose": ""})
    assert "13911112222" not in refused.content.decode() and not PersonalDataAccess.objects.exists()
    shown = client.post(url, {"purpose": "通知面试"})
    assert "13911112222" in shown.content.decode() and VALID_IDS[2] in shown.content.decode()
    access = PersonalDataAccess.objects.get()
    assert access.purpose == "通知面试" and access.user == staff
    # Still masked on the next plain view: a reveal is for that one response.
    assert "13911112222" not in client.get(seeker.get_absolute_url()).content.decode()
    # And the auditor sees the reveal.
    from tests.gigmarket.factories import AuditorFactory

    audit = login(AuditorFactory()).get(reverse("core:audit_log")).content.decode()
    assert "通知面试" in audit


def test_other_station_cannot_edit(login, staff):
    seeker = SeekerFactory(station=StationFactory(code="far"))
    assert (
        login(staff)
        .get(reverse("seekers:seeker_edit", kwargs={"public_id": seeker.public_id}))
        .status_code
        == 404
    )


def test_search_is_masked_and_finds_by_masked_mobile_and_id(
    login, staff, django_assert_max_num_queries
):
    target = SeekerFactory(
        mobile="13955556666", id_number=VALID_IDS[1], station=StationFactory(code="far")
    )
    for _ in range(5):
        SeekerFactory()
    client = login(staff)
    for query in ("139****6666", "1396666", "13955556666", VALID_IDS[1]):
        response = client.post(reverse("seekers:seeker_list"), {"q": query})
        assert list(response.context["page"]) == [target], query
        results = response.content.decode().split("<table>")[1]
        assert "13955556666" not in results and VALID_IDS[1] not in results
        assert "139****6666" in results
    with django_assert_max_num_queries(12):
        client.get(reverse("seekers:seeker_list"))


def test_priority_ledger_lists_longest_waiting_first_and_records_contacts(login, staff, home):
    import datetime

    from django.utils import timezone

    now = timezone.now()
    recent = SeekerFactory(
        station=home,
        details={"priority_groups": ["older"]},
        registered_at=now - datetime.timedelta(days=3),
    )
    oldest = SeekerFactory(
        station=home,
        details={"priority_groups": ["disabled"]},
        registered_at=now - datetime.timedelta(days=30),
    )
    SeekerFactory(station=home)  # not in a priority group
    client = login(staff)
    rows = client.get(reverse("seekers:priority_ledger")).context["rows"]
    assert rows == [oldest, recent]
    assert rows[0].days_waiting == 30
    response = client.post(
        reverse("seekers:seeker_contact", kwargs={"public_id": oldest.public_id}),
        {"note": "电话联系，推荐保洁"},
    )
    assert response.status_code == 302
    entry = ServiceRecord.objects.get(kind="follow_up")
    assert entry.station == home and entry.staff == staff
    workbench = client.get(reverse("core:workbench")).content.decode()
    assert oldest.masked_name in workbench


def _self_register(client, mobile, **extra):
    return client.post(
        reverse("seekers:seeker_self_register"),
        {
            "name": "孙七",
            "mobile": mobile,
            "password1": "Long-Pass-2026",
            "password2": "Long-Pass-2026",
            "primary_occupation": occupation().pk,
            "consent": "on",
            **extra,
        },
    )


def _texted_code(mobile):
    import re as regex

    from gigmarket import notify

    text = [m["text"] for m in notify.outbox if m["to"] == mobile][-1]
    found = regex.search(r"\b(\d{6})\b", text)
    return found.group(1) if found else None


@pytest.fixture
def texts(settings):
    from gigmarket import notify

    settings.NOTIFICATION_SENDER = "gigmarket.notify.MemorySender"
    notify.outbox.clear()
    yield notify.outbox
    notify.outbox.clear()


def test_self_registration_on_a_phone_then_me_renew_download_withdraw(client, texts):
    response = _self_register(client, "１３６２２２２３３３３")
    assert response.status_code == 302 and response["Location"] == reverse(
        "seekers:self_register_confirm"
    )
    assert not Seeker.objects.exists(), "nothing is registered before the code comes back"
    code = _texted_code("13622223333")
    wrong = client.post(
        reverse("seekers:self_register_confirm"),
        {"code": "000000" if code != "000000" else "111111"},
    )
    assert "验证码不对或已过期" in wrong.content.decode() and not Seeker.objects.exists()
    response = client.post(reverse("seekers:self_register_confirm"), {"code": code})
    assert response.status_code == 302 and response["Location"] == reverse("core:me")
    seeker = Seeker.objects.get()
    assert seeker.mobile == "13622223333" and seeker.user.kind == User.Kind.SEEKER
    me = client.get(reverse("core:me")).content.decode()
    assert seeker.number in me
    assert (
        client.post(
            reverse("seekers:own_renew"), {"primary_occupation": occupation("4-02").pk}
        ).status_code
        == 302
    )
    seeker.refresh_from_db()
    assert seeker.primary_occupation.code == "4-02"
    download = client.get(reverse("seekers:own_download"))
    data = json.loads(download.content)
    assert download["Content-Disposition"].startswith("attachment")
    assert data["mobile"] == "13622223333" and data["name"] == "孙七" and data["seeking_periods"]
    assert client.post(reverse("seekers:own_withdraw"), {"confirm": "on"}).status_code == 302
    seeker.refresh_from_db()
    assert seeker.status == "withdrawn" and seeker.mobile is None
    account = User.objects.get(kind="seeker")
    assert not account.is_active and account.phone is None and not account.has_usable_password()


def test_self_registration_errors_stay_at_the_field(client):
    response = client.post(
        reverse("seekers:seeker_self_register"),
        {
            "name": "孙七",
            "mobile": "1362222333",
            "password1": "12345678",
            "password2": "12345678",
            "primary_occupation": occupation().pk,
        },
    )
    form = response.context["form"]
    assert "mobile" in form.errors and "consent" in form.errors
    assert not Seeker.objects.exists() and not User.objects.filter(kind="seeker").exists()


def test_self_registration_never_tells_a_stranger_whether_a_number_is_registered(client, texts):
    """Issue #12: the form said "this mobile is already registered" to anyone who typed it."""
    SeekerFactory(mobile="13622224444")
    known = _self_register(client, "13622224444")
    known_page = client.get(known["Location"]).content.decode()
    client.cookies.clear()
    new = _self_register(client, "13622225555")
    new_page = client.get(new["Location"]).content.decode()
    assert known.status_code == new.status_code == 302 and known["Location"] == new["Location"]
    strip = lambda html: re.sub(r"136\*\*\*\*\d{4}|csrfmiddlewaretoken\" value=\"[^\"]+", "", html)  # noqa: E731
    assert strip(known_page) == strip(new_page)
    assert "这个号码已经登记过。" not in known_page
    # Only the owner of the number learns it, by text, with the way in; no code can register it.
    known_text = [m["text"] for m in texts if m["to"] == "13622224444"][0]
    assert "已经登记过" in known_text and "领取码" in known_text
    assert _texted_code("13622224444") is None
    client.cookies.clear()
    _self_register(client, "13622224444")
    for guess in ("000000", "123456"):
        page = client.post(reverse("seekers:self_register_confirm"), {"code": guess})
        assert "验证码不对或已过期" in page.content.decode()
    assert Seeker.objects.count() == 1 and not User.objects.filter(kind="seeker").exists()


def test_self_registration_texts_one_number_at_most_three_times_an_hour(client, texts):
    for _attempt in range(5):
        _self_register(client, "13622226666")
    assert len([m for m in texts if m["to"] == "13622226666"]) == 3


def test_seeker_corrects_own_details(login):
    seeker = SeekerFactory()
    user = User.objects.create_user(username="s1", kind="seeker", phone=seeker.mobile, password="x")
    Seeker.objects.filter(pk=seeker.pk).update(user=user)
    client = login(user)
    data = {
        "name": "新名字",
        "mobile": seeker.mobile,
        "id_number": VALID_IDS[0],
        "primary_occupation": occupation().pk,
        "skills-TOTAL_FORMS": "1",
        "skills-INITIAL_FORMS": "0",
        "skills-0-occupation": occupation("6-03").pk,
        "skills-0-level": "4",
        "skills-0-years": "5",
    }
    response = client.post(reverse("seekers:own_edit"), data)
    assert response.status_code == 302, response.context["form"].errors
    seeker.refresh_from_db()
    assert (
        seeker.name == "新名字"
        and seeker.id_number == VALID_IDS[0]
        and seeker.birth_date.year == 1949
    )
    assert seeker.skills.get().occupation.code == "6-03"


def test_walk_in_claims_an_online_account_with_the_slip_code(client, login, staff, home):
    staff_client = login(staff)
    staff_client.post(reverse("seekers:seeker_register"), _walk_in(station=home.pk))
    seeker = Seeker.objects.get()
    code = staff_client.get(
        reverse("seekers:seeker_slip", kwargs={"public_id": seeker.public_id})
    ).context["claim_code"]
    staff_client.logout()
    response = client.post(
        reverse("seekers:account_claim"),
        {
            "mobile": "13912345678",
            "code": code,
            "password1": "Long-Pass-2026",
            "password2": "Long-Pass-2026",
        },
    )
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.user is not None and seeker.user.kind == "seeker"


def test_ledger_and_workbench_query_counts_do_not_grow_with_people(
    login, staff, home, django_assert_max_num_queries
):
    for _ in range(8):
        SeekerFactory(station=home, details={"priority_groups": ["older", "low_income"]})
    client = login(staff)
    with django_assert_max_num_queries(15):
        assert len(client.get(reverse("seekers:priority_ledger")).context["rows"]) == 8
    # The workbench panel: its own context and template, without the other apps' panels.
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from seekers.panels import workbench_panel

    request = RequestFactory().get("/workbench/")
    request.user = staff
    with django_assert_max_num_queries(4):
        context = workbench_panel.context(request)
        html = render_to_string(workbench_panel.template, context, request=request)
    assert len(context["rows"]) == 5 and html.count("/seekers/staff/") >= 5


def test_home_station_withdraws_a_person_who_asks_at_the_window(login, staff, home):
    seeker = SeekerFactory(station=home, mobile="13977778888")
    url = reverse("seekers:seeker_withdraw", kwargs={"public_id": seeker.public_id})
    client = login(staff)
    client.post(url, {"reason": "本人提出"})  # not confirmed: nothing happens
    seeker.refresh_from_db()
    assert seeker.status == "seeking"
    assert client.post(url, {"confirm": "on", "reason": "本人到窗口提出"}).status_code == 302
    seeker.refresh_from_db()
    assert seeker.status == "withdrawn" and seeker.mobile is None
    assert seeker.transitions.get().reason == "本人到窗口提出"


def test_one_address_cannot_have_every_number_in_a_list_texted(client, texts):
    # Each number is limited to a few texts an hour; the address typing them in is limited too,
    # or one visitor could have the county pay for a text to every number they can list.
    from gigmarket import phone_codes

    for n in range(phone_codes.TEXTS_PER_ADDRESS_PER_HOUR + 3):
        response = _self_register(client, f"136{n:08d}")
        assert response.status_code == 302  # the page is the same, sent or not
    assert len(texts) == phone_codes.TEXTS_PER_ADDRESS_PER_HOUR
