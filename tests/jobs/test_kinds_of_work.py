"""#12: the public kind-of-work filter lists only the concrete kinds of gig work, grouped, most-asked
first; occupations carry the words people use ("采茶"), loaded with the reference data, editable,
and the public keyword search finds jobs by them."""

import re

import pytest
from django.urls import reverse

from gigmarket.models import Occupation
from gigmarket.reference import OCCUPATION_KINDS, load_reference
from tests.jobs.factories import OpenJobFactory

pytestmark = pytest.mark.django_db


def _occupation_select(body: str) -> str:
    return body.split('name="occupation"')[1].split("</select>")[0]


def test_the_filter_lists_only_concrete_kinds_grouped(client):
    select = _occupation_select(client.get(reverse("jobs:job_list")).content.decode())
    options = re.findall(r'<option value="([^"]+)"', select)
    assert len(options) == len(OCCUPATION_KINDS)
    assert all("-" in code for code in options)  # no major group such as 7 军队人员
    assert "军队人员" not in select
    groups = re.findall(r'<optgroup label="([^"]+)"', select)
    assert "社会生产服务和生活服务人员" in groups and "军队人员" not in groups


def test_the_most_asked_kinds_come_first(client):
    tea = Occupation.objects.get(code="5-03")
    movers = Occupation.objects.get(code="4-09")
    OpenJobFactory.create_batch(3, occupation=tea)
    OpenJobFactory(occupation=movers)
    select = _occupation_select(client.get(reverse("jobs:job_list")).content.decode())
    groups = re.findall(r'<optgroup label="([^"]+)"', select)
    assert groups[0] == tea.parent.name and groups[1] == movers.parent.name
    first = re.findall(r'<option value="([^"]+)"', select)[0]
    assert first == "5-03"


def test_choosing_a_kind_filters_the_list(client):
    tea = OpenJobFactory(occupation=Occupation.objects.get(code="5-03"), title="茶叶采摘季节工")
    other = OpenJobFactory(title="仓库装卸")
    body = client.get(reverse("jobs:job_list") + "?occupation=5-03").content.decode()
    assert tea.title in body and other.title not in body


def test_searching_what_people_say_finds_the_kind_of_work(client):
    tea = OpenJobFactory(
        occupation=Occupation.objects.get(code="5-03"),
        title="茶叶采摘季节工",
        content="春茶季节，按斤计价。",
    )
    other = OpenJobFactory(title="仓库装卸")
    body = client.get(reverse("jobs:job_list") + "?q=采茶").content.decode()
    assert tea.title in body and other.title not in body


def test_aliases_are_reference_data_and_what_an_admin_adds_is_kept():
    tea = Occupation.objects.get(code="5-03")
    assert "采茶" in tea.aliases.split("、")
    tea.aliases = "采茶、茶山活"
    tea.save()
    load_reference()
    tea.refresh_from_db()
    words = tea.aliases.split("、")
    assert "茶山活" in words and "摘茶" in words and words.count("采茶") == 1
