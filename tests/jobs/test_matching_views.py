"""Instant hire pages: sign-up from the phone, the waiting list, candidates with reasons,
dispatch, the headcount, result confirmation, the Me and workbench panels."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from gigmarket.models import Region
from jobs import services
from jobs.models import Job, Placement, WaitingEntry
from stations.models import ServiceRecord
from tests.gigmarket.factories import SeekerUserFactory
from tests.jobs.factories import EmployerFactory, OpenJobFactory, PlacementFactory
from tests.seekers.factories import SeekerFactory, occupation
from tests.stations.factories import StationAssignmentFactory, StationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def town():
    county, _ = Region.objects.get_or_create(
        code="520999", defaults={"name": "示范县", "level": "county"}
    )
    town, _ = Region.objects.get_or_create(
        code="520999101", defaults={"name": "城关镇", "level": "township", "parent": county}
    )
    return town


@pytest.fixture
def station(town):
    return StationFactory(code="chengguan", region=town)


@pytest.fixture
def staff(station):
    return StationAssignmentFactory(station=station).user


def _cleaning_job(station, town, **extra):
    employer = EmployerFactory(kind="household", region=town)
    return OpenJobFactory(
        employer=employer,
        station=station,
        region=town,
        title="家庭保洁",
        occupation=occupation("4-01"),
        headcount=3,
        work_hours="08:00-12:00",
        **extra,
    )


def test_done_when_waiting_list_first_dispatch_race_complete_filled(login, station, staff, town):
    """A household posts a cleaning job for today; staff see three people from this morning's
    waiting list at the top with reasons, dispatch two; the last place goes to exactly one of two
    confirmations; the work is completed and paid, and the job shows filled."""
    job = _cleaning_job(station, town)
    waiting = [SeekerFactory(station=station, details={"home_region": town}) for _ in range(3)]
    for seeker in waiting:
        services.waiting_sign_in(station=station, seeker=seeker, by=staff)
    SeekerFactory(station=station)  # in the register, not at the station today
    client = login(staff)

    page = client.get(reverse("jobs:job_candidates", kwargs={"pk": job.pk}))
    assert page.status_code == 200
    top = page.context["candidates"][:3]
    assert {c.seeker.pk for c in top} == {s.pk for s in waiting}
    assert all(c.reasons for c in top)
    assert "城关" in page.content.decode() or "Waiting at" in page.content.decode()

    for seeker in waiting[:2]:
        url = reverse(
            "jobs:placement_recommend", kwargs={"pk": job.pk, "public_id": seeker.public_id}
        )
        assert client.post(url).status_code == 302
    for placement in Placement.objects.filter(job=job):
        assert (
            client.post(reverse("jobs:placement_confirm", kwargs={"pk": placement.pk})).status_code
            == 302
        )
    # Two more people for the last place; two staff confirm (serially here; see test_concurrency).
    late = [PlacementFactory(job=job, seeker=SeekerFactory()) for _ in range(2)]
    other_staff = StationAssignmentFactory(station=station).user
    client.post(reverse("jobs:placement_confirm", kwargs={"pk": late[0].pk}))
    login(other_staff)
    response = client.post(
        reverse("jobs:placement_confirm", kwargs={"pk": late[1].pk}), follow=True
    )
    assert "已满" in response.content.decode() or "full" in response.content.decode()
    assert Placement.objects.filter(job=job).confirmed_or_later().count() == 3
    job.refresh_from_db()
    assert job.status == Job.Status.FILLED

    done = Placement.objects.filter(job=job, state="confirmed").first()
    client.post(reverse("jobs:placement_start", kwargs={"pk": done.pk}))  # on duty first
    response = client.post(
        reverse("jobs:placement_complete", kwargs={"pk": done.pk}),
        {
            "actual_days": "1",
            "actual_hours": "4",
            "pay_amount": "150",
            "pay_unit": "day",
            "paid_amount": "150",
            "paid_in_full": "yes",
            "paid_on_time": "yes",
        },
    )
    assert response.status_code == 302
    done.refresh_from_db()
    assert done.state == "completed" and done.paid_in_full and done.pay_per_day == Decimal("150.00")
    assert ServiceRecord.objects.filter(kind="matching", station=station).count() >= 6
    assert client.get(job.get_absolute_url()).context["job"].status == "filled"


def test_candidates_page_query_count_is_pinned(
    login, station, staff, town, django_assert_max_num_queries
):
    job = _cleaning_job(station, town)
    for i in range(12):
        seeker = SeekerFactory(
            station=station, details={"priority_groups": ["older"]} if i % 3 else {}
        )
        if i < 4:
            services.waiting_sign_in(station=station, seeker=seeker, by=staff)
        if i == 5:
            PlacementFactory(job=job, seeker=seeker, state="applied", origin="applied")
        if i in (6, 7):
            PlacementFactory(job=job, seeker=seeker, state="confirmed")
    client = login(staff)
    # 18 before the register was read tier by tier (village, township, county, elsewhere):
    # at most 3 more queries, each stopping after the rows it needs.
    with django_assert_max_num_queries(21):
        response = client.get(reverse("jobs:job_candidates", kwargs={"pk": job.pk}))
    assert response.status_code == 200
    assert len(response.context["candidates"]) == 10  # 1 sign-up, 4 waiting, 5 from the register
    assert response.context["candidates"][0].tier == 0


def test_ranking_puts_recent_no_shows_last_and_priority_first_among_equals(station, staff, town):
    from jobs.ranking import candidates_for

    job = _cleaning_job(station, town)
    plain = SeekerFactory(station=station, details={"home_region": town})
    priority = SeekerFactory(
        station=station, details={"home_region": town, "priority_groups": ["disabled"]}
    )
    flaky = SeekerFactory(
        station=station, details={"home_region": town, "priority_groups": ["older"]}
    )
    PlacementFactory(seeker=flaky, state="no_show")
    ranked = [c.seeker.pk for c in candidates_for(job)]
    assert ranked.index(priority.pk) < ranked.index(plain.pk) < ranked.index(flaky.pk)


def test_ranking_reasons_cover_pay_and_days(station, town):
    from jobs.ranking import candidates_for

    job = _cleaning_job(station, town, pay_min=Decimal("100"))
    picky = SeekerFactory(
        station=station, details={"min_daily_pay": Decimal("300"), "available_days": ["sun"]}
    )
    [c] = [c for c in candidates_for(job) if c.seeker.pk == picky.pk]
    assert any("300" in r for r in c.concerns)


def test_seeker_signs_up_in_one_tap_and_sees_it_on_me(login, station, town):
    user = SeekerUserFactory()
    seeker = SeekerFactory(user=user, station=station)
    job = _cleaning_job(station, town)
    client = login(user)
    page = client.get(job.get_absolute_url())
    assert reverse("jobs:job_sign_up", kwargs={"pk": job.pk}) in page.content.decode()
    url = reverse("jobs:job_sign_up", kwargs={"pk": job.pk})
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Placement.objects.filter(job=job, seeker=seeker).count() == 1
    me = client.get(reverse("core:me")).content.decode()
    assert job.title in me
    assert "jobs-placements" in me


def test_lapsed_seeker_is_sent_to_renew(login, station, town):
    user = SeekerUserFactory()
    seeker = SeekerFactory(user=user, station=station)
    seeker.periods.update(
        start=timezone.localdate() - datetime.timedelta(days=200),
        end=timezone.localdate() - datetime.timedelta(days=100),
    )
    job = _cleaning_job(station, town)
    response = login(user).post(reverse("jobs:job_sign_up", kwargs={"pk": job.pk}))
    assert response.url == reverse("seekers:own_renew")
    assert not Placement.objects.exists()


def test_jobs_for_me_ranks_the_wanted_kind_first(login, station, town):
    user = SeekerUserFactory()
    SeekerFactory(user=user, station=station, details={"home_region": town})
    cleaning = _cleaning_job(station, town)
    OpenJobFactory(station=station, title="仓库装卸")  # 4-09, same major group
    response = login(user).get(reverse("jobs:jobs_for_me"))
    matches = response.context["matches"]
    assert matches[0].job == cleaning and matches[0].reasons


def test_waiting_sign_in_page_gives_a_number(login, station, staff):
    seeker = SeekerFactory(mobile="13800001111")
    client = login(staff)
    response = client.post(
        reverse("jobs:waiting_sign_in"),
        {"query": "13800001111", "station": station.pk},
        follow=True,
    )
    assert response.status_code == 200
    entry = WaitingEntry.objects.get(seeker=seeker)
    assert entry.queue_number == 1
    bad = client.post(
        reverse("jobs:waiting_sign_in"), {"query": "13900000000", "station": station.pk}
    )
    assert bad.status_code == 400
    assert bad.context["form"].errors["query"]


def test_waiting_list_query_count_is_pinned(login, station, staff, django_assert_max_num_queries):
    for _ in range(8):
        services.waiting_sign_in(station=station, seeker=SeekerFactory(), by=staff)
    client = login(staff)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("jobs:waiting_list"))
    assert len(response.context["entries"]) == 8


def test_workbench_shows_waiting_and_short_jobs(login, station, staff, town):
    job = _cleaning_job(station, town)
    services.waiting_sign_in(station=station, seeker=SeekerFactory(), by=staff)
    page = login(staff).get(reverse("core:workbench")).content.decode()
    assert "panel-jobs-waiting" in page and "panel-jobs-short" in page
    assert job.title in page


def test_unpaid_wages_link_to_a_complaint_with_the_job(login, station, town):
    user = SeekerUserFactory()
    seeker = SeekerFactory(user=user, station=station)
    job = _cleaning_job(station, town)
    placement = PlacementFactory(job=job, seeker=seeker, state="completed")
    client = login(user)
    client.post(
        reverse("jobs:my_placement_confirm", kwargs={"pk": placement.pk}),
        {"paid_in_full": "no", "note": "欠200元"},
    )
    me = client.get(reverse("core:me")).content.decode()
    assert f"{reverse('rights:complaint_create')}?job={job.pk}" in me


def test_result_form_refuses_a_paid_amount_without_saying_if_in_full(login, station, staff, town):
    job = _cleaning_job(station, town)
    placement = PlacementFactory(job=job, state="on_duty")
    response = login(staff).post(
        reverse("jobs:placement_complete", kwargs={"pk": placement.pk}),
        {"pay_amount": "150", "pay_unit": "day", "paid_amount": "100"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["paid_in_full"]
    placement.refresh_from_db()
    assert placement.state == "on_duty"


def test_employer_confirms_a_person_sent_to_its_own_job(login, station, town):
    from tests.gigmarket.factories import EmployerUserFactory

    user = EmployerUserFactory()
    job = _cleaning_job(station, town)
    job.employer.user = user
    job.employer.save()
    placement = PlacementFactory(job=job)
    client = login(user)
    page = client.get(reverse("jobs:job_manage", kwargs={"pk": job.pk})).content.decode()
    assert reverse("jobs:placement_confirm", kwargs={"pk": placement.pk}) in page
    assert placement.seeker.name not in page  # the employer sees the name masked
    client.post(reverse("jobs:placement_confirm", kwargs={"pk": placement.pk}))
    placement.refresh_from_db()
    assert placement.state == "confirmed"


def test_seeker_withdraws_an_unhandled_sign_up_and_may_sign_up_again(login, station, town):
    user = SeekerUserFactory()
    seeker = SeekerFactory(user=user, station=station)
    job = _cleaning_job(station, town)
    client = login(user)
    client.post(reverse("jobs:job_sign_up", kwargs={"pk": job.pk}))
    placement = Placement.objects.get(job=job, seeker=seeker)
    client.post(reverse("jobs:my_placement_withdraw", kwargs={"pk": placement.pk}))
    placement.refresh_from_db()
    assert placement.state == "cancelled"
    client.post(reverse("jobs:job_sign_up", kwargs={"pk": job.pk}))
    placement.refresh_from_db()
    assert placement.state == "applied"
    placement.state = "recommended"
    placement.save()
    client.post(reverse("jobs:my_placement_withdraw", kwargs={"pk": placement.pk}))
    placement.refresh_from_db()
    assert placement.state == "recommended"  # handled by staff already: call the station instead


# ---- on duty and completed only once the work can have happened (issue 12) ----


def _tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def test_staff_cannot_start_or_complete_before_the_jobs_first_day(login, station, staff, town):
    """Dispatched and confirmed for a job that starts tomorrow: "on duty" and "completed" are
    refused with a message, the page offers neither, and the worker is not asked about pay."""
    user = SeekerUserFactory()
    seeker = SeekerFactory(user=user, station=station)
    job = _cleaning_job(station, town, start_date=_tomorrow())
    client = login(staff)
    client.post(
        reverse("jobs:placement_recommend", kwargs={"pk": job.pk, "public_id": seeker.public_id})
    )
    placement = Placement.objects.get(job=job, seeker=seeker)
    client.post(reverse("jobs:placement_confirm", kwargs={"pk": placement.pk}))
    page = client.get(reverse("jobs:job_candidates", kwargs={"pk": job.pk})).content.decode()
    assert reverse("jobs:placement_start", kwargs={"pk": placement.pk}) not in page
    assert reverse("jobs:placement_complete", kwargs={"pk": placement.pk}) not in page
    assert _tomorrow().isoformat() in page

    started = client.post(reverse("jobs:placement_start", kwargs={"pk": placement.pk}), follow=True)
    assert _tomorrow().isoformat() in started.content.decode()
    completed = client.post(
        reverse("jobs:placement_complete", kwargs={"pk": placement.pk}),
        {"pay_amount": "150", "pay_unit": "day", "paid_amount": "150", "paid_in_full": "yes"},
    )
    assert completed.status_code == 400
    placement.refresh_from_db()
    assert placement.state == "confirmed" and placement.completed_at is None

    me = login(user).get(reverse("core:me")).content.decode()
    assert reverse("jobs:my_placement_confirm", kwargs={"pk": placement.pk}) not in me
    assert "工钱都拿到了吗" not in me


def test_result_form_refuses_a_completion_date_in_the_future(login, station, staff, town):
    job = _cleaning_job(station, town)
    placement = PlacementFactory(job=job, state="on_duty")
    response = login(staff).post(
        reverse("jobs:placement_complete", kwargs={"pk": placement.pk}),
        {"end_date": _tomorrow().isoformat(), "pay_amount": "150", "pay_unit": "day"},
    )
    assert response.status_code == 400
    assert response.context["form"].errors["end_date"]
    placement.refresh_from_db()
    assert placement.state == "on_duty"


# ---- what an employer may do to placements on its own jobs (issue 12) ----


def _employer_job(station, town):
    from tests.gigmarket.factories import EmployerUserFactory

    user = EmployerUserFactory()
    job = _cleaning_job(station, town)
    job.employer.user = user
    job.employer.save()
    return user, job


@pytest.mark.parametrize("name", ["placement_start", "placement_no_show", "placement_cancel"])
def test_employer_cannot_keep_the_stations_record_of_its_own_placements(login, station, town, name):
    user, job = _employer_job(station, town)
    placement = PlacementFactory(job=job, state="confirmed")
    response = login(user).post(reverse(f"jobs:{name}", kwargs={"pk": placement.pk}))
    assert response.status_code == 404
    placement.refresh_from_db()
    assert placement.state == "confirmed"
    assert not placement.transitions.exists()


def test_employer_declines_a_person_sent_but_not_a_raw_sign_up(login, station, town):
    user, job = _employer_job(station, town)
    sent = PlacementFactory(job=job, state="recommended")
    signed_up = PlacementFactory(job=job, state="applied", origin="applied")
    client = login(user)
    client.post(reverse("jobs:placement_decline", kwargs={"pk": sent.pk}))
    response = client.post(
        reverse("jobs:placement_confirm", kwargs={"pk": signed_up.pk}), follow=True
    )
    sent.refresh_from_db()
    signed_up.refresh_from_db()
    assert sent.state == "declined"
    assert signed_up.state == "applied"  # the station looks at sign-ups first
    assert "驿站" in response.content.decode() or "station" in response.content.decode()


def test_employer_scope_is_only_answering(station, town):
    from jobs.models import Job

    user, job = _employer_job(station, town)
    placement = PlacementFactory(job=job)
    assert not Job.objects.dispatchable_by(user).exists()
    assert not Placement.objects.handled_by(user).exists()
    assert list(Placement.objects.answerable_by(user)) == [placement]


# ---- ranking: intent and pay fit outweigh presence (issue 12) ----


def _the_reported_case(station, staff, town, start_date):
    """Five people on today's waiting list who have not asked for cleaning work (one wants more
    than the job pays), and one person in the register whose main kind of work is cleaning."""
    job = _cleaning_job(station, town, start_date=start_date, pay_min=Decimal("150"))
    waiting = [
        SeekerFactory(
            station=station,
            primary_occupation=occupation("6-16"),  # 建筑杂工: a different major group
            details={"home_region": town, "min_daily_pay": Decimal("300") if i == 0 else None},
        )
        for i in range(5)
    ]
    for seeker in waiting:
        services.waiting_sign_in(station=station, seeker=seeker, by=staff)
    cleaner = SeekerFactory(station=station, primary_occupation=occupation("4-01"))
    return job, waiting, cleaner


@pytest.mark.parametrize("days_ahead", [1, 0], ids=["starts tomorrow", "starts today"])
def test_the_exact_main_kind_outranks_todays_waiting_list_that_never_asked_for_it(
    login, station, staff, town, days_ahead
):
    start = timezone.localdate() + datetime.timedelta(days=days_ahead)
    job, waiting, cleaner = _the_reported_case(station, staff, town, start)
    page = login(staff).get(reverse("jobs:job_candidates", kwargs={"pk": job.pk}))
    ranked = [c.seeker.pk for c in page.context["candidates"]]
    assert ranked[0] == cleaner.pk
    for seeker in waiting:
        assert seeker.pk not in ranked or ranked.index(seeker.pk) > ranked.index(cleaner.pk)
    listed = {c.seeker.pk: c for c in page.context["candidates"]}
    if days_ahead == 0:  # here today, so listed, but below the person who wants the work
        assert all("未登记此工种意向" in listed[s.pk].concerns for s in waiting)
    else:  # not "here" for tomorrow's job; not in the register's pool for cleaning either
        assert not any(s.pk in listed for s in waiting)


def test_todays_waiting_list_is_presence_only_for_a_job_with_work_today(station, staff, town):
    from jobs.ranking import TIER_REGISTER, TIER_WAITING, candidates_for

    today_job = _cleaning_job(station, town)
    later_job = _cleaning_job(
        station, town, start_date=timezone.localdate() + datetime.timedelta(1)
    )
    here = SeekerFactory(station=station, primary_occupation=occupation("4-01"))
    services.waiting_sign_in(station=station, seeker=here, by=staff)
    home = SeekerFactory(station=station, primary_occupation=occupation("4-01"))
    ranked_today = candidates_for(today_job)
    assert [c.seeker.pk for c in ranked_today][:2] == [here.pk, home.pk]
    assert ranked_today[0].tier == TIER_WAITING
    ranked_later = {c.seeker.pk: c for c in candidates_for(later_job)}
    assert ranked_later[here.pk].tier == TIER_REGISTER
    assert not any("候工" in r or "Waiting at" in r for r in ranked_later[here.pk].reasons)


# ---- calling a candidate: a logged reveal (issue 12) ----


def test_staff_call_a_candidate_from_the_candidates_page_and_the_reveal_is_logged(
    login, station, staff, town
):
    from gigmarket.models import PersonalDataAccess

    job = _cleaning_job(station, town)
    seeker = SeekerFactory(station=station, mobile="13800007777")
    sent = PlacementFactory(job=job, seeker=SeekerFactory(station=station, mobile="13900008888"))
    client = login(staff)
    page = client.get(reverse("jobs:job_candidates", kwargs={"pk": job.pk})).content.decode()
    call_url = reverse("jobs:candidate_call", kwargs={"pk": job.pk, "public_id": seeker.public_id})
    assert call_url in page
    assert (
        reverse("jobs:candidate_call", kwargs={"pk": job.pk, "public_id": sent.seeker.public_id})
        in page
    )
    assert "13800007777" not in page and not PersonalDataAccess.objects.exists()

    assert client.get(call_url).status_code == 405  # a reveal is a POST, never a link to share
    response = client.post(call_url)
    assert response.status_code == 200
    assert 'href="tel:13800007777"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    log = PersonalDataAccess.objects.get()
    assert log.user == staff and log.object_id == str(seeker.pk)
    assert job.title in log.purpose and "13800007777" not in log.purpose


def test_no_call_for_a_withdrawn_person(login, station, staff, town):
    from seekers.services import seeker_withdraw

    job = _cleaning_job(station, town)
    seeker = SeekerFactory(station=station)
    seeker_withdraw(seeker=seeker, by=staff)
    url = reverse("jobs:candidate_call", kwargs={"pk": job.pk, "public_id": seeker.public_id})
    assert login(staff).post(url).status_code == 404


def test_jobs_for_me_follow_the_same_rule_the_kind_and_pay_before_the_rest(station, town):
    """A job of the wanted kind at the wanted pay comes before a related kind next door, even
    when the related one scores higher on distance and hours (as staff see candidates)."""
    from jobs.ranking import FIT_PARTLY, FIT_WANTS, jobs_for

    village, _ = Region.objects.get_or_create(
        code="520999101001", defaults={"name": "幸福村", "level": "village", "parent": town}
    )
    elsewhere, _ = Region.objects.get_or_create(
        code="520998", defaults={"name": "邻县", "level": "county"}
    )
    seeker = SeekerFactory(
        station=station,
        primary_occupation=occupation("4-01"),
        details={
            "home_region": village,
            "min_daily_pay": Decimal("300"),
            "work_natures": ["daily"],
            "available_days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
            "available_slots": ["morning", "afternoon"],
        },
    )
    wanted = OpenJobFactory(
        station=StationFactory(code="linxian"),
        region=elsewhere,
        occupation=occupation("4-01"),
        pay_min=Decimal("350"),
        nature="daily",
        work_hours="18:00-22:00",
    )
    related = OpenJobFactory(
        station=station,
        region=village,
        occupation=occupation("4-09"),
        pay_min=Decimal("350"),
        nature="daily",
        work_hours="08:00-12:00",
    )
    matches = jobs_for(seeker)
    by_job = {m.job.pk: m for m in matches}
    assert by_job[related.pk].score > by_job[wanted.pk].score  # nearer, at the right hours
    assert (by_job[wanted.pk].fit, by_job[related.pk].fit) == (FIT_WANTS, FIT_PARTLY)
    assert [m.job.pk for m in matches][:2] == [wanted.pk, related.pk]
