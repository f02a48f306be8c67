"""The monthly figures (求人倍率, 工资价位, service figures), aggregated in the database.

Definitions: DESIGN.md "The monthly figures" (also docs/reports.md, in Chinese). A month is an
Asia/Shanghai calendar month; a region is a subtree (None: the whole deployment).

Where a record lies:
- a job: its place (``Job.region``);
- a seeking period: its station's region, else the seeker's home station's, else their home region;
- a placement: its job's place; an employer: its region.

Every figure is counted by the database (GROUP BY, COUNT, SUM, percentiles); Python only adds up
the per-occupation rows into major groups and turns counts into ratios.
"""

from __future__ import annotations

import calendar
import datetime
import zoneinfo
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, Exists, F, Min, OuterRef, Q, Subquery, Sum, Value, Window
from django.db.models.functions import Coalesce, Greatest, RowNumber
from django.utils import timezone

from events.figures import month_figures as event_month_figures
from gigmarket.models import Industry, Occupation, Region
from guidance.figures import month_figures as guidance_month_figures
from jobs.models import Employer, Job, Placement, PlacementTransition
from partners.figures import month_figures as partner_month_figures
from reports.models import PublishedReport, StoredMonth
from rights.selectors import monthly_complaints
from seekers.models import Seeker, SeekingPeriod
from stations.models import Station
from training.selectors import referrals_by_state

PERCENTILES = (10, 25, 50, 75, 90)
HOURS_PER_DAY = Decimal(8)
DAYS_PER_MONTH = Decimal("21.75")
UNSPECIFIED = ""
CENT = Decimal("0.01")
COUNT_KEYS = ("new_openings", "active_openings", "new_applicants", "active_applicants")
FIGURE_KEYS = (
    "new_openings",
    "new_applicants",
    "new_ratio",
    "active_openings",
    "active_applicants",
    "active_ratio",
)


@dataclass(frozen=True)
class Month:
    """A calendar month in Asia/Shanghai: its days and the instants that bound it."""

    first: datetime.date

    @classmethod
    def parse(cls, text: str) -> Month:
        """``YYYY-MM`` → Month; ValueError on anything else."""
        year, month = text.strip().split("-")
        if len(year) != 4 or len(month) != 2:
            raise ValueError(text)
        return cls(datetime.date(int(year), int(month), 1))

    @classmethod
    def of(cls, day: datetime.date) -> Month:
        return cls(day.replace(day=1))

    @property
    def last(self) -> datetime.date:
        return self.first.replace(day=calendar.monthrange(self.first.year, self.first.month)[1])

    @property
    def next(self) -> Month:
        return Month(self.last + datetime.timedelta(days=1))

    @property
    def previous(self) -> Month:
        return Month.of(self.first - datetime.timedelta(days=1))

    @property
    def starts(self) -> datetime.datetime:
        """00:00 Asia/Shanghai on the first day (an aware datetime)."""
        zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return datetime.datetime.combine(self.first, datetime.time(0), tzinfo=zone)

    @property
    def ends(self) -> datetime.datetime:
        """00:00 Asia/Shanghai on the first day of the next month (exclusive)."""
        return self.next.starts

    def has_ended(self, today: datetime.date | None = None) -> bool:
        """True once the month's last day is over in Asia/Shanghai (only then may it be
        published or stored: its figures can still change while it runs)."""
        return self.last < (today or timezone.localdate())

    def __str__(self) -> str:
        return f"{self.first:%Y-%m}"


def last_complete_month(today: datetime.date | None = None) -> Month:
    """The month before this one (Asia/Shanghai)."""
    return Month.of(today or timezone.localdate()).previous


REPORT_SETTINGS = {
    "random_page_cost": "1.1",
    "jit": "off",
    "work_mem": "32MB",
}


