"""Read each job's free-text insurance into the structured fields: recognisable words map to a
kind (no insurance, employer buys accident insurance, occupational-injury protection for platform
work) with the insurer and cover when named; anything else is kept as "other" with its text.

The words are a frozen copy of jobs/insurance.py as of this migration.
"""

import re

from django.db import migrations

NONE_WORDS = re.compile(
    r"^(?:无|没有|暂无|不提供|不买|不包|自理|无保险|否)$|无保险|没有保险|不买保险|不提供保险|保险自理"
    r"|自行购买|自己买"
)
PLATFORM_WORDS = re.compile(r"职业伤害|职伤保障|平台.{0,4}保障|骑手.{0,4}保")
ACCIDENT_WORDS = re.compile(r"意外|雇主责任|雇主险|团体险|工伤|(?:购买|买|上|交|缴|包)保险|^保险$")
INSURERS = re.compile(
    r"中国人保|人保财险|人保|中国人寿|国寿|平安|太平洋|太保|中华联合|大地保险|阳光保险|泰康"
)
COVER = re.compile(r"\d+(?:\.\d+)?\s*万元?")


def _parse(text):
    text = (text or "").strip()
    if not text or NONE_WORDS.search(text):
        return "none", "", "", ""
    insurer = INSURERS.search(text)
    insurer = insurer.group(0) if insurer else ""
    cover = COVER.search(text)
    cover = cover.group(0).replace(" ", "") if cover else ""
    if PLATFORM_WORDS.search(text):
        return "platform_injury", insurer, cover, ""
    if ACCIDENT_WORDS.search(text) or (insurer and "保" in text):
        return "employer_accident", insurer, cover, ""
    return "other", insurer, cover, text[:60]


def forwards(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    for job in Job.objects.exclude(insurance="").only("pk", "insurance").iterator():
        kind, insurer, cover, note = _parse(job.insurance)
        Job.objects.filter(pk=job.pk).update(
            insurance_kind=kind, insurer=insurer, insurance_cover=cover, insurance_note=note
        )


def backwards(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    labels = {
        "employer_accident": "雇主购买意外险",
        "platform_injury": "平台职业伤害保障",
    }
    for job in Job.objects.exclude(insurance_kind="none").iterator():
        text = job.insurance_note or labels.get(job.insurance_kind, "")
        text = " ".join(part for part in (text, job.insurer, job.insurance_cover) if part)
        Job.objects.filter(pk=job.pk).update(insurance=text[:60])


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0011_job_insurance_structured"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
