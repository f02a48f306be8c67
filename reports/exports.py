"""A computed or published report as tables: CSV (UTF-8 with BOM), XLSX (one sheet per table)
and JSON. Headers in the interface language (Chinese by default); numbers stay numbers."""

from __future__ import annotations

import json

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from gigmarket.tabular import csv_bytes, xlsx_bytes

PERCENTILES = (10, 25, 50, 75, 90)


def _ratio_header(first: str) -> list[str]:
    return [
        pgettext("monthly report", "Code"),
        first,
        _("New openings"),
        _("New applicants"),
        _("New ratio"),
        _("Active openings"),
        _("Active applicants"),
        _("Active ratio (demand ratio)"),
    ]


def _ratio_row(row: dict) -> list:
    return [
        row["code"],
        row["name"],
        row["new_openings"],
        row["new_applicants"],
        row["new_ratio"],
        row["active_openings"],
        row["active_applicants"],
        row["active_ratio"],
    ]


def source_label(source: str) -> str:
    return {"postings": _("Postings opened"), "placements": _("Placements completed")}.get(
        source, source
    )


def unit_label(unit: str) -> str:
    return {"day": _("per day"), "piece": _("per piece"), "task": _("per task")}.get(unit, unit)


def service_labels() -> dict[str, str]:
    return {
        "seekers_registered": _("Seekers registered"),
        "seekers_renewed": _("Seekers renewed"),
        "employers_registered": _("Employers registered"),
        "jobs_opened": _("Jobs opened"),
        "placements_confirmed": _("Placements confirmed"),
        "placements_completed": _("Placements completed"),
        "median_hours_to_first_confirmed": _("Median hours from opening to first confirmation"),
        "complaints_received": _("Complaints received"),
        "complaints_closed_within_deadline": _("Complaints closed within their deadline"),
        "complaints_overdue": _("Complaints overdue"),
        "wages_recovered": _("Wages recovered (yuan)"),
        "events_held": _("Recruitment events held"),
        "event_employers_present": _("Employers present at events"),
        "event_seekers_present": _("Seekers present at events"),
        "event_placements": _("Placements from events"),
        "guidance_people": _("People given career guidance"),
        "guidance_plans": _("Service plans made"),
        "guidance_placed_30_days": _("Plans whose person was placed within 30 days"),
        "guidance_placed_90_days": _("Plans whose person was placed within 90 days"),
        "registrations_employment": _("Employment registrations helped"),
        "registrations_unemployment": _("Unemployment registrations helped"),
        "placements_with_cover": _("Placements confirmed with accident cover"),
        "placements_without_cover": _("Placements confirmed without accident cover"),
        "insurance_recommended": _("Accident insurance recommended"),
        "insurance_bought": _("Accident insurance bought after a recommendation"),
        "partner_referrals": _("People referred by partners"),
    }


def service_rows(service: dict) -> list[list]:
    """[[figure, value]] of the service figures, placements and referrals by state included."""
    labels = service_labels()
    rows = [[labels[key], service[key]] for key in labels if key in service]
    for state, n in service.get("placements_by_state", {}).items():
        rows.append([_("Placements that reached “%(state)s”") % {"state": _state(state)}, n])
    for state, n in service.get("training_referrals_by_state", {}).items():
        rows.append([_("Training referrals that reached “%(state)s”") % {"state": state}, n])
    for partner, n in service.get("partner_referrals_by_partner", {}).items():
        rows.append([_("Referred by %(partner)s") % {"partner": partner}, n])
    return rows


def _state(state: str) -> str:
    from jobs.models import Placement

    return str(dict(Placement.State.choices).get(state, state))


def tables(report: dict) -> list[tuple[str, list[str], list[list]]]:
    """Every table of the report: (sheet name, header, rows)."""
    totals = report["totals"]
    return [
        (
            pgettext("monthly report", "Totals"),
            [
                pgettext("monthly report", "Month"),
                pgettext("monthly report", "Region"),
                *_ratio_header(pgettext("monthly report", "Name"))[2:],
            ],
            [
                [
                    report["month"],
                    report.get("region_name")
                    or report.get("region")
                    or pgettext("monthly report", "All regions"),
                    *_ratio_row({"code": "", "name": "", **totals})[2:],
                ]
            ],
        ),
        (
            _("By occupation"),
            [
                *_ratio_header(pgettext("monthly report", "Occupation")),
                pgettext("monthly report", "Major group"),
            ],
            [[*_ratio_row(r), r["major_group"]] for r in report["by_occupation"]],
        ),
        (
            _("By major group"),
            _ratio_header(pgettext("monthly report", "Major group")),
            [_ratio_row(r) for r in report["by_major_group"]],
        ),
        (
            _("By industry"),
            _ratio_header(pgettext("monthly report", "Industry")),
            [_ratio_row(r) for r in report["by_industry"]],
        ),
        (
            _("By station"),
            _ratio_header(pgettext("monthly report", "Station")),
            [_ratio_row(r) for r in report["by_station"]],
        ),
        (
            _("Wage prices"),
            [
                pgettext("monthly report", "Code"),
                pgettext("monthly report", "Occupation"),
                pgettext("monthly report", "Source"),
                pgettext("monthly report", "Pay unit"),
                pgettext("monthly report", "Count"),
                *[f"P{p}" for p in PERCENTILES],
            ],
            [
                [
                    r["code"],
                    r["name"],
                    source_label(r["source"]),
                    unit_label(r["unit"]),
                    r["n"],
                    *[r[f"p{p}"] for p in PERCENTILES],
                ]
                for r in report["wages"]
            ],
        ),
        (
            _("Service figures"),
            [pgettext("monthly report", "Figure"), pgettext("monthly report", "Value")],
            service_rows(report["service"]),
        ),
    ]


def _language():
    return translation.override(translation.get_language() or settings.LANGUAGE_CODE)


def as_json(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


def as_csv(report: dict) -> bytes:
    """All tables in one CSV (UTF-8 with BOM), each after its title and header, a blank line between."""
    with _language():
        rows: list[list] = []
        for index, (title, header, body) in enumerate(tables(report)):
            if index:
                rows.append([])
            rows.append([f"【{title}】"])
            rows.append(header)
            rows.extend(body)
    return csv_bytes(rows[0], rows[1:])


def as_xlsx(report: dict) -> bytes:
    """One sheet per table, header frozen, numbers as numbers, nothing written as a formula."""
    with _language():
        return xlsx_bytes(tables(report))


def filename(report: dict, extension: str) -> str:
    region = report.get("region") or "all"
    return f"monthly-report-{report['month']}-{region}.{extension}"