@contextmanager
def month_range_planning():
    """Within the block, PostgreSQL plans for the report's kind of statement (REPORT_SETTINGS):

    - a random page read costs 1.1 sequential ones instead of 4. The report's statements read
      one month of rows through range indexes and then fetch each row's job by its key; with
      the default cost, the planner prefers reading the whole jobs table to a few thousand key
      lookups once a county's history passes ~100,000 jobs. 1.1 is the usual setting where the
      data sit in memory or on SSD (see docs/reports.md);
    - no JIT compilation: it cost 0.1–0.2 s per large statement at 1,000,000 jobs, more than it
      saved on statements that each take well under a second;
    - 32 MB to sort in: ranking a month's seeking periods (~110,000 at 1,000,000 jobs) spilled
      to disk with the default 4 MB.

    They are set for the report's own transaction only and put back afterwards.
    """
    if connection.vendor != "postgresql" or getattr(connection, "month_range_planning", False):
        yield  # SQLite has no such settings; an outer block has set them already
        return
    with transaction.atomic(), connection.cursor() as cursor:
        names = list(REPORT_SETTINGS)
        cursor.execute(
            "SELECT "
            + ", ".join("current_setting(%s), set_config(%s, %s, true)" for _name in names),
            [v for name in names for v in (name, name, REPORT_SETTINGS[name])],
        )
        before = cursor.fetchone()[0::2]
        connection.month_range_planning = True
        try:
            yield
        finally:
            connection.month_range_planning = False
            cursor.execute(
                "SELECT " + ", ".join("set_config(%s, %s, true)" for _name in names),
                [v for name, value in zip(names, before, strict=True) for v in (name, value)],
            )


# --- where records lie ---------------------------------------------------------------------


def _holds_every_region(region: Region | None) -> bool:
    """True when no region lies outside ``region``'s subtree (the usual county deployment asking
    for its own county). Jobs, and placements and employers through them, always have a region,
    so filtering them by it would change nothing but the plan: a join with every job. Asked once
    per Region object."""
    if region is None:
        return True
    if not hasattr(region, "_reports_holds_every_region"):
        region._reports_holds_every_region = not (
            Region.objects.exclude(code__startswith=region.prefix).exists()
        )
    return region._reports_holds_every_region


def _jobs(region: Region | None):
    jobs = Job.objects.order_by()
    if not _holds_every_region(region):
        jobs = jobs.filter(region__code__startswith=region.prefix)
    return jobs


def _seeker_fallback(column: str) -> Subquery:
    """A column of the period's seeker, read only where the period has no station (COALESCE
    stops at the first value, so the lookup runs per row that needs it instead of a join with
    every seeker)."""
    return Subquery(Seeker.objects.filter(pk=OuterRef("seeker")).order_by().values(column)[:1])


def _periods(region: Region | None):
    periods = SeekingPeriod.objects.order_by()
    if region is not None:
        periods = periods.annotate(
            area=Coalesce(
                "station__region__code",
                _seeker_fallback("home_station__region__code"),
                _seeker_fallback("home_region__code"),
            )
        ).filter(area__startswith=region.prefix)
    return periods


def _placements(region: Region | None):
    rows = Placement.objects.order_by()
    if not _holds_every_region(region):
        rows = rows.filter(job__region__code__startswith=region.prefix)
    return rows


# --- openings and applicants ---------------------------------------------------------------


def _opened_in(month: Month) -> Q:
    return Q(opened_at__gte=month.starts, opened_at__lt=month.ends)


def _open_in(month: Month) -> Q:
    return Q(opened_at__lt=month.ends, valid_through__gte=month.first) & (
        Q(ended_at__isnull=True) | Q(ended_at__gte=month.starts)
    )


def jobs_opened_in(month: Month, region: Region | None):
    """Jobs first opened (published) in the month."""
    return _jobs(region).filter(_opened_in(month))


def jobs_open_in(month: Month, region: Region | None):
    """Jobs opened on or before the month's last day and not closed, filled or expired before
    its first day (a job past its valid-through date counts as expired then)."""
    return _jobs(region).filter(_open_in(month))


def _remaining_headcount(month: Month) -> models.Expression:
    """headcount − placements that reached "confirmed" before the month, never below zero."""
    confirmed_before = (
        Placement.objects.filter(job=OuterRef("pk"), confirmed_at__lt=month.starts)
        .order_by()
        .values("job")
        .annotate(n=Count("job"))  # not "pk": (job, confirmed_at) alone answers, index only
        .values("n")
    )
    return Greatest(
        F("headcount")
        - Coalesce(Subquery(confirmed_before, output_field=models.IntegerField()), 0),
        Value(0),
    )


def _latest_per_seeker(periods):
    """Of ``periods``, only each seeker's latest (latest start, then newest record)."""
    later = periods.filter(seeker=OuterRef("seeker")).filter(
        Q(start__gt=OuterRef("start")) | Q(start=OuterRef("start"), pk__gt=OuterRef("pk"))
    )
    return periods.filter(~Exists(later))


