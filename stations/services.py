"""Writes of the stations app: the registry, hours, staff, the ledger, imports and evaluations.

Other apps write the service ledger through ``service_record_add``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gigmarket.logging import scrub
from gigmarket.models import Region, User
from gigmarket.roles import Role
from gigmarket.services import implied_parent_code, transition
from gigmarket.tabular import ImportReport
from stations import scoring
from stations.models import (
    OpeningException,
    OpeningHours,
    ServiceRecord,
    Station,
    StationAssignment,
    StationEvaluation,
    StationEvaluationLog,
    StationLog,
)

#: Between the steps of one service merged into the day's ledger entry (``once_a_day``).
LEDGER_STEP_SEPARATOR = "；"

#: The name's ending by kind (place + focus + 零工市场/零工驿站).
NAME_SUFFIXES = {
    Station.Kind.MARKET: ("零工市场",),
    Station.Kind.STATION: ("零工驿站", "零工服务站", "零工服务站点"),
}
_PLACE_SUFFIXES = (
    "社区居委会",
    "村民委员会",
    "居民委员会",
    "街道办事处",
    "居委会",
    "村委会",
    "街道",
    "社区",
    "镇",
    "乡",
    "村",
    "县",
    "市",
    "区",
    "省",
)

#: Registry fields an admin edits (and an import may set).
STATION_FIELDS = (
    "code",
    "name",
    "kind",
    "focus",
    "operating_mode",
    "operator_name",
    "region",
    "address",
    "latitude",
    "longitude",
    "datum",
    "floor_area",
    "service_phone",
    "complaint_phone",
    "facilities",
    "services",
    "hours_note",
    "opened_on",
    "closed_on",
    "naming_note",
)


# ---- the service ledger ----


@transaction.atomic
def service_record_add(
    *,
    station: Station,
    by: User | None,
    kind: str,
    note: str = "",
    subject: models.Model | None = None,
    subject_label: str = "",
    at=None,
    once_a_day: bool = False,
) -> ServiceRecord:
    """Write one entry in a station's service ledger (工作日志台账).

    ``subject_label`` must already be safe to show (masked personal data, or a job title); a
    mobile or ID number typed into the label or the note is masked all the same, since the
    ledger is listed and exported.

    ``once_a_day``: the steps one person takes on one subject in one day (accepting a complaint,
    then mediating it) are one service, not several: the day's entry gains the step in its note
    instead of the ledger and the workbench listing the same service twice (and the yearly
    workload counting it twice). A step repeated word for word (a form sent twice) adds nothing.
    """
    staff = by if by is not None and by.is_authenticated else None
    note = scrub(note)
    if once_a_day and subject is not None:
        day = timezone.localdate(at) if at is not None else timezone.localdate()
        existing = (
            ServiceRecord.objects.select_for_update()
            .filter(
                station=station,
                staff=staff,
                kind=kind,
                subject_type=subject._meta.label_lower,
                subject_id=str(subject.pk),
            )
            .between(day, day)
            .order_by("-at", "-pk")
            .first()
        )
        if existing is not None:
            steps = existing.note.split(LEDGER_STEP_SEPARATOR) if existing.note else []
            if note and note not in steps:
                existing.note = LEDGER_STEP_SEPARATOR.join([*steps, note])
                existing.subject_label = scrub(subject_label)[:100] or existing.subject_label
                existing.full_clean()
                existing.save(update_fields=["note", "subject_label"])
            return existing
    record = ServiceRecord(
        station=station,
        staff=staff,
        kind=kind,
        note=note,
        subject_type=subject._meta.label_lower if subject is not None else "",
        subject_id=str(subject.pk) if subject is not None else "",
        subject_label=scrub(subject_label)[:100],
    )
    if at is not None:
        record.at = at
    record.full_clean()
    record.save()
    return record


@transaction.atomic
def service_records_relabel(*, subject: models.Model, label: str) -> int:
    """Rewrite the label of every ledger entry about ``subject`` (a person who asked to be erased:
    even a masked name and mobile point back to them). Returns how many entries changed."""
    return ServiceRecord.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=str(subject.pk)
    ).update(subject_label=label[:100])


def _require_writable(station: Station, by: User) -> None:
    """Staff write only their own station's records; an admin only within their region."""
    if not Station.objects.writable_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("You do not work at this station."))


