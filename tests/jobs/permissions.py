"""Permission matrix rows for the jobs app (the matrix's staff works at station ``matrix-home``)."""

from tests.permissions import LOGIN, Check, everyone

DENY = {
    "anonymous": LOGIN,
    "seeker": 403,
    "employer": 403,
    "staff": 403,
    "reviewer": 403,
    "admin": 403,
    "auditor": 403,
}


def _station(code):
    from tests.stations.factories import StationFactory

    return StationFactory(code=code)


def _job(factory_name="JobFactory", station="matrix-home", **extra):
    from tests.jobs import factories

    return getattr(factories, factory_name)(station=_station(station), **extra)


def _own_employer(world):
    from tests.jobs.factories import EmployerFactory

    return EmployerFactory(user=world["employer"])


def _pk(job):
    return {"pk": job.pk}


def _employer_uuid(world):
    """An employer the matrix staff's station registered."""
    from tests.jobs.factories import EmployerFactory

    return {"uuid": EmployerFactory(station=_station("matrix-home")).uuid}


def _online_employer_uuid(world):
    """An employer registered online (no station) with no job at the matrix staff's station."""
    from tests.jobs.factories import EmployerFactory

    return {"uuid": EmployerFactory(station=None).uuid}


def _online_employer_with_a_job_here_uuid(world):
    """An employer registered online whose job the matrix staff's station collected."""
    from tests.jobs.factories import EmployerFactory, JobFactory

    employer = EmployerFactory(station=None)
    JobFactory(employer=employer, station=_station("matrix-home"))
    return {"uuid": employer.uuid}


def _other_station_employer_uuid(world):
    """An employer registered by another station: the matrix staff may read it, not change it."""
    from tests.jobs.factories import EmployerFactory

    return {"uuid": EmployerFactory(station=_station("matrix-other")).uuid}


def _suspended_uuid(world):
    from tests.jobs.factories import EmployerFactory

    return {"uuid": EmployerFactory(suspended=True, suspended_reason="fraud").uuid}


def _rule(world):
    from jobs.models import PostingRule

    return {"pk": PostingRule.objects.first().pk}


EDITORS = {"anonymous": LOGIN, "seeker": 403, "auditor": 403, "reviewer": 403, "employer": 404}
REVIEWERS = {**DENY, "reviewer": 302, "admin": 302}

