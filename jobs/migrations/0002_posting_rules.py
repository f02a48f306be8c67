"""Copy the posting checker's built-in rule list into PostingRule, where the county admin edits it."""

from django.db import migrations


def seed_rules(apps, schema_editor):
    from jobs.checker import DEFAULT_RULES

    PostingRule = apps.get_model("jobs", "PostingRule")
    for category, severity, pattern in DEFAULT_RULES:
        PostingRule.objects.get_or_create(category=category, pattern=pattern, defaults={"severity": severity})


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [migrations.RunPython(seed_rules, migrations.RunPython.noop)]
