"""Create the role groups and load the reference vocabulary."""

from django.db import migrations

ROLES = ["county_admin", "station_staff", "reviewer", "auditor"]


def forwards(apps, schema_editor):
    from gigmarket.reference import load_reference

    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)
    load_reference(apps)


class Migration(migrations.Migration):
    dependencies = [("gigmarket", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
