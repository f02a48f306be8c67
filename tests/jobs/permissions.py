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
    from tests.jobs.factories import EmployerFactory

    return {"uuid": EmployerFactory().uuid}


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
    # employers' own page
    Check("jobs:employer_home", {"anonymous": LOGIN, "employer": 200}, default=403),
    # job orders
    Check("jobs:manage_list", {**DENY, "staff": 200, "reviewer": 200, "admin": 200}),
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
    # the checker's rule list
    Check("jobs:rule_list", {**DENY, "reviewer": 200, "admin": 200}),
    Check("jobs:rule_toggle", {**DENY, "admin": 302}, method="post", kwargs=_rule),
]