@transaction.atomic
def ledger_entry_add(
    *,
    station: Station,
    by: User,
    kind: str = ServiceRecord.Kind.CONSULTATION,
    note: str = "",
    subject_label: str = "",
) -> ServiceRecord:
    """A staff member records by hand a service they gave (most often a consultation)."""
    _require_writable(station, by)
    return service_record_add(
        station=station, by=by, kind=kind, note=note.strip(), subject_label=subject_label.strip()
    )


# ---- the registry ----


def region_chain(region: Region) -> list[Region]:
    """The region and the regions above it that are known, nearest first."""
    codes = [region.code]
    code = region.code
    while (code := implied_parent_code(code)) is not None:
        codes.append(code)
    found = {r.code: r for r in Region.objects.filter(code__in=codes)}
    chain = [found[c] for c in codes if c in found]
    if region.parent_id and region.parent_id not in {r.pk for r in chain}:
        chain.append(region.parent)
    return chain


def place_names(region: Region) -> set[str]:
    """Names a site's name may begin with: its region and those above, with or without 镇/街道…"""
    names = set()
    for place in region_chain(region):
        names.add(place.name)
        stem = place.name
        for suffix in _PLACE_SUFFIXES:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 2:
                names.add(stem[: -len(suffix)])
                stem = stem[: -len(suffix)]
        names.add(stem)
    return {n for n in names if len(n) >= 2}


def naming_problems(*, name: str, kind: str, focus: str, region: Region | None) -> list[str]:
    """Where ``name`` departs from the rule place + focus + 零工市场/零工驿站 (empty if it follows it)."""
    problems = []
    name = (name or "").strip()
    suffixes = NAME_SUFFIXES.get(kind, ())
    if suffixes and not name.endswith(suffixes):
        problems.append(_("The name should end with “%(suffix)s”.") % {"suffix": suffixes[0]})
    if region is not None:
        places = place_names(region)
        if places and not any(name.startswith(p) for p in places):
            problems.append(
                _("The name should start with the place (for example “%(place)s”).")
                % {"place": region.name}
            )
    if focus and focus.strip() not in name:
        problems.append(
            _("The name should contain the focus “%(focus)s”.") % {"focus": focus.strip()}
        )
    return problems


def _check_station(station: Station, by: User | None) -> None:
    """Full validation plus the rules that need the database or the acting user."""
    errors: dict[str, list[str]] = {}
    try:
        station.full_clean()
    except ValidationError as error:
        errors.update(error.message_dict)
    if by is not None and not by.is_superuser and station.region_id:
        if not by.has_role(Role.COUNTY_ADMIN):
            raise PermissionDenied(_("Only a county admin keeps the station registry."))
        if by.region is not None and not by.region.contains(station.region):
            errors.setdefault("region", []).append(
                _("This region is outside your area (%(area)s).") % {"area": by.region.name}
            )
    if "name" not in errors and station.region_id:
        problems = naming_problems(
            name=station.name, kind=station.kind, focus=station.focus, region=station.region
        )
        if problems and not station.naming_note.strip():
            errors["name"] = [
                *problems,
                _(
                    "If the name is right as it is, say why in “why the name departs from the rule”."
                ),
            ]
        if not problems:
            station.naming_note = ""
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def station_register(*, by: User | None, **fields) -> Station:
    """Register a market or station in the registry (a county admin, or an import)."""
    station = Station(**{k: v for k, v in fields.items() if k in STATION_FIELDS})
    _check_station(station, by)
    station.save()
    StationLog.objects.create(
        station=station, by=by, from_state="", to_state="active", reason=_("Registered")
    )
    return station


@transaction.atomic
def station_update(*, station: Station, by: User | None, **fields) -> Station:
    """Change a station's registry fields (never its code's history: the code may not change)."""
    if by is not None and not Station.objects.managed_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("This station is outside your area."))
    for key, value in fields.items():
        if key in STATION_FIELDS and key != "code":
            setattr(station, key, value)
    _check_station(station, by)
    station.save()
    return station


@transaction.atomic
def station_retire(
    *, station: Station, by: User, reason: str, on: datetime.date | None = None
) -> Station:
    """Retire a site (退出): no longer listed; e.g. a contracted-out site that failed its evaluation."""
    if not Station.objects.managed_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("This station is outside your area."))
    station = Station.objects.select_for_update().get(pk=station.pk)
    if not station.active:
        raise ValidationError(_("This station is already retired."))
    if not reason.strip():
        raise ValidationError({"reason": _("Please give a reason.")})
    station.active = False
    station.closed_on = on or timezone.localdate()
    station.full_clean()
    station.save()
    StationLog.objects.create(
        station=station, by=by, from_state="active", to_state="retired", reason=reason.strip()
    )
    return station


