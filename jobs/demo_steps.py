"""Demo data of the jobs app: three employers (one with a login) and jobs in every state."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from gigmarket import demo

DEMO_EMPLOYER_MOBILE = "13700000001"
DEMO_EMPLOYER_PASSWORD = "Demo-Employer-2026"

EMPLOYERS = [
    # (key mobile, kind, name, credit code, contact, township, industry)
    (
        DEMO_EMPLOYER_MOBILE,
        "enterprise",
        "示范县鑫达建筑劳务有限公司",
        "91350100M000100Y43",
        "陈经理",
        "520999001",
        "E",
    ),
    ("13700000002", "individual", "王建国（装修个体）", "", "王建国", "520999100", "E"),
    ("13700000003", "household", "李秀英", "", "李秀英", "520999002", "O"),
]

# (ref, employer mobile, title, occupation, nature, pay, pay max, unit, settlement, headcount,
#  start offset days, length days, valid offset days, final status)
JOBS = [
    (
        "demo-01",
        DEMO_EMPLOYER_MOBILE,
        "工地搬运装卸工",
        "4-09",
        "daily",
        "180",
        None,
        "day",
        "daily",
        6,
        0,
        3,
        3,
        "open",
    ),
    (
        "demo-02",
        DEMO_EMPLOYER_MOBILE,
        "建筑杂工（包午餐）",
        "6-16",
        "daily",
        "200",
        "240",
        "day",
        "daily",
        10,
        0,
        20,
        10,
        "open",
    ),
    (
        "demo-03",
        DEMO_EMPLOYER_MOBILE,
        "瓦工 砌墙抹灰",
        "6-02",
        "short_term",
        "300",
        "350",
        "day",
        "weekly",
        4,
        1,
        30,
        14,
        "open",
    ),
    (
        "demo-04",
        DEMO_EMPLOYER_MOBILE,
        "水电安装工",
        "6-08",
        "short_term",
        "320",
        None,
        "day",
        "weekly",
        2,
        2,
        15,
        10,
        "open",
    ),
    (
        "demo-05",
        DEMO_EMPLOYER_MOBILE,
        "钢筋工",
        "6-04",
        "short_term",
        "330",
        None,
        "day",
        "on_completion",
        3,
        3,
        10,
        12,
        "pending",
    ),
    (
        "demo-06",
        DEMO_EMPLOYER_MOBILE,
        "工地保洁",
        "4-01",
        "daily",
        "160",
        None,
        "day",
        "daily",
        2,
        0,
        1,
        1,
        "open",
    ),
    (
        "demo-07",
        DEMO_EMPLOYER_MOBILE,
        "叉车司机（持证）",
        "6-15",
        "short_term",
        "6500",
        None,
        "month",
        "monthly",
        1,
        5,
        60,
        20,
        "draft",
    ),
    (
        "demo-08",
        DEMO_EMPLOYER_MOBILE,
        "仓库理货（夜班）",
        "4-15",
        "hourly",
        "25",
        None,
        "hour",
        "daily",
        3,
        0,
        7,
        7,
        "filled",
    ),
    (
        "demo-09",
        "13700000002",
        "装修木工",
        "6-03",
        "short_term",
        "320",
        "380",
        "day",
        "weekly",
        2,
        1,
        20,
        10,
        "open",
    ),
    (
        "demo-10",
        "13700000002",
        "油漆工（室内刷墙）",
        "6-05",
        "short_term",
        "300",
        None,
        "day",
        "on_completion",
        2,
        2,
        6,
        8,
        "open",
    ),
    (
        "demo-11",
        "13700000002",
        "防水工",
        "6-10",
        "daily",
        "280",
        None,
        "day",
        "daily",
        1,
        -20,
        3,
        -10,
        "expired",
    ),
    (
        "demo-12",
        "13700000003",
        "家庭保洁（每周两次）",
        "4-01",
        "hourly",
        "30",
        None,
        "hour",
        "daily",
        1,
        0,
        60,
        30,
        "open",
    ),
    (
        "demo-13",
        "13700000003",
        "老人陪护（白天）",
        "4-05",
        "part_time",
        "150",
        None,
        "day",
        "weekly",
        1,
        3,
        30,
        15,
        "open",
    ),
    (
        "demo-14",
        "13700000003",
        "育婴员（短期）",
        "4-03",
        "short_term",
        "5200",
        None,
        "month",
        "monthly",
        1,
        7,
        30,
        20,
        "rejected",
    ),
    (
        "demo-15",
        DEMO_EMPLOYER_MOBILE,
        "茶叶采摘季节工",
        "5-03",
        "seasonal",
        "150",
        "180",
        "day",
        "daily",
        20,
        10,
        40,
        25,
        "open",
    ),
    (
        "demo-16",
        DEMO_EMPLOYER_MOBILE,
        "绿化养护工",
        "4-18",
        "daily",
        "170",
        None,
        "day",
        "daily",
        4,
        -40,
        5,
        -30,
        "closed",
    ),
]


@demo.register(30, "jobs")
def seed_jobs(say) -> None:
    from gigmarket.models import Industry, Occupation, Region, User
    from jobs import services
    from jobs.models import Employer, Job
    from stations.models import Station

    station = Station.objects.order_by("pk").first()
    if station is None:
        say("jobs: no station yet, skipped")
        return
    reviewer = User.objects.filter(username="reviewer").first()
    staff = User.objects.filter(username="staff").first()
    today = timezone.localdate()

    employers = {}
    for mobile, kind, name, code, contact, township, industry in EMPLOYERS:
        employer = Employer.objects.filter(contact_mobile=mobile).first()
        region = Region.objects.filter(code=township).first() or station.region
        if employer is None:
            if mobile == DEMO_EMPLOYER_MOBILE and not User.objects.filter(phone=mobile).exists():
                employer = services.employer_register(
                    kind=kind,
                    name=name,
                    credit_code=code,
                    contact_name=contact,
                    mobile=mobile,
                    password=DEMO_EMPLOYER_PASSWORD,
                    region=region,
                    address="城关街道建设路18号",
                    industry=Industry.objects.filter(code=industry).first(),
                )
            else:
                employer = services.employer_create(
                    by=staff,
                    kind=kind,
                    name=name,
                    credit_code=code,
                    contact_name=contact,
                    contact_mobile=mobile,
                    region=region,
                    address="和平社区3栋",
                    industry=Industry.objects.filter(code=industry).first(),
                    station=station,
                )
            if staff is not None:
                services.employer_verify(employer=employer, by=staff)
        employers[mobile] = employer
    demo.add_login("用工主体", DEMO_EMPLOYER_MOBILE, DEMO_EMPLOYER_PASSWORD)

    made = 0
    for (
        ref,
        mobile,
        title,
        occ,
        nature,
        pay,
        pay_max,
        unit,
        settle,
        heads,
        start,
        length,
        valid,
        final,
    ) in JOBS:
        if Job.objects.filter(external_ref=ref).exists():
            continue
        employer = employers[mobile]
        start_date = today + datetime.timedelta(days=start)
        job = services.job_create(
            employer=employer,
            by=staff or employer.user,
            data={
                "title": title,
                "occupation": Occupation.objects.get(code=occ),
                "nature": nature,
                "content": f"{title}，工作地点在{employer.region.name}，按时到岗，服从现场安排。"
                "有经验者可直接上岗，无经验者现场带教。",
                "skills": "身体健康，能吃苦耐劳。" if occ.startswith("6") else "",
                "region": employer.region,
                "address": "建设路18号" if employer.kind != "household" else "和平社区3栋2单元",
                "start_date": start_date,
                "end_date": start_date + datetime.timedelta(days=length),
                "work_hours": "08:00–17:00",
                "hours_per_day": Decimal("8"),
                "headcount": heads,
                "pay_min": Decimal(pay),
                "pay_max": Decimal(pay_max) if pay_max else None,
                "pay_unit": unit,
                "settlement": settle,
                "meals": occ.startswith("6"),
                "lodging": False,
                "transport": nature == "seasonal",
                "insurance_kind": (
                    "employer_accident" if occ.startswith("6") or "工地" in title else "none"
                ),
                "contact_person": employer.contact_name,
                "contact_phone": employer.contact_mobile,
                "valid_through": today + datetime.timedelta(days=valid),
                "station": station,
            },
        )
        job.external_ref = ref
        job.save(update_fields=["external_ref"])
        if final != "draft":
            services.job_submit(job=job, by=staff or employer.user)
        if final == "rejected":
            services.job_reject(job=job, by=reviewer, reason="请写明每天工作时间和休息安排。")
        elif final in ("open", "filled", "expired", "closed"):
            # The checker warns on site work without accident insurance ("工地…" with none):
            # the demo reviewer records why it publishes anyway, as a real one must.
            services.job_approve(job=job, by=reviewer, reason="演示数据：已提醒用工主体购买意外险")
            if final == "filled":
                services.job_mark_filled(job=job, reason="人数已满（演示）")
            elif final == "expired":
                services.job_expire(job=job)
            elif final == "closed":
                services.job_close(job=job, by=staff, reason="用工结束（演示）")
        made += 1
    say(f"jobs: {len(employers)} employers, {made} new jobs")


# ---- instant hire: months of placement history and today's waiting list ----

#: (title, occupation, pay per day, headcount, employer mobile) of past jobs, repeated monthly.
HISTORY = [
    ("家庭保洁（日结）", "4-01", "150", 2, "13700000003"),
    ("仓库装卸搬运", "4-09", "180", 3, DEMO_EMPLOYER_MOBILE),
    ("建筑杂工", "6-16", "200", 3, DEMO_EMPLOYER_MOBILE),
]
HISTORY_MONTHS = 4


def _backdate(job, placements, start) -> None:
    """History is made through the services today, then moved to when it happened."""
    from jobs.models import Job, JobTransition, Placement, PlacementTransition
    from stations.models import ServiceRecord

    tz = timezone.get_current_timezone()
    opened = datetime.datetime.combine(start - datetime.timedelta(days=2), datetime.time(9), tz)
    ended = datetime.datetime.combine(start + datetime.timedelta(days=3), datetime.time(18), tz)
    Job.objects.filter(pk=job.pk).update(
        created_at=opened, opened_at=opened, ended_at=ended, valid_through=start
    )
    JobTransition.objects.filter(job=job).update(at=opened)
    for p in placements:
        confirmed = datetime.datetime.combine(
            start - datetime.timedelta(days=1), datetime.time(15), tz
        )
        Placement.objects.filter(pk=p.pk).update(
            created_at=opened,
            confirmed_at=confirmed if p.confirmed_at else None,
            completed_at=ended if p.completed_at else None,
        )
        PlacementTransition.objects.filter(placement=p).update(at=confirmed)
        ServiceRecord.objects.filter(subject_type="jobs.placement", subject_id=str(p.pk)).update(
            at=confirmed
        )


@demo.register(35, "matching")
def seed_matching(say) -> None:
    from gigmarket.models import Occupation, User
    from jobs import services
    from jobs.models import Employer, Job, Placement, WaitingEntry
    from seekers.models import Seeker
    from stations.models import Station

    staff = User.objects.filter(username="staff").first()
    reviewer = User.objects.filter(username="reviewer").first()
    station = (
        Station.objects.staffed_by(staff).order_by("code").first() if staff is not None else None
    )
    seekers = list(
        Seeker.objects.seeking().filter(home_station__isnull=False).order_by("registered_at", "pk")
    )
    if station is None or reviewer is None or len(seekers) < 6:
        say("matching: needs stations, staff, a reviewer and seekers first; skipped")
        return
    today = timezone.localdate()
    made_jobs = made_placements = 0
    for months_back in range(HISTORY_MONTHS, 0, -1):
        for index, (title, occ, pay, heads, mobile) in enumerate(HISTORY):
            ref = f"demo-h{months_back}-{index}"
            if Job.objects.filter(external_ref=ref).exists():
                continue
            employer = Employer.objects.filter(contact_mobile=mobile).first()
            if employer is None:
                continue
            start = today - datetime.timedelta(days=30 * months_back - 3 * index)
            job = services.job_create(
                employer=employer,
                by=staff,
                data={
                    "title": title,
                    "occupation": Occupation.objects.get(code=occ),
                    "nature": "daily",
                    "content": f"{title}，按时到岗，服从现场安排，当天结清工钱。",
                    "region": employer.region,
                    "address": "建设路18号",
                    "start_date": start,
                    "end_date": start + datetime.timedelta(days=1),
                    "work_hours": "08:00–17:00",
                    "hours_per_day": Decimal("8"),
                    "headcount": heads,
                    "pay_min": Decimal(pay),
                    "pay_unit": "day",
                    "settlement": "daily",
                    "contact_person": employer.contact_name,
                    "contact_phone": employer.contact_mobile,
                    "valid_through": today,  # moved back to the start date afterwards
                    "station": station,
                    # Last month's site work states no insurance: its placements prompt the
                    # station to recommend accident cover (docs/guidance.md).
                    "insurance_kind": (
                        "employer_accident" if occ.startswith("6") and months_back > 1 else "none"
                    ),
                },
            )
            job.external_ref = ref
            job.save(update_fields=["external_ref"])
            services.job_submit(job=job, by=staff)
            services.job_approve(
                job=job,
                by=reviewer,
                reason=(
                    "用工方暂未购买保险，驿站向上岗人员推荐意外险（演示）"
                    if occ.startswith("6") and months_back == 1
                    else ""
                ),
            )
            wanted = [
                s for s in seekers if s.primary_occupation and s.primary_occupation.code == occ
            ]
            others = [s for s in seekers if s not in wanted]
            offset = months_back + index
            people = (wanted + others[offset % len(others) :] + others)[: heads + 1]
            placements = []
            sent = [services.placement_recommend(job=job, seeker=s, by=staff) for s in people]
            for n, p in enumerate(sent):
                if n == heads:  # one more than needed: the employer said no
                    services.placement_decline(placement=p, by=staff, reason="人已够")
                    placements.append(p)
                    continue
                services.placement_confirm(placement=p, by=staff)
                if (months_back * 3 + index * 2 + n) % 11 == 5:
                    services.placement_no_show(placement=p, by=staff, reason="电话未接")
                    placements.append(p)
                    continue
                services.placement_start(placement=p, by=staff)
                in_full = (months_back * 3 + index + n) % 9 != 4
                p = services.placement_complete(
                    placement=p,
                    by=staff,
                    result={
                        "start_date": start,
                        "end_date": start + datetime.timedelta(days=1),
                        "actual_days": Decimal("2"),
                        "actual_hours": Decimal("16"),
                        "pay_amount": Decimal(pay),
                        "pay_unit": "day",
                        "paid_amount": Decimal(pay) * 2 if in_full else Decimal(pay),
                        "paid_in_full": in_full,
                        "paid_on_time": in_full,
                    },
                )
                placements.append(p)
            job.refresh_from_db()
            if job.status in (Job.Status.OPEN, Job.Status.FILLED):
                services.job_close(job=job, by=staff, reason="用工结束")
            for p in placements:
                p.refresh_from_db()
            _backdate(job, placements, start)
            made_jobs += 1
            made_placements += len(placements)
    # Today: people waiting at the station since the morning, a sign-up and a dispatch.
    waiting = 0
    for seeker in seekers[:5]:
        _, created = services.waiting_sign_in(station=station, seeker=seeker, by=staff)
        waiting += int(created)
    demo_seeker = Seeker.objects.filter(mobile="13900000001").first()
    cleaning = Job.objects.filter(external_ref="demo-12", status=Job.Status.OPEN).first()
    if demo_seeker is not None and cleaning is not None:
        services.placement_sign_up(job=cleaning, seeker=demo_seeker, by=demo_seeker.user)
    loading = Job.objects.filter(external_ref="demo-01", status=Job.Status.OPEN).first()
    if loading is not None and not Placement.objects.filter(job=loading).exists():
        p = services.placement_recommend(job=loading, seeker=seekers[-1], by=staff)
        services.placement_confirm(placement=p, by=staff)
    say(
        f"matching: {made_jobs} past jobs with {made_placements} placements, "
        f"{WaitingEntry.objects.on().count()} on today's waiting list ({waiting} new)"
    )


# ---- after the work: ratings, a re-hire request, a weekly order ----


@demo.register(37, "aftercare")
def seed_aftercare(say) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    from gigmarket.models import User
    from jobs import services
    from jobs.models import Employer, Job, Placement, PlacementRating, RecurringOrder

    staff = User.objects.filter(username="staff").first()
    employer = Employer.objects.filter(contact_mobile=DEMO_EMPLOYER_MOBILE).first()
    if staff is None or employer is None or employer.user is None:
        say("aftercare: needs the demo staff and employer first; skipped")
        return
    # Both sides' ratings of past work (each asked once when it was completed).
    answered = 0
    for rating in PlacementRating.objects.filter(answered_at__isnull=True).select_related(
        "placement"
    )[:200]:
        placement = rating.placement
        worker_side = rating.side == PlacementRating.Side.WORKER
        paid = placement.paid_in_full is not False
        services.rating_answer(
            rating=rating,
            by=None,
            score=(4 + placement.pk % 2) if paid else 2,
            paid_as_agreed=paid if worker_side else None,
            safe=True if worker_side else None,
            as_described=True if worker_side else None,
            via="window",
        )
        answered += 1
    # The demo employer asks last time's worker again.
    asked = 0
    done = (
        Placement.objects.filter(job__employer=employer, state=Placement.State.COMPLETED)
        .order_by("-completed_at", "-pk")
        .first()
    )
    if done is not None and not employer.rehire_requests.exists():
        try:
            services.rehire_request(
                placement=done,
                by=employer.user,
                start_date=timezone.localdate() + datetime.timedelta(days=3),
            )
            asked = 1
        except ValidationError as error:
            say(f"aftercare: re-hire not asked ({' '.join(error.messages)})")
    # The household's weekly cleaning opens itself every Tuesday.
    weekly = 0
    cleaning = Job.objects.filter(external_ref="demo-12").first()
    if cleaning is not None and not RecurringOrder.objects.filter(template=cleaning).exists():
        try:
            services.recurring_order_start(job=cleaning, by=staff, weekday=1)
            weekly = 1
        except (ValidationError, PermissionDenied):
            say("aftercare: the weekly order could not be set up; skipped")
    say(f"aftercare: {answered} ratings answered, {asked} re-hire request, {weekly} weekly order")


@demo.register(36, "job-alerts")
def seed_job_alerts(say) -> None:
    """The demo seeker asks for cleaning-job alerts (anywhere in the county); the open cleaning
    jobs are matched, today's digest is written and the outbox is sent (to the log by default),
    so the seeker's staff page shows messages and their states. Re-runnable."""
    from gigmarket import notify
    from gigmarket.models import Occupation
    from jobs.models import Job
    from jobs.services import alerts_job_opened, job_alerts_send
    from seekers.models import JobAlert, JobAlertConsent, Seeker
    from seekers.services import job_alert_set

    seeker = Seeker.objects.filter(mobile="13900000001").first()
    cleaning = Occupation.objects.filter(code="4-01").first()
    if seeker is None or cleaning is None:
        say("job alerts: no demo seeker yet")
        return
    if not JobAlert.objects.filter(seeker=seeker).exists():
        job_alert_set(
            seeker=seeker,
            by=seeker.user,
            how=JobAlertConsent.How.SELF,
            active=True,
            occupations=[cleaning],
        )
    matched = sum(
        alerts_job_opened(job) for job in Job.objects.listed().filter(occupation__in=[cleaning])[:5]
    )
    digests = job_alerts_send()
    sent = notify.deliver()
    say(
        f"job alerts: demo seeker alerted for 保洁员; {matched} matches, {digests} digest(s), {sent} sent"
    )
