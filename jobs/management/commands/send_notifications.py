"""Send the notification outbox's unsent rows, each once, through the configured sender."""

from django.core.management.base import BaseCommand

from jobs.services import notifications_send


class Command(BaseCommand):
    help = "Send unsent notifications (sign-ups, recommendations, confirmations) once each."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit=500, **options):
        sent = notifications_send(limit=limit)
        self.stdout.write(f"{sent} sent")
