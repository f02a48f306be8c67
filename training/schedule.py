"""A programme's schedule in words, read from its dated sessions (the one source of truth)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _clock(moment: datetime.time) -> str:
    return f"{moment.hour}:{moment.minute:02d}"


def _days_pattern(days: list[datetime.date]) -> str:
    """每天 / 工作日 / 周一、周三 / one date, from the days that have sessions."""
    if len(days) == 1:
        return days[0].strftime("%Y-%m-%d")
    every = [days[0] + datetime.timedelta(days=n) for n in range((days[-1] - days[0]).days + 1)]
    if days == every:
        return _("every day")
    weekdays_between = [d for d in every if d.weekday() < 5]
    if days == weekdays_between:
        return _("every weekday")
    names = [
        _("Mondays"),
        _("Tuesdays"),
        _("Wednesdays"),
        _("Thursdays"),
        _("Fridays"),
        _("Saturdays"),
        _("Sundays"),
    ]
    return "、".join(names[w] for w in sorted({d.weekday() for d in days}))


def schedule_summary(sessions: Iterable) -> str:
    """E.g. "每天 9:00–12:00、14:00–17:00（共 10 次课）"; empty while no session is set."""
    sessions = list(sessions)
    if not sessions:
        return ""
    days = sorted({s.date for s in sessions})
    slots = sorted({(s.starts, s.ends) for s in sessions})
    times = "、".join(f"{_clock(a)}–{_clock(b)}" for a, b in slots)
    per_day: dict[datetime.date, set] = {}
    for s in sessions:
        per_day.setdefault(s.date, set()).add((s.starts, s.ends))
    same_every_day = all(day_slots == set(slots) for day_slots in per_day.values())
    count = ngettext("%(n)d session", "%(n)d sessions", len(sessions)) % {"n": len(sessions)}
    if same_every_day:
        return _("%(days)s %(times)s (%(count)s)") % {
            "days": _days_pattern(days),
            "times": times,
            "count": count,
        }
    return _("%(days)s, between %(times)s; times differ by day (%(count)s)") % {
        "days": _days_pattern(days),
        "times": times,
        "count": count,
    }