CHECKS = [
    # public pages: no login, no personal data
    Check("jobs:job_list", everyone(200)),
    Check(
        "jobs:job_list",
        everyone(200),
        query="?occupation=4-09&min_pay=100&when=week",
        note="filters in the URL",
    ),
    Check("jobs:job_detail", everyone(200), kwargs=lambda w: _pk(_job("OpenJobFactory"))),
    Check(
        "jobs:job_detail",
        everyone(200),
        kwargs=lambda w: _pk(_job("ExpiredJobFactory")),
        note="an expired job's page stays up",
    ),
    Check(
        "jobs:job_detail",
        everyone(404),
        kwargs=lambda w: _pk(_job("PendingJobFactory")),
        note="not yet reviewed: not public",
    ),
    Check("jobs:job_flyer", everyone(200), kwargs=lambda w: _pk(_job("OpenJobFactory"))),
    Check(
        "jobs:station_screen",
        everyone(200),
        kwargs=lambda w: {"code": _station("matrix-home").code},
    ),
    Check("jobs:feed_rss", everyone(200)),
    Check("jobs:feed_json", everyone(200)),
    Check(
        "jobs:employer_register",
        {"anonymous": 200},
        default=302,
        note="logged-in users are sent to their own page",
    ),
    Check(
        "jobs:employer_register_confirm",
        {"anonymous": 302},
        default=302,
        note="without a registration in progress it sends back to step one; logged-in users on",
    ),
    # employers' own page
    Check("jobs:employer_home", {"anonymous": LOGIN, "employer": 200}, default=403),
    # job orders
    Check("jobs:manage_list", {**DENY, "staff": 200, "reviewer": 200, "admin": 200}),
    Check(
        "jobs:manage_list",
        {**DENY, "staff": 200, "reviewer": 200, "admin": 200},
        method="post",
        data=lambda w: {"q": "搬运"},
    ),
    Check(
        "jobs:job_export",
        {**DENY, "staff": 200, "reviewer": 200, "admin": 200},
        kwargs=lambda w: {"fmt": "csv"},
    ),
    Check(
        "jobs:job_export",
        {**DENY, "staff": 200, "reviewer": 200, "admin": 200},
        kwargs=lambda w: {"fmt": "xlsx"},
    ),
    Check(
        "jobs:job_create",
        {**DENY, "employer": 200, "staff": 200, "admin": 200},
        kwargs=lambda w: _own_employer(w) and {},
    ),
    Check(
        "jobs:job_create",
        {**DENY, "staff": 200, "admin": 200},
        note="an employer account without an employer record cannot post",
    ),
    Check(
        "jobs:job_check",
        {**DENY, "employer": 200, "staff": 200, "admin": 200},
        method="post",
        data=lambda w: {"content": "押金200元"},
        note="the checker's live findings while editing",
    ),
    Check(
        "jobs:job_manage",
        {**DENY, "employer": 404, "staff": 200, "reviewer": 200, "admin": 200},
        kwargs=lambda w: _pk(_job("PendingJobFactory")),
    ),
    Check(
        "jobs:job_manage",
        {**DENY, "employer": 200, "staff": 404, "reviewer": 200, "admin": 200},
        kwargs=lambda w: _pk(
            _job("PendingJobFactory", station="matrix-other", employer=_own_employer(w))
        ),
        note="the employer sees its own job; staff of another station do not",
    ),
    Check("jobs:job_edit", {**EDITORS, "staff": 200, "admin": 200}, kwargs=lambda w: _pk(_job())),
    Check(
        "jobs:job_edit",
        {**EDITORS, "staff": 404, "admin": 200},
        kwargs=lambda w: _pk(_job(station="matrix-other")),
        note="cross-station: staff cannot edit another station's job order",
    ),
    Check(
        "jobs:job_edit",
        {**EDITORS, "employer": 200, "staff": 404, "admin": 200},
        kwargs=lambda w: _pk(_job(station="matrix-other", employer=_own_employer(w))),
    ),
    Check(
        "jobs:job_submit",
        {**EDITORS, "staff": 302, "admin": 302},
        method="post",
        kwargs=lambda w: _pk(_job()),
    ),
    Check(
        "jobs:job_submit",
        {**EDITORS, "staff": 404, "admin": 302},
        method="post",
        kwargs=lambda w: _pk(_job(station="matrix-other")),
        note="cross-station: staff cannot move another station's job",
    ),
    Check(
        "jobs:job_close",
        {**EDITORS, "staff": 302, "admin": 302},
        method="post",
        kwargs=lambda w: _pk(_job("OpenJobFactory")),
        data=lambda w: {"reason": "不再需要"},
    ),
    Check(
        "jobs:job_close",
        {**EDITORS, "staff": 404, "admin": 302},
        method="post",
        kwargs=lambda w: _pk(_job("OpenJobFactory", station="matrix-other")),
    ),
    Check(
        "jobs:job_approve",
        REVIEWERS,
        method="post",
        kwargs=lambda w: _pk(_job("PendingJobFactory")),
    ),
    Check(
        "jobs:job_reject",
        REVIEWERS,
        method="post",
        kwargs=lambda w: _pk(_job("PendingJobFactory")),
        data=lambda w: {"reason": "请写明工作时间"},
    ),
    Check("jobs:review_queue", {**DENY, "reviewer": 200, "admin": 200}),
    # employers (back office)
    Check("jobs:employer_list", {**DENY, "staff": 200, "reviewer": 200, "admin": 200}),
    Check("jobs:employer_create", {**DENY, "staff": 200, "admin": 200}),
    Check(
        "jobs:employer_detail",
        {**DENY, "staff": 200, "reviewer": 200, "admin": 200},
        kwargs=_employer_uuid,
    ),
    Check("jobs:employer_edit", {**DENY, "staff": 200, "admin": 200}, kwargs=_employer_uuid),
    Check(
        "jobs:employer_verify",
        {**DENY, "staff": 302, "admin": 302},
        method="post",
        kwargs=_employer_uuid,
    ),
    Check(
        "jobs:employer_suspend",
        {**DENY, "staff": 302, "admin": 302},
        method="post",
        kwargs=_employer_uuid,
        data=lambda w: {"reason": "fraud"},
    ),
    Check("jobs:employer_unsuspend", {**DENY, "admin": 302}, method="post", kwargs=_suspended_uuid),
    # another station's employer: visible to its staff, but not theirs to change
    Check(
        "jobs:employer_edit",
        {**DENY, "staff": 404, "admin": 200},
        kwargs=_other_station_employer_uuid,
    ),
    Check(
        "jobs:employer_suspend",
        {**DENY, "staff": 404, "admin": 302},
        method="post",
        kwargs=_other_station_employer_uuid,
        data=lambda w: {"reason": "fraud"},
    ),
    Check(
        "jobs:employer_verify",
        {**DENY, "staff": 404, "admin": 302},
        method="post",
        kwargs=_other_station_employer_uuid,
    ),
    # an employer with no station: the station that has its job, else only the county admin
    Check(
        "jobs:employer_edit",
        {**DENY, "staff": 404, "admin": 200},
        kwargs=_online_employer_uuid,
    ),
    Check(
        "jobs:employer_verify",
        {**DENY, "staff": 404, "admin": 302},
        method="post",
        kwargs=_online_employer_uuid,
    ),
    Check(
        "jobs:employer_edit",
        {**DENY, "staff": 200, "admin": 200},
        kwargs=_online_employer_with_a_job_here_uuid,
    ),
    # the checker's rule list
    Check("jobs:rule_list", {**DENY, "reviewer": 200, "admin": 200}),
    Check("jobs:rule_toggle", {**DENY, "admin": 302}, method="post", kwargs=_rule),
]


