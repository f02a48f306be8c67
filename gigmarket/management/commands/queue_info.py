"""Say how tasks run here: inline (no broker, make run) or through the queue (worker and beat)."""

from django.core.management.base import BaseCommand

from gigmarket.celery_app import broker_label, runs_inline


class Command(BaseCommand):
    help = "Print whether tasks run inline or go to the queue's broker."

    def handle(self, *args, **options):
        if runs_inline():
            self.stdout.write(
                "任务在请求内直接运行（未设置 CELERY_BROKER_URL），定时任务不会自动运行。\n"
                "Tasks run inline (eager): CELERY_BROKER_URL is not set, so nothing is queued and "
                "the schedule does not run; see docs/operations.md."
            )
        else:
            self.stdout.write(
                f"任务进入队列 / tasks are queued at {broker_label()}; "
                "they run only while `celery worker` and `celery beat` run (docs/operations.md)."
            )
