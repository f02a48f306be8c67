"""Joins two branches of work: the checker's rules and the job list's indexes (independent)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0007_checker_rules_negation_and_variants"),
        ("jobs", "0007_job_list_indexes"),
    ]

    operations = []