def active_applicant_periods(month: Month, region: Region | None):
    """One period per seeker with a period overlapping the month (their latest such)."""
    return _latest_per_seeker(_periods(region).overlapping(month.first, month.last))


def _grouped(queryset, key: str, value: models.Expression | None = None) -> dict:
    """{key value: COUNT(*) or SUM(value)} by one GROUP BY query."""
    aggregate = Count("pk") if value is None else Sum(value)
    rows = queryset.values(key).annotate(n=aggregate).values_list(key, "n")
    return {k: int(n or 0) for k, n in rows}


JOB_KEYS = {"occupation": "occupation", "industry": "industry", "station": "station"}
PERIOD_KEYS = {
    "occupation": "primary_occupation",
    "industry": "intended_industry",
    "station": Coalesce(
        "station", _seeker_fallback("home_station"), output_field=models.BigIntegerField()
    ),
}
DIMENSIONS = ("occupation", "industry", "station")


def _rollup(
    queryset, keys: dict, sums: dict[str, str], columns: list[str], where: str = ""
) -> dict[str, dict]:
    """{sum: {dimension: {key: total}}} for each dimension of ``keys``, plus "all" (key None).

    ``sums`` are SQL expressions over ``columns`` (annotations of ``queryset``), summed per
    group over the rows that pass ``where`` (SQL over the same columns; empty: every row). One
    statement: on PostgreSQL one pass over the rows, grouped by every dimension at once
    (GROUPING SETS); on SQLite, which has no grouping sets, the rows are selected once (a
    materialised CTE) and grouped per dimension (UNION ALL).
    """
    annotations = {
        f"rollup_{name}": F(key) if isinstance(key, str) else key for name, key in keys.items()
    }
    inner = queryset.annotate(**annotations).values(*annotations, *columns)
    sql, params = inner.query.sql_with_params()
    qn = connection.ops.quote_name
    totals = ", ".join(f"SUM({expression})" for expression in sums.values())
    condition = f" WHERE {where}" if where else ""
    names = list(keys)
    grouped = [qn("rollup_" + name) for name in names]
    if connection.vendor == "postgresql":
        # GROUPING(a, b, c) has bit (n − 1 − i) set when dimension i is not grouped: 0b011 is
        # the first dimension's set, 0b111 the grand total.
        statement = (
            f"SELECT GROUPING({', '.join(grouped)}), {', '.join(grouped)}, {totals} "
            f"FROM ({sql}) AS t{condition} "
            f"GROUP BY GROUPING SETS ({', '.join(f'({g})' for g in grouped)}, ())"
        )
        every = (1 << len(names)) - 1
        sets = {every ^ (1 << (len(names) - 1 - i)): i for i in range(len(names))}
    else:
        parts = [
            f"SELECT {i}, {g}, {totals} FROM t{condition} GROUP BY {g}"
            for i, g in enumerate(grouped)
        ]
        parts.append(f"SELECT -1, NULL, {totals} FROM t{condition}")
        statement = f"WITH t AS MATERIALIZED ({sql}) " + " UNION ALL ".join(parts)
    result: dict[str, dict] = {total: {name: {} for name in (*keys, "all")} for total in sums}
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        for row in cursor.fetchall():
            if connection.vendor == "postgresql":
                index = sets.get(row[0], -1)
                key = row[1 + index] if index >= 0 else None
                amounts = row[1 + len(names) :]
            else:
                index, key, *amounts = row
            name = names[index] if index >= 0 else "all"
            for total, n in zip(sums, amounts, strict=True):
                if n:
                    result[total][name][key] = int(n)
    return result


def _openings(month: Month, region: Region | None) -> dict[str, dict]:
    """New and active openings in one pass over the jobs open or opened in the month."""
    integer = models.IntegerField()
    jobs = (
        _jobs(region)
        .filter(_opened_in(month) | _open_in(month))
        .annotate(
            opening_new=models.Case(
                models.When(_opened_in(month), then=F("headcount")),
                default=Value(0),
                output_field=integer,
            ),
            opening_active=models.Case(
                models.When(_open_in(month), then=_remaining_headcount(month)),
                default=Value(0),
                output_field=integer,
            ),
        )
    )
    return _rollup(
        jobs,
        JOB_KEYS,
        {"new_openings": "opening_new", "active_openings": "opening_active"},
        ["opening_new", "opening_active"],
    )