# ---- opening hours ----

HoursRule = tuple[Sequence[int], datetime.time, datetime.time]


@transaction.atomic
def station_hours_set(
    *, station: Station, by: User | None, rules: Iterable[HoursRule]
) -> list[OpeningHours]:
    """Replace a station's weekly hours with ``rules``: (weekdays 0=Mon…6=Sun, opens, closes)."""
    if by is not None and not Station.objects.managed_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("This station is outside your area."))
    periods: dict[int, list[tuple[datetime.time, datetime.time]]] = {}
    for days, opens, closes in rules:
        if closes <= opens:
            raise ValidationError(
                _("Closing time must be after opening time (%(opens)s–%(closes)s).")
                % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
            )
        for day in days:
            periods.setdefault(int(day), []).append((opens, closes))
    labels = dict(OpeningHours.Weekday.choices)
    for day, spans in periods.items():
        spans.sort()
        for (_o1, c1), (o2, _c2) in zip(spans, spans[1:], strict=False):
            if o2 < c1:
                raise ValidationError(_("The hours on %(day)s overlap.") % {"day": labels[day]})
    station.opening_hours.all().delete()
    created = []
    for day in sorted(periods):
        for opens, closes in periods[day]:
            row = OpeningHours(station=station, weekday=day, opens=opens, closes=closes)
            row.full_clean()
            row.save()
            created.append(row)
    return created


@transaction.atomic
def opening_exception_set(
    *,
    station: Station,
    by: User | None,
    date: datetime.date,
    closed: bool = True,
    opens: datetime.time | None = None,
    closes: datetime.time | None = None,
    note: str = "",
) -> OpeningException:
    """Record a dated exception (a holiday closure or other hours); replaces one on the same day."""
    if by is not None and not Station.objects.managed_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("This station is outside your area."))
    exception = OpeningException.objects.filter(
        station=station, date=date
    ).first() or OpeningException(station=station, date=date)
    exception.closed, exception.opens, exception.closes, exception.note = (
        closed,
        opens,
        closes,
        note.strip(),
    )
    exception.full_clean()
    exception.save()
    return exception


@transaction.atomic
def opening_exception_remove(*, exception: OpeningException, by: User) -> None:
    """Remove a dated exception (the weekly hours apply again that day)."""
    if not Station.objects.managed_by(by).filter(pk=exception.station_id).exists():
        raise PermissionDenied(_("This station is outside your area."))
    exception.delete()


# ---- staff ----


@transaction.atomic
def staff_assign(*, station: Station, user: User, role: str, by: User | None) -> StationAssignment:
    """Assign a staff account to a station as staff or lead (reactivates an ended assignment)."""
    if by is not None and not Station.objects.managed_by(by).filter(pk=station.pk).exists():
        raise PermissionDenied(_("This station is outside your area."))
    if user.kind != User.Kind.STAFF or not user.is_active:
        raise ValidationError({"user": _("Only an active staff account can work at a station.")})
    if not user.has_role(Role.STATION_STAFF, Role.COUNTY_ADMIN):
        raise ValidationError({"user": _("This account does not hold the station staff role.")})
    assignment = StationAssignment.objects.filter(station=station, user=user).first()
    if assignment is None:
        assignment = StationAssignment(station=station, user=user)
    elif not assignment.active:
        assignment.since = timezone.localdate()
    assignment.role, assignment.active = role, True
    assignment.full_clean(validate_constraints=False)
    assignment.save()
    return assignment


@transaction.atomic
def assignment_end(*, assignment: StationAssignment, by: User | None) -> StationAssignment:
    """End a staff member's work at a station (kept for the record, no longer active)."""
    if (
        by is not None
        and not Station.objects.managed_by(by).filter(pk=assignment.station_id).exists()
    ):
        raise PermissionDenied(_("This station is outside your area."))
    assignment.active = False
    assignment.save(update_fields=["active"])
    return assignment


# ---- yearly evaluation ----


def workload_for(*, station: Station, year: int) -> dict[str, int]:
    """The year's services by kind, from the ledger, plus a total (pre-fills the evaluation)."""
    counts = ServiceRecord.objects.for_station(station).in_year(year).counts_by_kind()
    figures = {kind: counts.get(kind, 0) for kind in ServiceRecord.Kind.values}
    figures["total"] = sum(counts.values())
    return figures


