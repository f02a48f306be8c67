"""The monthly figures on hand-built data: every expected number is worked out by hand in the test.

Run on SQLite (default) and PostgreSQL (DATABASE_URL=postgres://…/gm_reports): the same numbers.
The month under test is March 2026 (Asia/Shanghai): 1 March 00:00 to 31 March 24:00 local time.
"""

from decimal import Decimal

import pytest

from jobs.models import Job
from reports.selectors import (
    Month,
    active_applicant_periods,
    by_industry,
    by_occupation,
    by_station,
    monthly_report,
    ratio,
    service,
    totals,
    wages,
)
from tests.reports import factories as f

pytestmark = pytest.mark.django_db

MARCH = Month.parse("2026-03")


@pytest.fixture
def county():
    return f.county()


@pytest.fixture
def town(county):
    return f.township(county)


def _row(rows, code):
    return next(r for r in rows if r["code"] == code)


# --- month bounds ----------------------------------------------------------------------------


def test_month_bounds_are_shanghai_midnights():
    assert MARCH.first.isoformat() == "2026-03-01"
    assert MARCH.last.isoformat() == "2026-03-31"
    assert MARCH.starts.isoformat() == "2026-03-01T00:00:00+08:00"
    assert MARCH.ends.isoformat() == "2026-04-01T00:00:00+08:00"
    assert str(Month.parse("2026-12").next) == "2027-01"
    assert str(Month.parse("2026-01").previous) == "2025-12"


def test_ratio_is_half_up_two_decimals_and_none_without_applicants():
    assert ratio(2, 3) == Decimal("0.67")
    assert ratio(1, 8) == Decimal("0.13")  # 0.125 rounds half-up, not to even
    assert ratio(5, 0) is None
    assert ratio(0, 4) == Decimal("0.00")


# --- openings --------------------------------------------------------------------------------


def test_carry_over_and_a_job_filled_mid_month(town):
    """New openings count jobs first opened in March; active openings also carry over jobs opened
    earlier that had not ended before 1 March."""
    f.job(region=town, opened="2026-02-10 09:00", headcount=2)  # carried over, still open
    f.job(  # ended before March: not counted
        region=town,
        opened="2026-02-01 09:00",
        headcount=5,
        status=Job.Status.CLOSED,
        ended="2026-02-20 10:00",
    )
    f.job(  # ended on 28 Feb at 23:59 Shanghai: still before March
        region=town,
        opened="2026-02-01 09:00",
        headcount=7,
        status=Job.Status.CLOSED,
        ended="2026-02-28 23:59",
    )
    f.job(  # filled during March: counts as active (open on some day of March)
        region=town,
        opened="2026-02-15 09:00",
        headcount=3,
        status=Job.Status.FILLED,
        ended="2026-03-05 12:00",
    )
    f.job(  # opened and filled within March: new and active
        region=town,
        opened="2026-03-03 09:00",
        headcount=4,
        status=Job.Status.FILLED,
        ended="2026-03-15 12:00",
    )
    f.job(  # still "open" but its valid-through passed in February: expired before March
        region=town,
        opened="2026-01-10 09:00",
        headcount=6,
        valid_through="2026-02-27",
    )
    f.job(region=town, opened="2026-04-01 08:00", headcount=9)  # next month
    f.job(region=town, opened=None, headcount=11, status=Job.Status.DRAFT)  # never published

    figures = totals(MARCH, None)
    assert figures["new_openings"] == 4
    assert figures["active_openings"] == 2 + 3 + 4


def test_timezone_edges_of_the_month(town):
    """23:30 on 31 March in Shanghai is 15:30 UTC the same day: March. 23:30 on 28 February
    is February; 00:10 on 1 March (16:10 UTC on 28 February) is March."""
    f.job(region=town, opened="2026-03-31 23:30", headcount=1)
    f.job(
        region=town,
        opened="2026-02-28 23:30",
        headcount=10,
        status=Job.Status.CLOSED,
        ended="2026-02-28 23:45",
    )
    f.job(region=town, opened="2026-03-01 00:10", headcount=100)

    assert totals(MARCH, None)["new_openings"] == 1 + 100
    assert totals(Month.parse("2026-04"), None)["new_openings"] == 0
    assert totals(Month.parse("2026-02"), None)["new_openings"] == 10


