"""What the report pages show, prepared from a report's JSON (templates only loop and test)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from reports import exports

TOP = 5


def ratio_text(value) -> str:
    """A ratio with two decimals, or "—" when there were no applicants."""
    return "—" if value is None else f"{value:.2f}"


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def manage_tables(report: dict) -> list[dict]:
    """Every table of the report as header and formatted cells."""
    return [
        {"title": title, "header": header, "rows": [[_cell(v) for v in row] for row in rows]}
        for title, header, rows in exports.tables(report)
    ]


def _ranked(rows: list[dict], reverse: bool) -> list[dict]:
    rated = [r for r in rows if r["active_ratio"] is not None]
    rated.sort(key=lambda r: (-r["active_ratio"] if reverse else r["active_ratio"], r["code"]))
    return [
        {
            "name": r["name"],
            "ratio": ratio_text(r["active_ratio"]),
            "openings": r["active_openings"],
            "applicants": r["active_applicants"],
        }
        for r in rated[:TOP]
    ]


def _ratio_row(row: dict, *, group: bool | None = None) -> dict:
    """One row of a public ratio table; ``group`` True for a major group's totals, False for a
    kind of work under it, None in a flat table."""
    return {
        "name": row["name"],
        "ratio": ratio_text(row["active_ratio"]),
        "openings": row["active_openings"],
        "applicants": row["active_applicants"],
        "group": group,
    }


def industry_rows(data: dict) -> list[dict]:
    """The active ratio by industry section (GB/T 4754), "unspecified" last."""
    return [_ratio_row(r) for r in data.get("by_industry", [])]


def occupation_rows(data: dict) -> list[dict]:
    """The active ratio by occupation: each major group (its totals) followed by its kinds."""
    kinds: dict[str, list[dict]] = {}
    for row in data.get("by_occupation", []):
        kinds.setdefault(row["major_group"], []).append(row)
    rows = []
    for major in data.get("by_major_group", []):
        rows.append(_ratio_row(major, group=True))
        rows.extend(
            _ratio_row(r, group=False)
            for r in kinds.get(major["code"], [])
            if r["code"] != major["code"]
        )
    return rows


def bulletin(data: dict) -> dict:
    """The public bulletin's parts: headline ratio, most in demand, most oversupplied, the ratio
    by industry and by occupation (the national notice asks for both), wages."""
    totals = data["totals"]
    rows = data["by_occupation"]
    unanswered = [
        {"name": r["name"], "ratio": "—", "openings": r["active_openings"], "applicants": 0}
        for r in rows
        if r["active_ratio"] is None and r["active_openings"] > 0
    ]
    rated = [r for r in rows if r["active_ratio"] is not None]
    in_demand = (unanswered + _ranked([r for r in rated if r["active_ratio"] >= 1], True))[:TOP]
    oversupplied = _ranked([r for r in rated if r["active_ratio"] < 1], False)
    wages = [
        {
            "name": w["name"],
            "source": exports.source_label(w["source"]),
            "unit": exports.unit_label(w["unit"]),
            "n": w["n"],
            "p10": _cell(w["p10"]),
            "p50": _cell(w["p50"]),
            "p90": _cell(w["p90"]),
        }
        for w in data["wages"]
    ]
    return {
        "month": data["month"],
        "region_name": data.get("region_name") or "",
        "active_ratio": ratio_text(totals["active_ratio"]),
        "new_ratio": ratio_text(totals["new_ratio"]),
        "active_openings": totals["active_openings"],
        "active_applicants": totals["active_applicants"],
        "new_openings": totals["new_openings"],
        "new_applicants": totals["new_applicants"],
        "in_demand": in_demand,
        "oversupplied": oversupplied,
        "wages": wages,
        "by_industry": industry_rows(data),
        "by_occupation": occupation_rows(data),
    }


def trend_rows(series: dict) -> list[list[str]]:
    """[[month, published or computed, overall, occupation 1, …]] of the trend, ratios formatted."""
    labels = {
        "published": _("Published"),
        "stored": _("Stored when the month ended"),
        "computed": _("Computed now"),
    }
    rows = []
    for index, month in enumerate(series["months"]):
        rows.append(
            [
                month,
                str(labels[series["sources"][index]]),
                ratio_text(series["overall"][index]),
                *[ratio_text(o["values"][index]) for o in series["occupations"]],
            ]
        )
    return rows