@transaction.atomic
def self_assessment_submit(
    *,
    station: Station,
    year: int,
    by: User,
    summary: str,
    workload: Mapping[str, int] | None = None,
) -> StationEvaluation:
    """The station's own report on its year (自评); may be revised until the centre evaluates it.

    ``workload`` is the services by kind the station reports (the form pre-fills it from the
    ledger; the station may add what it did on paper); without it, the ledger's figures are used.
    """
    _require_writable(station, by)
    if not summary.strip():
        raise ValidationError({"summary": _("Please write the self-assessment.")})
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("A year that has not started cannot be assessed.")})
    evaluation = (
        StationEvaluation.objects.select_for_update().filter(station=station, year=year).first()
    )
    if evaluation is not None and evaluation.status == StationEvaluation.Status.EVALUATED:
        raise ValidationError(
            _("The centre has already evaluated this year; it can no longer be changed.")
        )
    first = evaluation is None
    if first:
        evaluation = StationEvaluation(station=station, year=year)
    evaluation.self_summary = summary.strip()
    if workload is None:
        evaluation.workload = workload_for(station=station, year=year)
    else:
        figures = {}
        for kind in ServiceRecord.Kind.values:
            value = workload.get(kind) or 0
            if not isinstance(value, int) or value < 0:
                raise ValidationError({kind: _("Enter a whole number, 0 or more.")})
            figures[kind] = value
        figures["total"] = sum(figures.values())
        evaluation.workload = figures
    evaluation.self_assessed_by, evaluation.self_assessed_at = by, timezone.now()
    evaluation.full_clean()
    evaluation.save()
    if first:
        StationEvaluationLog.objects.create(
            evaluation=evaluation,
            by=by,
            from_state="",
            to_state=StationEvaluation.Status.SELF_ASSESSED,
        )
    return evaluation


@transaction.atomic
def evaluation_record(
    *,
    evaluation: StationEvaluation,
    by: User,
    scores: Mapping[str, Decimal | int | str],
    comment: str = "",
) -> StationEvaluation:
    """The centre's evaluation: a score per criterion (out of its weight), the total and the grade."""
    if not Station.objects.managed_by(by).filter(pk=evaluation.station_id).exists():
        raise PermissionDenied(_("This station is outside your area."))
    evaluation = StationEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    weights = scoring.weights()
    errors = {}
    total = Decimal("0")
    for key, (field, _label) in scoring.CRITERIA.items():
        try:
            value = Decimal(str(scores.get(key, "")).strip())
        except InvalidOperation:
            errors[key] = _("Enter a number.")
            continue
        if not (0 <= value <= weights[key]):
            errors[key] = _("Between 0 and %(max)s.") % {"max": weights[key]}
            continue
        setattr(evaluation, field, value)
        total += value
    if errors:
        raise ValidationError(errors)
    evaluation.total = total
    evaluation.grade = scoring.grade_for(total)
    evaluation.centre_comment = comment.strip()
    evaluation.evaluated_by, evaluation.evaluated_at = by, timezone.now()
    transition(
        obj=evaluation,
        to=StationEvaluation.Status.EVALUATED,
        by=by,
        allowed={StationEvaluation.Status.SELF_ASSESSED: [StationEvaluation.Status.EVALUATED]},
        log_model=StationEvaluationLog,
        log_fk="evaluation",
        reason=f"{evaluation.total} {evaluation.get_grade_display()}",
    )
    return evaluation


# ---- import ----

