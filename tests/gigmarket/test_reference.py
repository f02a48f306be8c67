"""The shared vocabulary is present after migrating and reloading it changes nothing."""

import pytest

from gigmarket.models import Industry, Occupation
from gigmarket.reference import load_reference

pytestmark = pytest.mark.django_db


def test_twenty_industry_sections_a_to_t():
    assert list(Industry.objects.values_list("code", flat=True)) == list("ABCDEFGHIJKLMNOPQRST")


def test_eight_major_groups_and_about_forty_kinds_each_under_its_group():
    assert Occupation.objects.major_groups().count() == 8
    kinds = Occupation.objects.kinds()
    assert kinds.count() >= 40
    for kind in kinds:
        assert kind.parent.code == kind.code.split("-")[0]
    assert {"保洁员", "焊工", "育婴员", "养老护理员", "装卸搬运工", "普工"} <= set(
        kinds.values_list("name", flat=True)
    )


def test_loading_again_creates_nothing():
    before = Occupation.objects.count(), Industry.objects.count()
    assert load_reference() == {"industries": 0, "occupations": 0}
    assert (Occupation.objects.count(), Industry.objects.count()) == before


def test_role_groups_exist():
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {
        "county_admin",
        "station_staff",
        "reviewer",
        "auditor",
    }
