"""Ranking for instant hire (即时快招): candidates for a job, and jobs for a seeker.

The database does the filtering and caps the pool (``POOL``); Python scores the few hundred
left with one rule (``assess``) and says why, so staff can see why each person ranks where.
Order (``Candidate.sort_key``): people who signed up first; then everyone by fit (wants this kind
of work at this pay, then partly, then has not asked for it); within a fit, people on today's
waiting list first — but only for a job with work today —, recent no-shows last, then by score,
then (a tie-breaker only) the employers' average rating of the worker once there are at least
``MIN_RATINGS`` of them, then priority groups first among equals. Intent and pay fit always outweigh presence.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import CONFIRMED_OR_LATER, Job, Placement, PlacementRating, WaitingEntry

#: How many register entries the database hands to the scorer at most.
POOL = 150
#: The seeker columns scoring and the candidate list read (the rest stays in the database).
SEEKER_FIELDS = (
    "pk",
    "public_id",
    "name",
    "status",
    "primary_occupation__name",
    "primary_occupation__parent_id",
    "home_region__code",
    "home_station_id",
    "work_natures",
    "available_days",
    "available_slots",
    "min_daily_pay",
    "priority_groups",
    "registered_at",
)
#: A worker's average rating breaks ties only from this many employers' ratings on; below that
#: (and for people never rated) the middle of the scale counts, so nobody gains or loses by it.
MIN_RATINGS = 3
NEUTRAL_RATING = 3.0
#: How far back a no-show counts against a seeker.
NO_SHOW_DAYS = 90
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

TIER_SIGNED_UP, TIER_WAITING, TIER_REGISTER = 0, 1, 2
TIER_LABELS = {
    TIER_SIGNED_UP: gettext_lazy("Signed up"),
    TIER_WAITING: gettext_lazy("Waiting at a station today"),
    TIER_REGISTER: gettext_lazy("From the register"),
}
_HOURS_RE = re.compile(r"(\d{1,2})[:：]?(\d{2})?\s*[-–—~～至到]\s*(\d{1,2})[:：]?(\d{2})?")
_LEVEL_POINTS = {"1": 15, "2": 12, "3": 9, "4": 6, "5": 3}

#: How well a seeker fits the job on the two things they told us: the kind of work and the pay.
FIT_WANTS, FIT_PARTLY, FIT_NOT_ASKED = 0, 1, 2


@dataclass
class Candidate:
    """One seeker for one job, with the score and the reasons for it."""

    seeker: object
    tier: int
    score: int = 0
    fit: int = FIT_NOT_ASKED
    reasons: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    no_shows: int = 0
    placement: Placement | None = None
    waiting: WaitingEntry | None = None
    rating: float = NEUTRAL_RATING

    @property
    def priority(self) -> bool:
        return bool(self.seeker.priority_groups)

    @property
    def tier_label(self) -> str:
        return str(TIER_LABELS[self.tier])

    def sort_key(self) -> tuple:
        queue = self.waiting.queue_number if self.waiting else 0
        return (
            self.tier != TIER_SIGNED_UP,
            self.fit,
            self.tier,
            self.no_shows > 0,
            -self.score,
            -self.rating,
            not self.priority,
            queue,
            self.seeker.pk,
        )


@dataclass
class JobMatch:
    """One job for one seeker ("jobs for me"), with the score and the reasons for it."""

    job: Job
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    fit: int = FIT_NOT_ASKED


def job_weekdays(job: Job) -> set[str]:
    """The weekdays the job needs people on (all seven when it runs a week or more)."""
    end = job.end_date or job.start_date
    days = min((end - job.start_date).days, 6)
    return {
        WEEKDAYS[(job.start_date + datetime.timedelta(days=i)).weekday()] for i in range(days + 1)
    }


def job_slots(job: Job) -> set[str]:
    """The parts of the day the job's hours touch (morning, afternoon, evening, night)."""
    match = _HOURS_RE.search(job.work_hours or "")
    if not match:
        return set()
    start, end = int(match.group(1)), int(match.group(3))
    if end <= start:
        end += 24
    slots = set()
    for hour in range(start, end):
        h = hour % 24
        if 6 <= h < 12:
            slots.add("morning")
        elif 12 <= h < 18:
            slots.add("afternoon")
        elif 18 <= h < 22:
            slots.add("evening")
        else:
            slots.add("night")
    return slots