def _applicants(month: Month, region: Region | None) -> dict[str, dict]:
    """New and active applicants in one pass over the periods overlapping the month: each seeker
    once, under their latest period overlapping it (active), picked by ROW_NUMBER() instead of a
    search for a later period per row.

    The same period answers "new": a period overlapping the month starts on or before its last
    day, so the seeker's latest (latest start, then newest record) started in the month whenever
    any of their overlapping periods did, and it is then also their latest started in it.
    """
    started = models.Case(
        models.When(Q(start__gte=month.first, start__lte=month.last), then=Value(1)),
        default=Value(0),
        output_field=models.IntegerField(),
    )
    latest_first = [F("start").desc(), F("pk").desc()]
    periods = (
        _periods(region)
        .overlapping(month.first, month.last)
        .annotate(
            period_new=started,
            period_rank=Window(RowNumber(), partition_by=[F("seeker")], order_by=latest_first),
        )
    )
    qn = connection.ops.quote_name
    return _rollup(
        periods,
        PERIOD_KEYS,
        {"new_applicants": qn("period_new"), "active_applicants": "1"},
        ["period_new", "period_rank"],
        where=f"{qn('period_rank')} = 1",
    )


@dataclass(frozen=True)
class Cells:
    """The four counts of a month, each rolled up by occupation, industry, station and in all."""

    new_openings: dict
    active_openings: dict
    new_applicants: dict
    active_applicants: dict

    def as_json(self) -> dict:
        """{count: {dimension: [[key, n], …]}} (pairs, so that integer keys stay integers)."""
        return {
            name: {
                dim: sorted(values.items(), key=str) for dim, values in getattr(self, name).items()
            }
            for name in COUNT_KEYS
        }

    @classmethod
    def from_json(cls, data: dict) -> Cells:
        return cls(
            **{
                name: {dim: {k: n for k, n in pairs} for dim, pairs in data[name].items()}
                for name in COUNT_KEYS
            }
        )

    def by(self, dimension: str) -> dict:
        """{key: {new_openings, active_openings, new_applicants, active_applicants}}."""
        figures: dict = {}
        for name in COUNT_KEYS:
            for key, n in getattr(self, name)[dimension].items():
                figures.setdefault(key, dict.fromkeys(COUNT_KEYS, 0))[name] = n
        return figures


def cells(month: Month, region: Region | None) -> Cells:
    """The month's openings and applicants, counted by the database in two statements."""
    with month_range_planning():
        return Cells(**_openings(month, region), **_applicants(month, region))


def ratio(openings: int, applicants: int) -> Decimal | None:
    """openings / applicants, two decimals half-up; None when there are no applicants."""
    if not applicants:
        return None
    return (Decimal(openings) / Decimal(applicants)).quantize(CENT, rounding=ROUND_HALF_UP)


def _with_ratios(counts: dict) -> dict:
    row = {
        "new_openings": counts.get("new_openings", 0),
        "new_applicants": counts.get("new_applicants", 0),
        "active_openings": counts.get("active_openings", 0),
        "active_applicants": counts.get("active_applicants", 0),
    }
    row["new_ratio"] = ratio(row["new_openings"], row["new_applicants"])
    row["active_ratio"] = ratio(row["active_openings"], row["active_applicants"])
    return {key: row[key] for key in FIGURE_KEYS}


def totals(month: Month, region: Region | None, counted: Cells | None = None) -> dict:
    """The headline figures: new and active openings, applicants and ratios."""
    counted = counted or cells(month, region)
    return _with_ratios(counted.by("all").get(None, {}))


def _occupations() -> dict[int, Occupation]:
    return {o.pk: o for o in Occupation.objects.select_related("parent")}


def _major_group(occupation: Occupation, major_groups: dict[str, Occupation]) -> Occupation:
    return occupation.parent or major_groups.get(occupation.major_group_code, occupation)


