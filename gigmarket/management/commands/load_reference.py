"""manage.py load_reference: create or update industries and occupations (idempotent)."""

from django.core.management.base import BaseCommand

from gigmarket.reference import load_reference


class Command(BaseCommand):
    help = "Create or update the industry sections and the occupation tree (idempotent)."

    def handle(self, *args, **options):
        created = load_reference()
        self.stdout.write(
            f"industries: {created['industries']} new; occupations: {created['occupations']} new"
        )
