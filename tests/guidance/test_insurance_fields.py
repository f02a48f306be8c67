"""A job's insurance in structured fields: reading old words (import, data migration), the job
page and the feed, and the checker's warning on risky work posted without insurance."""

import datetime
import importlib

import pytest
from django.urls import reverse

from gigmarket.models import Occupation
from jobs import checker
from jobs.insurance import parse_insurance
from jobs.services import postings
from tests.jobs.factories import JobFactory, OpenJobFactory

MIGRATION = importlib.import_module("jobs.migrations.0012_job_insurance_from_text")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("", "none"),
        ("无", "none"),
        ("保险自理", "none"),
        ("雇主购买意外险", "employer_accident"),
        ("公司买团体意外险，人保，保额50万", "employer_accident"),
        ("平台职业伤害保障", "platform_injury"),
        ("五险一金", "other"),
    ],
)
def test_old_words_map_to_a_kind_in_the_import_and_the_migration_alike(text, kind):
    assert parse_insurance(text)[0] == kind
    assert MIGRATION._parse(text)[0] == kind


def test_unrecognised_words_are_kept_as_other_and_insurer_and_cover_are_read():
    assert parse_insurance("五险一金") == ("other", "", "", "五险一金")
    assert parse_insurance("公司买团体意外险，人保，保额50万") == (
        "employer_accident",
        "人保",
        "50万",
        "",
    )


def test_the_import_reads_a_kind_code_words_or_separate_insurer_columns():
    assert postings._insurance({"insurance": "platform_injury"})["insurance_kind"] == (
        "platform_injury"
    )
    assert postings._insurance({"insurance": "雇主购买意外险"})["insurance_kind"] == (
        "employer_accident"
    )
    row = postings._insurance({"insurance": "", "insurer": "平安", "insurance_cover": "30万"})
    assert row == {
        "insurance_kind": "employer_accident",
        "insurer": "平安",
        "insurance_cover": "30万",
        "insurance_note": "",
    }


@pytest.mark.django_db
def test_other_insurance_must_say_what_it_is():
    job = JobFactory(insurance_kind="other", insurance_note="")
    with pytest.raises(Exception) as caught:
        job.full_clean()
    assert "insurance_note" in caught.value.message_dict


@pytest.mark.django_db
def test_risky_work_without_insurance_is_warned_and_covered_or_safe_work_is_not():
    site = JobFactory.build(
        occupation=Occupation.objects.get(code="6-16"),
        insurance_kind="none",
        start_date=datetime.date(2026, 12, 1),
        end_date=datetime.date(2026, 12, 2),
    )
    assert [f.category for f in checker.check_terms(site)] == ["insurance"]
    site.insurance_kind = "employer_accident"
    assert checker.check_terms(site) == []
    warehouse = JobFactory.build(insurance_kind="none", content="仓库卸货")
    assert checker.check_terms(warehouse) == []
    warehouse.content = "在外墙脚手架上刷漆"
    finding = checker.check_terms(warehouse)[0]
    assert (finding.category, finding.severity, finding.phrase) == ("insurance", "warn", "外墙")


@pytest.mark.django_db
def test_the_job_page_and_the_feed_show_the_insurance(client):
    job = OpenJobFactory(
        insurance_kind="employer_accident", insurer="中国人寿", insurance_cover="50万"
    )
    page = client.get(job.get_absolute_url()).content.decode()
    assert "雇主购买意外险 · 中国人寿 · 50万" in page
    feed = client.get(reverse("jobs:feed_json")).json()
    assert feed["itemListElement"][0]["jobBenefits"] == "雇主购买意外险 · 中国人寿 · 50万"
    bare = OpenJobFactory()
    assert "无保险" in client.get(bare.get_absolute_url()).content.decode()