def by_occupation(
    month: Month, region: Region | None, counted: Cells | None = None
) -> tuple[list[dict], list[dict]]:
    """(rows per detailed occupation, rows per major group), each seeker under one occupation."""
    counts = (counted or cells(month, region)).by("occupation")
    occupations = _occupations()
    majors = {o.code: o for o in occupations.values() if o.parent_id is None}
    detail, groups = [], {}
    for pk in sorted(counts, key=lambda pk: (occupations[pk].sort, occupations[pk].code)):
        occupation = occupations[pk]
        major = _major_group(occupation, majors)
        detail.append(
            {
                "code": occupation.code,
                "name": occupation.name,
                "major_group": major.code,
                **_with_ratios(counts[pk]),
            }
        )
        group = groups.setdefault(major.code, {"major": major, "counts": {}})
        for key, n in counts[pk].items():
            group["counts"][key] = group["counts"].get(key, 0) + n
    major_rows = [
        {
            "code": code,
            "name": group["major"].name,
            "major_group": code,
            **_with_ratios(group["counts"]),
        }
        for code, group in sorted(groups.items())
    ]
    return detail, major_rows


def by_industry(month: Month, region: Region | None, counted: Cells | None = None) -> list[dict]:
    """Openings by the job's industry, applicants by the period's intended industry;
    "unspecified" is its own row."""
    counts = (counted or cells(month, region)).by("industry")
    names = dict(Industry.objects.values_list("pk", "name"))
    codes = dict(Industry.objects.values_list("pk", "code"))
    rows = [
        {"code": codes[pk], "name": names[pk], **_with_ratios(c)}
        for pk, c in counts.items()
        if pk is not None
    ]
    rows.sort(key=lambda r: r["code"])
    if None in counts:
        rows.append({"code": UNSPECIFIED, "name": "未指定", **_with_ratios(counts[None])})
    return rows


def by_station(month: Month, region: Region | None, counted: Cells | None = None) -> list[dict]:
    """Openings by the collecting station, applicants by the period's station (else the
    seeker's home station); records with neither are their own row."""
    figures = (counted or cells(month, region)).by("station")
    stations = {s.pk: s for s in Station.objects.filter(pk__in=[k for k in figures if k])}
    rows = [
        {"code": stations[pk].code, "name": stations[pk].name, **_with_ratios(c)}
        for pk, c in figures.items()
        if pk is not None
    ]
    rows.sort(key=lambda r: r["code"])
    if None in figures:
        rows.append({"code": UNSPECIFIED, "name": "未指定驿站", **_with_ratios(figures[None])})
    return rows


# --- percentiles -----------------------------------------------------------------------------