_KIND_WORDS = {
    "market": "market",
    "零工市场": "market",
    "市场": "market",
    "station": "station",
    "零工驿站": "station",
    "驿站": "station",
}
_MODE_WORDS = {
    "bureau": "bureau",
    "自办": "bureau",
    "人社部门自行运作": "bureau",
    "自行运营": "bureau",
    "centre_window": "centre_window",
    "窗口": "centre_window",
    "加挂牌子": "centre_window",
    "contracted": "contracted",
    "委托运营": "contracted",
    "委托": "contracted",
    "购买服务": "contracted",
}
_DATUM_WORDS = {"wgs84": "wgs84", "gps": "wgs84", "gcj02": "gcj02", "gcj-02": "gcj02", "": "gcj02"}
_TRUE_WORDS = {"1", "true", "yes", "y", "是", "启用", ""}
_SPLIT = re.compile(r"[;；,，、|/\s]+")
_HOURS_RULE = re.compile(r"^([1-7])(?:-([1-7]))?\s+(.+)$")
_SPAN = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def parse_hours(text: str) -> list[HoursRule]:
    """“1-5 08:30-12:00 14:00-17:30; 6 09:00-12:00” (1 = Monday … 7 = Sunday) → rules."""
    rules: list[HoursRule] = []
    for part in re.split(r"[;；]", text or ""):
        part = part.strip().replace("–", "-").replace("～", "-").replace("：", ":")
        if not part:
            continue
        match = _HOURS_RULE.match(part)
        if not match:
            raise ValidationError(
                _("Cannot read the hours “%(text)s”: write e.g. 1-5 08:30-17:30.") % {"text": part}
            )
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first:
            raise ValidationError(
                _("Cannot read the hours “%(text)s”: the days run backwards.") % {"text": part}
            )
        for span in match.group(3).replace(",", " ").replace("，", " ").split():
            m = _SPAN.match(span)
            if not m:
                raise ValidationError(
                    _("Cannot read the time “%(text)s”: write e.g. 08:30-17:30.") % {"text": span}
                )
            try:
                opens = datetime.time(int(m.group(1)), int(m.group(2)))
                closes = datetime.time(int(m.group(3)), int(m.group(4)))
            except ValueError as error:
                raise ValidationError(
                    _("“%(text)s” is not a time of day.") % {"text": span}
                ) from error
            rules.append((list(range(first - 1, last)), opens, closes))
    return rules


def _parse_choice(raw: str, words: Mapping[str, str], label: str) -> str:
    key = (raw or "").strip().lower()
    if key not in words:
        raise ValidationError(_("Unknown %(label)s “%(value)s”.") % {"label": label, "value": raw})
    return words[key]


#: Words staff write in spreadsheets for facilities and services (besides the codes and labels).
IMPORT_WORDS = {
    "饮水": "drinking_water",
    "饮水取用": "drinking_water",
    "急救": "first_aid",
    "急救药箱": "first_aid",
    "充电": "phone_charging",
    "手机充电": "phone_charging",
    "座椅": "rest_seats",
    "休息座椅": "rest_seats",
    "空调": "air_conditioning",
    "空调通风": "air_conditioning",
    "工具借用": "tool_lending",
    "工具寄存": "tool_lending",
    "停车": "parking",
    "车辆停放": "parking",
    "大屏": "big_screen",
    "信息发布大屏": "big_screen",
    "宣传栏": "notice_board",
    "公告宣传栏": "notice_board",
    "自助机": "self_service_kiosk",
    "自助查询机": "self_service_kiosk",
    "无障碍": "accessible_entrance",
    "无障碍设施": "accessible_entrance",
    "厕所": "toilet",
    "卫生间": "toilet",
    "wifi": "wifi",
    "求职登记": "seeker_registration",
    "岗位发布": "job_posting",
    "招聘登记": "job_posting",
    "即时快招": "instant_hire",
    "政策咨询": "policy_consultation",
    "职业指导": "career_guidance",
    "培训推荐": "training_referral",
    "权益维护": "rights_protection",
    "维权": "rights_protection",
    "创业服务": "entrepreneurship",
    "保险": "insurance_guidance",
    "专场招聘": "recruitment_events",
    "招聘会": "recruitment_events",
}


def _parse_codes(raw: str, choices: type[models.TextChoices], label: str) -> list[str]:
    by_label = {str(lbl): value for value, lbl in choices.choices}
    with translation.override("zh-hans"):
        by_label.update({str(lbl): value for value, lbl in choices.choices})
    by_label.update({w: c for w, c in IMPORT_WORDS.items() if c in choices.values})
    codes = []
    for item in _SPLIT.split(raw or ""):
        if not item:
            continue
        code = item if item in choices.values else by_label.get(item, by_label.get(item.lower()))
        if code is None:
            raise ValidationError(
                _("Unknown %(label)s “%(value)s”.") % {"label": label, "value": item}
            )
        if code not in codes:
            codes.append(code)
    return codes


def _parse_decimal(raw: str, label: str) -> Decimal | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return Decimal(raw)
    except InvalidOperation as error:
        raise ValidationError(
            _("%(label)s “%(value)s” is not a number.") % {"label": label, "value": raw}
        ) from error


def _parse_date(raw: str, label: str) -> datetime.date | None:
    raw = (raw or "").strip()[:10]
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw.replace("/", "-"))
    except ValueError as error:
        raise ValidationError(
            _("%(label)s “%(value)s” is not a date (YYYY-MM-DD).") % {"label": label, "value": raw}
        ) from error


