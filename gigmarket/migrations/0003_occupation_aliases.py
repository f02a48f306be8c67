"""Occupations get their colloquial aliases (采茶 for 茶叶采摘工 …), loaded with the reference data."""

from django.db import migrations, models


def forwards(apps, schema_editor):
    from gigmarket.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("gigmarket", "0002_roles_and_reference")]

    operations = [
        migrations.AddField(
            model_name="occupation",
            name="aliases",
            field=models.CharField(
                blank=True,
                help_text=(
                    "What people call this kind of work (e.g. 采茶、摘茶), separated by 、; "
                    "the public job search finds its jobs by these words."
                ),
                max_length=300,
                verbose_name="also called",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
