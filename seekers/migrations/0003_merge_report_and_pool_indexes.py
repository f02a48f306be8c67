"""Joins two branches of work: the monthly report's indexes and the candidates pool's indexes
(independent of each other)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("seekers", "0002_report_indexes"),
        ("seekers", "0002_seeker_pool_indexes"),
    ]

    operations = []