def test_placements_confirmed_before_the_month_reduce_active_openings(town):
    """Active openings = headcount − placements confirmed before 1 March, never below zero."""
    carried = f.job(region=town, opened="2026-02-10 09:00", headcount=3)
    f.placement(carried, confirmed="2026-02-20 10:00")
    f.placement(carried, confirmed="2026-02-28 23:59")  # before 1 March, Shanghai
    f.placement(carried, confirmed="2026-03-01 00:01")  # in March: does not reduce
    over = f.job(region=town, opened="2026-02-10 09:00", headcount=1)
    f.placement(over, confirmed="2026-02-11 10:00")
    f.placement(over, confirmed="2026-02-12 10:00")  # more than the headcount: floor at zero
    unconfirmed = f.job(region=town, opened="2026-02-10 09:00", headcount=2)
    f.placement(unconfirmed, state="recommended", confirmed=None)

    # carried: 3 − 2 = 1; over: max(0, 1 − 2) = 0; unconfirmed: 2.
    assert totals(MARCH, None)["active_openings"] == 1 + 0 + 2


# --- applicants ------------------------------------------------------------------------------


def test_applicants_carry_over_and_a_seeker_with_two_periods_counts_once(town):
    a = f.seeker()
    f.period(a, start="2026-01-10", occupation_code="4-01", ended_on="2026-03-12")  # to 31 Mar
    f.period(a, start="2026-03-12", occupation_code="6-02", kind="renewal")  # renewed in March
    b = f.seeker()
    f.period(b, start="2025-12-05")  # valid to 28 Feb: not in March
    c = f.seeker()
    f.period(c, start="2026-01-20", ended_on="2026-02-25")  # ended early in February
    d = f.seeker()
    f.period(d, start="2026-03-31", occupation_code="4-09")  # new on the last day
    e = f.seeker()
    f.period(e, start="2026-02-01", occupation_code="4-09")  # carried over, to 30 April
    g = f.seeker()
    f.period(g, start="2026-01-05", ended_on="2026-03-01", occupation_code="4-09")  # one day

    figures = totals(MARCH, None)
    assert figures["active_applicants"] == 4  # a, d, e, g
    assert figures["new_applicants"] == 2  # a (renewal), d
    latest = {p.seeker_id: p.primary_occupation.code for p in active_applicant_periods(MARCH, None)}
    assert latest[a.pk] == "6-02"  # counted once, under the latest period's occupation

    detail, majors = by_occupation(MARCH, None)
    assert _row(detail, "6-02")["active_applicants"] == 1
    assert _row(detail, "4-09")["active_applicants"] == 3
    assert not [r for r in detail if r["code"] == "4-01"]  # a's earlier occupation: not counted
    assert _row(majors, "4")["active_applicants"] == 3
    assert _row(majors, "6")["active_applicants"] == 1


def test_ratios_by_occupation_and_no_applicants_gives_none(town):
    f.job(region=town, opened="2026-03-02 09:00", headcount=3, occupation_code="4-09")
    f.job(region=town, opened="2026-02-02 09:00", headcount=2, occupation_code="4-09")
    f.job(region=town, opened="2026-03-02 09:00", headcount=5, occupation_code="6-07")  # welders
    for start in ("2026-03-05", "2026-02-10", "2026-01-15", "2026-03-20"):
        f.period(f.seeker(), start=start, occupation_code="4-09")

    detail, majors = by_occupation(MARCH, None)
    loaders = _row(detail, "4-09")
    assert loaders["new_openings"] == 3 and loaders["new_applicants"] == 2
    assert loaders["new_ratio"] == Decimal("1.50")
    assert loaders["active_openings"] == 5 and loaders["active_applicants"] == 4
    assert loaders["active_ratio"] == Decimal("1.25")
    welders = _row(detail, "6-07")
    assert welders["active_applicants"] == 0
    assert welders["active_ratio"] is None and welders["new_ratio"] is None
    assert _row(majors, "6")["active_ratio"] is None
    assert totals(MARCH, None)["active_ratio"] == Decimal("2.50")  # 10 / 4


