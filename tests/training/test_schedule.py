"""#12: a programme's page said "每天 9:00–12:00、14:00–17:00" while its sessions were mornings only.
The schedule is now read from the dated sessions: one source of truth."""

import datetime

import pytest

from tests.training.factories import EnrollingProgrammeFactory, SessionFactory
from training.schedule import schedule_summary

pytestmark = pytest.mark.django_db


def test_the_page_says_what_the_sessions_say(client):
    programme = EnrollingProgrammeFactory()  # three days, mornings only
    body = client.get(programme.get_absolute_url()).content.decode()
    schedule = body.split('id="schedule">')[1].split("</dd>")[0]
    assert schedule.startswith("每天 9:00–12:00") and "14:00" not in schedule
    assert "3 次课" in schedule
    # Afternoons added: the page follows.
    day = programme.start_date
    while day <= programme.end_date:
        SessionFactory(
            programme=programme, date=day, starts=datetime.time(14), ends=datetime.time(17)
        )
        day += datetime.timedelta(days=1)
    body = client.get(programme.get_absolute_url()).content.decode()
    assert 'id="schedule">每天 9:00–12:00、14:00–17:00' in body


def test_without_sessions_the_page_says_times_are_not_set(client):
    programme = EnrollingProgrammeFactory()
    programme.sessions.all().delete()
    body = client.get(programme.get_absolute_url()).content.decode()
    assert "9:00" not in body.split('id="schedule">')[1].split("</dd>")[0]


class _S:
    def __init__(self, date, starts, ends):
        self.date, self.starts, self.ends = date, datetime.time(*starts), datetime.time(*ends)


def test_summary_names_weekdays_and_uneven_times():
    monday = datetime.date(2026, 12, 7)
    weekdays = [
        _S(monday + datetime.timedelta(days=n), (9,), (12,)) for n in range(12) if n % 7 < 5
    ]
    assert schedule_summary(weekdays).startswith("工作日 9:00–12:00")
    uneven = [_S(monday, (9,), (12,)), _S(monday + datetime.timedelta(days=2), (14,), (17, 30))]
    text = schedule_summary(uneven)
    assert "周一" in text and "周三" in text and "14:00–17:30" in text
    assert schedule_summary([]) == ""
