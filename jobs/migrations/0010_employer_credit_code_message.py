"""The credit-code constraint says what the service says (no change in the database)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gigmarket", "0003_occupation_aliases"),
        ("jobs", "0009_merge_report_indexes_and_checker_resync"),
        ("stations", "0002_registry_hours_evaluation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="employer",
            name="employer_unique_credit_code",
            constraint=models.UniqueConstraint(
                condition=models.Q(("credit_code", ""), _negated=True),
                fields=("credit_code",),
                name="employer_unique_credit_code",
                violation_error_message="An employer with this credit code is already registered.",
            ),
        ),
    ]
