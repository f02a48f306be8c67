"""Pages of the jobs app: what each person sees and what their actions do."""

import datetime
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import Region, User
from jobs.models import Employer, Job
from jobs.views import postings
from tests.gigmarket.factories import AdminFactory, RegionFactory, ReviewerFactory
from tests.jobs.factories import (
    EmployerFactory,
    ExpiredJobFactory,
    OpenJobFactory,
    PendingJobFactory,
)
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    match = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    assert match, "JobPosting markup with a nonce"
    return json.loads(match.group(1))


# ---- the public list ----


def test_the_public_list_shows_open_jobs_only(client):
    open_job = OpenJobFactory(title="搬运工甲")
    PendingJobFactory(title="待审岗位")
    ExpiredJobFactory(title="过期岗位")
    html = client.get(reverse("jobs:job_list")).content.decode()
    assert "搬运工甲" in html and "待审岗位" not in html and "过期岗位" not in html
    assert reverse("jobs:job_detail", kwargs={"pk": open_job.pk}) in html


def test_the_list_filters_by_kind_township_nature_and_minimum_daily_pay(client):
    from gigmarket.models import Occupation

    town = RegionFactory(code="520999100")
    other = RegionFactory(code="520999200")
    hit = OpenJobFactory(
        title="命中",
        region=town,
        occupation=Occupation.objects.get(code="4-01"),
        nature="daily",
        pay_min=300,
    )
    OpenJobFactory(title="工资低", region=town, occupation=hit.occupation, pay_min=150)
    OpenJobFactory(title="别的乡", region=other, occupation=hit.occupation, pay_min=300)
    OpenJobFactory(title="别的工种", region=town, pay_min=300)
    html = client.get(
        reverse("jobs:job_list"),
        {
            "occupation": "4-01",
            "place": "520999100",
            "nature": "daily",
            "min_pay": "200",
        },
    ).content.decode()
    assert "命中" in html
    assert "工资低" not in html and "别的乡" not in html and "别的工种" not in html


def test_the_list_filter_by_major_group_includes_its_kinds(client):
    OpenJobFactory(title="装卸")  # 4-09
    html = client.get(reverse("jobs:job_list"), {"occupation": "4"}).content.decode()
    assert "装卸" in html


def test_the_list_uses_a_fixed_number_of_queries_whatever_the_page_size(
    client, django_assert_max_num_queries
):
    OpenJobFactory.create_batch(25)
    # A cold cache: count, ids, rows, names; the kinds of work and how often each is asked for
    # (two queries; the big buttons are named from them), townships, stations.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("jobs:job_list"))
    assert response.status_code == 200
    # A keyword reads the kinds of work's names and aliases once (then kept in the shared cache
    # for minutes), however many words it has.
    with django_assert_max_num_queries(8):
        client.get(reverse("jobs:job_list"), {"page": 2, "q": "搬运 装车 仓库", "when": "week"})


def test_the_list_paginates(client):
    OpenJobFactory.create_batch(22)
    html = client.get(reverse("jobs:job_list")).content.decode()
    assert html.count('class="job-card card"') == 20
    assert "page=2" in html


# ---- the job page ----


def test_the_job_page_calls_the_station_not_the_employers_private_mobile(client):
    job = OpenJobFactory(contact_phone="13712345678", publish_contact_phone=False)
    html = client.get(job.get_absolute_url()).content.decode()
    assert f'href="tel:{job.station.service_phone}"' in html
    assert "13712345678" not in html
    assert job.employer.contact_mobile not in html


def test_the_job_page_calls_the_employer_when_they_chose_to_publish_their_number(client):
    job = OpenJobFactory(contact_phone="13712345678", publish_contact_phone=True)
    assert 'href="tel:13712345678"' in client.get(job.get_absolute_url()).content.decode()


