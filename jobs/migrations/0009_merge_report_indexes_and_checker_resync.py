"""Joins parallel branches of work: the report's indexes, the checker's rule resync and the list's
indexes (independent of each other)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0007_report_indexes"),
        ("jobs", "0008_checker_rules_resync"),
        ("jobs", "0008_merge_checker_rules_and_list_indexes"),
    ]

    operations = []
