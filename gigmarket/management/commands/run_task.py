"""manage.py run_task NAME: run one scheduled task now, in this process (no worker needed)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from gigmarket.celery_app import app


def scheduled_tasks() -> list[str]:
    return sorted({entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()})


class Command(BaseCommand):
    help = "Run one of the scheduled tasks now, in this process; --list shows them."

    def add_arguments(self, parser):
        parser.add_argument("task", nargs="?", help="e.g. reports.tasks.store_previous_month")
        parser.add_argument("--list", action="store_true", help="list the scheduled tasks")

    def handle(self, *args, task=None, list=False, **options):
        if list or not task:
            for name in scheduled_tasks():
                self.stdout.write(name)
            return
        if task not in scheduled_tasks():
            raise CommandError(f"{task!r} is not a scheduled task; see run_task --list.")
        app.loader.import_default_modules()  # every app's tasks.py, as a worker would load them
        result = app.tasks[task].apply(throw=True)  # here and now, whatever the broker
        self.stdout.write(f"{task}: {result.result}")