def _row_to_fields(row: Mapping[str, str]) -> tuple[dict, list[HoursRule] | None, bool]:
    code = (row.get("code") or "").strip().lower()
    if not code or not re.fullmatch(r"[-a-z0-9_]+", code):
        raise ValidationError(
            _("The code must be letters, digits, - or _; got “%(code)s”.") % {"code": code}
        )
    region_code = (row.get("region_code") or "").strip()
    region = Region.objects.filter(code=region_code).first()
    if region is None:
        raise ValidationError(_("Region %(code)s is not known.") % {"code": region_code or "—"})
    fields = {
        "code": code,
        "name": (row.get("name") or "").strip(),
        "kind": _parse_choice(row.get("kind", ""), _KIND_WORDS, _("kind")),
        "focus": (row.get("focus") or "").strip(),
        "operating_mode": _parse_choice(
            row.get("operating_mode") or "bureau", _MODE_WORDS, _("operating mode")
        ),
        "operator_name": (row.get("operator_name") or "").strip(),
        "region": region,
        "address": (row.get("address") or "").strip(),
        "latitude": _parse_decimal(row.get("latitude", ""), _("Latitude")),
        "longitude": _parse_decimal(row.get("longitude", ""), _("Longitude")),
        "datum": _parse_choice(row.get("datum", ""), _DATUM_WORDS, _("datum")),
        "floor_area": _parse_decimal(row.get("floor_area", ""), _("Floor area")),
        "service_phone": (row.get("service_phone") or "").strip(),
        "complaint_phone": (row.get("complaint_phone") or "").strip(),
        "facilities": _parse_codes(row.get("facilities", ""), Station.Facility, _("facility")),
        "services": _parse_codes(row.get("services", ""), Station.Service, _("service")),
        "hours_note": (row.get("hours_note") or "").strip(),
        "opened_on": _parse_date(row.get("opened_on", ""), _("Opened on")),
        "closed_on": _parse_date(row.get("closed_on", ""), _("Closed on")),
        "naming_note": (row.get("naming_note") or "").strip(),
    }
    for key in ("latitude", "longitude"):
        if fields[key] is not None:
            fields[key] = fields[key].quantize(Decimal("0.000001"))
    if fields["floor_area"] is not None:
        fields["floor_area"] = fields["floor_area"].quantize(Decimal("0.1"))
    hours = parse_hours(row["hours"]) if "hours" in row else None
    active = (row.get("active") or "").strip().lower() in _TRUE_WORDS
    return fields, hours, active


def _hours_of(station: Station) -> list[tuple[int, datetime.time, datetime.time]]:
    return sorted(station.opening_hours.values_list("weekday", "opens", "closes"))


def _flatten(rules: list[HoursRule]) -> list[tuple[int, datetime.time, datetime.time]]:
    return sorted((day, opens, closes) for days, opens, closes in rules for day in days)


def _import_set_active(station: Station, active: bool, by: User | None) -> None:
    """An import retires or reopens a site: a change in its standing, logged like any other."""
    station.active = active
    station.save(update_fields=["active"])
    StationLog.objects.create(
        station=station,
        by=by,
        from_state="retired" if active else "active",
        to_state="active" if active else "retired",
        reason=_("Imported"),
    )


@transaction.atomic
def station_import(
    *,
    rows: Iterable[tuple[int, Mapping[str, str]]],
    by: User | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Load stations from rows (columns as in docs/stations.md); idempotent by code.

    A bad row is reported with its line number and changes nothing; ``--dry-run`` changes nothing.
    """
    report = ImportReport()
    for line, row in rows:
        with report.row(line):
            fields, hours, active = _row_to_fields(row)
            existing = Station.objects.filter(code=fields["code"]).first()
            if existing is None:
                station = station_register(by=by, **fields)
                if not active:
                    _import_set_active(station, False, by)
                if hours is not None:
                    station_hours_set(station=station, by=by, rules=hours)
                report.created += 1
                continue
            changed = any(getattr(existing, k) != v for k, v in fields.items())
            changed |= existing.active != active
            hours_changed = hours is not None and _flatten(hours) != _hours_of(existing)
            if not changed and not hours_changed:
                report.unchanged += 1
                continue
            if changed:
                station_update(station=existing, by=by, **fields)
                if existing.active != active:
                    _import_set_active(existing, active, by)
            if hours_changed:
                station_hours_set(station=existing, by=by, rules=hours)
            report.updated += 1
    if dry_run:
        transaction.set_rollback(True)
    return report
