"""The free-text insurance field is gone: 0012 read it into the structured fields."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0012_job_insurance_from_text"),
    ]

    operations = [
        migrations.RemoveField(model_name="job", name="insurance"),
    ]