def test_by_industry_with_unspecified_rows(town):
    f.job(region=town, opened="2026-03-02 09:00", headcount=4, industry_code="E")
    f.job(region=town, opened="2026-03-02 09:00", headcount=1)  # no industry
    f.period(f.seeker(), start="2026-03-03", industry_code="E")
    f.period(f.seeker(), start="2026-03-03", industry_code="E")
    f.period(f.seeker(), start="2026-03-03")  # no intended industry
    f.period(f.seeker(), start="2026-03-03", industry_code="O")

    rows = by_industry(MARCH, None)
    assert [r["code"] for r in rows] == ["E", "O", ""]
    assert _row(rows, "E")["active_ratio"] == Decimal("2.00")
    assert _row(rows, "O")["active_openings"] == 0 and _row(rows, "O")["active_ratio"] == 0
    unspecified = _row(rows, "")
    assert unspecified["active_openings"] == 1 and unspecified["active_applicants"] == 1
    assert unspecified["name"] == "未指定"


def test_by_station(town):
    one, two = f.station(town, "rep-one"), f.station(town, "rep-two")
    f.job(region=town, opened="2026-03-02 09:00", headcount=3, at_station=one)
    f.job(region=town, opened="2026-03-02 09:00", headcount=2, at_station=two)
    f.period(f.seeker(), start="2026-03-03", at_station=one)
    f.period(f.seeker(home_station=two), start="2026-03-03")  # the home station counts

    rows = by_station(MARCH, None)
    assert _row(rows, "rep-one")["active_ratio"] == Decimal("3.00")
    assert _row(rows, "rep-two")["active_ratio"] == Decimal("2.00")


def test_region_subtree(county, town):
    other_county = f.county("520888", "邻县")
    other_town = f.township(other_county)
    f.job(region=town, opened="2026-03-02 09:00", headcount=3)
    f.job(region=other_town, opened="2026-03-02 09:00", headcount=50)
    here = f.station(town)
    there = f.station(other_town)
    f.period(f.seeker(), start="2026-03-03", at_station=here)
    f.period(f.seeker(home_region=town), start="2026-03-03")  # no station: home region
    f.period(f.seeker(), start="2026-03-03", at_station=there)

    mine = totals(MARCH, county)
    assert mine["new_openings"] == 3 and mine["new_applicants"] == 2
    assert mine["new_ratio"] == Decimal("1.50")
    everything = totals(MARCH, None)
    assert everything["new_openings"] == 53 and everything["new_applicants"] == 3


# --- wage prices -----------------------------------------------------------------------------


def test_wage_percentiles_interpolate_linearly_and_normalise_pay(town):
    """Four postings at 100, 200, 300 and 400 yuan a day (written four ways): P10 at rank
    0.3 → 130; P25 at 0.75 → 175; P50 at 1.5 → 250; P75 at 2.25 → 325; P90 at 2.7 → 370."""
    f.job(region=town, opened="2026-03-02 09:00", pay_min="12.50", pay_unit="hour")  # × 8 = 100
    f.job(region=town, opened="2026-03-02 09:00", pay_min="150", pay_max="250")  # midpoint 200
    f.job(region=town, opened="2026-03-02 09:00", pay_min="6525", pay_unit="month")  # ÷ 21.75 = 300
    f.job(region=town, opened="2026-03-31 23:30", pay_min="400")  # last minutes of March
    f.job(region=town, opened="2026-03-02 09:00", pay_min="0.50", pay_unit="piece")
    f.job(region=town, opened="2026-03-02 09:00", pay_min="0.30", pay_max="0.50", pay_unit="piece")
    f.job(region=town, opened="2026-02-02 09:00", pay_min="999")  # opened in February

    rows = [r for r in wages(MARCH, None) if r["source"] == "postings"]
    day = next(r for r in rows if r["unit"] == "day")
    assert day["code"] == "4-01" and day["n"] == 4
    assert [day[f"p{p}"] for p in (10, 25, 50, 75, 90)] == [
        Decimal("130.00"),
        Decimal("175.00"),
        Decimal("250.00"),
        Decimal("325.00"),
        Decimal("370.00"),
    ]
    piece = next(r for r in rows if r["unit"] == "piece")  # counted, not normalised
    assert piece["n"] == 2
    # 0.40 and 0.50: P10 = 0.40 + 0.1 × 0.10 = 0.41; P50 = 0.45; P90 = 0.49.
    assert (piece["p10"], piece["p50"], piece["p90"]) == (
        Decimal("0.41"),
        Decimal("0.45"),
        Decimal("0.49"),
    )


