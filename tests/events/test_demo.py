"""The events demo step: a fair next Saturday with employers and the demo seeker, and a live
stream on now; idempotent, and it degrades without the demo staff."""

import pytest

from events.models import Event, Registration
from gigmarket import demo

pytestmark = pytest.mark.django_db


def _run():
    step = next(s for s in demo.steps() if s.name == "events")
    said = []
    step.run(said.append)
    return said


def test_events_demo_without_staff_says_so():
    assert "skipped" in _run()[0]
    assert not Event.objects.exists()


def test_events_demo_is_idempotent():
    for step in demo.steps():
        if step.order < 45:
            step.run(lambda message: None)
    _run()
    _run()
    assert Event.objects.count() == 2
    fair = Event.objects.get(kind=Event.Kind.FAIR)
    assert fair.state == Event.State.OPEN and fair.starts_at.weekday() in (4, 5)
    assert fair.participations.exists()
    assert Registration.objects.filter(event=fair).count() <= 1
    assert any(e.is_live() for e in Event.objects.filter(kind=Event.Kind.LIVE_STREAM))