def _region_code(region) -> str:
    return region.code if region is not None else ""


def assess(
    *,
    job: Job,
    seeker,
    skill=None,
    other_occupation: bool = False,
    weekdays: set[str] | None = None,
    slots: set[str] | None = None,
) -> tuple[int, list[str], list[str]]:
    """Score one seeker for one job and say why: (score, reasons for, concerns)."""
    score, reasons, concerns = 0, [], []
    # Kind of work and skill.
    if seeker.primary_occupation_id == job.occupation_id:
        score += 40
        reasons.append(_("Main kind of work wanted: %(occ)s") % {"occ": job.occupation.name})
    elif skill is not None or other_occupation:
        score += 30
        reasons.append(_("Also does %(occ)s") % {"occ": job.occupation.name})
    elif (
        seeker.primary_occupation_id
        and seeker.primary_occupation.parent_id == job.occupation.parent_id
    ):
        score += 10
        reasons.append(
            _("Related kind of work (%(occ)s)") % {"occ": seeker.primary_occupation.name}
        )
    else:
        concerns.append(_("Has not asked for this kind of work"))
    if skill is not None:
        if skill.level:
            score += _LEVEL_POINTS.get(skill.level, 0)
            reasons.append(_("Skill: %(level)s") % {"level": skill.get_level_display()})
        if skill.certificate_number:
            score += 5
            reasons.append(_("Holds a certificate"))
        if skill.years:
            score += min(skill.years, 5)
            reasons.append(_("%(n)s years' experience") % {"n": skill.years})
    # Nature of work.
    if seeker.work_natures and job.nature in seeker.work_natures:
        score += 5
        reasons.append(_("Takes %(nature)s work") % {"nature": job.get_nature_display()})
    # Days and hours.
    weekdays = job_weekdays(job) if weekdays is None else weekdays
    slots = job_slots(job) if slots is None else slots
    if seeker.available_days:
        free = weekdays & set(seeker.available_days)
        if free == weekdays:
            score += 10
            reasons.append(_("Free on the job's days"))
        elif free:
            score += 3
            concerns.append(_("Free on only some of the job's days"))
        else:
            score -= 20
            concerns.append(_("Not free on the job's days"))
    if seeker.available_slots and slots:
        if slots <= set(seeker.available_slots):
            score += 5
            reasons.append(_("Free at the job's hours"))
        else:
            score -= 10
            concerns.append(_("Not free at all of the job's hours"))
    # Distance.
    job_code, home_code = _region_code(job.region), _region_code(seeker.home_region)
    if home_code and len(home_code) == 12 and home_code == job_code:
        score += 20
        reasons.append(_("Lives in the same village"))
    elif home_code and len(job_code) >= 9 and home_code[:9] == job_code[:9]:
        score += 15
        reasons.append(_("Lives in the same township"))
    elif job.station_id and seeker.home_station_id == job.station_id:
        score += 10
        reasons.append(_("Registered at the job's station"))
    elif home_code and home_code[:6] == job_code[:6]:
        score += 3
        reasons.append(_("Lives in the same county"))
    elif home_code:
        score -= 5
        concerns.append(_("Lives outside the county"))
    # Pay.
    if seeker.min_daily_pay is not None and job.pay_per_day is not None:
        if job.pay_per_day >= seeker.min_daily_pay:
            score += 10
            reasons.append(
                _("Pay %(pay)s a day meets their lowest %(min)s")
                % {"pay": job.pay_per_day, "min": seeker.min_daily_pay}
            )
        else:
            score -= 30
            concerns.append(
                _("Pay %(pay)s a day is below their lowest %(min)s")
                % {"pay": job.pay_per_day, "min": seeker.min_daily_pay}
            )
    if seeker.priority_groups:
        reasons.append(
            _("Priority group: %(groups)s") % {"groups": "、".join(seeker.priority_group_labels)}
        )
    return score, reasons, concerns


