"""Create the role groups and load the reference vocabulary."""

from django.db import migrations

def forwards(apps, schema_editor):
    from gigmarket.reference import load_reference

    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("gigmarket", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
