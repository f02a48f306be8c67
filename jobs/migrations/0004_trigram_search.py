"""On PostgreSQL, trigram indexes so keyword search (LIKE '%…%') on Chinese text stays fast."""

from django.db import migrations

INDEXES = [
    ("jobs_job_title_trgm", "title"),
    ("jobs_job_content_trgm", "content"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON jobs_job USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_verbose_names")]

    operations = [migrations.RunPython(create, drop)]