def fit(*, job: Job, seeker, skill=None, other_occupation: bool = False) -> int:
    """FIT_WANTS: wants this kind of work (main or other kind, or has the skill) and the pay
    meets their lowest; FIT_PARTLY: wants it but the pay is short, or a related kind;
    FIT_NOT_ASKED: has not asked for this kind of work."""
    wants = seeker.primary_occupation_id == job.occupation_id or skill is not None
    wants = wants or other_occupation
    pay_ok = (
        seeker.min_daily_pay is None
        or job.pay_per_day is None
        or job.pay_per_day >= seeker.min_daily_pay
    )
    if wants:
        return FIT_WANTS if pay_ok else FIT_PARTLY
    related = (
        seeker.primary_occupation_id
        and seeker.primary_occupation.parent_id == job.occupation.parent_id
    )
    return FIT_PARTLY if related else FIT_NOT_ASKED


def has_work_on(job: Job, day: datetime.date) -> bool:
    """The job has work on ``day``: it has started and not yet ended."""
    return job.start_date <= day <= (job.end_date or job.start_date)


def _occupation_match(job: Job, prefix: str = "") -> Q:
    """Seekers who want or can do the job's kind of work, or one in the same major group.
    Skills and other intents are EXISTS probes of one seeker's rows (an index lookup per
    candidate read), not IN over every seeker who has them."""
    from seekers.models import Seeker, Skill

    occupation = job.occupation
    others = Seeker.other_occupations.through.objects.filter(
        seeker_id=OuterRef("pk"), occupation_id=occupation.pk
    )
    return (
        Q(primary_occupation_id=occupation.pk)
        | Q(primary_occupation__parent_id=occupation.parent_id)
        | Q(Exists(Skill.objects.filter(seeker_id=OuterRef("pk"), occupation_id=occupation.pk)))
        | Q(Exists(others))
    )


def _proximity_tiers(job: Job) -> list[tuple[int, Q]]:
    """The tiers of ``_proximity`` as filters, nearest first (each excludes the ones before)."""
    code = _region_code(job.region)
    tiers = []
    if len(code) == 12:  # the job's place is a village: its own seekers first
        tiers.append((0, Q(home_region_id=job.region_id)))
    township = Q(home_region__code__startswith=code[:9])
    if job.station_id:
        township |= Q(home_station_id=job.station_id)
    tiers.append((1, township))
    tiers.append((2, Q(home_region__code__startswith=code[:6])))
    tiers.append((3, Q()))
    return tiers


def register_pool(job: Job, *, today: datetime.date, exclude_ids=(), size: int = POOL):
    """The register's seekers worth scoring for ``job``: seeking, with a running period, wanting
    the kind of work; nearest first; at most ``size``.

    Tier by tier (same village, township, county, elsewhere), each newest registration first
    and cut to what is still missing, so that each query stops after the rows it needs (the
    seeking seekers' registration index) instead of sorting the whole register by distance:
    the cost stays the same at 50,000 and 500,000 seekers."""
    from seekers.models import Seeker, SeekingPeriod

    base = (
        Seeker.objects.seeking()
        .filter(Exists(SeekingPeriod.objects.current(today).filter(seeker_id=OuterRef("pk"))))
        .filter(_occupation_match(job))
        .exclude(pk__in=job.placements.values("seeker_id"))
        .exclude(pk__in=list(exclude_ids))
        .select_related("home_region", "primary_occupation")
        .only(*SEEKER_FIELDS)
    )
    pool: list = []
    nearer = Q()
    for tier, condition in _proximity_tiers(job):
        if len(pool) >= size:
            break
        rows = base.filter(condition).exclude(nearer) if nearer else base.filter(condition)
        pool += rows.annotate(proximity=Value(tier)).order_by("-registered_at", "pk")[
            : size - len(pool)
        ]
        nearer |= condition
    return pool


