"""Pages of the rights app: public filing from a phone, tracking, and the staff's case pages."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gigmarket.models import PersonalDataAccess
from rights import services
from rights.models import Complaint
from tests.jobs.factories import OpenJobFactory
from tests.rights.conftest import PDF, PNG
from tests.rights.factories import ClosedComplaintFactory, ComplaintFactory, OverdueComplaintFactory

pytestmark = pytest.mark.django_db


def _form(station, **extra):
    data = {
        "idempotency_key": "key-1",
        "website": "",
        "kind": "unpaid_wages",
        "respondent_text": "某装修队",
        "description": "干了20天，老板不给钱",
        "amount_owed": "3200",
        "people_affected": "4",
        "name": "王德明",
        "mobile": "13900000101",
        "station": station.pk,
    }
    data.update(extra)
    return data


def test_filing_from_a_phone_gives_a_tracking_number_and_double_submit_makes_one_case(
    client, station
):
    url = reverse("rights:complaint_create")
    first = client.post(url, _form(station, evidence=SimpleUploadedFile("a.png", PNG)))
    assert first.status_code == 302 and first["Location"] == reverse("rights:complaint_receipt")
    second = client.post(url, _form(station, evidence=SimpleUploadedFile("a.png", PNG)))
    assert second.status_code == 302
    assert Complaint.objects.count() == 1
    complaint = Complaint.objects.get()
    receipt = client.get(reverse("rights:complaint_receipt"))
    assert complaint.number in receipt.content.decode()
    assert "13900000101" not in first["Location"] + second["Location"]


def test_honeypot_saves_nothing(client, station):
    response = client.post(
        reverse("rights:complaint_create"), _form(station, website="http://spam")
    )
    assert response.status_code == 302
    assert Complaint.objects.count() == 0


def test_rate_limit_per_mobile_with_a_clear_message(client, station, settings):
    settings.RIGHTS_FILING_LIMIT_PER_MOBILE = 2
    url = reverse("rights:complaint_create")
    for n in range(2):
        assert client.post(url, _form(station, idempotency_key=f"k{n}")).status_code == 302
    response = client.post(url, _form(station, idempotency_key="k9"))
    assert response.status_code == 200
    assert "太多" in response.content.decode() or "Too many" in response.content.decode()
    assert Complaint.objects.count() == 2


def test_rate_limit_per_address(client, station, settings):
    settings.RIGHTS_FILING_LIMIT_PER_IP = 1
    url = reverse("rights:complaint_create")
    assert client.post(url, _form(station, idempotency_key="a")).status_code == 302
    response = client.post(url, _form(station, idempotency_key="b", mobile="13900000102"))
    assert response.status_code == 200 and Complaint.objects.count() == 1


def test_bad_input_is_shown_next_to_the_field_and_nothing_saved(client, station):
    response = client.post(
        reverse("rights:complaint_create"), _form(station, mobile="12345", amount_owed="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"mobile", "amount_owed"}
    assert Complaint.objects.count() == 0


def test_a_pdf_renamed_to_exe_or_an_exe_renamed_to_png_is_refused(client, station):
    response = client.post(
        reverse("rights:complaint_create"),
        _form(station, evidence=SimpleUploadedFile("slip.png", b"MZ\x90\x00binary")),
    )
    assert response.status_code == 200 and "evidence" in response.context["form"].errors


def test_report_this_job_link_pre_picks_the_job(client, station):
    job = OpenJobFactory(station=station)
    page = client.get(reverse("rights:complaint_create") + f"?job={job.pk}")
    assert job.title in page.content.decode()
    client.post(
        reverse("rights:complaint_create"),
        _form(station, job=job.pk, kind="fake_posting", respondent_text="", amount_owed=""),
    )
    complaint = Complaint.objects.get()
    assert complaint.job == job and complaint.employer == job.employer


def test_tracking_needs_number_and_mobile_and_keeps_the_mobile_out_of_urls(client, station):
    complaint = ComplaintFactory(station=station, complainant_mobile="13900000101")
    status_url = reverse("rights:complaint_status", args=[complaint.number])
    assert client.get(status_url).status_code == 302
    wrong = client.post(
        reverse("rights:complaint_track"), {"number": complaint.number, "mobile": "13900000109"}
    )
    assert wrong.status_code == 200 and client.get(status_url).status_code == 302
    right = client.post(
        reverse("rights:complaint_track"),
        {"number": complaint.number.lower(), "mobile": "139-0000-0101"},
    )
    assert right.status_code == 302 and right["Location"] == status_url
    assert "13900000101" not in right["Location"]
    page = client.get(status_url)
    assert page.status_code == 200 and complaint.number in page.content.decode()
    assert "13900000101" not in page.content.decode()


def test_failed_look_ups_are_limited(client, station, settings):
    settings.RIGHTS_LOOKUP_FAILURES_PER_IP = 2
    complaint = ComplaintFactory(station=station)
    url = reverse("rights:complaint_track")
    for _ in range(2):
        client.post(url, {"number": complaint.number, "mobile": "13900000000"})
    response = client.post(
        url, {"number": complaint.number, "mobile": complaint.complainant_mobile}
    )
    assert response.status_code == 200


def test_complainant_sees_the_full_one_time_notice(client, station, staff):
    complaint = ComplaintFactory(station=station)
    services.complaint_request_material(
        complaint=complaint,
        by=staff,
        items=["wage_slips", "work_proof", "identity"],
        note="工友证明",
    )
    session = client.session
    session["rights_tracked"] = [complaint.number]
    session.save()
    html = client.get(reverse("rights:complaint_status", args=[complaint.number])).content.decode()
    notice = html[html.index('id="missing-material"') :]
    assert notice.count("<li>") == 4 and "工友证明" in notice


def test_complainant_rates_a_closed_case(client, station):
    complaint = ClosedComplaintFactory(station=station)
    session = client.session
    session["rights_tracked"] = [complaint.number]
    session.save()
    response = client.post(
        reverse("rights:complaint_rate", args=[complaint.number]), {"score": "4", "comment": "还行"}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.satisfaction == 4 and complaint.satisfaction_comment == "还行"


def test_staff_intake_makes_them_first_responder(login, station, staff):
    client = login(staff)
    data = _form(station)
    del data["website"]
    response = client.post(reverse("rights:complaint_intake"), data)
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == complaint.get_absolute_url()
    assert complaint.first_responder == staff and complaint.channel == "window"


def test_staff_walk_a_case_through_the_pages(login, station, staff):
    complaint = ComplaintFactory(station=station)
    client = login(staff)

    def post(name, data=None):
        return client.post(reverse(f"rights:{name}", args=[complaint.public_id]), data or {})

    assert post("complaint_notice", {"items": ["wage_slips", "work_proof"]}).status_code == 302
    assert post("complaint_accept").status_code == 302
    assert post("complaint_mediate").status_code == 302
    response = post("complaint_resolve", {"outcome": "", "recovered_amount": "3200"})
    assert response.status_code == 400 and "outcome" in response.context["resolve_form"].errors
    assert (
        post(
            "complaint_resolve",
            {"outcome": "结清", "recovered_amount": "3200", "recovered_people": "4"},
        ).status_code
        == 302
    )
    assert post("complaint_close").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "closed" and complaint.recovered_amount == 3200
    page = client.get(complaint.get_absolute_url()).content.decode()
    assert "3,200.00" in page


def test_other_stations_staff_get_404(login, station, other_staff):
    complaint = ComplaintFactory(station=station)
    client = login(other_staff)
    assert client.get(complaint.get_absolute_url()).status_code == 404
    assert (
        client.post(reverse("rights:complaint_accept", args=[complaint.public_id])).status_code
        == 404
    )


def test_county_admin_sees_the_complainant_masked_and_reveal_is_logged(
    login, station, county_admin
):
    complaint = ComplaintFactory(
        station=station, complainant_name="王德明", complainant_mobile="13900000101"
    )
    client = login(county_admin)
    html = client.get(complaint.get_absolute_url()).content.decode()
    assert "13900000101" not in html and "王德明" not in html and "139****0101" in html
    revealed = client.post(
        reverse("rights:complaint_reveal", args=[complaint.public_id])
    ).content.decode()
    assert "13900000101" in revealed
    assert PersonalDataAccess.objects.filter(
        user=county_admin, object_id=str(complaint.pk)
    ).exists()


def test_a_two_character_name_is_masked_to_the_family_name_for_a_county_admin(
    login, station, county_admin
):
    """The name is masked as a name (韩*), not guessed as an address that keeps two characters."""
    complaint = ComplaintFactory(station=station, complainant_name="韩梅")
    html = login(county_admin).get(complaint.get_absolute_url()).content.decode()
    assert "韩梅" not in html and "韩*" in html


def test_handling_staff_see_the_complainant_and_the_view_is_logged(login, station, staff):
    complaint = ComplaintFactory(station=station, complainant_mobile="13900000101")
    assert "13900000101" in login(staff).get(complaint.get_absolute_url()).content.decode()
    assert PersonalDataAccess.objects.filter(user=staff, object_id=str(complaint.pk)).exists()


def test_admin_outside_the_region_gets_404(login, station):
    from tests.gigmarket.factories import AdminFactory, RegionFactory

    admin = AdminFactory(region=RegionFactory(code="520111"))
    complaint = ComplaintFactory(station=station)
    assert login(admin).get(complaint.get_absolute_url()).status_code == 404


def test_evidence_is_served_only_to_handlers_as_a_download(
    client, login, station, staff, other_staff
):
    complaint, _ = services.complaint_file(
        by=None,
        station=station,
        kind="unpaid_wages",
        name="王",
        mobile="13900000101",
        description="x",
        respondent_text="y",
        amount_owed=1,
        people_affected=1,
        files=[SimpleUploadedFile("合同.pdf", PDF)],
    )
    evidence = complaint.evidence.get()
    assert "合同" not in evidence.file.name and evidence.file.name.startswith("rights/evidence/")
    url = reverse("rights:evidence_download", args=[complaint.public_id, evidence.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    assert login(other_staff).get(url).status_code == 404
    response = login(staff).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == PDF
    assert PersonalDataAccess.objects.filter(
        user=staff, object_id=str(complaint.pk), purpose__contains=f"#{evidence.pk}"
    ).exists(), "opening evidence (often an ID card copy) is logged for the auditor"
    assert not PersonalDataAccess.objects.filter(purpose__contains="合同").exists(), (
        "a file name may carry a name: it stays out of the audit log"
    )


def test_overdue_list_per_station_and_county(login, station, other_station, staff, county_admin):
    OverdueComplaintFactory(station=station, number="TS26-AAAA-AAAA")
    OverdueComplaintFactory(station=other_station, number="TS26-BBBB-BBBB")
    ComplaintFactory(station=station, number="TS26-CCCC-CCCC")
    staff_page = login(staff).get(reverse("rights:complaint_overdue")).content.decode()
    assert "TS26-AAAA-AAAA" in staff_page and "TS26-BBBB-BBBB" not in staff_page
    assert "TS26-CCCC-CCCC" not in staff_page
    admin_page = login(county_admin).get(reverse("rights:complaint_overdue")).content.decode()
    assert "TS26-AAAA-AAAA" in admin_page and "TS26-BBBB-BBBB" in admin_page


def test_case_list_query_count_is_pinned(login, station, staff, django_assert_max_num_queries):
    for _ in range(25):
        ComplaintFactory(station=station)
    client = login(staff)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("rights:complaint_list"))
    assert response.status_code == 200 and len(response.context["page"].object_list) == 25


def test_workbench_and_me_panels(login, station, staff):
    from tests.gigmarket.factories import SeekerUserFactory

    OverdueComplaintFactory(station=station, number="TS26-DDDD-DDDD")
    html = login(staff).get(reverse("core:workbench")).content.decode()
    assert "TS26-DDDD-DDDD" in html
    seeker = SeekerUserFactory(phone="13900000777")
    ComplaintFactory(
        station=station,
        complainant_mobile="13900000777",
        complainant_user=seeker,
        number="TS26-EEEE-EEEE",
    )
    me = login(seeker).get(reverse("core:me")).content.decode()
    assert "TS26-EEEE-EEEE" in me
    status = login(seeker).get(reverse("rights:complaint_status", args=["TS26-EEEE-EEEE"]))
    assert status.status_code == 200


def test_an_account_opened_with_someone_elses_mobile_does_not_see_their_complaints(login, station):
    """Account mobiles are not verified: a case filed without the account stays behind
    tracking number + mobile, even when the account's mobile is the complainant's."""
    from tests.gigmarket.factories import SeekerUserFactory

    ComplaintFactory(station=station, complainant_mobile="13900000888", number="TS26-FFFF-FFFF")
    impostor = login(SeekerUserFactory(phone="13900000888"))
    assert "TS26-FFFF-FFFF" not in impostor.get(reverse("core:me")).content.decode()
    status = impostor.get(reverse("rights:complaint_status", args=["TS26-FFFF-FFFF"]))
    assert status.status_code == 302 and status.url == reverse("rights:complaint_track")


def test_county_admin_adds_a_holiday(login, county_admin):
    client = login(county_admin)
    response = client.post(reverse("rights:holiday_list"), {"date": "2026-10-01", "name": "国庆节"})
    assert response.status_code == 302
    from rights.models import Holiday

    assert Holiday.objects.filter(date=datetime.date(2026, 10, 1)).exists()


def test_tracking_number_format_is_human_friendly(client, station):
    client.post(reverse("rights:complaint_create"), _form(station))
    assert re.fullmatch(
        r"TS\d{2}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}", Complaint.objects.get().number
    )


def test_overdue_page_query_count_is_pinned(
    login, station, county_admin, django_assert_max_num_queries
):
    from tests.stations.factories import StationFactory

    for n in range(5):
        other = StationFactory(code=f"s{n}", region=station.region)
        for _ in range(3):
            OverdueComplaintFactory(station=other)
    client = login(county_admin)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("rights:complaint_overdue"))
    assert response.context["total"] == 15


def test_the_unpaid_wage_button_arrives_with_the_kind_chosen(client):
    import re

    from django.urls import reverse

    chosen = re.compile(r'<input[^>]*value="unpaid_wages"[^>]*checked')
    body = client.get(reverse("rights:complaint_create") + "?kind=unpaid_wages").content.decode()
    assert chosen.search(body)
    other = client.get(reverse("rights:complaint_create") + "?kind=nonsense").content.decode()
    assert not chosen.search(other)


@pytest.mark.parametrize(
    "typed",
    ["ts{yy}{a}{b}", "TS{yy} {a} {b}", " ts{yy}-{a}-{b} ", "ｔｓ{yy}－{a}－{b}", "Ts{yy}—{a} {b}"],
)
def test_tracking_numbers_are_found_in_any_case_and_spacing(client, station, typed):
    """#12: a number typed in lowercase without dashes (or read out with spaces) still opens the case."""
    complaint = ComplaintFactory(station=station, complainant_mobile="13900000101")
    yy, a, b = complaint.number[2:4], complaint.number[5:9], complaint.number[10:14]
    response = client.post(
        reverse("rights:complaint_track"),
        {"number": typed.format(yy=yy.lower(), a=a.lower(), b=b.lower()), "mobile": "13900000101"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("rights:complaint_status", args=[complaint.number])


def test_normalize_tracking_number_restores_the_dashes():
    assert services.normalize_tracking_number("ts267k3mq9xp") == "TS26-7K3M-Q9XP"
    assert services.normalize_tracking_number("TS26 7K3M Q9XP") == "TS26-7K3M-Q9XP"
    assert services.normalize_tracking_number("nonsense") == "NONSENSE"


# ---- #12: what a kind requires is marked, named all at once, and "不清楚" is an amount ----


def test_unpaid_wages_accepts_an_unknown_amount(client, station):
    response = client.post(reverse("rights:complaint_create"), _form(station, amount_owed="不清楚"))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.amount_owed is None and complaint.amount_unknown


def test_amounts_typed_as_people_type_them_are_understood(client, station):
    response = client.post(
        reverse("rights:complaint_create"), _form(station, amount_owed="３,２００元")
    )
    assert response.status_code == 302
    assert Complaint.objects.get().amount_owed == 3200


def test_everything_missing_for_unpaid_wages_is_named_at_once_without_javascript(client, station):
    response = client.post(
        reverse("rights:complaint_create"),
        _form(station, amount_owed="", people_affected="", respondent_text="", name="", mobile="1"),
    )
    assert response.status_code == 200 and Complaint.objects.count() == 0
    form = response.context["form"]
    assert form.errors.keys() >= {
        "amount_owed",
        "people_affected",
        "respondent_text",
        "name",
        "mobile",
    }
    summary = " ".join(form.non_field_errors())
    for label in ("被拖欠金额", "被欠薪人数", "投诉对象", "您的姓名"):
        assert label in summary, label
    body = response.content.decode()
    assert "不清楚" in body  # the amount's error says what to write when it is not known


def test_the_fields_a_kind_needs_are_marked_required_when_it_is_chosen(client):
    marked = re.compile(r'<label for="id_amount_owed">[^<]*<span class="required"')
    chosen = client.get(reverse("rights:complaint_create") + "?kind=unpaid_wages").content.decode()
    assert marked.search(chosen)
    assert 'data-required-for="unpaid_wages"' in chosen  # for the page to mark it when ticked
    other = client.get(reverse("rights:complaint_create") + "?kind=safety").content.decode()
    assert not marked.search(other)


def test_at_the_window_an_employer_picked_from_the_list_is_against_whom(login, station, staff):
    from tests.jobs.factories import EmployerFactory

    employer = EmployerFactory()
    data = _form(station, respondent_text="", amount_owed="不清楚", employer=employer.pk)
    del data["website"]
    response = login(staff).post(reverse("rights:complaint_intake"), data)
    assert response.status_code == 302, response.context["form"].errors
    complaint = Complaint.objects.get()
    assert complaint.employer == employer and complaint.amount_unknown


def test_a_status_address_typed_in_lowercase_goes_to_the_case(client, station):
    complaint = ComplaintFactory(station=station)
    session = client.session
    session["rights_tracked"] = [complaint.number]
    session.save()
    typed = complaint.number.lower().replace("-", "")
    response = client.get(reverse("rights:complaint_status", args=[typed]))
    assert response["Location"] == reverse("rights:complaint_status", args=[complaint.number])
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("typed", ["-5", "abc", "1e20", "NaN"])
def test_an_amount_that_is_not_a_sum_of_yuan_is_refused_next_to_the_field(client, station, typed):
    response = client.post(reverse("rights:complaint_create"), _form(station, amount_owed=typed))
    assert response.status_code == 200 and "amount_owed" in response.context["form"].errors
    assert Complaint.objects.count() == 0