def test_the_job_posting_markup_has_cny_pay_with_the_right_unit_and_is_visible_on_the_page(client):
    job = OpenJobFactory(pay_min=180, pay_max=220, pay_unit="day")
    html = client.get(job.get_absolute_url()).content.decode()
    data = _json_ld(html)
    assert data["@type"] == "JobPosting"
    assert data["baseSalary"]["currency"] == "CNY"
    assert data["baseSalary"]["value"] == {
        "@type": "QuantitativeValue",
        "unitText": "DAY",
        "minValue": 180,
        "maxValue": 220,
    }
    for visible in (
        data["title"],
        data["description"],
        data["hiringOrganization"]["name"],
        data["jobLocation"]["address"]["streetAddress"],
        job.valid_through.isoformat(),
    ):
        assert html.count(visible) >= 2, visible  # in the markup and on the page


def test_a_households_name_and_home_address_are_masked_on_the_public_page(client):
    employer = EmployerFactory(kind=Employer.Kind.HOUSEHOLD, name="李秀英")
    job = OpenJobFactory(employer=employer, address="和平社区3栋2单元501")
    html = client.get(job.get_absolute_url()).content.decode()
    assert "李秀英" not in html and "2单元501" not in html


def test_an_expired_job_stays_up_with_a_banner_a_past_valid_through_and_sign_up_disabled(client):
    job = ExpiredJobFactory()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "expired" in html or "过期" in html
    valid = datetime.datetime.fromisoformat(_json_ld(html)["validThrough"])
    assert valid < timezone.now()
    assert 'href="tel:' not in html.split('id="apply"')[1].split("</section>")[0]


def test_a_job_not_yet_published_has_no_public_page(client):
    assert client.get(PendingJobFactory().get_absolute_url()).status_code == 404


# ---- big screen and feeds ----


def test_the_station_big_screen_lists_that_stations_open_jobs_and_refreshes(client):
    station = StationFactory(code="chengguan")
    mine = OpenJobFactory(station=station, title="本站岗位")
    OpenJobFactory(title="别站岗位")
    html = client.get(reverse("jobs:station_screen", kwargs={"code": "chengguan"})).content.decode()
    assert "本站岗位" in html and "别站岗位" not in html
    assert "location.reload()" in html  # refreshes itself, only when the server answers
    assert re.search(r'<script nonce="[^"]+">', html)
    assert mine.employer.contact_mobile not in html


def test_the_rss_and_json_feeds_carry_open_jobs(client):
    job = OpenJobFactory(title="饭店帮厨")
    PendingJobFactory(title="待审")
    rss = client.get(reverse("jobs:feed_rss")).content.decode()
    assert "饭店帮厨" in rss and "待审" not in rss
    data = client.get(reverse("jobs:feed_json")).json()
    assert [item["title"] for item in data["itemListElement"]] == ["饭店帮厨"]
    assert data["itemListElement"][0]["@type"] == "JobPosting"
    by_station = client.get(reverse("jobs:feed_json"), {"station": "nope"}).json()
    assert by_station["itemListElement"] == [] and job.pk


# ---- the done-when journey, through the pages ----


@pytest.fixture
def texts(settings):
    from gigmarket import notify

    settings.NOTIFICATION_SENDER = "gigmarket.notify.MemorySender"
    notify.outbox.clear()
    yield notify.outbox
    notify.outbox.clear()


def _texted_code(outbox, mobile):
    found = re.search(r"\b(\d{6})\b", [m["text"] for m in outbox if m["to"] == mobile][-1])
    return found.group(1) if found else None


def _register_employer(client, mobile, town):
    return client.post(
        reverse("jobs:employer_register"),
        {
            "kind": "household",
            "name": "李家",
            "contact_name": "李秀英",
            "mobile": mobile,
            "password": "Li-Family-2026",
            "password2": "Li-Family-2026",
            "region": town.pk,
            "address": "和平社区",
            "consent": "on",
        },
    )


