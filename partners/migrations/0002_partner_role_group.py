"""The role "partner" is a group, like the other back-office roles (gigmarket.reference.ROLE_GROUPS)."""

from django.db import migrations


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name="partner")


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_partners_and_referrals"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