def test_wage_percentiles_of_one_value_and_odd_counts(town):
    f.job(region=town, opened="2026-03-02 09:00", pay_min="180", occupation_code="6-07")
    for amount in ("100", "110", "150"):
        f.job(region=town, opened="2026-03-02 09:00", pay_min=amount, occupation_code="4-09")

    rows = {r["code"]: r for r in wages(MARCH, None)}
    welder = rows["6-07"]
    assert welder["n"] == 1 and welder["p10"] == welder["p90"] == Decimal("180.00")
    loader = rows["4-09"]
    # Ranks 0..2 of 100, 110, 150: P10 at 0.2 → 102; P25 at 0.5 → 105; P50 → 110;
    # P75 at 1.5 → 130; P90 at 1.8 → 142.
    assert [loader[f"p{p}"] for p in (10, 25, 50, 75, 90)] == [
        Decimal("102.00"),
        Decimal("105.00"),
        Decimal("110.00"),
        Decimal("130.00"),
        Decimal("142.00"),
    ]


def test_wage_prices_over_placements_completed_in_the_month(town):
    on = f.job(region=town, opened="2026-02-02 09:00", headcount=5, occupation_code="6-02")
    f.placement(on, completed="2026-03-10 18:00", pay_amount="30", pay_unit="hour")  # 240
    f.placement(on, completed="2026-03-31 23:59", pay_amount="260", pay_unit="day")
    f.placement(on, completed="2026-04-01 00:00", pay_amount="999", pay_unit="day")  # April
    f.placement(on, completed="2026-03-11 18:00", pay_amount="2", pay_unit="task")

    rows = [r for r in wages(MARCH, None) if r["source"] == "placements"]
    day = next(r for r in rows if r["unit"] == "day")
    assert day["n"] == 2 and day["p50"] == Decimal("250.00") and day["p10"] == Decimal("242.00")
    task = next(r for r in rows if r["unit"] == "task")
    assert task["n"] == 1 and task["p50"] == Decimal("2.00")


def test_percentiles_of_nothing_is_nothing(town):
    assert wages(MARCH, None) == []


# --- service figures -------------------------------------------------------------------------


def test_service_figures(town):
    a = f.job(region=town, opened="2026-03-02 08:00", headcount=3)
    b = f.job(region=town, opened="2026-03-05 08:00", headcount=3)
    c = f.job(region=town, opened="2026-02-20 08:00", headcount=3)
    # First confirmations in March: a after 2 h, b after 9 h, c (opened 20 Feb 08:00) on
    # 21 Feb 12:00 — February, not counted. Median of 2 and 9 = 5.5 h.
    f.placement(a, confirmed="2026-03-02 10:00", created="2026-03-02 09:00")
    f.placement(a, confirmed="2026-03-03 10:00", created="2026-03-02 09:30")
    f.placement(b, confirmed="2026-03-05 17:00", created="2026-03-05 09:00")
    f.placement(
        c,
        confirmed="2026-02-21 12:00",
        completed="2026-03-04 18:00",
        state="completed",
        created="2026-02-21 09:00",
    )
    f.period(f.seeker(), start="2026-03-03")
    f.period(f.seeker(), start="2026-03-04", kind="renewal")

    figures = service(MARCH, None)
    assert figures["jobs_opened"] == 2
    assert figures["seekers_registered"] == 1 and figures["seekers_renewed"] == 1
    assert figures["placements_confirmed"] == 3
    assert figures["placements_completed"] == 1
    assert figures["placements_by_state"]["recommended"] == 3
    assert figures["placements_by_state"]["confirmed"] == 3
    assert figures["placements_by_state"]["completed"] == 1
    assert figures["median_hours_to_first_confirmed"] == 5.5
    assert "training_referrals_by_state" in figures
    assert figures["complaints_received"] == 0
    # The guidance app's figures (guidance/figures.py): jobs state no insurance by default.
    assert figures["placements_with_cover"] == 0 and figures["placements_without_cover"] == 3
    assert figures["guidance_people"] == 0


# --- the whole report ------------------------------------------------------------------------


def test_monthly_report_shape(town):
    f.job(region=town, opened="2026-03-02 09:00", headcount=3, occupation_code="4-09")
    f.period(f.seeker(), start="2026-03-05", occupation_code="4-09")
    report = monthly_report(month=MARCH, region=None)
    assert set(report) >= {
        "month",
        "region",
        "generated_at",
        "totals",
        "by_occupation",
        "by_major_group",
        "by_industry",
        "by_station",
        "wages",
        "service",
    }
    assert report["month"] == "2026-03" and report["region"] is None
    keys = {
        "code",
        "name",
        "major_group",
        "new_openings",
        "new_applicants",
        "new_ratio",
        "active_openings",
        "active_applicants",
        "active_ratio",
    }
    assert set(report["by_occupation"][0]) == keys
    assert report["totals"]["active_ratio"] == 3.0
    assert set(report["wages"][0]) >= {
        "code",
        "name",
        "source",
        "n",
        "p10",
        "p25",
        "p50",
        "p75",
        "p90",
    }