# ---- instant hire (即时快招) ----


def _own_seeker(world):
    from seekers.models import Seeker
    from tests.seekers.factories import SeekerFactory

    return Seeker.objects.filter(user=world["seeker"]).first() or SeekerFactory(
        user=world["seeker"]
    )


def _placement(world, station="matrix-home", state="recommended", own_employer=False, **extra):
    from tests.jobs.factories import PlacementFactory

    job_extra = {"employer": _own_employer(world)} if own_employer else {}
    return PlacementFactory(
        job=_job("OpenJobFactory", station=station, **job_extra), state=state, **extra
    )


def _placement_pk(**options):
    return lambda w: {"pk": _placement(w, **options).pk}


def _recommend_kwargs(station):
    def build(world):
        from tests.seekers.factories import SeekerFactory

        return {
            "pk": _job("OpenJobFactory", station=station).pk,
            "public_id": SeekerFactory().public_id,
        }

    return build


def _sign_in_data(world):
    from tests.seekers.factories import SeekerFactory

    seeker = SeekerFactory()
    return {"query": seeker.mobile, "station": _station("matrix-home").pk}


SEEKER_ONLY = {**DENY, "seeker": 200}
DISPATCHERS = {**DENY, "staff": 200, "admin": 200}
#: Placement moves: the scoped queryset 404s for anyone who does not handle the job.
HANDLERS = {
    "anonymous": LOGIN,
    "seeker": 404,
    "employer": 404,
    "staff": 302,
    "reviewer": 404,
    "admin": 302,
    "auditor": 404,
}