def _facts(job: Job, seeker_ids: list[int], today: datetime.date) -> dict:
    """What scoring needs about many seekers at once: skills, other kinds, no-shows, busy."""
    from seekers.models import Seeker, Skill

    skills = {
        s.seeker_id: s
        for s in Skill.objects.filter(seeker_id__in=seeker_ids, occupation_id=job.occupation_id)
    }
    others = set(
        Seeker.other_occupations.through.objects.filter(
            seeker_id__in=seeker_ids, occupation_id=job.occupation_id
        ).values_list("seeker_id", flat=True)
    )
    since = today - datetime.timedelta(days=NO_SHOW_DAYS)
    no_shows = Counter(
        Placement.objects.filter(seeker_id__in=seeker_ids)
        .no_shows_since(since)
        .values_list("seeker_id", flat=True)
    )
    end = job.end_date or job.start_date
    busy = set(
        Placement.objects.filter(
            seeker_id__in=seeker_ids,
            state__in=(Placement.State.CONFIRMED, Placement.State.ON_DUTY),
            job__start_date__lte=end,
        )
        .exclude(job=job)
        .filter(
            Q(job__end_date__gte=job.start_date)
            | Q(job__end_date__isnull=True, job__start_date__gte=job.start_date)
        )
        .values_list("seeker_id", flat=True)
    )
    return {
        "skills": skills,
        "others": others,
        "no_shows": no_shows,
        "busy": busy,
        "ratings": worker_ratings(seeker_ids),
    }


def worker_ratings(seeker_ids) -> dict[int, tuple[float, int]]:
    """{seeker id: (employers' average rating, how many)} for seekers rated at least once."""
    from django.db.models import Avg, Count

    rows = (
        PlacementRating.objects.filter(
            side=PlacementRating.Side.EMPLOYER,
            answered_at__isnull=False,
            placement__seeker_id__in=list(seeker_ids),
        )
        .values("placement__seeker_id")
        .annotate(avg=Avg("score"), n=Count("pk"))
    )
    return {r["placement__seeker_id"]: (float(r["avg"]), r["n"]) for r in rows}


def candidates_for(
    job: Job, *, today: datetime.date | None = None, limit: int = 60
) -> list[Candidate]:
    """Ranked candidates for ``job`` with their reasons: sign-ups, then the rest by fit; today's
    waiting list (in the job's county) counts as presence only when the job has work today."""
    today = today or timezone.localdate()
    signups = list(
        job.placements.filter(state=Placement.State.APPLIED)
        .select_related("seeker__home_region", "seeker__primary_occupation")
        .order_by("created_at", "pk")
    )
    taken = set(job.placements.values_list("seeker_id", flat=True))
    county = _region_code(job.region)[:6]
    waiting_rows = (
        WaitingEntry.objects.on(today)
        .filter(station__region__code__startswith=county)
        .exclude(seeker_id__in=taken)
        .select_related("station", "seeker__home_region", "seeker__primary_occupation")
        .order_by("queue_number", "pk")
    )
    waiting: dict[int, WaitingEntry] = {}
    # Someone waiting at a station today is only "here" for work that happens today; for a later
    # job they are one more person in the register.
    for entry in waiting_rows if has_work_on(job, today) else ():
        waiting.setdefault(entry.seeker_id, entry)
    # Score only what can be shown: the register adds at most ``limit`` people.
    pool = register_pool(job, today=today, exclude_ids=waiting.keys(), size=limit)
    candidates = [Candidate(seeker=p.seeker, tier=TIER_SIGNED_UP, placement=p) for p in signups]
    candidates += [
        Candidate(seeker=e.seeker, tier=TIER_WAITING, waiting=e) for e in waiting.values()
    ]
    candidates += [Candidate(seeker=s, tier=TIER_REGISTER) for s in pool]
    if not candidates:
        return []
    facts = _facts(job, [c.seeker.pk for c in candidates], today)
    weekdays, slots = job_weekdays(job), job_slots(job)
    for c in candidates:
        skill = facts["skills"].get(c.seeker.pk)
        other = c.seeker.pk in facts["others"]
        c.score, c.reasons, c.concerns = assess(
            job=job,
            seeker=c.seeker,
            skill=skill,
            other_occupation=other,
            weekdays=weekdays,
            slots=slots,
        )
        c.fit = fit(job=job, seeker=c.seeker, skill=skill, other_occupation=other)
        if c.waiting is not None:
            c.reasons.insert(
                0,
                _("Waiting at %(station)s, number %(n)s")
                % {"station": c.waiting.station.name, "n": c.waiting.queue_number},
            )
        c.no_shows = facts["no_shows"].get(c.seeker.pk, 0)
        if c.no_shows:
            c.concerns.append(
                _("%(n)s no-show(s) in the last %(days)s days")
                % {"n": c.no_shows, "days": NO_SHOW_DAYS}
            )
        average, count = facts["ratings"].get(c.seeker.pk, (NEUTRAL_RATING, 0))
        if count >= MIN_RATINGS:
            c.rating = average
        if c.seeker.pk in facts["busy"]:
            c.score -= 25
            c.concerns.append(_("Already confirmed on another job on these dates"))
    candidates.sort(key=Candidate.sort_key)
    return candidates[:limit]