def test_the_worked_example_in_docs_reports_md(town):
    """docs/reports.md "算一遍": the numbers a reader of the report can check by hand."""
    a = f.job(region=town, opened="2026-02-10 09:00", headcount=3)
    f.placement(a, confirmed="2026-02-20 10:00")
    f.placement(a, confirmed="2026-02-28 23:59")
    f.placement(a, confirmed="2026-03-01 00:01")
    f.job(
        region=town,
        opened="2026-03-03 09:00",
        headcount=4,
        status=Job.Status.FILLED,
        ended="2026-03-15 12:00",
    )
    f.job(
        region=town,
        opened="2026-02-01 09:00",
        headcount=5,
        status=Job.Status.CLOSED,
        ended="2026-02-20 10:00",
    )
    jia = f.seeker()
    f.period(jia, start="2026-01-10", occupation_code="4-01", ended_on="2026-03-12")
    f.period(jia, start="2026-03-12", occupation_code="6-02", kind="renewal")
    f.period(f.seeker(), start="2026-02-01")
    f.period(f.seeker(), start="2025-12-05")

    figures = totals(MARCH, None)
    assert (figures["active_openings"], figures["active_applicants"]) == (5, 2)
    assert figures["active_ratio"] == Decimal("2.50")
    assert (figures["new_openings"], figures["new_applicants"]) == (4, 1)
    assert figures["new_ratio"] == Decimal("4.00")


def test_trend_of_the_active_ratio(town):
    from reports.selectors import trend

    f.job(region=town, opened="2026-02-02 09:00", headcount=4, occupation_code="4-09")
    f.job(region=town, opened="2026-03-02 09:00", headcount=2, occupation_code="6-07")
    f.period(f.seeker(), start="2026-02-03", occupation_code="4-09")  # Feb–Apr
    f.period(f.seeker(), start="2026-03-03", occupation_code="4-09")

    series = trend(month=MARCH, region=None)
    assert len(series["months"]) == 12 and series["months"][-1] == "2026-03"
    assert series["months"][0] == "2025-04"
    # February: 4 / 1; March: (4 + 2) / 2; earlier months: nobody registered.
    assert series["overall"][-2:] == [Decimal("4.00"), Decimal("3.00")]
    assert series["overall"][0] is None
    loaders, welders = series["occupations"]
    assert loaders["code"] == "4-09" and loaders["values"][-1] == Decimal("2.00")
    assert welders["code"] == "6-07" and welders["values"][-1] is None


def test_trend_reads_published_months_as_published(town):
    from reports.selectors import trend
    from reports.services import report_publish

    f.job(region=town, opened="2026-02-02 09:00", headcount=4, occupation_code="4-09")
    f.period(f.seeker(), start="2026-02-03", occupation_code="4-09")
    report_publish(month=Month.parse("2026-02"), region=None, by=None)
    f.period(f.seeker(), start="2026-02-10", occupation_code="4-09")  # entered after publishing

    series = trend(month=MARCH, region=None)
    assert series["sources"][-2:] == ["published", "computed"]
    assert series["overall"][-2] == Decimal("4.00")  # February as published, not 2.00
    assert series["overall"][-1] == Decimal("2.00")  # March counted now: 4 / 2
    assert series["occupations"][0]["values"][-2] == Decimal("4.00")


def test_a_region_holding_every_region_counts_the_same_without_a_join(county, town):
    """When no region lies outside the one asked for, jobs, placements and employers are not
    filtered by it (they always have a region): the figures are those of the whole deployment."""
    f.job(region=town, opened="2026-03-02 09:00", headcount=3)
    f.period(f.seeker(home_region=town), start="2026-03-03")
    march = Month.parse("2026-03")
    whole = monthly_report(month=march, region=None)
    mine = monthly_report(month=march, region=county)
    assert {
        k: v for k, v in mine.items() if k not in ("region", "region_name", "generated_at")
    } == {k: v for k, v in whole.items() if k not in ("region", "region_name", "generated_at")}
    assert mine["totals"]["active_openings"] == 3
