"""manage.py seed_demo: load reference and demo data (idempotent) and print the demo logins."""

from django.core.management.base import BaseCommand
from django.db import transaction

from gigmarket import demo


class Command(BaseCommand):
    help = "Load reference and demo data; safe to run again. Prints the demo logins."

    def handle(self, *args, **options):
        for step in demo.steps():
            self.stdout.write(f"· {step.name}")
            with transaction.atomic():
                step.run(lambda message: self.stdout.write(f"  {message}"))
        self.stdout.write("\n演示账号 / demo logins:")
        for label, username, password in demo.logins:
            self.stdout.write(f"  {label:<12} {username:<12} {password}")