def _round(value) -> Decimal | None:
    """A percentile as money: to 6 places first (float noise), then two decimals half-up."""
    if value is None:
        return None
    exact = Decimal(str(value)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    return exact.quantize(CENT, rounding=ROUND_HALF_UP)


def percentiles(queryset, group: Iterable[str], value: str) -> list[dict]:
    """Per group of ``queryset`` (already annotated with ``value``): n and P10…P90 of ``value``,
    linearly interpolated between ranks (PostgreSQL's ``percentile_cont``; the same on SQLite)."""
    group = list(group)
    inner = queryset.values(*group, value).order_by()
    sql, params = inner.query.sql_with_params()
    qn = connection.ops.quote_name
    cols = [qn(c) for c in group]
    v = qn(value)
    group_by = f"GROUP BY {', '.join(cols)}" if cols else ""
    if connection.vendor == "postgresql":
        fractions = ", ".join(f"{p / 100}" for p in PERCENTILES)
        select = ", ".join(cols + ["COUNT(*)"])
        outer = (
            f"SELECT {select}, percentile_cont(ARRAY[{fractions}]) WITHIN GROUP "
            f"(ORDER BY ({v})::float8) FROM ({sql}) AS t {group_by}"
        )
        with connection.cursor() as cursor:
            cursor.execute(outer, params)
            raw = [
                (*row[: len(cols) + 1], *(row[-1] or [None] * len(PERCENTILES)))
                for row in cursor.fetchall()
            ]
    else:
        partition = f"PARTITION BY {', '.join(cols)}" if cols else ""
        terms = []
        for p in PERCENTILES:
            # Rank h = (n − 1)·p, 0-based; integer arithmetic so that floor(h) is exact.
            lo = f"(((n - 1) * {p}) / 100)"
            frac = f"((((n - 1) * {p}) %% 100) / 100.0)"
            terms.append(
                f"SUM(CASE WHEN r = {lo} THEN v * (1 - {frac}) "
                f"WHEN r = {lo} + 1 THEN v * {frac} ELSE 0 END)"
            )
        select = ", ".join(cols + ["n"] + terms)
        outer = (
            f"SELECT {select} FROM (SELECT {', '.join(cols + [''])}CAST({v} AS REAL) AS v, "
            f"ROW_NUMBER() OVER ({partition} ORDER BY {v}) - 1 AS r, "
            f"COUNT(*) OVER ({partition}) AS n FROM ({sql}) AS t) AS ranked "
            f"GROUP BY {', '.join(cols + ['n'])}"
        )
        with connection.cursor() as cursor:
            cursor.execute(outer, params)
            raw = cursor.fetchall()
    rows = []
    for row in raw:
        keys = dict(zip(group, row[: len(group)], strict=True))
        n = row[len(group)]
        values = row[len(group) + 1 :]
        rows.append(
            {
                **keys,
                "n": int(n),
                **{f"p{p}": _round(x) for p, x in zip(PERCENTILES, values, strict=True)},
            }
        )
    return rows


def _pay_kind(unit_field: str) -> models.Expression:
    """ "day" for pay normalised to a day (hour, day, month); else the unit (piece, task)."""
    return models.Case(
        models.When(**{f"{unit_field}__in": ["hour", "day", "month"]}, then=Value("day")),
        default=F(unit_field),
        output_field=models.CharField(),
    )


def _pay_value(amount: models.Expression, unit_field: str) -> models.Expression:
    """Pay per day (hour × 8, day × 1, month ÷ 21.75); piece and task pay as they are."""
    decimal = models.DecimalField(max_digits=14, decimal_places=6)
    return models.Case(
        models.When(
            **{f"{unit_field}": "hour"},
            then=models.ExpressionWrapper(amount * Value(HOURS_PER_DAY), output_field=decimal),
        ),
        models.When(
            **{f"{unit_field}": "month"},
            then=models.ExpressionWrapper(amount / Value(DAYS_PER_MONTH), output_field=decimal),
        ),
        default=models.ExpressionWrapper(amount, output_field=decimal),
        output_field=decimal,
    )


def _posting_pay():
    # × 0.5 rather than ÷ 2: SQLite stores 171.00 as the integer 171 and would divide integers
    # (171 + 214 → 192, not 192.5); multiplying by a fraction is exact on both databases.
    midpoint = models.ExpressionWrapper(
        (F("pay_min") + Coalesce("pay_max", "pay_min")) * Value(Decimal("0.5")),
        output_field=models.DecimalField(max_digits=14, decimal_places=6),
    )
    return _pay_value(midpoint, "pay_unit")


def wages(month: Month, region: Region | None) -> list[dict]:
    """Wage prices (工资价位) per occupation: P10…P90 of pay per day over postings opened in
    the month and over placements completed in it; piece and task pay in rows of their own."""
    occupations = _occupations()
    rows = []
    postings = (
        jobs_opened_in(month, region)
        .filter(pay_min__isnull=False)
        .annotate(occ=F("occupation"), pay_kind=_pay_kind("pay_unit"), pay_value=_posting_pay())
    )
    sources = [("postings", postings)]
    completed = (
        _placements(region)
        .filter(
            completed_at__gte=month.starts, completed_at__lt=month.ends, pay_amount__isnull=False
        )
        .exclude(pay_unit="")
        .annotate(
            occ=F("job__occupation"),
            pay_kind=_pay_kind("pay_unit"),
            pay_value=_pay_value(F("pay_amount"), "pay_unit"),
        )
    )
    sources.append(("placements", completed))
    for source, queryset in sources:
        for row in percentiles(queryset, ["occ", "pay_kind"], "pay_value"):
            occupation = occupations[row["occ"]]
            rows.append(
                {
                    "code": occupation.code,
                    "name": occupation.name,
                    "source": source,
                    "unit": row["pay_kind"],
                    "n": row["n"],
                    **{f"p{p}": row[f"p{p}"] for p in PERCENTILES},
                }
            )
    order = {o.pk: (o.sort, o.code) for o in occupations.values()}
    by_code = {o.code: o.pk for o in occupations.values()}
    rows.sort(key=lambda r: (order[by_code[r["code"]]], r["source"], r["unit"]))
    return rows


# --- service figures -------------------------------------------------------------------------


def service(month: Month, region: Region | None) -> dict:
    """What the service did in the month: registrations, jobs, placements, training, complaints."""
    registrations = (
        _periods(region)
        .started_in(month.first, month.last)
        .aggregate(
            registered=Count(
                "seeker", distinct=True, filter=Q(kind=SeekingPeriod.Kind.REGISTRATION)
            ),
            renewed=Count("seeker", distinct=True, filter=Q(kind=SeekingPeriod.Kind.RENEWAL)),
        )
    )
    figures = {
        "seekers_registered": registrations["registered"],
        "seekers_renewed": registrations["renewed"],
        "employers_registered": _employers(region)
        .filter(created_at__gte=month.starts, created_at__lt=month.ends)
        .count(),
        "jobs_opened": jobs_opened_in(month, region).count(),
    }
    figures.update(_placement_figures(month, region))
    figures.update(_training_figures(month, region))
    figures.update(_complaint_figures(month, region))
    figures.update(event_month_figures(month, region))
    figures.update(guidance_month_figures(month, None if _holds_every_region(region) else region))
    figures.update(partner_month_figures(month, region))
    return figures


def _employers(region: Region | None):
    employers = Employer.objects.order_by()
    if not _holds_every_region(region):
        employers = employers.filter(region__code__startswith=region.prefix)
    return employers


def _placement_figures(month: Month, region: Region | None) -> dict:
    """Placements that reached each state in the month (from their state log; a placement counts
    once per state), and the median hours from a job's opening to its first confirmed placement
    for jobs whose first confirmation fell in the month."""
    placements = _placements(region)
    steps = PlacementTransition.objects.order_by().filter(
        at__gte=month.starts, at__lt=month.ends, placement__in=placements
    )
    by_state = dict.fromkeys(Placement.State.values, 0)
    rows = steps.values("to_state").annotate(n=Count("placement", distinct=True))
    by_state.update({r["to_state"]: r["n"] for r in rows})
    # A job counts in the month whose first confirmation falls in it: from the month's
    # confirmations (an index range), keep each that is its job's first (one index probe on
    # (job, confirmed_at) each). Never a join of every job with every placement.
    first_of_job = (
        Placement.objects.filter(job=OuterRef("job"), confirmed_at__isnull=False)
        .order_by("confirmed_at")
        .values("confirmed_at")[:1]  # (job, confirmed_at) alone answers: an index-only probe
    )
    jobs = (
        placements.filter(confirmed_at__gte=month.starts, confirmed_at__lt=month.ends)
        .filter(confirmed_at=Subquery(first_of_job))
        .values("job")  # one row per job, even when two were confirmed at the same instant
        .annotate(first_confirmed=Min("confirmed_at"), opened=Min("job__opened_at"))
        .filter(opened__isnull=False)
        .annotate(fill_seconds=_EpochSeconds(F("first_confirmed")) - _EpochSeconds(F("opened")))
    )
    confirmed = Q(confirmed_at__gte=month.starts, confirmed_at__lt=month.ends)
    completed = Q(completed_at__gte=month.starts, completed_at__lt=month.ends)
    reached = placements.filter(confirmed | completed).aggregate(
        confirmed=Count("pk", filter=confirmed), completed=Count("pk", filter=completed)
    )
    median = [row for row in percentiles(jobs, [], "fill_seconds") if row["n"]]
    seconds = median[0]["p50"] if median else None
    return {
        "placements_by_state": by_state,
        "placements_confirmed": reached["confirmed"],
        "placements_completed": reached["completed"],
        "median_hours_to_first_confirmed": (
            None
            if seconds is None
            else float((seconds / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        ),
    }


class _EpochSeconds(models.Func):
    """Seconds since 1970 of a datetime column, on PostgreSQL and SQLite alike."""

    output_field = models.FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="EXTRACT(EPOCH FROM %(expressions)s)")

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="((julianday(%(expressions)s) - 2440587.5) * 86400.0)"
        )


def _training_figures(month: Month, region: Region | None) -> dict:
    return {"training_referrals_by_state": referrals_by_state(month.first, region)}


def _complaint_figures(month: Month, region: Region | None) -> dict:
    total = monthly_complaints(month=month.first, region=region).total
    return {
        "complaints_received": total.received,
        "complaints_closed_within_deadline": total.closed_within_deadline,
        "complaints_overdue": total.overdue,
        "wages_recovered": float(total.wages_recovered),
    }


# --- the whole report ------------------------------------------------------------------------


def _jsonable(rows: list[dict]) -> list[dict]:
    return [
        {k: (float(v) if isinstance(v, Decimal) else v) for k, v in row.items()} for row in rows
    ]


def monthly_report(*, month: Month, region: Region | None = None) -> dict:
    """Every table of the month, as the JSON the command prints and publishing stores."""
    with month_range_planning():
        return _monthly_report(month, region)


def _monthly_report(month: Month, region: Region | None) -> dict:
    counted = cells(month, region)
    detail, majors = by_occupation(month, region, counted)
    return {
        "month": str(month),
        "region": region.code if region else None,
        "region_name": region.name if region else "",
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "totals": _jsonable([totals(month, region, counted)])[0],
        "by_occupation": _jsonable(detail),
        "by_major_group": _jsonable(majors),
        "by_industry": _jsonable(by_industry(month, region, counted)),
        "by_station": _jsonable(by_station(month, region, counted)),
        "wages": _jsonable(wages(month, region)),
        "service": service(month, region),
    }


def _published_months(months: list[Month], region: Region | None) -> dict[str, dict]:
    """{month: the latest published revision's figures} for those of ``months`` published."""
    latest = (
        PublishedReport.objects.latest_revisions()
        .for_region(region)
        .filter(month__in=[m.first for m in months])
    )
    return {f"{r.month:%Y-%m}": r.data for r in latest}


def stored_months(months: list[Month], region: Region | None) -> dict[str, Cells]:
    """{month: its stored counts} for those of ``months`` stored (one query)."""
    rows = StoredMonth.objects.filter(month__in=[m.first for m in months])
    rows = rows.filter(region=region) if region is not None else rows.filter(region__isnull=True)
    return {f"{r.month:%Y-%m}": Cells.from_json(r.cells) for r in rows}


def _published_counts(data: dict, occupations_by_code: dict) -> tuple[dict, dict]:
    openings, applicants = {}, {}
    for row in data["by_occupation"]:
        pk = occupations_by_code.get(row["code"])
        if pk is not None:
            openings[pk] = row["active_openings"]
            applicants[pk] = row["active_applicants"]
    return openings, applicants


def series_months(month: Month, months: int = 12) -> list[Month]:
    """The ``months`` months ending with ``month``, oldest first."""
    series = [month]
    while len(series) < months:
        series.insert(0, series[0].previous)
    return series


def trend(*, month: Month, region: Region | None, months: int = 12, top: int = 3) -> dict:
    """The active ratio over the ``months`` months ending with ``month``: overall and for the
    occupations with the most active openings in ``month``.

    A month already published reads its latest revision (the official figures); a month that has
    ended reads its stored counts (``StoredMonth``, kept by ``reports.services.store_month``);
    only a month without either — the running month, or one not stored yet — is counted now, in
    two GROUP BY statements.
    """
    series = series_months(month, months)
    occupations = _occupations()
    by_code = {o.code: pk for pk, o in occupations.items()}
    published = _published_months(series, region)
    stored = stored_months([m for m in series if str(m) not in published], region)
    per_month, sources = [], []
    for m in series:
        if str(m) in published:
            per_month.append(_published_counts(published[str(m)], by_code))
            sources.append("published")
        elif str(m) in stored:
            counted = stored[str(m)]
            per_month.append(
                (
                    counted.active_openings["occupation"],
                    counted.active_applicants["occupation"],
                )
            )
            sources.append("stored")
        else:
            openings = _grouped(jobs_open_in(m, region), "occupation", _remaining_headcount(m))
            applicants = _grouped(active_applicant_periods(m, region), "primary_occupation")
            per_month.append((openings, applicants))
            sources.append("computed")
    last_openings = per_month[-1][0]
    leaders = sorted(
        (pk for pk, n in last_openings.items() if n > 0 and pk in occupations),
        key=lambda pk: (-last_openings[pk], occupations[pk].code),
    )[:top]
    return {
        "months": [str(m) for m in series],
        "sources": sources,
        "overall": [
            ratio(sum(openings.values()), sum(applicants.values()))
            for openings, applicants in per_month
        ],
        "occupations": [
            {
                "code": occupations[pk].code,
                "name": occupations[pk].name,
                "values": [
                    ratio(openings.get(pk, 0), applicants.get(pk, 0))
                    for openings, applicants in per_month
                ],
            }
            for pk in leaders
        ],
    }