CHECKS += [
    Check(
        "jobs:job_sign_up",
        {**DENY, "seeker": 302},
        method="post",
        kwargs=lambda w: _pk(_job("OpenJobFactory")),
        note="a seeker account without a register record is sent to register",
    ),
    Check(
        "jobs:job_sign_up",
        {**DENY, "seeker": 302},
        method="post",
        kwargs=lambda w: _own_seeker(w) and _pk(_job("OpenJobFactory")),
        note="a registered seeker signs up in one tap",
    ),
    Check("jobs:jobs_for_me", SEEKER_ONLY),
    Check(
        "jobs:alert_digest",
        everyone(200),
        kwargs=lambda w: _alert_digest(w),
        note="the link in a job-alert text: anyone with the unguessable name; nothing personal",
    ),
    Check("jobs:jobs_for_me", SEEKER_ONLY, kwargs=lambda w: _own_seeker(w) and {}),
    Check(
        "jobs:my_placement_confirm",
        {**DENY, "seeker": 302},
        method="post",
        kwargs=lambda w: {"pk": _placement(w, state="completed", seeker=_own_seeker(w)).pk},
        data=lambda w: {"paid_in_full": "yes"},
    ),
    Check(
        "jobs:my_placement_confirm",
        {**DENY, "seeker": 404},
        method="post",
        kwargs=lambda w: _own_seeker(w) and {"pk": _placement(w, state="completed").pk},
        data=lambda w: {"paid_in_full": "yes"},
        note="someone else's placement",
    ),
    Check(
        "jobs:my_placement_withdraw",
        {**DENY, "seeker": 302},
        method="post",
        kwargs=lambda w: {
            "pk": _placement(w, state="applied", origin="applied", seeker=_own_seeker(w)).pk
        },
    ),
    Check(
        "jobs:my_placement_withdraw",
        {**DENY, "seeker": 404},
        method="post",
        kwargs=lambda w: _own_seeker(w) and {"pk": _placement(w, state="applied").pk},
        note="someone else's sign-up",
    ),
    Check("jobs:waiting_list", DISPATCHERS),
    Check(
        "jobs:waiting_sign_in",
        {**DENY, "staff": 302, "admin": 302},
        method="post",
        data=_sign_in_data,
    ),
    Check("jobs:job_candidates", DISPATCHERS, kwargs=lambda w: _pk(_job("OpenJobFactory"))),
    Check(
        "jobs:job_candidates",
        {**DISPATCHERS, "staff": 404},
        kwargs=lambda w: _pk(_job("OpenJobFactory", station="matrix-other")),
        note="cross-station: staff do not dispatch to another station's job",
    ),
    Check(
        "jobs:candidate_call",
        {**DENY, "staff": 200, "admin": 200},
        method="post",
        kwargs=_recommend_kwargs("matrix-home"),
        note="a logged reveal of the mobile, for a job the user dispatches to",
    ),
    Check(
        "jobs:candidate_call",
        {**DENY, "staff": 404, "admin": 200},
        method="post",
        kwargs=_recommend_kwargs("matrix-other"),
        note="not for another station's job",
    ),
    Check(
        "jobs:placement_recommend",
        {**DENY, "staff": 302, "admin": 302},
        method="post",
        kwargs=_recommend_kwargs("matrix-home"),
    ),
    Check(
        "jobs:placement_recommend",
        {**DENY, "staff": 404, "admin": 302},
        method="post",
        kwargs=_recommend_kwargs("matrix-other"),
    ),
    Check("jobs:placement_confirm", HANDLERS, method="post", kwargs=_placement_pk()),
    Check(
        "jobs:placement_confirm",
        {**HANDLERS, "employer": 302, "staff": 404},
        method="post",
        kwargs=_placement_pk(station="matrix-other", own_employer=True),
        note="the employer confirms on its own job; staff of another station cannot",
    ),
    Check(
        "jobs:placement_start",
        HANDLERS,
        method="post",
        kwargs=_placement_pk(state="confirmed"),
    ),
    Check(
        "jobs:placement_start",
        {**HANDLERS, "staff": 404},
        method="post",
        kwargs=_placement_pk(station="matrix-other", state="confirmed"),
    ),
    Check("jobs:placement_decline", HANDLERS, method="post", kwargs=_placement_pk()),
    Check(
        "jobs:placement_decline",
        {**HANDLERS, "employer": 302, "staff": 404},
        method="post",
        kwargs=_placement_pk(station="matrix-other", own_employer=True),
        note="the employer declines a person sent to its own job",
    ),
    # Employers answer for the people sent to them; the rest is the station's record (issue 12).
    Check(
        "jobs:placement_start",
        {**HANDLERS, "staff": 404},
        method="post",
        kwargs=_placement_pk(station="matrix-other", state="confirmed", own_employer=True),
        note="on duty is the station's record, not the employer's",
    ),
    Check(
        "jobs:placement_no_show",
        {**HANDLERS, "staff": 404},
        method="post",
        kwargs=_placement_pk(station="matrix-other", state="confirmed", own_employer=True),
        note="a no-show is the station's record, not the employer's",
    ),
    Check(
        "jobs:placement_cancel",
        {**HANDLERS, "staff": 404},
        method="post",
        kwargs=_placement_pk(station="matrix-other", own_employer=True),
        note="cancelling is the station's record, not the employer's",
    ),
    Check(
        "jobs:placement_complete",
        {**DENY, "staff": 404, "admin": 200},
        kwargs=_placement_pk(station="matrix-other", state="on_duty", own_employer=True),
        note="the result is the station's record, not the employer's",
    ),
    Check(
        "jobs:placement_no_show",
        HANDLERS,
        method="post",
        kwargs=_placement_pk(state="confirmed"),
    ),
    Check("jobs:placement_cancel", HANDLERS, method="post", kwargs=_placement_pk()),
    Check(
        "jobs:placement_complete",
        {**DENY, "staff": 200, "admin": 200},
        kwargs=_placement_pk(state="on_duty"),
    ),
    Check(
        "jobs:placement_complete",
        {**DENY, "staff": 404, "admin": 200},
        kwargs=_placement_pk(station="matrix-other", state="on_duty"),
    ),
]


def _alert_digest(world) -> dict:
    from jobs.models import AlertMatch
    from tests.jobs.factories import OpenJobFactory
    from tests.seekers.factories import SeekerFactory

    AlertMatch.objects.create(seeker=SeekerFactory(), job=OpenJobFactory(), digest="matrixdigest")
    return {"digest": "matrixdigest"}


# ---- after the work: the employer's placements, re-hire, re-post, weekly orders, ratings ----

EMPLOYER_ONLY = {**DENY, "employer": 302}