def jobs_for(seeker, *, today: datetime.date | None = None, limit: int = 30) -> list[JobMatch]:
    """Open jobs ranked for ``seeker`` by the same rule ("jobs for me")."""
    from seekers.models import Skill

    today = today or timezone.localdate()
    occupation_ids = {seeker.primary_occupation_id} if seeker.primary_occupation_id else set()
    occupation_ids |= set(seeker.other_occupations.values_list("pk", flat=True))
    skills = {s.occupation_id: s for s in Skill.objects.filter(seeker=seeker)}
    occupation_ids |= set(skills)
    condition = Q(occupation_id__in=occupation_ids)
    if seeker.primary_occupation_id and seeker.primary_occupation.parent_id:
        condition |= Q(occupation__parent_id=seeker.primary_occupation.parent_id)
    home = _region_code(seeker.home_region)
    whens = []
    if len(home) == 12:
        whens.append(When(region__code=home, then=Value(0)))
    if home:
        whens.append(When(region__code__startswith=home[:9], then=Value(1)))
    if seeker.home_station_id:
        whens.append(When(station_id=seeker.home_station_id, then=Value(1)))
    if home:
        whens.append(When(region__code__startswith=home[:6], then=Value(2)))
    proximity = Case(*whens, default=Value(3), output_field=IntegerField()) if whens else Value(3)
    jobs = (
        Job.objects.listed(today)
        .filter(condition)
        .exclude(pk__in=seeker.placements.values("job_id"))
        .annotate(proximity=proximity)
        .select_related("occupation", "region", "station", "employer")
        .order_by("proximity", "start_date", "pk")[:POOL]
    )
    matches = []
    for job in jobs:
        skill, other = skills.get(job.occupation_id), job.occupation_id in occupation_ids
        score, reasons, concerns = assess(
            job=job, seeker=seeker, skill=skill, other_occupation=other
        )
        matches.append(
            JobMatch(
                job=job,
                score=score,
                reasons=reasons,
                concerns=concerns,
                fit=fit(job=job, seeker=seeker, skill=skill, other_occupation=other),
            )
        )
    # The same rule as for staff: the kind of work and the pay first, then the score.
    matches.sort(key=lambda m: (m.fit, -m.score, m.job.start_date, m.job.pk))
    return matches[:limit]


def confirmed_count(job: Job) -> int:
    """Placements at confirmed or later on ``job``."""
    return job.placements.filter(state__in=CONFIRMED_OR_LATER).count()
