"""Guidance pages: the window's flow, the plan for the person, registration help and the
provincial export, the insurance prompt, and pinned query counts of the lists."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import PersonalDataAccess
from guidance.models import Guidance, InsuranceAdvice, Registration
from guidance.services import registration_record
from tests.gigmarket.factories import AdminFactory, SeekerUserFactory
from tests.guidance.factories import desk, give
from tests.jobs.factories import OpenJobFactory, PlacementFactory
from tests.training.factories import EnrollingProgrammeFactory

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user, backend="gigmarket.backends.UsernameOrMobileBackend")


def test_at_the_window_staff_find_the_person_and_record_guidance_with_a_referral(client):
    station, staff, seeker = desk()
    programme = EnrollingProgrammeFactory()
    _login(client, staff)
    found = client.post(reverse("guidance:index"), {"q": seeker.mobile}).content.decode()
    assert reverse("guidance:guidance_create", args=[seeker.public_id]) in found
    assert seeker.masked_mobile in found and found.count(seeker.mobile) == 1  # only as typed
    response = client.post(
        reverse("guidance:guidance_create", args=[seeker.public_id]),
        {
            "goals": "找一份离家近的日结活",
            "health_limits": "腰不好",
            "documents_step": "带身份证",
            "programme": programme.pk,
            "follow_up_on": str(timezone.localdate() + datetime.timedelta(days=7)),
        },
    )
    guidance = Guidance.objects.get(seeker=seeker)
    assert response.status_code == 302 and response["Location"] == guidance.get_absolute_url()
    assert sorted(guidance.steps.values_list("kind", flat=True)) == [
        "documents",
        "follow_up",
        "training",
    ]
    page = client.get(guidance.get_absolute_url()).content.decode()
    assert "腰不好" not in page  # hidden until asked for, with a purpose
    shown = client.post(
        reverse("guidance:health_reveal", args=[guidance.public_id]), {"purpose": "推荐岗位"}
    ).content.decode()
    assert "腰不好" in shown
    assert PersonalDataAccess.objects.filter(user=staff, object_id=str(guidance.pk)).exists()


def test_an_empty_goal_is_refused_next_to_the_field_and_nothing_is_saved(client):
    _station, staff, seeker = desk()
    _login(client, staff)
    response = client.post(reverse("guidance:guidance_create", args=[seeker.public_id]), {})
    assert response.status_code == 200
    assert "field-error" in response.content.decode()
    assert not Guidance.objects.exists()


def test_the_person_sees_the_plan_in_plain_words_and_it_prints_on_one_page(client):
    _station, staff, seeker = desk()
    user = SeekerUserFactory()
    seeker.user = user
    seeker.save(update_fields=["user"])
    give(staff, seeker, steps=[{"kind": "documents", "text": "带身份证和银行卡"}])
    _login(client, user)
    me = client.get(reverse("core:me")).content.decode()
    assert "带身份证和银行卡" in me and "我的服务方案" in me
    assert "腰不好" not in me  # the assessment stays with the staff
    plan = client.get(reverse("guidance:my_plan")).content.decode()
    assert "带身份证和银行卡" in plan and "css/guidance.css" in plan
    assert "腰不好" not in plan


def test_employment_registration_is_prefilled_from_a_long_term_placement(client):
    station, staff, seeker = desk()
    job = OpenJobFactory(end_date=None, station=station)
    PlacementFactory(job=job, seeker=seeker, state="on_duty", confirmed_at=timezone.now())
    _login(client, staff)
    page = client.get(reverse("guidance:registration_create", args=[seeker.public_id]))
    form = page.context["form"]
    assert form.initial["kind"] == "employment"
    assert form.initial["employer_name"] == job.employer.name
    response = client.post(
        reverse("guidance:registration_create", args=[seeker.public_id]),
        {
            "kind": "employment",
            "employer_name": job.employer.name,
            "start_date": str(job.start_date),
            "placement": form.initial["placement"],
        },
    )
    registration = Registration.objects.get()
    assert response["Location"] == registration.get_absolute_url()
    assert registration.placement.job == job
    slip = client.get(registration.get_absolute_url()).content.decode()
    assert job.employer.name in slip and "尚未返回" in slip


def test_the_provincial_export_is_admin_only_has_the_documented_columns_and_is_logged(client):
    _station, staff, seeker = desk()
    registration_record(
        by=staff,
        seeker=seeker,
        kind="unemployment",
        unemployed_on=timezone.localdate(),
        reason="resigned",
    )
    month = f"{timezone.localdate():%Y-%m}"
    _login(client, staff)
    assert client.get(reverse("guidance:registration_export"), {"month": month}).status_code == 403
    admin = AdminFactory()
    _login(client, admin)
    response = client.get(
        reverse("guidance:registration_export"), {"month": month, "unfiled": "on"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["证件类型", "证件号码", "姓名", "登记类别"]
    assert rows[1][1] == seeker.id_number and rows[1][3] == "2" and rows[1][8] == "resigned"
    assert "手机" not in "".join(rows[0])  # only what the upload needs
    assert PersonalDataAccess.objects.filter(user=admin, object_id=str(seeker.pk)).count() == 1


def test_the_insurance_prompt_is_on_the_workbench_and_the_answer_is_recorded(client):
    station, staff, seeker = desk()
    from jobs.services.matching import placement_confirm

    job = OpenJobFactory(station=station, start_date=timezone.localdate() + datetime.timedelta(1))
    placement_confirm(placement=PlacementFactory(job=job, seeker=seeker), by=staff)
    advice = InsuranceAdvice.objects.get()
    _login(client, staff)
    bench = client.get(reverse("core:workbench")).content.decode()
    assert "推荐意外险" in bench and job.title in bench
    client.post(reverse("guidance:advice_record", args=[advice.public_id]), {"to": "declined"})
    advice.refresh_from_db()
    assert advice.status == "due"  # a decline needs a reason: nothing saved
    client.post(
        reverse("guidance:advice_record", args=[advice.public_id]),
        {"to": "declined", "reason": "自己已经买了商业险"},
    )
    advice.refresh_from_db()
    assert advice.status == "declined"


def test_lists_have_pinned_query_counts(client, django_assert_max_num_queries):
    _station, staff, seeker = desk()
    for _ in range(3):
        give(
            staff,
            seeker,
            steps=[{"kind": "follow_up", "text": "回访", "due_on": timezone.localdate()}],
        )
        registration_record(
            by=staff,
            seeker=seeker,
            kind="unemployment",
            unemployed_on=timezone.localdate(),
            reason="resigned",
        )
    _login(client, staff)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("guidance:index")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("guidance:registration_list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("guidance:advice_list")).status_code == 200