def _completed_placement(world, own_employer=True):
    return _placement(world, state="completed", own_employer=own_employer)


def _rehire_token(world):
    from jobs.models import RehireRequest

    done = _completed_placement(world, own_employer=False)
    job = _job("PendingJobFactory")
    return {
        "token": RehireRequest.objects.create(
            previous=done, job=job, seeker=done.seeker, employer=job.employer
        ).token
    }


def _rating_token(world):
    from jobs.models import PlacementRating

    return {
        "token": PlacementRating.objects.create(
            placement=_completed_placement(world, own_employer=False), side="worker"
        ).token
    }


def _weekly_order_pk(world, station="matrix-home"):
    from jobs.models import RecurringOrder

    job = _job("OpenJobFactory", station=station)
    return {"pk": RecurringOrder.objects.create(template=job, employer=job.employer, weekday=1).pk}


def _next_week(world):
    import datetime

    from django.utils import timezone

    return {"start_date": (timezone.localdate() + datetime.timedelta(days=7)).isoformat()}


CHECKS += [
    Check("jobs:employer_placements", {"anonymous": LOGIN, "employer": 200}, default=403),
    Check(
        "jobs:employer_placement_answer",
        EMPLOYER_ONLY,
        method="post",
        kwargs=_placement_pk(own_employer=True),
        data=lambda w: {"answer": "confirm"},
        note="only the job's own employer, from its placements page",
    ),
    Check(
        "jobs:employer_placement_answer",
        {**DENY, "employer": 404},
        method="post",
        kwargs=lambda w: _own_employer(w) and _placement_pk()(w),
        data=lambda w: {"answer": "confirm"},
        note="another employer's placement",
    ),
    Check(
        "jobs:employer_placement_done",
        EMPLOYER_ONLY,
        method="post",
        kwargs=_placement_pk(state="confirmed", own_employer=True),
        data=lambda w: {"paid_in_full": "yes"},
    ),
    Check(
        "jobs:rehire_create",
        {**DENY, "employer": 200},
        kwargs=lambda w: {"pk": _completed_placement(w).pk},
    ),
    Check(
        "jobs:rehire_create",
        {**DENY, "employer": 302},
        method="post",
        kwargs=lambda w: {"pk": _completed_placement(w).pk},
        data=_next_week,
    ),
    Check("jobs:rehire_list", DISPATCHERS),
    Check(
        "jobs:rehire_answer",
        everyone(200),
        kwargs=_rehire_token,
        note="the texted link: the token is the key, no personal data in it",
    ),
    Check(
        "jobs:rehire_answer",
        everyone(302),
        method="post",
        kwargs=_rehire_token,
        data=lambda w: {"answer": "decline"},
    ),
    Check("jobs:rate", everyone(200), kwargs=_rating_token),
    Check(
        "jobs:rate",
        everyone(302),
        method="post",
        kwargs=_rating_token,
        data=lambda w: {"score": "4"},
    ),
    Check(
        "jobs:job_repost",
        {**EDITORS, "staff": 200, "admin": 200},
        kwargs=lambda w: _pk(_job("ExpiredJobFactory")),
    ),
    Check(
        "jobs:job_repost",
        {**EDITORS, "employer": 200, "staff": 404, "admin": 200},
        kwargs=lambda w: _pk(
            _job("ExpiredJobFactory", station="matrix-other", employer=_own_employer(w))
        ),
        note="the employer copies its own ended job; staff of another station cannot",
    ),
    Check(
        "jobs:job_repost",
        {**EDITORS, "staff": 302, "admin": 302},
        method="post",
        kwargs=lambda w: _pk(_job("ExpiredJobFactory")),
        data=_next_week,
    ),
    Check(
        "jobs:recurring_start",
        {**EDITORS, "staff": 302, "admin": 302},
        method="post",
        kwargs=lambda w: _pk(_job("OpenJobFactory")),
        data=lambda w: {"weekday": "1"},
    ),
    Check(
        "jobs:recurring_start",
        {**EDITORS, "staff": 404, "admin": 302},
        method="post",
        kwargs=lambda w: _pk(_job("OpenJobFactory", station="matrix-other")),
        data=lambda w: {"weekday": "1"},
    ),
    Check(
        "jobs:recurring_stop",
        {**EDITORS, "staff": 302, "admin": 302},
        method="post",
        kwargs=_weekly_order_pk,
    ),
    Check(
        "jobs:recurring_stop",
        {**EDITORS, "staff": 404, "admin": 302},
        method="post",
        kwargs=lambda w: _weekly_order_pk(w, station="matrix-other"),
    ),
]
