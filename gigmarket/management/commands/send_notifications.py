"""Send the outbox's due messages, each once, through the configured sender."""

from django.core.management.base import BaseCommand

from gigmarket.notify import deliver


class Command(BaseCommand):
    help = "Send the outbox's due messages once each (quiet hours, daily cap and retries apply)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit=500, **options):
        sent = deliver(limit=limit)
        self.stdout.write(f"{sent} sent")