def test_employer_self_registration_never_tells_a_stranger_whether_a_number_is_registered(
    client, texts
):
    """Issue #12: registration said a mobile was registered to anyone who typed it."""
    from tests.jobs.factories import EmployerFactory

    town = Region.objects.get_or_create(
        code="520999001", defaults={"name": "城关街道", "level": "township"}
    )[0]
    EmployerFactory(contact_mobile="13700004444")
    known = _register_employer(client, "13700004444", town)
    known_page = client.get(known["Location"]).content.decode()
    client.cookies.clear()
    new = _register_employer(client, "13700006666", town)
    new_page = client.get(new["Location"]).content.decode()
    assert known.status_code == new.status_code == 302 and known["Location"] == new["Location"]
    strip = lambda html: re.sub(r"137\*\*\*\*\d{4}|csrfmiddlewaretoken\" value=\"[^\"]+", "", html)  # noqa: E731
    assert strip(known_page) == strip(new_page)
    assert "已经注册过" in [m["text"] for m in texts if m["to"] == "13700004444"][0]
    assert _texted_code(texts, "13700004444") is None
    client.cookies.clear()
    _register_employer(client, "13700004444", town)
    page = client.post(reverse("jobs:employer_register_confirm"), {"code": "123456"})
    assert "验证码不对或已过期" in page.content.decode()
    assert not User.objects.filter(phone="13700004444").exists()


