"""The rights demo step: idempotent, and it degrades when there is no station."""

import pytest

from gigmarket import demo
from rights.models import Complaint

pytestmark = pytest.mark.django_db


def _run():
    step = next(s for s in demo.steps() if s.name == "rights")
    said = []
    step.run(said.append)
    return said


def test_rights_demo_without_stations_says_so():
    assert "no station" in _run()[0]
    assert Complaint.objects.count() == 0


def test_rights_demo_is_idempotent_and_covers_several_states():
    for step in demo.steps():
        if step.order < 50:
            step.run(lambda message: None)
    _run()
    count = Complaint.objects.count()
    _run()
    assert Complaint.objects.count() == count == 5
    assert {"closed", "received", "mediating", "transferred"} <= set(
        Complaint.objects.values_list("status", flat=True)
    )
    assert Complaint.objects.overdue().exists()