def test_employer_registers_submits_a_discriminatory_posting_and_is_told_what_is_wrong(
    client, texts
):
    station = StationFactory(code="chengguan")
    town = Region.objects.get_or_create(
        code="520999001", defaults={"name": "城关街道", "level": "township"}
    )[0]
    response = client.post(
        reverse("jobs:employer_register"),
        {
            "kind": "household",
            "name": "李家",
            "contact_name": "李秀英",
            "mobile": "13700005555",
            "password": "Li-Family-2026",
            "password2": "Li-Family-2026",
            "region": town.pk,
            "address": "和平社区",
            "consent": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("jobs:employer_register_confirm")
    assert not User.objects.filter(phone="13700005555").exists(), "not before the code is back"
    response = client.post(
        reverse("jobs:employer_register_confirm"), {"code": _texted_code(texts, "13700005555")}
    )
    assert response.status_code == 302 and response["Location"] == reverse("jobs:employer_home")
    user = User.objects.get(phone="13700005555")
    assert user.kind == "employer"
    today = timezone.localdate()
    from gigmarket.models import Occupation

    response = client.post(
        reverse("jobs:job_create"),
        {
            "title": "家庭保洁",
            "occupation": Occupation.objects.get(code="4-01").pk,
            "nature": "daily",
            "content": "打扫卫生。男性优先, 35岁以下, 押金200元",
            "region": town.pk,
            "address": "和平社区",
            "start_date": today.isoformat(),
            "headcount": 1,
            "pay_min": "200",
            "pay_unit": "day",
            "settlement": "daily",
            "valid_through": (today + datetime.timedelta(days=5)).isoformat(),
            "station": station.pk,
        },
    )
    assert response.status_code == 302
    job = Job.objects.get(title="家庭保洁")
    page = client.get(reverse("jobs:job_manage", kwargs={"pk": job.pk})).content.decode()
    for phrase in ("男性优先", "35岁以下", "押金"):
        assert phrase in page.split("finding")[1] or phrase in page
    response = client.post(reverse("jobs:job_submit", kwargs={"pk": job.pk}), follow=True)
    html = response.content.decode()
    assert "男性优先" in html and "押金" in html and "35岁以下" in html
    assert Job.objects.get(pk=job.pk).status == Job.Status.DRAFT

    client.post(
        reverse("jobs:job_edit", kwargs={"pk": job.pk}),
        {
            "title": "家庭保洁",
            "occupation": job.occupation.pk,
            "nature": "daily",
            "content": "打扫卫生，男女不限，不收任何费用。",
            "region": town.pk,
            "address": "和平社区",
            "start_date": today.isoformat(),
            "headcount": 1,
            "pay_min": "200",
            "pay_unit": "day",
            "settlement": "daily",
            "valid_through": (today + datetime.timedelta(days=5)).isoformat(),
            "station": station.pk,
        },
    )
    client.post(reverse("jobs:job_submit", kwargs={"pk": job.pk}))
    assert Job.objects.get(pk=job.pk).status == Job.Status.PENDING

    client.force_login(ReviewerFactory(), backend="gigmarket.backends.UsernameOrMobileBackend")
    assert "家庭保洁" in client.get(reverse("jobs:review_queue")).content.decode()
    client.post(
        reverse("jobs:job_approve", kwargs={"pk": job.pk}), {"reason": "", "lawful_reason": ""}
    )
    assert Job.objects.get(pk=job.pk).status == Job.Status.OPEN
    client.logout()
    assert "家庭保洁" in client.get(reverse("jobs:job_list")).content.decode()
    assert "家庭保洁" in client.get(reverse("jobs:feed_rss")).content.decode()
    assert (
        "家庭保洁"
        in client.get(reverse("jobs:station_screen", kwargs={"code": "chengguan"})).content.decode()
    )


def test_staff_see_a_possible_duplicate_before_registering_a_second_employer(login):
    staff = StationAssignmentFactory().user
    existing = EmployerFactory(contact_mobile="13700006666", name="老王装修")
    town = RegionFactory()
    html = (
        login(staff)
        .post(
            reverse("jobs:employer_create"),
            {
                "kind": "individual",
                "name": "王师傅",
                "contact_name": "王",
                "contact_mobile": "13700006666",
                "region": town.pk,
            },
        )
        .content.decode()
    )
    assert existing.name in html
    assert Employer.objects.count() == 1


def test_the_workbench_shows_the_postings_to_review_panel_with_its_count(login):
    PendingJobFactory.create_batch(2)
    html = login(ReviewerFactory()).get(reverse("core:workbench")).content.decode()
    assert 'id="panel-jobs-review"' in html
    assert "2" in html.split('id="panel-jobs-review"')[1][:400]


def test_the_rule_list_lets_the_county_admin_add_a_phrase_the_checker_then_uses(login):
    from jobs.checker import active_rules, check_text

    login(AdminFactory()).post(
        reverse("jobs:rule_list"),
        {
            "category": "money",
            "severity": "block",
            "pattern": "保证金",
            "note": "",
        },
    )
    assert any(f.category == "money" for f in check_text("交保证金500", active_rules()))


def test_the_job_export_covers_only_the_staffs_station_and_masks_contacts(login):
    station = StationFactory()
    staff = StationAssignmentFactory(station=station).user
    OpenJobFactory(
        station=station, title="本站岗位", employer=EmployerFactory(contact_mobile="13711112222")
    )
    OpenJobFactory(title="别站岗位")
    body = (
        login(staff)
        .get(reverse("jobs:job_export", kwargs={"fmt": "csv"}))
        .content.decode("utf-8-sig")
    )
    assert "本站岗位" in body and "别站岗位" not in body
    assert "137****2222" in body and "13711112222" not in body


def test_an_open_job_past_its_date_leaves_the_list_even_before_expire_jobs_runs(client):
    OpenJobFactory(
        title="昨天截止", valid_through=timezone.localdate() - datetime.timedelta(days=1)
    )
    OpenJobFactory(title="今天截止", valid_through=timezone.localdate())
    html = client.get(reverse("jobs:job_list")).content.decode()
    assert "今天截止" in html and "昨天截止" not in html
    assert "昨天截止" not in client.get(reverse("jobs:feed_rss")).content.decode()


def test_the_review_queue_is_oldest_first_with_findings_and_the_employers_history(login):
    older = PendingJobFactory(title="先来的", content="促销员，身高160以上")
    newer = PendingJobFactory(title="后来的")
    Job.objects.filter(pk=older.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=3))
    html = login(ReviewerFactory()).get(reverse("jobs:review_queue")).content.decode()
    assert html.index("先来的") < html.index("后来的")
    assert "身高" in html
    assert newer.pk


def test_the_checker_answers_while_the_employer_types(login):
    from tests.gigmarket.factories import EmployerUserFactory

    html = (
        login(EmployerUserFactory())
        .post(reverse("jobs:job_check"), {"content": "男 性 优 先，押　金"})
        .content.decode()
    )
    assert "男 性 优 先" in html and "押\u3000金" in html
    assert "劳动合同法" in html or "Labour Contract Law" in html


def test_employer_search_keeps_the_mobile_out_of_the_url(client, login):
    from tests.gigmarket.factories import StationStaffFactory
    from tests.jobs.factories import EmployerFactory

    employer = EmployerFactory(contact_mobile="13812345678")
    login(StationStaffFactory())
    form = client.get(reverse("jobs:employer_list")).content.decode()
    assert 'method="post"' in form
    response = client.post(reverse("jobs:employer_list"), {"q": "13812345678"})
    assert response.status_code == 200
    assert employer.name in response.content.decode()
    assert "13812345678" not in response.content.decode().replace('value="13812345678"', "")


def test_the_change_log_masks_employer_contacts():
    from auditlog.models import LogEntry

    from tests.jobs.factories import EmployerFactory

    employer = EmployerFactory(contact_mobile="13812345678", contact_name="王建国")
    entry = LogEntry.objects.get_for_object(employer).first()
    assert "13812345678" not in str(entry.changes) and "王建国" not in str(entry.changes)


def test_the_registration_slip_carries_a_sign_in_code_the_waiting_list_reads(client, login):
    from jobs.services.matching import seeker_for_sign_in
    from tests.seekers.factories import SeekerFactory
    from tests.stations.factories import StationAssignmentFactory

    assignment = StationAssignmentFactory()
    seeker = SeekerFactory(station=assignment.station)
    login(assignment.user)
    url = reverse("seekers:seeker_slip", kwargs={"public_id": seeker.public_id})
    body = client.get(url).content.decode()
    assert "出示此码" in body
    # What a scanner types into the sign-in field is the seeker's opaque id.
    assert seeker_for_sign_in(f"  {seeker.public_id}  ") == seeker


def test_staff_of_another_station_cannot_change_or_suspend_an_employer(client, login):
    from jobs.models import Employer
    from tests.jobs.factories import EmployerFactory, OpenJobFactory
    from tests.stations.factories import StationAssignmentFactory, StationFactory

    theirs = StationFactory()
    employer = EmployerFactory(station=theirs)
    job = OpenJobFactory(employer=employer, station=theirs)
    login(StationAssignmentFactory().user)  # works at another station
    edit = reverse("jobs:employer_edit", kwargs={"uuid": employer.uuid})
    suspend = reverse("jobs:employer_suspend", kwargs={"uuid": employer.uuid})
    assert client.get(edit).status_code == 404
    assert client.post(suspend, {"reason": "fraud"}).status_code == 404
    employer.refresh_from_db()
    job.refresh_from_db()
    assert not employer.suspended and job.status == "open"
    assert not Employer.objects.filter(pk=employer.pk, verified_at__isnull=False).exists()


def test_opening_a_household_employer_for_correction_is_logged(client, login):
    from gigmarket.models import PersonalDataAccess
    from tests.jobs.factories import EmployerFactory
    from tests.stations.factories import StationAssignmentFactory

    assignment = StationAssignmentFactory()
    employer = EmployerFactory(station=assignment.station, kind="household", credit_code="")
    login(assignment.user)
    client.get(reverse("jobs:employer_edit", kwargs={"uuid": employer.uuid}))
    assert PersonalDataAccess.objects.filter(
        user=assignment.user, object_id=str(employer.pk)
    ).exists()


def test_the_priority_ledger_shows_days_since_each_person_was_last_placed(client, login):
    from tests.jobs.factories import PlacementFactory
    from tests.seekers.factories import SeekerFactory
    from tests.stations.factories import StationAssignmentFactory

    assignment = StationAssignmentFactory()
    placed = SeekerFactory(station=assignment.station, details={"priority_groups": ["older"]})
    never = SeekerFactory(station=assignment.station, details={"priority_groups": ["disabled"]})
    PlacementFactory(
        seeker=placed, state="completed", confirmed_at=timezone.now() - datetime.timedelta(days=12)
    )
    login(assignment.user)
    response = client.get(reverse("seekers:priority_ledger"))
    rows = {row.pk: row for row in response.context["rows"]}
    assert rows[placed.pk].days_since_placed == 12
    assert rows[never.pk].days_since_placed is None
    assert "12 天前" in response.content.decode()


def test_staff_cannot_open_an_online_employer_that_has_no_job_with_their_station(client, login):
    """Issue #12: staff of any station could open and edit an employer with no station and see
    its mobile in full."""
    from tests.jobs.factories import EmployerFactory, JobFactory
    from tests.stations.factories import StationAssignmentFactory

    assignment = StationAssignmentFactory()
    online = EmployerFactory(station=None, region=assignment.station.region)
    login(assignment.user)
    edit = reverse("jobs:employer_edit", kwargs={"uuid": online.uuid})
    assert client.get(edit).status_code == 404
    assert (
        client.post(reverse("jobs:employer_verify", kwargs={"uuid": online.uuid})).status_code
        == 404
    )
    page = client.get(reverse("jobs:employer_detail", kwargs={"uuid": online.uuid}))
    assert online.contact_mobile not in page.content.decode()
    JobFactory(employer=online, station=assignment.station)  # now their station answers for it
    assert client.get(edit).status_code == 200


def test_opening_a_job_for_editing_logs_that_staff_saw_the_contact_phone(client, login):
    """Issue #12: the job edit page showed the employer's mobile to staff without a log row."""
    from gigmarket.models import PersonalDataAccess
    from tests.jobs.factories import EnterpriseFactory, JobFactory
    from tests.stations.factories import StationAssignmentFactory

    assignment = StationAssignmentFactory()
    employer = EnterpriseFactory(station=assignment.station, contact_mobile="13812345678")
    job = JobFactory(employer=employer, station=assignment.station, contact_phone="13812345678")
    login(assignment.user)
    page = client.get(reverse("jobs:job_edit", kwargs={"pk": job.pk}))
    assert page.status_code == 200 and "13812345678" in page.content.decode()
    assert PersonalDataAccess.objects.filter(
        user=assignment.user, object_id=str(employer.pk)
    ).exists()
    PersonalDataAccess.objects.all().delete()
    client.get(reverse("jobs:employer_edit", kwargs={"uuid": employer.uuid}))
    assert PersonalDataAccess.objects.filter(user=assignment.user).exists(), "enterprises too"


def test_the_staff_job_search_keeps_what_was_typed_out_of_the_url(client, login):
    """Issue #12: staff search terms (often a person's name or mobile) ended up in access logs."""
    from tests.jobs.factories import OpenJobFactory
    from tests.stations.factories import StationAssignmentFactory

    job = OpenJobFactory(title="王建国家搬家", content="联系 13812345678")
    other = OpenJobFactory(station=job.station, title="保洁")
    login(StationAssignmentFactory(station=job.station).user)
    page = client.get(reverse("jobs:manage_list")).content.decode()
    assert re.search(r'<form method="post"[^>]*role="search"', page)
    response = client.post(reverse("jobs:manage_list"), {"q": "王建国"})
    body = response.content.decode()
    assert response.status_code == 200 and job.title in body and other.title not in body
    # A typed search in the query string is not a search any more.
    assert other.title in client.get(reverse("jobs:manage_list"), {"q": "王建国"}).content.decode()


def test_employer_registration_texts_from_one_address_are_limited(client, texts):
    from gigmarket import phone_codes

    town = Region.objects.get_or_create(
        code="520999001", defaults={"name": "城关街道", "level": "township"}
    )[0]
    for n in range(phone_codes.TEXTS_PER_ADDRESS_PER_HOUR + 3):
        assert _register_employer(client, f"137{n:08d}", town).status_code == 302
    assert len(texts) == phone_codes.TEXTS_PER_ADDRESS_PER_HOUR


def test_the_checker_reads_a_bounded_text_from_a_posted_job_form(login, monkeypatch):
    # The findings beside the form are drawn from the raw POST, before the form's length limits:
    # a few megabytes of text must not all go through every rule.
    from jobs import checker
    from tests.gigmarket.factories import EmployerUserFactory

    lengths = []
    real = checker.check_text

    def recording(text, rules):
        lengths.append(len(text))
        return real(text[:100], rules)

    monkeypatch.setattr(checker, "check_text", recording)
    client = login(EmployerFactory(user=EmployerUserFactory()).user)
    page = client.post(reverse("jobs:job_create"), {"title": "搬运工", "content": "搬" * 100_000})
    assert page.status_code == 200  # the form again, with its errors and the findings
    client.post(reverse("jobs:job_check"), {"content": "搬" * 100_000})
    assert lengths and max(lengths) <= postings.CHECKED_TEXT_LIMIT
